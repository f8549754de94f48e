// SPDX-License-Identifier: GPL-2.0
/*
 * The per-connection timer: one timer_list per PCB multiplexing the
 * retransmission timeout (RFC 6298, with SYN retries and the RFC 4821
 * black-hole fallback), the persist timer (RFC 9293 3.8.6.1, RFC 1122
 * 4.2.2.17), keepalives (RFC 1122 4.2.3.6, and the FIN_WAIT2 limit of an
 * orphan) and the delayed ACK (RFC 1122 4.2.3.2). An idle connection has
 * no timer armed and costs nothing.
 *
 * References: arming the idle timer takes one on the PCB, which the
 * callback drops when it has run; removing a pending timer drops it too.
 */
#include <linux/jiffies.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <net/tcp.h>

#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

#define TIP_TCP_SYN_RETRIES	6	/* as Linux's tcp_syn_retries */
#define TIP_TCP_RETRIES2	15	/* as Linux's tcp_retries2 */
#define TIP_TCP_PERSIST_MAX	(120 * HZ)

unsigned long tip_tcp_rto_jiffies(const struct tip_tcp_pcb *pcb)
{
	u64 us = tip_tcp_rto_backoff(&pcb->rtt, pcb->backoff), end, now;

	if (!us)
		us = TIP_TCP_RTO_INIT_US;
	/* RFC 5482: TCP_USER_TIMEOUT ends the connection on time, not at
	 * the next doubled timeout after it (as Linux clamps too).
	 */
	if (pcb->user_timeout && pcb->rto_start_us) {
		end = pcb->rto_start_us + (u64)pcb->user_timeout * 1000;
		now = tip_tcp_clock_us();
		us = min(us, end > now ? end - now : 0);
	}
	return max_t(unsigned long, usecs_to_jiffies(us), 1);
}

/* Points the timer at the earliest pending event, or stops it. */
static void tip_tcp_timer_program(struct tip_tcp_pcb *pcb)
{
	unsigned long now = jiffies;
	bool any = false;
	u32 when = 0;
	int t;

	for (t = 0; t < TIP_TCP_T_MAX; t++) {
		if (!(pcb->timers & BIT(t)))
			continue;
		if (!any || time_before32(pcb->timer_at[t], when))
			when = pcb->timer_at[t];
		any = true;
	}
	if (!any) {
		if (timer_delete(&pcb->timer))
			tip_tcp_pcb_put(pcb);
		return;
	}
	/* mod_timer() of an idle timer: it now holds a reference. */
	now += (long)(s32)(when - (u32)now);
	if (!timer_pending(&pcb->timer) || pcb->timer.expires != now)
		if (!mod_timer(&pcb->timer, now))
			tip_tcp_pcb_hold(pcb);
}

void tip_tcp_timer_set(struct tip_tcp_pcb *pcb, enum tip_tcp_timer t,
		       unsigned long delay)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->state == TIP_TCP_CLOSE)
		return;
	pcb->timer_at[t] = (u32)jiffies + clamp(delay, 1UL, TIP_TCP_T_LONGEST);
	pcb->timers |= BIT(t);
	if (t == TIP_TCP_T_RTO)
		pcb->flags &= ~(TIP_TCPF_PTO | TIP_TCPF_REO);
	tip_tcp_timer_program(pcb);
}

void tip_tcp_timer_clear(struct tip_tcp_pcb *pcb, enum tip_tcp_timer t)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (t == TIP_TCP_T_RTO)
		pcb->flags &= ~(TIP_TCPF_PTO | TIP_TCPF_REO);
	if (!(pcb->timers & BIT(t)))
		return;
	pcb->timers &= ~BIT(t);
	tip_tcp_timer_program(pcb);
}

void tip_tcp_timer_stop_all(struct tip_tcp_pcb *pcb)
{
	pcb->timers = 0;
	pcb->flags &= ~(TIP_TCPF_PTO | TIP_TCPF_REO);
	if (timer_delete(&pcb->timer))
		tip_tcp_pcb_put(pcb);
}

/*
 * The FIN is due but found no memory for its skb (tip_tcp_queue_fin): no
 * segment in flight will bring an ACK to retry it, and in LAST_ACK no
 * other segment is coming at all, so the persist timer retries it.
 */
static bool tip_tcp_fin_waits(const struct tip_tcp_pcb *pcb)
{
	return (pcb->flags & (TIP_TCPF_FIN_QUEUED | TIP_TCPF_FIN_INQ)) ==
	       TIP_TCPF_FIN_QUEUED;
}

void tip_tcp_rearm(struct tip_tcp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->state == TIP_TCP_CLOSE)
		return;
	if (pcb->snd_una != pcb->snd_max) {
		if (pcb->timers & BIT(TIP_TCP_T_PERSIST))
			tip_tcp_timer_clear(pcb, TIP_TCP_T_PERSIST);
		tip_tcp_arm_rto(pcb, false);
		return;
	}
	if (pcb->timers & BIT(TIP_TCP_T_RTO))
		tip_tcp_timer_clear(pcb, TIP_TCP_T_RTO);
	/* Data waits and nothing in flight will bring an ACK: probe. */
	if (pcb->send_head || tip_tcp_fin_waits(pcb)) {
		if (!(pcb->timers & BIT(TIP_TCP_T_PERSIST)))
			tip_tcp_timer_set(pcb, TIP_TCP_T_PERSIST,
					  tip_tcp_rto_jiffies(pcb));
	} else if (pcb->timers & BIT(TIP_TCP_T_PERSIST)) {
		tip_tcp_timer_clear(pcb, TIP_TCP_T_PERSIST);
	}
	if ((pcb->flags & TIP_TCPF_KEEPALIVE) &&
	    !(pcb->timers & BIT(TIP_TCP_T_KEEPALIVE)) &&
	    pcb->state == TIP_TCP_ESTABLISHED)
		tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
				  (unsigned long)pcb->keep_idle * HZ);
}

/* The connection is beyond help: tell the peer, then the owner. */
static void tip_tcp_give_up(struct tip_tcp_pcb *pcb)
{
	TIP_TCP_INC(pcb->tn, TCP_ABORT_ON_TIMEOUT);
	tip_tcp_send_bare(pcb, pcb->snd_nxt, TCPHDR_RST | TCPHDR_ACK);
	tip_tcp_done(pcb, ETIMEDOUT);
}

static bool tip_tcp_user_timeout(const struct tip_tcp_pcb *pcb)
{
	u64 now = tip_tcp_clock_us();

	return pcb->user_timeout && pcb->rto_start_us &&
	       now - pcb->rto_start_us >= (u64)pcb->user_timeout * 1000;
}

static void tip_tcp_rto_syn(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;

	if (pcb->syn_retries > TIP_TCP_SYN_RETRIES ||
	    tip_tcp_user_timeout(pcb)) {
		TIP_TCP_INC(tn, ATTEMPT_FAILS);
		tip_tcp_done(pcb, ETIMEDOUT);
		return;
	}
	TIP_TCP_INC(tn, TCP_TIMEOUTS);
	if (pcb->backoff < U8_MAX)
		pcb->backoff++;
	tip_tcp_send_syn(pcb);
	tip_tcp_timer_set(pcb, TIP_TCP_T_RTO, tip_tcp_rto_jiffies(pcb));
}

static void tip_tcp_rto(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;
	struct sk_buff *head;

	if (pcb->state == TIP_TCP_SYN_SENT || pcb->state == TIP_TCP_SYN_RECV) {
		tip_tcp_rto_syn(pcb);
		return;
	}
	head = skb_peek(&pcb->sndq);
	if (pcb->snd_una == pcb->snd_max || !head || head == pcb->send_head)
		return;
	if (pcb->backoff >= TIP_TCP_RETRIES2 || tip_tcp_user_timeout(pcb)) {
		tip_tcp_give_up(pcb);
		return;
	}
	/*
	 * RFC 4821 fallback: a full-size segment with DF timing out again
	 * and again may be eaten by a PMTU black hole; drop to the family's
	 * floor (MSS 536 over IPv4, 1220 over IPv6). Only
	 * after its third retransmission timed out too (Linux's
	 * tcp_retries1 is 3): 10% loss both ways, ACKs included, took three
	 * in a row about once per 2 MB and clamped healthy paths.
	 */
	if (pcb->backoff >= 3 && head->len >= pcb->mss &&
	    pcb->pmtu > tip_tcp_min_pmtu(&pcb->raddr)) {
		TIP_TCP_INC(tn, TCP_MTUP_FAIL);
		tip_tcp_sync_mss(pcb, tip_tcp_min_pmtu(&pcb->raddr));
	}
	tip_tcp_enter_loss(pcb);
	if (pcb->backoff < U8_MAX)
		pcb->backoff++;
	tip_tcp_retransmit_skb(pcb, skb_peek(&pcb->sndq));
	tip_tcp_timer_set(pcb, TIP_TCP_T_RTO, tip_tcp_rto_jiffies(pcb));
}

static void tip_tcp_persist(struct tip_tcp_pcb *pcb)
{
	unsigned long next;

	if (tip_tcp_fin_waits(pcb) && pcb->snd_una == pcb->snd_max) {
		tip_tcp_output(pcb);
		return;
	}
	if (!pcb->send_head || pcb->snd_una != pcb->snd_max) {
		tip_tcp_rearm(pcb);
		return;
	}
	/* The peer keeps answering probes or the window would not be 0;
	 * one that never answers is given up like a retransmission.
	 */
	if (pcb->probes >= TIP_TCP_RETRIES2 || tip_tcp_user_timeout(pcb)) {
		tip_tcp_give_up(pcb);
		return;
	}
	if (!pcb->rto_start_us)
		pcb->rto_start_us = tip_tcp_clock_us();
	pcb->probes++;
	tip_tcp_persist_send(pcb);
	if (pcb->state == TIP_TCP_CLOSE)
		return;
	if (pcb->backoff < U8_MAX)
		pcb->backoff++;
	if (pcb->snd_una == pcb->snd_max && pcb->send_head) {
		next = min_t(unsigned long, tip_tcp_rto_jiffies(pcb),
			     TIP_TCP_PERSIST_MAX);
		tip_tcp_timer_set(pcb, TIP_TCP_T_PERSIST, next);
	} else {
		tip_tcp_rearm(pcb);
	}
}

static void tip_tcp_keepalive(struct tip_tcp_pcb *pcb)
{
	u64 idle_us, keep_us = (u64)pcb->keep_idle * USEC_PER_SEC;

	/* tcp_in.c/tcp_pcb.c arm this event for an orphan in FIN_WAIT2
	 * (Linux's tcp_fin_timeout): the peer had its 60 s.
	 */
	if ((pcb->flags & TIP_TCPF_ORPHAN) &&
	    pcb->state == TIP_TCP_FIN_WAIT2) {
		tip_tcp_send_active_rst(pcb);
		return;
	}
	if (!(pcb->flags & TIP_TCPF_KEEPALIVE) ||
	    (pcb->state != TIP_TCP_ESTABLISHED &&
	     pcb->state != TIP_TCP_CLOSE_WAIT &&
	     pcb->state != TIP_TCP_FIN_WAIT2))
		return;
	/* Data in flight has its own timers. */
	if (pcb->snd_una != pcb->snd_max || pcb->send_head) {
		pcb->probes = 0;
		tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
				  (unsigned long)pcb->keep_idle * HZ);
		return;
	}
	idle_us = tip_tcp_clock_us() - pcb->last_rcv_us;
	if (!pcb->probes && idle_us < keep_us) {
		tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
				  msecs_to_jiffies(div_u64(keep_us - idle_us,
							   USEC_PER_MSEC)));
		return;
	}
	if (pcb->probes >= pcb->keep_cnt ||
	    (pcb->user_timeout &&
	     idle_us >= keep_us + (u64)pcb->user_timeout * 1000)) {
		tip_tcp_give_up(pcb);
		return;
	}
	pcb->probes++;
	tip_tcp_send_probe(pcb);
	tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
			  (unsigned long)max(pcb->keep_intvl, 1U) * HZ);
}

static void tip_tcp_timer_fn(struct timer_list *t)
{
	struct tip_tcp_pcb *pcb = from_timer(pcb, t, timer);
	struct tip_net *tn = pcb->tn;
	unsigned long now = jiffies;
	u8 due = 0;
	int i;

	spin_lock(&tn->lock);
	if (pcb->state == TIP_TCP_CLOSE)
		goto out;
	for (i = 0; i < TIP_TCP_T_MAX; i++) {
		if ((pcb->timers & BIT(i)) &&
		    !time_before32((u32)now, pcb->timer_at[i])) {
			due |= BIT(i);
			pcb->timers &= ~BIT(i);
		}
	}
	if (due & BIT(TIP_TCP_T_DELACK))
		tip_tcp_send_ack(pcb);
	if ((due & BIT(TIP_TCP_T_RTO)) && pcb->state != TIP_TCP_CLOSE) {
		if (pcb->flags & TIP_TCPF_PTO) {
			pcb->flags &= ~(TIP_TCPF_PTO | TIP_TCPF_REO);
			tip_tcp_tlp_fire(pcb);
		} else {
			tip_tcp_rto(pcb);
		}
	}
	if ((due & BIT(TIP_TCP_T_PERSIST)) && pcb->state != TIP_TCP_CLOSE)
		tip_tcp_persist(pcb);
	if ((due & BIT(TIP_TCP_T_KEEPALIVE)) && pcb->state != TIP_TCP_CLOSE)
		tip_tcp_keepalive(pcb);
	if (pcb->state != TIP_TCP_CLOSE)
		tip_tcp_timer_program(pcb);
out:
	spin_unlock(&tn->lock);
	/* The reference of this expiry; maybe the last one, so unlocked. */
	tip_tcp_pcb_put(pcb);
}

void tip_tcp_timer_init(struct tip_tcp_pcb *pcb)
{
	timer_setup(&pcb->timer, tip_tcp_timer_fn, 0);
	pcb->timers = 0;
}

/* SO_KEEPALIVE on a PCB: the flag, and the timer of a live connection. */
void tip_tcp_set_keepalive(struct tip_tcp_pcb *pcb, bool on)
{
	bool live = pcb->state == TIP_TCP_ESTABLISHED ||
		    pcb->state == TIP_TCP_CLOSE_WAIT;

	if (on == !!(pcb->flags & TIP_TCPF_KEEPALIVE))
		return;
	if (on) {
		pcb->flags |= TIP_TCPF_KEEPALIVE;
		if (live)
			tip_tcp_timer_set(pcb, TIP_TCP_T_KEEPALIVE,
					  (pcb->keep_idle ?: 7200) * HZ);
	} else {
		pcb->flags &= ~TIP_TCPF_KEEPALIVE;
		if (live)
			tip_tcp_timer_clear(pcb, TIP_TCP_T_KEEPALIVE);
	}
}
