#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv4 multicast between tinyip and the native stack, on the documentation
# group 233.252.0.1 (RFC 5771): tinyip receives after joining and sends to
# a native member (RFC 1112 mapping to 01:00:5e:7c:00:01, TTL 1), and its
# IGMPv3 reports (RFC 3376) announce the join and the leave.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
topo_setup
e1_tmp
GROUP=233.252.0.1

capture_start $NS_NAT v_nat "$T/cap" igmp or udp

# tinyip joins and receives from a native sender.
in_tip "$TIP_UDP" -g $GROUP -i $TIP_ADDR -t 15000 recv 5000 > "$T/tip_recv" &
rpid=$!
wait_file "$T/tip_recv" '^bound'
for _ in $(seq 50); do
	printf hello-tinyip | in_nat socat -u - \
		UDP4-DATAGRAM:$GROUP:5000,ip-multicast-if=$NAT_ADDR ||
		fail "native socat cannot send to $GROUP"
	grep -q hello-tinyip "$T/tip_recv" && break
	sleep 0.2
done
wait $rpid || fail "tinyip received nothing on $GROUP: $(cat "$T/tip_recv")"
expect_match "tinyip's datagram" "$(tail -n 1 "$T/tip_recv")" "^$NAT_ADDR:[0-9]+ 12 hello-tinyip$"

# The receiver has exited: tinyip leaves the group and says so.
capture_wait "$GROUP to_in" igmp and src $TIP_ADDR

# tinyip sends to a native member.
in_nat socat -u UDP4-RECV:5001,ip-add-membership=$GROUP:$NAT_ADDR - > "$T/nat_recv" &
for _ in $(seq 100); do
	in_nat ss -Hlun 'sport = :5001' | grep -q 5001 && break
	sleep 0.1
done
for _ in $(seq 50); do
	out=$(in_tip "$TIP_UDP" -i $TIP_ADDR sendto $GROUP 5001 hello-native) ||
		fail "tinyip cannot send to $GROUP: $out"
	grep -q hello-native "$T/nat_recv" && break
	sleep 0.2
done
grep -q hello-native "$T/nat_recv" || fail "the native member received nothing"
capture_stop

# On the wire: all that tinyip sent to the group or as IGMP.
sent=$(decode "$T/cap" "ip.src == $TIP_ADDR && (igmp || udp.dstport == 5001)" \
	frame.number eth.dst ip.dst ip.ttl ip.opt.type igmp.type igmp.record_type \
	igmp.maddr udp.dstport)
echo "tinyip's frames (number|MAC|dst|TTL|IP options|IGMP type|records|groups|port):"
echo "$sent"
# The datagram: group MAC (RFC 1112 6.4), TTL 1.
expect_eq "tinyip's multicast datagram (MAC, group, TTL)" \
	"$(awk -F'|' '$9 == 5001 { print $2, $3, $4; exit }' <<< "$sent")" \
	"01:00:5e:7c:00:01 $GROUP 1"
# IGMPv3 reports (type 0x22) to 224.0.0.22, TTL 1, Router Alert (148):
# first a CHANGE_TO_EXCLUDE (4) record for the group, then later a
# CHANGE_TO_INCLUDE (3) one.
report()
{
	awk -F'|' -v g=$GROUP -v rt="$1" '$6 == "0x22" {
		n = split($7, t, ","); split($8, m, ",")
		for (i = 1; i <= n; i++)
			if (t[i] == rt && m[i] == g) { print $1, $3, $4, $5; exit }
	}' <<< "$sent"
}
join=$(report 4)
leave=$(report 3)
[ -n "$join" ] || fail "no IGMPv3 report joining $GROUP"
[ -n "$leave" ] || fail "no IGMPv3 report leaving $GROUP"
read -r jframe jdst jttl jopt <<< "$join"
expect_eq "join report destination" "$jdst" 224.0.0.22
expect_eq "join report TTL" "$jttl" 1
expect_match "join report IP options" "$jopt" "(^|,)148(,|$)"
[ "$jframe" -lt "${leave%% *}" ] || fail "the leave report (${leave%% *}) came before the join ($jframe)"
exit 0
