#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TCP over IPv6 (RFC 9293 over RFC 8200) between tinyip and the native
# stack, with unmodified programs carried over tinyip by tinyip-run
# (tools/preload, TINYIP_FAMILIES inet6 or inet,inet6):
#  - transfers of 1 MB and 16 MB (TINYIP_TCP_SIZES) both ways, sha256 equal;
#  - GSO: skbs of several segments leave tinyip for the TSO-capable veth;
#  - curl -6 both ways against python3's http.server;
#  - iperf3 over IPv6 both ways (-R), moving data (no timing assertions);
#  - a native connect to a closed tinyip port is refused (RFC 9293
#    3.10.7.1: tinyip's RST over IPv6);
#  - a connect to the native peer's fe80:: address with a scope id;
#  - path MTU (RFC 8201): a transfer behind a native router whose far link
#    has IPv6's minimum MTU of 1280 completes intact, tinyip's segments
#    shrink to it (a capture on the far link sees none bigger) and no
#    TCP segment is ever fragmented;
#  - `tinyip sock show` lists the IPv6 connection.
# Every case checks tinyip's TCP counters moved, so none can pass over the
# native stack by accident. Each case prints "ok N" or "not ok N".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat ss jq numfmt sha256sum tcpdump ethtool
RUN="$REPO/tools/preload/tinyip-run"
[ -x "$RUN" ] && [ -f "$REPO/tools/preload/libtinyip-preload.so" ] ||
	skip "tinyip-run is not built (make tools)"
[ -x "$TIP_TCP" ] || skip "tip_tcp is not built (make tools)"
topo_setup
trap tcp_cleanup EXIT
tcp_tmp

SIZES=${TINYIP_TCP_SIZES:-"1M 16M"}
[ "$FULL" = 1 ] && SIZES="$SIZES 64M"
NAT6=2001:db8::1
TIP6=2001:db8::2
RUN6=("$RUN" --families inet6)

# usable ADDR: tinyip's ADDR is on v_tip and no longer tentative.
usable()
{
	[ "$(tip -j addr show dev v_tip | jq -c ".[] | select(.local == \"$1\") |
		.flags | index(\"tentative\") == null")" = true ]
}

in_nat ip -6 addr add $NAT6/64 dev v_nat nodad
tip addr add $TIP6/64 dev v_tip || fail "tinyip addr add $TIP6/64"
wait_until 10 usable $TIP6 || fail "$TIP6 still tentative: $(tip addr show dev v_tip)"
tcp_stats_ok || skip "tinyip stats is not available"

# moved NAME BEFORE: tinyip's counter NAME went past BEFORE.
moved()
{
	local now
	now=$(tcp_stat "$1")
	[ "$now" -gt "$2" ] 2> /dev/null ||
		fail "tinyip's $1 did not move ($2 -> $now): not carried by tinyip"
}

# from_native SIZE PORT: a native client sends SIZE to a tinyip-run socat
# listening on [::].
from_native()
{
	local size=$1 port=$2 to p0
	to=$(tcp_timeout "$size")
	p0=$(tcp_stat TcpPassiveOpens)
	tcp_bg tip in_tip timeout "$to" "${RUN6[@]}" socat -u \
		TCP6-LISTEN:"$port",reuseaddr -
	wait_until $((10 * TCP_SLOW)) eval "tcp_socks | grep -q ':$port'" ||
		fail "no tinyip listener on $port: $(tcp_log tip)"
	tcp_run nat tcp_gen "$size" 0 in_nat timeout "$to" \
		socat -u - TCP6:[$TIP6]:"$port" ||
		fail "native send of $size: $(tcp_log nat)"
	tcp_wait tip
	tcp_expect_sha "native -> tinyip over IPv6, $size" tip "$(tcp_sha "$size")"
	moved TcpPassiveOpens "$p0"
}

# to_native SIZE PORT: a tinyip-run socat client sends SIZE to a native
# listener.
to_native()
{
	local size=$1 port=$2 to a0
	to=$(tcp_timeout "$size")
	a0=$(tcp_stat TcpActiveOpens)
	tcp_bg nat in_nat timeout "$to" socat -u TCP6-LISTEN:"$port",reuseaddr -
	tcp_wait_native $NS_NAT "$port"
	tcp_run tip tcp_gen "$size" 0 in_tip timeout "$to" "${RUN6[@]}" \
		socat -u - TCP6:[$NAT6]:"$port" ||
		fail "tinyip send of $size: $(tcp_log tip)"
	tcp_wait nat
	tcp_expect_sha "tinyip -> native over IPv6, $size" nat "$(tcp_sha "$size")"
	moved TcpActiveOpens "$a0"
}

# GSO over IPv6 (SKB_GSO_TCPV6): the veth takes TSO, so tinyip hands it
# skbs of several segments, which reach the native end whole.
gso_out()
{
	local big
	need_cmd tcpdump
	cap_start $NS_NAT v_nat -s 96 "ip6 and tcp and src host $TIP6"
	to_native 1M "$1"
	cap_stop
	# tcpdump's "greater" counts the 14-byte Ethernet header.
	big=$(tcpdump -r "$CAP_FILE" -n "greater $((1500 + 14 + 1))" 2> /dev/null | wc -l)
	echo "# $big skbs of more than one segment left tinyip"
	rm -f "$CAP_FILE" "$CAP_FILE.err"
	[ "$big" -gt 0 ] || fail "no IPv6 GSO skb left tinyip"
}

# tinyip-run curl -6 fetches from a native http.server.
curl_out()
{
	local a0
	need_cmd curl python3
	mkdir -p "$T/www"
	head -c 1048576 /dev/urandom > "$T/www/blob"
	in_nat python3 -m http.server --bind $NAT6 --directory "$T/www" 8000 \
		> "$T/http.log" 2>&1 &
	wait_until $((30 * TCP_SLOW)) tcp_listening $NS_NAT 8000 ||
		fail "native http.server on [$NAT6]:8000 not listening: $(tail -n 3 "$T/http.log")"
	a0=$(tcp_stat TcpActiveOpens)
	in_tip timeout 120 "${RUN6[@]}" curl -6 -sS --fail -o "$T/out" \
		"http://[$NAT6]:8000/blob" 2> "$T/err" ||
		fail "tinyip-run curl -6: $(cat "$T/err")"
	expect_eq "curl -6 from native http.server" \
		"$(sha256sum < "$T/out" | cut -d' ' -f1)" \
		"$(sha256sum < "$T/www/blob" | cut -d' ' -f1)"
	moved TcpActiveOpens "$a0"
}

# native curl -6 from tinyip-run python3 -m http.server --bind :: (a
# dual-stack listener).
curl_in()
{
	local p0
	need_cmd curl python3
	mkdir -p "$T/www6"
	head -c 1048576 /dev/urandom > "$T/www6/blob"
	p0=$(tcp_stat TcpPassiveOpens)
	in_tip timeout 120 "$RUN" --families inet,inet6 python3 -u -m http.server \
		--bind :: --directory "$T/www6" 8001 > "$T/server.log" 2>&1 &
	wait_file "$T/server.log" "Serving HTTP on :: port 8001" 30
	in_nat timeout 60 curl -6 -sS --fail -o "$T/out6" "http://[$TIP6]:8001/blob" \
		2> "$T/err" || fail "native curl -6: $(cat "$T/err" "$T/server.log")"
	expect_eq "curl -6 from tinyip-run http.server on [::]" \
		"$(sha256sum < "$T/out6" | cut -d' ' -f1)" \
		"$(sha256sum < "$T/www6/blob" | cut -d' ' -f1)"
	expect_match "the server's log names the IPv6 client" \
		"$(cat "$T/server.log")" "^$NAT6 - - "
	moved TcpPassiveOpens "$p0"
}

# iperf3_ok WHAT JSON: the run ended without error and moved data.
iperf3_ok()
{
	local err bytes
	err=$(jq -r '.error // empty' "$2" 2> /dev/null)
	[ -z "$err" ] || fail "$1: iperf3 error: $err"
	bytes=$(jq -r '.end.sum_received.bytes // 0' "$2" 2> /dev/null)
	[ "${bytes%.*}" -gt 0 ] 2> /dev/null ||
		fail "$1: no bytes received ($(head -c 300 "$2"))"
	echo "# $1: $bytes bytes"
}

# iperf3 ARG...: native iperf3 -6 -c (with ARG, e.g. -R) against
# tinyip-run iperf3 -s.
iperf3_case()
{
	local server p0
	need_cmd iperf3
	p0=$(tcp_stat TcpPassiveOpens)
	in_tip timeout 60 "${RUN6[@]}" iperf3 -s -1 -B $TIP6 -p 5202 --forceflush \
		> "$T/iperf-server.log" 2>&1 &
	server=$!
	wait_file "$T/iperf-server.log" "Server listening" 30
	in_nat timeout 60 iperf3 -6 -c $TIP6 -p 5202 -t 3 -J "$@" > "$T/out.json" \
		2> "$T/err" ||
		fail "native iperf3 -6 -c $*: $(cat "$T/err"; jq -r '.error // empty' "$T/out.json"; cat "$T/iperf-server.log")"
	iperf3_ok "native iperf3 -6 -c $* with tinyip-run iperf3 -s" "$T/out.json"
	wait $server || fail "tinyip-run iperf3 -s: $(cat "$T/iperf-server.log")"
	moved TcpPassiveOpens "$p0"
}

# RFC 9293 3.10.7.1: a SYN to a closed tinyip port draws a RST over IPv6.
refused()
{
	local r0 out
	r0=$(tcp_stat TcpOutRsts)
	out=$(in_nat timeout 10 socat -u /dev/null TCP6:[$TIP6]:7999 2>&1) &&
		fail "connect to a closed tinyip port succeeded"
	expect_match "native connect to a closed port" "$out" "Connection refused"
	moved TcpOutRsts "$r0"
}

# The native peer's link-local address with a scope id (RFC 4007 11).
link_local()
{
	local ll
	wait_until 10 eval "in_nat ip -6 -o addr show dev v_nat scope link |
		grep -v tentative | grep -q fe80" ||
		fail "v_nat has no usable link-local address"
	ll=$(in_nat ip -6 -o addr show dev v_nat scope link |
		sed -n 's|.* \(fe80::[0-9a-f:]*\)/64.*|\1|p' | head -n 1)
	[ -n "$ll" ] || fail "cannot read v_nat's link-local address"
	tcp_bg nat in_nat timeout 30 socat -u TCP6-LISTEN:7300,reuseaddr -
	tcp_wait_native $NS_NAT 7300
	tcp_run tip tcp_gen 256K 0 in_tip timeout 30 "${RUN6[@]}" \
		socat -u - "TCP6:[$ll%v_tip]:7300" ||
		fail "tinyip connect to [$ll%v_tip]: $(tcp_log tip)"
	tcp_wait nat
	tcp_expect_sha "tinyip -> native over link-local" nat "$(tcp_sha 256K)"
}

# `tinyip sock show` lists an established IPv6 connection by address.
sock_show()
{
	local port=7400 re
	tcp_bg tip in_tip timeout 30 "${RUN6[@]}" socat -u \
		TCP6-LISTEN:$port,reuseaddr -
	wait_until $((10 * TCP_SLOW)) eval "tcp_socks | grep -q ':$port'" ||
		fail "no tinyip listener on $port"
	# The connection stays open while we look, until fd 9 closes.
	mkfifo "$T/hold"
	in_nat timeout 60 socat -u - TCP6:[$TIP6]:$port < "$T/hold" &
	exec 9> "$T/hold"
	# Earlier cases leave TIME-WAIT entries with the same peer: this
	# one is established, on the listener's port.
	re="ESTAB.*\\[$TIP6\\]:$port +\\[$NAT6\\]:[0-9]+"
	wait_until $((10 * TCP_SLOW)) eval "tcp_socks | grep -Eq '$re'" ||
		fail "tinyip sock show has no IPv6 connection on $port: $(tcp_socks)"
	tcp_socks | grep -E "$re" | sed 's/^/# /'
	exec 9>&-
	wait
}

# Path MTU (RFC 8201): tinyip sends to a native host behind a native
# router whose far link has IPv6's minimum MTU. Routers never fragment
# IPv6, so the data arrives only if tinyip's segments shrink to 1280.
pmtu()
{
	local size=1M to n big
	# Every packet is captured and read back three times: 1 MB (some
	# 800 segments) proves the shrink; check-full moves the largest.
	[ "$FULL" = 1 ] && size=${SIZES##* }
	to=$(tcp_timeout "$size")
	ip netns add $NS_FAR || fail "ip netns add $NS_FAR"
	ip link add v_nat2 netns $NS_NAT mtu 1280 type veth peer name v_far \
		netns $NS_FAR mtu 1280 || fail "veth v_nat2/v_far"
	in_nat sysctl -qw net.ipv6.conf.all.forwarding=1
	in_nat ip -6 addr add 2001:db8:2::1/64 dev v_nat2 nodad
	in_nat ip link set v_nat2 up
	# A real wire: the router cuts GSO skbs into segments before the far
	# link, so the capture there sees the sizes a cable would carry.
	in_nat ethtool -K v_nat2 tso off gso off > /dev/null 2>&1 ||
		fail "ethtool -K v_nat2 tso off gso off"
	in_far ip link set lo up
	in_far ip -6 addr add 2001:db8:2::2/64 dev v_far nodad
	in_far ip link set v_far up
	in_far ip -6 route add default via 2001:db8:2::1
	tip route add 2001:db8:2::/64 via $NAT6 dev v_tip ||
		fail "tinyip route to 2001:db8:2::/64"
	cap_start $NS_FAR v_far -s 96 ip6
	tcp_bg far in_far timeout "$to" socat -u TCP6-LISTEN:7500,reuseaddr -
	tcp_wait_native $NS_FAR 7500
	tcp_run tip tcp_gen "$size" 0 in_tip timeout "$to" "${RUN6[@]}" \
		socat -u - TCP6:[2001:db8:2::2]:7500 ||
		fail "tinyip send of $size through a 1280 path: $(tcp_log tip)"
	tcp_wait far
	cap_stop
	tcp_expect_sha "tinyip -> native through a 1280 path, $size" far \
		"$(tcp_sha "$size")"
	# tcpdump's "greater" counts the 14-byte Ethernet header.
	big=$(tcpdump -r "$CAP_FILE" -n "greater $((1280 + 14 + 1))" 2> /dev/null | wc -l)
	n=$(tcpdump -r "$CAP_FILE" -n "src host $TIP6 and tcp and greater 1200" \
		2> /dev/null | wc -l)
	frag=$(tcpdump -r "$CAP_FILE" -n "src host $TIP6 and ip6[6] == 44" \
		2> /dev/null | wc -l)
	echo "# $n full-size segments at the far end, $big over 1280, $frag fragments"
	expect_eq "packets over 1280 on the far link" "$big" 0
	expect_eq "fragments from tinyip" "$frag" 0
	[ "$n" -gt 0 ] || fail "no segment near 1280 reached the far end: $(tcpdump -r "$CAP_FILE" -n 2> /dev/null | wc -l) packets captured, the biggest from tinyip: $(tcpdump -r "$CAP_FILE" -n -v "src host $TIP6" 2> /dev/null | sed -n 's/.*payload length: \([0-9]*\).*/\1/p' | sort -n | tail -n 1); the first: $(tcpdump -r "$CAP_FILE" -n 2> /dev/null | head -n 3)"
	rm -f "$CAP_FILE" "$CAP_FILE.err"
}

TCP_EXTRA_NS=$NS_FAR
port=7000
for size in $SIZES; do
	tcp_case "native -> tinyip over IPv6, $size" from_native "$size" $port
	tcp_case "tinyip -> native over IPv6, $size" to_native "$size" $((port + 1))
	port=$((port + 2))
done
tcp_case "tinyip -> native over IPv6 in GSO skbs" gso_out $port
tcp_case "tinyip-run curl -6 from native http.server" curl_out
tcp_case "native curl -6 from tinyip-run http.server --bind ::" curl_in
tcp_case "native iperf3 -6 -c to tinyip-run iperf3 -s" iperf3_case
tcp_case "native iperf3 -6 -c -R from tinyip-run iperf3 -s" iperf3_case -R
tcp_case "closed port over IPv6: ECONNREFUSED" refused
tcp_case "connect to a fe80:: peer with a scope id" link_local
tcp_case "tinyip sock show lists IPv6 connections" sock_show
tcp_case "path MTU 1280 behind a native router" pmtu
tcp_done
