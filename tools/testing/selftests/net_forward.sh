#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tinyip as a router (RFC 1812) between two native namespaces: echoes
# cross it, traceroute sees it as hop 1 (ICMP time exceeded from its
# address), forwarding off stops traffic, DF packets over the next hop's
# MTU get "fragmentation needed" with that MTU (RFC 1191) while others are
# fragmented, and a large UDP datagram arrives intact.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping traceroute tcpdump socat sha256sum

topo_setup
topo_far

# The native stack of ns tip must not be the one forwarding.
expect_eq "native forwarding in ns tip" "$(in_tip sysctl -n net.ipv4.ip_forward)" 0

tx0=$(link_stat v_tip2 tx_packets)
ping_ok $NS_NAT $FAR_ADDR || fail "nat cannot ping far through tinyip"
out=$(in_nat ping -n -c 3 -i 0.2 -W 2 $FAR_ADDR) || fail "ping far: $out"
expect_match "echo replies from far" "$out" "bytes from $FAR_ADDR: icmp_seq=3"
tx1=$(link_stat v_tip2 tx_packets)
[ "$tx1" -ge $((tx0 + 4)) ] || fail "tinyip v_tip2 tx_packets $tx0 -> $tx1: echoes not forwarded by tinyip"
ping_ok $NS_FAR $NAT_ADDR || fail "far cannot ping nat through tinyip"

# traceroute, UDP and ICMP probes: hop 1 is tinyip, hop 2 is far.
# Probes go one at a time (-N 1) so tinyip's ICMP rate limit cannot hide
# one; a lost probe ("*") gets the whole trace retried.
ttl0=$(drop_total ttl)
for mode in udp icmp; do
	opt=
	[ $mode = icmp ] && opt=-I
	for try in 1 2 3; do
		out=$(in_nat timeout 60 traceroute -n $opt -q 1 -N 1 -w 3 -m 4 $FAR_ADDR 2>&1)
		hop1=$(awk '$1 == 1 { print $2 }' <<< "$out")
		hop2=$(awk '$1 == 2 { print $2 }' <<< "$out")
		[ "$hop1" = $TIP_ADDR ] && [ "$hop2" = $FAR_ADDR ] && break
	done
	expect_eq "traceroute ($mode) hop 1" "$hop1" $TIP_ADDR
	expect_eq "traceroute ($mode) hop 2" "$hop2" $FAR_ADDR
done
ttl1=$(drop_total ttl)
[ "$ttl1" -ge $((ttl0 + 2)) ] || fail "ttl drops $ttl0 -> $ttl1 after two traces"

# Forwarding off: tinyip is a host again and silently drops transit
# traffic (RFC 1122 3.3.4.1), counted as no-route.
tip config set forwarding off > /dev/null || fail "config set forwarding off"
expect_eq "config show forwarding" "$(tip -j config show | jq -r .forwarding)" false
nr0=$(drop_total no-route)
out=$(in_nat ping -n -c 2 -i 0.3 -W 1 $FAR_ADDR 2>&1) && fail "ping crossed tinyip with forwarding off: $out"
nr1=$(drop_total no-route)
[ "$nr1" -ge $((nr0 + 2)) ] || fail "no-route drops $nr0 -> $nr1 with forwarding off"
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip itself stopped answering with forwarding off"
tip config set forwarding on > /dev/null || fail "config set forwarding on"
expect_eq "config show forwarding" "$(tip -j config show | jq -r .forwarding)" true
ping_ok $NS_NAT $FAR_ADDR || fail "forwarding did not come back"

# A smaller MTU on the far link (tinyip follows NETDEV_CHANGEMTU); far's
# end too, or veth would drop far's full-sized replies.
in_tip ip link set v_tip2 mtu 1280 || fail "ip link set v_tip2 mtu 1280"
in_far ip link set v_far mtu 1280 || fail "ip link set v_far mtu 1280"
wait_eq 10 1280 tip_link v_tip2 mtu ||
	fail "tinyip did not follow the MTU change: $(tip_link v_tip2 mtu)"

# Without DF tinyip fragments: what reaches far fits in 1280 bytes.
cap_start $NS_FAR v_far icmp
out=$(in_nat ping -n -c 1 -W 3 -M dont -s 3000 $FAR_ADDR 2>&1) ||
	{ out2=$(in_nat ping -n -c 1 -W 3 -M dont -s 3000 $FAR_ADDR 2>&1) ||
		fail "a 3000-byte echo did not cross tinyip: $out / $out2"; }
sleep 0.5
cap_stop
lens=$(cap_dump | grep "$NAT_ADDR > $FAR_ADDR" -B1 |
	sed -n 's/.*proto ICMP (1), length \([0-9]*\)).*/\1/p')
[ -n "$lens" ] || fail "captured no echo fragments on v_far: $(cap_dump | head -20)"
nfrag=0
for l in $lens; do
	[ "$l" -le 1280 ] || fail "a $l-byte packet left tinyip on a 1280-byte MTU link"
	nfrag=$((nfrag + 1))
done
[ $nfrag -ge 3 ] || fail "3028 bytes reached far in $nfrag packets"

# With DF: fragmentation needed, from tinyip's address, with the MTU.
tb0=$(drop_total too-big)
out=$(in_nat ping -n -c 2 -i 0.3 -W 2 -M "do" -s 1400 $FAR_ADDR 2>&1) &&
	fail "a 1428-byte DF echo crossed a 1280-byte link: $out"
expect_match "ICMP frag needed from tinyip" "$out" \
	"From $TIP_ADDR .*Frag needed and DF set \(mtu = 1280\)"
tb1=$(drop_total too-big)
[ "$tb1" -gt "$tb0" ] || fail "too-big drops did not move ($tb0 -> $tb1)"
# The native stack of nat learnt the path MTU from it.
out=$(in_nat ping -n -c 1 -W 2 -M "do" -s 1400 $FAR_ADDR 2>&1)
expect_match "path MTU learnt by nat" "$out" "(mtu = 1280|Message too long|mtu=1280)"

# A 30000-byte UDP datagram: fragmented by nat, re-fragmented by tinyip,
# reassembled by far, byte for byte.
head -c 30000 /dev/urandom > /tmp/e2-udp.in
in_far timeout 30 socat -u -b 65536 UDP4-RECVFROM:5000 CREATE:/tmp/e2-udp.out &
rpid=$!
wait_until 30 sh -c "ip netns exec $NS_FAR ss -Hunl | grep -q ':5000 '" ||
	fail "socat receiver did not start"
in_nat socat -u -b 65536 OPEN:/tmp/e2-udp.in UDP4-SENDTO:$FAR_ADDR:5000 ||
	fail "socat sender"
wait $rpid || fail "no UDP datagram reached far (socat status $?)"
expect_eq "sha256 of the UDP payload" "$(sha256sum < /tmp/e2-udp.out)" \
	"$(sha256sum < /tmp/e2-udp.in)"
rm -f /tmp/e2-udp.in /tmp/e2-udp.out
exit 0
