/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the net_device bits struct tip_if embeds or names
 * (include/tinyip/netif.h). The host builds of the protocol core have
 * links without devices.
 */
#ifndef _TIP_SHIM_LINUX_NETDEVICE_H
#define _TIP_SHIM_LINUX_NETDEVICE_H

#include <linux/if_ether.h>
#include <linux/types.h>

#define IFNAMSIZ	16
#define LL_MAX_HEADER	128

struct netlink_ext_ack;

/* Reference tracking is a debug aid the host does without. */
typedef struct { u8 unused; } netdevice_tracker;

struct net_device {
	int ifindex;
	unsigned int mtu;
};

#endif /* _TIP_SHIM_LINUX_NETDEVICE_H */
