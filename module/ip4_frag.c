// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 reassembly queues (RFC 791 3.2, RFC 815). A queue is keyed by
 * (source, destination, ID, protocol) and holds its fragments sorted by
 * offset. The defences small stacks often lack are all here:
 *  - overlapping fragments kill the whole datagram (RFC 5722's rule,
 *    which Linux applies to IPv4 too); an exact duplicate is dropped
 *    alone (RFC 5722 erratum 3089);
 *  - a datagram may not grow past 65535 bytes, and the last fragment
 *    must agree with every other about where the datagram ends;
 *  - tiny first fragments and TCP fragments at offset 8 are refused
 *    (RFC 1858), so a filter always sees the ports and TCP flags;
 *  - memory and queue count are bounded per set.
 * The datagram is rebuilt by copying into one linear skb: reassembly is
 * rare, and a flat result keeps every transport simple.
 */
#include <linux/ip.h>
#include <linux/jiffies.h>
#include <linux/slab.h>

#include <tinyip/ip4.h>
#include "ip4_local.h"

/* Where a queued fragment lies, after tinyip's own control block. */
struct tip_frag4_cb {
	struct tip_skb_cb tip;
	u16 off;		/* payload offset in the datagram */
	u16 end;		/* off + payload length */
	u16 hlen;		/* its own IP header length */
};

#define TIP_FRAG4_CB(skb)	((struct tip_frag4_cb *)(skb)->cb)

#define TIP_FRAG4_MIN_FIRST	8	/* transport ports must fit (RFC 1858) */
#define TIP_FRAG4_MIN_FIRST_TCP	20	/* and TCP's whole fixed header */

void tip_frag4_set_init(struct tip_frag4_set *set, u32 mem_limit,
			u32 max_queues, unsigned long timeout)
{
	BUILD_BUG_ON(sizeof(struct tip_frag4_cb) >
		     sizeof_field(struct sk_buff, cb));
	INIT_LIST_HEAD(&set->queues);
	set->mem = 0;
	set->count = 0;
	set->mem_limit = mem_limit;
	set->max_queues = max_queues;
	set->timeout = timeout;
}

void tip_frag4_kill(struct tip_frag4_set *set, struct tip_frag4_q *q)
{
	struct sk_buff *skb = q->head, *next;

	while (skb) {
		next = skb->next;
		skb->next = NULL;
		kfree_skb(skb);
		skb = next;
	}
	list_del(&q->list);
	set->mem -= q->truesize + sizeof(*q);
	set->count--;
	kfree(q);
}

/* Fragments remember their link in TIP_CB(): any of them may name @ifp. */
static bool tip_frag4_uses(const struct tip_frag4_q *q,
			   const struct tip_if *ifp)
{
	const struct sk_buff *skb;

	if (q->iif == ifp)
		return true;
	for (skb = q->head; skb; skb = skb->next)
		if (TIP_CB(skb)->iif == ifp)
			return true;
	return false;
}

void tip_frag4_purge_if(struct tip_frag4_set *set, const struct tip_if *ifp)
{
	struct tip_frag4_q *q, *tmp;

	list_for_each_entry_safe(q, tmp, &set->queues, list)
		if (tip_frag4_uses(q, ifp))
			tip_frag4_kill(set, q);
}

void tip_frag4_flush(struct tip_frag4_set *set)
{
	while (!list_empty(&set->queues))
		tip_frag4_kill(set, list_first_entry(&set->queues,
						     struct tip_frag4_q, list));
}

static struct tip_frag4_q *tip_frag4_get(struct tip_frag4_set *set,
					 const struct tip_ip4_view *v,
					 unsigned long now)
{
	struct tip_frag4_q *q;

	list_for_each_entry(q, &set->queues, list)
		if (q->id == v->id && q->saddr == v->saddr &&
		    q->daddr == v->daddr && q->proto == v->proto)
			return q;
	if (set->count >= set->max_queues ||
	    set->mem + sizeof(*q) > set->mem_limit)
		return NULL;
	q = kzalloc(sizeof(*q), GFP_ATOMIC);
	if (!q)
		return NULL;
	q->saddr = v->saddr;
	q->daddr = v->daddr;
	q->id = v->id;
	q->proto = v->proto;
	q->expires = now + set->timeout;
	list_add_tail(&q->list, &set->queues);
	set->mem += sizeof(*q);
	set->count++;
	return q;
}

/* Builds the whole datagram; the queue is complete and contiguous. */
static struct sk_buff *tip_frag4_build(struct tip_frag4_q *q)
{
	struct sk_buff *first = q->head, *frag, *skb;
	unsigned int hlen = TIP_FRAG4_CB(first)->hlen;
	struct iphdr *iph;
	u8 *data;

	skb = alloc_skb(hlen + q->len, GFP_ATOMIC);
	if (!skb)
		return NULL;
	data = skb_put(skb, hlen + q->len);
	if (skb_copy_bits(first, 0, data, hlen))
		goto fail;
	for (frag = first; frag; frag = frag->next) {
		struct tip_frag4_cb *cb = TIP_FRAG4_CB(frag);

		if (skb_copy_bits(frag, cb->hlen, data + hlen + cb->off,
				  cb->end - cb->off))
			goto fail;
	}
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->tot_len = htons(hlen + q->len);
	iph->frag_off = 0;
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
	memcpy(skb->cb, first->cb, sizeof(struct tip_skb_cb));
	skb->dev = first->dev;
	skb->protocol = first->protocol;
	skb->pkt_type = first->pkt_type;
	skb->ip_summed = CHECKSUM_NONE;
	return skb;
fail:
	kfree_skb(skb);
	return NULL;
}

static bool tip_frag4_tiny(const struct tip_ip4_view *v, unsigned int plen)
{
	if (v->frag_off == 0)
		return plen < (v->proto == IPPROTO_TCP ?
			       TIP_FRAG4_MIN_FIRST_TCP : TIP_FRAG4_MIN_FIRST);
	/* RFC 1858 3.2: offset 8 could rewrite TCP's flags. */
	return v->proto == IPPROTO_TCP && v->frag_off == 8;
}

/*
 * Queues @skb (data at its IP header, @v its parsed header, a fragment:
 * MF set or a non-zero offset). Consumes @skb in every case.
 */
enum tip_frag4_ret tip_frag4_add(struct tip_frag4_set *set,
				 struct sk_buff *skb,
				 const struct tip_ip4_view *v,
				 unsigned long now, struct sk_buff **out)
{
	unsigned int plen = v->tot_len - v->hlen;
	unsigned int off = v->frag_off, end = off + plen;
	struct sk_buff **pp, *cur;
	struct tip_frag4_q *q;

	*out = NULL;
	/* Every fragment but the last carries 8-byte units. */
	if (v->mf && (!plen || plen & 7))
		goto drop;
	if (end + v->hlen > 65535 || tip_frag4_tiny(v, plen))
		goto drop;

	q = tip_frag4_get(set, v, now);
	if (!q)
		goto drop;

	if (!v->mf) {
		if ((q->last_in && end != q->len) || end < q->len)
			goto kill;
		q->last_in = true;
		q->len = end;
	} else {
		if (q->last_in && end > q->len)
			goto kill;
		q->len = max_t(u32, q->len, end);
	}

	for (pp = &q->head; (cur = *pp); pp = &cur->next) {
		struct tip_frag4_cb *c = TIP_FRAG4_CB(cur);

		if (off == c->off && end == c->end)
			goto drop;		/* a duplicate, harmless */
		if (off < c->end && end > c->off)
			goto kill;		/* an overlap, hostile */
		if (off < c->off)
			break;
	}
	if (set->mem + skb->truesize > set->mem_limit)
		goto drop;

	TIP_FRAG4_CB(skb)->off = off;
	TIP_FRAG4_CB(skb)->end = end;
	TIP_FRAG4_CB(skb)->hlen = v->hlen;
	skb->next = *pp;
	*pp = skb;
	q->meat += plen;
	q->truesize += skb->truesize;
	set->mem += skb->truesize;
	q->iif = TIP_CB(skb)->iif;
	if (!off)
		q->first_in = true;

	if (!q->last_in || q->meat != q->len)
		return TIP_FRAG4_QUEUED;
	*out = tip_frag4_build(q);
	tip_frag4_kill(set, q);
	return *out ? TIP_FRAG4_DONE : TIP_FRAG4_DROP;

kill:
	tip_frag4_kill(set, q);
drop:
	kfree_skb(skb);
	return TIP_FRAG4_DROP;
}
