// SPDX-License-Identifier: GPL-2.0
/*
 * ICMP for IPv4 (RFC 792, RFC 1122 3.2.2, RFC 1812 4.3.2): echo replies,
 * the errors the IP layer and the transports ask for, and the errors we
 * receive, handed to the transport that sent the quoted datagram with
 * the errno Linux applications expect. Errors are never sent about an
 * ICMP error, a non-first fragment, a broadcast or multicast, or a
 * martian source (RFC 1122 3.2.2), and go through one token bucket per
 * instance (RFC 1812 4.3.2.8), as Linux's global ICMP limit.
 */
#include <linux/icmp.h>
#include <linux/if_packet.h>
#include <linux/inetdevice.h>
#include <linux/jiffies.h>
#include <net/checksum.h>
#include <net/ip.h>

#include <tinyip/fault.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

#define TIP_ICMP_BURST		50	/* errors sent back to back */
#define TIP_ICMP_RATE		1000	/* errors per second after that */
/* RFC 1812 4.3.2.3: the error datagram stays within 576 bytes. */
#define TIP_ICMP_MAX_QUOTE	(576 - sizeof(struct iphdr) - \
				 sizeof(struct icmphdr))

bool tip_icmp_is_error_type(u8 type)
{
	switch (type) {
	case ICMP_DEST_UNREACH:
	case ICMP_SOURCE_QUENCH:
	case ICMP_REDIRECT:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		return true;
	}
	return false;
}

static bool tip_icmp_allow(struct tip_net *tn)
{
	struct tip_ip4_net *ip4 = &tn->ip4;
	unsigned long now = jiffies;
	u64 fill;

	fill = (u64)(now - ip4->icmp_stamp) * TIP_ICMP_RATE / HZ;
	if (fill) {
		ip4->icmp_tokens = min_t(u64, TIP_ICMP_BURST,
					 ip4->icmp_tokens + fill);
		ip4->icmp_stamp = now;
	}
	if (!ip4->icmp_tokens)
		return false;
	ip4->icmp_tokens--;
	return true;
}

/* RFC 1122 3.2.2: the cases where no error may be sent. */
static bool tip_icmp_may_answer(struct tip_net *tn, struct sk_buff *skb,
				const struct iphdr *iph)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	int off = skb_network_offset(skb) + iph->ihl * 4;
	u8 _type;
	const u8 *type;

	if (iph->frag_off & htons(IP_OFFSET))
		return false;
	if (TIP_CB(skb)->flags & (TIP_CB_F_BCAST | TIP_CB_F_MCAST) ||
	    ipv4_is_multicast(iph->daddr) || ipv4_is_lbcast(iph->daddr))
		return false;
	if (iif && iif->dev && skb->pkt_type != PACKET_HOST)
		return false;
	if (tip_ip4_martian_src(iph->saddr) || ipv4_is_zeronet(iph->saddr))
		return false;
	if (iif && iif != tn->lo && (ipv4_is_loopback(iph->saddr) ||
				     tip_ip4_is_bcast_on(iif, iph->saddr)))
		return false;
	if (iph->protocol == IPPROTO_ICMP) {
		type = skb_header_pointer(skb, off, 1, &_type);
		/* Unknown types count as errors, as Linux treats them. */
		if (!type || *type > NR_ICMP_TYPES ||
		    tip_icmp_is_error_type(*type))
			return false;
	}
	return true;
}

void tip_icmp_send(struct tip_net *tn, struct sk_buff *skb, u8 type, u8 code,
		   __be32 info)
{
	struct tip_ip4_tx tx = {};
	struct iphdr *iph, _iph;
	int noff = skb_network_offset(skb);
	unsigned int avail, quote;
	struct tip_rt4_res rt;
	struct icmphdr *icmph;
	struct sk_buff *nskb;
	__be32 saddr;

	lockdep_assert_held(&tn->lock);
	iph = skb_header_pointer(skb, noff, sizeof(_iph), &_iph);
	if (!iph || iph->version != 4 || iph->ihl < 5)
		return;
	if (!tip_icmp_may_answer(tn, skb, iph))
		return;
	if (!tip_icmp_allow(tn)) {
		if (TIP_CB(skb)->iif)
			TIP_CB(skb)->iif->stats.tx_drops[TINYIP_DROP_RATELIMIT]++;
		return;
	}
	if (tip_ip4_route(tn, iph->saddr, 0, &rt))
		return;
	/* Answer from the address the packet was sent to, if ours. */
	saddr = tip_ip4_is_local(tn, iph->daddr) ? iph->daddr : rt.src;
	if (!saddr)
		return;

	avail = skb->len - noff;
	quote = min3(avail, (unsigned int)ntohs(iph->tot_len),
		     (unsigned int)TIP_ICMP_MAX_QUOTE);
	if (quote < iph->ihl * 4)
		return;
	nskb = tip_alloc_skb(TIP_HEADROOM + sizeof(*icmph) + quote, GFP_ATOMIC);
	if (!nskb)
		return;
	skb_reserve(nskb, TIP_HEADROOM);
	icmph = skb_put(nskb, sizeof(*icmph));
	icmph->type = type;
	icmph->code = code;
	icmph->checksum = 0;
	icmph->un.gateway = info;
	if (skb_copy_bits(skb, noff, skb_put(nskb, quote), quote)) {
		kfree_skb(nskb);
		return;
	}
	icmph->checksum = csum_fold(csum_partial(icmph, nskb->len, 0));
	tx.tos = (iph->tos & IPTOS_TOS_MASK) | IPTOS_PREC_INTERNETCONTROL;
	tip_ip4_output(tn, nskb, &rt, saddr, iph->saddr, IPPROTO_ICMP, &tx);
}

static void tip_icmp_echo(struct tip_net *tn, struct sk_buff *skb)
{
	struct tip_ip4_tx tx = { .tos = TIP_CB(skb)->tos };
	struct tip_rt4_res rt;
	struct icmphdr *icmph;
	struct sk_buff *nskb;

	/* Broadcast and multicast echo are ignored, as Linux's default. */
	if (TIP_CB(skb)->flags & (TIP_CB_F_BCAST | TIP_CB_F_MCAST))
		return;
	if (tip_ip4_route(tn, TIP_CB(skb)->saddr, 0, &rt))
		return;
	nskb = tip_alloc_skb(TIP_HEADROOM + skb->len, GFP_ATOMIC);
	if (!nskb)
		return;
	skb_reserve(nskb, TIP_HEADROOM);
	if (skb_copy_bits(skb, 0, skb_put(nskb, skb->len), skb->len)) {
		kfree_skb(nskb);
		return;
	}
	icmph = (struct icmphdr *)nskb->data;
	icmph->type = ICMP_ECHOREPLY;
	icmph->code = 0;
	icmph->checksum = 0;
	icmph->checksum = csum_fold(csum_partial(nskb->data, nskb->len, 0));
	tip_ip4_output(tn, nskb, &rt, TIP_CB(skb)->daddr, TIP_CB(skb)->saddr,
		       IPPROTO_ICMP, &tx);
}

/* The errno Linux reports for an error (as icmp_err_convert), positive. */
static int tip_icmp_errno(u8 type, u8 code)
{
	int err = EHOSTUNREACH;

	if (type == ICMP_PARAMETERPROB)
		err = EPROTO;
	if (type != ICMP_DEST_UNREACH)
		return err;
	switch (code) {
	case ICMP_NET_UNREACH:
	case ICMP_NET_UNKNOWN:
	case ICMP_NET_ANO:
	case ICMP_NET_UNR_TOS:
		err = ENETUNREACH;
		break;
	case ICMP_PROT_UNREACH:
		err = ENOPROTOOPT;
		break;
	case ICMP_PORT_UNREACH:
		err = ECONNREFUSED;
		break;
	case ICMP_FRAG_NEEDED:
		err = EMSGSIZE;
		break;
	}
	return err;
}

/* An error about a datagram we sent: find its protocol and tell it. */
static void tip_icmp_error(struct tip_net *tn, struct sk_buff *skb)
{
	const struct icmphdr *icmph = icmp_hdr(skb);
	u8 type = icmph->type, code = icmph->code;
	const struct tip_ip4_proto *p;
	const struct iphdr *qiph;
	unsigned int qhlen;
	u32 info = 0;

	if (type == ICMP_DEST_UNREACH && code == ICMP_FRAG_NEEDED)
		info = ntohs(icmph->un.frag.mtu);
	if (!pskb_may_pull(skb, sizeof(*icmph) + sizeof(*qiph)))
		return;
	qiph = (const struct iphdr *)(skb->data + sizeof(*icmph));
	qhlen = qiph->ihl * 4;
	if (qiph->version != 4 || qhlen < sizeof(*qiph))
		return;
	if (!pskb_may_pull(skb, sizeof(*icmph) + qhlen + 8))
		return;
	qiph = (const struct iphdr *)(skb->data + sizeof(*icmph));
	/* Only datagrams we sent: the quoted source must be ours. */
	if (!tip_ip4_is_local(tn, qiph->saddr))
		return;
	p = tip_ip4_proto_get(qiph->protocol);
	if (!p || !p->err)
		return;
	tip_addr_from4(&TIP_CB_ERR(skb)->offender, TIP_CB(skb)->saddr);
	TIP_CB(skb)->saddr = qiph->saddr;
	TIP_CB(skb)->daddr = qiph->daddr;
	TIP_CB(skb)->ip_hlen = qhlen;
	__skb_pull(skb, sizeof(*icmph));
	skb_reset_network_header(skb);
	__skb_pull(skb, qhlen);
	skb_reset_transport_header(skb);
	p->err(tn, skb, tip_icmp_errno(type, code), type, code, info);
}

/* Under tn->lock; skb->data at the ICMP header. Consumes @skb. */
static int tip_icmp_input(struct tip_net *tn, struct sk_buff *skb)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	u8 type;

	if (!pskb_may_pull(skb, sizeof(struct icmphdr))) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_HDR);
		return 0;
	}
	if (skb_checksum_simple_validate(skb)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_CSUM);
		return 0;
	}
	type = icmp_hdr(skb)->type;
	switch (type) {
	case ICMP_ECHO:
		tip_icmp_echo(tn, skb);
		break;
	case ICMP_DEST_UNREACH:
	case ICMP_TIME_EXCEEDED:
	case ICMP_PARAMETERPROB:
		tip_icmp_error(tn, skb);
		break;
	default:
		/* Replies and the rest went to raw sockets already. */
		break;
	}
	consume_skb(skb);
	return 0;
}

const struct tip_ip4_proto tip_icmp_proto = {
	.input = tip_icmp_input,
};
