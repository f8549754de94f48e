#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# tinyip's resolver against a hostile DNS server (dns_evil.py, scapy):
# each query first gets a malicious response of one AMNESIA:33 /
# NAME:WRECK class or an RFC 5452 spoof (pointer loops, forward and
# out-of-bounds pointers, reserved label types, labels past the end,
# names over 255 bytes, counts the message cannot hold, rdlength past
# the end, A records of the wrong size, another ID, another question,
# another source port, a query instead of a response, a runt), then the
# honest answer. Each bad one is dropped and counted by its class, the
# honest one is taken, and the kernel log stays clean.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd python3 jq

dns_stat()
{
	tip -j stats dns | json_get ".$1"
}

topo_setup
e1_tmp
dmesg_mark
in_nat timeout 600 python3 -u "$SELFTESTS/dns_evil.py" $NAT_ADDR \
	> "$T/evil.log" 2>&1 &
wait_file "$T/evil.log" "^ready" 60
tip dns server add $NAT_ADDR || fail "dns server add"

# KIND COUNTER: the malicious response of KIND is counted under COUNTER.
# One stats call per case (a program start costs a second on debug).
stats=$(tip -j stats dns)
while read -r kind counter; do
	out=$(tip dns resolve "$kind.evil.test") ||
		fail "$kind: no answer after the malicious one: $out"
	expect_match "$kind: the honest answer" "$out" \
		"^$kind\.evil\.test A 192\.0\.2\.77 ttl"
	before=$(json_get ".$counter" <<< "$stats")
	stats=$(tip -j stats dns)
	after=$(json_get ".$counter" <<< "$stats")
	[ "$after" -gt "$before" ] ||
		fail "$kind: $counter did not count it ($before -> $after)"
	echo "$kind: dropped as $counter"
done << 'CASES'
loop DnsRejPointer
loop2 DnsRejPointer
fwd DnsRejPointer
oob DnsRejPointer
long DnsRejName
label DnsRejName
past DnsRejName
count DnsRejCount
rdlen DnsRejRdata
alen DnsRejRdata
badid DnsRejId
question DnsRejQuestion
port DnsRejSource
query DnsRejNotResponse
short DnsRejShort
CASES

# A record for another name in the answer is not believed.
out=$(tip -j dns resolve unrelated.evil.test) || fail "unrelated: $out"
expect_eq "only the asked name's address" "$(json_get '.addrs | join(",")' <<< "$out")" \
	192.0.2.77
tip dns show | grep -q "6\.6\.6\.6" && fail "a malicious address was cached"
expect_eq "answers taken" "$(dns_stat DnsAnswers)" 16
dmesg_clean "net_dns_malicious"
echo "ok: net_dns_malicious"
