#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TCP (RFC 9293) between tinyip (tip_tcp in ns tip) and the native stack
# (socat in ns nat) over a clean veth: the three-way handshake and close,
# transfers of 1 MB and 16 MB (64 MB and 256 MB with TINYIP_FULL=1) both
# ways with sha256 equality, receipt of TSO/GRO-merged skbs, half-close
# both ways (RFC 9293 3.6), RST for a closed port both ways (RFC 9293
# 3.10.7.1), a listener serving
# clients one after another, TCP_CONGESTION, TCP_INFO, the netns
# counters, and the memory budget back at its baseline afterwards.
# Each case prints "ok N" or "not ok N"; the script fails if any failed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat ss jq numfmt sha256sum tcpdump
[ -x "$TIP_TCP" ] || skip "tip_tcp is not built (make tools)"
topo_setup
trap tcp_cleanup EXIT
tcp_tmp

# make check shrinks them on the debug kernel, where KASAN makes every byte
# cost several times more.
SIZES=${TINYIP_TCP_SIZES:-"1M 16M"}
[ "$FULL" = 1 ] && SIZES="$SIZES 64M 256M"
# The baseline holds the neighbour entries that any traffic creates.
ping_ok $NS_NAT $TIP_ADDR || fail "no ping between the namespaces"
MEM_BASE=$(mem_used)
[ -n "$MEM_BASE" ] && [ "$MEM_BASE" != null ] || fail "tinyip config show has no mem_used"
STATS=0
if tcp_stats_ok; then
	STATS=1
	for c in TcpActiveOpens TcpPassiveOpens TcpInSegs TcpOutSegs TcpOutRsts; do
		echo "$(tcp_stat $c)" > "$T/stat0.$c"
	done
fi
# When the last TIME_WAIT entry of tinyip began (it holds memory 60 s).
LAST_TW=$SECONDS

# tinyip connects and closes first; native accepts. Then the reverse.
handshake()
{
	tcp_bg nat in_nat timeout 30 socat -u TCP4-LISTEN:7000,reuseaddr -
	tcp_wait_native $NS_NAT 7000
	tcp_run tip in_tip "$TIP_TCP" -t 30 send $NAT_ADDR 7000 @0 ||
		fail "tinyip connect to native: $(tcp_log tip)"
	tcp_wait nat

	tcp_bg tip in_tip "$TIP_TCP" -t 30 recv 7001 -
	tcp_wait_tip tip
	echo -n | in_nat timeout 30 socat -u - TCP4:$TIP_ADDR:7001 ||
		fail "native connect to tinyip failed"
	tcp_wait tip
	grep -q "^accepted $NAT_ADDR:" "$T/tip.log" ||
		fail "tinyip accepted the wrong peer: $(tcp_log tip)"
}

# to_native SIZE PORT [TIP_TCP OPTION...]: tinyip client sends SIZE to a
# native listener.
to_native()
{
	local size=$1 port=$2 to
	shift 2
	to=$(tcp_timeout "$size")
	tcp_bg nat in_nat timeout "$to" socat -u TCP4-LISTEN:"$port",reuseaddr -
	tcp_wait_native $NS_NAT "$port"
	tcp_run tip in_tip "$TIP_TCP" -t "$to" -v "$@" send $NAT_ADDR "$port" "@$size" ||
		fail "tinyip send of $size: $(tcp_log tip)"
	tcp_wait nat
	tcp_expect_sha "tinyip -> native, $size" nat "$(tcp_sha "$size")"
	echo "# tinyip -> native $size: $(tcp_info tip elapsed) s"
}

# from_native SIZE PORT [TIP_TCP OPTION...]: a native client sends SIZE
# to a tinyip listener.
from_native()
{
	local size=$1 port=$2 to
	shift 2
	to=$(tcp_timeout "$size")
	tcp_bg tip in_tip "$TIP_TCP" -t "$to" -v "$@" recv "$port" -
	tcp_wait_tip tip
	tcp_run nat tcp_gen "$size" 0 in_nat timeout "$to" \
		socat -u - TCP4:$TIP_ADDR:"$port" ||
		fail "native send of $size: $(tcp_log nat)"
	tcp_wait tip
	tcp_expect_sha "native -> tinyip, $size" tip "$(tcp_sha "$size")"
	echo "# native -> tinyip $size: $(tcp_info tip elapsed) s"
}

# merged_rx: native TCP over a veth hands the far end whole TSO
# super-packets (the veth keeps them merged, as GRO would on a NIC), so
# tinyip must take skbs of many segments. A capture on v_tip sees those
# skbs as they reach tinyip; the data must arrive intact.
merged_rx()
{
	local n
	if command -v ethtool > /dev/null; then
		in_nat ethtool -K v_nat tso on gso on > /dev/null 2>&1
	fi
	capture_start $NS_TIP v_tip "$T/merged.pcap" -s 96 "tcp port 7014 or udp port 9"
	from_native 1M 7014
	capture_stop
	n=$(tcpdump -n -r "$T/merged.pcap" 'tcp and greater 1600' 2> /dev/null | wc -l)
	echo "# $n skbs of more than one segment reached tinyip"
	[ "$n" -gt 0 ] || fail "no merged skb reached tinyip, so nothing was proven"
}

# serve_native SIZE PORT: tinyip listener sends SIZE to a native client.
serve_native()
{
	local size=$1 port=$2 to
	to=$(tcp_timeout "$size")
	tcp_bg tip in_tip "$TIP_TCP" -t "$to" serve "$port" "@$size"
	tcp_wait_tip tip
	tcp_run nat in_nat timeout "$to" socat -u TCP4:$TIP_ADDR:"$port" - ||
		fail "native fetch of $size: $(tcp_log nat)"
	tcp_wait tip
	tcp_expect_sha "tinyip serve -> native, $size" nat "$(tcp_sha "$size")"
}

# fetch_native SIZE PORT: tinyip client fetches SIZE from a native server.
fetch_native()
{
	local size=$1 port=$2 to
	to=$(tcp_timeout "$size")
	tcp_bg nat tcp_gen "$size" 0 in_nat timeout "$to" \
		socat -u - TCP4-LISTEN:"$port",reuseaddr
	tcp_wait_native $NS_NAT "$port"
	tcp_run tip in_tip "$TIP_TCP" -t "$to" fetch $NAT_ADDR "$port" - ||
		fail "tinyip fetch of $size: $(tcp_log tip)"
	tcp_wait nat
	tcp_expect_sha "native server -> tinyip fetch, $size" tip "$(tcp_sha "$size")"
}

# tinyip half-closes, then reads native's reply: sha256sum's line for
# the data ("HASH  -").
half_close_tip()
{
	local to
	to=$(tcp_timeout 1M)
	tcp_bg nat in_nat timeout "$to" socat -t "$to" \
		TCP4-LISTEN:7020,reuseaddr SYSTEM:sha256sum
	tcp_wait_native $NS_NAT 7020
	tcp_run tip in_tip "$TIP_TCP" -t "$to" -o - send $NAT_ADDR 7020 @1M ||
		fail "tinyip half-close: $(tcp_log tip)"
	tcp_wait nat
	tcp_expect_sha "reply after half-close" tip \
		"$(printf '%s  -\n' "$(tcp_sha 1M)" | sha256sum | cut -d' ' -f1)"
}

# native half-closes, then reads tinyip's reply ("bytes=N").
half_close_native()
{
	local to reply
	to=$(tcp_timeout 1M)
	tcp_bg tip in_tip "$TIP_TCP" -t "$to" -R recv 7021 -
	tcp_wait_tip tip
	reply=$(tcp_gen 1M 0 in_nat timeout "$to" socat -t "$to" - TCP4:$TIP_ADDR:7021) ||
		fail "native half-close: socat failed"
	tcp_wait tip
	tcp_expect_sha "data before native's shutdown(SHUT_WR)" tip "$(tcp_sha 1M)"
	expect_eq "tinyip's reply after native's FIN" "$reply" "bytes=1048576"
}

# TIME_WAIT entries show in `tinyip sock show` (when it exists).
time_wait_listed()
{
	local socks
	tip sock show tcp > /dev/null 2>&1 || skip "no 'tinyip sock show tcp' yet"
	socks=$(tcp_socks)
	printf '%s\n' "$socks" | grep -Eiq 'time.?wait' ||
		fail "no TIME_WAIT entry listed after tinyip closed first: $socks"
}

# Closed ports: each side gets ECONNREFUSED from the other's RST.
refused()
{
	local rsts rsts_tip out

	rsts=$(snmp $NS_NAT Tcp OutRsts)
	out=$(in_tip "$TIP_TCP" -t 30 send $NAT_ADDR 7009 @1 2>&1)
	expect_match "tinyip connect to a closed native port" "$out" \
		"^error: connect: ECONNREFUSED"
	out=$(in_tip "$TIP_TCP" -t 30 -N send $NAT_ADDR 7009 @1 2>&1)
	expect_match "tinyip non-blocking connect to a closed native port" "$out" \
		"^error: connect: ECONNREFUSED"
	[ "$(snmp $NS_NAT Tcp OutRsts)" -ge $((rsts + 2)) ] ||
		fail "native sent no RST"

	[ $STATS = 1 ] && rsts_tip=$(tcp_stat TcpOutRsts)
	in_nat timeout 30 socat -u /dev/null TCP4:$TIP_ADDR:7009 2> "$T/err" &&
		fail "native connect to a closed tinyip port succeeded"
	expect_match "native connect to a closed tinyip port" "$(cat "$T/err")" \
		"Connection refused"
	if [ $STATS = 1 ]; then
		[ "$(tcp_stat TcpOutRsts)" -gt "$rsts_tip" ] ||
			fail "TcpOutRsts did not move on a RST to a closed port"
	fi
}

# One tinyip listener, four native clients one after another.
sequential()
{
	local k to
	to=$(tcp_timeout 4M)
	tcp_bg tip in_tip "$TIP_TCP" -t "$to" -a 4 recv 7030 "$T/seq"
	tcp_wait_tip tip
	for k in 1 2 3 4; do
		tcp_gen 256K "$k" in_nat timeout "$to" socat -u - TCP4:$TIP_ADDR:7030 ||
			fail "native client $k failed"
	done
	tcp_wait tip
	for k in 1 2 3 4; do
		expect_eq "client $k's data" "$(sha256sum < "$T/seq.$k" | cut -d' ' -f1)" \
			"$(tcp_sha 256K "$k")"
	done
	expect_eq "clients accepted" "$(grep -c '^accepted' "$T/tip.log")" 4
}

# TCP_CONGESTION: cubic and newreno (with TCP_NODELAY) carry data; an
# unknown name fails.
congestion()
{
	local out
	to_native 1M 7040 -i -c cubic
	expect_eq "TCP_CONGESTION read back" "$(tcp_info tip cc)" cubic
	to_native 1M 7041 -i -n -c newreno
	expect_eq "TCP_CONGESTION read back" "$(tcp_info tip cc)" newreno
	out=$(in_tip "$TIP_TCP" -t 10 -c no-such-cc send $NAT_ADDR 7042 @1 2>&1)
	expect_match "unknown congestion control" "$out" "^error: TCP_CONGESTION: ENOENT"
}

# info_sane TAG ROLE BYTES: TCP_INFO of a finished transfer is plausible.
info_sane()
{
	local tag=$1 role=$2 bytes=$3 v
	v=$(tcp_info "$tag" rtt)
	[ -n "$v" ] && [ "$v" -gt 0 ] && [ "$v" -lt 5000000 ] ||
		fail "$role: tcpi_rtt $v us is not in (0, 5 s)"
	v=$(tcp_info "$tag" rto)
	[ "$v" -ge 200000 ] && [ "$v" -le 120000000 ] ||
		fail "$role: tcpi_rto $v us is not in [200 ms, 120 s]"
	v=$(tcp_info "$tag" snd_mss)
	[ "$v" -ge 536 ] && [ "$v" -le 1460 ] ||
		fail "$role: tcpi_snd_mss $v is not in [536, 1460] on a 1500 MTU"
	v=$(tcp_info "$tag" rcv_mss)
	[ "$v" -gt 0 ] && [ "$v" -le 1460 ] || fail "$role: tcpi_rcv_mss $v"
	v=$(tcp_info "$tag" snd_cwnd)
	[ "$v" -ge 1 ] || fail "$role: tcpi_snd_cwnd $v"
	# Linux offers timestamps, SACK and window scaling: all negotiated.
	v=$(tcp_info "$tag" options)
	[ $((v & 7)) = 7 ] ||
		fail "$role: tcpi_options $v lacks TIMESTAMPS|SACK|WSCALE (7)"
	v=$(tcp_info "$tag" segs_out)
	[ "$v" -gt 0 ] || fail "$role: tcpi_segs_out $v"
	v=$(tcp_info "$tag" segs_in)
	[ "$v" -gt 0 ] || fail "$role: tcpi_segs_in $v"
	v=$(tcp_info "$tag" total_retrans)
	[ "$v" -lt $((bytes / 1448 / 10 + 10)) ] ||
		fail "$role: $v retransmissions on a clean link"
	if [ "$role" = sender ]; then
		v=$(tcp_info "$tag" bytes_acked)
		[ "$v" -ge "$bytes" ] || fail "sender: tcpi_bytes_acked $v < $bytes"
	else
		v=$(tcp_info "$tag" bytes_received)
		[ "$v" -ge "$bytes" ] || fail "receiver: tcpi_bytes_received $v < $bytes"
	fi
}

# TCP_INFO after a transfer each way; the first connects non-blocking
# (EINPROGRESS, then POLLOUT and SO_ERROR 0).
tcp_info_case()
{
	to_native 1M 7050 -i -N
	info_sane tip sender 1048576
	from_native 1M 7051 -i
	info_sane tip receiver 1048576
}

# The counters of `tinyip stats` moved with the traffic above.
counters()
{
	local c before after
	[ $STATS = 1 ] || skip "no 'tinyip stats' yet"
	for c in TcpActiveOpens TcpPassiveOpens TcpInSegs TcpOutSegs TcpOutRsts; do
		before=$(cat "$T/stat0.$c")
		after=$(tcp_stat "$c")
		[ "$after" != missing ] || fail "tinyip stats has no $c"
		[ "$after" -gt "$before" ] || fail "$c did not move ($before -> $after)"
	done
	[ "$(tcp_stat TcpInSegs)" -gt 1000 ] ||
		fail "TcpInSegs $(tcp_stat TcpInSegs) after more than 18 MB of traffic"
}

only_time_wait()
{
	! tcp_socks | grep -Eiqv 'time.?wait'
}

# At most the baseline: a neighbour entry may have expired meanwhile.
mem_back()
{
	[ "$(mem_used)" -le "$MEM_BASE" ]
}

# Everything closed: no PCB left but TIME_WAIT entries, and once those
# expire (60 s after the last one began) the memory budget is back at
# its baseline.
memory()
{
	local left
	if tip sock show tcp > /dev/null 2>&1; then
		wait_until $((10 * TCP_SLOW)) only_time_wait ||
			fail "TCP endpoints left besides TIME_WAIT: $(tcp_socks)"
	fi
	left=$((LAST_TW + 75 - SECONDS))
	[ $left -gt 10 ] || left=10
	wait_until $((left * TCP_SLOW)) mem_back ||
		fail "mem_used $(mem_used), was $MEM_BASE before any connection; endpoints: $(tcp_socks)"
}

# tinyip closes first in these (so TIME_WAIT begins), then the cases
# where native does run while those entries expire.
tcp_case "handshake and close both ways" handshake
for s in $SIZES; do
	tcp_case "tinyip -> native $s" to_native "$s" 7010
done
tcp_case "tinyip serve -> native client 1M" serve_native 1M 7012
tcp_case "TCP_INFO sane on both ends" tcp_info_case
tcp_case "TCP_CONGESTION cubic and newreno" congestion
tcp_case "half-close by tinyip, then native's reply" half_close_tip
LAST_TW=$SECONDS
tcp_case "TIME_WAIT listed by tinyip sock show" time_wait_listed
for s in $SIZES; do
	tcp_case "native -> tinyip $s" from_native "$s" 7011
done
tcp_case "native -> tinyip 1M in TSO/GRO-merged skbs" merged_rx
tcp_case "native server -> tinyip fetch 1M" fetch_native 1M 7013
tcp_case "half-close by native, then tinyip's reply" half_close_native
tcp_case "connection refused both ways" refused
tcp_case "listener with 4 sequential clients" sequential
tcp_case "tinyip stats counters moved" counters
tcp_case "memory back to baseline after close and TIME_WAIT" memory
tcp_done
