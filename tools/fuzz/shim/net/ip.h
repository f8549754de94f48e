/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the IPv4 fragment field bits (RFC 791 3.1) and the
 * header accessor of the IPv4 core.
 */
#ifndef _TIP_SHIM_NET_IP_H
#define _TIP_SHIM_NET_IP_H

#include <linux/ip.h>
#include <linux/skbuff.h>
#include <net/checksum.h>

#define IP_CE		0x8000
#define IP_DF		0x4000
#define IP_MF		0x2000
#define IP_OFFSET	0x1fff

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

#endif /* _TIP_SHIM_NET_IP_H */
