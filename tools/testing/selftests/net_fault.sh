#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Fault injection (module/fault.c, debugfs tinyip/fail_alloc): while a
# share of tinyip's allocations fails on purpose (budget charges, skbs,
# slab objects and sockets, netlink messages), traffic of every kind runs
# against the native stack: ping over IPv4 and IPv6, UDP both ways, TCP
# transfers both ways, connection churn and netlink commands. What a user
# must see:
#  - failures were injected, and tinyip counted them (the budget's failed
#    charges, the links' nomem drops);
#  - a TCP transfer that both ends report complete has a matching sha256
#    (one cut short by an allocation failure must say so);
#  - a netlink command succeeds or fails with a clean error, never hangs
#    or dies;
#  - once injection is off, the memory charged goes back to its baseline
#    (no lost accounting), ping answers, a 1 MB transfer's sha256 matches,
#    and the kernel log is clean (the debug kernel adds KASAN, lockdep and
#    kmemleak).
# TINYIP_FULL=1 runs more probabilities and longer rounds.
#
#   ns nat (native)   v_nat 192.0.2.1 --- v_tip 192.0.2.2   ns tip (tinyip)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat jq sha256sum
[ -x "$TIP_TCP" ] || skip "tip_tcp is not built (make tools)"
[ -x "$TIP_UDP" ] || skip "tip_udp is not built (make tools)"
FA=/sys/kernel/debug/tinyip/fail_alloc
# Off, whatever happens: the cleanup itself must not meet failures.
fault_off()
{
	[ -w $FA/probability ] && echo 0 > $FA/probability
	return 0
}
trap 'fault_off; tcp_cleanup' EXIT
topo_setup
trap 'fault_off; tcp_cleanup' EXIT
tcp_tmp
mountpoint -q /sys/kernel/debug || mount -t debugfs none /sys/kernel/debug
[ -d $FA ] || skip "tinyip is built without fault injection (TINYIP_FAULT=n)"

NAT6=2001:db8::1
TIP6=2001:db8::2
# One round in make check: the TIME_WAIT of each round's tinyip sender
# holds memory for 60 s before the baseline can be checked.
PROBS=10
SIZE=256K
CHURN=6
NL_LOOPS=2
# KASAN makes every program start and every packet dearer.
[ "${TINYIP_KERNEL:-}" = debug ] && SIZE=64K CHURN=3 NL_LOOPS=1
[ "$FULL" = 1 ] && PROBS="1 10 30" SIZE=1M CHURN=20 NL_LOOPS=4
TO=$((60 * TCP_SLOW))

tip addr add $TIP6/64 dev v_tip nodad > /dev/null || fail "tinyip IPv6 address"
in_nat ip addr add $NAT6/64 dev v_nat nodad
ping_ok $NS_NAT $TIP_ADDR || fail "no ping before the injection"
ping_ok $NS_NAT $TIP6 -6 || fail "no IPv6 ping before the injection"
dmesg_mark

BASE=$(mem_but_neigh)
FAILED0=$(tip -j stats show mem | jq -r .memory.failed)
NOMEM0=$(drop_total nomem)
echo "# baseline: $BASE B charged (less neighbours)"

# Counts of what the traffic saw, over all rounds.
TCP_OK=0 TCP_CUT=0 UDP_OK=0 UDP_LOST=0 PINGS=0

# kill_recv PORT: ends the tip_tcp receiver on PORT, whose sender failed
# before it connected (a socket() refused): it would wait for its -t.
kill_recv()
{
	local p
	for p in /proc/[0-9]*; do
		[ "$(cat "$p/comm" 2> /dev/null)" = tip_tcp ] &&
			tr '\0' ' ' < "$p/cmdline" 2> /dev/null | grep -q " recv $1 " &&
			kill "${p#/proc/}" 2> /dev/null
	done
	return 0
}

# tcp_pair TAG SHA: both ends of transfer TAG (receiver TAG, sender
# TAG-snd) exited 0, and then the data must match; either end failing is
# a cut transfer (counted).
tcp_pair()
{
	local tag=$1 sha=$2
	if [ "$(cat "$T/$tag.rc")" = 0 ] && [ "$(cat "$T/$tag-snd.rc")" = 0 ]; then
		tcp_expect_sha "$tag (both ends reported success)" "$tag" "$sha"
		TCP_OK=$((TCP_OK + 1))
	else
		TCP_CUT=$((TCP_CUT + 1))
		echo "# $tag cut: receiver exit $(cat "$T/$tag.rc") ($(tcp_log "$tag")), sender exit $(cat "$T/$tag-snd.rc") ($(tcp_log "$tag-snd")); tinyip's sockets then: $(tr '\n' ' ' < "$T/socks")"
	fi
}

# netlink_round: reads and changes that must answer or fail cleanly
# (status 1 and an "Error:" line); a hang or a crash fails the test. Runs
# beside the traffic: one line per command in $T/nl.log, and what went
# wrong in $T/nl.fail.
netlink_round()
{
	local i cmd err rc
	for i in $(seq $NL_LOOPS); do
		for cmd in "addr show" "route show" "neigh show" "link show" \
			"-j stats" "config show" "sock show" "info" \
			"addr add 203.0.113.$i/32 dev v_tip" \
			"route add 198.18.$i.0/24 via $NAT_ADDR" \
			"addr add 2001:db8:1::$i/64 dev v_tip nodad" \
			"route del 198.18.$i.0/24" "addr del 203.0.113.$i/32 dev v_tip" \
			"addr del 2001:db8:1::$i/64 dev v_tip" "neigh flush dev v_tip"; do
			# shellcheck disable=SC2086
			err=$(timeout 20 "$TINYIP" -n $NS_TIP $cmd 2>&1 > /dev/null)
			rc=$?
			case $rc in
			0) echo ok ;;
			1)
				echo err
				printf '%s\n' "$err" | grep -Eq '^(Error|tinyip): ' ||
					echo "tinyip $cmd: exit 1 without a clean error: $err" >> "$T/nl.fail"
				;;
			*) echo "tinyip $cmd: exit status $rc: $err" >> "$T/nl.fail" ;;
			esac
		done
	done >> "$T/nl.log"
}

# pings DST: 50 quick echoes from the native side, the answers counted.
pings()
{
	local n
	n=$(in_nat ping -n -q -c 50 -i 0.01 -W 1 "$1" |
		sed -n 's/.* \([0-9]*\) received.*/\1/p')
	PINGS=$((PINGS + ${n:-0}))
}

# A round: traffic of every kind at once, with PROB % of allocations
# failing, and every outcome judged once injection is off again.
round()
{
	local p=$1 i sha
	sha=$(tcp_sha $SIZE 1)
	# Listeners first, without injection: a test of the traffic, not of
	# the test's own setup.
	tcp_bg rx in_tip "$TIP_TCP" -v -t $TO recv 7100 -
	local rx_pid=$TCP_BG_PID
	tcp_bg tx in_nat "$TIP_TCP" -v -4 -t $TO recv 7200 -
	local tx_pid=$TCP_BG_PID
	in_tip "$TIP_UDP" -t $((TO * 1000)) echo-server 7001 > "$T/udp-tip.log" 2>&1 &
	local udp_tip=$!
	in_nat "$TIP_UDP" -4 -t $((TO * 1000)) echo-server 7002 > "$T/udp-nat.log" 2>&1 &
	local udp_nat=$!
	in_tip "$TIP_TCP" -t $TO -a $CHURN recv 7300 "$T/churn" \
		> "$T/churn-tip.log" 2>&1 &
	local churn_tip=$!
	# The native server closes first: its TIME_WAIT, not tinyip's.
	in_nat "$TIP_TCP" -4 -t $TO -a $CHURN serve 7400 @1K > "$T/churn-nat.log" 2>&1 &
	local churn_nat=$!
	tcp_wait_tip rx
	wait_file "$T/udp-tip.log" bound
	wait_file "$T/udp-nat.log" bound
	tcp_wait_native $NS_NAT 7200
	tcp_wait_native $NS_NAT 7400
	wait_file "$T/churn-tip.log" '^listening'

	echo "$p" > $FA/probability
	# TCP both ways; the recv ends above are the peers.
	tcp_bg rx-snd tcp_gen $SIZE 1 in_nat "$TIP_TCP" -v -4 -t $TO send $TIP_ADDR 7100 -
	local rx_snd=$TCP_BG_PID
	tcp_bg tx-snd tcp_gen $SIZE 1 in_tip "$TIP_TCP" -v -t $TO send $NAT_ADDR 7200 -
	local tx_snd=$TCP_BG_PID
	# Churn both ways: short connections opened and closed.
	(
		for i in $(seq $CHURN); do
			in_nat "$TIP_TCP" -4 -t 10 send $TIP_ADDR 7300 @1K > /dev/null 2>&1
		done
	) &
	local churn1=$!
	(
		for i in $(seq $CHURN); do
			in_tip "$TIP_TCP" -t 10 fetch $NAT_ADDR 7400 /dev/null > /dev/null 2>&1
		done
	) &
	local churn2=$!
	netlink_round &
	local nl=$!
	# UDP both ways, ping both families.
	for i in 1 2 3; do
		if in_nat "$TIP_UDP" -4 -t 1000 send $TIP_ADDR 7001 1000 3 > /dev/null 2>&1; then
			UDP_OK=$((UDP_OK + 1))
		else
			UDP_LOST=$((UDP_LOST + 1))
		fi
		if in_tip "$TIP_UDP" -t 1000 send $NAT_ADDR 7002 1000 3 > /dev/null 2>&1; then
			UDP_OK=$((UDP_OK + 1))
		else
			UDP_LOST=$((UDP_LOST + 1))
		fi
	done
	pings $TIP_ADDR
	pings $TIP6
	wait $nl
	wait $churn1 $churn2
	wait $rx_snd $tx_snd
	[ "$(cat "$T/rx-snd.rc")" = 0 ] || kill_recv 7100
	[ "$(cat "$T/tx-snd.rc")" = 0 ] || kill_recv 7200
	wait $rx_pid $tx_pid
	# What is left of a cut transfer, for its report.
	tip sock show tcp > "$T/socks" 2>&1
	echo 0 > $FA/probability
	# A churn connection refused never reaches the tinyip listener.
	kill $churn_tip $udp_tip $udp_nat $churn_nat 2> /dev/null
	wait $churn_tip $udp_tip $udp_nat $churn_nat 2> /dev/null
	tcp_pair rx "$sha"
	tcp_pair tx "$sha"
	echo "# $p %: $(cat $FA/injected) failures injected so far ($(tr '\n' ' ' < $FA/counts))"
}

# Netlink alone, every message failing: a reply fails cleanly, and a
# change that reports failure changed nothing.
netlink_only()
{
	local info set
	echo 8 > $FA/filter
	echo 100 > $FA/probability
	info=$(tip info 2>&1 > /dev/null)
	set=$(tip config set forwarding on 2>&1 > /dev/null)
	echo 0 > $FA/probability
	echo 15 > $FA/filter
	expect_match "tinyip info without memory for the reply" "$info" \
		"^Error: Cannot allocate memory"
	expect_match "config set without memory for the reply" "$set" \
		"^Error: Cannot allocate memory"
	expect_eq "forwarding after the failed set" \
		"$(tip -j config show | jq -r .forwarding)" false
}

netlink_only
for p in $PROBS; do
	round "$p"
done
fault_off
echo "# TCP transfers complete $TCP_OK, cut $TCP_CUT; UDP runs $UDP_OK, lost $UDP_LOST; pings answered $PINGS; netlink ok $(grep -c ok "$T/nl.log"), clean errors $(grep -c err "$T/nl.log")"

netlink_clean()
{
	[ ! -s "$T/nl.fail" ] || fail "$(head -n 3 "$T/nl.fail")"
}

injected()
{
	local n
	n=$(cat $FA/injected)
	[ "$n" -gt 0 ] || fail "no failure was injected"
	awk '$2 == 0 { print "no " $1 " failure was injected"; bad = 1 }
	     END { exit bad }' $FA/counts || fail "$(cat $FA/counts)"
}

counted()
{
	local failed nomem
	failed=$(tip -j stats show mem | jq -r .memory.failed)
	nomem=$(drop_total nomem)
	echo "# budget charges failed: $((failed - FAILED0)); nomem drops: $((nomem - NOMEM0))"
	[ "$failed" -gt "$FAILED0" ] || fail "the budget counted no failed charge"
	[ "$nomem" -gt "$NOMEM0" ] || fail "no link counted a nomem drop"
}

# Closed connections may wait in TIME_WAIT (60 s).
recovered()
{
	wait_eq $((90 * TCP_SLOW)) "$BASE" mem_but_neigh ||
		fail "used is $(mem_but_neigh) B (less neighbours), not back at its baseline $BASE B: $(tip sock show 2>&1 | head -n 5) $(tip stats mem)"
}

works()
{
	local sha
	sha=$(tcp_sha 1M 2)
	ping_ok $NS_NAT $TIP_ADDR || fail "tinyip no longer answers ping"
	ping_ok $NS_NAT $TIP6 -6 || fail "tinyip no longer answers IPv6 ping"
	tcp_bg after in_tip "$TIP_TCP" -t $TO recv 7500 -
	tcp_wait_tip after
	tcp_run nafter tcp_gen 1M 2 in_nat "$TIP_TCP" -4 -t $TO send $TIP_ADDR 7500 - ||
		fail "a native connection after the injection: $(tcp_log nafter)"
	tcp_wait after
	tcp_expect_sha "1 MB after the injection" after "$sha"
}

tcp_case "failures were injected in every category" injected
tcp_case "tinyip counted them" counted
tcp_case "netlink commands answered or failed cleanly" netlink_clean
tcp_case "memory charged back at its baseline" recovered
tcp_case "ping and a 1 MB transfer work afterwards" works
tcp_case "no kernel warning" dmesg_clean "fault injection"
tcp_done
