// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the UDP and UDP-Lite wire rules (module/udp_wire.c;
 * RFC 768, RFC 3828 3.1, RFC 8200 8.1). The input is a flags byte (bit 0:
 * UDP-Lite, bit 1: IPv6), two 16-byte addresses, a 16-bit send coverage
 * and the datagram. The coverage a sender announces must be the one the
 * receiver derives; a received datagram's checksum verdict must match the
 * reference sum over the coverage, and a checksum set must verify.
 */
#include <linux/errno.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/ip6_checksum.h>

#include <tinyip/udp.h>

#include "fuzz.h"

#define FUZZ_UDP_PREFIX	35	/* flags, saddr, daddr, send coverage */

struct fuzz_udp {
	bool v6;
	u8 proto;
	struct in6_addr s6, d6;
	__be32 s4, d4;
	u8 ph[40];
	size_t phl;
};

static bool fuzz_udp_ok(struct fuzz_udp *f, struct sk_buff *skb,
			unsigned int cov)
{
	return f->v6 ? tip_udp6_csum_ok(skb, &f->s6, &f->d6, f->proto, cov) :
		       tip_udp_csum_ok(skb, f->s4, f->d4, f->proto, cov);
}

static bool fuzz_udp_ref(struct fuzz_udp *f, const u8 *dg, unsigned int cov)
{
	if (!dg[6] && !dg[7])
		return !f->v6 && f->proto == IPPROTO_UDP;
	return fuzz_sum16(dg, cov, fuzz_sum16(f->ph, f->phl, 0)) == 0xffff;
}

static void fuzz_udp_csum(struct fuzz_udp *f, u8 *dg, unsigned int len,
			  unsigned int cov)
{
	struct sk_buff skb;
	__sum16 sum;
	bool ok;

	memset(&skb, 0, sizeof(skb));
	skb.head = dg;
	skb.data = dg;
	skb.len = len;
	ok = fuzz_udp_ok(f, &skb, cov);
	FUZZ_CHECK(ok == fuzz_udp_ref(f, dg, cov));
	skb.ip_summed = CHECKSUM_UNNECESSARY;
	FUZZ_CHECK(fuzz_udp_ok(f, &skb, cov) == (ok || dg[6] || dg[7]));
	skb.ip_summed = CHECKSUM_COMPLETE;
	skb.csum = csum_partial(dg, len, 0);
	FUZZ_CHECK(fuzz_udp_ok(f, &skb, cov) == ok);

	/* Send: the field zeroed, summed, 0 going out as 0xffff (RFC 768). */
	dg[6] = 0;
	dg[7] = 0;
	sum = f->v6 ? tip_udp6_csum(&skb, 0, len, cov, &f->s6, &f->d6,
				    f->proto) :
		      tip_udp_csum(&skb, 0, len, cov, f->s4, f->d4, f->proto);
	if (!sum)
		sum = (__sum16)0xffff;
	memcpy(dg + 6, &sum, sizeof(sum));
	skb.ip_summed = CHECKSUM_NONE;
	FUZZ_CHECK(fuzz_udp_ok(f, &skb, cov));
	FUZZ_CHECK(fuzz_udp_ref(f, dg, cov));
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	unsigned int len, field_len, cov;
	struct fuzz_udp f;
	u16 send_cscov, field;
	int rx;
	u8 *dg;

	if (size < FUZZ_UDP_PREFIX + sizeof(struct udphdr) ||
	    size - FUZZ_UDP_PREFIX > 0xffff)
		return 0;
	memset(&f, 0, sizeof(f));
	f.proto = data[0] & 1 ? IPPROTO_UDPLITE : IPPROTO_UDP;
	f.v6 = data[0] & 2;
	memcpy(&f.s6, data + 1, 16);
	memcpy(&f.d6, data + 17, 16);
	memcpy(&f.s4, data + 1, 4);
	memcpy(&f.d4, data + 5, 4);
	send_cscov = tip_udplite_clamp_cscov(data[33] << 8 | data[34]);
	len = size - FUZZ_UDP_PREFIX;
	dg = fuzz_dup(data + FUZZ_UDP_PREFIX, len);

	/* Coverage: what a receiver derives from the length field. */
	field_len = dg[4] << 8 | dg[5];
	rx = tip_udplite_rx_cscov(field_len, len);
	FUZZ_CHECK(rx == -EINVAL || (rx >= 8 && rx <= (int)len));
	FUZZ_CHECK(send_cscov == 0 || send_cscov >= 8);

	/* What a sender announces, the receiver derives. */
	cov = tip_udplite_tx_cscov(data[0] & 4, send_cscov, len, &field);
	FUZZ_CHECK(cov >= 8 && cov <= len);
	FUZZ_CHECK(tip_udplite_rx_cscov(field, len) == (int)cov);

	memset(f.ph, 0, sizeof(f.ph));
	if (f.v6) {
		memcpy(f.ph, &f.s6, 16);
		memcpy(f.ph + 16, &f.d6, 16);
		f.ph[34] = len >> 8;
		f.ph[35] = len;
		f.ph[39] = f.proto;
		f.phl = 40;
	} else {
		memcpy(f.ph, &f.s4, 4);
		memcpy(f.ph + 4, &f.d4, 4);
		f.ph[9] = f.proto;
		f.ph[10] = len >> 8;
		f.ph[11] = len;
		f.phl = 12;
	}
	if (f.proto == IPPROTO_UDP)
		fuzz_udp_csum(&f, dg, len, len);
	else if (rx != -EINVAL)
		fuzz_udp_csum(&f, dg, len, rx);
	free(dg);
	return 0;
}
