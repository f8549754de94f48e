#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The family number: a taken or impossible number fails the load with a
# clear message, and the parameter moves the family to a free number.
. "$(dirname "$0")/lib.sh"
in_guest

unload
no_autoload

# 16 is AF_NETLINK, which every kernel has registered.
err=$(modprobe tinyip family=16 2>&1) && fail "loaded on the taken family 16"
expect_match "modprobe error" "$err" "Address already in use"
[ -d /sys/module/tinyip ] && fail "module stayed after a failed load"
expect_match "taken message" "$(dmesg | tail -n 5)" "address family 16 is already registered"

for n in 0 -1 46 1000; do
	modprobe tinyip family=$n 2> /dev/null && fail "loaded with family=$n"
	expect_match "range message for $n" "$(dmesg | tail -n 5)" "family=$n is out of range"
done

load family=13
expect_eq "moved family" "$(cat /sys/module/tinyip/parameters/family)" 13
expect_eq "info family" "$("$TINYIP" -j info | json_get '.family')" 13
expect_eq "socket on the new number" "$(sock_errno 13 2 0)" OK
expect_eq "socket on the old number" "$(sock_errno $AF_TINYIP 2 0)" EAFNOSUPPORT
unload
exit 0
