#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# IPv6 host basics against the native stack and Debian's tools: the
# link-local address and its DAD (RFC 4862), native ping -6 both to it and
# to a manual global address (RFC 4443 echo), Neighbor Discovery answers
# that ndisc6 accepts and neighbours learnt from solicitations (RFC 4861),
# a duplicate planted by the native host failing DAD, SLAAC from radvd
# with a stable address and a default router (RFC 4862, RFC 7217), and
# MLDv2 reports for the solicited-node groups, decoded by tshark (RFC 3810).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ndisc6 radvd tshark

NAT6=2001:db8::1
TIP6=2001:db8::2
DUP6=2001:db8::99
PFX=2001:db8:1:

# addr6 FILTER: tinyip's IPv6 addresses on v_tip, as JSON lines.
addr6()
{
	tip -j addr show dev v_tip | jq -c ".[] | select(.family == \"inet6\") | $1"
}

# usable ADDR: on v_tip and no longer tentative.
usable()
{
	[ "$(addr6 "select(.local == \"$1\") | .flags | index(\"tentative\") == null")" = true ]
}

topo_setup
dmesg_mark
in_nat ip -6 addr add $NAT6/64 dev v_nat nodad
nat_mac=$(in_nat cat /sys/class/net/v_nat/address)
tip_mac=$(tip_link v_tip hwaddr)

# The link-local address comes up with the link, tentative until DAD.
wait_until 10 eval '[ -n "$(addr6 "select(.scope == \"link\") | .local")" ]' ||
	fail "no link-local address on v_tip: $(tip addr show dev v_tip)"
ll=$(addr6 'select(.scope == "link") | .local' | tr -d '"')
expect_match "link-local address" "$ll" "^fe80::"
wait_until 10 usable "$ll" || fail "link-local $ll still tentative: $(tip addr show dev v_tip)"
# The native side's own link-local too: while it is tentative, Linux
# sends to a link-local destination from its global address, which
# tinyip (with no route to it yet) cannot answer.
wait_until 10 eval '[ -n "$(in_nat ip -6 addr show dev v_nat scope link -tentative)" ]' ||
	fail "native link-local on v_nat still tentative: $(in_nat ip -6 addr show dev v_nat)"
out=$(in_nat ping -6 -n -c 3 -i 0.2 -W 2 "$ll%v_nat" 2>&1) || fail "ping -6 $ll: $out"
expect_match "ping -6 link-local" "$out" "3 packets transmitted, 3 received"

# A manual global address: DAD probes it (an NS from :: with a nonce,
# RFC 4862 5.4.2, RFC 7527), then native pings it.
cap_start $NS_NAT v_nat icmp6
tip addr add $TIP6/64 dev v_tip || fail "tinyip addr add $TIP6/64"
wait_until 10 usable $TIP6 || fail "$TIP6 still tentative"
cap_stop
dad=$(tshark -r "$CAP_FILE" -Y "icmpv6.type == 135 && ipv6.src == ::" -T fields \
	-e ipv6.dst -e icmpv6.nd.ns.target_address -e icmpv6.opt.nonce 2> /dev/null)
printf '%s\n' "$dad" | grep -Eq "^ff02::1:ff00:2	$TIP6	[0-9a-f:]+$" ||
	fail "no DAD probe for $TIP6 with a nonce: $dad"
out=$(in_nat ping -6 -n -c 3 -i 0.2 -W 2 $TIP6 2>&1) || fail "ping -6 $TIP6: $out"
expect_match "ping -6 $TIP6" "$out" "3 packets transmitted, 3 received"
printf '%s\n' "$out" | grep -Eq 'wrong data|DUP!' && fail "corrupt or duplicate replies: $out"

# ndisc6 solicits tinyip's address and gets tinyip's MAC back.
out=$(in_nat ndisc6 -n -1 -r 3 $TIP6 v_nat 2>&1) || fail "ndisc6 $TIP6: $out"
printf '%s\n' "$out" | grep -qi "Target link-layer address: *$tip_mac" ||
	fail "ndisc6 did not see tinyip's MAC $tip_mac: $out"
# tinyip learnt the native host from its solicitations.
n=$(tip -j neigh show dev v_tip | jq -r ".[] | select(.dst == \"$NAT6\") | .lladdr")
expect_eq "neighbour $NAT6" "$n" "$nat_mac"
# An address no one has stays silent.
out=$(in_nat ping -6 -n -c 2 -i 0.2 -W 1 2001:db8::3 2>&1) && fail "ping 2001:db8::3 answered: $out"

# DAD: the native host holds $DUP6 already; tinyip's copy fails, and
# "tinyip monitor" reports it as an event.
in_nat ip -6 addr add $DUP6/64 dev v_nat nodad
mon=$(mktemp /tmp/ip6mon.XXXXXX)
ip netns exec $NS_TIP "$TINYIP" -j monitor addr > "$mon" 2>&1 &
mon_pid=$!
wait_joined $mon_pid
tip addr add $DUP6/64 dev v_tip || fail "tinyip addr add $DUP6/64"
wait_until 10 eval '[ "$(addr6 "select(.local == \"$DUP6\") | .flags | index(\"dadfailed\") != null")" = true ]' ||
	fail "DAD did not fail for $DUP6: $(tip addr show dev v_tip)"
usable $DUP6 && fail "$DUP6 usable after DAD failed"
dmesg | grep -q "duplicate address $DUP6" || fail "no DAD failure in the kernel log"
# event COND: some event in $mon satisfies the jq condition COND.
event() { jq -s -e "any(.[]; .local == \"$DUP6\" and ($1))" "$mon" > /dev/null 2>&1; }
wait_until 10 event '.flags | index("dadfailed") != null' ||
	fail "no dadfailed event for $DUP6: $(cat "$mon")"
kill $mon_pid
wait $mon_pid 2> /dev/null
# The event stream also saw the address arrive, tentative.
event '(.flags | index("tentative") != null) and (.flags | index("dadfailed") == null)' ||
	fail "no event for $DUP6 being added: $(cat "$mon")"

# MLDv2: a new address's solicited-node group is reported, as a change
# to EXCLUDE {} (RFC 3810 6.1), with a router alert and hop limit 1.
cap_start $NS_NAT v_nat ip6
tip addr add 2001:db8::3:4/64 dev v_tip || fail "tinyip addr add 2001:db8::3:4/64"
wait_until 10 usable 2001:db8::3:4 || fail "2001:db8::3:4 still tentative"
sleep 3
cap_stop
mld=$(tshark -r "$CAP_FILE" -Y "icmpv6.type == 143 && eth.src == $tip_mac" -T fields \
	-e ipv6.hlim -e ipv6.opt.type -e icmpv6.mldr.mar.record_type \
	-e icmpv6.mldr.mar.multicast_address 2> /dev/null)
# Router Alert is option type 5, CHANGE_TO_EXCLUDE record type 4; the
# report goes out Robustness Variable (2) times.
n=$(printf '%s\n' "$mld" | grep -Ec "^1	0x05(,0x[0-9a-f]+)*	4	ff02::1:ff03:4$")
[ "$n" -ge 2 ] || fail "want 2 MLDv2 reports for ff02::1:ff03:4, got: $mld"

# SLAAC from radvd in the native namespace (RFC 4862 5.5.3).
in_nat sysctl -qw net.ipv6.conf.all.forwarding=1
in_nat ip -6 addr add ${PFX}:1/64 dev v_nat nodad
conf=$(mktemp /tmp/radvd.XXXXXX)
cat > "$conf" << EOF
interface v_nat {
	AdvSendAdvert on;
	MinRtrAdvInterval 3;
	MaxRtrAdvInterval 4;
	AdvDefaultLifetime 600;
	prefix ${PFX}:/64 {
		AdvOnLink on;
		AdvAutonomous on;
		AdvValidLifetime 3600;
		AdvPreferredLifetime 1800;
	};
};
EOF
in_nat radvd -n -C "$conf" -p "$conf.pid" -m stderr > "$conf.log" 2>&1 &
wait_until 20 eval '[ -n "$(addr6 "select(.local | startswith(\"$PFX\")) | .local")" ]' ||
	fail "no SLAAC address from radvd: $(tip addr show dev v_tip); $(cat "$conf.log")"
slaac=$(addr6 "select(.local | startswith(\"$PFX\")) | .local" | tr -d '"')
expect_eq "SLAAC flags" "$(addr6 "select(.local == \"$slaac\") | .flags | index(\"autoconf\") != null")" true
vl=$(addr6 "select(.local == \"$slaac\") | .valid_life_time")
[ "$vl" -gt 3000 ] && [ "$vl" -le 3600 ] || fail "SLAAC valid lifetime $vl"
# RFC 7217: not the EUI-64 of tinyip's MAC.
python3 -c '
import ipaddress, sys
iid = ipaddress.IPv6Address(sys.argv[1]).packed[8:]
mac = bytes.fromhex(sys.argv[2].replace(":", ""))
sys.exit(iid == bytes([mac[0] ^ 2]) + mac[1:3] + b"\xff\xfe" + mac[3:])
' "$slaac" "$tip_mac" || fail "SLAAC address $slaac uses the EUI-64 IID"
wait_until 10 usable "$slaac" || fail "$slaac still tentative"
out=$(in_nat ping -6 -n -c 2 -i 0.2 -W 2 "$slaac" 2>&1) || fail "ping -6 $slaac: $out"
# The router is the default route, through its link-local address.
nat_ll=$(in_nat ip -6 -j addr show dev v_nat | jq -r '.[0].addr_info[] | select(.scope == "link") | .local')
rt=$(tip -j route show | jq -c ".[] | select(.dst == \"default\" or .dst == \"::/0\")")
printf '%s\n' "$rt" | grep -q "$nat_ll" || fail "no default route via $nat_ll: $(tip route show)"
kill "$(cat "$conf.pid")" 2> /dev/null

dmesg_clean "IPv6 host"
exit 0
