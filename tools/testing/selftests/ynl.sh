#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The netlink spec (uapi/tinyip.yaml) and the module agree: the kernel's
# own ynl CLI, knowing tinyip only from the spec, gets the same answers as
# the tinyip command (info, config, stats, the socket dump), changes
# settings, and sees the change notification.
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
# cli.py's --subscribe only reads after a fixed --sleep, which a slow
# debug guest can outlast before the config-set runs; this listener, on
# ynl's own library, waits up to 120 s for the notification instead.
python3 -c '
import json, sys, time
sys.path.append(sys.argv[1] + "/tools/net/ynl")
from lib import YnlFamily
ynl = YnlFamily(sys.argv[2], "")
ynl.ntf_subscribe("config")
end = time.monotonic() + 120
while not ynl.async_msg_queue and time.monotonic() < end:
    ynl.check_ntf()
    time.sleep(0.1)
print(json.dumps(ynl.async_msg_queue, default=str))
' "$SRC" "$REPO/uapi/tinyip.yaml" > /tmp/ynl-ntf.out 2>&1 &
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

# The default congestion control, by name both ways.
reply=$("${ynl[@]}" --do config-set --json '{"tcp-cc": "cubic"}') ||
	fail "ynl config-set tcp-cc"
expect_eq "config-set tcp-cc reply" "$(echo "$reply" | json_get '.["tcp-cc"]')" cubic
expect_eq "tinyip sees tcp-cc" "$("$TINYIP" -j config show | json_get '.tcp_cc')" cubic

# stats-get: every counter the tool names, with the same values (the
# tool's "memory" object is the budget's, not a counter; events_dropped
# is the instance's and the Dns* counters the resolver's, not TCP's).
got=$("${ynl[@]}" --do stats-get) || fail "ynl stats-get"
want=$("$TINYIP" -j stats) || fail "tinyip -j stats"
expect_eq "stats-get counters" "$(echo "$got" | json_get '.["tcp-stats"] | length')" \
	"$(echo "$want" | json_get 'del(.memory, .events_dropped) | with_entries(select(.key | startswith("Dns") | not)) | length')"
expect_eq "stats-get events-dropped" "$(echo "$got" | json_get '.["events-dropped"]')" \
	"$(echo "$want" | json_get '.events_dropped')"
expect_eq "stats-get active-opens" \
	"$(echo "$got" | json_get '.["tcp-stats"]["active-opens"]')" \
	"$(echo "$want" | json_get '.TcpActiveOpens')"

# sock-get: a bound UDP socket, filtered by protocol in the kernel.
python3 -c '
import ctypes, socket, struct, sys, time
s = socket.socket(22, socket.SOCK_DGRAM)
a = struct.pack("=H", 2) + struct.pack("!H", 5353) + bytes(12)
assert ctypes.CDLL(None).bind(s.fileno(), a, 16) == 0
print("bound", flush=True)
time.sleep(30)
' > /tmp/ynl-udp.out &
holder=$!
for _ in $(seq 100); do
	grep -q bound /tmp/ynl-udp.out && break
	sleep 0.1
done
got=$("${ynl[@]}" --dump sock-get --json '{"sock-proto": 17}') ||
	fail "ynl sock-get"
echo "$got"
expect_eq "sock-get udp entry" \
	"$(echo "$got" | json_get '[.[] | select(.["sock-lport"] == 5353) | .["sock-state"]]')" \
	'["close"]'
expect_eq "tinyip sock show agrees" \
	"$("$TINYIP" -j sock show udp | json_get '[.[] | select(.lport == 5353) | .state]')" \
	'["UNCONN"]'
got=$("${ynl[@]}" --dump sock-get --json '{"sock-proto": 6}') ||
	fail "ynl sock-get tcp"
expect_eq "sock-get filtered by protocol" \
	"$(echo "$got" | json_get '[.[] | select(.["sock-proto"] != 6)] | length')" 0
kill $holder
wait $holder 2> /dev/null

unload
exit 0
