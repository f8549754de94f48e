// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6's front end to the reassembly engine of module/frag.c (RFC 8200
 * 4.5, RFC 5722). A fragment comes with the walk of its header chain
 * (module/ip6_wire.c), which has already refused a first fragment
 * without the whole chain (RFC 7112) and let atomic fragments through
 * as whole packets (RFC 6946). What is IPv6's own is checked here:
 *  - a fragment with M set whose length is not a multiple of 8, and one
 *    that would take the packet's Payload Length past 65535, are refused
 *    with a Parameter Problem (code 0) pointing at the Payload Length and
 *    at the Fragment Offset respectively: the caller sends it;
 *  - datagrams are told apart by source, destination and ID alone, the
 *    link too when an address is link-scoped (RFC 4007).
 * The whole packet is fragment zero's unfragmentable part (the IPv6
 * header and what precedes its Fragment header) with the Next Header
 * that named the Fragment header now naming what it named, then the
 * fragmentable parts in order.
 */
#include <linux/ipv6.h>
#include <net/ipv6.h>

#include <tinyip/ip6.h>
#include <tinyip/ip6_wire.h>

#define TIP_FRAG6_HLEN		8	/* the Fragment header */
#define TIP_FRAG6_PLEN_PTR	4	/* the Payload Length field */
#define TIP_FRAG6_OFF_PTR	2	/* Fragment Offset, in its header */

static int tip_frag6_finish(struct sk_buff *skb, const struct sk_buff *first)
{
	const struct tip_frag_cb *cb = TIP_FRAG_CB(first);
	u8 nh;

	if (cb->priv >= cb->keep || skb_copy_bits(first, cb->keep, &nh, 1))
		return -EINVAL;
	skb->data[cb->priv] = nh;
	ipv6_hdr(skb)->payload_len = htons(skb->len - TIP_IP6_HLEN);
	return 0;
}

static const struct tip_frag_ops tip_frag6_ops = {
	/* RFC 8200 3: Payload Length, plus the fixed header. */
	.max = TIP_IP6_HLEN + IPV6_MAXPLEN,
	.finish = tip_frag6_finish,
};

void tip_frag6_set_init(struct tip_frag_set *set, u32 mem_limit,
			u32 max_queues, unsigned long timeout)
{
	tip_frag_set_init(set, &tip_frag6_ops, mem_limit, max_queues, timeout);
}

/* Addresses that are only unique on their link (RFC 4007 6). */
static bool tip_frag6_scoped(const struct in6_addr *saddr,
			     const struct in6_addr *daddr)
{
	return (ipv6_addr_type(saddr) & IPV6_ADDR_LINKLOCAL) ||
	       (ipv6_addr_type(daddr) &
		(IPV6_ADDR_LINKLOCAL | IPV6_ADDR_MULTICAST));
}

/*
 * Queues @skb: data at its IPv6 header, trimmed to its Payload Length,
 * with @c the walk that returned TIP_IP6_WALK_FRAG. Consumes @skb but
 * when it returns TIP_FRAG_PERR: then the skb is still the caller's, to
 * quote in a Parameter Problem, code 0, pointing at *@pointer.
 */
enum tip_frag_ret tip_frag6_add(struct tip_frag_set *set, struct sk_buff *skb,
				const struct tip_ip6_chain *c,
				unsigned long now, struct sk_buff **out,
				u32 *pointer)
{
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)skb->data;
	unsigned int hlen = c->frag_off + TIP_FRAG6_HLEN, tot, plen;
	struct tip_frag_desc d = {
		.key.saddr = ip6->saddr,
		.key.daddr = ip6->daddr,
		.key.id = c->frag_id,
		.off = c->frag_offset,
		.hlen = hlen,
		.keep = c->frag_off,
		.priv = c->frag_nh_off,
		.more = c->frag_more,
	};

	*out = NULL;
	tot = TIP_IP6_HLEN + ntohs(ip6->payload_len);
	/* The walk found the Fragment header inside the packet. */
	if (!c->frag_off || tot > skb->len || hlen > tot)
		goto drop;
	plen = tot - hlen;
	if (c->frag_more && (plen & 7)) {
		*pointer = TIP_FRAG6_PLEN_PTR;
		return TIP_FRAG_PERR;
	}
	/* The Payload Length this fragment's packet would be rebuilt with. */
	if (c->frag_off - TIP_IP6_HLEN + c->frag_offset + plen > IPV6_MAXPLEN) {
		*pointer = c->frag_off + TIP_FRAG6_OFF_PTR;
		return TIP_FRAG_PERR;
	}
	/* An empty fragment with more to come adds nothing but work. */
	if (c->frag_more && !plen)
		goto drop;
	d.end = d.off + plen;
	if (tip_frag6_scoped(&ip6->saddr, &ip6->daddr))
		d.key.zone = TIP_CB(skb)->iif;
	return tip_frag_add(set, skb, &d, now, out);
drop:
	kfree_skb(skb);
	return TIP_FRAG_DROP;
}
