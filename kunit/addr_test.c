// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the dual-stack address rules (include/tinyip/addr.h):
 * IPv4-mapped addresses (RFC 4291 2.5.5.2), the two wildcards, which
 * local address takes which packet (RFC 3493 3.7 and 5.3: :: takes IPv4
 * unless IPV6_V6ONLY, ::ffff:0.0.0.0 only IPv4), Linux's bind-overlap
 * rules between families, and the keyed hash's use of every address byte.
 */
#include <kunit/test.h>
#include <linux/in6.h>
#include <linux/inet.h>
#include <linux/random.h>

#include <tinyip/addr.h>

static struct in6_addr a6(const char *s)
{
	struct in6_addr a;

	WARN_ON(in6_pton(s, -1, a.s6_addr, -1, NULL) != 1);
	return a;
}

static struct in6_addr a4(__be32 v4)
{
	struct in6_addr a;

	tip_addr_from4(&a, v4);
	return a;
}

static void tip_addr_test_mapped(struct kunit *test)
{
	struct in6_addr m = a4(htonl(0xc0000201)), any4 = a4(0);

	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&m, &(struct in6_addr)
						{ .s6_addr32 = { 0, 0,
						  htonl(0xffff),
						  htonl(0xc0000201) } }));
	KUNIT_EXPECT_TRUE(test, tip_addr_is_v4(&m));
	KUNIT_EXPECT_EQ(test, tip_addr_v4(&m), htonl(0xc0000201));
	KUNIT_EXPECT_TRUE(test, tip_addr_is_any4(&any4));
	KUNIT_EXPECT_TRUE(test, tip_addr_is_wild(&any4));
	KUNIT_EXPECT_TRUE(test, tip_addr_is_wild(&in6addr_any));
	KUNIT_EXPECT_FALSE(test, tip_addr_is_v4(&in6addr_any));
	KUNIT_EXPECT_FALSE(test, tip_addr_is_wild(&m));
	m = a6("2001:db8::1");
	KUNIT_EXPECT_FALSE(test, tip_addr_is_v4(&m));
	/* ::a.b.c.d (deprecated compatible form) is not mapped. */
	m = a6("::192.0.2.1");
	KUNIT_EXPECT_FALSE(test, tip_addr_is_v4(&m));
	tip_addr_set_wild(&m, false);
	KUNIT_EXPECT_TRUE(test, tip_addr_is_any4(&m));
	tip_addr_set_wild(&m, true);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_any(&m));
}

/* Which local address takes a packet for which destination. */
static void tip_addr_test_match(struct kunit *test)
{
	struct in6_addr v4 = a4(htonl(0xc0000202)), other4 = a4(htonl(1));
	struct in6_addr any4 = a4(0), v6 = a6("2001:db8::2");
	struct in6_addr other6 = a6("2001:db8::3");

	/* An IPv4 packet. */
	KUNIT_EXPECT_TRUE(test, tip_addr_match(&v4, false, &v4));
	KUNIT_EXPECT_FALSE(test, tip_addr_match(&other4, false, &v4));
	KUNIT_EXPECT_TRUE(test, tip_addr_match(&any4, false, &v4));
	KUNIT_EXPECT_TRUE(test, tip_addr_match(&in6addr_any, false, &v4));
	KUNIT_EXPECT_FALSE(test, tip_addr_match(&in6addr_any, true, &v4));
	KUNIT_EXPECT_FALSE(test, tip_addr_match(&v6, false, &v4));
	/* An IPv6 packet. */
	KUNIT_EXPECT_TRUE(test, tip_addr_match(&v6, true, &v6));
	KUNIT_EXPECT_TRUE(test, tip_addr_match(&in6addr_any, true, &v6));
	KUNIT_EXPECT_TRUE(test, tip_addr_match(&in6addr_any, false, &v6));
	KUNIT_EXPECT_FALSE(test, tip_addr_match(&any4, false, &v6));
	KUNIT_EXPECT_FALSE(test, tip_addr_match(&other6, false, &v6));
}

/* Linux's port sharing between families (ipv6_rcv_saddr_equal). */
static void tip_addr_test_overlap(struct kunit *test)
{
	struct in6_addr v4 = a4(htonl(0xc0000202)), other4 = a4(htonl(1));
	struct in6_addr any4 = a4(0), v6 = a6("2001:db8::2");
	struct in6_addr other6 = a6("2001:db8::3");

	KUNIT_EXPECT_TRUE(test, tip_addr_overlap(&any4, false, &v4, false));
	KUNIT_EXPECT_TRUE(test, tip_addr_overlap(&v4, false, &v4, false));
	KUNIT_EXPECT_FALSE(test, tip_addr_overlap(&v4, false, &other4, false));
	/* [::] without V6ONLY against 0.0.0.0 and IPv4 addresses. */
	KUNIT_EXPECT_TRUE(test, tip_addr_overlap(&in6addr_any, false, &any4,
						 false));
	KUNIT_EXPECT_TRUE(test, tip_addr_overlap(&v4, false, &in6addr_any,
						 false));
	/* A V6ONLY [::] leaves IPv4 alone, not IPv6. */
	KUNIT_EXPECT_FALSE(test, tip_addr_overlap(&in6addr_any, true, &any4,
						  false));
	KUNIT_EXPECT_FALSE(test, tip_addr_overlap(&v4, false, &in6addr_any,
						  true));
	KUNIT_EXPECT_TRUE(test, tip_addr_overlap(&in6addr_any, true, &v6,
						 true));
	KUNIT_EXPECT_TRUE(test, tip_addr_overlap(&in6addr_any, true,
						 &in6addr_any, false));
	/* Specific IPv6 addresses, and IPv6 against IPv4. */
	KUNIT_EXPECT_TRUE(test, tip_addr_overlap(&v6, false, &v6, true));
	KUNIT_EXPECT_FALSE(test, tip_addr_overlap(&v6, false, &other6, false));
	KUNIT_EXPECT_FALSE(test, tip_addr_overlap(&v6, false, &any4, false));
	KUNIT_EXPECT_FALSE(test, tip_addr_overlap(&v6, false, &v4, false));
}

/* Every byte of both addresses and both words reaches the hash. */
static void tip_addr_test_hash(struct kunit *test)
{
	struct in6_addr a = a6("2001:db8::1"), b = a6("2001:db8::2"), x;
	siphash_key_t key, key2;
	u32 h, n = 0;
	int i;

	get_random_bytes(&key, sizeof(key));
	get_random_bytes(&key2, sizeof(key2));
	h = tip_addr_hash(&a, &b, 1, 2, &key);
	KUNIT_EXPECT_EQ(test, h, tip_addr_hash(&a, &b, 1, 2, &key));
	for (i = 0; i < 16; i++) {
		x = a;
		x.s6_addr[i] ^= 1;
		n += tip_addr_hash(&x, &b, 1, 2, &key) != h;
		x = b;
		x.s6_addr[i] ^= 0x80;
		n += tip_addr_hash(&a, &x, 1, 2, &key) != h;
	}
	n += tip_addr_hash(&a, &b, 3, 2, &key) != h;
	n += tip_addr_hash(&a, &b, 1, 3, &key) != h;
	n += tip_addr_hash(&b, &a, 1, 2, &key) != h;
	/* 35 changes; a 32-bit collision among them is all but impossible. */
	KUNIT_EXPECT_EQ(test, n, 35U);
	/* RFC 6528: another key, another value. */
	KUNIT_EXPECT_NE(test, h, tip_addr_hash(&a, &b, 1, 2, &key2));
}

static struct kunit_case tip_addr_test_cases[] = {
	KUNIT_CASE(tip_addr_test_mapped),
	KUNIT_CASE(tip_addr_test_match),
	KUNIT_CASE(tip_addr_test_overlap),
	KUNIT_CASE(tip_addr_test_hash),
	{}
};

static struct kunit_suite tip_addr_test_suite = {
	.name = "tinyip_addr",
	.test_cases = tip_addr_test_cases,
};

kunit_test_suite(tip_addr_test_suite);
