/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the kernel.h and bug.h macros the protocol core uses.
 * A BUG or WARN, a lockdep assertion that fails or a misuse the kernel
 * would catch stops the run (TIP_SHIM_CHECK), so the fuzzer reports it.
 */
#ifndef _TIP_SHIM_LINUX_KERNEL_H
#define _TIP_SHIM_LINUX_KERNEL_H

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
#define sizeof_field(TYPE, MEMBER)	sizeof((((TYPE *)0)->MEMBER))
#define ARRAY_SIZE(a)			(sizeof(a) / sizeof((a)[0]))
#define BUILD_BUG_ON(cond)		_Static_assert(!(cond), #cond)
#define BUG_ON(cond)			TIP_SHIM_CHECK(!(cond))
#define WARN_ON(cond)			({ bool _c = (cond); TIP_SHIM_CHECK(!_c); _c; })
#define WARN_ON_ONCE(cond)		WARN_ON(cond)
#define likely(x)			__builtin_expect(!!(x), 1)
#define unlikely(x)			__builtin_expect(!!(x), 0)
#define READ_ONCE(x)			(*(volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)		(*(volatile __typeof__(x) *)&(x) = (v))
#define __force
#define __aligned(x)			__attribute__((aligned(x)))
#ifndef __always_inline
#define __always_inline			inline __attribute__((always_inline))
#endif
#define S64_MAX				((s64)(~0ULL >> 1))

#endif /* _TIP_SHIM_LINUX_KERNEL_H */
