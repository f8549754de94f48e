/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fragmentation shared by IPv4 and IPv6 (RFC 791 3.2, RFC 815, RFC 8200
 * 4.5, RFC 5722). One reassembly engine (module/frag.c) queues the
 * fragments of both families, keyed by 16-byte addresses (IPv4 ones
 * v4-mapped): it knows nothing of either header. A family's front end
 * (module/ip4_frag.c, module/ip6_frag.c) applies that family's own rules
 * before queueing and fixes the rebuilt header after; the instance's side
 * (module/defrag.c) charges the queues to the memory budget and expires
 * them with one timer per family.
 */
#ifndef _TINYIP_FRAG_H
#define _TINYIP_FRAG_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/types.h>

#include <tinyip/netif.h>

struct tip_net;

/* What names one datagram. */
struct tip_frag_key {
	struct in6_addr saddr;		/* IPv4: v4-mapped */
	struct in6_addr daddr;
	__be32 id;			/* IPv4's 16 bits in the low half */
	u8 proto;			/* IPv4's protocol; 0 for IPv6 */
	/*
	 * The link, when an address is only unique on it (RFC 4007
	 * zones: link-local, and multicast); NULL otherwise.
	 */
	const struct tip_if *zone;
};

/*
 * One fragment, as a front end describes it. Its payload, bytes
 * [@hlen, @hlen + @end - @off) of the skb, goes to [@off, @end) of the
 * datagram; the first @keep bytes of the fragment at offset 0 become
 * the whole datagram's header (RFC 8200's unfragmentable part).
 */
struct tip_frag_desc {
	struct tip_frag_key key;
	u32 off;
	u32 end;
	u16 hlen;
	u16 keep;
	u16 priv;			/* for the family's finish step */
	bool more;			/* more fragments follow (MF, M) */
};

/* A queued fragment's control block, after tinyip's own. */
struct tip_frag_cb {
	struct tip_skb_cb tip;
	u32 off;
	u32 end;
	u16 hlen;
	u16 keep;
	u16 priv;
};

#define TIP_FRAG_CB(skb)	((struct tip_frag_cb *)(skb)->cb)

/*
 * A family's part. @max: the most bytes a whole datagram (kept header
 * and payload) may hold. @finish: fixes the header of @skb, the whole
 * datagram, rebuilt behind the @keep bytes of @first (the fragment at
 * offset 0, its control block intact); non-zero refuses the datagram.
 */
struct tip_frag_ops {
	u32 max;
	int (*finish)(struct sk_buff *skb, const struct sk_buff *first);
};

/*
 * The reassembly queues of one family of one instance: a plain
 * structure, so KUnit can build one without an instance.
 */
struct tip_frag_set {
	struct list_head queues;	/* struct tip_frag_q, oldest first */
	u32 mem;			/* truesize of queued fragments + heads */
	u32 count;			/* queues */
	u32 mem_limit;
	u32 max_queues;
	unsigned long timeout;		/* jiffies */
	const struct tip_frag_ops *ops;
};

struct tip_frag_q {
	struct list_head list;
	struct tip_frag_key key;
	bool last_in;		/* the fragment without MF/M arrived */
	bool first_in;		/* the fragment at offset 0 arrived */
	u32 len;		/* payload length: final once last_in */
	u32 meat;		/* payload bytes held */
	u32 truesize;
	unsigned long expires;
	struct tip_if *iif;	/* link of the latest fragment */
	struct sk_buff *head;	/* fragments by offset, via skb->next */
};

enum tip_frag_ret {
	TIP_FRAG_QUEUED,	/* kept; more fragments needed */
	TIP_FRAG_DONE,		/* *out is the whole datagram */
	TIP_FRAG_DROP,		/* refused and freed (counted as FRAG) */
	TIP_FRAG_PERR,		/* refused, not freed: the caller owes the
				 * sender an ICMPv6 Parameter Problem
				 */
};

/* module/frag.c: pure apart from skbs and slab. */
void tip_frag_set_init(struct tip_frag_set *set,
		       const struct tip_frag_ops *ops, u32 mem_limit,
		       u32 max_queues, unsigned long timeout);
enum tip_frag_ret tip_frag_add(struct tip_frag_set *set, struct sk_buff *skb,
			       const struct tip_frag_desc *d,
			       unsigned long now, struct sk_buff **out);
void tip_frag_kill(struct tip_frag_set *set, struct tip_frag_q *q);
void tip_frag_purge_if(struct tip_frag_set *set, const struct tip_if *ifp);
void tip_frag_flush(struct tip_frag_set *set);
struct sk_buff *tip_frag_slice(struct sk_buff *skb, const void *hdr,
			       unsigned int hlen, unsigned int off,
			       unsigned int len);

/*
 * module/defrag.c: a family's set in an instance, charged to tn->mem,
 * with the timer that expires its queues. All under tn->lock but init
 * and exit.
 */
struct tip_defrag {
	struct tip_frag_set set;
	u32 charged;			/* what set holds in tn->mem */
	struct timer_list timer;
};

void tip_defrag_init(struct tip_defrag *d,
		     void (*fn)(struct timer_list *t));
int tip_defrag_admit(struct tip_net *tn, const struct sk_buff *skb);
void tip_defrag_update(struct tip_net *tn, struct tip_defrag *d);
void tip_defrag_expire(struct tip_net *tn, struct tip_defrag *d,
		       void (*report)(struct tip_net *tn,
				      struct sk_buff *first));
void tip_defrag_if_gone(struct tip_net *tn, struct tip_defrag *d,
			const struct tip_if *ifp);
void tip_defrag_exit(struct tip_net *tn, struct tip_defrag *d);

#endif /* _TINYIP_FRAG_H */
