// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink commands of the IP control plane: addresses and routes (add,
 * delete, dump), in the shape iproute2 users expect; 16-byte addresses
 * go on to nl_ip6.c. Links are looked up
 * and used under RTNL, which attach and detach also take, so a link
 * cannot go away between the lookup and the change.
 */
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include <linux/tinyip.h>
#include <tinyip/netlink.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

static struct tip_net *tip_nl_tn(struct genl_info *info)
{
	return tip_net(genl_info_net(info));
}

/*
 * ADDR and PREFIXLEN, which every command here needs (not del addr).
 * Returns 6 when ADDR is an IPv6 address, for nl_ip6.c; 0 for IPv4.
 */
static int tip_nl_require(struct genl_info *info, bool plen)
{
	struct nlattr *addr = info->attrs[TINYIP_A_ADDR];
	struct nlattr *gw = info->attrs[TINYIP_A_GATEWAY];
	struct nlattr *pl = info->attrs[TINYIP_A_PREFIXLEN];
	int alen;

	if (!addr) {
		NL_SET_ERR_MSG(info->extack, "ADDR is required");
		return -EINVAL;
	}
	if (plen && !pl) {
		NL_SET_ERR_MSG(info->extack, "PREFIXLEN is required");
		return -EINVAL;
	}
	alen = nla_len(addr);
	if (alen != 4 && alen != 16) {
		NL_SET_ERR_MSG_ATTR(info->extack, addr,
				    "ADDR is 4 (IPv4) or 16 (IPv6) bytes");
		return -EINVAL;
	}
	if (gw && nla_len(gw) != alen) {
		NL_SET_ERR_MSG_ATTR(info->extack, gw,
				    "GATEWAY is not of ADDR's family");
		return -EINVAL;
	}
	if (pl && nla_get_u8(pl) > alen * 8) {
		NL_SET_ERR_MSG_ATTR(info->extack, pl,
				    "PREFIXLEN is longer than the address");
		return -EINVAL;
	}
	return alen == 16 ? 6 : 0;
}

static int tip_nl_addr_change(struct genl_info *info, bool add)
{
	struct tip_net *tn = tip_nl_tn(info);
	struct tip_if *ifp;
	__be32 addr;
	int ret;

	ret = tip_nl_require(info, add);
	if (ret == 6)
		return tip_nl_addr6_change(info, add);
	if (ret)
		return ret;
	addr = nla_get_in_addr(info->attrs[TINYIP_A_ADDR]);

	rtnl_lock();
	ifp = tip_nl_get_if(tn, info);
	if (!ifp)
		ret = -ENODEV;
	else if (add)
		ret = tip_ip4_addr_add(tn, ifp, addr,
				       nla_get_u8(info->attrs[TINYIP_A_PREFIXLEN]),
				       info->extack);
	else
		ret = tip_ip4_addr_del(tn, ifp, addr, info->extack);
	rtnl_unlock();
	return ret;
}

int tip_nl_addr_add(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_addr_change(info, true);
}

int tip_nl_addr_del(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_addr_change(info, false);
}

int tip_nl_put_if(struct sk_buff *skb, struct tip_net *tn,
		  const struct tip_if *ifp)
{
	/* The loopback link has no device, hence no ifindex. */
	if (ifp != tn->lo && nla_put_u32(skb, TINYIP_A_IFINDEX, ifp->ifindex))
		return -EMSGSIZE;
	return nla_put_string(skb, TINYIP_A_IFNAME, ifp->name);
}

int tip_nl_fill_addr4(struct sk_buff *skb, struct tip_net *tn,
		      const struct tip_if *ifp, const struct tip_ifaddr4 *a)
{
	if (tip_nl_put_if(skb, tn, ifp) ||
	    nla_put_in_addr(skb, TINYIP_A_ADDR, a->addr) ||
	    nla_put_u8(skb, TINYIP_A_PREFIXLEN, a->prefixlen) ||
	    (a->bcast && nla_put_in_addr(skb, TINYIP_A_BROADCAST, a->bcast)))
		return -EMSGSIZE;
	return 0;
}

/*
 * cb->args[0]: the link being sent; cb->args[1]: its addresses sent,
 * IPv4 ones first, then IPv6 ones.
 */
int tip_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tip_net *tn = tip_net(sock_net(skb->sk));
	struct tip_ifaddr6 *a6;
	struct tip_ifaddr4 *a;
	struct tip_if *ifp;
	long idx;
	void *hdr;

	spin_lock_bh(&tn->lock);
	for (; (ifp = tip_ip4_nth_if(tn, cb->args[0])); cb->args[0]++,
	     cb->args[1] = 0) {
		if (ifp->dying)
			continue;
		idx = 0;
		list_for_each_entry(a, &ifp->addr4, list) {
			if (idx++ < cb->args[1])
				continue;
			hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_ADDR_GET);
			if (!hdr)
				goto full;
			if (tip_nl_fill_addr4(skb, tn, ifp, a)) {
				genlmsg_cancel(skb, hdr);
				goto full;
			}
			genlmsg_end(skb, hdr);
			cb->args[1] = idx;
		}
		if (!IS_ENABLED(CONFIG_TINYIP_IPV6))
			continue;
		list_for_each_entry(a6, &ifp->addr6, list) {
			if (idx++ < cb->args[1])
				continue;
			hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_ADDR_GET);
			if (!hdr)
				goto full;
			if (tip_nl_fill_addr6(skb, tn, ifp, a6)) {
				genlmsg_cancel(skb, hdr);
				goto full;
			}
			genlmsg_end(skb, hdr);
			cb->args[1] = idx;
		}
	}
full:
	spin_unlock_bh(&tn->lock);
	return skb->len;
}

static int tip_nl_route_change(struct genl_info *info, bool add)
{
	struct tip_net *tn = tip_nl_tn(info);
	struct nlattr **attrs = info->attrs;
	struct tip_if *ifp = NULL;
	__be32 dst, gw = 0;
	u32 metric = 0;
	u8 plen;
	int ret;

	ret = tip_nl_require(info, true);
	if (ret == 6)
		return tip_nl_route6_change(info, add);
	if (ret)
		return ret;
	dst = nla_get_in_addr(attrs[TINYIP_A_ADDR]);
	plen = nla_get_u8(attrs[TINYIP_A_PREFIXLEN]);
	if (attrs[TINYIP_A_GATEWAY])
		gw = nla_get_in_addr(attrs[TINYIP_A_GATEWAY]);
	if (attrs[TINYIP_A_METRIC])
		metric = nla_get_u32(attrs[TINYIP_A_METRIC]);

	rtnl_lock();
	if (attrs[TINYIP_A_IFINDEX] || attrs[TINYIP_A_IFNAME]) {
		ifp = tip_nl_get_if(tn, info);
		if (!ifp) {
			ret = -ENODEV;
			goto out;
		}
	}
	if (add)
		ret = tip_ip4_route_add(tn, dst, plen, gw, ifp, metric,
					info->extack);
	else
		ret = tip_ip4_route_del(tn, dst, plen, gw, ifp, metric,
					info->extack);
out:
	rtnl_unlock();
	return ret;
}

int tip_nl_route_add(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_route_change(info, true);
}

int tip_nl_route_del(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_route_change(info, false);
}

static int tip_nl_fill_route(struct sk_buff *skb, struct tip_net *tn,
			     const struct tip_rt4 *rt)
{
	if (nla_put_in_addr(skb, TINYIP_A_ADDR, rt->dst) ||
	    nla_put_u8(skb, TINYIP_A_PREFIXLEN, rt->prefixlen) ||
	    (rt->gw && nla_put_in_addr(skb, TINYIP_A_GATEWAY, rt->gw)) ||
	    (rt->ifp && tip_nl_put_if(skb, tn, rt->ifp)) ||
	    nla_put_u32(skb, TINYIP_A_METRIC, rt->metric) ||
	    nla_put_u32(skb, TINYIP_A_ROUTE_FLAGS, rt->flags))
		return -EMSGSIZE;
	return 0;
}

/* cb->args[0]: routes sent, IPv4 ones first. */
int tip_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tip_net *tn = tip_net(sock_net(skb->sk));
	struct tip_rt6 *rt6;
	struct tip_rt4 *rt;
	long idx = 0;
	void *hdr;

	spin_lock_bh(&tn->lock);
	list_for_each_entry(rt, &tn->ip4.routes, list) {
		if (idx++ < cb->args[0])
			continue;
		hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_ROUTE_GET);
		if (!hdr)
			goto full;
		if (tip_nl_fill_route(skb, tn, rt)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
	/* Without IPv6, tn->ip6 was never set up. */
	if (!IS_ENABLED(CONFIG_TINYIP_IPV6))
		goto full;
	list_for_each_entry(rt6, &tn->ip6.routes, list) {
		if (idx++ < cb->args[0])
			continue;
		hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_ROUTE_GET);
		if (!hdr)
			goto full;
		if (tip_nl_fill_route6(skb, tn, rt6)) {
			genlmsg_cancel(skb, hdr);
			goto full;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = idx;
	}
full:
	spin_unlock_bh(&tn->lock);
	return skb->len;
}
