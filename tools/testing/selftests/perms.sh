#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Permissions: anyone may read, only CAP_NET_ADMIN over the namespace may
# change it; a user namespace's root configures its own netns only. Raw
# sockets need CAP_NET_RAW and ports below 1024 CAP_NET_BIND_SERVICE, over
# the socket's netns: an unprivileged user, and a user namespace's root in
# a netns it does not own, get EPERM and EACCES, as from the native stack.
. "$(dirname "$0")/lib.sh"
in_guest

load
as_nobody "$TINYIP" info > /dev/null || fail "unprivileged tinyip info"
as_nobody "$TINYIP" config show > /dev/null || fail "unprivileged config show"

err=$(as_nobody "$TINYIP" config set mem-budget 1M 2>&1)
expect_eq "unprivileged config set status" $? 1
expect_match "unprivileged config set message" "$err" "Operation not permitted"
expect_eq "budget unchanged" "$("$TINYIP" -j config show | json_get '.mem_budget')" 0

# Every command that changes state, refused to WHO (a prefix command)
# with EPERM, and nothing changed: links, addresses, routes, neighbours,
# router advertisements and the instance's settings.
ip link add v_perm type veth peer name v_perm2 || fail "veth"
"$TINYIP" link attach dev v_perm > /dev/null || fail "attach v_perm"
"$TINYIP" addr add 192.0.2.1/24 dev v_perm > /dev/null || fail "addr add"
state()
{
	local what
	for what in "link show" "addr show" "route show" "-6 route show" \
		"config show" "ra show"; do
		# shellcheck disable=SC2086
		"$TINYIP" -j $what
	done
}
refused()
{
	local who=$1 before cmd err
	before=$(state)
	for cmd in "config set forwarding on" "link attach dev v_perm2" \
		"link detach dev v_perm" "addr add 192.0.2.9/24 dev v_perm" \
		"addr del 192.0.2.1/24 dev v_perm" \
		"route add 198.51.100.0/24 via 192.0.2.2" \
		"route del 192.0.2.0/24 dev v_perm" "neigh flush" \
		"ra set dev v_perm on"; do
		# shellcheck disable=SC2086
		err=$($who "$TINYIP" $cmd 2>&1) && fail "$who may: tinyip $cmd"
		expect_match "$who: tinyip $cmd" "$err" "Operation not permitted"
	done
	expect_eq "$who changed nothing" "$(state)" "$before"
}
refused as_nobody

# sockets WHO RAW LOW: socket(2) of a raw socket, and bind(2) of UDP and
# TCP sockets to port 80, as WHO: RAW and LOW are the errno names (or OK)
# each must give. Port 5555 is always allowed.
sockets()
{
	local who=$1
	expect_eq "$who: raw socket" "$($who "$SELFTESTS/sock_errno" $AF_TINYIP 3 1)" "$2"
	expect_eq "$who: UDP bind to 80" "$($who "$SELFTESTS/sock_errno" $AF_TINYIP 2 0 80)" "$3"
	expect_eq "$who: TCP bind to 80" "$($who "$SELFTESTS/sock_errno" $AF_TINYIP 1 0 80)" "$3"
	expect_eq "$who: TCP bind to 5555" "$($who "$SELFTESTS/sock_errno" $AF_TINYIP 1 0 5555)" OK
}
sockets as_nobody EPERM EACCES
# The native stack answers the same, which is what programs expect.
sockets_native()
{
	expect_eq "native raw socket" "$(as_nobody "$SELFTESTS/sock_errno" 2 3 1)" EPERM
	expect_eq "native bind to 80" "$(as_nobody "$SELFTESTS/sock_errno" 2 1 0 80)" EACCES
}
sockets_native
as_root() { "$@"; }
sockets as_root OK OK

# Root of a new user namespace owns the new netns it made: allowed there.
as_userns() { as_nobody unshare -Ur "$@"; }
as_userns_netns() { as_nobody unshare -Urn "$@"; }
if as_nobody unshare -Urn true 2> /dev/null; then
	out=$(as_nobody unshare -Urn "$TINYIP" -j config set mem-budget 2M) ||
		fail "config set by the owner of a user namespace"
	expect_eq "userns budget" "$(echo "$out" | json_get '.mem_budget')" 2097152
	expect_eq "init budget untouched" "$("$TINYIP" -j config show | json_get '.mem_budget')" 0
	# Its root owns its own netns, not the first one. (Two programs a
	# call cost seconds on the debug kernel: the stock kernels check it.)
	if [ "${TINYIP_KERNEL:-}" != debug ]; then
		refused as_userns
		sockets as_userns EPERM EACCES
		sockets as_userns_netns OK OK
	fi
else
	echo "# unprivileged user namespaces are off here; that part skipped"
fi
ip link del v_perm
unload
exit 0
