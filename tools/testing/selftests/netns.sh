#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One instance per network namespace: separate identity and settings,
# created for namespaces that existed before the load, torn down with the
# namespace or the module without leaks (kmemleak is checked by the runner),
# and isolated: one namespace's tinyip neither sees nor changes another's
# links, addresses and sockets.
. "$(dirname "$0")/lib.sh"
in_guest

unload
ip netns add tip-a || fail "ip netns add"
trap 'ip netns del tip-a 2>/dev/null' EXIT
load

i0=$("$TINYIP" -j info | json_get '.instance')
ia=$(ip netns exec tip-a "$TINYIP" -j info | json_get '.instance')
[ "$i0" != "$ia" ] || fail "both namespaces report instance $i0"
expect_eq "tinyip -n tip-a reaches tip-a's instance" \
	"$("$TINYIP" -n tip-a -j info | json_get '.instance')" "$ia"

ip netns exec tip-a "$TINYIP" config set mem-budget 1M > /dev/null || fail "config set in tip-a"
expect_eq "budget in tip-a" "$("$TINYIP" -n tip-a -j config show | json_get '.mem_budget')" 1048576
expect_eq "budget in init" "$("$TINYIP" -j config show | json_get '.mem_budget')" 0
used=$("$TINYIP" -j config show | json_get '.mem_used')
[ "$used" -gt 0 ] || fail "instance memory not accounted: mem_used=$used"

# Isolation: an instance's links, addresses and sockets are its own; the
# first namespace's tinyip neither sees nor changes them, and binds the
# same port as a listener of tip-a.
ip -n tip-a link add v_iso type veth peer name v_iso2 || fail "veth in tip-a"
"$TINYIP" -n tip-a link attach dev v_iso > /dev/null || fail "attach in tip-a"
"$TINYIP" -n tip-a addr add 203.0.113.1/24 dev v_iso > /dev/null || fail "addr in tip-a"
expect_match "tip-a's address" "$("$TINYIP" -n tip-a addr show)" "203\.0\.113\.1/24"
"$TINYIP" addr show | grep -q "203\.0\.113\.1" && fail "init sees tip-a's address"
"$TINYIP" link show | grep -q v_iso && fail "init sees tip-a's link"
"$TINYIP" link detach dev v_iso 2> /dev/null && fail "init detached tip-a's link"
"$TINYIP" addr del 203.0.113.1/24 dev v_iso 2> /dev/null && fail "init removed tip-a's address"
expect_match "tip-a's address kept" "$("$TINYIP" -n tip-a addr show)" "203\.0\.113\.1/24"
iso=$(mktemp)
ip netns exec tip-a "$SELFTESTS/tip_tcp" -t 60 recv 7777 /dev/null 2> "$iso" &
lpid=$!
for _ in $(seq 100); do
	grep -q '^listening' "$iso" && break
	sleep 0.1
done
grep -q '^listening' "$iso" || fail "no listener in tip-a: $(cat "$iso")"
"$TINYIP" -n tip-a sock show tcp | grep -q ':7777' || fail "tip-a does not list its listener"
"$TINYIP" sock show tcp | grep -q ':7777' && fail "init lists tip-a's listener"
expect_eq "init binds tip-a's port" "$("$SELFTESTS/sock_errno" $AF_TINYIP 1 0 7777)" OK
kill $lpid
wait $lpid 2> /dev/null
ip -n tip-a link del v_iso

# Namespaces come and go under a loaded module.
n=10
# The debug kernel (KASAN, kmemleak) takes seconds per cycle.
if [ "$FULL" = 1 ]; then
	n=200
	[ "${TINYIP_KERNEL:-}" = debug ] && n=40
fi
for i in $(seq $n); do
	ip netns add tip-churn || fail "netns add $i"
	ip netns exec tip-churn "$TINYIP" info > /dev/null || fail "info in netns $i"
	ip netns del tip-churn || fail "netns del $i"
done

# Unloading with a namespace alive, then loading again, rebuilds its
# instance with default settings.
unload
load
expect_eq "budget after reload" "$("$TINYIP" -n tip-a -j config show | json_get '.mem_budget')" 0
ip netns del tip-a
unload
exit 0
