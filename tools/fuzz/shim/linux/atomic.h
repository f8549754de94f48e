/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: 64-bit atomics, single-threaded, as module/mem.c uses them. */
#ifndef _TIP_SHIM_LINUX_ATOMIC_H
#define _TIP_SHIM_LINUX_ATOMIC_H

#include <linux/types.h>

typedef struct { s64 counter; } atomic64_t;

static inline s64 atomic64_read(const atomic64_t *v)
{
	return v->counter;
}

static inline void atomic64_set(atomic64_t *v, s64 i)
{
	v->counter = i;
}

static inline void atomic64_inc(atomic64_t *v)
{
	v->counter++;
}

static inline s64 atomic64_add_return(s64 i, atomic64_t *v)
{
	return v->counter += i;
}

static inline s64 atomic64_sub_return(s64 i, atomic64_t *v)
{
	return v->counter -= i;
}

static inline bool atomic64_try_cmpxchg(atomic64_t *v, s64 *old, s64 new)
{
	if (v->counter != *old) {
		*old = v->counter;
		return false;
	}
	v->counter = new;
	return true;
}

#endif /* _TIP_SHIM_LINUX_ATOMIC_H */
