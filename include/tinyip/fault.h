/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault injection for tinyip's own allocations (module/fault.c): each
 * allocation the stack makes goes through one of the wrappers below, so
 * that a test can make any of them fail and prove that the failure ends
 * in a counted error, never in a crash, a leak or lost accounting.
 *
 * With TINYIP_FAULT=n the wrappers are the plain kernel calls; with it on
 * and injection off (the default), each costs one static branch.
 */
#ifndef _TINYIP_FAULT_H
#define _TINYIP_FAULT_H

#include <linux/jump_label.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

/* What an injected failure can hit; debugfs's "filter" is a mask of these. */
enum tip_fault_cat {
	TIP_FAULT_MEM,		/* a charge to the memory budget (mem.c) */
	TIP_FAULT_SKB,		/* allocating, cloning, copying an skb */
	TIP_FAULT_SLAB,		/* kmalloc, kmem_cache, sk_alloc */
	TIP_FAULT_NETLINK,	/* a netlink reply or notification */
	__TIP_FAULT_MAX,
};

#if IS_ENABLED(CONFIG_TINYIP_FAULT)
DECLARE_STATIC_KEY_FALSE(tip_fault_on);
bool __tip_fault(enum tip_fault_cat cat);
int tip_fault_init(void);
void tip_fault_exit(void);

/* True when this allocation is to fail (and counts it). */
static __always_inline bool tip_fault(enum tip_fault_cat cat)
{
	if (static_branch_unlikely(&tip_fault_on))
		return __tip_fault(cat);
	return false;
}
#else
static inline bool tip_fault(enum tip_fault_cat cat)
{
	return false;
}

static inline int tip_fault_init(void)
{
	return 0;
}

static inline void tip_fault_exit(void)
{
}
#endif

static inline struct sk_buff *tip_alloc_skb(unsigned int size, gfp_t gfp)
{
	return tip_fault(TIP_FAULT_SKB) ? NULL : alloc_skb(size, gfp);
}

static inline struct sk_buff *
tip_alloc_skb_with_frags(unsigned long header_len, unsigned long data_len,
			 int order, int *err, gfp_t gfp)
{
	if (tip_fault(TIP_FAULT_SKB)) {
		*err = -ENOBUFS;
		return NULL;
	}
	return alloc_skb_with_frags(header_len, data_len, order, err, gfp);
}

static inline struct sk_buff *tip_skb_clone(struct sk_buff *skb, gfp_t gfp)
{
	return tip_fault(TIP_FAULT_SKB) ? NULL : skb_clone(skb, gfp);
}

static inline struct sk_buff *tip_skb_copy(const struct sk_buff *skb,
					   gfp_t gfp)
{
	return tip_fault(TIP_FAULT_SKB) ? NULL : skb_copy(skb, gfp);
}

static inline struct sk_buff *tip_pskb_copy(struct sk_buff *skb, gfp_t gfp)
{
	return tip_fault(TIP_FAULT_SKB) ? NULL : pskb_copy(skb, gfp);
}

static inline struct sk_buff *tip_skb_copy_expand(const struct sk_buff *skb,
						  int headroom, int tailroom,
						  gfp_t gfp)
{
	if (tip_fault(TIP_FAULT_SKB))
		return NULL;
	return skb_copy_expand(skb, headroom, tailroom, gfp);
}

/* The skb_cow family reallocates the head only when it must. */
static inline int tip_skb_cow(struct sk_buff *skb, unsigned int headroom)
{
	return tip_fault(TIP_FAULT_SKB) ? -ENOMEM : skb_cow(skb, headroom);
}

static inline int tip_skb_cow_head(struct sk_buff *skb, unsigned int headroom)
{
	return tip_fault(TIP_FAULT_SKB) ? -ENOMEM : skb_cow_head(skb, headroom);
}

/* As skb_share_check: on failure the skb is freed and NULL returned. */
static inline struct sk_buff *tip_skb_share_check(struct sk_buff *skb,
						  gfp_t gfp)
{
	if (skb_shared(skb) && tip_fault(TIP_FAULT_SKB)) {
		kfree_skb(skb);
		return NULL;
	}
	return skb_share_check(skb, gfp);
}

static inline void *tip_kzalloc(size_t size, gfp_t gfp)
{
	return tip_fault(TIP_FAULT_SLAB) ? NULL : kzalloc(size, gfp);
}

static inline void *tip_kmem_cache_zalloc(struct kmem_cache *c, gfp_t gfp)
{
	return tip_fault(TIP_FAULT_SLAB) ? NULL : kmem_cache_zalloc(c, gfp);
}

static inline struct sock *tip_sk_alloc(struct net *net, int family,
					gfp_t gfp, struct proto *prot,
					int kern)
{
	if (tip_fault(TIP_FAULT_SLAB))
		return NULL;
	return sk_alloc(net, family, gfp, prot, kern);
}

static inline struct sk_buff *tip_genlmsg_new(size_t payload, gfp_t gfp)
{
	return tip_fault(TIP_FAULT_NETLINK) ? NULL : genlmsg_new(payload, gfp);
}

#endif /* _TINYIP_FAULT_H */
