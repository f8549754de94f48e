/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the checksum with the IPv6 pseudo-header (RFC 8200 8.1). */
#ifndef _TIP_SHIM_NET_IP6_CHECKSUM_H
#define _TIP_SHIM_NET_IP6_CHECKSUM_H

#include <linux/in6.h>
#include <net/checksum.h>

static inline __sum16 csum_ipv6_magic(const struct in6_addr *saddr,
				      const struct in6_addr *daddr, u32 len,
				      u8 proto, __wsum sum)
{
	u8 ph[40];

	memcpy(ph, saddr, 16);
	memcpy(ph + 16, daddr, 16);
	ph[32] = len >> 24;
	ph[33] = len >> 16;
	ph[34] = len >> 8;
	ph[35] = len;
	ph[36] = 0;
	ph[37] = 0;
	ph[38] = 0;
	ph[39] = proto;
	return csum_fold(csum_partial(ph, sizeof(ph), sum));
}

#endif /* _TIP_SHIM_NET_IP6_CHECKSUM_H */
