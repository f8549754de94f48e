#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tinyip's stub resolver against dnsmasq on the native stack (RFC 1035,
# RFC 3596, RFC 2308, RFC 5452, RFC 7766): A and AAAA lookups over IPv4
# and IPv6, the cache honouring the TTL (no query within it, one after),
# NXDOMAIN cached negatively, failover from a dead server, a truncated
# answer asked again over TCP, random IDs and source ports, the servers
# and cache in "dns show", flush, and the errors of bad requests.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd dnsmasq tcpdump jq

NAT6=2001:db8::1
TIP6=2001:db8::2
DEAD=192.0.2.3	# a native address where nothing serves DNS
TTL=5

usable()
{
	[ "$(tip -j addr show dev v_tip | jq -c ".[] | select(.local == \"$1\") |
		.flags | index(\"tentative\") == null")" = true ]
}

# asked NAME TYPE: how many queries for NAME dnsmasq has logged.
asked()
{
	grep -c "query\[$2\] $1 from" "$T/dnsmasq.log"
}

dns_stat()
{
	tip -j stats dns | json_get ".$1"
}

topo_setup
e1_tmp
dmesg_mark
in_nat ip addr add $DEAD/24 dev v_nat
in_nat ip -6 addr add $NAT6/64 dev v_nat nodad
tip addr add $TIP6/64 dev v_tip || fail "tinyip addr add $TIP6/64"
wait_until 10 usable $TIP6 || fail "$TIP6 still tentative"

# 40 addresses for big.example.test do not fit 512 bytes: dnsmasq sets
# TC over UDP and answers whole over TCP.
big=()
for i in $(seq 100 139); do
	big+=("--address=/big.example.test/198.51.100.$i")
done
in_nat dnsmasq -k -u root --no-resolv --no-hosts --bind-interfaces \
	--listen-address=$NAT_ADDR --listen-address=$NAT6 --port=53 \
	--local=/example.test/ --local-ttl=$TTL --neg-ttl=$TTL \
	--host-record=www.example.test,192.0.2.10,2001:db8::10 \
	--host-record=v6.example.test,2001:db8::66 \
	--host-record=CamelCase.example.test,192.0.2.11 \
	"${big[@]}" \
	--log-queries --log-facility="$T/dnsmasq.log" -x "$T/dnsmasq.pid" \
	> "$T/dnsmasq.out" 2>&1 &
wait_file "$T/dnsmasq.log" "started" 20

# No server yet: a clear error.
expect_error "lookup without a server" "no DNS server" \
	tip dns resolve www.example.test
tip dns server add $DEAD || fail "dns server add $DEAD"
tip dns server add $NAT_ADDR || fail "dns server add $NAT_ADDR"
expect_error "a server twice" "already" tip dns server add $NAT_ADDR

# A, with failover: the dead server first, then dnsmasq.
out=$(tip dns resolve www.example.test) || fail "A lookup: $out"
expect_match "A answer" "$out" "^www\.example\.test A 192\.0\.2\.10 ttl [0-9]+$"
[ "$(dns_stat DnsTimeouts)" -ge 1 ] || fail "the dead server did not time out"
tip dns server del $DEAD || fail "dns server del $DEAD"
expect_error "deleting an absent server" "no such server" \
	tip dns server del $DEAD

# AAAA, and names are case-insensitive (RFC 4343).
out=$(tip dns resolve www.example.test type aaaa) || fail "AAAA lookup: $out"
expect_match "AAAA answer" "$out" "^www\.example\.test AAAA 2001:db8::10 ttl"
out=$(tip -j dns resolve camelcase.EXAMPLE.test)
expect_eq "mixed-case name" "$(json_get '.addrs[0]' <<< "$out")" 192.0.2.11

# The cache: within the TTL no query leaves, after it one does.
tip dns flush
out=$(tip dns resolve www.example.test) || fail "A lookup: $out"
n=$(asked www.example.test A)
out=$(tip -j dns resolve www.example.test) || fail "cached lookup: $out"
expect_eq "second lookup from the cache" "$(json_get .cached <<< "$out")" true
expect_eq "queries within the TTL" "$(asked www.example.test A)" "$n"
tip dns show | grep -Eq "^cache www\.example\.test A 192\.0\.2\.10 ttl [1-$TTL]$" ||
	fail "dns show has no cache entry: $(tip dns show)"
sleep $((TTL + 1))
out=$(tip -j dns resolve www.example.test) || fail "lookup after the TTL: $out"
expect_eq "lookup after the TTL" "$(json_get .cached <<< "$out")" false
expect_eq "queries after the TTL" "$(asked www.example.test A)" $((n + 1))

# NXDOMAIN: an error, and cached negatively (RFC 2308).
expect_error "NXDOMAIN" "NXDOMAIN" tip dns resolve nope.example.test
expect_error "NXDOMAIN from the cache" "NXDOMAIN.*cached" \
	tip dns resolve nope.example.test
expect_eq "queries for a cached NXDOMAIN" "$(asked nope.example.test A)" 1
tip dns show | grep -q "^cache nope\.example\.test A NXDOMAIN ttl" ||
	fail "dns show has no negative entry: $(tip dns show)"

# Truncated over UDP: asked again over TCP, all addresses kept (8).
out=$(tip -j dns resolve big.example.test) || fail "big lookup: $out"
expect_eq "addresses of the TCP answer" "$(json_get '.addrs | length' <<< "$out")" 8
expect_eq "TCP fallbacks" "$(dns_stat DnsTcpFallbacks)" 1

# Over IPv6 to the server.
tip dns server del $NAT_ADDR
tip dns server add $NAT6 || fail "dns server add $NAT6"
out=$(tip dns resolve v6.example.test type aaaa) || fail "lookup over IPv6: $out"
expect_match "AAAA over IPv6" "$out" "^v6\.example\.test AAAA 2001:db8::66 ttl"
expect_eq "dns show's server" "$(tip -j dns show | json_get \
	'[.[] | select(.kind == "server")] | map(.addr + " " + .source) | join(",")')" \
	"$NAT6 static"

# RFC 5452: every query has a random ID and a random source port.
tip dns server add $NAT_ADDR
tip dns server del $NAT6
capture_start $NS_NAT v_nat "$T/cap" udp
for i in $(seq 12); do
	tip dns resolve "r$i.example.test" > /dev/null
done
capture_stop
tcpdump -n -r "$T/cap" "udp dst port 53 and src host $TIP_ADDR" 2> /dev/null |
	sed -nE 's/.* [0-9.]+\.([0-9]+) > [0-9.]+\.53: ([0-9]+)\+? .*/\1 \2/p' |
	awk '!seen[$0]++' > "$T/qs"
# A slow guest may retry a query (same port and ID): counted once.
expect_eq "queries seen" "$(wc -l < "$T/qs")" 12
expect_eq "distinct IDs" "$(cut -d' ' -f2 "$T/qs" | sort -u | wc -l)" 12
expect_eq "distinct ports" "$(cut -d' ' -f1 "$T/qs" | sort -u | wc -l)" 12
# Not a sequence: some pair of successive ports is over 64 apart.
awk 'NR > 1 { d = $1 - p; if (d < 0) d = -d; if (d > 64) far++ } { p = $1 }
	END { exit !(far > 0) }' "$T/qs" ||
	fail "source ports look sequential: $(cut -d' ' -f1 "$T/qs" | tr '\n' ' ')"

# Flush empties the cache; bad requests get clear errors.
tip dns flush
! tip dns show | grep -q '^cache' || fail "flush left entries"
expect_error "bad name" "not a valid host name" tip dns resolve 'a..b'
expect_error "multicast server" "unicast" tip dns server add 224.0.0.1
# The command's own checks: usage errors, exit status 2.
err=$(tip dns resolve x.example.test type mx 2>&1)
expect_eq "bad type's status" $? 2
expect_match "bad type" "$err" "type is a or aaaa"
err=$(tip dns server add not-an-address 2>&1)
expect_eq "bad server's status" $? 2
expect_match "bad server" "$err" "IPv4 or IPv6"
dmesg_clean "net_dns"
echo "ok: net_dns"
