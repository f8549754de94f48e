#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Tearing tinyip's links down while traffic flows both ways (a native
# ping flood into tinyip, a tinyip UDP sender out of it): deleting the
# device, detaching it, deleting the namespace, unloading the module.
# A socket bound to the vanished link gets an error on its next send
# instead of hanging; the memory budget comes back to its baseline; the
# module refuses to unload while a socket is open and unloads cleanly
# afterwards. On the debug kernel the runner adds kmemleak and KASAN.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping
[ -x "$SELFTESTS/tip_sender" ] || fail "tip_sender not built (make tools)"

SENDER_OUT=/tmp/e2-sender.out

# traffic: a native ping flood into tinyip and a tinyip UDP sender bound
# to v_tip, both running when this returns.
traffic()
{
	ping_ok $NS_NAT $TIP_ADDR || fail "nat cannot ping tinyip"
	# Not through in_nat/in_tip: a backgrounded function is a subshell,
	# and killing it would leave the program running.
	ip netns exec $NS_NAT ping -f -q -w 60 $TIP_ADDR > /dev/null 2>&1 &
	FLOOD_PID=$!
	ip netns exec $NS_TIP "$SELFTESTS/tip_sender" -d v_tip -n 0 -i 500 -s 512 -t 60 \
		$NAT_ADDR 9 > $SENDER_OUT 2>&1 &
	SENDER_PID=$!
	wait_until 20 grep -q started $SENDER_OUT ||
		fail "tinyip sender did not start: $(cat $SENDER_OUT)"
	sleep 1
}

# sender_error: the sender ends within 10 s with a link-gone error.
sender_error()
{
	local i
	for i in $(seq 100); do
		kill -0 "$SENDER_PID" 2> /dev/null || break
		sleep 0.1
	done
	kill -0 "$SENDER_PID" 2> /dev/null && {
		kill "$SENDER_PID"
		fail "$1: the sender still runs 10 s later: $(cat $SENDER_OUT)"
	}
	wait "$SENDER_PID"
	expect_match "$1: the sender's error" "$(cat $SENDER_OUT)" \
		"^error (ENETUNREACH|ENODEV|ENETDOWN|ENXIO|EHOSTUNREACH) after [0-9]+"
}

stop_flood()
{
	kill "$FLOOD_PID" 2> /dev/null
	wait "$FLOOD_PID" 2> /dev/null
}

# mem_back WHAT: the instance of ns tip is back to the baseline.
mem_back()
{
	wait_eq 10 "$BASE" mem_used ||
		fail "$1: mem_used $(mem_used), baseline of a fresh instance $BASE"
}

load
BASE=$(mem_baseline)
dmesg_mark

# (1) The attached device is deleted under traffic.
topo_setup
traffic
in_tip ip link del v_tip || fail "ip link del v_tip"
sender_error "ip link del"
stop_flood
expect_eq "links after ip link del" "$(tip -j link show | jq -r '[.[].ifname] | join(",")')" lo
mem_back "ip link del"
topo_cleanup
echo "ip link del under traffic: ok"

# (2) Detach under traffic; the device stays and the native stack keeps it.
topo_setup
traffic
tip link detach dev v_tip || fail "tinyip link detach under traffic"
sender_error "link detach"
stop_flood
expect_eq "links after detach" "$(tip -j link show | jq -r '[.[].ifname] | join(",")')" lo
in_tip ip link show v_tip > /dev/null || fail "v_tip vanished with the detach"
mem_back "link detach"
# Attaching again works and answers.
tip link attach dev v_tip || fail "re-attach after a detach under traffic"
tip addr add $TIP_ADDR/24 dev v_tip || fail "addr add after re-attach"
ip -n $NS_NAT neigh flush dev v_nat
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip does not answer after re-attach"
topo_cleanup
echo "link detach under traffic: ok"

# (3) The namespace is deleted under traffic. The sender's socket keeps
# it alive until the sender dies; then the instance goes, links and all.
topo_setup
traffic
ip netns del $NS_TIP || fail "ip netns del $NS_TIP"
sleep 1
kill -0 "$SENDER_PID" 2> /dev/null ||
	fail "the sender died with its namespace's name: $(cat $SENDER_OUT)"
kill "$SENDER_PID"
wait "$SENDER_PID" 2> /dev/null
# The namespace's cleanup destroys the veth pair, v_nat included.
wait_until 60 sh -c "! ip -n $NS_NAT link show v_nat > /dev/null 2>&1" ||
	fail "ns tip was not cleaned up within 60 s"
stop_flood
wait_until 30 sh -c 'modprobe -r tinyip 2> /dev/null' ||
	fail "module does not unload after ip netns del (refcnt $(cat /sys/module/tinyip/refcnt))"
topo_cleanup
echo "ip netns del under traffic: ok"

# (4) Unload with a socket open is refused; once it closes, unloading
# under a ping flood is clean.
topo_setup
traffic
err=$(modprobe -r tinyip 2>&1) && fail "tinyip unloaded with a socket open"
expect_match "unload refused" "$err" "in use|busy|EBUSY"
[ -d /sys/module/tinyip ] || fail "tinyip gone although the unload was refused"
kill -0 "$SENDER_PID" 2> /dev/null || fail "the sender died at the refused unload: $(cat $SENDER_OUT)"
kill "$SENDER_PID"
wait "$SENDER_PID" 2> /dev/null
wait_until 30 sh -c 'modprobe -r tinyip 2> /dev/null' ||
	fail "module does not unload once the socket is closed (refcnt $(cat /sys/module/tinyip/refcnt))"
[ ! -d /sys/module/tinyip ] || fail "tinyip still loaded"
in_tip ip link show v_tip > /dev/null || fail "v_tip vanished with the module"
stop_flood
topo_cleanup
echo "unload under traffic: ok"

dmesg_clean "teardown"
exit 0
