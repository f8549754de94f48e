// SPDX-License-Identifier: GPL-2.0
/*
 * ICMPv6 (RFC 4443): checksum check, echo replies, rate-limited errors
 * that quote as much of the offending packet as the minimum MTU allows,
 * errors received about our own packets handed to the protocol that sent
 * them (2.4 b; Packet Too Big teaches the path MTU, RFC 8201), and
 * dispatch of Neighbor Discovery (RFC 4861) and MLD (RFC 3810) messages
 * to module/nd6.c and module/mld.c.
 */
#include <linux/icmpv6.h>
#include <linux/skbuff.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include <tinyip/fault.h>
#include <tinyip/ip6.h>
#include <tinyip/ip6_wire.h>
#include <tinyip/tinyip.h>

/* RFC 4443 2.4(f): a token bucket, as Linux's 1 s / 100 ms default. */
#define ICMP6_RATE_TOKENS	10
#define ICMP6_RATE_INTERVAL	(HZ / 10)

static bool tip_icmp6_allow(struct tip_net *tn)
{
	struct tip_ip6_net *n = &tn->ip6;
	unsigned long now = jiffies, add;

	add = (now - n->icmp_stamp) / ICMP6_RATE_INTERVAL;
	if (add) {
		n->icmp_tokens = min_t(unsigned long, ICMP6_RATE_TOKENS,
				       n->icmp_tokens + add);
		n->icmp_stamp = now;
	}
	if (!n->icmp_tokens)
		return false;
	n->icmp_tokens--;
	return true;
}

static bool tip_icmp6_is_error(u8 type)
{
	return !(type & ICMPV6_INFOMSG_MASK);
}

/*
 * An error about @in (skb->data anywhere, network header set), which
 * stays the caller's. RFC 4443 2.4(e): never about an error, a multicast
 * destination (but for Packet Too Big and option code 2) or a source
 * that names no single node.
 */
void tip_icmp6_send(struct tip_net *tn, struct sk_buff *in, u8 type,
		    u8 code, u32 info, bool mcast_ok)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(in);
	struct tip_if *iif = TIP_CB(in)->iif;
	struct icmp6hdr *ih;
	struct sk_buff *skb;
	struct tip_rt6_res res;
	unsigned int quote;
	int st, nhoff;

	nhoff = skb_network_offset(in);
	st = ipv6_addr_type(&ip6->saddr);
	if (st == IPV6_ADDR_ANY || (st & IPV6_ADDR_MULTICAST))
		return;
	if (ipv6_addr_is_multicast(&ip6->daddr) && !mcast_ok &&
	    type != ICMPV6_PKT_TOOBIG)
		return;
	/* An error about an ICMPv6 error: only when the header is ours. */
	if (ip6->nexthdr == IPPROTO_ICMPV6) {
		u8 t;

		if (skb_copy_bits(in, nhoff + sizeof(*ip6), &t, 1) ||
		    tip_icmp6_is_error(t))
			return;
	}
	if (!tip_icmp6_allow(tn)) {
		if (iif)
			iif->stats.tx_drops[TINYIP_DROP_RATELIMIT]++;
		return;
	}
	/* Scoped sources are answered on their link, others as routed. */
	if (tip_ip6_route(tn, &ip6->saddr, st & IPV6_ADDR_LINKLOCAL ? iif : NULL,
			  &res))
		return;

	/* RFC 4443 2.4(c): as much as fits in the minimum MTU. */
	quote = min_t(unsigned int, in->len - nhoff,
		      IPV6_MIN_MTU - sizeof(*ip6) - sizeof(*ih));
	skb = tip_alloc_skb(TIP_HEADROOM + sizeof(*ih) + quote, GFP_ATOMIC);
	if (!skb)
		return;
	skb_reserve(skb, TIP_HEADROOM);
	ih = skb_put_zero(skb, sizeof(*ih));
	ih->icmp6_type = type;
	ih->icmp6_code = code;
	ih->icmp6_dataun.un_data32[0] = htonl(info);
	if (skb_copy_bits(in, nhoff, skb_put(skb, quote), quote)) {
		kfree_skb(skb);
		return;
	}
	/* A reply goes from the address the packet was sent to, if ours. */
	if (!ipv6_addr_is_multicast(&ip6->daddr) &&
	    tip_ip6_addr_owner(tn, &ip6->daddr))
		res.src = ip6->daddr;
	ih->icmp6_cksum = csum_ipv6_magic(&res.src, &ip6->saddr, skb->len,
					  IPPROTO_ICMPV6,
					  csum_partial(skb->data, skb->len, 0));
	tip_ip6_output(tn, skb, IPPROTO_ICMPV6, &res.src, &ip6->saddr,
		       res.ifp, NULL);
}

/* RFC 4443 4.2: the reply carries the request's identifier and data. */
static void tip_icmp6_echo(struct tip_net *tn, struct sk_buff *skb)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct in6_addr saddr, daddr = ip6->saddr;
	struct tip_rt6_res res;
	struct icmp6hdr *ih;
	struct sk_buff *r;

	if (ipv6_addr_is_multicast(&ip6->daddr) ||
	    !tip_ip6_addr_owner(tn, &ip6->daddr)) {
		if (tip_ip6_route(tn, &daddr, iif, &res))
			goto drop;
		saddr = res.src;
	} else {
		saddr = ip6->daddr;
	}
	r = tip_skb_copy_expand(skb, TIP_HEADROOM, 0, GFP_ATOMIC);
	if (!r)
		goto drop;
	consume_skb(skb);
	ih = icmp6_hdr(r);
	ih->icmp6_type = ICMPV6_ECHO_REPLY;
	ih->icmp6_cksum = 0;
	ih->icmp6_cksum = csum_ipv6_magic(&saddr, &daddr, r->len,
					  IPPROTO_ICMPV6,
					  csum_partial(r->data, r->len, 0));
	r->ip_summed = CHECKSUM_NONE;
	tip_ip6_output(tn, r, IPPROTO_ICMPV6, &saddr, &daddr,
		       ipv6_addr_type(&daddr) & IPV6_ADDR_LINKLOCAL ? iif : NULL,
		       NULL);
	return;
drop:
	tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_ROUTE);
}

static bool tip_icmp6_csum_ok(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);

	if (skb->ip_summed == CHECKSUM_UNNECESSARY)
		return true;
	return !csum_ipv6_magic(&ip6->saddr, &ip6->daddr, skb->len,
				IPPROTO_ICMPV6, skb_checksum(skb, 0, skb->len, 0));
}

/* The errno Linux reports for an error (as icmpv6_err_convert), positive. */
static int tip_icmp6_errno(u8 type, u8 code)
{
	static const u8 unreach[] = {
		[ICMPV6_NOROUTE] = ENETUNREACH,
		[ICMPV6_ADM_PROHIBITED] = EACCES,
		[ICMPV6_NOT_NEIGHBOUR] = EHOSTUNREACH,
		[ICMPV6_ADDR_UNREACH] = EHOSTUNREACH,
		[ICMPV6_PORT_UNREACH] = ECONNREFUSED,
		[ICMPV6_POLICY_FAIL] = EACCES,
		[ICMPV6_REJECT_ROUTE] = EACCES,
	};

	int err = EHOSTUNREACH;

	if (type == ICMPV6_DEST_UNREACH && code < ARRAY_SIZE(unreach))
		err = unreach[code];
	else if (type == ICMPV6_PKT_TOOBIG)
		err = EMSGSIZE;
	else if (type == ICMPV6_PARAMPROB)
		err = EPROTO;
	return err;
}

/*
 * Whether an error says the peer cannot be reached at all, rather than
 * something that may pass (RFC 1122 4.1.3.3 and 4.2.3.9, in Linux's
 * reading for IPv6): only these reach a connected datagram socket.
 */
bool tip_icmp6_hard(u8 type, u8 code)
{
	if (type == ICMPV6_PARAMPROB)
		return true;
	return type == ICMPV6_DEST_UNREACH &&
	       (code == ICMPV6_ADM_PROHIBITED || code == ICMPV6_PORT_UNREACH ||
		code == ICMPV6_POLICY_FAIL || code == ICMPV6_REJECT_ROUTE);
}

/*
 * An error about a packet we sent: learn the path MTU from a Packet Too
 * Big, find the quoted packet's upper layer behind any extension headers
 * and tell that protocol. Consumes @skb.
 */
static void tip_icmp6_error(struct tip_net *tn, struct sk_buff *skb, u8 type)
{
	const unsigned int hl = sizeof(struct icmp6hdr);
	const struct icmp6hdr *ih = icmp6_hdr(skb);
	const struct tip_ip6_proto *p;
	const struct ipv6hdr *q;
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 code = ih->icmp6_code;
	u32 info = 0;

	if (skb_linearize(skb) || skb->len < hl + sizeof(*q) + 8)
		goto out;
	ih = icmp6_hdr(skb);
	q = (const struct ipv6hdr *)(skb->data + hl);
	/* Only packets we sent: the quoted source must be ours. */
	if (q->version != 6 || !tip_ip6_addr_owner(tn, &q->saddr))
		goto out;
	if (type == ICMPV6_PKT_TOOBIG)
		info = tip_ip6_pmtu_learn(tn, &q->daddr, ntohl(ih->icmp6_mtu));
	switch (tip_ip6_exthdr_walk((const u8 *)q, skb->len - hl, &c, &e)) {
	case TIP_IP6_WALK_OK:
		break;
	case TIP_IP6_WALK_FRAG:
		/* Only the first fragment quotes the upper-layer header. */
		if (!c.frag_offset && c.proto != NEXTHDR_FRAGMENT)
			break;
		goto out;
	default:
		goto out;
	}
	if (c.off + 8 > skb->len - hl)
		goto out;
	p = tip_ip6_proto_get(c.proto);
	if (!p || !p->err)
		goto out;
	TIP_CB_ERR(skb)->offender = ipv6_hdr(skb)->saddr;
	__skb_pull(skb, hl);
	skb_reset_network_header(skb);
	__skb_pull(skb, c.off);
	skb_reset_transport_header(skb);
	p->err(tn, skb, tip_icmp6_errno(type, code), type, code, info);
out:
	consume_skb(skb);
}

/* skb->data at the ICMPv6 header; under tn->lock. */
static void tip_icmp6_rcv(struct tip_net *tn, struct sk_buff *skb)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	u8 type;

	if (!pskb_may_pull(skb, sizeof(struct icmp6hdr))) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_HDR);
		return;
	}
	if (!tip_icmp6_csum_ok(skb)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_CSUM);
		return;
	}
	type = icmp6_hdr(skb)->icmp6_type;
	/* Raw ICMPv6 endpoints get a copy of every message (RFC 3542 3). */
	tip_ip6_raw(tn, skb, IPPROTO_ICMPV6);
	switch (type) {
	case ICMPV6_ECHO_REQUEST:
		tip_icmp6_echo(tn, skb);
		return;
	case NDISC_ROUTER_SOLICITATION:
	case NDISC_ROUTER_ADVERTISEMENT:
	case NDISC_NEIGHBOUR_SOLICITATION:
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
	case NDISC_REDIRECT:
		tip_nd6_rcv(tn, skb, type);
		return;
	case ICMPV6_MGM_QUERY:
	case ICMPV6_MGM_REPORT:
	case ICMPV6_MGM_REDUCTION:
	case ICMPV6_MLD2_REPORT:
		tip_mld_rcv(tn, skb, type);
		return;
	case ICMPV6_DEST_UNREACH:
	case ICMPV6_PKT_TOOBIG:
	case ICMPV6_TIME_EXCEED:
	case ICMPV6_PARAMPROB:
		tip_icmp6_error(tn, skb, type);
		return;
	default:
		/* Echo replies and the rest: raw endpoints had their copy. */
		consume_skb(skb);
	}
}

static const struct tip_ip6_proto tip_icmp6_proto = {
	.rcv = tip_icmp6_rcv,
};

int tip_icmp6_init(void)
{
	return tip_ip6_proto_register(IPPROTO_ICMPV6, &tip_icmp6_proto);
}

void tip_icmp6_exit(void)
{
	tip_ip6_proto_unregister(IPPROTO_ICMPV6);
}
