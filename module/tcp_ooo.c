// SPDX-License-Identifier: GPL-2.0
/*
 * The receiver's out-of-order queue (RFC 9293 3.10.7.4, RFC 1122 4.2.2.20)
 * and the SACK blocks it announces (RFC 2018 4, RFC 2883 for duplicates).
 * Segments are kept sorted and non-overlapping, so that pulling in-order
 * data and building SACK blocks are single walks, and every queued skb is
 * charged to the instance budget so a peer cannot fill memory with holes.
 *
 * A queued skb is never modified while charged: pulling or trimming may
 * reallocate its head and change its truesize, so it happens before the
 * charge or after the uncharge.
 */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <net/tcp.h>

#include <tinyip/tcp.h>

/* Drops the first @n sequence numbers (all data: a FIN is the last). */
static int tip_ooo_trim_front(struct sk_buff *skb, u32 n)
{
	if (n && !pskb_pull(skb, n))
		return -ENOMEM;
	TIP_TCP_CB(skb)->seq += n;
	return 0;
}

/* Ends @skb at @end, before a queued segment; a FIN past it goes too. */
static int tip_ooo_trim_back(struct sk_buff *skb, u32 end)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

	if (pskb_trim(skb, end - cb->seq))
		return -ENOMEM;
	cb->end_seq = end;
	cb->tcp_flags &= ~TCPHDR_FIN;
	return 0;
}

static void tip_ooo_drop(struct sk_buff_head *q, struct sk_buff *skb,
			 struct tip_mem *mem, u32 *bytes)
{
	__skb_unlink(skb, q);
	tip_mem_uncharge(mem, TINYIP_MEM_OOO, skb->truesize);
	*bytes -= skb->truesize;
	kfree_skb(skb);
}

/* Records the first duplicate range seen, for a D-SACK (RFC 2883). */
static void tip_ooo_set_dup(struct tip_sack_block *dup, u32 start, u32 end)
{
	if (dup && dup->start == dup->end) {
		dup->start = start;
		dup->end = end;
	}
}

/* Nothing of the segment is new: all of it was a duplicate. */
static int tip_ooo_whole_dup(struct tip_sack_block *dup, u32 start, u32 end)
{
	if (dup) {
		dup->start = start;
		dup->end = end;
	}
	return -EEXIST;
}

static int tip_ooo_queue(struct sk_buff_head *q, struct sk_buff *skb,
			 struct sk_buff *before, struct tip_mem *mem,
			 u32 *bytes)
{
	if (tip_mem_charge(mem, TINYIP_MEM_OOO, skb->truesize))
		return -ENOBUFS;
	*bytes += skb->truesize;
	if (before)
		__skb_queue_before(q, before, skb);
	else
		__skb_queue_tail(q, skb);
	return 0;
}

int tip_tcp_ooo_insert(struct sk_buff_head *q, struct sk_buff *skb,
		       struct tip_mem *mem, u32 *bytes,
		       struct tip_sack_block *dup)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	u32 seq = cb->seq, end = cb->end_seq, oseq = seq, oend = end;
	struct sk_buff *p, *next, *first;
	int ret;

	if (dup)
		*dup = (struct tip_sack_block){};
	if (!tip_seq_after(end, seq))
		return -EINVAL;
	/* The common case: the next hole filled above everything queued. */
	p = skb_peek_tail(q);
	if (!p || !tip_seq_before(seq, TIP_TCP_CB(p)->end_seq))
		return tip_ooo_queue(q, skb, NULL, mem, bytes);

	/* The first queued segment that ends above our start. */
	first = NULL;
	skb_queue_walk(q, p) {
		if (tip_seq_after(TIP_TCP_CB(p)->end_seq, seq)) {
			first = p;
			break;
		}
	}

	/* Our head is already queued: a duplicate, or cut it off. */
	if (first && !tip_seq_after(TIP_TCP_CB(first)->seq, seq)) {
		u32 qend = TIP_TCP_CB(first)->end_seq;

		if (!tip_seq_before(qend, end))
			return tip_ooo_whole_dup(dup, oseq, oend);
		if (tip_ooo_trim_front(skb, qend - seq))
			return -ENOBUFS;
		tip_ooo_set_dup(dup, seq, qend);
		seq = qend;
		first = skb_queue_is_last(q, first) ? NULL :
			skb_queue_next(q, first);
	}

	/* A queued segment that our tail runs into (not past): cut ours. */
	for (p = first; p; p = skb_queue_is_last(q, p) ? NULL :
	     skb_queue_next(q, p)) {
		if (!tip_seq_before(TIP_TCP_CB(p)->seq, end))
			break;
		if (tip_seq_after(TIP_TCP_CB(p)->end_seq, end)) {
			if (tip_ooo_trim_back(skb, TIP_TCP_CB(p)->seq))
				return -ENOBUFS;
			end = TIP_TCP_CB(p)->seq;
			break;
		}
	}
	if (end == seq)		/* the hole was already filled */
		return tip_ooo_whole_dup(dup, oseq, oend);

	/* Charge before dropping what ours replaces: a refusal leaves the
	 * queue as it was.
	 */
	next = first;
	while (next && tip_seq_before(TIP_TCP_CB(next)->seq, end))
		next = skb_queue_is_last(q, next) ? NULL :
		       skb_queue_next(q, next);
	ret = tip_ooo_queue(q, skb, next, mem, bytes);
	if (ret)
		return ret;

	/* Queued segments wholly inside ours hold nothing new: drop them.
	 * They sit between @first and @skb (just before @next).
	 */
	while (first != next && first != skb) {
		p = skb_queue_next(q, first);
		tip_ooo_set_dup(dup, TIP_TCP_CB(first)->seq,
				TIP_TCP_CB(first)->end_seq);
		tip_ooo_drop(q, first, mem, bytes);
		first = p;
	}
	return 0;
}

struct sk_buff *tip_tcp_ooo_pull(struct sk_buff_head *q, u32 rcv_nxt,
				 struct tip_mem *mem, u32 *bytes)
{
	struct sk_buff *skb;

	while ((skb = skb_peek(q))) {
		if (tip_seq_after(TIP_TCP_CB(skb)->seq, rcv_nxt))
			return NULL;
		__skb_unlink(skb, q);
		tip_mem_uncharge(mem, TINYIP_MEM_OOO, skb->truesize);
		*bytes -= skb->truesize;
		if (!tip_seq_after(TIP_TCP_CB(skb)->end_seq, rcv_nxt) ||
		    tip_ooo_trim_front(skb, rcv_nxt - TIP_TCP_CB(skb)->seq)) {
			/* Old news; or unpullable, and the peer resends. */
			kfree_skb(skb);
			continue;
		}
		return skb;
	}
	return NULL;
}

/* The contiguous run of queued data that ends at or after @skb. */
static struct sk_buff *tip_ooo_run(const struct sk_buff_head *q,
				   struct sk_buff *skb,
				   struct tip_sack_block *b)
{
	b->start = TIP_TCP_CB(skb)->seq;
	b->end = TIP_TCP_CB(skb)->end_seq;
	while (!skb_queue_is_last(q, skb)) {
		struct sk_buff *next = skb_queue_next(q, skb);

		if (TIP_TCP_CB(next)->seq != b->end)
			break;
		b->end = TIP_TCP_CB(next)->end_seq;
		skb = next;
	}
	return skb;
}

unsigned int tip_tcp_ooo_sack(const struct sk_buff_head *q,
			      const struct tip_sack_block *recent,
			      struct tip_sack_block *blk, unsigned int max)
{
	struct tip_sack_block runs[TIP_TCP_MAX_SACK + 1], b;
	unsigned int n = 0, nruns = 0, i;
	struct sk_buff *skb;
	bool have_recent = recent && recent->start != recent->end;

	max = min_t(unsigned int, max, TIP_TCP_MAX_SACK);
	if (!max || skb_queue_empty(q))
		return 0;
	/* Runs in ascending order; only the last max + 1 can be sent, the
	 * recent one excepted, so keep a sliding window of them.
	 */
	skb = skb_peek(q);
	while (skb) {
		skb = tip_ooo_run(q, skb, &b);
		if (have_recent &&
		    !tip_seq_before(recent->start, b.start) &&
		    tip_seq_before(recent->start, b.end)) {
			blk[n++] = b;
			have_recent = false;
		} else {
			if (nruns == ARRAY_SIZE(runs)) {
				memmove(runs, runs + 1,
					sizeof(runs[0]) * (nruns - 1));
				nruns--;
			}
			runs[nruns++] = b;
		}
		skb = skb_queue_is_last(q, skb) ? NULL : skb_queue_next(q, skb);
	}
	for (i = nruns; i > 0 && n < max; i--)
		blk[n++] = runs[i - 1];
	return n;
}

unsigned int tip_tcp_ooo_prune(struct sk_buff_head *q, u32 target,
			       struct tip_mem *mem, u32 *bytes)
{
	unsigned int dropped = 0;

	while (*bytes > target && !skb_queue_empty(q)) {
		tip_ooo_drop(q, skb_peek_tail(q), mem, bytes);
		dropped++;
	}
	return dropped;
}

void tip_tcp_ooo_purge(struct sk_buff_head *q, struct tip_mem *mem,
		       u32 *bytes)
{
	while (!skb_queue_empty(q))
		tip_ooo_drop(q, skb_peek_tail(q), mem, bytes);
}
