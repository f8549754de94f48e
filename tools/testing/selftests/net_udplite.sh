#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# UDP-Lite (RFC 3828) between tinyip and the native stack's UDP-Lite
# sockets (tip_udp -4), with full and partial checksum coverage: echoes
# both ways, the coverage and checksum on the wire (decoded by tshark),
# and a receiver's minimum coverage (UDPLITE_RECV_CSCOV) honoured.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
topo_setup
e1_tmp
DECODE_OPTS=(-o udplite.ignore_checksum_coverage:FALSE -o udplite.check_checksum:TRUE)

capture_start $NS_NAT v_nat "$T/cap" udp or proto 136 or icmp

# tinyip client -> native UDP-Lite echo server.
in_nat "$TIP_UDP" -4 -l -t 60000 echo-server 7100 > "$T/nat_server" &
wait_file "$T/nat_server" '^bound'
for cov in full 8 20; do
	opt=()
	[ $cov = full ] || opt=(-c $cov)
	for size in 100 3000; do
		out=$(in_tip "$TIP_UDP" -l "${opt[@]}" send $NAT_ADDR 7100 $size) ||
			fail "tinyip -> native UDP-Lite, coverage $cov, $size bytes: $out"
	done
done

# native client -> tinyip UDP-Lite echo server.
in_tip "$TIP_UDP" -l -t 60000 echo-server 7101 > "$T/tip_server" &
wait_file "$T/tip_server" '^bound'
for cov in full 8 20; do
	opt=()
	[ $cov = full ] || opt=(-c $cov)
	for size in 100 3000; do
		out=$(in_nat "$TIP_UDP" -4 -l "${opt[@]}" send $TIP_ADDR 7101 $size) ||
			fail "native -> tinyip UDP-Lite, coverage $cov, $size bytes: $out"
	done
done
# A UDP socket on the same port number is a different endpoint.
out=$(in_nat "$TIP_UDP" -4 -t 3000 send $TIP_ADDR 7101 10)
expect_match "UDP to a UDP-Lite port" "$out" "ECONNREFUSED"

# A tinyip receiver that wants at least 20 bytes covered drops coverage 8
# (RFC 3828 3.1) and takes 20.
in_tip "$TIP_UDP" -l -r 20 -t 60000 echo-server 7102 > "$T/tip_server20" &
wait_file "$T/tip_server20" '^bound'
out=$(in_nat "$TIP_UDP" -4 -l -c 8 -t 1500 send $TIP_ADDR 7102 100)
expect_match "coverage 8 to a receiver wanting 20" "$out" "EAGAIN"
out=$(in_nat "$TIP_UDP" -4 -l -c 20 send $TIP_ADDR 7102 100) ||
	fail "coverage 20 to a receiver wanting 20: $out"
capture_stop

# On the wire: what tinyip sent carries the coverage asked for, a valid
# checksum over it, and is UDP-Lite (IP protocol 136).
sent=$(decode "$T/cap" "ip.src == $TIP_ADDR && udplite" udp.checksum_coverage udp.checksum.status)
echo "tinyip's UDP-Lite datagrams (count coverage|checksum-status):"
sort <<< "$sent" | uniq -c
for cov in 8 20; do
	n=$(grep -c "^$cov|1\$" <<< "$sent")
	[ "$n" -ge 2 ] || fail "tinyip sent $n datagrams with coverage $cov and a good checksum, want 2"
done
grep -qv '|1$' <<< "$sent" && fail "tinyip sent UDP-Lite with bad checksums"
# Full coverage is 0 (RFC 3828 3.1) or the whole length: tinyip sent it
# twice as client and echoed with it 7 times as server.
n=$(grep -Ec '^(0|108|3008)\|' <<< "$sent")
[ "$n" -ge 9 ] || fail "tinyip sent $n full-coverage datagrams, want 9"
exit 0
