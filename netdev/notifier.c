// SPDX-License-Identifier: GPL-2.0
/*
 * The netdevice notifier: keeps each attached link in step with its
 * device (up and carrier, MTU, MAC, name) and detaches it when the device
 * goes away or leaves the namespace. Devices tinyip did not attach are
 * ignored.
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include <tinyip/link.h>
#include <tinyip/tinyip.h>

static int tip_netdev_event(struct notifier_block *nb, unsigned long event,
			    void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct tip_net *tn;
	struct tip_if *ifp;

	ifp = tip_if_by_dev(dev);
	if (!ifp || ifp->dying)
		return NOTIFY_DONE;
	tn = ifp->tn;

	switch (event) {
	case NETDEV_UP:
	case NETDEV_CHANGE:
		tip_if_set_up(ifp,
			      netif_running(dev) && netif_carrier_ok(dev));
		break;
	case NETDEV_DOWN:
		tip_if_set_up(ifp, false);
		break;
	case NETDEV_CHANGEMTU:
		spin_lock_bh(&tn->lock);
		WRITE_ONCE(ifp->mtu, dev->mtu);
		spin_unlock_bh(&tn->lock);
		break;
	case NETDEV_CHANGEADDR:
		/* Shared mode keeps its own MAC; exclusive is the device's. */
		if (ifp->mode != TINYIP_LINK_MODE_EXCLUSIVE)
			break;
		spin_lock_bh(&tn->lock);
		ether_addr_copy(ifp->hwaddr, dev->dev_addr);
		spin_unlock_bh(&tn->lock);
		break;
	case NETDEV_CHANGENAME:
		spin_lock_bh(&tn->lock);
		strscpy(ifp->name, dev->name, sizeof(ifp->name));
		spin_unlock_bh(&tn->lock);
		break;
	case NETDEV_UNREGISTER:
		tip_if_detach(tn, ifp);
		break;
	}
	return NOTIFY_DONE;
}

static struct notifier_block tip_netdev_nb = {
	.notifier_call = tip_netdev_event,
};

int tip_notifier_init(void)
{
	return register_netdevice_notifier(&tip_netdev_nb);
}

void tip_notifier_exit(void)
{
	unregister_netdevice_notifier(&tip_netdev_nb);
}
