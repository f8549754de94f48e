// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv4 client's I/O (RFC 2131; RFC 5227 for the offered address):
 * a UDP PCB on port 68 per link, replies taken before the link has an
 * address (broadcast, and unicast to the address being offered, as
 * dnsmasq sends both), ARP probes and the watch for conflicts, and the
 * lease applied to the link (address, default route, MTU) or removed.
 *
 * The state machine (dhcp4_fsm.c) runs only in one delayed work item per
 * client, under the instance's DHCP mutex: the receive path, in softirq
 * under tn->lock, queues replies and flags conflicts, then kicks the
 * work. So a client never sleeps under tn->lock and configuring an
 * address (which takes tn->lock) is plain process context.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/rtnetlink.h>
#include <linux/udp.h>
#include <linux/utsname.h>
#include <net/checksum.h>
#include <net/ip.h>

#include <tinyip/addr.h>
#include <tinyip/fault.h>
#include <tinyip/neigh.h>
#include <tinyip/tinyip.h>
#include "dhcp4_local.h"

u64 tip_dhcp4_now(void)
{
	return jiffies64_to_msecs(get_jiffies_64());
}

static struct tip_dhcp4_client *tip_dhcp4_find(struct tip_net *tn,
					       const struct tip_if *ifp)
{
	struct tip_dhcp4_client *c;

	lockdep_assert_held(&tn->dhcp4.lock);
	list_for_each_entry(c, &tn->dhcp4.clients, list)
		if (c->ifp == ifp)
			return c;
	return NULL;
}

/* Softirq, tn->lock held: queue the reply for the work item. */
static void tip_dhcp4_recv(struct tip_udp_pcb *pcb, struct sk_buff *skb)
{
	struct tip_dhcp4_client *c = pcb->ctx;

	if (skb_queue_len(&c->rxq) >= TIP_DHCP4_RXQ_MAX) {
		tip_if_rx_drop(c->ifp, skb, TINYIP_DROP_RCVBUF);
		return;
	}
	__skb_pull(skb, sizeof(struct udphdr));
	skb_queue_tail(&c->rxq, skb);
	mod_delayed_work(system_wq, &c->work, 0);
}

static const struct tip_udp_ops tip_dhcp4_udp_ops = {
	.recv = tip_dhcp4_recv,
};

/*
 * IPv4 input, tn->lock held: a UDP datagram to port 68 for an address
 * the link lacks is taken while a client runs (RFC 2131 4.1: a server
 * may unicast the offer to the address it offers).
 */
bool tip_dhcp4_wants(struct tip_if *ifp, const struct sk_buff *skb,
		     unsigned int hlen)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct udphdr _uh;
	const struct udphdr *uh;

	if (!ifp || !ifp->dhcp4 || iph->protocol != IPPROTO_UDP ||
	    (iph->frag_off & htons(IP_MF | IP_OFFSET)))
		return false;
	uh = skb_header_pointer(skb, hlen, sizeof(_uh), &_uh);
	return uh && uh->dest == htons(TIP_DHCP4_CLIENT_PORT) &&
	       uh->source == htons(TIP_DHCP4_SERVER_PORT);
}

/*
 * ARP input, tn->lock held (RFC 5227 2.1.1, 2.4): a sender with the
 * watched address, or while probing another host's probe for it.
 */
static void tip_dhcp4_arp(struct tip_if *ifp, __be32 sip, __be32 tip,
			  const u8 *sha)
{
	struct tip_dhcp4_client *c = ifp->dhcp4;

	if (!c || !c->watch || ether_addr_equal(sha, ifp->hwaddr))
		return;
	if (sip == c->watch ||
	    (!sip && tip == c->watch &&
	     c->fsm.state == TINYIP_DHCP_CHECKING)) {
		c->conflict = true;
		mod_delayed_work(system_wq, &c->work, 0);
	}
}

/* A UDP datagram from 68 to 67, built whole here: there may be no address. */
static void tip_dhcp4_xmit(struct tip_dhcp4_client *c, int len)
{
	struct tip_dhcp4_req *r = &c->fsm.tx;
	struct tip_net *tn = c->tn;
	struct tip_ip4_tx tx = {};
	struct tip_rt4_res res;
	__be32 saddr = 0, daddr = htonl(INADDR_BROADCAST);
	struct sk_buff *skb;
	struct udphdr *uh;
	unsigned int ulen = len + sizeof(*uh);

	/* RFC 2131 4.4.5, 4.4.6: renewals and RELEASE go to the server. */
	if (r->ciaddr && r->server == 0 &&
	    c->fsm.state == TINYIP_DHCP_RENEWING)
		daddr = c->fsm.lease.server;
	if (r->type == TIP_DHCPRELEASE && r->server)
		daddr = r->server;
	if (r->ciaddr)
		saddr = r->ciaddr;

	skb = tip_alloc_skb(TIP_HEADROOM + ulen, GFP_KERNEL);
	if (!skb)
		return;
	skb_reserve(skb, TIP_HEADROOM + sizeof(*uh));
	skb_put_data(skb, c->txbuf, len);
	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = htons(TIP_DHCP4_CLIENT_PORT);
	uh->dest = htons(TIP_DHCP4_SERVER_PORT);
	uh->len = htons(ulen);
	uh->check = 0;
	uh->check = csum_tcpudp_magic(saddr, daddr, ulen, IPPROTO_UDP,
				      csum_partial(uh, ulen, 0)) ?:
		    CSUM_MANGLED_0;
	skb->ip_summed = CHECKSUM_NONE;
	tx.ttl = 64;

	spin_lock_bh(&tn->lock);
	if (READ_ONCE(c->ifp->dying) ||
	    tip_ip4_route(tn, daddr, c->ifp->ifindex, &res)) {
		spin_unlock_bh(&tn->lock);
		kfree_skb(skb);
		return;
	}
	tip_ip4_output(tn, skb, &res, saddr, daddr, IPPROTO_UDP, &tx);
	spin_unlock_bh(&tn->lock);
}

static void tip_dhcp4_send(struct tip_dhcp4_client *c)
{
	struct tip_dhcp4_req *r = &c->fsm.tx;
	int len;

	r->chaddr = c->ifp->hwaddr;
	r->hostname = c->hostname;
	len = tip_dhcp4_build(c->txbuf, sizeof(c->txbuf), r);
	if (len > 0)
		tip_dhcp4_xmit(c, len);
}

/* The address, route and MTU this client configured go away. */
static void tip_dhcp4_remove(struct tip_dhcp4_client *c)
{
	struct tip_dhcp4_fsm *f = &c->fsm;
	struct tip_net *tn = c->tn;

	spin_lock_bh(&tn->lock);
	c->watch = 0;
	if (c->mtu_orig) {
		WRITE_ONCE(c->ifp->mtu, c->mtu_orig);
		c->mtu_orig = 0;
	}
	spin_unlock_bh(&tn->lock);
	if (!f->applied)
		return;
	if (f->applied_router)
		tip_ip4_route_del(tn, 0, 0, f->applied_router, c->ifp, 0,
				  NULL);
	tip_ip4_addr_del(tn, c->ifp, f->applied, NULL);
	f->applied = 0;
	f->applied_router = 0;
	tip_dns_servers_set(tn, c->ifp->ifindex, TIP_DNS_SRC_DHCP4, NULL, 0);
}

/* The lease's DNS servers (option 6) become the resolver's for the link. */
static void tip_dhcp4_apply_dns(struct tip_dhcp4_client *c)
{
	const struct tip_dhcp4_lease *l = &c->fsm.lease;
	struct in6_addr srv[TIP_DHCP4_MAX_DNS];
	unsigned int i;

	for (i = 0; i < l->ndns && i < ARRAY_SIZE(srv); i++)
		tip_addr_from4(&srv[i], l->dns[i]);
	tip_dns_servers_set(c->tn, c->ifp->ifindex, TIP_DNS_SRC_DHCP4, srv, i);
}

/*
 * The bound lease onto the link. A renewal that changed nothing changes
 * nothing; a new router replaces the old default route.
 */
static void tip_dhcp4_apply(struct tip_dhcp4_client *c)
{
	struct tip_dhcp4_fsm *f = &c->fsm;
	struct tip_dhcp4_lease *l = &f->lease;
	struct tip_net *tn = c->tn;
	u8 plen = l->prefixlen;

	/* No subnet option: the classful mask of old (RFC 2131 is silent). */
	if (!plen)
		plen = IN_CLASSA(ntohl(l->addr)) ? 8 :
		       IN_CLASSB(ntohl(l->addr)) ? 16 : 24;
	if (f->applied != l->addr) {
		if (f->applied)
			tip_dhcp4_remove(c);
		if (tip_ip4_addr_add(tn, c->ifp, l->addr, plen, NULL))
			return;
		f->applied = l->addr;
		f->applied_prefixlen = plen;
	}
	if (f->applied_router != l->router) {
		if (f->applied_router)
			tip_ip4_route_del(tn, 0, 0, f->applied_router, c->ifp,
					  0, NULL);
		f->applied_router = 0;
		if (l->router &&
		    !tip_ip4_route_add(tn, 0, 0, l->router, c->ifp, 0, NULL))
			f->applied_router = l->router;
	}
	spin_lock_bh(&tn->lock);
	c->watch = l->addr;
	/* Option 26 may only lower what the device carries. */
	if (l->mtu && c->ifp->dev && l->mtu <= c->ifp->dev->mtu &&
	    l->mtu != c->ifp->mtu) {
		if (!c->mtu_orig)
			c->mtu_orig = c->ifp->mtu;
		WRITE_ONCE(c->ifp->mtu, l->mtu);
	}
	spin_unlock_bh(&tn->lock);
	tip_dhcp4_apply_dns(c);
}

static void tip_dhcp4_act(struct tip_dhcp4_client *c, u32 out)
{
	struct tip_dhcp4_fsm *f = &c->fsm;
	struct tip_net *tn = c->tn;

	/* RELEASE leaves from the address before it goes. */
	if (out & TIP_DHCP4_DO_SEND)
		tip_dhcp4_send(c);
	if (out & TIP_DHCP4_DO_REMOVE)
		tip_dhcp4_remove(c);
	if (out & TIP_DHCP4_DO_PROBE) {
		spin_lock_bh(&tn->lock);
		c->watch = f->offer.addr;
		if (!READ_ONCE(c->ifp->dying) && READ_ONCE(c->ifp->up))
			tip_arp_send(c->ifp, TIP_ARP_OP_REQUEST, NULL, 0,
				     NULL, f->offer.addr);
		spin_unlock_bh(&tn->lock);
	}
	if (out & TIP_DHCP4_DO_APPLY)
		tip_dhcp4_apply(c);
	if (out & TIP_DHCP4_DO_ANNOUNCE)
		tip_arp_announce(c->ifp, f->lease.addr);
	if (f->state == TINYIP_DHCP_INIT || f->state == TINYIP_DHCP_SELECTING) {
		spin_lock_bh(&tn->lock);
		c->watch = 0;
		spin_unlock_bh(&tn->lock);
	}
	if (out & TIP_DHCP4_DO_EVENT) {
		if (f->event == TINYIP_DHCP_EV_CONFLICT)
			tn->dhcp4.acd_conflicts++;
		tip_nl_dhcp_event(c);
	}
}

/* A transaction ID: random bits, which have no byte order. */
static __be32 tip_dhcp4_xid(void)
{
	return (__force __be32)get_random_u32();
}

/* Pulls the queued replies off under tn->lock, one at a time. */
static struct sk_buff *tip_dhcp4_next_rx(struct tip_dhcp4_client *c)
{
	struct sk_buff *skb;

	spin_lock_bh(&c->tn->lock);
	skb = __skb_dequeue(&c->rxq);
	spin_unlock_bh(&c->tn->lock);
	return skb;
}

static void tip_dhcp4_work(struct work_struct *work)
{
	struct tip_dhcp4_client *c = container_of(to_delayed_work(work),
						  struct tip_dhcp4_client,
						  work);
	struct tip_dhcp4_fsm *f = &c->fsm;
	struct tip_net *tn = c->tn;
	struct tip_dhcp4_msg m;
	struct sk_buff *skb;
	bool conflict;
	u64 now;
	u32 out;

	mutex_lock(&tn->dhcp4.lock);
	if (c->dead || f->state == TINYIP_DHCP_STOPPED)
		goto out;
	while ((skb = tip_dhcp4_next_rx(c))) {
		unsigned int len = min_t(unsigned int, skb->len,
					   TIP_DHCP4_RX_MAX);
		int err = skb_copy_bits(skb, 0, c->rxbuf, len);

		consume_skb(skb);
		if (err || tip_dhcp4_parse(c->rxbuf, len, &m) ||
		    !ether_addr_equal(m.chaddr, c->ifp->hwaddr) ||
		    m.xid != f->xid) {
			/* Malformed, or another client's transaction. */
			tn->dhcp4.rx_bad++;
			continue;
		}
		f->rand = get_random_u32();
		tip_dhcp4_fsm_reply(f, tip_dhcp4_now(), &m, tip_dhcp4_xid(),
				    &out);
		tip_dhcp4_act(c, out);
	}

	spin_lock_bh(&tn->lock);
	conflict = c->conflict;
	c->conflict = false;
	spin_unlock_bh(&tn->lock);
	if (conflict) {
		pr_info("%s: %pI4 is in use by another host\n", c->ifp->name,
			&c->watch);
		f->rand = get_random_u32();
		tip_dhcp4_fsm_conflict(f, tip_dhcp4_now(), tip_dhcp4_xid(),
				       &out);
		tip_dhcp4_act(c, out);
	}

	now = tip_dhcp4_now();
	f->rand = get_random_u32();
	tip_dhcp4_fsm_timeout(f, now, tip_dhcp4_xid(), &out);
	tip_dhcp4_act(c, out);

	if (f->wake != U64_MAX && f->state != TINYIP_DHCP_STOPPED) {
		now = tip_dhcp4_now();
		mod_delayed_work(system_wq, &c->work,
				 f->wake > now ?
				 msecs_to_jiffies(min_t(u64, f->wake - now,
							24 * 3600 * 1000)) :
				 0);
	}
out:
	mutex_unlock(&tn->dhcp4.lock);
}

static int tip_dhcp4_open(struct tip_dhcp4_client *c)
{
	struct tip_net *tn = c->tn;
	struct tip_udp_pcb *pcb;
	struct in6_addr any;
	int ret;

	pcb = tip_udp_pcb_new(tn, IPPROTO_UDP, &tip_dhcp4_udp_ops, c);
	if (IS_ERR(pcb))
		return PTR_ERR(pcb);
	tip_addr_from4(&any, 0);
	spin_lock_bh(&tn->lock);
	pcb->inet.broadcast = true;
	tip_udp_set_bound_if(pcb, c->ifp->ifindex);
	ret = tip_udp_bind(pcb, &any, htons(TIP_DHCP4_CLIENT_PORT), true);
	if (!ret)
		c->ifp->dhcp4 = c;
	spin_unlock_bh(&tn->lock);
	if (ret) {
		tip_udp_pcb_free(pcb);
		return ret;
	}
	c->pcb = pcb;
	return 0;
}

/* tn->dhcp4.lock held; the client stays, stopped, with its last lease. */
static void tip_dhcp4_close(struct tip_dhcp4_client *c)
{
	struct tip_net *tn = c->tn;

	spin_lock_bh(&tn->lock);
	c->ifp->dhcp4 = NULL;
	c->watch = 0;
	c->conflict = false;
	spin_unlock_bh(&tn->lock);
	if (c->pcb) {
		tip_udp_pcb_free(c->pcb);
		c->pcb = NULL;
	}
	spin_lock_bh(&tn->lock);
	__skb_queue_purge(&c->rxq);
	spin_unlock_bh(&tn->lock);
}

/* Netlink, RTNL held (so @ifp stays). */
int tip_dhcp4_start(struct tip_net *tn, struct tip_if *ifp,
		    const char *hostname, struct netlink_ext_ack *extack)
{
	struct tip_dhcp4_client *c;
	u32 out;
	int ret;

	mutex_lock(&tn->dhcp4.lock);
	c = tip_dhcp4_find(tn, ifp);
	if (c && c->fsm.state != TINYIP_DHCP_STOPPED) {
		NL_SET_ERR_MSG(extack, "DHCP already runs on the link");
		ret = -EBUSY;
		goto out;
	}
	if (!c) {
		c = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*c),
				   GFP_KERNEL);
		if (!c) {
			NL_SET_ERR_MSG(extack, "Memory budget exhausted");
			ret = -ENOBUFS;
			goto out;
		}
		c->tn = tn;
		c->ifp = ifp;
		INIT_DELAYED_WORK(&c->work, tip_dhcp4_work);
		skb_queue_head_init(&c->rxq);
		list_add_tail(&c->list, &tn->dhcp4.clients);
	}
	if (hostname)
		strscpy(c->hostname, hostname, sizeof(c->hostname));
	else
		strscpy(c->hostname, utsname()->nodename,
			sizeof(c->hostname));
	ret = tip_dhcp4_open(c);
	if (ret) {
		NL_SET_ERR_MSG(extack, "UDP port 68 is taken on the link");
		goto out;
	}
	c->fsm.rand = get_random_u32();
	tip_dhcp4_fsm_start(&c->fsm, tip_dhcp4_now(), tip_dhcp4_xid(), &out);
	tip_dhcp4_act(c, out);
	mod_delayed_work(system_wq, &c->work, 0);
out:
	mutex_unlock(&tn->dhcp4.lock);
	return ret;
}

int tip_dhcp4_stop(struct tip_net *tn, struct tip_if *ifp,
		   struct netlink_ext_ack *extack)
{
	struct tip_dhcp4_client *c;
	int ret = 0;
	u32 out;

	mutex_lock(&tn->dhcp4.lock);
	c = tip_dhcp4_find(tn, ifp);
	if (!c || c->fsm.state == TINYIP_DHCP_STOPPED) {
		NL_SET_ERR_MSG(extack, "DHCP does not run on the link");
		ret = -ENOENT;
		goto out;
	}
	tip_dhcp4_fsm_stop(&c->fsm, tip_dhcp4_xid(), &out);
	tip_dhcp4_act(c, out);
	tip_dhcp4_close(c);
	/* The work sees STOPPED if it runs; no need to wait for it. */
	cancel_delayed_work(&c->work);
out:
	mutex_unlock(&tn->dhcp4.lock);
	return ret;
}

static void tip_dhcp4_free(struct tip_dhcp4_client *c)
{
	cancel_delayed_work_sync(&c->work);
	skb_queue_purge(&c->rxq);
	tip_mem_free(&c->tn->mem, TINYIP_MEM_OTHER, c, sizeof(*c));
}

/*
 * The link goes away (RTNL held): its addresses and routes go with it,
 * so the client only stops, silently, and is forgotten.
 */
void tip_dhcp4_if_gone(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_dhcp4_client *c;

	mutex_lock(&tn->dhcp4.lock);
	c = tip_dhcp4_find(tn, ifp);
	if (c) {
		list_del(&c->list);
		c->dead = true;
		tip_dhcp4_close(c);
	}
	mutex_unlock(&tn->dhcp4.lock);
	if (c)
		tip_dhcp4_free(c);
}

int tip_dhcp4_net_init(struct tip_net *tn)
{
	mutex_init(&tn->dhcp4.lock);
	INIT_LIST_HEAD(&tn->dhcp4.clients);
	return 0;
}

void tip_dhcp4_net_exit(struct tip_net *tn)
{
	struct tip_dhcp4_client *c, *tmp;
	LIST_HEAD(gone);

	mutex_lock(&tn->dhcp4.lock);
	list_for_each_entry_safe(c, tmp, &tn->dhcp4.clients, list) {
		c->dead = true;
		tip_dhcp4_close(c);
		list_move(&c->list, &gone);
	}
	mutex_unlock(&tn->dhcp4.lock);
	list_for_each_entry_safe(c, tmp, &gone, list)
		tip_dhcp4_free(c);
	mutex_destroy(&tn->dhcp4.lock);
}

int tip_dhcp4_init(void)
{
	tip_arp_set_acd(tip_dhcp4_arp);
	return 0;
}

void tip_dhcp4_exit(void)
{
	tip_arp_set_acd(NULL);
}
