#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The memory budget (tinyip config set mem-budget) under load, against
# the native stack: tens of TCP connections (RFC 9293) both ways at once,
# native senders into slow tinyip readers (filling tinyip's receive
# queues) and tinyip senders, half of them non-blocking, to slow native
# readers with small buffers (filling tinyip's send queues), all within a
# budget far smaller than they would take. The readers start paused, so
# the budget fills whatever the machine's speed: the native senders
# first, then tinyip's. With it full and then lowered below what is in
# use, a new connection each way is refused; lifted, the paused
# connections go on; set again, the readers go on, slowly. What a
# user must see:
#  - every transfer's sha256 matches: nothing accepted is ever lost;
#  - receive windows shrink (RFC 7323 2.4: no edge moves back): with the
#    budget full, every native sender sees a zero window (ss snd_wnd)
#    and stops, rather than sending data the budget refuses: until the
#    budget is lifted, received data is dropped (TcpExtTCPRcvQDrop)
#    fewer times than there are connections (none seen), where windows
#    as wide as the buffer never closed and took dozens of drops;
#  - once memory is freed, the windows reopen: with the budget lifted,
#    every native sender goes on, the readers still paused;
#  - the budget refused charges (mem failed, the sndq and pcb
#    categories' failed, TcpExtListenDrops moved);
#  - used reached near the budget and never passed it by more than
#    $SLACK (memory charged whatever the budget: FINs, splits of queued
#    data, see tip_mem_charge_force);
#  - a non-blocking send got EAGAIN or ENOBUFS, and its data still all
#    arrived; a blocking one waited, whatever held the memory;
#  - tinyip's connect() failed with ENOBUFS, a native SYN was dropped
#    and counted, and that connection went through once memory was free;
#  - afterwards the queues are empty, used is back at its baseline, and
#    a fresh connection works.
# TINYIP_FULL=1 runs more and longer transfers.
# Each case prints "ok N" or "not ok N"; the script fails if any failed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat jq numfmt sha256sum sysctl
[ -x "$TIP_TCP" ] || skip "tip_tcp is not built (make tools)"
topo_setup
# A stopped program ignores the SIGTERM of the cleanup: wake them first;
# and let the senders' data go, or its waiting loops would outlive us.
trap 'readers_signal CONT; [ -d "${T:-}" ] && touch "$T/go" "$T/go_rx"; tcp_cleanup' EXIT
tcp_tmp
dmesg_mark

NRX=12		# native -> tinyip connections
NTX=12		# tinyip -> native connections
SIZE=512K
BUDGET_EXTRA=$((1024 * 1024))
[ "$FULL" = 1 ] && NRX=32 NTX=32 SIZE=4M
DELAY=2		# ms between a slow reader's 4 KB reads
# One pattern per direction: a pattern costs a second or two to hash in
# a guest, and a lost or reordered byte changes any stream's sha256.
RX_SEED=1
TX_SEED=2
# Bytes charged whatever the budget says; found by this test to stay far
# below it (the report prints what it saw).
SLACK=$((64 * 1024))
RX_PORT=7100
TX_PORT=7200
LATE_PORT=7300
# Only bounds a stuck run: a loaded machine starts the programs slowly.
TO=$((600 * TCP_SLOW))

# memq JQ: the jq filter JQ over the memory object of `tinyip stats`
# (one jq per question: jq takes a second to start in a guest).
memq()
{
	tip -j stats show mem | jq -r ".memory | $1"
}

# mem [CATEGORY] FIELD: a number of `tinyip stats mem`.
mem()
{
	if [ $# = 2 ]; then
		memq ".$1.$2"
	else
		memq ".$1"
	fi
}

# readers_signal SIG: signals the tip_tcp readers ("recv") of both
# namespaces.
readers_signal()
{
	local p ns
	for p in /proc/[0-9]*; do
		for ns in $NS_TIP $NS_NAT; do
			[ "$p/ns/net" -ef "/run/netns/$ns" ] || continue
			[ "$(cat "$p/comm" 2> /dev/null)" = tip_tcp ] &&
				tr '\0' ' ' < "$p/cmdline" | grep -q ' recv ' &&
				kill "-$1" "${p#/proc/}" 2> /dev/null
		done
	done
	return 0
}

# test_gt_stat NAME VALUE: the TCP counter NAME is above VALUE.
test_gt_stat()
{
	[ "$(tcp_stat "$1")" -gt "$2" ]
}


ping_ok $NS_NAT $TIP_ADDR || fail "no ping between the namespaces"
tcp_stats_ok || fail "tinyip stats does not work"
[ "$(mem used)" != null ] || fail "tinyip stats has no memory section"
# Small native buffers: a slow native reader closes its window early, so
# tinyip's send queues fill instead of the native receive queues.
in_nat sysctl -qw net.ipv4.tcp_rmem="4096 16384 65536" ||
	fail "sysctl tcp_rmem in $NS_NAT"
BASE=$(mem used)
BASE_NN=$(mem_but_neigh)
BUDGET=$((BASE + BUDGET_EXTRA))
tip config set mem-budget $BUDGET > /dev/null || fail "config set mem-budget"
echo "# baseline $BASE B, budget $BUDGET B, $NRX + $NTX connections of $SIZE ($SECONDS s)"

# tx_send PORT [OPTION...]: a tinyip sender whose data waits for $T/go,
# so that its connection (its PCB) exists before the budget fills.
tx_send()
{
	local port=$1
	shift
	{
		until [ -e "$T/go" ]; do sleep 0.2; done
		"$TIP_TCP" -s $TX_SEED gen $SIZE
	} | in_tip "$TIP_TCP" -t $TO "$@" send $NAT_ADDR "$port" -
}

# rx_send PORT: a native sender whose data waits for $T/go_rx, before
# the tinyip senders go: the windows shrink as the receive queues fill.
rx_send()
{
	{
		until [ -e "$T/go_rx" ]; do sleep 0.2; done
		"$TIP_TCP" -s $RX_SEED gen $SIZE
	} | in_nat timeout $TO socat -u - TCP4:$TIP_ADDR:"$1"
}

# tx_estab: tinyip's established connections to the native readers.
tx_estab()
{
	tip sock show tcp state established | grep -Ec "$NAT_ADDR:$((TX_PORT / 100))[0-9]{2}( |$)"
}

# rx_estab: native senders' connections tinyip established (accepted or
# waiting in the accept queue of a paused reader).
rx_estab()
{
	tip sock show tcp state established | grep -Ec ":$((RX_PORT / 100))[0-9]{2} "
}

# rx_wnds: the window each native sender last saw from tinyip (ss's
# snd_wnd, the peer's own view, which ss leaves out when it is 0), one
# line each.
rx_wnds()
{
	in_nat ss -tinH dst $TIP_ADDR \
		"( dport >= :$((RX_PORT + 1)) and dport <= :$((RX_PORT + NRX)) )" |
		awk '/^[ \t]/ { w = 0
			if (match($0, /snd_wnd:[0-9]+/))
				w = substr($0, RSTART + 8, RLENGTH - 8)
			print w }'
}

# rx_shut: all $NRX native senders see a zero window.
rx_shut()
{
	[ "$(rx_wnds | grep -cx 0)" = "$NRX" ]
}

# rx_queued: tinyip's unread bytes of each native sender's connection,
# by port.
rx_queued()
{
	tip -j sock show tcp state established |
		jq -r --argjson lo $((RX_PORT + 1)) --argjson hi $((RX_PORT + NRX)) \
		'[.[] | select(.lport >= $lo and .lport <= $hi)] | sort_by(.lport) | .[].recv_q'
}

# rx_grew BEFORE: every connection's unread bytes grew from BEFORE (a
# rx_queued output).
rx_grew()
{
	{ printf '%s\n--\n' "$1"; rx_queued; } |
		awk '$0 == "--" { now = 1; next }
			!now { was[++n] = $1; next }
			{ if ($1 <= was[++i]) bad = 1 }
			END { exit bad || i != n || n != '"$NRX"' }'
}

declare -A PID
# The load, both ways at once, readers paused before anything is sent.
start_load()
{
	local i opt
	for i in $(seq $NRX); do
		tcp_bg rx$i in_tip "$TIP_TCP" -t $TO -d $DELAY recv $((RX_PORT + i)) -
		PID[rx$i]=$TCP_BG_PID
		tcp_bg ntx$i in_nat "$TIP_TCP" -4 -t $TO -d $DELAY recv $((TX_PORT + i)) -
		PID[ntx$i]=$TCP_BG_PID
	done
	# The late listener exists before memory runs out; its client waits.
	tcp_bg late in_tip "$TIP_TCP" -t $TO recv $LATE_PORT -
	PID[late]=$TCP_BG_PID
	for i in $(seq $NRX); do
		wait_file "$T/rx$i.log" '^listening' $((10 * TCP_SLOW))
	done
	wait_file "$T/late.log" '^listening' $((10 * TCP_SLOW))
	wait_until $((30 * TCP_SLOW)) tcp_listening $NS_NAT $((TX_PORT + NTX)) ||
		fail "no native listener on $((TX_PORT + NTX))"
	for i in $(seq $NTX); do
		tcp_listening $NS_NAT $((TX_PORT + i)) ||
			fail "no native listener on $((TX_PORT + i))"
	done
	echo "# listening at $SECONDS s"
	readers_signal STOP
	for i in $(seq $NTX); do
		# Odd ones send with MSG_DONTWAIT, even ones block.
		opt=-v
		[ $((i % 2)) = 1 ] && opt=-vD
		tcp_bg tx$i tx_send $((TX_PORT + i)) $opt
		PID[tx$i]=$TCP_BG_PID
	done
	wait_eq $((30 * TCP_SLOW)) $NTX tx_estab ||
		fail "only $(tx_estab) of $NTX tinyip connections established"
	for i in $(seq $NRX); do
		tcp_bg nrx$i rx_send $((RX_PORT + i))
		PID[nrx$i]=$TCP_BG_PID
	done
	# Every connection exists before the send queues take the budget: a
	# native client whose SYNs all meet a full budget gives up.
	wait_eq $((60 * TCP_SLOW)) $NRX rx_estab ||
		fail "only $(rx_estab) of $NRX native connections established"
	touch "$T/go_rx"
	# The windows close as the budget fills: the native senders stop.
	wait_until $((60 * TCP_SLOW)) rx_shut ||
		fail "with the budget full, the native senders' windows are still $(rx_wnds | tr '\n' ' '); $(tip stats mem | tr '\n' ' '); drops $(tcp_stat TcpExtTCPRcvQDrop); unread $(rx_queued | tr '\n' ' '); $(tip -s sock show tcp state established | tr '\n' ' ')"
	touch "$T/go"
}

# full: the send queues had a charge refused.
full()
{
	output_is true memq '.sndq.failed > 0'
}

RCVQ_DROP0=$(tcp_stat TcpExtTCPRcvQDrop)
start_load
echo "# load started at $SECONDS s"
wait_until $((60 * TCP_SLOW)) full
# The senders keep trying: what is in use now is what a full budget holds.
sleep 2
# (No process substitution: the guest has no /dev/fd.)
read -r USED RCVQ SNDQ <<< "$(memq '"\(.used) \(.rcvq.used) \(.sndq.used)"')"
echo "# full at $SECONDS s: used $USED B, $RCVQ B in rcvq, $SNDQ B in sndq"
WNDS_FULL=$(rx_wnds | tr '\n' ' ')
RCVQ_DROP1=$(tcp_stat TcpExtTCPRcvQDrop)
echo "# native senders' windows: $WNDS_FULL; $((RCVQ_DROP1 - RCVQ_DROP0)) drops"

# A lowered budget refuses new work only; nothing queued goes away.
read -r LDROP0 PCB_FAILED0 <<< \
	"$(tip -j stats | jq -r '"\(.TcpExtListenDrops) \(.memory.pcb.failed)"')"
tip config set mem-budget $((USED / 2)) > /dev/null || fail "lowering mem-budget"
REFUSED_OUT=$(in_tip "$TIP_TCP" -t 30 send $NAT_ADDR $((TX_PORT + 1)) @1 2>&1)
tcp_bg nlate tcp_gen 64K $RX_SEED in_nat timeout $TO \
	socat -u - TCP4:$TIP_ADDR:$LATE_PORT
PID[nlate]=$TCP_BG_PID
wait_until $((20 * TCP_SLOW)) test_gt_stat TcpExtListenDrops "$LDROP0"
read -r LDROP1 PCB_FAILED1 USED_LOW <<< "$(tip -j stats |
	jq -r '"\(.TcpExtListenDrops) \(.memory.pcb.failed) \(.memory.used)"')"

echo "# refusals seen at $SECONDS s"
# Memory back, the readers still paused: the windows the budget held
# shut reopen, and the native senders go on. (Unlimited: the tinyip
# senders take what they can at once, and would leave a raised budget
# full again before the windows could be seen to open.)
PEAK_BUDGET=$(mem peak)
RCVQ_DROP2=$(tcp_stat TcpExtTCPRcvQDrop)
QUEUED=$(rx_queued)
tip config set mem-budget unlimited > /dev/null || fail "lifting mem-budget"
wait_until $((30 * TCP_SLOW)) rx_grew "$QUEUED"
REOPENED=$?
echo "# lifted at $SECONDS s: reopened $REOPENED, rcvq $(mem rcvq used) B"
# Then the readers go on under the first budget, below what is in use
# now: the windows reopen as they read.
tip config set mem-budget $BUDGET > /dev/null || fail "restoring mem-budget"
readers_signal CONT
for k in "${!PID[@]}"; do
	wait "${PID[$k]}"
done
echo "# transfers done at $SECONDS s"
STATS_END=$(tip -j stats)

ok_transfers()
{
	local i
	for i in $(seq $NRX); do
		[ "$(cat "$T/rx$i.rc")" = 0 ] || fail "rx$i: $(tcp_log rx$i)"
		[ "$(cat "$T/nrx$i.rc")" = 0 ] || fail "native sender $i: $(tcp_log nrx$i)"
		tcp_expect_sha "native -> tinyip $i" rx$i "$(tcp_sha $SIZE $RX_SEED)"
	done
	for i in $(seq $NTX); do
		[ "$(cat "$T/tx$i.rc")" = 0 ] || fail "tx$i: $(tcp_log tx$i)"
		[ "$(cat "$T/ntx$i.rc")" = 0 ] || fail "native reader $i: $(tcp_log ntx$i)"
		tcp_expect_sha "tinyip -> native $i" ntx$i "$(tcp_sha $SIZE $TX_SEED)"
	done
}

ok_refusals()
{
	local rcvq sndq
	rcvq=$(jq -r .memory.rcvq.failed <<<"$STATS_END")
	sndq=$(jq -r .memory.sndq.failed <<<"$STATS_END")
	echo "# failed charges: total $(jq -r .memory.failed <<<"$STATS_END"), rcvq $rcvq, sndq $sndq, pcb $(jq -r .memory.pcb.failed <<<"$STATS_END")"
	[ "$sndq" -gt 0 ] || fail "no send-queue charge was refused: the test did not fill the budget"
}

# The windows, not refused charges, held the native senders back. (Set
# again below what is in use after the lift, the budget may refuse data
# sent into the windows offered meanwhile: counted, not judged.)
ok_windows()
{
	local drops=$((RCVQ_DROP2 - RCVQ_DROP0))
	echo "# received data dropped by the budget: $drops times until it was lifted, $(($(jq -r .TcpExtTCPRcvQDrop <<<"$STATS_END") - RCVQ_DROP2)) after"
	[ "$(tr ' ' '\n' <<< "$WNDS_FULL" | grep -cx 0)" = "$NRX" ] ||
		fail "with the budget full, the native senders' windows were $WNDS_FULL"
	[ "$drops" -lt "$NRX" ] ||
		fail "the budget dropped received data $drops times: the windows offered more than it could hold"
	[ "$REOPENED" = 0 ] ||
		fail "the budget raised, not every native sender went on: unread bytes $(rx_queued | tr '\n' ' '), were $(tr '\n' ' ' <<< "$QUEUED")"
}

ok_peak()
{
	local peak over
	peak=$PEAK_BUDGET
	over=$((peak - BUDGET))
	echo "# peak $peak B: $over B over the budget (slack $SLACK)"
	[ "$peak" -ge $((BUDGET - BUDGET_EXTRA / 4)) ] ||
		fail "peak $peak B never came near the budget $BUDGET B"
	[ "$peak" -le $((BUDGET + SLACK)) ] ||
		fail "used reached $peak B, more than the budget $BUDGET B plus $SLACK B"
	[ "$USED" -le $((BUDGET + SLACK)) ] ||
		fail "paused at $USED B, more than the budget $BUDGET B plus $SLACK B"
	[ "$USED_LOW" -le "$USED" ] ||
		fail "used grew from $USED to $USED_LOW B after the budget was lowered below it"
}

ok_nonblocking()
{
	local i n=0 again nobufs
	for i in $(seq 1 2 $NTX); do
		again=$(tcp_info tx$i send_eagain)
		nobufs=$(tcp_info tx$i send_enobufs)
		n=$((n + ${again:-0} + ${nobufs:-0}))
	done
	echo "# non-blocking senders: $n sends answered EAGAIN or ENOBUFS"
	[ $n -gt 0 ] || fail "no non-blocking send was told to retry while the budget was full"
}

ok_new_conns()
{
	expect_match "tinyip connect() with the budget lowered below use" \
		"$REFUSED_OUT" "^error: (socket|connect): ENOBUFS"
	[ "$LDROP1" -gt "$LDROP0" ] ||
		fail "no SYN counted in TcpExtListenDrops while the budget was full"
	[ "$PCB_FAILED1" -gt "$PCB_FAILED0" ] ||
		fail "the pcb category counted no refusal for the dropped SYN"
	[ "$(cat "$T/nlate.rc")" = 0 ] || fail "the late native client: $(tcp_log nlate)"
	tcp_expect_sha "the connection first refused, later" late "$(tcp_sha 64K $RX_SEED)"
}

# Queues drain at once; TIME_WAIT entries (tinyip closed its sends
# first) hold PCBs for 60 s, then used is back where it began.
recovered()
{
	wait_eq 10 0 memq '.sndq.used + .rcvq.used + .ooo.used + .reasm.used' ||
		fail "queues still hold memory after the transfers: $(tip stats mem)"
	from_native_fresh
	wait_eq $((75 * TCP_SLOW)) "$BASE_NN" mem_but_neigh ||
		fail "used is $(mem used) B ($(mem neigh used) B of it neighbours), not back at its baseline $BASE B"
}

from_native_fresh()
{
	tcp_bg fresh in_tip "$TIP_TCP" -t 60 recv 7400 -
	tcp_wait_tip fresh
	tcp_run nfresh tcp_gen 256K 7 in_nat timeout 60 socat -u - TCP4:$TIP_ADDR:7400 ||
		fail "a fresh native connection after the load: $(tcp_log nfresh)"
	tcp_wait fresh
	tcp_expect_sha "a fresh connection after the load" fresh "$(tcp_sha 256K 7)"
}

tcp_case "every transfer's sha256 matches" ok_transfers
tcp_case "the budget refused send charges, counted" ok_refusals
tcp_case "receive windows shrank to zero, the native senders stopped, the windows reopened" ok_windows
tcp_case "used came near the budget, never past it by more than the slack" ok_peak
tcp_case "non-blocking sends got EAGAIN or ENOBUFS" ok_nonblocking
tcp_case "new connections refused, counted, then served" ok_new_conns
tcp_case "queues empty, used back at baseline, fresh connection works" recovered
tcp_case "no kernel warning" dmesg_clean "the budget test"
tcp_done
