#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Runs inside a test guest: every selftest here (or those named), then,
# on a kernel with KUnit, tinyip_test.ko. Prints one TAP line per test
# and per KUnit case ("ok N - name"), which tools/testing/check counts.
# Usage: [TINYIP_KUNIT=0] run.sh [TEST.sh...]
set -u
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=tools/testing/selftests/lib.sh
. "$here/lib.sh"
n=0
failed=0

tap()
{
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n - $2"
	elif [ "$1" = 4 ]; then
		echo "ok $n - $2 # SKIP"
	else
		echo "not ok $n - $2"
		failed=$((failed + 1))
	fi
}

tests=("$@")
if [ ${#tests[@]} = 0 ]; then
	for t in "$here"/*.sh; do
		case ${t##*/} in *lib.sh | run.sh | soak.sh) continue ;; esac
		tests+=("$t")
	done
fi

echo "TAP version 13"
for t in "${tests[@]}"; do
	name=${t##*/}
	echo "# ${name%.sh} (kernel ${TINYIP_KERNEL:-?})"
	start=$SECONDS
	klog=$(klog_lines)
	bash "$t" 2>&1 | sed 's/^/#   /'
	st=${PIPESTATUS[0]}
	echo "#   (${name%.sh} took $((SECONDS - start)) s)"
	# vm/run judges the whole console at the end; this names the test
	# that made a splat, and still judges it if the guest is cut short.
	splats=$(klog_splats "$klog")
	if [ -n "$splats" ]; then
		echo "#   kernel splat during ${name%.sh}:"
		printf '%s\n' "$splats" | sed 's/^/#     /'
		st=1
	fi
	tap "$st" "${TINYIP_KERNEL:-guest}: ${name%.sh}"
	# A failed test may leave the module behind; the next starts clean.
	[ -d /sys/module/tinyip ] && modprobe -r tinyip 2> /dev/null
done

# KUnit: the debug kernel has it; results come from debugfs per suite.
# TINYIP_KUNIT=0 leaves it to another guest of the same kernel.
if [ "${TINYIP_KUNIT:-1}" = 1 ] && modinfo tinyip_test > /dev/null 2>&1; then
	echo "# kunit"
	klog=$(klog_lines)
	if modprobe tinyip_test; then
		for r in /sys/kernel/debug/kunit/tinyip_*/results; do
			suite=$(basename "$(dirname "$r")")
			sed 's/^/#   /' "$r"
			# Case lines are indented one level under the suite.
			cases=$(grep -E '^    (not )?ok [0-9]+ ' "$r" | sed 's/^    //')
			while read -r status num rest; do
				case $status in ok) st=0 ;; not) st=1; rest=${rest#* } ;; *) continue ;; esac
				tap "$st" "kunit: $suite.${rest#- }"
			done <<< "$cases"
		done
		modprobe -r tinyip_test || tap 1 "kunit: unload tinyip_test"
		splats=$(klog_splats "$klog")
		[ -z "$splats" ] || printf '%s\n' "$splats" | sed 's/^/#   /'
		tap "$([ -z "$splats" ]; echo $?)" "kunit: no kernel splat"
	else
		tap 1 "kunit: load tinyip_test"
	fi
fi
echo "# $((n - failed)) passed, $failed failed"
[ "$failed" = 0 ]
