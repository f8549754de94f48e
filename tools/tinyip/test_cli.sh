#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# test_cli.sh - checks the tinyip command line without the kernel module:
# help, version, exit statuses of usage errors, and, when the module is
# absent, the "not loaded" message. Usage: test_cli.sh [./tinyip]

TINYIP=${1:-./tinyip}
n=0
fail=0

# expect NAME STATUS REGEX -- ARGS...: runs tinyip ARGS, checks the exit
# status and that stdout+stderr match the extended regex.
expect()
{
	local name=$1 want=$2 re=$3 out rc line
	shift 4
	out=$("$TINYIP" "$@" 2>&1)
	rc=$?
	n=$((n + 1))
	if [ "$rc" = "$want" ] && grep -Eq -- "$re" <<<"$out"; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		echo "# exit $rc (want $want), output:"
		while IFS= read -r line; do
			echo "#   $line"
		done <<<"$out"
		fail=1
	fi
}

expect "--help"			0 '^Usage: tinyip '	-- --help
expect "help config"		0 'config set \[ mem-budget SIZE \] \[ forwarding' -- help config
expect "config help"		0 'config set \[ mem-budget SIZE \]' -- config help
expect "link help"		0 'tinyip link attach dev DEV' -- link help
expect "help link"		0 'tinyip link detach dev DEV' -- help link
expect "addr help"		0 'tinyip addr \{ add \| del \} ADDR/PLEN dev DEV' -- addr help
expect "a help (abbreviated)"	0 'tinyip \[ -4 \| -6 \] addr \[ show \[ dev DEV \] \]' -- a help
expect "addr help: IPv6 options" 0 'OPTS := \[ nodad \] \[ valid_lft LFT \] \[ preferred_lft LFT \]' -- addr help
expect "route help: IPv6 default" 0 'default is ::/0 with -6 or an IPv6 GW' -- route help
expect "neigh help: -4 | -6"	0 'tinyip \[ -4 \| -6 \] neigh \[ show' -- neigh help
expect "help config: forwarding6" 0 '\[ forwarding6 \{ on \| off \} \]' -- help config
expect "--help lists -4 and -6"	0 'OPTIONS := \{ -4 \| -6 \| -j\[son\]' -- --help
expect "route help"		0 'tinyip route \{ add \| del \} PREFIX' -- route help
expect "route add help"		0 'PREFIX := \{ ADDR/PLEN \| default \}' -- route add help
expect "neigh help"		0 'tinyip neigh flush \[ dev DEV \]' -- neigh help
expect "link show help"		0 'tinyip \[ -s \] link' -- link show help
expect "--help lists -n NAME"	0 '-n\[etns\] NAME' -- --help
expect "-n of a missing netns"	1 'cannot enter network namespace "tinyip-none"' -- -n tinyip-none info
expect "-n with no name"	2 'Try "tinyip help"' -- -n
expect "-n ..: not a name"	2 '"\.\." is not a network namespace name' -- -n .. info
expect "--help lists objects"	0 'OBJECT := \{ info \| config \| link \| addr \| route \| neigh \| ra \|' -- --help
expect "--help lists stats"	0 '^ +sock \| stats \| monitor \| dhcp \| dns \}' -- --help
expect "dns help"		0 'tinyip dns resolve NAME \[ type \{ a \| aaaa \} \]' -- dns help
expect "dns resolve bad type"	2 'the type is a or aaaa' -- dns resolve x.test type mx
expect "dns server bad addr"	2 'IPv4 or IPv6' -- dns server add nope
expect "ra help"		0 'tinyip ra set dev DEV \{ on \| off \} \[ interval SECS \] \[ lifetime SECS \]' -- ra help
expect "help ra"		0 'tinyip ra \[ show \[ dev DEV \] \]' -- help ra
expect "ra set help"		0 'lifetime: 0\.\.9000, the router lifetime; 0 is not a default router' -- ra set help
expect "r is route"		0 'tinyip route \{ add \| del \} PREFIX' -- r help
expect "sock help"		0 'tinyip \[ -s \] sock \[ show \[ PROTO \] \[ state STATE \]\.\.\. \]' -- sock help
expect "help sock"		0 'PROTO := \{ tcp \| udp \| udplite \| raw \}' -- help sock
expect "sock show help"		0 'STATE := \{ established' -- sock show help
expect "stats help"		0 'tinyip stats \[ show \] \[ tcp \| mem \| dns \]' -- stats help
expect "config set tcp-cc help"	0 '\[ tcp-cc NAME \]' -- config help
expect "monitor help"		0 'tinyip \[ -j \] monitor \[ -t \] \[ all \| GROUP... \]' -- monitor help
expect "monitor bad group"	2 'Command "bogus" is unknown, try "tinyip monitor help"' -- monitor bogus
expect "sock bad proto"		2 'argument "sctp" is wrong' -- sock show sctp
expect "sock two protos"	2 'one protocol at a time' -- sock show tcp udp
expect "sock bad state"		2 'argument "open" is wrong: not a state' -- sock show state open
expect "sock state missing"	2 'state needs a STATE' -- sock show tcp state
expect "sock bad command"	2 'Command "dump" is unknown' -- sock dump
expect "stats bad word"		2 'Command "udp" is unknown' -- stats udp
expect "stats twice"		2 'argument "tcp" is wrong' -- stats tcp tcp
expect "stats tcp and mem"	2 'argument "mem" is wrong' -- stats tcp mem
expect "tcp-cc missing"		2 'needs an algorithm NAME' -- config set tcp-cc
expect "tcp-cc too long"	2 '1 to 15 characters' -- config set tcp-cc abcdefghijklmnop
expect "tcp-cc twice"		2 'duplicate "tcp-cc"' -- config set tcp-cc cubic tcp-cc newreno
expect "s is ambiguous"		2 'Object "s" is ambiguous' -- s
expect "-V"			0 '^tinyip utility, version ' -- -V
expect "no object"		2 '^Usage: tinyip '	--
expect "bad option"		2 'Try "tinyip help"'	-- --bogus info
expect "unknown object"		2 '^Object "bogus" is unknown, try "tinyip help"' -- bogus
expect "ambiguous command"	2 'Command "s" is ambiguous' -- config s
expect "garbage size"		2 'argument "12Q" is wrong' -- config set mem-budget 12Q
expect "negative size"		2 'cannot be negative'	-- config set mem-budget -1
expect "overflowing suffix"	2 'too large'		-- config set mem-budget 17179869184G
expect "overflowing size"	2 'too large'		-- config set mem-budget 99999999999999999999
expect "missing size"		2 'needs a SIZE'	-- config set mem-budget
expect "nothing to set"		2 'nothing to set'	-- config set
expect "extra argument"		2 'takes no arguments'	-- config show now
expect "bad forwarding"		2 'forwarding is on or off' -- config set forwarding yes
expect "addr without dev"	2 '"dev DEV" is missing' -- addr add 192.0.2.2/24
expect "route bad prefix"	2 'argument "192.0.2.256/24" is wrong' -- route add 192.0.2.256/24 dev x
expect "neigh bad keyword"	2 'argument "nud" is wrong' -- neigh flush nud
expect "link bad mode"		2 'mode is shared or exclusive' -- link attach dev x mode all
expect "-s accepted"		2 'argument "bogus" is wrong' -- -s link show bogus
expect "-4 accepted"		2 'takes no arguments' -- -4 route show bogus
expect "-6 accepted"		2 'argument "bogus" is wrong' -- -6 neigh show bogus
expect "nodad on IPv4"		2 'are for IPv6 addresses' -- addr add 192.0.2.2/24 dev x nodad
expect "preferred over valid"	2 'preferred_lft \(2\) is greater than valid_lft \(1\)' -- addr add 2001:db8::1/64 dev x valid_lft 1 preferred_lft 2
expect "IPv6 /129"		2 'prefix length is 0 to 128' -- addr add 2001:db8::1/129 dev x
expect "-6 with IPv4"		2 'not an IPv6 address, as -6 asks' -- -6 addr add 192.0.2.2/24 dev x
expect "link-local gateway"	2 'link-local gateway needs "dev DEV"' -- -6 route add default via fe80::1
expect "bad forwarding6"	2 'forwarding6 is on or off' -- config set forwarding6 yes
expect "-6 neigh flush"		2 'drop -6' -- -6 neigh flush
expect "ra set without on/off"	2 'on or off\? One of them is missing' -- ra set dev x
expect "dhcp help"		0 'tinyip dhcp start dev DEV \[ hostname NAME \]' -- dhcp help
expect "dhcp start without dev"	2 'which device\? "dev DEV" is missing' -- dhcp start
expect "dhcp stop hostname"	2 'only "dhcp start" takes it' -- dhcp stop dev x hostname y
expect "dhcp hostname twice"	2 'duplicate "hostname"' -- dhcp start dev x hostname a hostname b
expect "dhcp hostname too long"	2 'a host name is 1 to 63 characters' -- dhcp start dev x hostname aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa
expect "dhcp bad command"	2 'Command "go" is unknown, try "tinyip dhcp help"' -- dhcp go
expect "ra interval too short"	2 'interval is a number of seconds from 4 to 1800' -- ra set dev x on interval 3
expect "ra lifetime too long"	2 'lifetime is a number of seconds from 0 to 9000' -- ra set dev x on lifetime 9001
expect "ra show takes no on"	2 'only "ra set" takes it' -- ra show on

if "$TINYIP" info >/dev/null 2>&1; then
	n=$((n + 1))
	echo "ok $n not-loaded message # SKIP the tinyip module is loaded"
else
	expect "not-loaded message" 1 '^tinyip: the tinyip module is not loaded \(no generic netlink family "tinyip"\); load it with: modprobe tinyip$' -- info
fi

echo "1..$n"
exit $fail
