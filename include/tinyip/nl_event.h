/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Link, IPv4 address and IPv6 default router notifications (TINYIP_EVENTS,
 * module/nl_event.c): the hooks where those things happen call these.
 * With TINYIP_EVENTS=n they are empty, and only the config and IPv6
 * address notifications of module/netlink.c remain.
 */
#ifndef _TINYIP_NL_EVENT_H
#define _TINYIP_NL_EVENT_H

#include <linux/skbuff.h>
#include <linux/tinyip.h>

struct in6_addr;
struct tip_net;
struct tip_if;
struct tip_ifaddr4;

/* What a link or router notification carries (module/nl_event_msg.c). */
struct tip_nl_ev {
	struct tip_net *tn;
	const struct tip_if *ifp;
	const void *obj;		/* the address, or the router's address */
	u32 lifetime;			/* router lifetime, seconds */
	enum tinyip_event event;
};

int tip_nl_fill_link_event(struct sk_buff *skb, const void *arg);
int tip_nl_fill_router_event(struct sk_buff *skb, const void *arg);

#if IS_ENABLED(CONFIG_TINYIP_EVENTS)
/* RTNL held, tn->lock not: attached, detached, up or down. */
void tip_nl_link_event(struct tip_if *ifp, enum tinyip_event event);
/* Any context, tn->lock held or not. */
void tip_nl_addr4_event(struct tip_net *tn, const struct tip_if *ifp,
			const struct tip_ifaddr4 *a, bool gone);
void tip_nl_router_event(struct tip_net *tn, const struct tip_if *ifp,
			 const struct in6_addr *router, u32 lifetime,
			 bool gone);
#else
static inline void tip_nl_link_event(struct tip_if *ifp,
				     enum tinyip_event event)
{
}

static inline void tip_nl_addr4_event(struct tip_net *tn,
				      const struct tip_if *ifp,
				      const struct tip_ifaddr4 *a, bool gone)
{
}

static inline void tip_nl_router_event(struct tip_net *tn,
				       const struct tip_if *ifp,
				       const struct in6_addr *router,
				       u32 lifetime, bool gone)
{
}
#endif

#endif /* _TINYIP_NL_EVENT_H */
