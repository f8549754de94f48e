#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
"""What an off-path attacker could guess of a TCP connection, for
net_tcp_random.sh: initial sequence numbers (RFC 6528) and ephemeral
ports (RFC 6056).

  tcp_random.py serve FAMILY ADDR PORT     accept and close, until killed
  tcp_random.py dial FAMILY ADDR PORT N    N connections, one at a time
  tcp_random.py isn WHAT < tcpdump -S      judge the SYNs' sequence numbers
  tcp_random.py ports WHAT < tcpdump -S    judge the SYNs' source ports

FAMILY is "tinyip" (AF_TINYIP, the module's live number) or "inet". The
judges read `tcpdump -n -S` lines, one SYN or SYN-ACK each, and print
"ok" or "fail: why" last; WHAT names the sample in their messages.

The statistics are loose on purpose: a test of 100 samples cannot prove
randomness, but it does catch the failures that matter (a counter, a
clock, a constant step, a narrow range), and a truly random source fails
them with a probability below one in ten thousand.
"""
import re
import socket
import sys

LINE = re.compile(r" IP6? \S+\.(\d+) > \S+: Flags \[S\.?\], seq (\d+)")


def family(name):
    if name == "inet":
        return socket.AF_INET
    with open("/sys/module/tinyip/parameters/family") as f:
        return int(f.read())


def sock(name):
    """A TCP socket of FAMILY; AF_TINYIP takes sockaddr_in, so Python is
    told it is AF_INET."""
    raw = socket.socket(family(name), socket.SOCK_STREAM, 0)
    return socket.socket(socket.AF_INET, socket.SOCK_STREAM, 0,
                         fileno=raw.detach())


def serve(fam, addr, port):
    s = sock(fam)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    s.bind((addr, int(port)))
    s.listen(64)
    print("listening", flush=True)
    while True:
        c, _ = s.accept()
        c.close()


def dial(fam, addr, port, n):
    for _ in range(int(n)):
        c = sock(fam)
        c.connect((addr, int(port)))
        c.close()
    print("dialled", n, flush=True)


def samples():
    out = []
    for line in sys.stdin:
        m = LINE.search(line)
        if m:
            out.append((int(m.group(1)), int(m.group(2))))
    return out


def judge(what, problems):
    for p in problems:
        print("fail: %s: %s" % (what, p))
    if not problems:
        print("ok")
    return 1 if problems else 0


def isn(what):
    """RFC 6528: ISN = M + F(4-tuple, secret). Different 4-tuples must
    give unrelated numbers: distinct, spread over the whole space (each
    of the 16 top nibbles seen), and not a counter (few consecutive
    differences below 2^24, which a random pair hits 1 time in 128)."""
    seqs = [s for _, s in samples()]
    problems = []
    if len(seqs) < 100:
        return judge(what, ["%d SYNs captured, want 100" % len(seqs)])
    if len(set(seqs)) != len(seqs):
        problems.append("%d repeated ISNs" % (len(seqs) - len(set(seqs))))
    nibbles = {s >> 28 for s in seqs}
    if len(nibbles) < 16:
        problems.append("only %d of 16 top nibbles" % len(nibbles))
    small = sum(1 for a, b in zip(seqs, seqs[1:])
                if min((b - a) % 2**32, (a - b) % 2**32) < 2**24)
    if small > len(seqs) // 10:
        problems.append("%d of %d steps below 2^24: a counter" %
                        (small, len(seqs) - 1))
    print("# %s: %d ISNs, %d top nibbles, %d small steps" %
          (what, len(seqs), len(nibbles), small))
    return judge(what, problems)


def ports(what):
    """RFC 6056: the ports of successive connections to one destination
    must not be a fixed step from each other (tinyip's algorithm 3 adds
    a random 1 to 8, algorithm 4's Linux adds 2) and must not repeat
    while the earlier ones are in TIME_WAIT."""
    p = [port for port, _ in samples()]
    problems = []
    if len(p) < 100:
        return judge(what, ["%d SYNs captured, want 100" % len(p)])
    if len(set(p)) != len(p):
        problems.append("%d repeated ports" % (len(p) - len(set(p))))
    steps = [(b - a) % 65536 for a, b in zip(p, p[1:])]
    common = max(steps.count(s) for s in set(steps))
    if common > len(steps) // 2:
        problems.append("%d of %d steps are the same: predictable" %
                        (common, len(steps)))
    print("# %s: %d ports, %d distinct steps, the commonest %d times" %
          (what, len(p), len(set(steps)), common))
    return judge(what, problems)


def main(argv):
    if len(argv) == 5 and argv[1] == "serve":
        serve(*argv[2:])
    elif len(argv) == 6 and argv[1] == "dial":
        dial(*argv[2:])
    elif len(argv) == 3 and argv[1] == "isn":
        return isn(argv[2])
    elif len(argv) == 3 and argv[1] == "ports":
        return ports(argv[2])
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
