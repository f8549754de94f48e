#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6 fragmentation between tinyip and the native stack (RFC 8200 4.5):
# native ping -6 -s 4000 is fragmented by Linux, reassembled by tinyip,
# and answered in fragments tinyip makes (8-byte units within the MTU,
# one ID per packet) that Linux reassembles; the same over a link at the
# IPv6 minimum MTU, 1280; a fragment with M set and a length that is not
# a multiple of 8 earns a Parameter Problem pointing at the Payload
# Length; a Packet Too Big from a native router teaches tinyip the path
# MTU to a host behind it (RFC 8201), after which its replies fit. In
# full mode, fragments that never complete are dropped after
# 60 s, counted as frag drops, and only the datagram whose first
# fragment had arrived earns an ICMPv6 Time Exceeded, code 1.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping python3 tshark

NAT6=2001:db8::1
TIP6=2001:db8::2
# Fragments as they are on the wire, not reassembled by tshark.
DECODE_OPTS=(-o ipv6.defragment:FALSE)

# usable ADDR: tinyip's ADDR is on v_tip and no longer tentative.
usable()
{
	[ "$(tip -j addr show dev v_tip | jq -c ".[] | select(.local == \"$1\") |
		.flags | index(\"tentative\") == null")" = true ]
}

# snmp6 NS NAME: a counter of /proc/net/snmp6 in namespace NS.
snmp6()
{
	ip netns exec "$1" awk -v f="$2" '$1 == f { print $2 }' /proc/net/snmp6
}

# rxd REASON: tinyip's receive drops of REASON on v_tip.
rxd()
{
	local v
	v=$(link_drop v_tip "$1")
	[[ $v =~ ^[0-9]+$ ]] || fail "rx_drops.$1 of v_tip: '$v'"
	echo "$v"
}

# cap_has N BPF: the capture holds N or more packets matching BPF.
cap_has()
{
	[ "$(tcpdump -r "$CAP_FILE" -nn "$2" 2> /dev/null | wc -l)" -ge "$1" ]
}

# cap_until N BPF: stops the capture once it holds N packets matching
# BPF (tcpdump takes packets from the kernel in blocks, so the last
# ones may still be on their way when the command that sent them ends).
cap_until()
{
	wait_until 10 cap_has "$1" "$2" ||
		fail "capture: fewer than $1 packets matching '$2': $(cap_dump | tail -n 5)"
	cap_stop
}

# send_frag ID OFFSET MORE LEN: one fragment from the native side, built
# by hand and sent on v_nat: an ICMPv6 echo request's first LEN bytes
# when OFFSET is 0, else LEN bytes of filler; MORE is the M flag.
send_frag()
{
	in_nat python3 -c '
import socket, struct, sys
iface, smac, dmac, src, dst = sys.argv[1:6]
ident, off, more, n = (int(a, 0) for a in sys.argv[6:10])
data = bytes(i & 0xff for i in range(n))
if off == 0:
    data = struct.pack("!BBHHH", 128, 0, 0, 0x6f6f, 1) + data[8:]
frag = struct.pack("!BBHI", 58, 0, off | more, ident)
ip6 = struct.pack("!IHBB", 6 << 28, len(frag) + len(data), 44, 64)
ip6 += socket.inet_pton(socket.AF_INET6, src)
ip6 += socket.inet_pton(socket.AF_INET6, dst)
eth = bytes.fromhex(dmac.replace(":", "")) + \
    bytes.fromhex(smac.replace(":", "")) + b"\x86\xdd"
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind((iface, 0))
s.send(eth + ip6 + frag + data)
' v_nat "$nat_mac" "$tip_mac" $NAT6 $TIP6 "$@" || fail "send_frag $*"
}

# check_frags WHAT MTU N: the capture holds N echo replies from tinyip,
# each in fragments that fit MTU, all but the last a multiple of 8 bytes
# long, with one ID per reply (the Fragment headers, undecoded).
check_frags()
{
	local what=$1 mtu=$2 n=$3 lines bad ids
	lines=$(decode "$CAP_FILE" "ipv6.src == $TIP6 && ipv6.fraghdr" \
		frame.len ipv6.plen ipv6.fraghdr.more ipv6.fraghdr.ident ipv6.fraghdr.nxt)
	[ -n "$lines" ] || fail "$what: no fragment from tinyip: $(cap_dump | tail -n 5)"
	bad=$(printf '%s\n' "$lines" | awk -F'|' -v mtu="$mtu" \
		'$1 - 14 > mtu || ($3 == 1 && ($2 - 8) % 8) || $5 != 58')
	[ -z "$bad" ] || fail "$what: bad fragments (len|plen|more|id|nxt): $bad"
	ids=$(printf '%s\n' "$lines" | cut -d'|' -f4 | sort -u | wc -l)
	expect_eq "$what: fragment IDs" "$ids" "$n"
	expect_eq "$what: last fragments" \
		"$(printf '%s\n' "$lines" | awk -F'|' '$3 == 0' | wc -l)" "$n"
	echo "$what: $(printf '%s\n' "$lines" | wc -l) fragments from tinyip, $ids IDs" \
		"($(printf '%s\n' "$lines" | cut -d'|' -f4 | sort -u | paste -sd' '))"
}

topo_setup
dmesg_mark
in_nat ip -6 addr add $NAT6/64 dev v_nat nodad
tip addr add $TIP6/64 dev v_tip || fail "tinyip addr add $TIP6/64"
wait_until 10 usable $TIP6 || fail "$TIP6 still tentative: $(tip addr show dev v_tip)"
nat_mac=$(in_nat cat /sys/class/net/v_nat/address)
tip_mac=$(tip_link v_tip hwaddr)
ping_ok $NS_NAT $TIP6 -6 || fail "native cannot ping $TIP6"

# 4000 bytes each way over 1500-byte links: Linux fragments the
# requests, tinyip reassembles them, and its replies come in fragments.
reasm=$(snmp6 $NS_NAT Ip6ReasmOKs)
creates=$(snmp6 $NS_NAT Ip6FragCreates)
cap_start $NS_NAT v_nat ip6
out=$(in_nat ping -6 -n -c 3 -i 0.2 -s 4000 -W 3 $TIP6 2>&1) || fail "ping -6 -s 4000: $out"
cap_until 9 "src host $TIP6 and ip6[6] == 44"
expect_match "ping -6 -s 4000" "$out" "3 packets transmitted, 3 received"
expect_match "ping -6 -s 4000" "$out" "4008 bytes from $TIP6"
printf '%s\n' "$out" | grep -Eq 'wrong data|DUP!' && fail "corrupt or duplicate replies: $out"
[ "$(snmp6 $NS_NAT Ip6FragCreates)" -gt "$creates" ] ||
	fail "native sent no fragments (Ip6FragCreates $creates)"
[ "$(snmp6 $NS_NAT Ip6ReasmOKs)" -ge $((reasm + 3)) ] ||
	fail "native reassembled $(($(snmp6 $NS_NAT Ip6ReasmOKs) - reasm)) replies, want 3"
check_frags "4000 bytes" 1500 3

# The minimum MTU on both ends of the link (RFC 8200 5): 1400 bytes
# of echo data need two fragments each way.
in_nat ip link set v_nat mtu 1280 || fail "native mtu 1280"
in_tip ip link set v_tip mtu 1280 || fail "tinyip's link mtu 1280"
reasm=$(snmp6 $NS_NAT Ip6ReasmOKs)
cap_start $NS_NAT v_nat ip6
out=$(in_nat ping -6 -n -c 2 -i 0.2 -s 1400 -W 3 $TIP6 2>&1) || fail "ping -6 -s 1400: $out"
cap_until 4 "src host $TIP6 and ip6[6] == 44"
expect_match "ping -6 -s 1400 at MTU 1280" "$out" "2 packets transmitted, 2 received"
printf '%s\n' "$out" | grep -Eq 'wrong data|DUP!' && fail "corrupt or duplicate replies: $out"
[ "$(snmp6 $NS_NAT Ip6ReasmOKs)" -ge $((reasm + 2)) ] ||
	fail "native reassembled $(($(snmp6 $NS_NAT Ip6ReasmOKs) - reasm)) replies, want 2"
check_frags "1400 bytes at MTU 1280" 1280 2
in_nat ip link set v_nat mtu 1500
in_tip ip link set v_tip mtu 1500

# Path MTU (RFC 8201): a native host behind a native router, whose far
# link has the minimum MTU. tinyip's first 1448-byte reply leaves whole
# (its own link takes 1500) and the router answers with a Packet Too Big;
# the next ones are fragmented to 1280 and arrive.
ip netns add $NS_FAR || fail "ip netns add $NS_FAR"
ip link add v_nat2 netns $NS_NAT mtu 1280 type veth peer name v_far netns $NS_FAR mtu 1280 ||
	fail "veth v_nat2/v_far"
in_nat sysctl -qw net.ipv6.conf.all.forwarding=1
in_nat ip -6 addr add 2001:db8:2::1/64 dev v_nat2 nodad
in_nat ip link set v_nat2 up
in_far ip link set lo up
in_far ip -6 addr add 2001:db8:2::2/64 dev v_far nodad
in_far ip link set v_far up
in_far ip -6 route add default via 2001:db8:2::1
tip route add 2001:db8:2::/64 via $NAT6 dev v_tip || fail "tinyip route to 2001:db8:2::/64"
ptb=$(snmp6 $NS_NAT Icmp6OutPktTooBigs)
cap_start $NS_NAT v_nat ip6
out=$(in_far ping -6 -n -c 4 -i 0.5 -s 1400 -W 2 $TIP6 2>&1)
cap_until 2 "src host $TIP6 and ip6[6] == 44"
[ "$(snmp6 $NS_NAT Icmp6OutPktTooBigs)" -gt "$ptb" ] ||
	fail "the native router sent no Packet Too Big: $out"
# The first reply may be the one the router refused; the rest arrive.
[[ $out =~ ([0-9]+)\ received ]] && [ "${BASH_REMATCH[1]}" -ge 3 ] ||
	fail "ping -6 -s 1400 across a 1280 path: $out"
printf '%s\n' "$out" | grep -Eq 'wrong data|DUP!' && fail "corrupt or duplicate replies: $out"
bad=$(decode "$CAP_FILE" "ipv6.src == $TIP6 && ipv6.fraghdr" frame.len |
	awk '$1 - 14 > 1280')
[ -z "$bad" ] || fail "fragments past the path MTU of 1280: $bad"
echo "path MTU: Packet Too Big from the router, then replies in fragments of 1280 ($(
	printf '%s\n' "$out" | grep -o '[0-9]* received'))"
ip netns del $NS_FAR

# M set and 30 bytes: Parameter Problem, code 0, pointer 4 (RFC 8200
# 4.5), and a frag drop.
frag0=$(rxd frag)
cap_start $NS_NAT v_nat icmp6
send_frag 0x5eed0001 0 1 30
wait_until 10 eval '[ "$(rxd frag)" -gt "$frag0" ]' || fail "odd-length fragment not counted as frag"
cap_until 1 "src host $TIP6 and icmp6 and ip6[40] == 4"
# The first code is the error's; the second, the quoted echo's.
perr=$(decode "$CAP_FILE" "icmpv6.type == 4 && ipv6.src == $TIP6" icmpv6.code icmpv6.pointer |
	sed 's/,[^|]*//')
expect_eq "Parameter Problem for an odd-length fragment" "$perr" "0|4"

if [ "$FULL" = 1 ]; then
	# Two datagrams that never complete: one with its first fragment,
	# one without. Both are given up 60 s after they arrived (RFC 8200
	# 4.5), as timed by the capture, however slowly the test polls.
	frag0=$(rxd frag)
	texc=$(snmp6 $NS_NAT Icmp6InTimeExcds)
	cap_start $NS_NAT v_nat ip6
	send_frag 0x5eed0002 0 1 64
	send_frag 0x5eed0003 64 1 64
	wait_until 150 eval '[ "$(rxd frag)" -ge $((frag0 + 2)) ]' ||
		fail "incomplete datagrams not dropped: rx_drops.frag $frag0 -> $(rxd frag)"
	wait_until 10 eval '[ "$(snmp6 $NS_NAT Icmp6InTimeExcds)" -gt "$texc" ]' ||
		fail "native got no Time Exceeded (Icmp6InTimeExcds $texc)"
	cap_until 1 "src host $TIP6 and icmp6 and ip6[40] == 3"
	expect_eq "Time Exceeded received" "$(snmp6 $NS_NAT Icmp6InTimeExcds)" $((texc + 1))
	# Code 1, quoting the first fragment (ID 0x5eed0002).
	tex=$(decode "$CAP_FILE" "icmpv6.type == 3 && ipv6.src == $TIP6" \
		icmpv6.code ipv6.fraghdr.ident frame.time_epoch | sed 's/,[^|]*//')
	expect_eq "Time Exceeded" "${tex%|*}" "1|0x5eed0002"
	sent=$(decode "$CAP_FILE" "eth.src == $nat_mac && ipv6.fraghdr.ident == 0x5eed0002" \
		frame.time_epoch)
	[ -n "$sent" ] || fail "first fragment not in the capture: $(cap_dump | tail -n 5)"
	delay=$(awk -v a="$sent" -v b="${tex##*|}" 'BEGIN { printf "%.1f", b - a }')
	awk -v d="$delay" 'BEGIN { exit !(d >= 59.9 && d < 75) }' ||
		fail "Time Exceeded $delay s after the first fragment, want 60"
	echo "incomplete datagrams dropped, Time Exceeded after $delay s"
fi

ping_ok $NS_NAT $TIP6 -6 || fail "tinyip stopped answering"
dmesg_clean "IPv6 fragmentation"
exit 0
