#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# ARP (RFC 826) against the native stack: tinyip resolves its peer and
# shows it REACHABLE with the right MAC, the peer learns tinyip's MAC,
# a new address is announced with a gratuitous ARP (RFC 5227 2.3), an
# address nobody holds is asked for a bounded number of times, then the
# entry fails and the datagrams waiting on it are dropped as "neigh".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping tcpdump
[ -x "$SELFTESTS/tip_sender" ] || fail "tip_sender not built (make tools)"

SILENT=192.0.2.99
NEW_ADDR=192.0.2.20

# neigh_field ADDR FIELD: a field of tinyip's entry for ADDR ("" if none).
neigh_field()
{
	tip -j neigh show dev v_tip | jq -r ".[] | select(.dst == \"$1\") | .$2"
}

topo_setup
nat_mac=$(in_nat cat /sys/class/net/v_nat/address)
tip_mac=$(tip_link v_tip hwaddr)

# tinyip resolves nat for a datagram of its own.
out=$(in_tip "$SELFTESTS/tip_sender" -n 1 $NAT_ADDR 9) || fail "tinyip UDP send to nat: $out"
wait_eq 10 REACHABLE neigh_field $NAT_ADDR state ||
	fail "entry of $NAT_ADDR: '$(tip neigh show dev v_tip)', want REACHABLE"
expect_eq "lladdr of $NAT_ADDR" "$(neigh_field $NAT_ADDR lladdr)" "$nat_mac"
expect_match "neigh show (text)" "$(tip neigh show dev v_tip)" \
	"^$NAT_ADDR dev v_tip lladdr $nat_mac REACHABLE"

# The native side learnt tinyip's MAC (from the request, or from a ping).
ping_ok $NS_NAT $TIP_ADDR || fail "nat cannot ping tinyip"
expect_eq "nat's ARP entry for tinyip" \
	"$(ip -n $NS_NAT -j neigh show $TIP_ADDR | jq -r '.[0].lladdr')" "$tip_mac"

# Flush empties the cache. A native ARP probe for tinyip (its entry going
# from DELAY to PROBE) would teach tinyip nat's address again right after
# the flush (RFC 826 merges a request's sender), so nat's entry is pinned.
ip -n $NS_NAT neigh replace $TIP_ADDR lladdr "$tip_mac" dev v_nat nud permanent ||
	fail "pinning nat's entry for tinyip"
tip neigh flush dev v_tip || fail "neigh flush"
expect_eq "entries after flush" "$(tip -j neigh show dev v_tip | jq length)" 0

# A gratuitous ARP announces a new address: sender IP == target IP, from
# tinyip's MAC.
cap_start $NS_NAT v_nat arp
tip addr add $NEW_ADDR/24 dev v_tip || fail "addr add $NEW_ADDR"
grat()
{
	cap_dump | grep -E "^.* $tip_mac > .*ARP.*(Request who-has $NEW_ADDR tell $NEW_ADDR|Reply $NEW_ADDR is-at)" |
		grep -q .
}
wait_until 10 grat || { cap_stop; fail "no gratuitous ARP for $NEW_ADDR: $(cap_dump)"; }
cap_stop
ping_ok $NS_NAT $NEW_ADDR || fail "nat cannot ping the new address"

# A silent address: a bounded number of requests, then FAILED (or gone),
# and the queued datagrams are dropped and counted.
neigh0=$(drop_total neigh)
cap_start $NS_NAT v_nat arp and host $SILENT
out=$(in_tip "$SELFTESTS/tip_sender" -n 3 -i 1000 $SILENT 9) || fail "tinyip UDP send to $SILENT: $out"
resolved()
{
	local st
	st=$(neigh_field $SILENT state)
	[ -z "$st" ] || [ "$st" = FAILED ]
}
has_entry()
{
	[ -n "$(neigh_field "$1" state)" ]
}
wait_until 5 has_entry $SILENT ||
	echo "no entry seen for $SILENT while resolving (already failed?)"
wait_until 30 resolved || fail "entry of $SILENT stays '$(neigh_field $SILENT state)'"
sleep 3
cap_stop
nreq=$(cap_dump | grep -c "Request who-has $SILENT tell $TIP_ADDR")
echo "$nreq ARP requests for $SILENT"
[ "$nreq" -ge 1 ] && [ "$nreq" -le 6 ] || fail "$nreq ARP requests for $SILENT, want 1 to 6 (e.g. 3)"
neigh1=$(drop_total neigh)
[ "$neigh1" -ge $((neigh0 + 3)) ] ||
	fail "neigh drops $neigh0 -> $neigh1 after 3 datagrams to a silent address"

# nat is still reachable after all that.
out=$(in_tip "$SELFTESTS/tip_sender" -n 1 $NAT_ADDR 9) || fail "tinyip UDP send to nat: $out"
wait_eq 10 REACHABLE neigh_field $NAT_ADDR state ||
	fail "entry of $NAT_ADDR after the silent one: '$(tip neigh show dev v_tip)'"

# REACHABLE ages to STALE after the reachable time (RFC 4861 7.3.3; Linux
# draws it from 15 to 45 s): only in the full run.
if [ "$FULL" = 1 ]; then
	wait_eq 120 STALE neigh_field $NAT_ADDR state ||
		fail "entry of $NAT_ADDR did not age to STALE: '$(tip neigh show dev v_tip)'"
fi
exit 0
