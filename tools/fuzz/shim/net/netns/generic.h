/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: see shim/tinyip/tinyip.h, which needs no net_generic(). */
#ifndef _TIP_SHIM_NET_NETNS_GENERIC_H
#define _TIP_SHIM_NET_NETNS_GENERIC_H

struct net;

#endif /* _TIP_SHIM_NET_NETNS_GENERIC_H */
