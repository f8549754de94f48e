// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 output (RFC 791 3.2, RFC 1122 3.2.1): builds the header, loops
 * local destinations and multicast copies through the loopback link,
 * and fragments what exceeds the link MTU. The ID follows RFC 6864:
 * atomic datagrams (DF set, not fragmented) carry 0, every other
 * datagram takes the next value of a per-instance counter seeded at
 * random, so IDs do not reveal the traffic of other instances.
 */
#include <linux/ip.h>
#include <linux/netdevice.h>
#include <net/ip.h>

#include <tinyip/fault.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

#define TIP_IP4_DEFAULT_TTL	64

static void tip_ip4_set_csum(struct iphdr *iph)
{
	iph->check = 0;
	iph->check = ip_fast_csum(iph, iph->ihl);
}

/*
 * One fragment: header @hdr (@hlen bytes) then @len bytes of @skb's
 * payload from @off, with @frag_field for its fragment field.
 */
static struct sk_buff *tip_ip4_frag_one(struct sk_buff *skb, const u8 *hdr,
					unsigned int hlen, unsigned int off,
					unsigned int len, u16 frag_field)
{
	struct sk_buff *frag;
	struct iphdr *iph;

	frag = tip_frag_slice(skb, hdr, hlen, off, len);
	if (!frag)
		return NULL;
	iph = ip_hdr(frag);
	iph->ihl = hlen / 4;
	iph->tot_len = htons(hlen + len);
	iph->frag_off = htons(frag_field);
	tip_ip4_set_csum(iph);
	frag->protocol = htons(ETH_P_IP);
	return frag;
}

/*
 * Splits the datagram in @skb (data at its IP header) into fragments of
 * at most @mtu bytes, in 8-byte units; later fragments carry only the
 * options with the copied flag (RFC 791 3.1). An incoming fragment keeps
 * its offset and MF. Consumes @skb. Under tn->lock.
 */
int tip_ip4_fragment(struct tip_net *tn, struct sk_buff *skb,
		     struct tip_if *ifp, __be32 nexthop, u32 mtu)
{
	u8 hdr[60], hdr2[60];
	unsigned int hlen, hlen2, plen, off, n, max;
	u16 base, keep_mf;
	struct iphdr *iph;
	int ret = 0;

	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb))
		goto drop;
	iph = ip_hdr(skb);
	hlen = iph->ihl * 4;
	if (skb_copy_bits(skb, 0, hdr, hlen))
		goto drop;
	plen = ntohs(iph->tot_len) - hlen;
	base = ntohs(iph->frag_off);
	keep_mf = base & IP_MF;
	base &= IP_OFFSET;
	memcpy(hdr2, hdr, sizeof(struct iphdr));
	hlen2 = sizeof(struct iphdr) +
		tip_ip4_opts_for_frag(hdr + sizeof(struct iphdr),
				      hlen - sizeof(struct iphdr),
				      hdr2 + sizeof(struct iphdr));
	if (mtu < hlen + 8 || mtu < hlen2 + 8)
		goto drop;

	for (off = 0; off < plen; off += n) {
		const u8 *h = off ? hdr2 : hdr;
		unsigned int hl = off ? hlen2 : hlen;
		struct sk_buff *frag;
		u16 field;

		max = (mtu - hl) & ~7U;
		n = min(max, plen - off);
		field = (ntohs(iph->frag_off) & IP_DF) | (base + off / 8);
		if (off + n < plen || keep_mf)
			field |= IP_MF;
		frag = tip_ip4_frag_one(skb, h, hl, hlen + off, n, field);
		if (!frag) {
			ifp->stats.tx_drops[TINYIP_DROP_NOMEM]++;
			ret = -ENOBUFS;
			break;
		}
		ret = tip_link_output4(ifp, frag, nexthop);
		if (ret)
			break;
	}
	consume_skb(skb);
	return ret;
drop:
	tip_if_tx_drop(ifp, skb, TINYIP_DROP_NOMEM);
	return -ENOBUFS;
}

/* Sends a copy of a looped-back multicast or broadcast to ourselves. */
static void tip_ip4_loop_copy(struct tip_net *tn, struct sk_buff *skb,
			      __be32 daddr)
{
	struct sk_buff *copy;

	if (!tn->lo)
		return;
	copy = tip_skb_copy(skb, GFP_ATOMIC);
	if (!copy) {
		tn->lo->stats.tx_drops[TINYIP_DROP_NOMEM]++;
		return;
	}
	tip_link_output4(tn->lo, copy, daddr);
}

int tip_ip4_output(struct tip_net *tn, struct sk_buff *skb,
		   const struct tip_rt4_res *rt, __be32 saddr, __be32 daddr,
		   u8 protocol, const struct tip_ip4_tx *tx)
{
	unsigned int optlen = tx->optlen, hlen = sizeof(struct iphdr) + optlen;
	struct tip_if *ifp = rt->local ? tn->lo : rt->ifp;
	struct iphdr *iph;
	bool atomic;

	lockdep_assert_held(&tn->lock);
	if (!ifp) {
		kfree_skb(skb);
		return -ENETUNREACH;
	}
	if ((optlen & 3) || optlen > TIP_IP4_OPTLEN_MAX ||
	    skb->len + hlen > IP_MAX_MTU) {
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_TOO_BIG);
		return -EMSGSIZE;
	}
	if (tip_skb_cow_head(skb, hlen)) {
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_NOMEM);
		return -ENOBUFS;
	}
	skb_push(skb, hlen);
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = hlen / 4;
	iph->tos = tx->tos;
	iph->tot_len = htons(skb->len);
	atomic = tx->df && (skb->len <= rt->mtu || rt->local ||
			    skb_is_gso(skb));
	iph->id = atomic ? 0 : htons(tn->ip4.ident++);
	iph->frag_off = tx->df ? htons(IP_DF) : 0;
	iph->ttl = tx->ttl ?: TIP_IP4_DEFAULT_TTL;
	iph->protocol = protocol;
	iph->saddr = saddr;
	iph->daddr = daddr;
	if (optlen)
		memcpy(iph + 1, tx->opts, optlen);
	tip_ip4_set_csum(iph);
	skb->protocol = htons(ETH_P_IP);
	TIP_CB(skb)->iif = NULL;

	if (rt->local)
		return tip_link_output4(tn->lo, skb, daddr);
	if (tx->mc_loop &&
	    ((rt->mcast && tip_ip4_mc_joined(ifp, daddr)) || rt->bcast))
		tip_ip4_loop_copy(tn, skb, daddr);

	if (skb->len <= rt->mtu || skb_is_gso(skb))
		return tip_link_output4(ifp, skb, rt->nexthop);
	if (tx->df) {
		tip_if_tx_drop(ifp, skb, TINYIP_DROP_TOO_BIG);
		return -EMSGSIZE;
	}
	return tip_ip4_fragment(tn, skb, ifp, rt->nexthop, rt->mtu);
}
