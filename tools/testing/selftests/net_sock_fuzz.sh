#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Socket-call fuzzing: sock_fuzz issues random sequences of AF_TINYIP
# socket calls with random arguments (every call, level and option
# tinyip knows, bad addresses and lengths) over tinyip's loopback and a
# link to the native stack, from several seeds. The kernel log must stay
# clean (run.sh and vm/run judge it; the debug kernel adds KASAN, lockdep
# and kmemleak), every charge must come back to the memory budget once
# the sockets are closed, and the stack must still answer ping and carry
# TCP afterwards.
#
#   ns nat (native)   v_nat 192.0.2.1 --- v_tip 192.0.2.2   ns tip (tinyip)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat

FUZZ=$SELFTESTS/sock_fuzz
[ -x "$FUZZ" ] || skip "sock_fuzz is not built (make tools)"
# One seed per kernel in make check, a different one on each, so that
# the run as a whole covers three; KASAN makes each call several times
# dearer, so debug makes fewer.
CALLS=20000
case ${TINYIP_KERNEL:-} in
debian-6.1) SEEDS=2 ;;
debug) SEEDS=3 CALLS=10000 ;;
*) SEEDS=1 ;;
esac
if [ "$FULL" = 1 ]; then
	CALLS=200000
	SEEDS="1 2 3 4 5 6 7 8"
fi

topo_setup
tip addr add 2001:db8::2/64 dev v_tip nodad > /dev/null || fail "tinyip IPv6 address"
in_nat ip addr add 2001:db8::1/64 dev v_nat nodad
dmesg_mark
# Links, addresses, routes and neighbours are charged to the budget too:
# the baseline is taken once they exist (the fuzzing meets no other
# neighbour: the rest of its addresses are local, broadcast or multicast).
ping_ok $NS_NAT $TIP_ADDR || fail "no ping before the fuzzing"
ping_ok $NS_NAT 2001:db8::2 -6 || fail "no IPv6 ping before the fuzzing"
base=$(mem_used)
for seed in $SEEDS; do
	out=$(in_tip "$FUZZ" -s "$seed" -n $CALLS $NAT_ADDR $TIP_ADDR 2001:db8::1 \
		2001:db8::2 192.0.2.255) || fail "sock_fuzz seed $seed: $out"
	echo "# seed $seed: $out"
	[[ $out =~ ok\ ([0-9]+) ]] && [ "${BASH_REMATCH[1]}" -gt 0 ] ||
		fail "seed $seed: no call succeeded: $out"
done

# Closed sockets may wait in TIME_WAIT (60 s) or for a FIN's answer.
mem_back() { [ "$(mem_used)" -le "$base" ]; }
wait_until 90 mem_back ||
	fail "mem_used $(mem_used), was $base before the fuzzing: $(tip sock show 2>&1 | head -n 5) $(tip neigh show) $(tip -j config show)"
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip no longer answers ping"
still_carries_tcp "the fuzzing"
dmesg_clean "socket-call fuzzing"
echo "ok: $CALLS calls from each of seeds $SEEDS"
