/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: allocation flags, which the host's malloc ignores. */
#ifndef _TIP_SHIM_LINUX_GFP_H
#define _TIP_SHIM_LINUX_GFP_H

#include <linux/types.h>

typedef u32 gfp_t;

#define GFP_ATOMIC	0x1u
#define GFP_KERNEL	0x2u

#endif /* _TIP_SHIM_LINUX_GFP_H */
