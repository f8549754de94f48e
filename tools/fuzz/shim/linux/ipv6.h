/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the IPv6 fixed header (RFC 8200 3) as uapi/linux/ipv6.h lays it out. */
#ifndef _TIP_SHIM_LINUX_IPV6_H
#define _TIP_SHIM_LINUX_IPV6_H

#include <linux/in6.h>
#include <linux/types.h>

struct ipv6hdr {
#if defined(__LITTLE_ENDIAN_BITFIELD)
	u8 priority:4,
	   version:4;
#else
	u8 version:4,
	   priority:4;
#endif
	u8 flow_lbl[3];
	__be16 payload_len;
	u8 nexthdr;
	u8 hop_limit;
	struct in6_addr saddr;
	struct in6_addr daddr;
};

#endif /* _TIP_SHIM_LINUX_IPV6_H */
