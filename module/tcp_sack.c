// SPDX-License-Identifier: GPL-2.0
/*
 * The sender's SACK scoreboard (RFC 2018, RFC 6675): which queued
 * segments the peer reported holding, which are therefore lost
 * (IsLost), how much is still in the network (SetPipe) and what to
 * retransmit next (NextSeg). D-SACK blocks (RFC 2883) are recognised and
 * reported but never mark anything. The marks live in TIP_TCP_CB()->sacked
 * of the send queue's skbs: those from the head up to, not including,
 * send_head were sent (all of them when send_head is NULL).
 *
 * A block marks only skbs it covers entirely; the data path keeps skbs of
 * one MSS when SACK is in use if it wants per-segment precision.
 */
#include <linux/skbuff.h>

#include <tinyip/tcp.h>

#define TIP_SACK_DUPTHRESH	3	/* RFC 6675 DupThresh */

static u32 tip_sack_len(const struct sk_buff *skb)
{
	return TIP_TCP_CB(skb)->end_seq - TIP_TCP_CB(skb)->seq;
}

static struct sk_buff *tip_sack_last_sent(struct sk_buff_head *q,
					  struct sk_buff *send_head)
{
	if (!send_head)
		return skb_peek_tail(q);
	if (skb_queue_is_first(q, send_head))
		return NULL;
	return skb_queue_prev(q, send_head);
}

static struct sk_buff *tip_sack_prev(struct sk_buff_head *q,
				     struct sk_buff *skb)
{
	return skb_queue_is_first(q, skb) ? NULL : skb_queue_prev(q, skb);
}

/* What has been SACKed above the point a reverse walk has reached. */
struct tip_sack_above {
	u32 segs;
	u32 bytes;
};

static void tip_sack_above_add(struct tip_sack_above *a,
			       const struct sk_buff *skb)
{
	a->segs++;
	a->bytes += tip_sack_len(skb);
}

/* RFC 6675 IsLost, from the SACKed data above the segment. */
static bool tip_sack_above_lost(const struct tip_sack_above *a, u32 mss)
{
	return a->segs >= TIP_SACK_DUPTHRESH ||
	       a->bytes > (TIP_SACK_DUPTHRESH - 1) * mss;
}

/*
 * RFC 2883 4: the first block is a D-SACK when it lies below the
 * cumulative ACK or inside the second block.
 */
static bool tip_sack_is_dsack(const struct tip_sack_block *blk,
			      unsigned int n, u32 snd_una)
{
	if (tip_seq_before(blk[0].start, snd_una))
		return true;
	return n > 1 && !tip_seq_before(blk[0].start, blk[1].start) &&
	       !tip_seq_after(blk[0].end, blk[1].end);
}

static u32 tip_sack_mark_one(struct sk_buff_head *q, struct sk_buff *send_head,
			     const struct tip_sack_block *b)
{
	struct sk_buff *skb;
	u32 newly = 0;

	skb_queue_walk(q, skb) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

		if (skb == send_head || !tip_seq_before(cb->seq, b->end))
			break;
		if (tip_seq_before(cb->seq, b->start) ||
		    tip_seq_after(cb->end_seq, b->end) ||
		    (cb->sacked & TIP_TCP_SACKED_ACKED))
			continue;
		cb->sacked |= TIP_TCP_SACKED_ACKED;
		newly += tip_sack_len(skb);
	}
	return newly;
}

u32 tip_tcp_sack_mark(struct sk_buff_head *q, struct sk_buff *send_head,
		      const struct tip_sack_block *blk, unsigned int n,
		      u32 snd_una, u32 snd_max, bool *dsack)
{
	unsigned int i = 0;
	u32 newly = 0;

	*dsack = false;
	n = min_t(unsigned int, n, TIP_TCP_MAX_SACK);
	if (n && tip_sack_is_dsack(blk, n, snd_una)) {
		*dsack = true;
		i = 1;
	}
	for (; i < n; i++) {
		const struct tip_sack_block *b = &blk[i];

		/* Empty, reversed, or outside what we sent: a confused or
		 * hostile peer; never let it mark what it cannot have.
		 */
		if (!tip_seq_after(b->end, b->start) ||
		    tip_seq_before(b->start, snd_una) ||
		    tip_seq_after(b->end, snd_max))
			continue;
		newly += tip_sack_mark_one(q, send_head, b);
	}
	return newly;
}

bool tip_tcp_sack_is_lost(struct sk_buff_head *q, struct sk_buff *send_head,
			  struct sk_buff *skb, u32 mss)
{
	struct tip_sack_above a = {};
	struct sk_buff *p;

	for (p = tip_sack_last_sent(q, send_head); p && p != skb;
	     p = tip_sack_prev(q, p)) {
		if (TIP_TCP_CB(p)->sacked & TIP_TCP_SACKED_ACKED) {
			tip_sack_above_add(&a, p);
			if (tip_sack_above_lost(&a, mss))
				return true;
		}
	}
	return false;
}

u32 tip_tcp_sack_mark_lost(struct sk_buff_head *q, struct sk_buff *send_head,
			   u32 mss)
{
	struct tip_sack_above a = {};
	struct sk_buff *p;
	u32 newly = 0;

	for (p = tip_sack_last_sent(q, send_head); p; p = tip_sack_prev(q, p)) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(p);

		if (cb->sacked & TIP_TCP_SACKED_ACKED) {
			tip_sack_above_add(&a, p);
		} else if (!(cb->sacked & TIP_TCP_SACKED_LOST) &&
			   tip_sack_above_lost(&a, mss)) {
			cb->sacked |= TIP_TCP_SACKED_LOST;
			newly += tip_sack_len(p);
		}
	}
	return newly;
}

/*
 * RFC 6675 SetPipe. IsLost is the LOST mark (which an RTO sets on
 * everything) or, for segments not marked yet, the SACK count above;
 * @mss is not known here, so the byte rule is left to the marks.
 */
u32 tip_tcp_sack_pipe(struct sk_buff_head *q, struct sk_buff *send_head)
{
	struct tip_sack_above a = {};
	struct sk_buff *p;
	u32 pipe = 0;

	for (p = tip_sack_last_sent(q, send_head); p; p = tip_sack_prev(q, p)) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(p);

		if (cb->sacked & TIP_TCP_SACKED_ACKED) {
			tip_sack_above_add(&a, p);
			continue;
		}
		if (!(cb->sacked & TIP_TCP_SACKED_LOST) &&
		    a.segs < TIP_SACK_DUPTHRESH)
			pipe += tip_sack_len(p);
		if (cb->sacked & TIP_TCP_SACKED_RETRANS)
			pipe += tip_sack_len(p);
	}
	return pipe;
}

/*
 * RFC 6675 NextSeg (1): the lowest un-SACKed segment above @high_rxt
 * (one past the highest sequence retransmitted, snd_una when recovery
 * starts) that is lost and not retransmitted yet. A segment that is only
 * partly above @high_rxt counts; its RETRANS mark keeps it from being
 * sent twice.
 */
struct sk_buff *tip_tcp_sack_next_seg(struct sk_buff_head *q,
				      struct sk_buff *send_head, u32 high_rxt)
{
	struct sk_buff *p, *found = NULL;
	struct tip_sack_above a = {};

	for (p = tip_sack_last_sent(q, send_head); p; p = tip_sack_prev(q, p)) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(p);

		if (!tip_seq_after(cb->end_seq, high_rxt))
			break;
		if (cb->sacked & TIP_TCP_SACKED_ACKED) {
			tip_sack_above_add(&a, p);
			continue;
		}
		if (!(cb->sacked & TIP_TCP_SACKED_RETRANS) &&
		    ((cb->sacked & TIP_TCP_SACKED_LOST) ||
		     a.segs >= TIP_SACK_DUPTHRESH))
			found = p;
	}
	return found;
}

void tip_tcp_sack_clear(struct sk_buff_head *q)
{
	struct sk_buff *skb;

	skb_queue_walk(q, skb)
		TIP_TCP_CB(skb)->sacked = 0;
}
