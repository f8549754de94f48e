// SPDX-License-Identifier: GPL-2.0
/*
 * Netlink side of the DHCPv4 client (RFC 2131): `tinyip dhcp start`,
 * `stop` and `show`, and the lease events on the "dhcp" multicast group
 * (gained, renewed, rebound, lost, ACD conflict of RFC 5227).
 */
#include <linux/rtnetlink.h>
#include <net/genetlink.h>

#include <linux/tinyip.h>
#include <tinyip/netlink.h>
#include <tinyip/tinyip.h>
#include "dhcp4_local.h"

static int tip_nl_put_addrs(struct sk_buff *skb, int type,
			    const __be32 *a, unsigned int n)
{
	return n ? nla_put(skb, type, n * sizeof(*a), a) : 0;
}

/* One client: its link, state and what the lease gave. Mutex held. */
int tip_nl_dhcp_fill(struct sk_buff *skb, struct tip_dhcp4_client *c,
		     u64 now)
{
	const struct tip_dhcp4_fsm *f = &c->fsm;
	const struct tip_dhcp4_lease *l = &f->lease;
	bool leased = f->state >= TINYIP_DHCP_BOUND &&
		      f->state <= TINYIP_DHCP_REBINDING;

	if (nla_put_u32(skb, TINYIP_A_IFINDEX, c->ifp->ifindex) ||
	    nla_put_string(skb, TINYIP_A_IFNAME, c->ifp->name) ||
	    nla_put_u8(skb, TINYIP_A_DHCP_STATE, f->state) ||
	    nla_put_string(skb, TINYIP_A_DHCP_HOSTNAME, c->hostname) ||
	    nla_put_u64_64bit(skb, TINYIP_A_DHCP_CONFLICTS,
			      c->tn->dhcp4.acd_conflicts, TINYIP_A_PAD) ||
	    nla_put_u64_64bit(skb, TINYIP_A_DHCP_RX_BAD, c->tn->dhcp4.rx_bad,
			      TINYIP_A_PAD))
		return -EMSGSIZE;
	if (!leased)
		return 0;
	if (nla_put_in_addr(skb, TINYIP_A_ADDR, l->addr) ||
	    nla_put_u8(skb, TINYIP_A_PREFIXLEN, f->applied_prefixlen) ||
	    nla_put_in_addr(skb, TINYIP_A_DHCP_SERVER, l->server) ||
	    nla_put_u32(skb, TINYIP_A_DHCP_LEASE,
			tip_dhcp4_fsm_left(f, now, l->lease)) ||
	    nla_put_u32(skb, TINYIP_A_DHCP_T1,
			tip_dhcp4_fsm_left(f, now, tip_dhcp4_t1(l))) ||
	    nla_put_u32(skb, TINYIP_A_DHCP_T2,
			tip_dhcp4_fsm_left(f, now, tip_dhcp4_t2(l))) ||
	    (l->router && nla_put_in_addr(skb, TINYIP_A_GATEWAY, l->router)) ||
	    (l->mtu && nla_put_u32(skb, TINYIP_A_MTU, l->mtu)) ||
	    tip_nl_put_addrs(skb, TINYIP_A_DHCP_DNS, l->dns, l->ndns) ||
	    tip_nl_put_addrs(skb, TINYIP_A_DHCP_NTP, l->ntp, l->nntp) ||
	    (l->domain[0] &&
	     nla_put_string(skb, TINYIP_A_DHCP_DOMAIN, l->domain)))
		return -EMSGSIZE;
	return 0;
}

struct tip_nl_dhcp_ev {
	struct tip_dhcp4_client *c;
	u64 now;
};

static int tip_nl_dhcp_ev_fill(struct sk_buff *skb, const void *arg)
{
	const struct tip_nl_dhcp_ev *ev = arg;
	struct tip_dhcp4_client *c = ev->c;

	if (nla_put_u8(skb, TINYIP_A_DHCP_EVENT, c->fsm.event) ||
	    (c->fsm.event == TINYIP_DHCP_EV_CONFLICT &&
	     nla_put_in_addr(skb, TINYIP_A_DHCP_SERVER, c->fsm.offer.server)))
		return -EMSGSIZE;
	if (c->fsm.event == TINYIP_DHCP_EV_CONFLICT) {
		/* The address in conflict, whatever state we are in now. */
		if (nla_put_u32(skb, TINYIP_A_IFINDEX, c->ifp->ifindex) ||
		    nla_put_string(skb, TINYIP_A_IFNAME, c->ifp->name) ||
		    nla_put_u8(skb, TINYIP_A_DHCP_STATE, c->fsm.state) ||
		    nla_put_in_addr(skb, TINYIP_A_ADDR, c->watch ?:
				    c->fsm.offer.addr))
			return -EMSGSIZE;
		return 0;
	}
	return tip_nl_dhcp_fill(skb, c, ev->now);
}

/* tn->dhcp4.lock held. */
void tip_nl_dhcp_event(struct tip_dhcp4_client *c)
{
	struct tip_nl_dhcp_ev ev = { .c = c, .now = tip_dhcp4_now() };

	tip_nl_event_send(c->tn, TIP_MCGRP_DHCP, TINYIP_CMD_DHCP_NTF,
			  tip_nl_dhcp_ev_fill, &ev);
}

static struct tip_if *tip_nl_dhcp_if(struct tip_net *tn,
				     struct genl_info *info)
{
	struct tip_if *ifp = tip_nl_get_if(tn, info);

	if (ifp && !ifp->dev) {
		NL_SET_ERR_MSG(info->extack,
			       "DHCP does not run on the loopback link");
		return ERR_PTR(-EOPNOTSUPP);
	}
	return ifp ?: ERR_PTR(-ENODEV);
}

int tip_nl_dhcp_start(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_net(genl_info_net(info));
	struct nlattr *host = info->attrs[TINYIP_A_DHCP_HOSTNAME];
	struct tip_if *ifp;
	int ret;

	rtnl_lock();
	ifp = tip_nl_dhcp_if(tn, info);
	ret = IS_ERR(ifp) ? PTR_ERR(ifp) :
	      tip_dhcp4_start(tn, ifp, host ? nla_data(host) : NULL,
			      info->extack);
	rtnl_unlock();
	return ret;
}

int tip_nl_dhcp_stop(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_net(genl_info_net(info));
	struct tip_if *ifp;
	int ret;

	rtnl_lock();
	ifp = tip_nl_dhcp_if(tn, info);
	ret = IS_ERR(ifp) ? PTR_ERR(ifp) :
	      tip_dhcp4_stop(tn, ifp, info->extack);
	rtnl_unlock();
	return ret;
}

/* One message per client that runs or remembers a lease; cb->args[0]: next. */
int tip_nl_dhcp_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tip_net *tn = tip_net(sock_net(skb->sk));
	struct tip_dhcp4_client *c;
	u64 now = tip_dhcp4_now();
	long i = 0;
	void *hdr;

	mutex_lock(&tn->dhcp4.lock);
	list_for_each_entry(c, &tn->dhcp4.clients, list) {
		if (i++ < cb->args[0])
			continue;
		hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_DHCP_GET);
		if (!hdr)
			break;
		if (tip_nl_dhcp_fill(skb, c, now)) {
			genlmsg_cancel(skb, hdr);
			break;
		}
		genlmsg_end(skb, hdr);
		cb->args[0] = i;
	}
	mutex_unlock(&tn->dhcp4.lock);
	return skb->len;
}
