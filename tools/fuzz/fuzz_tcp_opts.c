// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the TCP options parser and builder and of the
 * segment checksums (module/tcp_wire.c; RFC 9293 3.1 and 3.2, RFC 7323,
 * RFC 2018, RFC 8200 8.1). The input is a flags byte (bit 0: a SYN) and
 * an options area; the whole input is also summed as a segment. Parsed
 * values must respect their limits, and options rebuilt from them must
 * parse back the same; a checksum set must verify, by every path.
 */
#include <linux/errno.h>
#include <linux/in6.h>
#include <linux/tcp.h>

#include <tinyip/tcp_wire.h>

#include "fuzz.h"

#define FUZZ_TCP_HEADROOM	16

static void fuzz_tcp_opts(const u8 *p, size_t len, bool syn)
{
	struct tip_tcp_opts o, o2;
	u8 out[TIP_TCP_OPT_MAX];
	unsigned int n, i;
	int ret;

	ret = tip_tcp_parse_opts(p, len, syn, &o);
	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	if (ret)
		return;
	FUZZ_CHECK(o.nsack <= TIP_TCP_MAX_SACK);
	FUZZ_CHECK(!(o.present & TIP_TCPOPT_SACK) == !o.nsack);
	FUZZ_CHECK(o.wscale <= TIP_TCP_MAX_WSCALE);
	if (!syn)
		FUZZ_CHECK(!(o.present & (TIP_TCPOPT_MSS | TIP_TCPOPT_WSCALE |
					  TIP_TCPOPT_SACK_PERM)));

	n = tip_tcp_build_opts(out, &o);
	FUZZ_CHECK(n == tip_tcp_opts_len(&o));
	FUZZ_CHECK(n <= TIP_TCP_OPT_MAX && n % 4 == 0);
	FUZZ_CHECK(!tip_tcp_parse_opts(out, n, syn, &o2));
	FUZZ_CHECK(o2.present == o.present ||
		   (o2.present | TIP_TCPOPT_SACK) == o.present);
	FUZZ_CHECK(o2.mss == o.mss && o2.wscale == o.wscale);
	FUZZ_CHECK(o2.tsval == o.tsval && o2.tsecr == o.tsecr);
	/* Blocks that did not fit are left out, never altered. */
	FUZZ_CHECK(o2.nsack <= o.nsack);
	for (i = 0; i < o2.nsack; i++)
		FUZZ_CHECK(o2.sack[i].start == o.sack[i].start &&
			   o2.sack[i].end == o.sack[i].end);
}

/* The segment's sum with the pseudo-header, by the reference code. */
static u16 fuzz_tcp_ref(const u8 *seg, size_t len, const u8 *ph, size_t phl)
{
	return fuzz_sum16(seg, len, fuzz_sum16(ph, phl, 0));
}

static void fuzz_tcp_csum(const u8 *data, size_t size, bool v6)
{
	struct in6_addr s6, d6;
	struct sk_buff skb;
	__be32 s4, d4;
	u8 *head, ph[40];
	size_t phl;
	__sum16 sum;
	bool ok;

	if (size < 20 + 32 || size > 0xffff)
		return;
	memcpy(&s6, data, 16);
	memcpy(&d6, data + 16, 16);
	memcpy(&s4, data, 4);
	memcpy(&d4, data + 4, 4);
	data += 32;
	size -= 32;
	memset(ph, 0, sizeof(ph));
	if (v6) {
		memcpy(ph, &s6, 16);
		memcpy(ph + 16, &d6, 16);
		ph[34] = size >> 8;
		ph[35] = size;
		ph[39] = IPPROTO_TCP;
		phl = 40;
	} else {
		memcpy(ph, &s4, 4);
		memcpy(ph + 4, &d4, 4);
		ph[9] = IPPROTO_TCP;
		ph[10] = size >> 8;
		ph[11] = size;
		phl = 12;
	}

	/* Headroom, as an skb has it, keeping the header 4-byte aligned. */
	head = malloc(size + FUZZ_TCP_HEADROOM);
	FUZZ_CHECK(head);
	memcpy(head + FUZZ_TCP_HEADROOM, data, size);
	memset(&skb, 0, sizeof(skb));
	skb.head = head;
	skb.data = head + FUZZ_TCP_HEADROOM;
	skb.len = size;

	ok = v6 ? tip_tcp_csum_ok6(&skb, &s6, &d6) :
		  tip_tcp_csum_ok(&skb, s4, d4);
	FUZZ_CHECK(ok == (fuzz_tcp_ref(skb.data, size, ph, phl) == 0xffff));

	/* Vouched for by the device or a local sender: trusted. */
	skb.ip_summed = CHECKSUM_UNNECESSARY;
	FUZZ_CHECK(v6 ? tip_tcp_csum_ok6(&skb, &s6, &d6) :
			tip_tcp_csum_ok(&skb, s4, d4));

	/* A device's full sum: the verdict is the same. */
	skb.ip_summed = CHECKSUM_COMPLETE;
	skb.csum = csum_partial(skb.data, size, 0);
	FUZZ_CHECK(ok == (v6 ? tip_tcp_csum_ok6(&skb, &s6, &d6) :
			       tip_tcp_csum_ok(&skb, s4, d4)));

	/* Set in software: it verifies, by the reference too. */
	skb.ip_summed = CHECKSUM_NONE;
	if (v6)
		tip_tcp_csum_set6(&skb, &s6, &d6, false);
	else
		tip_tcp_csum_set(&skb, s4, d4, false);
	FUZZ_CHECK(skb.ip_summed == CHECKSUM_NONE);
	FUZZ_CHECK(fuzz_tcp_ref(skb.data, size, ph, phl) == 0xffff);
	FUZZ_CHECK(v6 ? tip_tcp_csum_ok6(&skb, &s6, &d6) :
			tip_tcp_csum_ok(&skb, s4, d4));

	/* Left to the device: the seed plus the segment's sum is the sum. */
	if (v6)
		tip_tcp_csum_set6(&skb, &s6, &d6, true);
	else
		tip_tcp_csum_set(&skb, s4, d4, true);
	FUZZ_CHECK(skb.ip_summed == CHECKSUM_PARTIAL);
	FUZZ_CHECK(skb.csum_start == FUZZ_TCP_HEADROOM && skb.csum_offset == 16);
	sum = csum_fold(csum_partial(skb.data, size, 0));
	memcpy(skb.data + 16, &sum, sizeof(sum));
	FUZZ_CHECK(fuzz_tcp_ref(skb.data, size, ph, phl) == 0xffff);
	free(head);
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	if (!size)
		return 0;
	fuzz_tcp_opts(data + 1, size - 1, data[0] & 1);
	fuzz_tcp_csum(data + 1, size - 1, data[0] & 2);
	return 0;
}
