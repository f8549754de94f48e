#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tinyip's DHCPv4 client (RFC 2131) against dnsmasq in a native netns:
# a lease with address, default route, DNS, domain, MTU and NTP applied
# (the server answers ping through it); renewal at T1 (dnsmasq logs the
# REQUEST, the lease stays); rebinding at T2 when the server moved to
# another address; RELEASE on stop (the lease file loses it); INIT-REBOOT
# NAKed by an authoritative server with another range, then a new lease;
# ACD (RFC 5227): an address a native host holds is DECLINEd and another
# lease taken; malformed replies (scapy) are dropped and counted;
# `tinyip monitor -j dhcp` saw the whole sequence; detaching
# the link while the client runs is clean.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd dnsmasq jq
topo_setup
e1_tmp
tip addr del $TIP_ADDR/24 dev v_tip || fail "tinyip addr del $TIP_ADDR"
MAC=$(tip_link v_tip hwaddr)
LEASES=$T/leases
dmesg_mark

# dnsmasq_start NAME ARGS...: a DHCP server (no DNS) on v_nat, logging to
# $T/NAME.log; its pid in DNSMASQ.
dnsmasq_start()
{
	local name=$1
	shift
	# Not through in_nat: $! must be dnsmasq itself (ip execs it).
	ip netns exec $NS_NAT dnsmasq --no-daemon --conf-file=/dev/null --port=0 --user=root \
		--interface=v_nat --bind-interfaces --pid-file= \
		--dhcp-leasefile=$LEASES --log-dhcp \
		--log-facility=$T/$name.log "$@" > /dev/null 2>&1 &
	DNSMASQ=$!
	wait_file $T/$name.log "started, version" 10
}

dnsmasq_stop()
{
	kill $DNSMASQ 2> /dev/null
	wait $DNSMASQ 2> /dev/null
}

# dhcp FIELD: a field of the client's JSON on v_tip.
dhcp() { tip -j dhcp show dev v_tip | jq -r ".[0].$1"; }

MON=$T/monitor.json
"$TINYIP" -n $NS_TIP -j monitor dhcp > $MON &
MONPID=$!
sleep 0.5

OPTS=(--dhcp-option=option:router,$NAT_ADDR
      --dhcp-option=option:dns-server,192.0.2.53
      --dhcp-option=option:domain-name,example.test
      --dhcp-option=option:mtu,1400
      --dhcp-option=option:ntp-server,192.0.2.123
      --dhcp-option=option:T1,4 --dhcp-option=option:T2,8)

# 1. A lease, applied.
dnsmasq_start a --dhcp-range=192.0.2.50,192.0.2.60,255.255.255.0,2m "${OPTS[@]}"
tip dhcp start dev v_tip hostname tiphost || fail "tinyip dhcp start"
expect_error "second start" "already" tip dhcp start dev v_tip
wait_eq 30 bound dhcp state || fail "no lease: $(tip dhcp show)"
ADDR=$(dhcp addr)
case $ADDR in 192.0.2.5[0-9]|192.0.2.60) ;; *) fail "address $ADDR outside the range" ;; esac
expect_eq "prefix" "$(dhcp prefixlen)" 24
expect_eq "server" "$(dhcp server)" $NAT_ADDR
expect_eq "router" "$(dhcp router)" $NAT_ADDR
expect_eq "dns" "$(dhcp 'dns[0]')" 192.0.2.53
# The lease's server is the resolver's, for the link it came on.
expect_eq "resolver's server from the lease" \
	"$(tip -j dns show | jq -r '[.[] | select(.kind == "server" and .source == "dhcp")] | map(.addr + " " + .dev) | join(",")')" \
	"192.0.2.53 v_tip"
expect_eq "domain" "$(dhcp domain)" example.test
expect_eq "mtu" "$(dhcp mtu)" 1400
expect_eq "ntp" "$(dhcp 'ntp[0]')" 192.0.2.123
expect_match "address on the link" "$(tip addr show dev v_tip)" "$ADDR/24"
expect_match "default route" "$(tip route show)" "default via $NAT_ADDR"
expect_eq "link MTU" "$(tip_link v_tip mtu)" 1400
grep -q "$ADDR.*tiphost" $LEASES || fail "hostname not in the lease: $(cat $LEASES)"
out=$(in_tip "$TIP_PING" -c 2 $NAT_ADDR) || fail "tip_ping $NAT_ADDR: $out"
ping_ok $NS_NAT $ADDR || fail "native ping of $ADDR"

# Malformed replies and others' transactions are dropped and counted;
# the lease stays.
bad=$(dhcp rx_bad)
n=$(in_nat python3 "$SELFTESTS/dhcp4_malformed.py" v_nat "$MAC" $NAT_ADDR "$ADDR") ||
	fail "dhcp4_malformed.py: $n"
wait_eq 10 $((bad + n)) dhcp rx_bad || fail "rx_bad $(dhcp rx_bad), want $((bad + n))"
expect_eq "address kept after malformed replies" "$(dhcp addr)" "$ADDR"

# 2. Renewal at T1 (4 s): dnsmasq sees a REQUEST with ciaddr, the lease stays.
wait_file $MON '"event":"renewed"' 20
acks=$(grep -c "DHCPACK(v_nat) $ADDR" $T/a.log)
[ "$acks" -ge 2 ] || fail "dnsmasq saw no renewal ($acks ACKs): $(cat $T/a.log)"
expect_eq "address kept" "$(dhcp addr)" "$ADDR"

# 3. The server moves to another address; unicast renewals go unanswered,
# at T2 the broadcast REQUEST reaches the new server, which knows the lease.
dnsmasq_stop
in_nat ip addr del $NAT_ADDR/24 dev v_nat
in_nat ip addr add 192.0.2.9/24 dev v_nat
dnsmasq_start b --dhcp-authoritative \
	--dhcp-range=192.0.2.50,192.0.2.60,255.255.255.0,2m "${OPTS[@]}"
wait_file $MON '"event":"rebound"' 30
wait_eq 5 192.0.2.9 dhcp server || fail "server after rebinding: $(tip dhcp show)"
expect_eq "address kept after rebinding" "$(dhcp addr)" "$ADDR"

# 4. RELEASE on stop: the lease file loses the lease, the address goes.
tip dhcp stop dev v_tip || fail "tinyip dhcp stop"
wait_until 10 eval "! grep -q ' $ADDR ' $LEASES" || fail "lease kept: $(cat $LEASES)"
grep -q "DHCPRELEASE(v_nat) $ADDR" $T/b.log || fail "no RELEASE in the log"
tip addr show dev v_tip | grep -q "v_tip inet " && fail "address left: $(tip addr show)"
expect_eq "state" "$(dhcp state)" stopped
expect_error "second stop" "does not run" tip dhcp stop dev v_tip

# 5. INIT-REBOOT asks for the old address; an authoritative server with
# another range NAKs it; the client starts over and gets a new lease.
dnsmasq_stop
dnsmasq_start c --dhcp-authoritative \
	--dhcp-range=192.0.2.100,192.0.2.110,255.255.255.0,2m
tip dhcp start dev v_tip || fail "tinyip dhcp start (reboot)"
wait_file $T/c.log "DHCPNAK\(v_nat\) $ADDR" 15
wait_eq 30 bound dhcp state || fail "no lease after NAK: $(tip dhcp show) $(cat $T/c.log)"
case $(dhcp addr) in 192.0.2.10[0-9]|192.0.2.110) ;; *) fail "address $(dhcp addr) after NAK: $(cat $T/c.log)" ;; esac

# 6. ACD: dnsmasq offers (static) an address a native host already has;
# tinyip's probes are answered, it DECLINEs and takes another lease.
tip dhcp stop dev v_tip || fail "tinyip dhcp stop (2)"
dnsmasq_stop
in_nat ip addr add 192.0.2.77/24 dev v_nat
dnsmasq_start d --dhcp-authoritative --dhcp-host=$MAC,192.0.2.77 \
	--dhcp-range=192.0.2.100,192.0.2.110,255.255.255.0,2m
# Forget the last lease: a fresh client on the link would DISCOVER.
tip dhcp start dev v_tip || fail "tinyip dhcp start (acd)"
wait_file $MON '"event":"conflict"' 30
wait_file $T/d.log "DHCPDECLINE\(v_nat\) 192.0.2.77" 10
wait_until 40 eval '[ "$(dhcp state)" = bound ] && [ "$(dhcp addr)" != 192.0.2.77 ]' ||
	fail "no second lease after DECLINE: $(tip dhcp show)"
tip addr show dev v_tip | grep -q 192.0.2.77 && fail "declined address in use"

# 7. The events, in order.
kill $MONPID
wait $MONPID 2> /dev/null
seq=$(jq -r .event $MON | uniq | tr '\n' ' ')
expect_match "event sequence" "$seq" \
	"^bound renewed .*rebound .*lost bound lost .*conflict bound $"

# 8. The link goes away under a running client.
tip link detach dev v_tip || fail "tinyip link detach"
[ -z "$(tip dhcp show)" ] || fail "client left after detach: $(tip dhcp show)"
dnsmasq_stop
dmesg_clean "net_dhcp4"
exit 0
