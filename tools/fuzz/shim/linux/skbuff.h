/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: a linear sk_buff. The wire parsers' checksum paths
 * (RFC 1071 sums over skb data, the CHECKSUM_* offload states) read a
 * few fields; the protocol core built on the host (reassembly, RFC 791
 * 3.2 and RFC 8200 4.5) also allocates, fills, copies and frees skbs.
 * Those calls live in shim/kernel.c, which counts live skbs so that a
 * harness can prove none leaked, and is stricter than the kernel where
 * the kernel would panic (skb_put past the end) or read outside the
 * data (skb_copy_bits with a negative offset). Queues (sk_buff_head)
 * work as the kernel's: the head poses as an skb whose next and prev
 * come first, so TCP's queues (RFC 9293 3.10.7.4, RFC 2018) run as is.
 */
#ifndef _TIP_SHIM_LINUX_SKBUFF_H
#define _TIP_SHIM_LINUX_SKBUFF_H

#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/gfp.h>
#include <linux/spinlock.h>
#include <net/checksum.h>

#define CHECKSUM_NONE		0
#define CHECKSUM_UNNECESSARY	1
#define CHECKSUM_COMPLETE	2
#define CHECKSUM_PARTIAL	3

struct net_device;

struct sk_buff {
	struct sk_buff *next;		/* first, as in sk_buff_head */
	struct sk_buff *prev;
	unsigned char *head;
	unsigned char *data;
	char cb[48];			/* 8-aligned: pointers precede it */
	unsigned int len;
	unsigned int tail;		/* offsets from head, as on 64-bit */
	unsigned int end;
	unsigned int truesize;
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

struct sk_buff_head {
	struct sk_buff *next;
	struct sk_buff *prev;
	u32 qlen;
	spinlock_t lock;		/* taken by no stand-in */
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

/* Linear only: the data moves, nothing is reallocated. */
static inline void *pskb_pull(struct sk_buff *skb, unsigned int len)
{
	if (len > skb->len)
		return NULL;
	skb->len -= len;
	skb->data += len;
	return skb->data;
}

static inline int pskb_trim(struct sk_buff *skb, unsigned int len)
{
	if (len < skb->len) {
		skb->len = len;
		skb->tail = skb->data - skb->head + len;
	}
	return 0;
}

static inline void __skb_queue_head_init(struct sk_buff_head *list)
{
	list->prev = (struct sk_buff *)list;
	list->next = (struct sk_buff *)list;
	list->qlen = 0;
}

static inline void skb_queue_head_init(struct sk_buff_head *list)
{
	spin_lock_init(&list->lock);
	__skb_queue_head_init(list);
}

static inline u32 skb_queue_len(const struct sk_buff_head *list)
{
	return list->qlen;
}

static inline bool skb_queue_empty(const struct sk_buff_head *list)
{
	return list->next == (const struct sk_buff *)list;
}

static inline struct sk_buff *skb_peek(const struct sk_buff_head *list)
{
	struct sk_buff *skb = list->next;

	return skb == (struct sk_buff *)list ? NULL : skb;
}

static inline struct sk_buff *skb_peek_tail(const struct sk_buff_head *list)
{
	struct sk_buff *skb = list->prev;

	return skb == (struct sk_buff *)list ? NULL : skb;
}

static inline bool skb_queue_is_last(const struct sk_buff_head *list,
				     const struct sk_buff *skb)
{
	return skb->next == (const struct sk_buff *)list;
}

static inline bool skb_queue_is_first(const struct sk_buff_head *list,
				      const struct sk_buff *skb)
{
	return skb->prev == (const struct sk_buff *)list;
}

/* The kernel WARNs past either end; here that stops the run. */
static inline struct sk_buff *skb_queue_next(const struct sk_buff_head *list,
					     const struct sk_buff *skb)
{
	TIP_SHIM_CHECK(!skb_queue_is_last(list, skb));
	return skb->next;
}

static inline struct sk_buff *skb_queue_prev(const struct sk_buff_head *list,
					     const struct sk_buff *skb)
{
	TIP_SHIM_CHECK(!skb_queue_is_first(list, skb));
	return skb->prev;
}

/*
 * The links either an skb or the queue's head may hold: written through
 * this, so that UBSan sees no skb-sized access to a smaller head.
 */
struct tip_shim_skb_link {
	struct sk_buff *next;
	struct sk_buff *prev;
};

#define TIP_SHIM_LINK(p)	((struct tip_shim_skb_link *)(void *)(p))

static inline void __skb_insert(struct sk_buff *newsk, struct sk_buff *prev,
				struct sk_buff *next,
				struct sk_buff_head *list)
{
	TIP_SHIM_CHECK(!newsk->next && !newsk->prev);
	newsk->next = next;
	newsk->prev = prev;
	TIP_SHIM_LINK(next)->prev = newsk;
	TIP_SHIM_LINK(prev)->next = newsk;
	list->qlen++;
}

static inline void __skb_queue_before(struct sk_buff_head *list,
				      struct sk_buff *next,
				      struct sk_buff *newsk)
{
	__skb_insert(newsk, TIP_SHIM_LINK(next)->prev, next, list);
}

static inline void __skb_queue_after(struct sk_buff_head *list,
				     struct sk_buff *prev,
				     struct sk_buff *newsk)
{
	__skb_insert(newsk, prev, TIP_SHIM_LINK(prev)->next, list);
}

static inline void __skb_queue_tail(struct sk_buff_head *list,
				    struct sk_buff *newsk)
{
	__skb_queue_before(list, (struct sk_buff *)list, newsk);
}

static inline void __skb_queue_head(struct sk_buff_head *list,
				    struct sk_buff *newsk)
{
	__skb_queue_after(list, (struct sk_buff *)list, newsk);
}

static inline void __skb_unlink(struct sk_buff *skb,
				struct sk_buff_head *list)
{
	struct sk_buff *next = skb->next, *prev = skb->prev;

	TIP_SHIM_CHECK(list->qlen > 0 && TIP_SHIM_LINK(next)->prev == skb &&
		       TIP_SHIM_LINK(prev)->next == skb);
	list->qlen--;
	skb->next = NULL;
	skb->prev = NULL;
	TIP_SHIM_LINK(next)->prev = prev;
	TIP_SHIM_LINK(prev)->next = next;
}

static inline struct sk_buff *__skb_dequeue(struct sk_buff_head *list)
{
	struct sk_buff *skb = skb_peek(list);

	if (skb)
		__skb_unlink(skb, list);
	return skb;
}

/*
 * The walks keep their place in a cursor, so that each macro argument
 * is named once; the next skb is read before the body runs, which
 * makes every walk as safe as skb_queue_walk_safe().
 */
struct tip_shim_skb_it {
	struct sk_buff **skb;
	const struct sk_buff *head;
	struct sk_buff *next;
};

static inline struct tip_shim_skb_it
tip_shim_skb_it(struct sk_buff **skb, const struct sk_buff_head *queue)
{
	return (struct tip_shim_skb_it){ skb, (const void *)queue,
					 queue->next };
}

static inline bool tip_shim_skb_step(struct tip_shim_skb_it *it)
{
	if (it->next == it->head)
		return false;
	*it->skb = it->next;
	it->next = it->next->next;
	return true;
}

#define skb_queue_walk(queue, skb)					\
	for (struct tip_shim_skb_it tip_skb_it =			\
	     tip_shim_skb_it(&(skb), (queue));				\
	     tip_shim_skb_step(&tip_skb_it);)

#endif /* _TIP_SHIM_LINUX_SKBUFF_H */
