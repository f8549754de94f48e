#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Teardown under load (RFC 9293 connections): tinyip's link is deleted,
# detached, its namespace deleted and the module unloaded while up to
# 1,000 TCP connections move data both ways, half of them opened by a
# tinyip application to a native listener, half by a native client to a
# tinyip listener (tip_load on both sides). Every application must end
# within a bound with EOF or a clean error (ECONNRESET, ETIMEDOUT,
# EHOSTUNREACH, ...), with no call blocked; afterwards the memory budget
# and tinyip's slab caches are back to their baseline and the kernel log
# has no splat; the module unloads afterwards (every socket holds a
# reference on it). On the debug kernel kmemleak must be clean too.
# TCP_USER_TIMEOUT bounds how long both sides retry a path that died.
#
# As on Linux, a socket holds its namespace and its protocol's module:
# deleting the namespace's name leaves the connections running until
# their application closes them, and rmmod is refused while they are
# open. Once the application stops, the namespace goes (its connections
# aborted) and rmmod succeeds however many connections are still
# finishing; their peers get a reset.
#
# make check runs the unload under 1,000 connections (the issue's case)
# and the link's deletion under TEARDOWN_N (200): net_teardown meets
# every event under lighter traffic. TINYIP_FULL=1 runs all four events
# under 1,000 each. TEARDOWN_EVENTS picks events (del detach netns rmmod).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
TIP_LOAD="$SELFTESTS/tip_load"
[ -x "$TIP_LOAD" ] || fail "tip_load not built (make tools)"

N_UNLOAD=${TEARDOWN_N_UNLOAD:-1000}
N_OTHER=${TEARDOWN_N:-200}
[ "$FULL" = 1 ] && N_OTHER=1000
PORT_NAT=7002
PORT_TIP=7001
# TCP_USER_TIMEOUT on both sides bounds how long a connection whose path
# died keeps retrying (Linux's default is about 15 minutes). Only where
# a path dies: on a busy guest a stalled reader can keep a window shut
# that long, and Linux then gives up on a healthy connection.
UTO=(-u $((8000 * TCP_SLOW)))
# An application must end within this many seconds of the event.
END_S=$((60 * TCP_SLOW))

# Three programs per descriptor of each connection, and some spare.
ulimit -n 8192 || fail "cannot raise the descriptor limit to 8192"
tcp_tmp
trap tcp_cleanup EXIT

# slab_back WHAT: tinyip's caches hold what they held before the load
# (PCBs in TIME_WAIT are let go first: they are the protocol's, not a
# leak, and end within 60 s).
slab_back()
{
	wait_eq $((10 * TCP_SLOW)) "$SLAB_BASE" slab_snap ||
		fail "$1: slab objects $(slab_snap), before the load $SLAB_BASE"
}

# load_start N [OPT]: N connections, N/2 opened each way, all moving
# data; OPT goes to the native programs (-R: they only receive), and
# LOAD_OPTS to all three.
load_start()
{
	local n=$1 half=$(($1 / 2)) t start=$SECONDS
	shift
	rm -f "$T"/*.out
	# Not through in_nat/in_tip: the PID must be the program's.
	# Appending: load_moving empties the files under the writers.
	ip netns exec $NS_NAT "$TIP_LOAD" -4 -l $PORT_NAT -a $half "${LOAD_OPTS[@]}" "$@" \
		>> "$T/srv.out" 2>&1 &
	SRV_PID=$!
	wait_file "$T/srv.out" '^listening|^error' $((10 * TCP_SLOW))
	ip netns exec $NS_TIP "$TIP_LOAD" -l $PORT_TIP -a $half \
		-c $half -d $NAT_ADDR:$PORT_NAT "${LOAD_OPTS[@]}" >> "$T/tip.out" 2>&1 &
	TIP_PID=$!
	wait_file "$T/tip.out" '^listening|^error' $((10 * TCP_SLOW))
	ip netns exec $NS_NAT "$TIP_LOAD" -4 -c $half -d $TIP_ADDR:$PORT_TIP \
		"${LOAD_OPTS[@]}" "$@" >> "$T/cli.out" 2>&1 &
	CLI_PID=$!
	for t in tip srv cli; do
		wait_file "$T/$t.out" '^moving|^error' $((60 * TCP_SLOW))
		grep -q '^error' "$T/$t.out" && fail "load $t: $(cat "$T/$t.out")"
	done
	LOAD_N=$n
	EVENT_AT=$SECONDS
	echo "$n connections moving after $((SECONDS - start)) s; slab: $(slab_snap)"
}

# load_moving WHAT: every connection still moves data (after an event
# that must leave them alone).
load_moving()
{
	local t
	for t in tip srv cli; do
		: > "$T/$t.out"
	done
	kill -USR1 "$TIP_PID" "$SRV_PID" "$CLI_PID"
	for t in tip srv cli; do
		wait_file "$T/$t.out" '^moving|^summary|^error' $((30 * TCP_SLOW))
		expect_match "$1: $t still moving" "$(cat "$T/$t.out")" "^moving"
	done
}

# load_end WHAT TAG PID [SECS]: the program ends within SECS (END_S)
# with every connection ended cleanly (EOF, a clean error, or stopped).
load_end()
{
	local what=$1 tag=$2 pid=$3 secs=${4:-$END_S} rc got
	for _ in $(seq $((secs * 10))); do
		kill -0 "$pid" 2> /dev/null || break
		sleep 0.1
	done
	if kill -0 "$pid" 2> /dev/null; then
		kill -KILL "$pid"
		fail "$what: $tag still runs $secs s later: $(tail -n 3 "$T/$tag.out" | tr '\n' ' ')"
	fi
	wait "$pid"
	rc=$?
	got=$(grep -E '^(first_end|outcome|summary|error)' "$T/$tag.out" | tr '\n' ' ')
	[ $rc = 0 ] || fail "$what: $tag exited $rc: $got"
	echo "$what: $tag ended $((SECONDS - EVENT_AT)) s after the event: $(sed -n 's/^outcome //p' "$T/$tag.out" | paste -sd,)"
}

# load_ends WHAT: all three end cleanly (after an event that kills the
# connections).
load_ends()
{
	load_end "$1" tip "$TIP_PID"
	load_end "$1" srv "$SRV_PID"
	load_end "$1" cli "$CLI_PID"
}

# tip_stop: the tinyip application is stopped (SIGTERM): it closes its
# connections, counted as stopped.
tip_stop()
{
	kill -TERM "$TIP_PID"
	load_end "$1" tip "$TIP_PID"
	grep -q "^summary conns=$LOAD_N ended=$LOAD_N stopped=$LOAD_N " "$T/tip.out" ||
		fail "$1: connections of tinyip's application ended before it was stopped: $(load_report)"
}

# load_report: what each program said, for failure messages.
load_report()
{
	local t
	for t in tip srv cli; do
		echo "$t: $(grep -vE '^(moving|listening)' "$T/$t.out" | tr '\n' ' ')"
	done
}

# mem_back WHAT: the instance of ns tip is back to the baseline.
mem_back()
{
	wait_eq $((10 * TCP_SLOW)) "$MEM_BASE" mem_used ||
		fail "$1: mem_used $(mem_used), baseline of a fresh instance $MEM_BASE"
	expect_eq "$1: tinyip's TCP sockets" "$(tcp_socks)" ""
}

# event_setup: the topology, the baselines, the kernel log mark.
event_setup()
{
	topo_setup
	MEM_BASE=$(mem_baseline)
	SLAB_BASE=$(slab_snap)
	dmesg_mark
	EVENT_START=$SECONDS
}

# event_done WHAT: no splat, and the module unloads (no socket outlived
# its application: each holds a reference on the module).
event_done()
{
	dmesg_clean "$1"
	topo_cleanup
	[ ! -d /sys/module/tinyip ] ||
		fail "$1: tinyip does not unload afterwards (refcnt $(cat /sys/module/tinyip/refcnt))"
	echo "$1 with $LOAD_N connections: ok ($((SECONDS - EVENT_START)) s)"
}

# (1) The attached device is deleted: every connection of both sides
# times out or is told the path is gone.
event_del()
{
	event_setup
	LOAD_OPTS=("${UTO[@]}")
	load_start "$N_OTHER"
	in_tip ip link del v_tip || fail "ip link del v_tip"
	load_ends "ip link del"
	expect_eq "links after ip link del" "$(tip -j link show | jq -r '[.[].ifname] | join(",")')" lo
	mem_back "ip link del"
	slab_back "ip link del"
	event_done "ip link del under load"
}

# (2) Detach: the device stays with the native stack, and tinyip can be
# attached again.
event_detach()
{
	event_setup
	LOAD_OPTS=("${UTO[@]}")
	load_start "$N_OTHER"
	tip link detach dev v_tip || fail "tinyip link detach under load"
	load_ends "link detach"
	in_tip ip link show v_tip > /dev/null || fail "v_tip vanished with the detach"
	mem_back "link detach"
	slab_back "link detach"
	tip link attach dev v_tip || fail "re-attach after a detach under load"
	tip addr add $TIP_ADDR/24 dev v_tip || fail "addr add after re-attach"
	ip -n $NS_NAT neigh flush dev v_nat
	ping_ok $NS_NAT $TIP_ADDR || fail "tinyip does not answer after re-attach"
	event_done "link detach under load"
}

# (3) The namespace's name is deleted: its sockets keep it, and their
# connections keep moving. Once the application stops, the namespace
# goes with its connections; the native peers end cleanly.
event_netns()
{
	event_setup
	LOAD_OPTS=()
	load_start "$N_OTHER"
	ip netns del $NS_TIP || fail "ip netns del $NS_TIP"
	load_moving "ip netns del"
	EVENT_AT=$SECONDS
	tip_stop "ip netns del"
	load_end "ip netns del" srv "$SRV_PID"
	load_end "ip netns del" cli "$CLI_PID"
	# The namespace's cleanup destroys the veth pair, v_nat included.
	wait_until $((30 * TCP_SLOW)) sh -c "! ip -n $NS_NAT link show v_nat > /dev/null 2>&1" ||
		fail "ns tip was not cleaned up"
	slab_back "ip netns del"
	event_done "ip netns del under load"
}

# (4) rmmod is refused while the connections are open and leaves them
# alone; once the application stops it succeeds, however many
# connections are still finishing. The data flows from tinyip only, to
# native clients and a native server that stall (stop reading) before
# tinyip's application stops: its close() is graceful, and leaves every
# connection with data queued behind a zero window. The unload ends
# them; the native applications, once they read again, must get what
# was delivered and then a reset (or EOF), not wait forever. Native
# buffers keep their defaults: a receiver whose memory fills before its
# window does drops what is in flight, and expects a reset at tinyip's
# snd_una, not at its snd_nxt.
event_rmmod()
{
	local err left
	event_setup
	LOAD_OPTS=()
	kmemleak_mark
	load_start "$N_UNLOAD" -R
	err=$(rmmod tinyip 2>&1) && fail "tinyip unloaded with $N_UNLOAD connections open"
	expect_match "rmmod refused" "$err" "in use|busy|EBUSY"
	load_moving "refused rmmod"
	kill -USR2 "$SRV_PID" "$CLI_PID" 2> /dev/null
	wait_file "$T/srv.out" '^held'
	wait_file "$T/cli.out" '^held'
	# Time for tinyip's send queues to fill the stalled windows.
	sleep $((2 * TCP_SLOW))
	EVENT_AT=$SECONDS
	tip_stop "rmmod"
	left=$(slab_objs tinyip_tcp_pcb)
	[ "$left" = merged ] && left=$(tcp_socks | wc -l)
	[ "$left" -gt 0 ] ||
		fail "rmmod: no connection left finishing after the close: $(load_report)"
	wait_until $((30 * TCP_SLOW)) sh -c 'rmmod tinyip 2> /dev/null' ||
		fail "rmmod fails once the application stopped (refcnt $(cat /sys/module/tinyip/refcnt))"
	echo "rmmod: unloaded $((SECONDS - EVENT_AT)) s after the application stopped, with $left connections finishing"
	[ ! -d /sys/module/tinyip ] || fail "tinyip still loaded"
	kill -USR2 "$SRV_PID" "$CLI_PID" 2> /dev/null
	load_end "rmmod" srv "$SRV_PID"
	load_end "rmmod" cli "$CLI_PID"
	expect_eq "tinyip's slab caches after rmmod" "$(slab_snap)" \
		"TINYIP_TCP=gone tinyip_tcp_pcb=gone"
	kmemleak_clean "rmmod under load"
	event_done "rmmod under load"
}

EVENTS="del rmmod"
[ "$FULL" = 1 ] && EVENTS="del detach netns rmmod"
for e in ${TEARDOWN_EVENTS:-$EVENTS}; do
	case $e in
	del | detach | netns | rmmod) "event_$e" ;;
	*) fail "unknown event '$e' in TEARDOWN_EVENTS (del detach netns rmmod)" ;;
	esac
done
exit 0
