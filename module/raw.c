// SPDX-License-Identifier: GPL-2.0
/*
 * Raw IPv4 endpoints: each sees a copy of every datagram of its protocol
 * that reaches this host, IP header included, before the transport does
 * (as Linux's raw_local_deliver), and sends payloads for which the IP
 * layer builds the header (RFC 791). ICMP endpoints can filter message
 * types (Linux's ICMP_FILTER), so a ping program sees only its replies.
 */
#include <linux/icmp.h>
#include <linux/in.h>
#include <net/ip.h>

#include <tinyip/addr.h>
#include <tinyip/ip4.h>
#include <tinyip/netif.h>
#include <tinyip/sock.h>
#include <tinyip/tinyip.h>

struct tip_raw_pcb *tip_raw_pcb_new(struct tip_net *tn, u8 proto,
				    tip_raw_recv_t recv, void *ctx)
{
	struct tip_raw_pcb *pcb;

	pcb = tip_mem_zalloc(&tn->mem, sizeof(*pcb), GFP_KERNEL);
	if (!pcb)
		return ERR_PTR(-ENOBUFS);
	pcb->tn = tn;
	pcb->proto = proto;
	pcb->recv = recv;
	pcb->ctx = ctx;
	tip_inet_init(&pcb->inet);
	tip_addr_set_wild(&pcb->laddr, false);

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
	tip_mem_free(&tn->mem, pcb, sizeof(*pcb));
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
 * Stage 2 of dual-stack sockets: raw IPv6 output (an IPv6 raw endpoint
 * sends without the IP header, RFC 3542 3). Unreachable until then.
 */
static int tip_raw_send6(struct tip_raw_pcb *pcb, struct sk_buff *skb,
			 const struct in6_addr *daddr)
{
	kfree_skb(skb);
	return -ENETUNREACH;
}

/* Send @skb (data at the payload) to @daddr, under tn->lock; consumes it. */
int tip_raw_send(struct tip_raw_pcb *pcb, struct sk_buff *skb,
		 const struct in6_addr *daddr)
{
	struct tip_net *tn = pcb->tn;
	struct tip_ip4_tx tx = {};
	struct tip_rt4_res res;
	__be32 saddr, d4;
	int err;

	lockdep_assert_held(&tn->lock);
	if (!tip_addr_is_v4(daddr))
		return tip_raw_send6(pcb, skb, daddr);
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
		if (pcb->proto != proto)
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
		copy = skb_clone(skb, GFP_ATOMIC);
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
	return 0;
}

void tip_raw_exit(void)
{
	tip_ip4_set_raw_deliver(NULL);
	tip_sock_raw_exit();
}
