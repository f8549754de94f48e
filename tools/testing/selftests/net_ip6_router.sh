#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tinyip as an IPv6 router between two native namespaces: far
# autoconfigures from tinyip's router advertisements (RFC 4861 6.2, RFC
# 4862) and rdisc6 reads them; traffic crosses tinyip, traceroute6 sees
# the hop (hop limit exceeded, RFC 4443 3.3); a packet over the next
# link's MTU gets Packet Too Big (RFC 8201); stopping the RAs makes far
# drop tinyip as its default router (RFC 4861 6.2.5).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd rdisc6 traceroute

NAT6=2001:db8::1
TIP6=2001:db8::2
TIP6B=2001:db8:2::1
PFX=2001:db8:2:

topo_setup
topo_far
dmesg_mark
in_nat ip -6 addr add $NAT6/64 dev v_nat nodad
in_nat ip -6 route add ${PFX}:/64 via $TIP6
tip addr add $TIP6/64 dev v_tip nodad || fail "tinyip addr add $TIP6/64"
tip addr add $TIP6B/64 dev v_tip2 nodad || fail "tinyip addr add $TIP6B/64"
tip config set forwarding6 on > /dev/null || fail "tinyip config set forwarding6 on"
tip ra set dev v_tip2 on interval 4 lifetime 600 || fail "tinyip ra set dev v_tip2 on"
expect_match "ra show" "$(tip ra show)" "^v_tip2 interval 4s lifetime 600s"

# far autoconfigures from tinyip's RA: an address in the prefix and a
# default route through tinyip's link-local address.
far_addr()
{
	in_far ip -6 -j addr show dev v_far scope global |
		jq -r ".[0].addr_info[]? | select((.local // \"\") | startswith(\"$PFX\")) | .local"
}
wait_until 30 eval '[ -n "$(far_addr)" ]' ||
	fail "far did not autoconfigure from tinyip: $(in_far ip -6 addr show dev v_far)"
far6=$(far_addr)
tip_ll=$(tip -j addr show dev v_tip2 |
	jq -r '.[] | select(.family == "inet6" and .scope == "link") | .local')
wait_until 10 eval 'in_far ip -6 route show default | grep -q "via $tip_ll dev v_far"' ||
	fail "far has no default route via $tip_ll: $(in_far ip -6 route show)"

# rdisc6 solicits and reads tinyip's answer.
out=$(in_far rdisc6 -1 -r 3 -w 2000 v_far 2>&1) || fail "rdisc6: $out"
expect_match "rdisc6 prefix" "$out" "Prefix *: *${PFX}:/64"
expect_match "rdisc6 lifetime" "$out" "Router lifetime *: *600 "
expect_match "rdisc6 MTU" "$out" "MTU *: *1500 bytes"
expect_match "rdisc6 from" "$out" "from $tip_ll"

# Across tinyip, both ways.
out=$(in_far ping -6 -n -c 3 -i 0.2 -W 2 $NAT6 2>&1) || fail "far ping -6 $NAT6: $out"
expect_match "far to nat" "$out" "3 packets transmitted, 3 received"
out=$(in_nat ping -6 -n -c 2 -i 0.2 -W 2 "$far6" 2>&1) || fail "nat ping -6 $far6: $out"

# traceroute6 shows tinyip as the first hop, then nat.
out=$(in_far traceroute -6 -n -q 1 -w 2 -m 4 $NAT6 2>&1) || fail "traceroute -6: $out"
expect_match "traceroute hop 1" "$(printf '%s\n' "$out" | sed -n 2p)" "^ *1 +$TIP6B "
expect_match "traceroute hop 2" "$(printf '%s\n' "$out" | sed -n 3p)" "^ *2 +$NAT6 "

# Packet Too Big with the next link's MTU; tinyip never fragments.
in_tip ip link set v_tip mtu 1280
out=$(in_far ping -6 -n -c 1 -W 2 -s 1400 -M do $NAT6 2>&1)
expect_match "packet too big" "$out" "From $TIP6B.*[Pp]acket too big: mtu=1280"
in_tip ip link set v_tip mtu 1500

# Stopping: a final RA with lifetime 0 takes tinyip off far's routers.
tip ra set dev v_tip2 off || fail "tinyip ra set dev v_tip2 off"
[ -z "$(tip ra show)" ] || fail "ra show after off: $(tip ra show)"
wait_until 10 eval '! in_far ip -6 route show default | grep -q "via $tip_ll"' ||
	fail "far still routes via tinyip: $(in_far ip -6 route show default)"

dmesg_clean "IPv6 router"
exit 0
