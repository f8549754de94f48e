// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 route lookup and the static route table (RFC 1122 3.3.1,
 * RFC 1812 5.2.4). Lookup order: our own addresses (weak host model, as
 * Linux: an address of any link is local and goes through the loopback
 * link), then limited broadcast and multicast, then the longest matching
 * usable route. A route is usable when its link is up and, for a gateway
 * route, the gateway is still on-link through an address of that link.
 *
 * Multicast and 255.255.255.255 leave by the requested link (oif:
 * SO_BINDTODEVICE, IP_MULTICAST_IF); without one, multicast follows a
 * matching route (e.g. 224.0.0.0/4 or the default route) as Linux does,
 * and both fall back to the first link that is up.
 */
#include <linux/inetdevice.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include <tinyip/fault.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

/* Link number @n: 0 is the loopback link, then tn->ifs in order. */
struct tip_if *tip_ip4_nth_if(struct tip_net *tn, unsigned int n)
{
	struct tip_if *ifp;

	if (n == 0)
		return tn->lo;
	list_for_each_entry(ifp, &tn->ifs, list) {
		if (ifp == tn->lo)
			continue;
		if (--n == 0)
			return ifp;
	}
	return NULL;
}

struct tip_if *tip_ip4_if_by_index(struct tip_net *tn, int ifindex)
{
	struct tip_if *ifp;

	list_for_each_entry(ifp, &tn->ifs, list)
		if (ifp != tn->lo && ifp->ifindex == ifindex)
			return ifp;
	return NULL;
}

static bool tip_ip4_if_usable(const struct tip_if *ifp)
{
	return ifp && READ_ONCE(ifp->up) && !READ_ONCE(ifp->dying);
}

static bool tip_ip4_on_link(const struct tip_if *ifp, __be32 addr)
{
	const struct tip_ifaddr4 *a;

	list_for_each_entry(a, &ifp->addr4, list)
		if (!((a->addr ^ addr) & a->mask))
			return true;
	return false;
}

struct tip_ifaddr4 *tip_ip4_addr_on(struct tip_if *ifp, __be32 addr)
{
	struct tip_ifaddr4 *a;

	list_for_each_entry(a, &ifp->addr4, list)
		if (a->addr == addr)
			return a;
	return NULL;
}

bool tip_ip4_is_bcast_on(struct tip_if *ifp, __be32 addr)
{
	struct tip_ifaddr4 *a;

	list_for_each_entry(a, &ifp->addr4, list)
		if (a->bcast && a->bcast == addr)
			return true;
	return false;
}

bool tip_ip4_is_local(struct tip_net *tn, __be32 addr)
{
	struct tip_if *ifp;
	unsigned int i;

	/* All of 127.0.0.0/8 is ours, as on Linux. */
	if (tn->lo && tip_ip4_on_link(tn->lo, addr))
		return true;
	for (i = 1; (ifp = tip_ip4_nth_if(tn, i)); i++)
		if (tip_ip4_addr_on(ifp, addr))
			return true;
	return false;
}

/* The address of @ifp on the subnet of @dst, else its first one. */
__be32 tip_ip4_src_for(struct tip_if *ifp, __be32 dst)
{
	struct tip_ifaddr4 *a;

	list_for_each_entry(a, &ifp->addr4, list)
		if (!((a->addr ^ dst) & a->mask))
			return a->addr;
	a = list_first_entry_or_null(&ifp->addr4, struct tip_ifaddr4, list);
	return a ? a->addr : 0;
}

/* The link a gateway route leaves by. */
static struct tip_if *tip_rt4_dev(struct tip_net *tn, const struct tip_rt4 *rt)
{
	struct tip_if *ifp;
	unsigned int i;

	if (rt->ifp)
		return rt->ifp;
	for (i = 1; (ifp = tip_ip4_nth_if(tn, i)); i++)
		if (tip_ip4_if_usable(ifp) && tip_ip4_on_link(ifp, rt->gw))
			return ifp;
	return NULL;
}

struct tip_rt4_ctx {
	struct tip_net *tn;
	struct tip_if *oif;
};

static bool tip_rt4_usable(const struct tip_rt4 *rt, void *arg)
{
	struct tip_rt4_ctx *ctx = arg;
	struct tip_if *ifp = tip_rt4_dev(ctx->tn, rt);

	if (!tip_ip4_if_usable(ifp))
		return false;
	if (ctx->oif && ifp != ctx->oif)
		return false;
	return !rt->gw || tip_ip4_on_link(ifp, rt->gw);
}

static struct tip_if *tip_ip4_first_up(struct tip_net *tn)
{
	struct tip_if *ifp;
	unsigned int i;

	for (i = 1; (ifp = tip_ip4_nth_if(tn, i)); i++)
		if (tip_ip4_if_usable(ifp))
			return ifp;
	return NULL;
}

static __be32 tip_ip4_any_src(struct tip_net *tn)
{
	struct tip_if *ifp;
	unsigned int i;
	__be32 src;

	for (i = 1; (ifp = tip_ip4_nth_if(tn, i)); i++) {
		src = tip_ip4_if_usable(ifp) ? tip_ip4_src_for(ifp, 0) : 0;
		if (src)
			return src;
	}
	return 0;
}

int tip_ip4_route(struct tip_net *tn, __be32 dst, int oif,
		  struct tip_rt4_res *res)
{
	struct tip_rt4_ctx ctx = { .tn = tn };
	struct tip_rt4 *rt;
	struct tip_if *ifp;

	lockdep_assert_held(&tn->lock);
	memset(res, 0, sizeof(*res));
	if (oif) {
		ctx.oif = tip_ip4_if_by_index(tn, oif);
		if (!ctx.oif)
			return -ENODEV;
	}

	if (tn->lo && tip_ip4_is_local(tn, dst)) {
		res->ifp = tn->lo;
		res->nexthop = dst;
		res->src = dst;
		res->mtu = tn->lo->mtu;
		res->local = true;
		return 0;
	}

	if (ipv4_is_lbcast(dst) || ipv4_is_multicast(dst)) {
		ifp = ctx.oif;
		if (!ifp && ipv4_is_multicast(dst)) {
			rt = tip_fib4_lookup(&tn->ip4.routes, dst,
					     tip_rt4_usable, &ctx);
			if (rt)
				ifp = tip_rt4_dev(tn, rt);
		}
		if (!ifp)
			ifp = tip_ip4_first_up(tn);
		if (!ifp)
			return -ENETUNREACH;
		res->ifp = ifp;
		res->nexthop = dst;
		res->src = tip_ip4_src_for(ifp, dst);
		res->mtu = ifp->mtu;
		res->bcast = ipv4_is_lbcast(dst);
		res->mcast = !res->bcast;
		return 0;
	}

	if (ipv4_is_zeronet(dst))
		return -ENETUNREACH;
	rt = tip_fib4_lookup(&tn->ip4.routes, dst, tip_rt4_usable, &ctx);
	if (!rt)
		return -ENETUNREACH;
	ifp = tip_rt4_dev(tn, rt);
	res->ifp = ifp;
	res->nexthop = rt->gw ?: dst;
	res->src = tip_ip4_src_for(ifp, res->nexthop) ?: tip_ip4_any_src(tn);
	res->mtu = ifp->mtu;
	res->bcast = !rt->gw && tip_ip4_is_bcast_on(ifp, dst);
	return 0;
}

/* Static routes (and connected ones, which ip4_addr.c also removes). */
int tip_ip4_route_add(struct tip_net *tn, __be32 dst, u8 prefixlen,
		      __be32 gw, struct tip_if *ifp, u32 metric,
		      struct netlink_ext_ack *extack)
{
	struct tip_rt4 *rt;
	__be32 mask;
	int ret;

	if (prefixlen > 32) {
		NL_SET_ERR_MSG(extack, "Invalid prefix length");
		return -EINVAL;
	}
	mask = inet_make_mask(prefixlen);
	if (dst & ~mask) {
		NL_SET_ERR_MSG(extack, "Invalid prefix for given prefix length");
		return -EINVAL;
	}
	if (!gw && !ifp) {
		NL_SET_ERR_MSG(extack, "Either a device or a gateway is needed");
		return -EINVAL;
	}
	if (gw && (ipv4_is_multicast(gw) || ipv4_is_lbcast(gw) ||
		   ipv4_is_zeronet(gw) || ipv4_is_loopback(gw))) {
		NL_SET_ERR_MSG(extack, "Invalid gateway address");
		return -EINVAL;
	}

	rt = tip_kzalloc(sizeof(*rt), GFP_KERNEL);
	if (!rt)
		return -ENOMEM;
	rt->dst = dst;
	rt->mask = mask;
	rt->prefixlen = prefixlen;
	rt->gw = gw;
	rt->metric = metric;

	spin_lock_bh(&tn->lock);
	if (ifp && READ_ONCE(ifp->dying)) {
		NL_SET_ERR_MSG(extack, "The link is going away");
		ret = -ENODEV;
		goto err;
	}
	if (gw && tip_ip4_is_local(tn, gw)) {
		NL_SET_ERR_MSG(extack, "Gateway cannot be a local address");
		ret = -EINVAL;
		goto err;
	}
	if (gw) {
		/* Fix the link now, so detaching it takes the route along. */
		if (!ifp) {
			unsigned int i;

			for (i = 1; (ifp = tip_ip4_nth_if(tn, i)); i++)
				if (tip_ip4_on_link(ifp, gw))
					break;
		}
		if (!ifp || !tip_ip4_on_link(ifp, gw)) {
			NL_SET_ERR_MSG(extack, "Nexthop has invalid gateway");
			ret = -ENETUNREACH;
			goto err;
		}
	}
	rt->ifp = ifp;
	if (tip_fib4_find(&tn->ip4.routes, dst, prefixlen, metric)) {
		NL_SET_ERR_MSG(extack, "Route already exists");
		ret = -EEXIST;
		goto err;
	}
	ret = tip_mem_charge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*rt));
	if (ret) {
		NL_SET_ERR_MSG(extack, "Memory budget exhausted");
		goto err;
	}
	tip_fib4_insert(&tn->ip4.routes, rt);
	spin_unlock_bh(&tn->lock);
	return 0;
err:
	spin_unlock_bh(&tn->lock);
	kfree(rt);
	return ret;
}

int tip_ip4_route_del(struct tip_net *tn, __be32 dst, u8 prefixlen,
		      __be32 gw, struct tip_if *ifp, u32 metric,
		      struct netlink_ext_ack *extack)
{
	struct tip_rt4 *rt;

	if (prefixlen > 32) {
		NL_SET_ERR_MSG(extack, "Invalid prefix length");
		return -EINVAL;
	}
	spin_lock_bh(&tn->lock);
	rt = tip_fib4_match(&tn->ip4.routes, dst & inet_make_mask(prefixlen),
			    prefixlen, gw, ifp, metric);
	if (!rt) {
		spin_unlock_bh(&tn->lock);
		NL_SET_ERR_MSG(extack, "No such route");
		return -ESRCH;
	}
	list_del(&rt->list);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*rt));
	spin_unlock_bh(&tn->lock);
	kfree(rt);
	return 0;
}

/* Under tn->lock: every route through @ifp, or every route if NULL. */
void tip_ip4_routes_flush(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_rt4 *rt, *tmp;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(rt, tmp, &tn->ip4.routes, list) {
		if (ifp && rt->ifp != ifp)
			continue;
		list_del(&rt->list);
		tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*rt));
		kfree(rt);
	}
}
