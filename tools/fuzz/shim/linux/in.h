/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: IPv4 protocol numbers (IANA, RFC 790) as uapi/linux/in.h,
 * and the address class tests (RFC 1112 4, RFC 919 7) of linux/in.h.
 */
#ifndef _TIP_SHIM_LINUX_IN_H
#define _TIP_SHIM_LINUX_IN_H

#include <linux/types.h>

#define IPPROTO_IP	0
#define IPPROTO_ICMP	1
#define IPPROTO_IGMP	2
#define IPPROTO_TCP	6
#define IPPROTO_UDP	17
#define IPPROTO_RAW	255
#define IPPROTO_UDPLITE	136

static inline bool ipv4_is_multicast(__be32 addr)
{
	return (addr & htonl(0xf0000000)) == htonl(0xe0000000);
}

static inline bool ipv4_is_lbcast(__be32 addr)
{
	return addr == htonl(0xffffffff);
}

#endif /* _TIP_SHIM_LINUX_IN_H */
