#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A hostile DNS server for net_dns_malicious.sh: for each query it
first sends a malicious response chosen by the name's first label (the
AMNESIA:33 and NAME:WRECK shapes, RFC 5452 spoofs), then the honest
answer, 192.0.2.77, built by scapy. The resolver must drop the first,
count it, and take the second.

Usage: dns_evil.py ADDR   (prints "ready" once it listens on ADDR:53)
"""
import socket
import struct
import sys

from scapy.layers.dns import DNS, DNSRR

GOOD = '192.0.2.77'


def honest(query):
    q = query[DNS]
    return bytes(DNS(id=q.id, qr=1, aa=1, rd=q.rd, ra=1, qd=q.qd,
                     an=DNSRR(rrname=q.qd.qname, type='A', ttl=60,
                              rdata=GOOD)))


def hdr(qid, flags, qd, an, ns=0, ar=0):
    return struct.pack('!HHHHHH', qid, flags, qd, an, ns, ar)


def question(raw):
    """The question section of the query, as it came."""
    end = 12
    while raw[end]:
        end += raw[end] + 1
    return raw[12:end + 5]


def rr_tail(rdata, rtype=1, ttl=60):
    return struct.pack('!HHIH', rtype, 1, ttl, len(rdata)) + rdata


def evil(kind, raw):
    """The malicious response for @kind, or None."""
    qid = struct.unpack('!H', raw[:2])[0]
    qs = question(raw)
    a = bytes([6, 6, 6, 6])
    ok = 0x8180
    if kind == 'loop':		# a pointer to itself
        off = 12 + len(qs)
        return hdr(qid, ok, 1, 1) + qs + struct.pack('!H', 0xc000 | off) + rr_tail(a)
    if kind == 'loop2':		# two names pointing at each other
        off = 12 + len(qs)
        return (hdr(qid, ok, 1, 2) + qs + b'\x01a' + struct.pack('!H', 0xc000 | (off + 18))
                + rr_tail(a) + b'\x01b' + struct.pack('!H', 0xc000 | off) + rr_tail(a))
    if kind == 'fwd':		# a forward pointer
        off = 12 + len(qs)
        return hdr(qid, ok, 1, 1) + qs + struct.pack('!H', 0xc000 | (off + 2)) + b'\x00' + rr_tail(a)
    if kind == 'oob':		# a pointer past the end
        return hdr(qid, ok, 1, 1) + qs + b'\xff\xff' + rr_tail(a)
    if kind == 'badid':		# RFC 5452: another ID
        return hdr(qid ^ 0x5555, ok, 1, 1) + qs + b'\xc0\x0c' + rr_tail(a)
    if kind == 'count':		# counts the message cannot hold
        return hdr(qid, ok, 1, 0xffff, 0xffff, 0xffff) + qs + b'\xc0\x0c' + rr_tail(a)
    if kind == 'rdlen':		# rdlength past the end
        return hdr(qid, ok, 1, 1) + qs + b'\xc0\x0c' + struct.pack('!HHIH', 1, 1, 60, 400) + a
    if kind == 'alen':		# an A record of 5 bytes
        return hdr(qid, ok, 1, 1) + qs + b'\xc0\x0c' + rr_tail(a + b'\x06')
    if kind == 'question':	# an answer to another question
        other = b'\x04evil\x04test\x00\x00\x01\x00\x01'
        return hdr(qid, ok, 1, 1) + other + b'\xc0\x0c' + rr_tail(a)
    if kind == 'label':		# reserved label type 0x40
        return hdr(qid, ok, 1, 1) + qs + b'\x41x\x00' + rr_tail(a)
    if kind == 'past':		# a label running past the end
        return hdr(qid, ok, 1, 1) + qs + b'\x3f' + b'x' * 20
    if kind == 'long':		# a name over 255 bytes through pointers
        # The labels sit in a TXT record's data, each block pointing back
        # at the one before; an A record's name then starts at the last.
        body, prev = b'', 0
        base = 12 + len(qs) + 12
        for _ in range(6):
            here = base + len(body)
            body += b'\x3c' + b'a' * 60
            body += struct.pack('!H', 0xc000 | prev) if prev else b'\x00'
            prev = here
        return (hdr(qid, ok, 1, 2) + qs + b'\xc0\x0c' + rr_tail(body, 16)
                + struct.pack('!H', 0xc000 | prev) + rr_tail(a))
    if kind == 'query':		# QR clear: not a response
        return hdr(qid, 0x0100, 1, 0) + qs
    if kind == 'short':
        return raw[:5]
    return None


def main():
    addr = sys.argv[1]
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind((addr, 53))
    # Spoofs from the server's address but another port (RFC 5452).
    other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    other.bind((addr, 5300))
    print('ready', flush=True)
    while True:
        raw, peer = s.recvfrom(4096)
        try:
            query = DNS(raw)
            name = query.qd.qname.decode()
        except Exception:	# pylint: disable=broad-except
            continue
        kind = name.split('.')[0]
        print('query', kind, flush=True)
        if kind == 'port':
            other.sendto(honest(DNS(raw)), peer)
        else:
            bad = evil(kind, raw)
            if bad is not None:
                s.sendto(bad, peer)
        if kind == 'unrelated':
            # A record for another name next to the right one: only the
            # right one may be used.
            q = query
            s.sendto(bytes(DNS(id=q.id, qr=1, aa=1, rd=q.rd, ra=1, qd=q.qd,
                               an=DNSRR(rrname='evil.test.', type='A', ttl=60,
                                        rdata='6.6.6.6')
                               / DNSRR(rrname=q.qd.qname, type='A', ttl=60,
                                       rdata=GOOD))), peer)
            continue
        s.sendto(honest(query), peer)


if __name__ == '__main__':
    main()
