/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the in6_addr tests of net/ipv6.h (RFC 4291 2). */
#ifndef _TIP_SHIM_NET_IPV6_H
#define _TIP_SHIM_NET_IPV6_H

#include <linux/in6.h>

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

#endif /* _TIP_SHIM_NET_IPV6_H */
