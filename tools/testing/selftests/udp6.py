#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""UDP and UDP-Lite over IPv6 (RFC 8200 8.1, RFC 3828, RFC 3493/3542
socket options) for net_udp6.sh: the same program runs on the native
stack and, through tinyip-run --families inet6, on tinyip, so both ends
use the ordinary AF_INET6 API.

  echo-client DST PORT SIZE [--lite COV] [--hops N] [--tclass N]
  echo-server PORT [--lite COV] [--count N]
  refused DST PORT
  mcast-recv GROUP PORT IFINDEX
  mcast-send GROUP PORT IFINDEX [--hops N]
  opts IFINDEX
  mc-loop GROUP PORT IFINDEX      (what a sender's own node hears of it)
  raw-zero-csum DST PORT LEN      (native only: a UDP datagram, checksum 0)
  raw-filter DST                  (two raw ICMPv6 sockets, one filtering)
  recverr DST PORT                (IP_RECVERR/IPV6_RECVERR: a closed port's
                                   error on the error queue; DST IPv4 or 6)
  serve                           (runs the commands above read from stdin,
                                   one per line, each output followed by
                                   "=rc N": a debug guest takes seconds to
                                   start each python3)
"""
import argparse
import errno
import os
import select
import shlex
import socket
import struct
import sys

UDPLITE = 136
UDPLITE_SEND_CSCOV = 10
IPV6_DONTFRAG = 62


def out(*a):
    print(*a, flush=True)


def udp6(lite):
    s = socket.socket(socket.AF_INET6, socket.SOCK_DGRAM,
                      UDPLITE if lite is not None else 0)
    if lite is not None:
        s.setsockopt(UDPLITE, UDPLITE_SEND_CSCOV, lite)
    return s


def ename(e):
    return errno.errorcode.get(e.errno, str(e.errno))


def echo_client(a):
    s = udp6(a.lite)
    if a.hops is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, a.hops)
    if a.tclass is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_TCLASS, a.tclass)
    data = os.urandom(a.size)
    # Connected, so getsockname() tells the source the route chose.
    s.connect((a.dst, a.port))
    s.send(data)
    s.settimeout(5)
    try:
        got, peer = s.recvfrom(70000)
    except OSError as e:
        out("error:", ename(e) if e.errno else "timeout")
        return 1
    if got != data:
        out("error: echo of %d bytes came back as %d, different" %
            (len(data), len(got)))
        return 1
    name = s.getsockname()
    out("ok: %d bytes echoed by [%s]:%d to [%s]" %
        (len(got), peer[0], peer[1], name[0]))
    return 0


def echo_server(a):
    s = udp6(a.lite)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
    s.bind(("::", a.port))
    out("bound")
    n = 0
    while a.count == 0 or n < a.count:
        data, anc, _, peer = s.recvmsg(70000, 256)
        dst, ifindex = "?", -1
        for level, typ, val in anc:
            if level == socket.IPPROTO_IPV6 and typ == socket.IPV6_PKTINFO:
                dst = socket.inet_ntop(socket.AF_INET6, val[:16])
                ifindex = struct.unpack("I", val[16:20])[0]
        out("got %d bytes from [%s]:%d scope %d, dst %s ifindex %d" %
            (len(data), peer[0], peer[1], peer[3], dst, ifindex))
        s.sendto(data, peer)
        n += 1
    return 0


def refused(a):
    s = udp6(None)
    s.connect((a.dst, a.port))
    s.send(b"anyone?")
    s.settimeout(5)
    try:
        s.recv(100)
        out("error: an answer")
    except OSError as e:
        out("recv:", ename(e) if e.errno else "timeout")
    return 0


IP_RECVERR = 11
IPV6_RECVERR = 25
ORIGINS = {2: "ICMP", 3: "ICMP6"}


def errqueue(s, dst, port):
    """The next error queue entry of s, in words with dst and port named
    as such, so that runs against different peers compare."""
    try:
        data, anc, flags, name = s.recvmsg(100, 256, socket.MSG_ERRQUEUE)
    except OSError as e:
        return ename(e)
    words = ["data %r" % data]
    for level, typ, val in anc:
        if (level, typ) == (socket.IPPROTO_IP, IP_RECVERR):
            words.append("SOL_IP/IP_RECVERR")
        elif (level, typ) == (socket.IPPROTO_IPV6, IPV6_RECVERR):
            words.append("SOL_IPV6/IPV6_RECVERR")
        else:
            words.append("cmsg %d/%d" % (level, typ))
            continue
        err, origin, etype, code, _, info, _ = struct.unpack_from("=IBBBBII", val)
        fam = struct.unpack_from("=H", val, 16)[0]
        if fam == socket.AF_INET:
            off = socket.inet_ntop(socket.AF_INET, val[20:24])
        elif fam == socket.AF_INET6:
            off = socket.inet_ntop(socket.AF_INET6, val[24:40])
        else:
            off = "family %d" % fam
        words.append("errno %s origin %s type %d code %d info %d offender %s" %
                     (errno.errorcode.get(err, str(err)),
                      ORIGINS.get(origin, str(origin)), etype, code, info,
                      "dst" if off in (dst, "::ffff:" + dst) else off))
    words.append("name %s" % ("dst:port" if name[:2] == (dst, port) else
                              str(name)))
    if flags & socket.MSG_ERRQUEUE:
        words.append("MSG_ERRQUEUE")
    return " ".join(words)


def recverr(a):
    v6 = ":" in a.dst
    fam = socket.AF_INET6 if v6 else socket.AF_INET
    level, opt = ((socket.IPPROTO_IPV6, IPV6_RECVERR) if v6 else
                  (socket.IPPROTO_IP, IP_RECVERR))
    for mode in ("plain", "unconnected", "connected"):
        s = socket.socket(fam, socket.SOCK_DGRAM)
        if mode != "plain":
            s.setsockopt(level, opt, 1)
        words = [mode + ":", "option %d" % s.getsockopt(level, opt)]
        if mode == "connected":
            s.connect((a.dst, a.port))
            s.send(b"probe " + mode.encode())
        else:
            s.sendto(b"probe " + mode.encode(), (a.dst, a.port))
        p = select.poll()
        p.register(s, select.POLLIN)
        ev = p.poll(2000 if mode == "plain" else 10000)
        words.append("poll %s" % ("ERR" if ev and ev[0][1] & select.POLLERR
                                  else "-"))
        if mode == "connected":
            s.setblocking(False)
            try:
                s.recv(100)
                words.append("recv data")
            except OSError as e:
                words.append("recv %s" % ename(e))
        words.append("SO_ERROR %s" % errno.errorcode.get(
            s.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR), "0"))
        words.append("queue [%s]" % errqueue(s, a.dst, a.port))
        words.append("then [%s]" % errqueue(s, a.dst, a.port))
        out(" ".join(words))
        s.close()
    # Turning the option off empties the queue; closing a socket with
    # entries left frees them.
    for mode in ("cleared", "unread"):
        s = socket.socket(fam, socket.SOCK_DGRAM)
        s.setsockopt(level, opt, 1)
        for i in range(3):
            try:
                s.sendto(b"probe %s %d" % (mode.encode(), i),
                         (a.dst, a.port))
            except OSError:
                pass    # SO_ERROR from an earlier one: how soon is a race
        p = select.poll()
        p.register(s, select.POLLIN)
        ev = p.poll(10000)
        words = [mode + ":", "poll %s" % ("ERR" if ev and ev[0][1] &
                                           select.POLLERR else "-")]
        if mode == "cleared":
            s.setsockopt(level, opt, 0)
            words.append("queue [%s]" % errqueue(s, a.dst, a.port))
        out(" ".join(words))
        s.close()
    return 0


def mreq(group, ifindex):
    return socket.inet_pton(socket.AF_INET6, group) + struct.pack("i", ifindex)


def mcast_recv(a):
    s = udp6(None)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_RECVPKTINFO, 1)
    s.bind(("::", a.port))
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                 mreq(a.group, a.ifindex))
    out("joined")
    r, _, _ = select.select([s], [], [], 20)
    if not r:
        out("error: nothing received")
        return 1
    data, anc, _, peer = s.recvmsg(2000, 256)
    dst, ifindex = "?", -1
    for level, typ, val in anc:
        if level == socket.IPPROTO_IPV6 and typ == socket.IPV6_PKTINFO:
            dst = socket.inet_ntop(socket.AF_INET6, val[:16])
            ifindex = struct.unpack("I", val[16:20])[0]
    out("got %r from [%s] dst %s ifindex %d" % (data, peer[0], dst, ifindex))
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_LEAVE_GROUP,
                 mreq(a.group, a.ifindex))
    return 0


def mcast_send(a):
    s = udp6(None)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, a.ifindex)
    if a.hops is not None:
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, a.hops)
    for _ in range(a.count):
        s.sendto(b"hello group", (a.group, a.port))
    return 0


def mc_loop(a):
    """A listener on this node joined to GROUP on IFINDEX, and a sender to
    the group out of IFINDEX with IPV6_MULTICAST_LOOP on, then off: the
    listener hears the first datagram only (RFC 3493 5.2)."""
    r = udp6(None)
    r.bind(("::", a.port))
    r.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_JOIN_GROUP,
                 mreq(a.group, a.ifindex))
    r.settimeout(2)
    s = udp6(None)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, a.ifindex)
    for loop in (1, 0):
        s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_LOOP, loop)
        s.sendto(b"loop %d" % loop, (a.group, a.port))
        heard = []
        while True:
            try:
                data, peer = r.recvfrom(2000)
            except socket.timeout:
                break
            heard.append(data.decode())
        out("loop %d: heard %s" % (loop, heard))
    return 0


def opts(a):
    """Errors and values a program sees, one line each, for comparison."""
    def tryset(what, level, opt, val):
        s = udp6(None)
        try:
            s.setsockopt(level, opt, val)
            res = "ok"
        except OSError as e:
            res = ename(e)
        out("%s: %s" % (what, res))
        return s

    v6 = socket.IPPROTO_IPV6
    tryset("unicast hops 256", v6, socket.IPV6_UNICAST_HOPS, 256)
    tryset("unicast hops -2", v6, socket.IPV6_UNICAST_HOPS, -2)
    tryset("unicast hops short", v6, socket.IPV6_UNICAST_HOPS, b"\x01")
    s = tryset("unicast hops 9", v6, socket.IPV6_UNICAST_HOPS, 9)
    out("unicast hops read:", s.getsockopt(v6, socket.IPV6_UNICAST_HOPS))
    s = udp6(None)
    out("multicast hops default:", s.getsockopt(v6, socket.IPV6_MULTICAST_HOPS))
    out("multicast loop default:", s.getsockopt(v6, socket.IPV6_MULTICAST_LOOP))
    s = tryset("multicast hops -1", v6, socket.IPV6_MULTICAST_HOPS, -1)
    out("multicast hops read:", s.getsockopt(v6, socket.IPV6_MULTICAST_HOPS))
    tryset("multicast loop 2", v6, socket.IPV6_MULTICAST_LOOP, 2)
    tryset("multicast if 9999", v6, socket.IPV6_MULTICAST_IF, 9999)
    s = tryset("tclass 0xb8", v6, socket.IPV6_TCLASS, 0xb8)
    out("tclass read:", s.getsockopt(v6, socket.IPV6_TCLASS))
    tryset("tclass 256", v6, socket.IPV6_TCLASS, 256)
    s = tryset("dontfrag 1", v6, IPV6_DONTFRAG, 1)
    out("dontfrag read:", s.getsockopt(v6, IPV6_DONTFRAG))

    s = udp6(None)
    g = "ff0e::db8:1"
    for what, opt, m in (
            ("join", socket.IPV6_JOIN_GROUP, mreq(g, a.ifindex)),
            ("join again", socket.IPV6_JOIN_GROUP, mreq(g, a.ifindex)),
            ("join bad ifindex", socket.IPV6_JOIN_GROUP, mreq(g, 9999)),
            ("join unicast", socket.IPV6_JOIN_GROUP,
             mreq("2001:db8::5", a.ifindex)),
            ("join short", socket.IPV6_JOIN_GROUP, mreq(g, a.ifindex)[:16]),
            ("leave", socket.IPV6_LEAVE_GROUP, mreq(g, a.ifindex)),
            ("leave again", socket.IPV6_LEAVE_GROUP, mreq(g, a.ifindex))):
        try:
            s.setsockopt(v6, opt, m)
            res = "ok"
        except OSError as e:
            res = ename(e)
        out("%s: %s" % (what, res))
    return 0


def raw_zero_csum(a):
    s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, socket.IPPROTO_UDP)
    data = b"z" * a.len
    s.sendto(struct.pack("!HHHH", 5555, a.port, 8 + len(data), 0) + data,
             (a.dst, 0))
    return 0


def raw_filter(a):
    """An echo request from a raw ICMPv6 socket whose checksum the kernel
    fills (RFC 3542 3.1); the reply reaches it and a second raw socket
    whose ICMP6_FILTER passes all, but not a third that blocks type 129
    (the filter's set bits block, as Linux's ICMP6_FILTER_SETBLOCK)."""
    mk = lambda: socket.socket(socket.AF_INET6, socket.SOCK_RAW,
                               socket.IPPROTO_ICMPV6)
    sender, plain, blocked = mk(), mk(), mk()
    filt = bytearray(32)
    filt[129 >> 3] |= 1 << (129 & 7)
    blocked.setsockopt(58, 1, bytes(filt))
    got = blocked.getsockopt(58, 1, 32)
    if got != bytes(filt):
        out("error: ICMP6_FILTER read back differs")
        return 1
    ident = os.getpid() & 0xffff
    sender.sendto(struct.pack("!BBHHH", 128, 0, 0, ident, 1) + b"raw6" * 8,
                  (a.dst, 0))
    seen = {}
    for name, s in (("sender", sender), ("plain", plain),
                    ("blocked", blocked)):
        seen[name] = 0
        s.settimeout(2)
        while True:
            try:
                data, peer = s.recvfrom(2000)
            except socket.timeout:
                break
            if data[0] == 129 and struct.unpack("!H", data[4:6])[0] == ident:
                seen[name] += 1
                if data[8:] != b"raw6" * 8:
                    out("error: echo reply data differs")
                    return 1
    out("echo replies seen: sender %d, plain %d, blocked %d" %
        (seen["sender"], seen["plain"], seen["blocked"]))
    return 0


def parser():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("echo-client")
    c.add_argument("dst")
    c.add_argument("port", type=int)
    c.add_argument("size", type=int)
    c.add_argument("--lite", type=int)
    c.add_argument("--hops", type=int)
    c.add_argument("--tclass", type=int)
    c = sub.add_parser("echo-server")
    c.add_argument("port", type=int)
    c.add_argument("--lite", type=int)
    c.add_argument("--count", type=int, default=0)
    c = sub.add_parser("refused")
    c.add_argument("dst")
    c.add_argument("port", type=int)
    c = sub.add_parser("mcast-recv")
    c.add_argument("group")
    c.add_argument("port", type=int)
    c.add_argument("ifindex", type=int)
    c = sub.add_parser("mcast-send")
    c.add_argument("group")
    c.add_argument("port", type=int)
    c.add_argument("ifindex", type=int)
    c.add_argument("--hops", type=int)
    c.add_argument("--count", type=int, default=1)
    c = sub.add_parser("opts")
    c.add_argument("ifindex", type=int)
    c = sub.add_parser("mc-loop")
    c.add_argument("group")
    c.add_argument("port", type=int)
    c.add_argument("ifindex", type=int)
    c = sub.add_parser("raw-zero-csum")
    c.add_argument("dst")
    c.add_argument("port", type=int)
    c.add_argument("len", type=int)
    c = sub.add_parser("raw-filter")
    c.add_argument("dst")
    c = sub.add_parser("recverr")
    c.add_argument("dst")
    c.add_argument("port", type=int)
    sub.add_parser("serve")
    return p


def run(a):
    return {"echo-client": echo_client, "echo-server": echo_server,
            "refused": refused, "mcast-recv": mcast_recv,
            "mcast-send": mcast_send, "opts": opts, "mc-loop": mc_loop,
            "raw-zero-csum": raw_zero_csum,
            "raw-filter": raw_filter, "recverr": recverr}[a.cmd](a)


def serve():
    """Each command's sockets are closed when it returns, as they would
    be at its own process's exit; an exception ends the command, not the
    server."""
    sys.stderr = sys.stdout
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            rc = run(parser().parse_args(shlex.split(line)))
        except SystemExit as e:
            rc = e.code if isinstance(e.code, int) else 2
        except Exception as e:  # pylint: disable=broad-except
            out("error: %s: %s" % (type(e).__name__, e))
            rc = 1
        out("=rc %d" % (rc or 0))
    return 0


def main():
    a = parser().parse_args()
    return serve() if a.cmd == "serve" else run(a)


if __name__ == "__main__":
    sys.exit(main())
