/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: kmalloc and kfree over the C library (shim/kernel.c),
 * counting live objects so that a harness can prove none leaked.
 */
#ifndef _TIP_SHIM_LINUX_SLAB_H
#define _TIP_SHIM_LINUX_SLAB_H

#include <linux/gfp.h>
#include <linux/types.h>

extern long tip_shim_slabs;
/* When > 0: the allocation (skb or slab) that many from now fails. */
extern long tip_shim_fail_in;

void *kmalloc(size_t size, gfp_t gfp);
void *kzalloc(size_t size, gfp_t gfp);
void kfree(const void *p);

#endif /* _TIP_SHIM_LINUX_SLAB_H */
