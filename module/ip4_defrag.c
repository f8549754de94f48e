// SPDX-License-Identifier: GPL-2.0
/*
 * The instance's IPv4 reassembly (RFC 791 3.2, RFC 1122 3.3.2): the
 * front end of module/ip4_frag.c over the budget and timer of
 * module/defrag.c. Queues expire after 30 seconds, with an ICMP time
 * exceeded (code 1) when fragment 0 had arrived.
 */
#include <linux/icmp.h>
#include <linux/jiffies.h>
#include <linux/timer.h>

#include <tinyip/tinyip.h>
#include "ip4_local.h"

#define TIP_FRAG4_MEM_LIMIT	(256 * 1024)
#define TIP_FRAG4_MAX_QUEUES	64
#define TIP_FRAG4_TIMEOUT	(30 * HZ)

static void tip_ip4_defrag_report(struct tip_net *tn, struct sk_buff *first)
{
	tip_icmp_send(tn, first, ICMP_TIME_EXCEEDED, ICMP_EXC_FRAGTIME, 0);
}

static void tip_ip4_defrag_timer(struct timer_list *t)
{
	struct tip_net *tn = from_timer(tn, t, ip4.frag.timer);

	spin_lock_bh(&tn->lock);
	tip_defrag_expire(tn, &tn->ip4.frag, tip_ip4_defrag_report);
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
	if (tip_defrag_admit(tn, skb)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NOMEM);
		return NULL;
	}
	if (tip_frag4_add(&tn->ip4.frag.set, skb, v, jiffies, &out) ==
	    TIP_FRAG_DROP && iif)
		iif->stats.rx_drops[TINYIP_DROP_FRAG]++;
	tip_defrag_update(tn, &tn->ip4.frag);
	return out;
}

void tip_ip4_defrag_if_gone(struct tip_net *tn, struct tip_if *ifp)
{
	tip_defrag_if_gone(tn, &tn->ip4.frag, ifp);
}

void tip_ip4_defrag_init(struct tip_net *tn)
{
	tip_frag4_set_init(&tn->ip4.frag.set, TIP_FRAG4_MEM_LIMIT,
			   TIP_FRAG4_MAX_QUEUES, TIP_FRAG4_TIMEOUT);
	tip_defrag_init(&tn->ip4.frag, tip_ip4_defrag_timer);
}

void tip_ip4_defrag_exit(struct tip_net *tn)
{
	tip_defrag_exit(tn, &tn->ip4.frag);
}
