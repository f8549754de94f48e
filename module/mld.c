// SPDX-License-Identifier: GPL-2.0
/*
 * Multicast Listener Discovery for the groups tinyip joins on a link,
 * the solicited-node groups of its addresses included: MLDv2 (RFC 3810)
 * with MLDv1 compatibility while an MLDv1 querier is present (RFC 3810
 * 8.2, RFC 2710). tinyip listens in EXCLUDE mode with no sources, so a
 * join is reported as CHANGE_TO_EXCLUDE {} (sent robustness-variable
 * times), a leave as CHANGE_TO_INCLUDE {}, and query answers as
 * MODE_IS_EXCLUDE {} after a random delay within the maximum response
 * delay. Reports carry a Router Alert and hop limit 1 (RFC 3810 5).
 * Timers ride on the link's IPv6 timer. Everything under tn->lock.
 */
#include <linux/icmpv6.h>
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>

#include <tinyip/fault.h>
#include <tinyip/ip6.h>
#include <tinyip/nd6_wire.h>
#include <tinyip/tinyip.h>

#define TIP_MLD_ROBUSTNESS	2
#define TIP_MLD_UNSOL_IVL	HZ		/* Unsolicited Report Interval */
#define TIP_MLD_V1_HOLD		(260 * HZ)	/* Older Version Querier Present */
#define TIP_MLD_RECS_MAX	32		/* records per report */
/* Message sizes (RFC 2710 3, RFC 3810 5.2); <net/mld.h> upsets sparse. */
#define TIP_MLD1_SIZE		24
#define TIP_MLD2_HDR_SIZE	8
#define TIP_MLD2_REC_SIZE	20		/* a record without sources */

static const struct in6_addr tip_mld2_routers = {
	.s6_addr32 = { htonl(0xff020000), 0, 0, htonl(0x16) } };
static const struct in6_addr tip_all_routers = {
	.s6_addr32 = { htonl(0xff020000), 0, 0, htonl(2) } };

/* RFC 3810 6: all-nodes and node-local groups are never reported. */
static bool tip_mld_reportable(const struct in6_addr *group)
{
	int scope = IPV6_ADDR_MC_SCOPE(group);

	return !ipv6_addr_is_ll_all_nodes(group) &&
	       scope != IPV6_ADDR_SCOPE_NODELOCAL && scope != 0;
}

static struct tip_mc6 *tip_mld_find(struct tip_if *ifp,
				    const struct in6_addr *group)
{
	struct tip_mc6 *mc;

	list_for_each_entry(mc, &ifp->mc6, list)
		if (ipv6_addr_equal(&mc->group, group))
			return mc;
	return NULL;
}

bool tip_mld_joined(struct tip_if *ifp, const struct in6_addr *group)
{
	return !!tip_mld_find(ifp, group);
}

static bool tip_mld_v1(struct tip_if *ifp)
{
	struct tip_if6 *in6 = ifp->in6;

	if (in6->mld_v1 && time_after_eq(jiffies, in6->mld_v1_until))
		in6->mld_v1 = false;
	return in6->mld_v1;
}

static void tip_mld_xmit(struct tip_if *ifp, struct sk_buff *skb,
			 const struct in6_addr *dst)
{
	struct in6_addr src;
	struct icmp6hdr *ih = (struct icmp6hdr *)skb->data;

	/* RFC 3810 5.2.13: :: until a link-local address is usable. */
	if (!tip_ip6_src_pick(ifp, dst, &src) ||
	    !(ipv6_addr_type(&src) & IPV6_ADDR_LINKLOCAL))
		src = in6addr_any;
	ih->icmp6_cksum = tip_icmp6_csum(&src, dst, skb->data, skb->len);
	tip_ip6_output_link(ifp, skb, IPPROTO_ICMPV6, &src, dst, 1, true);
}

static struct sk_buff *tip_mld_alloc(unsigned int len)
{
	struct sk_buff *skb = tip_alloc_skb(TIP_HEADROOM + 8 + len, GFP_ATOMIC);

	if (skb)
		skb_reserve(skb, TIP_HEADROOM + 8);
	return skb;
}

static void tip_mld_send_v1(struct tip_if *ifp, u8 type,
			    const struct in6_addr *group)
{
	struct sk_buff *skb = tip_mld_alloc(TIP_MLD1_SIZE);

	if (!skb)
		return;
	skb_put(skb, tip_mld1_build(skb->data, type, group));
	tip_mld_xmit(ifp, skb, type == ICMPV6_MGM_REDUCTION ?
		     &tip_all_routers : group);
}

static void tip_mld_send_v2(struct tip_if *ifp,
			    const struct tip_mld2_rec *recs, unsigned int n)
{
	unsigned int room = TIP_MLD2_HDR_SIZE + n * TIP_MLD2_REC_SIZE;
	struct sk_buff *skb = tip_mld_alloc(room);
	unsigned int len;

	if (!skb)
		return;
	len = tip_mld2_build_report(skb->data, room, recs, n);
	if (!len) {
		kfree_skb(skb);
		return;
	}
	skb_put(skb, len);
	tip_mld_xmit(ifp, skb, &tip_mld2_routers);
}

static void tip_mld_schedule(struct tip_if *ifp, struct tip_mc6 *mc,
			     unsigned long delay, u8 rec)
{
	unsigned long at = jiffies + (delay ? get_random_u32_below(delay) : 0);

	if (mc->report_at && time_before(mc->report_at, at))
		return;
	mc->report_at = at | 1;
	mc->rec = rec;
	tip_ip6_if_arm(ifp, mc->report_at);
}

int tip_mld_join(struct tip_if *ifp, const struct in6_addr *group)
{
	struct tip_mc6 *mc = tip_mld_find(ifp, group);
	u8 mac[ETH_ALEN];

	if (mc) {
		mc->users++;
		return 0;
	}
	mc = tip_mem_zalloc(&ifp->tn->mem, TINYIP_MEM_OTHER, sizeof(*mc),
			    GFP_ATOMIC);
	if (!mc)
		return -ENOBUFS;
	mc->group = *group;
	mc->users = 1;
	list_add_tail(&mc->list, &ifp->mc6);
	ipv6_eth_mc_map(group, (char *)mac);
	tip_if_mc_add(ifp, mac);
	if (ifp->in6 && ifp->up && tip_mld_reportable(group)) {
		mc->reports_left = TIP_MLD_ROBUSTNESS;
		tip_mld_schedule(ifp, mc, TIP_MLD_UNSOL_IVL,
				 MLD2_CHANGE_TO_EXCLUDE);
	}
	return 0;
}

static void tip_mld_free(struct tip_if *ifp, struct tip_mc6 *mc)
{
	u8 mac[ETH_ALEN];

	ipv6_eth_mc_map(&mc->group, (char *)mac);
	tip_if_mc_del(ifp, mac);
	list_del(&mc->list);
	tip_mem_free(&ifp->tn->mem, TINYIP_MEM_OTHER, mc, sizeof(*mc));
}

void tip_mld_leave(struct tip_if *ifp, const struct in6_addr *group)
{
	struct tip_mc6 *mc = tip_mld_find(ifp, group);
	struct tip_mld2_rec rec;

	if (!mc || --mc->users)
		return;
	if (ifp->in6 && ifp->up && tip_mld_reportable(group)) {
		if (tip_mld_v1(ifp)) {
			tip_mld_send_v1(ifp, ICMPV6_MGM_REDUCTION, group);
		} else {
			rec.type = MLD2_CHANGE_TO_INCLUDE;
			rec.group = *group;
			tip_mld_send_v2(ifp, &rec, 1);
		}
	}
	tip_mld_free(ifp, mc);
}

void tip_mld_flush(struct tip_if *ifp)
{
	struct tip_mc6 *mc, *tmp;

	list_for_each_entry_safe(mc, tmp, &ifp->mc6, list)
		tip_mld_free(ifp, mc);
}

/* The link came up: announce every membership again. */
void tip_mld_rejoin(struct tip_if *ifp)
{
	struct tip_mc6 *mc;

	list_for_each_entry(mc, &ifp->mc6, list) {
		if (!tip_mld_reportable(&mc->group))
			continue;
		mc->reports_left = TIP_MLD_ROBUSTNESS;
		mc->report_at = 0;
		tip_mld_schedule(ifp, mc, TIP_MLD_UNSOL_IVL,
				 MLD2_CHANGE_TO_EXCLUDE);
	}
}

/* Sends the reports that are due; returns the next deadline or 0. */
unsigned long tip_mld_timer(struct tip_if *ifp, unsigned long now)
{
	struct tip_mld2_rec recs[TIP_MLD_RECS_MAX];
	unsigned long next = 0;
	struct tip_mc6 *mc;
	unsigned int n = 0;
	bool v1 = tip_mld_v1(ifp);

	list_for_each_entry(mc, &ifp->mc6, list) {
		if (!mc->report_at)
			continue;
		if (time_before(now, mc->report_at)) {
			tip_ip6_next(&next, mc->report_at);
			continue;
		}
		if (v1) {
			tip_mld_send_v1(ifp, ICMPV6_MGM_REPORT, &mc->group);
		} else {
			recs[n].type = mc->rec;
			recs[n].group = mc->group;
			if (++n == ARRAY_SIZE(recs)) {
				tip_mld_send_v2(ifp, recs, n);
				n = 0;
			}
		}
		mc->report_at = 0;
		if (mc->reports_left && --mc->reports_left) {
			mc->report_at = (now + TIP_MLD_UNSOL_IVL) | 1;
			tip_ip6_next(&next, mc->report_at);
		}
	}
	if (n)
		tip_mld_send_v2(ifp, recs, n);
	return next;
}

/* RFC 3810 6.2 and 8.2.1: queries schedule answers; v1 ones switch mode. */
static void tip_mld_query(struct tip_if *ifp, const struct ipv6hdr *ip6,
			  const struct tip_mld_query *q)
{
	unsigned long delay = max_t(unsigned long, 1,
				    msecs_to_jiffies(q->max_resp_ms));
	bool general = ipv6_addr_any(&q->group);
	struct tip_mc6 *mc;

	/* 5.1.14: only link-local queriers; general ones to all nodes. */
	if (!(ipv6_addr_type(&ip6->saddr) & IPV6_ADDR_LINKLOCAL))
		return;
	if (general && !ipv6_addr_is_ll_all_nodes(&ip6->daddr))
		return;
	if (!q->v2) {
		ifp->in6->mld_v1 = true;
		ifp->in6->mld_v1_until = jiffies + TIP_MLD_V1_HOLD;
	}
	/* A source-specific query is answered as a group one: no sources. */
	list_for_each_entry(mc, &ifp->mc6, list) {
		if (!tip_mld_reportable(&mc->group))
			continue;
		if (!general && !ipv6_addr_equal(&mc->group, &q->group))
			continue;
		tip_mld_schedule(ifp, mc, delay, MLD2_MODE_IS_EXCLUDE);
	}
}

/* skb->data at the ICMPv6 header, checksum checked; consumes @skb. */
void tip_mld_rcv(struct tip_net *tn, struct sk_buff *skb, u8 type)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct tip_mld_query q;

	if (type != ICMPV6_MGM_QUERY || !iif->in6) {
		/* Reports of others: MLDv2 hosts never suppress theirs. */
		consume_skb(skb);
		return;
	}
	if (skb_linearize(skb) ||
	    tip_mld_parse_query(skb->data, skb->len, &q)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_HDR);
		return;
	}
	tip_mld_query(iif, ipv6_hdr(skb), &q);
	consume_skb(skb);
}
