// SPDX-License-Identifier: GPL-2.0
/*
 * Neighbor Discovery (RFC 4861) on top of the shared neighbour cache:
 * answering solicitations for our addresses, learning from
 * advertisements, soliciting for the cache (7.2.2) and for duplicate
 * address detection (RFC 4862 5.4, with an RFC 7527 nonce), router
 * solicitation, and router advertisement processing (6.3.4): hop limit,
 * timers, MTU, the default router list, on-link prefixes and SLAAC
 * prefixes (RFC 4862 5.5.3). Redirects (8) are accepted only from the
 * router currently used for the destination. Every message is checked by
 * tip_nd_parse() first.
 */
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include <tinyip/fault.h>
#include <tinyip/ip6.h>
#include <tinyip/nd6_wire.h>
#include <tinyip/tinyip.h>

#define TIP_ND_MAXLEN	(sizeof(struct icmp6hdr) + 16 + 8 + 8)
#define TIP_RT6_METRIC_RA	1024	/* Linux's for RA default routes */

static struct sk_buff *tip_nd6_alloc(unsigned int len)
{
	struct sk_buff *skb = tip_alloc_skb(TIP_HEADROOM + len, GFP_ATOMIC);

	if (skb)
		skb_reserve(skb, TIP_HEADROOM);
	return skb;
}

/* Sends the ND or MLD message in @skb with hop limit 255 (or 1 for MLD). */
static void tip_nd6_xmit(struct tip_if *ifp, struct sk_buff *skb,
			 const struct in6_addr *saddr,
			 const struct in6_addr *daddr)
{
	struct icmp6hdr *ih = (struct icmp6hdr *)skb->data;

	ih->icmp6_cksum = tip_icmp6_csum(saddr, daddr, skb->data, skb->len);
	tip_ip6_output_link(ifp, skb, IPPROTO_ICMPV6, saddr, daddr, 255,
			    false);
}

/* 7.2.2: for the cache, from one of our usable addresses on the link. */
void tip_nd6_solicit(struct tip_if *ifp, const struct in6_addr *target,
		     const u8 *ucast_mac)
{
	struct in6_addr src, dst;
	struct sk_buff *skb;

	if (!ifp->in6 || !tip_ip6_src_pick(ifp, target, &src))
		return;
	skb = tip_nd6_alloc(TIP_ND_MAXLEN);
	if (!skb)
		return;
	skb_put(skb, tip_nd_build_ns(skb->data, target, ifp->hwaddr, NULL));
	if (ucast_mac)
		dst = *target;
	else
		addrconf_addr_solict_mult(target, &dst);
	tip_nd6_xmit(ifp, skb, &src, &dst);
}

/* RFC 4862 5.4.2: from ::, to the solicited-node group, with a nonce. */
void tip_nd6_dad_probe(struct tip_if *ifp, struct tip_ifaddr6 *a)
{
	struct in6_addr dst;
	struct sk_buff *skb;

	skb = tip_nd6_alloc(TIP_ND_MAXLEN);
	if (!skb)
		return;
	skb_put(skb, tip_nd_build_ns(skb->data, &a->addr, NULL, a->nonce));
	addrconf_addr_solict_mult(&a->addr, &dst);
	tip_nd6_xmit(ifp, skb, &in6addr_any, &dst);
}

/* 6.3.7: from the link-local address once it is usable, else from ::. */
void tip_nd6_send_rs(struct tip_if *ifp)
{
	struct in6_addr dst = { .s6_addr32 = { htonl(0xff020000), 0, 0,
					       htonl(2) } };
	struct in6_addr src;
	struct sk_buff *skb;
	bool have = tip_ip6_src_pick(ifp, &dst, &src) &&
		    ipv6_addr_type(&src) & IPV6_ADDR_LINKLOCAL;

	skb = tip_nd6_alloc(TIP_ND_MAXLEN);
	if (!skb)
		return;
	skb_put(skb, tip_nd_build_rs(skb->data, have ? ifp->hwaddr : NULL));
	tip_nd6_xmit(ifp, skb, have ? &src : &in6addr_any, &dst);
}

void tip_nd6_send_na(struct tip_if *ifp, const struct in6_addr *daddr,
		     const struct in6_addr *target, bool solicited)
{
	struct tip_net *tn = ifp->tn;
	struct sk_buff *skb;
	u8 flags = TIP_NA_F_OVERRIDE;

	if (solicited)
		flags |= TIP_NA_F_SOLICITED;
	if (tn->ip6.forwarding)
		flags |= TIP_NA_F_ROUTER;
	skb = tip_nd6_alloc(TIP_ND_MAXLEN);
	if (!skb)
		return;
	skb_put(skb, tip_nd_build_na(skb->data, target, flags, ifp->hwaddr));
	tip_nd6_xmit(ifp, skb, target, daddr);
}

/* 7.2.3, and RFC 4862 5.4.3 for a target that is still tentative. */
static void tip_nd6_rcv_ns(struct tip_if *ifp, const struct ipv6hdr *ip6,
			   const struct tip_nd_msg *m)
{
	bool dad = ipv6_addr_any(&ip6->saddr);
	struct tip_ifaddr6 *a;

	a = tip_ip6_addr_find(ifp, &m->target);
	if (!a)
		return;
	if (a->flags & TINYIP_ADDR_F_TENTATIVE) {
		/* Our own probe looped back (RFC 7527) is no conflict. */
		if (dad && !(a->flags & TINYIP_ADDR_F_DADFAILED) &&
		    !(m->opts.nonce && m->opts.nonce_len == sizeof(a->nonce) &&
		      !memcmp(m->opts.nonce, a->nonce, sizeof(a->nonce))))
			tip_ip6_addr_dad_failed(ifp, a);
		return;
	}
	if (dad) {
		/* 7.2.4: answer a DAD probe to all nodes, unsolicited. */
		tip_nd6_send_na(ifp, &in6addr_linklocal_allnodes, &m->target,
				false);
		return;
	}
	if (m->opts.sllao)
		tip_neigh_nd_input(ifp, &ip6->saddr, m->opts.sllao,
				   TIP_ND_CREATE);
	tip_nd6_send_na(ifp, &ip6->saddr, &m->target, true);
}

/* 7.2.5, and RFC 4862 5.4.4 for a target that is still tentative. */
static void tip_nd6_rcv_na(struct tip_if *ifp, const struct tip_nd_msg *m)
{
	struct tip_net *tn = ifp->tn;
	struct tip_ifaddr6 *a;
	u32 flags = TIP_ND_IS_NA;

	a = tip_ip6_addr_find(ifp, &m->target);
	if (a) {
		if ((a->flags & TINYIP_ADDR_F_TENTATIVE) &&
		    !(a->flags & TINYIP_ADDR_F_DADFAILED))
			tip_ip6_addr_dad_failed(ifp, a);
		else
			net_info_ratelimited("tinyip: %s: %pI6c is advertised by another node\n",
					     ifp->name, &m->target);
		return;
	}
	if (m->na_flags & TIP_NA_F_SOLICITED)
		flags |= TIP_ND_SOLICITED;
	if (m->na_flags & TIP_NA_F_OVERRIDE)
		flags |= TIP_ND_OVERRIDE;
	if (m->na_flags & TIP_NA_F_ROUTER)
		flags |= TIP_ND_ROUTER;
	else if (tip_neigh_is_router(ifp, &m->target) == 1)
		/* 7.2.5: a router turned host leaves the router list. */
		tip_ip6_route_del(tn, &in6addr_any, 0, &m->target, ifp, 0,
				  TIP_RT6_RA_ROUTER, NULL);
	tip_neigh_nd_input(ifp, &m->target, m->opts.tllao, flags);
}

/* 6.3.4: everything a router advertisement teaches a host. */
static void tip_nd6_rcv_ra(struct tip_if *ifp, const struct ipv6hdr *ip6,
			   const struct tip_nd_msg *m)
{
	struct tip_net *tn = ifp->tn;
	struct tip_if6 *in6 = ifp->in6;
	struct tip_nd_prefix p;
	unsigned int i;

	if (!tn->ip6.accept_ra || tn->ip6.forwarding)
		return;
	if (m->ra_hop_limit)
		in6->hop_limit = m->ra_hop_limit;
	if (m->ra_retrans)
		in6->retrans_ms = clamp_t(u32, m->ra_retrans, 100, 60000);
	if (m->opts.mtu >= IPV6_MIN_MTU && m->opts.mtu <= ifp->mtu)
		in6->mtu = m->opts.mtu;
	if (m->opts.sllao)
		tip_neigh_nd_input(ifp, &ip6->saddr, m->opts.sllao,
				   TIP_ND_CREATE | TIP_ND_ROUTER);
	if (m->ra_lifetime)
		tip_ip6_route_add(tn, &in6addr_any, 0, &ip6->saddr, ifp,
				  TIP_RT6_METRIC_RA, 0, TIP_RT6_RA_ROUTER,
				  m->ra_lifetime, NULL);
	else
		tip_ip6_route_del(tn, &in6addr_any, 0, &ip6->saddr, ifp,
				  TIP_RT6_METRIC_RA, TIP_RT6_RA_ROUTER, NULL);
	for (i = 0; i < m->opts.nprefix; i++) {
		tip_nd_prefix_get(m->opts.prefix[i], &p);
		/* 6.3.4: the link-local prefix is silently ignored. */
		if (ipv6_addr_type(&p.prefix) & IPV6_ADDR_LINKLOCAL)
			continue;
		if (p.flags & TIP_PI_F_ONLINK) {
			if (p.valid)
				tip_ip6_route_add(tn, &p.prefix, p.len, NULL,
						  ifp, 256, 0,
						  TIP_RT6_RA_PREFIX, p.valid,
						  NULL);
			else
				tip_ip6_route_del(tn, &p.prefix, p.len, NULL,
						  ifp, 256, TIP_RT6_RA_PREFIX,
						  NULL);
		}
		if (p.flags & TIP_PI_F_AUTO)
			tip_ip6_addr_ra_prefix(ifp, &p.prefix, p.len, p.valid,
					       p.preferred);
	}
	/* Stop soliciting: a router answered. */
	in6->rs_left = 0;
	tip_ip6_if_arm(ifp, jiffies + HZ);
}

/* 8.1 and 8.3: only the router we use for the destination may redirect. */
static void tip_nd6_rcv_redirect(struct tip_if *ifp,
				 const struct ipv6hdr *ip6,
				 const struct tip_nd_msg *m)
{
	struct tip_net *tn = ifp->tn;
	struct tip_rt6 *rt;

	rt = tip_ip6_route_lookup(tn, &m->dest, ifp);
	if (!rt || !ipv6_addr_equal(&rt->gw, &ip6->saddr))
		return;
	if (ipv6_addr_equal(&m->target, &m->dest))
		tip_ip6_route_add(tn, &m->dest, 128, NULL, ifp, 0, 0,
				  TIP_RT6_RA_PREFIX, 600, NULL);
	else
		tip_ip6_route_add(tn, &m->dest, 128, &m->target, ifp, 0, 0,
				  TIP_RT6_RA_PREFIX, 600, NULL);
	if (m->opts.tllao)
		tip_neigh_nd_input(ifp, &m->target, m->opts.tllao,
				   TIP_ND_CREATE | (ipv6_addr_equal(&m->target,
								   &m->dest) ?
						    0 : TIP_ND_ROUTER));
}

/* skb->data at the ICMPv6 header, checksum checked; consumes @skb. */
void tip_nd6_rcv(struct tip_net *tn, struct sk_buff *skb, u8 type)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	const struct ipv6hdr *ip6;
	struct tip_nd_msg m;

	if (!iif->in6 || skb_linearize(skb)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_OTHER);
		return;
	}
	ip6 = ipv6_hdr(skb);
	if (tip_nd_parse(skb->data, skb->len, ip6->hop_limit, &ip6->saddr,
			 &ip6->daddr, &m)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_HDR);
		return;
	}
	switch (type) {
	case NDISC_NEIGHBOUR_SOLICITATION:
		tip_nd6_rcv_ns(iif, ip6, &m);
		break;
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		tip_nd6_rcv_na(iif, &m);
		break;
	case NDISC_ROUTER_ADVERTISEMENT:
		tip_nd6_rcv_ra(iif, ip6, &m);
		break;
	case NDISC_REDIRECT:
		tip_nd6_rcv_redirect(iif, ip6, &m);
		break;
	default:
		/* 6.2.6: a router learns the soliciting host, then answers. */
		if (m.opts.sllao && !ipv6_addr_any(&ip6->saddr))
			tip_neigh_nd_input(iif, &ip6->saddr, m.opts.sllao,
					   TIP_ND_CREATE);
		tip_nd6_ra_solicited(iif);
		break;
	}
	consume_skb(skb);
}
