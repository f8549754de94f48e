// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 forwarding between links (RFC 8200 3, RFC 4443 3), when the
 * instance is a router (forwarding6). A host drops transit traffic. A
 * router decrements the hop limit and answers an expiring one with Time
 * Exceeded so traceroute6 sees the hop, never fragments but sends Packet
 * Too Big with the next link's MTU (RFC 8201), and keeps link-local
 * traffic on its link (RFC 4291 2.5.6: "beyond scope of source").
 */
#include <linux/icmpv6.h>
#include <linux/if_packet.h>
#include <net/ipv6.h>

#include <tinyip/fault.h>
#include <tinyip/ip6.h>
#include <tinyip/tinyip.h>

void tip_ip6_forward(struct tip_net *tn, struct sk_buff *skb)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct ipv6hdr *ip6 = ipv6_hdr(skb);
	struct tip_rt6_res rt;

	if (!READ_ONCE(tn->ip6.forwarding) || skb->pkt_type != PACKET_HOST ||
	    iif == tn->lo || ipv6_addr_is_multicast(&ip6->daddr) ||
	    (ipv6_addr_type(&ip6->daddr) & IPV6_ADDR_LINKLOCAL)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_ROUTE);
		return;
	}
	if (ipv6_addr_type(&ip6->saddr) & IPV6_ADDR_LINKLOCAL) {
		tip_icmp6_send(tn, skb, ICMPV6_DEST_UNREACH,
			       ICMPV6_NOT_NEIGHBOUR, 0, false);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_ROUTE);
		return;
	}
	if (ip6->hop_limit <= 1) {
		tip_icmp6_send(tn, skb, ICMPV6_TIME_EXCEED,
			       ICMPV6_EXC_HOPLIMIT, 0, false);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_TTL);
		return;
	}
	if (tip_ip6_route(tn, &ip6->daddr, NULL, &rt) || rt.local) {
		tip_icmp6_send(tn, skb, ICMPV6_DEST_UNREACH, ICMPV6_NOROUTE, 0,
			       false);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_ROUTE);
		return;
	}
	/* A GRO-merged skb is resegmented by the output device. */
	if (skb->len > rt.mtu && !skb_is_gso(skb)) {
		tip_icmp6_send(tn, skb, ICMPV6_PKT_TOOBIG, 0, rt.mtu, false);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_TOO_BIG);
		return;
	}
	/* The header is about to change: it must be ours alone. */
	if (tip_skb_cow(skb, TIP_HEADROOM)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NOMEM);
		return;
	}
	ipv6_hdr(skb)->hop_limit--;
	memset(skb->cb, 0, sizeof(skb->cb));
	tip_link_output6(rt.ifp, skb, &rt.nexthop);
}
