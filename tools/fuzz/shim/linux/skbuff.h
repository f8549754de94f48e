/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: a linear sk_buff. The wire parsers' checksum paths
 * (RFC 1071 sums over skb data, the CHECKSUM_* offload states) read a
 * few fields; the protocol core built on the host (reassembly, RFC 791
 * 3.2 and RFC 8200 4.5) also allocates, fills, copies and frees skbs.
 * Those calls live in shim/kernel.c, which counts live skbs so that a
 * harness can prove none leaked, and is stricter than the kernel where
 * the kernel would panic (skb_put past the end) or read outside the
 * data (skb_copy_bits with a negative offset).
 */
#ifndef _TIP_SHIM_LINUX_SKBUFF_H
#define _TIP_SHIM_LINUX_SKBUFF_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <net/checksum.h>

#define CHECKSUM_NONE		0
#define CHECKSUM_UNNECESSARY	1
#define CHECKSUM_COMPLETE	2
#define CHECKSUM_PARTIAL	3

struct net_device;

struct sk_buff {
	struct sk_buff *next;
	unsigned char *head;
	unsigned char *data;
	unsigned int len;
	unsigned int tail;		/* offsets from head, as on 64-bit */
	unsigned int end;
	unsigned int truesize;
	char cb[48] __attribute__((aligned(8)));
	struct net_device *dev;
	__be16 protocol;
	u8 pkt_type;
	u32 priority;
	u32 mark;
	u8 ip_summed;
	bool csum_valid;
	__wsum csum;
	u16 csum_start;
	u16 csum_offset;
	u16 transport_header;
	u16 network_header;
};

/* shim/kernel.c: skbs alive now, for leak checks. */
extern long tip_shim_skbs;

struct sk_buff *alloc_skb(unsigned int size, gfp_t gfp);
void kfree_skb(struct sk_buff *skb);
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len);
void *skb_put(struct sk_buff *skb, unsigned int len);
void skb_reserve(struct sk_buff *skb, int len);

static inline unsigned int skb_headroom(const struct sk_buff *skb)
{
	return skb->data - skb->head;
}

static inline unsigned int skb_headlen(const struct sk_buff *skb)
{
	return skb->len;
}

static inline void skb_reset_transport_header(struct sk_buff *skb)
{
	skb->transport_header = skb->data - skb->head;
}

static inline unsigned char *skb_transport_header(const struct sk_buff *skb)
{
	return skb->head + skb->transport_header;
}

static inline void skb_reset_network_header(struct sk_buff *skb)
{
	skb->network_header = skb->data - skb->head;
}

static inline unsigned char *skb_network_header(const struct sk_buff *skb)
{
	return skb->head + skb->network_header;
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
