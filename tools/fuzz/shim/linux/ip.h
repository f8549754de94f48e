/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the IPv4 header (RFC 791 3.1) as uapi/linux/ip.h lays
 * it out, and its accessor in an skb.
 */
#ifndef _TIP_SHIM_LINUX_IP_H
#define _TIP_SHIM_LINUX_IP_H

#include <linux/skbuff.h>
#include <linux/types.h>

struct iphdr {
#if defined(__LITTLE_ENDIAN_BITFIELD)
	u8 ihl:4,
	   version:4;
#else
	u8 version:4,
	   ihl:4;
#endif
	u8 tos;
	__be16 tot_len;
	__be16 id;
	__be16 frag_off;
	u8 ttl;
	u8 protocol;
	__sum16 check;
	__be32 saddr;
	__be32 daddr;
};

static inline struct iphdr *ip_hdr(const struct sk_buff *skb)
{
	return (struct iphdr *)skb_network_header(skb);
}

#endif /* _TIP_SHIM_LINUX_IP_H */
