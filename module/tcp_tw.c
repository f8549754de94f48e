// SPDX-License-Identifier: GPL-2.0
/*
 * TIME_WAIT (RFC 9293 3.6.1) as compact entries: the PCB of a connection
 * that closed first is replaced by the few words needed to re-ACK a
 * retransmitted FIN and to keep old duplicates out for 2 MSL. A new SYN
 * may reuse the 4-tuple early when its sequence number or timestamp is
 * newer (RFC 9293 3.6.1 note, RFC 6191). One timer per namespace walks
 * the entries, which are kept in expiry order; above max_tw the oldest
 * entry is recycled, as Linux's tw bucket limit does.
 */
#include <linux/tcp.h>

#include <tinyip/addr.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

/*
 * The timestamp clock without a connection: tip_tcp_tsval() adds a
 * PCB's ts_offset to the clock, and this zeroed PCB has none.
 */
static const struct tip_tcp_pcb tip_tcp_tw_clock;

static void tip_tcp_tw_free(struct tip_net *tn, struct tip_tcp_tw *tw)
{
	hash_del(&tw->node);
	list_del(&tw->list);
	tn->tcp.ntw--;
	tip_mem_free(&tn->mem, TINYIP_MEM_PCB, tw, sizeof(*tw));
}

static void tip_tcp_tw_arm(struct tip_net *tn)
{
	struct tip_tcp_tw *tw;

	tw = list_first_entry_or_null(&tn->tcp.twlist, struct tip_tcp_tw,
				      list);
	if (tw && !timer_pending(&tn->tcp.twtimer))
		mod_timer(&tn->tcp.twtimer, tw->expires);
}

void tip_tcp_time_wait(struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;
	struct tip_tcp_tw *tw;

	lockdep_assert_held(&tn->lock);
	if (tn->tcp.ntw >= tn->tcp.max_tw) {
		tw = list_first_entry_or_null(&tn->tcp.twlist,
					      struct tip_tcp_tw, list);
		if (tw)
			tip_tcp_tw_free(tn, tw);
	}
	/* Without memory the connection simply ends, as on Linux. */
	tw = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*tw), GFP_ATOMIC);
	if (tw) {
		tw->laddr = pcb->laddr;
		tw->raddr = pcb->raddr;
		tw->lport = pcb->lport;
		tw->rport = pcb->rport;
		tw->snd_nxt = pcb->snd_max;
		tw->rcv_nxt = pcb->rcv_nxt;
		tw->ts_recent = pcb->ts_recent;
		tw->ts_offset = pcb->ts_offset;
		tw->rcv_wscale = pcb->rcv_wscale;
		tw->rcv_wnd = min_t(u32, pcb->rcv_wnd >> pcb->rcv_wscale,
				    65535);
		tw->ts_ok = !!(pcb->flags & TIP_TCPF_TS_OK);
		/* A link-local peer is only reachable on that link. */
		tw->oif = pcb->inet.bound_if;
		tw->expires = jiffies + TIP_TCP_TIMEWAIT_LEN;
		hash_add(tn->tcp.twhash, &tw->node,
			 tip_tcp_ehashfn(&tw->laddr, tw->lport, &tw->raddr,
					 tw->rport));
		list_add_tail(&tw->list, &tn->tcp.twlist);
		tn->tcp.ntw++;
		tip_tcp_tw_arm(tn);
	}
	/* The owner, if any, sees CLOSE; the entry answers from now on. */
	tip_tcp_set_state(pcb, TIP_TCP_CLOSE);
}

struct tip_tcp_tw *tip_tcp_tw_lookup(struct tip_net *tn,
				     const struct in6_addr *saddr,
				     __be16 sport,
				     const struct in6_addr *daddr,
				     __be16 dport)
{
	struct tip_tcp_tw *tw;

	hash_for_each_possible(tn->tcp.twhash, tw, node,
			       tip_tcp_ehashfn(daddr, dport, saddr, sport)) {
		if (tw->lport == dport && tw->rport == sport &&
		    ipv6_addr_equal(&tw->laddr, daddr) &&
		    ipv6_addr_equal(&tw->raddr, saddr))
			return tw;
	}
	return NULL;
}

/*
 * An entry's laddr is a connection's, never a wildcard, so whether it
 * overlaps @laddr does not depend on the V6ONLY its socket had.
 */
bool tip_tcp_tw_port_busy(struct tip_net *tn, const struct in6_addr *laddr,
			  bool v6only, __be16 lport)
{
	struct tip_tcp_tw *tw;
	int bkt;

	if (!tn->tcp.ntw)
		return false;
	hash_for_each(tn->tcp.twhash, bkt, tw, node) {
		if (tw->lport == lport &&
		    tip_addr_overlap(laddr, v6only, &tw->laddr, false))
			return true;
	}
	return false;
}

static void tip_tcp_tw_ack(struct tip_net *tn, const struct tip_tcp_tw *tw)
{
	struct tip_tcp_opts o = {};

	if (tw->ts_ok) {
		o.present = TIP_TCPOPT_TS;
		o.tsval = tip_tcp_tsval(&tip_tcp_tw_clock) + tw->ts_offset;
		o.tsecr = tw->ts_recent;
	}
	tip_tcp_send_ack_tuple(tn, &tw->laddr, &tw->raddr, tw->lport,
			       tw->rport, tw->snd_nxt, tw->rcv_nxt, tw->rcv_wnd,
			       &o, tw->oif);
}

bool tip_tcp_tw_input(struct tip_net *tn, struct tip_tcp_tw *tw,
		      struct sk_buff *skb, const struct tcphdr *th,
		      const struct tip_tcp_opts *o)
{
	u32 seq = TIP_TCP_CB(skb)->seq, end_seq = TIP_TCP_CB(skb)->end_seq;
	bool ts = tw->ts_ok && (o->present & TIP_TCPOPT_TS);
	bool paws = ts && tip_seq_before(o->tsval, tw->ts_recent);
	u32 win = (u32)tw->rcv_wnd << tw->rcv_wscale;

	lockdep_assert_held(&tn->lock);
	if (th->rst) {
		/* Linux's default (no RFC 1337): an in-window RST ends it. */
		if (!paws && tip_seq_between(seq, tw->rcv_nxt,
					     tw->rcv_nxt + win))
			tip_tcp_tw_free(tn, tw);
		goto consumed;
	}
	if (th->syn && !th->ack && !paws &&
	    (tip_seq_after(seq, tw->rcv_nxt) ||
	     (ts && tip_seq_after(o->tsval, tw->ts_recent)))) {
		/* A new incarnation (RFC 6191): let a listener have it. */
		TIP_TCP_INC(tn, TW_RECYCLED);
		tip_tcp_tw_free(tn, tw);
		return false;
	}
	if (!paws && th->fin && end_seq == tw->rcv_nxt) {
		/* Our ACK of the FIN was lost: repeat it, wait anew. */
		if (ts)
			tw->ts_recent = o->tsval;
		tw->expires = jiffies + TIP_TCP_TIMEWAIT_LEN;
		list_move_tail(&tw->list, &tn->tcp.twlist);
		tip_tcp_tw_ack(tn, tw);
		goto consumed;
	}
	/* Old duplicates and stray data get an ACK; bare ACKs nothing. */
	if (paws || th->syn || end_seq != seq)
		tip_tcp_tw_ack(tn, tw);
consumed:
	kfree_skb(skb);
	return true;
}

static void tip_tcp_tw_timer(struct timer_list *t)
{
	struct tip_net *tn = from_timer(tn, t, tcp.twtimer);
	struct tip_tcp_tw *tw;

	spin_lock(&tn->lock);
	while ((tw = list_first_entry_or_null(&tn->tcp.twlist,
					      struct tip_tcp_tw, list)) &&
	       time_after_eq(jiffies, tw->expires))
		tip_tcp_tw_free(tn, tw);
	tip_tcp_tw_arm(tn);
	spin_unlock(&tn->lock);
}

int tip_tcp_tw_net_init(struct tip_net *tn)
{
	hash_init(tn->tcp.twhash);
	INIT_LIST_HEAD(&tn->tcp.twlist);
	tn->tcp.ntw = 0;
	timer_setup(&tn->tcp.twtimer, tip_tcp_tw_timer, 0);
	return 0;
}

/* The timer goes first so that it cannot fire on freed entries. */
void tip_tcp_tw_net_exit(struct tip_net *tn)
{
	struct tip_tcp_tw *tw, *tmp;

	timer_shutdown_sync(&tn->tcp.twtimer);
	spin_lock_bh(&tn->lock);
	list_for_each_entry_safe(tw, tmp, &tn->tcp.twlist, list)
		tip_tcp_tw_free(tn, tw);
	spin_unlock_bh(&tn->lock);
}
