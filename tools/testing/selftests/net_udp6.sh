#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# UDP and UDP-Lite over IPv6 (RFC 768, RFC 8200 8.1, RFC 3828) and the
# IPv6 socket options (RFC 3493 5, RFC 3542) between tinyip and the
# native stack. The tinyip side is an unmodified python3 program
# (udp6.py) moved onto tinyip by tinyip-run --families inet6; the same
# program is the native peer. Proves: echoes both ways, 100 bytes and
# 4000 (fragmented by each side, reassembled by the other); the sender's
# name as sockaddr_in6 and IPV6_PKTINFO's destination and ifindex; a
# datagram with a zero checksum dropped and counted (8.1); ICMPv6 port
# unreachable both ways (a connected tinyip socket gets ECONNREFUSED);
# UDP-Lite with 10-byte coverage both ways, checked on the wire; a
# multicast join that sends an MLDv2 report and then receives a native
# sender's datagram; hop limit and traffic class on the wire; option
# values and errors as on the native stack. Raw ICMPv6 (RFC 3542):
# iputils ping -6 through tinyip-run, native ping -6 still answered
# while tinyip has raw ICMPv6 sockets, and ICMP6_FILTER keeping echo
# replies from a socket that blocks them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd python3 socat tcpdump tshark
RUN="$REPO/tools/preload/tinyip-run"
[ -x "$RUN" ] || fail "tinyip-run is not built (make tools)"
PY="$SELFTESTS/udp6.py"

NAT6=2001:db8::1
TIP6=2001:db8::2
GROUP=ff0e::db8:1

# tip_py ARGS... and nat_py ARGS...: a udp6.py command on tinyip (both
# families moved, so the IPv4 error queue runs there too) and on the
# native stack, run by one "udp6.py serve" per side (a debug guest takes
# seconds to start each python3); prints the output, returns the status.
py_call()
{
	local w=$1 r=$2 line rc=
	shift 2
	printf '%q ' "$@" >&"$w"
	echo >&"$w"
	while read -t 90 -r line <&"$r"; do
		if [[ $line =~ ^=rc\ ([0-9]+)$ ]]; then
			rc=${BASH_REMATCH[1]}
			break
		fi
		echo "$line"
	done
	[ -n "$rc" ] || { echo "udp6.py serve did not finish: $*"; return 1; }
	return "$rc"
}
tip_py() { py_call 5 6 "$@"; }
nat_py() { py_call 7 8 "$@"; }
# nat_server ARGS...: a native udp6.py server for the whole test (a slow
# guest takes minutes; the namespace's teardown ends it).
nat_server() { in_nat timeout 1200 python3 -u "$PY" "$@"; }
tip_server() { in_tip timeout 1200 "$RUN" --families inet6 python3 -u "$PY" "$@"; }

usable()
{
	[ "$(tip -j addr show dev v_tip | jq -c ".[] | select(.local == \"$1\") |
		.flags | index(\"tentative\") == null")" = true ]
}

snmp6()
{
	ip netns exec "$1" awk -v f="$2" '$1 == f { print $2 }' /proc/net/snmp6
}

topo_setup
e1_tmp
mkfifo "$T/tip.in" "$T/tip.out" "$T/nat.in" "$T/nat.out"
in_tip timeout 1200 "$RUN" --families inet,inet6 python3 -u "$PY" serve \
	< "$T/tip.in" > "$T/tip.out" 2>&1 &
exec 5> "$T/tip.in" 6< "$T/tip.out"
in_nat timeout 1200 python3 -u "$PY" serve < "$T/nat.in" > "$T/nat.out" 2>&1 &
exec 7> "$T/nat.in" 8< "$T/nat.out"
dmesg_mark
in_nat ip -6 addr add $NAT6/64 dev v_nat nodad
tip addr add $TIP6/64 dev v_tip || fail "tinyip addr add $TIP6/64"
wait_until 10 usable $TIP6 || fail "$TIP6 still tentative: $(tip addr show dev v_tip)"
ping_ok $NS_NAT $TIP6 -6 || fail "native cannot ping $TIP6"
TIP_IF=$(in_tip cat /sys/class/net/v_tip/ifindex)
NAT_IF=$(in_nat cat /sys/class/net/v_nat/ifindex)

# tinyip client -> native echo server, 100 and 4000 bytes; capture the
# hop limit and traffic class of a datagram sent with options.
nat_server echo-server 7000 > "$T/nsrv" 2>&1 &
wait_file "$T/nsrv" '^bound'
cap_start $NS_NAT v_nat ip6
for size in 100 4000; do
	reasm=$(snmp6 $NS_NAT Ip6ReasmOKs)
	frags=$(snmp6 $NS_NAT Ip6FragCreates)
	out=$(tip_py echo-client $NAT6 7000 $size 2>&1) ||
		fail "tinyip -> native echo of $size bytes: $out"
	expect_eq "tinyip -> native echo of $size bytes" "$out" \
		"ok: $size bytes echoed by [$NAT6]:7000 to [$TIP6]"
	if [ $size = 4000 ]; then
		[ "$(snmp6 $NS_NAT Ip6ReasmOKs)" -gt "$reasm" ] ||
			fail "native reassembled nothing from tinyip"
		[ "$(snmp6 $NS_NAT Ip6FragCreates)" -gt "$frags" ] ||
			fail "native did not fragment its echo of 4000 bytes"
	fi
done
out=$(tip_py echo-client $NAT6 7000 33 --hops 7 --tclass 184 2>&1) ||
	fail "echo with hop limit 7 and tclass 0xb8: $out (native server: $(tail -n 3 "$T/nsrv"))"
expect_match "native echo server's view" "$(cat "$T/nsrv")" \
	"^got 4000 bytes from \[$TIP6\]:[0-9]+ scope 0, dst $NAT6 ifindex $NAT_IF$"
# The capture runs on through UDP-Lite: one tshark reads it (tshark takes
# half a minute to start in a debug guest).

# native client -> tinyip echo server on [::].
tip_server echo-server 7001 > "$T/tsrv" 2>&1 &
wait_file "$T/tsrv" '^bound'
for size in 100 4000; do
	out=$(nat_py echo-client $TIP6 7001 $size 2>&1) ||
		fail "native -> tinyip echo of $size bytes: $out"
	expect_eq "native -> tinyip echo of $size bytes" "$out" \
		"ok: $size bytes echoed by [$TIP6]:7001 to [$NAT6]"
done
# recvfrom's name and IPV6_PKTINFO on tinyip.
expect_match "tinyip echo server's view" "$(cat "$T/tsrv")" \
	"^got 4000 bytes from \[$NAT6\]:[0-9]+ scope 0, dst $TIP6 ifindex $TIP_IF$"

# A zero UDP checksum is illegal over IPv6: dropped, counted, unanswered.
csum=$(link_drop v_tip csum)
nat_py raw-zero-csum $TIP6 7001 77 || fail "could not send a zero-checksum datagram"
wait_until 5 test "$(link_drop v_tip csum)" -gt "$csum" ||
	fail "no checksum drop counted for a zero UDP checksum"
sleep 0.5
grep -q '^got 77 bytes' "$T/tsrv" && fail "the zero-checksum datagram was delivered"

# Port unreachable: native -> closed tinyip port, then tinyip -> native.
unreach=$(snmp6 $NS_NAT Icmp6InDestUnreachs)
echo x | in_nat socat -t 3 -T 3 - UDP6:[$TIP6]:7009 > /dev/null 2> "$T/err" &&
	fail "native send to a closed tinyip port got no error"
expect_match "socat to a closed tinyip port" "$(cat "$T/err")" "Connection refused"
[ "$(snmp6 $NS_NAT Icmp6InDestUnreachs)" -gt "$unreach" ] ||
	fail "native counted no ICMPv6 destination unreachable"
out=$(tip_py refused $NAT6 7009 2>&1)
expect_eq "connected tinyip socket to a closed native port" "$out" "recv: ECONNREFUSED"

# IPV6_RECVERR and IP_RECVERR: with the option, a closed port's ICMP
# error reaches even an unconnected socket, on its error queue (poll
# says POLLERR; the entry holds the quoted data, the errno, the ICMP
# type and code, the offender and the destination), field for field
# as on the native stack; without it nothing is queued.
nat_py recverr $TIP6 7010 > "$T/re6.nat" 2>&1 || fail "udp6.py recverr natively: $(cat "$T/re6.nat")"
tip_py recverr $NAT6 7010 > "$T/re6.tip" 2>&1 || fail "udp6.py recverr on tinyip: $(cat "$T/re6.tip")"
grep -q '^unconnected: .*errno ECONNREFUSED origin ICMP6 type 1 code 4 .*offender dst' "$T/re6.nat" ||
	fail "the native error queue is not as expected: $(cat "$T/re6.nat")"
diff -u "$T/re6.nat" "$T/re6.tip" || fail "tinyip's IPv6 error queue differs from the native stack's"
nat_py recverr $TIP_ADDR 7010 > "$T/re4.nat" 2>&1 ||
	fail "udp6.py recverr over IPv4 natively: $(cat "$T/re4.nat")"
tip_py recverr $NAT_ADDR 7010 > "$T/re4.tip" 2>&1 ||
	fail "udp6.py recverr over IPv4 on tinyip: $(cat "$T/re4.tip")"
grep -q '^unconnected: .*errno ECONNREFUSED origin ICMP type 3 code 3 .*offender dst' "$T/re4.nat" ||
	fail "the native IPv4 error queue is not as expected: $(cat "$T/re4.nat")"
diff -u "$T/re4.nat" "$T/re4.tip" || fail "tinyip's IPv4 error queue differs from the native stack's"
sed 's/^/# /' "$T/re6.tip" "$T/re4.tip"

# UDP-Lite with 10 bytes of coverage both ways (RFC 3828 3.1).
nat_server echo-server 7002 --lite 10 > "$T/lsrv" 2>&1 &
wait_file "$T/lsrv" '^bound'
out=$(tip_py echo-client $NAT6 7002 300 --lite 10 2>&1) ||
	fail "tinyip -> native UDP-Lite: $out"
tip_server echo-server 7003 --lite 10 > "$T/ltsrv" 2>&1 &
wait_file "$T/ltsrv" '^bound'
out=$(nat_py echo-client $TIP6 7003 300 --lite 10 2>&1) ||
	fail "native -> tinyip UDP-Lite: $out"
sleep 1
cap_stop
# next header|length|hop limit|traffic class|coverage|checksum status
DECODE_OPTS=(-o udplite.ignore_checksum_coverage:FALSE -o udplite.check_checksum:TRUE)
wire=$(decode "$CAP_FILE" "ipv6.src == $TIP6 && (udp || udplite)" ipv6.nxt udp.length \
	ipv6.hlim ipv6.tclass udp.checksum_coverage udp.checksum.status)
DECODE_OPTS=()
# 33 bytes only in the echo sent with options; 100 bytes both in the
# request of tinyip's client and in the reply of its server.
expect_eq "hop limit | traffic class on the wire" \
	"$(awk -F'|' '$1 == 17 && $2 == 41 { print $3 "|" $4 }' <<< "$wire")" "7|0x000000b8"
expect_eq "default hop limit | traffic class" \
	"$(awk -F'|' '$1 == 17 && $2 == 108 { print $3 "|" $4 }' <<< "$wire" | sort -u)" \
	"64|0x00000000"
sent=$(awk -F'|' '$1 == 136 { print $5 "|" $6 }' <<< "$wire")
expect_eq "tinyip's UDP-Lite datagrams (coverage|checksum status)" \
	"$(sort -u <<< "$sent")" "10|1"
[ "$(wc -l <<< "$sent")" -ge 2 ] || fail "tinyip sent $(wc -l <<< "$sent") UDP-Lite datagrams, want 2"

# Multicast: the join sends an MLDv2 report for the group; a native
# sender's datagram arrives with the group as its destination.
cap_start $NS_NAT v_nat ip6
tip_py mcast-recv $GROUP 7004 "$TIP_IF" > "$T/mc" 2>&1 &
mcpid=$!
wait_file "$T/mc" '^joined'
# The report sits behind a hop-by-hop header (Router Alert): grep the
# decoding rather than filter on the ICMPv6 type.
wait_until 10 eval "tcpdump -r '$CAP_FILE' -nn -v ip6 2> /dev/null |
	grep 'multicast listener report v2' | grep -q 'gaddr $GROUP to_ex'" ||
	fail "no MLDv2 report for $GROUP: $(cap_dump | tail -n 5)"
nat_py mcast-send $GROUP 7004 "$NAT_IF" --hops 5 --count 3 || fail "native multicast send"
wait $mcpid || fail "tinyip multicast receiver: $(cat "$T/mc")"
expect_match "multicast datagram on tinyip" "$(cat "$T/mc")" \
	"^got b'hello group' from \[$NAT6\] dst $GROUP ifindex $TIP_IF$"
cap_stop

# IPV6_MULTICAST_LOOP: a sender's own node hears its datagram to a group
# joined there only while the option is on, as natively.
nat_py mc-loop $GROUP 7005 "$NAT_IF" > "$T/loop.nat" 2>&1 ||
	fail "udp6.py mc-loop natively: $(cat "$T/loop.nat")"
tip_py mc-loop $GROUP 7005 "$TIP_IF" > "$T/loop.tip" 2>&1 ||
	fail "udp6.py mc-loop on tinyip: $(cat "$T/loop.tip")"
expect_eq "IPV6_MULTICAST_LOOP natively" "$(cat "$T/loop.nat")" \
	"$(printf "loop 1: heard ['loop 1']\nloop 0: heard []")"
expect_eq "IPV6_MULTICAST_LOOP on tinyip, as natively" "$(cat "$T/loop.tip")" \
	"$(cat "$T/loop.nat")"

# Options: the same values and errors as on the native stack.
nat_py opts "$NAT_IF" > "$T/opts.nat" 2>&1 || fail "udp6.py opts natively: $(cat "$T/opts.nat")"
tip_py opts "$TIP_IF" > "$T/opts.tip" 2>&1 || fail "udp6.py opts on tinyip: $(cat "$T/opts.tip")"
diff -u "$T/opts.nat" "$T/opts.tip" || fail "IPv6 options differ from the native stack's"
cat "$T/opts.tip"

# Raw ICMPv6: unmodified ping -6 on tinyip (its ICMP datagram socket is
# refused as for IPv4, so it uses a raw one), native ping -6 answered
# meanwhile, and ICMP6_FILTER.
out=$(in_tip timeout 30 "$RUN" --families inet6 ping -6 -n -c 3 -i 0.3 -W 2 $NAT6 2>&1) ||
	fail "tinyip-run ping -6 $NAT6: $out"
expect_match "tinyip-run ping -6" "$out" "3 packets transmitted, 3 received"
expect_match "tinyip-run ping -6 reply" "$out" "bytes from $NAT6: icmp_seq=1 ttl=64"
in_tip timeout 30 "$RUN" --families inet6 ping -6 -n -c 8 -i 0.5 -W 2 $NAT6 > /dev/null 2>&1 &
out=$(in_nat ping -6 -n -c 3 -i 0.2 -W 2 $TIP6 2>&1) || fail "native ping -6 $TIP6: $out"
expect_match "native ping -6 beside a tinyip raw socket" "$out" "3 packets transmitted, 3 received"
out=$(tip_py raw-filter $NAT6 2>&1) ||
	fail "raw ICMPv6 sockets: $out"
expect_eq "raw ICMPv6 sockets and ICMP6_FILTER" "$out" \
	"echo replies seen: sender 1, plain 1, blocked 0"
out=$(nat_py raw-filter $TIP6 2>&1) || fail "native raw ICMPv6 to tinyip: $out"
expect_eq "native raw ICMPv6 to tinyip" "$out" \
	"echo replies seen: sender 1, plain 1, blocked 0"

dmesg_clean "net_udp6"
exit 0
