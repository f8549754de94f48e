// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 addresses of the links (RFC 1122 3.3.1.1: any number per link)
 * and what follows them: the connected route of each prefix, gratuitous
 * ARP when an address or its link comes up (RFC 5227 2.3), and the clean
 * up when a link goes down or away. A link that goes down keeps its
 * addresses (lookup skips its routes); a link that goes away loses its
 * addresses, every route through it, its groups and its fragments.
 */
#include <linux/inetdevice.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <net/netlink.h>

#include <tinyip/fault.h>
#include <tinyip/nl_event.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

static bool tip_ip4_prefix_used(struct tip_if *ifp, __be32 net, __be32 mask,
				const struct tip_ifaddr4 *except)
{
	struct tip_ifaddr4 *a;

	list_for_each_entry(a, &ifp->addr4, list)
		if (a != except && a->mask == mask && (a->addr & mask) == net)
			return true;
	return false;
}

/* The connected route of @ifa's prefix; loopback addresses need none. */
static void tip_ip4_connected_del(struct tip_net *tn, struct tip_if *ifp,
				  struct tip_ifaddr4 *ifa)
{
	__be32 net = ifa->addr & ifa->mask;
	struct tip_rt4 *rt;

	if (ifp == tn->lo || tip_ip4_prefix_used(ifp, net, ifa->mask, ifa))
		return;
	list_for_each_entry(rt, &tn->ip4.routes, list) {
		if (rt->ifp == ifp && rt->dst == net &&
		    rt->prefixlen == ifa->prefixlen && !rt->gw &&
		    (rt->flags & TINYIP_ROUTE_F_CONNECTED)) {
			list_del(&rt->list);
			tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER,
					 sizeof(*rt));
			kfree(rt);
			return;
		}
	}
}

int tip_ip4_addr_add(struct tip_net *tn, struct tip_if *ifp, __be32 addr,
		     u8 prefixlen, struct netlink_ext_ack *extack)
{
	struct tip_ifaddr4 *ifa;
	struct tip_rt4 *rt;
	bool announce;
	int ret;

	if (prefixlen > 32) {
		NL_SET_ERR_MSG(extack, "Invalid prefix length");
		return -EINVAL;
	}
	if (ipv4_is_zeronet(addr) || ipv4_is_multicast(addr) ||
	    ipv4_is_lbcast(addr)) {
		NL_SET_ERR_MSG(extack, "Invalid address for a link");
		return -EINVAL;
	}

	ifa = tip_kzalloc(sizeof(*ifa), GFP_KERNEL);
	rt = tip_kzalloc(sizeof(*rt), GFP_KERNEL);
	if (!ifa || !rt) {
		ret = -ENOMEM;
		goto err_free;
	}
	ifa->addr = addr;
	ifa->prefixlen = prefixlen;
	ifa->mask = inet_make_mask(prefixlen);
	/* /31 (RFC 3021) and /32 have no broadcast address. */
	if (prefixlen < 31)
		ifa->bcast = addr | ~ifa->mask;
	rt->dst = addr & ifa->mask;
	rt->mask = ifa->mask;
	rt->prefixlen = prefixlen;
	rt->ifp = ifp;
	rt->flags = TINYIP_ROUTE_F_CONNECTED;

	spin_lock_bh(&tn->lock);
	if (READ_ONCE(ifp->dying)) {
		NL_SET_ERR_MSG(extack, "The link is going away");
		ret = -ENODEV;
		goto err_unlock;
	}
	if (tip_ip4_addr_on(ifp, addr)) {
		NL_SET_ERR_MSG(extack, "Address already assigned to the link");
		ret = -EEXIST;
		goto err_unlock;
	}
	ret = tip_mem_charge(&tn->mem, TINYIP_MEM_OTHER,
			     sizeof(*ifa) + sizeof(*rt));
	if (ret) {
		NL_SET_ERR_MSG(extack, "Memory budget exhausted");
		goto err_unlock;
	}
	list_add_tail_rcu(&ifa->list, &ifp->addr4);
	tip_nl_addr4_event(tn, ifp, ifa, false);
	/* One connected route per prefix and link, as Linux keeps. */
	if (ifp != tn->lo &&
	    !tip_fib4_match(&tn->ip4.routes, rt->dst, prefixlen, 0, ifp, 0)) {
		tip_fib4_insert(&tn->ip4.routes, rt);
		rt = NULL;
	} else {
		tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*rt));
	}
	announce = READ_ONCE(ifp->up);
	spin_unlock_bh(&tn->lock);
	kfree(rt);
	if (announce)
		tip_arp_announce(ifp, addr);
	return 0;

err_unlock:
	spin_unlock_bh(&tn->lock);
err_free:
	kfree(rt);
	kfree(ifa);
	return ret;
}

/* Under tn->lock. */
static void tip_ip4_addr_remove(struct tip_net *tn, struct tip_if *ifp,
				struct tip_ifaddr4 *ifa)
{
	tip_ip4_connected_del(tn, ifp, ifa);
	list_del_rcu(&ifa->list);
	tip_nl_addr4_event(tn, ifp, ifa, true);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*ifa));
	kfree_rcu(ifa, rcu);
}

int tip_ip4_addr_del(struct tip_net *tn, struct tip_if *ifp, __be32 addr,
		     struct netlink_ext_ack *extack)
{
	struct tip_ifaddr4 *ifa;

	spin_lock_bh(&tn->lock);
	ifa = tip_ip4_addr_on(ifp, addr);
	if (!ifa) {
		spin_unlock_bh(&tn->lock);
		NL_SET_ERR_MSG(extack, "Address not found on the link");
		return -EADDRNOTAVAIL;
	}
	tip_ip4_addr_remove(tn, ifp, ifa);
	spin_unlock_bh(&tn->lock);
	return 0;
}

/* Under tn->lock: every address of @ifp with its connected routes. */
void tip_ip4_addrs_flush(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_ifaddr4 *ifa, *tmp;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(ifa, tmp, &ifp->addr4, list)
		tip_ip4_addr_remove(tn, ifp, ifa);
}

/* Upper callbacks of the link layer; process context, RTNL held. */
void tip_ip4_if_up(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_ifaddr4 *ifa;

	/* The list is RCU, so announcing needs no lock. */
	rcu_read_lock();
	list_for_each_entry_rcu(ifa, &ifp->addr4, list)
		tip_arp_announce(ifp, ifa->addr);
	rcu_read_unlock();
	spin_lock_bh(&tn->lock);
	/* Every host listens to 224.0.0.1 (RFC 1112 4): open the filter. */
	if (ifp->dev && !tip_ip4_mc_joined(ifp, htonl(INADDR_ALLHOSTS_GROUP)))
		tip_ip4_mc_join(tn, ifp, htonl(INADDR_ALLHOSTS_GROUP));
	tip_igmp_if_up(tn, ifp);
	spin_unlock_bh(&tn->lock);
}

void tip_ip4_if_down(struct tip_net *tn, struct tip_if *ifp, bool gone)
{
	if (!gone)
		return;
	tip_dhcp4_if_gone(tn, ifp);
	/* Servers learnt on the link (DHCP, RAs) go with it. */
	tip_dns_link_gone(tn, ifp->ifindex);
	spin_lock_bh(&tn->lock);
	tip_igmp_if_gone(tn, ifp);
	tip_ip4_addrs_flush(tn, ifp);
	tip_ip4_routes_flush(tn, ifp);
	tip_ip4_defrag_if_gone(tn, ifp);
	spin_unlock_bh(&tn->lock);
}
