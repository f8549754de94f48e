#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Permissions: anyone may read, only CAP_NET_ADMIN over the namespace may
# change it; a user namespace's root configures its own netns only.
. "$(dirname "$0")/lib.sh"
in_guest

load
as_nobody "$TINYIP" info > /dev/null || fail "unprivileged tinyip info"
as_nobody "$TINYIP" config show > /dev/null || fail "unprivileged config show"

err=$(as_nobody "$TINYIP" config set mem-budget 1M 2>&1)
expect_eq "unprivileged config set status" $? 1
expect_match "unprivileged config set message" "$err" "Operation not permitted"
expect_eq "budget unchanged" "$("$TINYIP" -j config show | json_get '.mem_budget')" 0

# Root of a new user namespace owns the new netns it made: allowed there.
if as_nobody unshare -Urn true 2> /dev/null; then
	out=$(as_nobody unshare -Urn "$TINYIP" -j config set mem-budget 2M) ||
		fail "config set by the owner of a user namespace"
	expect_eq "userns budget" "$(echo "$out" | json_get '.mem_budget')" 2097152
	expect_eq "init budget untouched" "$("$TINYIP" -j config show | json_get '.mem_budget')" 0
else
	echo "# unprivileged user namespaces are off here; that part skipped"
fi
unload
exit 0
