#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Installs the Debian packages that building, testing and the demo need,
# and only those missing. Versioned kernel packages are reached through
# their metapackages, so security updates need no change here.
# Usage: deps.sh [--check] [--bench]
#   --check: list what is missing, exit 1 if any
#   --bench: make bench's too (gnuplot for its plots)
set -euo pipefail

PKGS=(
	# building the module and the tools
	build-essential bc bison flex libelf-dev libssl-dev dwarves kmod cpio
	xz-utils pkg-config libmnl-dev sparse rsync
	# kernel headers (6.1 and 6.12) and the source of the debug kernel,
	# checkpatch.pl and the ynl CLI
	linux-headers-amd64 linux-headers-6.12-amd64 linux-source-6.12
	# the guest
	qemu-system-x86 busybox-static
	# the tests inside the guest
	python3 python3-yaml python3-jsonschema iproute2 util-linux procps jq
	# jq's Go port: the same filters, started seven times faster under TCG
	gojq
	groff-base
	# real peers and decoders of the end-to-end tests
	socat tshark tcpdump traceroute iputils-ping python3-scapy
	# IPv6 peers: a router advertisement daemon, ND probes
	radvd ndisc6
	# DHCPv4/DHCPv6/DNS server and an mDNS responder (address configuration
	# and name resolution); the -base package has no service to start
	dnsmasq-base avahi-daemon avahi-utils
	# unmodified programs carried over TCP by tinyip-run
	iperf3 curl netcat-openbsd ethtool
	# host fuzzing of the wire parsers (tools/fuzz): clang with libFuzzer
	# and the sanitizers, llvm-profdata and llvm-cov of the same version
	clang llvm libclang-rt-dev
)

CHECK=0
for a; do
	case $a in
	--check) CHECK=1 ;;
	--bench) PKGS+=(gnuplot-nox) ;;
	*) echo "usage: deps.sh [--check] [--bench]" >&2; exit 2 ;;
	esac
done

missing=()
for p in "${PKGS[@]}"; do
	st=$(dpkg-query -W -f='${Status}' "$p" 2> /dev/null || true)
	[ "$st" = "install ok installed" ] || missing+=("$p")
done
[ ${#missing[@]} = 0 ] && exit 0

if [ $CHECK = 1 ]; then
	echo "missing Debian packages: ${missing[*]}"
	exit 1
fi
if [ "$(id -u)" != 0 ]; then
	echo "tinyip needs these Debian packages; install them as root with:" >&2
	echo "  apt-get update && apt-get install --no-install-recommends ${missing[*]}" >&2
	exit 1
fi
echo "deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer no, never block.
echo "wireshark-common wireshark-common/install-setuid boolean false" |
	debconf-set-selections
# iperf3 asks whether to start a system-wide daemon; no, tests start their own.
echo "iperf3 iperf3/start_daemon boolean false" | debconf-set-selections
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
