/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw IPv4 endpoints (SOCK_RAW with a protocol number): they see a copy
 * of every datagram of their protocol that reaches this host, as Linux's
 * raw sockets do, and send datagrams the IP layer completes.
 *
 * Also home of struct tip_inet, the endpoint options (RFC 1122 3.3.7
 * multicast, TTL, TOS, device binding, the IPv6 flavour and V6ONLY of
 * RFC 3493) that raw, UDP and TCP PCBs share.
 */
#ifndef _TINYIP_RAW_H
#define _TINYIP_RAW_H

#include <linux/err.h>
#include <linux/errno.h>
#include <linux/in6.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/types.h>

struct tip_net;
struct tip_if;
struct tip_rt4_res;

struct tip_raw_net {
	struct list_head pcbs;		/* struct tip_raw_pcb */
};

/* At most this many groups joined per endpoint, as Linux's default. */
#define TIP_MC_MAX_MEMBERSHIPS	20

/*
 * One group joined by one endpoint; undone when the endpoint goes away.
 * IPv4 groups (IP_ADD_MEMBERSHIP) and IPv6 ones (IPV6_JOIN_GROUP, MLD)
 * share the list and the TIP_MC_MAX_MEMBERSHIPS bound.
 */
struct tip_mc_membership {
	struct list_head list;
	__be32 group;			/* IPv4; 0 for an IPv6 membership */
	struct in6_addr group6;		/* IPv6, when v6 */
	int ifindex;			/* 0: the loopback link */
	bool v6;
};

/* Options of an endpoint; written and read under tn->lock. */
struct tip_inet {
	struct list_head mc;		/* struct tip_mc_membership */
	u32 nmc;
	int bound_if;			/* SO_BINDTODEVICE; 0 for any */
	int mc_if;			/* IP_MULTICAST_IF; 0 for the route's */
	__be32 mc_addr;			/* IP_MULTICAST_IF as an address */
	u8 ttl;				/* 0: the default */
	u8 tos;
	u8 mc_ttl;
	bool mc_loop;
	bool broadcast;			/* SO_BROADCAST */
	bool reuse;			/* SO_REUSEADDR */
	/*
	 * The owner speaks IPv6 (sockaddr_in6, RFC 3493): its wildcard is
	 * :: rather than ::ffff:0.0.0.0, and names go out as AF_INET6.
	 */
	bool v6;
	bool v6only;			/* IPV6_V6ONLY: no IPv4 through :: */
	/*
	 * The IPPROTO_IPV6 options (RFC 3493 5.1, 5.2; RFC 3542), applied
	 * to every IPv6 packet the endpoint sends; UDP, raw and TCP read
	 * them under tn->lock when they build a packet.
	 *   hop_limit6   IPV6_UNICAST_HOPS; 0: the link's (RA-learnt) hop
	 *                limit. Setting 0 or -1 both mean that default.
	 *   mc_hops6     IPV6_MULTICAST_HOPS; 1 unless set (RFC 3493 5.2).
	 *   mc_loop6     IPV6_MULTICAST_LOOP; true unless cleared.
	 *   mc_ifindex6  IPV6_MULTICAST_IF; 0: the bound device, else none.
	 *   tclass6      IPV6_TCLASS: the Traffic Class byte (DSCP | ECN).
	 *   dontfrag6    IPV6_DONTFRAG: EMSGSIZE rather than fragment.
	 *   recvpktinfo6 IPV6_RECVPKTINFO: an IPV6_PKTINFO cmsg on receive.
	 *   recvhoplimit6 IPV6_RECVHOPLIMIT: an IPV6_HOPLIMIT cmsg.
	 *   recverr6     IPV6_RECVERR: ICMPv6 errors on the error queue.
	 * recverr is IP_RECVERR, the same for ICMP errors.
	 */
	u8 hop_limit6;
	u8 mc_hops6;
	u8 tclass6;
	bool mc_loop6;
	bool dontfrag6;
	bool recvpktinfo6;
	bool recvhoplimit6;
	bool recverr6;
	bool recverr;
	int mc_ifindex6;
};

void tip_inet_init(struct tip_inet *inet);
int tip_inet_mc_join(struct tip_net *tn, struct tip_inet *inet,
		     __be32 group, __be32 ifaddr, int ifindex);
int tip_inet_mc_leave(struct tip_net *tn, struct tip_inet *inet,
		      __be32 group, __be32 ifaddr, int ifindex);
void tip_inet_mc_drop_all(struct tip_net *tn, struct tip_inet *inet);
int tip_inet_mc6_join(struct tip_net *tn, struct tip_inet *inet,
		      const struct in6_addr *group, int ifindex);
int tip_inet_mc6_leave(struct tip_net *tn, struct tip_inet *inet,
		       const struct in6_addr *group, int ifindex);
/* The link IPv6 packets of @inet to @daddr must leave by, or NULL. */
struct tip_if *tip_inet_oif6(struct tip_net *tn, const struct tip_inet *inet,
			     const struct in6_addr *daddr, int scope_id);
struct tip_if *tip_inet_if_by_addr(struct tip_net *tn, __be32 addr);
int tip_inet_addr_ok(struct tip_net *tn, const struct tip_inet *inet,
		     const struct in6_addr *addr, bool group_ok);
int tip_inet_route(struct tip_net *tn, const struct tip_inet *inet,
		   __be32 daddr, struct tip_rt4_res *res);

struct tip_raw_pcb;

/*
 * Delivery to the owner, under tn->lock: @skb (a clone the owner now
 * owns) has skb->data at the IP header, TIP_CB() filled.
 */
typedef void (*tip_raw_recv_t)(struct tip_raw_pcb *pcb, struct sk_buff *skb);

struct tip_raw_pcb {
	struct list_head list;		/* in tn->raw.pcbs */
	struct tip_net *tn;
	struct tip_inet inet;
	struct in6_addr laddr;		/* bind(): only datagrams to it */
	struct in6_addr raddr;		/* connect(): only from it; :: any */
	u32 icmp_filter;		/* ICMP_FILTER: types not wanted */
	u32 icmp6_filter[8];		/* ICMP6_FILTER: set bits block */
	int csum_off6;			/* IPV6_CHECKSUM offset; -1: none */
	u8 proto;
	bool hashed;
	tip_raw_recv_t recv;
	void *ctx;
};

#if IS_ENABLED(CONFIG_TINYIP_RAW)
struct tip_raw_pcb *tip_raw_pcb_new(struct tip_net *tn, u8 proto,
				    tip_raw_recv_t recv, void *ctx);
void tip_raw_pcb_free(struct tip_raw_pcb *pcb);
int tip_raw_send(struct tip_raw_pcb *pcb, struct sk_buff *skb,
		 const struct in6_addr *daddr, int scope_id);
/* bind()'s address check: a wildcard, or one that is ours (or a group). */
int tip_raw_bind(struct tip_raw_pcb *pcb, const struct in6_addr *addr);

int tip_raw_net_init(struct tip_net *tn);
void tip_raw_net_exit(struct tip_net *tn);
int tip_raw_init(void);
void tip_raw_exit(void);
#else
/*
 * TINYIP_RAW=n: SOCK_RAW is never registered, so socket() answers
 * ESOCKTNOSUPPORT and no raw PCB exists; the datagram socket code that
 * UDP shares with raw sockets only needs these to link.
 */
static inline struct tip_raw_pcb *tip_raw_pcb_new(struct tip_net *tn, u8 proto,
						  tip_raw_recv_t recv,
						  void *ctx)
{
	return ERR_PTR(-ESOCKTNOSUPPORT);
}

static inline void tip_raw_pcb_free(struct tip_raw_pcb *pcb) {}

static inline int tip_raw_send(struct tip_raw_pcb *pcb, struct sk_buff *skb,
			       const struct in6_addr *daddr, int scope_id)
{
	kfree_skb(skb);
	return -ESOCKTNOSUPPORT;
}

static inline int tip_raw_bind(struct tip_raw_pcb *pcb,
			       const struct in6_addr *addr)
{
	return -ESOCKTNOSUPPORT;
}

static inline int tip_raw_net_init(struct tip_net *tn)
{
	return 0;
}

static inline void tip_raw_net_exit(struct tip_net *tn) {}

static inline int tip_raw_init(void)
{
	return 0;
}

static inline void tip_raw_exit(void) {}
#endif

#endif /* _TINYIP_RAW_H */
