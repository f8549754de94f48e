#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tinyip's link counters against the native peer's: echoes move rx/tx
# packets and bytes as much as the peer sent and got, a closed port and an
# unknown protocol are counted (no-port, proto) and answered with the ICMP
# errors RFC 1122 3.2.2.1 asks for, and a burst of them is rate limited
# (RFC 1812 4.3.2.8) and counted as such.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd ping python3 nstat

# nat_stat rx|tx packets|bytes: the native peer's counters of v_nat.
nat_stat()
{
	ip -n $NS_NAT -j -s link show v_nat | jq -r ".[0].stats64.$1.$2"
}

# unreachs: ICMP destination unreachables the native peer received.
unreachs()
{
	in_nat nstat -az IcmpInDestUnreachs | awk '$1 == "IcmpInDestUnreachs" { print $2 }'
}

# udp_to PORT N [PROTO]: N datagrams from nat to tinyip, from one socket
# (a raw one carrying PROTO if given).
udp_to()
{
	in_nat python3 - "$TIP_ADDR" "$@" << 'EOF'
import socket, sys
dst, port, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
if len(sys.argv) > 4:
    s = socket.socket(socket.AF_INET, socket.SOCK_RAW, int(sys.argv[4]))
else:
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
for i in range(n):
    s.sendto(b"tinyip-e2 %d" % i, (dst, port))
EOF
}

topo_setup
ping_ok $NS_NAT $TIP_ADDR || fail "nat cannot ping tinyip"

# Echoes: what nat sent tinyip received, what tinyip sent nat received.
# The native counters are read before tinyip's and after them, so that
# tinyip's window lies inside nat's: the native stack's own IPv6 chatter
# (DAD, router solicitations, MLD) on the new link falls in both or in
# nat's alone, never in tinyip's alone.
ntxp0=$(nat_stat tx packets) ntxb0=$(nat_stat tx bytes)
nrxp0=$(nat_stat rx packets) nrxb0=$(nat_stat rx bytes)
rxp0=$(link_stat v_tip rx_packets) rxb0=$(link_stat v_tip rx_bytes)
txp0=$(link_stat v_tip tx_packets) txb0=$(link_stat v_tip tx_bytes)
in_nat ping -n -c 10 -i 0.2 -W 2 -s 200 $TIP_ADDR > /dev/null || fail "10 echoes to tinyip"
rxp=$(($(link_stat v_tip rx_packets) - rxp0)) rxb=$(($(link_stat v_tip rx_bytes) - rxb0))
txp=$(($(link_stat v_tip tx_packets) - txp0)) txb=$(($(link_stat v_tip tx_bytes) - txb0))
ntxp=$(($(nat_stat tx packets) - ntxp0)) ntxb=$(($(nat_stat tx bytes) - ntxb0))
nrxp=$(($(nat_stat rx packets) - nrxp0)) nrxb=$(($(nat_stat rx bytes) - nrxb0))
echo "tinyip rx $rxp/$rxb tx $txp/$txb; nat tx $ntxp/$ntxb rx $nrxp/$nrxb"
[ $rxp -ge 10 ] && [ $rxp -le $ntxp ] || fail "tinyip rx_packets +$rxp, nat sent $ntxp"
[ $txp -ge 10 ] && [ $txp -le $nrxp ] || fail "tinyip tx_packets +$txp, nat got $nrxp"
# 10 echoes of 228 IP bytes at least; Ethernet headers may be counted too.
[ $rxb -ge 2280 ] && [ $rxb -le $ntxb ] || fail "tinyip rx_bytes +$rxb, nat sent $ntxb bytes"
[ $txb -ge 2280 ] && [ $txb -le $nrxb ] || fail "tinyip tx_bytes +$txb, nat got $nrxb bytes"

# A closed port: counted and answered with port unreachable.
np0=$(link_drop v_tip no-port) u0=$(unreachs)
udp_to 9 3 || fail "UDP to tinyip"
wait_until 10 eval '[ $(link_drop v_tip no-port) -ge $((np0 + 3)) ]' ||
	fail "no-port drops $np0 -> $(link_drop v_tip no-port) after 3 datagrams"
wait_until 10 eval '[ $(unreachs) -ge $((u0 + 3)) ]' ||
	fail "nat got $(($(unreachs) - u0)) port unreachables for 3 datagrams"

# An unknown protocol (253, RFC 3692 experimentation): protocol unreachable.
pr0=$(link_drop v_tip proto) u0=$(unreachs)
udp_to 0 2 253 || fail "IP protocol 253 to tinyip"
wait_until 10 eval '[ $(link_drop v_tip proto) -ge $((pr0 + 2)) ]' ||
	fail "proto drops $pr0 -> $(link_drop v_tip proto) after 2 datagrams"
wait_until 10 eval '[ $(unreachs) -ge $((u0 + 2)) ]' ||
	fail "nat got $(($(unreachs) - u0)) protocol unreachables for 2 datagrams"

# A burst to a closed port. The bucket (module/icmp.c) allows 50 errors
# back to back and 1000 a second after that, so over the burst's measured
# duration at most 50 + 1000 * seconds errors may leave, and every datagram
# is either answered or counted as rate limited. How many are limited
# depends on the guest's speed (the debug kernel sends slowly), the bound
# and the accounting do not.
rl0=$(drop_total ratelimit) u0=$(unreachs)
t0=$(date +%s%N)
udp_to 9 300 || fail "UDP burst to tinyip"
# The window tinyip handled the burst in ends by the time all is counted.
wait_until 10 eval '[ $(($(unreachs) - u0 + $(drop_total ratelimit) - rl0)) -ge 300 ]'
t1=$(date +%s%N)
got=$(($(unreachs) - u0))
rl=$(($(drop_total ratelimit) - rl0))
# Rounded up to the next millisecond, plus one for the refill in flight.
bound=$((50 + (t1 - t0 + 999999) / 1000000 + 1))
echo "burst of 300 in $(((t1 - t0) / 1000000)) ms: $got port unreachables (at most $bound allowed), ratelimit +$rl"
[ $got -ge 1 ] || fail "no ICMP error for a burst of 300"
[ $got -le $bound ] || fail "$got ICMP errors exceed the bucket's bound of $bound"
expect_eq "errors sent + rate limited" $((got + rl)) 300
ping_ok $NS_NAT $TIP_ADDR || fail "tinyip stopped answering after the burst"
exit 0
