// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 input (RFC 8200): validate the fixed header, refuse impossible
 * addresses (RFC 4291 2.5.2, 2.5.3, 2.7), walk the extension headers
 * with module/ip6_wire.c, decide whether the packet is ours (one of our
 * addresses, or a group joined on the receiving link), reassemble it if
 * it is a fragment (module/ip6_defrag.c, RFC 8200 4.5) and hand it to
 * the upper layer registered for its protocol, as inet6_protos does.
 */
#include <linux/mutex.h>
#include <linux/rcupdate.h>
#include <linux/skbuff.h>
#include <net/addrconf.h>
#include <net/ipv6.h>

#include <tinyip/ip6.h>
#include <tinyip/ip6_wire.h>
#include <tinyip/tinyip.h>

static const struct tip_ip6_proto __rcu *tip_ip6_protos[256];
static DEFINE_MUTEX(tip_ip6_proto_mutex);
/* Set at raw's init, cleared at its exit; readers are RCU (softirq). */
static bool (*tip_ip6_raw_deliver)(struct tip_net *tn, struct sk_buff *skb,
				   u8 proto);

void tip_ip6_set_raw_deliver(bool (*deliver)(struct tip_net *tn,
					     struct sk_buff *skb, u8 proto))
{
	WRITE_ONCE(tip_ip6_raw_deliver, deliver);
	if (!deliver)
		synchronize_net();
}

bool tip_ip6_raw(struct tip_net *tn, struct sk_buff *skb, u8 proto)
{
	bool (*deliver)(struct tip_net *tn, struct sk_buff *skb, u8 proto);

	deliver = READ_ONCE(tip_ip6_raw_deliver);
	return deliver && deliver(tn, skb, proto);
}

int tip_ip6_proto_register(u8 proto, const struct tip_ip6_proto *p)
{
	int ret = 0;

	mutex_lock(&tip_ip6_proto_mutex);
	if (rcu_access_pointer(tip_ip6_protos[proto]))
		ret = -EBUSY;
	else
		rcu_assign_pointer(tip_ip6_protos[proto], p);
	mutex_unlock(&tip_ip6_proto_mutex);
	return ret;
}

void tip_ip6_proto_unregister(u8 proto)
{
	mutex_lock(&tip_ip6_proto_mutex);
	RCU_INIT_POINTER(tip_ip6_protos[proto], NULL);
	mutex_unlock(&tip_ip6_proto_mutex);
	synchronize_net();
}

/* Under rcu_read_lock(). */
const struct tip_ip6_proto *tip_ip6_proto_get(u8 proto)
{
	return rcu_dereference(tip_ip6_protos[proto]);
}

/* Addresses no packet may carry on the wire. */
static bool tip_ip6_martian(const struct tip_ip6_view *v, bool loop)
{
	int st = ipv6_addr_type(&v->saddr);
	int dt = ipv6_addr_type(&v->daddr);

	if (st & IPV6_ADDR_MULTICAST)
		return true;
	if (dt == IPV6_ADDR_ANY)
		return true;
	/* Loopback belongs to tinyip's own loopback link (RFC 4291 2.5.3). */
	if (!loop && ((st | dt) & IPV6_ADDR_LOOPBACK))
		return true;
	/* RFC 4291 2.5.5.2: mapped addresses never appear on the wire. */
	if ((st | dt) & IPV6_ADDR_MAPPED)
		return true;
	/* Interface-local multicast never leaves the node (2.7). */
	if ((dt & IPV6_ADDR_MULTICAST) && !loop &&
	    IPV6_ADDR_MC_SCOPE(&v->daddr) == IPV6_ADDR_SCOPE_NODELOCAL)
		return true;
	return false;
}

/* Whether @v's destination is this node, as seen on @iif. */
static bool tip_ip6_for_us(struct tip_net *tn, struct tip_if *iif,
			   const struct in6_addr *daddr)
{
	struct tip_ifaddr6 *a;

	/* Multicast is ours if joined on the link; loops come via loopback. */
	if (ipv6_addr_is_multicast(daddr))
		return ipv6_addr_is_ll_all_nodes(daddr) || iif == tn->lo ||
		       tip_mld_joined(iif, daddr);
	/* Link-local addresses are only valid on their own link. */
	if (ipv6_addr_type(daddr) & IPV6_ADDR_LINKLOCAL) {
		a = tip_ip6_addr_find(iif, daddr);
		return a && !(a->flags & TINYIP_ADDR_F_TENTATIVE);
	}
	if (iif == tn->lo && ipv6_addr_loopback(daddr))
		return true;
	/* The weak host model, as Linux: any of our addresses will do. */
	return !!tip_ip6_addr_owner(tn, daddr);
}

static void tip_ip6_deliver(struct tip_net *tn, struct sk_buff *skb,
			    const struct tip_ip6_chain *c)
{
	const struct tip_ip6_proto *p;
	struct tip_if *iif = TIP_CB(skb)->iif;
	bool raw = false;

	p = rcu_dereference(tip_ip6_protos[c->proto]);
	/*
	 * Raw endpoints see the packet from its upper-layer header, before
	 * the transport; ICMPv6 hands them its messages itself, after its
	 * checksum check. One that took it is answer enough for a protocol
	 * nobody else speaks, as on Linux.
	 */
	if (c->proto != IPPROTO_ICMPV6) {
		__skb_pull(skb, c->off);
		raw = tip_ip6_raw(tn, skb, c->proto);
		__skb_push(skb, c->off);
	}
	if (!p && raw) {
		consume_skb(skb);
		return;
	}
	if (!p) {
		/* RFC 8200 4: unknown Next Header, parameter problem 1. */
		if (c->proto != NEXTHDR_NONE)
			tip_icmp6_send(tn, skb, ICMPV6_PARAMPROB,
				       ICMPV6_UNK_NEXTHDR, c->nh_off, false);
		tip_if_rx_drop(iif, skb, c->proto == NEXTHDR_NONE ?
			       TINYIP_DROP_OTHER : TINYIP_DROP_PROTO);
		return;
	}
	TIP_CB6(skb)->nhoff = c->off;
	__skb_pull(skb, c->off);
	skb_reset_transport_header(skb);
	p->rcv(tn, skb);
}

/* Under tn->lock and rcu_read_lock(). */
static void tip_ip6_rcv(struct tip_net *tn, struct tip_if *iif,
			struct sk_buff *skb)
{
	struct tip_ip6_chain c;
	struct tip_ip6_view v;
	struct tip_ip6_perr e;
	enum tip_ip6_walk walk;
	unsigned int len;
	bool loop = TIP_CB(skb)->flags & TIP_CB_F_LOOP;

	if (iif->dying) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_LINK_DOWN);
		return;
	}
	if (!pskb_may_pull(skb, sizeof(struct ipv6hdr)) ||
	    tip_ip6_wire_parse(skb->data, skb_headlen(skb), skb->len, &v))
		goto hdr;
	if (pskb_trim_rcsum(skb, sizeof(struct ipv6hdr) + v.payload_len))
		goto hdr;
	if (tip_ip6_martian(&v, loop)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_MARTIAN);
		return;
	}
	if (!tip_ip6_for_us(tn, iif, &v.daddr)) {
		if (ipv6_addr_is_multicast(&v.daddr))
			tip_if_rx_drop(iif, skb, TINYIP_DROP_OTHERHOST);
		else
			tip_ip6_forward(tn, skb);
		return;
	}

	/* The whole chain must be linear for the walker. */
	len = min_t(unsigned int, skb->len,
		    sizeof(struct ipv6hdr) + TIP_IP6_CHAIN_MAX + 8);
	if (!pskb_may_pull(skb, len))
		goto hdr;
	walk = tip_ip6_exthdr_walk(skb->data, len, &c, &e);
	if (walk == TIP_IP6_WALK_FRAG) {
		/* RFC 8200 4.5: the whole packet is walked again, as new. */
		skb = tip_ip6_defrag(tn, skb, &c);
		if (!skb)
			return;
		len = min_t(unsigned int, skb->len,
			    sizeof(struct ipv6hdr) + TIP_IP6_CHAIN_MAX + 8);
		walk = tip_ip6_exthdr_walk(skb->data, len, &c, &e);
		/* A fragment inside a fragment: one header too many (4.1). */
		if (walk == TIP_IP6_WALK_FRAG) {
			tip_if_rx_drop(iif, skb, TINYIP_DROP_FRAG);
			return;
		}
	}
	switch (walk) {
	case TIP_IP6_WALK_OK:
		break;
	case TIP_IP6_WALK_PERR:
		tip_icmp6_send(tn, skb, ICMPV6_PARAMPROB, e.code, e.pointer,
			       e.mcast_ok);
		goto hdr;
	default:
		goto hdr;
	}
	skb_set_transport_header(skb, c.off);
	tip_ip6_deliver(tn, skb, &c);
	return;
hdr:
	tip_if_rx_drop(iif, skb, TINYIP_DROP_HDR);
}

/* The link layer's entry: softirq or BH-disabled work, lock not held. */
void tip_ip6_input(struct sk_buff *skb)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct tip_net *tn = iif->tn;

	spin_lock(&tn->lock);
	rcu_read_lock();
	tip_ip6_rcv(tn, iif, skb);
	rcu_read_unlock();
	spin_unlock(&tn->lock);
}
