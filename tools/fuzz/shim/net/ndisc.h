/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: ND message types and option types (RFC 4861 4, 4.6). */
#ifndef _TIP_SHIM_NET_NDISC_H
#define _TIP_SHIM_NET_NDISC_H

#include <linux/types.h>

#define NDISC_ROUTER_SOLICITATION	133
#define NDISC_ROUTER_ADVERTISEMENT	134
#define NDISC_NEIGHBOUR_SOLICITATION	135
#define NDISC_NEIGHBOUR_ADVERTISEMENT	136
#define NDISC_REDIRECT			137

#define ND_OPT_SOURCE_LL_ADDR		1
#define ND_OPT_TARGET_LL_ADDR		2
#define ND_OPT_PREFIX_INFO		3
#define ND_OPT_REDIRECT_HDR		4
#define ND_OPT_MTU			5
#define ND_OPT_NONCE			14
#define ND_OPT_RDNSS			25

#endif /* _TIP_SHIM_NET_NDISC_H */
