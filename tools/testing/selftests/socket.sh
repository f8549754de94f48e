#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# socket(2) arguments on AF_TINYIP: bad ones get the errno AF_INET gives,
# types no transport serves are refused, and raw sockets need
# CAP_NET_RAW, as on AF_INET.
. "$(dirname "$0")/lib.sh"
in_guest

load
expect_eq "negative protocol" "$(sock_errno $AF_TINYIP 2 -1)" EINVAL
expect_eq "protocol past IPPROTO_MAX" "$(sock_errno $AF_TINYIP 2 263)" EINVAL
expect_eq "type past SOCK_MAX" "$(sock_errno $AF_TINYIP 99 0)" EINVAL
# SOCK_SEQPACKET (5) has no transport.
expect_eq "type 5" "$(sock_errno $AF_TINYIP 5 0)" ESOCKTNOSUPPORT
expect_eq "type 5 as nobody" "$(as_nobody "$SELFTESTS/sock_errno" $AF_TINYIP 5 0)" ESOCKTNOSUPPORT
# Stream sockets: TCP by default or by number, nothing else.
expect_eq "SOCK_STREAM" "$(sock_errno $AF_TINYIP 1 0)" OK
expect_eq "SOCK_STREAM as nobody" "$(as_nobody "$SELFTESTS/sock_errno" $AF_TINYIP 1 0)" OK
expect_eq "SOCK_STREAM TCP" "$(sock_errno $AF_TINYIP 1 6)" OK
expect_eq "SOCK_STREAM UDP" "$(sock_errno $AF_TINYIP 1 17)" EPROTONOSUPPORT
# Datagram sockets: UDP by default, UDP-Lite by number, nothing else.
expect_eq "SOCK_DGRAM" "$(sock_errno $AF_TINYIP 2 0)" OK
expect_eq "SOCK_DGRAM as nobody" "$(as_nobody "$SELFTESTS/sock_errno" $AF_TINYIP 2 0)" OK
expect_eq "SOCK_DGRAM UDP" "$(sock_errno $AF_TINYIP 2 17)" OK
expect_eq "SOCK_DGRAM UDP-Lite" "$(sock_errno $AF_TINYIP 2 136)" OK
expect_eq "SOCK_DGRAM TCP" "$(sock_errno $AF_TINYIP 2 6)" EPROTONOSUPPORT
# Raw sockets: a protocol is required, and so is CAP_NET_RAW.
expect_eq "SOCK_RAW ICMP" "$(sock_errno $AF_TINYIP 3 1)" OK
expect_eq "SOCK_RAW ICMP as nobody" "$(as_nobody "$SELFTESTS/sock_errno" $AF_TINYIP 3 1)" EPERM
expect_eq "SOCK_RAW protocol 0" "$(sock_errno $AF_TINYIP 3 0)" EPROTONOSUPPORT
# The refusals took no reference on the module.
expect_eq "module refcount" "$(cat /sys/module/tinyip/refcnt)" 0
unload
exit 0
