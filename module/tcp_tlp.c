// SPDX-License-Identifier: GPL-2.0
/*
 * Tail loss probes, RFC 8985 7. When the last segments of a flight are
 * lost no duplicate ACK comes back, and only the RTO (200 ms at least,
 * doubling) would find them. A probe timeout of about two round trips
 * sends one segment instead (new data if the peer's window takes it, else
 * the last one again), whose ACK or SACK starts fast recovery.
 *
 * The probe timeout shares the T_RTO event with the RTO (TIP_TCPF_PTO
 * says which one is pending), so a PCB pays one flag and one u32 for it.
 */
#include <linux/jiffies.h>
#include <linux/skbuff.h>
#include <net/tcp.h>

#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

/* RFC 8985 7.2 WCDelAckT: a lone segment may wait for a delayed ACK. */
#define TIP_TCP_WCDELACK_US	200000U

/* RFC 8985 7.2: SACK on, no SACKed data, no recovery, no probe out. */
static bool tip_tcp_tlp_ok(const struct tip_tcp_pcb *pcb)
{
	if (!(pcb->flags & TIP_TCPF_SACK_OK) ||
	    (pcb->flags & (TIP_TCPF_IN_RECOVERY | TIP_TCPF_RTO_PROBING |
			   TIP_TCPF_TLP_OUT)) ||
	    pcb->sacked_bytes || !pcb->rtt.srtt_us || pcb->backoff)
		return false;
	return tip_tcp_can_send(pcb);
}

static unsigned long tip_tcp_pto_jiffies(const struct tip_tcp_pcb *pcb)
{
	u64 pto = 2ULL * pcb->rtt.srtt_us;

	if (pcb->snd_max - pcb->snd_una <= pcb->mss)
		pto += TIP_TCP_WCDELACK_US;
	/* Two ticks more, as Linux: a timer never fires early. */
	return min(usecs_to_jiffies(min_t(u64, pto, U32_MAX)) + 2,
		   tip_tcp_rto_jiffies(pcb));
}

void tip_tcp_arm_rto(struct tip_tcp_pcb *pcb, bool sent)
{
	bool pending = pcb->timers & BIT(TIP_TCP_T_RTO);
	bool pto = pending && (pcb->flags & TIP_TCPF_PTO);

	lockdep_assert_held(&pcb->tn->lock);
	/* RACK's timeout looks first; it arms the RTO when it has run. */
	if (pcb->snd_una == pcb->snd_max ||
	    (pending && (pcb->flags & TIP_TCPF_REO)))
		return;
	if (tip_tcp_tlp_ok(pcb)) {
		if (pending && !(pto && sent))
			return;
		tip_tcp_timer_set(pcb, TIP_TCP_T_RTO, tip_tcp_pto_jiffies(pcb));
		pcb->flags |= TIP_TCPF_PTO;
		return;
	}
	/* A probe timeout no longer applies: the RTO takes its place. */
	if (!pending || pto)
		tip_tcp_timer_set(pcb, TIP_TCP_T_RTO, tip_tcp_rto_jiffies(pcb));
}

/* New data as the probe: one segment the peer's window takes. */
static bool tip_tcp_tlp_new(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb = pcb->send_head;
	u32 wend = pcb->snd_una + pcb->snd_wnd, len;
	struct tip_tcp_skb_cb *cb;

	if (!skb)
		return false;
	cb = TIP_TCP_CB(skb);
	len = min_t(u32, skb->len, pcb->mss);
	if (tip_seq_after(cb->seq + (len ?: 1), wend))
		return false;
	return !tip_tcp_send_head_skb(pcb, len ?: skb->len);
}

/* The last segment sent, again: its (D)SACK tells what the peer holds. */
static bool tip_tcp_tlp_resend(struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb;
	u32 cut;

	skb = pcb->send_head ? skb_queue_prev(&pcb->sndq, pcb->send_head) :
			       skb_peek_tail(&pcb->sndq);
	if (!skb || skb == (struct sk_buff *)&pcb->sndq ||
	    (TIP_TCP_CB(skb)->sacked & TIP_TCP_SACKED_ACKED))
		return false;
	if (skb->len > pcb->mss) {
		cut = rounddown(skb->len - 1, pcb->mss);
		if (tip_tcp_fragment(pcb, skb, cut))
			return false;
		skb = skb->next;
	}
	return !tip_tcp_retransmit_skb(pcb, skb);
}

void tip_tcp_tlp_fire(struct tip_tcp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->snd_una == pcb->snd_max || !tip_tcp_tlp_ok(pcb)) {
		tip_tcp_arm_rto(pcb, false);
		return;
	}
	pcb->flags &= ~TIP_TCPF_TLP_RETRANS;
	if (!tip_tcp_tlp_new(pcb)) {
		if (!tip_tcp_tlp_resend(pcb)) {
			tip_tcp_timer_set(pcb, TIP_TCP_T_RTO,
					  tip_tcp_rto_jiffies(pcb));
			return;
		}
		pcb->flags |= TIP_TCPF_TLP_RETRANS;
	}
	TIP_TCP_INC(pcb->tn, TCP_LOSS_PROBES);
	pcb->flags |= TIP_TCPF_TLP_OUT;
	pcb->tlp_high_seq = pcb->snd_max;
	/* RFC 8985 7.3: the RTO now guards the probe too. */
	tip_tcp_timer_set(pcb, TIP_TCP_T_RTO, tip_tcp_rto_jiffies(pcb));
}

void tip_tcp_tlp_ack(struct tip_tcp_pcb *pcb, u32 ack, bool news, bool dsack)
{
	u32 flight;

	if (!(pcb->flags & TIP_TCPF_TLP_OUT) ||
	    tip_seq_before(ack, pcb->tlp_high_seq))
		return;
	/* New data as the probe, or the original and the probe both
	 * arrived (a D-SACK, or a bare duplicate from a peer without
	 * D-SACK): nothing was lost.
	 */
	if (!(pcb->flags & TIP_TCPF_TLP_RETRANS) || dsack || !news) {
		pcb->flags &= ~(TIP_TCPF_TLP_OUT | TIP_TCPF_TLP_RETRANS);
		return;
	}
	if (!tip_seq_after(ack, pcb->tlp_high_seq))
		return;
	/* Only the probe arrived: it repaired a loss, which congestion
	 * control hears of as any other (RFC 8985 7.4.2).
	 */
	pcb->flags &= ~(TIP_TCPF_TLP_OUT | TIP_TCPF_TLP_RETRANS);
	TIP_TCP_INC(pcb->tn, TCP_LOSS_PROBE_RECOVERY);
	flight = pcb->snd_max - pcb->snd_una;
	pcb->cc.ssthresh = pcb->cc_ops->ssthresh(&pcb->cc, flight);
	pcb->cc.cwnd = min(pcb->cc.cwnd, max(pcb->cc.ssthresh, 2U * pcb->mss));
}
