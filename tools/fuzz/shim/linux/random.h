/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: "random" values that are the same on every run, so
 * that a fuzz input replays exactly (shim/kernel.c).
 */
#ifndef _TIP_SHIM_LINUX_RANDOM_H
#define _TIP_SHIM_LINUX_RANDOM_H

#include <linux/types.h>

void get_random_bytes(void *buf, size_t len);
u32 get_random_u32(void);

static inline u16 get_random_u16(void)
{
	return get_random_u32();
}

#endif /* _TIP_SHIM_LINUX_RANDOM_H */
