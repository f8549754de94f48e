/* SPDX-License-Identifier: GPL-2.0 */
/* The "tinyip" generic netlink family (uapi/tinyip.yaml). */
#ifndef _TINYIP_NETLINK_H
#define _TINYIP_NETLINK_H

#include <linux/skbuff.h>

struct tip_net;

int tip_nl_fill_info(struct sk_buff *skb, const struct tip_net *tn);
int tip_nl_fill_config(struct sk_buff *skb, const struct tip_net *tn);
u64 tip_features(void);

int tip_netlink_init(void);
void tip_netlink_exit(void);

#endif /* _TINYIP_NETLINK_H */
