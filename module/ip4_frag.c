// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4's front end to the reassembly engine of module/frag.c (RFC 791
 * 3.2, RFC 815). What is IPv4's own is checked here before a fragment
 * is queued, and every breach is a silent drop:
 *  - every fragment but the last carries 8-byte units;
 *  - a datagram may not grow past 65535 bytes, header included;
 *  - tiny first fragments and TCP fragments at offset 8 are refused
 *    (RFC 1858), so a filter always sees the ports and TCP flags.
 * The whole datagram keeps fragment zero's header, options and all,
 * with its length, fragment field and checksum made right.
 */
#include <linux/ip.h>
#include <linux/jiffies.h>
#include <net/ip.h>
#include <net/ipv6.h>

#include <tinyip/ip4.h>
#include "ip4_local.h"

#define TIP_FRAG4_MIN_FIRST	8	/* transport ports must fit (RFC 1858) */
#define TIP_FRAG4_MIN_FIRST_TCP	20	/* and TCP's whole fixed header */

static int tip_frag4_finish(struct sk_buff *skb, const struct sk_buff *first)
{
	struct iphdr *iph = ip_hdr(skb);

	iph->tot_len = htons(skb->len);
	iph->frag_off = 0;
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
	return 0;
}

static const struct tip_frag_ops tip_frag4_ops = {
	.max = 65535,			/* RFC 791: Total Length */
	.finish = tip_frag4_finish,
};

void tip_frag4_set_init(struct tip_frag_set *set, u32 mem_limit,
			u32 max_queues, unsigned long timeout)
{
	tip_frag_set_init(set, &tip_frag4_ops, mem_limit, max_queues, timeout);
}

static bool tip_frag4_tiny(const struct tip_ip4_view *v, unsigned int plen)
{
	if (v->frag_off == 0)
		return plen < (v->proto == IPPROTO_TCP ?
			       TIP_FRAG4_MIN_FIRST_TCP : TIP_FRAG4_MIN_FIRST);
	/* RFC 1858 3.2: offset 8 could rewrite TCP's flags. */
	return v->proto == IPPROTO_TCP && v->frag_off == 8;
}

/*
 * Queues @skb (data at its IP header, @v its parsed header, a fragment:
 * MF set or a non-zero offset). Consumes @skb in every case.
 */
enum tip_frag_ret tip_frag4_add(struct tip_frag_set *set,
				struct sk_buff *skb,
				const struct tip_ip4_view *v,
				unsigned long now, struct sk_buff **out)
{
	unsigned int plen = v->tot_len - v->hlen;
	struct tip_frag_desc d = {
		.key.id = (__force __be32)v->id,
		.key.proto = v->proto,
		.off = v->frag_off,
		.end = v->frag_off + plen,
		.hlen = v->hlen,
		.keep = v->hlen,
		.more = v->mf,
	};

	*out = NULL;
	/* Every fragment but the last carries 8-byte units. */
	if ((v->mf && (!plen || plen & 7)) || d.end + v->hlen > 65535 ||
	    tip_frag4_tiny(v, plen)) {
		kfree_skb(skb);
		return TIP_FRAG_DROP;
	}
	ipv6_addr_set_v4mapped(v->saddr, &d.key.saddr);
	ipv6_addr_set_v4mapped(v->daddr, &d.key.daddr);
	return tip_frag_add(set, skb, &d, now, out);
}
