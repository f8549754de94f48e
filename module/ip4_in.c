// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 input (RFC 791, RFC 1122 3.2.1 and 3.3): header validation with a
 * drop counter for every reason, source and destination sanity (RFC 1122
 * 3.2.1.3, RFC 1812 5.3.7), the delivery decision (weak host model, as
 * Linux), reassembly, then the raw sockets and the protocol table. Also
 * the IPv4 layer's module and instance set up.
 */
#include <linux/icmp.h>
#include <linux/inetdevice.h>
#include <linux/random.h>
#include <linux/rcupdate.h>
#include <net/ip.h>

#include <tinyip/fault.h>
#include <tinyip/dhcp4.h>
#include <tinyip/tinyip.h>
#include "ip4_local.h"

static const struct tip_ip4_proto __rcu *tip_ip4_protos[256];
/* Set at raw's init, cleared at its exit; readers are RCU (softirq). */
static bool (*tip_ip4_raw_deliver)(struct tip_net *tn, struct sk_buff *skb,
				   u8 proto);
static DEFINE_MUTEX(tip_ip4_proto_mutex);

int tip_ip4_proto_register(u8 protocol, const struct tip_ip4_proto *p)
{
	int ret = 0;

	mutex_lock(&tip_ip4_proto_mutex);
	if (rcu_access_pointer(tip_ip4_protos[protocol]))
		ret = -EBUSY;
	else
		rcu_assign_pointer(tip_ip4_protos[protocol], p);
	mutex_unlock(&tip_ip4_proto_mutex);
	return ret;
}

void tip_ip4_proto_unregister(u8 protocol)
{
	mutex_lock(&tip_ip4_proto_mutex);
	RCU_INIT_POINTER(tip_ip4_protos[protocol], NULL);
	mutex_unlock(&tip_ip4_proto_mutex);
	synchronize_net();
}

void tip_ip4_set_raw_deliver(bool (*deliver)(struct tip_net *tn,
					     struct sk_buff *skb, u8 proto))
{
	WRITE_ONCE(tip_ip4_raw_deliver, deliver);
	if (!deliver)
		synchronize_net();
}

const struct tip_ip4_proto *tip_ip4_proto_get(u8 proto)
{
	return rcu_dereference(tip_ip4_protos[proto]);
}

/* Raw sockets first, on a view at the transport header; true if taken. */
static bool tip_ip4_raw(struct tip_net *tn, struct sk_buff *skb, u8 proto)
{
	bool (*deliver)(struct tip_net *tn, struct sk_buff *skb, u8 proto);

	deliver = READ_ONCE(tip_ip4_raw_deliver);
	return deliver && deliver(tn, skb, proto);
}

/* skb->data at the transport header, TIP_CB() filled. Consumes @skb. */
static void tip_ip4_local_deliver(struct tip_net *tn, struct sk_buff *skb,
				  u8 proto)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	const struct tip_ip4_proto *p;
	bool raw, unicast;
	int ret;

	unicast = !(TIP_CB(skb)->flags & (TIP_CB_F_BCAST | TIP_CB_F_MCAST));
	raw = tip_ip4_raw(tn, skb, proto);
	p = tip_ip4_proto_get(proto);
	ret = p ? p->input(tn, skb) : -EPROTONOSUPPORT;
	if (!ret)
		return;
	if (ret == -ECONNREFUSED) {
		if (unicast)
			tip_icmp_send(tn, skb, ICMP_DEST_UNREACH,
				      ICMP_PORT_UNREACH, 0);
		tip_if_rx_drop(iif, skb, TINYIP_DROP_NO_PORT);
		return;
	}
	/* A raw socket that took it is answer enough (as Linux). */
	if (raw) {
		consume_skb(skb);
		return;
	}
	if (unicast)
		tip_icmp_send(tn, skb, ICMP_DEST_UNREACH, ICMP_PROT_UNREACH, 0);
	tip_if_rx_drop(iif, skb, TINYIP_DROP_PROTO);
}

/* RFC 1122 3.2.1.3 and Linux's martian rules for the source. */
static bool tip_ip4_bad_src(struct tip_net *tn, struct tip_if *iif,
			    const struct tip_ip4_view *v)
{
	__be32 s = v->saddr;

	if (tip_ip4_martian_src(s))
		return true;
	if (ipv4_is_zeronet(s))
		/* Only hosts still learning their address (BOOTP, IGMP). */
		return !(ipv4_is_lbcast(v->daddr) ||
			 ipv4_is_local_multicast(v->daddr) ||
			 v->proto == IPPROTO_IGMP);
	if (iif == tn->lo)
		return false;
	if (ipv4_is_loopback(s) || tip_ip4_is_bcast_on(iif, s))
		return true;
	/* Our own address from the wire is a spoof or a loop. */
	return tip_ip4_is_local(tn, s);
}

/* Multicast is ours if joined on the link; loops come via loopback. */
static bool tip_ip4_mc_for_us(struct tip_net *tn, struct tip_if *iif,
			      const struct tip_ip4_view *v)
{
	if (v->daddr == htonl(INADDR_ALLHOSTS_GROUP) ||
	    v->proto == IPPROTO_IGMP || iif == tn->lo)
		return true;
	return tip_ip4_mc_joined(iif, v->daddr);
}

static void tip_ip4_rcv(struct tip_net *tn, struct tip_if *iif,
			struct sk_buff *skb)
{
	struct tip_skb_cb *cb;
	struct tip_ip4_view v;
	u8 flags = 0;
	int why;

	if (READ_ONCE(iif->dying)) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_LINK_DOWN);
		return;
	}
	skb = tip_skb_share_check(skb, GFP_ATOMIC);
	if (!skb) {
		iif->stats.rx_drops[TINYIP_DROP_NOMEM]++;
		return;
	}
	if (!pskb_may_pull(skb, sizeof(struct iphdr)))
		goto hdr;
	if (!pskb_may_pull(skb, ip_hdr(skb)->ihl * 4))
		goto hdr;
	why = tip_ip4_wire_parse(skb->data, skb_headlen(skb), skb->len, &v);
	if (why) {
		tip_if_rx_drop(iif, skb, why);
		return;
	}
	/* Links may pad short frames: keep only the datagram. */
	if (pskb_trim_rcsum(skb, v.tot_len))
		goto hdr;
	skb_reset_network_header(skb);
	/* Source routing is refused, as Linux does by default. */
	if (v.opt_flags & TIP_IP4_OPT_SRR)
		goto hdr;

	if (tip_ip4_bad_src(tn, iif, &v) || ipv4_is_zeronet(v.daddr) ||
	    (iif != tn->lo && ipv4_is_loopback(v.daddr))) {
		tip_if_rx_drop(iif, skb, TINYIP_DROP_MARTIAN);
		return;
	}

	if (ipv4_is_multicast(v.daddr)) {
		if (!tip_ip4_mc_for_us(tn, iif, &v)) {
			tip_if_rx_drop(iif, skb, TINYIP_DROP_OTHERHOST);
			return;
		}
		flags |= TIP_CB_F_MCAST;
	} else if (ipv4_is_lbcast(v.daddr) ||
		   tip_ip4_is_bcast_on(iif, v.daddr)) {
		flags |= TIP_CB_F_BCAST;
	} else if (!tip_ip4_is_local(tn, v.daddr) &&
		   !tip_dhcp4_wants(iif, skb, v.hlen)) {
		tip_ip4_forward(tn, skb, &v);
		return;
	}
	if (iif == tn->lo)
		flags |= TIP_CB_F_LOOP;

	cb = TIP_CB(skb);
	cb->saddr = v.saddr;
	cb->daddr = v.daddr;
	cb->ip_hlen = v.hlen;
	cb->flags = flags;
	cb->ttl = v.ttl;
	cb->tos = v.tos;

	if (v.mf || v.frag_off) {
		skb = tip_ip4_defrag(tn, skb, &v);
		if (!skb)
			return;
		/* The whole datagram has fragment zero's header. */
		v.hlen = ip_hdr(skb)->ihl * 4;
		v.tot_len = skb->len;
		TIP_CB(skb)->ip_hlen = v.hlen;
	}
	__skb_pull(skb, v.hlen);
	skb_reset_transport_header(skb);
	tip_ip4_local_deliver(tn, skb, v.proto);
	return;
hdr:
	tip_if_rx_drop(iif, skb, TINYIP_DROP_HDR);
}

/* The link layer's entry: softirq or BH-disabled work, lock not held. */
static void tip_ip4_input(struct sk_buff *skb)
{
	struct tip_if *iif = TIP_CB(skb)->iif;
	struct tip_net *tn = iif->tn;

	spin_lock(&tn->lock);
	rcu_read_lock();
	tip_ip4_rcv(tn, iif, skb);
	rcu_read_unlock();
	spin_unlock(&tn->lock);
}

static const struct tip_link_upper tip_ip4_upper = {
	.ip4_input = tip_ip4_input,
	.if_up = tip_ip4_if_up,
	.if_down = tip_ip4_if_down,
};

int tip_ip4_net_init(struct tip_net *tn)
{
	int ret;

	INIT_LIST_HEAD(&tn->ip4.routes);
	tn->ip4.ident = get_random_u16();
	tn->ip4.icmp_stamp = jiffies;
	tn->ip4.icmp_tokens = 0;
	tip_ip4_defrag_init(tn);
	ret = tip_igmp_net_init(tn);
	if (ret)
		return ret;
	if (tn->lo) {
		ret = tip_ip4_addr_add(tn, tn->lo, htonl(INADDR_LOOPBACK), 8,
				       NULL);
		if (ret) {
			tip_igmp_net_exit(tn);
			tip_ip4_defrag_exit(tn);
		}
	}
	return ret;
}

void tip_ip4_net_exit(struct tip_net *tn)
{
	struct tip_if *ifp;
	unsigned int i;

	tip_igmp_net_exit(tn);
	tip_ip4_defrag_exit(tn);
	spin_lock_bh(&tn->lock);
	/* Links normally went away first; whatever is left goes now. */
	for (i = 0; (ifp = tip_ip4_nth_if(tn, i)); i++)
		tip_ip4_addrs_flush(tn, ifp);
	tip_ip4_routes_flush(tn, NULL);
	spin_unlock_bh(&tn->lock);
}

int tip_ip4_init(void)
{
	int ret;

	ret = tip_ip4_proto_register(IPPROTO_ICMP, &tip_icmp_proto);
	if (ret)
		return ret;
	ret = IS_ENABLED(CONFIG_TINYIP_IGMP) ?
	      tip_ip4_proto_register(IPPROTO_IGMP, &tip_igmp_proto) : 0;
	if (ret) {
		tip_ip4_proto_unregister(IPPROTO_ICMP);
		return ret;
	}
	tip_link_register_upper(&tip_ip4_upper);
	return 0;
}

void tip_ip4_exit(void)
{
	tip_ip4_proto_unregister(IPPROTO_IGMP);
	tip_ip4_proto_unregister(IPPROTO_ICMP);
}
