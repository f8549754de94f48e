// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the DHCPv4 reply parser and the client message
 * builder (module/dhcp4_wire.c; RFC 2131 2 and 4.1, RFC 2132): any
 * input either fails cleanly or yields a view within its limits (three
 * DNS and NTP servers, a NUL-terminated domain, a legal MTU, a prefix of
 * at most 32); a message built from the input parses back with its type
 * and transaction id once turned into a reply.
 */
#include <linux/errno.h>
#include <string.h>

#include <tinyip/dhcp4.h>

#include "fuzz.h"

static void fuzz_dhcp4_parse(const u8 *data, size_t size)
{
	struct tip_dhcp4_msg m;
	int ret = tip_dhcp4_parse(data, size, &m);

	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	if (ret)
		return;
	FUZZ_CHECK(m.type >= TIP_DHCPDISCOVER && m.type <= TIP_DHCPINFORM);
	FUZZ_CHECK(m.lease.ndns <= TIP_DHCP4_MAX_DNS);
	FUZZ_CHECK(m.lease.nntp <= TIP_DHCP4_MAX_NTP);
	FUZZ_CHECK(memchr(m.lease.domain, 0, sizeof(m.lease.domain)));
	FUZZ_CHECK(!m.lease.mtu || m.lease.mtu >= 68);
	FUZZ_CHECK(m.lease.prefixlen <= 32);
}

static void fuzz_dhcp4_build(const u8 *data, size_t size)
{
	u8 mac[ETH_ALEN] = {}, buf[TIP_DHCP4_TX_MAX];
	char host[TIP_DHCP4_HOSTNAME_MAX + 8] = "";
	struct tip_dhcp4_req r = {};
	struct tip_dhcp4_msg m;
	int len;

	if (size < 16)
		return;
	r.type = 1 + data[0] % 8;
	memcpy(&r.xid, data + 1, 4);
	memcpy(&r.reqip, data + 5, 4);
	memcpy(&r.server, data + 9, 4);
	r.broadcast = data[13] & 1;
	memcpy(mac, data + 10, 6);
	r.chaddr = mac;
	memcpy(host, data + 16, size - 16 < sizeof(host) - 1 ?
	       size - 16 : sizeof(host) - 1);
	r.hostname = host;
	len = tip_dhcp4_build(buf, sizeof(buf), &r);
	FUZZ_CHECK(len > TIP_DHCP4_MIN_LEN && len <= (int)sizeof(buf));
	FUZZ_CHECK(tip_dhcp4_build(buf, TIP_DHCP4_MIN_LEN, &r) == -ENOSPC);
	len = tip_dhcp4_build(buf, sizeof(buf), &r);
	buf[0] = 2;
	FUZZ_CHECK(!tip_dhcp4_parse(buf, len, &m));
	FUZZ_CHECK(m.type == r.type && m.xid == r.xid);
	FUZZ_CHECK(!memcmp(m.chaddr, mac, ETH_ALEN));
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	fuzz_dhcp4_parse(data, size);
	fuzz_dhcp4_build(data, size);
	return 0;
}
