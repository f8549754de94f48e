// SPDX-License-Identifier: GPL-2.0
/*
 * What an acceptable ACK does to the sender: the send window (RFC 9293
 * 3.10.7.4), freeing acknowledged data, RTT samples with Karn's rule
 * (RFC 6298), congestion control with byte counting (RFC 5681,
 * RFC 3465), duplicate ACKs, the SACK scoreboard and loss recovery:
 * RFC 6675 with SACK, NewReno (RFC 6582) without, and the RTO's
 * go-back from snd_una.
 *
 * The scoreboard's sums (sacked_bytes, lost_bytes, retrans_out, in
 * sequence space) are kept in the PCB so that pipe costs nothing per ACK
 * when no SACK is in use; walks happen only when SACK blocks arrive.
 */
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/tcp.h>

#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

#define TIP_TCP_DUPTHRESH	3	/* RFC 5681 3.2 */

static u32 tip_sub0(u32 a, u32 b)
{
	return a > b ? a - b : 0;
}

u32 tip_tcp_pipe(const struct tip_tcp_pcb *pcb)
{
	/* RFC 6675 SetPipe as sums: not SACKed and not lost, plus resent. */
	u32 out = pcb->snd_max - pcb->snd_una;

	return tip_sub0(out, pcb->sacked_bytes + pcb->lost_bytes) +
	       pcb->retrans_out;
}

void tip_tcp_sb_recount(struct tip_tcp_pcb *pcb)
{
	u32 sacked = 0, lost = 0, retrans = 0;
	struct sk_buff *skb;

	skb_queue_walk(&pcb->sndq, skb) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
		u32 span = cb->end_seq - cb->seq;

		if (skb == pcb->send_head)
			break;
		if (cb->sacked & TIP_TCP_SACKED_ACKED) {
			sacked += span;
			continue;
		}
		if (cb->sacked & TIP_TCP_SACKED_LOST)
			lost += span;
		if (cb->sacked & TIP_TCP_SACKED_RETRANS)
			retrans += span;
	}
	pcb->sacked_bytes = sacked;
	pcb->lost_bytes = lost;
	pcb->retrans_out = retrans;
	pcb->lost_out = lost;
}

/* @n bytes of @cb's range leave the scoreboard (acked or trimmed). */
static void tip_tcp_sb_drop(struct tip_tcp_pcb *pcb,
			    const struct tip_tcp_skb_cb *cb, u32 n)
{
	if (cb->sacked & TIP_TCP_SACKED_ACKED) {
		pcb->sacked_bytes = tip_sub0(pcb->sacked_bytes, n);
		return;
	}
	if (cb->sacked & TIP_TCP_SACKED_LOST)
		pcb->lost_bytes = tip_sub0(pcb->lost_bytes, n);
	if (cb->sacked & TIP_TCP_SACKED_RETRANS)
		pcb->retrans_out = tip_sub0(pcb->retrans_out, n);
}

void tip_tcp_update_window(struct tip_tcp_pcb *pcb, const struct tcphdr *th,
			   u32 seq, u32 ack)
{
	u32 win = ntohs(th->window);

	lockdep_assert_held(&pcb->tn->lock);
	pcb->flags &= ~TIP_TCPF_WND_CHANGED;
	/* RFC 7323 2.2: a SYN's window is never scaled. */
	if (!th->syn && (pcb->flags & TIP_TCPF_WS_OK))
		win <<= pcb->snd_wscale;
	/* RFC 9293 3.10.7.4: only a newer segment may move the window. */
	if (!tip_seq_before(pcb->snd_wl1, seq) &&
	    !(pcb->snd_wl1 == seq && tip_seq_leq(pcb->snd_wl2, ack)))
		return;
	if (win != pcb->snd_wnd) {
		pcb->flags |= TIP_TCPF_WND_CHANGED;
		/* A window reopening ends the persist backoff. */
		if (!pcb->snd_wnd && pcb->snd_una == pcb->snd_max)
			pcb->backoff = 0;
	}
	pcb->snd_wnd = win;
	pcb->snd_wl1 = seq;
	pcb->snd_wl2 = ack;
	if (win > pcb->max_window)
		pcb->max_window = win;
}

/* Splits sent skbs at SACK block edges, so that blocks cover whole skbs. */
static void tip_tcp_sack_split(struct tip_tcp_pcb *pcb,
			       const struct tip_tcp_opts *o, u32 ack)
{
	unsigned int i, e;

	for (i = 0; i < o->nsack && i < TIP_TCP_MAX_SACK; i++) {
		const struct tip_sack_block *b = &o->sack[i];
		u32 edge[2] = { b->start, b->end };

		if (!tip_seq_after(b->end, b->start) ||
		    tip_seq_before(b->start, ack) ||
		    tip_seq_after(b->end, pcb->snd_max))
			continue;
		for (e = 0; e < 2; e++) {
			struct sk_buff *skb;

			skb_queue_walk(&pcb->sndq, skb) {
				struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

				if (skb == pcb->send_head ||
				    !tip_seq_before(cb->seq, edge[e]))
					break;
				if (tip_seq_before(edge[e], cb->seq + skb->len)) {
					tip_tcp_fragment(pcb, skb,
							 edge[e] - cb->seq);
					break;
				}
			}
		}
	}
}

/*
 * RFC 8985 6.2 step 4: a D-SACK says a retransmission was needless, so
 * the peer reorders (or delays) more than we allowed for. Widen RACK's
 * window by min_rtt/4 each time, up to one SRTT; from then on RACK's
 * time rule alone starts recovery, not three duplicate ACKs.
 */
static void tip_tcp_dsack_seen_reorder(struct tip_tcp_pcb *pcb)
{
	if (!(pcb->flags & TIP_TCPF_REORDER)) {
		TIP_TCP_INC(pcb->tn, TCP_REORDER_SEEN);
		pcb->flags |= TIP_TCPF_REORDER;
	}
	if (pcb->reo_mult < U8_MAX)
		pcb->reo_mult++;
}

static void tip_tcp_dsack_seen(struct tip_tcp_pcb *pcb)
{
	TIP_TCP_INC(pcb->tn, TCP_DSACK_RECV);
	tip_tcp_dsack_seen_reorder(pcb);
}

/*
 * RACK's reordering window (RFC 8985 6.2), microseconds. Until the peer
 * is seen to reorder, none once three segments' worth is SACKed or in
 * recovery (the duplicate threshold's verdict, at once); else min_rtt/4,
 * times the D-SACK steps, at most SRTT.
 */
static u32 tip_tcp_reo_wnd(const struct tip_tcp_pcb *pcb)
{
	if (!(pcb->flags & TIP_TCPF_REORDER) &&
	    ((pcb->flags & TIP_TCPF_IN_RECOVERY) ||
	     pcb->sacked_bytes >= TIP_TCP_DUPTHRESH * pcb->mss))
		return 0;
	return min(pcb->rtt.min_rtt_us / 4 * (pcb->reo_mult + 1U),
		   pcb->rtt.srtt_us);
}

/*
 * The newest segment the peer SACKed (RACK.xmit_ts, RFC 8985 6.2): its
 * send time, 0 for none, and in *@end its end, which orders segments
 * sent at the same time (one GSO skb). A resent one counts only when
 * SACKed at least min_rtt after it went, as Linux's tcp_rack_advance:
 * sooner, the SACK was for the original.
 */
static u64 tip_tcp_rack_newest(const struct tip_tcp_pcb *pcb, u32 *end)
{
	u64 now = tip_tcp_clock_us(), newest = 0;
	struct sk_buff *skb;

	skb_queue_walk(&pcb->sndq, skb) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

		if (skb == pcb->send_head)
			break;
		if (!(cb->sacked & TIP_TCP_SACKED_ACKED) || cb->tx_us < newest)
			continue;
		if (cb->retrans && cb->tx_us + pcb->rtt.min_rtt_us > now)
			continue;
		if (cb->tx_us == newest && tip_seq_before(cb->end_seq, *end))
			continue;
		newest = cb->tx_us;
		*end = cb->end_seq;
	}
	return newest;
}

/* RFC 2018 / RFC 6675: the SACK option of an ACK. Returns new SACKed. */
static u32 tip_tcp_sack_input(struct tip_tcp_pcb *pcb,
			      const struct tip_tcp_opts *o, u32 ack,
			      bool *dsack)
{
	u32 newly;

	if (!(pcb->flags & TIP_TCPF_SACK_OK) || !o ||
	    !(o->present & TIP_TCPOPT_SACK) || !o->nsack ||
	    pcb->snd_una == pcb->snd_max)
		return 0;
	tip_tcp_sack_split(pcb, o, ack);
	newly = tip_tcp_sack_mark(&pcb->sndq, pcb->send_head, o->sack,
				  o->nsack, ack, pcb->snd_max, dsack);
	if (*dsack)
		tip_tcp_dsack_seen(pcb);
	return newly;
}

/*
 * RACK's time rule (RFC 8985 6.2), kept to the scoreboard walk SACK
 * already costs: a segment sent (or resent) a reordering window before
 * one the peer has since SACKed is lost, a retransmission too (without
 * this only the RTO finds a lost retransmission). Marks them, returns
 * true when it marked something, and sets *@wait_us to how long the
 * earliest segment still in doubt has left (0 for none): the REO timer
 * looks again then, even if no ACK comes.
 */
static bool tip_tcp_rack_mark(struct tip_tcp_pcb *pcb, u64 *wait_us,
			      bool on_ack)
{
	u64 now = tip_tcp_clock_us(), newest;
	u32 reo = tip_tcp_reo_wnd(pcb), nend = 0;
	struct sk_buff *skb;
	bool marked = false;

	*wait_us = 0;
	newest = tip_tcp_rack_newest(pcb, &nend);
	if (!newest)
		return false;
	/* The ACK just delivered the newest: its round trip is RACK.rtt. */
	if (on_ack)
		pcb->rack_rtt_us = (u32)min_t(u64, now - newest, U32_MAX);
	skb_queue_walk(&pcb->sndq, skb) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
		u64 due = cb->tx_us + pcb->rack_rtt_us + reo;

		if (skb == pcb->send_head)
			break;
		/* Only what went before the newest delivered; resent
		 * segments sit early in the queue, so no early stop.
		 */
		if (cb->tx_us > newest || (cb->sacked & TIP_TCP_SACKED_ACKED) ||
		    (cb->tx_us == newest && !tip_seq_before(cb->seq, nend)))
			continue;
		if ((cb->sacked & (TIP_TCP_SACKED_LOST |
				   TIP_TCP_SACKED_RETRANS)) ==
		    TIP_TCP_SACKED_LOST)
			continue;
		if (due > now) {
			if (!*wait_us || due - now < *wait_us)
				*wait_us = due - now;
			continue;
		}
		cb->sacked = TIP_TCP_SACKED_LOST;
		marked = true;
	}
	return marked;
}

/* Arms the REO timer in place of the RTO for @wait_us (RFC 8985 6.3). */
static void tip_tcp_rack_arm(struct tip_tcp_pcb *pcb, u64 wait_us)
{
	unsigned long j = usecs_to_jiffies(min_t(u64, wait_us, U32_MAX));

	if (!wait_us)
		return;
	tip_tcp_timer_set(pcb, TIP_TCP_T_RTO,
			  min(max(j, 1UL), tip_tcp_rto_jiffies(pcb)));
	pcb->flags |= TIP_TCPF_REO;
}

/*
 * Drops @len payload bytes from the front of queued @skb without copying
 * its pages (pskb_pull would move them into the head). The page frags
 * are rewritten, so a clone still in flight must not share them.
 */
static int tip_tcp_trim_head(struct sk_buff *skb, u32 len)
{
	struct skb_shared_info *shi;
	u32 eat, head = min(len, skb_headlen(skb));
	int i, k = 0;

	if (len > head && skb_unclone(skb, GFP_ATOMIC))
		return -ENOMEM;
	__skb_pull(skb, head);
	eat = len - head;
	if (!eat)
		return 0;
	shi = skb_shinfo(skb);
	for (i = 0; i < shi->nr_frags; i++) {
		skb_frag_t *f = &shi->frags[i];
		u32 size = skb_frag_size(f);

		if (size <= eat) {
			/* Our pages never come from a page pool. */
			put_page(skb_frag_page(f));
			eat -= size;
			continue;
		}
		shi->frags[k] = *f;
		if (eat) {
			skb_frag_off_add(&shi->frags[k], eat);
			skb_frag_size_sub(&shi->frags[k], eat);
			eat = 0;
		}
		k++;
	}
	shi->nr_frags = k;
	skb->data_len -= len - head;
	skb->len -= len - head;
	return 0;
}

/*
 * Frees what @ack covers and trims a partly acked head. Returns the
 * payload bytes acked; *@tx_us is the send time of the newest skb acked
 * that was never resent (Karn), 0 for none.
 */
static u32 tip_tcp_clean_sndq(struct tip_tcp_pcb *pcb, u32 ack, u64 *tx_us)
{
	struct tip_mem *mem = &pcb->tn->mem;
	struct sk_buff *skb;
	u32 bytes = 0;

	*tx_us = 0;
	while ((skb = skb_peek(&pcb->sndq)) && skb != pcb->send_head) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
		unsigned int old;
		u32 n;

		if (!tip_seq_after(ack, cb->seq))
			break;
		if (!cb->retrans && cb->tx_us)
			*tx_us = cb->tx_us;
		if (tip_seq_leq(cb->end_seq, ack)) {
			tip_tcp_sb_drop(pcb, cb, cb->end_seq - cb->seq);
			bytes += skb->len;
			pcb->snd_queued -= min(pcb->snd_queued, skb->len);
			__skb_unlink(skb, &pcb->sndq);
			tip_mem_uncharge(mem, TINYIP_MEM_SNDQ, skb->truesize);
			consume_skb(skb);
			continue;
		}
		/* Partly acked: drop the acked front (never the FIN). */
		n = min(ack - cb->seq, skb->len);
		old = skb->truesize;
		/* On failure it stays whole: a resend repeats some bytes. */
		if (skb_has_frag_list(skb) || tip_tcp_trim_head(skb, n))
			break;
		if (skb->truesize > old)
			tip_mem_charge_force(mem, TINYIP_MEM_SNDQ,
					     skb->truesize - old);
		else if (skb->truesize < old)
			tip_mem_uncharge(mem, TINYIP_MEM_SNDQ,
					 old - skb->truesize);
		tip_tcp_sb_drop(pcb, cb, n);
		cb->seq += n;
		bytes += n;
		pcb->snd_queued -= min(pcb->snd_queued, n);
		break;
	}
	return bytes;
}

static void tip_tcp_mark_head_lost(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb = skb_peek(&pcb->sndq);
	struct tip_tcp_skb_cb *cb;

	if (!skb || skb == pcb->send_head)
		return;
	cb = TIP_TCP_CB(skb);
	if (cb->sacked & TIP_TCP_SACKED_ACKED)
		return;
	tip_tcp_sb_drop(pcb, cb, cb->end_seq - cb->seq);
	cb->sacked = TIP_TCP_SACKED_LOST;
	pcb->lost_bytes += cb->end_seq - cb->seq;
	pcb->flags |= TIP_TCPF_LOST_SCAN;
}

/* A loss episode begins: remember the window, in case it was needless. */
static void tip_tcp_undo_mark(struct tip_tcp_pcb *pcb)
{
	pcb->prior_cwnd = pcb->cc.cwnd;
	pcb->prior_ssthresh = pcb->cc.ssthresh;
	pcb->undo_tsval = 0;
}

/*
 * The Eifel test (RFC 3522): an ACK of new data that echoes a TSval
 * older than our first retransmission of the episode was sent for the
 * original, so that retransmission was needless. A timestamp clock of
 * 1 ms cannot tell on a faster path, where this never fires.
 */
static bool tip_tcp_undo_ok(const struct tip_tcp_pcb *pcb,
			    const struct tip_tcp_opts *o)
{
	return (pcb->flags & TIP_TCPF_TS_OK) && pcb->undo_tsval && o &&
	       (o->present & TIP_TCPOPT_TS) && o->tsecr &&
	       (s32)(o->tsecr - pcb->undo_tsval) < 0;
}

/*
 * RFC 4015 (Eifel response): back to the window before the episode;
 * what was only marked lost is in flight after all. A peer that delays
 * segments that much reorders them too: RACK's window widens.
 */
static void tip_tcp_undo(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb;

	if (pcb->flags & TIP_TCPF_RTO_PROBING)
		TIP_TCP_INC(pcb->tn, TCP_SPURIOUS_RTOS);
	else
		TIP_TCP_INC(pcb->tn, TCP_FULL_UNDO);
	pcb->cc.cwnd = max(pcb->cc.cwnd, pcb->prior_cwnd);
	pcb->cc.ssthresh = max(pcb->cc.ssthresh, pcb->prior_ssthresh);
	pcb->flags &= ~(TIP_TCPF_IN_RECOVERY | TIP_TCPF_RTO_PROBING |
			TIP_TCPF_LOST_SCAN);
	pcb->dupacks = 0;
	pcb->undo_tsval = 0;
	skb_queue_walk(&pcb->sndq, skb) {
		if (skb == pcb->send_head)
			break;
		TIP_TCP_CB(skb)->sacked &= ~TIP_TCP_SACKED_LOST;
	}
	tip_tcp_sb_recount(pcb);
	if (pcb->flags & TIP_TCPF_SACK_OK)
		tip_tcp_dsack_seen_reorder(pcb);
}

/* RFC 6675 5 (4) / RFC 6582 3.2 (2): fast retransmit, then recovery. */
static void tip_tcp_enter_recovery(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;
	struct sk_buff *head;
	u32 mss = pcb->mss;

	tip_tcp_undo_mark(pcb);
	pcb->cc.ssthresh = pcb->cc_ops->ssthresh(&pcb->cc,
						 pcb->snd_max - pcb->snd_una);
	pcb->recover = pcb->snd_max;
	pcb->high_rxt = pcb->snd_una;
	pcb->flags |= TIP_TCPF_IN_RECOVERY;
	if (pcb->flags & TIP_TCPF_SACK_OK) {
		TIP_TCP_INC(tn, TCP_SACK_RECOVERY);
		pcb->cc.cwnd = pcb->cc.ssthresh;
		tip_tcp_sack_mark_lost(&pcb->sndq, pcb->send_head, mss);
		tip_tcp_sb_recount(pcb);
	} else {
		TIP_TCP_INC(tn, TCP_RENO_RECOVERY);
		pcb->cc.cwnd = pcb->cc.ssthresh + TIP_TCP_DUPTHRESH * mss;
	}
	tip_tcp_mark_head_lost(pcb);
	pcb->flags |= TIP_TCPF_LOST_SCAN;
	/* The first retransmission goes whatever pipe says. */
	head = skb_peek(&pcb->sndq);
	if (head && head != pcb->send_head &&
	    !(TIP_TCP_CB(head)->sacked & TIP_TCP_SACKED_ACKED))
		tip_tcp_retransmit_skb(pcb, head);
}

static void tip_tcp_exit_recovery(struct tip_tcp_pcb *pcb)
{
	u32 flight = pcb->snd_max - pcb->snd_una;

	/* RFC 6582 3.2 (3) option 1: deflate without a burst. */
	pcb->cc.cwnd = min(pcb->cc.ssthresh, max(flight, pcb->mss) + pcb->mss);
	pcb->flags &= ~TIP_TCPF_IN_RECOVERY;
	pcb->dupacks = 0;
	pcb->undo_tsval = 0;
}

/* An ACK that moved snd_una during recovery. */
static void tip_tcp_recovery_ack(struct tip_tcp_pcb *pcb, u32 acked)
{
	if (!tip_seq_before(pcb->snd_una, pcb->recover)) {
		tip_tcp_exit_recovery(pcb);
		return;
	}
	if (pcb->flags & TIP_TCPF_SACK_OK)
		return;
	/* RFC 6582 3.2 (5): a partial ACK resends the next hole at once. */
	pcb->cc.cwnd = tip_sub0(pcb->cc.cwnd, acked);
	if (acked >= pcb->mss)
		pcb->cc.cwnd += pcb->mss;
	pcb->cc.cwnd = max(pcb->cc.cwnd, pcb->mss);
	tip_tcp_mark_head_lost(pcb);
	if (skb_peek(&pcb->sndq) && skb_peek(&pcb->sndq) != pcb->send_head)
		tip_tcp_retransmit_skb(pcb, skb_peek(&pcb->sndq));
}

/* No data, no SYN or FIN, no window change: an ACK and nothing else. */
static bool tip_tcp_bare_ack(const struct tip_tcp_pcb *pcb,
			     const struct sk_buff *skb)
{
	const struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

	return cb->end_seq == cb->seq &&
	       !(cb->tcp_flags & (TCPHDR_SYN | TCPHDR_FIN)) &&
	       !(pcb->flags & TIP_TCPF_WND_CHANGED);
}

/* RFC 5681 2 "DUPLICATE ACKNOWLEDGMENT", or new SACK info (RFC 6675). */
static bool tip_tcp_is_dupack(const struct tip_tcp_pcb *pcb,
			      const struct sk_buff *skb, u32 ack, u32 sacked)
{
	if (ack != pcb->snd_una || pcb->snd_una == pcb->snd_max)
		return false;
	return sacked || tip_tcp_bare_ack(pcb, skb);
}

static void tip_tcp_dupack(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *head = skb_peek(&pcb->sndq);
	bool lost;

	if (pcb->dupacks < U8_MAX)
		pcb->dupacks++;
	if (pcb->flags & TIP_TCPF_IN_RECOVERY) {
		/* RFC 6582 3.2 (4): each dupack is a segment that left. */
		if (!(pcb->flags & TIP_TCPF_SACK_OK))
			pcb->cc.cwnd += pcb->mss;
		return;
	}
	/* After an RTO, dupacks for what was sent before it are no news. */
	if ((pcb->flags & TIP_TCPF_RTO_PROBING) &&
	    tip_seq_before(pcb->snd_una, pcb->recover))
		return;
	if (!head || head == pcb->send_head)
		return;
	/*
	 * With SACK, RACK's time rule decides (RFC 8985); without, three
	 * duplicates (RFC 5681 3.2).
	 */
	if (pcb->flags & TIP_TCPF_SACK_OK) {
		u64 wait;

		lost = tip_tcp_rack_mark(pcb, &wait, true);
		if (lost)
			tip_tcp_sb_recount(pcb);
		else
			tip_tcp_rack_arm(pcb, wait);
	} else {
		lost = pcb->dupacks >= TIP_TCP_DUPTHRESH;
	}
	if (lost)
		tip_tcp_enter_recovery(pcb);
}

/* RTT sample: the newest never-resent skb acked, else the echo (RFC 7323). */
static u32 tip_tcp_rtt_from_ack(struct tip_tcp_pcb *pcb,
				const struct tip_tcp_opts *o, u64 tx_us,
				u64 now)
{
	u32 ms;

	if (tx_us && now > tx_us)
		return (u32)min_t(u64, now - tx_us, U32_MAX);
	if (!(pcb->flags & TIP_TCPF_TS_OK) || !o ||
	    !(o->present & TIP_TCPOPT_TS) || !o->tsecr)
		return 0;
	ms = tip_tcp_tsval(pcb) - o->tsecr;
	/* An echo from the future or of ages ago is no measurement. */
	if ((s32)ms < 0 || ms > TIP_TCP_RTO_MAX_US / USEC_PER_MSEC)
		return 0;
	return ms ? ms * USEC_PER_MSEC : USEC_PER_MSEC / 2;
}

u32 tip_tcp_ack(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
		const struct tcphdr *th, const struct tip_tcp_opts *o)
{
	u32 ack = ntohl(th->ack_seq), inflight, acked = 0, bytes = 0;
	u32 sacked, rtt = 0;
	u64 now, tx_us = 0;
	bool dsack = false;

	lockdep_assert_held(&pcb->tn->lock);
	if (tip_seq_after(ack, pcb->snd_max))
		goto out;
	now = tip_tcp_clock_us();
	pcb->last_rcv_us = now;
	pcb->probes = 0;
	inflight = pcb->snd_max - pcb->snd_una;
	sacked = tip_tcp_sack_input(pcb, o, ack, &dsack);

	if (tip_seq_after(ack, pcb->snd_una)) {
		acked = ack - pcb->snd_una;
		bytes = tip_tcp_clean_sndq(pcb, ack, &tx_us);
		pcb->snd_una = ack;
		if (tip_seq_before(pcb->snd_nxt, ack))
			pcb->snd_nxt = ack;
		pcb->bytes_acked += bytes;
		pcb->backoff = 0;
		pcb->dupacks = pcb->flags & TIP_TCPF_IN_RECOVERY ?
			       pcb->dupacks : 0;
		/* RFC 6298 5.3: new data acked restarts the RTO. */
		tip_tcp_timer_clear(pcb, TIP_TCP_T_RTO);
		pcb->rto_start_us = 0;
		if (pcb->snd_una != pcb->snd_max && skb_peek(&pcb->sndq))
			pcb->rto_start_us = TIP_TCP_CB(skb_peek(&pcb->sndq))->tx_us;
		rtt = tip_tcp_rtt_from_ack(pcb, o, tx_us, now);
		if (rtt)
			tip_tcp_rtt_sample(&pcb->rtt, rtt);
	}
	if (sacked || (acked && (pcb->flags & TIP_TCPF_SACK_OK) &&
		       (pcb->sacked_bytes || pcb->lost_bytes)))
		tip_tcp_sb_recount(pcb);

	if (acked && (pcb->flags & (TIP_TCPF_IN_RECOVERY |
				    TIP_TCPF_RTO_PROBING)) &&
	    tip_tcp_undo_ok(pcb, o))
		tip_tcp_undo(pcb);
	if (acked) {
		if (pcb->flags & TIP_TCPF_IN_RECOVERY)
			tip_tcp_recovery_ack(pcb, acked);
		else if (bytes && tip_tcp_cc_limited(&pcb->cc, inflight))
			pcb->cc_ops->on_ack(&pcb->cc, bytes, rtt, now, inflight);
		if ((pcb->flags & TIP_TCPF_RTO_PROBING) &&
		    !tip_seq_before(pcb->snd_una, pcb->recover)) {
			pcb->flags &= ~TIP_TCPF_RTO_PROBING;
			pcb->undo_tsval = 0;
		}
	} else if (tip_tcp_is_dupack(pcb, skb, ack, sacked)) {
		tip_tcp_dupack(pcb);
	}
	/* SACKs during recovery may show more holes (RFC 6675 5 (C)). */
	if (sacked && (pcb->flags & (TIP_TCPF_IN_RECOVERY |
				     TIP_TCPF_RTO_PROBING))) {
		u64 wait;
		bool more = tip_tcp_rack_mark(pcb, &wait, true);

		tip_tcp_rack_arm(pcb, wait);

		if ((pcb->flags & (TIP_TCPF_IN_RECOVERY | TIP_TCPF_REORDER)) ==
		    TIP_TCPF_IN_RECOVERY &&
		    tip_tcp_sack_mark_lost(&pcb->sndq, pcb->send_head,
					   pcb->mss))
			more = true;
		if (more) {
			tip_tcp_sb_recount(pcb);
			pcb->flags |= TIP_TCPF_LOST_SCAN;
		}
	}
	if (pcb->flags & TIP_TCPF_TLP_OUT)
		tip_tcp_tlp_ack(pcb, ack, acked || sacked ||
				!tip_tcp_bare_ack(pcb, skb), dsack);
	if (acked && pcb->ops && pcb->ops->sent && bytes)
		pcb->ops->sent(pcb, bytes);
	tip_tcp_rearm(pcb);
out:
	pcb->flags &= ~TIP_TCPF_WND_CHANGED;
	return acked;
}

void tip_tcp_rack_timeout(struct tip_tcp_pcb *pcb)
{
	u64 wait = 0;

	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->snd_una != pcb->snd_max &&
	    tip_tcp_rack_mark(pcb, &wait, false)) {
		tip_tcp_sb_recount(pcb);
		pcb->flags |= TIP_TCPF_LOST_SCAN;
		if (!(pcb->flags & (TIP_TCPF_IN_RECOVERY |
				    TIP_TCPF_RTO_PROBING)))
			tip_tcp_enter_recovery(pcb);
		tip_tcp_output(pcb);
	} else {
		tip_tcp_rearm(pcb);
	}
	if (pcb->state != TIP_TCP_CLOSE)
		tip_tcp_rack_arm(pcb, wait);
}

void tip_tcp_enter_loss(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;
	struct sk_buff *skb;

	lockdep_assert_held(&tn->lock);
	/* RFC 5681 (4): halve once per loss episode, not per backoff. */
	if (!(pcb->flags & TIP_TCPF_RTO_PROBING) || !pcb->backoff) {
		/* Undo restores the window before recovery, if it was one. */
		if (!(pcb->flags & TIP_TCPF_IN_RECOVERY))
			tip_tcp_undo_mark(pcb);
		pcb->cc.ssthresh =
			pcb->cc_ops->ssthresh(&pcb->cc,
					      pcb->snd_max - pcb->snd_una);
	}
	pcb->cc.cwnd = pcb->mss;
	pcb->cc.bytes_acked = 0;
	if (pcb->cc_ops->on_rto)
		pcb->cc_ops->on_rto(&pcb->cc);
	/*
	 * Everything sent and not SACKed is lost. SACK marks are kept, as
	 * Linux does, unless the receiver reneged (RFC 2018 8: the head
	 * was SACKed yet not acked); resending what the peer holds would
	 * cost a whole window at one segment per round trip.
	 */
	skb = skb_peek(&pcb->sndq);
	if (skb && skb != pcb->send_head &&
	    (TIP_TCP_CB(skb)->sacked & TIP_TCP_SACKED_ACKED)) {
		TIP_TCP_INC(tn, TCP_SACK_RENEGING);
		tip_tcp_sack_clear(&pcb->sndq);
	}
	skb_queue_walk(&pcb->sndq, skb) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

		if (skb == pcb->send_head)
			break;
		if (!(cb->sacked & TIP_TCP_SACKED_ACKED))
			cb->sacked = TIP_TCP_SACKED_LOST;
	}
	tip_tcp_sb_recount(pcb);
	pcb->flags &= ~(TIP_TCPF_IN_RECOVERY | TIP_TCPF_TLP_OUT |
			TIP_TCPF_TLP_RETRANS);
	pcb->flags |= TIP_TCPF_RTO_PROBING | TIP_TCPF_LOST_SCAN;
	pcb->recover = pcb->snd_max;
	pcb->high_rxt = pcb->snd_una;
	pcb->dupacks = 0;
	TIP_TCP_INC(tn, TCP_TIMEOUTS);
}
