// SPDX-License-Identifier: GPL-2.0
/*
 * One tinyip instance per network namespace, created and destroyed with
 * the namespace through pernet_operations. Registered as a device
 * subsystem so that, once links attach, a dying netns has its devices
 * unregistered before the instance that refers to them goes away.
 */
#include <linux/atomic.h>
#include <net/net_namespace.h>

#include <tinyip/netif.h>
#include <tinyip/dhcp4.h>
#include <tinyip/tinyip.h>

unsigned int tip_net_id __read_mostly;
static atomic_t tip_instances = ATOMIC_INIT(0);

static int __net_init tip_net_init(struct net *net)
{
	struct tip_net *tn = tip_net(net);

	int ret;

	tn->net = net;
	tn->instance = atomic_inc_return(&tip_instances);
	spin_lock_init(&tn->lock);
	INIT_LIST_HEAD(&tn->ifs);
	tip_mem_init(&tn->mem);
	tip_mem_charge_force(&tn->mem, TINYIP_MEM_OTHER, sizeof(*tn));
	tip_dhcp4_net_init(tn);

	ret = tip_netif_net_init(tn);
	if (ret)
		goto err_netif;
	ret = tip_ip4_net_init(tn);
	if (ret)
		goto err_ip4;
	ret = tip_ip6_net_init(tn);
	if (ret)
		goto err_ip6;
	ret = tip_udp_net_init(tn);
	if (ret)
		goto err_udp;
	ret = tip_raw_net_init(tn);
	if (ret)
		goto err_raw;
	ret = tip_tcp_net_init(tn);
	if (ret)
		goto err_tcp;
	ret = tip_dns_net_init(tn);
	if (ret)
		goto err_dns;
	return 0;

err_dns:
	tip_tcp_net_exit(tn);
err_tcp:
	tip_raw_net_exit(tn);
err_raw:
	tip_udp_net_exit(tn);
err_udp:
	tip_ip6_net_exit(tn);
err_ip6:
	tip_ip4_net_exit(tn);
err_ip4:
	tip_netif_net_exit(tn);
err_netif:
	tip_dhcp4_net_exit(tn);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*tn));
	return ret;
}

/*
 * Links go first: once no device can deliver into the instance, the
 * transports and IPv4 can free their state without racing the receive
 * path.
 */
static void __net_exit tip_net_exit(struct net *net)
{
	struct tip_net *tn = tip_net(net);

	tip_netif_net_exit(tn);
	tip_dhcp4_net_exit(tn);
	/* DNS lookups use UDP and TCP endpoints: they end first. */
	tip_dns_net_exit(tn);
	tip_tcp_net_exit(tn);
	tip_raw_net_exit(tn);
	tip_udp_net_exit(tn);
	tip_ip6_net_exit(tn);
	tip_ip4_net_exit(tn);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_OTHER, sizeof(*tn));
	/* Anything still charged now was leaked by a protocol. */
	WARN_ON_ONCE(tip_mem_used(&tn->mem));
}

static struct pernet_operations tip_net_ops = {
	.init = tip_net_init,
	.exit = tip_net_exit,
	.id = &tip_net_id,
	.size = sizeof(struct tip_net),
};

int tip_pernet_init(void)
{
	return register_pernet_device(&tip_net_ops);
}

void tip_pernet_exit(void)
{
	unregister_pernet_device(&tip_net_ops);
}
