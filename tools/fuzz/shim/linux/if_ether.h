/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: Ethernet constants (IEEE 802.3) the ND code uses. */
#ifndef _TIP_SHIM_LINUX_IF_ETHER_H
#define _TIP_SHIM_LINUX_IF_ETHER_H

#include <linux/types.h>

#define ETH_ALEN	6

#endif /* _TIP_SHIM_LINUX_IF_ETHER_H */
