/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the socket types fault.h names in the wrappers of
 * sk_alloc() and kmem_cache_zalloc(); declarations only, the host builds
 * of the protocol core make no sockets.
 */
#ifndef _TIP_SHIM_NET_SOCK_H
#define _TIP_SHIM_NET_SOCK_H

#include <linux/skbuff.h>

struct net;
struct sock;
struct proto;
struct kmem_cache;

struct sock *sk_alloc(struct net *net, int family, gfp_t gfp,
		      struct proto *prot, int kern);
void *kmem_cache_zalloc(struct kmem_cache *c, gfp_t gfp);
struct sk_buff *alloc_skb_with_frags(unsigned long header_len,
				     unsigned long data_len, int order,
				     int *err, gfp_t gfp);
struct sk_buff *skb_clone(struct sk_buff *skb, gfp_t gfp);
struct sk_buff *skb_copy(const struct sk_buff *skb, gfp_t gfp);
struct sk_buff *pskb_copy(struct sk_buff *skb, gfp_t gfp);
struct sk_buff *skb_copy_expand(const struct sk_buff *skb, int headroom,
				int tailroom, gfp_t gfp);
int skb_cow(struct sk_buff *skb, unsigned int headroom);
int skb_cow_head(struct sk_buff *skb, unsigned int headroom);
bool skb_shared(const struct sk_buff *skb);
struct sk_buff *skb_share_check(struct sk_buff *skb, gfp_t gfp);

#endif /* _TIP_SHIM_NET_SOCK_H */
