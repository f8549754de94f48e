// SPDX-License-Identifier: GPL-2.0
/*
 * Transmit: IPv4 and IPv6 packets leave a link here. Ethernet links map
 * the next hop to a MAC (RFC 1112 6.4 and RFC 2464 7 for multicast,
 * all-ones for broadcasts, ARP or Neighbor Discovery for the rest) and
 * hand the frame to the device; the loopback link queues the packet for a
 * work item so that output never recurses into input (RFC 1122 3.3.6
 * loopback without touching a device).
 */
#include <linux/etherdevice.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <net/ip.h>
#include <net/if_inet6.h>
#include <net/ipv6.h>

#include <tinyip/fault.h>
#include <tinyip/link.h>
#include <tinyip/neigh.h>
#include <tinyip/tinyip.h>

/* skb->data at the network header; consumes @skb. */
int __tip_eth_xmit(struct tip_if *ifp, struct sk_buff *skb, const u8 *dst,
		   __be16 proto)
{
	struct net_device *dev = ifp->dev;
	struct ethhdr *eth;

	if (tip_skb_cow_head(skb, LL_RESERVED_SPACE(dev))) {
		kfree_skb(skb);
		return -ENOMEM;
	}
	skb_reset_network_header(skb);
	eth = skb_push(skb, ETH_HLEN);
	skb_reset_mac_header(skb);
	ether_addr_copy(eth->h_dest, dst);
	ether_addr_copy(eth->h_source, ifp->hwaddr);
	eth->h_proto = proto;
	skb->dev = dev;
	skb->protocol = proto;
	return dev_queue_xmit(skb);
}

/* Under tn->lock: counts the frame or the reason it was lost. */
int tip_eth_xmit(struct tip_if *ifp, struct sk_buff *skb, const u8 *dst,
		 __be16 proto)
{
	unsigned int len = skb->len + ETH_HLEN;
	int ret;

	lockdep_assert_held(&ifp->tn->lock);
	ret = __tip_eth_xmit(ifp, skb, dst, proto);
	if (ret == -ENOMEM) {
		ifp->stats.tx_drops[TINYIP_DROP_NOMEM]++;
		return ret;
	}
	if (ret < 0 || net_xmit_eval(ret)) {
		ifp->stats.tx_drops[TINYIP_DROP_OTHER]++;
		return ret < 0 ? ret : net_xmit_errno(ret);
	}
	ifp->stats.tx_packets++;
	ifp->stats.tx_bytes += len;
	return 0;
}

static int tip_lo_xmit(struct tip_if *ifp, struct sk_buff *skb)
{
	struct tip_link *l = tip_link(ifp);

	if (ifp->dying) {
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_LINK_DOWN);
		return -ENETDOWN;
	}
	/* The sender's socket must not pay for what waits here. */
	skb_orphan(skb);
	skb_dst_drop(skb);
	if (skb_queue_len(&l->lo_queue) >= TIP_LO_QLEN ||
	    tip_mem_charge(&ifp->tn->mem, TINYIP_MEM_SNDQ, skb->truesize)) {
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_NOMEM);
		return -ENOBUFS;
	}
	ifp->stats.tx_packets++;
	ifp->stats.tx_bytes += skb->len;
	skb_queue_tail(&l->lo_queue, skb);
	schedule_work(&l->lo_work);
	return 0;
}

/* Delivers looped packets with BH off, as if they had come from a NIC. */
void tip_lo_work(struct work_struct *work)
{
	struct tip_link *l = container_of(work, struct tip_link, lo_work);
	const struct tip_link_upper6 *upper6 = READ_ONCE(tip_upper6);
	const struct tip_link_upper *upper = READ_ONCE(tip_upper);
	struct tip_if *ifp = &l->ifp;
	struct tip_net *tn = ifp->tn;
	struct sk_buff *skb;
	int budget = 64;

	while (budget-- && (skb = skb_dequeue(&l->lo_queue))) {
		struct tip_skb_cb *cb = TIP_CB(skb);
		const struct iphdr *iph;
		bool v6 = false;

		tip_mem_uncharge(&tn->mem, TINYIP_MEM_SNDQ, skb->truesize);
		memset(skb->cb, 0, sizeof(skb->cb));
		cb->iif = ifp;
		cb->flags = TIP_CB_F_LOOP;
		skb_reset_network_header(skb);
		skb->pkt_type = PACKET_HOST;
		if (pskb_may_pull(skb, sizeof(*iph))) {
			iph = ip_hdr(skb);
			v6 = iph->version == 6;
			if (v6) {
				if (ipv6_addr_is_multicast(&ipv6_hdr(skb)->daddr))
					cb->flags |= TIP_CB_F_MCAST;
			} else if (ipv4_is_multicast(iph->daddr)) {
				cb->flags |= TIP_CB_F_MCAST;
			} else if (ipv4_is_lbcast(iph->daddr)) {
				cb->flags |= TIP_CB_F_BCAST;
			}
		}

		local_bh_disable();
		spin_lock(&tn->lock);
		ifp->stats.rx_packets++;
		ifp->stats.rx_bytes += skb->len;
		if ((v6 ? !upper6 : !upper) || ifp->dying) {
			tip_if_rx_drop(ifp, skb, TINYIP_DROP_LINK_DOWN);
			skb = NULL;
		}
		spin_unlock(&tn->lock);
		if (skb && v6)
			upper6->ip6_input(skb);
		else if (skb)
			upper->ip4_input(skb);
		local_bh_enable();
	}
	/* Let others run between batches; requeueing is cancel-safe. */
	if (!skb_queue_empty(&l->lo_queue))
		schedule_work(work);
}

static bool tip_if_is_bcast(struct tip_if *ifp, __be32 addr)
{
	struct tip_ifaddr4 *a;

	if (ipv4_is_lbcast(addr))
		return true;
	list_for_each_entry(a, &ifp->addr4, list)
		if (a->bcast == addr)
			return true;
	return false;
}

/*
 * What both IP families do first: the loopback link takes the packet
 * whole, a link that is down or going refuses it. False when @skb has
 * been consumed, with *@ret what to return.
 */
static bool tip_link_ready(struct tip_if *ifp, struct sk_buff *skb, int *ret)
{
	if (ifp->mode == TINYIP_LINK_MODE_LOOPBACK) {
		*ret = tip_lo_xmit(ifp, skb);
		return false;
	}
	if (ifp->dying || !ifp->up) {
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_LINK_DOWN);
		*ret = -ENETDOWN;
		return false;
	}
	return true;
}

int tip_link_output4(struct tip_if *ifp, struct sk_buff *skb,
		     __be32 nexthop)
{
	u8 mac[ETH_ALEN];
	int ret;

	lockdep_assert_held(&ifp->tn->lock);
	if (!tip_link_ready(ifp, skb, &ret))
		return ret;
	if (ipv4_is_multicast(nexthop)) {
		ip_eth_mc_map(nexthop, mac);
		return tip_eth_xmit(ifp, skb, mac, htons(ETH_P_IP));
	}
	if (tip_if_is_bcast(ifp, nexthop))
		return tip_eth_xmit(ifp, skb, ifp->dev->broadcast,
				    htons(ETH_P_IP));
	return tip_neigh_output(ifp, skb, nexthop);
}

int tip_link_output6(struct tip_if *ifp, struct sk_buff *skb,
		     const struct in6_addr *nexthop)
{
	u8 mac[ETH_ALEN];
	int ret;

	lockdep_assert_held(&ifp->tn->lock);
	if (!tip_link_ready(ifp, skb, &ret))
		return ret;
	if (ipv6_addr_is_multicast(nexthop)) {
		ipv6_eth_mc_map(nexthop, (char *)mac);
		return tip_eth_xmit(ifp, skb, mac, htons(ETH_P_IPV6));
	}
	return tip_neigh_output6(ifp, skb, nexthop);
}
