#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# UDP socket semantics applications rely on (tip_sockopt), each check first
# proven on the native stack, then on tinyip: non-blocking and timed
# receives, poll, FIONREAD, MSG_PEEK, MSG_TRUNC, ephemeral ports (RFC 6056,
# Linux's 32768-60999), EADDRINUSE and SO_REUSEADDR, privileged ports,
# SO_BROADCAST, IP_TTL, SO_BINDTODEVICE; and their effect on the wire.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
topo_setup
e1_tmp

out=$(in_nat "$TIP_SOCKOPT" -4 -D v_nat all) ||
	fail "tip_sockopt is wrong about the native stack: $out"
out=$(in_tip "$TIP_SOCKOPT" all)
rc=$?
echo "$out"
[ $rc = 0 ] || fail "tinyip: $(printf '%s\n' "$out" | grep '^not ok' | tr '\n' ';')"
out=$(as_nobody "$TIP_SOCKOPT" privport) || fail "tinyip as nobody: $out"

capture_start $NS_NAT v_nat "$T/cap" udp

# IP_TTL reaches the wire; the default is 64 (RFC 1700).
out=$(in_tip "$TIP_UDP" -T 7 sendto $NAT_ADDR 5003 ttl-7) || fail "sendto with TTL 7: $out"
out=$(in_tip "$TIP_UDP" sendto $NAT_ADDR 5004 ttl-64) || fail "sendto: $out"

# With SO_BROADCAST, a native socket gets the directed broadcast.
in_nat socat -u UDP4-RECV:5002 - > "$T/bcast" &
for _ in $(seq 100); do
	in_nat ss -Hlun 'sport = :5002' | grep -q 5002 && break
	sleep 0.1
done
out=$(in_tip "$TIP_UDP" sendto 192.0.2.255 5002 bcast-ok)
expect_match "broadcast without SO_BROADCAST" "$out" "EACCES"
out=$(in_tip "$TIP_UDP" -B sendto 192.0.2.255 5002 bcast-ok) || fail "broadcast: $out"
wait_file "$T/bcast" bcast-ok 5
capture_stop
seen=$(decode "$T/cap" "udp.dstport in {5002, 5003, 5004}" udp.dstport ip.ttl eth.dst ip.dst)
expect_eq "TTL on the wire" "$(awk -F'|' '$1 == 5003 { print $2 }' <<< "$seen")" 7
expect_eq "default TTL on the wire" "$(awk -F'|' '$1 == 5004 { print $2 }' <<< "$seen")" 64
expect_eq "broadcast on the wire (MAC, IP)" \
	"$(awk -F'|' '$1 == 5002 { print $3, $4 }' <<< "$seen")" "ff:ff:ff:ff:ff:ff 192.0.2.255"

# SO_BINDTODEVICE: a socket bound to another tinyip link does not get
# datagrams that arrive on v_tip; one bound to v_tip does.
ip link add v_x netns $NS_TIP type veth peer name v_y netns $NS_TIP || fail "veth v_x/v_y"
in_tip ip link set v_x up
in_tip ip link set v_y up
tip link attach dev v_x || fail "tinyip link attach v_x"
tip addr add 203.0.113.1/24 dev v_x || fail "tinyip addr add 203.0.113.1/24"
in_tip "$TIP_UDP" -d v_x -t 60000 echo-server 6100 > "$T/sx" &
in_tip "$TIP_UDP" -d v_tip -t 60000 echo-server 6101 > "$T/st" &
wait_file "$T/sx" '^bound'
wait_file "$T/st" '^bound'
echo hello | in_nat socat -t 3 -T 3 - UDP4:$TIP_ADDR:6101 > "$T/out" 2> "$T/err" ||
	fail "socket bound to v_tip: $(cat "$T/err")"
expect_eq "echo from the socket bound to v_tip" "$(cat "$T/out")" hello
echo hello | in_nat socat -t 3 -T 3 - UDP4:$TIP_ADDR:6100 > /dev/null 2> "$T/err" &&
	fail "a socket bound to v_x got a datagram that came in on v_tip"
expect_match "socket bound to v_x" "$(cat "$T/err")" "Connection refused"
grep -q echoed "$T/sx" && fail "the socket bound to v_x echoed: $(cat "$T/sx")"
exit 0
