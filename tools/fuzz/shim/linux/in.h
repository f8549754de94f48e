/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: IPv4 protocol numbers (IANA, RFC 790) as uapi/linux/in.h. */
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

#endif /* _TIP_SHIM_LINUX_IN_H */
