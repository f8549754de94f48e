#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Configuration changes are multicast to "tinyip monitor" in the same
# network namespace, and only there.
. "$(dirname "$0")/lib.sh"
in_guest

load
ip netns add tip-mon || fail "ip netns add"
trap 'ip netns del tip-mon 2>/dev/null; kill $m0 $m1 2>/dev/null' EXIT
"$TINYIP" -j monitor config > /tmp/mon-init.out 2>&1 &
m0=$!
ip netns exec tip-mon "$TINYIP" -j monitor config > /tmp/mon-ns.out 2>&1 &
m1=$!
wait_joined $m0
wait_joined $m1

"$TINYIP" config set mem-budget 64K > /dev/null || fail "config set"
sleep 1
kill $m0 $m1
wait $m0 $m1 2> /dev/null

cat /tmp/mon-init.out
expect_eq "events seen in init" "$(wc -l < /tmp/mon-init.out)" 1
expect_eq "event budget" "$(json_get '.mem_budget' < /tmp/mon-init.out)" 65536
expect_eq "events leaked to another netns" "$(wc -l < /tmp/mon-ns.out)" 0
"$TINYIP" config set mem-budget 0 > /dev/null || fail "config reset"
exit 0
