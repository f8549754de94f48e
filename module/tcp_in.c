// SPDX-License-Identifier: GPL-2.0
/*
 * TCP segment input: header validation and demultiplexing, then the
 * state machine of RFC 9293 3.10.7 for connections that are not
 * listening: SYN_SENT (3.10.7.3, simultaneous open included) and the
 * synchronized states (3.10.7.4), with PAWS (RFC 7323 5), the RST, SYN
 * and ACK checks of RFC 5961 and their rate-limited challenge ACKs, and
 * ICMP errors (RFC 1122 4.2.3.9, RFC 1191). Data, ACK bookkeeping and
 * output belong to tcp_data.c, tcp_ack.c and tcp_out.c.
 */
#include <linux/icmp.h>
#include <linux/in.h>
#include <linux/ipv6.h>
#include <linux/random.h>
#include <linux/tcp.h>
#include <net/ipv6.h>

#include <tinyip/addr.h>
#include <tinyip/ip4.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

/* RFC 7323 5.5: a ts_recent older than this may no longer be trusted. */
#define TIP_TCP_PAWS_IDLE	(24 * 24 * 3600)
/* RFC 5961 7: challenge ACKs per second and netns, as Linux's default. */
#define TIP_TCP_CHALLENGE_LIMIT	1000
/* Orphans in FIN_WAIT2 (see tip_tcp_close()). */
#define TIP_TCP_FIN_TIMEOUT	(60 * HZ)

void tip_tcp_challenge_ack(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;
	unsigned long now = jiffies / HZ;

	lockdep_assert_held(&tn->lock);
	if (now != tn->tcp.chal_stamp || !tn->tcp.chal_limit) {
		tn->tcp.chal_stamp = now;
		tn->tcp.chal_count = 0;
		tn->tcp.chal_limit = TIP_TCP_CHALLENGE_LIMIT / 2 +
			get_random_u32_below(TIP_TCP_CHALLENGE_LIMIT);
	}
	if (tn->tcp.chal_count >= tn->tcp.chal_limit)
		return;
	tn->tcp.chal_count++;
	TIP_TCP_INC(tn, TCP_CHALLENGE_ACK);
	tip_tcp_send_ack(pcb);
}

/* RFC 9293 3.10.7.4, eighth step. */
void tip_tcp_fin(struct tip_tcp_pcb *pcb)
{
	const struct tip_tcp_ops *ops = pcb->ops;

	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->flags & TIP_TCPF_FIN_RCVD)
		return;
	pcb->flags |= TIP_TCPF_FIN_RCVD | TIP_TCPF_ACK_NOW;

	/*
	 * The new state first: whoever the owner wakes on the FIN reads
	 * it, possibly without the lock.
	 */
	switch (pcb->state) {
	case TIP_TCP_SYN_RECV:
	case TIP_TCP_ESTABLISHED:
		tip_tcp_set_state(pcb, TIP_TCP_CLOSE_WAIT);
		break;
	case TIP_TCP_FIN_WAIT1:
		/* Our FIN is not acked yet, or the ACK step would have
		 * moved us to FIN_WAIT2: a simultaneous close.
		 */
		tip_tcp_set_state(pcb, TIP_TCP_CLOSING);
		break;
	}
	/* Without an owner the flag is kept for tip_tcp_set_owner(). */
	if (ops && ops->recv)
		ops->recv(pcb, NULL);
	if (pcb->state == TIP_TCP_FIN_WAIT2) {
		/* The entry replacing the PCB cannot send this ACK. */
		tip_tcp_send_ack(pcb);
		pcb->flags &= ~TIP_TCPF_ACK_NOW;
		tip_tcp_time_wait(pcb);
	}
}

/* Every byte we sent, our FIN included, is acknowledged. */
static bool tip_tcp_fin_acked(const struct tip_tcp_pcb *pcb)
{
	const u32 fin = TIP_TCPF_FIN_QUEUED | TIP_TCPF_FIN_INQ;

	return (pcb->flags & fin) == fin && skb_queue_empty(&pcb->sndq) &&
	       pcb->snd_una == pcb->snd_max;
}

/* RFC 9293 3.10.7.4, first step: the four cases of acceptability. */
static bool tip_tcp_seq_ok(const struct tip_tcp_pcb *pcb, u32 seq, u32 len,
			   u32 win)
{
	u32 nxt = pcb->rcv_nxt;

	if (!len)
		return win ? tip_seq_geq(seq, nxt) &&
			     tip_seq_before(seq, nxt + win) : seq == nxt;
	if (!win)
		return false;
	return (tip_seq_geq(seq, nxt) && tip_seq_before(seq, nxt + win)) ||
	       (tip_seq_geq(seq + len - 1, nxt) &&
		tip_seq_before(seq + len - 1, nxt + win));
}

/* RFC 7323 5.3 R1: an old timestamp marks an old duplicate. */
/*
 * A pure duplicate ACK overtaken by a later one carries an older TSval,
 * yet its SACK blocks matter to recovery. Linux's tcp_disordered_ack()
 * lets such an ACK through PAWS when it is within one RTO of ts_recent;
 * tinyip does the same, or a jittery path starves fast recovery.
 */
static bool tip_tcp_disordered_ack(const struct tip_tcp_pcb *pcb,
				   const struct tcphdr *th,
				   const struct tip_tcp_skb_cb *cb,
				   const struct tip_tcp_opts *o)
{
	u32 win = ntohs(th->window);

	if (pcb->flags & TIP_TCPF_WS_OK)
		win <<= pcb->snd_wscale;
	return th->ack && cb->seq == cb->end_seq && cb->seq == pcb->rcv_nxt &&
	       ntohl(th->ack_seq) == pcb->snd_una && win == pcb->snd_wnd &&
	       pcb->ts_recent - o->tsval <= pcb->rtt.rto_us / USEC_PER_MSEC;
}

static bool tip_tcp_paws_reject(struct tip_tcp_pcb *pcb,
				const struct tcphdr *th,
				const struct tip_tcp_skb_cb *cb,
				const struct tip_tcp_opts *o)
{
	if (!(pcb->flags & TIP_TCPF_TS_OK) || !(o->present & TIP_TCPOPT_TS))
		return false;
	if (!tip_seq_before(o->tsval, pcb->ts_recent))
		return false;
	/* RFC 7323 5.5: after 24 days of idleness ts_recent is stale. */
	if (tip_tcp_now_sec() - pcb->ts_recent_stamp > TIP_TCP_PAWS_IDLE) {
		pcb->ts_recent = o->tsval;
		pcb->ts_recent_stamp = tip_tcp_now_sec();
		return false;
	}
	return !tip_tcp_disordered_ack(pcb, th, cb, o);
}

/*
 * RFC 7323 5.3 R1 answers a rejected segment with an ACK. For bare ACKs
 * that is one per 500 ms (Linux's tcp_invalid_ratelimit): a burst of
 * them would draw as many ACKs back, and two stacks could loop.
 */
static void tip_tcp_oow_ack(struct tip_tcp_pcb *pcb,
			    const struct tip_tcp_skb_cb *cb)
{
	u32 now = (u32)jiffies;

	if (cb->seq == cb->end_seq) {
		if (pcb->oow_stamp && now - pcb->oow_stamp < HZ / 2)
			return;
		pcb->oow_stamp = now ?: 1;
	}
	tip_tcp_send_ack(pcb);
}

/* Negotiated options and the first window, from the peer's SYN. */
static void tip_tcp_take_syn_opts(struct tip_tcp_pcb *pcb,
				  const struct tcphdr *th,
				  const struct tip_tcp_opts *o)
{
	if (o->present & TIP_TCPOPT_MSS && o->mss)
		pcb->peer_mss = o->mss;
	else
		pcb->peer_mss = tip_tcp_default_mss(&pcb->raddr);
	if ((pcb->flags & TIP_TCPF_WS_OK) && (o->present & TIP_TCPOPT_WSCALE)) {
		pcb->snd_wscale = min_t(u8, o->wscale, TIP_TCP_MAX_WSCALE);
	} else {
		pcb->flags &= ~TIP_TCPF_WS_OK;
		pcb->snd_wscale = 0;
		pcb->rcv_wscale = 0;
	}
	if (!(o->present & TIP_TCPOPT_SACK_PERM))
		pcb->flags &= ~TIP_TCPF_SACK_OK;
	if ((pcb->flags & TIP_TCPF_TS_OK) && (o->present & TIP_TCPOPT_TS)) {
		pcb->ts_recent = o->tsval;
		pcb->ts_recent_stamp = tip_tcp_now_sec();
	} else {
		pcb->flags &= ~TIP_TCPF_TS_OK;
	}
	/* RFC 7323 2.2: the window of a SYN is never scaled. */
	pcb->snd_wnd = ntohs(th->window);
	pcb->max_window = pcb->snd_wnd;
}

/* ESTABLISHED reached by an active or simultaneous open. */
static void tip_tcp_established(struct tip_tcp_pcb *pcb, u32 seq, u32 ack,
				const struct tcphdr *th)
{
	const struct tip_tcp_ops *ops = pcb->ops;
	u64 now = tip_tcp_clock_us();

	pcb->snd_una = ack;
	if (tip_seq_before(pcb->snd_nxt, ack))
		pcb->snd_nxt = ack;
	pcb->snd_wl1 = seq;
	pcb->snd_wl2 = ack;
	tip_tcp_timer_clear(pcb, TIP_TCP_T_RTO);
	/* Karn: only a SYN sent once times the round trip. */
	if (pcb->rto_start_us && !pcb->backoff && pcb->syn_retries <= 1 &&
	    now > pcb->rto_start_us)
		tip_tcp_rtt_sample(&pcb->rtt, now - pcb->rto_start_us);
	pcb->rto_start_us = 0;
	pcb->backoff = 0;
	tip_tcp_sync_mss(pcb, pcb->pmtu);
	pcb->cc.mss = pcb->mss;
	pcb->cc_ops->init(&pcb->cc);
	tip_tcp_set_state(pcb, TIP_TCP_ESTABLISHED);
	if (pcb->flags & TIP_TCPF_KEEPALIVE)
		tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
				  (unsigned long)pcb->keep_idle * HZ);
	if (ops && ops->connected)
		ops->connected(pcb);
}

/* RFC 9293 3.10.7.3. Consumes @skb. */
static void tip_tcp_rcv_syn_sent(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
				 const struct tcphdr *th,
				 const struct tip_tcp_opts *o)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	struct tip_net *tn = pcb->tn;
	u32 ack = ntohl(th->ack_seq);

	if (th->ack && (tip_seq_leq(ack, pcb->iss) ||
			tip_seq_after(ack, pcb->snd_max))) {
		if (!th->rst)
			tip_tcp_send_reset(tn, skb, th);
		goto drop;
	}
	if (th->rst) {
		/* RFC 5961 3.2: only a RST that acks our SYN counts. */
		if (th->ack) {
			TIP_TCP_INC(tn, ATTEMPT_FAILS);
			tip_tcp_done(pcb, ECONNREFUSED);
		}
		goto drop;
	}
	if (!th->syn)
		goto drop;

	pcb->irs = cb->seq;
	pcb->rcv_nxt = cb->seq + 1;
	pcb->rcv_wup = pcb->rcv_nxt;
	tip_tcp_take_syn_opts(pcb, th, o);

	if (!th->ack) {
		/* Simultaneous open: our SYN crossed the peer's. */
		pcb->snd_wl1 = cb->seq;
		pcb->snd_wl2 = pcb->snd_una;
		tip_tcp_set_state(pcb, TIP_TCP_SYN_RECV);
		/* The SYN-ACK starts a new round of retries and timing. */
		pcb->syn_retries = 0;
		pcb->backoff = 0;
		pcb->rto_start_us = 0;
		tip_tcp_send_syn(pcb);
		tip_tcp_timer_set(pcb, TIP_TCP_T_RTO, tip_tcp_rto_jiffies(pcb));
		goto drop;
	}

	tip_tcp_established(pcb, cb->seq, ack, th);
	if (pcb->state != TIP_TCP_ESTABLISHED)
		goto drop;
	pcb->flags |= TIP_TCPF_ACK_NOW;
	if (cb->end_seq != cb->seq + 1) {
		/* Data or FIN riding on the SYN-ACK. */
		cb->seq++;
		__skb_pull(skb, th->doff * 4);
		tip_tcp_data(pcb, skb);
		skb = NULL;
	}
	if (pcb->state != TIP_TCP_CLOSE)
		tip_tcp_output(pcb);
drop:
	kfree_skb(skb);
}

/*
 * RFC 5961 3.2 (and RFC 9293's RST rules): the error an owner sees
 * depends on how far the connection had got.
 */
static void tip_tcp_reset(struct tip_tcp_pcb *pcb)
{
	int err;

	switch (pcb->state) {
	case TIP_TCP_SYN_RECV:
		TIP_TCP_INC(pcb->tn, ATTEMPT_FAILS);
		err = ECONNREFUSED;
		break;
	case TIP_TCP_CLOSE_WAIT:
		err = EPIPE;
		break;
	default:
		err = ECONNRESET;
		break;
	}
	tip_tcp_done(pcb, err);
}

/*
 * RFC 9293 3.10.7.4, fifth step, with RFC 5961 5.2 bounds. Returns
 * false when the segment must be dropped (the PCB may then be CLOSED).
 */
static bool tip_tcp_rcv_ack(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
			    const struct tcphdr *th,
			    const struct tip_tcp_opts *o)
{
	u32 seq = TIP_TCP_CB(skb)->seq, ack = ntohl(th->ack_seq);
	struct tip_net *tn = pcb->tn;

	if (pcb->state == TIP_TCP_SYN_RECV) {
		if (!tip_seq_after(ack, pcb->snd_una) ||
		    tip_seq_after(ack, pcb->snd_max)) {
			tip_tcp_send_reset(tn, skb, th);
			return false;
		}
		/* RFC 7323 2.2: a SYN's window is never scaled. */
		pcb->snd_wnd = (u32)ntohs(th->window) <<
			       (th->syn ? 0 : pcb->snd_wscale);
		pcb->max_window = max(pcb->max_window, pcb->snd_wnd);
		tip_tcp_established(pcb, seq, ack, th);
		return pcb->state == TIP_TCP_ESTABLISHED;
	}
	if (tip_seq_before(ack, pcb->snd_una - pcb->max_window))
		return false;
	if (tip_seq_after(ack, pcb->snd_max)) {
		tip_tcp_challenge_ack(pcb);
		return false;
	}
	tip_tcp_update_window(pcb, th, seq, ack);
	tip_tcp_ack(pcb, skb, th, o);
	if (pcb->state == TIP_TCP_CLOSE || !tip_tcp_fin_acked(pcb))
		return true;

	switch (pcb->state) {
	case TIP_TCP_FIN_WAIT1:
		tip_tcp_set_state(pcb, TIP_TCP_FIN_WAIT2);
		tip_tcp_timer_clear(pcb, TIP_TCP_T_RTO);
		if (pcb->flags & TIP_TCPF_ORPHAN)
			tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
					  TIP_TCP_FIN_TIMEOUT);
		break;
	case TIP_TCP_CLOSING:
		tip_tcp_time_wait(pcb);
		return false;
	case TIP_TCP_LAST_ACK:
		tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
		return false;
	}
	return true;
}

/* Synchronized states, RFC 9293 3.10.7.4. Consumes @skb. */
static void tip_tcp_rcv_sync(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
			     const struct tcphdr *th,
			     const struct tip_tcp_opts *o)
{
	struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
	struct tip_net *tn = pcb->tn;
	u32 seq = cb->seq, len = cb->end_seq - cb->seq;
	u32 win = tip_tcp_rcv_window(pcb);
	bool text = true;

	if (!th->rst && tip_tcp_paws_reject(pcb, th, cb, o)) {
		TIP_TCP_INC(tn, PAWS_ESTAB_REJECTED);
		tip_tcp_oow_ack(pcb, cb);
		goto drop;
	}
	/*
	 * RFC 9293 3.5 figure 7: in a simultaneous open the peer's SYN,ACK
	 * repeats its SYN (below rcv_nxt) but acks ours; its ACK completes
	 * the handshake, as Linux lets it.
	 */
	if (pcb->state == TIP_TCP_SYN_RECV && th->syn && th->ack &&
	    !th->rst && !th->fin && len == 1 && seq + 1 == pcb->rcv_nxt &&
	    ntohl(th->ack_seq) == pcb->snd_max) {
		if (tip_tcp_rcv_ack(pcb, skb, th, o))
			goto out;
		goto drop;
	}
	if (!tip_tcp_seq_ok(pcb, seq, len, win)) {
		if (th->rst)
			goto drop;
		tip_tcp_send_ack(pcb);
		/* A zero window still takes valid ACKs (RFC 9293). */
		if (win || seq != pcb->rcv_nxt || !th->ack || th->syn)
			goto drop;
		text = false;
	}

	if (th->rst) {
		if (seq == pcb->rcv_nxt)
			tip_tcp_reset(pcb);
		else
			tip_tcp_challenge_ack(pcb);
		goto drop;
	}
	/* RFC 7323 4.3: remember the timestamp of in-order segments. */
	if ((pcb->flags & TIP_TCPF_TS_OK) && (o->present & TIP_TCPOPT_TS) &&
	    tip_seq_leq(seq, pcb->rcv_wup) &&
	    tip_seq_geq(o->tsval, pcb->ts_recent)) {
		pcb->ts_recent = o->tsval;
		pcb->ts_recent_stamp = tip_tcp_now_sec();
	}
	if (th->syn) {
		/* RFC 5961 4.2: the peer may have restarted; let it say so. */
		tip_tcp_challenge_ack(pcb);
		goto drop;
	}
	if (!th->ack)
		goto drop;
	if (!tip_tcp_rcv_ack(pcb, skb, th, o))
		goto drop;
	if (!text || len == 0)
		goto out;

	switch (pcb->state) {
	case TIP_TCP_ESTABLISHED:
	case TIP_TCP_FIN_WAIT1:
	case TIP_TCP_FIN_WAIT2:
		/*
		 * Nobody will read what arrives after close(): tell the peer
		 * at once rather than letting it fill a dead window.
		 */
		if ((pcb->flags & TIP_TCPF_ORPHAN) &&
		    cb->end_seq - seq > (u32)th->fin &&
		    tip_seq_after(cb->end_seq, pcb->rcv_nxt)) {
			TIP_TCP_INC(tn, TCP_ABORT_ON_DATA);
			tip_tcp_send_active_rst(pcb);
			if (pcb->state != TIP_TCP_CLOSE)
				tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
			goto drop;
		}
		/* Urgent data is taken in line (RFC 6093). */
		__skb_pull(skb, th->doff * 4);
		tip_tcp_data(pcb, skb);
		skb = NULL;
		break;
	default:
		/* The peer's FIN is in: this is a retransmission. */
		pcb->flags |= TIP_TCPF_ACK_NOW;
		break;
	}
out:
	if (pcb->state != TIP_TCP_CLOSE)
		tip_tcp_output(pcb);
drop:
	kfree_skb(skb);
}

void tip_tcp_rcv_pcb(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
		     const struct tcphdr *th, const struct tip_tcp_opts *o)
{
	lockdep_assert_held(&pcb->tn->lock);
	/* Processing may close (and unhash) the PCB under our feet. */
	tip_tcp_pcb_hold(pcb);
	/* Segments, as Linux's tcpi_segs_in: a GRO skb holds several. */
	pcb->segs_in += max_t(u32, skb_shinfo(skb)->gso_segs, 1);
	pcb->last_rcv_us = tip_tcp_clock_us();
	switch (pcb->state) {
	case TIP_TCP_SYN_SENT:
		tip_tcp_rcv_syn_sent(pcb, skb, th, o);
		break;
	case TIP_TCP_CLOSE:
	case TIP_TCP_LISTEN:
	case TIP_TCP_TIME_WAIT:
		kfree_skb(skb);
		break;
	default:
		tip_tcp_rcv_sync(pcb, skb, th, o);
		break;
	}
	tip_tcp_pcb_put(pcb);
}

/*
 * Both families from the header on: @saddr and @daddr as the lookups see
 * them (IPv4 mapped, include/tinyip/addr.h), @ifindex the arrival link.
 * The checksum covers the family's pseudo-header (RFC 9293 3.1, RFC 8200
 * 8.1). Consumes @skb.
 */
static void tip_tcp_rcv(struct tip_net *tn, struct sk_buff *skb,
			const struct in6_addr *saddr,
			const struct in6_addr *daddr, int ifindex)
{
	struct tip_tcp_skb_cb *cb;
	struct tip_tcp_opts o;
	struct tip_tcp_pcb *pcb;
	const struct tcphdr *th;
	struct tip_tcp_tw *tw;
	unsigned int doff;
	bool ok;

	TIP_TCP_INC(tn, IN_SEGS);
	if (!pskb_may_pull(skb, sizeof(*th)))
		goto bad;
	th = (const struct tcphdr *)skb->data;
	doff = th->doff * 4;
	if (doff < sizeof(*th) || doff > skb->len || !pskb_may_pull(skb, doff))
		goto bad;
	if (tip_addr_is_v4(daddr))
		ok = tip_tcp_csum_ok(skb, tip_addr_v4(saddr),
				     tip_addr_v4(daddr));
	else
		ok = tip_tcp_csum_ok6(skb, saddr, daddr);
	if (!ok) {
		TIP_TCP_INC(tn, IN_CSUM_ERRORS);
		goto bad;
	}
	skb_reset_transport_header(skb);
	th = (const struct tcphdr *)skb->data;
	memset(&o, 0, sizeof(o));
	if (tip_tcp_parse_opts((const u8 *)(th + 1), doff - sizeof(*th),
			       th->syn, &o))
		goto bad;

	cb = TIP_TCP_CB(skb);
	cb->seq = ntohl(th->seq);
	cb->end_seq = cb->seq + th->syn + th->fin + skb->len - doff;
	cb->tx_us = 0;
	cb->tcp_flags = ((const u8 *)th)[13];
	cb->sacked = 0;
	cb->retrans = 0;

	pcb = tip_tcp_lookup_est(tn, saddr, th->source, daddr, th->dest);
	if (pcb) {
		tip_tcp_rcv_pcb(pcb, skb, th, &o);
		return;
	}
	tw = tip_tcp_tw_lookup(tn, saddr, th->source, daddr, th->dest);
	if (tw && tip_tcp_tw_input(tn, tw, skb, th, &o))
		return;
	pcb = tip_tcp_lookup_listener(tn, daddr, th->dest, ifindex);
	if (pcb) {
		tip_tcp_listen_input(pcb, skb, th, &o);
		return;
	}
	/* RFC 9293 3.10.7.1: nobody here. */
	if (!th->rst)
		tip_tcp_send_reset(tn, skb, th);
	goto drop;

bad:
	TIP_TCP_INC(tn, IN_ERRS);
drop:
	kfree_skb(skb);
}

int tip_tcp_v4_rcv(struct tip_net *tn, struct sk_buff *skb)
{
	struct tip_if *ifp = TIP_CB(skb)->iif;
	struct in6_addr saddr6, daddr6;

	lockdep_assert_held(&tn->lock);
	/* RFC 9293 3.9.2.1 via RFC 1122 4.2.3.10: unicast only. */
	if (TIP_CB(skb)->flags & (TIP_CB_F_BCAST | TIP_CB_F_MCAST)) {
		kfree_skb(skb);
		return 0;
	}
	/* The lookups see IPv4 as mapped addresses (include/tinyip/addr.h). */
	tip_addr_from4(&saddr6, TIP_CB(skb)->saddr);
	tip_addr_from4(&daddr6, TIP_CB(skb)->daddr);
	tip_tcp_rcv(tn, skb, &saddr6, &daddr6, ifp ? ifp->ifindex : 0);
	return 0;
}

/*
 * IPv6 input (RFC 8200): skb->data at the TCP header, the network
 * header the IPv6 one. TCP is unicast only: a multicast destination or
 * a v4-mapped address on the wire (RFC 4291 2.5.5.2: never a packet's)
 * is dropped without a reset.
 */
void tip_tcp_v6_rcv(struct tip_net *tn, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	struct tip_if *ifp = TIP_CB(skb)->iif;
	struct in6_addr saddr = ip6->saddr, daddr = ip6->daddr;

	lockdep_assert_held(&tn->lock);
	if (ipv6_addr_is_multicast(&daddr) || ipv6_addr_any(&saddr) ||
	    ipv6_addr_is_multicast(&saddr) || ipv6_addr_v4mapped(&saddr) ||
	    ipv6_addr_v4mapped(&daddr)) {
		kfree_skb(skb);
		return;
	}
	tip_tcp_rcv(tn, skb, &saddr, &daddr, ifp ? ifp->ifindex : 0);
}

/*
 * An ICMP or ICMPv6 error about our segment to the connection it names
 * (@saddr ours, @daddr the peer's, as we sent them). @pmtu non-zero:
 * the path MTU is now @pmtu (RFC 1191, RFC 8201). Otherwise @err is the
 * positive errno it means, 0 for nothing to report.
 */
static void tip_tcp_err(struct tip_net *tn, const struct tcphdr *th,
			const struct in6_addr *saddr,
			const struct in6_addr *daddr, int err, u32 pmtu)
{
	const struct tip_tcp_ops *ops;
	struct tip_tcp_pcb *pcb;
	u32 seq;

	pcb = tip_tcp_lookup_est(tn, daddr, th->dest, saddr, th->source);
	if (!pcb)
		return;
	/* RFC 5927 4.1: only errors about data in flight are believable. */
	seq = ntohl(th->seq);
	if (!tip_seq_between(seq, pcb->snd_una, pcb->snd_max))
		return;

	if (pmtu) {
		if (pmtu < pcb->pmtu) {
			tip_tcp_pcb_hold(pcb);
			tip_tcp_sync_mss(pcb, pmtu);
			tip_tcp_output(pcb);
			tip_tcp_pcb_put(pcb);
		}
		return;
	}
	if (!err)
		return;
	switch (pcb->state) {
	case TIP_TCP_SYN_SENT:
	case TIP_TCP_SYN_RECV:
		/* The connection does not exist yet: give up now, as Linux
		 * does, rather than wait for the SYN retries to run out.
		 */
		TIP_TCP_INC(tn, ATTEMPT_FAILS);
		tip_tcp_done(pcb, err);
		return;
	}
	/* Synchronized: hard or soft, only reported (RFC 1122 4.2.3.9). */
	pcb->soft_err = err;
	ops = pcb->ops;
	if (ops && ops->soft_err)
		ops->soft_err(pcb, err);
}

/*
 * @skb->data at the quoted TCP header (8 bytes: ports and sequence),
 * TIP_CB() describing the datagram we sent (saddr is ours).
 */
void tip_tcp_v4_err(struct tip_net *tn, struct sk_buff *skb, int err,
		    u8 type, u8 code, u32 info)
{
	const struct tcphdr *th = (const struct tcphdr *)skb->data;
	struct in6_addr saddr, daddr;

	lockdep_assert_held(&tn->lock);
	if (type == ICMP_SOURCE_QUENCH)
		return;
	tip_addr_from4(&saddr, TIP_CB(skb)->saddr);
	tip_addr_from4(&daddr, TIP_CB(skb)->daddr);
	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED) {
		/* RFC 1191: a smaller path MTU, never below IPv4's floor. */
		if (info >= 68)
			tip_tcp_err(tn, th, &saddr, &daddr, 0, info);
		return;
	}
	tip_tcp_err(tn, th, &saddr, &daddr, err, 0);
}

/*
 * ICMPv6 (module/icmp6.c): the network header is the quoted IPv6 header
 * of our segment, skb->data its TCP header. Packet Too Big arrives as
 * EMSGSIZE with @info the path MTU already learnt (RFC 8201), which
 * shrinks the MSS of a connection whose quoted sequence is in flight
 * (RFC 5927 4.1); TCP never fragments. Other errors are soft or end an
 * opening connection, as over IPv4.
 */
void tip_tcp_v6_err(struct tip_net *tn, struct sk_buff *skb, int err,
		    u8 type, u8 code, u32 info)
{
	const struct tcphdr *th = (const struct tcphdr *)skb->data;
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);

	lockdep_assert_held(&tn->lock);
	if (err == EMSGSIZE) {
		if (info >= IPV6_MIN_MTU)
			tip_tcp_err(tn, th, &ip6->saddr, &ip6->daddr, 0, info);
		return;
	}
	tip_tcp_err(tn, th, &ip6->saddr, &ip6->daddr, err, 0);
}
