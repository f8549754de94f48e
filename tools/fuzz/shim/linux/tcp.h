/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the TCP header (RFC 9293 3.1) and tcp_hdr(). */
#ifndef _TIP_SHIM_LINUX_TCP_H
#define _TIP_SHIM_LINUX_TCP_H

#include <linux/skbuff.h>

struct tcphdr {
	__be16 source;
	__be16 dest;
	__be32 seq;
	__be32 ack_seq;
#if defined(__LITTLE_ENDIAN_BITFIELD)
	u16 res1:4, doff:4, fin:1, syn:1, rst:1, psh:1, ack:1, urg:1, ece:1,
	    cwr:1;
#else
	u16 doff:4, res1:4, cwr:1, ece:1, urg:1, ack:1, psh:1, rst:1, syn:1,
	    fin:1;
#endif
	__be16 window;
	__sum16 check;
	__be16 urg_ptr;
};

static inline struct tcphdr *tcp_hdr(const struct sk_buff *skb)
{
	return (struct tcphdr *)skb_transport_header(skb);
}

#endif /* _TIP_SHIM_LINUX_TCP_H */
