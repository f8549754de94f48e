// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink commands of the IPv6 control plane: addresses (with their DAD
 * state and lifetimes, RFC 4862) and routes. The IPv4 commands in
 * nl_ip4.c hand over here when ADDR is 16 bytes long, so one command set
 * serves both families, as iproute2's does.
 */
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include <linux/tinyip.h>
#include <tinyip/netlink.h>
#include <tinyip/tinyip.h>

static struct tip_net *tip_nl_tn(struct genl_info *info)
{
	return tip_net(genl_info_net(info));
}

/* A 16-byte attribute, or an error naming it. */
static int tip_nl_get_in6(struct genl_info *info, int type,
			  struct in6_addr *addr)
{
	struct nlattr *nla = info->attrs[type];

	if (!nla) {
		*addr = in6addr_any;
		return 0;
	}
	if (nla_len(nla) != sizeof(*addr)) {
		NL_SET_ERR_MSG_ATTR(info->extack, nla,
				    "an IPv6 address is 16 bytes");
		return -EINVAL;
	}
	*addr = nla_get_in6_addr(nla);
	return 0;
}

static u32 tip_nl_get_u32(struct genl_info *info, int type, u32 dflt)
{
	return info->attrs[type] ? nla_get_u32(info->attrs[type]) : dflt;
}

int tip_nl_addr6_change(struct genl_info *info, bool add)
{
	struct tip_net *tn = tip_nl_tn(info);
	struct in6_addr addr;
	struct tip_if *ifp;
	u32 flags, valid, pref;
	int ret;

	ret = tip_nl_get_in6(info, TINYIP_A_ADDR, &addr);
	if (ret)
		return ret;
	flags = tip_nl_get_u32(info, TINYIP_A_ADDR_FLAGS, 0);
	if (flags & ~TINYIP_ADDR_F_NODAD) {
		NL_SET_ERR_MSG(info->extack, "only the nodad flag can be set");
		return -EINVAL;
	}
	valid = tip_nl_get_u32(info, TINYIP_A_VALID_LFT, TIP_IP6_LFT_FOREVER);
	pref = tip_nl_get_u32(info, TINYIP_A_PREFERRED_LFT, valid);

	rtnl_lock();
	ifp = tip_nl_get_if(tn, info);
	if (!ifp) {
		ret = -ENODEV;
		goto out;
	}
	spin_lock_bh(&tn->lock);
	if (add)
		ret = tip_ip6_addr_add(tn, ifp, &addr,
				       nla_get_u8(info->attrs[TINYIP_A_PREFIXLEN]),
				       flags, valid, pref, info->extack);
	else
		ret = tip_ip6_addr_del(tn, ifp, &addr, info->extack);
	spin_unlock_bh(&tn->lock);
out:
	rtnl_unlock();
	return ret;
}

int tip_nl_fill_addr6(struct sk_buff *skb, struct tip_net *tn,
		      const struct tip_if *ifp, const struct tip_ifaddr6 *a)
{
	if (tip_nl_put_if(skb, tn, ifp) ||
	    nla_put_in6_addr(skb, TINYIP_A_ADDR, &a->addr) ||
	    nla_put_u8(skb, TINYIP_A_PREFIXLEN, a->prefixlen) ||
	    nla_put_u32(skb, TINYIP_A_ADDR_FLAGS, a->flags) ||
	    nla_put_u32(skb, TINYIP_A_VALID_LFT,
			tip_addr6_left(a, a->valid, jiffies)) ||
	    nla_put_u32(skb, TINYIP_A_PREFERRED_LFT,
			tip_addr6_left(a, a->preferred, jiffies)))
		return -EMSGSIZE;
	return 0;
}

int tip_nl_route6_change(struct genl_info *info, bool add)
{
	struct tip_net *tn = tip_nl_tn(info);
	struct nlattr **attrs = info->attrs;
	struct in6_addr dst, gw;
	struct tip_if *ifp = NULL;
	u32 metric;
	u8 plen;
	int ret;

	ret = tip_nl_get_in6(info, TINYIP_A_ADDR, &dst);
	if (!ret)
		ret = tip_nl_get_in6(info, TINYIP_A_GATEWAY, &gw);
	if (ret)
		return ret;
	plen = nla_get_u8(attrs[TINYIP_A_PREFIXLEN]);
	metric = tip_nl_get_u32(info, TINYIP_A_METRIC, add ? 1024 : 0);

	rtnl_lock();
	if (attrs[TINYIP_A_IFINDEX] || attrs[TINYIP_A_IFNAME]) {
		ifp = tip_nl_get_if(tn, info);
		if (!ifp) {
			ret = -ENODEV;
			goto out;
		}
	}
	spin_lock_bh(&tn->lock);
	if (add)
		ret = tip_ip6_route_add(tn, &dst, plen, &gw, ifp, metric, 0,
					TIP_RT6_STATIC, TIP_IP6_LFT_FOREVER,
					info->extack);
	else
		ret = tip_ip6_route_del(tn, &dst, plen, &gw, ifp, metric,
					TIP_RT6_ANY, info->extack);
	spin_unlock_bh(&tn->lock);
out:
	rtnl_unlock();
	return ret;
}

int tip_nl_fill_route6(struct sk_buff *skb, struct tip_net *tn,
		       const struct tip_rt6 *rt)
{
	if (nla_put_in6_addr(skb, TINYIP_A_ADDR, &rt->dst) ||
	    nla_put_u8(skb, TINYIP_A_PREFIXLEN, rt->prefixlen) ||
	    (!ipv6_addr_any(&rt->gw) &&
	     nla_put_in6_addr(skb, TINYIP_A_GATEWAY, &rt->gw)) ||
	    (rt->ifp && tip_nl_put_if(skb, tn, rt->ifp)) ||
	    nla_put_u32(skb, TINYIP_A_METRIC, rt->metric) ||
	    nla_put_u32(skb, TINYIP_A_ROUTE_FLAGS, rt->flags))
		return -EMSGSIZE;
	return 0;
}

int tip_nl_ra_set(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_nl_tn(info);
	struct tip_if *ifp;
	int ret;

	if (!info->attrs[TINYIP_A_RA_SEND]) {
		NL_SET_ERR_MSG(info->extack, "RA_SEND is required");
		return -EINVAL;
	}
	rtnl_lock();
	ifp = tip_nl_get_if(tn, info);
	if (!ifp) {
		ret = -ENODEV;
		goto out;
	}
	spin_lock_bh(&tn->lock);
	ret = tip_nd6_ra_set(ifp, nla_get_u8(info->attrs[TINYIP_A_RA_SEND]),
			     tip_nl_get_u32(info, TINYIP_A_RA_INTERVAL, 600),
			     tip_nl_get_u32(info, TINYIP_A_RA_LIFETIME, 1800),
			     info->extack);
	spin_unlock_bh(&tn->lock);
out:
	rtnl_unlock();
	return ret;
}
