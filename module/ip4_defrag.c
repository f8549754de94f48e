// SPDX-License-Identifier: GPL-2.0
/*
 * The instance's reassembly (RFC 791 3.2, RFC 1122 3.3.2): the queues of
 * module/ip4_frag.c charged to the memory budget, and one timer, armed
 * only while a queue exists, that expires queues after 30 seconds and
 * sends ICMP time exceeded (code 1) when fragment 0 had arrived.
 */
#include <linux/icmp.h>
#include <linux/jiffies.h>
#include <linux/timer.h>

#include <tinyip/tinyip.h>
#include "ip4_local.h"

#define TIP_FRAG4_MEM_LIMIT	(256 * 1024)
#define TIP_FRAG4_MAX_QUEUES	64
#define TIP_FRAG4_TIMEOUT	(30 * HZ)

/* Brings the budget in line with what the queues hold now. */
static void tip_defrag_sync(struct tip_net *tn)
{
	struct tip_ip4_net *ip4 = &tn->ip4;

	if (ip4->frags.mem > ip4->frag_charged)
		tip_mem_charge_force(&tn->mem,
				     ip4->frags.mem - ip4->frag_charged);
	else
		tip_mem_uncharge(&tn->mem, ip4->frag_charged - ip4->frags.mem);
	ip4->frag_charged = ip4->frags.mem;
}

static void tip_defrag_arm(struct tip_net *tn)
{
	struct tip_frag4_q *q;

	if (list_empty(&tn->ip4.frags.queues) ||
	    timer_pending(&tn->ip4.frag_timer))
		return;
	q = list_first_entry(&tn->ip4.frags.queues, struct tip_frag4_q, list);
	mod_timer(&tn->ip4.frag_timer, q->expires);
}

static void tip_defrag_timer(struct timer_list *t)
{
	struct tip_net *tn = from_timer(tn, t, ip4.frag_timer);
	struct tip_frag4_q *q, *tmp;
	unsigned long now = jiffies;

	spin_lock_bh(&tn->lock);
	list_for_each_entry_safe(q, tmp, &tn->ip4.frags.queues, list) {
		if (time_before(now, q->expires))
			break;
		if (q->iif)
			q->iif->stats.rx_drops[TINYIP_DROP_FRAG]++;
		/* RFC 792: only if fragment zero is there to quote. */
		if (q->first_in && q->head && TIP_CB(q->head)->iif) {
			skb_reset_network_header(q->head);
			tip_icmp_send(tn, q->head, ICMP_TIME_EXCEEDED,
				      ICMP_EXC_FRAGTIME, 0);
		}
		tip_frag4_kill(&tn->ip4.frags, q);
	}
	tip_defrag_sync(tn);
	tip_defrag_arm(tn);
	spin_unlock_bh(&tn->lock);
}

/*
 * Under tn->lock; @skb (data at the IP header) is a fragment. Returns the
 * reassembled datagram, or NULL when @skb was kept or dropped.
 */
struct sk_buff *tip_ip4_defrag(struct tip_net *tn, struct sk_buff *skb,
			       const struct tip_ip4_view *v)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct sk_buff *out;

	lockdep_assert_held(&tn->lock);
	/* Refuse up front what the budget cannot take. */
	if (tip_mem_charge(&tn->mem, skb->truesize +
			   sizeof(struct tip_frag4_q))) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NOMEM);
		return NULL;
	}
	tip_mem_uncharge(&tn->mem, skb->truesize + sizeof(struct tip_frag4_q));

	switch (tip_frag4_add(&tn->ip4.frags, skb, v, jiffies, &out)) {
	case TIP_FRAG4_DROP:
		if (iif)
			iif->stats.rx_drops[TINYIP_DROP_FRAG]++;
		break;
	default:
		break;
	}
	tip_defrag_sync(tn);
	tip_defrag_arm(tn);
	return out;
}

void tip_ip4_defrag_if_gone(struct tip_net *tn, struct tip_if *ifp)
{
	lockdep_assert_held(&tn->lock);
	tip_frag4_purge_if(&tn->ip4.frags, ifp);
	tip_defrag_sync(tn);
}

void tip_ip4_defrag_init(struct tip_net *tn)
{
	tip_frag4_set_init(&tn->ip4.frags, TIP_FRAG4_MEM_LIMIT,
			   TIP_FRAG4_MAX_QUEUES, TIP_FRAG4_TIMEOUT);
	tn->ip4.frag_charged = 0;
	timer_setup(&tn->ip4.frag_timer, tip_defrag_timer, 0);
}

void tip_ip4_defrag_exit(struct tip_net *tn)
{
	timer_shutdown_sync(&tn->ip4.frag_timer);
	spin_lock_bh(&tn->lock);
	tip_frag4_flush(&tn->ip4.frags);
	tip_defrag_sync(tn);
	spin_unlock_bh(&tn->lock);
}
