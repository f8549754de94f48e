/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: timers that never fire by themselves. The harness is
 * the clock: it moves jiffies and runs an expired, pending timer's
 * function itself (fuzz_core.h), so expiry is deterministic and
 * replayable. Shutting a timer down makes any later arming a bug.
 */
#ifndef _TIP_SHIM_LINUX_TIMER_H
#define _TIP_SHIM_LINUX_TIMER_H

#include <linux/jiffies.h>
#include <linux/kernel.h>

struct timer_list {
	void (*function)(struct timer_list *t);
	unsigned long expires;
	bool pending;
	bool shutdown;
};

#define from_timer(var, t, field)	container_of(t, __typeof__(*(var)), field)

static inline void timer_setup(struct timer_list *t,
			       void (*fn)(struct timer_list *t),
			       unsigned int flags)
{
	t->function = fn;
	t->expires = 0;
	t->pending = false;
	t->shutdown = false;
}

static inline bool timer_pending(const struct timer_list *t)
{
	return t->pending;
}

static inline int mod_timer(struct timer_list *t, unsigned long expires)
{
	bool was = t->pending;

	TIP_SHIM_CHECK(!t->shutdown);
	t->expires = expires;
	t->pending = true;
	return was;
}

static inline int del_timer(struct timer_list *t)
{
	bool was = t->pending;

	t->pending = false;
	return was;
}

static inline int timer_shutdown_sync(struct timer_list *t)
{
	t->shutdown = true;
	return del_timer(t);
}

#endif /* _TIP_SHIM_LINUX_TIMER_H */
