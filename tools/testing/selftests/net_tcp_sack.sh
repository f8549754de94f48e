#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SACK (RFC 2018) both ways between tinyip and the native stack under
# netem loss, checked on captures:
#   - native sender -> tinyip: SACK-permitted in both SYNs, and tinyip's
#     ACKs carry sane SACK blocks while data arrives out of order;
#   - tinyip sender -> native: SACK-permitted in both SYNs, and tinyip
#     retransmits fewer segments than go-back-N would (RFC 6675 loss
#     recovery: the bound is defined in tcp_edge.py's sack_sender).
# Both transfers are checked by sha256. Times are printed, never asserted.
#
# The native namespace routes between tinyip and a sink namespace, so
# everything tinyip sends is captured on v_nat before the lossy hop:
#
#   ns tip              ns nat (router)                       ns sink
#   v_tip 192.0.2.2 --- v_nat 192.0.2.1   v_rt 203.0.113.1 --- v_sk 203.0.113.2
#                       netem loss (to tinyip)  netem loss (to sink)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd python3 socat tcpdump tshark tc sha256sum

NS_SINK=sink
SINK_ADDR=203.0.113.2
RT_ADDR=203.0.113.1
LOSS=3%
SIZE=$((2 << 20))
[ "$FULL" = 1 ] && SIZE=$((16 << 20))
TIMEOUT=180
[ "$FULL" = 1 ] && TIMEOUT=900
EDGE_PY=$SELFTESTS/tcp_edge.py

in_sink() { ip netns exec $NS_SINK "$@"; }

CAPS=()
sack_cleanup()
{
	local p
	for p in "${CAPS[@]}"; do
		kill -INT "$p" 2> /dev/null
	done
	ns_kill $NS_SINK
	ip netns del $NS_SINK 2> /dev/null
	[ -n "${T:-}" ] && rm -rf "$T"
	topo_cleanup
}

# cap NS DEV FILE: tcpdump of TCP on DEV into FILE until cap_end. Not
# in immediate mode: a wake-up per frame loses frames under load, and a
# lost frame spoils the matching; cap_end waits out the ring's delay.
cap()
{
	ip netns exec "$1" tcpdump -Z root -U -n -s 0 -B 16384 -i "$2" -w "$3" tcp \
		2> "$3.log" &
	CAPS+=($!)
	wait_file "$3.log" "listening on" 30
}

cap_end()
{
	local p
	# libpcap hands over a ring block up to a second late.
	sleep 2
	for p in "${CAPS[@]}"; do
		kill -INT "$p" 2> /dev/null
		wait "$p" 2> /dev/null
	done
	CAPS=()
}

# reap PID SECONDS: waits for a child of the test; one still running
# after SECONDS (its peer died) is killed, so a failure ends early.
reap()
{
	local end=$((SECONDS + $2))
	while kill -0 "$1" 2> /dev/null && [ $SECONDS -lt $end ]; do
		sleep 0.2
	done
	kill "$1" 2> /dev/null
	wait "$1"
}

# syn_sack FILE SRC: the SYN (or SYN-ACK) from SRC offers SACK.
syn_sack()
{
	decode "$1" "tcp.flags.syn == 1 && ip.src == $2" tcp.options.sack_perm |
		grep -q .
}

topo_setup
trap sack_cleanup EXIT
T=$(mktemp -d /tmp/tinyip-sack.XXXXXX) || fail "mktemp"
ip netns add $NS_SINK || fail "ip netns add $NS_SINK"
ip link add v_rt netns $NS_NAT type veth peer name v_sk netns $NS_SINK ||
	fail "veth v_rt/v_sk"
in_nat ip addr add $RT_ADDR/24 dev v_rt
in_nat ip link set v_rt up
in_nat sysctl -qw net.ipv4.ip_forward=1
in_sink ip link set lo up
in_sink ip addr add $SINK_ADDR/24 dev v_sk
in_sink ip link set v_sk up
in_sink ip route add default via $RT_ADDR
# One segment per skb from either sender, so that netem loses segments
# rather than whole GSO trains.
in_sink ip link set dev v_sk gso_max_segs 1
in_tip ip link set dev v_tip gso_max_segs 1
tip route add 203.0.113.0/24 via $NAT_ADDR > /dev/null ||
	fail "tinyip route add 203.0.113.0/24 via $NAT_ADDR"
ping_ok $NS_SINK $TIP_ADDR || fail "sink cannot ping tinyip through nat"
in_nat tc qdisc add dev v_rt root netem loss $LOSS || fail "netem on v_rt"
in_nat tc qdisc add dev v_nat root netem loss $LOSS || fail "netem on v_nat"
head -c $SIZE /dev/urandom > "$T/data"
want=$(sha256sum < "$T/data")
FAILED=()

# ---- native sender -> tinyip receiver ----------------------------------
cap $NS_NAT v_nat "$T/rx.pcap"
in_tip timeout $TIMEOUT python3 "$EDGE_PY" recv 5602 "$T/rx.out" --timeout $((TIMEOUT - 20)) \
	> "$T/rx.log" 2>&1 &
rx=$!
wait_file "$T/rx.log" "^listening" 30
start=$SECONDS
in_sink timeout $TIMEOUT socat -u OPEN:"$T/data" TCP4:$TIP_ADDR:5602 2> "$T/tx.err" ||
	echo "native sender: socat failed: $(cat "$T/tx.err")"
reap $rx 30 || echo "tinyip receiver failed: $(tail -n 3 "$T/rx.log")"
echo "native -> tinyip: $SIZE bytes in $((SECONDS - start)) s under $LOSS loss"
cap_end
got=$(sha256sum < "$T/rx.out" 2> /dev/null)
if [ "$got" != "$want" ]; then
	echo "native -> tinyip: data differs" \
		"($(stat -c %s "$T/rx.out" 2> /dev/null) of $SIZE bytes)"
	FAILED+=("native->tinyip data")
fi
syn_sack "$T/rx.pcap" $SINK_ADDR || FAILED+=("native SYN without SACK-permitted")
if ! syn_sack "$T/rx.pcap" $TIP_ADDR; then
	echo "tinyip's SYN-ACK does not offer SACK:" \
		"$(decode "$T/rx.pcap" "tcp.flags.syn == 1" frame.number ip.src tcp.options)"
	FAILED+=("tinyip SYN-ACK without SACK-permitted")
fi
nsack=$(decode "$T/rx.pcap" "ip.src == $TIP_ADDR && tcp.options.sack_le" frame.number |
	wc -l)
echo "tinyip ACKs with SACK blocks (tshark): $nsack"
[ "$nsack" -gt 0 ] || FAILED+=("no SACK block in tinyip's ACKs")
out=$(python3 "$EDGE_PY" sack-receiver --src $TIP_ADDR --port 5602 --pre "$T/rx.pcap" 2>&1) ||
	FAILED+=("tinyip's SACK blocks")
echo "$out"

# ---- tinyip sender -> native receiver ----------------------------------
cap $NS_NAT v_nat "$T/tx.pcap"
cap $NS_SINK v_sk "$T/tx-post.pcap"
in_sink timeout $TIMEOUT socat -u TCP4-LISTEN:5601,reuseaddr OPEN:"$T/tx.out",creat,trunc \
	2> "$T/sink.err" &
sink=$!
wait_until 30 eval "in_sink ss -Hltn 'sport = :5601' | grep -q 5601" ||
	fail "the sink does not listen"
start=$SECONDS
in_tip timeout $TIMEOUT python3 "$EDGE_PY" send $SINK_ADDR 5601 "$T/data" \
	--timeout $((TIMEOUT - 20)) \
	> "$T/send.log" 2>&1 || echo "tinyip sender failed: $(tail -n 3 "$T/send.log")"
reap $sink 30 || echo "native receiver: socat failed: $(cat "$T/sink.err")"
echo "tinyip -> native: $SIZE bytes in $((SECONDS - start)) s under $LOSS loss"
cap_end
got=$(sha256sum < "$T/tx.out" 2> /dev/null)
if [ "$got" != "$want" ]; then
	echo "tinyip -> native: data differs" \
		"($(stat -c %s "$T/tx.out" 2> /dev/null) of $SIZE bytes)"
	FAILED+=("tinyip->native data")
fi
if ! syn_sack "$T/tx.pcap" $TIP_ADDR; then
	echo "tinyip's SYN does not offer SACK:" \
		"$(decode "$T/tx.pcap" "tcp.flags.syn == 1" frame.number ip.src tcp.options)"
	FAILED+=("tinyip SYN without SACK-permitted")
fi
syn_sack "$T/tx.pcap" $SINK_ADDR || FAILED+=("native SYN-ACK without SACK-permitted")
nsack=$(decode "$T/tx.pcap" "ip.src == $SINK_ADDR && tcp.options.sack_le" frame.number |
	wc -l)
rtx=$(decode "$T/tx.pcap" "ip.src == $TIP_ADDR && tcp.analysis.retransmission" \
	frame.number | wc -l)
echo "native ACKs with SACK blocks: $nsack; tinyip retransmissions (tshark): $rtx"
out=$(python3 "$EDGE_PY" sack-sender --src $TIP_ADDR --port 5601 --pre "$T/tx.pcap" \
	--post "$T/tx-post.pcap" 2>&1) || {
	FAILED+=("tinyip's loss recovery")
	# A capture that dropped frames cannot be matched: say so.
	echo "tcpdump: $(grep -h 'dropped\|received' "$T/tx.pcap.log" "$T/tx-post.pcap.log" |
		tr '\n' ' ')"
}
echo "$out"
echo "netem: $(in_nat tc -s qdisc show dev v_rt | grep -o 'dropped [0-9]*') on v_rt," \
	"$(in_nat tc -s qdisc show dev v_nat | grep -o 'dropped [0-9]*') on v_nat"
if tip -j stats > /dev/null 2>&1; then
	echo "tinyip stats: $(tip -j stats | jq -c '{TcpRetransSegs, TcpExtTCPSackRecovery,
		TcpExtTCPFastRetrans, TcpExtTCPTimeouts, TcpExtTCPOFOQueue, TcpExtTCPDSACKRecv}')"
fi

[ ${#FAILED[@]} = 0 ] || fail "$(printf '%s; ' "${FAILED[@]}")"
exit 0
