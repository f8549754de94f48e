// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 forwarding between links (RFC 1812 5.2, 5.3), when the instance
 * is configured as a router. A host (forwarding off) drops transit
 * traffic silently (RFC 1122 3.3.1.6 gives it no error to send). Frames
 * that were link-layer broadcast or multicast are never forwarded, an
 * expiring TTL is answered with time exceeded so traceroute sees the
 * hop, and DF packets over the next-hop MTU get "fragmentation needed"
 * with that MTU (RFC 1191).
 */
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <net/ip.h>

#include <tinyip/fault.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

void tip_ip4_forward(struct tip_net *tn, struct sk_buff *skb,
		     const struct tip_ip4_view *v)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct tip_rt4_res rt;

	if (!READ_ONCE(tn->ip4.forwarding) || skb->pkt_type != PACKET_HOST ||
	    iif == tn->lo) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_ROUTE);
		return;
	}
	/* Errors quote the header: keep TIP_CB() describing the packet. */
	TIP_CB(skb)->saddr = v->saddr;
	TIP_CB(skb)->daddr = v->daddr;
	TIP_CB(skb)->flags = 0;

	if (tip_ip4_route(tn, v->daddr, 0, &rt) || rt.local) {
		tip_icmp_send(tn, skb, ICMP_DEST_UNREACH, ICMP_NET_UNREACH, 0);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_ROUTE);
		return;
	}
	/* A directed broadcast of another link is not relayed (RFC 2644). */
	if (rt.bcast || rt.mcast) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_ROUTE);
		return;
	}
	if (v->ttl <= 1) {
		tip_icmp_send(tn, skb, ICMP_TIME_EXCEEDED, ICMP_EXC_TTL, 0);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_TTL);
		return;
	}
	/* A GRO-merged skb is resegmented by the output device. */
	if (v->tot_len > rt.mtu && !skb_is_gso(skb) && v->df) {
		tip_icmp_send(tn, skb, ICMP_DEST_UNREACH, ICMP_FRAG_NEEDED,
			      htonl(rt.mtu));
		tip_if_rx_drop(iif, skb, TINYIP_DROP_TOO_BIG);
		return;
	}

	/* The header is about to change: it must be ours alone. */
	if (tip_skb_cow(skb, TIP_HEADROOM)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NOMEM);
		return;
	}
	ip_decrease_ttl(ip_hdr(skb));
	memset(skb->cb, 0, sizeof(skb->cb));
	skb->pkt_type = PACKET_HOST;

	if (v->tot_len <= rt.mtu || skb_is_gso(skb)) {
		tip_link_output4(rt.ifp, skb, rt.nexthop);
		return;
	}
	tip_ip4_fragment(tn, skb, rt.ifp, rt.nexthop, rt.mtu);
}
