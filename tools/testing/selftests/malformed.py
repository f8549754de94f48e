#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed frames for tinyip's receive path (used by net_malformed.sh).

Sends, on IFACE to tinyip's MAC, the frames of each class named on the
command line, or of each class read from stdin one per line (so the
shell can check counters between classes while scapy, slow to start
in a debug guest, is imported once). Prints one line per class:
"sent N", or "reply"/"noreply" for the classes that expect an answer.

IP headers are built by hand so that exactly one thing is wrong in each:
a header with a bad length still carries a checksum that is right over
the bytes it claims, so the drop reason cannot depend on the order of
the checks. RFC 791 (IPv4), RFC 826 (ARP), RFC 1858 and RFC 3128 (tiny
and overlapping fragments), RFC 1812 5.3.7 (martian sources).
"""
import argparse
import os
import random
import select
import socket
import struct
import sys

from scapy.config import conf
from scapy.layers.inet import ICMP, IP, UDP, fragment
from scapy.layers.l2 import ARP, Dot1Q, Ether
from scapy.packet import Raw, fuzz

ETH_P_IP = 0x0800
ETH_P_ARP = 0x0806
IPPROTO_ICMP, IPPROTO_UDP = 1, 17


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def echo(ident=0x7E2, seq=1, payload=b"tinyip-e2" * 4, bad_csum=False):
    body = struct.pack("!BBHHH", 8, 0, 0, ident, seq) + payload
    c = csum(body)
    if bad_csum:
        c ^= 0x5A5A
    return body[:2] + struct.pack("!H", c) + body[4:]


def udp(src, dst, sport, dport, payload, bad_csum=False, length=None):
    ulen = 8 + len(payload) if length is None else length
    pseudo = socket.inet_aton(src) + socket.inet_aton(dst) + \
        struct.pack("!BBH", 0, IPPROTO_UDP, 8 + len(payload))
    hdr = struct.pack("!HHHH", sport, dport, ulen, 0)
    c = csum(pseudo + hdr + payload) or 0xFFFF
    if bad_csum:
        c ^= 0x5A5A
    return hdr[:6] + struct.pack("!H", c) + payload


def iphdr(src, dst, proto, payload, ihl=5, version=4, tot_len=None,
          ident=None, frag=0, ttl=64, options=b"", bad_csum=False,
          csum_len=None):
    """An IPv4 header; its checksum covers csum_len bytes (default: IHL)."""
    ident = random.randrange(65536) if ident is None else ident
    if tot_len is None:
        tot_len = 20 + len(options) + len(payload)
    hdr = struct.pack("!BBHHHBBH4s4s", version << 4 | ihl, 0, tot_len,
                      ident, frag, ttl, proto, 0, socket.inet_aton(src),
                      socket.inet_aton(dst)) + options
    n = ihl * 4 if csum_len is None else csum_len
    c = csum(hdr[:n])
    if bad_csum:
        c ^= 0x5A5A
    return hdr[:10] + struct.pack("!H", c) + hdr[12:]


class Gen:
    def __init__(self, a):
        self.a = a
        self.sock = conf.L2socket(iface=a.iface)
        # Raw frames go out on a plain packet socket: scapy's per-frame
        # overhead made check-full's 8000-fragment flood outlast 600 s.
        self.raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        self.raw.bind((a.iface, 0))
        self.src_mac = open("/sys/class/net/%s/address" % a.iface).read().strip()

    def eth(self, payload, etype=ETH_P_IP, dst=None):
        return struct.pack("!6s6sH", bytes.fromhex((dst or self.a.dst_mac).replace(":", "")),
                           bytes.fromhex(self.src_mac.replace(":", "")), etype) + payload

    def send(self, frames):
        for f in frames:
            if isinstance(f, bytes):
                self.raw.send(f)
            else:
                self.sock.send(f)
        return len(frames)

    def ip(self, payload_fn, src=None, proto=IPPROTO_ICMP, **kw):
        """count IP packets to tinyip: payload_fn(i) behind iphdr(**kw)."""
        a = self.a
        out = []
        for i in range(a.count):
            pl = payload_fn(i)
            out.append(self.eth(iphdr(src or a.src, a.dst, proto, pl, **kw) + pl))
        return out

    # --- classes: each returns the frames to send -------------------------

    def c_ihl_short(self):
        # IHL 4: a header shorter than the fixed part.
        return self.ip(lambda i: echo(seq=i), ihl=4)

    def c_ihl_long(self):
        # IHL 15 (60 bytes) in a 20-byte header followed by an 8-byte
        # echo: the claimed header runs past the datagram.
        return self.ip(lambda i: echo(seq=i, payload=b""), ihl=15,
                       tot_len=28, csum_len=20)

    def c_len_long(self):
        # Total length past the end of the frame.
        return self.ip(lambda i: echo(seq=i), tot_len=1400)

    def c_len_short(self):
        # Total length smaller than the header itself.
        return self.ip(lambda i: echo(seq=i), tot_len=16)

    def c_ver6(self):
        # Version 6 in an ETH_P_IP frame.
        return self.ip(lambda i: echo(seq=i), version=6)

    def c_ip_csum(self):
        return self.ip(lambda i: echo(seq=i), bad_csum=True)

    def c_icmp_csum(self):
        return self.ip(lambda i: echo(seq=i, bad_csum=True))

    def c_udp_csum(self):
        a = self.a
        return self.ip(lambda i: udp(a.src, a.dst, 40000 + i, 9, b"x" * 32,
                                     bad_csum=True), proto=IPPROTO_UDP)

    def c_udp_len(self):
        # UDP length past the IP payload, and below the UDP header.
        a = self.a
        half = a.count // 2 or 1
        return self.ip(lambda i: udp(a.src, a.dst, 40000 + i, 9, b"x" * 32,
                                     length=500 if i < half else 4),
                       proto=IPPROTO_UDP)

    def c_opt_zero(self):
        # Record Route with length 0 (and a NOP to pad): RFC 791 needs >= 2.
        return self.ip(lambda i: echo(seq=i), ihl=6, options=b"\x07\x00\x01\x00")

    def c_opt_long(self):
        # Timestamp option claiming 40 bytes in a 4-byte option area.
        return self.ip(lambda i: echo(seq=i), ihl=6, options=b"\x44\x28\x05\x00")

    def c_martian(self):
        # Loopback, multicast and limited broadcast as the source.
        srcs = ["127.0.0.1", "224.0.0.1", "255.255.255.255"]
        out = []
        for i in range(self.a.count):
            pl = echo(seq=i)
            out.append(self.eth(iphdr(srcs[i % len(srcs)], self.a.dst,
                                      IPPROTO_ICMP, pl) + pl))
        return out

    def c_vlan(self):
        a = self.a
        return [Ether(src=self.src_mac, dst=a.dst_mac) / Dot1Q(vlan=5) /
                IP(src=a.src, dst=a.dst) / ICMP(id=0x7E3, seq=i)
                for i in range(a.count)]

    def frag(self, ident, off8, mf, data, proto=IPPROTO_ICMP):
        a = self.a
        flags = (0x2000 if mf else 0) | off8
        return self.eth(iphdr(a.src, a.dst, proto, data, ident=ident,
                              frag=flags) + data)

    def c_teardrop(self):
        # The classic shapes: a second fragment wholly inside the first
        # (teardrop), one starting inside it and running on (newtear,
        # bonk: a zero-length-ish tail), and a duplicate first fragment
        # with different contents.
        out = []
        for i in range(self.a.count):
            base = random.randrange(1, 60000)
            body = echo(seq=i, payload=b"T" * 40)        # 48 bytes
            out += [self.frag(base, 0, True, body[:40]),
                    self.frag(base, 1, False, body[8:16])]            # inside
            out += [self.frag(base + 1, 0, True, body[:40]),
                    self.frag(base + 1, 3, False, body[24:48] + b"N" * 24)]
            out += [self.frag(base + 2, 0, True, body[:24]),
                    self.frag(base + 2, 0, True, b"D" * 24),           # dup
                    self.frag(base + 2, 3, False, body[24:])]
        return out

    def c_tiny_overlap(self):
        # RFC 1858 3.2: a first fragment holding little more than the
        # transport header, then one at offset 1 (byte 8) rewriting it.
        a = self.a
        out = []
        for i in range(a.count):
            ident = random.randrange(65536)
            u = udp(a.src, a.dst, 40000 + i, 9, b"y" * 24)
            out += [self.frag(ident, 0, True, u[:16], IPPROTO_UDP),
                    self.frag(ident, 1, False, u[8:], IPPROTO_UDP)]
        return out

    def c_frag_flood(self):
        # Many datagrams that never complete: reassembly must stay bounded.
        out = []
        n = self.a.count * 40
        for i in range(n):
            out.append(self.frag((i * 7919) & 0xFFFF, 0, True,
                                 echo(seq=i, payload=b"F" * 1000)[:1008]))
        return out

    def c_frag_lone(self):
        # One datagram that never completes, to see its timeout counted.
        return [self.frag(0xbeef, 0, True, echo(seq=1, payload=b"L" * 64)[:48])]

    def c_arp_bad(self):
        # Wrong hardware type, protocol type, address lengths; truncated.
        a = self.a
        smac = bytes.fromhex(self.src_mac.replace(":", ""))
        sip, tip = socket.inet_aton(a.src), socket.inet_aton(a.dst)
        out = []
        for i in range(a.count):
            good = struct.pack("!HHBBH", 1, ETH_P_IP, 6, 4, 1) + smac + sip + b"\0" * 6 + tip
            shapes = [
                struct.pack("!HHBBH", 32, ETH_P_IP, 6, 4, 1) + good[8:],    # hrd
                struct.pack("!HHBBH", 1, 0x86DD, 6, 4, 1) + good[8:],       # pro
                struct.pack("!HHBBH", 1, ETH_P_IP, 8, 4, 1) + good[8:] + b"\0" * 4,  # hln
                struct.pack("!HHBBH", 1, ETH_P_IP, 6, 16, 1) + good[8:] + b"\0" * 24,  # pln
                good[:20],                                                  # truncated
                good[:6],
            ]
            out += [self.eth(s, ETH_P_ARP) for s in shapes]
        return out

    def c_fuzz(self):
        # Random IP/UDP/ICMP headers around tinyip's address.
        a = self.a
        out = []
        for i in range(a.count * 20):
            l4 = fuzz(UDP()) if i % 2 else fuzz(ICMP())
            p = fuzz(IP(src=a.src, dst=a.dst)) / l4 / Raw(os.urandom(i % 64))
            out.append(Ether(src=self.src_mac, dst=a.dst_mac) / p)
        return out

    def probe(self, frames, ident):
        """Sends frames and waits for tinyip's echo reply with ident."""
        a = self.a
        rx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(ETH_P_IP))
        rx.bind((a.iface, 0))
        self.send(frames)
        left = 5.0
        while left > 0:
            r, _, _ = select.select([rx], [], [], left)
            if not r:
                break
            left -= 0.05
            e = Ether(rx.recv(4096))
            if IP in e and ICMP in e and e[IP].src == a.dst and \
               e[ICMP].type == 0 and e[ICMP].id == ident:
                rx.close()
                return "reply"
        rx.close()
        return "noreply"

    def c_good(self):
        """A well-formed echo from the same builders must be answered."""
        ident = 0x7E5
        pl = echo(ident=ident)
        return self.probe([self.eth(iphdr(self.a.src, self.a.dst, IPPROTO_ICMP, pl) + pl)],
                          ident)

    def c_tiny_frag_ok(self):
        """An echo in 8-byte fragments (legal) must still be answered."""
        a = self.a
        ident = 0x7E4
        pkt = IP(src=a.src, dst=a.dst, id=random.randrange(65536)) / \
            ICMP(id=ident, seq=1) / Raw(b"z" * 40)
        return self.probe([Ether(src=self.src_mac, dst=a.dst_mac) / f
                           for f in fragment(pkt, fragsize=8)], ident)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iface", required=True)
    ap.add_argument("--dst-mac", required=True, help="tinyip's MAC")
    ap.add_argument("--src", required=True, help="our IPv4 address")
    ap.add_argument("--dst", required=True, help="tinyip's IPv4 address")
    ap.add_argument("--count", type=int, default=5, help="frames per shape")
    ap.add_argument("classes", nargs="*")
    a = ap.parse_args()
    g = Gen(a)
    names = a.classes or (line.strip() for line in sys.stdin)
    print("ready", flush=True)
    for name in names:
        if not name:
            continue
        if name == "quit":
            break
        fn = getattr(g, "c_" + name.replace("-", "_"), None)
        if fn is None:
            print("unknown class %s" % name, flush=True)
            continue
        res = fn()
        if isinstance(res, list):
            res = "sent %d" % g.send(res)
        print(res, flush=True)


if __name__ == "__main__":
    main()
