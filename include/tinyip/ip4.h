/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv4 layer as the transports and the control plane see it:
 * addresses, the route table, input demultiplexing through a protocol
 * table (as inet_protos), output with fragmentation, and ICMP errors.
 * RFC 791, RFC 1122, RFC 1812 (forwarding).
 */
#ifndef _TINYIP_IP4_H
#define _TINYIP_IP4_H

#include <linux/errno.h>
#include <linux/ip.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <tinyip/frag.h>
#include <tinyip/netif.h>

struct tip_net;
struct tip_igmp_net;
struct netlink_ext_ack;

/* A route; kept in tn->ip4.routes, longest prefix first. */
struct tip_rt4 {
	struct list_head list;
	__be32 dst;
	__be32 mask;
	__be32 gw;			/* 0: on-link */
	struct tip_if *ifp;		/* NULL: resolved through gw */
	u32 metric;
	u8 prefixlen;
	u8 flags;			/* TINYIP_ROUTE_F_* */
};

/* Result of a route lookup, valid under tn->lock. */
struct tip_rt4_res {
	struct tip_if *ifp;
	__be32 nexthop;			/* gw, or the destination when on-link */
	__be32 src;			/* preferred source on ifp */
	u32 mtu;
	bool local;			/* the destination is one of ours */
	bool bcast;
	bool mcast;
};

/* Options a transport passes to tip_ip4_output(). */
struct tip_ip4_tx {
	u8 ttl;				/* 0: the default (64) */
	u8 tos;
	bool df;			/* set DF; refuse to fragment */
	bool mc_loop;			/* also deliver multicast (and
					 * broadcast) locally, as Linux does
					 */
	u8 optlen;			/* IP options, a multiple of 4, <= 40 */
	const u8 *opts;
};

/* Per-instance IPv4 state, embedded in struct tip_net. */
struct tip_ip4_net {
	struct list_head routes;	/* struct tip_rt4 */
	bool forwarding;
	u16 ident;			/* IP ID for non-atomic datagrams */
	/* Reassembly (module/ip4_frag.c, module/ip4_defrag.c). */
	struct tip_defrag frag;
	/* ICMP error rate limit (token bucket, RFC 1812 4.3.2.8). */
	unsigned long icmp_stamp;
	u32 icmp_tokens;
	/* IGMP (module/igmp.c): per-link querier state, one timer. */
	struct tip_igmp_net *igmp;
};

/*
 * Transport protocols register here. @input runs under tn->lock with
 * skb->data at the transport header, TIP_CB() filled and the IP header
 * reachable with ip_hdr(); it consumes the skb and returns 0, or returns
 * -EPROTONOSUPPORT / -ECONNREFUSED without consuming it so the IP layer
 * answers with the right ICMP error. @err runs under tn->lock for an ICMP
 * error about a datagram this protocol sent: @skb->data at the quoted
 * transport header (8 bytes guaranteed), TIP_CB() describing the quoted
 * datagram (saddr = us), and @errno the Linux error it maps to, positive
 * as sk_err (EMSGSIZE comes with @info = the next-hop MTU).
 */
struct tip_ip4_proto {
	int (*input)(struct tip_net *tn, struct sk_buff *skb);
	void (*err)(struct tip_net *tn, struct sk_buff *skb, int errno,
		    u8 type, u8 code, u32 info);
};

int tip_ip4_proto_register(u8 protocol, const struct tip_ip4_proto *p);
void tip_ip4_proto_unregister(u8 protocol);

/*
 * Raw sockets see every datagram of their protocol before the transport
 * does (RFC 1122 3.2.2.. as Linux raw_local_deliver). Called under
 * tn->lock; must not consume @skb. Returns true if a raw socket took it.
 */
void tip_ip4_set_raw_deliver(bool (*deliver)(struct tip_net *tn,
					     struct sk_buff *skb, u8 proto));

/* Routing and addresses; all under tn->lock. */
int tip_ip4_route(struct tip_net *tn, __be32 dst, int oif,
		  struct tip_rt4_res *res);
bool tip_ip4_is_local(struct tip_net *tn, __be32 addr);
struct tip_ifaddr4 *tip_ip4_addr_on(struct tip_if *ifp, __be32 addr);
__be32 tip_ip4_src_for(struct tip_if *ifp, __be32 dst);

/*
 * Send a datagram. skb->data is at the transport header with at least
 * TIP_HEADROOM of headroom; CHECKSUM_PARTIAL is resolved here when the
 * packet must be fragmented. Consumes @skb. Under tn->lock.
 */
int tip_ip4_output(struct tip_net *tn, struct sk_buff *skb,
		   const struct tip_rt4_res *rt, __be32 saddr, __be32 daddr,
		   u8 protocol, const struct tip_ip4_tx *tx);

/* ICMP errors about a received packet (skb->data anywhere; uses ip_hdr). */
void tip_icmp_send(struct tip_net *tn, struct sk_buff *skb, u8 type, u8 code,
		   __be32 info);

/*
 * Multicast membership, for sockets and the raw API. Without IGMP
 * (TINYIP_IGMP=n) a link joins no group: 224.0.0.1, which every host
 * hears (RFC 1112 4), is still taken by IPv4 input.
 */
#if IS_ENABLED(CONFIG_TINYIP_IGMP)
int tip_ip4_mc_join(struct tip_net *tn, struct tip_if *ifp, __be32 group);
void tip_ip4_mc_leave(struct tip_net *tn, struct tip_if *ifp, __be32 group);
bool tip_ip4_mc_joined(struct tip_if *ifp, __be32 group);
#else
static inline int tip_ip4_mc_join(struct tip_net *tn, struct tip_if *ifp,
				  __be32 group)
{
	return -EOPNOTSUPP;
}

static inline void tip_ip4_mc_leave(struct tip_net *tn, struct tip_if *ifp,
				    __be32 group) {}

static inline bool tip_ip4_mc_joined(struct tip_if *ifp, __be32 group)
{
	return false;
}
#endif

/* Control plane, from netlink, tn->lock not held. */
int tip_ip4_addr_add(struct tip_net *tn, struct tip_if *ifp, __be32 addr,
		     u8 prefixlen, struct netlink_ext_ack *extack);
int tip_ip4_addr_del(struct tip_net *tn, struct tip_if *ifp, __be32 addr,
		     struct netlink_ext_ack *extack);
int tip_ip4_route_add(struct tip_net *tn, __be32 dst, u8 prefixlen,
		      __be32 gw, struct tip_if *ifp, u32 metric,
		      struct netlink_ext_ack *extack);
int tip_ip4_route_del(struct tip_net *tn, __be32 dst, u8 prefixlen,
		      __be32 gw, struct tip_if *ifp, u32 metric,
		      struct netlink_ext_ack *extack);

int tip_ip4_net_init(struct tip_net *tn);
void tip_ip4_net_exit(struct tip_net *tn);
int tip_ip4_init(void);
void tip_ip4_exit(void);

#endif /* _TINYIP_IP4_H */
