#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Writes the frame corpus of the packet barrage (net_barrage.sh) to a pcap.

Two kinds of frame, all aimed at tinyip's addresses in the test network:
 - scapy's fuzz() over every layer tinyip parses: Ethernet and 802.1Q,
   ARP, IPv4 with options, ICMP, IGMPv2/v3, UDP, UDP-Lite, TCP with
   options, fragments, IPv6 with every extension header, ICMPv6 errors
   and echo, ND (RS, RA, NS, NA, Redirect) with options, MLDv1/v2;
 - the known attack shapes of the IPv4 and IPv6 selftests (malformed.py,
   malformed6.py: teardrop, tiny and overlapping fragments, header and
   length lies, extension-header loops, ND from off-link, ...), taken
   from their generators so the two stay in step.
The corpus is built on the host, where scapy is quick: in a TCG guest
it takes minutes. barrage.c replays it, mutated, at line rate. The
destination MAC is a placeholder the sender replaces with tinyip's.
"""
import argparse
import socket
import struct
import random
import sys
import types

from scapy.config import conf
from scapy.contrib.igmp import IGMP
from scapy.contrib.igmpv3 import IGMPv3, IGMPv3mq, IGMPv3mr, IGMPv3gr
from scapy.layers.inet import (ICMP, IP, IPOption_RR, IPOption_Router_Alert,
                               IPOption_Timestamp, TCP, UDP, fragment)
from scapy.layers.inet6 import (ICMPv6DestUnreach, ICMPv6EchoReply,
                                ICMPv6EchoRequest, ICMPv6MLDMultAddrRec,
                                ICMPv6MLDone, ICMPv6MLQuery, ICMPv6MLQuery2,
                                ICMPv6MLReport, ICMPv6MLReport2,
                                ICMPv6ND_NA, ICMPv6ND_NS, ICMPv6ND_RA,
                                ICMPv6ND_Redirect, ICMPv6ND_RS,
                                ICMPv6NDOptDstLLAddr, ICMPv6NDOptMTU,
                                ICMPv6NDOptPrefixInfo, ICMPv6NDOptRDNSS,
                                ICMPv6NDOptRedirectedHdr,
                                ICMPv6NDOptSrcLLAddr, ICMPv6PacketTooBig,
                                ICMPv6ParamProblem, ICMPv6TimeExceeded,
                                IPv6, IPv6ExtHdrDestOpt, IPv6ExtHdrFragment,
                                IPv6ExtHdrHopByHop, IPv6ExtHdrRouting,
                                IPv6ExtHdrSegmentRouting, PadN,
                                RouterAlert, fragment6)
from scapy.layers.l2 import ARP, Dot1Q, Ether
from scapy.packet import Raw, fuzz

import malformed
import malformed6

# The test network of net_lib.sh, and net_barrage.sh's IPv6 addresses.
NAT4, TIP4 = "192.0.2.1", "192.0.2.2"
NAT6, TIP6 = "2001:db8::1", "2001:db8::2"
TIP_LL = "fe80::2"
# Replaced by barrage.c with tinyip's MAC and the sender's.
TIP_MAC = "02:00:00:00:00:02"
NAT_MAC = "02:00:00:00:00:01"
ALL_NODES, SOLICITED = "ff02::1", "ff02::1:ff00:2"


def eth(dst=None):
    """Ethernet to tinyip, or to the multicast MAC of IPv6 group dst."""
    mac = TIP_MAC
    if dst and dst.startswith("ff"):
        b = socket.inet_pton(socket.AF_INET6, dst)
        mac = "33:33:" + ":".join("%02x" % x for x in b[12:])
    return Ether(dst=mac, src=NAT_MAC)


def payload(n=64):
    return Raw(bytes(random.getrandbits(8) for _ in range(random.randrange(n))))


def v4(l4, **kw):
    """An IPv4 packet to tinyip, its header fuzzed but for the addresses;
    half keep a true checksum and length, so the fuzz reaches deeper."""
    if random.getrandbits(1):
        kw.update(chksum=None, len=None, ihl=None, version=4)
    return fuzz(IP(src=NAT4, dst=TIP4, **kw)) / l4


def v6(l4, dst=TIP6, **kw):
    if random.getrandbits(1):
        kw.update(plen=None, version=6)
    return fuzz(IPv6(src=NAT6, dst=dst, **kw)) / l4


def l4(layer, **kw):
    """layer fuzzed; half the time with a true checksum."""
    if random.getrandbits(1):
        kw["chksum"] = None
    return fuzz(layer(**kw))


def ip4_shapes():
    yield lambda: eth() / fuzz(ARP(pdst=TIP4, psrc=NAT4))
    yield lambda: eth() / fuzz(ARP(op=random.choice((1, 2)), pdst=TIP4))
    yield lambda: eth() / fuzz(Dot1Q()) / IP(src=NAT4, dst=TIP4) / ICMP()
    yield lambda: eth() / v4(l4(ICMP) / payload())
    yield lambda: eth() / v4(l4(ICMP, type=random.choice((0, 3, 4, 5, 8, 11, 12, 13)))
                               / fuzz(IP(dst=NAT4, src=TIP4)) / fuzz(UDP()))
    yield lambda: eth() / v4(l4(UDP) / payload(200))
    yield lambda: eth() / v4(l4(UDP, dport=random.choice((7, 9, 53, 5353))) / payload())
    yield lambda: eth() / v4(fuzz(UDP()) / payload(), proto=136)
    yield lambda: eth() / v4(l4(TCP) / payload())
    yield lambda: eth() / v4(l4(TCP, options=[
        ("MSS", random.randrange(65536)), ("SAckOK", b""),
        ("WScale", random.randrange(256)),
        ("Timestamp", (random.getrandbits(32), random.getrandbits(32))),
        ("SAck", (random.getrandbits(32), random.getrandbits(32)))][:random.randrange(6)]))
    yield lambda: eth() / v4(fuzz(IGMP()))
    yield lambda: eth() / v4(fuzz(IGMPv3()) / fuzz(random.choice((IGMPv3mq, IGMPv3mr))()))
    yield lambda: eth() / v4(fuzz(IGMPv3(type=0x22)) /
                               IGMPv3mr(records=[fuzz(IGMPv3gr())]))
    yield lambda: eth() / fuzz(IP(src=NAT4, dst=TIP4, options=[random.choice(
        (IPOption_RR(), IPOption_Router_Alert(), IPOption_Timestamp()))])) / ICMP()


def frag4():
    p = IP(src=NAT4, dst=TIP4, id=random.getrandbits(16)) / ICMP() / payload(3000)
    fr = fragment(p, fragsize=random.choice((8, 64, 512, 1400)))
    random.shuffle(fr)
    return [eth() / (fuzz(f) if random.randrange(4) == 0 else f) for f in fr]


def ext6():
    return random.choice((
        lambda: fuzz(IPv6ExtHdrHopByHop(options=[fuzz(PadN()), fuzz(RouterAlert())])),
        lambda: fuzz(IPv6ExtHdrDestOpt()),
        lambda: fuzz(IPv6ExtHdrRouting(addresses=[NAT6])),
        lambda: fuzz(IPv6ExtHdrSegmentRouting(addresses=[NAT6])),
        lambda: fuzz(IPv6ExtHdrFragment()),
    ))()


def ip6_shapes():
    nd = (ICMPv6NDOptSrcLLAddr, ICMPv6NDOptDstLLAddr, ICMPv6NDOptMTU,
          ICMPv6NDOptPrefixInfo, ICMPv6NDOptRDNSS, ICMPv6NDOptRedirectedHdr)

    def opts():
        o = Raw(b"")
        for _ in range(random.randrange(4)):
            o = o / fuzz(random.choice(nd)())
        return o
    yield lambda: eth() / v6(l4(ICMPv6EchoRequest) / payload())
    yield lambda: eth() / v6(l4(ICMPv6EchoReply) / payload())
    yield lambda: eth() / v6(l4(random.choice((ICMPv6DestUnreach, ICMPv6PacketTooBig,
                                                 ICMPv6TimeExceeded, ICMPv6ParamProblem)))
                               / fuzz(IPv6(src=TIP6, dst=NAT6)) / fuzz(UDP()))
    yield lambda: eth() / v6(l4(ICMPv6ND_NS, tgt=TIP6) / opts(), hlim=255)
    yield lambda: eth(SOLICITED) / v6(l4(ICMPv6ND_NS, tgt=TIP6) / opts(), dst=SOLICITED,
                                    hlim=255)
    yield lambda: eth() / v6(l4(ICMPv6ND_NA, tgt=NAT6) / opts(), hlim=255)
    yield lambda: eth("ff02::2") / v6(l4(ICMPv6ND_RS) / opts(), dst="ff02::2", hlim=255)
    yield lambda: eth(ALL_NODES) / fuzz(IPv6(src="fe80::1", dst=ALL_NODES, hlim=255)) / \
        l4(ICMPv6ND_RA) / opts()
    yield lambda: eth() / fuzz(IPv6(src="fe80::1", dst=TIP6, hlim=255)) / \
        l4(ICMPv6ND_Redirect, tgt="fe80::3", dst=NAT6) / opts()
    yield lambda: eth() / fuzz(IPv6(src="fe80::1", dst=TIP_LL, hlim=1)) / \
        IPv6ExtHdrHopByHop(options=[RouterAlert()]) / \
        l4(random.choice((ICMPv6MLQuery, ICMPv6MLQuery2, ICMPv6MLReport, ICMPv6MLDone)))
    yield lambda: eth("ff02::16") / fuzz(IPv6(src="fe80::1", dst="ff02::16", hlim=1)) / \
        IPv6ExtHdrHopByHop(options=[RouterAlert()]) / \
        ICMPv6MLReport2(records=[fuzz(ICMPv6MLDMultAddrRec())])
    yield lambda: eth() / v6(l4(UDP) / payload(200))
    yield lambda: eth() / v6(fuzz(UDP()) / payload(), nh=136)
    yield lambda: eth() / v6(l4(TCP) / payload())
    yield lambda: eth() / v6(ext6() / ext6() / l4(ICMPv6EchoRequest))
    yield lambda: eth() / v6(ext6() / l4(UDP) / payload())


def frag6():
    p = IPv6(src=NAT6, dst=TIP6) / IPv6ExtHdrFragment(id=random.getrandbits(32)) / \
        ICMPv6EchoRequest() / payload(3000)
    fr = fragment6(p, random.choice((1280, 1500)))
    random.shuffle(fr)
    return [eth() / (fuzz(f) if random.randrange(4) == 0 else f) for f in fr]


def attacks():
    """Every frame-returning class of the IPv4 and IPv6 malformed tests."""
    out = []
    a = types.SimpleNamespace(src=NAT4, dst=TIP4, dst_mac=TIP_MAC, count=3)
    g = malformed.Gen.__new__(malformed.Gen)
    g.a, g.src_mac = a, NAT_MAC
    a6 = types.SimpleNamespace(src=NAT6, dst=TIP6, dst_ll=TIP_LL,
                               dst_mac=TIP_MAC, count=3, tip_dev="v_tip")
    g6 = malformed6.Gen.__new__(malformed6.Gen)
    g6.a, g6.ident, g6.ping_seq = a6, 0x6A6A, 0
    g6.src_mac = bytes.fromhex(NAT_MAC.replace(":", ""))
    g6.tip_mac = bytes.fromhex(TIP_MAC.replace(":", ""))
    names = []
    for gen in (g, g6):
        for name in sorted(dir(gen)):
            if not name.startswith("c_"):
                continue
            try:
                frames = getattr(gen, name)()
            except (AttributeError, OSError):
                continue        # a class that talks to the stack live
            if isinstance(frames, list):
                out += [f for f in map(bytes, frames) if len(f) <= 1514]
                names.append(name[2:])
    return out, names


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--frames", type=int, default=20000,
                    help="fuzzed frames (the attack shapes come on top)")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    random.seed(a.seed)
    conf.verb = 0
    shapes = list(ip4_shapes()) + list(ip6_shapes())
    out, names = attacks()
    n_att = len(out)
    while len(out) - n_att < a.frames:
        r = random.randrange(20)
        try:
            if r == 0:
                pk = frag4()
            elif r == 1:
                pk = frag6()
            else:
                pk = [random.choice(shapes)()]
            # A frame over the link's MTU would never leave the sender.
            out += [f for f in map(bytes, pk) if len(f) <= 1514]
        except Exception:       # pylint: disable=broad-except
            continue            # a fuzzed value scapy cannot encode
    with open(a.out, "wb") as f:
        # pcap: microsecond timestamps, Ethernet link type.
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 65535, 1))
        for fr in out:
            f.write(struct.pack("<IIII", 0, 0, len(fr), len(fr)) + fr)
    print("%d frames: %d fuzzed, %d of %d attack classes (%s)" %
          (len(out), len(out) - n_att, n_att, len(names), " ".join(names)),
          file=sys.stderr)


if __name__ == "__main__":
    main()
