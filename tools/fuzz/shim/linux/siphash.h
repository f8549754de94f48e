/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: SipHash-2-4 (Aumasson and Bernstein), which RFC 7217
 * stable interface identifiers are keyed with; the same values as the
 * kernel's siphash() and siphash_3u64().
 */
#ifndef _TIP_SHIM_LINUX_SIPHASH_H
#define _TIP_SHIM_LINUX_SIPHASH_H

#include <linux/types.h>

#define SIPHASH_ALIGNMENT	__alignof__(u64)

typedef struct { u64 key[2]; } siphash_key_t;

static inline u64 tip_shim_rotl64(u64 x, unsigned int b)
{
	return x << b | x >> (64 - b);
}

static inline void tip_shim_sipround(u64 *v)
{
	v[0] += v[1];
	v[1] = tip_shim_rotl64(v[1], 13);
	v[1] ^= v[0];
	v[0] = tip_shim_rotl64(v[0], 32);
	v[2] += v[3];
	v[3] = tip_shim_rotl64(v[3], 16);
	v[3] ^= v[2];
	v[0] += v[3];
	v[3] = tip_shim_rotl64(v[3], 21);
	v[3] ^= v[0];
	v[2] += v[1];
	v[1] = tip_shim_rotl64(v[1], 17);
	v[1] ^= v[2];
	v[2] = tip_shim_rotl64(v[2], 32);
}

static inline u64 tip_shim_le64(const u8 *p, size_t n)
{
	u64 m = 0;
	size_t i;

	for (i = 0; i < n; i++)
		m |= (u64)p[i] << (8 * i);
	return m;
}

static inline void tip_shim_sipword(u64 *v, u64 m)
{
	v[3] ^= m;
	tip_shim_sipround(v);
	tip_shim_sipround(v);
	v[0] ^= m;
}

static inline u64 siphash(const void *data, size_t len,
			  const siphash_key_t *key)
{
	u64 v[4] = {
		0x736f6d6570736575ULL ^ key->key[0],
		0x646f72616e646f6dULL ^ key->key[1],
		0x6c7967656e657261ULL ^ key->key[0],
		0x7465646279746573ULL ^ key->key[1],
	};
	const u8 *p = data;
	size_t left = len;

	for (; left >= 8; left -= 8, p += 8)
		tip_shim_sipword(v, tip_shim_le64(p, 8));
	tip_shim_sipword(v, tip_shim_le64(p, left) | (u64)len << 56);
	v[2] ^= 0xff;
	tip_shim_sipround(v);
	tip_shim_sipround(v);
	tip_shim_sipround(v);
	tip_shim_sipround(v);
	return v[0] ^ v[1] ^ v[2] ^ v[3];
}

static inline u64 siphash_3u64(u64 a, u64 b, u64 c, const siphash_key_t *key)
{
	u8 buf[24];
	int i;

	for (i = 0; i < 8; i++) {
		buf[i] = a >> (8 * i);
		buf[8 + i] = b >> (8 * i);
		buf[16 + i] = c >> (8 * i);
	}
	return siphash(buf, sizeof(buf), key);
}

#endif /* _TIP_SHIM_LINUX_SIPHASH_H */
