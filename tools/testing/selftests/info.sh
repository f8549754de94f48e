#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "tinyip info" in text and JSON agrees with what the module says of
# itself in sysfs, and the command says plainly when the module is absent.
. "$(dirname "$0")/lib.sh"
in_guest

load
version=$(cat /sys/module/tinyip/version)
text=$("$TINYIP" info) || fail "tinyip info failed"
echo "$text"
expect_match "text version" "$text" "^version $version\$"
expect_match "text family" "$text" "^family $AF_TINYIP\$"
expect_match "text features" "$text" "^features .*mem-budget"
expect_match "text instance" "$text" "^instance [0-9]+\$"

json=$("$TINYIP" -j info) || fail "tinyip -j info failed"
echo "$json"
expect_eq "json version" "$(echo "$json" | json_get '.version')" "$version"
expect_eq "json family" "$(echo "$json" | json_get '.family')" $AF_TINYIP
# Exactly the parts that are built in.
expect_eq "json features" "$(echo "$json" | json_get '.features | sort')" \
	'["api","cubic","dhcp4","dns","events","fault-inject","forward","ipv4","ipv6","mem-budget","multicast","raw","sack","tcp","udp","udplite"]'
inst=$(echo "$json" | json_get '.instance')
expect_match "json instance" "$inst" '^[0-9]+$'
pretty=$("$TINYIP" -p info) || fail "tinyip -p info failed"
expect_eq "pretty json" "$(echo "$pretty" | json_get '.instance')" "$inst"

"$TINYIP" --help > /dev/null || fail "tinyip --help"
"$TINYIP" bogus > /dev/null 2>&1
expect_eq "unknown object exit status" $? 2

unload
no_autoload
err=$("$TINYIP" info 2>&1)
expect_eq "exit status without the module" $? 1
expect_match "message without the module" "$err" "not loaded"
exit 0
