#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The packet barrage: hostile frames through tinyip's real receive path,
# from a native namespace over veth. barrage.py (built on the host by
# `make tools`) holds scapy's fuzz() over every layer tinyip parses and
# the known attack shapes of net_malformed and net_malformed6; barrage
# replays it, each pass mutated with true checksums, until FRAMES went
# out. Then tinyip must still answer ping over IPv4 and IPv6, carry 1 MB
# of TCP byte for byte, have given back all the memory of queues and
# fragments (reassembly drains on its timers), have learnt only bounded
# state (path MTUs, routers, addresses), and the kernel log must be
# clean. make check sends 200000 frames (10000, the attack shapes and
# the first fuzzed ones, on the debug kernel, where each costs ms);
# check-full sends 1000000 (200000 on debug).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat sha256sum jq

BARRAGE=$SELFTESTS/barrage
CORPUS=$SELFTESTS/barrage.pcap
[ -x "$BARRAGE" ] && [ -s "$CORPUS" ] ||
	skip "barrage or its corpus is not built (make tools)"
FRAMES=200000
[ "${TINYIP_KERNEL:-}" = debug ] && FRAMES=10000
if [ "$FULL" = 1 ]; then
	# Under KASAN a frame costs milliseconds under TCG: a million would
	# take the debug guest over an hour.
	FRAMES=1000000
	[ "${TINYIP_KERNEL:-}" = debug ] && FRAMES=200000
fi
# A different mutation sequence on each kernel.
case ${TINYIP_KERNEL:-} in
debian-6.1) SEED=2 ;;
debug) SEED=3 ;;
*) SEED=1 ;;
esac

topo_setup
tip addr add 2001:db8::2/64 dev v_tip nodad > /dev/null || fail "tinyip IPv6 address"
in_nat ip addr add 2001:db8::1/64 dev v_nat nodad
ping_ok $NS_NAT $TIP_ADDR || fail "no ping before the barrage"
ping_ok $NS_NAT 2001:db8::2 -6 || fail "no IPv6 ping before the barrage"
tip_mac=$(tip_link v_tip hwaddr)
# mem_transient: memory of queues, fragments and connections: all but
# neighbours and learnt state ("other").
mem_transient()
{
	tip -j stats show mem |
		jq -r '.memory | .used - .neigh.used - .other.used'
}
tbase=$(mem_transient)
obase=$(tip -j stats show mem | jq -r .memory.other.used)
rx0=$(link_stat v_tip rx_packets)
dmesg_mark

start=$SECONDS
# A sender whose frames tinyip holds without orphaning them stalls on
# its socket's send buffer (as this test found): bounded, not a hang.
out=$(in_nat timeout $((600 * TCP_SLOW)) "$BARRAGE" -i v_nat -m "$tip_mac" \
	-n $FRAMES -s $SEED "$CORPUS") || fail "barrage (status $?): $out"
echo "# $out in $((SECONDS - start)) s"
rx=$(($(link_stat v_tip rx_packets) - rx0))
echo "# tinyip received $rx frames; receive drops by reason: $(tip -j -s link show dev v_tip | jq -c '.[0].rx_drops')"
# Frames the veth queue dropped never reached tinyip; nearly all must.
[ $rx -ge $((FRAMES * 9 / 10)) ] ||
	fail "tinyip received $rx of the $FRAMES frames: the barrage missed it"

ping_ok $NS_NAT $TIP_ADDR || fail "tinyip no longer answers ping"
ping_ok $NS_NAT 2001:db8::2 -6 || fail "tinyip no longer answers IPv6 ping"
still_carries_tcp "the barrage"
# Fragments wait out their reassembly timers (60 s for IPv6); queues
# and connections drain.
mem_back() { [ "$(mem_transient)" -le "$tbase" ]; }
wait_until 90 mem_back ||
	fail "queues, fragments and connections hold $(mem_transient) B, $tbase B before the barrage: $(tip -j stats show mem | jq -c .memory)"
# What valid-looking frames may teach and tinyip keeps for their
# lifetimes (path MTUs, routers, addresses from RAs, groups) is bounded:
# a flood of them must not grow it without end.
other=$(tip -j stats show mem | jq -r .memory.other.used)
echo "# learnt state: $((other - obase)) B more than before the barrage"
[ $((other - obase)) -le $((64 * 1024)) ] ||
	fail "learnt state grew by $((other - obase)) B: $(tip addr show; tip route show)"
dmesg_clean "the packet barrage"
echo "ok: $FRAMES frames, tinyip took $rx, still serving, memory back"
