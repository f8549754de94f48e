/* SPDX-License-Identifier: GPL-2.0 */
/*
 * UDP (RFC 768) and UDP-Lite (RFC 3828) protocol control blocks. A PCB
 * is the whole endpoint for the raw API; a socket wraps one. Delivery to
 * the owner is by callback, so the socket layer and in-kernel users share
 * the same code path. Ports are chosen as RFC 6056 algorithm 3 suggests.
 */
#ifndef _TINYIP_UDP_H
#define _TINYIP_UDP_H

#include <linux/hashtable.h>
#include <linux/skbuff.h>
#include <linux/types.h>

struct tip_net;

/* Per-instance UDP state, embedded in struct tip_net. */
struct tip_udp_net {
	DECLARE_HASHTABLE(ports, 6);	/* struct tip_udp_pcb by local port */
	u32 npcbs;
};

int tip_udp_net_init(struct tip_net *tn);
void tip_udp_net_exit(struct tip_net *tn);
int tip_udp_init(void);
void tip_udp_exit(void);

#endif /* _TINYIP_UDP_H */
