/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the kernel.h and bug.h macros the protocol core uses.
 * A BUG or WARN, a lockdep assertion that fails or a misuse the kernel
 * would catch stops the run (TIP_SHIM_CHECK), so the fuzzer reports it.
 */
#ifndef _TIP_SHIM_LINUX_KERNEL_H
#define _TIP_SHIM_LINUX_KERNEL_H

#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <linux/types.h>

#define TIP_SHIM_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: kernel stand-in: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

#define container_of(ptr, type, member)					\
	((type *)((char *)(ptr) - offsetof(type, member)))
#define sizeof_field(TYPE, MEMBER)	sizeof(((TYPE *)0)[0].MEMBER)
#define ARRAY_SIZE(a)			(sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(cond)		static_assert(!(cond), #cond)
#define WARN_ON(cond)			({ bool _c = (cond); TIP_SHIM_CHECK(!_c); _c; })
#define WARN_ON_ONCE(cond)		WARN_ON(cond)
#define likely(x)			__builtin_expect(!!(x), 1)
#define unlikely(x)			__builtin_expect(!!(x), 0)
/* The host runs one thread: a plain access is done once. */
#define READ_ONCE(x)			(x)
#define WRITE_ONCE(x, v)		((x) = (v))
#define __force
/* As compiler_attributes.h defines it. */
#define tip_shim_attr(a)		__attribute__((a))
#define __aligned(x)			tip_shim_attr(__aligned__(x))
#define S64_MAX				((s64)(~0ULL >> 1))

#endif /* _TIP_SHIM_LINUX_KERNEL_H */
