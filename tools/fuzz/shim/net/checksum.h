/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the Internet checksum helpers (RFC 1071, RFC 1624):
 * plain C, byte order independent. A __wsum is a 32-bit one's complement
 * sum of 16-bit words loaded in host order, as the kernel's is, so the
 * folded result is stored into a header as is.
 */
#ifndef _TIP_SHIM_NET_CHECKSUM_H
#define _TIP_SHIM_NET_CHECKSUM_H

#include <linux/types.h>

static inline u32 tip_shim_fold32(u64 sum)
{
	while (sum >> 32)
		sum = (sum & 0xffffffff) + (sum >> 32);
	return sum;
}

static inline __wsum csum_partial(const void *buf, int len, __wsum wsum)
{
	const u8 *p = buf;
	u64 sum = wsum;
	u16 w;

	for (; len > 1; len -= 2, p += 2) {
		memcpy(&w, p, 2);
		sum += w;
	}
	if (len > 0) {
		/* The odd byte is the first of a word whose second is 0. */
		u8 last[2] = { p[0], 0 };

		memcpy(&w, last, 2);
		sum += w;
	}
	return tip_shim_fold32(sum);
}

static inline __wsum csum_add(__wsum a, __wsum b)
{
	return tip_shim_fold32((u64)a + b);
}

static inline __sum16 csum_fold(__wsum wsum)
{
	u32 sum = wsum;

	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

/* The header at @iph, @ihl 32-bit words long: 0 when its sum is right. */
static inline __sum16 ip_fast_csum(const void *iph, unsigned int ihl)
{
	return csum_fold(csum_partial(iph, ihl * 4, 0));
}

/* RFC 768 / RFC 9293 3.1 pseudo-header, built as bytes and summed. */
static inline __wsum csum_tcpudp_nofold(__be32 saddr, __be32 daddr, u32 len,
					u8 proto, __wsum sum)
{
	u8 ph[16];

	memcpy(ph, &saddr, 4);
	memcpy(ph + 4, &daddr, 4);
	ph[8] = len >> 24;	/* 0 but for GSO lengths, as Linux adds them */
	ph[9] = len >> 16;
	ph[10] = 0;
	ph[11] = proto;
	ph[12] = len >> 8;
	ph[13] = len;
	ph[14] = 0;
	ph[15] = 0;
	return csum_partial(ph, sizeof(ph), sum);
}

static inline __sum16 csum_tcpudp_magic(__be32 saddr, __be32 daddr, u32 len,
					u8 proto, __wsum sum)
{
	return csum_fold(csum_tcpudp_nofold(saddr, daddr, len, proto, sum));
}

#endif /* _TIP_SHIM_NET_CHECKSUM_H */
