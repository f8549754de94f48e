#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tinyip-run (tools/preload): unmodified socat, nc, curl, python3's
# http.server and iperf3 carried over tinyip against the same programs on
# the native stack, both ways, with the data checked by sha256. Every case
# also proves that the program's socket really was AF_TINYIP: sockfs names
# each socket after its protocol (the system.sockprotoname attribute of
# /proc/PID/fd/N), tinyip's are TINYIP_*, so a case cannot pass on the
# native stack by accident. Cases run one by one, each printing a TAP-like
# line; a case skips only when its tool is not installed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest

RUN="$REPO/tools/preload/tinyip-run"
[ -x "$RUN" ] && [ -f "$REPO/tools/preload/libtinyip-preload.so" ] ||
	fail "tinyip-run is not built (make tools)"

# tinyip_sock PID [LOG]: waits until PID or a descendant holds an
# AF_TINYIP socket; fails, showing the end of LOG, if one holds a native
# inet socket, or if PID ends first.
tinyip_sock()
{
	local out
	out=$(python3 - "$1" 30 2>&1 <<-'EOF'
	import os, sys, time

	pid, limit = int(sys.argv[1]), float(sys.argv[2])
	NATIVE = {"TCP", "TCPv6", "UDP", "UDPv6", "UDP-Lite", "UDP-Litev6",
	          "RAW", "RAWv6", "PING", "PINGv6", "MPTCP", "MPTCPv6"}

	def stat(p):
	    try:
	        with open(f"/proc/{p}/stat") as f:
	            rest = f.read().rsplit(")", 1)[1].split()
	        return rest[0], int(rest[1])
	    except (OSError, IndexError):
	        return None, None

	def tree(root):
	    kids = {}
	    for d in os.listdir("/proc"):
	        if d.isdigit():
	            kids.setdefault(stat(d)[1], []).append(int(d))
	    out, todo = [], [root]
	    while todo:
	        p = todo.pop()
	        out.append(p)
	        todo += kids.get(p, [])
	    return out

	def names(p):
	    d, res = f"/proc/{p}/fd", []
	    try:
	        fds = os.listdir(d)
	    except OSError:
	        return res
	    for fd in fds:
	        path = f"{d}/{fd}"
	        try:
	            if os.readlink(path).startswith("socket:"):
	                v = os.getxattr(path, "system.sockprotoname")
	                res.append(v.rstrip(b"\0").decode())
	        except OSError:
	            pass
	    return res

	end = time.monotonic() + limit
	while True:
	    state = stat(pid)[0]
	    if state in (None, "Z", "X"):
	        sys.exit(f"process {pid} ended before it held an AF_TINYIP socket")
	    found = [n for p in tree(pid) for n in names(p)]
	    native = [n for n in found if n in NATIVE]
	    if native:
	        sys.exit(f"process {pid} holds native sockets: {native}")
	    if any(n.startswith("TINYIP") for n in found):
	        print("sockets of", pid, ":", " ".join(sorted(found)))
	        sys.exit(0)
	    if time.monotonic() > end:
	        sys.exit(f"process {pid}: no AF_TINYIP socket in {limit} s: {found}")
	    time.sleep(0.05)
	EOF
	) || fail "$out${2:+: $(tail -n 5 "$2" 2> /dev/null)}"
	echo "$out"
}

# wait_listen NS PORT: a native TCP listener is up on PORT.
wait_listen()
{
	wait_until 20 sh -c "ip netns exec $1 ss -Hltn 'sport = :$2' | grep -q ." ||
		fail "nothing listens on native port $2"
}

# same_data WHAT FILE1 FILE2
same_data()
{
	local a b
	a=$(sha256sum < "$2" | cut -d' ' -f1)
	b=$(sha256sum < "$3" | cut -d' ' -f1)
	[ "$a" = "$b" ] ||
		fail "$1: sha256 differs ($(stat -c %s "$3") of $(stat -c %s "$2") bytes)"
}

# iperf3_ok WHAT JSON: the run ended without error and moved data.
iperf3_ok()
{
	local err bytes
	err=$(jq -r '.error // empty' "$2" 2> /dev/null)
	[ -z "$err" ] || fail "$1: iperf3 error: $err"
	bytes=$(jq -r '.end.sum_received.bytes // 0' "$2" 2> /dev/null)
	[ "${bytes%.*}" -gt 0 ] 2> /dev/null ||
		fail "$1: no bytes received ($(head -c 300 "$2"))"
	echo "$1: $bytes bytes"
}

# Without tinyip, a moved socket fails once, with one clear message;
# --fallback gives the native socket. Runs before the module is loaded.
case_absent()
{
	local out py='import socket, os
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
print(os.getxattr(f"/proc/self/fd/{s.fileno()}", "system.sockprotoname").rstrip(b"\0").decode())'

	unload
	no_autoload
	trap 'echo "$SAVED_MODPROBE" > /proc/sys/kernel/modprobe; rm -rf "$T"' EXIT
	out=$("$RUN" python3 -c "$py" 2>&1) && fail "a socket without tinyip: $out"
	expect_match "message without tinyip" "$out" "AF_TINYIP\) is not available"
	expect_match "errno without tinyip" "$out" "Address family not supported"
	out=$("$RUN" --fallback python3 -c "$py" 2>&1) || fail "--fallback: $out"
	expect_eq "--fallback socket" "$out" UDP
}

# The default moves AF_INET only; SO_DOMAIN reports the family asked for.
case_families()
{
	local out py='import fcntl, os, socket
def proto(s):
    return os.getxattr(f"/proc/self/fd/{s.fileno()}", "system.sockprotoname").rstrip(b"\0").decode()
for fam in (socket.AF_INET, socket.AF_INET6):
    s = socket.socket(fam, socket.SOCK_DGRAM | socket.SOCK_NONBLOCK)
    dom = socket.AddressFamily(s.getsockopt(socket.SOL_SOCKET, socket.SO_DOMAIN))
    nb = bool(fcntl.fcntl(s.fileno(), fcntl.F_GETFL) & os.O_NONBLOCK)
    print(fam.name, proto(s), dom.name, "nonblock" if nb else "blocking")'

	out=$(in_tip "$RUN" python3 -c "$py" 2>&1) || fail "default families: $out"
	echo "$out"
	expect_match "default, AF_INET" "$out" "^AF_INET TINYIP_UDP AF_INET nonblock$"
	expect_match "default, AF_INET6" "$out" "^AF_INET6 UDPv6 AF_INET6 nonblock$"
	out=$(in_tip "$RUN" --families inet6 python3 -c "$py" 2>&1) ||
		fail "--families inet6: $out"
	expect_match "inet6, AF_INET" "$out" "^AF_INET UDP AF_INET nonblock$"
	expect_match "inet6, AF_INET6" "$out" "^AF_INET6 TINYIP_UDP AF_INET6 nonblock$"
	# A moved AF_INET6 socket is IPv6 from the start: a dual one named
	# as sockaddr_in6 before bind, as on Linux (bindv6only=0).
	out=$(in_tip "$RUN" --families inet6 python3 -c 'import socket
s = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
print(s.getsockname(), s.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY))' 2>&1) ||
		fail "AF_INET6 getsockname: $out"
	expect_eq "moved AF_INET6 socket before bind" "$out" "('::', 0, 0, 0) 0"
	out=$(in_tip "$RUN" --debug python3 -c \
		'import socket; socket.socket(socket.AF_INET, socket.SOCK_STREAM)' 2>&1) ||
		fail "--debug: $out"
	expect_match "--debug log" "$out" \
		"^tinyip-run: socket\(AF_INET, 0x[0-9a-f]+, 0\) -> AF_TINYIP \([0-9]+\), fd [0-9]+$"
}

# tinyip-run socat client -> native socat UDP echo server.
case_socat_udp_out()
{
	mkfifo "$T/fifo"
	head -c 1400 /dev/urandom > "$T/in"
	in_nat socat -b 65536 UDP4-RECVFROM:7200,fork,reuseaddr PIPE &
	wait_until 20 sh -c "ip netns exec $NS_NAT ss -Hlun 'sport = :7200' | grep -q ." ||
		fail "native socat did not bind"
	in_tip timeout 60 "$RUN" socat -b 65536 -t 3 - UDP4:$NAT_ADDR:7200 \
		< "$T/fifo" > "$T/out" 2> "$T/err" &
	local pid=$!
	exec 3> "$T/fifo"
	tinyip_sock $pid "$T/err"
	cat "$T/in" >&3
	exec 3>&-
	wait $pid || fail "tinyip-run socat: $(cat "$T/err")"
	same_data "UDP echo from native" "$T/in" "$T/out"
}

# native socat client -> tinyip-run socat UDP echo server.
case_socat_udp_in()
{
	local i
	head -c 1400 /dev/urandom > "$T/in"
	in_tip timeout 120 "$RUN" socat -b 65536 UDP4-RECVFROM:7201,fork,reuseaddr PIPE \
		2> "$T/server.err" &
	tinyip_sock $! "$T/server.err"
	# The socket exists a moment before it is bound: retry a refusal.
	for i in 1 2 3 4 5; do
		in_nat socat -b 65536 -t 3 -T 10 - UDP4:$TIP_ADDR:7201 \
			< "$T/in" > "$T/out" 2> "$T/err" && break
		sleep 0.5
	done
	[ -s "$T/out" ] || fail "native socat got no echo: $(cat "$T/err" "$T/server.err")"
	same_data "UDP echo from tinyip-run socat" "$T/in" "$T/out"
}

# tinyip-run nc client -> native nc server.
case_nc_out()
{
	mkfifo "$T/fifo"
	head -c 262144 /dev/urandom > "$T/in"
	in_nat timeout 60 nc -4 -l 7300 > "$T/out" < /dev/null &
	local server=$!
	wait_listen $NS_NAT 7300
	in_tip timeout 60 "$RUN" nc -N $NAT_ADDR 7300 < "$T/fifo" > /dev/null 2> "$T/err" &
	local pid=$!
	exec 3> "$T/fifo"
	tinyip_sock $pid "$T/err"
	cat "$T/in" >&3
	exec 3>&-
	wait $pid || fail "tinyip-run nc: $(cat "$T/err")"
	wait $server || fail "native nc server failed"
	same_data "nc to native" "$T/in" "$T/out"
}

# native nc client -> tinyip-run nc server.
case_nc_in()
{
	head -c 262144 /dev/urandom > "$T/in"
	in_tip timeout 60 "$RUN" nc -4 -n -v -l 7301 > "$T/out" < /dev/null 2> "$T/server.err" &
	local server=$!
	tinyip_sock $server "$T/server.err"
	wait_file "$T/server.err" "Listening" 20
	in_nat timeout 60 nc -N $TIP_ADDR 7301 < "$T/in" > /dev/null 2> "$T/err" ||
		fail "native nc: $(cat "$T/err")"
	wait $server || fail "tinyip-run nc server: $(cat "$T/server.err")"
	same_data "nc from native" "$T/in" "$T/out"
}

# tinyip-run curl <- native python3 -m http.server: 1 MB, rate-limited so
# that the client lives long enough to be inspected.
case_curl_out()
{
	mkdir "$T/www"
	head -c 1048576 /dev/urandom > "$T/www/blob"
	in_nat python3 -m http.server --bind $NAT_ADDR --directory "$T/www" 8000 \
		> /dev/null 2>&1 &
	wait_listen $NS_NAT 8000
	in_tip timeout 120 "$RUN" curl -sS --fail --limit-rate 256k \
		-o "$T/out" http://$NAT_ADDR:8000/blob 2> "$T/err" &
	local pid=$!
	tinyip_sock $pid "$T/err"
	wait $pid || fail "tinyip-run curl: $(cat "$T/err")"
	same_data "curl from native http.server" "$T/www/blob" "$T/out"
}

# native curl <- tinyip-run python3 -m http.server.
case_curl_in()
{
	mkdir "$T/www"
	head -c 1048576 /dev/urandom > "$T/www/blob"
	in_tip timeout 120 "$RUN" python3 -u -m http.server --bind $TIP_ADDR \
		--directory "$T/www" 8001 > "$T/server.log" 2>&1 &
	tinyip_sock $! "$T/server.log"
	wait_file "$T/server.log" "Serving HTTP" 30
	in_nat timeout 60 curl -sS --fail -o "$T/out" http://$TIP_ADDR:8001/blob \
		2> "$T/err" || fail "native curl: $(cat "$T/err" "$T/server.log")"
	same_data "curl from tinyip-run http.server" "$T/www/blob" "$T/out"
}

# native curl over IPv4 <- tinyip-run python3 -m http.server --bind ::, a
# dual-stack server (its DualStackServer clears IPV6_V6ONLY itself).
case_curl_in6()
{
	mkdir "$T/www"
	head -c 65536 /dev/urandom > "$T/www/blob"
	in_tip timeout 120 "$RUN" --families inet,inet6 python3 -u -m http.server \
		--bind :: --directory "$T/www" 8002 > "$T/server.log" 2>&1 &
	tinyip_sock $! "$T/server.log"
	wait_file "$T/server.log" "Serving HTTP on :: port 8002" 30
	in_nat timeout 60 curl -4 -sS --fail -o "$T/out" http://$TIP_ADDR:8002/blob \
		2> "$T/err" || fail "native curl: $(cat "$T/err" "$T/server.log")"
	same_data "curl -4 from tinyip-run http.server on [::]" "$T/www/blob" "$T/out"
	expect_match "the server's log names the client" "$(cat "$T/server.log")" \
		"^::ffff:$NAT_ADDR - - "
}

# tinyip-run iperf3 -c -> native iperf3 -s.
case_iperf3_out()
{
	in_nat timeout 60 iperf3 -s -1 -B $NAT_ADDR -p 5201 > /dev/null 2>&1 &
	wait_listen $NS_NAT 5201
	in_tip timeout 60 "$RUN" iperf3 -c $NAT_ADDR -p 5201 -t 3 -J > "$T/out.json" 2> "$T/err" &
	local pid=$!
	tinyip_sock $pid "$T/err"
	wait $pid || fail "tinyip-run iperf3 -c: $(cat "$T/err"; jq -r '.error // empty' "$T/out.json")"
	iperf3_ok "tinyip-run iperf3 -c" "$T/out.json"
}

# native iperf3 -c -> tinyip-run iperf3 -s.
case_iperf3_in()
{
	in_tip timeout 60 "$RUN" iperf3 -s -1 -B $TIP_ADDR -p 5202 --forceflush \
		> "$T/server.log" 2>&1 &
	local server=$!
	tinyip_sock $server "$T/server.log"
	wait_file "$T/server.log" "Server listening" 30
	in_nat timeout 60 iperf3 -c $TIP_ADDR -p 5202 -t 3 -J > "$T/out.json" 2> "$T/err" ||
		fail "native iperf3 -c: $(cat "$T/err"; jq -r '.error // empty' "$T/out.json"; cat "$T/server.log")"
	iperf3_ok "native iperf3 -c to tinyip-run iperf3 -s" "$T/out.json"
	wait $server || fail "tinyip-run iperf3 -s: $(cat "$T/server.log")"
}

passed=0
failed=0
skipped=0

# run_case NAME TOOL...: runs case_NAME in a subshell (a failure ends
# only that case), after checking its tools exist; stops what it started.
run_case()
{
	local name=$1 rc
	shift
	(
		need_cmd "$@"
		T=$(mktemp -d /tmp/tinyip-run.XXXXXX) || fail "mktemp"
		# shellcheck disable=SC2064
		trap "jobs -p | xargs -r kill 2> /dev/null; wait; rm -rf '$T'" EXIT
		"case_$name"
	)
	rc=$?
	case $rc in
	0) echo "ok - $name"; passed=$((passed + 1)) ;;
	4) echo "ok - $name # SKIP"; skipped=$((skipped + 1)) ;;
	*) echo "not ok - $name"; failed=$((failed + 1)) ;;
	esac
}

run_case absent python3
topo_setup
run_case families python3
run_case socat_udp_out socat
run_case socat_udp_in socat
run_case nc_out nc
run_case nc_in nc
run_case curl_out curl python3
run_case curl_in curl python3
run_case curl_in6 curl python3
run_case iperf3_out iperf3 jq
run_case iperf3_in iperf3 jq

echo "tinyip-run: $passed passed, $failed failed, $skipped skipped"
[ $failed = 0 ] || exit 1
[ $passed -gt 0 ] || exit 4
exit 0
