/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the UDP header (RFC 768). */
#ifndef _TIP_SHIM_LINUX_UDP_H
#define _TIP_SHIM_LINUX_UDP_H

#include <linux/types.h>

struct udphdr {
	__be16 source;
	__be16 dest;
	__be16 len;
	__sum16 check;
};

#endif /* _TIP_SHIM_LINUX_UDP_H */
