#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed IPv6 frames for tinyip's receive path (net_malformed6.sh).

Sends, on IFACE to tinyip, the frames of each class named on the command
line, or of each class read from stdin one per line (so that scapy, slow
to import in a debug guest, is imported once). Around each class it does
what the shell would otherwise spawn several processes for, each class:
reads tinyip's receive drop counters (over genetlink in tinyip's
namespace, tipnl.py) before sending and at the end; after sending,
listens WAIT seconds for tinyip's answers; then checks that tinyip
still answers an echo request sent from a raw ICMPv6 socket, as ping -6
would. It starts no process: in a debug guest each costs about a second.
It prints one line per class:

    sent N echo E pp P kinds K natpp D ping ok|fail drops R=+C,...

N frames sent; E echo replies carrying the class's identifier; P valid
ICMPv6 Parameter Problems from tinyip and K their distinct
"code/pointer/quoted-destination" triples, comma-separated ("-": none);
D the growth of the native Icmp6InParmProblems; the ping result; the
drop reasons that grew, with how much ("-": none). An answer with a bad
checksum is not counted and makes the line end in " badsum B". The
command "recount" prints the drops line again, against the counters read
before the last class.

Headers are built byte by byte so that exactly one thing is wrong in
each frame: every other length and checksum is right, so the drop reason
cannot depend on the order of the checks. Every frame that could reach
the ICMPv6 layer carries an echo request with the class's identifier, so
a reply shows a malformed packet accepted. RFC 8200 (IPv6, extension
headers, fragments), RFC 4443 (ICMPv6), RFC 4291 2.5 and 2.7 (addresses),
RFC 4861 (ND), RFC 3810 (MLDv2), RFC 5095 (type 0 routing header),
RFC 5722 (overlapping fragments), RFC 7112 (header chain in the first
fragment), RFC 2675 (jumbograms), RFC 8504 5.3 (chain limits).
"""
import argparse
import ipaddress
import os
import random
import select
import socket
import struct
import sys
import time
import zlib

import tipnl

from scapy.layers.inet6 import (HBHOptUnknown, ICMPv6EchoRequest,
                                 ICMPv6MLQuery2, ICMPv6ND_NA, ICMPv6ND_NS,
                                 ICMPv6ND_RA, ICMPv6ND_Redirect,
                                 ICMPv6NDOptDstLLAddr, ICMPv6NDOptMTU,
                                 ICMPv6NDOptPrefixInfo, ICMPv6NDOptSrcLLAddr,
                                 IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                                 IPv6ExtHdrHopByHop, IPv6ExtHdrRouting)
from scapy.layers.l2 import Ether
from scapy.packet import Raw, fuzz

ETH_P_IPV6 = 0x86DD
NH_HOP, NH_TCP, NH_UDP, NH_RT, NH_FRAG = 0, 6, 17, 43, 44
NH_ICMP6, NH_NONE, NH_DST = 58, 59, 60
ICMP6_PARAMPROB, ICMP6_ECHO_REQ, ICMP6_ECHO_REPLY = 4, 128, 129
MLD_QUERY, ND_RS, ND_RA, ND_NS, ND_NA, ND_RD = 130, 133, 134, 135, 136, 137
OPT_SLL, OPT_TLL, OPT_PI, OPT_MTU = 1, 2, 3, 5
NA_R, NA_S, NA_O = 0x80, 0x40, 0x20

# Unknown option types whose two high bits ask for each action (RFC 8200
# 4.2): skip, discard, discard and always report, discard and report
# unless the destination was multicast. 0x1e and its kin are unassigned.
OPT_SKIP, OPT_DISCARD, OPT_PERR, OPT_PERR_UC = 0x1E, 0x5E, 0x9E, 0xDE
OPT_JUMBO = 0xC2

ALL_NODES = "ff02::1"
ROUTER_LL = "fe80::bad"        # a made-up router on the link
JUMBO = bytes([OPT_JUMBO, 4]) + struct.pack("!I", 70000)
# The identifier of the liveness pings; the classes' are CRC-16s of their
# names, and none of those is this.
PING_IDENT = 0x7069


def a6(addr):
    return socket.inet_pton(socket.AF_INET6, addr)


def csum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return ~s & 0xFFFF


def icmp6(src, dst, msg, bad=False):
    """msg (checksum field zero) with its checksum over the pseudo-header."""
    pseudo = a6(src) + a6(dst) + struct.pack("!I3xB", len(msg), NH_ICMP6)
    c = csum(pseudo + msg)
    if bad:
        c ^= 0x5A5A
    return msg[:2] + struct.pack("!H", c) + msg[4:]


def echo(ident, seq, payload=b"tinyip-6" * 5):
    return struct.pack("!BBHHH", ICMP6_ECHO_REQ, 0, 0, ident, seq) + payload


def ip6hdr(src, dst, nh, plen, hlim=64, version=6):
    return struct.pack("!IHBB16s16s", version << 28, plen, nh, hlim,
                       a6(src), a6(dst))


class Ext:
    """An extension header: its type and its bytes, byte 0 (Next Header)
    filled in when the chain is assembled."""

    def __init__(self, nh, data):
        self.nh, self.data = nh, data


def opthdr(nh, opts, size=None):
    """A Hop-by-Hop or Destination Options header holding opts, padded
    with one PadN (or Pad1) to size bytes (default: the next multiple
    of 8). Its length byte is right for size."""
    n = 2 + len(opts)
    size = size or (n + 7) // 8 * 8
    pad = size - n
    assert pad >= 0 and size % 8 == 0, (n, size)
    if pad == 1:
        opts += b"\0"
    elif pad > 1:
        opts += bytes([1, pad - 2]) + b"\0" * (pad - 2)
    return Ext(nh, bytes([0, size // 8 - 1]) + opts)


def dst_opts(opts, size=None):
    return opthdr(NH_DST, opts, size)


def hbh(opts, size=None):
    return opthdr(NH_HOP, opts, size)


def opt(otype, data=b""):
    return bytes([otype, len(data)]) + data


def routing(rtype, segleft, addrs):
    body = bytes([0, 2 * len(addrs), rtype, segleft, 0, 0, 0, 0])
    return Ext(NH_RT, body + b"".join(a6(a) for a in addrs))


def fraghdr(offset, more, ident):
    """offset in bytes (a multiple of 8)."""
    return Ext(NH_FRAG, struct.pack("!BBHI", 0, 0, offset | int(more), ident))


def chain(exts, upper_nh):
    """The chain's bytes with every Next Header filled, and the fixed
    header's Next Header."""
    out = b""
    for i, e in enumerate(exts):
        nxt = exts[i + 1].nh if i + 1 < len(exts) else upper_nh
        out += bytes([nxt]) + e.data[1:]
    return out, (exts[0].nh if exts else upper_nh)


def mcast_mac(dst):
    return b"\x33\x33" + a6(dst)[12:]


def solicited(addr):
    return str(ipaddress.IPv6Address(b"\xff\x02" + b"\0" * 9 + b"\x01\xff" +
                                     a6(addr)[13:]))


def nd_opt(otype, data):
    """An ND option (RFC 4861 4.6) with the right length."""
    n = 2 + len(data)
    data += b"\0" * ((n + 7) // 8 * 8 - n)
    return bytes([otype, (len(data) + 2) // 8]) + data


def pio(prefix, plen, flags, valid, preferred):
    return bytes([OPT_PI, 4, plen, flags]) + struct.pack(
        "!III", valid, preferred, 0) + a6(prefix)


def bad_pio():
    """An on-link, autonomous prefix no valid RA of the test carries."""
    return pio("2001:db8:bad::", 64, 0xC0, 3600, 1800)


def ra(hop_limit=0, lifetime=0, opts=b""):
    return struct.pack("!BBHBBHII", ND_RA, 0, 0, hop_limit, 0, lifetime,
                       0, 0) + opts


def ns(target, opts=b"", code=0):
    return struct.pack("!BBHI", ND_NS, code, 0, 0) + a6(target) + opts


def na(target, flags, opts=b""):
    return struct.pack("!BBHB3x", ND_NA, 0, 0, flags) + a6(target) + opts


class Gen:
    def __init__(self, a):
        self.a = a
        self.raw = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
        self.raw.bind((a.iface, 0))
        with open("/sys/class/net/%s/address" % a.iface) as f:
            self.src_mac = bytes.fromhex(f.read().strip().replace(":", ""))
        self.tip_mac = bytes.fromhex(a.dst_mac.replace(":", ""))
        self.ident = 0
        self.before = {}
        self.nl = tipnl.Tinyip(a.tip_netns)
        self.ping_seq = 0

    # --- frame builders -------------------------------------------------

    def eth(self, payload, dst_ip=None, mac=None):
        if mac is None:
            mac = self.tip_mac
            if dst_ip and dst_ip.startswith("ff"):
                mac = mcast_mac(dst_ip)
        return mac + self.src_mac + struct.pack("!H", ETH_P_IPV6) + payload

    def pkt(self, upper, upper_nh=NH_ICMP6, exts=(), src=None, dst=None,
            hlim=64, version=6, plen=None, trailer=b""):
        """A frame: fixed header, chain, upper-layer bytes, then trailer
        (link padding past the payload length)."""
        src, dst = src or self.a.src, dst or self.a.dst
        ch, nh = chain(list(exts), upper_nh)
        if plen is None:
            plen = len(ch) + len(upper)
        return self.eth(ip6hdr(src, dst, nh, plen, hlim, version) + ch +
                        upper + trailer, dst)

    def echo_pkt(self, i, exts=(), src=None, dst=None, **kw):
        """An echo request of the class from src to dst behind exts."""
        src, dst = src or self.a.src, dst or self.a.dst
        return self.pkt(icmp6(src, dst, echo(self.ident, i)), exts=exts,
                        src=src, dst=dst, **kw)

    def nd(self, msg, src=None, dst=None, hlim=255, **kw):
        src, dst = src or self.a.src, dst or self.a.dst
        return self.pkt(icmp6(src, dst, msg), src=src, dst=dst, hlim=hlim,
                        **kw)

    def each(self, *shapes):
        """count frames of each shape, a function of the frame number."""
        return [s(i) for i in range(self.a.count) for s in shapes]

    def sll(self):
        return nd_opt(OPT_SLL, self.src_mac)

    # --- controls: well-formed frames tinyip must answer -----------------

    def c_good(self):
        return [self.echo_pkt(0)]

    def c_good_trailer(self):
        # Link-layer padding past the payload length is no error.
        return [self.echo_pkt(0, trailer=b"\xee" * 24)]

    def c_good_ext(self):
        # Hop-by-Hop padding, 8 unknown options to skip (the limit), a
        # type 0 routing header with nothing left to route (RFC 5095 3).
        skip8 = b"".join(opt(OPT_SKIP) for _ in range(8))
        return [self.echo_pkt(0, exts=[hbh(b""), dst_opts(skip8),
                                       routing(0, 0, [self.a.src])])]

    def c_good_chain8(self):
        # RFC 8504 5.3.1: 8 extension headers are within the limit.
        return [self.echo_pkt(0, exts=[dst_opts(b"") for _ in range(8)])]

    def c_good_chain512(self):
        # 512 bytes of extension headers: the limit, still accepted.
        o = opt(OPT_SKIP, b"s" * 253) * 2
        return [self.echo_pkt(0, exts=[dst_opts(o, 512)])]

    # --- the fixed header -----------------------------------------------

    def c_len_long(self):
        # Payload length past the end of the frame.
        return self.each(lambda i: self.echo_pkt(i, plen=1400),
                         lambda i: self.echo_pkt(i, plen=0xFFFF))

    def c_short(self):
        # Less than a fixed header.
        def cut(n):
            return lambda i: self.echo_pkt(i)[:14 + n]
        return self.each(cut(20), cut(39))

    def c_version(self):
        # Version 4, 0 and 15 in an 0x86dd frame.
        return self.each(*[(lambda v: lambda i: self.echo_pkt(i, version=v))(v)
                           for v in (4, 0, 15)])

    def c_martian_mcast(self):
        # RFC 4291 2.7: a multicast address is never a source.
        return self.each(lambda i: self.echo_pkt(i, src=ALL_NODES),
                         lambda i: self.echo_pkt(i, src="ff0e::1"))

    def c_martian_mapped(self):
        # RFC 4291 2.5.5.2: IPv4-mapped addresses never appear on the wire.
        return self.each(lambda i: self.echo_pkt(i, src="::ffff:192.0.2.1"),
                         lambda i: self.echo_pkt(i, dst="::ffff:192.0.2.2"))

    def c_martian_other(self):
        # Loopback source, unspecified and interface-local destinations.
        return self.each(lambda i: self.echo_pkt(i, src="::1"),
                         lambda i: self.echo_pkt(i, dst="::"),
                         lambda i: self.echo_pkt(i, dst="ff01::1"))

    def c_icmp6_csum(self):
        a = self.a
        return self.each(lambda i: self.pkt(icmp6(a.src, a.dst,
                                                  echo(self.ident, i), True)))

    def c_icmp6_short(self):
        # Sizes that do not add up: an ICMPv6 message shorter than its
        # header, a zero payload length with an echo in the link padding
        # (it must not be read), a header chain past the payload length,
        # and a Jumbo Payload option with payload length 0 (RFC 2675; its
        # HBH header lies past the payload length too).
        a = self.a

        def cut(n):
            return lambda i: self.pkt(icmp6(a.src, a.dst, echo(self.ident, i))[:n])

        whole = icmp6(a.src, a.dst, echo(self.ident, 0))
        return self.each(cut(0), cut(1), cut(3), cut(7),
                         lambda i: self.pkt(b"", plen=0, trailer=whole),
                         lambda i: self.echo_pkt(i, exts=[dst_opts(b"", 16)],
                                                 plen=8, trailer=b"\0" * 64),
                         lambda i: self.pkt(b"", exts=[hbh(JUMBO)], plen=0,
                                            trailer=whole + b"\0" * 8))

    # --- extension header chains ------------------------------------------

    def c_hbh_not_first(self):
        # RFC 8200 4.1: Hop-by-Hop only right after the fixed header.
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(b""), hbh(b"")]))

    def c_do9(self):
        # 9 Destination Options headers: one over RFC 8504's 8.
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(b"") for _ in range(9)]))

    def c_chain_loop(self):
        # The same small header over and over, 100 times.
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(b"") for _ in range(100)]))

    def c_chain600(self):
        # Three 200-byte headers: 600 bytes, over the 512-byte limit.
        o = opt(OPT_SKIP, b"c" * 196)
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(o, 200) for _ in range(3)]))

    def c_chain_huge(self):
        # One 1400-byte header, as large as the link allows.
        o = b"".join(opt(OPT_SKIP, b"h" * 228) for _ in range(6)) + opt(OPT_SKIP, b"h" * 16)
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(o, 1400)]))

    def c_chain_cut(self):
        # The last header claims 64 bytes and the packet ends after 16.
        def cut(i):
            f = self.pkt(b"", upper_nh=NH_ICMP6, exts=[dst_opts(b"", 16)])
            f = bytearray(f)
            f[14 + 41] = 7                           # 64 bytes
            return bytes(f)
        return self.each(cut)

    def c_opt_past(self):
        # An option whose length runs past its header, and a last option
        # type with no room for its length byte.
        past = dst_opts(opt(OPT_SKIP, b"xxxx"), 8)
        past.data = past.data[:3] + b"\x0a" + past.data[4:]
        nolen = Ext(NH_DST, bytes([0, 0, 1, 3, 0, 0, 0, OPT_SKIP]))
        return self.each(lambda i: self.echo_pkt(i, exts=[past]),
                         lambda i: self.echo_pkt(i, exts=[nolen]))

    def c_pad_long(self):
        # Padding runs of 8: eight Pad1, one 8-byte PadN.
        pad1 = Ext(NH_DST, bytes([0, 1]) + b"\0" * 8 + bytes([1, 4, 0, 0, 0, 0]))
        padn = Ext(NH_DST, bytes([0, 1, 1, 6]) + b"\0" * 6 + opt(OPT_SKIP, b"\0" * 4))
        return self.each(lambda i: self.echo_pkt(i, exts=[pad1]),
                         lambda i: self.echo_pkt(i, exts=[padn]))

    def c_opts_many(self):
        # 9 options in one header, one over the limit of 8.
        return self.each(lambda i: self.echo_pkt(
            i, exts=[dst_opts(b"".join(opt(OPT_SKIP) for _ in range(9)))]))

    def c_opt_discard(self):
        # Action 01: discard, say nothing.
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(opt(OPT_DISCARD, b"ab"))]))

    def c_opt_perr(self):
        # Action 10: discard and report, even to a multicast destination.
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(opt(OPT_PERR, b"ab"))]),
                         lambda i: self.echo_pkt(i, dst=ALL_NODES,
                                                 exts=[dst_opts(opt(OPT_PERR, b"ab"))]))

    def c_opt_perr_uc(self):
        # Action 11: discard, report only when the destination was unicast.
        return self.each(lambda i: self.echo_pkt(i, exts=[dst_opts(opt(OPT_PERR_UC, b"ab"))]),
                         lambda i: self.echo_pkt(i, dst=ALL_NODES,
                                                 exts=[dst_opts(opt(OPT_PERR_UC, b"ab"))]))

    def c_jumbo(self):
        # A Jumbo Payload option in a normal packet (RFC 2675 3).
        return self.each(lambda i: self.echo_pkt(i, exts=[hbh(JUMBO)]))

    def c_rh_segleft(self):
        # Routing types 0 (RFC 5095) and 4 with segments left: nothing
        # tinyip may act on, so a Parameter Problem at the routing type.
        a = self.a
        return self.each(lambda i: self.echo_pkt(i, exts=[routing(0, 1, [a.src])]),
                         lambda i: self.echo_pkt(i, exts=[routing(4, 1, [a.src])]))

    def c_nh253(self):
        # Unknown next header 253 (RFC 3692), right after the fixed
        # header and after a Destination Options header.
        return self.each(lambda i: self.pkt(b"experimental", upper_nh=253),
                         lambda i: self.pkt(b"experimental", upper_nh=253,
                                            exts=[dst_opts(b"")]))

    def c_no_next(self):
        # RFC 8200 4.7: No Next Header, anything after it is ignored.
        return self.each(lambda i: self.pkt(b"ignored!", upper_nh=NH_NONE))

    def c_frag_nested(self):
        # A fragment header inside an atomic fragment.
        return self.each(lambda i: self.echo_pkt(
            i, exts=[fraghdr(0, False, 0x600 + i), fraghdr(0, True, 0x700 + i)]))

    # --- fragments ---------------------------------------------------------

    def frags(self, ident, pieces, dst=None):
        """Fragments of one datagram: pieces is [(offset, more, bytes)]."""
        return [self.pkt(data, exts=[fraghdr(off, more, ident)], dst=dst)
                for off, more, data in pieces]

    def echo_msg(self, seq, payload=b"fragment" * 5):
        a = self.a
        return icmp6(a.src, a.dst, echo(self.ident, seq, payload))

    @staticmethod
    def permuted(b):
        """b with its 16-bit words reversed: the same ones' complement sum,
        so an overlap resolved either way still checksums."""
        words = [b[j:j + 2] for j in range(0, len(b), 2)]
        return b"".join(reversed(words))

    def c_frag_ok(self):
        # A well-formed echo in 8-byte fragments.
        m = self.echo_msg(0)
        ident = random.getrandbits(32)
        return self.frags(ident, [(o, o + 8 < len(m), m[o:o + 8])
                                  for o in range(0, len(m), 8)])

    def c_frag_overlap(self):
        # RFC 5722: bytes 16..24 come twice with different contents (that
        # either copy would checksum right); in either order.
        out = []
        for i in range(self.a.count):
            m = self.echo_msg(i, b"OVERLAP" + bytes(range(1, 34)))  # 48 bytes
            alt = m[:16] + self.permuted(m[16:24]) + m[24:]
            assert alt != m
            p = [(0, True, m[:24]), (16, False, alt[16:])]
            out += self.frags(random.getrandbits(32), p if i % 2 else p[::-1])
        return out

    def c_frag_tiny(self):
        # Tiny (8-byte) fragments, one of them sent again with other
        # contents (RFC 1858 3.2's attack; RFC 5722 drops the datagram).
        out = []
        for i in range(self.a.count):
            m = self.echo_msg(i, b"TINYFRAG" + bytes(range(1, 33)))   # 48 bytes
            p = [(o, o + 8 < len(m), m[o:o + 8]) for o in range(0, len(m), 8)]
            p.insert(3, (8, True, self.permuted(m[8:16])))
            out += self.frags(random.getrandbits(32), p)
        return out

    def c_frag_odd(self):
        # RFC 8200 4.5: a fragment with M set must be a multiple of 8
        # bytes long; this first one has 12.
        return self.each(lambda i: self.frags(random.getrandbits(32),
                                              [(0, True, self.echo_msg(i)[:12])])[0])

    def c_frag_wrap(self):
        # RFC 8200 4.5: offset plus length past 65535, which a 16-bit
        # payload length cannot hold.
        out = []
        for i in range(self.a.count):
            ident = random.getrandbits(32)
            m = self.echo_msg(i)
            out += self.frags(ident, [(0, True, m[:16]), (65528, False, b"W" * 16)])
        return out

    def c_frag_chain_cut(self):
        # RFC 7112: a first fragment that ends inside the header chain,
        # after it with no upper-layer header, or inside its last header.
        def cut(i):
            return self.pkt(b"", upper_nh=NH_ICMP6, exts=[
                fraghdr(0, True, random.getrandbits(32)), dst_opts(b"")])

        def inside(i):
            f = bytearray(cut(i))
            f[14 + 49] = 1                            # 16 bytes, 8 there
            return bytes(f)
        return self.each(cut, inside)

    def c_frag_flood(self):
        # Many first fragments of datagrams that never complete.
        a = self.a
        out = []
        data = b"F" * 1232
        for i in range(max(a.count * 40, 4000)):
            out.append(self.pkt(data, exts=[fraghdr(0, True, 0x40000000 + i)]))
        return out

    # --- Neighbor Discovery, MLD -------------------------------------------

    def c_nd_hoplimit(self):
        # RFC 4861 6.1, 7.1: 255 or the message came through a router.
        a = self.a
        return self.each(lambda i: self.nd(ns(a.dst, self.sll()), hlim=254),
                         lambda i: self.nd(ns(a.dst, self.sll()), hlim=1),
                         lambda i: self.nd(na("2001:db8::77", NA_O, nd_opt(OPT_TLL, self.src_mac)),
                                           hlim=64),
                         lambda i: self.nd(ra(0, 1800), src=ROUTER_LL, dst=ALL_NODES, hlim=254))

    def c_nd_short(self):
        # Code 1, and messages shorter than their fixed part.
        a = self.a
        return self.each(lambda i: self.nd(ns(a.dst, self.sll(), code=1)),
                         lambda i: self.nd(ns(a.dst)[:20]),
                         lambda i: self.nd(na(a.src, NA_O)[:16]),
                         lambda i: self.nd(ra(0, 1800)[:12], src=ROUTER_LL, dst=ALL_NODES),
                         lambda i: self.nd(struct.pack("!BBHI", ND_RD, 0, 0, 0) +
                                           a6("fe80::1") + a6("2001:db8::99")[:8],
                                           src=ROUTER_LL))

    def c_nd_opt_zero(self):
        # RFC 4861 4.6: an option of length 0 (a walker that trusted it
        # would never move on).
        a = self.a
        p = bad_pio()
        return self.each(lambda i: self.nd(ns(a.dst, bytes([OPT_SLL, 0]) + self.src_mac)),
                         lambda i: self.nd(ra(0, 0, p[:1] + b"\0" + p[2:]),
                                           src=ROUTER_LL, dst=ALL_NODES))

    def c_nd_opt_past(self):
        # Options running past the end of the message.
        a = self.a
        return self.each(lambda i: self.nd(ns(a.dst, bytes([OPT_SLL, 2]) + self.src_mac)),
                         lambda i: self.nd(na("2001:db8::77", NA_O,
                                              bytes([OPT_TLL, 255]) + self.src_mac)),
                         lambda i: self.nd(ns(a.dst, self.sll() + b"\x01")),
                         lambda i: self.nd(ra(0, 0, bad_pio()[:24]),
                                           src=ROUTER_LL, dst=ALL_NODES))

    def c_nd_rules(self):
        # The per-message rules of RFC 4861 6.1.1, 7.1.1, 7.1.2, 8.1.
        a = self.a
        return self.each(
            # DAD probe (from ::) with a source link-layer address option
            lambda i: self.nd(ns(a.dst, self.sll()), src="::", dst=solicited(a.dst)),
            # DAD probe to a unicast address
            lambda i: self.nd(ns(a.dst), src="::"),
            # NS for a multicast target
            lambda i: self.nd(ns(ALL_NODES, self.sll())),
            # solicited NA to a group
            lambda i: self.nd(na("2001:db8::77", NA_S | NA_O), dst=ALL_NODES),
            # NA for a multicast target
            lambda i: self.nd(na("ff02::2", NA_O)),
            # RS from :: with a source link-layer address option
            lambda i: self.nd(struct.pack("!BBHI", ND_RS, 0, 0, 0) + self.sll(), src="::"),
            # redirect from a global address
            lambda i: self.nd(struct.pack("!BBHI", ND_RD, 0, 0, 0) + a6("fe80::1") +
                              a6("2001:db8:1::1"), src=a.src))

    def ra_bad(self, src, hlim):
        # A router advertisement that, were it accepted, would leave
        # marks: a default route via src, an on-link and autonomous
        # prefix, hop limit 7, MTU 1280.
        opts = bad_pio() + \
            struct.pack("!BBHI", OPT_MTU, 1, 0, 1280)
        return self.nd(ra(7, 1800, opts), src=src, dst=ALL_NODES, hlim=hlim)

    def c_ra_offlink(self):
        # RFC 4861 6.1.2: only a link-local source may advertise a router.
        return self.each(lambda i: self.ra_bad(self.a.src, 255),
                         lambda i: self.ra_bad("::", 255))

    def c_ra_hop254(self):
        return self.each(lambda i: self.ra_bad(ROUTER_LL, 254))

    def c_ra_good(self):
        # The control: the same builders, a valid RA (default route only).
        return [self.nd(ra(0, 600), src="fe80::beef", dst=ALL_NODES)]

    def c_ra_gone(self):
        return [self.nd(ra(0, 0), src="fe80::beef", dst=ALL_NODES)]

    def c_ra_pio_manual(self):
        # A valid RA whose prefix option invalidates (valid lifetime 0)
        # the prefix tinyip's manual address sits in. RFC 4862 5.5.3 and
        # RFC 4861 6.3.4 act on the Prefix List, i.e. on what earlier
        # RAs taught, never on a prefix configured by hand.
        p = pio("2001:db8::", 64, 0x80, 0, 0)
        return [self.nd(ra(0, 0, p), src="fe80::beef", dst=ALL_NODES)]

    def c_na_own(self):
        # Valid NAs (with override) claiming tinyip's own addresses for
        # our MAC: a conflict to log, never a cache entry or a change.
        a = self.a
        tll = nd_opt(OPT_TLL, self.src_mac)
        shapes = [lambda i: self.nd(na(a.dst, NA_O, tll), dst=ALL_NODES),
                  lambda i: self.nd(na(a.dst, NA_S | NA_O, tll))]
        if a.dst_ll:
            shapes.append(lambda i: self.nd(na(a.dst_ll, NA_O, tll),
                                            src="fe80::1", dst=ALL_NODES))
        return self.each(*shapes)

    def mld(self, msg, hlim=1):
        return self.nd(msg, src="fe80::1", dst=ALL_NODES, hlim=hlim,
                       exts=[hbh(opt(5, b"\0\0"))])

    def c_mld_bad(self):
        # Queries of 25..27 bytes (neither MLDv1 nor MLDv2, RFC 3810 8.1),
        # source counts whose 16-byte entries do not fit (0x1000 * 16
        # wraps a 16-bit length to 0), a unicast group.
        def query(nsrc, extra=b"", group="::", cut=None):
            m = struct.pack("!BBHHH", MLD_QUERY, 0, 0, 1000, 0) + a6(group) + \
                struct.pack("!BBH", 2, 125, nsrc) + extra
            return m[:cut] if cut else m
        return self.each(lambda i: self.mld(query(0, cut=25)),
                         lambda i: self.mld(query(0, cut=26)),
                         lambda i: self.mld(query(0, cut=27)),
                         lambda i: self.mld(query(0x1000)),
                         lambda i: self.mld(query(0xFFFF, a6("2001:db8::1"))),
                         lambda i: self.mld(query(0, group="2001:db8::1")))

    # --- random headers --------------------------------------------------------

    def rand_chain(self, i):
        """A random chain of random extension headers."""
        exts = []
        for _ in range(random.randrange(1, 12)):
            t = random.choice([NH_HOP, NH_DST, NH_DST, NH_RT, NH_FRAG])
            if t == NH_FRAG:
                exts.append(Ext(NH_FRAG, os.urandom(8)))
            else:
                n = 8 * random.choice([1, 1, 2, 3, random.randrange(1, 40)])
                body = os.urandom(n)
                if random.randrange(2):
                    body = bytes([0, n // 8 - 1]) + body[2:]
                exts.append(Ext(t, body))
        upper = random.choice([NH_ICMP6, NH_ICMP6, NH_NONE, 253, NH_UDP, NH_TCP])
        data = self.echo_msg(i) if upper == NH_ICMP6 else os.urandom(20)
        f = self.pkt(data, upper_nh=upper, exts=exts)
        if random.randrange(4) == 0:
            f = f[:random.randrange(14, len(f))]
        return f[:1514]

    def c_fuzz(self):
        # scapy's fuzz() on the IPv6, extension header, ICMPv6, ND and MLD
        # layers (lengths and checksums left to scapy, so most frames get
        # past the checksum), and random chains built by hand.
        a = self.a
        ll = "fe80::f022"

        def hopt():
            # Random types; data of a size scapy can put in a length byte.
            return fuzz(HBHOptUnknown(optdata=os.urandom(random.randrange(0, 24))))

        mk = [
            lambda: fuzz(IPv6(src=a.src, dst=a.dst)) / ICMPv6EchoRequest(id=self.ident),
            lambda: IPv6(src=a.src, dst=a.dst) / fuzz(ICMPv6EchoRequest()),
            lambda: IPv6(src=a.src, dst=a.dst) /
            fuzz(IPv6ExtHdrHopByHop(options=[hopt(), hopt()])) / ICMPv6EchoRequest(),
            lambda: IPv6(src=a.src, dst=a.dst) /
            fuzz(IPv6ExtHdrDestOpt(options=[hopt(), hopt(), hopt()])) / ICMPv6EchoRequest(),
            lambda: IPv6(src=a.src, dst=a.dst) / fuzz(IPv6ExtHdrRouting()) / ICMPv6EchoRequest(),
            lambda: IPv6(src=a.src, dst=a.dst) / fuzz(IPv6ExtHdrFragment()) / ICMPv6EchoRequest(),
            lambda: IPv6(src=a.src, dst=a.dst, hlim=255) / fuzz(ICMPv6ND_NS()) /
            fuzz(ICMPv6NDOptSrcLLAddr()),
            lambda: IPv6(src=a.src, dst=ALL_NODES, hlim=255) / fuzz(ICMPv6ND_NA()) /
            fuzz(ICMPv6NDOptDstLLAddr()),
            lambda: IPv6(src=ll, dst=ALL_NODES, hlim=255) / fuzz(ICMPv6ND_RA()) /
            fuzz(ICMPv6NDOptPrefixInfo()) / fuzz(ICMPv6NDOptMTU()),
            lambda: IPv6(src=ll, dst=a.dst, hlim=255) / fuzz(ICMPv6ND_Redirect()),
            lambda: IPv6(src=ll, dst=ALL_NODES, hlim=1) / fuzz(ICMPv6MLQuery2()),
        ]
        out = []
        i = 0
        while len(out) < a.count * 60:
            i += 1
            if i % 5 == 4:
                out.append(self.rand_chain(i))
                continue
            p = random.choice(mk)()
            if i % 7 == 0:
                p = p / Raw(os.urandom(random.randrange(1, 64)))
            dst = p[IPv6].dst
            mac = mcast_mac(dst) if dst.startswith("ff") else self.tip_mac
            try:
                out.append(bytes(Ether(src=self.src_mac, dst=mac) / p)[:1514])
            except (ValueError, OverflowError, struct.error):
                # A random value scapy cannot encode: draw again.
                continue
        return out

    # --- sending, listening, counting ------------------------------------

    def rx_drops(self):
        """tinyip's receive drop counters of the link, by reason."""
        return self.nl.rx_drops(self.a.tip_dev)

    def drops_line(self):
        after = self.rx_drops()
        grew = ["%s=+%d" % (r, after[r] - self.before.get(r, 0))
                for r in sorted(after) if after[r] != self.before.get(r, 0)]
        return "drops " + (",".join(grew) or "-")

    @staticmethod
    def parm_problems_in():
        with open("/proc/net/snmp6") as f:
            for line in f:
                k, v = line.split()
                if k == "Icmp6InParmProblems":
                    return int(v)
        return 0

    def ping(self):
        """An echo request to tinyip from the native stack's raw ICMPv6
        socket (which fills the checksum), a few tries of 2 s each (the
        first may wait for ND). Its identifier is no class's."""
        with socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                           socket.IPPROTO_ICMPV6) as s:
            for _ in range(5):
                self.ping_seq += 1
                s.sendto(struct.pack("!BBHHH", ICMP6_ECHO_REQ, 0, 0, PING_IDENT,
                                     self.ping_seq) + b"ping", (self.a.dst, 0))
                end = time.monotonic() + 2
                while (left := end - time.monotonic()) > 0:
                    if not select.select([s], [], [], left)[0]:
                        break
                    msg, src = s.recvfrom(1500)
                    if src[0] == self.a.dst and msg[:1] == bytes([ICMP6_ECHO_REPLY]) and \
                            struct.unpack("!HH", msg[4:8]) == (PING_IDENT, self.ping_seq):
                        return "ok"
        return "fail"

    def run(self, frames):
        """Sends frames; reports what tinyip answered meanwhile and for
        WAIT seconds after, and what it counted."""
        a = self.a
        self.before = self.rx_drops()
        pp0 = self.parm_problems_in()
        rx = socket.socket(socket.AF_PACKET, socket.SOCK_RAW,
                           socket.htons(ETH_P_IPV6))
        rx.bind((a.iface, 0))
        rx.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 1 << 22)
        for f in frames:
            self.raw.send(f)
        echoes, pps, bad = 0, [], 0
        end = time.monotonic() + a.wait
        while True:
            left = end - time.monotonic()
            if left <= 0:
                break
            r, _, _ = select.select([rx], [], [], left)
            if not r:
                break
            f = rx.recv(65536)
            # From tinyip, IPv6 carrying ICMPv6 and nothing in between.
            if len(f) < 14 + 40 + 8 or f[6:12] != self.tip_mac or f[14 + 6] != NH_ICMP6:
                continue
            ip, msg = f[14:54], f[54:54 + struct.unpack("!H", f[18:20])[0]]
            if len(msg) < 8:
                continue
            pseudo = ip[8:40] + struct.pack("!I3xB", len(msg), NH_ICMP6)
            ok = csum(pseudo + msg) == 0
            if msg[0] == ICMP6_ECHO_REPLY and struct.unpack("!H", msg[4:6])[0] == self.ident:
                echoes += ok
                bad += not ok
            elif msg[0] == ICMP6_PARAMPROB:
                if not ok:
                    bad += 1
                    continue
                quoted = msg[8:]
                qdst = socket.inet_ntop(socket.AF_INET6, quoted[24:40]) \
                    if len(quoted) >= 40 else "?"
                pps.append("%d/%d/%s" % (msg[1], struct.unpack("!I", msg[4:8])[0], qdst))
        rx.close()
        ping = self.ping()
        res = "sent %d echo %d pp %d kinds %s natpp %d ping %s %s" % (
            len(frames), echoes, len(pps), ",".join(sorted(set(pps))) or "-",
            self.parm_problems_in() - pp0, ping, self.drops_line())
        return res + (" badsum %d" % bad if bad else "")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--iface", required=True)
    ap.add_argument("--dst-mac", required=True, help="tinyip's MAC")
    ap.add_argument("--src", required=True, help="our IPv6 address")
    ap.add_argument("--dst", required=True, help="tinyip's IPv6 address")
    ap.add_argument("--dst-ll", help="tinyip's link-local address")
    ap.add_argument("--count", type=int, default=5, help="frames per shape")
    ap.add_argument("--wait", type=float, default=1.5,
                    help="seconds to listen for answers after each class")
    ap.add_argument("--tip-netns", default="tip", help="tinyip's namespace")
    ap.add_argument("--tip-dev", default="v_tip", help="tinyip's link")
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
        if name == "recount":
            print(g.drops_line(), flush=True)
            continue
        fn = getattr(g, "c_" + name.replace("-", "_"), None)
        if fn is None:
            print("unknown class %s" % name, flush=True)
            continue
        # A class's own echo identifier: a late answer to another class
        # cannot be taken for one to this class.
        g.ident = zlib.crc32(name.encode()) & 0xFFFF
        print(g.run(fn()), flush=True)


if __name__ == "__main__":
    main()
