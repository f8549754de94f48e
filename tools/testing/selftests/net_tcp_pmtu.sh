#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Path MTU discovery for TCP over IPv4 (RFC 1191, RFC 9293 3.7.2): a
# native router between tinyip and a far native host, whose link to the
# far host has a 1280-byte MTU:
#
#   ns tip (tinyip)         ns nat (native router)         ns far (native)
#   v_tip 192.0.2.2 --- v_nat 192.0.2.1
#                           v_nat2 198.51.100.1 (MTU 1280) --- v_far 198.51.100.2
#
# The far host keeps a 1500 MTU, so it advertises an MSS of 1460 and only
# the router's "fragmentation needed" (ICMP type 3 code 4) can tell
# tinyip that its full-sized DF segments do not fit. A bulk transfer
# from tinyip to the far host must complete intact, with tinyip's MSS
# lowered to fit 1280 bytes. (Only this direction: the far host's
# full-sized frames would not fit the router's end of the veth.)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat ss numfmt sha256sum
[ -x "$TIP_TCP" ] || skip "tip_tcp is not built (make tools)"
topo_setup
trap tcp_cleanup EXIT
tcp_tmp

SMALL_MTU=1280
ip netns add $NS_FAR || fail "ip netns add $NS_FAR"
ip link add v_far netns $NS_FAR type veth peer name v_nat2 netns $NS_NAT ||
	fail "veth v_far/v_nat2"
in_far ip link set lo up
in_far ip addr add $FAR_ADDR/24 dev v_far
in_far ip link set v_far up
in_far ip route add default via $TIP_ADDR2
in_nat ip addr add $TIP_ADDR2/24 dev v_nat2
in_nat ip link set v_nat2 mtu $SMALL_MTU up
in_nat sysctl -qw net.ipv4.ip_forward=1
tip route add default via $NAT_ADDR || fail "tinyip route add default via $NAT_ADDR"
ping_ok $NS_NAT $TIP_ADDR || fail "no ping between nat and tip"
ping_ok $NS_NAT $FAR_ADDR || fail "no ping between nat and far"

SIZE=2M
[ "$FULL" = 1 ] && SIZE=16M

# The MSS tinyip uses on the 1500-byte link, straight to the router.
direct()
{
	local to
	to=$(tcp_timeout 1M)
	tcp_bg sink in_nat timeout "$to" socat -u TCP4-LISTEN:7300,reuseaddr -
	tcp_wait_native $NS_NAT 7300
	tcp_run tip in_tip "$TIP_TCP" -t "$to" -i send $NAT_ADDR 7300 @1M ||
		fail "tinyip -> router: $(tcp_log tip)"
	tcp_wait sink
	tcp_expect_sha "tinyip -> router" sink "$(tcp_sha 1M)"
	tcp_info tip snd_mss > "$T/mss0"
	[ "$(cat "$T/mss0")" -gt $((SMALL_MTU - 40)) ] ||
		fail "MSS $(cat "$T/mss0") on the 1500-byte link is already small"
}

# Through the router: frag-needed lowers the MSS, the data arrives.
through()
{
	local to unreach mss
	to=$(tcp_timeout "$SIZE")
	unreach=$(snmp $NS_NAT Icmp OutDestUnreachs)
	tcp_bg sink in_far timeout "$to" socat -u TCP4-LISTEN:7301,reuseaddr -
	tcp_wait_native $NS_FAR 7301
	tcp_run tip in_tip "$TIP_TCP" -t "$to" -i -v send $FAR_ADDR 7301 "@$SIZE" ||
		fail "tinyip -> far host through a $SMALL_MTU MTU: $(tcp_log tip)"
	tcp_wait sink
	tcp_expect_sha "tinyip -> far host" sink "$(tcp_sha "$SIZE")"
	[ "$(snmp $NS_NAT Icmp OutDestUnreachs)" -gt "$unreach" ] ||
		fail "the router sent no fragmentation needed: PMTUD was not exercised"
	mss=$(tcp_info tip snd_mss)
	echo "# MSS $(cat "$T/mss0") direct, $mss through the router" \
		"(tcpi_pmtu $(tcp_info tip pmtu)), $(tcp_info tip elapsed) s"
	[ "$mss" -le $((SMALL_MTU - 40)) ] ||
		fail "MSS $mss after frag-needed, want at most $((SMALL_MTU - 40))"
	[ "$mss" -lt "$(cat "$T/mss0")" ] ||
		fail "MSS did not drop below $(cat "$T/mss0")"
}

tcp_case "tinyip -> router, MSS on the 1500-byte link" direct
tcp_case "tinyip -> far host across a $SMALL_MTU MTU (PMTUD)" through
tcp_done
