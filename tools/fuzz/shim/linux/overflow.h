/* SPDX-License-Identifier: GPL-2.0 */
/* Host stand-in: overflow-checked arithmetic, as the compiler offers it. */
#ifndef _TIP_SHIM_LINUX_OVERFLOW_H
#define _TIP_SHIM_LINUX_OVERFLOW_H

#define check_add_overflow(a, b, d)	__builtin_add_overflow(a, b, d)
#define check_mul_overflow(a, b, d)	__builtin_mul_overflow(a, b, d)

#endif /* _TIP_SHIM_LINUX_OVERFLOW_H */
