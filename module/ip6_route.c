// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 route table: routes by hand, the on-link prefixes of our
 * addresses, and what router advertisements teach (RFC 4861 6.3.4: the
 * default router list and the prefix list, with lifetimes). One sorted
 * list, longest prefix first and then lowest metric, as the IPv4 one;
 * an instance holds a handful. Routes learnt from RAs expire with the
 * per-link timer. Everything under tn->lock.
 */
#include <linux/slab.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include <tinyip/ip6.h>
#include <tinyip/nl_event.h>
#include <tinyip/tinyip.h>

static bool tip_rt6_before(const struct tip_rt6 *a, const struct tip_rt6 *b)
{
	if (a->prefixlen != b->prefixlen)
		return a->prefixlen > b->prefixlen;
	return a->metric < b->metric;
}

static bool tip_rt6_expired(const struct tip_rt6 *rt, unsigned long now)
{
	return rt->expires && !time_before(now, rt->expires);
}

/* Prefix, metric and link: unique, since link-local prefixes repeat. */
static struct tip_rt6 *tip_rt6_find(struct tip_net *tn,
				    const struct in6_addr *dst, u8 plen,
				    const struct tip_if *ifp, u32 metric)
{
	struct tip_rt6 *rt;

	list_for_each_entry(rt, &tn->ip6.routes, list)
		if (rt->prefixlen == plen && rt->metric == metric &&
		    rt->ifp == ifp && ipv6_addr_equal(&rt->dst, dst))
			return rt;
	return NULL;
}

/* A default router from an RA; its coming and going are notified. */
static bool tip_rt6_is_router(const struct tip_rt6 *rt)
{
	return rt->origin == TIP_RT6_RA_ROUTER && !rt->prefixlen && rt->ifp;
}

static void tip_rt6_free(struct tip_net *tn, struct tip_rt6 *rt)
{
	if (tip_rt6_is_router(rt))
		tip_nl_router_event(tn, rt->ifp, &rt->gw, 0, true);
	list_del(&rt->list);
	tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, rt, sizeof(*rt));
}

/*
 * @lifetime in seconds (TIP_IP6_LFT_FOREVER: none). A route that is
 * already there with the same key is refreshed (gateway, lifetime) only
 * by the RA mechanism that made it: what an address or the user made is
 * never changed by what a router says (-EEXIST).
 */
int tip_ip6_route_add(struct tip_net *tn, const struct in6_addr *dst,
		      u8 plen, const struct in6_addr *gw, struct tip_if *ifp,
		      u32 metric, u8 flags, u8 origin, u32 lifetime,
		      struct netlink_ext_ack *extack)
{
	struct tip_rt6 *rt, *cur;
	bool fresh = false;
	struct in6_addr pfx;

	lockdep_assert_held(&tn->lock);
	if (plen > 128) {
		NL_SET_ERR_MSG(extack, "IPv6 prefix length is 0..128");
		return -EINVAL;
	}
	ipv6_addr_prefix(&pfx, dst, plen);
	if (!ipv6_addr_equal(&pfx, dst)) {
		NL_SET_ERR_MSG(extack, "route prefix has host bits set");
		return -EINVAL;
	}
	if (ipv6_addr_is_multicast(dst) && plen >= 8) {
		NL_SET_ERR_MSG(extack, "multicast destinations are not routed");
		return -EINVAL;
	}
	if (gw && !ipv6_addr_any(gw)) {
		if (ipv6_addr_is_multicast(gw) || ipv6_addr_v4mapped(gw)) {
			NL_SET_ERR_MSG(extack, "invalid gateway");
			return -EINVAL;
		}
		if ((ipv6_addr_type(gw) & IPV6_ADDR_LINKLOCAL) && !ifp) {
			NL_SET_ERR_MSG(extack,
				       "a link-local gateway needs a device");
			return -EINVAL;
		}
		if (!ifp) {
			cur = tip_ip6_route_lookup(tn, gw, NULL);
			if (!cur || !ipv6_addr_any(&cur->gw)) {
				NL_SET_ERR_MSG(extack,
					       "gateway is not on a connected network");
				return -ENETUNREACH;
			}
			ifp = cur->ifp;
		}
	} else if (!ifp) {
		NL_SET_ERR_MSG(extack, "a route needs a gateway or a device");
		return -EINVAL;
	}

	rt = tip_rt6_find(tn, dst, plen, ifp, metric);
	if (rt) {
		if (origin == TIP_RT6_STATIC || rt->origin != origin) {
			NL_SET_ERR_MSG(extack, "route exists");
			return -EEXIST;
		}
	} else {
		rt = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*rt),
				    GFP_ATOMIC);
		if (!rt) {
			NL_SET_ERR_MSG(extack, "tinyip memory budget exhausted");
			return -ENOBUFS;
		}
		rt->dst = *dst;
		rt->prefixlen = plen;
		rt->ifp = ifp;
		rt->metric = metric;
		rt->flags = flags;
		rt->origin = origin;
		list_for_each_entry(cur, &tn->ip6.routes, list)
			if (tip_rt6_before(rt, cur))
				break;
		list_add_tail(&rt->list, &cur->list);
		fresh = true;
	}
	rt->gw = gw ? *gw : in6addr_any;
	rt->expires = 0;
	if (lifetime != TIP_IP6_LFT_FOREVER)
		rt->expires = (jiffies + (unsigned long)lifetime * HZ) | 1;
	/* Refreshes by later RAs are not news; a new router is. */
	if (fresh && tip_rt6_is_router(rt))
		tip_nl_router_event(tn, rt->ifp, &rt->gw, lifetime, false);
	return 0;
}

int tip_ip6_route_del(struct tip_net *tn, const struct in6_addr *dst,
		      u8 plen, const struct in6_addr *gw,
		      const struct tip_if *ifp, u32 metric, u8 origin,
		      struct netlink_ext_ack *extack)
{
	struct tip_rt6 *rt;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry(rt, &tn->ip6.routes, list) {
		if (rt->prefixlen != plen || !ipv6_addr_equal(&rt->dst, dst))
			continue;
		if (origin != TIP_RT6_ANY && rt->origin != origin)
			continue;
		if (gw && !ipv6_addr_any(gw) && !ipv6_addr_equal(&rt->gw, gw))
			continue;
		if (ifp && rt->ifp != ifp)
			continue;
		if (metric && rt->metric != metric)
			continue;
		tip_rt6_free(tn, rt);
		return 0;
	}
	NL_SET_ERR_MSG(extack, "no such route");
	return -ESRCH;
}

/* Longest match on a usable link; @oif, when given, must be the link. */
struct tip_rt6 *tip_ip6_route_lookup(struct tip_net *tn,
				     const struct in6_addr *dst,
				     const struct tip_if *oif)
{
	unsigned long now = jiffies;
	struct tip_rt6 *rt;

	list_for_each_entry(rt, &tn->ip6.routes, list) {
		if (!ipv6_prefix_equal(&rt->dst, dst, rt->prefixlen))
			continue;
		if (tip_rt6_expired(rt, now) || !rt->ifp || rt->ifp->dying ||
		    !rt->ifp->up)
			continue;
		if (oif && rt->ifp != oif)
			continue;
		return rt;
	}
	return NULL;
}

/* Every route through @ifp, or every route when @ifp is NULL. */
void tip_ip6_routes_flush(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_rt6 *rt, *tmp;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(rt, tmp, &tn->ip6.routes, list)
		if (!ifp || rt->ifp == ifp)
			tip_rt6_free(tn, rt);
}

/* Forgets routers and prefixes whose lifetime ran out. */
void tip_ip6_routes_expire(struct tip_net *tn)
{
	unsigned long now = jiffies;
	struct tip_rt6 *rt, *tmp;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(rt, tmp, &tn->ip6.routes, list)
		if (tip_rt6_expired(rt, now))
			tip_rt6_free(tn, rt);
}

/* The earliest expiry of a route on @ifp, or 0. */
unsigned long tip_ip6_routes_next(struct tip_net *tn, struct tip_if *ifp)
{
	unsigned long next = 0;
	struct tip_rt6 *rt;

	list_for_each_entry(rt, &tn->ip6.routes, list)
		if (rt->ifp == ifp && rt->expires &&
		    (!next || time_before(rt->expires, next)))
			next = rt->expires;
	return next;
}
