/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv6 layer as the transports and the control plane see it (RFC
 * 8200): per-link addresses with their DAD and lifetime state (RFC 4862),
 * the route table with the routers and prefixes learnt from RAs (RFC
 * 4861), input demultiplexing through a protocol table and output with
 * source address selection (RFC 6724, in part).
 */
#ifndef _TINYIP_IP6_H
#define _TINYIP_IP6_H

#include <linux/errno.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/siphash.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/types.h>

#include <tinyip/frag.h>
#include <tinyip/netif.h>

struct tip_net;
struct tip_ip6_chain;
struct netlink_ext_ack;

#define TIP_IP6_LFT_FOREVER	0xffffffffU

/* One IPv6 address on a link (RFC 4291 2.1: many per interface). */
struct tip_ifaddr6 {
	struct list_head list;		/* in tip_if.addr6, under tn->lock */
	struct in6_addr addr;
	u8 prefixlen;
	u8 dad_left;			/* DAD probes still to send */
	u8 dad_counter;			/* RFC 7217 DAD_Counter */
	u32 flags;			/* TINYIP_ADDR_F_* */
	unsigned long next;		/* next DAD probe or lifetime event */
	unsigned long tstamp;		/* when the lifetimes were set */
	u32 valid;			/* seconds from tstamp, or forever */
	u32 preferred;
	u8 nonce[6];			/* RFC 7527: tells our NS looped back */
};

/* One IPv6 multicast group joined on a link; MLD keeps the state. */
struct tip_mc6 {
	struct list_head list;		/* in tip_if.mc6 */
	struct in6_addr group;
	u32 users;
	u8 reports_left;		/* unsolicited reports still to send */
	u8 rec;				/* record type of the pending report */
	unsigned long report_at;	/* 0: no report pending */
};

/* A route; kept in tn->ip6.routes, longest prefix first. */
struct tip_rt6 {
	struct list_head list;
	struct in6_addr dst;
	struct in6_addr gw;		/* :: for on-link */
	struct tip_if *ifp;		/* NULL: resolved through gw */
	u32 metric;
	u8 prefixlen;
	u8 flags;			/* TINYIP_ROUTE_F_* */
	u8 origin;			/* TIP_RT6_* */
	unsigned long expires;		/* jiffies; 0: never */
};

#define TIP_RT6_STATIC		0	/* by hand or from an address */
#define TIP_RT6_RA_ROUTER	1	/* default router from an RA */
#define TIP_RT6_RA_PREFIX	2	/* on-link prefix from an RA */
#define TIP_RT6_ANY		0xff	/* route_del: whatever made it */

/* Result of a route lookup, valid under tn->lock. */
struct tip_rt6_res {
	struct tip_if *ifp;
	struct in6_addr nexthop;
	struct in6_addr src;		/* chosen source on ifp */
	u32 mtu;
	bool local;
	bool mcast;
};

/* Options a transport passes to tip_ip6_output(). */
struct tip_ip6_tx {
	u8 hop_limit;			/* 0: the link's default */
	u8 tclass;
	bool mc_loop;
	bool dontfrag;			/* -EMSGSIZE rather than fragment */
};

/* Per-link IPv6 state the IPv6 layer allocates on attach. */
struct tip_if6 {
	struct tip_if *ifp;
	struct timer_list timer;	/* DAD, RS, MLD, lifetimes */
	unsigned long timer_at;
	bool timer_armed;
	u8 hop_limit;			/* from RAs, else 64 */
	u32 mtu;			/* from RAs, else the link's */
	u32 retrans_ms;			/* RetransTimer (RFC 4861 6.3.2) */
	u8 rs_left;			/* router solicitations to send */
	unsigned long rs_at;
	bool mld_v1;			/* MLDv1 querier seen (RFC 3810 8) */
	unsigned long mld_v1_until;
	unsigned long query_at;		/* 0: no query answer pending */
	/* Router advertisements we send (module/nd6_ra.c). */
	bool ra_send;
	u8 ra_initial;			/* fast initial RAs still to send */
	u16 ra_lifetime;		/* seconds */
	u32 ra_interval;		/* MaxRtrAdvInterval, seconds */
	unsigned long ra_at;		/* next RA; 0: none */
	unsigned long ra_last;		/* when the last one left */
};

/* Per-instance IPv6 state, embedded in struct tip_net. */
struct tip_ip6_net {
	struct list_head routes;	/* struct tip_rt6 */
	bool forwarding;
	bool accept_ra;
	siphash_key_t iid_key;		/* RFC 7217 secret_key */
	/* Fragmentation (module/ip6_frag.c, ip6_defrag.c, ip6_out.c). */
	struct tip_defrag frag;
	siphash_key_t frag_key;		/* hides IDs per pair (RFC 7739) */
	u32 frag_id;
	struct list_head pmtu;		/* module/ip6_pmtu.c */
	u32 pmtu_count;
	unsigned long icmp_stamp;	/* ICMPv6 error token bucket */
	u32 icmp_tokens;
};

/*
 * Upper-layer protocols register here (as inet6_protos). @rcv is called
 * under tn->lock with skb->data at the upper-layer header and
 * TIP_CB6() filled; it consumes the skb. @err (may be NULL) runs under
 * tn->lock for an ICMPv6 error about a packet we sent with this
 * protocol: the network header is the quoted IPv6 header (whose source
 * is one of ours), skb->data the quoted upper-layer header with at least
 * 8 bytes, @errno the positive Linux errno it maps to (EMSGSIZE with
 * @info the path MTU now in force, already learnt); the skb stays the
 * caller's.
 */
struct tip_ip6_proto {
	void (*rcv)(struct tip_net *tn, struct sk_buff *skb);
	void (*err)(struct tip_net *tn, struct sk_buff *skb, int errno,
		    u8 type, u8 code, u32 info);
};

/* What IPv6 input tells an upper layer, in skb->cb after tip_skb_cb. */
struct tip_skb_cb6 {
	struct tip_skb_cb cb;
	u16 nhoff;			/* upper header from the IPv6 header */
};

static inline struct tip_skb_cb6 *TIP_CB6(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct tip_skb_cb6) > sizeof(skb->cb));
	return (struct tip_skb_cb6 *)skb->cb;
}

/*
 * An ICMP or ICMPv6 error on its way to the protocol of the datagram it
 * quotes also carries who sent it, mapped for IPv4: the offender that
 * IP_RECVERR and IPV6_RECVERR report.
 */
struct tip_skb_cb_err {
	struct tip_skb_cb6 cb6;
	struct in6_addr offender;
};

static inline struct tip_skb_cb_err *TIP_CB_ERR(struct sk_buff *skb)
{
	BUILD_BUG_ON(sizeof(struct tip_skb_cb_err) > sizeof(skb->cb));
	return (struct tip_skb_cb_err *)skb->cb;
}

/* module/ip6_in.c */
/*
 * Raw IPv6 endpoints' hook (module/raw.c sets it): a copy of a packet for
 * us of @proto, skb->data at its upper-layer header, under tn->lock; the
 * skb stays the caller's. True if an endpoint took one. ICMPv6 calls it
 * itself once the checksum is known good; IPv6 input for the rest.
 */
bool tip_ip6_raw(struct tip_net *tn, struct sk_buff *skb, u8 proto);

/* module/ip6_out.c; under tn->lock. */
int tip_ip6_output_link(struct tip_if *ifp, struct sk_buff *skb, u8 proto,
			const struct in6_addr *saddr,
			const struct in6_addr *daddr, u8 hop_limit, bool ra);

/* module/ip6_frag.c: pure apart from skbs and slab. */
void tip_frag6_set_init(struct tip_frag_set *set, u32 mem_limit,
			u32 max_queues, unsigned long timeout);
enum tip_frag_ret tip_frag6_add(struct tip_frag_set *set, struct sk_buff *skb,
				const struct tip_ip6_chain *c,
				unsigned long now, struct sk_buff **out,
				u32 *pointer);

/* module/ip6_defrag.c; under tn->lock but init and exit. */
struct sk_buff *tip_ip6_defrag(struct tip_net *tn, struct sk_buff *skb,
			       const struct tip_ip6_chain *c);
void tip_ip6_defrag_if_gone(struct tip_net *tn, struct tip_if *ifp);
void tip_ip6_defrag_init(struct tip_net *tn);
void tip_ip6_defrag_exit(struct tip_net *tn);

/* module/ip6_addr.c; under tn->lock unless said otherwise. */
int tip_ip6_addr_add(struct tip_net *tn, struct tip_if *ifp,
		     const struct in6_addr *addr, u8 plen, u32 flags,
		     u32 valid, u32 preferred, struct netlink_ext_ack *extack);
int tip_ip6_addr_del(struct tip_net *tn, struct tip_if *ifp,
		     const struct in6_addr *addr,
		     struct netlink_ext_ack *extack);
bool tip_ip6_src_pick(struct tip_if *ifp, const struct in6_addr *dst,
		      struct in6_addr *src);
void tip_ip6_addr_dad_failed(struct tip_if *ifp, struct tip_ifaddr6 *a);
void tip_ip6_addr_ra_prefix(struct tip_if *ifp, const struct in6_addr *pfx,
			    u8 plen, u32 valid, u32 preferred);
void tip_ip6_addrs_flush(struct tip_net *tn, struct tip_if *ifp);
void tip_ip6_addr_linklocal(struct tip_if *ifp);
void tip_ip6_addrs_restart(struct tip_if *ifp);
unsigned long tip_ip6_addrs_tick(struct tip_if *ifp, unsigned long now);

/* Keeps the earlier of *@next (0: none) and @t. */
static inline void tip_ip6_next(unsigned long *next, unsigned long t)
{
	if (!*next || time_before(t, *next))
		*next = t;
}

/* module/ip6_addr_life.c: one address's DAD and lifetimes, pure. */
#define TIP_A6_PROBE		BIT(0)	/* send a DAD probe now */
#define TIP_A6_DAD_DONE		BIT(1)	/* DAD passed: usable from now */
#define TIP_A6_DEPRECATED	BIT(2)	/* the preferred lifetime ran out */
#define TIP_A6_EXPIRED		BIT(3)	/* the valid one did: remove it */
u32 tip_addr6_left(const struct tip_ifaddr6 *a, u32 lft, unsigned long now);
void tip_addr6_set_lft(struct tip_ifaddr6 *a, u32 valid, u32 preferred,
		       unsigned long now);
void tip_addr6_ra_lft(struct tip_ifaddr6 *a, u32 valid, u32 preferred,
		      unsigned long now);
bool tip_addr6_dad_begin(struct tip_ifaddr6 *a, unsigned long now,
			 unsigned long delay, u8 transmits);
void tip_addr6_dad_conflict(struct tip_ifaddr6 *a);
unsigned int tip_addr6_step(struct tip_ifaddr6 *a, unsigned long now,
			    unsigned long retrans, unsigned long *next);

/* module/ip6_route.c; under tn->lock. */
int tip_ip6_route_add(struct tip_net *tn, const struct in6_addr *dst,
		      u8 plen, const struct in6_addr *gw, struct tip_if *ifp,
		      u32 metric, u8 flags, u8 origin, u32 lifetime,
		      struct netlink_ext_ack *extack);
int tip_ip6_route_del(struct tip_net *tn, const struct in6_addr *dst,
		      u8 plen, const struct in6_addr *gw,
		      const struct tip_if *ifp, u32 metric, u8 origin,
		      struct netlink_ext_ack *extack);
void tip_ip6_routes_flush(struct tip_net *tn, struct tip_if *ifp);
void tip_ip6_routes_expire(struct tip_net *tn);
unsigned long tip_ip6_routes_next(struct tip_net *tn, struct tip_if *ifp);

/* module/ip6_pmtu.c; under tn->lock. */
u32 tip_ip6_pmtu_get(struct tip_net *tn, const struct in6_addr *dst,
		     u32 link_mtu);
u32 tip_ip6_pmtu_learn(struct tip_net *tn, const struct in6_addr *dst,
		       u32 mtu);
void tip_ip6_pmtu_flush(struct tip_net *tn);
const struct tip_ip6_proto *tip_ip6_proto_get(u8 proto);

/* module/ip6_forward.c; under tn->lock, consumes @skb. */
#if IS_ENABLED(CONFIG_TINYIP_FORWARD)
void tip_ip6_forward(struct tip_net *tn, struct sk_buff *skb);
#else
/* A host (TINYIP_FORWARD=n) drops what is not for it, as a router off. */
static inline void tip_ip6_forward(struct tip_net *tn, struct sk_buff *skb)
{
	tip_if_rx_drop(TIP_CB(skb)->iif, skb, TINYIP_DROP_NO_ROUTE);
}
#endif

/* module/icmp6.c */
int tip_icmp6_init(void);
void tip_icmp6_exit(void);

/* module/nd6.c; under tn->lock. */
void tip_nd6_rcv(struct tip_net *tn, struct sk_buff *skb, u8 type);
void tip_nd6_solicit(struct tip_if *ifp, const struct in6_addr *target,
		     const u8 *ucast_mac);
void tip_nd6_dad_probe(struct tip_if *ifp, struct tip_ifaddr6 *a);
void tip_nd6_send_rs(struct tip_if *ifp);
void tip_nd6_send_na(struct tip_if *ifp, const struct in6_addr *daddr,
		     const struct in6_addr *target, bool solicited);

/* module/nd6_ra.c; under tn->lock. */
unsigned long tip_nd6_ra_timer(struct tip_if *ifp, unsigned long now);
void tip_nd6_ra_solicited(struct tip_if *ifp);
void tip_nd6_ra_kick(struct tip_if *ifp);
int tip_nd6_ra_set(struct tip_if *ifp, bool on, u32 interval, u32 lifetime,
		   struct netlink_ext_ack *extack);

/* module/mld.c; under tn->lock. */
bool tip_mld_joined(struct tip_if *ifp, const struct in6_addr *group);
void tip_mld_rcv(struct tip_net *tn, struct sk_buff *skb, u8 type);
unsigned long tip_mld_timer(struct tip_if *ifp, unsigned long now);
void tip_mld_flush(struct tip_if *ifp);
void tip_mld_rejoin(struct tip_if *ifp);

/* module/ip6_link.c: the per-link timer and the link's life. */
void tip_ip6_if_arm(struct tip_if *ifp, unsigned long when);
void tip_ip6_input(struct sk_buff *skb);	/* module/ip6_in.c */

/*
 * What the rest of the stack (IPv4-only parts, transports, sockets,
 * netlink) calls. With TINYIP_IPV6=n these are stubs: nothing can reach
 * them with an IPv6 address, because sockets refuse sockaddr_in6 and
 * netlink refuses 16-byte addresses, so they only have to be harmless.
 */
#if IS_ENABLED(CONFIG_TINYIP_IPV6)
/* module/ip6_in.c */
int tip_ip6_proto_register(u8 proto, const struct tip_ip6_proto *p);
void tip_ip6_proto_unregister(u8 proto);
void tip_ip6_set_raw_deliver(bool (*deliver)(struct tip_net *tn,
					     struct sk_buff *skb, u8 proto));
/* module/ip6_out.c; under tn->lock. */
int tip_ip6_route(struct tip_net *tn, const struct in6_addr *dst,
		  struct tip_if *oif, struct tip_rt6_res *res);
int tip_ip6_output(struct tip_net *tn, struct sk_buff *skb, u8 proto,
		   const struct in6_addr *saddr, const struct in6_addr *daddr,
		   struct tip_if *oif, const struct tip_ip6_tx *tx);
/* module/ip6_addr.c, ip6_route.c; under tn->lock. */
struct tip_ifaddr6 *tip_ip6_addr_find(struct tip_if *ifp,
				      const struct in6_addr *addr);
struct tip_if *tip_ip6_addr_owner(struct tip_net *tn,
				  const struct in6_addr *addr);
struct tip_rt6 *tip_ip6_route_lookup(struct tip_net *tn,
				     const struct in6_addr *dst,
				     const struct tip_if *oif);
/* module/icmp6.c */
bool tip_icmp6_hard(u8 type, u8 code);
void tip_icmp6_send(struct tip_net *tn, struct sk_buff *in, u8 type,
		    u8 code, u32 info, bool mcast_ok);
/* module/mld.c; under tn->lock. */
int tip_mld_join(struct tip_if *ifp, const struct in6_addr *group);
void tip_mld_leave(struct tip_if *ifp, const struct in6_addr *group);
/* module/ip6_link.c */
void tip_ip6_set_forwarding(struct tip_net *tn, bool on);
int tip_ip6_net_init(struct tip_net *tn);
void tip_ip6_net_exit(struct tip_net *tn);
int tip_ip6_init(void);
void tip_ip6_exit(void);
#else
static inline int tip_ip6_proto_register(u8 proto,
					 const struct tip_ip6_proto *p)
{
	return 0;
}

static inline void tip_ip6_proto_unregister(u8 proto) {}
static inline void
tip_ip6_set_raw_deliver(bool (*deliver)(struct tip_net *tn,
					struct sk_buff *skb, u8 proto)) {}

static inline int tip_ip6_route(struct tip_net *tn, const struct in6_addr *dst,
				struct tip_if *oif, struct tip_rt6_res *res)
{
	return -EAFNOSUPPORT;
}

static inline int tip_ip6_output(struct tip_net *tn, struct sk_buff *skb,
				 u8 proto, const struct in6_addr *saddr,
				 const struct in6_addr *daddr,
				 struct tip_if *oif,
				 const struct tip_ip6_tx *tx)
{
	kfree_skb(skb);
	return -EAFNOSUPPORT;
}

static inline struct tip_ifaddr6 *
tip_ip6_addr_find(struct tip_if *ifp, const struct in6_addr *addr)
{
	return NULL;
}

static inline struct tip_if *tip_ip6_addr_owner(struct tip_net *tn,
						const struct in6_addr *addr)
{
	return NULL;
}

static inline struct tip_rt6 *
tip_ip6_route_lookup(struct tip_net *tn, const struct in6_addr *dst,
		     const struct tip_if *oif)
{
	return NULL;
}

static inline bool tip_icmp6_hard(u8 type, u8 code)
{
	return false;
}

static inline void tip_icmp6_send(struct tip_net *tn, struct sk_buff *in,
				  u8 type, u8 code, u32 info, bool mcast_ok) {}

static inline int tip_mld_join(struct tip_if *ifp,
			       const struct in6_addr *group)
{
	return -EAFNOSUPPORT;
}

static inline void tip_mld_leave(struct tip_if *ifp,
				 const struct in6_addr *group) {}
static inline void tip_ip6_set_forwarding(struct tip_net *tn, bool on) {}

static inline int tip_ip6_net_init(struct tip_net *tn)
{
	return 0;
}

static inline void tip_ip6_net_exit(struct tip_net *tn) {}

static inline int tip_ip6_init(void)
{
	return 0;
}

static inline void tip_ip6_exit(void) {}
#endif

#endif /* _TINYIP_IP6_H */
