// SPDX-License-Identifier: GPL-2.0
/*
 * The neighbour cache of an Ethernet link: IPv4 (ARP, RFC 826) and IPv6
 * (Neighbor Discovery, RFC 4861 7.3) address to MAC, with the
 * packets that wait for an answer (RFC 1122 2.3.2.2: at least one per
 * destination; we keep a few). Entries and queued packets are charged to
 * the instance's memory budget. One timer per table, armed for the
 * earliest deadline and only while some entry has one, so a quiet cache
 * costs nothing. Everything runs under tn->lock.
 */
#include <linux/etherdevice.h>
#include <linux/hash.h>
#include <linux/random.h>
#include <net/ipv6.h>

#include <tinyip/link.h>
#include <tinyip/neigh.h>
#include <tinyip/tinyip.h>

#define NEIGH_RETRANS		HZ		/* RFC 1122 2.3.2.1: 1/s */
#define NEIGH_MAX_PROBES	3
#define NEIGH_REACHABLE		(30 * HZ)	/* RFC 4861 REACHABLE_TIME */
#define NEIGH_GC		(60 * HZ)
#define NEIGH_FAILED_HOLD	HZ
#define NEIGH_DELAY		(5 * HZ)	/* RFC 4861 DELAY_FIRST_PROBE_TIME */

static struct hlist_head *neigh_bucket(struct tip_neigh_tbl *tbl,
				       const struct in6_addr *addr)
{
	return &tbl->hash[hash_32(ipv6_addr_hash(addr), TIP_NEIGH_HASH_BITS)];
}

static struct tip_neigh *tip_neigh_find(struct tip_neigh_tbl *tbl,
					const struct in6_addr *addr)
{
	struct tip_neigh *n;

	hlist_for_each_entry(n, neigh_bucket(tbl, addr), node)
		if (ipv6_addr_equal(&n->addr, addr))
			return n;
	return NULL;
}

static bool neigh_is4(const struct tip_neigh *n)
{
	return ipv6_addr_v4mapped(&n->addr);
}

static __be16 neigh_proto(const struct tip_neigh *n)
{
	return neigh_is4(n) ? htons(ETH_P_IP) : htons(ETH_P_IPV6);
}

static const struct tip_nfsm_params *neigh_params(struct tip_neigh_tbl *tbl,
						  const struct tip_neigh *n)
{
	return neigh_is4(n) ? &tbl->params : &tbl->params6;
}

/* RFC 4861 6.3.2: uniformly between 0.5 and 1.5 times the base. */
static unsigned long neigh_rand_reachable(void)
{
	return NEIGH_REACHABLE / 2 + get_random_u32_below(NEIGH_REACHABLE);
}

static void neigh_arm(struct tip_neigh_tbl *tbl, unsigned long when)
{
	if (tbl->timer_armed && !time_before(when, tbl->timer_at))
		return;
	tbl->timer_at = when;
	tbl->timer_armed = true;
	mod_timer(&tbl->timer, when);
}

static void neigh_drop_queue(struct tip_if *ifp, struct tip_neigh *n)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&n->queue))) {
		tip_mem_uncharge(&ifp->tn->mem, TINYIP_MEM_NEIGH,
				 skb->truesize);
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_NEIGH);
	}
}

static void neigh_flush_queue(struct tip_if *ifp, struct tip_neigh *n)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&n->queue))) {
		tip_mem_uncharge(&ifp->tn->mem, TINYIP_MEM_NEIGH,
				 skb->truesize);
		tip_eth_xmit(ifp, skb, n->mac, neigh_proto(n));
	}
}

static void neigh_free(struct tip_if *ifp, struct tip_neigh *n)
{
	neigh_drop_queue(ifp, n);
	hlist_del(&n->node);
	ifp->neigh->count--;
	tip_mem_free(&ifp->tn->mem, TINYIP_MEM_NEIGH, n, sizeof(*n));
}

static void neigh_request(struct tip_if *ifp, struct tip_neigh *n, bool ucast)
{
	const struct tip_link_upper6 *upper6;
	__be32 ip, sip;

	if (!neigh_is4(n)) {
		upper6 = READ_ONCE(tip_upper6);
		if (upper6)
			upper6->nd_solicit(ifp, &n->addr,
					   ucast ? n->mac : NULL);
		return;
	}
	ip = n->addr.s6_addr32[3];
	sip = tip_ip4_src_for(ifp, ip);
	tip_arp_send(ifp, TIP_ARP_OP_REQUEST, ucast ? n->mac : NULL, sip,
		     NULL, ip);
}

/* Carries out what a state machine step asked for; false if @n is gone. */
static bool neigh_act(struct tip_if *ifp, struct tip_neigh *n, u32 act)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;

	if (act & TIP_NF_DELETE) {
		neigh_free(ifp, n);
		return false;
	}
	if (act & (TIP_NF_REQ_BCAST | TIP_NF_REQ_UCAST))
		neigh_request(ifp, n, act & TIP_NF_REQ_UCAST);
	if (act & TIP_NF_FLUSH)
		neigh_flush_queue(ifp, n);
	if (act & TIP_NF_FAIL)
		neigh_drop_queue(ifp, n);
	if (tip_nfsm_timed(&n->fsm))
		neigh_arm(tbl, n->fsm.deadline);
	return true;
}

/* Makes room in a full table by evicting the least recently used entry
 * that nobody waits for.
 */
static bool neigh_evict(struct tip_if *ifp)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;
	struct tip_neigh *n, *victim = NULL;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(tbl->hash); i++)
		hlist_for_each_entry(n, &tbl->hash[i], node) {
			if (n->fsm.state == TINYIP_NEIGH_PERMANENT ||
			    n->fsm.state == TINYIP_NEIGH_INCOMPLETE)
				continue;
			if (!victim || time_before(n->fsm.used, victim->fsm.used))
				victim = n;
		}
	if (!victim)
		return false;
	neigh_free(ifp, victim);
	return true;
}

static struct tip_neigh *tip_neigh_new(struct tip_if *ifp,
				       const struct in6_addr *addr)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;
	struct tip_neigh *n;

	if (tbl->count >= TIP_NEIGH_MAX && !neigh_evict(ifp))
		return NULL;
	n = tip_mem_zalloc(&ifp->tn->mem, TINYIP_MEM_NEIGH, sizeof(*n),
			   GFP_ATOMIC);
	if (!n)
		return NULL;
	n->addr = *addr;
	__skb_queue_head_init(&n->queue);
	hlist_add_head(&n->node, neigh_bucket(tbl, addr));
	tbl->count++;
	return n;
}

/* Sends @skb (data at the IP header) to @nexthop, resolving it first. */
static int tip_neigh_out(struct tip_if *ifp, struct sk_buff *skb,
			 const struct in6_addr *nexthop)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;
	struct tip_neigh *n;
	u32 act;
	int ret;

	lockdep_assert_held(&ifp->tn->lock);
	n = tip_neigh_find(tbl, nexthop);
	if (n) {
		act = tip_nfsm_use(&n->fsm, jiffies, neigh_params(tbl, n));
	} else {
		n = tip_neigh_new(ifp, nexthop);
		if (!n) {
			tip_if_tx_drop(ifp, skb, TINYIP_DROP_NOMEM);
			return -ENOBUFS;
		}
		act = tip_nfsm_start(&n->fsm, jiffies, neigh_params(tbl, n));
	}

	if (act & TIP_NF_DROP) {
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_NEIGH);
		return -EHOSTUNREACH;
	}
	if (act & TIP_NF_QUEUE) {
		/* Over the bound the oldest packet goes, as Linux does. */
		if (skb_queue_len(&n->queue) >= TIP_NEIGH_QLEN) {
			struct sk_buff *old = __skb_dequeue(&n->queue);

			tip_mem_uncharge(&ifp->tn->mem, TINYIP_MEM_NEIGH,
					 old->truesize);
			tip_if_tx_drop(ifp, old, TINYIP_DROP_NEIGH);
		}
		if (tip_mem_charge(&ifp->tn->mem, TINYIP_MEM_NEIGH,
				   skb->truesize)) {
			tip_if_tx_drop(ifp, skb, TINYIP_DROP_NOMEM);
			skb = NULL;
		} else {
			__skb_queue_tail(&n->queue, skb);
		}
		neigh_act(ifp, n, act);
		return skb ? 0 : -ENOBUFS;
	}
	/* Send before probing: the packet is the more urgent of the two. */
	ret = tip_eth_xmit(ifp, skb, n->mac, neigh_proto(n));
	neigh_act(ifp, n, act & ~TIP_NF_SEND);
	return ret;
}

int tip_neigh_output(struct tip_if *ifp, struct sk_buff *skb, __be32 nexthop)
{
	struct in6_addr key;

	ipv6_addr_set_v4mapped(nexthop, &key);
	return tip_neigh_out(ifp, skb, &key);
}

int tip_neigh_output6(struct tip_if *ifp, struct sk_buff *skb,
		      const struct in6_addr *nexthop)
{
	return tip_neigh_out(ifp, skb, nexthop);
}

/*
 * RFC 826 merge: an ARP packet from @ip at @mac updates an entry we have,
 * and creates one if the packet was aimed at us (@create).
 */
void tip_neigh_arp_input(struct tip_if *ifp, __be32 ip, const u8 *mac,
			 bool create, bool confirmed)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;
	struct in6_addr key;
	struct tip_neigh *n;
	bool changed;
	u32 act;

	lockdep_assert_held(&ifp->tn->lock);
	ipv6_addr_set_v4mapped(ip, &key);
	n = tip_neigh_find(tbl, &key);
	if (!n) {
		if (!create)
			return;
		n = tip_neigh_new(ifp, &key);
		if (!n)
			return;
		n->fsm.state = TINYIP_NEIGH_INCOMPLETE;
		n->fsm.used = jiffies;
	}
	if (n->fsm.state == TINYIP_NEIGH_PERMANENT)
		return;
	changed = !ether_addr_equal(n->mac, mac);
	ether_addr_copy(n->mac, mac);
	act = tip_nfsm_learn(&n->fsm, jiffies, &tbl->params, confirmed,
			     changed);
	neigh_act(ifp, n, act);
}

/*
 * RFC 4861 7.2.5 (NA) and 7.2.3/6.2.6/8.1 (NS, RS, RA, redirect with a
 * link-layer address): NS and friends create or refresh a STALE entry;
 * an NA confirms only when solicited, and changes a known address only
 * with the Override flag.
 */
void tip_neigh_nd_input(struct tip_if *ifp, const struct in6_addr *addr,
			const u8 *lladdr, u32 flags)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;
	bool changed, is_na = flags & TIP_ND_IS_NA;
	struct tip_neigh *n;
	u32 act;

	lockdep_assert_held(&ifp->tn->lock);
	if (!tbl)
		return;
	n = tip_neigh_find(tbl, addr);
	if (!n) {
		/* 7.2.5: an NA for which there is no entry is dropped. */
		if (is_na || !lladdr || !(flags & TIP_ND_CREATE))
			return;
		n = tip_neigh_new(ifp, addr);
		if (!n)
			return;
		n->fsm.state = TINYIP_NEIGH_INCOMPLETE;
		n->fsm.used = jiffies;
	}
	if (n->fsm.state == TINYIP_NEIGH_PERMANENT)
		return;
	/* An NA says either way; an RA (ROUTER without IS_NA) says yes. */
	if (is_na || (flags & TIP_ND_ROUTER))
		n->router = flags & TIP_ND_ROUTER;
	if (n->fsm.state == TINYIP_NEIGH_INCOMPLETE) {
		if (!lladdr)
			return;
		ether_addr_copy(n->mac, lladdr);
		act = tip_nfsm_learn(&n->fsm, jiffies, &tbl->params6,
				     is_na && (flags & TIP_ND_SOLICITED), true);
		neigh_act(ifp, n, act);
		return;
	}
	changed = lladdr && !ether_addr_equal(n->mac, lladdr);
	if (is_na && changed && !(flags & TIP_ND_OVERRIDE)) {
		/* Keep the old address; a REACHABLE entry becomes STALE. */
		if (n->fsm.state == TINYIP_NEIGH_REACHABLE) {
			act = tip_nfsm_learn(&n->fsm, jiffies, &tbl->params6,
					     false, true);
			neigh_act(ifp, n, act);
		}
		return;
	}
	if (changed)
		ether_addr_copy(n->mac, lladdr);
	act = tip_nfsm_learn(&n->fsm, jiffies, &tbl->params6,
			     is_na && (flags & TIP_ND_SOLICITED), changed);
	neigh_act(ifp, n, act);
}

int tip_neigh_is_router(struct tip_if *ifp, const struct in6_addr *addr)
{
	struct tip_neigh *n;

	if (!ifp->neigh)
		return -1;
	n = tip_neigh_find(ifp->neigh, addr);
	return n ? n->router : -1;
}

static void neigh_timer(struct timer_list *t)
{
	struct tip_neigh_tbl *tbl = from_timer(tbl, t, timer);
	struct tip_if *ifp = tbl->ifp;
	struct tip_net *tn = ifp->tn;
	struct hlist_node *tmp;
	struct tip_neigh *n;
	unsigned int i;

	spin_lock(&tn->lock);
	tbl->timer_armed = false;
	if (ifp->dying)
		goto out;
	for (i = 0; i < ARRAY_SIZE(tbl->hash); i++)
		hlist_for_each_entry_safe(n, tmp, &tbl->hash[i], node)
			neigh_act(ifp, n,
				  tip_nfsm_timer(&n->fsm, jiffies,
						 neigh_params(tbl, n)));
out:
	spin_unlock(&tn->lock);
}

void tip_neigh_tbl_flush(struct tip_if *ifp)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;
	struct hlist_node *tmp;
	struct tip_neigh *n;
	unsigned int i;

	lockdep_assert_held(&ifp->tn->lock);
	if (!tbl)
		return;
	for (i = 0; i < ARRAY_SIZE(tbl->hash); i++)
		hlist_for_each_entry_safe(n, tmp, &tbl->hash[i], node)
			neigh_free(ifp, n);
	/* The timer finds nothing to do if it still fires. */
}

void tip_neigh_flush(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_if *it;

	spin_lock_bh(&tn->lock);
	if (ifp) {
		tip_neigh_tbl_flush(ifp);
	} else {
		list_for_each_entry(it, &tn->ifs, list)
			tip_neigh_tbl_flush(it);
	}
	spin_unlock_bh(&tn->lock);
}

int tip_neigh_tbl_create(struct tip_if *ifp)
{
	struct tip_neigh_tbl *tbl;
	unsigned int i;

	tbl = tip_mem_zalloc(&ifp->tn->mem, TINYIP_MEM_NEIGH, sizeof(*tbl),
			     GFP_KERNEL);
	if (!tbl)
		return -ENOBUFS;
	tbl->ifp = ifp;
	for (i = 0; i < ARRAY_SIZE(tbl->hash); i++)
		INIT_HLIST_HEAD(&tbl->hash[i]);
	tbl->params.retrans = NEIGH_RETRANS;
	tbl->params.reachable = neigh_rand_reachable();
	tbl->params.gc = NEIGH_GC;
	tbl->params.failed_hold = NEIGH_FAILED_HOLD;
	tbl->params.max_probes = NEIGH_MAX_PROBES;
	/* RFC 4861 10: the same constants, plus DELAY_FIRST_PROBE_TIME. */
	tbl->params6 = tbl->params;
	tbl->params6.delay = NEIGH_DELAY;
	timer_setup(&tbl->timer, neigh_timer, 0);
	ifp->neigh = tbl;
	return 0;
}

/* After ifp->dying is set: stops the timer for good, then frees all. */
void tip_neigh_tbl_destroy(struct tip_if *ifp)
{
	struct tip_neigh_tbl *tbl = ifp->neigh;
	struct tip_net *tn = ifp->tn;

	if (!tbl)
		return;
	timer_shutdown_sync(&tbl->timer);
	spin_lock_bh(&tn->lock);
	tip_neigh_tbl_flush(ifp);
	ifp->neigh = NULL;
	spin_unlock_bh(&tn->lock);
	tip_mem_free(&tn->mem, TINYIP_MEM_NEIGH, tbl, sizeof(*tbl));
}
