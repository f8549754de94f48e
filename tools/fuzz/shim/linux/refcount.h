/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: reference counts, single-threaded. */
#ifndef _TIP_SHIM_LINUX_REFCOUNT_H
#define _TIP_SHIM_LINUX_REFCOUNT_H

#include <linux/types.h>

typedef struct { u32 refs; } refcount_t;

#endif /* _TIP_SHIM_LINUX_REFCOUNT_H */
