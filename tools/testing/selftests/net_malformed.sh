#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed frames from a native namespace (malformed.py, scapy) against
# tinyip's receive path: each class is dropped under its own reason in
# "tinyip -s link show", tinyip keeps answering pings, reassembly memory
# stays bounded under a fragment flood, and the kernel log stays clean.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping python3
python3 -c 'import scapy' 2> /dev/null || skip "python3-scapy is not installed (make deps)"

COUNT=5
[ "$FULL" = 1 ] && COUNT=200

# rxd REASON: tinyip's receive drops of REASON on v_tip.
rxd()
{
	local v
	v=$(tip -j -s link show dev v_tip | jq -r ".[0].rx_drops[\"$1\"] // \"missing\"")
	[[ $v =~ ^[0-9]+$ ]] || fail "rx_drops.$1 of v_tip: '$v'"
	echo "$v"
}

# gen CLASS: has malformed.py send CLASS; its answer lands in GEN_OUT.
gen()
{
	echo "$1" >&"${GEN[1]}"
	read -t 600 -r GEN_OUT <&"${GEN[0]}" || fail "malformed.py did not finish class $1"
}

# drops CLASS REASON MIN: CLASS makes rx_drops.REASON grow by MIN or more
# (a miss is reported at the end, so one run shows every class), and
# tinyip still answers a ping afterwards (or the test stops there).
MISSED=()
drops()
{
	local cls=$1 reason=$2 want=$3 before
	before=$(rxd "$reason")
	gen "$cls"
	expect_match "malformed.py $cls" "$GEN_OUT" "^sent [0-9]+"
	if wait_until 10 eval '[ $(rxd "$reason") -ge $((before + want)) ]'; then
		echo "$cls: rx_drops.$reason +$(($(rxd "$reason") - before))"
	else
		echo "$cls: rx_drops.$reason $before -> $(rxd "$reason"), want +$want" \
			"(all drops: $(tip -j -s link show dev v_tip | jq -c '.[0].rx_drops'))"
		MISSED+=("$cls")
	fi
	ping_ok $NS_NAT $TIP_ADDR || fail "tinyip stopped answering after $cls"
}

topo_setup
tip_mac=$(tip_link v_tip hwaddr)
ping_ok $NS_NAT $TIP_ADDR || fail "nat cannot ping tinyip"
dmesg_mark

coproc GEN { ip netns exec $NS_NAT python3 "$SELFTESTS/malformed.py" --iface v_nat \
	--dst-mac "$tip_mac" --src $NAT_ADDR --dst $TIP_ADDR --count $COUNT 2>&1; }
read -t 600 -r GEN_OUT <&"${GEN[0]}"
expect_eq "malformed.py start" "$GEN_OUT" ready

# The generator's well-formed frames are answered, so every drop below is
# down to the one field each class breaks.
gen good
expect_eq "echo built by malformed.py" "$GEN_OUT" reply
gen tiny-frag-ok
expect_eq "echo in 8-byte fragments (RFC 791 allows them)" "$GEN_OUT" reply

drops ihl-short hdr $COUNT
drops ihl-long hdr $COUNT
drops len-long hdr $COUNT
drops len-short hdr $COUNT
drops ver6 hdr $COUNT
drops opt-zero hdr $COUNT
drops opt-long hdr $COUNT
drops udp-len hdr $COUNT
drops ip-csum csum $COUNT
drops icmp-csum csum $COUNT
drops udp-csum csum $COUNT
drops martian martian $COUNT
drops vlan vlan $COUNT
drops teardrop frag $COUNT
drops tiny-overlap frag $COUNT
drops arp-bad arp-bad $((4 * COUNT))

# A flood of datagrams that never complete: reassembly memory is bounded
# (Linux's own bound is 4 MB) and tinyip answers throughout.
mem0=$(mem_used)
gen frag-flood
expect_match "malformed.py frag-flood" "$GEN_OUT" "^sent [0-9]+"
mem1=$(mem_used)
[ $((mem1 - mem0)) -le $((4 << 20)) ] ||
	fail "fragment flood: mem_used $mem0 -> $mem1, more than 4 MiB held"
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip stopped answering after the fragment flood"
# The high-water mark an administrator sizes a budget by saw the flood.
peak=$(tip -j config show | jq -r .mem_peak)
[[ $peak =~ ^[0-9]+$ ]] && [ "$peak" -ge "$mem1" ] ||
	fail "mem_peak '$peak' below the mem_used of the flood ($mem1)"
echo "frag-flood: mem_used $mem0 -> $mem1, mem_peak $peak"
if [ "$FULL" = 1 ]; then
	# The incomplete datagrams time out (RFC 791: 15 s or more) and
	# their memory comes back. A slow guest may time the flood's first
	# datagrams out while it still sends, so the count is checked on one
	# lone datagram sent once the flood is gone.
	wait_until 120 eval '[ $(mem_used) -le $((mem0 + 65536)) ]' ||
		fail "reassembly memory not released: mem_used $mem0 -> $(mem_used)"
	expect_eq "mem_peak once the flood's memory is back" \
		"$(tip -j config show | jq -r .mem_peak)" "$peak"
	frag0=$(rxd frag)
	gen frag-lone
	wait_until 120 eval '[ $(rxd frag) -gt $frag0 ]' ||
		fail "a timed-out reassembly was not counted as frag"
	wait_until 30 eval '[ $(mem_used) -le $((mem0 + 65536)) ]' ||
		fail "the lone datagram's memory was not released"
fi

# Random headers: no particular counter, but no crash and still answering.
gen fuzz
expect_match "malformed.py fuzz" "$GEN_OUT" "^sent [0-9]+"
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip stopped answering after random headers"

echo quit >&"${GEN[1]}"
wait "$GEN_PID"
dmesg_clean "malformed frames"
[ ${#MISSED[@]} = 0 ] || fail "drops not counted under their reason: ${MISSED[*]}"
exit 0
