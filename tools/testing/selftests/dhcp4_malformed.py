#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Malformed DHCPv4 replies (RFC 2131 2, 4.1) from a server's port to
tinyip's client: option lengths past the end, an overlong option, no END
option, a short message, and well-formed ones of another transaction or
another client. Usage: dhcp4_malformed.py IFACE MAC SRC DST; prints the
number of datagrams sent."""
import struct
import sys

from scapy.all import IP, UDP, Ether, Raw, conf, sendp

conf.verb = 0
iface, mac, src, dst = sys.argv[1:5]
chaddr = bytes(int(x, 16) for x in mac.split(":"))
COOKIE = b"\x63\x82\x53\x63"


def reply(opts, xid=0x11111111, hw=chaddr):
    fixed = struct.pack("!BBBBIHH4s4s4s4s", 2, 1, 6, 0, xid, 0, 0,
                        b"\0" * 4, bytes(map(int, dst.split("."))),
                        b"\0" * 4, b"\0" * 4)
    fixed += hw + b"\0" * (16 - len(hw)) + b"\0" * 192
    return fixed + COOKIE + opts


ACK = bytes([53, 1, 5, 54, 4]) + bytes(map(int, src.split("."))) + \
    bytes([51, 4, 0, 0, 0, 120, 255])
bad = [
    reply(bytes([53, 1, 5, 51, 200, 0, 0, 0, 120, 255])),  # length past end
    reply(bytes([53, 1, 5, 54, 255]) + b"\x01" * 40),     # overlong
    reply(bytes([53, 1, 5, 54, 4, 192, 0, 2, 1])),         # no END
    reply(ACK)[:200],                                      # short
    reply(ACK, xid=0x22222222),                            # another xid
    reply(ACK, hw=b"\x02\xde\xad\xbe\xef\x01"),            # another client
]
for p in bad:
    sendp(Ether(dst=mac) / IP(src=src, dst=dst) / UDP(sport=67, dport=68) /
          Raw(p), iface=iface)
print(len(bad))
