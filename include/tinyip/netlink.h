/* SPDX-License-Identifier: GPL-2.0 */
/* The "tinyip" generic netlink family (uapi/tinyip.yaml). */
#ifndef _TINYIP_NETLINK_H
#define _TINYIP_NETLINK_H

#include <linux/skbuff.h>
#include <net/genetlink.h>

#include <linux/tinyip.h>

struct tip_net;

/* The family's multicast groups, in the order of uapi/tinyip.yaml. */
enum tip_mcgrp {
	TIP_MCGRP_CONFIG,
	TIP_MCGRP_ADDR,
	TIP_MCGRP_LINK,
	TIP_MCGRP_ROUTER,
	TIP_MCGRP_DHCP,
};

/*
 * Multicasts one notification of @cmd, filled by @fill from @arg, to
 * @grp of @tn's netns; any context (GFP_ATOMIC), tn->lock held or not.
 * Nothing is built when nobody listens; a notification that cannot be
 * built or delivered counts in tn->nl_events_dropped.
 */
void tip_nl_event_send(struct tip_net *tn, enum tip_mcgrp grp, u8 cmd,
		       int (*fill)(struct sk_buff *skb, const void *arg),
		       const void *arg);

int tip_nl_fill_info(struct sk_buff *skb, const struct tip_net *tn);
int tip_nl_fill_config(struct sk_buff *skb, const struct tip_net *tn);
int tip_nl_fill_mem(struct sk_buff *skb, const struct tip_net *tn);
u64 tip_features(void);
extern const struct nla_policy tip_nl_policy[TINYIP_A_MAX + 1];

/*
 * Command handlers live with the objects they manage; this file's family
 * (module/netlink.c) only lists them. Mutating ones run with RTNL taken by
 * the handler itself where devices are involved.
 */
int tip_nl_link_attach(struct sk_buff *skb, struct genl_info *info);
int tip_nl_link_detach(struct sk_buff *skb, struct genl_info *info);
int tip_nl_link_dump(struct sk_buff *skb, struct netlink_callback *cb);
int tip_nl_neigh_dump(struct sk_buff *skb, struct netlink_callback *cb);
int tip_nl_neigh_flush(struct sk_buff *skb, struct genl_info *info);
int tip_nl_addr_add(struct sk_buff *skb, struct genl_info *info);
int tip_nl_addr_del(struct sk_buff *skb, struct genl_info *info);
int tip_nl_addr_dump(struct sk_buff *skb, struct netlink_callback *cb);
int tip_nl_route_add(struct sk_buff *skb, struct genl_info *info);
int tip_nl_route_del(struct sk_buff *skb, struct genl_info *info);
int tip_nl_route_dump(struct sk_buff *skb, struct netlink_callback *cb);
int tip_nl_sock_dump(struct sk_buff *skb, struct netlink_callback *cb);
int tip_nl_stats_get(struct sk_buff *skb, struct genl_info *info);

/* module/nl_dhcp.c; without TINYIP_DHCP4 the commands say so. */
#if IS_ENABLED(CONFIG_TINYIP_DHCP4)
int tip_nl_dhcp_start(struct sk_buff *skb, struct genl_info *info);
int tip_nl_dhcp_stop(struct sk_buff *skb, struct genl_info *info);
int tip_nl_dhcp_dump(struct sk_buff *skb, struct netlink_callback *cb);
#else
static inline int tip_nl_dhcp_start(struct sk_buff *skb,
				    struct genl_info *info)
{
	NL_SET_ERR_MSG(info->extack, "DHCP is not built into this module");
	return -EOPNOTSUPP;
}

static inline int tip_nl_dhcp_stop(struct sk_buff *skb,
				   struct genl_info *info)
{
	return tip_nl_dhcp_start(skb, info);
}

static inline int tip_nl_dhcp_dump(struct sk_buff *skb,
				   struct netlink_callback *cb)
{
	return 0;
}
#endif

/* module/nl_dns.c: the resolver's servers, cache, lookups and counters */
extern const struct nla_policy tip_nl_dns_policy[TINYIP_DNS_A_MAX + 1];
#ifdef CONFIG_TINYIP_DNS
int tip_nl_dns_server_add(struct sk_buff *skb, struct genl_info *info);
int tip_nl_dns_server_del(struct sk_buff *skb, struct genl_info *info);
int tip_nl_dns_dump(struct sk_buff *skb, struct netlink_callback *cb);
int tip_nl_dns_flush(struct sk_buff *skb, struct genl_info *info);
int tip_nl_dns_resolve(struct sk_buff *skb, struct genl_info *info);
int tip_nl_put_dns_stats(struct sk_buff *skb, const struct tip_net *tn);
#else
static inline int tip_nl_put_dns_stats(struct sk_buff *skb,
				       const struct tip_net *tn)
{
	return 0;
}
#endif

/*
 * Replies to @info's request with one message of its command, filled by
 * @fill for the request's netns (module/netlink.c; used by nl_sock.c).
 */
int tip_nl_reply(struct genl_info *info,
		 int (*fill)(struct sk_buff *skb, const struct tip_net *tn));

/* Puts the genetlink header of a reply to @info's request. */
void *tip_nl_reply_put(struct sk_buff *skb, struct genl_info *info);

/* Puts a genetlink header for @cmd in a dump reply; NULL when full. */
void *tip_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd);

/*
 * Resolves TINYIP_A_IFINDEX or TINYIP_A_IFNAME to an attached link (under
 * tn->lock or RCU); sets an extack message and returns NULL if absent.
 * The name "lo" is the instance's loopback link.
 */
struct tip_if *tip_nl_get_if(struct tip_net *tn, struct genl_info *info);
int tip_nl_put_if(struct sk_buff *skb, struct tip_net *tn,
		  const struct tip_if *ifp);
struct tip_ifaddr4;
int tip_nl_fill_addr4(struct sk_buff *skb, struct tip_net *tn,
		      const struct tip_if *ifp, const struct tip_ifaddr4 *a);

/* module/nl_ip6.c: what nl_ip4.c hands over for 16-byte addresses. */
struct tip_ifaddr6;
struct tip_rt6;
void tip_nl_addr6_event(struct tip_net *tn, const struct tip_if *ifp,
			const struct tip_ifaddr6 *a, bool gone);
#if IS_ENABLED(CONFIG_TINYIP_IPV6)
int tip_nl_addr6_change(struct genl_info *info, bool add);
int tip_nl_fill_addr6(struct sk_buff *skb, struct tip_net *tn,
		      const struct tip_if *ifp, const struct tip_ifaddr6 *a);
int tip_nl_route6_change(struct genl_info *info, bool add);
int tip_nl_ra_set(struct sk_buff *skb, struct genl_info *info);
int tip_nl_fill_route6(struct sk_buff *skb, struct tip_net *tn,
		       const struct tip_rt6 *rt);
#else
/* TINYIP_IPV6=n: 16-byte addresses and IPv6 commands are refused. */
static inline int tip_nl_no_ipv6(struct genl_info *info)
{
	NL_SET_ERR_MSG(info->extack, "IPv6 is not built into this module");
	return -EAFNOSUPPORT;
}

static inline int tip_nl_addr6_change(struct genl_info *info, bool add)
{
	return tip_nl_no_ipv6(info);
}

static inline int tip_nl_route6_change(struct genl_info *info, bool add)
{
	return tip_nl_no_ipv6(info);
}

static inline int tip_nl_ra_set(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_no_ipv6(info);
}

/* No IPv6 address or route exists to be filled in. */
static inline int tip_nl_fill_addr6(struct sk_buff *skb, struct tip_net *tn,
				    const struct tip_if *ifp,
				    const struct tip_ifaddr6 *a)
{
	return -EMSGSIZE;
}

static inline int tip_nl_fill_route6(struct sk_buff *skb, struct tip_net *tn,
				     const struct tip_rt6 *rt)
{
	return -EMSGSIZE;
}
#endif

int tip_netlink_init(void);
void tip_netlink_exit(void);

#endif /* _TINYIP_NETLINK_H */
