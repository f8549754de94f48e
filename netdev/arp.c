// SPDX-License-Identifier: GPL-2.0
/*
 * ARP for tinyip's Ethernet links (RFC 826): answers requests for any
 * address of the link, merges senders into the neighbour cache, sends
 * the requests the cache asks for and the announcements of RFC 5227
 * (gratuitous ARP) when an address or the link comes up. Conflicts with
 * our own addresses are reported, never cached.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include <tinyip/fault.h>
#include <tinyip/ip4.h>
#include <tinyip/link.h>
#include <tinyip/neigh.h>
#include <tinyip/tinyip.h>

static struct sk_buff *arp_alloc(struct tip_if *ifp, u16 op, __be32 sip,
				 const u8 *tha, __be32 tip)
{
	struct net_device *dev = ifp->dev;
	struct sk_buff *skb;

	skb = tip_alloc_skb(LL_RESERVED_SPACE(dev) + TIP_ARP_LEN +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	tip_arp_build(skb_put(skb, TIP_ARP_LEN), op, ifp->hwaddr, sip, tha,
		      tip);
	return skb;
}

/* Under tn->lock. @dst NULL broadcasts. */
int tip_arp_send(struct tip_if *ifp, u16 op, const u8 *dst, __be32 sip,
		 const u8 *tha, __be32 tip)
{
	struct sk_buff *skb;

	skb = arp_alloc(ifp, op, sip, tha, tip);
	if (!skb) {
		ifp->stats.tx_drops[TINYIP_DROP_NOMEM]++;
		return -ENOMEM;
	}
	return tip_eth_xmit(ifp, skb, dst ?: ifp->dev->broadcast,
			    htons(ETH_P_ARP));
}

/*
 * RFC 5227 2.3: a request with sender and target both set to the new
 * address, broadcast. Callable with or without tn->lock: it only reads
 * the link and is not counted, being control traffic.
 */
void tip_arp_announce(struct tip_if *ifp, __be32 addr)
{
	struct sk_buff *skb;

	if (!ifp->dev || READ_ONCE(ifp->dying) || !READ_ONCE(ifp->up))
		return;
	skb = arp_alloc(ifp, TIP_ARP_OP_REQUEST, addr, NULL, addr);
	if (skb)
		__tip_eth_xmit(ifp, skb, ifp->dev->broadcast,
			       htons(ETH_P_ARP));
}

static tip_arp_acd_t tip_arp_acd;

void tip_arp_set_acd(tip_arp_acd_t fn)
{
	WRITE_ONCE(tip_arp_acd, fn);
}

/* A sender claiming a directed broadcast of the link is lying. */
static bool arp_sip_is_bcast(struct tip_if *ifp, __be32 sip)
{
	struct tip_ifaddr4 *a;

	list_for_each_entry(a, &ifp->addr4, list)
		if (a->bcast == sip)
			return true;
	return false;
}

/* Under tn->lock; skb->data at the ARP header. Consumes @skb. */
void tip_arp_rcv(struct tip_if *ifp, struct sk_buff *skb)
{
	u8 buf[TIP_ARP_LEN], sha[ETH_ALEN];
	struct tip_arp_view v;
	const void *p;
	tip_arp_acd_t acd;
	bool for_us, to_us;

	lockdep_assert_held(&ifp->tn->lock);
	p = skb_header_pointer(skb, 0, TIP_ARP_LEN, buf);
	if (!p || tip_arp_parse(p, TIP_ARP_LEN, &v) ||
	    arp_sip_is_bcast(ifp, v.sip)) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_ARP_BAD);
		return;
	}
	ether_addr_copy(sha, v.sha);
	/* Our own broadcast, echoed by a hub or a bridge. */
	if (ether_addr_equal(sha, ifp->hwaddr))
		goto out;
	acd = READ_ONCE(tip_arp_acd);
	if (acd)
		acd(ifp, v.sip, v.tip, sha);

	for_us = tip_ip4_addr_on(ifp, v.tip);
	if (!v.sip) {
		/* RFC 5227 probe: defend the address, learn nothing. */
		if (v.op == TIP_ARP_OP_REQUEST && for_us)
			tip_arp_send(ifp, TIP_ARP_OP_REPLY, sha, v.tip, sha, 0);
		goto out;
	}
	if (tip_ip4_addr_on(ifp, v.sip)) {
		net_warn_ratelimited("%s: %pI4 is also used by %pM\n",
				     ifp->name, &v.sip, sha);
		goto out;
	}

	/* Only a unicast reply proves the path both ways. */
	to_us = v.op == TIP_ARP_OP_REPLY &&
		ether_addr_equal(eth_hdr(skb)->h_dest, ifp->hwaddr);
	tip_neigh_arp_input(ifp, v.sip, sha, for_us, to_us);

	/* A gratuitous request (sender == target) expects no answer. */
	if (v.op == TIP_ARP_OP_REQUEST && for_us && v.sip != v.tip)
		tip_arp_send(ifp, TIP_ARP_OP_REPLY, sha, v.tip, sha, v.sip);
out:
	consume_skb(skb);
}
