#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Send malformed requests to the tinyip genetlink family.

Each must be refused with the right errno, and an extack message where
the kernel can say what was wrong; the family must keep answering. Raw
sockets are used because well-behaved libraries cannot build bad input.
"""
import errno
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_ACK = 1, 4
NLMSG_ERROR = 2
NETLINK_EXT_ACK = 11
NLMSGERR_ATTR_MSG = 1
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2

CMD_INFO_GET, CMD_CONFIG_GET, CMD_CONFIG_SET = 1, 2, 3
A_VERSION, A_MEM_BUDGET = 2, 6
SOL_NETLINK = 270

failures = 0


def attr(atype, payload):
    hdr = struct.pack("HH", 4 + len(payload), atype)
    pad = b"\0" * (-len(payload) % 4)
    return hdr + payload + pad


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 0

    def request(self, family, cmd, body=b"", version=1, reserved=0,
                raw_len=None):
        self.seq += 1
        payload = struct.pack("BBH", cmd, version, reserved) + body
        length = 16 + len(payload) if raw_len is None else raw_len
        msg = struct.pack("IHHII", length, family, NLM_F_REQUEST | NLM_F_ACK,
                          self.seq, 0) + payload
        self.sock.send(msg)
        return self.replies()

    def replies(self):
        """Return (errno, extack message, attributes of data replies)."""
        data_attrs = {}
        while True:
            buf = self.sock.recv(65536)
            off = 0
            while off + 16 <= len(buf):
                length, mtype, flags, seq, _ = struct.unpack_from("IHHII", buf,
                                                                  off)
                body = buf[off + 16:off + length]
                off += (length + 3) & ~3
                if seq != self.seq:
                    continue
                if mtype == NLMSG_ERROR:
                    err = -struct.unpack_from("i", body)[0]
                    msg = None
                    # After the error code: the request header (capped when
                    # the ack is capped), then the extack attributes.
                    capped = flags & 0x100
                    inner = 16 if capped else struct.unpack_from("I", body, 4)[0]
                    aoff = 4 + ((inner + 3) & ~3)
                    while aoff + 4 <= len(body):
                        alen, atype = struct.unpack_from("HH", body, aoff)
                        if alen < 4:
                            break
                        if atype == NLMSGERR_ATTR_MSG:
                            msg = body[aoff + 4:aoff + alen].rstrip(b"\0").decode()
                        aoff += (alen + 3) & ~3
                    return err, msg, data_attrs
                aoff = 4
                while aoff + 4 <= len(body):
                    alen, atype = struct.unpack_from("HH", body, aoff)
                    if alen < 4:
                        break
                    data_attrs[atype] = body[aoff + 4:aoff + alen]
                    aoff += (alen + 3) & ~3

    def family_id(self, name):
        err, _, attrs = self.request(
            GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
            attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"))
        if err:
            sys.exit("family %s not found: %s" % (name, os.strerror(err)))
        return struct.unpack("H", attrs[CTRL_ATTR_FAMILY_ID][:2])[0]


def expect(name, got, want_err, want_msg=None):
    global failures
    err, msg, _ = got
    ok = err == want_err and (want_msg is None or (msg and want_msg in msg))
    print("%s %s: errno %s, extack %r" % (
        "ok" if ok else "FAIL", name, errno.errorcode.get(err, err), msg))
    if not ok:
        failures += 1


def main():
    nl = Genl()
    fam = nl.family_id("tinyip")
    u64 = struct.pack("Q", 1 << 20)

    expect("config-set without attributes",
           nl.request(fam, CMD_CONFIG_SET), errno.EINVAL,
           "no setting to change")
    expect("mem-budget as u32",
           nl.request(fam, CMD_CONFIG_SET,
                      attr(A_MEM_BUDGET, struct.pack("I", 5))),
           errno.EINVAL, "length")
    expect("reply-only attribute in a request",
           nl.request(fam, CMD_CONFIG_SET,
                      attr(A_VERSION, b"x\0") + attr(A_MEM_BUDGET, u64)),
           errno.EINVAL)
    expect("attribute beyond the ABI",
           nl.request(fam, CMD_INFO_GET, attr(200, u64)), errno.EINVAL)
    expect("attribute longer than the message",
           nl.request(fam, CMD_CONFIG_SET,
                      struct.pack("HH", 64, A_MEM_BUDGET) + u64),
           errno.EINVAL)
    expect("unknown command", nl.request(fam, 99), errno.EOPNOTSUPP)
    expect("command 0", nl.request(fam, 0), errno.EOPNOTSUPP)
    expect("reserved header field set",
           nl.request(fam, CMD_INFO_GET, reserved=1), errno.EINVAL)
    expect("trailing bytes after the attributes",
           nl.request(fam, CMD_CONFIG_SET, attr(A_MEM_BUDGET, u64) + b"\1\2"),
           errno.EINVAL)
    # None of that changed anything, and the family still answers.
    got = nl.request(fam, CMD_CONFIG_GET)
    expect("config-get still works", got, 0)
    budget = struct.unpack("Q", got[2].get(A_MEM_BUDGET, b"\xff" * 8))[0]
    expect("budget untouched by bad requests", (0 if budget == 0 else -1,
                                                None, None), 0)
    sys.exit(1 if failures else 0)


main()
