/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: a linear sk_buff with just the fields the checksum
 * paths of tcp_wire.c and udp_wire.c read and write (RFC 1071 sums over
 * skb data, the CHECKSUM_* offload states).
 */
#ifndef _TIP_SHIM_LINUX_SKBUFF_H
#define _TIP_SHIM_LINUX_SKBUFF_H

#include <linux/list.h>
#include <net/checksum.h>

#define CHECKSUM_NONE		0
#define CHECKSUM_UNNECESSARY	1
#define CHECKSUM_COMPLETE	2
#define CHECKSUM_PARTIAL	3

struct sk_buff {
	unsigned char *head;
	unsigned char *data;
	unsigned int len;
	u8 ip_summed;
	bool csum_valid;
	__wsum csum;
	u16 csum_start;
	u16 csum_offset;
	u16 transport_header;
};

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return skb->data - skb->head;
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = skb->data - skb->head;
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}

static inline bool skb_csum_unnecessary(const struct sk_buff *skb)
{
	return skb->ip_summed == CHECKSUM_UNNECESSARY || skb->csum_valid ||
	       (skb->ip_summed == CHECKSUM_PARTIAL &&
		skb->csum_start >= skb_headroom(skb));
}

/* The sum of @len bytes from @offset past skb->data: all of them linear. */
static inline __wsum skb_checksum(const struct sk_buff *skb, int offset,
				  int len, __wsum csum)
{
	return csum_partial(skb->data + offset, len, csum);
}

#endif /* _TIP_SHIM_LINUX_SKBUFF_H */
