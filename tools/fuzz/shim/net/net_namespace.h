/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: network namespaces are only named by the core. */
#ifndef _TIP_SHIM_NET_NET_NAMESPACE_H
#define _TIP_SHIM_NET_NET_NAMESPACE_H

struct net;

#endif /* _TIP_SHIM_NET_NET_NAMESPACE_H */
