/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: the TCP header flag bits (RFC 9293 3.1) of net/tcp.h. */
#ifndef _TIP_SHIM_NET_TCP_H
#define _TIP_SHIM_NET_TCP_H

#include <linux/tcp.h>

#define TCPHDR_FIN	0x01
#define TCPHDR_SYN	0x02
#define TCPHDR_RST	0x04
#define TCPHDR_PSH	0x08
#define TCPHDR_ACK	0x10
#define TCPHDR_URG	0x20
#define TCPHDR_ECE	0x40
#define TCPHDR_CWR	0x80

#endif /* _TIP_SHIM_NET_TCP_H */
