#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench, inside the guest (tools/bench/bench boots it): the same
# measurement on the native stack and on tinyip, in the same boot, over
# the same topology: two network namespaces joined by a veth pair, one
# pair for each stack (tinyip's attached in exclusive mode, so the native
# stack never sees its frames).
#
# Figure "idle": kernel memory per idle fd-backed TCP connection, both
# ends on the same stack. conns (tools/bench/conns.c) opens N connections
# and holds them; the figure is the growth of the Slab line of
# /proc/meminfo (and, as a cross-check, the fall of MemAvailable) between
# a settled baseline and N settled connections, divided by N. The stacks
# alternate run by run, so a drift of the guest's memory hits both.
#
# Figure "stream": single-stream TCP throughput over the pair, iperf3 on
# both ends (under tinyip-run for tinyip), BENCH_SECS (5) seconds a run.
#
# Figures "ping" and "connect": TCP transactions per second, one byte
# each way, on one persistent connection or a new connection each
# (tools/bench/rr.c), BENCH_SECS seconds a run.
#
# Figure "udp": 18-byte UDP datagrams delivered per second, from a sender
# as fast as its socket takes them (rr blast and rr sink).
#
# Figure "raw": kernel memory per idle TCP connection without a file
# descriptor, per end. tools/bench/rawconn (tinyip_rawconn.ko) opens N
# connections inside the kernel between the two namespaces of one stack:
# over tinyip's raw API (include/tinyip/api.h), or as the native stack's
# in-kernel sockets (sock_create_kern, kernel_connect, kernel_accept).
# The figure is the growth of Slab, as for "idle", divided by 2N (both
# ends are on the stack measured); tinyip's budget (mem_used), which
# charges the sizeof of each object, is recorded beside it.
#
# Figure "flows": 100 concurrent bulk TCP flows (iperf3 -P 100, under
# tinyip-run for tinyip) between two namespaces made for the run, so
# tinyip's mem_peak is this run's. Aggregate throughput, and the peak of
# the kernel's memory in use above the baseline taken before the client
# starts: MemTotal - MemFree - Buffers - Cached - AnonPages less the pages
# on the per-CPU free lists, sampled every 0.2 s, which is slab plus the
# pages the kernel allocates directly (the socket buffers' page frags of
# the native stack, packets queued in veth) and leaves out the programs'
# own memory and the page cache. The stack's own account is
# recorded beside it: tinyip's mem_peak, the native "TCP mem" pages of
# /proc/net/sockstat.
#
# Figures "idle6" and "stream6": the same over IPv6, idle at the first N.
#
# Prints one line per measurement, "BENCH {json}", and progress lines
# starting "# ". Env: BENCH_N (default "1000 10000"), BENCH_RUNS (3),
# BENCH_FIGURES (default all: "idle raw stream ping connect udp flows ip6").
set -u
REPO=$(cd "$(dirname "$0")/../.." && pwd)
TINYIP=$REPO/tools/tinyip/tinyip
CONNS=$REPO/tools/bench/conns
RR=$REPO/tools/bench/rr
NS=${BENCH_N:-"1000 10000"}
RUNS=${BENCH_RUNS:-3}
FIGURES=" ${BENCH_FIGURES:-idle raw stream ping connect udp flows ip6} "
PORT=5001
RAWCONN=/proc/tinyip_rawconn
PAGE_KB=$(($(getconf PAGESIZE) / 1024))

say() { echo "# $*"; }
die() { echo "bench: $*" >&2; exit 1; }

[ -x "$CONNS" ] && [ -x "$RR" ] || die "tools/bench is not built (make tools)"
[ -x "$TINYIP" ] || die "tools/tinyip/tinyip is not built (make tools)"
modprobe tinyip || die "modprobe tinyip"

# pair STACK NS1 NS2 DEV1 DEV2 NET NET6: two namespaces joined by a veth,
# NET.1 and NET.2, NET6::1 and NET6::2 (no DAD: nothing else is on the
# link) on the native stack or on tinyip.
pair()
{
	local stack=$1 a=$2 b=$3 da=$4 db=$5 net=$6 net6=$7 ns dev i=1

	ip netns add "$a" && ip netns add "$b" || die "ip netns add"
	ip link add "$da" netns "$a" type veth peer name "$db" netns "$b" || die "veth"
	for ns_dev in "$a:$da" "$b:$db"; do
		ns=${ns_dev%%:*}
		dev=${ns_dev#*:}
		ip -n "$ns" link set lo up
		ip -n "$ns" link set "$dev" up
		if [ "$stack" = native ]; then
			ip -n "$ns" addr add "$net.$i/24" dev "$dev" || die "addr $net.$i"
			ip -n "$ns" addr add "$net6::$i/64" dev "$dev" nodad ||
				die "addr $net6::$i"
		else
			"$TINYIP" -n "$ns" link attach dev "$dev" mode exclusive ||
				die "tinyip link attach $dev"
			"$TINYIP" -n "$ns" addr add "$net.$i/24" dev "$dev" ||
				die "tinyip addr add $net.$i"
			"$TINYIP" -n "$ns" addr add "$net6::$i/64" dev "$dev" nodad ||
				die "tinyip addr add $net6::$i"
		fi
		i=$((i + 1))
	done
	# conns itself finds out whether tinyip's pair carries TCP.
	if [ "$stack" = native ]; then
		ip netns exec "$b" ping -c 1 -W 5 "$net.1" > /dev/null 2>&1 ||
			die "no ping over the native pair"
		ip netns exec "$b" ping -6 -c 1 -W 5 "$net6::1" > /dev/null 2>&1 ||
			die "no IPv6 ping over the native pair"
	fi
}

pair native bn1 bn2 vn1 vn2 192.0.2 2001:db8:b
pair tinyip bt1 bt2 vt1 vt2 198.51.100 2001:db8:c

# ends STACK: the two ends of STACK's pair (NS1 serves at ADDR, over
# IPv6 when IP is 6, NS2 connects), the family conns and rr ask for (FAM),
# the wrapper that moves an unmodified program onto it (RUN_CMD), and a
# port no run used (PORT).
IP=4
ends()
{
	if [ "$1" = native ]; then
		NS1=bn1 NS2=bn2 ADDR=192.0.2.1 FAM=inet RUN_CMD=()
		[ $IP = 6 ] && ADDR=2001:db8:b::1
	else
		NS1=bt1 NS2=bt2 ADDR=198.51.100.1 FAM=tinyip
		[ $IP = 6 ] && ADDR=2001:db8:c::1
		RUN_CMD=("$REPO/tools/preload/tinyip-run" "--families=inet,inet6")
	fi
	PORT=$((PORT + 1))
}

# fig NAME: the figure NAME, or NAME6 over IPv6.
fig()
{
	if [ $IP = 6 ]; then echo "${1}6"; else echo "$1"; fi
}

# rr_listen MODE: rr's MODE (server, sink) in NS1, once it said it
# listens; its output is on fd RR_FD, its pid RR_PID.
rr_listen()
{
	local out

	ip netns exec $NS1 "$RR" -f $FAM -p $PORT "$1" $ADDR > "$TMP/srv" 2>&1 &
	RR_PID=$!
	exec {RR_FD}< "$TMP/srv"
	read -t 60 -r out <&$RR_FD
	[ "$out" = listening ] || die "rr $1 on $FAM: '$out'"
}

# meminfo FIELD: its value in kB.
meminfo() { awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo; }

# slabs: "cache bytes" for every slab cache (objects times object size).
slabs() { awk 'NR > 2 { print $1, $3 * $4 }' /proc/slabinfo; }

# grown BEFORE AFTER: the six caches that grew most, as a JSON object.
grown()
{
	awk 'NR == FNR { b[$1] = $2; next } { d = $2 - b[$1]; if (d > 0) print d, $1 }' \
		"$1" "$2" | sort -rn | head -n 6 |
		awk 'BEGIN { printf "{" } { printf "%s\"%s\":%d", (NR > 1 ? "," : ""), $2, $1 }
		     END { printf "}" }'
}

# used NS: the bytes tinyip charges to NS's memory budget.
used() { "$TINYIP" -n "$1" -j config show | jq '.mem_used // 0'; }

# settle: reclaimable caches dropped, RCU callbacks and deferred frees
# run, so a reading sees what stays allocated.
settle()
{
	sync
	echo 3 > /proc/sys/vm/drop_caches
	sleep 2
	echo 3 > /proc/sys/vm/drop_caches
}

# idle STACK N RUN: one measurement of N idle connections. The two conns
# read FIFO hold, which stays open (and empty) until they are to end.
idle()
{
	local stack=$1 n=$2 run=$3 s0 a0 s1 a1 u0 u1 t0 t1 srv cli hold line pids

	ends "$stack"
	settle
	s0=$(meminfo Slab) a0=$(meminfo MemAvailable) u0=$(meminfo SUnreclaim)
	slabs > "$TMP/slab0"
	t0=0
	[ $stack = tinyip ] && t0=$(($(used $NS1) + $(used $NS2)))
	ip netns exec $NS1 "$CONNS" -f $FAM -p $PORT -n "$n" server $ADDR \
		< "$TMP/hold" > "$TMP/srv" 2>&1 &
	pids=$!
	exec {hold}> "$TMP/hold" {srv}< "$TMP/srv"
	read -t 60 -r line <&$srv
	[ "$line" = listening ] || die "$stack server: '$line'"
	# Without hold's write end, or it would never see the end of hold.
	ip netns exec $NS2 "$CONNS" -f $FAM -p $PORT -n "$n" client $ADDR \
		< "$TMP/hold" > "$TMP/cli" 2>&1 {hold}>&- {srv}<&- &
	pids="$pids $!"
	exec {cli}< "$TMP/cli"
	read -t 900 -r line <&$cli
	[ "$line" = "ready $n" ] || die "$stack client: '$line'"
	read -t 900 -r line <&$srv
	[ "$line" = "ready $n" ] || die "$stack server: '$line'"
	settle
	s1=$(meminfo Slab) a1=$(meminfo MemAvailable) u1=$(meminfo SUnreclaim)
	slabs > "$TMP/slab1"
	t1=0
	[ $stack = tinyip ] && t1=$(($(used $NS1) + $(used $NS2)))
	exec {hold}>&- {srv}<&- {cli}<&-
	# shellcheck disable=SC2086
	wait $pids
	printf 'BENCH {"figure":"%s","stack":"%s","n":%d,"run":%d,' "$(fig idle)" \
		"$stack" "$n" "$run"
	printf '"slab_kb":%d,"sunreclaim_kb":%d,"avail_kb":%d,"per_conn":%d,"per_conn_avail":%d,' \
		$((s1 - s0)) $((u1 - u0)) $((a0 - a1)) $(((s1 - s0) * 1024 / n)) \
		$(((a0 - a1) * 1024 / n))
	printf '"budget_per_conn":%d,"caches":%s}\n' $(((t1 - t0) / n)) \
		"$(grown "$TMP/slab0" "$TMP/slab1")"
	say "$(fig idle) $stack N=$n run $run: $(((s1 - s0) * 1024 / n)) B of slab per connection"
}

# stream STACK RUN: single-stream TCP throughput, iperf3 (run natively,
# or moved onto tinyip by tinyip-run) for BENCH_SECS seconds.
stream()
{
	local stack=$1 run=$2 bps

	ends "$stack"
	ip netns exec $NS1 timeout 120 "${RUN_CMD[@]}" iperf3 -s -1 -B $ADDR -p $PORT \
		> "$TMP/iperf-s.log" 2>&1 &
	local srv=$!
	# Until the server listens (iperf3 has no "ready" of its own; under
	# tinyip-run it takes seconds to start). With -J, iperf3 exits 0 even
	# when it could not connect.
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		sleep 1
		ip netns exec $NS2 timeout 120 "${RUN_CMD[@]}" iperf3 -c $ADDR -p $PORT \
			-t "${BENCH_SECS:-5}" -J > "$TMP/iperf.json" 2>&1
		grep -q "Connection refused" "$TMP/iperf.json" || break
	done
	wait $srv
	bps=$(jq '.end.sum_received.bits_per_second | floor' "$TMP/iperf.json")
	[[ $bps =~ ^[0-9]+$ ]] ||
		die "$stack iperf3: no throughput: $(jq -r '.error // empty' "$TMP/iperf.json")" \
			"(server: $(head -c 300 "$TMP/iperf-s.log"))"
	printf 'BENCH {"figure":"%s","stack":"%s","run":%d,"bps":%d}\n' "$(fig stream)" \
		"$stack" "$run" "$bps"
	say "$(fig stream) $stack run $run: $((bps / 1000000)) Mbit/s"
}

# rate STACK KIND RUN: tools/bench/rr's KIND (ping: 1-byte request and
# response on one connection; connect: a connection per transaction)
# for BENCH_SECS seconds, against rr's server on the other end.
rate()
{
	local stack=$1 kind=$2 run=$3 out

	ends "$stack"
	rr_listen server
	out=$(ip netns exec $NS2 "$RR" -f $FAM -p $PORT -t "${BENCH_SECS:-5}" $kind $ADDR 2>&1) ||
		die "$stack rr $kind: $out"
	kill $RR_PID
	wait $RR_PID 2> /dev/null
	exec {RR_FD}<&-
	[[ $out =~ per_sec\ ([0-9]+)$ ]] || die "$stack rr $kind: '$out'"
	printf 'BENCH {"figure":"%s","stack":"%s","run":%d,"per_sec":%d}\n' \
		"$kind" "$stack" "$run" "${BASH_REMATCH[1]}"
	say "$kind $stack run $run: ${BASH_REMATCH[1]} per second"
}

# udp STACK RUN: small UDP datagrams delivered per second, rr blast in
# one namespace against rr sink in the other, BENCH_SECS seconds.
udp()
{
	local stack=$1 run=$2 out

	ends "$stack"
	rr_listen sink
	out=$(ip netns exec $NS2 "$RR" -f $FAM -p $PORT -t "${BENCH_SECS:-5}" blast $ADDR 2>&1) ||
		die "$stack rr blast: $out"
	read -t 60 -r out <&$RR_FD
	wait $RR_PID
	exec {RR_FD}<&-
	[[ $out =~ per_sec\ ([0-9]+)$ ]] || die "$stack rr sink: '$out'"
	printf 'BENCH {"figure":"udp","stack":"%s","run":%d,"per_sec":%d}\n' \
		"$stack" "$run" "${BASH_REMATCH[1]}"
	say "udp $stack run $run: ${BASH_REMATCH[1]} datagrams per second delivered"
}

# rawconn NS COMMAND: COMMAND to tinyip_rawconn.ko, from namespace NS
# (bash's echo names the errno the module returned; dash's does not).
rawconn()
{
	ip netns exec "$1" bash -c "echo '$2' > $RAWCONN" ||
		die "tinyip_rawconn '$2' failed; it holds: $(cat $RAWCONN)"
}

# raw STACK N RUN: one measurement of N idle fd-less connections, opened
# by tinyip_rawconn.ko. The listener is made before the baseline, so
# only the connections count.
raw()
{
	local stack=$1 n=$2 run=$3 s0 a0 u0 s1 a1 u1 t0=0 t1=0 t2=0 pcb

	ends "$stack"
	rawconn $NS1 "$stack listen $ADDR $PORT"
	settle
	s0=$(meminfo Slab) a0=$(meminfo MemAvailable) u0=$(meminfo SUnreclaim)
	slabs > "$TMP/slab0"
	[ "$stack" = tinyip ] && t0=$(($(used $NS1) + $(used $NS2)))
	rawconn $NS2 "$stack connect $ADDR $PORT $n"
	settle
	s1=$(meminfo Slab) a1=$(meminfo MemAvailable) u1=$(meminfo SUnreclaim)
	slabs > "$TMP/slab1"
	[ "$stack" = tinyip ] && t1=$(($(used $NS1) + $(used $NS2)))
	echo close > $RAWCONN || die "tinyip_rawconn close"
	if [ "$stack" = tinyip ]; then
		settle
		# Back to the baseline less the listener, or something leaked.
		t2=$(($(used $NS1) + $(used $NS2)))
		[ $t2 -lt $t0 ] || die "tinyip budget: $t0 B before, $t2 B after close"
	fi
	pcb=$(awk '$1 == "tinyip_tcp_pcb" { print $4 }' /proc/slabinfo)
	printf 'BENCH {"figure":"raw","stack":"%s","n":%d,"run":%d,' "$stack" "$n" "$run"
	printf '"slab_kb":%d,"sunreclaim_kb":%d,"avail_kb":%d,"per_end":%d,"per_end_avail":%d,' \
		$((s1 - s0)) $((u1 - u0)) $((a0 - a1)) $(((s1 - s0) * 512 / n)) \
		$(((a0 - a1) * 512 / n))
	printf '"budget_per_end":%d,"pcb_slab_object":%d,"caches":%s}\n' \
		$(((t1 - t0) / (2 * n))) "${pcb:-0}" "$(grown "$TMP/slab0" "$TMP/slab1")"
	say "raw $stack N=$n run $run: $(((s1 - s0) * 512 / n)) B of slab per connection end"
}

# kernel_used: kB the kernel holds beyond the page cache and programs'
# pages (see "flows" above), and kB of slab. Pages waiting on the
# per-CPU free lists (the "count" of each pageset in /proc/zoneinfo) are
# free, though MemFree leaves them out: they come and go by megabytes.
kernel_used()
{
	local k v total=0 free=0 bufs=0 cached=0 anon=0 slab=0 pcp=0

	while read -r k v _; do
		case $k in
		MemTotal:) total=$v ;;
		MemFree:) free=$v ;;
		Buffers:) bufs=$v ;;
		Cached:) cached=$v ;;
		AnonPages:) anon=$v ;;
		Slab:) slab=$v ;;
		esac
	done < /proc/meminfo
	while read -r k v _; do
		[ "$k" = count: ] && pcp=$((pcp + v))
	done < /proc/zoneinfo
	echo $((total - free - pcp * PAGE_KB - bufs - cached - anon)) $slab
}

# sampler: until $TMP/stop exists, the peaks of kernel_used (both) and
# of the native stack's TCP memory (pages, /proc/net/sockstat).
sampler()
{
	local peak=0 speak=0 tpeak=0 k s f

	while [ ! -e "$TMP/stop" ]; do
		read -r k s <<< "$(kernel_used)"
		[ "$k" -gt "$peak" ] && peak=$k
		[ "$s" -gt "$speak" ] && speak=$s
		while read -r -a f; do
			[ "${f[0]:-}" = TCP: ] && [ "${f[10]:-0}" -gt "$tpeak" ] && tpeak=${f[10]}
		done < /proc/net/sockstat
		sleep 0.2
	done
	echo "$peak" "$speak" "$tpeak"
}

# peak NS: the most bytes NS's tinyip instance ever had charged.
peak() { "$TINYIP" -n "$1" -j config show | jq '.mem_peak // 0'; }

# flows STACK RUN: 100 concurrent bulk flows, iperf3 -P 100 for
# BENCH_SECS seconds between two namespaces of their own.
flows()
{
	local stack=$1 run=$2 a=f${1:0:1}${2}a b=f${1:0:1}${2}b srv smp k0 s0 u0=0 pk spk tpk own bps

	pair "$stack" "$a" "$b" vfa vfb 203.0.113 2001:db8:f
	PORT=$((PORT + 1))
	RUN_CMD=()
	[ "$stack" = tinyip ] && RUN_CMD=("$REPO/tools/preload/tinyip-run")
	ip netns exec "$a" timeout 180 "${RUN_CMD[@]}" iperf3 -s -1 -B 203.0.113.1 -p $PORT \
		> "$TMP/iperf-s.log" 2>&1 &
	srv=$!
	# iperf3 has no "ready"; under tinyip-run it takes seconds to start.
	sleep 3
	settle
	read -r k0 s0 <<< "$(kernel_used)"
	[ "$stack" = tinyip ] && u0=$(($(used "$a") + $(used "$b")))
	rm -f "$TMP/stop"
	sampler > "$TMP/peak" &
	smp=$!
	for _ in 1 2 3 4 5 6 7 8 9 10; do
		ip netns exec "$b" timeout 180 "${RUN_CMD[@]}" iperf3 -c 203.0.113.1 -p $PORT \
			-P 100 -t "${BENCH_SECS:-5}" -J > "$TMP/iperf.json" 2>&1
		grep -q "Connection refused" "$TMP/iperf.json" || break
		sleep 1
	done
	touch "$TMP/stop"
	wait $smp
	wait $srv
	read -r pk spk tpk < "$TMP/peak"
	bps=$(jq '.end.sum_received.bits_per_second | floor' "$TMP/iperf.json")
	[[ $bps =~ ^[0-9]+$ ]] ||
		die "$stack iperf3 -P 100: no throughput: $(jq -r '.error // empty' "$TMP/iperf.json")" \
			"(server: $(head -c 300 "$TMP/iperf-s.log"))"
	own=$((tpk * 4))
	[ "$stack" = tinyip ] && own=$((($(peak "$a") + $(peak "$b") - u0) / 1024))
	printf 'BENCH {"figure":"flows","stack":"%s","run":%d,"streams":100,"bps":%d,' \
		"$stack" "$run" "$bps"
	printf '"peak_kb":%d,"slab_peak_kb":%d,"stack_peak_kb":%d}\n' $((pk - k0)) \
		$((spk - s0)) "$own"
	say "flows $stack run $run: $((bps / 1000000)) Mbit/s, peak $(((pk - k0) / 1024)) MiB" \
		"of kernel memory (the stack's own account: $((own / 1024)) MiB)"
}

# on FIGURE: whether BENCH_FIGURES has FIGURE.
on() { [[ $FIGURES == *" $1 "* ]]; }

TMP=$(mktemp -d)
mkfifo "$TMP/hold" "$TMP/srv" "$TMP/cli"
# per_n FIGURE: FIGURE STACK N RUN for every N and run, stacks in turn.
per_n()
{
	local n run

	for n in $NS; do
		for run in $(seq "$RUNS"); do
			"$1" native "$n" "$run"
			"$1" tinyip "$n" "$run"
		done
	done
}

on idle && per_n idle
if on raw; then
	max=0
	for n in $NS; do [ "$n" -gt "$max" ] && max=$n; done
	modprobe tinyip_rawconn max_conns="$max" || die "modprobe tinyip_rawconn"
	per_n raw
	rmmod tinyip_rawconn || die "rmmod tinyip_rawconn"
fi
if on stream; then
	for run in $(seq "$RUNS"); do
		stream native "$run"
		stream tinyip "$run"
	done
fi
for kind in ping connect; do
	on $kind || continue
	for run in $(seq "$RUNS"); do
		rate native $kind "$run"
		rate tinyip $kind "$run"
	done
done
if on udp; then
	for run in $(seq "$RUNS"); do
		udp native "$run"
		udp tinyip "$run"
	done
fi
if on flows; then
	for run in $(seq "$RUNS"); do
		flows native "$run"
		flows tinyip "$run"
	done
fi
# IPv6: memory per connection at the smallest N, and throughput.
if on ip6; then
	IP=6
	for run in $(seq "$RUNS"); do
		idle native "${NS%% *}" "$run"
		idle tinyip "${NS%% *}" "$run"
	done
	for run in $(seq "$RUNS"); do
		stream native "$run"
		stream tinyip "$run"
	done
	IP=4
fi
