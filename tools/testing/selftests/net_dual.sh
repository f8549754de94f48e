#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Dual-stack sockets, stage 1 (RFC 3493, RFC 4291 2.5.5.2): sockaddr_in6
# on AF_TINYIP sockets, IPV6_V6ONLY, IPv4-mapped names, scope ids and the
# errors a program meets (tip_dual, each check first proven on the native
# stack's AF_INET6 sockets); then IPv4 traffic from the native stack
# through IPv6 sockets: UDP into [::], TCP accept on [::] and a connect to
# ::ffff:a.b.c.d, all named as mapped addresses; a V6ONLY listener that
# IPv4 cannot reach; tinyip sock show printing [::]:PORT.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
topo_setup
e1_tmp

out=$(in_nat "$TIP_DUAL" -6 all) ||
	fail "tip_dual is wrong about the native stack: $out"
out=$(in_tip "$TIP_DUAL" all)
rc=$?
echo "$out"
[ $rc = 0 ] || fail "tinyip: $(printf '%s\n' "$out" | grep '^not ok' | tr '\n' ';')"

# A native IPv4 datagram reaches a dual UDP socket on [::]; the sender is
# ::ffff:192.0.2.1 in a sockaddr_in6 (28 bytes).
in_tip "$TIP_DUAL" recv 6200 > "$T/recv" 2>&1 &
wait_file "$T/recv" '^bound'
expect_match "getsockname of [::]:6200" "$(head -n 1 "$T/recv")" \
	"^bound AF_INET6 :: 6200 scope 0$"
in_nat socat -u - UDP4-SENDTO:$TIP_ADDR:6200,sourceport=6201 <<< dgram
wait_file "$T/recv" '^from'
expect_match "UDP sender through [::]" "$(grep '^from' "$T/recv")" \
	"^from AF_INET6 ::ffff:$NAT_ADDR 6201 scope 0 len 28 data dgram"

# TCP: a native IPv4 client accepted on [::] is ::ffff:192.0.2.1.
in_tip "$TIP_DUAL" accept 6202 > "$T/acc" 2>&1 &
pid=$!
wait_file "$T/acc" '^bound'
out=$(tip sock show tcp state listening)
expect_match "tinyip sock show of the dual listener" "$out" '\[::\]:6202'
echo hello | in_nat socat -t 3 - TCP4:$TIP_ADDR:6202 ||
	fail "native IPv4 connect to the dual listener"
wait $pid || fail "accept role: $(cat "$T/acc")"
expect_match "accept() on [::]" "$(cat "$T/acc")" \
	"peer AF_INET6 ::ffff:$NAT_ADDR [0-9]+ scope 0 len 28"
expect_match "data through [::]" "$(cat "$T/acc")" "^data hello"

# A V6ONLY listener on [::] is not there for IPv4: the client is reset.
in_tip "$TIP_DUAL" -o accept 6203 > "$T/only" 2>&1 &
pid=$!
wait_file "$T/only" '^bound'
in_nat socat -t 3 - TCP4:$TIP_ADDR:6203 < /dev/null 2> "$T/err" &&
	fail "an IPv4 client reached a V6ONLY listener"
expect_match "IPv4 to a V6ONLY listener" "$(cat "$T/err")" "Connection refused"
kill $pid 2> /dev/null

# TCP connect with a sockaddr_in6 holding ::ffff:192.0.2.1 to a native
# IPv4 listener; getpeername gives the mapped address back.
in_nat socat -u TCP4-LISTEN:6204,reuseaddr - > "$T/srv" &
for _ in $(seq 100); do
	in_nat ss -Hltn 'sport = :6204' | grep -q 6204 && break
	sleep 0.1
done
out=$(in_tip "$TIP_DUAL" connect ::ffff:$NAT_ADDR 6204) ||
	fail "connect to ::ffff:$NAT_ADDR: $out"
expect_match "getpeername after a mapped connect" "$out" \
	"peer AF_INET6 ::ffff:$NAT_ADDR 6204 scope 0"
expect_match "getsockname after a mapped connect" "$out" \
	"local AF_INET6 ::ffff:$TIP_ADDR [0-9]+ scope 0"
wait_file "$T/srv" '^hello$' 5

# A scoped bind to tinyip's link-local address binds the device; a
# socket bound to another device cannot take it (EINVAL).
ll=""
for _ in $(seq 50); do
	ll=$(tip -6 addr show dev v_tip | awk '$2 == "inet6" && /scope link/ { print $3 }')
	ll=${ll%%/*}
	[ -n "$ll" ] && ! tip -6 addr show dev v_tip | grep -q tentative && break
	sleep 0.1
done
[ -n "$ll" ] || fail "no link-local address on v_tip"
out=$(in_tip "$TIP_DUAL" bindll "$ll" v_tip lo) || fail "scoped bind to $ll: $out"
idx=$(in_tip cat /sys/class/net/v_tip/ifindex)
expect_match "scoped bind" "$out" \
	"^bound AF_INET6 $ll [0-9]+ scope $idx dev v_tip ifindex $idx$"
expect_match "scoped bind on another device" "$out" "^other device: EINVAL$"
exit 0
