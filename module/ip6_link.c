// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv6 side of a link's life: its state is made on attach, a
 * link-local address comes up with the link (RFC 4862 5.3), router
 * solicitations follow (RFC 4861 6.3.7), and one timer per link, armed
 * for the earliest deadline only, drives DAD, solicitations, MLD reports
 * and lifetimes, so a quiet link costs nothing. Also the instance's
 * IPv6 setup (::1 on the loopback link) and the module's.
 */
#include <linux/random.h>
#include <net/ipv6.h>

#include <tinyip/ip6.h>
#include <tinyip/tinyip.h>

#define TIP_RS_INTERVAL		(4 * HZ)	/* RTR_SOLICITATION_INTERVAL */
#define TIP_RETRANS_MS		1000		/* RETRANS_TIMER */

void tip_ip6_if_arm(struct tip_if *ifp, unsigned long when)
{
	struct tip_if6 *in6 = ifp->in6;

	if (!in6 || ifp->dying)
		return;
	if (in6->timer_armed && !time_before(when, in6->timer_at))
		return;
	in6->timer_at = when;
	in6->timer_armed = true;
	mod_timer(&in6->timer, when);
}

static void tip_ip6_if_timer(struct timer_list *t)
{
	struct tip_if6 *in6 = from_timer(in6, t, timer);
	struct tip_if *ifp = in6->ifp;
	struct tip_net *tn = ifp->tn;
	unsigned long now = jiffies, next, at;

	spin_lock(&tn->lock);
	in6->timer_armed = false;
	if (ifp->dying || !ifp->up)
		goto out;
	next = tip_ip6_addrs_tick(ifp, now);
	if (in6->rs_left) {
		if (!time_before(now, in6->rs_at)) {
			tip_nd6_send_rs(ifp);
			in6->rs_left--;
			in6->rs_at = now + TIP_RS_INTERVAL;
		}
		if (in6->rs_left)
			tip_ip6_next(&next, in6->rs_at);
	}
	at = tip_mld_timer(ifp, now);
	if (at)
		tip_ip6_next(&next, at);
	at = tip_nd6_ra_timer(ifp, now);
	if (at)
		tip_ip6_next(&next, at);
	tip_ip6_routes_expire(tn);
	at = tip_ip6_routes_next(tn, ifp);
	if (at)
		tip_ip6_next(&next, at);
	if (next)
		tip_ip6_if_arm(ifp, next);
out:
	spin_unlock(&tn->lock);
}

/* RTNL held, tn->lock not. */
static void tip_ip6_if_up(struct tip_net *tn, struct tip_if *ifp)
{
	spin_lock_bh(&tn->lock);
	if (ifp->in6 && !ifp->dying) {
		ifp->in6->mtu = ifp->mtu;
		tip_ip6_addr_linklocal(ifp);
		tip_ip6_addrs_restart(ifp);
		tip_mld_rejoin(ifp);
		tip_nd6_ra_kick(ifp);
	}
	spin_unlock_bh(&tn->lock);
}

static int tip_ip6_if_attach(struct tip_net *tn, struct tip_if *ifp)
{
	static const u8 all_nodes[ETH_ALEN] = { 0x33, 0x33, 0, 0, 0, 1 };
	struct tip_if6 *in6;

	in6 = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*in6),
			     GFP_KERNEL);
	if (!in6)
		return -ENOBUFS;
	in6->ifp = ifp;
	in6->hop_limit = 64;
	in6->mtu = ifp->mtu;
	in6->retrans_ms = TIP_RETRANS_MS;
	timer_setup(&in6->timer, tip_ip6_if_timer, 0);
	/* ff02::1 is joined by every node, without reports (RFC 3810 6). */
	tip_if_mc_add(ifp, all_nodes);
	spin_lock_bh(&tn->lock);
	ifp->in6 = in6;
	spin_unlock_bh(&tn->lock);
	if (ifp->up)
		tip_ip6_if_up(tn, ifp);
	return 0;
}

static void tip_ip6_if_down(struct tip_net *tn, struct tip_if *ifp, bool gone)
{
	static const u8 all_nodes[ETH_ALEN] = { 0x33, 0x33, 0, 0, 0, 1 };
	struct tip_if6 *in6 = ifp->in6;

	if (!gone) {
		/* Timers stop on their own while the link is down. */
		spin_lock_bh(&tn->lock);
		if (in6)
			in6->rs_left = 0;
		spin_unlock_bh(&tn->lock);
		return;
	}
	if (in6)
		timer_shutdown_sync(&in6->timer);
	spin_lock_bh(&tn->lock);
	tip_ip6_addrs_flush(tn, ifp);
	tip_ip6_routes_flush(tn, ifp);
	tip_mld_flush(ifp);
	tip_ip6_defrag_if_gone(tn, ifp);
	ifp->in6 = NULL;
	spin_unlock_bh(&tn->lock);
	if (in6) {
		tip_if_mc_del(ifp, all_nodes);
		tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, in6, sizeof(*in6));
	}
}

static void tip_ip6_nd_solicit(struct tip_if *ifp,
			       const struct in6_addr *target, const u8 *mac)
{
	tip_nd6_solicit(ifp, target, mac);
}

static const struct tip_link_upper6 tip_ip6_upper = {
	.ip6_input = tip_ip6_input,
	.if_attach = tip_ip6_if_attach,
	.if_up = tip_ip6_if_up,
	.if_down = tip_ip6_if_down,
	.nd_solicit = tip_ip6_nd_solicit,
};

/*
 * A router answers ND as one (the R flag) and stops learning from RAs;
 * links told to advertise start doing so.
 */
void tip_ip6_set_forwarding(struct tip_net *tn, bool on)
{
	struct tip_if *ifp;

	spin_lock_bh(&tn->lock);
	if (tn->ip6.forwarding != on) {
		WRITE_ONCE(tn->ip6.forwarding, on);
		list_for_each_entry(ifp, &tn->ifs, list)
			if (on && !ifp->dying)
				tip_nd6_ra_kick(ifp);
	}
	spin_unlock_bh(&tn->lock);
}

int tip_ip6_net_init(struct tip_net *tn)
{
	int ret = 0;

	INIT_LIST_HEAD(&tn->ip6.routes);
	INIT_LIST_HEAD(&tn->ip6.pmtu);
	tn->ip6.accept_ra = true;
	tn->ip6.icmp_stamp = jiffies;
	get_random_bytes(&tn->ip6.iid_key, sizeof(tn->ip6.iid_key));
	tip_ip6_defrag_init(tn);
	if (tn->lo) {
		spin_lock_bh(&tn->lock);
		ret = tip_ip6_addr_add(tn, tn->lo, &in6addr_loopback, 128, 0,
				       TIP_IP6_LFT_FOREVER,
				       TIP_IP6_LFT_FOREVER, NULL);
		spin_unlock_bh(&tn->lock);
	}
	if (ret)
		tip_ip6_defrag_exit(tn);
	return ret;
}

void tip_ip6_net_exit(struct tip_net *tn)
{
	struct tip_if *ifp;

	tip_ip6_defrag_exit(tn);
	spin_lock_bh(&tn->lock);
	/* Links normally went away first; whatever is left goes now. */
	list_for_each_entry(ifp, &tn->ifs, list)
		tip_ip6_addrs_flush(tn, ifp);
	tip_ip6_routes_flush(tn, NULL);
	tip_ip6_pmtu_flush(tn);
	spin_unlock_bh(&tn->lock);
}

int tip_ip6_init(void)
{
	int ret;

	ret = tip_icmp6_init();
	if (ret)
		return ret;
	tip_link_register_upper6(&tip_ip6_upper);
	return 0;
}

/*
 * The upper stays registered: instances still being torn down after
 * this (pernet exit runs later) must drop their links' IPv6 state.
 */
void tip_ip6_exit(void)
{
	tip_icmp6_exit();
}
