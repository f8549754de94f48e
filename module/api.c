// SPDX-License-Identifier: GPL-2.0
/*
 * The native API for other kernel modules (include/tinyip/api.h): UDP and
 * UDP-Lite (RFC 768, RFC 3828) endpoints as bare PCBs, the same ones
 * sockets wrap, with a receive callback instead of a queue. What an idle
 * endpoint costs is one PCB and this small handle, no struct sock.
 */
#include <linux/export.h>
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/udp.h>

#include <tinyip/addr.h>
#include <tinyip/api.h>
#include <tinyip/fault.h>
#include <tinyip/netif.h>
#include <tinyip/tinyip.h>
#include <tinyip/udp.h>

struct tinyip_udp {
	struct tip_udp_pcb *pcb;
	tinyip_udp_recv_t recv;
	tinyip_udp_recv6_t recv6;	/* wins over recv when set */
	void *ctx;
};

static void tinyip_udp_deliver(struct tip_udp_pcb *pcb, struct sk_buff *skb)
{
	const struct udphdr *uh = (const struct udphdr *)skb->data;
	struct tinyip_udp *u = pcb->ctx;
	struct tip_if *ifp = TIP_CB(skb)->iif;
	struct in6_addr saddr, daddr;
	__be16 sport = uh->source;
	bool v4 = ip_hdr(skb)->version == 4;

	if (!u->recv6 && (!u->recv || !v4)) {
		consume_skb(skb);
		return;
	}
	/* A loopback datagram may still count against its sender. */
	skb_orphan(skb);
	tip_skb_addrs(skb, &saddr, &daddr);
	__skb_pull(skb, sizeof(*uh));
	if (u->recv6)
		u->recv6(u, u->ctx, skb, &saddr, sport,
			 ifp ? ifp->ifindex : 0);
	else
		u->recv(u, u->ctx, skb, TIP_CB(skb)->saddr, sport);
}

void tinyip_udp_set_recv6(struct tinyip_udp *u, tinyip_udp_recv6_t recv6)
{
	struct tip_net *tn = u->pcb->tn;

	spin_lock_bh(&tn->lock);
	u->recv6 = recv6;
	spin_unlock_bh(&tn->lock);
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_set_recv6, TINYIP);

static const struct tip_udp_ops tinyip_udp_pcb_ops = {
	.recv = tinyip_udp_deliver,
};

struct tinyip_udp *tinyip_udp_new(struct net *net, int proto,
				  tinyip_udp_recv_t recv, void *ctx)
{
	struct tip_net *tn = tip_net(net);
	struct tip_udp_pcb *pcb;
	struct tinyip_udp *u;

	u = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*u), GFP_KERNEL);
	if (!u)
		return ERR_PTR(-ENOBUFS);
	pcb = tip_udp_pcb_new(tn, proto, &tinyip_udp_pcb_ops, u);
	if (IS_ERR(pcb)) {
		tip_mem_free(&tn->mem, TINYIP_MEM_PCB, u, sizeof(*u));
		return ERR_CAST(pcb);
	}
	u->pcb = pcb;
	u->recv = recv;
	u->ctx = ctx;
	return u;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_new, TINYIP);

void tinyip_udp_free(struct tinyip_udp *u)
{
	struct tip_net *tn;

	if (IS_ERR_OR_NULL(u))
		return;
	tn = u->pcb->tn;
	tip_udp_pcb_free(u->pcb);
	tip_mem_free(&tn->mem, TINYIP_MEM_PCB, u, sizeof(*u));
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_free, TINYIP);

static int tinyip_udp_setopt_locked(struct tip_udp_pcb *pcb,
				    enum tinyip_udp_opt opt, int val)
{
	struct tip_inet *inet = &pcb->inet;

	switch (opt) {
	case TINYIP_UDP_REUSEADDR:
		inet->reuse = !!val;
		return 0;
	case TINYIP_UDP_BROADCAST:
		inet->broadcast = !!val;
		return 0;
	case TINYIP_UDP_BINDTODEVICE:
		if (val < 0)
			return -EINVAL;
		inet->bound_if = val;
		return 0;
	case TINYIP_UDP_MULTICAST_IF:
		if (val < 0)
			return -EINVAL;
		inet->mc_if = val;
		return 0;
	case TINYIP_UDP_TTL:
	case TINYIP_UDP_TOS:
	case TINYIP_UDP_MULTICAST_TTL:
		if (val < 0 || val > 255)
			return -EINVAL;
		if (opt == TINYIP_UDP_TTL)
			inet->ttl = val;
		else if (opt == TINYIP_UDP_TOS)
			inet->tos = val;
		else
			inet->mc_ttl = val;
		return 0;
	case TINYIP_UDP_MULTICAST_LOOP:
		inet->mc_loop = !!val;
		return 0;
	case TINYIP_UDPLITE_SEND_CSCOV:
	case TINYIP_UDPLITE_RECV_CSCOV:
		if (pcb->proto != IPPROTO_UDPLITE)
			return -ENOPROTOOPT;
		if (opt == TINYIP_UDPLITE_SEND_CSCOV) {
			pcb->send_cscov = tip_udplite_clamp_cscov(val);
			pcb->send_cc = true;
		} else {
			pcb->recv_cscov = tip_udplite_clamp_cscov(val);
			pcb->recv_cc = true;
		}
		return 0;
	}
	return -ENOPROTOOPT;
}

int tinyip_udp_setopt(struct tinyip_udp *u, enum tinyip_udp_opt opt, int val)
{
	struct tip_net *tn = u->pcb->tn;
	int err;

	spin_lock_bh(&tn->lock);
	err = tinyip_udp_setopt_locked(u->pcb, opt, val);
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_setopt, TINYIP);

/*
 * The IPv6 entry points make the endpoint an IPv6 one: unbound, its
 * wildcard is :: (IPv6 and, unless V6ONLY, IPv4 too, RFC 3493 3.7).
 */
static void tinyip_udp_make_v6(struct tip_udp_pcb *pcb)
{
	if (pcb->lport || pcb->inet.v6)
		return;
	pcb->inet.v6 = true;
	tip_udp_set_wild(pcb);
}

int tinyip_udp_bind6(struct tinyip_udp *u, const struct in6_addr *addr,
		     __be16 port)
{
	struct tip_net *tn = u->pcb->tn;
	int err;

	spin_lock_bh(&tn->lock);
	tinyip_udp_make_v6(u->pcb);
	err = tip_udp_bind(u->pcb, addr, port, true);
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_bind6, TINYIP);

int tinyip_udp_bind(struct tinyip_udp *u, __be32 addr, __be16 port)
{
	struct tip_net *tn = u->pcb->tn;
	struct in6_addr a;
	int err;

	tip_addr_from4(&a, addr);
	spin_lock_bh(&tn->lock);
	err = tip_udp_bind(u->pcb, &a, port, true);
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_bind, TINYIP);

int tinyip_udp_connect6(struct tinyip_udp *u, const struct in6_addr *addr,
			__be16 port)
{
	struct tip_net *tn = u->pcb->tn;
	int err = 0;

	spin_lock_bh(&tn->lock);
	if (!ipv6_addr_any(addr) && !tip_addr_is_any4(addr)) {
		tinyip_udp_make_v6(u->pcb);
		err = tip_udp_connect(u->pcb, addr, port);
	} else {
		tip_udp_disconnect(u->pcb);
	}
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_connect6, TINYIP);

int tinyip_udp_connect(struct tinyip_udp *u, __be32 addr, __be16 port)
{
	struct tip_net *tn = u->pcb->tn;
	struct in6_addr a;
	int err = 0;

	tip_addr_from4(&a, addr);
	spin_lock_bh(&tn->lock);
	if (addr)
		err = tip_udp_connect(u->pcb, &a, port);
	else
		tip_udp_disconnect(u->pcb);
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_connect, TINYIP);

int tinyip_udp_getname6(struct tinyip_udp *u, struct in6_addr *addr,
			__be16 *port)
{
	struct tip_net *tn = u->pcb->tn;

	spin_lock_bh(&tn->lock);
	*addr = u->pcb->laddr;
	*port = u->pcb->lport;
	spin_unlock_bh(&tn->lock);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_getname6, TINYIP);

/* An IPv6 local address has no IPv4 form: -EAFNOSUPPORT. */
int tinyip_udp_getname(struct tinyip_udp *u, __be32 *addr, __be16 *port)
{
	struct in6_addr a;

	tinyip_udp_getname6(u, &a, port);
	if (ipv6_addr_any(&a))
		tip_addr_from4(&a, 0);
	if (!tip_addr_is_v4(&a))
		return -EAFNOSUPPORT;
	*addr = tip_addr_v4(&a);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_getname, TINYIP);

static struct sk_buff *tinyip_udp_skb(const void *buf, size_t len, gfp_t gfp)
{
	unsigned int hdr = TIP_HEADROOM + sizeof(struct udphdr);
	struct sk_buff *skb;

	if (len > TIP_UDP_MAX_PAYLOAD)
		return ERR_PTR(-EMSGSIZE);
	skb = tip_alloc_skb(hdr + len, gfp);
	if (!skb)
		return ERR_PTR(-ENOBUFS);
	skb_reserve(skb, hdr);
	skb_put_data(skb, buf, len);
	return skb;
}

int tinyip_udp_sendto6_locked(struct tinyip_udp *u, const void *buf,
			      size_t len, const struct in6_addr *daddr,
			      __be16 dport)
{
	struct sk_buff *skb = tinyip_udp_skb(buf, len, GFP_ATOMIC);

	if (IS_ERR(skb))
		return PTR_ERR(skb);
	return tip_udp_send(u->pcb, skb, daddr, dport, 0);
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_sendto6_locked, TINYIP);

int tinyip_udp_sendto_locked(struct tinyip_udp *u, const void *buf,
			     size_t len, __be32 daddr, __be16 dport)
{
	struct in6_addr a;

	tip_addr_from4(&a, daddr);
	return tinyip_udp_sendto6_locked(u, buf, len, daddr ? &a : NULL,
					 dport);
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_sendto_locked, TINYIP);

int tinyip_udp_sendto6(struct tinyip_udp *u, const void *buf, size_t len,
		       const struct in6_addr *daddr, __be16 dport)
{
	struct sk_buff *skb = tinyip_udp_skb(buf, len, GFP_KERNEL);
	struct tip_net *tn = u->pcb->tn;
	int err;

	if (IS_ERR(skb))
		return PTR_ERR(skb);
	spin_lock_bh(&tn->lock);
	err = tip_udp_send(u->pcb, skb, daddr, dport, 0);
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_sendto6, TINYIP);

int tinyip_udp_sendto(struct tinyip_udp *u, const void *buf, size_t len,
		      __be32 daddr, __be16 dport)
{
	struct in6_addr a;

	tip_addr_from4(&a, daddr);
	return tinyip_udp_sendto6(u, buf, len, daddr ? &a : NULL, dport);
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_sendto, TINYIP);

int tinyip_udp_join(struct tinyip_udp *u, __be32 group, int ifindex)
{
	struct tip_net *tn = u->pcb->tn;
	int err;

	spin_lock_bh(&tn->lock);
	err = tip_inet_mc_join(tn, &u->pcb->inet, group, 0, ifindex);
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_join, TINYIP);

int tinyip_udp_leave(struct tinyip_udp *u, __be32 group, int ifindex)
{
	struct tip_net *tn = u->pcb->tn;
	int err;

	spin_lock_bh(&tn->lock);
	err = tip_inet_mc_leave(tn, &u->pcb->inet, group, 0, ifindex);
	spin_unlock_bh(&tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_udp_leave, TINYIP);
