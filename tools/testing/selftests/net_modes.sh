#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Attach modes. Shared: tinyip has its own MAC on the device and the
# native stack keeps serving its own address there. Exclusive: tinyip
# takes every frame through the rx_handler, so the native address goes
# silent, and a device whose rx_handler is taken (a bridge port) is
# refused. Bad attach/detach requests get clear errors; the loopback
# link, MTU changes and down/up show in "tinyip link show".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping

NATIVE_ADDR=192.0.2.3

topo_setup shared
dev_mac=$(in_tip cat /sys/class/net/v_tip/address)

# The loopback link is always there.
expect_eq "loopback link mode" \
	"$(tip -j link show | jq -r '.[] | select(.ifname == "lo") | .mode')" loopback
expect_match "link show lists lo" "$(tip link show)" "^lo: mode loopback"

# Shared: two stacks, two MACs, one device.
expect_eq "link mode" "$(tip_link v_tip mode)" shared
tip_mac=$(tip_link v_tip hwaddr)
expect_match "tinyip's MAC" "$tip_mac" '^([0-9a-f]{2}:){5}[0-9a-f]{2}$'
[ "$tip_mac" != "$dev_mac" ] || fail "shared mode uses the device's own MAC $dev_mac"
expect_match "link show (text)" "$(tip link show dev v_tip)" \
	"^v_tip: mode shared mtu 1500 state UP hwaddr $tip_mac"
in_tip ip addr add $NATIVE_ADDR/24 dev v_tip || fail "native address on v_tip"
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip ($TIP_ADDR) does not answer in shared mode"
ping_ok $NS_NAT $NATIVE_ADDR || fail "native stack ($NATIVE_ADDR) does not answer in shared mode"
expect_eq "nat's ARP entry for tinyip" \
	"$(ip -n $NS_NAT -j neigh show $TIP_ADDR | jq -r '.[0].lladdr')" "$tip_mac"
expect_eq "nat's ARP entry for the native address" \
	"$(ip -n $NS_NAT -j neigh show $NATIVE_ADDR | jq -r '.[0].lladdr')" "$dev_mac"

# MTU changes follow the device (NETDEV_CHANGEMTU).
in_tip ip link set v_tip mtu 1400 || fail "ip link set mtu 1400"
wait_eq 10 1400 tip_link v_tip mtu ||
	fail "MTU in tinyip link show: $(tip_link v_tip mtu), want 1400"
expect_match "link show (text) after the MTU change" "$(tip link show dev v_tip)" " mtu 1400 "
in_tip ip link set v_tip mtu 1500

# Down and up again: the state follows and traffic resumes.
in_tip ip link set v_tip down
wait_eq 10 false tip_link v_tip up || fail "link still up after ip link set down"
expect_match "link show (text) when down" "$(tip link show dev v_tip)" " state DOWN "
in_nat ping -n -c 1 -W 1 $TIP_ADDR > /dev/null 2>&1 && fail "tinyip answered on a down link"
in_tip ip link set v_tip up
wait_eq 10 true tip_link v_tip up || fail "link not up after ip link set up"
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip does not answer after down/up"
expect_eq "address kept over down/up" \
	"$(tip -j addr show dev v_tip | jq -r '.[0].local')" $TIP_ADDR

# Bad requests: each one refused with a clear message, nothing changed.
expect_error "attach twice" "^Error: .*(already|attached|busy|exist)" \
	tip link attach dev v_tip
expect_error "attach of an unknown device" "nosuch0|no such|not found|unknown|cannot find" \
	tip link attach dev nosuch0
expect_error "attach of lo" "^Error: .*(loopback|lo)" tip link attach dev lo
in_tip ip link add v_spare type veth peer name v_spare2 || fail "veth v_spare"
expect_error "detach of a device not attached" "^Error: .*(not attached|no such link|not found|attached)" \
	tip link detach dev v_spare
expect_error "detach of the loopback link" "^Error: " tip link detach dev lo
expect_eq "links after the refusals" "$(tip -j link show | jq -r '[.[].ifname] | sort | join(",")')" \
	"lo,v_tip"

# Exclusive: tinyip owns the device and uses its MAC; the native address
# on it no longer answers.
tip link detach dev v_tip || fail "detach v_tip"
expect_eq "links after detach" "$(tip -j link show | jq -r '[.[].ifname] | join(",")')" lo
tip link attach dev v_tip mode exclusive || fail "attach v_tip exclusive"
tip addr add $TIP_ADDR/24 dev v_tip || fail "addr add after re-attach"
expect_eq "link mode" "$(tip_link v_tip mode)" exclusive
expect_eq "exclusive hwaddr is the device's" "$(tip_link v_tip hwaddr)" "$dev_mac"
expect_match "link show (text)" "$(tip link show dev v_tip)" "^v_tip: mode exclusive .*hwaddr $dev_mac"
ip -n $NS_NAT neigh flush dev v_nat
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip does not answer in exclusive mode"
expect_eq "nat's ARP entry for tinyip (exclusive)" \
	"$(ip -n $NS_NAT -j neigh show $TIP_ADDR | jq -r '.[0].lladdr')" "$dev_mac"
out=$(in_nat ping -n -c 2 -i 0.3 -W 1 $NATIVE_ADDR 2>&1) &&
	fail "the native address answered on an exclusive link: $out"

# Down/up in exclusive mode too.
in_tip ip link set v_tip down
wait_eq 10 false tip_link v_tip up || fail "exclusive link still up after down"
in_tip ip link set v_tip up
wait_eq 10 true tip_link v_tip up || fail "exclusive link not up after up"
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip does not answer after down/up (exclusive)"

# Detaching gives the device back to the native stack.
tip link detach dev v_tip || fail "detach exclusive v_tip"
ip -n $NS_NAT neigh flush dev v_nat
ping_ok $NS_NAT $NATIVE_ADDR || fail "native stack does not answer after the exclusive detach"

# A bridge port already has an rx_handler: exclusive is refused, by name.
if in_tip ip link add br0 type bridge 2> /dev/null; then
	in_tip ip link set v_spare master br0 || fail "enslave v_spare"
	expect_error "exclusive attach of a bridge port" "^Error: .*rx.handler" \
		tip link attach dev v_spare mode exclusive
	expect_eq "links after the bridge refusal" \
		"$(tip -j link show | jq -r '[.[].ifname] | join(",")')" lo
else
	echo "no bridge support in this kernel; bridge port case not run"
fi
exit 0
