// SPDX-License-Identifier: GPL-2.0
/*
 * Notifications of links (attached, detached, up, down), IPv4 addresses
 * (added, removed) and IPv6 default routers (learnt from an RA, gone:
 * RFC 4861 6.3.4 lifetime 0 or 6.3.5 expiry) on the "link", "addr" and
 * "router" groups of the family. They are sent from wherever the change
 * happens, with tn->lock held or not, so they never sleep; the netns of
 * the instance is the only one that hears them.
 */
#include <net/genetlink.h>

#include <tinyip/netif.h>
#include <tinyip/netlink.h>
#include <tinyip/nl_event.h>
#include <tinyip/tinyip.h>

void tip_nl_link_event(struct tip_if *ifp, enum tinyip_event event)
{
	const struct tip_nl_ev ev = { .tn = ifp->tn, .ifp = ifp,
				      .event = event };

	ASSERT_RTNL();
	tip_nl_event_send(ifp->tn, TIP_MCGRP_LINK, TINYIP_CMD_LINK_NTF,
			  tip_nl_fill_link_event, &ev);
}

static int tip_nl_addr4_ev_fill(struct sk_buff *skb, const void *arg)
{
	const struct tip_nl_ev *ev = arg;

	return tip_nl_fill_addr4(skb, ev->tn, ev->ifp, ev->obj);
}

void tip_nl_addr4_event(struct tip_net *tn, const struct tip_if *ifp,
			const struct tip_ifaddr4 *a, bool gone)
{
	const struct tip_nl_ev ev = { .tn = tn, .ifp = ifp, .obj = a };

	/* The loopback link's 127.0.0.1 comes and goes with the instance. */
	if (ifp == tn->lo)
		return;
	tip_nl_event_send(tn, TIP_MCGRP_ADDR,
			  gone ? TINYIP_CMD_ADDR_DEL_NTF : TINYIP_CMD_ADDR_NTF,
			  tip_nl_addr4_ev_fill, &ev);
}

void tip_nl_router_event(struct tip_net *tn, const struct tip_if *ifp,
			 const struct in6_addr *router, u32 lifetime,
			 bool gone)
{
	const struct tip_nl_ev ev = {
		.tn = tn, .ifp = ifp, .obj = router,
		.lifetime = gone ? 0 : lifetime,
		.event = gone ? TINYIP_EVENT_ROUTER_DELETED :
				TINYIP_EVENT_ROUTER_ADDED,
	};

	tip_nl_event_send(tn, TIP_MCGRP_ROUTER, TINYIP_CMD_ROUTER_NTF,
			  tip_nl_fill_router_event, &ev);
}
