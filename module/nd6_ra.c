// SPDX-License-Identifier: GPL-2.0
/*
 * Router advertisements sent by tinyip as an IPv6 router (RFC 4861 6.2):
 * on a link where the administrator enabled them and while forwarding is
 * on, unsolicited RAs at random intervals between MinRtrAdvInterval (a
 * third of the maximum) and MaxRtrAdvInterval, faster at first (6.2.4),
 * solicited ones after a random delay of at most MAX_RA_DELAY_TIME and no
 * closer than MIN_DELAY_BETWEEN_RAS (6.2.6), and a final RA with a zero
 * router lifetime when they stop (6.2.5). An RA carries the link's MTU,
 * tinyip's link-layer address and the /64 prefixes of the link's global
 * addresses with the on-link and autonomous flags, so native hosts
 * autoconfigure from it (RFC 4862).
 */
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/netlink.h>
#include <net/ndisc.h>

#include <tinyip/fault.h>
#include <tinyip/ip6.h>
#include <tinyip/nd6_wire.h>
#include <tinyip/tinyip.h>

#define TIP_RA_INITIAL		3		/* MAX_INITIAL_RTR_ADVERTISEMENTS */
#define TIP_RA_INITIAL_IVL	(16 * HZ)	/* MAX_INITIAL_RTR_ADVERT_INTERVAL */
#define TIP_RA_MIN_DELAY	(3 * HZ)	/* MIN_DELAY_BETWEEN_RAS */
#define TIP_RA_MAX_DELAY	(HZ / 2)	/* MAX_RA_DELAY_TIME */
#define TIP_RA_PREFIXES		4
#define TIP_RA_VALID		2592000		/* AdvValidLifetime: 30 days */
#define TIP_RA_PREFERRED	604800		/* AdvPreferredLifetime: 7 days */

static const struct in6_addr tip_all_routers = {
	.s6_addr32 = { htonl(0xff020000), 0, 0, htonl(2) } };

static bool tip_ra_active(struct tip_if *ifp)
{
	return ifp->in6 && ifp->in6->ra_send && ifp->up &&
	       READ_ONCE(ifp->tn->ip6.forwarding);
}

/* The prefixes a host can autoconfigure from: our global /64s. */
static unsigned int tip_ra_prefixes(struct tip_if *ifp,
				    struct tip_nd_prefix *p)
{
	struct tip_ifaddr6 *a;
	unsigned int n = 0, i;

	list_for_each_entry(a, &ifp->addr6, list) {
		if (a->prefixlen != 64 ||
		    (a->flags & (TINYIP_ADDR_F_AUTOCONF |
				 TINYIP_ADDR_F_DADFAILED)) ||
		    ipv6_addr_type(&a->addr) & (IPV6_ADDR_LINKLOCAL |
						IPV6_ADDR_LOOPBACK))
			continue;
		ipv6_addr_prefix(&p[n].prefix, &a->addr, 64);
		for (i = 0; i < n; i++)
			if (ipv6_addr_equal(&p[i].prefix, &p[n].prefix))
				break;
		if (i < n)
			continue;
		p[n].len = 64;
		p[n].flags = TIP_PI_F_ONLINK | TIP_PI_F_AUTO;
		p[n].valid = TIP_RA_VALID;
		p[n].preferred = TIP_RA_PREFERRED;
		if (++n == TIP_RA_PREFIXES)
			break;
	}
	return n;
}

/* From our usable link-local address (6.1.2 makes hosts insist). */
static void tip_ra_send(struct tip_if *ifp, u16 lifetime)
{
	struct tip_nd_prefix pfx[TIP_RA_PREFIXES];
	struct tip_if6 *in6 = ifp->in6;
	struct tip_nd_ra ra = {};
	struct in6_addr src;
	struct sk_buff *skb;
	unsigned int room = 256, len;
	struct icmp6hdr *ih;

	if (!tip_ip6_src_pick(ifp, &in6addr_linklocal_allnodes, &src) ||
	    !(ipv6_addr_type(&src) & IPV6_ADDR_LINKLOCAL))
		return;
	ra.hop_limit = 64;
	ra.lifetime = lifetime;
	ra.mtu = in6->mtu;
	ra.sllao = ifp->hwaddr;
	ra.prefix = pfx;
	ra.nprefix = tip_ra_prefixes(ifp, pfx);
	skb = tip_alloc_skb(TIP_HEADROOM + room, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, TIP_HEADROOM);
	len = tip_nd_build_ra(skb->data, room, &ra);
	if (!len) {
		kfree_skb(skb);
		return;
	}
	skb_put(skb, len);
	ih = (struct icmp6hdr *)skb->data;
	ih->icmp6_cksum = tip_icmp6_csum(&src, &in6addr_linklocal_allnodes,
					 skb->data, skb->len);
	tip_ip6_output_link(ifp, skb, IPPROTO_ICMPV6, &src,
			    &in6addr_linklocal_allnodes, 255, false);
	in6->ra_last = jiffies;
}

static void tip_ra_schedule(struct tip_if *ifp, unsigned long at)
{
	struct tip_if6 *in6 = ifp->in6;

	if (in6->ra_at && time_before(in6->ra_at, at))
		return;
	in6->ra_at = at | 1;
	tip_ip6_if_arm(ifp, in6->ra_at);
}

/* 6.2.4: a random interval; the first few no longer than 16 s. */
static unsigned long tip_ra_next(struct tip_if6 *in6)
{
	unsigned long max = (unsigned long)in6->ra_interval * HZ;
	unsigned long min = max / 3, ivl;

	ivl = min + get_random_u32_below(max - min + 1);
	if (in6->ra_initial) {
		in6->ra_initial--;
		ivl = min(ivl, TIP_RA_INITIAL_IVL);
	}
	return ivl;
}

/* The per-link timer's part; returns the next deadline or 0. */
unsigned long tip_nd6_ra_timer(struct tip_if *ifp, unsigned long now)
{
	struct tip_if6 *in6 = ifp->in6;

	if (!in6->ra_at)
		return 0;
	if (!tip_ra_active(ifp)) {
		in6->ra_at = 0;
		return 0;
	}
	if (time_before(now, in6->ra_at))
		return in6->ra_at;
	tip_ra_send(ifp, in6->ra_lifetime);
	in6->ra_at = (now + tip_ra_next(in6)) | 1;
	return in6->ra_at;
}

/* 6.2.6: a router solicitation on a link we advertise on. */
void tip_nd6_ra_solicited(struct tip_if *ifp)
{
	struct tip_if6 *in6 = ifp->in6;
	unsigned long at;

	if (!tip_ra_active(ifp))
		return;
	at = jiffies + get_random_u32_below(TIP_RA_MAX_DELAY);
	if (in6->ra_last && time_before(at, in6->ra_last + TIP_RA_MIN_DELAY))
		at = in6->ra_last + TIP_RA_MIN_DELAY;
	tip_ra_schedule(ifp, at);
}

/* The link came up, or forwarding was turned on: start (again). */
void tip_nd6_ra_kick(struct tip_if *ifp)
{
	struct tip_if6 *in6 = ifp->in6;

	if (!in6 || !in6->ra_send)
		return;
	in6->ra_initial = TIP_RA_INITIAL;
	in6->ra_at = 0;
	tip_ra_schedule(ifp, jiffies + get_random_u32_below(TIP_RA_MAX_DELAY));
}

int tip_nd6_ra_set(struct tip_if *ifp, bool on, u32 interval, u32 lifetime,
		   struct netlink_ext_ack *extack)
{
	struct tip_if6 *in6 = ifp->in6;

	if (!in6) {
		NL_SET_ERR_MSG(extack, "the link has no IPv6");
		return -EOPNOTSUPP;
	}
	if (interval < 4 || interval > 1800) {
		NL_SET_ERR_MSG(extack, "RA interval is 4..1800 seconds");
		return -EINVAL;
	}
	if (lifetime > 9000) {
		NL_SET_ERR_MSG(extack, "router lifetime is 0..9000 seconds");
		return -EINVAL;
	}
	if (!on) {
		/* 6.2.5: tell hosts at once that we stop being their router. */
		if (tip_ra_active(ifp))
			tip_ra_send(ifp, 0);
		if (in6->ra_send)
			tip_mld_leave(ifp, &tip_all_routers);
		in6->ra_send = false;
		in6->ra_at = 0;
		return 0;
	}
	if (!in6->ra_send && tip_mld_join(ifp, &tip_all_routers)) {
		NL_SET_ERR_MSG(extack, "tinyip memory budget exhausted");
		return -ENOBUFS;
	}
	in6->ra_interval = interval;
	in6->ra_lifetime = lifetime;
	if (!in6->ra_send) {
		in6->ra_send = true;
		tip_nd6_ra_kick(ifp);
	}
	return 0;
}
