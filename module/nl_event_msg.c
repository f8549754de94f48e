// SPDX-License-Identifier: GPL-2.0
/*
 * The attributes of the link and router notifications (uapi/tinyip.yaml
 * link-ntf, router-ntf), apart from the sending so that KUnit can check
 * them without a listener. RFC 4861 6.3.4 for what a router's lifetime
 * means; the link flags are those of "link show".
 */
#include <linux/etherdevice.h>
#include <net/netlink.h>

#include <tinyip/netif.h>
#include <tinyip/nl_event.h>
#include <tinyip/tinyip.h>

/* Called under RTNL, which every change of these fields holds too. */
int tip_nl_fill_link_event(struct sk_buff *skb, const void *arg)
{
	const struct tip_nl_ev *ev = arg;
	const struct tip_if *ifp = ev->ifp;
	u32 flags = READ_ONCE(ifp->up) ? TINYIP_LINK_F_UP : 0;

	if (nla_put_u8(skb, TINYIP_A_EVENT, ev->event) ||
	    nla_put_u32(skb, TINYIP_A_IFINDEX, ifp->ifindex) ||
	    nla_put_string(skb, TINYIP_A_IFNAME, ifp->name) ||
	    nla_put_u8(skb, TINYIP_A_LINK_MODE, ifp->mode) ||
	    nla_put_u32(skb, TINYIP_A_LINK_FLAGS, flags) ||
	    nla_put(skb, TINYIP_A_HWADDR, ETH_ALEN, ifp->hwaddr) ||
	    nla_put_u32(skb, TINYIP_A_MTU, READ_ONCE(ifp->mtu)))
		return -EMSGSIZE;
	return 0;
}

int tip_nl_fill_router_event(struct sk_buff *skb, const void *arg)
{
	const struct tip_nl_ev *ev = arg;
	const struct tip_if *ifp = ev->ifp;

	if (nla_put_u8(skb, TINYIP_A_EVENT, ev->event) ||
	    nla_put_u32(skb, TINYIP_A_IFINDEX, ifp->ifindex) ||
	    nla_put_string(skb, TINYIP_A_IFNAME, ifp->name) ||
	    nla_put(skb, TINYIP_A_GATEWAY, sizeof(struct in6_addr), ev->obj) ||
	    nla_put_u32(skb, TINYIP_A_RA_LIFETIME, ev->lifetime))
		return -EMSGSIZE;
	return 0;
}
