# SPDX-License-Identifier: GPL-2.0
"""A minimal reader of tinyip's genetlink family for test programs that
must not fork: in a debug guest each process started (ip netns exec,
tinyip, jq) costs about a second. The numbers come from
uapi/linux/tinyip.h itself, so they cannot drift from the module's.
"""
import ctypes
import os
import re
import socket
import struct

NETLINK_GENERIC = 16
NLM_F_REQUEST, NLM_F_DUMP = 1, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
GENL_ID_CTRL, CTRL_CMD_GETFAMILY = 0x10, 3
CTRL_ATTR_FAMILY_ID, CTRL_ATTR_FAMILY_NAME = 1, 2
CLONE_NEWNET = 0x40000000
HEADER = os.path.join(os.path.dirname(os.path.abspath(__file__)),
                      "../../../uapi/linux/tinyip.h")


def enum(text, name):
    """The members of C enum NAME in TEXT, numbered as the compiler does."""
    body = re.search(r"enum %s \{(.*?)\};" % name, text, re.S).group(1)
    body = re.sub(r"/\*.*?\*/", "", body, flags=re.S)
    out, n = {}, 0
    for m in re.finditer(r"(\w+)\s*(?:=\s*([^,]+))?,", body):
        if m.group(2) is not None:
            # A number, or an expression of earlier members (FOO_MAX - 1).
            n = eval(re.sub(r"(\d)U?L*L\b", r"\1", m.group(2)), {}, dict(out))
        out[m.group(1)] = n
        n += 1
    return out


def attrs(buf):
    """Netlink attributes of BUF as {type: payload}; of an attribute that
    comes twice (LINK_DROPS: receive, then transmit), the first."""
    out, off = {}, 0
    while off + 4 <= len(buf):
        alen, atype = struct.unpack_from("HH", buf, off)
        if alen < 4:
            break
        out.setdefault(atype & 0x3FFF, buf[off + 4:off + alen])
        off += (alen + 3) & ~3
    return out


def setns(fd):
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.setns(fd, CLONE_NEWNET) != 0:
        e = ctypes.get_errno()
        raise OSError(e, "setns: " + os.strerror(e))


class Tinyip:
    """tinyip's genetlink family in the network namespace NETNS (a name
    under /run/netns, or None for the caller's own): the socket is opened
    there, and the caller stays where it was."""

    def __init__(self, netns=None):
        with open(HEADER) as f:
            text = f.read()
        self.cmd = enum(text, "tinyip_cmd")
        self.attr = enum(text, "tinyip_attr")
        drops = enum(text, "tinyip_drop_reason")
        # As the tinyip command names them: TINYIP_DROP_ARP_BAD is arp-bad.
        self.reasons = {v + 1: k[len("TINYIP_DROP_"):].lower().replace("_", "-")
                        for k, v in drops.items() if not k.endswith("MAX")}
        if netns:
            home = os.open("/proc/self/ns/net", os.O_RDONLY)
            there = os.open("/run/netns/" + netns, os.O_RDONLY)
            setns(there)
        try:
            self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                      NETLINK_GENERIC)
        finally:
            if netns:
                setns(home)
                os.close(home)
                os.close(there)
        self.sock.bind((0, 0))
        self.seq = 0
        name = b"tinyip\0"
        req = struct.pack("HH", 4 + len(name), CTRL_ATTR_FAMILY_NAME) + name + b"\0"
        reply = self.request(GENL_ID_CTRL, CTRL_CMD_GETFAMILY, req, dump=False)
        self.family = struct.unpack("H", reply[0][CTRL_ATTR_FAMILY_ID][:2])[0]

    def request(self, family, cmd, body=b"", dump=True):
        """The attributes of each reply to CMD, or OSError."""
        self.seq += 1
        flags = NLM_F_REQUEST | (NLM_F_DUMP if dump else 0)
        payload = struct.pack("BBH", cmd, 1, 0) + body
        self.sock.send(struct.pack("IHHII", 16 + len(payload), family, flags,
                                   self.seq, 0) + payload)
        out = []
        while True:
            buf = self.sock.recv(1 << 16)
            off = 0
            while off + 16 <= len(buf):
                length, mtype, _, seq, _ = struct.unpack_from("IHHII", buf, off)
                body = buf[off + 16:off + length]
                off += (length + 3) & ~3
                if seq != self.seq:
                    continue
                if mtype == NLMSG_DONE:
                    return out
                if mtype == NLMSG_ERROR:
                    err = -struct.unpack_from("i", body)[0]
                    if err:
                        raise OSError(err, os.strerror(err))
                    return out
                out.append(attrs(body[4:]))
                if not dump:
                    return out

    def rx_drops(self, ifname):
        """The receive drop counters of link IFNAME, by reason."""
        a = self.attr
        for link in self.request(self.family, self.cmd["TINYIP_CMD_LINK_GET"]):
            if link.get(a["TINYIP_A_IFNAME"], b"").rstrip(b"\0").decode() != ifname:
                continue
            nest = attrs(link[a["TINYIP_A_LINK_DROPS"]])
            return {r: struct.unpack("Q", nest[t][:8])[0]
                    for t, r in self.reasons.items() if t in nest}
        raise LookupError("tinyip has no link " + ifname)
