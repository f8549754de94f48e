/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the IPv4 fragment field bits (RFC 791 3.1). */
#ifndef _TIP_SHIM_NET_IP_H
#define _TIP_SHIM_NET_IP_H

#include <linux/ip.h>
#include <linux/skbuff.h>
#include <net/checksum.h>

#define IP_CE		0x8000
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1fff

#endif /* _TIP_SHIM_NET_IP_H */
