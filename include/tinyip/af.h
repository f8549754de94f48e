/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AF_TINYIP socket family and its protocol switch: transport layers
 * register one entry per (socket type, protocol) they serve, as inetsw
 * does for AF_INET, and socket(2) is routed to the matching entry.
 */
#ifndef _TINYIP_AF_H
#define _TINYIP_AF_H

#include <linux/list.h>
#include <linux/net.h>

/* Matches any protocol number; for SOCK_RAW. */
#define TIP_PROTO_ANY	-1

struct tip_protosw {
	struct list_head list;
	int type;		/* SOCK_STREAM, SOCK_DGRAM, SOCK_RAW */
	int protocol;		/* IPPROTO_*, or TIP_PROTO_ANY */
	bool dflt;		/* chosen when socket(2) passes protocol 0 */
	bool raw_cap;		/* needs CAP_NET_RAW in the netns's userns */
	int (*create)(struct net *net, struct socket *sock, int protocol,
		      int kern);
};

const struct tip_protosw *tip_protosw_find(struct list_head *head, int type,
					   int protocol);
void tip_protosw_register(struct tip_protosw *sw);
void tip_protosw_unregister(struct tip_protosw *sw);

int tip_af_family(void);
int tip_af_init(void);
void tip_af_exit(void);

#endif /* _TINYIP_AF_H */
