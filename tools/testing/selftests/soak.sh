#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Soak (make soak; never part of make check): SOAK_SECS (default 3600)
# of mixed traffic between tinyip (ns tip) and the native stack (ns nat)
# across a veth whose two ends run tc netem (loss, duplication, and
# jitter that reorders), in rounds of SOAK_ROUND seconds. Each round
# runs, at once:
#   - bulk TCP both ways (RFC 9293, with RFC 5681/6675 recovery under
#     the loss), each stream checked against its sha256;
#   - connection churn both ways (rr connect against rr server: connect,
#     one byte each way, close, again), which fills TIME_WAIT;
#   - UDP floods both ways (rr blast against rr sink, RFC 768);
#   - ping over IPv4.
# Every round prints a progress line with what moved and tinyip's memory
# by category. Afterwards the traffic stops and the memory of queues,
# fragments and connections must return to its level before the soak,
# tinyip's slab caches too; ping and a TCP transfer still work; the log
# holds no splat, and on the debug kernel kmemleak finds nothing.
# Any sha256 mismatch or program failing in a round fails the soak.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd tc sha256sum
RR="$REPO/tools/bench/rr"
{ [ -x "$TIP_TCP" ] && [ -x "$RR" ]; } || fail "tip_tcp or rr not built (make tools)"

SECS=${SOAK_SECS:-3600}
ROUND=${SOAK_ROUND:-60}
NETEM=${SOAK_NETEM:-loss 1% duplicate 0.2% delay 2ms 1ms}
SIZE=${SOAK_SIZE:-8M}
CHURN_S=$((ROUND / 4))
UDP_S=$((ROUND / 4))

ulimit -n 4096
tcp_tmp
topo_setup
trap tcp_cleanup EXIT
for ns_dev in $NS_NAT:v_nat $NS_TIP:v_tip; do
	ip netns exec "${ns_dev%%:*}" ethtool -K "${ns_dev#*:}" tso off gso off \
		> /dev/null 2>&1
done
ping_ok $NS_NAT $TIP_ADDR || fail "no ping before the soak"

# mem_transient: queues, fragments and connections (all but neighbours
# and learnt state, which live on their own timers).
mem_transient()
{
	tip -j stats show mem | jq -r '.memory | .used - .neigh.used - .other.used'
}
mem_line()
{
	tip -j stats show mem | jq -r '.memory | "used \(.used) peak \(.peak)"'
}

tbase=$(mem_transient)
sbase=$(slab_snap)
echo "# before: transient memory $tbase B, $(mem_line), slab $sbase"
for ns in $NS_NAT $NS_TIP; do
	dev=v_nat
	[ "$ns" = $NS_TIP ] && dev=v_tip
	# shellcheck disable=SC2086
	ip netns exec "$ns" tc qdisc add dev $dev root netem $NETEM ||
		fail "tc qdisc add dev $dev root netem $NETEM"
done
echo "# netem on both ends: $NETEM; rounds of $ROUND s for $SECS s"
dmesg_mark
kmemleak_mark
want=$(tcp_sha "$SIZE")

# A ping for the whole soak. Besides proving liveness every second, it
# keeps the kernel's timestamp static key (netstamp_needed_key, which
# each ping turns on and off) on: under QEMU's multi-threaded TCG,
# patching that key's jump sites while the other vCPU receives has
# ended a soak in a spurious int3 Oops in __netif_receive_skb_core
# (a QEMU cross-vCPU code modification race, not tinyip's).
# Not through in_nat: $! must be ping itself (ip execs it), or the
# SIGINT that ends it would reach a shell that waits.
ip netns exec $NS_NAT ping -i 1 $TIP_ADDR > "$T/ping.log" 2>&1 &
PING_PID=$!
wait_file "$T/ping.log" 'bytes from'

# Servers for the whole soak: churn servers on each side.
in_nat "$RR" -f inet -p 7301 server $NAT_ADDR > "$T/rrsrv-nat" 2>&1 &
in_tip "$RR" -f tinyip -p 7302 server $TIP_ADDR > "$T/rrsrv-tip" 2>&1 &
wait_file "$T/rrsrv-nat" listening
wait_file "$T/rrsrv-tip" listening

# round N: one round of everything; fails on any broken transfer.
round()
{
	local n=$1 to=$((ROUND * 3)) p pids=() out
	# Bulk both ways.
	tcp_run "tn$n" in_nat timeout $to "$TIP_TCP" -4 -t $to recv 7311 - &
	pids+=($!)
	tcp_run "nt$n" in_tip "$TIP_TCP" -t $to recv 7312 - &
	pids+=($!)
	tcp_wait_native $NS_NAT 7311
	tcp_wait_tip "nt$n"
	in_tip "$TIP_TCP" -t $to send $NAT_ADDR 7311 "@$SIZE" > /dev/null 2> "$T/tsend$n" &
	pids+=($!)
	in_nat "$TIP_TCP" -4 -t $to send $TIP_ADDR 7312 "@$SIZE" > /dev/null 2> "$T/nsend$n" &
	pids+=($!)
	# UDP sinks, then floods both ways.
	in_nat "$RR" -f inet -p 7321 sink $NAT_ADDR > "$T/usink-nat$n" 2>&1 &
	pids+=($!)
	in_tip "$RR" -f tinyip -p 7322 sink $TIP_ADDR > "$T/usink-tip$n" 2>&1 &
	pids+=($!)
	wait_file "$T/usink-nat$n" listening
	wait_file "$T/usink-tip$n" listening
	in_tip "$RR" -f tinyip -p 7321 -t $UDP_S blast $NAT_ADDR > "$T/ublast-tip$n" 2>&1 &
	pids+=($!)
	in_nat "$RR" -f inet -p 7322 -t $UDP_S blast $TIP_ADDR > "$T/ublast-nat$n" 2>&1 &
	pids+=($!)
	# Churn both ways.
	in_tip "$RR" -f tinyip -p 7301 -t $CHURN_S connect $NAT_ADDR > "$T/churn-tip$n" 2>&1 &
	pids+=($!)
	in_nat "$RR" -f inet -p 7302 -t $CHURN_S connect $TIP_ADDR > "$T/churn-nat$n" 2>&1 &
	pids+=($!)
	ping_ok $NS_NAT $TIP_ADDR || fail "round $n: no ping"
	for p in "${pids[@]}"; do
		wait "$p" || fail "round $n: a program failed: $(tail -qn 2 "$T"/*"$n" | tr '\n' ' ')"
	done
	for p in tn nt; do
		[ "$(cat "$T/$p$n.sha")" = "$want" ] ||
			fail "round $n: $p stream differs (sha256 $(cat "$T/$p$n.sha"))"
	done
	out="round $n at $((SECONDS - START)) s: $SIZE each way ok"
	out+=", churn $(awk '{print $2}' "$T/churn-tip$n")+$(awk '{print $2}' "$T/churn-nat$n") conns"
	out+=", udp $(awk '/datagrams/ {print $2}' "$T/usink-nat$n")+$(awk '/datagrams/ {print $2}' "$T/usink-tip$n") dgrams"
	echo "# $out; $(mem_line), slab $(slab_snap)"
	rm -f "$T"/*"$n" "$T"/*"$n".*
}

START=$SECONDS
n=0
while [ $((SECONDS - START)) -lt "$SECS" ]; do
	n=$((n + 1))
	round $n
done

kill -INT $PING_PID
wait $PING_PID
echo "# the soak's ping: $(grep 'packets transmitted' "$T/ping.log")"
ns_kill $NS_NAT
ns_kill $NS_TIP
wait 2> /dev/null
for ns in $NS_NAT $NS_TIP; do
	dev=v_nat
	[ "$ns" = $NS_TIP ] && dev=v_tip
	ip netns exec "$ns" tc qdisc del dev $dev root
done
echo "# $n rounds in $((SECONDS - START)) s; after the traffic: $(mem_line)"
# TIME_WAIT ends within 60 s, reassembly within its timers.
mem_back() { [ "$(mem_transient)" -le "$tbase" ]; }
wait_until $((120 * TCP_SLOW)) mem_back ||
	fail "queues and connections hold $(mem_transient) B, $tbase B before: $(tip -j stats show mem | jq -c .memory)"
slab_back() { [ "$(slab_snap)" = "$sbase" ]; }
wait_until $((60 * TCP_SLOW)) slab_back ||
	fail "tinyip's caches hold $(slab_snap), $sbase before"
echo "# memory back: transient $(mem_transient) B (before $tbase), slab $(slab_snap)"
ping_ok $NS_NAT $TIP_ADDR || fail "no ping after the soak"
still_carries_tcp "the soak"
dmesg_clean "the soak"
kmemleak_clean "the soak"
echo "ok: soak of $((SECONDS - START)) s, $n rounds"
