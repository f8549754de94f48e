/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tinyip's links: a struct tip_if for every device attached to an instance,
 * plus the instance's own loopback link. The link layer (netdev/) owns the
 * device side; the IP layers keep their per-link state (addresses,
 * multicast memberships) here so ARP and IGMP can see it without calling
 * upwards.
 *
 * Locking: every field that changes after attach is written under the
 * instance lock (tn->lock, BH-safe). The receive path runs in softirq and
 * takes it with spin_lock(); process context uses spin_lock_bh().
 */
#ifndef _TINYIP_NETIF_H
#define _TINYIP_NETIF_H

#include <linux/if_ether.h>
#include <linux/list.h>
#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/types.h>

#include <linux/tinyip.h>

struct tip_net;
struct tip_neigh_tbl;
struct tip_if6;
struct in6_addr;

/* Per-link counters; written under tn->lock, read locklessly for dumps. */
struct tip_if_stats {
	u64 rx_packets;
	u64 rx_bytes;
	u64 tx_packets;
	u64 tx_bytes;
	u64 rx_drops[__TINYIP_DROP_MAX];
	u64 tx_drops[__TINYIP_DROP_MAX];
};

/* One IPv4 address on a link (RFC 1122 3.3.1: many per interface). */
struct tip_ifaddr4 {
	struct list_head list;		/* in tip_if.addr4, under tn->lock */
	__be32 addr;
	__be32 mask;
	__be32 bcast;			/* directed broadcast of the subnet */
	u8 prefixlen;
	struct rcu_head rcu;
};

/* One IPv4 multicast group joined on a link (IGMP keeps the state). */
struct tip_mc4 {
	struct list_head list;		/* in tip_if.mc4 */
	__be32 group;
	u32 users;			/* sockets and raw-API users joined */
	void *igmp;			/* module/igmp.c's per-group state */
};

struct tip_if {
	struct list_head list;		/* in tn->ifs, RCU for readers */
	struct tip_net *tn;
	struct net_device *dev;		/* NULL for the loopback link */
	netdevice_tracker dev_tracker;
	enum tinyip_link_mode mode;
	int ifindex;			/* dev->ifindex; 0 for loopback */
	char name[IFNAMSIZ];
	u8 hwaddr[ETH_ALEN];		/* tinyip's own MAC on the device */
	u32 mtu;
	bool up;			/* device running with carrier */
	bool dying;			/* detach started; no new work */

	struct list_head addr4;		/* struct tip_ifaddr4 */
	struct list_head mc4;		/* struct tip_mc4 */
	struct list_head addr6;		/* struct tip_ifaddr6 */
	struct list_head mc6;		/* struct tip_mc6 */
	struct tip_if6 *in6;		/* IPv6 layer's state; NULL on loopback */
	struct tip_neigh_tbl *neigh;	/* ARP and ND cache; NULL on loopback */
	void *dhcp4;			/* DHCPv4 client running, under tn->lock */

	struct tip_if_stats stats;
	struct rcu_head rcu;
};

/*
 * Control block of every skb inside tinyip. The link layer fills iif;
 * IPv4 input fills the rest before handing the packet to a transport.
 */
struct tip_skb_cb {
	struct tip_if *iif;		/* receiving link, NULL on transmit */
	__be32 saddr;
	__be32 daddr;
	u16 ip_hlen;			/* IPv4 header length incl. options */
	u8 flags;			/* TIP_CB_F_* */
	u8 ttl;
	u8 tos;
};

#define TIP_CB_F_BCAST	BIT(0)		/* sent to a broadcast address */
#define TIP_CB_F_MCAST	BIT(1)		/* sent to a multicast group */
#define TIP_CB_F_LOOP	BIT(2)		/* came in over the loopback link */

#define TIP_CB(skb)	((struct tip_skb_cb *)(skb)->cb)

/*
 * Headroom transports reserve in the skbs they build: the largest IPv4
 * header plus any link layer. Devices needing more get skb_cow_head().
 */
#define TIP_HEADROOM	(LL_MAX_HEADER + 60)

/*
 * Lookups, under tn->lock, RTNL or rcu_read_lock(). The loopback link is
 * on tn->ifs too (first, ifindex 0, dev NULL); by_index never returns it,
 * by_name does for "lo". Links being detached (dying) are not returned.
 */
struct tip_if *tip_if_by_index(struct tip_net *tn, int ifindex);
struct tip_if *tip_if_by_name(struct tip_net *tn, const char *name);
struct tip_if *tip_if_by_dev(const struct net_device *dev);

/* Attach and detach, from netlink (RTNL held by the caller). */
int tip_if_attach(struct tip_net *tn, struct net_device *dev,
		  enum tinyip_link_mode mode, struct netlink_ext_ack *extack);
int tip_if_detach(struct tip_net *tn, struct tip_if *ifp);

/*
 * Transmit an IPv4 packet (skb->data at the IP header) to @nexthop on
 * @ifp: ARP-resolves on Ethernet (queueing within a bound while it
 * resolves), maps broadcast and multicast, and loops packets for the
 * loopback link back into tinyip's input from a work item, never
 * recursively. Consumes @skb. Called under tn->lock.
 */
int tip_link_output4(struct tip_if *ifp, struct sk_buff *skb,
		     __be32 nexthop);

/*
 * The same for IPv6 (RFC 2464): multicast maps to 33:33:xx, the rest is
 * resolved by Neighbor Discovery, which the IPv6 layer drives through
 * tip_link_upper6.nd_solicit. Consumes @skb; under tn->lock.
 */
int tip_link_output6(struct tip_if *ifp, struct sk_buff *skb,
		     const struct in6_addr *nexthop);

/*
 * Neighbor Discovery's view of the cache (RFC 4861 7.2.5, 7.3): @lladdr
 * may be NULL (an NA without a target link-layer address option).
 * Returns false when the message was ignored.
 */
#define TIP_ND_SOLICITED	BIT(0)
#define TIP_ND_OVERRIDE		BIT(1)
#define TIP_ND_ROUTER		BIT(2)
#define TIP_ND_IS_NA		BIT(3)
#define TIP_ND_CREATE		BIT(4)	/* NS/RS/RA/redirect with lladdr */
void tip_neigh_nd_input(struct tip_if *ifp, const struct in6_addr *addr,
			const u8 *lladdr, u32 flags);
/* The IPv6 neighbour @addr is a router (RFC 4861 6.3.4), or -1. */
int tip_neigh_is_router(struct tip_if *ifp, const struct in6_addr *addr);

/*
 * Link-layer multicast filter of the device, for joined groups (any
 * context: dev_mc_add() is atomic-safe). No-op on the loopback link.
 */
int tip_if_mc_add(struct tip_if *ifp, const u8 *mac);
void tip_if_mc_del(struct tip_if *ifp, const u8 *mac);

/*
 * ARP, for the IPv4 layer: announce an address that came up (RFC 5227).
 * Callable with or without tn->lock; a no-op on loopback or a down link.
 */
void tip_arp_announce(struct tip_if *ifp, __be32 addr);
/*
 * Address conflict detection (RFC 5227) sees every ARP packet from
 * another host, under tn->lock; set once by module/dhcp4.c, or NULL.
 */
typedef void (*tip_arp_acd_t)(struct tip_if *ifp, __be32 sip, __be32 tip,
			      const u8 *sha);
void tip_arp_set_acd(tip_arp_acd_t fn);
/*
 * Forget every neighbour of @ifp, or of every link if @ifp is NULL.
 * Takes tn->lock itself: call it without.
 */
void tip_neigh_flush(struct tip_net *tn, struct tip_if *ifp);

static inline void tip_if_rx_drop(struct tip_if *ifp, struct sk_buff *skb,
				  enum tinyip_drop_reason why)
{
	if (ifp)
		ifp->stats.rx_drops[why]++;
	kfree_skb(skb);
}

static inline void tip_if_tx_drop(struct tip_if *ifp, struct sk_buff *skb,
				  enum tinyip_drop_reason why)
{
	if (ifp)
		ifp->stats.tx_drops[why]++;
	kfree_skb(skb);
}

/*
 * Upward calls from the link layer: the IPv4 layer registers them so
 * netdev/ never includes an IP header file.
 * @ip4_input: softirq (or the loopback work item, BH off), tn->lock not
 *	held; consumes @skb; skb->data at the IP header, TIP_CB()->iif set.
 * @if_up/@if_down: the link came up (announce addresses, rejoin groups)
 *	or is going down or away (drop its routes, addresses on detach).
 *	Process context, RTNL held, tn->lock not held. @gone is true when
 *	the link is being detached and must lose every reference.
 */
struct tip_link_upper {
	void (*ip4_input)(struct sk_buff *skb);
	void (*if_up)(struct tip_net *tn, struct tip_if *ifp);
	void (*if_down)(struct tip_net *tn, struct tip_if *ifp, bool gone);
};

void tip_link_register_upper(const struct tip_link_upper *upper);

/*
 * The IPv6 layer's upward calls, in the same contexts as above.
 * @if_attach: a device was attached (RTNL): allocate the link's state,
 *	and start autoconfiguration if it is up.
 * @nd_solicit: the neighbour cache wants @target resolved (multicast NS)
 *	or re-confirmed (unicast to @mac); under tn->lock.
 */
struct tip_link_upper6 {
	void (*ip6_input)(struct sk_buff *skb);
	int (*if_attach)(struct tip_net *tn, struct tip_if *ifp);
	void (*if_up)(struct tip_net *tn, struct tip_if *ifp);
	void (*if_down)(struct tip_net *tn, struct tip_if *ifp, bool gone);
	void (*nd_solicit)(struct tip_if *ifp, const struct in6_addr *target,
			   const u8 *mac);
};

void tip_link_register_upper6(const struct tip_link_upper6 *upper);

int tip_netif_net_init(struct tip_net *tn);
void tip_netif_net_exit(struct tip_net *tn);
int tip_netdev_init(void);
void tip_netdev_exit(void);

#endif /* _TINYIP_NETIF_H */
