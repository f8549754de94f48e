/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The per-network-namespace instance of tinyip. Everything a netns owns
 * (interfaces, addresses, routes, PCBs, counters) hangs off struct tip_net,
 * so two namespaces never see each other's state.
 */
#ifndef _TINYIP_TINYIP_H
#define _TINYIP_TINYIP_H

#include <linux/list.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#include <tinyip/dhcp4.h>
#include <tinyip/dns.h>
#include <tinyip/ip4.h>
#include <tinyip/ip6.h>
#include <tinyip/mem.h>
#include <tinyip/raw.h>
#include <tinyip/tcp.h>
#include <tinyip/udp.h>

struct tip_if;

/*
 * One lock per instance (BH-safe), taken by the receive path, timers and
 * socket calls; sleeping socket calls wait outside it. Simple and correct
 * first: the per-instance split keeps namespaces from contending.
 */
struct tip_net {
	struct net *net;
	u32 instance;		/* unique while the module is loaded */
	struct tip_mem mem;
	spinlock_t lock;	/* see above: the one instance lock */

	struct list_head ifs;	/* struct tip_if, RCU for readers */
	struct tip_if *lo;	/* the instance's loopback link */

	struct tip_ip4_net ip4;
	struct tip_ip6_net ip6;
	struct tip_udp_net udp;
	struct tip_raw_net raw;
	struct tip_tcp_net tcp;

	/* Notifications lost to memory or a full listener (nl_event.c). */
	atomic_long_t nl_events_dropped;
	struct tip_dhcp4_net dhcp4;	/* module/dhcp4.c's clients */
#ifdef CONFIG_TINYIP_DNS
	struct tip_dns_net dns;
#endif
};

extern unsigned int tip_net_id;

static inline struct tip_net *tip_net(const struct net *net)
{
	return net_generic(net, tip_net_id);
}

int tip_pernet_init(void);
void tip_pernet_exit(void);

#endif /* _TINYIP_TINYIP_H */
