/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: struct in6_addr (RFC 4291) and the IPv6 next header
 * numbers (RFC 8200 4) that uapi/linux/in6.h defines.
 */
#ifndef _TIP_SHIM_LINUX_IN6_H
#define _TIP_SHIM_LINUX_IN6_H

#include <linux/in.h>

struct in6_addr {
	union {
		u8 u6_addr8[16];
		__be16 u6_addr16[8];
		__be32 u6_addr32[4];
	} in6_u;
};

/* The unspecified address (RFC 4291 2.5.2), as a value. */
#define in6addr_any	((struct in6_addr){})

#define s6_addr		in6_u.u6_addr8
#define s6_addr16	in6_u.u6_addr16
#define s6_addr32	in6_u.u6_addr32

#define IPPROTO_HOPOPTS		0
#define IPPROTO_ROUTING		43
#define IPPROTO_FRAGMENT	44
#define IPPROTO_ICMPV6		58
#define IPPROTO_NONE		59
#define IPPROTO_DSTOPTS		60

#endif /* _TIP_SHIM_LINUX_IN6_H */
