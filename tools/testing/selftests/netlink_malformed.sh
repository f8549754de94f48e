#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Malformed netlink requests get a clear error and change nothing.
. "$(dirname "$0")/lib.sh"
in_guest

load
python3 "$SELFTESTS/nl_malformed.py" || fail "malformed requests"
"$TINYIP" info > /dev/null || fail "family broken after bad input"
unload
exit 0
