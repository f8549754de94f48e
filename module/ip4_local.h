/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Calls between the files of the IPv4 layer (module/ip4_*.c, icmp.c,
 * igmp.c). Nothing outside them includes this.
 */
#ifndef _TINYIP_IP4_LOCAL_H
#define _TINYIP_IP4_LOCAL_H

#include <linux/inetdevice.h>
#include <linux/skbuff.h>

#include <tinyip/ip4.h>
#include <tinyip/ip4_wire.h>
#include <tinyip/netif.h>

struct tip_net;

/* ip4_fib.c: the route list as a pure data structure. */
void tip_fib4_insert(struct list_head *table, struct tip_rt4 *rt);
struct tip_rt4 *tip_fib4_find(struct list_head *table, __be32 dst,
			      u8 prefixlen, u32 metric);
struct tip_rt4 *tip_fib4_match(struct list_head *table, __be32 dst,
			       u8 prefixlen, __be32 gw,
			       const struct tip_if *ifp, u32 metric);
struct tip_rt4 *tip_fib4_lookup(struct list_head *table, __be32 dst,
				bool (*usable)(const struct tip_rt4 *rt,
					       void *arg),
				void *arg);

/*
 * ip4_frag.c: IPv4's front end to the reassembly engine of frag.c, pure
 * apart from skbs and slab.
 */
void tip_frag4_set_init(struct tip_frag_set *set, u32 mem_limit,
			u32 max_queues, unsigned long timeout);
enum tip_frag_ret tip_frag4_add(struct tip_frag_set *set,
				struct sk_buff *skb,
				const struct tip_ip4_view *v,
				unsigned long now, struct sk_buff **out);

/* ip4_defrag.c: the instance's use of the above (timer, budget). */
struct sk_buff *tip_ip4_defrag(struct tip_net *tn, struct sk_buff *skb,
			       const struct tip_ip4_view *v);
void tip_ip4_defrag_init(struct tip_net *tn);
void tip_ip4_defrag_exit(struct tip_net *tn);
void tip_ip4_defrag_if_gone(struct tip_net *tn, struct tip_if *ifp);

/* ip4_route.c / ip4_addr.c */
struct tip_if *tip_ip4_nth_if(struct tip_net *tn, unsigned int n);
struct tip_if *tip_ip4_if_by_index(struct tip_net *tn, int ifindex);
bool tip_ip4_is_bcast_on(struct tip_if *ifp, __be32 addr);
void tip_ip4_routes_flush(struct tip_net *tn, struct tip_if *ifp);
void tip_ip4_if_up(struct tip_net *tn, struct tip_if *ifp);
void tip_ip4_if_down(struct tip_net *tn, struct tip_if *ifp, bool gone);
void tip_ip4_addrs_flush(struct tip_net *tn, struct tip_if *ifp);

/* ip4_in.c: the handler of @proto, under rcu_read_lock(). */
const struct tip_ip4_proto *tip_ip4_proto_get(u8 proto);

/* ip4_out.c */
int tip_ip4_fragment(struct tip_net *tn, struct sk_buff *skb,
		     struct tip_if *ifp, __be32 nexthop, u32 mtu);

/* ip4_forward.c: under tn->lock; consumes @skb. */
#if IS_ENABLED(CONFIG_TINYIP_FORWARD)
void tip_ip4_forward(struct tip_net *tn, struct sk_buff *skb,
		     const struct tip_ip4_view *v);
#else
/* A host (TINYIP_FORWARD=n) drops what is not for it, as a router off. */
static inline void tip_ip4_forward(struct tip_net *tn, struct sk_buff *skb,
				   const struct tip_ip4_view *v)
{
	tip_if_rx_drop(TIP_CB(skb)->iif, skb, TINYIP_DROP_NO_ROUTE);
}
#endif

/* icmp.c, igmp.c */
extern const struct tip_ip4_proto tip_icmp_proto;
extern const struct tip_ip4_proto tip_igmp_proto;
bool tip_icmp_is_error_type(u8 type);

#if IS_ENABLED(CONFIG_TINYIP_IGMP)
int tip_igmp_net_init(struct tip_net *tn);
void tip_igmp_net_exit(struct tip_net *tn);
void tip_igmp_join(struct tip_net *tn, struct tip_if *ifp, struct tip_mc4 *mc);
void tip_igmp_leave(struct tip_net *tn, struct tip_if *ifp,
		    struct tip_mc4 *mc);
void tip_igmp_if_up(struct tip_net *tn, struct tip_if *ifp);
void tip_igmp_if_gone(struct tip_net *tn, struct tip_if *ifp);
#else
static inline int tip_igmp_net_init(struct tip_net *tn)
{
	return 0;
}

static inline void tip_igmp_net_exit(struct tip_net *tn) {}
static inline void tip_igmp_if_up(struct tip_net *tn, struct tip_if *ifp) {}
static inline void tip_igmp_if_gone(struct tip_net *tn, struct tip_if *ifp) {}
#endif

static inline bool tip_ip4_martian_src(__be32 a)
{
	return ipv4_is_multicast(a) || ipv4_is_lbcast(a);
}

#endif /* _TINYIP_IP4_LOCAL_H */
