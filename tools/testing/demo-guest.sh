#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo's guest half: each step is shown before it runs.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$REPO/tools/tinyip:$REPO/tools/examples:$PATH

run()
{
	echo
	echo "\$ $*"
	"$@"
}

echo "kernel $(uname -r)"
run sh -c 'lsmod | grep ^tinyip || echo "tinyip is not loaded"'
echo
echo "An AF_TINYIP socket(2) loads tinyip on demand, as with in-tree families."
echo "tinyip answers, and refuses the types it has no transport for yet:"
run tinyip-socket || true
run sh -c 'lsmod | grep ^tinyip'
run sh -c 'dmesg | grep "tinyip:" | tail -n 1'
run tinyip info
run tinyip -j info
run tinyip config show
echo
echo "Each network namespace has its own instance and settings:"
run ip netns add demo
run ip netns exec demo tinyip config set mem-budget 16M
run ip netns exec demo tinyip info
run tinyip config show
run ip netns del demo
run modprobe -r tinyip
run sh -c 'lsmod | grep ^tinyip || echo "tinyip is unloaded"'
echo
echo "demo done"
