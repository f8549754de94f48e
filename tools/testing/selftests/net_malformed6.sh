#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed IPv6 from a native namespace (malformed6.py, scapy) against
# tinyip's IPv6 receive path: each class is dropped under its own reason
# in "tinyip -s link show", exactly once per frame, with no echo reply to
# the echo request each frame carries; the classes RFC 8200 and RFC 4443
# answer get a Parameter Problem with the right code and pointer, which
# the native stack accepts; Neighbor Discovery that must be ignored
# changes no route, address or hop limit; reassembly memory stays bounded
# under a fragment flood; tinyip answers ping -6 after every class; the
# kernel log stays clean.
#
# The link is attached in exclusive mode so that the namespace's own
# stack never sees the frames: in shared mode it would answer the
# multicast ones too. The generator reads the counters and pings around
# each class itself: in a debug guest each process the shell spawned
# (ip netns exec, tinyip, jq) cost seconds, times some fifty classes.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping python3 jq nsenter
python3 -c 'import scapy' 2> /dev/null || skip "python3-scapy is not installed (make deps)"

NAT6=2001:db8::1
TIP6=2001:db8::2
COUNT=5
[ "$FULL" = 1 ] && COUNT=200
# Seconds malformed6.py listens for answers after each class.
WAIT=1
[ "${TINYIP_KERNEL:-}" = debug ] && WAIT=2

# rxd REASON...: the sum of tinyip's receive drops of the REASONs on v_tip.
rxd()
{
	local v
	v=$(tip -j -s link show dev v_tip | jq -r --arg r "$*" '.[0].rx_drops as $d |
		[($r | split(" "))[] | $d[.]] | if all(type == "number") then add else "missing" end')
	[[ $v =~ ^[0-9]+$ ]] || fail "rx_drops.{$*} of v_tip: '$v'"
	echo "$v"
}

# addr6 FILTER: tinyip's IPv6 addresses on v_tip, as JSON lines.
addr6()
{
	tip -j addr show dev v_tip | jq -c ".[] | select(.family == \"inet6\") | $1"
}

usable()
{
	[ "$(addr6 "select(.local == \"$1\") | .flags | index(\"tentative\") == null")" = true ]
}

# routes6 FILTER: tinyip's routes matching the jq FILTER, as JSON lines.
routes6()
{
	tip -j route show | jq -c ".[] | select($1)"
}

# hop_limit: the hop limit of tinyip's echo replies.
hop_limit()
{
	in_nat ping -6 -n -c 1 -W 2 $TIP6 2> /dev/null | sed -n 's/.* ttl=\([0-9]*\) .*/\1/p'
}

# gen CLASS: has malformed6.py send CLASS; its answer (see malformed6.py)
# lands in GEN_OUT and GEN_SENT, GEN_ECHO, GEN_PP, GEN_KINDS, GEN_NATPP,
# GEN_PING, GEN_DROPS, GEN_BAD. The helpers of the classes fork nothing:
# a process costs about a second in a busy guest.
GEN_RE="^sent [0-9]+ echo [0-9]+ pp [0-9]+ kinds [^ ]+ natpp -?[0-9]+"
GEN_RE+=" ping (ok|fail) drops [^ ]+( badsum [0-9]+)?$"
gen()
{
	echo "$1" >&"${GEN[1]}"
	read -t 600 -r GEN_OUT <&"${GEN[0]}" || fail "malformed6.py did not finish class $1"
	[[ $GEN_OUT =~ $GEN_RE ]] || fail "malformed6.py $1: '$GEN_OUT'"
	read -r _ GEN_SENT _ GEN_ECHO _ GEN_PP _ GEN_KINDS _ GEN_NATPP _ GEN_PING _ GEN_DROPS \
		_ GEN_BAD <<< "$GEN_OUT"
}

# grown REASON...: GROWN, how much the REASONs grew, by GEN_DROPS.
grown()
{
	local r
	GROWN=0
	for r; do
		[[ ,$GEN_DROPS, =~ ,$r=\+([0-9]+), ]] && GROWN=$((GROWN + BASH_REMATCH[1]))
	done
}

# others REASON...: OTHERS, the reasons that grew besides the REASONs and
# otherhost (the native host's own MLD reports and router solicitations).
others()
{
	local r
	OTHERS=
	for r in ${GEN_DROPS//,/ }; do
		[[ " $* otherhost - " == *" ${r%%=*} "* ]] || OTHERS+=" $r"
	done
}

# A miss is reported at the end, so that one run shows every class.
MISSED=()
# miss CLASS WHAT...
miss()
{
	echo "MISS $1: ${*:2}"
	MISSED+=("$1")
}

# drops CLASS REASONS WANT PP: every frame of CLASS is dropped under
# REASONS ("hdr", or "frag hdr" where either is right), their sum growing
# by exactly the frames sent (WANT "sent") or by WANT or more, and no
# other reason growing; no echo is answered; PP is "-" for no Parameter
# Problem from tinyip, else the exact set of "code/pointer/quoted
# destination" it must send (at least one: they are rate-limited), which
# the native stack must count; then tinyip still answers ping -6 (or the
# test stops there).
drops()
{
	local cls=$1 reasons=$2 want=$3 pp=$4 n t0=$SECONDS
	gen "$cls"
	n=$want
	[ "$want" = sent ] && n=$GEN_SENT
	grown $reasons
	# The count comes after the listening and the ping; should a slow
	# guest lag further, ask again for a while.
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		[ "$GROWN" -ge "$n" ] && break
		sleep 1
		echo recount >&"${GEN[1]}"
		read -t 60 -r GEN_DROPS <&"${GEN[0]}" || fail "malformed6.py did not recount"
		GEN_DROPS=${GEN_DROPS#drops }
		grown $reasons
	done
	if [ "$GROWN" -lt "$n" ] || { [ "$want" = sent ] && [ "$GROWN" != "$n" ]; }; then
		miss "$cls" "rx_drops.${reasons// /+} +$GROWN for $GEN_SENT frames, want" \
			"$([ "$want" = sent ] || echo "at least ")$n (drops grown: $GEN_DROPS)"
	fi
	others $reasons
	[ -z "$OTHERS" ] || miss "$cls" "counted under other reasons too:$OTHERS"
	[ "$GEN_ECHO" = 0 ] || miss "$cls" "$GEN_ECHO echo replies to malformed packets"
	[ -z "$GEN_BAD" ] || miss "$cls" "$GEN_BAD answers with a bad checksum"
	if [ "$pp" = - ]; then
		[ "$GEN_PP" = 0 ] || miss "$cls" "$GEN_PP Parameter Problems ($GEN_KINDS), want none"
	elif [ "$GEN_PP" = 0 ] || [ "$GEN_KINDS" != "$pp" ]; then
		miss "$cls" "$GEN_PP Parameter Problems ($GEN_KINDS), want $pp"
	elif [ "$GEN_NATPP" -lt 1 ]; then
		miss "$cls" "native Icmp6InParmProblems grew by $GEN_NATPP"
	fi
	[ "$GEN_PING" = ok ] || fail "tinyip stopped answering ping -6 after $cls"
	echo "$cls: sent $GEN_SENT, rx_drops.${reasons// /+} +$GROWN, echo $GEN_ECHO," \
		"Parameter Problems $GEN_PP ($GEN_KINDS) ($((SECONDS - t0)) s)"
}

# answered CLASS WHAT: the well-formed CLASS gets its echo reply.
answered()
{
	gen "$1"
	if [ "$GEN_ECHO" -ge 1 ] && [ -z "$GEN_BAD" ]; then
		echo "$1: answered"
	else
		miss "$1" "$2 not answered ($GEN_OUT)"
	fi
}

# ra_left_no_mark: what the bad RAs carry (a default route via their
# source, an on-link and autonomous 2001:db8:bad::/64, hop limit 7) is
# nowhere in tinyip.
ra_left_no_mark()
{
	local cls=$1 r a h
	r=$(routes6 '(.gateway // "") as $g | $g == "'$NAT6'" or $g == "fe80::bad" or
		$g == "::" or (.dst | startswith("2001:db8:bad:"))')
	[ -z "$r" ] || miss "$cls" "routes from rejected RAs: $r"
	a=$(addr6 'select(.local | startswith("2001:db8:bad:")) | .local')
	[ -z "$a" ] || miss "$cls" "address from a rejected RA: $a"
	h=$(hop_limit)
	[ "$h" = "$HOP0" ] || miss "$cls" "hop limit of replies $HOP0 -> $h"
}

topo_setup exclusive
in_nat ip -6 addr add $NAT6/64 dev v_nat nodad
tip addr add $TIP6/64 dev v_tip || fail "tinyip addr add $TIP6/64"
wait_until 10 usable $TIP6 || fail "$TIP6 still tentative: $(tip addr show dev v_tip)"
wait_until 10 eval '[ -n "$(addr6 "select(.scope == \"link\") | .local")" ]' ||
	fail "no link-local address on v_tip"
tip_ll=$(addr6 'select(.scope == "link") | .local' | tr -d '"')
wait_until 10 usable "$tip_ll" || fail "link-local $tip_ll still tentative"
tip_mac=$(tip_link v_tip hwaddr)
ping_ok $NS_NAT $TIP6 || fail "nat cannot ping -6 tinyip"
HOP0=$(hop_limit)
[ -n "$HOP0" ] || fail "no hop limit in ping -6's output"
dmesg_mark

# Every reason the test counts exists.
rxd hdr csum martian frag proto other otherhost > /dev/null

coproc GEN { ip netns exec $NS_NAT python3 "$SELFTESTS/malformed6.py" --iface v_nat \
	--dst-mac "$tip_mac" --src $NAT6 --dst $TIP6 --dst-ll "$tip_ll" \
	--count $COUNT --wait $WAIT --tip-netns $NS_TIP 2>&1; }
read -t 600 -r GEN_OUT <&"${GEN[0]}"
expect_eq "malformed6.py start" "$GEN_OUT" ready

# The generator's well-formed packets are answered, so every drop below
# is down to the one field each class breaks; the chain limits are
# inclusive (RFC 8504 5.3: 8 headers, 512 bytes).
gen good
[ "$GEN_ECHO" = 1 ] || fail "echo built by malformed6.py not answered: $GEN_OUT"
answered good-trailer "echo followed by link padding"
answered good-ext "echo behind HBH, 8 skippable options, routing type 0 with 0 segments left"
answered good-chain8 "echo behind 8 extension headers"
answered good-chain512 "echo behind 512 bytes of extension headers"

# The fixed header, addresses, checksum, sizes.
drops len-long hdr sent -
drops short hdr sent -
drops version hdr sent -
drops martian-mcast martian sent -
drops martian-mapped martian sent -
drops martian-other martian sent -
drops icmp6-csum csum sent -
drops icmp6-short hdr sent -

# Extension header chains (RFC 8200 4, RFC 8504 5.3).
drops hbh-not-first hdr sent 1/40/$TIP6
drops do9 hdr sent -
drops chain-loop hdr sent -
drops chain600 hdr sent -
drops chain-huge hdr sent -
drops chain-cut hdr sent -
drops opt-past hdr sent -
drops pad-long hdr sent -
drops opts-many hdr sent -
drops opt-discard hdr sent -
drops opt-perr hdr sent "2/42/$TIP6,2/42/ff02::1"
drops opt-perr-uc hdr sent 2/42/$TIP6
drops jumbo hdr sent 0/42/$TIP6
drops rh-segleft hdr sent 0/42/$TIP6
drops nh253 proto sent "1/40/$TIP6,1/6/$TIP6"
drops no-next other sent -
drops frag-nested hdr sent -

# Neighbor Discovery (RFC 4861 6.1, 7.1, 8.1) and MLD (RFC 3810 8.1).
drops nd-hoplimit hdr sent -
drops nd-short hdr sent -
drops nd-opt-zero hdr sent -
drops nd-opt-past hdr sent -
drops nd-rules hdr sent -
drops mld-bad hdr sent -

# Router advertisements from off the link, or through a router, leave
# no mark; the same builder's valid RA does (so the builder is right).
drops ra-offlink hdr sent -
ra_left_no_mark ra-offlink
drops ra-hop254 hdr sent -
ra_left_no_mark ra-hop254
gen ra-good
wait_until 10 eval '[ -n "$(routes6 ".dst == \"default\" and .gateway == \"fe80::beef\"")" ]' ||
	miss ra-good "no default route via fe80::beef from a valid RA: $(tip route show)"
gen ra-gone
wait_until 10 eval '[ -z "$(routes6 ".gateway == \"fe80::beef\"")" ]' ||
	miss ra-gone "default route via fe80::beef outlived router lifetime 0: $(tip route show)"

# Advertisements of tinyip's own addresses (RFC 4861 7.2.5, RFC 4862
# 5.4.4 once DAD is over): logged as a conflict, nothing else.
flags0=$(addr6 '[.local, .flags]' | sort)
gen na-own
[ "$GEN_PING" = ok ] || fail "tinyip stopped answering ping -6 after na-own"
others
[ -z "$OTHERS" ] || miss na-own "valid NAs dropped:$OTHERS"
dmesg | tail -n +$((DMESG_LINES + 1)) | grep -q "$TIP6 is advertised by another node" ||
	miss na-own "no conflict logged for $TIP6"
flags1=$(addr6 '[.local, .flags]' | sort)
[ "$flags1" = "$flags0" ] || miss na-own "addresses changed: $flags0 -> $flags1"
n=$(tip -j neigh show dev v_tip | jq -c ".[] | select(.dst == \"$TIP6\" or .dst == \"$tip_ll\")")
[ -z "$n" ] || miss na-own "neighbour entries for tinyip's own addresses: $n"
echo "na-own: sent $GEN_SENT, nothing changed"

# Fragments: the well-formed one is reassembled and answered, the others
# never are.
gen frag-ok
if [ "$GEN_ECHO" -ge 1 ]; then
	echo "frag-ok: reassembled and answered"
else
	miss frag-ok "an echo request in $GEN_SENT fragments got no answer: $GEN_OUT"
fi
drops frag-overlap frag $COUNT -
drops frag-tiny frag $COUNT -
# RFC 8200 4.5: a Parameter Problem pointing at the payload length (odd
# length with M set) or at the fragment offset (past 65535); the drop may
# be counted as hdr, as Linux does.
drops frag-odd "frag hdr" $COUNT 0/4/$TIP6
drops frag-wrap "frag hdr" $COUNT 0/42/$TIP6
# RFC 7112: decided on the first fragment, before any reassembly.
drops frag-chain-cut hdr sent 3/0/$TIP6

# A flood of datagrams that never complete: reassembly memory is bounded
# (4 MiB, Linux's own high threshold) and tinyip answers throughout.
mem0=$(mem_used)
gen frag-flood
mem1=$(mem_used)
[ $((mem1 - mem0)) -le $((4 << 20)) ] ||
	fail "fragment flood: mem_used $mem0 -> $mem1, more than 4 MiB held"
[ "$GEN_PING" = ok ] || fail "tinyip stopped answering ping -6 after the fragment flood"
echo "frag-flood: $GEN_SENT fragments, mem_used $mem0 -> $mem1"
if [ "$FULL" = 1 ]; then
	# RFC 8200 4.5: incomplete datagrams go after 60 s, memory comes back.
	wait_until 120 eval '[ $(mem_used) -le $((mem0 + 65536)) ]' ||
		fail "reassembly memory not released: mem_used $mem0 -> $(mem_used)"
fi

# Random headers: no particular counter, but no crash, tinyip's address
# intact, still answering.
gen fuzz
echo "fuzz: sent $GEN_SENT, echo $GEN_ECHO, Parameter Problems $GEN_PP, drops $GEN_DROPS"
[ "$GEN_PING" = ok ] || fail "tinyip stopped answering ping -6 after random headers"
usable $TIP6 || fail "$TIP6 no longer usable after random headers: $(tip addr show dev v_tip)"

# Last, as it may cut tinyip off: a valid RA invalidating the prefix of
# tinyip's manual address must leave its connected route alone (RFC 4862
# 5.5.3 e, RFC 4861 6.3.4 act on prefixes RAs taught).
gen ra-pio-manual
r=$(routes6 '.dst == "2001:db8::/64"')
[ -n "$r" ] || miss ra-pio-manual "RA prefix with valid lifetime 0 removed the connected" \
	"route of $TIP6/64: $(tip route show | tr '\n' ';')"
[ "$GEN_PING" = ok ] || miss ra-pio-manual "no answer to ping -6 after it"

echo quit >&"${GEN[1]}"
wait "$GEN_PID"
dmesg_clean "malformed IPv6"
[ ${#MISSED[@]} = 0 ] ||
	fail "classes not handled as expected: $(printf '%s\n' "${MISSED[@]}" | sort -u | tr '\n' ' ')"
exit 0
