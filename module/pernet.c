// SPDX-License-Identifier: GPL-2.0
/*
 * One tinyip instance per network namespace, created and destroyed with
 * the namespace through pernet_operations. Registered as a device
 * subsystem so that, once links attach, a dying netns has its devices
 * unregistered before the instance that refers to them goes away.
 */
#include <linux/atomic.h>
#include <net/net_namespace.h>

#include <tinyip/tinyip.h>

unsigned int tip_net_id __read_mostly;
static atomic_t tip_instances = ATOMIC_INIT(0);

static int __net_init tip_net_init(struct net *net)
{
	struct tip_net *tn = tip_net(net);

	tn->net = net;
	tn->instance = atomic_inc_return(&tip_instances);
	tip_mem_init(&tn->mem);
	tip_mem_charge_force(&tn->mem, sizeof(*tn));
	return 0;
}

static void __net_exit tip_net_exit(struct net *net)
{
	struct tip_net *tn = tip_net(net);

	tip_mem_uncharge(&tn->mem, sizeof(*tn));
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
