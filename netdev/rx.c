// SPDX-License-Identifier: GPL-2.0
/*
 * Receive: frames reach tinyip through the device's rx_handler
 * (exclusive mode, every frame) or through packet_type handlers bound to
 * the device (shared mode: IPv4, IPv6 and ARP, next to the native stack).
 * Ethernet demultiplexing (RFC 894) happens here: VLAN-tagged frames and
 * frames for other hosts are dropped, IPv4 and IPv6 (RFC 2464) go up
 * without the instance lock, ARP is handled under it.
 */
#include <linux/etherdevice.h>
#include <linux/if_vlan.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include <tinyip/fault.h>
#include <tinyip/link.h>
#include <tinyip/neigh.h>
#include <tinyip/tinyip.h>

const struct tip_link_upper *tip_upper;
const struct tip_link_upper6 *tip_upper6;

/*
 * The core clears the VLAN tag of a frame no VLAN device claims before it
 * calls packet_type handlers, so shared mode could not tell it from an
 * untagged one. The device's tap runs earlier and notes the last tagged
 * frame on this CPU; the handlers, called for the same frame in the same
 * softirq, compare.
 */
static DEFINE_PER_CPU(unsigned long, tip_vlan_seen);

int tip_pt_tap(struct sk_buff *skb, struct net_device *dev,
	       struct packet_type *pt, struct net_device *orig_dev)
{
	__this_cpu_write(tip_vlan_seen,
			 skb_vlan_tag_present(skb) ? (unsigned long)skb : 0);
	consume_skb(skb);
	return NET_RX_SUCCESS;
}

void tip_link_register_upper(const struct tip_link_upper *upper)
{
	WRITE_ONCE(tip_upper, upper);
}

void tip_link_register_upper6(const struct tip_link_upper6 *upper)
{
	WRITE_ONCE(tip_upper6, upper);
}

/* Counts the frame and fills the control block for an IP layer. */
static void tip_eth_rx_ip(struct tip_if *ifp, struct sk_buff *skb, u8 flags)
{
	struct tip_net *tn = ifp->tn;

	spin_lock(&tn->lock);
	ifp->stats.rx_packets++;
	ifp->stats.rx_bytes += skb->len + ETH_HLEN;
	spin_unlock(&tn->lock);
	memset(skb->cb, 0, sizeof(skb->cb));
	TIP_CB(skb)->iif = ifp;
	TIP_CB(skb)->flags = flags;
}

static void tip_rx_drop(struct tip_if *ifp, struct sk_buff *skb,
			enum tinyip_drop_reason why)
{
	spin_lock(&ifp->tn->lock);
	tip_if_rx_drop(ifp, skb, why);
	spin_unlock(&ifp->tn->lock);
}

/*
 * Read-only look at a frame that may still be shared with the native
 * stack. Returns TIP_CB_F_* flags (>= 0), -1 for a frame that is not ours
 * at all, or -2 - reason for one tinyip must drop and count.
 */
static int tip_rx_classify(struct tip_if *ifp, const struct sk_buff *skb,
			   bool excl)
{
	const struct ethhdr *eth = eth_hdr(skb);

	if (READ_ONCE(ifp->dying))
		return -2 - TINYIP_DROP_LINK_DOWN;
	/* Every tagged frame is ours to count in exclusive mode. */
	if (excl && (skb_vlan_tag_present(skb) ||
		     eth_type_vlan(skb->protocol)))
		return -2 - TINYIP_DROP_VLAN;
	if (is_multicast_ether_addr(eth->h_dest))
		return is_broadcast_ether_addr(eth->h_dest) ?
		       TIP_CB_F_BCAST : TIP_CB_F_MCAST;
	if (ether_addr_equal(eth->h_dest, ifp->hwaddr))
		return 0;
	/* In shared mode this is the native stack's traffic. */
	return excl ? -2 - TINYIP_DROP_OTHERHOST : -1;
}

static void tip_eth_rcv(struct tip_if *ifp, struct sk_buff *skb, u8 flags)
{
	const struct tip_link_upper6 *upper6;
	const struct tip_link_upper *upper;
	struct tip_net *tn = ifp->tn;
	enum tinyip_drop_reason why;

	/* Never misparse: tagged frames belong to VLAN devices. */
	if (skb_vlan_tag_present(skb) || eth_type_vlan(skb->protocol)) {
		why = TINYIP_DROP_VLAN;
		goto drop;
	}
	if (!flags)
		skb->pkt_type = PACKET_HOST;
	skb_reset_network_header(skb);
	/*
	 * A frame from a local sender (a packet socket or tun writer behind
	 * veth) still charges that sender's socket: one held here for a
	 * while (reassembly, out-of-order and receive queues) would stall
	 * it, as ip_defrag() and skb_set_owner_r() know.
	 */
	skb_orphan(skb);

	switch (skb->protocol) {
	case htons(ETH_P_IP):
		upper = READ_ONCE(tip_upper);
		if (!upper) {
			why = TINYIP_DROP_ETHERTYPE;
			goto drop;
		}
		tip_eth_rx_ip(ifp, skb, flags);
		upper->ip4_input(skb);
		return;
	case htons(ETH_P_IPV6):
		upper6 = READ_ONCE(tip_upper6);
		if (!upper6) {
			why = TINYIP_DROP_ETHERTYPE;
			goto drop;
		}
		tip_eth_rx_ip(ifp, skb, flags);
		upper6->ip6_input(skb);
		return;
	case htons(ETH_P_ARP):
		spin_lock(&tn->lock);
		ifp->stats.rx_packets++;
		ifp->stats.rx_bytes += skb->len + ETH_HLEN;
		tip_arp_rcv(ifp, skb);
		spin_unlock(&tn->lock);
		return;
	default:
		why = TINYIP_DROP_ETHERTYPE;
	}
drop:
	tip_rx_drop(ifp, skb, why);
}

/* Exclusive mode: every frame of the device is ours, even unwanted. */
rx_handler_result_t tip_rx_handler(struct sk_buff **pskb)
{
	struct sk_buff *skb = *pskb;
	struct tip_if *ifp;
	int cls;

	/* Our own frames looped back by the core (taps) are not input. */
	if (unlikely(skb->pkt_type == PACKET_LOOPBACK))
		return RX_HANDLER_PASS;
	ifp = rcu_dereference(skb->dev->rx_handler_data);
	skb = tip_skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return RX_HANDLER_CONSUMED;
	cls = tip_rx_classify(ifp, skb, true);
	if (cls < 0)
		tip_rx_drop(ifp, skb, -2 - cls);
	else
		tip_eth_rcv(ifp, skb, cls);
	return RX_HANDLER_CONSUMED;
}

/* Shared mode: look before unsharing, most frames are the native stack's. */
int tip_pt_rcv(struct sk_buff *skb, struct net_device *dev,
	       struct packet_type *pt, struct net_device *orig_dev)
{
	struct tip_if *ifp = pt->af_packet_priv;
	int cls;

	if (skb->pkt_type == PACKET_LOOPBACK ||
	    skb->pkt_type == PACKET_OUTGOING)
		goto ignore;
	/*
	 * Frames an upper device (VLAN, macvlan) took are offered to the
	 * lower device's handlers too; only tagged ones may be for us.
	 */
	if (skb->dev != pt->dev) {
		if (!is_vlan_dev(skb->dev))
			goto ignore;
		cls = tip_rx_classify(ifp, skb, false);
		if (cls == -1)
			goto ignore;
		cls = -2 - TINYIP_DROP_VLAN;
	} else {
		cls = tip_rx_classify(ifp, skb, false);
		if (cls >= 0 && __this_cpu_read(tip_vlan_seen) == (unsigned long)skb)
			cls = -2 - TINYIP_DROP_VLAN;
	}
	if (cls == -1)
		goto ignore;
	skb = tip_skb_share_check(skb, GFP_ATOMIC);
	if (!skb)
		return NET_RX_DROP;
	if (cls < 0) {
		tip_rx_drop(ifp, skb, -2 - cls);
		return NET_RX_DROP;
	}
	tip_eth_rcv(ifp, skb, cls);
	return NET_RX_SUCCESS;
ignore:
	consume_skb(skb);
	return NET_RX_SUCCESS;
}
