/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internals of the DHCPv4 client shared by module/dhcp4.c (the I/O) and
 * module/nl_dhcp.c (its netlink commands and events, RFC 2131 client).
 */
#ifndef _TINYIP_DHCP4_LOCAL_H
#define _TINYIP_DHCP4_LOCAL_H

#include <linux/skbuff.h>
#include <linux/workqueue.h>

#include <tinyip/dhcp4.h>

/* Longest reply we read; dnsmasq's fit in 576 (RFC 2131 2). */
#define TIP_DHCP4_RX_MAX	1024
#define TIP_DHCP4_RXQ_MAX	8

struct tip_udp_pcb;

/*
 * One per link that ever ran DHCP while the module is loaded: a stopped
 * client keeps its last lease for INIT-REBOOT (RFC 2131 3.2). Fields are
 * under tn->dhcp4.lock (a mutex: the work item and netlink), except
 * @rxq, @conflict and @watch, which the receive path touches under
 * tn->lock.
 */
struct tip_dhcp4_client {
	struct list_head list;
	struct tip_net *tn;
	struct tip_if *ifp;
	struct tip_udp_pcb *pcb;
	struct delayed_work work;
	struct sk_buff_head rxq;
	struct tip_dhcp4_fsm fsm;
	__be32 watch;			/* address ACD listens for */
	bool conflict;			/* ACD saw @watch elsewhere */
	bool dead;
	u32 mtu_orig;			/* link MTU before option 26 */
	char hostname[TIP_DHCP4_HOSTNAME_MAX];
	u8 rxbuf[TIP_DHCP4_RX_MAX];
	u8 txbuf[TIP_DHCP4_TX_MAX];
};

int tip_dhcp4_start(struct tip_net *tn, struct tip_if *ifp,
		    const char *hostname, struct netlink_ext_ack *extack);
int tip_dhcp4_stop(struct tip_net *tn, struct tip_if *ifp,
		   struct netlink_ext_ack *extack);
u64 tip_dhcp4_now(void);

/* module/nl_dhcp.c */
int tip_nl_dhcp_fill(struct sk_buff *skb, struct tip_dhcp4_client *c,
		     u64 now);
void tip_nl_dhcp_event(struct tip_dhcp4_client *c);

#endif /* _TINYIP_DHCP4_LOCAL_H */
