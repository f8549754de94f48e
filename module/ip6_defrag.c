// SPDX-License-Identifier: GPL-2.0
/*
 * The instance's IPv6 reassembly (RFC 8200 4.5): the front end of
 * module/ip6_frag.c over the budget and timer of module/defrag.c, with
 * the IPv4 side's bounds. A packet not complete 60 seconds after its
 * first-arriving fragment is abandoned, with an ICMPv6 Time Exceeded
 * (code 1) to the source if the fragment at offset 0 had arrived; the
 * fragments refused with a Parameter Problem get it here.
 */
#include <linux/icmpv6.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/timer.h>

#include <tinyip/ip6_wire.h>
#include <tinyip/tinyip.h>

#define TIP_FRAG6_MEM_LIMIT	(256 * 1024)
#define TIP_FRAG6_MAX_QUEUES	64
#define TIP_FRAG6_TIMEOUT	(60 * HZ)

static void tip_ip6_defrag_report(struct tip_net *tn, struct sk_buff *first)
{
	tip_icmp6_send(tn, first, ICMPV6_TIME_EXCEED, ICMPV6_EXC_FRAGTIME, 0,
		       false);
}

static void tip_ip6_defrag_timer(struct timer_list *t)
{
	struct tip_net *tn = from_timer(tn, t, ip6.frag.timer);

	spin_lock_bh(&tn->lock);
	tip_defrag_expire(tn, &tn->ip6.frag, tip_ip6_defrag_report);
	spin_unlock_bh(&tn->lock);
}

/*
 * Under tn->lock; @skb (data and network header at the IPv6 header) is a
 * fragment, @c its walk. Returns the reassembled packet, or NULL when
 * @skb was kept or dropped.
 */
struct sk_buff *tip_ip6_defrag(struct tip_net *tn, struct sk_buff *skb,
			       const struct tip_ip6_chain *c)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct sk_buff *out;
	u32 pointer;

	lockdep_assert_held(&tn->lock);
	if (tip_defrag_admit(tn, skb)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NOMEM);
		return NULL;
	}
	switch (tip_frag6_add(&tn->ip6.frag.set, skb, c, jiffies, &out,
			      &pointer)) {
	case TIP_FRAG_PERR:
		tip_icmp6_send(tn, skb, ICMPV6_PARAMPROB, ICMPV6_HDR_FIELD,
			       pointer, false);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_FRAG);
		break;
	case TIP_FRAG_DROP:
		if (iif)
			iif->stats.rx_drops[TINYIP_DROP_FRAG]++;
		break;
	default:
		break;
	}
	tip_defrag_update(tn, &tn->ip6.frag);
	return out;
}

void tip_ip6_defrag_if_gone(struct tip_net *tn, struct tip_if *ifp)
{
	tip_defrag_if_gone(tn, &tn->ip6.frag, ifp);
}

/* Also the output side's IDs: a random start, a secret per instance. */
void tip_ip6_defrag_init(struct tip_net *tn)
{
	tip_frag6_set_init(&tn->ip6.frag.set, TIP_FRAG6_MEM_LIMIT,
			   TIP_FRAG6_MAX_QUEUES, TIP_FRAG6_TIMEOUT);
	tip_defrag_init(&tn->ip6.frag, tip_ip6_defrag_timer);
	get_random_bytes(&tn->ip6.frag_key, sizeof(tn->ip6.frag_key));
	tn->ip6.frag_id = get_random_u32();
}

void tip_ip6_defrag_exit(struct tip_net *tn)
{
	tip_defrag_exit(tn, &tn->ip6.frag);
}
