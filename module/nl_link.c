// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink commands of links and neighbours (uapi/tinyip.yaml):
 * link-attach, link-detach, link-get, neigh-get and neigh-flush, and the
 * IFINDEX/IFNAME resolution the other per-link commands share. Device
 * changes run under RTNL; dumps read the links under RCU and the
 * neighbour tables under tn->lock, resuming multi-part dumps from
 * cb->args.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include <linux/tinyip.h>
#include <tinyip/link.h>
#include <tinyip/neigh.h>
#include <tinyip/netlink.h>
#include <tinyip/tinyip.h>

struct tip_if *tip_nl_get_if(struct tip_net *tn, struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TINYIP_A_IFINDEX];
	struct tip_if *ifp = NULL;
	bool exists = false;

	if (attr) {
		int ifindex = nla_get_u32(attr);

		ifp = tip_if_by_index(tn, ifindex);
		if (!ifp) {
			rcu_read_lock();
			exists = dev_get_by_index_rcu(tn->net, ifindex);
			rcu_read_unlock();
		}
	} else if (info->attrs[TINYIP_A_IFNAME]) {
		const char *name;

		attr = info->attrs[TINYIP_A_IFNAME];
		name = nla_data(attr);
		if (!strcmp(name, "lo"))
			return tn->lo;
		ifp = tip_if_by_name(tn, name);
		if (!ifp) {
			rcu_read_lock();
			exists = dev_get_by_name_rcu(tn->net, name);
			rcu_read_unlock();
		}
	} else {
		NL_SET_ERR_MSG(info->extack, "IFINDEX or IFNAME is required");
		return NULL;
	}
	if (ifp)
		return ifp;
	if (exists)
		NL_SET_ERR_MSG_ATTR(info->extack, attr,
				    "device is not attached to tinyip");
	else
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such tinyip link");
	return NULL;
}

/* RTNL held. */
static struct net_device *tip_nl_get_dev(struct net *net,
					 struct genl_info *info)
{
	struct nlattr *attr = info->attrs[TINYIP_A_IFINDEX];
	struct net_device *dev;

	if (attr) {
		dev = __dev_get_by_index(net, nla_get_u32(attr));
	} else if (info->attrs[TINYIP_A_IFNAME]) {
		attr = info->attrs[TINYIP_A_IFNAME];
		dev = __dev_get_by_name(net, nla_data(attr));
	} else {
		NL_SET_ERR_MSG(info->extack, "IFINDEX or IFNAME is required");
		return ERR_PTR(-EINVAL);
	}
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, attr, "no such device");
		return ERR_PTR(-ENODEV);
	}
	return dev;
}

int tip_nl_link_attach(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	enum tinyip_link_mode mode = TINYIP_LINK_MODE_SHARED;
	struct net_device *dev;
	int ret;

	if (info->attrs[TINYIP_A_LINK_MODE])
		mode = nla_get_u8(info->attrs[TINYIP_A_LINK_MODE]);
	rtnl_lock();
	dev = tip_nl_get_dev(net, info);
	if (IS_ERR(dev))
		ret = PTR_ERR(dev);
	else
		ret = tip_if_attach(tip_net(net), dev, mode, info->extack);
	rtnl_unlock();
	return ret;
}

int tip_nl_link_detach(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_net(genl_info_net(info));
	struct tip_if *ifp;
	int ret;

	rtnl_lock();
	ifp = tip_nl_get_if(tn, info);
	if (!ifp) {
		ret = -ENODEV;
	} else if (!ifp->dev) {
		NL_SET_ERR_MSG(info->extack,
			       "the loopback link cannot be detached");
		ret = -EOPNOTSUPP;
	} else {
		ret = tip_if_detach(tn, ifp);
	}
	rtnl_unlock();
	return ret;
}

static int tip_nl_put_drops(struct sk_buff *skb, const u64 *drops)
{
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, TINYIP_A_LINK_DROPS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < __TINYIP_DROP_MAX; i++)
		if (nla_put_u64_64bit(skb, i + 1, READ_ONCE(drops[i]),
				      TINYIP_LINK_DROPS_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static u64 tip_nl_sum(const u64 *v)
{
	u64 sum = 0;
	int i;

	for (i = 0; i < __TINYIP_DROP_MAX; i++)
		sum += READ_ONCE(v[i]);
	return sum;
}

static int tip_nl_put_stats(struct sk_buff *skb, const struct tip_if_stats *s)
{
	const u64 vals[] = {
		[TINYIP_LINK_STAT_RX_PACKETS] = READ_ONCE(s->rx_packets),
		[TINYIP_LINK_STAT_RX_BYTES] = READ_ONCE(s->rx_bytes),
		[TINYIP_LINK_STAT_TX_PACKETS] = READ_ONCE(s->tx_packets),
		[TINYIP_LINK_STAT_TX_BYTES] = READ_ONCE(s->tx_bytes),
		[TINYIP_LINK_STAT_RX_DROPS] = tip_nl_sum(s->rx_drops),
		[TINYIP_LINK_STAT_TX_DROPS] = tip_nl_sum(s->tx_drops),
	};
	struct nlattr *nest;
	int i;

	nest = nla_nest_start(skb, TINYIP_A_LINK_STATS);
	if (!nest)
		return -EMSGSIZE;
	for (i = TINYIP_LINK_STAT_RX_PACKETS; i <= TINYIP_LINK_STAT_MAX; i++)
		if (nla_put_u64_64bit(skb, i, vals[i], TINYIP_LINK_STAT_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int tip_nl_fill_link(struct sk_buff *skb, const struct tip_if *ifp)
{
	u32 flags = READ_ONCE(ifp->up) ? TINYIP_LINK_F_UP : 0;
	u32 ra_ivl = 0, ra_lft = 0;

	/* The IPv6 state goes with the link under the lock, not RCU. */
	spin_lock_bh(&ifp->tn->lock);
	if (ifp->in6 && ifp->in6->ra_send) {
		flags |= TINYIP_LINK_F_RA;
		ra_ivl = ifp->in6->ra_interval;
		ra_lft = ifp->in6->ra_lifetime;
	}
	spin_unlock_bh(&ifp->tn->lock);
	if ((flags & TINYIP_LINK_F_RA) &&
	    (nla_put_u32(skb, TINYIP_A_RA_INTERVAL, ra_ivl) ||
	     nla_put_u32(skb, TINYIP_A_RA_LIFETIME, ra_lft)))
		return -EMSGSIZE;

	if (ifp->dev && (nla_put_u32(skb, TINYIP_A_IFINDEX, ifp->ifindex) ||
			 nla_put(skb, TINYIP_A_HWADDR, ETH_ALEN, ifp->hwaddr)))
		return -EMSGSIZE;
	if (nla_put_string(skb, TINYIP_A_IFNAME, ifp->name) ||
	    nla_put_u8(skb, TINYIP_A_LINK_MODE, ifp->mode) ||
	    nla_put_u32(skb, TINYIP_A_LINK_FLAGS, flags) ||
	    nla_put_u32(skb, TINYIP_A_MTU, READ_ONCE(ifp->mtu)) ||
	    tip_nl_put_stats(skb, &ifp->stats) ||
	    tip_nl_put_drops(skb, ifp->stats.rx_drops) ||
	    tip_nl_put_drops(skb, ifp->stats.tx_drops))
		return -EMSGSIZE;
	return 0;
}

/* cb->args[0]: links already sent. */
int tip_nl_link_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tip_net *tn = tip_net(sock_net(skb->sk));
	long idx = 0, start = cb->args[0];
	struct tip_if *ifp;
	void *hdr;

	rcu_read_lock();
	list_for_each_entry_rcu(ifp, &tn->ifs, list) {
		if (ifp->dying)
			continue;
		if (idx++ < start)
			continue;
		hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_LINK_GET);
		if (!hdr) {
			idx--;
			break;
		}
		if (tip_nl_fill_link(skb, ifp)) {
			genlmsg_cancel(skb, hdr);
			idx--;
			break;
		}
		genlmsg_end(skb, hdr);
	}
	rcu_read_unlock();
	cb->args[0] = idx;
	return skb->len;
}

static int tip_nl_fill_neigh(struct sk_buff *skb, const struct tip_if *ifp,
			     const struct tip_neigh *n)
{
	bool v4 = ipv6_addr_v4mapped(&n->addr);
	u8 state = n->fsm.state;

	if (nla_put_u32(skb, TINYIP_A_IFINDEX, ifp->ifindex) ||
	    nla_put_string(skb, TINYIP_A_IFNAME, ifp->name) ||
	    (v4 && nla_put_in_addr(skb, TINYIP_A_ADDR, n->addr.s6_addr32[3])) ||
	    (!v4 && nla_put_in6_addr(skb, TINYIP_A_ADDR, &n->addr)) ||
	    nla_put_u8(skb, TINYIP_A_NEIGH_STATE, state) ||
	    (n->router && nla_put_u32(skb, TINYIP_A_NEIGH_FLAGS,
				      TINYIP_NEIGH_F_ROUTER)))
		return -EMSGSIZE;
	if (state != TINYIP_NEIGH_INCOMPLETE && state != TINYIP_NEIGH_FAILED &&
	    nla_put(skb, TINYIP_A_HWADDR, ETH_ALEN, n->mac))
		return -EMSGSIZE;
	return 0;
}

/* Sends entries of @ifp from the @start-th on; returns how many were sent
 * or -EMSGSIZE (with *@sent updated) when the message is full.
 */
static int tip_nl_neigh_dump_if(struct sk_buff *skb,
				struct netlink_callback *cb,
				const struct tip_if *ifp, long start,
				long *sent)
{
	const struct tip_neigh_tbl *tbl = ifp->neigh;
	const struct tip_neigh *n;
	long idx = 0;
	unsigned int i;
	void *hdr;

	for (i = 0; i < ARRAY_SIZE(tbl->hash); i++)
		hlist_for_each_entry(n, &tbl->hash[i], node) {
			if (idx++ < start)
				continue;
			hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_NEIGH_GET);
			if (!hdr)
				goto full;
			if (tip_nl_fill_neigh(skb, ifp, n)) {
				genlmsg_cancel(skb, hdr);
				goto full;
			}
			genlmsg_end(skb, hdr);
		}
	*sent = idx;
	return 0;
full:
	*sent = idx - 1;
	return -EMSGSIZE;
}

/* cb->args[0]: links done; cb->args[1]: entries sent of the next link. */
int tip_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tip_net *tn = tip_net(sock_net(skb->sk));
	long link = 0, sent;
	struct tip_if *ifp;

	spin_lock_bh(&tn->lock);
	list_for_each_entry(ifp, &tn->ifs, list) {
		if (!ifp->neigh || ifp->dying)
			continue;
		if (link++ < cb->args[0])
			continue;
		if (tip_nl_neigh_dump_if(skb, cb, ifp, cb->args[1], &sent)) {
			cb->args[1] = sent;
			break;
		}
		cb->args[0]++;
		cb->args[1] = 0;
	}
	spin_unlock_bh(&tn->lock);
	return skb->len;
}

int tip_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_net(genl_info_net(info));
	struct tip_if *ifp = NULL;
	int ret = 0;

	rtnl_lock();
	if (info->attrs[TINYIP_A_IFINDEX] || info->attrs[TINYIP_A_IFNAME]) {
		ifp = tip_nl_get_if(tn, info);
		if (!ifp)
			ret = -ENODEV;
	}
	if (!ret)
		tip_neigh_flush(tn, ifp);
	rtnl_unlock();
	return ret;
}
