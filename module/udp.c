// SPDX-License-Identifier: GPL-2.0
/*
 * UDP (RFC 768, RFC 1122 4.1) and UDP-Lite (RFC 3828): protocol control
 * blocks, port binding, demultiplexing of received datagrams, ICMP error
 * delivery and output. Sockets (module/sock_dgram.c) and the raw API
 * (module/api.c) are both thin owners of the PCBs here.
 *
 * Everything runs under the instance lock: the receive path holds it when
 * it calls in, process context takes it around each PCB call.
 */
#include <linux/errqueue.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/udp.h>
#include <net/checksum.h>
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
#include <tinyip/udp.h>

#define tip_udp_for_port(tn, pcb, port) \
	hash_for_each_possible((tn)->udp.ports, pcb, node, ntohs(port))

struct tip_udp_pcb *tip_udp_pcb_new(struct tip_net *tn, u8 proto,
				    const struct tip_udp_ops *ops, void *ctx)
{
	struct tip_udp_pcb *pcb;

	if (proto != IPPROTO_UDP &&
	    (proto != IPPROTO_UDPLITE || !IS_ENABLED(CONFIG_TINYIP_UDPLITE)))
		return ERR_PTR(-EPROTONOSUPPORT);
	pcb = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*pcb),
			     GFP_KERNEL);
	if (!pcb)
		return ERR_PTR(-ENOBUFS);
	pcb->tn = tn;
	pcb->proto = proto;
	pcb->ops = ops;
	pcb->ctx = ctx;
	tip_inet_init(&pcb->inet);
	/* An IPv4 endpoint until its owner says otherwise; raddr is ::. */
	tip_addr_set_wild(&pcb->laddr, false);
	return pcb;
}

void tip_udp_unhash(struct tip_udp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (pcb->hashed) {
		hash_del(&pcb->node);
		pcb->hashed = false;
		pcb->tn->udp.npcbs--;
	}
	tip_inet_mc_drop_all(pcb->tn, &pcb->inet);
}

/* Process context, tn->lock not held: no callback runs after this. */
void tip_udp_pcb_free(struct tip_udp_pcb *pcb)
{
	struct tip_net *tn = pcb->tn;

	spin_lock_bh(&tn->lock);
	tip_udp_unhash(pcb);
	spin_unlock_bh(&tn->lock);
	tip_mem_free(&tn->mem, TINYIP_MEM_PCB, pcb, sizeof(*pcb));
}

/* The owner changed flavour before binding: :: or ::ffff:0.0.0.0. */
void tip_udp_set_wild(struct tip_udp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	if (!pcb->lport && !pcb->laddr_bound)
		tip_addr_set_wild(&pcb->laddr, pcb->inet.v6);
}

/*
 * Two endpoints may share a port when their local addresses do not
 * overlap (include/tinyip/addr.h: a wildcard overlaps what it accepts),
 * when both asked with SO_REUSEADDR, or when they are bound to different
 * devices.
 */
static bool tip_udp_conflict(struct tip_net *tn, const struct tip_udp_pcb *self,
			     const struct in6_addr *addr, __be16 port,
			     bool reuse)
{
	struct tip_udp_pcb *o;

	tip_udp_for_port(tn, o, port) {
		if (o == self || o->proto != self->proto || o->lport != port)
			continue;
		if (!tip_addr_overlap(&o->laddr, o->inet.v6only, addr,
				      self->inet.v6only))
			continue;
		if (reuse && o->inet.reuse)
			continue;
		if (o->inet.bound_if && self->inet.bound_if &&
		    o->inet.bound_if != self->inet.bound_if)
			continue;
		return true;
	}
	return false;
}

struct tip_udp_pick {
	struct tip_udp_pcb *pcb;
	const struct in6_addr *addr;
};

static bool tip_udp_port_busy(void *arg, u16 port)
{
	struct tip_udp_pick *p = arg;

	return tip_udp_conflict(p->pcb->tn, p->pcb, p->addr, htons(port),
				false);
}

static void tip_udp_hash(struct tip_udp_pcb *pcb)
{
	hash_add(pcb->tn->udp.ports, &pcb->node, ntohs(pcb->lport));
	pcb->hashed = true;
	pcb->tn->udp.npcbs++;
}

/* An ephemeral port for an unbound PCB (RFC 6056). */
static int tip_udp_autobind(struct tip_udp_pcb *pcb,
			    const struct in6_addr *raddr, __be16 rport)
{
	struct tip_udp_pick p = { .pcb = pcb, .addr = &pcb->laddr };
	u16 port;

	port = tip_port_pick(pcb->proto, &pcb->laddr, raddr, rport,
			     tip_udp_port_busy, &p);
	if (!port)
		return -EAGAIN;
	pcb->lport = htons(port);
	tip_udp_hash(pcb);
	return 0;
}

/*
 * bind(): @privileged says whether the owner may take a port below 1024
 * (RFC 1700's well-known ports; CAP_NET_BIND_SERVICE for sockets).
 */
int tip_udp_bind(struct tip_udp_pcb *pcb, const struct in6_addr *addr,
		 __be16 port, bool privileged)
{
	struct tip_net *tn = pcb->tn;
	int err;

	lockdep_assert_held(&tn->lock);
	if (pcb->lport)
		return -EINVAL;
	err = tip_inet_addr_ok(tn, &pcb->inet, addr, true);
	if (err)
		return err;
	if (port && ntohs(port) < PROT_SOCK && !privileged)
		return -EACCES;

	if (!port) {
		struct tip_udp_pick p = { .pcb = pcb, .addr = addr };
		u16 p16 = tip_port_pick(pcb->proto, addr, &in6addr_any, 0,
					tip_udp_port_busy, &p);

		if (!p16)
			return -EADDRINUSE;
		port = htons(p16);
	} else if (tip_udp_conflict(tn, pcb, addr, port, pcb->inet.reuse)) {
		return -EADDRINUSE;
	}
	pcb->laddr = *addr;
	pcb->laddr_bound = !tip_addr_is_wild(addr);
	pcb->lport = port;
	tip_udp_hash(pcb);
	return 0;
}

/*
 * Can @pcb talk to @daddr over IPv4? Not from a V6ONLY endpoint (RFC
 * 3493 5.3), nor from one bound to an IPv6 address, as Linux says.
 */
static int tip_udp_v4_ok(const struct tip_udp_pcb *pcb)
{
	if (pcb->inet.v6only)
		return -ENETUNREACH;
	if (!tip_addr_is_v4(&pcb->laddr) && !ipv6_addr_any(&pcb->laddr))
		return -ENETUNREACH;
	return 0;
}

/*
 * Connecting to an IPv6 peer (RFC 8200, RFC 3493 3.7): the route and the
 * source address (RFC 6724, tip_ip6_route()) are chosen now, so
 * getsockname() tells the address the datagrams will carry. A link-local
 * peer leaves by the socket's device (the socket layer binds it from
 * sin6_scope_id, as Linux's ip6_datagram_connect does).
 */
static int tip_udp_connect6(struct tip_udp_pcb *pcb,
			    const struct in6_addr *addr, __be16 port)
{
	struct tip_net *tn = pcb->tn;
	struct tip_rt6_res res;
	struct tip_if *oif;
	int err;

	if (tip_addr_is_v4(&pcb->laddr) && !tip_addr_is_any4(&pcb->laddr))
		return -ENETUNREACH;
	oif = tip_inet_oif6(tn, &pcb->inet, addr, 0);
	err = tip_ip6_route(tn, addr, oif, &res);
	if (err)
		return err;
	if (!pcb->lport) {
		err = tip_udp_autobind(pcb, addr, port);
		if (err)
			return err;
	}
	if (tip_addr_is_wild(&pcb->laddr))
		pcb->laddr = res.src;
	pcb->raddr = *addr;
	pcb->rport = port;
	return 0;
}

/*
 * IPv6 output. The UDP checksum is mandatory over IPv6 (RFC 8200 8.1):
 * UDP leaves it to the device as over IPv4 (tip_ip6_output() finishes it
 * in software before fragmenting); UDP-Lite computes its partial
 * coverage here with the IPv6 pseudo-header (RFC 3828 3.2). The
 * endpoint's IPV6_* options set hop limit, traffic class and whether the
 * datagram may be fragmented.
 */
static int tip_udp_send6(struct tip_udp_pcb *pcb, struct sk_buff *skb,
			 const struct in6_addr *daddr, __be16 dport,
			 int scope_id)
{
	struct tip_net *tn = pcb->tn;
	struct tip_ip6_tx tx = {};
	struct tip_rt6_res res;
	struct in6_addr saddr;
	unsigned int len, cov;
	struct tip_if *oif;
	struct udphdr *uh;
	u16 lenf;
	int err;

	err = -ENETUNREACH;
	if (tip_addr_is_v4(&pcb->laddr) && !tip_addr_is_any4(&pcb->laddr))
		goto drop;
	err = -EMSGSIZE;
	if (skb->len > TIP_UDP6_MAX_PAYLOAD)
		goto drop;
	oif = tip_inet_oif6(tn, &pcb->inet, daddr, scope_id);
	err = tip_ip6_route(tn, daddr, oif, &res);
	if (err)
		goto drop;
	saddr = pcb->laddr;
	if (tip_addr_is_wild(&saddr) || ipv6_addr_is_multicast(&saddr))
		saddr = res.src;

	len = skb->len + sizeof(*uh);
	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = pcb->lport;
	uh->dest = dport;
	uh->check = 0;
	if (pcb->proto == IPPROTO_UDP) {
		uh->len = htons(len);
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct udphdr, check);
		uh->check = ~csum_ipv6_magic(&saddr, daddr, len, pcb->proto, 0);
	} else {
		cov = tip_udplite_tx_cscov(pcb->send_cc, pcb->send_cscov, len,
					   &lenf);
		uh->len = htons(lenf);
		skb->ip_summed = CHECKSUM_NONE;
		uh->check = tip_udp6_csum(skb, 0, len, cov, &saddr, daddr,
					  pcb->proto) ?: CSUM_MANGLED_0;
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

/* connect(): only datagrams from @addr:@port, and the default destination. */
int tip_udp_connect(struct tip_udp_pcb *pcb, const struct in6_addr *addr,
		    __be16 port)
{
	struct tip_net *tn = pcb->tn;
	struct tip_rt4_res res;
	int err;

	lockdep_assert_held(&tn->lock);
	if (!tip_addr_is_v4(addr))
		return tip_udp_connect6(pcb, addr, port);
	err = tip_udp_v4_ok(pcb);
	if (err)
		return err;
	err = tip_inet_route(tn, &pcb->inet, tip_addr_v4(addr), &res);
	if (err)
		return err;
	if (res.bcast && !pcb->inet.broadcast)
		return -EACCES;
	if (!pcb->lport) {
		err = tip_udp_autobind(pcb, addr, port);
		if (err)
			return err;
	}
	if (tip_addr_is_wild(&pcb->laddr))
		tip_addr_from4(&pcb->laddr, res.src);
	pcb->raddr = *addr;
	pcb->rport = port;
	return 0;
}

void tip_udp_disconnect(struct tip_udp_pcb *pcb)
{
	lockdep_assert_held(&pcb->tn->lock);
	pcb->raddr = in6addr_any;
	pcb->rport = 0;
	if (!pcb->laddr_bound)
		tip_addr_set_wild(&pcb->laddr, pcb->inet.v6);
}

void tip_udp_set_bound_if(struct tip_udp_pcb *pcb, int ifindex)
{
	lockdep_assert_held(&pcb->tn->lock);
	pcb->inet.bound_if = ifindex;
}

/*
 * UDP leaves the sum to the device (CHECKSUM_PARTIAL with the
 * pseudo-header seeded; the device, dev_queue_xmit or IPv4 fragmentation
 * finishes it and sends a zero as 0xffff); UDP-Lite covers only part of
 * the datagram, which no device offloads, so it is computed here.
 */
static int tip_udp_send4(struct tip_udp_pcb *pcb, struct sk_buff *skb,
			 __be32 daddr, __be16 dport)
{
	struct tip_net *tn = pcb->tn;
	struct tip_ip4_tx tx = {};
	struct tip_rt4_res res;
	unsigned int len, cov;
	struct udphdr *uh;
	__be32 saddr;
	u16 lenf;
	int err;

	err = tip_inet_route(tn, &pcb->inet, daddr, &res);
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

	len = skb->len + sizeof(*uh);
	uh = skb_push(skb, sizeof(*uh));
	skb_reset_transport_header(skb);
	uh->source = pcb->lport;
	uh->dest = dport;
	uh->check = 0;
	if (pcb->proto == IPPROTO_UDP) {
		uh->len = htons(len);
		skb->ip_summed = CHECKSUM_PARTIAL;
		skb->csum_start = skb_transport_header(skb) - skb->head;
		skb->csum_offset = offsetof(struct udphdr, check);
		uh->check = ~csum_tcpudp_magic(saddr, daddr, len, pcb->proto,
					       0);
	} else {
		cov = tip_udplite_tx_cscov(pcb->send_cc, pcb->send_cscov, len,
					   &lenf);
		uh->len = htons(lenf);
		skb->ip_summed = CHECKSUM_NONE;
		uh->check = tip_udp_csum(skb, 0, len, cov, saddr, daddr,
					 pcb->proto) ?: CSUM_MANGLED_0;
	}

	tx.tos = pcb->inet.tos;
	if (res.mcast) {
		tx.ttl = pcb->inet.mc_ttl;
		tx.mc_loop = pcb->inet.mc_loop;
	} else {
		tx.ttl = pcb->inet.ttl;
	}
	return tip_ip4_output(tn, skb, &res, saddr, daddr, pcb->proto, &tx);

drop:
	kfree_skb(skb);
	return err;
}

/*
 * Send @skb (data at the payload, TIP_HEADROOM + 8 bytes of headroom) to
 * @daddr:@dport, or to the connected peer when @daddr is NULL. Consumes
 * it. IPv4 peers go to tip_udp_send4(), IPv6 ones to tip_udp_send6();
 * @scope_id (sin6_scope_id, 0 for none) picks the link of a scoped one.
 */
int tip_udp_send(struct tip_udp_pcb *pcb, struct sk_buff *skb,
		 const struct in6_addr *daddr, __be16 dport, int scope_id)
{
	int err;

	lockdep_assert_held(&pcb->tn->lock);
	if (!daddr) {
		err = -EDESTADDRREQ;
		if (ipv6_addr_any(&pcb->raddr))
			goto drop;
		daddr = &pcb->raddr;
		dport = pcb->rport;
	}
	err = -EINVAL;
	if (!dport)
		goto drop;
	if (tip_addr_is_v4(daddr)) {
		err = tip_udp_v4_ok(pcb);
		if (err)
			goto drop;
		err = -EMSGSIZE;
		if (skb->len > TIP_UDP_MAX_PAYLOAD)
			goto drop;
	}
	if (!pcb->lport) {
		err = tip_udp_autobind(pcb, daddr, dport);
		if (err)
			goto drop;
	}
	if (!tip_addr_is_v4(daddr))
		return tip_udp_send6(pcb, skb, daddr, dport, scope_id);
	return tip_udp_send4(pcb, skb, tip_addr_v4(daddr), dport);

drop:
	kfree_skb(skb);
	return err;
}

/* A received datagram's addressing, the same for both families. */
struct tip_udp_dgram {
	struct in6_addr saddr;
	struct in6_addr daddr;
	__be16 sport;
	__be16 dport;
	u8 proto;
	int ifindex;
};

/*
 * How well @pcb matches a datagram: -1 not at all, higher is closer.
 * A connected peer outweighs a bound address, which outweighs a bound
 * device; last, an endpoint of the packet's own family beats a dual one
 * on ::, as Linux's compute_score() prefers a PF_INET socket.
 */
static int tip_udp_score(const struct tip_udp_pcb *pcb,
			 const struct tip_udp_dgram *d)
{
	int score = 0;

	if (pcb->proto != d->proto || pcb->lport != d->dport)
		return -1;
	if (!tip_addr_match(&pcb->laddr, pcb->inet.v6only, &d->daddr))
		return -1;
	if (!tip_addr_is_wild(&pcb->laddr))
		score += 4;
	if (!ipv6_addr_any(&pcb->raddr)) {
		if (!ipv6_addr_equal(&pcb->raddr, &d->saddr) ||
		    pcb->rport != d->sport)
			return -1;
		score += 8;
	}
	if (pcb->inet.bound_if) {
		if (pcb->inet.bound_if != d->ifindex)
			return -1;
		score += 2;
	}
	if (tip_addr_is_v4(&pcb->laddr) == tip_addr_is_v4(&d->daddr))
		score += 1;
	return score;
}

static bool tip_udp_deliver(struct tip_udp_pcb *pcb, struct sk_buff *skb,
			    unsigned int cov)
{
	/* UDPLITE_RECV_CSCOV: a minimum, 0 meaning full coverage only. */
	if (pcb->proto == IPPROTO_UDPLITE && pcb->recv_cc && cov < skb->len &&
	    (!pcb->recv_cscov || cov < pcb->recv_cscov)) {
		tip_if_rx_drop(TIP_CB(skb)->iif, skb, TINYIP_DROP_CSUM);
		return false;
	}
	pcb->ops->recv(pcb, skb);
	return true;
}

/* Multicast and broadcast go to every endpoint that matches (RFC 1122 4.1.3.4). */
static int tip_udp_input_many(struct tip_net *tn, struct sk_buff *skb,
			      const struct tip_udp_dgram *d, unsigned int cov)
{
	struct tip_udp_pcb *pcb, *last = NULL;
	struct sk_buff *copy;

	tip_udp_for_port(tn, pcb, d->dport) {
		if (tip_udp_score(pcb, d) < 0)
			continue;
		if (last) {
			copy = tip_skb_clone(skb, GFP_ATOMIC);
			if (copy)
				tip_udp_deliver(last, copy, cov);
			else if (TIP_CB(skb)->iif)
				TIP_CB(skb)->iif->stats.rx_drops[TINYIP_DROP_NOMEM]++;
		}
		last = pcb;
	}
	if (last)
		tip_udp_deliver(last, skb, cov);
	else
		tip_if_rx_drop(TIP_CB(skb)->iif, skb, TINYIP_DROP_NO_PORT);
	return 0;
}

/*
 * Delivery of a checked datagram (skb->data at the UDP header) of either
 * family: to every match for multicast and broadcast, else to the best.
 * -ECONNREFUSED (skb not consumed) when no endpoint has the port.
 */
static int tip_udp_demux(struct tip_net *tn, struct sk_buff *skb,
			 const struct tip_udp_dgram *d, unsigned int cov)
{
	struct tip_udp_pcb *pcb, *best = NULL;
	int score, best_score = -1;

	if (TIP_CB(skb)->flags & (TIP_CB_F_MCAST | TIP_CB_F_BCAST))
		return tip_udp_input_many(tn, skb, d, cov);

	tip_udp_for_port(tn, pcb, d->dport) {
		score = tip_udp_score(pcb, d);
		if (score > best_score) {
			best = pcb;
			best_score = score;
		}
	}
	if (!best)
		return -ECONNREFUSED;
	tip_udp_deliver(best, skb, cov);
	return 0;
}

/*
 * The bytes the checksum covers in the datagram at skb->data: UDP's
 * length (RFC 768), its link-layer padding trimmed, or UDP-Lite's
 * coverage (RFC 3828 3.1). -EINVAL for a malformed header, -ENOMEM when
 * the trim could not be done.
 */
static int tip_udp_rx_len(struct sk_buff *skb, u8 proto)
{
	unsigned int ulen;

	if (!pskb_may_pull(skb, sizeof(struct udphdr)))
		return -EINVAL;
	ulen = ntohs(((const struct udphdr *)skb->data)->len);
	if (proto != IPPROTO_UDP)
		return tip_udplite_rx_cscov(ulen, skb->len);
	/* Over IPv6, a jumbogram's 0 length needs RFC 2675, which we lack. */
	if (ulen < sizeof(struct udphdr) || ulen > skb->len)
		return -EINVAL;
	if (pskb_trim_rcsum(skb, ulen))
		return -ENOMEM;
	return ulen;
}

static int tip_udp_input(struct tip_net *tn, struct sk_buff *skb, u8 proto)
{
	struct tip_if *ifp = TIP_CB(skb)->iif;
	const struct udphdr *uh;
	struct tip_udp_dgram d;
	int cov;

	lockdep_assert_held(&tn->lock);
	cov = tip_udp_rx_len(skb, proto);
	if (cov == -ENOMEM) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_NOMEM);
		return 0;
	}
	if (cov < 0)
		goto hdr;
	if (!tip_udp_csum_ok(skb, TIP_CB(skb)->saddr, TIP_CB(skb)->daddr,
			     proto, cov)) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_CSUM);
		return 0;
	}
	skb_reset_transport_header(skb);
	uh = (const struct udphdr *)skb->data;
	tip_addr_from4(&d.saddr, TIP_CB(skb)->saddr);
	tip_addr_from4(&d.daddr, TIP_CB(skb)->daddr);
	d.sport = uh->source;
	d.dport = uh->dest;
	d.proto = proto;
	d.ifindex = ifp ? ifp->ifindex : 0;
	/* -ECONNREFUSED: the IP layer answers and counts NO_PORT. */
	return tip_udp_demux(tn, skb, &d, cov);

hdr:
	tip_if_rx_drop(ifp, skb, TINYIP_DROP_HDR);
	return 0;
}

/*
 * Which ICMP errors end a conversation: Linux's icmp_err_convert "fatal"
 * column. Others (no route for now, time exceeded, fragmentation needed)
 * are transient and only reported with IP_RECVERR.
 */
static bool tip_icmp_hard(u8 type, u8 code)
{
	const u32 fatal = BIT(ICMP_PROT_UNREACH) | BIT(ICMP_PORT_UNREACH) |
			  BIT(ICMP_NET_UNKNOWN) | BIT(ICMP_HOST_UNKNOWN) |
			  BIT(ICMP_HOST_ISOLATED) | BIT(ICMP_NET_ANO) |
			  BIT(ICMP_HOST_ANO) | BIT(ICMP_PKT_FILTERED) |
			  BIT(ICMP_PREC_VIOLATION) | BIT(ICMP_PREC_CUTOFF);

	if (type == ICMP_PARAMETERPROB)
		return true;
	return type == ICMP_DEST_UNREACH && code <= NR_ICMP_UNREACH &&
	       (fatal & BIT(code));
}

/*
 * An ICMP or ICMPv6 error quoting one of our datagrams, @skb's data at
 * its UDP header. It goes to the PCB a reply from the datagram's
 * destination would reach, the connected one first (as Linux's
 * __udp4_lib_err looks it up). A PCB that asked (IP_RECVERR,
 * IPV6_RECVERR) gets every error in full; otherwise only a connected one
 * hears, and only of a fatal error (RFC 1122 4.1.3.3, RFC 4443 2.4):
 * Packet Too Big already lowered the path MTU, so the next datagram is
 * fragmented to fit, and is news only to an IPV6_DONTFRAG sender, whose
 * sends would otherwise vanish.
 */
static void tip_udp_err_deliver(struct tip_net *tn, struct sk_buff *skb,
				struct tip_udp_icmp *e,
				const struct in6_addr *saddr, u8 proto,
				bool hard)
{
	const struct udphdr *uh = (const struct udphdr *)skb->data;
	bool v4 = e->origin == SO_EE_ORIGIN_ICMP;
	struct tip_udp_pcb *pcb, *wild = NULL;

	lockdep_assert_held(&tn->lock);
	tip_udp_for_port(tn, pcb, uh->source) {
		if (pcb->proto != proto || pcb->lport != uh->source)
			continue;
		if (!tip_addr_is_wild(&pcb->laddr) &&
		    !ipv6_addr_equal(&pcb->laddr, saddr))
			continue;
		if (ipv6_addr_equal(&pcb->raddr, &e->daddr) &&
		    pcb->rport == uh->dest)
			break;
		if (!wild && ipv6_addr_any(&pcb->raddr) &&
		    (v4 ? !pcb->inet.v6only : pcb->inet.v6))
			wild = pcb;
	}
	if (!pcb) {
		pcb = wild;
		hard = false;
	}
	if (!pcb || !pcb->ops->err)
		return;
	if (!v4 && e->type == ICMPV6_PKT_TOOBIG && !pcb->inet.dontfrag6)
		hard = false;
	e->queue = v4 ? pcb->inet.recverr : pcb->inet.recverr6;
	if (!e->queue && !hard)
		return;
	e->offender = TIP_CB_ERR(skb)->offender;
	e->ifindex = TIP_CB(skb)->iif ? TIP_CB(skb)->iif->ifindex : 0;
	e->dport = uh->dest;
	e->skb = skb;
	e->off = sizeof(*uh);
	pcb->ops->err(pcb, e);
}

static void tip_udp_err(struct tip_net *tn, struct sk_buff *skb, int errno,
			u8 type, u8 code, u32 info, u8 proto)
{
	struct tip_udp_icmp e = {
		.err = errno,
		.origin = SO_EE_ORIGIN_ICMP,
		.type = type,
		.code = code,
		.info = info,
	};
	struct in6_addr saddr;

	/* The quoted datagram is ours: its source is our address. */
	tip_addr_from4(&saddr, TIP_CB(skb)->saddr);
	tip_addr_from4(&e.daddr, TIP_CB(skb)->daddr);
	tip_udp_err_deliver(tn, skb, &e, &saddr, proto,
			    tip_icmp_hard(type, code));
}

/*
 * IPv6 input (RFC 8200 8.1, RFC 3828 3.2): the same demultiplexing as
 * IPv4 with the IPv6 pseudo-header. A zero UDP checksum is not "none"
 * over IPv6 but an error: dropped and counted as a checksum drop (RFC
 * 6935/6936 allow zero only for tunnels that ask for it, which tinyip has
 * none of). No endpoint for a unicast datagram: ICMPv6 port unreachable
 * (RFC 4443 3.1, code 4); tip_icmp6_send() never answers a group.
 */
static void tip_udp6_input(struct tip_net *tn, struct sk_buff *skb, u8 proto)
{
	const struct ipv6hdr *ip6;
	struct tip_if *ifp = TIP_CB(skb)->iif;
	const struct udphdr *uh;
	struct tip_udp_dgram d;
	int cov;

	lockdep_assert_held(&tn->lock);
	cov = tip_udp_rx_len(skb, proto);
	if (cov == -ENOMEM) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_NOMEM);
		return;
	}
	if (cov < 0)
		goto hdr;
	ip6 = ipv6_hdr(skb);
	if (!tip_udp6_csum_ok(skb, &ip6->saddr, &ip6->daddr, proto, cov)) {
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_CSUM);
		return;
	}
	uh = (const struct udphdr *)skb->data;
	d.saddr = ip6->saddr;
	d.daddr = ip6->daddr;
	d.sport = uh->source;
	d.dport = uh->dest;
	d.proto = proto;
	d.ifindex = ifp ? ifp->ifindex : 0;
	if (ipv6_addr_is_multicast(&d.daddr))
		TIP_CB(skb)->flags |= TIP_CB_F_MCAST;
	if (tip_udp_demux(tn, skb, &d, cov) == -ECONNREFUSED) {
		tip_icmp6_send(tn, skb, ICMPV6_DEST_UNREACH,
			       ICMPV6_PORT_UNREACH, 0, false);
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_NO_PORT);
	}
	return;

hdr:
	tip_if_rx_drop(ifp, skb, TINYIP_DROP_HDR);
}

/*
 * An ICMPv6 error about a datagram we sent (module/icmp6.c already mapped
 * it to Linux's errno, as icmpv6_err_convert() does).
 */
static void tip_udp6_err(struct tip_net *tn, struct sk_buff *skb, int errno,
			 u8 type, u8 code, u32 info, u8 proto)
{
	const struct ipv6hdr *ip6 = ipv6_hdr(skb);
	struct tip_udp_icmp e = {
		.err = errno,
		.origin = SO_EE_ORIGIN_ICMP6,
		.type = type,
		.code = code,
		.info = info,
		.daddr = ip6->daddr,
	};

	tip_udp_err_deliver(tn, skb, &e, &ip6->saddr, proto,
			    type == ICMPV6_PKT_TOOBIG ||
			    tip_icmp6_hard(type, code));
}

static void tip_udp6_rcv(struct tip_net *tn, struct sk_buff *skb)
{
	tip_udp6_input(tn, skb, IPPROTO_UDP);
}

static void tip_udp6_err_udp(struct tip_net *tn, struct sk_buff *skb,
			     int errno, u8 type, u8 code, u32 info)
{
	tip_udp6_err(tn, skb, errno, type, code, info, IPPROTO_UDP);
}

static void tip_udplite6_rcv(struct tip_net *tn, struct sk_buff *skb)
{
	tip_udp6_input(tn, skb, IPPROTO_UDPLITE);
}

static void tip_udplite6_err(struct tip_net *tn, struct sk_buff *skb,
			     int errno, u8 type, u8 code, u32 info)
{
	tip_udp6_err(tn, skb, errno, type, code, info, IPPROTO_UDPLITE);
}

static const struct tip_ip6_proto tip_udp_ip6 = {
	.rcv = tip_udp6_rcv,
	.err = tip_udp6_err_udp,
};

static const struct tip_ip6_proto tip_udplite_ip6 = {
	.rcv = tip_udplite6_rcv,
	.err = tip_udplite6_err,
};

static int tip_udp4_input(struct tip_net *tn, struct sk_buff *skb)
{
	return tip_udp_input(tn, skb, IPPROTO_UDP);
}

static void tip_udp4_err(struct tip_net *tn, struct sk_buff *skb, int errno,
			 u8 type, u8 code, u32 info)
{
	tip_udp_err(tn, skb, errno, type, code, info, IPPROTO_UDP);
}

static int tip_udplite4_input(struct tip_net *tn, struct sk_buff *skb)
{
	return tip_udp_input(tn, skb, IPPROTO_UDPLITE);
}

static void tip_udplite4_err(struct tip_net *tn, struct sk_buff *skb,
			     int errno, u8 type, u8 code, u32 info)
{
	tip_udp_err(tn, skb, errno, type, code, info, IPPROTO_UDPLITE);
}

static const struct tip_ip4_proto tip_udp_ip4 = {
	.input = tip_udp4_input,
	.err = tip_udp4_err,
};

static const struct tip_ip4_proto tip_udplite_ip4 = {
	.input = tip_udplite4_input,
	.err = tip_udplite4_err,
};

int tip_udp_net_init(struct tip_net *tn)
{
	hash_init(tn->udp.ports);
	tn->udp.npcbs = 0;
	return 0;
}

/*
 * Sockets hold a reference on their namespace, so what is left here
 * belongs to in-kernel users; unhash it so nothing points into a dead
 * instance. Their owner still frees the PCB.
 */
void tip_udp_net_exit(struct tip_net *tn)
{
	struct tip_udp_pcb *pcb;
	struct hlist_node *tmp;
	int bkt;

	spin_lock_bh(&tn->lock);
	hash_for_each_safe(tn->udp.ports, bkt, tmp, pcb, node)
		tip_udp_unhash(pcb);
	spin_unlock_bh(&tn->lock);
}

int tip_udp_init(void)
{
	int err;

	tip_port_init();
	err = tip_ip4_proto_register(IPPROTO_UDP, &tip_udp_ip4);
	if (err)
		return err;
	/* Without UDP-Lite its datagrams get protocol unreachable. */
	err = IS_ENABLED(CONFIG_TINYIP_UDPLITE) ?
	      tip_ip4_proto_register(IPPROTO_UDPLITE, &tip_udplite_ip4) : 0;
	if (err)
		goto err_lite;
	err = tip_ip6_proto_register(IPPROTO_UDP, &tip_udp_ip6);
	if (err)
		goto err_udp6;
	err = IS_ENABLED(CONFIG_TINYIP_UDPLITE) ?
	      tip_ip6_proto_register(IPPROTO_UDPLITE, &tip_udplite_ip6) : 0;
	if (err)
		goto err_lite6;
	err = tip_sock_dgram_init();
	if (err)
		goto err_sock;
	return 0;

err_sock:
	tip_ip6_proto_unregister(IPPROTO_UDPLITE);
err_lite6:
	tip_ip6_proto_unregister(IPPROTO_UDP);
err_udp6:
	tip_ip4_proto_unregister(IPPROTO_UDPLITE);
err_lite:
	tip_ip4_proto_unregister(IPPROTO_UDP);
	return err;
}

void tip_udp_exit(void)
{
	tip_sock_dgram_exit();
	tip_ip6_proto_unregister(IPPROTO_UDPLITE);
	tip_ip6_proto_unregister(IPPROTO_UDP);
	tip_ip4_proto_unregister(IPPROTO_UDPLITE);
	tip_ip4_proto_unregister(IPPROTO_UDP);
}
