/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: module/ip4_local.h includes it; IPv4 core needs nothing. */
#ifndef _TIP_SHIM_LINUX_INETDEVICE_H
#define _TIP_SHIM_LINUX_INETDEVICE_H

#include <linux/netdevice.h>

#endif /* _TIP_SHIM_LINUX_INETDEVICE_H */
