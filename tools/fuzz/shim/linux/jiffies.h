/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the clock is a plain variable the harness moves (it
 * defines it), started near the wrap so that every time_before() is
 * tried across it.
 */
#ifndef _TIP_SHIM_LINUX_JIFFIES_H
#define _TIP_SHIM_LINUX_JIFFIES_H

#include <linux/types.h>

#define HZ	250

extern unsigned long jiffies;

#define time_after(a, b)	((long)((b) - (a)) < 0)
#define time_before(a, b)	time_after(b, a)
#define time_after_eq(a, b)	((long)((a) - (b)) >= 0)
#define time_before_eq(a, b)	time_after_eq(b, a)

#endif /* _TIP_SHIM_LINUX_JIFFIES_H */
