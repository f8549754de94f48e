#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# TCP across a hostile link: tc netem on both ends of the veth between
# tinyip (ns tip) and the native stack (ns nat) drops 1%, 5% or 10% of
# the packets, reorders, duplicates, delays with jitter or corrupts them.
# Each case moves data both ways and must deliver it intact (sha256):
# retransmission (RFC 6298), fast retransmit and recovery (RFC 5681,
# RFC 6582, RFC 6675 with SACK), the out-of-order queue and checksums.
# The same transfer then runs native <-> native between two more
# namespaces with the same qdiscs; the lines
#   # CASE DIRECTION: time tinyip=X s native=Y s retrans tinyip=A native=B
# compare them (retrans: segments the sender retransmitted). Timings are
# reported, never asserted. make check runs 2 MB per case, tinyip's side
# only, and skips the clean link and 1% loss; TINYIP_FULL=1 runs 1 MB and
# 16 MB of every case (and 256 MB clean) and the native comparison;
# TINYIP_NETEM_CASES=REGEX picks cases by name.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/net_lib.sh"
in_guest
need_cmd socat ss tc numfmt sha256sum
[ -x "$TIP_TCP" ] || skip "tip_tcp is not built (make tools)"
topo_setup
trap tcp_cleanup EXIT
tcp_tmp

# The native pair: ns tcpn1 plays nat's part, ns tcpn2 tinyip's.
N1=tcpn1
N2=tcpn2
N1_ADDR=203.0.113.1
N2_ADDR=203.0.113.2
TCP_EXTRA_NS="$N1 $N2"
ip netns add $N1 || fail "ip netns add $N1"
ip netns add $N2 || fail "ip netns add $N2"
ip link add v_n1 netns $N1 type veth peer name v_n2 netns $N2 || fail "veth v_n1/v_n2"
for ns in $N1 $N2; do
	ip -n $ns link set lo up
done
ip -n $N1 addr add $N1_ADDR/24 dev v_n1
ip -n $N2 addr add $N2_ADDR/24 dev v_n2
ip -n $N1 link set v_n1 up
ip -n $N2 link set v_n2 up
ping_ok $N2 $N1_ADDR || fail "no ping between $N1 and $N2"
# netem drops, duplicates and corrupts whole skbs: with TSO a native
# "1%" would hit 64 KB super-packets, not 1% of the segments. Offloads
# off, where ethtool exists, makes the loss rates mean the same for both.
for ns_dev in $NS_NAT:v_nat $NS_TIP:v_tip $N1:v_n1 $N2:v_n2; do
	if ! command -v ethtool > /dev/null; then
		echo "# no ethtool: TSO/GSO stay on, netem acts on native super-packets"
		break
	fi
	ip netns exec "${ns_dev%%:*}" ethtool -K "${ns_dev#*:}" tso off gso off \
		> /dev/null 2>&1 || echo "# ethtool -K ${ns_dev#*:} tso off gso off failed"
done
ping_ok $NS_NAT $TIP_ADDR || fail "no ping between nat and tip"

SIZES="2M"
[ "$FULL" = 1 ] && SIZES="1M 16M"
NATIVE=${TINYIP_NETEM_NATIVE:-$FULL}

# netem SPEC: the qdisc on both ends of both links ("" removes it).
netem()
{
	local ns dev ns_dev
	for ns_dev in $NS_NAT:v_nat $NS_TIP:v_tip $N1:v_n1 $N2:v_n2; do
		ns=${ns_dev%%:*}
		dev=${ns_dev#*:}
		ip netns exec "$ns" tc qdisc del dev "$dev" root 2> /dev/null
		if [ -n "$1" ]; then
			# shellcheck disable=SC2086
			ip netns exec "$ns" tc qdisc add dev "$dev" root netem $1 ||
				fail "tc qdisc add dev $dev root netem $1"
		fi
	done
}

# netem_timeout SIZE: generous, for 10% loss and 100 ms delays.
netem_timeout()
{
	echo $(((120 + $(tcp_bytes "$1") / 52429) * TCP_SLOW))
}

# send_case TAG TIPNS FLAGS PEERNS PEER SIZE PORT: tip_tcp in TIPNS (with
# the options FLAGS) sends SIZE to socat in PEERNS listening on PEER.
# Prints "SECONDS RETRANS".
send_case()
{
	local tag=$1 tipns=$2 flags=$3 peerns=$4 peer=$5 size=$6 port=$7 to
	to=$(netem_timeout "$size")
	tcp_bg "$tag-sink" ip netns exec "$peerns" timeout "$to" \
		socat -u TCP4-LISTEN:"$port",reuseaddr -
	tcp_wait_native "$peerns" "$port"
	# shellcheck disable=SC2086
	tcp_run "$tag" ip netns exec "$tipns" "$TIP_TCP" $flags -t "$to" -v -i \
		send "$peer" "$port" "@$size" ||
		fail "$tag: send of $size: $(tcp_log "$tag")"
	tcp_wait "$tag-sink"
	tcp_expect_sha "$tag: $size" "$tag-sink" "$(tcp_sha "$size")"
	echo "$(tcp_info "$tag" elapsed) $(tcp_info "$tag" total_retrans)"
}

# recv_case TAG TIPNS FLAGS PEERNS HOST SIZE PORT: socat in PEERNS sends
# SIZE to tip_tcp in TIPNS listening on HOST. Prints "SECONDS RETRANS".
recv_case()
{
	local tag=$1 tipns=$2 flags=$3 peerns=$4 host=$5 size=$6 port=$7 to rt
	to=$(netem_timeout "$size")
	# shellcheck disable=SC2086
	tcp_bg "$tag" ip netns exec "$tipns" "$TIP_TCP" $flags -t "$to" -v \
		recv "$port" -
	tcp_wait_tip "$tag"
	rt=$(snmp "$peerns" Tcp RetransSegs)
	tcp_run "$tag-src" tcp_gen "$size" 0 ip netns exec "$peerns" \
		timeout "$to" socat -u - TCP4:"$host":"$port" ||
		fail "$tag: native send of $size: $(tcp_log "$tag-src")"
	tcp_wait "$tag"
	tcp_expect_sha "$tag: $size" "$tag" "$(tcp_sha "$size")"
	echo "$(tcp_info "$tag" elapsed) $(($(snmp "$peerns" Tcp RetransSegs) - rt))"
}

# one NAME SPEC SIZE DIR PORT: native <-> native, then tinyip <-> native.
one()
{
	local name=$1 spec=$2 size=$3 dir=$4 port=$5 nat tip line st
	netem "$spec"
	# The native run only reports (nothing is asserted on it), so make
	# check leaves it to check-full, or to TINYIP_NETEM_NATIVE=1.
	nat="- -"
	if [ "$dir" = out ]; then
		[ "$NATIVE" = 1 ] &&
			{ nat=$(send_case native "$N2" -4 "$N1" $N1_ADDR "$size" "$port") ||
				nat="? ?"; }
		tip=$(send_case tinyip "$NS_TIP" "" "$NS_NAT" $NAT_ADDR "$size" "$port")
	else
		[ "$NATIVE" = 1 ] &&
			{ nat=$(recv_case native "$N2" -4 "$N1" $N2_ADDR "$size" "$port") ||
				nat="? ?"; }
		tip=$(recv_case tinyip "$NS_TIP" "" "$NS_NAT" $TIP_ADDR "$size" "$port")
	fi
	st=$?
	[ -n "$tip" ] || tip="FAIL ?"
	# shellcheck disable=SC2086
	set -- $tip $nat
	line="$name $size $([ "$dir" = out ] && echo "tinyip->native" || echo "native->tinyip"):"
	line="$line time tinyip=$1 s native=$3 s retrans tinyip=$2 native=$4"
	echo "# $line"
	echo "$line" >> "$T/report"
	[ $st = 0 ] || fail "$name $size $dir: transfer failed"
}

CASES=(
	"clean|"
	"loss 1%|loss 1%"
	"loss 5%|loss 5%"
	"loss 10%|loss 10%"
	"reorder|delay 10ms reorder 25% 50%"
	"duplicate 5%|duplicate 5%"
	"delay 100ms jitter 20ms|delay 100ms 20ms"
	"corrupt 1%|corrupt 1%"
)
port=7200
for c in "${CASES[@]}"; do
	name=${c%%|*}
	spec=${c#*|}
	# TINYIP_NETEM_CASES=REGEX runs only the cases whose name matches.
	[[ $name =~ ${TINYIP_NETEM_CASES:-.} ]] || continue
	# make check leaves the mildest to check-full: net_tcp moves data
	# over the clean link, and 5% loss walks the paths 1% does.
	if [ "$FULL" != 1 ] && [ -z "${TINYIP_NETEM_CASES:-}" ]; then
		case $name in clean | "loss 1%") continue ;; esac
	fi
	sizes=$SIZES
	[ "$FULL" = 1 ] && [ -z "$spec" ] && sizes="$sizes 256M"
	for size in $sizes; do
		for dir in out in; do
			port=$((port + 1))
			tcp_case "netem $name, $size, $dir" one "$name" "$spec" "$size" "$dir" $port
		done
	done
done
netem ""
echo "# summary (seconds; retransmitted segments of the sender):"
sed 's/^/#   /' "$T/report" 2> /dev/null
tcp_done
