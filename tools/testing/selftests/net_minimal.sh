#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The minimal build (make module TINYIP_MINIMAL=y: IPv4, ICMP, UDP and
# TCP only) works against the native stack: it reports exactly those
# features, answers ping (also fragmented, RFC 791), echoes UDP both
# ways (RFC 768), carries 1 MB over TCP both ways with sha256 equality
# (RFC 9293), and refuses what it lacks with clean errors: IPv6
# addresses (EAFNOSUPPORT with a message), forwarding, raw and UDP-Lite
# sockets, multicast membership and CUBIC. Skips on a full build; run it
# against the minimal one with
#   TINYIP_BUILD=build/debian-6.12-minimal tools/testing/vm/run ...
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat jq sha256sum
# A full module skips before any network is built (make check meets one).
load
features=$("$TINYIP" -j info | json_get '.features | sort')
case $features in
*'"ipv6"'*)
	unload
	skip "needs a minimal build (make module TINYIP_MINIMAL=y)" ;;
esac
topo_setup
trap tcp_cleanup EXIT
tcp_tmp
expect_eq "features" "$features" '["ipv4","mem-budget","tcp","udp"]'

# ICMP echo, whole and fragmented both ways.
out=$(in_nat ping -n -c 2 -i 0.2 -W 2 $TIP_ADDR 2>&1) || fail "ping: $out"
expect_match "ping $TIP_ADDR" "$out" "2 packets transmitted, 2 received"
out=$(in_nat ping -n -c 1 -s 4000 -W 3 $TIP_ADDR 2>&1) || fail "ping -s 4000: $out"
expect_match "ping -s 4000" "$out" "4008 bytes from $TIP_ADDR"

# UDP: tinyip client -> native echo, then native client -> tinyip echo.
in_nat socat -b 65536 UDP4-RECVFROM:7000,fork,reuseaddr PIPE &
wait_until 10 eval "in_nat ss -Hlun 'sport = :7000' | grep -q 7000" ||
	fail "no native UDP echo server"
for size in 1 4000; do
	out=$(in_tip "$TIP_UDP" send $NAT_ADDR 7000 $size) ||
		fail "tinyip -> native echo of $size bytes: $out"
	expect_eq "UDP echo of $size bytes" "$out" \
		"ok: 1 x $size bytes echoed by $NAT_ADDR:7000"
done
in_tip "$TIP_UDP" -t 20000 echo-server 7001 > "$T/server" &
wait_file "$T/server" '^bound'
head -c 4000 /dev/urandom > "$T/in"
in_nat socat -b 65536 -t 2 -T 5 - UDP4:$TIP_ADDR:7001 < "$T/in" > "$T/out" ||
	fail "native -> tinyip UDP echo failed"
cmp -s "$T/in" "$T/out" || fail "native -> tinyip UDP echo differs"

# TCP: 1 MB each way.
tcp_bg nat in_nat timeout 60 socat -u TCP4-LISTEN:7002,reuseaddr -
tcp_wait_native $NS_NAT 7002
tcp_run tip in_tip "$TIP_TCP" -t 60 send $NAT_ADDR 7002 @1M ||
	fail "tinyip TCP send: $(tcp_log tip)"
tcp_wait nat
tcp_expect_sha "TCP tinyip -> native, 1M" nat "$(tcp_sha 1M)"
tcp_bg tip in_tip "$TIP_TCP" -t 60 recv 7003 -
tcp_wait_tip tip
tcp_run nat tcp_gen 1M 0 in_nat timeout 60 socat -u - TCP4:$TIP_ADDR:7003 ||
	fail "native TCP send: $(tcp_log nat)"
tcp_wait tip
tcp_expect_sha "TCP native -> tinyip, 1M" tip "$(tcp_sha 1M)"

# What is not built in fails cleanly.
expect_error "IPv6 address" "IPv6 is not built" \
	tip addr add 2001:db8::2/64 dev v_tip
expect_error "IPv6 route" "IPv6 is not built" \
	tip route add 2001:db8:1::/64 via 2001:db8::1
expect_error "forwarding" "forwarding is not built" \
	tip config set forwarding on
expect_error "CUBIC" "unknown congestion control" \
	tip config set tcp-cc cubic
expect_eq "raw socket" "$(in_tip "$SELFTESTS/sock_errno" $AF_TINYIP 3 1)" \
	ESOCKTNOSUPPORT
expect_eq "UDP-Lite socket" \
	"$(in_tip "$SELFTESTS/sock_errno" $AF_TINYIP 2 136)" EPROTONOSUPPORT
# A sockaddr_in6 (AF_TINYIP at its full 28 bytes: port 7000, flow 0,
# 2001:db8::1, scope 0), sent with socat's generic socket address.
out=$(echo x | in_tip socat - \
	SOCKET-SENDTO:$AF_TINYIP:2:0:x1b580000000020010db800000000000000000000000100000000 2>&1)
expect_match "sendto an IPv6 address" "$out" "Address family not supported"
out=$(in_tip "$SELFTESTS/tip_dual" connect 2001:db8::1 7000 2>&1)
expect_eq "IPV6_V6ONLY" "$out" "IPV6_V6ONLY: ENOPROTOOPT"
out=$(in_tip "$TIP_UDP" -t 500 -g 239.1.2.3 recv 7004 2>&1)
expect_match "IP_ADD_MEMBERSHIP" "$out" "EOPNOTSUPP"
exit 0
