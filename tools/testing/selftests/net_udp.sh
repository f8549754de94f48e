#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# UDP (RFC 768) between tinyip and the native stack, with socat as the
# native peer: echoes both ways from 1 byte to 30000 (fragmented on the
# 1500-byte MTU, RFC 791), and ICMP port unreachable (RFC 1122 4.1.3.1)
# both ways.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
topo_setup
e1_tmp

SIZES="1 1472 4000 30000"

# tinyip client -> native socat echo server (a child per datagram; PIPE
# is socat's echo, -b large enough for a whole datagram).
in_nat socat -b 65536 UDP4-RECVFROM:7000,fork,reuseaddr PIPE &
for _ in $(seq 100); do
	in_nat ss -Hlun 'sport = :7000' | grep -q 7000 && break
	sleep 0.1
done
for size in $SIZES; do
	reasm=$(snmp $NS_NAT Ip ReasmOKs)
	frags=$(snmp $NS_NAT Ip FragCreates)
	tx=$(link_stat v_tip tx_packets)
	out=$(in_tip "$TIP_UDP" send $NAT_ADDR 7000 "$size") ||
		fail "tinyip -> native echo of $size bytes: $out"
	expect_eq "echo of $size bytes" "$out" "ok: 1 x $size bytes echoed by $NAT_ADDR:7000"
	if [ "$size" -gt 1472 ]; then
		nfrag=$(((size + 8 + 1479) / 1480))
		[ "$(snmp $NS_NAT Ip ReasmOKs)" -gt "$reasm" ] ||
			fail "$size bytes: native reassembled nothing from tinyip"
		[ "$(snmp $NS_NAT Ip FragCreates)" -ge $((frags + nfrag)) ] ||
			fail "$size bytes: native did not fragment its echo"
		[ "$(link_stat v_tip tx_packets)" -ge $((tx + nfrag)) ] ||
			fail "$size bytes: tinyip sent fewer than $nfrag frames"
	fi
done

# native socat client -> tinyip echo server.
in_tip "$TIP_UDP" -t 60000 echo-server 7001 > "$T/server" &
wait_file "$T/server" '^bound'
for size in $SIZES; do
	head -c "$size" /dev/urandom > "$T/in"
	reasm=$(snmp $NS_NAT Ip ReasmOKs)
	frags=$(snmp $NS_NAT Ip FragCreates)
	in_nat socat -b 65536 -t 2 -T 5 - UDP4:$TIP_ADDR:7001 < "$T/in" > "$T/out" 2> "$T/err" ||
		fail "native -> tinyip echo of $size bytes: $(cat "$T/err")"
	cmp -s "$T/in" "$T/out" ||
		fail "native -> tinyip echo of $size bytes: got $(stat -c %s "$T/out") bytes, content differs"
	if [ "$size" -gt 1472 ]; then
		[ "$(snmp $NS_NAT Ip FragCreates)" -gt "$frags" ] ||
			fail "$size bytes: native did not fragment"
		[ "$(snmp $NS_NAT Ip ReasmOKs)" -gt "$reasm" ] ||
			fail "$size bytes: native reassembled no echo from tinyip"
	fi
done
grep -q "echoed 30000 bytes to $NAT_ADDR:" "$T/server" ||
	fail "tinyip server saw the wrong peer: $(tail -n 2 "$T/server")"

# A connected tinyip socket learns of a closed native port from ICMP.
unreach=$(snmp $NS_NAT Icmp OutDestUnreachs)
out=$(in_tip "$TIP_UDP" -t 3000 send $NAT_ADDR 7009 10)
expect_match "send to a closed native port" "$out" "^error: recv: ECONNREFUSED"
[ "$(snmp $NS_NAT Icmp OutDestUnreachs)" -gt "$unreach" ] ||
	fail "native sent no port unreachable"

# Native learns of a closed tinyip port the same way.
unreach=$(snmp $NS_NAT Icmp InDestUnreachs)
echo x | in_nat socat -t 3 -T 3 - UDP4:$TIP_ADDR:7009 > /dev/null 2> "$T/err" &&
	fail "native send to a closed tinyip port got no error"
expect_match "socat to a closed tinyip port" "$(cat "$T/err")" "Connection refused"
[ "$(snmp $NS_NAT Icmp InDestUnreachs)" -gt "$unreach" ] ||
	fail "native counted no destination unreachable"
exit 0
