/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What every libFuzzer harness of tinyip's wire parsers and protocol core
 * shares: the entry point, an invariant check that stops the run with the
 * harness line, a reference Internet checksum (RFC 1071) written as the
 * RFC states it, independent of the shim's helpers, and the reader of
 * inputs that are programs.
 */
#ifndef _TIP_FUZZ_H
#define _TIP_FUZZ_H

#include <stdio.h>
#include <stdlib.h>
#include <linux/types.h>

/*
 * libFuzzer's entry point; the Makefile names it (-DFUZZ_ENTRY=...) so
 * that its CamelCase stays out of kernel-style sources.
 */
int FUZZ_ENTRY(const u8 *data, size_t size);

#define FUZZ_CHECK(cond)						\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: invariant failed: %s\n",\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* One's complement sum of big-endian 16-bit words, folded to 16 bits. */
static inline u16 fuzz_sum16(const u8 *p, size_t len, u32 sum)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += p[len - 1] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return sum;
}

/*
 * The input of a harness that reads it as a program, a byte at a time:
 * zeros once it runs out, so every input is a whole program.
 */
struct fuzz_in {
	const u8 *p;
	size_t left;
};

static inline u8 fuzz_get8(struct fuzz_in *in)
{
	if (!in->left)
		return 0;
	in->left--;
	return *in->p++;
}

static inline u16 fuzz_get16(struct fuzz_in *in)
{
	u16 hi = fuzz_get8(in);

	return hi << 8 | fuzz_get8(in);
}

/* A heap copy of exactly @len bytes, so that ASan sees any overrun. */
static inline u8 *fuzz_dup(const u8 *data, size_t len)
{
	u8 *p = malloc(len ? len : 1);

	FUZZ_CHECK(p);
	memcpy(p, data, len);
	return p;
}

#endif /* _TIP_FUZZ_H */
