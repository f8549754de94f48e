// SPDX-License-Identifier: GPL-2.0
/*
 * Multicast membership and IGMP, host side: IGMPv3 (RFC 3376) reports by
 * default, falling back to IGMPv2 (RFC 2236) or v1 (RFC 1112) for as
 * long as an older querier is heard (RFC 3376 7.2.1). Joins and leaves
 * send unsolicited reports, repeated once (robustness 2); queries are
 * answered after a random delay up to their maximum response time.
 * Reports carry TTL 1 and the Router Alert option (RFC 2113); 224.0.0.1
 * is never reported (RFC 3376 6). Only exclude-mode {} (any-source)
 * membership exists, which is what sockets ask for.
 *
 * One timer per instance, armed only for the earliest pending report,
 * so an idle instance costs nothing.
 */
#include <linux/in.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <net/checksum.h>
#include <net/ip.h>

#include <tinyip/fault.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

#define TIP_IGMP_ROBUSTNESS	2
#define TIP_IGMP_V3_UNSOL	HZ		/* RFC 3376 8.11 */
#define TIP_IGMP_V2_UNSOL	(10 * HZ)	/* RFC 2236 8.10 */
/* RFC 3376 8.12: robustness * query interval + query response interval. */
#define TIP_IGMP_OLDER_PRESENT	((TIP_IGMP_ROBUSTNESS * 125 + 10) * HZ)
#define TIP_IGMP_V1_MAXRESP	(10 * HZ)
#define TIP_IGMP_RTR_ALERT	{ 0x94, 0x04, 0x00, 0x00 }

/*
 * The wire formats (RFC 2236 2, RFC 3376 4), spelled out here: the
 * kernel's <linux/igmp.h> nests flexible arrays, which sparse refuses.
 */
#define TIP_IGMP_QUERY		0x11
#define TIP_IGMP_V1_REPORT	0x12
#define TIP_IGMP_V2_REPORT	0x16
#define TIP_IGMP_V2_LEAVE	0x17
#define TIP_IGMP_V3_REPORT	0x22
#define TIP_IGMP_V3_QUERY_LEN	12
#define TIP_IGMP_IS_EXCLUDE	2	/* current state: any source */
#define TIP_IGMP_TO_INCLUDE	3	/* state change: leave */
#define TIP_IGMP_TO_EXCLUDE	4	/* state change: join */
#define TIP_IGMP_ALL_V3_RTRS	htonl(0xe0000016)	/* 224.0.0.22 */

struct tip_igmp_hdr {
	u8 type;
	u8 code;		/* max response time, 1/10 s */
	__sum16 csum;
	__be32 group;
};

struct tip_igmp_v3_rec {
	u8 type;
	u8 auxlen;
	__be16 nsrcs;
	__be32 group;
};

struct tip_igmp_v3_report {
	u8 type;
	u8 resv1;
	__sum16 csum;
	__be16 resv2;
	__be16 nrecs;
	struct tip_igmp_v3_rec rec[];
};

/* A joined group: tinyip's membership plus its IGMP state. */
struct tip_igmp_grp {
	struct tip_mc4 mc;
	unsigned long report_at;	/* 0: nothing pending */
	u8 unsol;			/* repeats still to send */
	u8 rec;				/* v3 record type of the pending report */
	bool leaving;			/* no users left: only the leave remains */
};

/* The instance's IGMP state, allocated with it. */
struct tip_igmp_net {
	struct tip_net *tn;
	struct list_head links;		/* struct tip_igmp_link */
	struct timer_list timer;
};

/* Per-link querier state, created when the first query is heard. */
struct tip_igmp_link {
	struct list_head list;
	struct tip_if *ifp;
	unsigned long v1_until;		/* v1 querier present until */
	unsigned long v2_until;		/* v2 querier present until */
	unsigned long general_at;	/* v3 current-state report; 0: none */
};

static struct tip_igmp_grp *tip_igmp_grp(struct tip_mc4 *mc)
{
	return container_of(mc, struct tip_igmp_grp, mc);
}

static struct tip_igmp_link *tip_igmp_link_get(struct tip_net *tn,
					       struct tip_if *ifp)
{
	struct tip_igmp_link *l;

	/* A failed instance set up still tears its loopback link down. */
	if (!tn->ip4.igmp)
		return NULL;
	list_for_each_entry(l, &tn->ip4.igmp->links, list)
		if (l->ifp == ifp)
			return l;
	return NULL;
}

static int tip_igmp_version(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_igmp_link *l = tip_igmp_link_get(tn, ifp);
	unsigned long now = jiffies;

	if (l && l->v1_until && time_before(now, l->v1_until))
		return 1;
	if (l && l->v2_until && time_before(now, l->v2_until))
		return 2;
	return 3;
}

static bool tip_igmp_reportable(struct tip_if *ifp, __be32 group)
{
	return ifp->dev && group != htonl(INADDR_ALLHOSTS_GROUP);
}

static void tip_igmp_arm(struct tip_net *tn, unsigned long when)
{
	struct timer_list *t = &tn->ip4.igmp->timer;

	if (!timer_pending(t) || time_before(when, t->expires))
		mod_timer(t, when);
}

/* Sets a report due within @delay unless one is due sooner. */
static void tip_igmp_schedule(struct tip_net *tn, struct tip_igmp_grp *g,
			      unsigned long delay, u8 rec)
{
	unsigned long when = jiffies + 1 +
			     (delay ? get_random_u32_below(delay) : 0);

	when = when ?: 1;	/* 0 means "nothing pending" */

	if (g->report_at && time_before(g->report_at, when))
		return;
	g->report_at = when;
	g->rec = rec;
	tip_igmp_arm(tn, when);
}

static void tip_igmp_xmit(struct tip_net *tn, struct tip_if *ifp,
			  struct sk_buff *skb, __be32 dst)
{
	static const u8 ra[] = TIP_IGMP_RTR_ALERT;
	struct tip_ip4_tx tx = {
		.ttl = 1,
		.tos = IPTOS_PREC_INTERNETCONTROL,
		.opts = ra,
		.optlen = sizeof(ra),
	};
	struct tip_rt4_res rt = {
		.ifp = ifp,
		.nexthop = dst,
		.mtu = ifp->mtu,
		.mcast = true,
	};

	tip_ip4_output(tn, skb, &rt, tip_ip4_src_for(ifp, dst), dst,
		       IPPROTO_IGMP, &tx);
}

static struct sk_buff *tip_igmp_alloc(unsigned int len)
{
	struct sk_buff *skb = tip_alloc_skb(TIP_HEADROOM + len, GFP_ATOMIC);

	if (skb) {
		skb_reserve(skb, TIP_HEADROOM);
		skb_put_zero(skb, len);
	}
	return skb;
}

/* A v1/v2 report or a v2 leave (RFC 2236 2). */
static void tip_igmp_send_v12(struct tip_net *tn, struct tip_if *ifp,
			      u8 type, __be32 group)
{
	__be32 dst = type == TIP_IGMP_V2_LEAVE ?
		     htonl(INADDR_ALLRTRS_GROUP) : group;
	struct sk_buff *skb = tip_igmp_alloc(sizeof(struct tip_igmp_hdr));
	struct tip_igmp_hdr *ih;

	if (!skb)
		return;
	ih = (struct tip_igmp_hdr *)skb->data;
	ih->type = type;
	ih->group = group;
	ih->csum = csum_fold(csum_partial(ih, sizeof(*ih), 0));
	tip_igmp_xmit(tn, ifp, skb, dst);
}

/*
 * A v3 report to 224.0.0.22 (RFC 3376 4.2): one record for @only, or a
 * MODE_IS_EXCLUDE record for every group of the link when @only is NULL.
 */
static void tip_igmp_send_v3(struct tip_net *tn, struct tip_if *ifp,
			     struct tip_igmp_grp *only)
{
	unsigned int n = 0, i = 0, len;
	struct tip_igmp_v3_report *rep;
	struct tip_mc4 *mc;
	struct sk_buff *skb;

	if (only) {
		n = 1;
	} else {
		list_for_each_entry(mc, &ifp->mc4, list)
			n += !tip_igmp_grp(mc)->leaving &&
			     tip_igmp_reportable(ifp, mc->group);
	}
	if (!n)
		return;
	/* A handful of groups per link: one datagram is plenty. */
	n = min_t(unsigned int, n, (ifp->mtu - 24 - sizeof(*rep)) /
				   sizeof(struct tip_igmp_v3_rec));
	len = sizeof(*rep) + n * sizeof(struct tip_igmp_v3_rec);
	skb = tip_igmp_alloc(len);
	if (!skb)
		return;
	rep = (struct tip_igmp_v3_report *)skb->data;
	rep->type = TIP_IGMP_V3_REPORT;
	rep->nrecs = htons(n);
	if (only) {
		rep->rec[0].type = only->rec;
		rep->rec[0].group = only->mc.group;
	} else {
		list_for_each_entry(mc, &ifp->mc4, list) {
			if (i == n)
				break;
			if (tip_igmp_grp(mc)->leaving ||
			    !tip_igmp_reportable(ifp, mc->group))
				continue;
			rep->rec[i].type = TIP_IGMP_IS_EXCLUDE;
			rep->rec[i++].group = mc->group;
		}
	}
	rep->csum = csum_fold(csum_partial(rep, len, 0));
	tip_igmp_xmit(tn, ifp, skb, TIP_IGMP_ALL_V3_RTRS);
}

static void tip_igmp_free(struct tip_net *tn, struct tip_igmp_grp *g)
{
	list_del(&g->mc.list);
	tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, g, sizeof(*g));
}

/* The report @g was waiting for is due. */
static void tip_igmp_report(struct tip_net *tn, struct tip_if *ifp,
			    struct tip_igmp_grp *g)
{
	int ver = tip_igmp_version(tn, ifp);

	g->report_at = 0;
	if (g->leaving) {
		if (ver == 3)
			tip_igmp_send_v3(tn, ifp, g);
		else if (ver == 2)
			tip_igmp_send_v12(tn, ifp, TIP_IGMP_V2_LEAVE,
					  g->mc.group);
	} else if (ver == 3) {
		tip_igmp_send_v3(tn, ifp, g);
	} else {
		tip_igmp_send_v12(tn, ifp, ver == 2 ?
				  TIP_IGMP_V2_REPORT :
				  TIP_IGMP_V1_REPORT, g->mc.group);
	}
	if (g->unsol) {
		g->unsol--;
		tip_igmp_schedule(tn, g, ver == 3 ? TIP_IGMP_V3_UNSOL :
				  TIP_IGMP_V2_UNSOL, g->rec);
	} else if (g->leaving) {
		tip_igmp_free(tn, g);
	}
}

static void tip_igmp_timer(struct timer_list *t)
{
	struct tip_igmp_net *in = from_timer(in, t, timer);
	struct tip_net *tn = in->tn;
	unsigned long now = jiffies, next = 0;
	struct tip_igmp_link *l;
	struct tip_mc4 *mc, *tmp;
	struct tip_if *ifp;
	unsigned int i;

	spin_lock_bh(&tn->lock);
	list_for_each_entry(l, &tn->ip4.igmp->links, list) {
		if (!l->general_at)
			continue;
		if (time_before(now, l->general_at)) {
			if (!next || time_before(l->general_at, next))
				next = l->general_at;
			continue;
		}
		l->general_at = 0;
		if (READ_ONCE(l->ifp->up))
			tip_igmp_send_v3(tn, l->ifp, NULL);
	}
	for (i = 1; (ifp = tip_ip4_nth_if(tn, i)); i++) {
		list_for_each_entry_safe(mc, tmp, &ifp->mc4, list) {
			struct tip_igmp_grp *g = tip_igmp_grp(mc);

			if (!g->report_at)
				continue;
			if (time_before(now, g->report_at)) {
				if (!next || time_before(g->report_at, next))
					next = g->report_at;
				continue;
			}
			if (!READ_ONCE(ifp->up)) {
				g->report_at = 0;
				g->unsol = 0;
				if (g->leaving)
					tip_igmp_free(tn, g);
				continue;
			}
			tip_igmp_report(tn, ifp, g);
		}
	}
	/* Reports rescheduled above re-armed the timer themselves. */
	if (next)
		tip_igmp_arm(tn, next);
	spin_unlock_bh(&tn->lock);
}

static void tip_igmp_start(struct tip_net *tn, struct tip_if *ifp,
			   struct tip_igmp_grp *g, u8 rec, bool now)
{
	int ver;

	if (!tip_igmp_reportable(ifp, g->mc.group))
		return;
	ver = tip_igmp_version(tn, ifp);
	g->rec = rec;
	g->unsol = TIP_IGMP_ROBUSTNESS - 1;
	g->report_at = 0;
	if (now && READ_ONCE(ifp->up))
		tip_igmp_report(tn, ifp, g);
	else
		tip_igmp_schedule(tn, g, ver == 3 ? TIP_IGMP_V3_UNSOL :
				  TIP_IGMP_V2_UNSOL, rec);
}

bool tip_ip4_mc_joined(struct tip_if *ifp, __be32 group)
{
	struct tip_mc4 *mc;

	list_for_each_entry(mc, &ifp->mc4, list)
		if (mc->group == group && mc->users)
			return true;
	return false;
}

static struct tip_mc4 *tip_mc4_find(struct tip_if *ifp, __be32 group)
{
	struct tip_mc4 *mc;

	list_for_each_entry(mc, &ifp->mc4, list)
		if (mc->group == group)
			return mc;
	return NULL;
}

/* Under tn->lock. */
int tip_ip4_mc_join(struct tip_net *tn, struct tip_if *ifp, __be32 group)
{
	struct tip_igmp_grp *g;
	struct tip_mc4 *mc;
	u8 mac[ETH_ALEN];
	int ret;

	lockdep_assert_held(&tn->lock);
	if (!ifp || READ_ONCE(ifp->dying))
		return -ENODEV;
	if (!ipv4_is_multicast(group))
		return -EINVAL;
	ip_eth_mc_map(group, mac);
	mc = tip_mc4_find(ifp, group);
	if (mc && mc->users) {
		mc->users++;
		return 0;
	}
	if (mc) {
		/* Re-joined while the leave was still being repeated. */
		g = tip_igmp_grp(mc);
		ret = tip_if_mc_add(ifp, mac);
		if (ret)
			return ret;
		mc->users = 1;
		g->leaving = false;
		tip_igmp_start(tn, ifp, g, TIP_IGMP_TO_EXCLUDE, true);
		return 0;
	}
	g = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*g), GFP_ATOMIC);
	if (!g)
		return -ENOBUFS;
	ret = tip_if_mc_add(ifp, mac);
	if (ret) {
		tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, g, sizeof(*g));
		return ret;
	}
	g->mc.group = group;
	g->mc.users = 1;
	g->mc.igmp = g;
	list_add_tail(&g->mc.list, &ifp->mc4);
	tip_igmp_start(tn, ifp, g, TIP_IGMP_TO_EXCLUDE, true);
	return 0;
}

void tip_ip4_mc_leave(struct tip_net *tn, struct tip_if *ifp, __be32 group)
{
	struct tip_igmp_grp *g;
	struct tip_mc4 *mc;
	u8 mac[ETH_ALEN];
	int ver;

	lockdep_assert_held(&tn->lock);
	if (!ifp)
		return;
	mc = tip_mc4_find(ifp, group);
	if (!mc || !mc->users || --mc->users)
		return;
	g = tip_igmp_grp(mc);
	ip_eth_mc_map(group, mac);
	tip_if_mc_del(ifp, mac);
	ver = tip_igmp_version(tn, ifp);
	/* v1 has no leave; an unreportable group has nothing to say. */
	if (!tip_igmp_reportable(ifp, group) || !READ_ONCE(ifp->up) ||
	    ver == 1) {
		tip_igmp_free(tn, g);
		return;
	}
	/* v2 sends its leave once (RFC 2236 3). */
	if (ver == 2) {
		tip_igmp_send_v12(tn, ifp, TIP_IGMP_V2_LEAVE, group);
		tip_igmp_free(tn, g);
		return;
	}
	/* v3 repeats its state change (RFC 3376 5.1): keep the state. */
	g->leaving = true;
	tip_igmp_start(tn, ifp, g, TIP_IGMP_TO_INCLUDE, true);
}

static unsigned long tip_igmp_v3_maxresp(u8 code)
{
	unsigned int tenths = code;

	/* RFC 3376 4.1.1: a float above 127. */
	if (code >= 128)
		tenths = ((code & 0x0f) | 0x10) << (((code >> 4) & 0x07) + 3);
	return (unsigned long)tenths * HZ / 10;
}

static void tip_igmp_query(struct tip_net *tn, struct tip_if *ifp,
			   struct sk_buff *skb)
{
	struct tip_igmp_hdr *ih = (struct tip_igmp_hdr *)skb->data;
	unsigned long maxresp, now = jiffies;
	struct tip_igmp_link *l;
	struct tip_mc4 *mc;
	int ver;

	if (skb->len == sizeof(struct tip_igmp_hdr)) {
		ver = ih->code ? 2 : 1;
		maxresp = ih->code ? ih->code * (HZ / 10) : TIP_IGMP_V1_MAXRESP;
	} else if (skb->len >= TIP_IGMP_V3_QUERY_LEN) {
		ver = 3;
		maxresp = tip_igmp_v3_maxresp(ih->code);
	} else {
		return;		/* RFC 3376 7.1: other lengths are ignored */
	}
	if (!maxresp)
		maxresp = 1;
	l = tip_igmp_link_get(tn, ifp);
	if (!l) {
		l = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*l),
				   GFP_ATOMIC);
		if (!l)
			return;
		l->ifp = ifp;
		list_add(&l->list, &tn->ip4.igmp->links);
	}
	if (ver == 1)
		l->v1_until = (now + TIP_IGMP_OLDER_PRESENT) ?: 1;
	else if (ver == 2)
		l->v2_until = (now + TIP_IGMP_OLDER_PRESENT) ?: 1;
	ver = tip_igmp_version(tn, ifp);

	if (ver == 3 && !ih->group) {
		unsigned long when = now + get_random_u32_below(maxresp) + 1;

		if (!l->general_at || time_before(when, l->general_at)) {
			l->general_at = when;
			tip_igmp_arm(tn, when);
		}
		return;
	}
	list_for_each_entry(mc, &ifp->mc4, list) {
		struct tip_igmp_grp *g = tip_igmp_grp(mc);

		if (g->leaving || !tip_igmp_reportable(ifp, mc->group))
			continue;
		if (ih->group && ih->group != mc->group)
			continue;
		tip_igmp_schedule(tn, g, maxresp, TIP_IGMP_IS_EXCLUDE);
	}
}

/* RFC 2236 3: another member's report makes ours unnecessary. */
static void tip_igmp_heard_report(struct tip_net *tn, struct tip_if *ifp,
				  __be32 group)
{
	struct tip_mc4 *mc = tip_mc4_find(ifp, group);
	struct tip_igmp_grp *g;

	if (!mc || tip_igmp_version(tn, ifp) == 3)
		return;
	g = tip_igmp_grp(mc);
	if (!g->leaving && !g->unsol)
		g->report_at = 0;
}

/* Under tn->lock; skb->data at the IGMP header. */
static int tip_igmp_input(struct tip_net *tn, struct sk_buff *skb)
{
	struct tip_if *ifp = TIP_CB(skb)->iif;
	struct tip_igmp_hdr *ih;

	/* Our own reports looped back have nothing to tell us. */
	if (!ifp || !ifp->dev) {
		consume_skb(skb);
		return 0;
	}
	if (!pskb_may_pull(skb, sizeof(*ih))) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_HDR);
		return 0;
	}
	if (skb_checksum_simple_validate(skb)) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_CSUM);
		return 0;
	}
	if (skb->len > sizeof(*ih) && skb_linearize(skb)) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_NOMEM);
		return 0;
	}
	ih = (struct tip_igmp_hdr *)skb->data;
	switch (ih->type) {
	case TIP_IGMP_QUERY:
		tip_igmp_query(tn, ifp, skb);
		break;
	case TIP_IGMP_V1_REPORT:
	case TIP_IGMP_V2_REPORT:
		tip_igmp_heard_report(tn, ifp, ih->group);
		break;
	default:
		break;
	}
	consume_skb(skb);
	return 0;
}

const struct tip_ip4_proto tip_igmp_proto = {
	.input = tip_igmp_input,
};

/* The link came back: tell the routers again what we listen to. */
void tip_igmp_if_up(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_mc4 *mc;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry(mc, &ifp->mc4, list)
		if (mc->users)
			tip_igmp_start(tn, ifp, tip_igmp_grp(mc),
				       TIP_IGMP_TO_EXCLUDE, false);
}

void tip_igmp_if_gone(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_igmp_link *l = tip_igmp_link_get(tn, ifp);
	struct tip_mc4 *mc, *tmp;
	u8 mac[ETH_ALEN];

	lockdep_assert_held(&tn->lock);
	if (l) {
		list_del(&l->list);
		tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, l, sizeof(*l));
	}
	list_for_each_entry_safe(mc, tmp, &ifp->mc4, list) {
		if (mc->users) {
			ip_eth_mc_map(mc->group, mac);
			tip_if_mc_del(ifp, mac);
		}
		tip_igmp_free(tn, tip_igmp_grp(mc));
	}
}

int tip_igmp_net_init(struct tip_net *tn)
{
	struct tip_igmp_net *in;

	in = tip_kzalloc(sizeof(*in), GFP_KERNEL);
	if (!in)
		return -ENOMEM;
	tip_mem_charge_force(&tn->mem, TINYIP_MEM_OTHER, sizeof(*in));
	in->tn = tn;
	INIT_LIST_HEAD(&in->links);
	timer_setup(&in->timer, tip_igmp_timer, 0);
	tn->ip4.igmp = in;
	return 0;
}

void tip_igmp_net_exit(struct tip_net *tn)
{
	struct tip_igmp_net *in = tn->ip4.igmp;
	struct tip_igmp_link *l, *tmp;

	if (!in)
		return;
	timer_shutdown_sync(&in->timer);
	spin_lock_bh(&tn->lock);
	list_for_each_entry_safe(l, tmp, &tn->ip4.igmp->links, list) {
		list_del(&l->list);
		tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, l, sizeof(*l));
	}
	tn->ip4.igmp = NULL;
	spin_unlock_bh(&tn->lock);
	tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, in, sizeof(*in));
}
