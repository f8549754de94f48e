// SPDX-License-Identifier: GPL-2.0
/*
 * TEMPORARY: weak stand-ins for the parts of issue 3 that are being
 * written in parallel, so the module links at every stage. Each real
 * definition overrides its stub; this file goes away before the work lands.
 */
#include <linux/errno.h>
#include <net/genetlink.h>

#include <tinyip/ip4.h>
#include <tinyip/netif.h>
#include <tinyip/netlink.h>
#include <tinyip/raw.h>
#include <tinyip/tinyip.h>
#include <tinyip/udp.h>

struct tip_if *__weak tip_if_by_index(struct tip_net *tn, int ifindex) { return NULL; }
struct tip_if *__weak tip_if_by_name(struct tip_net *tn, const char *name) { return NULL; }
struct tip_if *__weak tip_if_by_dev(const struct net_device *dev) { return NULL; }
int __weak tip_if_attach(struct tip_net *tn, struct net_device *dev, enum tinyip_link_mode mode, struct netlink_ext_ack *extack) { return -EOPNOTSUPP; }
int __weak tip_if_detach(struct tip_net *tn, struct tip_if *ifp) { return -EOPNOTSUPP; }
int __weak tip_link_output4(struct tip_if *ifp, struct sk_buff *skb, __be32 nexthop) { kfree_skb(skb); return -EOPNOTSUPP; }
int __weak tip_if_mc_add(struct tip_if *ifp, const u8 *mac) { return 0; }
void __weak tip_if_mc_del(struct tip_if *ifp, const u8 *mac) { }
void __weak tip_arp_announce(struct tip_if *ifp, __be32 addr) { }
void __weak tip_neigh_flush(struct tip_net *tn, struct tip_if *ifp) { }
void __weak tip_link_register_upper(const struct tip_link_upper *upper) { }
int __weak tip_netif_net_init(struct tip_net *tn) { return 0; }
void __weak tip_netif_net_exit(struct tip_net *tn) { }
int __weak tip_netdev_init(void) { return 0; }
void __weak tip_netdev_exit(void) { }

int __weak tip_ip4_proto_register(u8 protocol, const struct tip_ip4_proto *p) { return 0; }
void __weak tip_ip4_proto_unregister(u8 protocol) { }
void __weak tip_ip4_set_raw_deliver(bool (*deliver)(struct tip_net *tn, struct sk_buff *skb, u8 proto)) { }
int __weak tip_ip4_route(struct tip_net *tn, __be32 dst, int oif, struct tip_rt4_res *res) { return -ENETUNREACH; }
bool __weak tip_ip4_is_local(struct tip_net *tn, __be32 addr) { return false; }
struct tip_ifaddr4 *__weak tip_ip4_addr_on(struct tip_if *ifp, __be32 addr) { return NULL; }
__be32 __weak tip_ip4_src_for(struct tip_if *ifp, __be32 dst) { return 0; }
int __weak tip_ip4_output(struct tip_net *tn, struct sk_buff *skb, const struct tip_rt4_res *rt, __be32 saddr, __be32 daddr, u8 protocol, const struct tip_ip4_tx *tx) { kfree_skb(skb); return -ENETUNREACH; }
void __weak tip_icmp_send(struct tip_net *tn, struct sk_buff *skb, u8 type, u8 code, __be32 info) { }
int __weak tip_ip4_mc_join(struct tip_net *tn, struct tip_if *ifp, __be32 group) { return -EOPNOTSUPP; }
void __weak tip_ip4_mc_leave(struct tip_net *tn, struct tip_if *ifp, __be32 group) { }
bool __weak tip_ip4_mc_joined(struct tip_if *ifp, __be32 group) { return false; }
int __weak tip_ip4_addr_add(struct tip_net *tn, struct tip_if *ifp, __be32 addr, u8 prefixlen, struct netlink_ext_ack *extack) { return -EOPNOTSUPP; }
int __weak tip_ip4_addr_del(struct tip_net *tn, struct tip_if *ifp, __be32 addr, struct netlink_ext_ack *extack) { return -EOPNOTSUPP; }
int __weak tip_ip4_route_add(struct tip_net *tn, __be32 dst, u8 prefixlen, __be32 gw, struct tip_if *ifp, u32 metric, struct netlink_ext_ack *extack) { return -EOPNOTSUPP; }
int __weak tip_ip4_route_del(struct tip_net *tn, __be32 dst, u8 prefixlen, __be32 gw, struct tip_if *ifp, u32 metric, struct netlink_ext_ack *extack) { return -EOPNOTSUPP; }
int __weak tip_ip4_net_init(struct tip_net *tn) { return 0; }
void __weak tip_ip4_net_exit(struct tip_net *tn) { }
int __weak tip_ip4_init(void) { return 0; }
void __weak tip_ip4_exit(void) { }

int __weak tip_udp_net_init(struct tip_net *tn) { return 0; }
void __weak tip_udp_net_exit(struct tip_net *tn) { }
int __weak tip_udp_init(void) { return 0; }
void __weak tip_udp_exit(void) { }
int __weak tip_raw_net_init(struct tip_net *tn) { return 0; }
void __weak tip_raw_net_exit(struct tip_net *tn) { }
int __weak tip_raw_init(void) { return 0; }
void __weak tip_raw_exit(void) { }

int __weak tip_nl_link_attach(struct sk_buff *skb, struct genl_info *info) { return -EOPNOTSUPP; }
int __weak tip_nl_link_detach(struct sk_buff *skb, struct genl_info *info) { return -EOPNOTSUPP; }
int __weak tip_nl_link_dump(struct sk_buff *skb, struct netlink_callback *cb) { return 0; }
int __weak tip_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb) { return 0; }
int __weak tip_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info) { return -EOPNOTSUPP; }
int __weak tip_nl_addr_add(struct sk_buff *skb, struct genl_info *info) { return -EOPNOTSUPP; }
int __weak tip_nl_addr_del(struct sk_buff *skb, struct genl_info *info) { return -EOPNOTSUPP; }
int __weak tip_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb) { return 0; }
int __weak tip_nl_route_add(struct sk_buff *skb, struct genl_info *info) { return -EOPNOTSUPP; }
int __weak tip_nl_route_del(struct sk_buff *skb, struct genl_info *info) { return -EOPNOTSUPP; }
int __weak tip_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb) { return 0; }
struct tip_if *__weak tip_nl_get_if(struct tip_net *tn, struct genl_info *info) { return NULL; }
