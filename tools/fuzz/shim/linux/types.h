/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in for the kernel's fixed-width and wire types, so that the
 * pure wire parsers of tinyip (RFC 791, RFC 8200, RFC 4861, RFC 9293,
 * RFC 768) build unchanged in userspace for libFuzzer. Also carries the
 * handful of kernel.h macros those files reach through other headers.
 */
#ifndef _TIP_SHIM_LINUX_TYPES_H
#define _TIP_SHIM_LINUX_TYPES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define __bitwise

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int8_t s8;
typedef int16_t s16;
typedef int32_t s32;
typedef int64_t s64;
typedef u8 __u8;
typedef u16 __u16;
typedef u32 __u32;
typedef u64 __u64;
typedef u16 __bitwise __be16;
typedef u32 __bitwise __be32;
typedef u16 __bitwise __sum16;
typedef u32 __bitwise __wsum;

/* Embedded in structs the core frees after a grace period. */
struct rcu_head {
	void *next;
	void (*func)(struct rcu_head *head);
};

#define U16_MAX		((u16)~0U)
#define U32_MAX		((u32)~0U)
#define BIT(nr)		(1UL << (nr))

#define IS_ENABLED(CONFIG_OPT)	((CONFIG_OPT) + 0)

#define min(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
		    _a < _b ? _a : _b; })
#define max(a, b) ({ __typeof__(a) _a = (a); __typeof__(b) _b = (b); \
		    _a > _b ? _a : _b; })
#define min_t(type, a, b)	min((type)(a), (type)(b))
#define max_t(type, a, b)	max((type)(a), (type)(b))

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define __LITTLE_ENDIAN_BITFIELD
#define htons(x)	((__be16)__builtin_bswap16(x))
#define htonl(x)	((__be32)__builtin_bswap32(x))
#else
#define __BIG_ENDIAN_BITFIELD
#define htons(x)	((__be16)(x))
#define htonl(x)	((__be32)(x))
#endif
#define ntohs(x)	((u16)htons(x))
#define ntohl(x)	((u32)htonl(x))
#define cpu_to_be16(x)	htons(x)
#define cpu_to_be32(x)	htonl(x)
#define be16_to_cpu(x)	ntohs(x)
#define be32_to_cpu(x)	ntohl(x)

#endif /* _TIP_SHIM_LINUX_TYPES_H */
