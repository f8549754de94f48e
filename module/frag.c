// SPDX-License-Identifier: GPL-2.0
/*
 * The reassembly engine both IP families share (RFC 815, RFC 8200 4.5).
 * A queue is keyed by addresses, ID and protocol and holds its fragments
 * sorted by offset. The defences small stacks often lack are all here,
 * whatever the family:
 *  - overlapping fragments kill the whole datagram (RFC 5722, RFC 8200
 *    4.5; Linux applies the rule to IPv4 too); an exact duplicate is
 *    dropped alone (RFC 5722 erratum 3089, RFC 8200 4.5), but the same
 *    range with other bytes is an overlap: whichever copy won, a
 *    firewall or IDS might have seen the other (RFC 1858 3.2);
 *  - the last fragment must agree with every other about where the
 *    datagram ends, and the whole may not outgrow its header's length
 *    field;
 *  - memory and queue count are bounded per set.
 * What differs between families (8-byte units, the 65535 bound and how
 * a breach is reported, RFC 1858's tiny fragments, the header rebuilt)
 * is the front ends' business: module/ip4_frag.c, module/ip6_frag.c.
 * The datagram is rebuilt by copying into one linear skb: reassembly is
 * rare, and a flat result keeps every upper layer simple.
 *
 * Also the one step of output fragmentation both families share:
 * copying a slice of a datagram behind a header.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <net/ipv6.h>

#include <tinyip/fault.h>
#include <tinyip/frag.h>

void tip_frag_set_init(struct tip_frag_set *set,
		       const struct tip_frag_ops *ops, u32 mem_limit,
		       u32 max_queues, unsigned long timeout)
{
	BUILD_BUG_ON(sizeof(struct tip_frag_cb) >
		     sizeof_field(struct sk_buff, cb));
	INIT_LIST_HEAD(&set->queues);
	set->mem = 0;
	set->count = 0;
	set->mem_limit = mem_limit;
	set->max_queues = max_queues;
	set->timeout = timeout;
	set->ops = ops;
}

void tip_frag_kill(struct tip_frag_set *set, struct tip_frag_q *q)
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
static bool tip_frag_uses(const struct tip_frag_q *q, const struct tip_if *ifp)
{
	const struct sk_buff *skb;

	if (q->iif == ifp || q->key.zone == ifp)
		return true;
	for (skb = q->head; skb; skb = skb->next)
		if (TIP_CB(skb)->iif == ifp)
			return true;
	return false;
}

void tip_frag_purge_if(struct tip_frag_set *set, const struct tip_if *ifp)
{
	struct tip_frag_q *q, *tmp;

	list_for_each_entry_safe(q, tmp, &set->queues, list)
		if (tip_frag_uses(q, ifp))
			tip_frag_kill(set, q);
}

void tip_frag_flush(struct tip_frag_set *set)
{
	while (!list_empty(&set->queues))
		tip_frag_kill(set, list_first_entry(&set->queues,
						    struct tip_frag_q, list));
}

static bool tip_frag_key_eq(const struct tip_frag_key *a,
			    const struct tip_frag_key *b)
{
	return a->id == b->id && a->proto == b->proto && a->zone == b->zone &&
	       ipv6_addr_equal(&a->saddr, &b->saddr) &&
	       ipv6_addr_equal(&a->daddr, &b->daddr);
}

static struct tip_frag_q *tip_frag_get(struct tip_frag_set *set,
				       const struct tip_frag_key *key,
				       unsigned long now)
{
	struct tip_frag_q *q;

	list_for_each_entry(q, &set->queues, list)
		if (tip_frag_key_eq(&q->key, key))
			return q;
	if (set->count >= set->max_queues ||
	    set->mem + sizeof(*q) > set->mem_limit)
		return NULL;
	q = tip_kzalloc(sizeof(*q), GFP_ATOMIC);
	if (!q)
		return NULL;
	q->key = *key;
	q->expires = now + set->timeout;
	list_add_tail(&q->list, &set->queues);
	set->mem += sizeof(*q);
	set->count++;
	return q;
}

/* Builds the whole datagram; the queue is complete and contiguous. */
static struct sk_buff *tip_frag_build(struct tip_frag_set *set,
				      struct tip_frag_q *q)
{
	struct sk_buff *first = q->head, *frag, *skb;
	unsigned int keep = TIP_FRAG_CB(first)->keep;
	u8 *data;

	/*
	 * Each fragment was checked against the bound with its own header;
	 * the header kept is the first fragment's, which may be longer.
	 */
	if (keep + q->len > set->ops->max)
		return NULL;
	skb = tip_alloc_skb(keep + q->len, GFP_ATOMIC);
	if (!skb)
		return NULL;
	data = skb_put(skb, keep + q->len);
	if (skb_copy_bits(first, 0, data, keep))
		goto fail;
	for (frag = first; frag; frag = frag->next) {
		struct tip_frag_cb *cb = TIP_FRAG_CB(frag);

		if (skb_copy_bits(frag, cb->hlen, data + keep + cb->off,
				  cb->end - cb->off))
			goto fail;
	}
	skb_reset_network_header(skb);
	if (set->ops->finish(skb, first))
		goto fail;
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

/* Whether @skb carries the same bytes as @cur, queued for the same range. */
static bool tip_frag_same(struct sk_buff *cur, struct sk_buff *skb,
			  unsigned int hlen)
{
	unsigned int hcur = TIP_FRAG_CB(cur)->hlen, done, n;
	unsigned int len = TIP_FRAG_CB(cur)->end - TIP_FRAG_CB(cur)->off;
	u8 a[64], b[64];

	for (done = 0; done < len; done += n) {
		n = min_t(unsigned int, len - done, sizeof(a));
		if (skb_copy_bits(cur, hcur + done, a, n) ||
		    skb_copy_bits(skb, hlen + done, b, n) || memcmp(a, b, n))
			return false;
	}
	return true;
}

/*
 * Queues @skb, the fragment @d describes, which its front end checked.
 * Consumes @skb in every case.
 */
enum tip_frag_ret tip_frag_add(struct tip_frag_set *set, struct sk_buff *skb,
			       const struct tip_frag_desc *d,
			       unsigned long now, struct sk_buff **out)
{
	unsigned int off = d->off, end = d->end;
	struct sk_buff **pp, *cur;
	struct tip_frag_q *q;
	bool last_in;
	u32 len;

	*out = NULL;
	q = tip_frag_get(set, &d->key, now);
	if (!q)
		goto drop;

	/*
	 * Where the datagram ends, as this fragment would have it: taken
	 * only once the fragment is, so that one dropped for memory
	 * changes nothing.
	 */
	last_in = q->last_in;
	len = q->len;
	if (!d->more) {
		if ((last_in && end != len) || end < len)
			goto kill;
		last_in = true;
		len = end;
	} else {
		if (last_in && end > len)
			goto kill;
		len = max_t(u32, len, end);
	}

	for (pp = &q->head; (cur = *pp); pp = &cur->next) {
		struct tip_frag_cb *c = TIP_FRAG_CB(cur);

		if (off == c->off && end == c->end) {
			if (!tip_frag_same(cur, skb, d->hlen))
				goto kill;
			/*
			 * A duplicate, harmless; but the copy without MF or
			 * M may be the one that says where the datagram
			 * ends, and so complete it.
			 */
			kfree_skb(skb);
			q->last_in = last_in;
			q->len = len;
			if (!q->last_in || q->meat != q->len)
				return TIP_FRAG_DROP;
			goto build;
		}
		if (off < c->end && end > c->off)
			goto kill;		/* an overlap, hostile */
		if (off < c->off)
			break;
	}
	if (set->mem + skb->truesize > set->mem_limit)
		goto drop;

	q->last_in = last_in;
	q->len = len;
	TIP_FRAG_CB(skb)->off = off;
	TIP_FRAG_CB(skb)->end = end;
	TIP_FRAG_CB(skb)->hlen = d->hlen;
	TIP_FRAG_CB(skb)->keep = d->keep;
	TIP_FRAG_CB(skb)->priv = d->priv;
	skb->next = *pp;
	*pp = skb;
	q->meat += end - off;
	q->truesize += skb->truesize;
	set->mem += skb->truesize;
	q->iif = TIP_CB(skb)->iif;
	if (!off)
		q->first_in = true;

	if (!q->last_in || q->meat != q->len)
		return TIP_FRAG_QUEUED;
build:
	*out = tip_frag_build(set, q);
	tip_frag_kill(set, q);
	return *out ? TIP_FRAG_DONE : TIP_FRAG_DROP;

kill:
	tip_frag_kill(set, q);
drop:
	kfree_skb(skb);
	return TIP_FRAG_DROP;
}

/*
 * Output: one fragment, @hlen bytes of header @hdr then @len bytes of
 * @skb from @off, with headroom for any link. The caller fills in the
 * header's length and fragment fields and skb->protocol.
 */
struct sk_buff *tip_frag_slice(struct sk_buff *skb, const void *hdr,
			       unsigned int hlen, unsigned int off,
			       unsigned int len)
{
	struct sk_buff *frag;

	frag = tip_alloc_skb(TIP_HEADROOM + hlen + len, GFP_ATOMIC);
	if (!frag)
		return NULL;
	skb_reserve(frag, TIP_HEADROOM);
	skb_reset_network_header(frag);
	memcpy(skb_put(frag, hlen), hdr, hlen);
	if (skb_copy_bits(skb, off, skb_put(frag, len), len)) {
		kfree_skb(frag);
		return NULL;
	}
	frag->priority = skb->priority;
	frag->mark = skb->mark;
	memset(frag->cb, 0, sizeof(frag->cb));
	return frag;
}
