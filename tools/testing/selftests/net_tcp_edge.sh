#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TCP handshake and connection edge cases against tinyip, with scapy
# (tcp_edge.py) as the peer in the native namespace: simultaneous open
# (RFC 9293 3.5), RST and SYN validation with challenge ACKs (RFC 5961),
# SYN cookies under a SYN flood (RFC 4987), zero-window probing with
# backoff (RFC 1122 4.2.2.17), RTO backoff ending in ETIMEDOUT (RFC 6298,
# RFC 5482), a tail loss probe and RACK (RFC 8985), the undo of a needless
# fast retransmission (RFC 3522, RFC 4015), and malformed options (RFC 9293 3.1, RFC 2018, RFC 7323):
# each dropped or ignored, never a crash, and a native client is still
# served at the end. The kernel log must stay clean.
#
# The peer uses an address and a MAC the native stack does not own, so
# the native kernel never resets the connections scapy makes (no
# firewall is needed): tinyip's frames to that MAC reach the native
# stack as PACKET_OTHERHOST and are dropped, while tcp_edge.py's packet
# socket sees them, and answers ARP for the address itself.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd python3 socat
python3 -c 'import scapy' 2> /dev/null || skip "python3-scapy is not installed (make deps)"

PEER_ADDR=192.0.2.3
PEER_MAC=02:00:5e:00:e8:03
FLOOD=2000

CASES=(simopen rst-inwin rst-outwin rst-exact syn-estab zerowin noack
       tlp undo opt-zero opt-past sack-outwin wscale-15 mss-0 synflood normal)
[ $# -gt 0 ] && CASES=("$@")

topo_setup
tip_mac=$(tip_link v_tip hwaddr)
ping_ok $NS_NAT $TIP_ADDR || fail "nat cannot ping tinyip"
dmesg_mark

coproc EDGE { ip netns exec $NS_NAT timeout 1500 python3 "$SELFTESTS/tcp_edge.py" edge \
	--iface v_nat --src $PEER_ADDR --src-mac $PEER_MAC --dst $TIP_ADDR \
	--dst-mac "$tip_mac" --native $NAT_ADDR --tip-ns $NS_TIP --nat-ns $NS_NAT \
	--tinyip "$TINYIP" --count $FLOOD 2>&1; }
EDGE_IN=${EDGE[1]}
read -t 600 -r line <&"${EDGE[0]}" || fail "tcp_edge.py did not start"
expect_eq "tcp_edge.py start" "$line" ready

if ! tip -j stats > /dev/null 2>&1; then
	echo "no 'tinyip stats': counters are not checked"
fi

# run_case CASE: tcp_edge.py runs CASE; its "# " lines are shown, its
# last line says ok or fail. Failures are collected, so one run shows
# every case.
FAILED=()
run_case()
{
	local line
	echo "$1" >&"$EDGE_IN"
	while read -t 180 -r line <&"${EDGE[0]}"; do
		case $line in
		"# "*) echo "$1: ${line#\# }" ;;
		ok*) echo "$1: $line"; return 0 ;;
		fail*) echo "$1: FAILED: ${line#fail }"; FAILED+=("$1"); return 0 ;;
		*) echo "$1: $line" ;;
		esac
	done
	fail "tcp_edge.py gave no verdict on $1 within 180 s"
}

for c in "${CASES[@]}"; do
	run_case "$c"
	# tinyip must stay up whatever a case did to it.
	ping_ok $NS_NAT $TIP_ADDR || fail "tinyip stopped answering pings after $c"
done

echo quit >&"$EDGE_IN"
wait "$EDGE_PID"
if tip -j stats > /dev/null 2>&1; then
	echo "tinyip stats: $(tip -j stats | jq -c '.')"
fi
dmesg_clean "TCP edge cases"
[ ${#FAILED[@]} = 0 ] || fail "cases failed: ${FAILED[*]}"
exit 0
