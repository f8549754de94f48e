#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Traffic of tinyip to itself, over 127.0.0.1 and to its own veth address,
# goes over tinyip's loopback link (RFC 1122 3.2.1.3) and never reaches
# the wire: a capture on v_tip sees none of it, only a control exchange
# with the native peer, and the loopback link's counters move.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
topo_setup
e1_tmp

capture_start $NS_TIP v_tip "$T/cap"
rx=$(lo_stat rx_packets)
tx=$(lo_stat tx_packets)
[ -n "$rx" ] && [ "$rx" != null ] || fail "no loopback link in 'tinyip link show'"

in_tip "$TIP_UDP" -b 127.0.0.1 -t 60000 echo-server 6000 > "$T/s1" &
in_tip "$TIP_UDP" -t 60000 echo-server 6001 > "$T/s2" &
wait_file "$T/s1" '^bound'
wait_file "$T/s2" '^bound'
out=$(in_tip "$TIP_UDP" send 127.0.0.1 6000 1000 3) || fail "echo over 127.0.0.1: $out"
out=$(in_tip "$TIP_UDP" send $TIP_ADDR 6001 5000 2) || fail "echo over $TIP_ADDR: $out"
out=$(in_tip "$TIP_UDP" send 127.0.0.1 6001 1 1) || fail "echo to 0.0.0.0:6001 over 127.0.0.1: $out"
# The server bound to 127.0.0.1 is not reachable at the veth address.
out=$(in_tip "$TIP_UDP" -t 2000 send $TIP_ADDR 6000 10)
expect_match "echo to $TIP_ADDR:6000 (server on 127.0.0.1)" "$out" "ECONNREFUSED"
out=$(in_tip "$TIP_PING" -c 2 127.0.0.1) || fail "tip_ping 127.0.0.1: $out"
out=$(in_tip "$TIP_PING" -c 2 $TIP_ADDR) || fail "tip_ping $TIP_ADDR: $out"
grep -q "to 127.0.0.1:" "$T/s1" || fail "server saw the wrong peer: $(cat "$T/s1")"
grep -q "to $TIP_ADDR:" "$T/s2" || fail "server saw the wrong peer: $(cat "$T/s2")"

# Control: an exchange with the native peer does show up in the capture.
in_nat socat -b 65536 UDP4-RECVFROM:7000,fork PIPE &
for _ in $(seq 100); do
	in_nat ss -Hlun 'sport = :7000' | grep -q 7000 && break
	sleep 0.1
done
out=$(in_tip "$TIP_UDP" send $NAT_ADDR 7000 100) || fail "control echo with native: $out"
capture_stop

seen=$(decode "$T/cap" "ip" ip.src ip.dst ip.proto udp.port)
ctl=$(grep -Ec '\|(7000,[0-9]+|[0-9]+,7000)$' <<< "$seen")
[ "$ctl" -ge 2 ] || fail "the capture on v_tip missed the control exchange: $seen"
# Only the control exchange and capture_stop's broadcast to port 9.
leaked=$(grep -Ev '\|(7000,[0-9]+|[0-9]+,7000|[0-9]+,9)$' <<< "$seen")
[ -z "$leaked" ] || fail "loopback traffic reached v_tip: $leaked"

# 6 echoes (12 datagrams), the refused datagram and its ICMP error (2),
# 4 pings (8): 22 packets at least, each sent and received over lo.
[ "$(lo_stat rx_packets)" -ge $((rx + 22)) ] ||
	fail "loopback rx_packets went from $rx to $(lo_stat rx_packets), want +22"
[ "$(lo_stat tx_packets)" -ge $((tx + 22)) ] ||
	fail "loopback tx_packets went from $tx to $(lo_stat tx_packets), want +22"
exit 0
