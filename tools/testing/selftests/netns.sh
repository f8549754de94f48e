#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# One instance per network namespace: separate identity and settings,
# created for namespaces that existed before the load, torn down with the
# namespace or the module without leaks (kmemleak is checked by the runner).
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
