#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Print the errno name socket(FAMILY, TYPE, PROTO) fails with, or OK.

Calls libc directly: Python's socket module would turn -1 into defaults.
"""
import ctypes
import errno
import os
import sys


def main():
    family, stype, proto = (int(a, 0) for a in sys.argv[1:4])
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.socket(family, stype, proto)
    if fd < 0:
        err = ctypes.get_errno()
        print(errno.errorcode.get(err, str(err)))
        return
    os.close(fd)
    print("OK")


main()
