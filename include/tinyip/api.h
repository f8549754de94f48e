/* SPDX-License-Identifier: GPL-2.0 */
/*
 * tinyip's native ("raw") API for other kernel modules: UDP and UDP-Lite
 * endpoints without a file descriptor or a struct sock, in the spirit of
 * lwIP's raw API. Symbols are exported in the TINYIP namespace: a user
 * module says MODULE_IMPORT_NS(TINYIP).
 *
 * Addresses and ports are in network byte order. Every call sleeps
 * unless said otherwise (process context), and none may be made from
 * the receive callback except tinyip_udp_sendto_locked().
 */
#ifndef _TINYIP_API_H
#define _TINYIP_API_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct net;
struct tinyip_udp;

/*
 * Receive callback. Called with the instance lock held, in softirq (the
 * device's receive path) or in the loopback link's work item with BH
 * disabled: it must not sleep, and may call tinyip_udp_sendto_locked()
 * only. @skb is the callee's to free: skb->data is at the payload,
 * skb->len its length (possibly nonlinear: use skb_copy_bits()).
 * @saddr/@sport are the sender's.
 */
typedef void (*tinyip_udp_recv_t)(struct tinyip_udp *u, void *ctx,
				  struct sk_buff *skb, __be32 saddr,
				  __be16 sport);

/* Options for tinyip_udp_setopt(), with the socket options' meanings. */
enum tinyip_udp_opt {
	TINYIP_UDP_REUSEADDR,		/* bool, before bind */
	TINYIP_UDP_BROADCAST,		/* bool: allow sending to broadcast */
	TINYIP_UDP_BINDTODEVICE,	/* ifindex, 0 for none */
	TINYIP_UDP_TTL,			/* 1..255, 0 for the default */
	TINYIP_UDP_TOS,
	TINYIP_UDP_MULTICAST_TTL,	/* 0..255 */
	TINYIP_UDP_MULTICAST_LOOP,	/* bool */
	TINYIP_UDP_MULTICAST_IF,	/* ifindex, 0 for the route's */
	TINYIP_UDPLITE_SEND_CSCOV,	/* UDP-Lite only, as UDPLITE_SEND_CSCOV */
	TINYIP_UDPLITE_RECV_CSCOV,	/* UDP-Lite only, as UDPLITE_RECV_CSCOV */
};

/* @proto is IPPROTO_UDP or IPPROTO_UDPLITE; @recv may be NULL. */
struct tinyip_udp *tinyip_udp_new(struct net *net, int proto,
				  tinyip_udp_recv_t recv, void *ctx);
void tinyip_udp_free(struct tinyip_udp *u);

int tinyip_udp_setopt(struct tinyip_udp *u, enum tinyip_udp_opt opt,
		      int val);
/* Port 0 picks an ephemeral port (RFC 6056). No privilege check. */
int tinyip_udp_bind(struct tinyip_udp *u, __be32 addr, __be16 port);
/* @addr 0 disconnects. */
int tinyip_udp_connect(struct tinyip_udp *u, __be32 addr, __be16 port);
int tinyip_udp_getname(struct tinyip_udp *u, __be32 *addr, __be16 *port);

/* Sends @len bytes; @daddr 0 means the connected peer. */
int tinyip_udp_sendto(struct tinyip_udp *u, const void *buf, size_t len,
		      __be32 daddr, __be16 dport);
/* The same, from the receive callback (instance lock held, atomic). */
int tinyip_udp_sendto_locked(struct tinyip_udp *u, const void *buf,
			     size_t len, __be32 daddr, __be16 dport);

/* IPv4 multicast membership (RFC 1112); @ifindex 0 follows the route. */
int tinyip_udp_join(struct tinyip_udp *u, __be32 group, int ifindex);
int tinyip_udp_leave(struct tinyip_udp *u, __be32 group, int ifindex);

#endif /* _TINYIP_API_H */
