/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of netdev/: the private side of a struct tip_if (receive
 * hooks, loopback queue) and the calls between link.c, rx.c, tx.c,
 * notifier.c and the ARP files. Nothing outside netdev/ and
 * module/nl_link.c includes this.
 */
#ifndef _TINYIP_LINK_H
#define _TINYIP_LINK_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>
#include <linux/workqueue.h>

#include <tinyip/netif.h>

/* Bound of the loopback queue, in packets; beyond it we drop NOMEM. */
#define TIP_LO_QLEN	512

struct tip_link {
	struct tip_if ifp;
	/*
	 * Shared mode: one handler per ethertype, bound to the device, and
	 * a tap that sees frames before the core strips their VLAN tag.
	 */
	struct packet_type pt_ip;
	struct packet_type pt_ip6;
	struct packet_type pt_arp;
	struct packet_type pt_tap;
	/* Loopback link: packets wait here for the work item. */
	struct sk_buff_head lo_queue;
	struct work_struct lo_work;
};

static inline struct tip_link *tip_link(struct tip_if *ifp)
{
	return container_of(ifp, struct tip_link, ifp);
}

/* Set once by the IPv4 layer at module init; read with READ_ONCE(). */
extern const struct tip_link_upper *tip_upper;
extern const struct tip_link_upper6 *tip_upper6;

/* rx.c */
rx_handler_result_t tip_rx_handler(struct sk_buff **pskb);
int tip_pt_rcv(struct sk_buff *skb, struct net_device *dev,
	       struct packet_type *pt, struct net_device *orig_dev);
int tip_pt_tap(struct sk_buff *skb, struct net_device *dev,
	       struct packet_type *pt, struct net_device *orig_dev);

/* tx.c; the __ version counts nothing and needs no lock. */
int __tip_eth_xmit(struct tip_if *ifp, struct sk_buff *skb, const u8 *dst,
		   __be16 proto);
int tip_eth_xmit(struct tip_if *ifp, struct sk_buff *skb, const u8 *dst,
		 __be16 proto);
void tip_lo_work(struct work_struct *work);

/* link.c */
void tip_if_set_up(struct tip_if *ifp, bool up);

/* notifier.c */
int tip_notifier_init(void);
void tip_notifier_exit(void);

#endif /* _TINYIP_LINK_H */
