/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: a single-threaded lock that remembers whether it is
 * held, so that lockdep_assert_held() and a recursive or unbalanced
 * lock stop the run as lockdep would report them.
 */
#ifndef _TIP_SHIM_LINUX_SPINLOCK_H
#define _TIP_SHIM_LINUX_SPINLOCK_H

#include <linux/kernel.h>

typedef struct { u8 held; } spinlock_t;

static inline void spin_lock_init(spinlock_t *l)
{
	l->held = false;
}

static inline void spin_lock(spinlock_t *l)
{
	TIP_SHIM_CHECK(!l->held);
	l->held = true;
}

static inline void spin_unlock(spinlock_t *l)
{
	TIP_SHIM_CHECK(l->held);
	l->held = false;
}

#define spin_lock_bh(l)		spin_lock(l)
#define spin_unlock_bh(l)	spin_unlock(l)
#define lockdep_assert_held(l)	TIP_SHIM_CHECK((l)->held)

#endif /* _TIP_SHIM_LINUX_SPINLOCK_H */
