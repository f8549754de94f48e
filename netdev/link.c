// SPDX-License-Identifier: GPL-2.0
/*
 * Links: attaching tinyip to an Ethernet device, in shared mode (its own
 * MAC added to the device, as macvlan does, and packet_type handlers
 * next to the native stack) or exclusive mode (the device's rx_handler),
 * detaching it again safely while traffic flows, and each instance's
 * loopback link. The list of links is written under RTNL and tn->lock,
 * so either one (or RCU) is enough to read it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/net_namespace.h>

#include <tinyip/fault.h>
#include <tinyip/link.h>
#include <tinyip/neigh.h>
#include <tinyip/nl_event.h>
#include <tinyip/tinyip.h>

/* Readers of tn->ifs hold one of the writers' locks, or RCU. */
static bool __maybe_unused tip_ifs_held(struct tip_net *tn)
{
	return lockdep_is_held(&tn->lock) || lockdep_rtnl_is_held();
}

struct tip_if *tip_if_by_index(struct tip_net *tn, int ifindex)
{
	struct tip_if *ifp;

	if (ifindex <= 0)
		return NULL;
	list_for_each_entry_rcu(ifp, &tn->ifs, list, tip_ifs_held(tn))
		if (ifp->ifindex == ifindex && !ifp->dying)
			return ifp;
	return NULL;
}

struct tip_if *tip_if_by_name(struct tip_net *tn, const char *name)
{
	struct tip_if *ifp;

	list_for_each_entry_rcu(ifp, &tn->ifs, list, tip_ifs_held(tn))
		if (!strcmp(ifp->name, name) && !ifp->dying)
			return ifp;
	return NULL;
}

/* Only links tinyip attached: the device's own instance is searched. */
struct tip_if *tip_if_by_dev(const struct net_device *dev)
{
	struct tip_net *tn = tip_net(dev_net(dev));
	struct tip_if *ifp;

	/* A new netns registers its devices before tinyip's init runs. */
	if (!tn || !READ_ONCE(tn->ifs.next))
		return NULL;
	list_for_each_entry_rcu(ifp, &tn->ifs, list, tip_ifs_held(tn))
		if (ifp->dev == dev)
			return ifp;
	return NULL;
}

static const struct tip_link_upper *tip_upper_get(void)
{
	return READ_ONCE(tip_upper);
}

static const struct tip_link_upper6 *tip_upper6_get(void)
{
	return READ_ONCE(tip_upper6);
}

/* RTNL held. Tells the IPv4 layer; the neighbours do not survive a down. */
void tip_if_set_up(struct tip_if *ifp, bool up)
{
	const struct tip_link_upper6 *upper6 = tip_upper6_get();
	const struct tip_link_upper *upper = tip_upper_get();
	struct tip_net *tn = ifp->tn;

	ASSERT_RTNL();
	spin_lock_bh(&tn->lock);
	if (ifp->up == up || ifp->dying) {
		spin_unlock_bh(&tn->lock);
		return;
	}
	WRITE_ONCE(ifp->up, up);
	if (!up)
		tip_neigh_tbl_flush(ifp);
	spin_unlock_bh(&tn->lock);

	if (upper) {
		if (up)
			upper->if_up(tn, ifp);
		else
			upper->if_down(tn, ifp, false);
	}
	if (upper6) {
		if (up)
			upper6->if_up(tn, ifp);
		else
			upper6->if_down(tn, ifp, false);
	}
	tip_nl_link_event(ifp, up ? TINYIP_EVENT_LINK_UP :
				    TINYIP_EVENT_LINK_DOWN);
}

static int tip_if_hook(struct tip_if *ifp, struct netlink_ext_ack *extack)
{
	struct tip_link *l = tip_link(ifp);
	struct net_device *dev = ifp->dev;
	int ret;

	if (ifp->mode == TINYIP_LINK_MODE_EXCLUSIVE) {
		ret = netdev_rx_handler_register(dev, tip_rx_handler, ifp);
		if (ret)
			NL_SET_ERR_MSG(extack,
				       "device already has an rx_handler (bridge port, bond slave, macvlan lower...)");
		return ret;
	}
	ret = dev_uc_add(dev, ifp->hwaddr);
	if (ret) {
		NL_SET_ERR_MSG(extack, "cannot add tinyip's MAC to the device");
		return ret;
	}
	l->pt_ip.type = htons(ETH_P_IP);
	l->pt_ip6.type = htons(ETH_P_IPV6);
	l->pt_arp.type = htons(ETH_P_ARP);
	l->pt_ip.dev = dev;
	l->pt_ip6.dev = dev;
	l->pt_arp.dev = dev;
	l->pt_ip.func = tip_pt_rcv;
	l->pt_ip6.func = tip_pt_rcv;
	l->pt_arp.func = tip_pt_rcv;
	l->pt_ip.af_packet_priv = ifp;
	l->pt_ip6.af_packet_priv = ifp;
	l->pt_arp.af_packet_priv = ifp;
	l->pt_tap.type = htons(ETH_P_ALL);
	l->pt_tap.dev = dev;
	l->pt_tap.func = tip_pt_tap;
	l->pt_tap.ignore_outgoing = true;
	dev_add_pack(&l->pt_tap);
	dev_add_pack(&l->pt_ip);
	dev_add_pack(&l->pt_ip6);
	dev_add_pack(&l->pt_arp);
	return 0;
}

/* Afterwards no receive handler runs or will run for this link. */
static void tip_if_unhook(struct tip_if *ifp)
{
	struct tip_link *l = tip_link(ifp);

	if (ifp->mode == TINYIP_LINK_MODE_EXCLUSIVE) {
		netdev_rx_handler_unregister(ifp->dev);
		return;
	}
	__dev_remove_pack(&l->pt_ip);
	__dev_remove_pack(&l->pt_ip6);
	__dev_remove_pack(&l->pt_arp);
	__dev_remove_pack(&l->pt_tap);
	synchronize_net();
	dev_uc_del(ifp->dev, ifp->hwaddr);
}

int tip_if_attach(struct tip_net *tn, struct net_device *dev,
		  enum tinyip_link_mode mode, struct netlink_ext_ack *extack)
{
	const struct tip_link_upper6 *upper6;
	struct tip_link *l;
	struct tip_if *ifp;
	int ret;

	ASSERT_RTNL();
	if (dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG(extack, "loopback devices cannot be attached");
		return -EOPNOTSUPP;
	}
	if (dev->type != ARPHRD_ETHER || dev->addr_len != ETH_ALEN) {
		NL_SET_ERR_MSG(extack, "only Ethernet devices can be attached");
		return -EOPNOTSUPP;
	}
	if (mode != TINYIP_LINK_MODE_SHARED &&
	    mode != TINYIP_LINK_MODE_EXCLUSIVE) {
		NL_SET_ERR_MSG(extack, "invalid link mode");
		return -EINVAL;
	}
	if (tip_if_by_dev(dev)) {
		NL_SET_ERR_MSG(extack, "device is already attached to tinyip");
		return -EEXIST;
	}
	if (mode == TINYIP_LINK_MODE_EXCLUSIVE &&
	    netdev_is_rx_handler_busy(dev)) {
		NL_SET_ERR_MSG(extack,
			       "device already has an rx_handler (bridge port, bond slave, macvlan lower...)");
		return -EBUSY;
	}

	if (tip_mem_charge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*l))) {
		NL_SET_ERR_MSG(extack, "tinyip memory budget exhausted");
		return -ENOBUFS;
	}
	l = tip_kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l) {
		ret = -ENOMEM;
		goto err_uncharge;
	}
	ifp = &l->ifp;
	ifp->tn = tn;
	ifp->dev = dev;
	ifp->mode = mode;
	ifp->ifindex = dev->ifindex;
	strscpy(ifp->name, dev->name, sizeof(ifp->name));
	ifp->mtu = dev->mtu;
	ifp->up = netif_running(dev) && netif_carrier_ok(dev);
	INIT_LIST_HEAD(&ifp->addr4);
	INIT_LIST_HEAD(&ifp->mc4);
	INIT_LIST_HEAD(&ifp->addr6);
	INIT_LIST_HEAD(&ifp->mc6);
	if (mode == TINYIP_LINK_MODE_SHARED)
		eth_random_addr(ifp->hwaddr);
	else
		ether_addr_copy(ifp->hwaddr, dev->dev_addr);

	ret = tip_neigh_tbl_create(ifp);
	if (ret)
		goto err_free;
	netdev_hold(dev, &ifp->dev_tracker, GFP_KERNEL);

	spin_lock_bh(&tn->lock);
	list_add_tail_rcu(&ifp->list, &tn->ifs);
	spin_unlock_bh(&tn->lock);

	ret = tip_if_hook(ifp, extack);
	if (ret)
		goto err_unlist;
	/* Before the link-local address, whose event names the link. */
	tip_nl_link_event(ifp, TINYIP_EVENT_LINK_ATTACHED);
	upper6 = tip_upper6_get();
	if (upper6) {
		ret = upper6->if_attach(tn, ifp);
		if (ret) {
			NL_SET_ERR_MSG(extack, "no memory for the link's IPv6 state");
			tip_if_unhook(ifp);
			tip_nl_link_event(ifp, TINYIP_EVENT_LINK_DETACHED);
			goto err_unlist;
		}
	}
	return 0;

err_unlist:
	spin_lock_bh(&tn->lock);
	list_del_rcu(&ifp->list);
	ifp->dying = true;
	spin_unlock_bh(&tn->lock);
	tip_neigh_tbl_destroy(ifp);
	netdev_put(dev, &ifp->dev_tracker);
	kfree_rcu(l, ifp.rcu);
	goto err_uncharge;
err_free:
	kfree(l);
err_uncharge:
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*l));
	return ret;
}

/*
 * Receive stops first and in-flight handlers drain (synchronize_net), so
 * once dying is set only tn->lock holders can still see the link, and
 * they check it. RCU readers may see it until kfree_rcu.
 */
int tip_if_detach(struct tip_net *tn, struct tip_if *ifp)
{
	const struct tip_link_upper6 *upper6 = tip_upper6_get();
	const struct tip_link_upper *upper = tip_upper_get();
	struct tip_link *l = tip_link(ifp);
	struct net_device *dev = ifp->dev;

	ASSERT_RTNL();
	if (!dev)
		return -EINVAL;
	tip_if_unhook(ifp);

	spin_lock_bh(&tn->lock);
	WRITE_ONCE(ifp->dying, true);
	WRITE_ONCE(ifp->up, false);
	spin_unlock_bh(&tn->lock);

	if (upper)
		upper->if_down(tn, ifp, true);
	if (upper6)
		upper6->if_down(tn, ifp, true);
	tip_neigh_tbl_destroy(ifp);

	spin_lock_bh(&tn->lock);
	list_del_rcu(&ifp->list);
	spin_unlock_bh(&tn->lock);

	/* After its addresses' and routers' own notifications. */
	tip_nl_link_event(ifp, TINYIP_EVENT_LINK_DETACHED);
	netdev_put(dev, &ifp->dev_tracker);
	kfree_rcu(l, ifp.rcu);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*l));
	return 0;
}

static void tip_if_detach_all(struct tip_net *tn)
{
	struct tip_if *ifp, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(ifp, tmp, &tn->ifs, list)
		if (ifp->dev)
			tip_if_detach(tn, ifp);
}

int tip_if_mc_add(struct tip_if *ifp, const u8 *mac)
{
	return ifp->dev ? dev_mc_add(ifp->dev, mac) : 0;
}

void tip_if_mc_del(struct tip_if *ifp, const u8 *mac)
{
	if (ifp->dev)
		dev_mc_del(ifp->dev, mac);
}

/* The loopback link: no device, always up, first on the list. */
int tip_netif_net_init(struct tip_net *tn)
{
	struct tip_link *l;
	struct tip_if *ifp;

	l = tip_kzalloc(sizeof(*l), GFP_KERNEL);
	if (!l)
		return -ENOMEM;
	tip_mem_charge_force(&tn->mem, TINYIP_MEM_OTHER, sizeof(*l));
	ifp = &l->ifp;
	ifp->tn = tn;
	ifp->mode = TINYIP_LINK_MODE_LOOPBACK;
	strscpy(ifp->name, "lo", sizeof(ifp->name));
	ifp->mtu = 65536;
	ifp->up = true;
	INIT_LIST_HEAD(&ifp->addr4);
	INIT_LIST_HEAD(&ifp->mc4);
	INIT_LIST_HEAD(&ifp->addr6);
	INIT_LIST_HEAD(&ifp->mc6);
	skb_queue_head_init(&l->lo_queue);
	INIT_WORK(&l->lo_work, tip_lo_work);

	spin_lock_bh(&tn->lock);
	list_add_rcu(&ifp->list, &tn->ifs);
	tn->lo = ifp;
	spin_unlock_bh(&tn->lock);
	return 0;
}

void tip_netif_net_exit(struct tip_net *tn)
{
	const struct tip_link_upper6 *upper6 = tip_upper6_get();
	const struct tip_link_upper *upper = tip_upper_get();
	struct tip_if *lo = tn->lo;
	struct tip_link *l;
	struct sk_buff *skb;

	rtnl_lock();
	tip_if_detach_all(tn);
	if (lo) {
		spin_lock_bh(&tn->lock);
		WRITE_ONCE(lo->dying, true);
		spin_unlock_bh(&tn->lock);
		if (upper)
			upper->if_down(tn, lo, true);
		if (upper6)
			upper6->if_down(tn, lo, true);
	}
	rtnl_unlock();
	if (!lo)
		return;

	l = tip_link(lo);
	cancel_work_sync(&l->lo_work);
	while ((skb = skb_dequeue(&l->lo_queue))) {
		tip_mem_uncharge(&tn->mem, TINYIP_MEM_SNDQ, skb->truesize);
		kfree_skb(skb);
	}
	spin_lock_bh(&tn->lock);
	list_del_rcu(&lo->list);
	tn->lo = NULL;
	spin_unlock_bh(&tn->lock);
	kfree_rcu(l, ifp.rcu);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*l));
}

int tip_netdev_init(void)
{
	return tip_notifier_init();
}

/*
 * Module unload runs the pernet exits only after this, so every link of
 * every namespace goes now, while the notifier still watches devices.
 */
void tip_netdev_exit(void)
{
	struct net *net;

	rtnl_lock();
	for_each_net(net)
		tip_if_detach_all(tip_net(net));
	rtnl_unlock();
	tip_notifier_exit();
}
