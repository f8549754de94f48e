// SPDX-License-Identifier: GPL-2.0
/*
 * Raw endpoints: each sees a copy of every datagram of its protocol that
 * reaches this host before the transport does (as Linux's
 * raw_local_deliver and raw6_local_deliver), and sends payloads for
 * which the IP layer builds the header (RFC 791, RFC 8200). An IPv4
 * endpoint gets IPv4 datagrams with their IP header; an IPv6 one
 * (RFC 3542 3) gets IPv6 packets from the upper-layer header on, and on
 * send the kernel computes the ICMPv6 checksum (RFC 3542 3.1) or, with
 * IPV6_CHECKSUM, another protocol's at the offset given. ICMP endpoints
 * filter message types (ICMP_FILTER, and RFC 3542 3.2's ICMP6_FILTER),
 * so a ping program sees only its replies.
 */
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <net/ip.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>

#include <tinyip/addr.h>
#include <tinyip/fault.h>
#include <tinyip/ip4.h>
#include <tinyip/ip6.h>
#include <tinyip/netif.h>
#include <tinyip/sock.h>
#include <tinyip/tinyip.h>

struct tip_raw_pcb *tip_raw_pcb_new(struct tip_net *tn, u8 proto,
				    tip_raw_recv_t recv, void *ctx)
{
	struct tip_raw_pcb *pcb;

	pcb = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*pcb),
			     GFP_KERNEL);
	if (!pcb)
		return ERR_PTR(-ENOBUFS);
	pcb->tn = tn;
	pcb->proto = proto;
	pcb->recv = recv;
	pcb->ctx = ctx;
	tip_inet_init(&pcb->inet);
	tip_addr_set_wild(&pcb->laddr, false);
	pcb->csum_off6 = -1;

	spin_lock_bh(&tn->lock);
	list_add_tail(&pcb->list, &tn->raw.pcbs);
	pcb->hashed = true;
	spin_unlock_bh(&tn->lock);
	return pcb;
}

static void tip_raw_unhash(struct tip_raw_pcb *pcb)
{
	if (pcb->hashed) {
		list_del(&pcb->list);
		pcb->hashed = false;
	}
	tip_inet_mc_drop_all(pcb->tn, &pcb->inet);
}

/* Process context, tn->lock not held: no callback runs after this. */
void tip_raw_pcb_free(struct tip_raw_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;

	spin_lock_bh(&tn->lock);
	tip_raw_unhash(pcb);
	spin_unlock_bh(&tn->lock);
	tip_mem_free(&tn->mem, TINYIP_MEM_PCB, pcb, sizeof(*pcb));
}

/* bind(): a local address filter, under tn->lock. */
int tip_raw_bind(struct tip_raw_pcb *pcb, const struct in6_addr *addr)
{
	int err;

	lockdep_assert_held(&pcb->tn->lock);
	err = tip_inet_addr_ok(pcb->tn, &pcb->inet, addr, true);
	if (!err)
		pcb->laddr = *addr;
	return err;
}

/*
 * IPv6 output (RFC 3542 3): @skb is the upper-layer message, the IPv6
 * header is ours to build. The checksum is the kernel's to fill for
 * ICMPv6 (3.1) and, with IPV6_CHECKSUM, for other protocols; it covers
 * the IPv6 pseudo-header, so it can only be done once the source is
 * chosen here.
 */
static int tip_raw_send6(struct tip_raw_pcb *pcb, struct sk_buff *skb,
			 const struct in6_addr *daddr, int scope_id)
{
	struct tip_net *tn = pcb->tn;
	struct tip_ip6_tx tx = {};
	struct tip_rt6_res res;
	struct in6_addr saddr;
	struct tip_if *oif;
	__sum16 sum;
	int err, off;

	err = -ENETUNREACH;
	if (tip_addr_is_v4(&pcb->laddr) && !tip_addr_is_any4(&pcb->laddr))
		goto drop;
	oif = tip_inet_oif6(tn, &pcb->inet, daddr, scope_id);
	err = tip_ip6_route(tn, daddr, oif, &res);
	if (err)
		goto drop;
	saddr = pcb->laddr;
	if (tip_addr_is_wild(&saddr) || ipv6_addr_is_multicast(&saddr))
		saddr = res.src;

	skb_reset_transport_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	off = pcb->proto == IPPROTO_ICMPV6 ?
	      (int)offsetof(struct icmp6hdr, icmp6_cksum) : pcb->csum_off6;
	if (off >= 0) {
		err = -EINVAL;
		if (skb->len < off + sizeof(sum))
			goto drop;
		*(__sum16 *)(skb->data + off) = 0;
		sum = csum_ipv6_magic(&saddr, daddr, skb->len, pcb->proto,
				      skb_checksum(skb, 0, skb->len, 0));
		/* UDP's zero means "none", which IPv6 forbids (8.1). */
		if (!sum && pcb->proto == IPPROTO_UDP)
			sum = CSUM_MANGLED_0;
		*(__sum16 *)(skb->data + off) = sum;
	}

	tx.tclass = pcb->inet.tclass6;
	tx.dontfrag = pcb->inet.dontfrag6;
	tx.mc_loop = pcb->inet.mc_loop6;
	tx.hop_limit = res.mcast ? pcb->inet.mc_hops6 : pcb->inet.hop_limit6;
	return tip_ip6_output(tn, skb, pcb->proto, &saddr, daddr, oif, &tx);

drop:
	kfree_skb(skb);
	return err;
}

/*
 * Send @skb (data at the payload) to @daddr (@scope_id: its
 * sin6_scope_id, or 0), under tn->lock; consumes it.
 */
int tip_raw_send(struct tip_raw_pcb *pcb, struct sk_buff *skb,
		 const struct in6_addr *daddr, int scope_id)
{
	struct tip_net *tn = pcb->tn;
	struct tip_ip4_tx tx = {};
	struct tip_rt4_res res;
	__be32 saddr, d4;
	int err;

	lockdep_assert_held(&tn->lock);
	if (!tip_addr_is_v4(daddr))
		return tip_raw_send6(pcb, skb, daddr, scope_id);
	err = -ENETUNREACH;
	if (pcb->inet.v6only ||
	    (!tip_addr_is_v4(&pcb->laddr) && !ipv6_addr_any(&pcb->laddr)))
		goto drop;
	d4 = tip_addr_v4(daddr);
	err = tip_inet_route(tn, &pcb->inet, d4, &res);
	if (err)
		goto drop;
	err = -EACCES;
	if (res.bcast && !pcb->inet.broadcast)
		goto drop;
	saddr = tip_addr_v4(&pcb->laddr);
	if (tip_addr_is_wild(&pcb->laddr) || ipv4_is_multicast(saddr) ||
	    ipv4_is_lbcast(saddr))
		saddr = res.src;
	err = -EADDRNOTAVAIL;
	if (!saddr)
		goto drop;

	skb_reset_transport_header(skb);
	skb->ip_summed = CHECKSUM_NONE;
	tx.tos = pcb->inet.tos;
	if (res.mcast) {
		tx.ttl = pcb->inet.mc_ttl;
		tx.mc_loop = pcb->inet.mc_loop;
	} else {
		tx.ttl = pcb->inet.ttl;
	}
	return tip_ip4_output(tn, skb, &res, saddr, d4, pcb->proto, &tx);

drop:
	kfree_skb(skb);
	return err;
}

static bool tip_raw_icmp_filtered(const struct tip_raw_pcb *pcb,
				  const struct sk_buff *skb)
{
	int off = skb_network_offset(skb) + TIP_CB(skb)->ip_hlen;
	const u8 *type;
	u8 buf;

	if (pcb->proto != IPPROTO_ICMP || !pcb->icmp_filter)
		return false;
	type = skb_header_pointer(skb, off, sizeof(buf), &buf);
	return type && *type < 32 && (pcb->icmp_filter & BIT(*type));
}

/*
 * The IPv4 layer's raw hook, under tn->lock: copies to every endpoint of
 * @proto that matches, each clone with skb->data moved back to the IP
 * header, as Linux raw sockets receive it. @skb stays the caller's.
 */
static bool tip_raw_deliver(struct tip_net *tn, struct sk_buff *skb, u8 proto)
{
	struct tip_if *ifp = TIP_CB(skb)->iif;
	int ifindex = ifp ? ifp->ifindex : 0;
	struct in6_addr saddr, daddr;
	struct tip_raw_pcb *pcb;
	struct sk_buff *copy;
	bool taken = false;

	lockdep_assert_held(&tn->lock);
	tip_addr_from4(&saddr, TIP_CB(skb)->saddr);
	tip_addr_from4(&daddr, TIP_CB(skb)->daddr);
	list_for_each_entry(pcb, &tn->raw.pcbs, list) {
		/* An IPv6 raw endpoint never sees IPv4 (as AF_INET6 raw). */
		if (pcb->proto != proto || pcb->inet.v6)
			continue;
		if (!tip_addr_match(&pcb->laddr, pcb->inet.v6only, &daddr))
			continue;
		if (!ipv6_addr_any(&pcb->raddr) &&
		    !ipv6_addr_equal(&pcb->raddr, &saddr))
			continue;
		if (pcb->inet.bound_if && pcb->inet.bound_if != ifindex)
			continue;
		if (tip_raw_icmp_filtered(pcb, skb))
			continue;
		copy = tip_skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			if (ifp)
				ifp->stats.rx_drops[TINYIP_DROP_NOMEM]++;
			continue;
		}
		__skb_push(copy, copy->data - skb_network_header(copy));
		pcb->recv(pcb, copy);
		taken = true;
	}
	return taken;
}

/* ICMP6_FILTER (RFC 3542 3.2): a set bit blocks the type, as Linux. */
static bool tip_raw_icmp6_filtered(const struct tip_raw_pcb *pcb,
				   const struct sk_buff *skb)
{
	const u8 *type;
	u8 buf;

	if (pcb->proto != IPPROTO_ICMPV6)
		return false;
	type = skb_header_pointer(skb, 0, sizeof(buf), &buf);
	return !type ||
	       (pcb->icmp6_filter[*type >> 5] & BIT(*type & 31));
}

/*
 * The IPv6 layer's raw hook, under tn->lock, skb->data at the
 * upper-layer header (for ICMPv6, after its checksum was checked): a
 * copy to every IPv6 endpoint of @proto that matches, from that header
 * on, as RFC 3542 3 says raw IPv6 sockets receive. @skb stays the
 * caller's; true if an endpoint took a copy.
 */
static bool tip_raw_deliver6(struct tip_net *tn, struct sk_buff *skb,
			     u8 proto)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	struct tip_if *ifp = TIP_CB(skb)->iif;
	int ifindex = ifp ? ifp->ifindex : 0;
	struct tip_raw_pcb *pcb;
	struct sk_buff *copy;
	bool taken = false;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry(pcb, &tn->raw.pcbs, list) {
		if (pcb->proto != proto || !pcb->inet.v6)
			continue;
		if (!tip_addr_match(&pcb->laddr, pcb->inet.v6only, &ip6->daddr))
			continue;
		if (!ipv6_addr_any(&pcb->raddr) &&
		    !ipv6_addr_equal(&pcb->raddr, &ip6->saddr))
			continue;
		if (pcb->inet.bound_if && pcb->inet.bound_if != ifindex)
			continue;
		if (tip_raw_icmp6_filtered(pcb, skb))
			continue;
		copy = tip_skb_clone(skb, GFP_ATOMIC);
		if (!copy) {
			if (ifp)
				ifp->stats.rx_drops[TINYIP_DROP_NOMEM]++;
			continue;
		}
		pcb->recv(pcb, copy);
		taken = true;
	}
	return taken;
}

int tip_raw_net_init(struct tip_net *tn)
{
	INIT_LIST_HEAD(&tn->raw.pcbs);
	return 0;
}

/* What is left belongs to in-kernel users, who still free it. */
void tip_raw_net_exit(struct tip_net *tn)
{
	struct tip_raw_pcb *pcb, *tmp;

	spin_lock_bh(&tn->lock);
	list_for_each_entry_safe(pcb, tmp, &tn->raw.pcbs, list)
		tip_raw_unhash(pcb);
	spin_unlock_bh(&tn->lock);
}

int tip_raw_init(void)
{
	int err = tip_sock_raw_init();

	if (err)
		return err;
	tip_ip4_set_raw_deliver(tip_raw_deliver);
	tip_ip6_set_raw_deliver(tip_raw_deliver6);
	return 0;
}

void tip_raw_exit(void)
{
	tip_ip6_set_raw_deliver(NULL);
	tip_ip4_set_raw_deliver(NULL);
	tip_sock_raw_exit();
}
