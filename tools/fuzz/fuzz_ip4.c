// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the IPv4 header parser and option walkers
 * (module/ip4_wire.c; RFC 791 3.1, RFC 1122 3.2.1). The input is a
 * datagram. A header refused for its checksum is parsed again with the
 * checksum made right, so the fuzzer gets past it; an accepted header
 * must describe bytes that are there, and the options a later fragment
 * copies (RFC 791) must walk as the original did.
 */
#include <linux/errno.h>
#include <linux/ip.h>
#include <net/ip.h>

#include <linux/tinyip.h>
#include <tinyip/ip4_wire.h>

#include "fuzz.h"

static void fuzz_ip4_opts(const u8 *opt, unsigned int len, u8 flags)
{
	u8 *out = fuzz_dup(opt, len);
	u8 *again = fuzz_dup(opt, len);
	unsigned int n, m;
	u8 f2;

	/* @out has room for @len bytes only, as ip4_out.c gives it. */
	n = tip_ip4_opts_for_frag(opt, len, out);
	FUZZ_CHECK(n <= len && n % 4 == 0);
	/* All options we act on are copied ones: the flags stay the same. */
	FUZZ_CHECK(!tip_ip4_opts_walk(out, n, &f2));
	FUZZ_CHECK(f2 == flags);
	m = tip_ip4_opts_for_frag(out, n, again);
	FUZZ_CHECK(m == n && !memcmp(out, again, n));
	free(again);
	free(out);
}

static int fuzz_ip4_parse(const u8 *buf, size_t size)
{
	struct tip_ip4_view v, v2;
	const struct iphdr *iph = (const struct iphdr *)buf;
	int ret;

	memset(&v, 0, sizeof(v));
	memset(&v2, 0, sizeof(v2));
	ret = tip_ip4_wire_parse(buf, size, size, &v);
	FUZZ_CHECK(ret == tip_ip4_wire_parse(buf, size, size, &v2));
	FUZZ_CHECK(!memcmp(&v, &v2, sizeof(v)));
	if (ret)
		return ret;

	FUZZ_CHECK(v.hlen >= sizeof(*iph) && v.hlen % 4 == 0);
	FUZZ_CHECK(v.hlen <= v.tot_len && v.tot_len <= size);
	FUZZ_CHECK(v.hlen - sizeof(*iph) <= TIP_IP4_OPTLEN_MAX);
	FUZZ_CHECK(v.proto == iph->protocol && v.ttl == iph->ttl);
	FUZZ_CHECK(v.frag_off == (ntohs(iph->frag_off) & IP_OFFSET) * 8);
	FUZZ_CHECK(fuzz_sum16(buf, v.hlen, 0) == 0xffff);
	fuzz_ip4_opts(buf + sizeof(*iph), v.hlen - sizeof(*iph), v.opt_flags);
	return 0;
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	unsigned int ihl;
	u8 *buf, flags;
	u16 sum;

	/* The walkers alone, over any bytes, at any alignment. */
	tip_ip4_opts_walk(data, size, &flags);
	ihl = size & ~3U;
	buf = malloc(ihl ? ihl : 1);
	FUZZ_CHECK(buf);
	FUZZ_CHECK(tip_ip4_opts_for_frag(data, ihl, buf) <= ihl);
	free(buf);

	if (fuzz_ip4_parse(data, size) != TINYIP_DROP_CSUM)
		return 0;
	/* Only a header whose length is there can fail on its checksum. */
	ihl = data[0] & 0x0f;
	FUZZ_CHECK(ihl >= 5 && ihl * 4 <= size);
	buf = fuzz_dup(data, size);
	buf[10] = 0;
	buf[11] = 0;
	sum = ~fuzz_sum16(buf, ihl * 4, 0);
	buf[10] = sum >> 8;
	buf[11] = sum;
	FUZZ_CHECK(fuzz_ip4_parse(buf, size) != TINYIP_DROP_CSUM);
	free(buf);
	return 0;
}
