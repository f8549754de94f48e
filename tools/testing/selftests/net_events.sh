#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# "tinyip -j monitor" hears what happens to links, addresses and routers,
# in order and with the right fields, and a monitor in another namespace
# hears none of it: a veth attached, its native peer's carrier lost and
# back, IPv4 and IPv6 addresses added and removed, an IPv6 address
# deprecated (RFC 4862 5.5.4), a duplicate the native peer already holds
# failing DAD (RFC 4862 5.4.5), radvd advertising a default router and
# withdrawing it on exit with lifetime 0 (RFC 4861 6.2.5, 6.3.4), the
# link detached by request and, attached again, deleted under tinyip.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd radvd jq

NS_OTHER=tip-evx
V4=192.0.2.2
V6=2001:db8::5
DUP6=2001:db8::99
PFX=2001:db8:1:

T=$(mktemp -d /tmp/tinyip-ev.XXXXXX) || fail "mktemp"
cleanup()
{
	[ -n "${mons:-}" ] && kill $mons 2> /dev/null
	[ -f "$T/radvd.pid" ] && kill "$(cat "$T/radvd.pid")" 2> /dev/null
	ip netns del $NS_OTHER 2> /dev/null
	topo_cleanup
}
trap cleanup EXIT

load
dmesg_mark
ip netns add $NS_NAT || fail "ip netns add $NS_NAT"
ip netns add $NS_TIP || fail "ip netns add $NS_TIP"
ip netns add $NS_OTHER || fail "ip netns add $NS_OTHER"
ip link add v_nat netns $NS_NAT type veth peer name v_tip netns $NS_TIP ||
	fail "veth v_nat/v_tip"
in_nat ip link set lo up
in_nat ip addr add $NAT_ADDR/24 dev v_nat
in_nat ip link set v_nat up
in_tip ip link set v_tip up

# Every group, in JSON, with times; text with -t; and another netns.
# (Not through tip(): a function in the background is a subshell, and
# wait_joined needs the pid of tinyip itself.)
"$TINYIP" -n $NS_TIP -j monitor -t all > "$T/mon.json" 2> "$T/mon.err" &
mons=$!
"$TINYIP" -n $NS_TIP monitor -t link > "$T/mon.txt" 2>&1 &
mons="$mons $!"
ip netns exec $NS_OTHER "$TINYIP" -j monitor > "$T/other.json" 2>&1 &
mons="$mons $!"
for p in $mons; do
	wait_joined "$p"
done
echo "# monitors joined after $SECONDS s"

# seen JQ: some event satisfies the jq condition JQ.
seen() { jq -s -e "any(.[]; $1)" "$T/mon.json" > /dev/null 2>&1; }
# first JQ: the line number of the first event satisfying JQ (0: none).
first()
{
	jq -s "[to_entries[] | select(.value | $1) | .key][0] // -1 | . + 1" \
		"$T/mon.json"
}
wait_seen() { wait_until "$1" seen "$2" || fail "no event $2: $(cat "$T/mon.json")"; }

tip link attach dev v_tip || fail "tinyip link attach v_tip"
wait_seen 10 '.event == "link-attached" and .ifname == "v_tip" and .up and .mode == "shared" and .mtu == 1500'
# The link comes before its link-local address.
[ "$(first '.event == "link-attached"')" = 1 ] ||
	fail "an event before link-attached: $(cat "$T/mon.json")"

# The native peer's carrier goes and comes back.
in_nat ip link set v_nat down
wait_seen 10 '.event == "link-down" and .ifname == "v_tip" and (.up | not)'
in_nat ip link set v_nat up
wait_seen 10 '.event == "link-up" and .ifname == "v_tip" and .up'

tip addr add $V4/24 dev v_tip || fail "tinyip addr add $V4/24"
wait_seen 10 ".event == \"addr-added\" and .family == \"inet\" and .local == \"$V4\" and .prefixlen == 24 and .broadcast == \"192.0.2.255\""
ping_ok $NS_NAT $V4 || fail "ping $V4"
tip addr del $V4/24 dev v_tip || fail "tinyip addr del $V4/24"
wait_seen 10 ".event == \"addr-deleted\" and .local == \"$V4\" and .deleted"

# An IPv6 address: tentative, then usable, deprecated after 2 s.
tip addr add $V6/64 dev v_tip valid_lft 120 preferred_lft 2 ||
	fail "tinyip addr add $V6/64"
wait_seen 10 ".event == \"addr-added\" and .local == \"$V6\" and (.flags | index(\"tentative\"))"
wait_seen 10 ".event == \"addr-added\" and .local == \"$V6\" and (.flags | index(\"tentative\") | not)"
wait_seen 15 ".event == \"addr-deprecated\" and .local == \"$V6\" and (.flags | index(\"deprecated\")) and .preferred_life_time == 0"
tip addr del $V6/64 dev v_tip || fail "tinyip addr del $V6/64"
wait_seen 10 ".event == \"addr-deleted\" and .local == \"$V6\""

# The native peer holds $DUP6 already: tinyip's DAD fails.
in_nat ip -6 addr add $DUP6/64 dev v_nat nodad
tip addr add $DUP6/64 dev v_tip || fail "tinyip addr add $DUP6/64"
wait_seen 15 ".event == \"dad-failed\" and .local == \"$DUP6\" and (.flags | index(\"dadfailed\"))"

echo "# addresses done after $SECONDS s"
# radvd in the native namespace: a default router, then none when it
# stops (it sends a last RA with router lifetime 0).
nat_ll=$(in_nat ip -6 -j addr show dev v_nat |
	jq -r '.[0].addr_info[] | select(.scope == "link") | .local')
[ -n "$nat_ll" ] || fail "v_nat has no link-local address"
in_nat sysctl -qw net.ipv6.conf.all.forwarding=1
cat > "$T/radvd.conf" << EOF
interface v_nat {
	AdvSendAdvert on;
	MinRtrAdvInterval 3;
	MaxRtrAdvInterval 4;
	AdvDefaultLifetime 600;
	prefix ${PFX}:/64 {
		AdvOnLink on;
		AdvAutonomous off;
	};
};
EOF
in_nat radvd -n -C "$T/radvd.conf" -p "$T/radvd.pid" -m stderr > "$T/radvd.log" 2>&1 &
wait_until 20 seen ".event == \"router-added\" and .router == \"$nat_ll\" and .ifname == \"v_tip\" and .lifetime == 600" ||
	fail "no router-added for $nat_ll: $(cat "$T/mon.json"); $(cat "$T/radvd.log")"
wait_until 10 test -s "$T/radvd.pid" || fail "radvd wrote no pid file"
# Later RAs refresh the router; they are not news.
sleep 4.5
kill "$(cat "$T/radvd.pid")"
wait_seen 10 ".event == \"router-deleted\" and .router == \"$nat_ll\" and .lifetime == 0"
n=$(jq -s '[.[] | select(.event == "router-added")] | length' "$T/mon.json")
expect_eq "router-added events for one router" "$n" 1

# Detached by request: its addresses go first, then the link.
tip link detach dev v_tip || fail "tinyip link detach v_tip"
wait_seen 10 '.event == "link-detached" and .ifname == "v_tip"'
[ "$(first ".event == \"addr-deleted\" and .local == \"$DUP6\"")" -lt \
  "$(first '.event == "link-detached"')" ] ||
	fail "link-detached before its addresses went: $(cat "$T/mon.json")"
# Attached again and deleted under tinyip: the notifier detaches it.
tip link attach dev v_tip || fail "tinyip link attach v_tip (again)"
in_tip ip link del v_tip
wait_until 10 eval '[ "$(jq -s "[.[] | select(.event == \"link-detached\")] | length" "$T/mon.json")" = 2 ]' ||
	fail "no link-detached when v_tip was deleted: $(cat "$T/mon.json")"

echo "# links done after $SECONDS s"
sleep 0.5
kill $mons
wait $mons 2> /dev/null
mons=
cat "$T/mon.json"

# The order of what happened, one kind each; link-local addresses come
# and go with the link and are left out. Deleting the device takes it
# down before it goes.
order=$(jq -r -s '[.[] | select((.local // "") | startswith("fe80") | not) | .event] |
	reduce .[] as $e ([]; if (length > 0 and .[-1] == $e) then . else . + [$e] end) |
	join(" ")' "$T/mon.json")
expect_match "event order" "$order" "^link-attached link-down link-up addr-added addr-deleted addr-added addr-deprecated addr-deleted addr-added dad-failed router-added router-deleted addr-deleted link-detached link-attached (link-down )?link-detached$"
# Every line is one JSON object with an event and a time.
n=$(jq -s '[.[] | select((.event | type) == "string" and (.time | test("^20[0-9-]+T[0-9:.]+Z$")))] | length' "$T/mon.json")
expect_eq "objects with event and time" "$n" "$(wc -l < "$T/mon.json")"
[ -s "$T/mon.err" ] && fail "monitor complained: $(cat "$T/mon.err")"
# The text monitor of "link" saw only link events, ip monitor style.
grep -Eq '^\[20[0-9-]+T[0-9:.]+Z\] link v_tip attached ifindex [0-9]+ mode shared mtu 1500 state UP lladdr ([0-9a-f]{2}:){5}[0-9a-f]{2}$' "$T/mon.txt" ||
	fail "no text attach line: $(cat "$T/mon.txt")"
grep -vq '^\[[^]]*\] link ' "$T/mon.txt" && fail "not only link lines: $(cat "$T/mon.txt")"
expect_eq "link lines" "$(wc -l < "$T/mon.txt")" "$(jq -s '[.[] | select(.event | startswith("link-"))] | length' "$T/mon.json")"
expect_eq "events leaked to another netns" "$(wc -c < "$T/other.json")" 0
expect_eq "events dropped" "$(tip -j stats | jq -r '.events_dropped')" 0

dmesg_clean "events"
exit 0
