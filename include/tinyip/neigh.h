/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ARP (RFC 826) and the neighbour cache of an Ethernet link. The wire
 * format (netdev/arp_wire.c) and the entry state machine
 * (netdev/neigh_fsm.c) are pure functions with no tinyip dependency, so
 * KUnit drives them directly, the latter with a fake clock; the table
 * around them (netdev/neigh.c) adds the hash, the timer and the queues.
 * States and timers follow RFC 4861 7.3 as RFC 1122 2.3.2.1 allows.
 */
#ifndef _TINYIP_NEIGH_H
#define _TINYIP_NEIGH_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/types.h>

#include <linux/tinyip.h>

struct tip_if;
struct tip_net;

/* ARP for IPv4 over Ethernet: the only kind tinyip speaks. */
#define TIP_ARP_LEN		28
#define TIP_ARP_OP_REQUEST	1
#define TIP_ARP_OP_REPLY	2

/* A validated ARP packet; pointers into the parsed buffer. */
struct tip_arp_view {
	u16 op;
	const u8 *sha;
	const u8 *tha;
	__be32 sip;
	__be32 tip;
};

int tip_arp_parse(const void *buf, unsigned int len, struct tip_arp_view *v);
void tip_arp_build(void *buf, u16 op, const u8 *sha, __be32 sip,
		   const u8 *tha, __be32 tip);

/* Timing and limits of one cache; jiffies. */
struct tip_nfsm_params {
	unsigned long retrans;		/* between requests (RFC 1122: >= 1 s) */
	unsigned long reachable;	/* REACHABLE lifetime, randomised */
	unsigned long gc;		/* unused STALE entries go after this */
	unsigned long failed_hold;	/* FAILED refuses packets this long */
	unsigned long delay;		/* DELAY before a probe; 0: none (ARP) */
	u8 max_probes;			/* requests before FAILED */
};

/* The state of one entry, apart from its address and its queue. */
struct tip_nfsm {
	u8 state;			/* enum tinyip_neigh_state */
	u8 probes;			/* requests sent in this round */
	unsigned long deadline;		/* next timer event */
	unsigned long used;		/* last packet sent through it */
};

/* What the caller must do after a state machine step; bits. */
#define TIP_NF_SEND		BIT(0)	/* transmit the packet now */
#define TIP_NF_QUEUE		BIT(1)	/* hold the packet until resolved */
#define TIP_NF_DROP		BIT(2)	/* drop the packet (FAILED) */
#define TIP_NF_REQ_BCAST	BIT(3)	/* broadcast a request */
#define TIP_NF_REQ_UCAST	BIT(4)	/* unicast a request to the known MAC */
#define TIP_NF_FLUSH		BIT(5)	/* send the queued packets */
#define TIP_NF_FAIL		BIT(6)	/* drop the queued packets */
#define TIP_NF_DELETE		BIT(7)	/* free the entry */

u32 tip_nfsm_start(struct tip_nfsm *f, unsigned long now,
		   const struct tip_nfsm_params *p);
u32 tip_nfsm_learn(struct tip_nfsm *f, unsigned long now,
		   const struct tip_nfsm_params *p, bool confirmed,
		   bool changed);
u32 tip_nfsm_use(struct tip_nfsm *f, unsigned long now,
		 const struct tip_nfsm_params *p);
u32 tip_nfsm_timer(struct tip_nfsm *f, unsigned long now,
		   const struct tip_nfsm_params *p);
bool tip_nfsm_timed(const struct tip_nfsm *f);

/* Per-link cache. */
#define TIP_NEIGH_HASH_BITS	5
#define TIP_NEIGH_MAX		256	/* entries per link */
#define TIP_NEIGH_QLEN		3	/* packets held per unresolved entry */

/*
 * One table serves ARP and Neighbor Discovery: IPv4 neighbours are keyed
 * by their IPv4-mapped address (::ffff:a.b.c.d), so one lookup, one timer
 * and one bound cover both families.
 */
struct tip_neigh {
	struct hlist_node node;
	struct in6_addr addr;
	u8 mac[ETH_ALEN];
	bool router;			/* IPv6: RFC 4861 IsRouter */
	struct tip_nfsm fsm;
	struct sk_buff_head queue;	/* under tn->lock, __skb_* only */
};

struct tip_neigh_tbl {
	struct tip_if *ifp;
	struct hlist_head hash[1 << TIP_NEIGH_HASH_BITS];
	unsigned int count;
	struct tip_nfsm_params params;	/* ARP */
	struct tip_nfsm_params params6;	/* ND (RFC 4861 10) */
	struct timer_list timer;	/* armed only while an entry is timed */
	unsigned long timer_at;
	bool timer_armed;
};

/* netdev/neigh.c; all under tn->lock unless said otherwise. */
int tip_neigh_tbl_create(struct tip_if *ifp);	/* process context */
void tip_neigh_tbl_destroy(struct tip_if *ifp);	/* no tn->lock, sleeps */
void tip_neigh_tbl_flush(struct tip_if *ifp);
int tip_neigh_output(struct tip_if *ifp, struct sk_buff *skb, __be32 nexthop);
int tip_neigh_output6(struct tip_if *ifp, struct sk_buff *skb,
		      const struct in6_addr *nexthop);
void tip_neigh_arp_input(struct tip_if *ifp, __be32 ip, const u8 *mac,
			 bool create, bool confirmed);

/* netdev/arp.c */
void tip_arp_rcv(struct tip_if *ifp, struct sk_buff *skb);
int tip_arp_send(struct tip_if *ifp, u16 op, const u8 *dst, __be32 sip,
		 const u8 *tha, __be32 tip);

#endif /* _TINYIP_NEIGH_H */
