// SPDX-License-Identifier: GPL-2.0
/*
 * A family's reassembly queues inside an instance (RFC 791 3.2, RFC 1122
 * 3.3.2, RFC 8200 4.5): what module/frag.c holds is charged to the
 * instance's memory budget, and one timer, armed only while a queue
 * exists, expires queues, counts them as FRAG drops and lets the family
 * report the ones whose first fragment arrived (ICMP or ICMPv6 Time
 * Exceeded, code 1). module/ip4_defrag.c and module/ip6_defrag.c are the
 * families' users.
 */
#include <linux/jiffies.h>
#include <linux/timer.h>

#include <tinyip/tinyip.h>

void tip_defrag_init(struct tip_defrag *d, void (*fn)(struct timer_list *t))
{
	d->charged = 0;
	timer_setup(&d->timer, fn, 0);
}

/*
 * Whether the budget could take @skb and a new queue. Checked up front,
 * charged for real by tip_defrag_update() once the engine decided.
 */
int tip_defrag_admit(struct tip_net *tn, const struct sk_buff *skb)
{
	u64 bytes = skb->truesize + sizeof(struct tip_frag_q);

	lockdep_assert_held(&tn->lock);
	if (tip_mem_charge(&tn->mem, TINYIP_MEM_REASM, bytes))
		return -ENOBUFS;
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_REASM, bytes);
	return 0;
}

/* Brings the budget in line with what the queues hold now. */
static void tip_defrag_sync(struct tip_net *tn, struct tip_defrag *d)
{
	if (d->set.mem > d->charged)
		tip_mem_charge_force(&tn->mem, TINYIP_MEM_REASM,
				     d->set.mem - d->charged);
	else
		tip_mem_uncharge(&tn->mem, TINYIP_MEM_REASM,
				 d->charged - d->set.mem);
	d->charged = d->set.mem;
}

/* The oldest queue expires first: all of a set share one timeout. */
static void tip_defrag_arm(struct tip_defrag *d)
{
	struct tip_frag_q *q;

	if (list_empty(&d->set.queues) || timer_pending(&d->timer))
		return;
	q = list_first_entry(&d->set.queues, struct tip_frag_q, list);
	mod_timer(&d->timer, q->expires);
}

/* After the queues changed: the budget follows, the timer is armed. */
void tip_defrag_update(struct tip_net *tn, struct tip_defrag *d)
{
	lockdep_assert_held(&tn->lock);
	tip_defrag_sync(tn, d);
	tip_defrag_arm(d);
}

/*
 * The timer's work, under tn->lock: @report gets fragment zero (data at
 * its IP header, network header set) of each queue that had it, to quote
 * in the error; it must not consume it.
 */
void tip_defrag_expire(struct tip_net *tn, struct tip_defrag *d,
		       void (*report)(struct tip_net *tn,
				      struct sk_buff *first))
{
	struct tip_frag_q *q, *tmp;
	unsigned long now = jiffies;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(q, tmp, &d->set.queues, list) {
		if (time_before(now, q->expires))
			break;
		if (q->iif)
			q->iif->stats.rx_drops[TINYIP_DROP_FRAG]++;
		/* RFC 792, RFC 8200 4.5: only if fragment zero is there. */
		if (q->first_in && q->head && TIP_CB(q->head)->iif) {
			skb_reset_network_header(q->head);
			report(tn, q->head);
		}
		tip_frag_kill(&d->set, q);
	}
	tip_defrag_update(tn, d);
}

void tip_defrag_if_gone(struct tip_net *tn, struct tip_defrag *d,
			const struct tip_if *ifp)
{
	lockdep_assert_held(&tn->lock);
	tip_frag_purge_if(&d->set, ifp);
	tip_defrag_sync(tn, d);
}

/* Process context, tn->lock not held. */
void tip_defrag_exit(struct tip_net *tn, struct tip_defrag *d)
{
	timer_shutdown_sync(&d->timer);
	spin_lock_bh(&tn->lock);
	tip_frag_flush(&d->set);
	tip_defrag_sync(tn, d);
	spin_unlock_bh(&tn->lock);
}
