// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 path MTU discovery (RFC 8201): what Packet Too Big messages teach
 * about a destination, kept per instance so that every transport and
 * every datagram to it fragments (or sizes its segments) to fit. IPv6
 * routers never fragment, so without this a UDP sender behind a narrow
 * link would lose every large datagram for good.
 *
 * A small bounded list, not a tree: few destinations are ever behind a
 * narrower link than our own, and PTB floods must not grow memory. An
 * estimate only ever shrinks from a PTB (RFC 8201 4) and is forgotten
 * after ten minutes (section 5.3's recommended interval), when the link
 * MTU is tried again. Under tn->lock.
 */
#include <linux/jiffies.h>
#include <net/ipv6.h>

#include <tinyip/ip6.h>
#include <tinyip/mem.h>
#include <tinyip/tinyip.h>

#define TIP_PMTU6_MAX		64
#define TIP_PMTU6_TIMEOUT	(600 * HZ)

struct tip_pmtu6 {
	struct list_head list;		/* tn->ip6.pmtu, oldest first */
	struct in6_addr dst;
	u32 mtu;
	unsigned long expires;
};

static void tip_pmtu6_free(struct tip_net *tn, struct tip_pmtu6 *p)
{
	list_del(&p->list);
	tn->ip6.pmtu_count--;
	tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, p, sizeof(*p));
}

static struct tip_pmtu6 *tip_pmtu6_find(struct tip_net *tn,
					const struct in6_addr *dst)
{
	struct tip_pmtu6 *p, *tmp;

	list_for_each_entry_safe(p, tmp, &tn->ip6.pmtu, list) {
		if (time_after_eq(jiffies, p->expires)) {
			tip_pmtu6_free(tn, p);
			continue;
		}
		if (ipv6_addr_equal(&p->dst, dst))
			return p;
	}
	return NULL;
}

/* The MTU toward @dst: the link's (@link_mtu) or what a PTB said. */
u32 tip_ip6_pmtu_get(struct tip_net *tn, const struct in6_addr *dst,
		     u32 link_mtu)
{
	struct tip_pmtu6 *p;

	lockdep_assert_held(&tn->lock);
	if (list_empty(&tn->ip6.pmtu))
		return link_mtu;
	p = tip_pmtu6_find(tn, dst);
	return p ? min(p->mtu, link_mtu) : link_mtu;
}

/*
 * A Packet Too Big said @mtu for @dst. Returns the estimate now in force,
 * never below the IPv6 minimum (RFC 8200 5: a PTB under 1280 is no reason
 * to send less; atomic fragments are gone, RFC 8021).
 */
u32 tip_ip6_pmtu_learn(struct tip_net *tn, const struct in6_addr *dst,
		       u32 mtu)
{
	struct tip_pmtu6 *p;

	lockdep_assert_held(&tn->lock);
	mtu = max_t(u32, mtu, IPV6_MIN_MTU);
	p = tip_pmtu6_find(tn, dst);
	if (p) {
		if (mtu >= p->mtu)
			return p->mtu;
	} else {
		if (tn->ip6.pmtu_count >= TIP_PMTU6_MAX)
			tip_pmtu6_free(tn, list_first_entry(&tn->ip6.pmtu,
							    struct tip_pmtu6,
							    list));
		p = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*p),
				   GFP_ATOMIC);
		if (!p)
			return mtu;
		INIT_LIST_HEAD(&p->list);
		p->dst = *dst;
		tn->ip6.pmtu_count++;
	}
	p->mtu = mtu;
	p->expires = jiffies + TIP_PMTU6_TIMEOUT;
	list_move_tail(&p->list, &tn->ip6.pmtu);
	return mtu;
}

void tip_ip6_pmtu_flush(struct tip_net *tn)
{
	struct tip_pmtu6 *p, *tmp;

	list_for_each_entry_safe(p, tmp, &tn->ip6.pmtu, list)
		tip_pmtu6_free(tn, p);
}
