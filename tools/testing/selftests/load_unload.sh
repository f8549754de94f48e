#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Loading and unloading: the family appears and disappears, socket(2) on
# it reaches the module (and loads it on demand through its alias), and
# repeated cycles leave nothing behind.
. "$(dirname "$0")/lib.sh"
in_guest

unload
no_autoload
expect_eq "socket() without the module" "$(sock_errno $AF_TINYIP 2 0)" EAFNOSUPPORT

load
expect_eq "family parameter" "$(cat /sys/module/tinyip/parameters/family)" $AF_TINYIP
expect_match "load message" "$(dmesg | tail -n 20)" "tinyip: tinyip [0-9.]+ loaded, address family $AF_TINYIP"
# Reaching the module is what changes the errno: the datagram transport
# answers, and types nothing serves yet are refused, never faked.
expect_eq "socket(AF_TINYIP, SOCK_DGRAM, 0)" "$(sock_errno $AF_TINYIP 2 0)" OK
expect_eq "socket(AF_TINYIP, SOCK_STREAM, 0)" "$(sock_errno $AF_TINYIP 1 0)" OK
expect_eq "socket(AF_TINYIP, SOCK_SEQPACKET, 0)" "$(sock_errno $AF_TINYIP 5 0)" ESOCKTNOSUPPORT

cycles=10
# The debug kernel (KASAN, kmemleak) takes seconds per cycle.
if [ "$FULL" = 1 ]; then
	cycles=200
	[ "${TINYIP_KERNEL:-}" = debug ] && cycles=40
fi
for i in $(seq $cycles); do
	unload
	load
	"$TINYIP" info > /dev/null || fail "tinyip info after reload $i"
done
unload

# With autoloading back on, socket(2) alone brings the module in
# (MODULE_ALIAS_NETPROTO), as it does for in-tree families.
echo "$SAVED_MODPROBE" > /proc/sys/kernel/modprobe
expect_eq "socket() with autoload" "$(sock_errno $AF_TINYIP 2 0)" OK
[ -d /sys/module/tinyip ] || fail "socket(AF_TINYIP) did not load the module"
unload
# The genetlink alias does the same for the tinyip command.
"$TINYIP" info > /dev/null || fail "tinyip info did not autoload the module"
[ -d /sys/module/tinyip ] || fail "tinyip info did not load the module"
unload
exit 0
