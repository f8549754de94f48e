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
# tip ARGS...: the tinyip command in the tinyip namespace (-n: one
# program, where ip netns exec would start two).
tip() { "$TINYIP" -n $NS_TIP "$@"; }

# ns_kill NS: signals every process in network namespace NS. Pure shell:
# on the debug kernel each program started costs about a second, and
# "ip netns pids | xargs kill" ran after every case.
ns_kill()
{
	local p
	[ -e "/run/netns/$1" ] || return 0
	for p in /proc/[0-9]*; do
		[ "$p/ns/net" -ef "/run/netns/$1" ] && kill "${p#/proc/}" 2> /dev/null
	done
	return 0
}

topo_cleanup()
{
	local ns
	for ns in $NS_NAT $NS_TIP $NS_FAR; do
		ns_kill $ns
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
	tip config set forwarding on > /dev/null || fail "tinyip config set forwarding on"
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

# E2: helpers of net_forward, net_modes, net_arp, net_malformed and
# net_teardown.

# need_cmd CMD...: skips when a Debian tool of the test is missing.
need_cmd()
{
	local c
	for c; do
		command -v "$c" > /dev/null || skip "$c is not installed (make deps)"
	done
}

# wait_until SECONDS CMD...: polls CMD until it succeeds; 1 on timeout.
wait_until()
{
	local end=$((SECONDS + $1))
	shift
	until "$@"; do
		[ $SECONDS -lt $end ] || return 1
		sleep 0.2
	done
}

# wait_eq SECS WANT CMD...: until CMD's output is WANT. CMD runs afresh
# each time; wait_until SECS test "$(CMD)" = WANT would compare the
# first output only.
output_is()
{
	[ "$("${@:2}")" = "$1" ]
}

wait_eq()
{
	local secs=$1
	shift
	wait_until "$secs" output_is "$@"
}

# ping_ok NS DST [PING ARGS]: an echo to DST is answered within a few
# tries (the first may wait for ARP on either side).
ping_ok()
{
	local ns=$1 dst=$2 i
	shift 2
	for i in 1 2 3 4 5; do
		ip netns exec "$ns" ping -n -c 1 -W 2 "$@" "$dst" > /dev/null 2>&1 &&
			return 0
	done
	return 1
}

# tip_link DEV FIELD: a field of the JSON link object of DEV.
tip_link()
{
	tip -j link show dev "$1" | jq -r ".[0].$2"
}

# drop_total REASON: receive plus transmit drops of REASON over all links,
# for drops whose counting link is an implementation choice.
drop_total()
{
	tip -j -s link show |
		jq -r "[.[] | (.rx_drops[\"$1\"] // 0) + (.tx_drops[\"$1\"] // 0)] | add // 0"
}

# mem_used [NS]: bytes charged to the memory budget of the instance.
mem_used()
{
	"$TINYIP" -n "${1:-$NS_TIP}" -j config show | jq -r .mem_used
}

# mem_but_neigh: used less the neighbour entries, which come and go with
# ARP and ND on their own.
mem_but_neigh()
{
	tip -j stats show mem | jq -r '.memory.used - .memory.neigh.used'
}

# still_carries_tcp WHAT: after WHAT was done to tinyip, it still carries
# 1 MB to a native listener, byte for byte.
still_carries_tcp()
{
	local lpid
	in_nat socat -u TCP-LISTEN:7100,reuseaddr OPEN:/tmp/carry-in,creat,trunc &
	lpid=$!
	# socat takes seconds to start on a loaded debug kernel.
	wait_until 30 tcp_listening $NS_NAT 7100 || fail "no native listener"
	head -c 1000000 /dev/urandom > /tmp/carry-out
	in_tip "$SELFTESTS/tip_tcp" -t 60 send $NAT_ADDR 7100 /tmp/carry-out 2> /dev/null ||
		fail "tinyip no longer carries TCP after $1"
	wait $lpid
	expect_eq "TCP after $1" "$(sha256sum < /tmp/carry-in)" \
		"$(sha256sum < /tmp/carry-out)"
}

# slab_objs CACHE: objects in use in one of tinyip's slab caches, after
# flushing the per-CPU slabs (whose free objects slabinfo counts as in
# use); "gone" once the cache no longer exists.
slab_objs()
{
	[ -e "/sys/kernel/slab/$1" ] || { echo gone; return; }
	echo 1 > "/sys/kernel/slab/$1/shrink" 2> /dev/null
	awk -v c="$1" '$1 == c { print $2; f = 1 } END { if (!f) print "merged" }' \
		/proc/slabinfo
}

# slab_snap: the in-use counts of tinyip's caches: the sockets' and the
# PCBs'.
slab_snap()
{
	echo "TINYIP_TCP=$(slab_objs TINYIP_TCP) tinyip_tcp_pcb=$(slab_objs tinyip_tcp_pcb)"
}

# mem_baseline: mem_used of a fresh instance (no link but loopback).
mem_baseline()
{
	local b
	ip netns add tip-base || fail "ip netns add tip-base"
	b=$(mem_used tip-base)
	ip netns del tip-base
	echo "$b"
}

# cap_start NS DEV FILTER...: tcpdump on DEV into $CAP_FILE, returning
# once it listens; cap_stop ends it; cap_dump decodes what it caught.
# --immediate-mode: without it libpcap hands over packets a ring block
# at a time, up to a second late, and a capture stopped within that
# second after a short transfer loses all of it.
cap_start()
{
	local ns=$1 dev=$2
	shift 2
	CAP_FILE=$(mktemp /tmp/e2cap.XXXXXX)
	ip netns exec "$ns" tcpdump -Z root --immediate-mode -i "$dev" -n -U -w "$CAP_FILE" "$@" \
		2> "$CAP_FILE.err" &
	CAP_PID=$!
	wait_until 30 grep -q "listening on" "$CAP_FILE.err" ||
		fail "tcpdump on $dev did not start: $(cat "$CAP_FILE.err")"
}

cap_stop()
{
	kill -INT "$CAP_PID" 2> /dev/null
	wait "$CAP_PID" 2> /dev/null
}

cap_dump()
{
	tcpdump -r "$CAP_FILE" -nn -e -v 2> /dev/null
}

# expect_error WHAT REGEX CMD...: CMD fails with status 1 and a message
# matching REGEX (case-insensitive) on stderr.
expect_error()
{
	local what=$1 re=$2 err rc
	shift 2
	err=$("$@" 2>&1 > /dev/null)
	rc=$?
	[ $rc = 1 ] || fail "$what: exit status $rc, want 1 (stderr: $err)"
	printf '%s\n' "$err" | grep -Eiq -- "$re" ||
		fail "$what: message '$err' does not match /$re/"
}

# dmesg_mark, then dmesg_clean WHAT: no kernel splat since the mark.
dmesg_mark()
{
	DMESG_LINES=$(klog_lines)
}

dmesg_clean()
{
	local splat
	splat=$(klog_splats "$DMESG_LINES" | head -n 5)
	[ -z "$splat" ] || fail "$1: kernel splat: $splat"
}

# E1: helpers of the tests against native peers (net_ping, net_udp, ...).
TIP_UDP="$SELFTESTS/tip_udp"
TIP_PING="$SELFTESTS/tip_ping"
TIP_SOCKOPT="$SELFTESTS/tip_sockopt"
TIP_DUAL="$SELFTESTS/tip_dual"

# e1_tmp: a scratch directory for the test's files, in $T.
e1_tmp()
{
	T=$(mktemp -d /tmp/tinyip-e1.XXXXXX) || fail "mktemp"
}

# wait_file FILE REGEX [SECONDS]: waits until a line of FILE matches.
wait_file()
{
	local i
	for i in $(seq $((${3:-10} * 10))); do
		grep -Eq -- "$2" "$1" 2> /dev/null && return 0
		sleep 0.1
	done
	fail "no /$2/ in $1 after ${3:-10} s: $(tail -n 3 "$1" 2> /dev/null)"
}

# snmp NS GROUP FIELD: a counter of /proc/net/snmp in namespace NS.
snmp()
{
	ip netns exec "$1" awk -v g="$2:" -v f="$3" \
		'$1 == g && !n { for (i = 2; i <= NF; i++) h[i] = $i; n = 1; next }
		 $1 == g { for (i = 2; i <= NF; i++) if (h[i] == f) print $i }' \
		/proc/net/snmp
}

# capture_start NS DEV FILE [FILTER...]: tcpdump into FILE until
# capture_stop; returns once tcpdump listens. The filter must let UDP
# through: capture_stop ends with a broadcast from ns nat.
capture_start()
{
	local ns=$1 dev=$2
	CAPTURE_FILE=$3
	shift 3
	ip netns exec "$ns" tcpdump -Z root --immediate-mode -U -n -i "$dev" -w "$CAPTURE_FILE" "$@" \
		2> "$CAPTURE_FILE.log" &
	CAPTURE_PID=$!
	wait_file "$CAPTURE_FILE.log" "listening on"
}

# capture_stop: once the capture holds a last broadcast sent after the
# test's traffic, it holds all of that traffic; then stops tcpdump.
capture_stop()
{
	local i
	for i in $(seq 50); do
		printf end | in_nat socat -u - UDP4-DATAGRAM:192.0.2.255:9,broadcast
		tcpdump -n -r "$CAPTURE_FILE" 'udp dst port 9 and dst host 192.0.2.255' \
			2> /dev/null | grep -q . && break
		sleep 0.1
	done
	kill -INT "$CAPTURE_PID" 2> /dev/null
	wait "$CAPTURE_PID" 2> /dev/null
}

# capture_wait REGEX [BPF...]: waits until a line of tcpdump -v's
# decoding of the capture so far matches REGEX (tcpdump starts faster
# than tshark in a slow guest).
capture_wait()
{
	local re=$1 i
	shift
	for i in $(seq 100); do
		tcpdump -n -v -r "$CAPTURE_FILE" "$@" 2> /dev/null | grep -Eq -- "$re" &&
			return 0
		sleep 0.1
	done
	fail "no /$re/ in the capture after 10 s"
}

# decode FILE DISPLAY-FILTER FIELD...: one line per matching frame, the
# fields separated by "|" (several values of one field by ","); tshark
# starts slowly, so tests decode once and sift with awk. DECODE_OPTS
# holds extra tshark options (-o PREF:VALUE).
DECODE_OPTS=()
decode()
{
	local file=$1 filter=$2 args=() f
	shift 2
	for f in "$@"; do
		args+=(-e "$f")
	done
	tshark -n -r "$file" "${DECODE_OPTS[@]}" -Y "$filter" -T fields \
		-E separator='|' "${args[@]}" 2> /dev/null
}

# lo_stat NAME: a counter (rx_packets, ...) of tinyip's loopback link.
lo_stat()
{
	tip -j -s link show |
		jq -r ".[] | select(.mode == \"loopback\") | .stats.$1"
}

# ---- TCP helpers (H7: net_tcp, net_tcp_netem, net_tcp_pmtu) ----
# Transfers move tip_tcp's "@SIZE" pattern (tip_tcp gen SIZE makes the
# same bytes), so no big file sits in the guest's memory; both ends pipe
# what they got through sha256sum.
TIP_TCP="$SELFTESTS/tip_tcp"
# Timeouts only bound a stuck run; the KASAN kernel is about 5x slower.
TCP_SLOW=1
[ "${TINYIP_KERNEL:-}" = debug ] && TCP_SLOW=5

# tcp_tmp: the scratch directory $T, removed at exit by tcp_cleanup.
tcp_tmp()
{
	T=$(mktemp -d /tmp/tinyip-tcp.XXXXXX) || fail "mktemp"
}

# tcp_cleanup: ends the test's namespaces (topo_cleanup) and the extra
# ones in $TCP_EXTRA_NS, and removes $T.
TCP_EXTRA_NS=""
tcp_cleanup()
{
	local ns
	for ns in $TCP_EXTRA_NS; do
		ns_kill "$ns"
		ip netns del "$ns" 2> /dev/null
	done
	topo_cleanup
	[ -n "${T:-}" ] && rm -rf "$T"
}

# tcp_bytes SIZE: SIZE (with K/M/G) in bytes.
tcp_bytes()
{
	numfmt --from=iec "$1"
}

# tcp_timeout SIZE: seconds a transfer of SIZE may take before it counts
# as stuck (a 4 s per MB floor that no working stack comes near).
tcp_timeout()
{
	echo $(((30 + $(tcp_bytes "$1") / 262144) * TCP_SLOW))
}

# tcp_sha SIZE [SEED]: the sha256 of the @SIZE pattern (kept in $T).
tcp_sha()
{
	local f="$T/pattern-$1-${2:-0}.sha"
	[ -s "$f" ] || "$TIP_TCP" -s "${2:-0}" gen "$1" | sha256sum | cut -d' ' -f1 > "$f"
	cat "$f"
}

# tcp_gen SIZE SEED CMD...: CMD with the pattern on its stdin.
tcp_gen()
{
	local size=$1 seed=$2
	shift 2
	"$TIP_TCP" -s "$seed" gen "$size" | "$@"
}

# tcp_run TAG CMD...: runs CMD with its stdout hashed into $T/TAG.sha,
# its stderr in $T/TAG.log and its exit status in $T/TAG.rc; returns
# that status. tcp_bg TAG CMD... does the same in the background (PID in
# TCP_BG_PID); every CMD carries its own timeout.
tcp_run()
{
	local tag=$1
	shift
	"$@" 2> "$T/$tag.log" | sha256sum | cut -d' ' -f1 > "$T/$tag.sha"
	echo "${PIPESTATUS[0]}" > "$T/$tag.rc"
	return "$(cat "$T/$tag.rc")"
}

tcp_bg()
{
	tcp_run "$@" &
	TCP_BG_PID=$!
}

# tcp_log TAG: the last lines of TAG's stderr, for failure messages.
tcp_log()
{
	tail -n 4 "$T/$1.log" 2> /dev/null | tr '\n' ' '
}

# tcp_wait TAG: waits for the background TAG; fails unless it exited 0.
tcp_wait()
{
	wait "$TCP_BG_PID"
	[ "$(cat "$T/$1.rc" 2> /dev/null)" = 0 ] ||
		fail "$1 exited $(cat "$T/$1.rc" 2> /dev/null): $(tcp_log "$1")"
}

# tcp_expect_sha WHAT TAG SHA: TAG's output hashes to SHA.
tcp_expect_sha()
{
	[ "$(cat "$T/$2.sha")" = "$3" ] ||
		fail "$1: data differs (sha256 $(cat "$T/$2.sha"), want $3): $(tcp_log "$2")"
}

# tcp_listening NS PORT: a native TCP listener on PORT in NS.
tcp_listening()
{
	ip netns exec "$1" ss -Hltn "sport = :$2" | grep -q .
}

# tcp_wait_native NS PORT: waits until the native listener is up.
tcp_wait_native()
{
	# Python servers can take many seconds to start on a busy TCG guest.
	wait_until $((30 * TCP_SLOW)) tcp_listening "$1" "$2" ||
		fail "no native listener on port $2 in $1"
}

# tcp_wait_tip TAG: waits until tip_tcp's listener of TAG is up.
tcp_wait_tip()
{
	wait_file "$T/$1.log" '^listening' $((10 * TCP_SLOW))
}

# tcp_info TAG KEY: a value of tip_tcp -i / -v output (key=value).
tcp_info()
{
	sed -n "s/^$2=//p" "$T/$1.log" | tail -n 1
}

# tcp_stats_ok: `tinyip stats` exists (the counters can be read).
tcp_stats_ok()
{
	tip -j stats > /dev/null 2>&1
}

# tcp_stat NAME: a counter of `tinyip stats` (TcpActiveOpens, ...).
tcp_stat()
{
	tip -j stats | jq -r ".$1 // \"missing\""
}

# tcp_socks: tinyip's TCP endpoints, one line each, without the header
# (empty when `tinyip sock show` does not exist yet).
tcp_socks()
{
	tip sock show tcp 2> /dev/null | grep -v '^Netid'
}

# tcp_reap NS...: kills what still runs in the namespaces (after a
# failed case) and reaps the background jobs.
tcp_reap()
{
	local ns
	for ns; do
		ns_kill "$ns"
	done
	wait 2> /dev/null
}

# tcp_case NAME FUNC [ARG...]: one case of a script, run in a subshell so
# that its failure ends only the case; prints "ok N - NAME" or "not ok"
# and counts failures in TCP_FAILED. The script ends with tcp_done.
TCP_CASES=0
TCP_FAILED=0
tcp_case()
{
	local name=$1 rc start=$SECONDS
	shift
	TCP_CASES=$((TCP_CASES + 1))
	( trap - EXIT; "$@" )
	rc=$?
	tcp_reap $NS_NAT $NS_TIP $NS_FAR $TCP_EXTRA_NS
	case $rc in
	0) echo "ok $TCP_CASES - $name ($((SECONDS - start)) s)" ;;
	4) echo "ok $TCP_CASES - $name # SKIP" ;;
	*)
		echo "not ok $TCP_CASES - $name ($((SECONDS - start)) s)"
		TCP_FAILED=$((TCP_FAILED + 1))
		;;
	esac
}

tcp_done()
{
	echo "# $((TCP_CASES - TCP_FAILED)) of $TCP_CASES cases passed"
	[ $TCP_FAILED = 0 ] || exit 1
	exit 0
}
