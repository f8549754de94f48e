# SPDX-License-Identifier: GPL-2.0
# Test networks for the end-to-end tests (sourced after lib.sh). All of
# them live inside the guest, in network namespaces joined by veth, with
# documentation addresses only:
#
#   ns nat (native)        ns tip (tinyip)              ns far (native)
#   v_nat 192.0.2.1/24 --- v_tip 192.0.2.2/24
#                          v_tip2 198.51.100.1/24 --- v_far 198.51.100.2/24
#
# topo_setup builds the left pair, topo_far adds the right one (for
# forwarding). Everything is torn down at exit.

NS_NAT=nat
NS_TIP=tip
NS_FAR=far
NAT_ADDR=192.0.2.1
TIP_ADDR=192.0.2.2
TIP_ADDR2=198.51.100.1
FAR_ADDR=198.51.100.2

in_nat() { ip netns exec $NS_NAT "$@"; }
in_tip() { ip netns exec $NS_TIP "$@"; }
in_far() { ip netns exec $NS_FAR "$@"; }
# tip ARGS...: the tinyip command in the tinyip namespace.
tip() { ip netns exec $NS_TIP "$TINYIP" "$@"; }

topo_cleanup()
{
	local ns
	for ns in $NS_NAT $NS_TIP $NS_FAR; do
		ip netns pids $ns 2> /dev/null | xargs -r kill 2> /dev/null
		ip netns del $ns 2> /dev/null
	done
	if [ -d /sys/module/tinyip ]; then
		# Namespace teardown is asynchronous; give it a moment.
		for _ in $(seq 50); do
			modprobe -r tinyip 2> /dev/null && break
			sleep 0.1
		done
	fi
}

# topo_setup [shared|exclusive]: native ns nat and tinyip ns tip, linked.
topo_setup()
{
	local mode=${1:-shared}

	trap topo_cleanup EXIT
	load
	ip netns add $NS_NAT || fail "ip netns add $NS_NAT"
	ip netns add $NS_TIP || fail "ip netns add $NS_TIP"
	ip link add v_nat netns $NS_NAT type veth peer name v_tip netns $NS_TIP ||
		fail "veth v_nat/v_tip"
	in_nat ip link set lo up
	in_nat ip addr add $NAT_ADDR/24 dev v_nat
	in_nat ip link set v_nat up
	in_tip ip link set lo up
	in_tip ip link set v_tip up
	tip link attach dev v_tip mode "$mode" || fail "tinyip link attach v_tip ($mode)"
	tip addr add $TIP_ADDR/24 dev v_tip || fail "tinyip addr add $TIP_ADDR/24"
}

# topo_far: the second link, tinyip forwarding between nat and far.
topo_far()
{
	ip netns add $NS_FAR || fail "ip netns add $NS_FAR"
	ip link add v_far netns $NS_FAR type veth peer name v_tip2 netns $NS_TIP ||
		fail "veth v_far/v_tip2"
	in_far ip link set lo up
	in_far ip addr add $FAR_ADDR/24 dev v_far
	in_far ip link set v_far up
	in_far ip route add default via $TIP_ADDR2
	in_nat ip route add default via $TIP_ADDR
	in_tip ip link set v_tip2 up
	tip link attach dev v_tip2 mode "${1:-shared}" || fail "tinyip link attach v_tip2"
	tip addr add $TIP_ADDR2/24 dev v_tip2 || fail "tinyip addr add $TIP_ADDR2/24"
	tip config set forwarding on || fail "tinyip config set forwarding on"
}

# link_drop DEV REASON: a receive drop counter of a tinyip link.
link_drop()
{
	tip -j -s link show dev "$1" | jq -r ".[0].rx_drops[\"$2\"]"
}

# link_stat DEV NAME: rx_packets, tx_bytes, ... of a tinyip link.
link_stat()
{
	tip -j -s link show dev "$1" | jq -r ".[0].stats.$2"
}
