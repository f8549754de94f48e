/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-network-namespace instance of tinyip. Everything a netns owns
 * (interfaces, addresses, routes, PCBs, counters) hangs off struct tip_net,
 * so two namespaces never see each other's state.
 */
#ifndef _TINYIP_TINYIP_H
#define _TINYIP_TINYIP_H

#include <linux/types.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <tinyip/mem.h>

struct tip_net {
	struct net *net;
	u32 instance;		/* unique while the module is loaded */
	struct tip_mem mem;
};

extern unsigned int tip_net_id;

static inline struct tip_net *tip_net(const struct net *net)
{
	return net_generic(net, tip_net_id);
}

int tip_pernet_init(void);
void tip_pernet_exit(void);

#endif /* _TINYIP_TINYIP_H */
