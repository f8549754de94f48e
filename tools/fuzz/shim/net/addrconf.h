/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the solicited-node multicast address (RFC 4291 2.7.1). */
#ifndef _TIP_SHIM_NET_ADDRCONF_H
#define _TIP_SHIM_NET_ADDRCONF_H

#include <net/ipv6.h>

static inline void addrconf_addr_solict_mult(const struct in6_addr *addr,
					     struct in6_addr *solicited)
{
	static const u8 pfx[13] = { 0xff, 0x02, [11] = 0x01, [12] = 0xff };

	memcpy(solicited->s6_addr, pfx, sizeof(pfx));
	memcpy(solicited->s6_addr + 13, addr->s6_addr + 13, 3);
}

#endif /* _TIP_SHIM_NET_ADDRCONF_H */
