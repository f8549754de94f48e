#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Writes the hand-made seed inputs of corpus/<harness>/: valid and
borderline IPv4 headers with options (RFC 791), IPv6 extension header
chains (RFC 8200 4), ND messages and options (RFC 4861 4.6), TCP option
areas (RFC 9293 3.2, RFC 7323, RFC 2018) and UDP datagrams (RFC 768,
RFC 3828), and their truncations; and the step programs of the
reassembly harness (RFC 791 3.2, RFC 8200 4.5, RFC 5722, RFC 1858) and
of TCP's out-of-order queue (RFC 9293 3.10.7.4, RFC 2018, RFC 2883)
and SACK scoreboard (RFC 6675).
Run it from anywhere; it rewrites only the seed-* files."""
import os
import struct

HERE = os.path.dirname(os.path.abspath(__file__))


def csum(b):
    if len(b) % 2:
        b += b'\0'
    s = sum(struct.unpack('!%dH' % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def write(harness, name, data):
    d = os.path.join(HERE, 'corpus', harness)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, 'seed-' + name), 'wb') as f:
        f.write(data)


def ip4(opts=b'', payload=b'\0' * 8, frag=0, proto=17, fix=True):
    ihl = 5 + (len(opts) + 3) // 4
    opts = opts + b'\0' * (ihl * 4 - 20 - len(opts))
    tot = ihl * 4 + len(payload)
    h = struct.pack('!BBHHHBBH4s4s', 0x40 | ihl, 0, tot, 0x1234, frag, 64,
                    proto, 0, bytes([192, 0, 2, 1]), bytes([192, 0, 2, 2]))
    h += opts
    if fix:
        h = h[:10] + struct.pack('!H', csum(h)) + h[12:]
    return h + payload


def seeds_ip4():
    h = 'fuzz_ip4'
    write(h, 'plain', ip4())
    write(h, 'ra', ip4(b'\x94\x04\0\0'))
    write(h, 'lsrr', ip4(b'\x01\x83\x07\x04' + bytes([192, 0, 2, 9])))
    write(h, 'ssrr', ip4(b'\x89\x07\x04' + bytes(4)))
    write(h, 'rr-ts', ip4(b'\x07\x07\x04' + bytes(4) + b'\x44\x0c\x05\x00'
                          + bytes(8)))
    write(h, 'nop-eol', ip4(b'\x01\x01\x00\x94\x04\0\0'))
    write(h, 'maxopts', ip4(b'\x01' * 36 + b'\x94\x04\0\0'))
    write(h, 'optlen0', ip4(b'\x44\x00\0\0'))
    write(h, 'optlen-over', ip4(b'\x44\x09\0\0'))
    write(h, 'frag', ip4(frag=0x2000 | 0x10))
    write(h, 'df', ip4(frag=0x4000))
    write(h, 'badsum', ip4(fix=False))
    write(h, 'trunc', ip4(b'\x94\x04\0\0')[:22])
    write(h, 'ihl4', b'\x44' + ip4()[1:])


def ext(nh, body):
    assert (len(body) + 2) % 8 == 0
    return bytes([nh, (len(body) + 2) // 8 - 1]) + body


def ip6(nh, chain, payload=b'\0' * 8):
    plen = len(chain) + len(payload)
    return (struct.pack('!IHBB', 0x60000000, plen, nh, 64)
            + bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [1])
            + bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [2])
            + chain + payload)


def seeds_ip6():
    h = 'fuzz_ip6_ext'
    udp = 17
    write(h, 'plain', ip6(udp, b''))
    write(h, 'hbh-ra', ip6(0, ext(udp, b'\x05\x02\0\0\x01\x00')))
    write(h, 'hbh-padn', ip6(0, ext(udp, b'\x01\x04\0\0\0\0')))
    write(h, 'hbh-pad1', ip6(0, ext(udp, b'\0' * 6)))
    write(h, 'hbh-jumbo', ip6(0, ext(udp, b'\xc2\x04\0\1\0\0')))
    write(h, 'dst-unknown-skip', ip6(60, ext(udp, b'\x1e\x04\0\0\0\0')))
    write(h, 'dst-unknown-drop', ip6(60, ext(udp, b'\x5e\x04\0\0\0\0')))
    write(h, 'dst-unknown-perr', ip6(60, ext(udp, b'\x9e\x04\0\0\0\0')))
    write(h, 'dst-unknown-perr-nomc', ip6(60, ext(udp, b'\xde\x04\0\0\0\0')))
    write(h, 'rh-sl0', ip6(43, ext(udp, b'\x00\x00' + bytes(4))))
    write(h, 'rh0-sl1', ip6(43, ext(udp, b'\x00\x01' + bytes(4) + bytes(16))))
    write(h, 'frag-atomic', ip6(44, bytes([udp, 0, 0, 0, 1, 2, 3, 4])))
    write(h, 'frag-first', ip6(44, bytes([udp, 0, 0, 1, 1, 2, 3, 4])))
    write(h, 'frag-later', ip6(44, bytes([60, 0, 0, 0x11, 1, 2, 3, 4]),
                               b'\0' * 16))
    write(h, 'frag-first-nonext', ip6(44, bytes([59, 0, 0, 1, 1, 2, 3, 4]),
                                      b''))
    write(h, 'frag-first-trunc', ip6(44, bytes([udp, 0, 0, 1, 1, 2, 3, 4]),
                                     b''))
    write(h, 'frag-twice', ip6(44, bytes([44, 0, 0, 1, 1, 2, 3, 4])
                               + bytes([udp, 0, 0, 1, 1, 2, 3, 4])))
    write(h, 'hbh-late', ip6(60, ext(0, b'\0' * 6) + ext(udp, b'\0' * 6)))
    chain = ext(60, b'\0' * 6) + ext(43, b'\0' * 6) + \
        ext(44, b'\0' * 6)[:0] + bytes([60, 0, 0, 1, 9, 9, 9, 9]) + \
        ext(udp, b'\x01\x04\0\0\0\0')
    write(h, 'chain', ip6(0, chain))
    long = b''.join(ext(60, b'\0' * 6) for _ in range(9))
    write(h, 'chain-9', ip6(60, long[:-8] + ext(udp, b'\0' * 6)))
    write(h, 'chain-big', ip6(60, ext(udp, b'\x01\x04\0\0\0\0' + bytes(512))
                              [:2] + b'\x01\x04' + bytes(516)))
    write(h, 'trunc-hdr', ip6(0, b'\x11\x01\x01\x04')[:44])
    write(h, 'short', ip6(udp, b'')[:39])


LL = bytes([0xfe, 0x80] + [0] * 13 + [1])
ALLNODES = bytes([0xff, 0x02] + [0] * 13 + [1])
TGT = bytes([0x20, 0x01, 0x0d, 0xb8] + [0] * 11 + [5])
MAC = bytes([0x02, 0, 0, 0, 0, 1])


def nd(msg, hop=255, src=LL, dst=ALLNODES):
    return bytes([hop]) + src + dst + msg


def opt_ll(kind):
    return bytes([kind, 1]) + MAC


def opt_pi(plen=64, flags=0xc0):
    return (bytes([3, 4, plen, flags]) + struct.pack('!II', 3600, 1800)
            + bytes(4) + TGT[:8] + bytes(8))


def seeds_nd6():
    h = 'fuzz_nd6_opts'
    ra = bytes([134, 0, 0, 0, 64, 0xc0]) + struct.pack('!HII', 1800, 0, 0)
    mtu = bytes([5, 1, 0, 0]) + struct.pack('!I', 1500)
    rdnss = bytes([25, 3, 0, 0]) + struct.pack('!I', 600) + TGT
    write(h, 'ra', nd(ra + opt_ll(1) + mtu + opt_pi() + rdnss))
    write(h, 'ra-8pfx', nd(ra + b''.join(opt_pi(64 + i) for i in range(9))))
    write(h, 'ra-pfx129', nd(ra + opt_pi(129)))
    write(h, 'ra-global-src', nd(ra, src=TGT))
    write(h, 'ra-hop64', nd(ra, hop=64))
    write(h, 'ra-optlen0', nd(ra + bytes([1, 0]) + MAC))
    write(h, 'ra-optover', nd(ra + bytes([1, 2]) + MAC))
    write(h, 'ra-unknown', nd(ra + bytes([200, 1]) + bytes(6)))
    rs = bytes([133, 0, 0, 0, 0, 0, 0, 0])
    write(h, 'rs', nd(rs + opt_ll(1)))
    write(h, 'rs-any-sllao', nd(rs + opt_ll(1), src=bytes(16)))
    ns = bytes([135, 0, 0, 0, 0, 0, 0, 0]) + TGT
    snm = bytes([0xff, 0x02] + [0] * 9 + [1, 0xff]) + TGT[13:]
    write(h, 'ns', nd(ns + opt_ll(1), dst=snm))
    write(h, 'ns-dad', nd(ns + bytes([14, 1]) + bytes(6), src=bytes(16),
                          dst=snm))
    write(h, 'ns-dad-sllao', nd(ns + opt_ll(1), src=bytes(16), dst=snm))
    na = bytes([136, 0, 0, 0, 0x60, 0, 0, 0]) + TGT
    write(h, 'na', nd(na + opt_ll(2), dst=LL))
    write(h, 'na-mc-solicited', nd(na + opt_ll(2)))
    rd = bytes([137, 0, 0, 0, 0, 0, 0, 0]) + LL + TGT
    write(h, 'redirect', nd(rd + opt_ll(2) + bytes([4, 2]) + bytes(14),
                            dst=LL))
    q1 = bytes([130, 0, 0, 0, 0x27, 0x10, 0, 0]) + bytes(16)
    write(h, 'mld1-query', nd(q1, hop=1, dst=ALLNODES))
    q2 = (bytes([130, 0, 0, 0, 0x80, 0x10, 0, 0]) + ALLNODES
          + bytes([0x0a, 0x85]) + struct.pack('!H', 1) + TGT)
    write(h, 'mld2-query', nd(q2, hop=1))
    write(h, 'mld2-query-nsrc-over', nd(q2[:26] + b'\x00\x05' + TGT, hop=1))
    write(h, 'trunc', nd(ra[:10]))
    # The harness also checks the 8 bytes after the first three as an IID.
    for name, iid in (('zero', bytes(8)),
                      ('ianaoui', bytes([2, 0, 0x5e, 0xff, 0xfe, 1, 2, 3])),
                      ('anycast', bytes([0xfd] + [0xff] * 6 + [0x80]))):
        b = bytearray(nd(rs))
        b[3:11] = iid
        write(h, 'iid-' + name, bytes(b))


def seeds_tcp():
    h = 'fuzz_tcp_opts'
    mss = b'\x02\x04\x05\xb4'
    ws = b'\x01\x03\x03\x07'
    sackp = b'\x04\x02'
    ts = b'\x08\x0a' + struct.pack('!II', 1, 2)
    sack = b'\x01\x01\x05\x12' + struct.pack('!4I', 100, 200, 300, 400)
    write(h, 'syn-linux', b'\x01' + mss + sackp + ts + b'\x01' + ws[1:])
    write(h, 'syn-ws15', b'\x01' + b'\x03\x03\x0f')
    write(h, 'ack-ts', b'\x00' + b'\x01\x01' + ts)
    write(h, 'ack-sack', b'\x00' + b'\x01\x01' + ts + sack)
    write(h, 'ack-sack4', b'\x00\x01\x01\x05\x22'
          + struct.pack('!8I', *range(8)))
    write(h, 'sack5', b'\x00\x05\x2a' + bytes(40))
    write(h, 'sack-odd', b'\x00\x05\x0b' + bytes(9))
    write(h, 'unknown', b'\x01\x1e\x06' + bytes(4) + b'\x00')
    write(h, 'len0', b'\x01\x02\x00\x05\xb4')
    write(h, 'len1', b'\x01\x13\x01')
    write(h, 'len-over', b'\x01\x02\x08\x05\xb4')
    write(h, 'eol', b'\x01\x00\x02\x00')
    write(h, 'mss-bad', b'\x01\x02\x05\x05\xb4\x00')
    # A whole segment for the checksum paths: addresses, header, payload.
    seg = struct.pack('!HHIIBBHHH', 1234, 80, 1, 0, 0x50, 0x02, 65535, 0, 0)
    write(h, 'segment4', b'\x01' + bytes(range(32)) + seg + b'data!')
    write(h, 'segment6', b'\x03' + bytes(range(32)) + seg + b'odd')


def seeds_udp():
    h = 'fuzz_udp'
    addrs = bytes([192, 0, 2, 1, 192, 0, 2, 2]) + bytes(24)
    dg = struct.pack('!HHHH', 1000, 53, 13, 0) + b'hello'
    write(h, 'udp4-nosum', b'\x00' + addrs + b'\x00\x00' + dg)
    write(h, 'udp6-nosum', b'\x02' + addrs + b'\x00\x00' + dg)
    ph = bytes([192, 0, 2, 1, 192, 0, 2, 2, 0, 17, 0, 13])
    s = csum(ph + dg)
    write(h, 'udp4-sum', b'\x00' + addrs + b'\x00\x00' + dg[:6]
          + struct.pack('!H', s) + dg[8:])
    lite = struct.pack('!HHHH', 1000, 53, 8, 0x1234) + b'payload'
    write(h, 'lite4-cov8', b'\x05' + addrs + b'\x00\x08' + lite)
    write(h, 'lite6-cov0', b'\x07' + addrs + b'\x00\x00' + lite[:4]
          + b'\x00\x00' + lite[6:])
    write(h, 'lite-cov-over', b'\x01' + addrs + b'\xff\xff' + lite[:4]
          + b'\x00\x63' + lite[6:])
    write(h, 'lite-cov-small', b'\x05' + addrs + b'\x00\x03' + lite[:4]
          + b'\x00\x04' + lite[6:])


def seeds_dns():
    """DNS responses (RFC 1035 4.1) to www.example.test, ID 0x1234, the
    flags byte first (bit 0 AAAA, bit 1 mDNS), and the malicious shapes
    of AMNESIA:33 and NAME:WRECK."""
    h = 'fuzz_dns'
    q = b'\x03www\x07example\x04test\x00'

    def msg(flags, counts, body, qtype=1):
        hdr = struct.pack('!HHHHHH', 0x1234, flags, *counts)
        return hdr + q + struct.pack('!HH', qtype, 1) + body

    def rr(rtype, ttl, rdata, name=b'\xc0\x0c'):
        return name + struct.pack('!HHIH', rtype, 1, ttl, len(rdata)) + rdata

    a = rr(1, 300, bytes([192, 0, 2, 10]))
    write(h, 'a', b'\x00' + msg(0x8180, (1, 1, 0, 0), a))
    write(h, 'aaaa', b'\x01' + msg(0x8180, (1, 1, 0, 0),
          rr(28, 60, bytes(15) + b'\x10'), 28))
    cname = rr(5, 60, b'\x03web\xc0\x10')
    write(h, 'cname', b'\x00' + msg(0x8180, (1, 2, 0, 0), cname +
          rr(1, 60, bytes([192, 0, 2, 11]), b'\xc0\x22')))
    soa = rr(6, 900, b'\xc0\x10\xc0\x10' + struct.pack('!5I', 1, 2, 3, 4, 120),
             b'\xc0\x10')
    write(h, 'nxdomain-soa', b'\x00' + msg(0x8183, (1, 0, 1, 0), soa))
    write(h, 'tc', b'\x00' + msg(0x8380, (1, 0, 0, 0), b''))
    write(h, 'mdns-noq', b'\x02' + struct.pack('!HHHHHH', 0x1234, 0x8400,
          0, 1, 0, 0) + q + struct.pack('!HHIH', 1, 0x8001, 120, 4)
          + bytes([192, 0, 2, 12]))
    write(h, 'ptr-self', b'\x00' + msg(0x8180, (1, 1, 0, 0),
          b'\xc0\x22' + a[2:]))
    write(h, 'ptr-forward', b'\x00' + msg(0x8180, (1, 1, 0, 0),
          b'\xc0\x30' + a[2:]))
    write(h, 'ptr-oob', b'\x00' + msg(0x8180, (1, 1, 0, 0),
          b'\xff\xff' + a[2:]))
    write(h, 'label-0x40', b'\x00' + msg(0x8180, (1, 1, 0, 0),
          b'\x41x\x00' + a[2:]))
    write(h, 'label-past-end', b'\x00' + msg(0x8180, (1, 1, 0, 0),
          b'\x3fxyz'))
    write(h, 'count-huge', b'\x00' + msg(0x8180, (1, 0xffff, 0, 0), a))
    write(h, 'rdlen-past-end', b'\x00' + msg(0x8180, (1, 1, 0, 0), a[:-2]))
    write(h, 'a-rdlen-5', b'\x00' + msg(0x8180, (1, 1, 0, 0),
          rr(1, 60, b'\x01\x02\x03\x04\x05')))
# The steps of fuzz_frag.c's programs. sel: bits 0-1 the datagram, 2 more
# fragments, 3 the input's own bytes, 4 the link, then IPv4 options or
# IPv6's Hop-by-Hop (5) and link-local source (6).
F_MORE, F_RND, F_LINK1, F_HBH, F_LL = 4, 8, 16, 32, 64


def f4(sel, plen, units, data=b''):
    return struct.pack('!BBHH', 0, sel, plen, units) + data


def f6(sel, plen, off, data=b''):
    return struct.pack('!BBHH', 2, sel, plen, off) + data


def tick(secs):
    return struct.pack('!BH', 4, secs * 250)


def gone(link):
    return bytes([5, link])


def whole(sel, plen, fbyte, step, start):
    """sel: bit 0 IPv6, 1 the link, 2 TCP, 3 the first fragment twice."""
    return struct.pack('!BBBHBBB', 6, 0, sel, plen - 1, fbyte, step, start)


def raw(sel, pkt):
    return struct.pack('!BBBH', 6, 1, sel, len(pkt)) + pkt


def budget(units):
    return bytes([7, units])


def fail(nth):
    """The nth allocation of the core from now fails."""
    return bytes([7, 0x80 | nth])


def seeds_frag():
    h = 'fuzz_frag'

    def write_frag(name, steps, unload=False):
        """The first byte: end with the instance going (1) or expiry."""
        write(h, name, bytes([unload]) + steps)
    write_frag('v4-inorder', f4(F_MORE, 1480, 0) + f4(F_MORE, 1480, 185)
               + f4(0, 100, 370))
    write_frag('v4-reverse', f4(0, 100, 370) + f4(F_MORE, 1480, 185)
               + f4(F_MORE, 1480, 0))
    write_frag('v4-teardrop', f4(F_MORE, 24, 0) + f4(0, 24, 1))
    write_frag('v4-dup', f4(F_MORE, 16, 0) + f4(F_MORE, 16, 0) + f4(0, 8, 2))
    write_frag('v4-dup-other', f4(F_MORE, 16, 0)
               + f4(F_MORE | F_RND, 16, 0, bytes(16)) + f4(0, 8, 2))
    write_frag('v4-tiny-tcp', f4(1 | F_MORE, 8, 0) + f4(1 | F_MORE, 24, 1)
               + f4(1, 8, 4))
    write_frag('v4-huge-off', f4(F_MORE, 1480, 0x1fff) + f4(0, 8, 0x1fff)
               + f4(0, 0, 0x1ffe))
    write_frag('v4-last-twice', f4(0, 100, 10) + f4(0, 200, 10)
               + f4(F_MORE, 80, 0))
    write_frag('v4-mf-odd', f4(F_MORE, 13, 0) + f4(F_MORE, 0, 2))
    write_frag('v4-opts', f4(F_MORE | 0x60, 64, 0) + f4(0xe0, 64, 8))
    write_frag('v4-mixed-ids', f4(F_MORE, 32, 0) + f4(1 | F_MORE, 32, 0)
               + f4(2 | F_MORE, 32, 0) + f4(0, 32, 4) + f4(3, 32, 4)
               + f4(1, 32, 4) + f4(2, 32, 4))
    write_frag('v6-inorder', f6(F_MORE, 1232, 0) + f6(F_MORE, 1232, 1232)
               + f6(0, 100, 2464))
    write_frag('v6-hbh-reverse', f6(F_HBH, 40, 64) + f6(F_HBH | F_MORE, 64, 0))
    write_frag('v6-overlap', f6(F_MORE, 64, 0) + f6(0, 64, 32))
    write_frag('v6-odd-more', f6(F_MORE, 13, 0))
    write_frag('v6-over-65535', f6(F_MORE, 64, 0) + f6(0, 1000, 0xfff8))
    write_frag('v6-atomic', f6(0, 64, 0))
    write_frag('v6-zone', f6(F_LL | F_MORE, 64, 0) + f6(F_LL | F_LINK1, 64, 64)
               + f6(F_LL, 64, 64))
    write_frag('v6-mixed-ids', f6(F_MORE, 32, 0) + f6(1 | F_MORE, 32, 0)
               + f6(1, 32, 32) + f6(0, 32, 32))
    write_frag('expire-v4-report', f4(F_MORE, 64, 0) + f4(1 | F_MORE, 64, 8)
               + tick(31))
    write_frag('expire-v6-report', f6(F_MORE, 64, 0) + f6(1 | F_MORE, 64, 64)
               + tick(31) + tick(31))
    write_frag('expire-wrap', f4(F_MORE, 64, 0) + tick(60) + tick(60)
               + f6(F_MORE, 64, 0) + tick(60) + tick(60) + f4(0, 8, 8)
               + tick(60) + f6(0, 8, 64) + tick(60))
    write_frag('link-gone', f4(F_MORE | F_LINK1, 64, 0)
               + f4(1 | F_MORE, 64, 0)
               + f6(F_LL | F_MORE | F_LINK1, 64, 0) + f6(F_MORE, 64, 0)
               + gone(1) + f4(0, 8, 8) + tick(61))
    write_frag('link-gone-late', f4(F_MORE, 64, 0)
               + f4(F_LINK1 | F_MORE, 64, 8) + gone(0) + tick(31) + gone(1))
    write_frag('budget', budget(4) + f4(F_MORE, 1480, 0) + f4(0, 8, 185)
               + budget(0) + f4(0, 8, 185) + f4(F_MORE, 1480, 0))
    write_frag('budget-mid', f4(F_MORE, 1480, 0) + budget(1)
               + f4(0, 8, 185) + tick(31))
    mem = b''
    for k in range(4):
        for i in range(44):
            mem += f4(k | F_MORE, 1480, i * 185)
    write_frag('mem-limit', mem + tick(31))
    write_frag('whole-v4', whole(0, 4000, 10, 3, 1) + whole(4, 3000, 2, 7, 0))
    write_frag('whole-v6', whole(1, 5000, 30, 5, 2)
               + whole(1 | 8, 100, 0, 1, 0))
    write_frag('whole-dup', whole(8, 1000, 7, 1, 3)
               + whole(9 | 4, 999, 3, 3, 1))
    q = b''
    for i in range(70):
        hdr = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, 0x1000 + i, 0x2000,
                          64, 17, 0, bytes([192, 0, 2, 1]),
                          bytes([192, 0, 2, 2]))
        q += raw(0, hdr + bytes(8))
    write_frag('max-queues', q + whole(0, 2000, 10, 1, 0) + tick(31))
    inner = b'\x11\x00\x00\x00\x00\x00\x00\x07' + bytes(16)
    ip6 = struct.pack('!IHBB16s16s', 0x60000000, 8 + len(inner), 44, 64,
                      b'\x20\x01' + bytes(13) + b'\x05',
                      b'\x20\x01' + bytes(13) + b'\x64')
    frag = struct.pack('!BBHI', 44, 0, 0, 7)
    write_frag('v6-frag-in-frag', raw(1, ip6 + frag + inner))
    ip4 = struct.pack('!BBHHHBBH4s4s', 0x45, 0, 28, 2, 0x2001, 64, 6, 0,
                      bytes([10, 0, 0, 1]), bytes([10, 0, 0, 100]))
    write_frag('v4-raw-tcp-off8', raw(0, ip4 + bytes(8)))
    write_frag('unload', f4(F_MORE, 64, 0) + f6(F_MORE, 64, 0)
               + f6(F_LL | F_MORE, 64, 0), unload=True)
    write_frag('unload-empty', b'', unload=True)
    write_frag('expire-one-of-two', f4(F_MORE, 64, 0) + tick(10)
               + f4(1 | F_MORE, 64, 0) + tick(25) + f4(1, 8, 8))
    write_frag('v4-more-past-last', f4(0, 8, 10) + f4(F_MORE, 64, 10))
    write_frag('v6-more-empty', f6(F_MORE, 0, 0) + f6(F_MORE, 0, 64))
    write_frag('v6-budget', budget(2) + f6(F_MORE, 1232, 0) + budget(0)
               + f6(F_MORE, 1232, 0) + f6(0, 8, 1232))
    write_frag('fail-queue', fail(1) + f4(F_MORE, 64, 0) + f4(0, 8, 8))
    write_frag('fail-build', f4(F_MORE, 64, 0) + fail(1) + f4(0, 8, 8)
               + fail(1) + f6(F_MORE, 64, 0) + f6(0, 8, 64))
    write_frag('fail-whole', fail(5) + whole(0, 4000, 10, 3, 1)
               + whole(1, 4000, 10, 3, 1))
    # A first header with options, the rest without: 65535 overrun only
    # in the rebuilt datagram (the ping of death, through options).
    pod = f4(F_MORE | 0xe0, 1480, 0)
    for i in range(1, 44):
        pod += f4(F_MORE, 1480, i * 185)
    write_frag('v4-pod-opts', pod + f4(0, 392, 44 * 185))


# The steps of fuzz_tcp_ooo.c's programs, after 4 bytes of rcv_nxt. ins
# sel: bits 0-1 the offset's bits 16-17, 2 FIN, 3 no D-SACK asked.
def o_ins(off, length, fin=False, nodup=False):
    sel = (off >> 16) | (4 if fin else 0) | (8 if nodup else 0)
    return struct.pack('!BBHH', 0, sel, off & 0xffff, length)


def o_adv(n):
    return struct.pack('!BH', 2, n)


def o_sack(mx):
    return bytes([3, mx])


def o_prune(target):
    return struct.pack('!BH', 4, target // 4)


def o_budget(kb):
    return bytes([5, kb])


def seeds_tcp_ooo():
    h = 'fuzz_tcp_ooo'

    def write_ooo(name, steps, rcv_nxt=1000):
        write(h, name, struct.pack('!I', rcv_nxt) + steps)

    write_ooo('holes', o_ins(1000, 500) + o_ins(3000, 500)
              + o_ins(5000, 500) + o_sack(4) + o_sack(3) + o_adv(1000)
              + o_ins(1, 999) + o_adv(1) + o_sack(4))
    write_ooo('fill', o_ins(2000, 1000) + o_ins(1000, 1000) + o_adv(1000))
    write_ooo('overlaps', o_ins(1000, 1000) + o_ins(500, 1000)
              + o_ins(1500, 1000) + o_ins(400, 3000) + o_ins(1200, 100)
              + o_sack(4))
    write_ooo('dup', o_ins(1000, 1000) + o_ins(1000, 1000)
              + o_ins(1200, 300) + o_ins(1000, 1000, nodup=True))
    write_ooo('fin', o_ins(1000, 100, fin=True) + o_ins(900, 150)
              + o_ins(1100, 0, fin=True) + o_adv(900) + o_ins(1, 899))
    write_ooo('wrap', o_ins(1000, 3000) + o_ins(5000, 3000) + o_sack(5)
              + o_adv(2000) + o_ins(1, 1999) + o_adv(1),
              rcv_nxt=0xffffe000)
    many = b''
    for i in range(40):
        many += o_ins(1000 + i * 200, 100)
    write_ooo('many-runs', many + o_ins(1000 + 41 * 200 - 150, 50)
              + o_sack(1) + o_sack(3) + o_sack(4) + o_sack(5)
              + o_prune(20000) + o_prune(0))
    write_ooo('budget', o_budget(4) + o_ins(1000, 3000) + o_ins(5000, 3000)
              + o_budget(0) + o_ins(5000, 3000) + o_prune(1))
    write_ooo('far', o_ins(0x3fff0, 3999) + o_ins(0x20000, 10)
              + o_ins(0x10000, 3999) + o_sack(4))
    write_ooo('empty', o_ins(1000, 0) + o_sack(4) + o_adv(0))


# fuzz_tcp_sack.c: segments (count, snd_una, lengths, how many sent),
# then steps. A sequence number: how (0 a segment's start, 4 its end, 1
# snd_una + v, 2 snd_una - v, 3 snd_max + v) and v.
def s_layout(lens, sent, snd_una=1000):
    return (struct.pack('!BI', len(lens) - 1, snd_una)
            + b''.join(struct.pack('!H', n - 1) for n in lens)
            + bytes([sent]))


def s_seg(i, end=False):
    return struct.pack('!BH', 4 if end else 0, i)


def s_rel(v):
    return struct.pack('!BH', 1, v)


def s_sack(*blocks):
    return bytes([0, len(blocks)]) + b''.join(a + b for a, b in blocks)


def s_lost(mss, probe=0):
    return struct.pack('!BHB', 2, mss - 1, probe)


def seeds_tcp_sack():
    h = 'fuzz_tcp_sack'
    ten = s_layout([1000] * 10, 10)
    pipe, ack, more, rto = b'\x03', b'\x05\x02', b'\x06', b'\x07'

    def nxt(v):
        return b'\x04' + s_rel(v)

    write(h, 'recovery', ten + s_sack((s_seg(3), s_seg(3, True)))
          + s_sack((s_seg(5), s_seg(9, True)), (s_seg(3), s_seg(3, True)))
          + s_lost(1000, 1) + pipe + nxt(0) + nxt(0) + pipe + ack
          + s_lost(1000) + pipe + rto + pipe)
    write(h, 'dsack-below', ten + s_sack((s_rel(0xfff0), s_rel(0)),
                                         (s_seg(4), s_seg(4, True))))
    write(h, 'dsack-inside', ten + s_sack((s_seg(5), s_seg(5, True)),
                                          (s_seg(4), s_seg(6, True))))
    write(h, 'hostile', ten + s_sack((s_seg(9, True), s_seg(1)),
                                     (s_seg(0), b'\x03\x7f\xff'),
                                     (s_seg(2), s_seg(2)),
                                     (s_seg(1), s_seg(8, True)),
                                     (s_seg(0), s_seg(0, True))))
    write(h, 'unsent', s_layout([500] * 8, 4) + s_sack((s_seg(0),
                                                         s_seg(7, True)))
          + more + s_sack((s_seg(4), s_seg(4, True))) + pipe)
    write(h, 'bytes-rule', s_layout([3000, 100, 3000, 3000], 4)
          + s_sack((s_seg(2), s_seg(3, True))) + s_lost(1460, 0)
          + s_lost(3000, 1) + nxt(0) + pipe)
    write(h, 'wrap', s_layout([1460] * 20, 20, snd_una=0xfffff000)
          + s_sack((s_seg(10), s_seg(19, True))) + s_lost(1460)
          + nxt(0) + nxt(0) + pipe + ack + ack)


if __name__ == '__main__':
    seeds_ip4()
    seeds_ip6()
    seeds_nd6()
    seeds_tcp()
    seeds_udp()
    seeds_dns()
    seeds_frag()
    seeds_tcp_ooo()
    seeds_tcp_sack()
