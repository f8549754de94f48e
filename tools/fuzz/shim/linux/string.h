/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: memcpy, memset and memcmp come from the C library. */
#ifndef _TIP_SHIM_LINUX_STRING_H
#define _TIP_SHIM_LINUX_STRING_H

#include <linux/types.h>

#endif /* _TIP_SHIM_LINUX_STRING_H */
