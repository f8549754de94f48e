#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The demo's guest half: each step is shown before it runs.
set -euo pipefail
REPO=$(cd "$(dirname "$0")/../.." && pwd)
PATH=$REPO/tools/tinyip:$REPO/tools/examples:$REPO/tools/testing/selftests:$REPO/tools/preload:$PATH

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
echo
echo "tinyip on a wire: a veth pair between a namespace of the native stack"
echo "(nat) and one where tinyip owns the addresses (tip):"
run ip netns add nat
run ip netns add tip
run ip link add v_nat netns nat type veth peer name v_tip netns tip
run ip -n nat addr add 192.0.2.1/24 dev v_nat
run ip -n nat link set v_nat up
run ip -n tip link set v_tip up
run ip netns exec tip tinyip link attach dev v_tip
run ip netns exec tip tinyip addr add 192.0.2.2/24 dev v_tip
run ip netns exec tip tinyip addr show
echo
echo "Linux's ping gets its answers from tinyip:"
run ip netns exec nat ping -n -c 3 -i 0.2 192.0.2.2
echo
echo "A UDP echo server on an AF_TINYIP socket, and socat as its native client:"
echo "\$ ip netns exec tip tip_udp echo-server 7 &"
ip netns exec tip tip_udp -t 30000 echo-server 7 > /tmp/demo-echo &
echo_pid=$!
for _ in $(seq 50); do
	grep -q bound /tmp/demo-echo && break
	sleep 0.1
done
run sh -c 'echo "hello, tinyip" | ip netns exec nat socat -t 1 - UDP4:192.0.2.2:7'
kill $echo_pid
wait $echo_pid || true
echo
echo "TCP: an unmodified curl, moved onto tinyip by tinyip-run, downloads a"
echo "file from Python's HTTP server on the native stack:"
mkdir -p /tmp/demo-www
head -c 1048576 /dev/urandom > /tmp/demo-www/file.bin
echo "\$ ip netns exec nat python3 -m http.server -d /tmp/demo-www 8080 &"
ip netns exec nat python3 -m http.server -b 192.0.2.1 -d /tmp/demo-www 8080 \
	> /tmp/demo-http.log 2>&1 &
http_pid=$!
for _ in $(seq 100); do
	ip netns exec nat ss -ltn | grep -q ':8080 ' && break
	sleep 0.1
done
run ip netns exec tip tinyip-run curl -sS -o /tmp/demo-got.bin \
	-w 'HTTP %{http_code}, %{size_download} bytes in %{time_total} s\n' \
	http://192.0.2.1:8080/file.bin
run sha256sum /tmp/demo-www/file.bin /tmp/demo-got.bin
cmp /tmp/demo-www/file.bin /tmp/demo-got.bin
kill $http_pid
wait $http_pid || true
echo
echo "IPv6: radvd on the native side advertises 2001:db8:1::/64; tinyip"
echo "autoconfigures a stable address from it (SLAAC, RFC 7217) and Linux's"
echo "ping -6 gets answers:"
run ip netns exec nat sysctl -qw net.ipv6.conf.all.forwarding=1
run ip -n nat -6 addr add 2001:db8:1::1/64 dev v_nat nodad
cat > /tmp/demo-radvd.conf << 'EOF'
interface v_nat {
	AdvSendAdvert on;
	MinRtrAdvInterval 3;
	MaxRtrAdvInterval 4;
	prefix 2001:db8:1::/64 { AdvOnLink on; AdvAutonomous on; };
};
EOF
echo "\$ ip netns exec nat radvd -n -C /tmp/demo-radvd.conf &"
ip netns exec nat radvd -n -C /tmp/demo-radvd.conf -p /tmp/demo-radvd.pid \
	-m stderr > /tmp/demo-radvd.log 2>&1 &
slaac=
for _ in $(seq 100); do
	slaac=$(ip netns exec tip tinyip -j addr show dev v_tip | jq -r \
		'.[] | select(.local | startswith("2001:db8:1:")) |
		 select(.flags | index("tentative") == null) | .local')
	[ -n "$slaac" ] && break
	sleep 0.2
done
run ip netns exec tip tinyip -6 addr show
run ip netns exec tip tinyip -6 route show
run ip netns exec nat ping -6 -n -c 3 -i 0.2 "$slaac"
run ip netns exec tip tinyip -6 neigh show
kill "$(cat /tmp/demo-radvd.pid)" 2> /dev/null || true
echo
echo "No manual addresses: dnsmasq on a second link serves DHCP and DNS;"
echo "tinyip takes a lease (RFC 2131, the address probed first, RFC 5227),"
echo "its resolver gets the lease's DNS server and looks a name up:"
run ip link add v_nat2 netns nat type veth peer name v_tip2 netns tip
run ip -n nat addr add 198.51.100.1/24 dev v_nat2
run ip -n nat link set v_nat2 up
run ip -n tip link set v_tip2 up
run ip netns exec tip tinyip link attach dev v_tip2
echo "\$ ip netns exec nat dnsmasq --dhcp-range=198.51.100.50,198.51.100.60,2m --host-record=www.demo.test,198.51.100.80 ... &"
ip netns exec nat dnsmasq --no-daemon --conf-file=/dev/null --user=root \
	--no-resolv --no-hosts --bind-interfaces --interface=v_nat2 \
	--listen-address=198.51.100.1 --dhcp-leasefile=/tmp/demo-leases \
	--dhcp-range=198.51.100.50,198.51.100.60,255.255.255.0,2m \
	--dhcp-option=option:dns-server,198.51.100.1 \
	--host-record=www.demo.test,198.51.100.80 --local-ttl=60 \
	> /tmp/demo-dnsmasq.log 2>&1 &
dnsmasq_pid=$!
run ip netns exec tip tinyip dhcp start dev v_tip2
for _ in $(seq 150); do
	ip netns exec tip tinyip -j dhcp show dev v_tip2 | grep -q '"bound"' && break
	sleep 0.2
done
run ip netns exec tip tinyip dhcp show
run ip netns exec tip tinyip dns show
run ip netns exec tip tinyip dns resolve www.demo.test
run ip netns exec tip tinyip dns show
run ip netns exec tip tinyip dhcp stop dev v_tip2
kill $dnsmasq_pid
wait $dnsmasq_pid || true
echo
echo "tinyip's own view of its TCP endpoints (like ss) and counters (like nstat):"
run ip netns exec tip tinyip sock show tcp
run sh -c 'ip netns exec tip tinyip stats | grep -E "ActiveOpens|OutSegs|InSegs|RetransSegs"'
run ip netns exec tip tinyip -s link show
run ip netns exec tip tinyip neigh show
run ip netns del nat
run ip netns del tip
# Namespaces go away asynchronously; unload once they are gone.
for _ in $(seq 50); do
	[ "$(cat /sys/module/tinyip/refcnt)" = 0 ] && break
	sleep 0.1
done
run modprobe -r tinyip
run sh -c 'lsmod | grep ^tinyip || echo "tinyip is unloaded"'
echo
echo "demo done"
