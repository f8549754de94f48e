#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ICMP echo (RFC 792) between tinyip and the native stack: Linux's ping
# gets answers from tinyip's address only, with its own payload back, also
# when fragmented; tinyip's raw socket pings the native host and needs
# CAP_NET_RAW.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
topo_setup

# Native ping: three answers from tinyip's address, payload intact
# (iputils' ping reports "wrong data byte" and "DUP!" otherwise).
out=$(in_nat ping -n -c 3 -i 0.2 -W 2 $TIP_ADDR 2>&1) || fail "ping $TIP_ADDR: $out"
expect_match "ping $TIP_ADDR" "$out" "3 packets transmitted, 3 received"
expect_eq "replies from $TIP_ADDR" \
	"$(printf '%s\n' "$out" | grep -c "bytes from $TIP_ADDR: icmp_seq=")" 3
printf '%s\n' "$out" | grep -Eq 'wrong data|DUP!' && fail "corrupt or duplicate replies: $out"

# A 4000-byte echo is fragmented on the way in and on the way out.
reasm=$(snmp $NS_NAT Ip ReasmOKs)
out=$(in_nat ping -n -c 1 -s 4000 -W 3 $TIP_ADDR 2>&1) || fail "ping -s 4000: $out"
expect_match "ping -s 4000" "$out" "4008 bytes from $TIP_ADDR"
[ "$(snmp $NS_NAT Ip ReasmOKs)" -gt "$reasm" ] ||
	fail "native reassembled no reply from tinyip (ReasmOKs $reasm)"

# An address of the subnet that tinyip does not own stays silent.
out=$(in_nat ping -n -c 2 -i 0.2 -W 1 192.0.2.3 2>&1) && fail "ping 192.0.2.3 answered: $out"
expect_match "ping 192.0.2.3" "$out" " 0 received"

# tinyip pings the native host over its raw socket; native counts them.
echos=$(snmp $NS_NAT Icmp InEchos)
out=$(in_tip "$TIP_PING" -c 3 $NAT_ADDR) || fail "tip_ping $NAT_ADDR: $out"
expect_eq "tip_ping" "$out" "$NAT_ADDR: 3 sent, 3 answered"
expect_eq "native InEchos" "$(snmp $NS_NAT Icmp InEchos)" $((echos + 3))
out=$(in_tip "$TIP_PING" -c 1 -s 3000 $NAT_ADDR) || fail "tip_ping -s 3000: $out"
# Nobody answers for an address no one has (ARP fails): tip_ping says so.
out=$(in_tip "$TIP_PING" -c 1 -W 1500 192.0.2.3) && fail "tip_ping 192.0.2.3: $out"

# Raw sockets need CAP_NET_RAW.
expect_eq "raw ICMP socket as root" "$(in_tip "$SELFTESTS/sock_errno" $AF_TINYIP 3 1)" OK
expect_eq "raw ICMP socket as nobody" \
	"$(as_nobody "$SELFTESTS/sock_errno" $AF_TINYIP 3 1)" EPERM
exit 0
