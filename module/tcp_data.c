// SPDX-License-Identifier: GPL-2.0
/*
 * Received text: in-order delivery to the owner, the out-of-order queue
 * and the SACK blocks it yields (RFC 2018), D-SACK for duplicates
 * (RFC 2883), the peer's FIN, delayed ACKs (RFC 1122 4.2.3.2, RFC 5681
 * 4.2), and window updates when the owner reads or memory comes back
 * (the window itself is tcp_rwnd.c's).
 *
 * Memory: delivered and out-of-order data is charged to tn->mem, and the
 * windows we offer stay within the budget's headroom (tcp_rwnd.c). When
 * the budget still refuses in-order data (the headroom went to others
 * after the window was offered) it is dropped unacknowledged, so the peer
 * resends it later: the stream is never corrupted, only slowed.
 */
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <linux/workqueue.h>
#include <net/tcp.h>

#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

#define TIP_TCP_DELACK_MAX	(HZ / 25)	/* 40 ms */
/* Segments ACKed at once at the start of a connection (as Linux). */
#define TIP_TCP_QUICKACK_SEGS	16
/* Window updates after memory came back wait this long (jiffies), so
 * that one reader's run of frees, skb by skb, makes one pass.
 */
#define TIP_TCP_RWND_DELAY	1

void tip_tcp_rwnd_update(struct tip_tcp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (tip_tcp_rwnd_due(pcb))
		tip_tcp_send_ack(pcb);
}

void tip_tcp_recved(struct tip_tcp_pcb *pcb, u32 len)
{
	lockdep_assert_held(&pcb->tn->lock);
	pcb->rcv_queued -= min(pcb->rcv_queued, len);
	tip_tcp_rwnd_track(pcb);
	tip_tcp_rwnd_update(pcb);
}

/*
 * Memory came back: a window update to every connection whose window
 * the budget held back and can now open (tcp_rwnd.c). A walk of every
 * PCB, but only when a held window can open, at most once a jiffy.
 */
static void tip_tcp_rwnd_work(struct work_struct *work)
{
	struct tip_net *tn = container_of(to_delayed_work(work),
					  struct tip_net, tcp.rwnd_work);
	struct tip_tcp_pcb *pcb;

	spin_lock_bh(&tn->lock);
	list_for_each_entry(pcb, &tn->tcp.pcbs, all)
		if (pcb->flags & TIP_TCPF_RWND_HELD)
			tip_tcp_rwnd_update(pcb);
	spin_unlock_bh(&tn->lock);
}

/* tn->mem's on_free, from any context: an uncharge may run in softirq
 * or under tn->lock, so the updates wait for the work.
 */
static void tip_tcp_rwnd_wake(struct tip_mem *mem)
{
	struct tip_net *tn = container_of(mem, struct tip_net, mem);

	queue_delayed_work(system_wq, &tn->tcp.rwnd_work, TIP_TCP_RWND_DELAY);
}

void tip_tcp_rwnd_net_init(struct tip_net *tn)
{
	tn->tcp.nrcv = 0;
	INIT_DELAYED_WORK(&tn->tcp.rwnd_work, tip_tcp_rwnd_work);
	tn->mem.on_free = tip_tcp_rwnd_wake;
}

/*
 * After the PCBs and their timers are gone (tip_tcp_net_exit): with the
 * wake off, tn->mem starts no new call, and the cancel outlasts a call
 * already made and the work it queued (which may queue itself again).
 */
void tip_tcp_rwnd_net_exit(struct tip_net *tn)
{
	tip_mem_wake_off(&tn->mem);
	cancel_delayed_work_sync(&tn->tcp.rwnd_work);
}

static void tip_tcp_dsack(struct tip_tcp_pcb *pcb, u32 start, u32 end)
{
	if (!(pcb->flags & TIP_TCPF_SACK_OK) || !tip_seq_after(end, start))
		return;
	pcb->dsack.start = start;
	pcb->dsack.end = end;
	pcb->flags |= TIP_TCPF_DSACK_PENDING;
	TIP_TCP_INC(pcb->tn, TCP_DSACK_OLD_SENT);
}

/*
 * In-order payload (seq == rcv_nxt) to the owner. @charged: the budget
 * already paid for it (pulled from the OOO queue). Returns false when the
 * budget refused it: rcv_nxt has not moved and the peer will resend.
 */
static bool tip_tcp_deliver(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
			    bool charged)
{
	struct tip_net *tn = pcb->tn;
	u32 len = skb->len;
	bool fin = TIP_TCP_CB(skb)->tcp_flags & TCPHDR_FIN;

	if (!len) {
		consume_skb(skb);
	} else if (pcb->flags & TIP_TCPF_SHUT_RD) {
		/* Nobody reads: acknowledge and forget (as Linux). */
		pcb->rcv_nxt += len;
		pcb->bytes_received += len;
		consume_skb(skb);
	} else {
		if (charged) {
			tip_mem_charge_force(&tn->mem, TINYIP_MEM_RCVQ,
					     skb->truesize);
		} else if (tip_mem_charge(&tn->mem, TINYIP_MEM_RCVQ,
					  skb->truesize)) {
			TIP_TCP_INC(tn, TCP_RCVQ_DROP);
			pcb->flags |= TIP_TCPF_ACK_NOW;
			kfree_skb(skb);
			return false;
		}
		pcb->rcv_nxt += len;
		pcb->bytes_received += len;
		pcb->rcv_queued += len;
		tip_tcp_rwnd_track(pcb);
		if (pcb->ops && pcb->ops->recv)
			pcb->ops->recv(pcb, skb);
		else
			__skb_queue_tail(&pcb->rcvq, skb);
	}
	if (fin) {
		/* RFC 9293 3.10.7.4, eighth step. */
		pcb->rcv_nxt++;
		pcb->flags |= TIP_TCPF_ACK_NOW;
		tip_tcp_fin(pcb);
	}
	return true;
}

/* An out-of-order segment: queue it within rcv_buf and the budget. */
static void tip_tcp_data_ooo(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	struct tip_net *tn = pcb->tn;
	/* Truesize doubles the payload at worst, as Linux's rcvbuf. */
	u32 limit = pcb->rcv_buf * 2, start = cb->seq, end = cb->end_seq;
	struct tip_sack_block dup;
	unsigned int dropped = 0;
	int err;

	pcb->flags |= TIP_TCPF_ACK_NOW;
	if (pcb->ooo_bytes + skb->truesize > limit)
		dropped = tip_tcp_ooo_prune(&pcb->ooo,
					    limit > skb->truesize ?
					    limit - skb->truesize : 0,
					    &tn->mem, &pcb->ooo_bytes);
	err = tip_tcp_ooo_insert(&pcb->ooo, skb, &tn->mem, &pcb->ooo_bytes,
				 &dup);
	if (err == -ENOBUFS) {
		/* The budget: make room from the top of the queue, once. */
		dropped += tip_tcp_ooo_prune(&pcb->ooo, pcb->ooo_bytes / 2,
					     &tn->mem, &pcb->ooo_bytes);
		err = tip_tcp_ooo_insert(&pcb->ooo, skb, &tn->mem,
					 &pcb->ooo_bytes, &dup);
	}
	if (dropped)
		TIP_TCP_ADD(tn, TCP_OFO_DROP, dropped);
	if (!err) {
		TIP_TCP_INC(tn, TCP_OFO_QUEUE);
		pcb->last_ooo.start = start;
		pcb->last_ooo.end = end;
		return;
	}
	if (err == -EEXIST) {
		tip_tcp_dsack(pcb, dup.start, dup.end);
		consume_skb(skb);
		return;
	}
	TIP_TCP_INC(tn, TCP_OFO_DROP);
	kfree_skb(skb);
}

/* RFC 1122 4.2.3.2: ACK every second segment, the rest within 40 ms. */
static void tip_tcp_schedule_ack(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	u32 segs = clamp_t(u32, skb_shinfo(skb)->gso_segs, 1, 2);
	u32 quick = TIP_TCP_QUICKACK_SEGS * (pcb->rcv_mss ?: 536);

	if (pcb->delack_segs < 2)
		pcb->delack_segs += segs;
	if ((pcb->flags & TIP_TCPF_QUICKACK) && pcb->bytes_received > quick)
		pcb->flags &= ~TIP_TCPF_QUICKACK;
	if ((pcb->flags & TIP_TCPF_QUICKACK) || pcb->delack_segs >= 2 ||
	    !skb_queue_empty(&pcb->ooo)) {
		pcb->flags |= TIP_TCPF_ACK_NOW;
		return;
	}
	if (!(pcb->timers & BIT(TIP_TCP_T_DELACK)))
		tip_tcp_timer_set(pcb, TIP_TCP_T_DELACK, TIP_TCP_DELACK_MAX);
}

void tip_tcp_data(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	u32 seq = cb->seq, len = skb->len, wend, n;
	bool fin = cb->tcp_flags & TCPHDR_FIN, gap;
	struct sk_buff *next;

	lockdep_assert_held(&pcb->tn->lock);
	/* A SYN still counted in the range: the text starts after it. */
	if (cb->end_seq - seq == len + fin + 1)
		seq++;
	if (!len && !fin)
		goto drop;
	if (pcb->flags & TIP_TCPF_FIN_RCVD)
		goto ack_drop;

	/* Entirely old: the peer missed our ACK (RFC 2883 D-SACK). */
	if (!tip_seq_after(seq + len + fin, pcb->rcv_nxt)) {
		tip_tcp_dsack(pcb, seq, seq + len);
		goto ack_drop;
	}
	if (tip_seq_before(seq, pcb->rcv_nxt)) {
		n = pcb->rcv_nxt - seq;
		tip_tcp_dsack(pcb, seq, pcb->rcv_nxt);
		if (n > len || !pskb_pull(skb, n))
			goto ack_drop;
		seq += n;
		len -= n;
	}
	/* Cut at the right edge of what we offered. */
	wend = pcb->rcv_wup + pcb->rcv_wnd;
	if (tip_seq_after(seq + len, wend)) {
		n = tip_seq_after(wend, seq) ? wend - seq : 0;
		if (pskb_trim(skb, n))
			goto ack_drop;
		len = n;
		fin = false;
		cb->tcp_flags &= ~TCPHDR_FIN;
		pcb->flags |= TIP_TCPF_ACK_NOW;
		if (!len)
			goto drop;
	}
	cb->seq = seq;
	cb->end_seq = seq + len + fin;

	if (seq != pcb->rcv_nxt) {
		tip_tcp_data_ooo(pcb, skb);
		return;
	}
	gap = !skb_queue_empty(&pcb->ooo);
	if (len)
		tip_tcp_schedule_ack(pcb, skb);
	if (!tip_tcp_deliver(pcb, skb, false))
		return;
	while (!fin && pcb->state != TIP_TCP_CLOSE &&
	       (next = tip_tcp_ooo_pull(&pcb->ooo, pcb->rcv_nxt,
					&pcb->tn->mem, &pcb->ooo_bytes))) {
		fin = TIP_TCP_CB(next)->tcp_flags & TCPHDR_FIN;
		tip_tcp_deliver(pcb, next, true);
	}
	/* RFC 5681 4.2: a segment that fills a hole is ACKed at once. */
	if (gap)
		pcb->flags |= TIP_TCPF_ACK_NOW;
	return;

ack_drop:
	pcb->flags |= TIP_TCPF_ACK_NOW;
drop:
	kfree_skb(skb);
}
