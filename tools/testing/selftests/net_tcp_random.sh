#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What an off-path attacker could guess of tinyip's TCP connections,
# judged on captures by tcp_random.py:
#   - initial sequence numbers (RFC 6528) of tinyip's SYNs (active opens)
#     and SYN-ACKs (passive opens): distinct, spread over the 32-bit
#     space, not a counter. The native stack's SYNs go through the same
#     judge as a control: a known-good RFC 6528 source must pass it.
#   - ephemeral ports (RFC 6056) of successive connections to one native
#     listener: no repeats, no fixed step.
#
#   ns nat (native)   v_nat 192.0.2.1 --- v_tip 192.0.2.2   ns tip (tinyip)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd python3 tcpdump socat

N=120
PY=$SELFTESTS/tcp_random.py
T=$(mktemp -d)

topo_setup
dmesg_mark

# serve NS FAMILY ADDR PORT: tcp_random.py's listener, once it listens.
serve()
{
	ip netns exec "$1" python3 "$PY" serve "$2" "$3" "$4" > "$T/serve-$4.log" 2>&1 &
	wait_file "$T/serve-$4.log" '^listening' 60
}

# syns PCAP SRC FLAGS: tcpdump's lines of PCAP's SYNs (FLAGS S) or
# SYN-ACKs (FLAGS S.) sent from SRC, absolute sequence numbers.
syns()
{
	local bpf="src host $2 and tcp[tcpflags] & tcp-syn != 0"
	if [ "$3" = S ]; then
		bpf+=" and tcp[tcpflags] & tcp-ack == 0"
	else
		bpf+=" and tcp[tcpflags] & tcp-ack != 0"
	fi
	tcpdump -n -S -r "$1" "$bpf" 2> /dev/null
}

# judge KIND WHAT: tcp_random.py's verdict on stdin's lines.
judge()
{
	local out
	out=$(python3 "$PY" "$1" "$2")
	echo "$out" | grep '^#'
	[ "$(echo "$out" | tail -n 1)" = ok ] || fail "$(echo "$out" | grep -v '^#')"
}

capture_start $NS_NAT v_nat "$T/syn.pcap" 'tcp[tcpflags] & tcp-syn != 0'
serve $NS_NAT inet $NAT_ADDR 7100
serve $NS_TIP tinyip $TIP_ADDR 7101
in_tip python3 "$PY" dial tinyip $NAT_ADDR 7100 $N > /dev/null ||
	fail "tinyip could not make $N connections to the native listener"
in_nat python3 "$PY" dial inet $TIP_ADDR 7101 $N > /dev/null ||
	fail "the native stack could not make $N connections to tinyip"
capture_stop

syns "$T/syn.pcap" $TIP_ADDR S > "$T/tip-syn"
syns "$T/syn.pcap" $TIP_ADDR S. > "$T/tip-synack"
syns "$T/syn.pcap" $NAT_ADDR S > "$T/nat-syn"
judge isn "tinyip's SYNs" < "$T/tip-syn"
judge isn "tinyip's SYN-ACKs" < "$T/tip-synack"
judge isn "the native stack's SYNs (control)" < "$T/nat-syn"
judge ports "tinyip's ephemeral ports" < "$T/tip-syn"
dmesg_clean "ISNs and ports"
echo "ok: ISNs and ephemeral ports"
