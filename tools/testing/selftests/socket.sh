#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# socket(2) arguments on AF_TINYIP: bad ones get the errno AF_INET gives,
# and types no transport serves yet are refused, for root and nobody alike.
. "$(dirname "$0")/lib.sh"
in_guest

load
expect_eq "negative protocol" "$(sock_errno $AF_TINYIP 2 -1)" EINVAL
expect_eq "protocol past IPPROTO_MAX" "$(sock_errno $AF_TINYIP 2 263)" EINVAL
expect_eq "type past SOCK_MAX" "$(sock_errno $AF_TINYIP 99 0)" EINVAL
for t in 1 2 3 5; do
	expect_eq "type $t" "$(sock_errno $AF_TINYIP $t 0)" ESOCKTNOSUPPORT
	expect_eq "type $t as nobody" "$(as_nobody "$SELFTESTS/sock_errno" $AF_TINYIP $t 0)" ESOCKTNOSUPPORT
done
# The refusals took no reference on the module.
expect_eq "module refcount" "$(cat /sys/module/tinyip/refcnt)" 0
unload
exit 0
