// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 output (RFC 8200): route the destination (our own addresses go
 * round the loopback link, link-local and multicast destinations need an
 * outgoing link, RFC 4007), choose a source (RFC 6724 5, in part), build
 * the fixed header and hand the packet to the link, in fragments when it
 * exceeds the path MTU (RFC 8200 4.5). Neighbor Discovery and MLD send
 * on a given link with tip_ip6_output_link(), MLD with a Router Alert
 * hop-by-hop option (RFC 3810 5, RFC 2711), never fragmented.
 */
#include <linux/siphash.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>

#include <tinyip/compat.h>
#include <tinyip/fault.h>
#include <tinyip/ip6.h>
#include <tinyip/tinyip.h>

#define TIP_IP6_HOPS_DEFAULT	64

static u32 tip_ip6_link_mtu(const struct tip_if *ifp)
{
	u32 mtu = ifp->in6 ? ifp->in6->mtu : ifp->mtu;

	return max_t(u32, min(mtu, ifp->mtu), IPV6_MIN_MTU);
}

static u8 tip_ip6_link_hops(const struct tip_if *ifp)
{
	return ifp->in6 ? ifp->in6->hop_limit : TIP_IP6_HOPS_DEFAULT;
}

/*
 * Fills @res for @dst; @oif (may be NULL) is the link the caller wants,
 * which scoped destinations need. Under tn->lock.
 */
int tip_ip6_route(struct tip_net *tn, const struct in6_addr *dst,
		  struct tip_if *oif, struct tip_rt6_res *res)
{
	int type = ipv6_addr_type(dst);
	struct tip_rt6 *rt;

	memset(res, 0, sizeof(*res));
	res->nexthop = *dst;
	if (type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LINKLOCAL)) {
		if (!oif || oif->dying)
			return -ENETUNREACH;
		res->ifp = oif;
		res->mcast = type & IPV6_ADDR_MULTICAST;
	} else if ((type & IPV6_ADDR_LOOPBACK) ||
		   tip_ip6_addr_owner(tn, dst)) {
		res->ifp = tn->lo;
		res->local = true;
	} else {
		rt = tip_ip6_route_lookup(tn, dst, oif);
		if (!rt)
			return -ENETUNREACH;
		res->ifp = rt->ifp;
		if (!ipv6_addr_any(&rt->gw))
			res->nexthop = rt->gw;
	}
	if (!res->ifp)
		return -ENETUNREACH;
	res->mtu = tip_ip6_link_mtu(res->ifp);
	if (!res->local && !res->mcast)
		res->mtu = tip_ip6_pmtu_get(tn, dst, res->mtu);
	if (res->local) {
		res->src = *dst;
		return 0;
	}
	if (!tip_ip6_src_pick(res->ifp, dst, &res->src))
		return -EADDRNOTAVAIL;
	return 0;
}

static int tip_ip6_push(struct sk_buff *skb, u8 proto,
			const struct in6_addr *saddr,
			const struct in6_addr *daddr, u8 hops, u8 tclass)
{
	struct ipv6hdr *ip6;
	unsigned int plen = skb->len;

	if (plen > IPV6_MAXPLEN)
		return -EMSGSIZE;
	if (tip_skb_cow_head(skb, sizeof(*ip6) + LL_MAX_HEADER))
		return -ENOMEM;
	ip6 = skb_push(skb, sizeof(*ip6));
	skb_reset_network_header(skb);
	ip6_flow_hdr(ip6, tclass, 0);
	ip6->payload_len = htons(plen);
	ip6->nexthdr = proto;
	ip6->hop_limit = hops;
	ip6->saddr = *saddr;
	ip6->daddr = *daddr;
	skb->protocol = htons(ETH_P_IPV6);
	return 0;
}

/*
 * RFC 7739: an ID an off-path attacker cannot guess, never reused soon
 * between the same two nodes. The instance's counter (random start)
 * makes IDs distinct for 2^32 packets, and a keyed hash of the address
 * pair offsets it, so that the IDs one peer sees tell nothing about
 * those another gets. One counter rather than one per destination: no
 * state to keep, and all a peer can learn from it is how many packets
 * this instance fragmented meanwhile.
 */
static __be32 tip_ip6_frag_ident(struct tip_net *tn,
				 const struct in6_addr *saddr,
				 const struct in6_addr *daddr)
{
	struct in6_addr pair[2] = { *saddr, *daddr };
	u32 hash = siphash(pair, sizeof(pair), &tn->ip6.frag_key);

	return htonl(hash + tn->ip6.frag_id++);
}

/*
 * RFC 8200 4.5: @skb (data at the upper-layer header, all of it the
 * fragmentable part: tinyip's own output puts no extension header in
 * front) goes in pieces of a multiple of 8 bytes that fit @res->mtu,
 * each behind a copy of the IPv6 header and a Fragment header. Never
 * an atomic fragment (RFC 8021). Consumes @skb.
 */
static int tip_ip6_fragment(struct tip_net *tn, struct sk_buff *skb, u8 proto,
			    const struct in6_addr *saddr,
			    const struct in6_addr *daddr, u8 hops, u8 tclass,
			    const struct tip_rt6_res *res)
{
	struct {
		struct ipv6hdr ip6;
		struct frag_hdr fh;
	} h;
	unsigned int plen = skb->len, off, n, max;
	struct sk_buff *frag;
	int ret = 0;

	BUILD_BUG_ON(sizeof(h) != sizeof(struct ipv6hdr) + 8);
	if (plen > IPV6_MAXPLEN) {
		kfree_skb(skb);
		return -EMSGSIZE;
	}
	if (skb->ip_summed == CHECKSUM_PARTIAL && skb_checksum_help(skb)) {
		tip_if_tx_drop(res->ifp, skb, TINYIP_DROP_NOMEM);
		return -ENOBUFS;
	}
	memset(&h, 0, sizeof(h));
	ip6_flow_hdr(&h.ip6, tclass, 0);
	h.ip6.nexthdr = NEXTHDR_FRAGMENT;
	h.ip6.hop_limit = hops;
	h.ip6.saddr = *saddr;
	h.ip6.daddr = *daddr;
	h.fh.nexthdr = proto;
	h.fh.identification = tip_ip6_frag_ident(tn, saddr, daddr);
	max = (res->mtu - sizeof(h)) & ~7U;

	for (off = 0; off < plen; off += n) {
		n = min(max, plen - off);
		h.ip6.payload_len = htons(sizeof(h.fh) + n);
		h.fh.frag_off = htons(off | (off + n < plen ? IP6_MF : 0));
		frag = tip_frag_slice(skb, &h, sizeof(h), off, n);
		if (!frag) {
			res->ifp->stats.tx_drops[TINYIP_DROP_NOMEM]++;
			ret = -ENOBUFS;
			break;
		}
		frag->protocol = htons(ETH_P_IPV6);
		ret = tip_link_output6(res->ifp, frag, &res->nexthop);
		if (ret)
			break;
	}
	consume_skb(skb);
	return ret;
}

/*
 * IPV6_MULTICAST_LOOP (RFC 3493 5.2): listeners on this node to a group
 * joined on the outgoing link get a copy through the loopback link,
 * whole, whatever the path MTU; a copy that cannot be made is a lost
 * datagram, counted, as the wire one could be.
 */
static void tip_ip6_loop_copy(struct tip_net *tn, struct sk_buff *skb,
			      u8 proto, const struct in6_addr *saddr,
			      const struct in6_addr *daddr, u8 hops, u8 tclass)
{
	struct sk_buff *copy;

	if (!tn->lo)
		return;
	copy = tip_skb_copy(skb, GFP_ATOMIC);
	if (!copy || tip_ip6_push(copy, proto, saddr, daddr, hops, tclass)) {
		tn->lo->stats.tx_drops[TINYIP_DROP_NOMEM]++;
		kfree_skb(copy);
		return;
	}
	tip_link_output6(tn->lo, copy, daddr);
}

/*
 * Sends @skb (data at the upper-layer header, checksum done or
 * CHECKSUM_PARTIAL) from @saddr (NULL: chosen here) to @daddr, in
 * fragments when it does not fit the path MTU, unless @tx forbids it.
 * Consumes @skb. Under tn->lock.
 */
int tip_ip6_output(struct tip_net *tn, struct sk_buff *skb, u8 proto,
		   const struct in6_addr *saddr, const struct in6_addr *daddr,
		   struct tip_if *oif, const struct tip_ip6_tx *tx)
{
	struct tip_rt6_res res;
	u8 hops, tclass = tx ? tx->tclass : 0;
	int ret;

	lockdep_assert_held(&tn->lock);
	ret = tip_ip6_route(tn, daddr, oif, &res);
	if (ret)
		goto drop;
	if (!saddr)
		saddr = &res.src;
	if (tx && tx->hop_limit)
		hops = tx->hop_limit;
	else
		hops = res.mcast ? 1 : tip_ip6_link_hops(res.ifp);
	if (res.mcast && tx && tx->mc_loop && tip_mld_joined(res.ifp, daddr))
		tip_ip6_loop_copy(tn, skb, proto, saddr, daddr, hops, tclass);
	if (!skb_is_gso(skb) && skb->len + sizeof(struct ipv6hdr) > res.mtu) {
		if (tx && tx->dontfrag) {
			ret = -EMSGSIZE;
			goto drop;
		}
		return tip_ip6_fragment(tn, skb, proto, saddr, daddr, hops,
					tclass, &res);
	}
	ret = tip_ip6_push(skb, proto, saddr, daddr, hops, tclass);
	if (ret)
		goto drop;
	/*
	 * TCP's GSO skb: each segment must fit the path, as routers never
	 * fragment; -EMSGSIZE has TCP shrink its MSS.
	 */
	if (skb_is_gso(skb) && !skb_gso_validate_network_len(skb, res.mtu)) {
		ret = -EMSGSIZE;
		goto drop;
	}
	return tip_link_output6(res.ifp, skb, &res.nexthop);
drop:
	kfree_skb(skb);
	return ret;
}

/* RFC 2711 Router Alert, value 0 (MLD), in a hop-by-hop header. */
static const u8 tip_ip6_hbh_ra[8] = {
	IPPROTO_ICMPV6, 0, IPV6_TLV_ROUTERALERT, 2, 0, 0, IPV6_TLV_PADN, 0,
};

/*
 * ND and MLD: straight onto @ifp, no routing; @daddr is on-link or a
 * group. @ra adds the Router Alert option MLD needs. Consumes @skb.
 */
int tip_ip6_output_link(struct tip_if *ifp, struct sk_buff *skb, u8 proto,
			const struct in6_addr *saddr,
			const struct in6_addr *daddr, u8 hop_limit, bool ra)
{
	int ret;

	lockdep_assert_held(&ifp->tn->lock);
	if (ra) {
		if (tip_skb_cow_head(skb, sizeof(tip_ip6_hbh_ra))) {
			ret = -ENOMEM;
			goto drop;
		}
		memcpy(skb_push(skb, sizeof(tip_ip6_hbh_ra)), tip_ip6_hbh_ra,
		       sizeof(tip_ip6_hbh_ra));
		skb->data[0] = proto;
		proto = NEXTHDR_HOP;
	}
	ret = tip_ip6_push(skb, proto, saddr, daddr, hop_limit, 0);
	if (ret)
		goto drop;
	return tip_link_output6(ifp, skb, daddr);
drop:
	kfree_skb(skb);
	return ret;
}
