# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the end-to-end tests. Sourced by each test, which runs
# as root inside a test guest (tools/testing/vm/run) and exits 0 on pass,
# 1 on failure and 4 (kselftest's KSFT_SKIP) when it cannot apply.

set -u

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
TINYIP="$REPO/tools/tinyip/tinyip"
SELFTESTS="$REPO/tools/testing/selftests"
AF_TINYIP=22
FULL=${TINYIP_FULL:-0}

# jq 1.6 compiles its builtins at every start, about a second in a TCG
# guest, and the tests ask it hundreds of questions. gojq answers the
# same filters in a seventh of the time.
if command -v gojq > /dev/null; then
	jq() { gojq "$@"; }
fi

fail()
{
	echo "FAIL: $*" >&2
	exit 1
}

skip()
{
	echo "SKIP: $*" >&2
	exit 4
}

# klog_lines, then klog_splats LINES: the kernel log lines after the
# first LINES that show a splat, by the patterns vm/run judges a whole
# guest's console with (tools/testing/vm/splats).
klog_lines()
{
	dmesg | wc -l
}

klog_splats()
{
	local f="$REPO/tools/testing/vm/splats" re benign
	re=$(sed -n '/^#/d; /^benign:$/q; p' "$f" | paste -sd '|')
	benign=$(sed -n '1,/^benign:$/d; p' "$f" | paste -sd '|')
	dmesg | tail -n +$(($1 + 1)) | grep -E "$re" | grep -vE "$benign" |
		head -n 20
}

# expect_eq WHAT GOT WANT
expect_eq()
{
	[ "$2" = "$3" ] || fail "$1: got '$2', want '$3'"
}

# expect_match WHAT TEXT REGEX
expect_match()
{
	printf '%s\n' "$2" | grep -Eq -- "$3" || fail "$1: '$2' does not match /$3/"
}

in_guest()
{
	[ "${TINYIP_GUEST:-0}" = 1 ] || skip "runs only inside a test guest"
}

load()
{
	modprobe tinyip "$@" || fail "modprobe tinyip $*"
}

unload()
{
	if [ -d /sys/module/tinyip ]; then
		modprobe -r tinyip || fail "modprobe -r tinyip"
	fi
	[ ! -d /sys/module/tinyip ] || fail "tinyip still loaded after unload"
}

# Stops socket(2) and genetlink from loading the module behind our back,
# for tests that need it absent. Undone at exit.
no_autoload()
{
	SAVED_MODPROBE=$(cat /proc/sys/kernel/modprobe)
	echo /bin/false > /proc/sys/kernel/modprobe
	trap 'echo "$SAVED_MODPROBE" > /proc/sys/kernel/modprobe' EXIT
}

# sock_errno FAMILY TYPE PROTO: prints the errno name socket(2) fails with,
# or "OK" when it succeeds.
sock_errno()
{
	"$SELFTESTS/sock_errno" "$@"
}

# Runs a command as an unprivileged user with no capabilities.
as_nobody()
{
	setpriv --reuid=65534 --regid=65534 --clear-groups \
		--inh-caps=-all --bounding-set=-all -- "$@"
}

# json_get FILTER: prints the value jq's FILTER picks from stdin, compact,
# e.g. tinyip -j info | json_get .family
json_get()
{
	jq -c -r "$1"
}

# wait_joined PID: waits (up to 30 s) until a netlink socket of PID has
# joined a multicast group, so a listener never misses the first event.
wait_joined()
{
	local i ino
	for i in $(seq 300); do
		for ino in $(ls -l "/proc/$1/fd" 2> /dev/null |
			     sed -n 's/.*socket:\[\([0-9]*\)\]$/\1/p'); do
			awk -v ino="$ino" 'NR > 1 && $NF == ino && $4 != "00000000" { f = 1 }
					   END { exit !f }' "/proc/$1/net/netlink" && return 0
		done
		sleep 0.1
	done
	fail "process $1 never joined a netlink multicast group"
}

# kmemleak_mark, then kmemleak_clean WHAT: on a kernel with kmemleak (the
# debug one), no leak found since the mark. vm/run scans the whole run
# as well; this names the test, without hiding (clearing) what an
# earlier test leaked. Does nothing elsewhere. (The guest has no
# /dev/fd for comm <(...): files.)
KMEMLEAK=/sys/kernel/debug/kmemleak
kmemleak_found()
{
	echo scan > $KMEMLEAK
	sed -n 's/^unreferenced object \(0x[0-9a-f]*\).*/\1/p' $KMEMLEAK | sort
}

kmemleak_mark()
{
	[ -w $KMEMLEAK ] || return 0
	KMEMLEAK_SEEN=$(mktemp /tmp/kmemleak.XXXXXX) || fail "mktemp"
	kmemleak_found > "$KMEMLEAK_SEEN"
}

kmemleak_clean()
{
	local now new
	[ -w $KMEMLEAK ] || return 0
	now=$(mktemp /tmp/kmemleak.XXXXXX) || fail "mktemp"
	# kmemleak reports an object once it has been unreferenced for 5 s.
	sleep 6
	kmemleak_found > "$now"
	new=$(comm -13 "${KMEMLEAK_SEEN:-/dev/null}" "$now" | head -n 1)
	rm -f "$now"
	[ -z "$new" ] ||
		fail "$1: kmemleak: $(grep -A 12 -F "$new" $KMEMLEAK | head -n 20)"
}
