/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the in6_addr tests of net/ipv6.h (RFC 4291 2, with
 * v4-mapped addresses, 2.5.5.2) and the packet helpers the IPv6 core
 * uses.
 */
#ifndef _TIP_SHIM_NET_IPV6_H
#define _TIP_SHIM_NET_IPV6_H

#include <linux/in6.h>
#include <linux/ipv6.h>
#include <linux/skbuff.h>

#define IPV6_MAXPLEN		65535
#define IPV6_ADDR_UNICAST	0x0001U
#define IPV6_ADDR_MULTICAST	0x0002U
#define IPV6_ADDR_LOOPBACK	0x0010U
#define IPV6_ADDR_LINKLOCAL	0x0020U
#define IPV6_ADDR_MAPPED	0x1000U

static inline bool ipv6_addr_any(const struct in6_addr *a)
{
	return !(a->s6_addr32[0] | a->s6_addr32[1] |
		 a->s6_addr32[2] | a->s6_addr32[3]);
}

static inline bool ipv6_addr_equal(const struct in6_addr *a,
				   const struct in6_addr *b)
{
	return !memcmp(a, b, sizeof(*a));
}

static inline bool ipv6_addr_is_multicast(const struct in6_addr *a)
{
	return a->s6_addr[0] == 0xff;
}

/* The first @plen bits of @addr, the rest zero. */
static inline void ipv6_addr_prefix(struct in6_addr *pfx,
				    const struct in6_addr *addr, int plen)
{
	int o = plen >> 3, b = plen & 0x7;

	memset(pfx->s6_addr, 0, sizeof(pfx->s6_addr));
	memcpy(pfx->s6_addr, addr, o);
	if (b != 0)
		pfx->s6_addr[o] = addr->s6_addr[o] & (0xff00 >> b);
}

static inline bool ipv6_addr_v4mapped(const struct in6_addr *a)
{
	return !(a->s6_addr32[0] | a->s6_addr32[1]) &&
	       a->s6_addr32[2] == htonl(0x0000ffff);
}

static inline void ipv6_addr_set_v4mapped(__be32 addr, struct in6_addr *v4)
{
	v4->s6_addr32[0] = 0;
	v4->s6_addr32[1] = 0;
	v4->s6_addr32[2] = htonl(0x0000ffff);
	v4->s6_addr32[3] = addr;
}

/*
 * The parts of the kernel's classification the core asks about: link
 * scope (fe80::/10, and multicast scope 2), multicast, loopback and
 * v4-mapped.
 */
static inline int ipv6_addr_type(const struct in6_addr *a)
{
	if (ipv6_addr_is_multicast(a))
		return IPV6_ADDR_MULTICAST |
		       ((a->s6_addr[1] & 0x0f) == 2 ? IPV6_ADDR_LINKLOCAL : 0);
	if (a->s6_addr[0] == 0xfe && (a->s6_addr[1] & 0xc0) == 0x80)
		return IPV6_ADDR_UNICAST | IPV6_ADDR_LINKLOCAL;
	if (!(a->s6_addr32[0] | a->s6_addr32[1] | a->s6_addr32[2]) &&
	    a->s6_addr32[3] == htonl(1))
		return IPV6_ADDR_UNICAST | IPV6_ADDR_LOOPBACK;
	if (!(a->s6_addr32[0] | a->s6_addr32[1]) &&
	    a->s6_addr32[2] == htonl(0x0000ffff))
		return IPV6_ADDR_MAPPED;
	return IPV6_ADDR_UNICAST;
}

static inline struct ipv6hdr *ipv6_hdr(const struct sk_buff *skb)
{
	return (struct ipv6hdr *)skb_network_header(skb);
}

#endif /* _TIP_SHIM_NET_IPV6_H */
