#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netlink spec (uapi/tinyip.yaml) and the module agree: the kernel's
# own ynl CLI, knowing tinyip only from the spec, gets the same answers as
# the tinyip command, changes settings, and sees the change notification.
. "$(dirname "$0")/lib.sh"
in_guest

SRC=${TINYIP_LINUX_SRC:-}
[ -n "$SRC" ] && [ -f "$SRC/tools/net/ynl/cli.py" ] ||
	fail "TINYIP_LINUX_SRC does not point at a linux-source-6.12 tree"
# The spec is validated against ynl's schema on the host (make check);
# here that would only slow the guest. An array, not a function: a background function is a subshell, and the
# listener's pid must be python's own for wait_joined.
ynl=(python3 "$SRC/tools/net/ynl/cli.py" --spec "$REPO/uapi/tinyip.yaml"
     --no-schema --output-json)

load
got=$("${ynl[@]}" --do info-get) || fail "ynl info-get"
echo "$got"
want=$("$TINYIP" -j info)
# ynl lists a flag set in its own order: compare sets, not orders.
for k in version family features instance; do
	f=".$k | if type == \"array\" then sort else . end"
	expect_eq "ynl $k" "$(echo "$got" | json_get "$f")" \
		"$(echo "$want" | json_get "$f")"
done

# A listener subscribed through the spec's multicast group name. (One
# process cannot both subscribe and do: 6.12's ynl trips over a
# notification that arrives between the reply and the ack.)
"${ynl[@]}" --subscribe config --sleep 15 > /tmp/ynl-ntf.out 2>&1 &
listener=$!
wait_joined $listener
reply=$("${ynl[@]}" --do config-set --json '{"mem-budget": 65536}') ||
	fail "ynl config-set"
wait $listener || fail "ynl listener: $(cat /tmp/ynl-ntf.out)"
ntf=$(tail -n 1 /tmp/ynl-ntf.out)
echo "$reply"
echo "$ntf"
expect_eq "config-set reply" "$(echo "$reply" | json_get '.["mem-budget"]')" 65536
expect_eq "notification name" "$(echo "$ntf" | json_get '.[0].name')" config-ntf
expect_eq "notification budget" "$(echo "$ntf" | json_get '.[0].msg["mem-budget"]')" 65536
expect_eq "tinyip sees it" "$("$TINYIP" -j config show | json_get '.mem_budget')" 65536

unload
exit 0
