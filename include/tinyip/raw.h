/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw IPv4 endpoints (SOCK_RAW with a protocol number): they see a copy
 * of every datagram of their protocol that reaches this host, as Linux's
 * raw sockets do, and send datagrams the IP layer completes.
 */
#ifndef _TINYIP_RAW_H
#define _TINYIP_RAW_H

#include <linux/list.h>
#include <linux/types.h>

struct tip_net;

struct tip_raw_net {
	struct list_head pcbs;		/* struct tip_raw_pcb */
};

int tip_raw_net_init(struct tip_net *tn);
void tip_raw_net_exit(struct tip_net *tn);
int tip_raw_init(void);
void tip_raw_exit(void);

#endif /* _TINYIP_RAW_H */
