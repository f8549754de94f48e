// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the IPv4 route list (module/ip4_fib.c): longest prefix
 * match, the metric as tie-break, the default route, deletion keys and
 * the usability filter (a route over a link that is down is skipped).
 */
/* The unit first, as every test here does. */
#include "../module/ip4_fib.c"

#include <kunit/test.h>

#define A(a, b, c, d)	htonl(((a) << 24) | ((b) << 16) | ((c) << 8) | (d))

static void tip_test_rt(struct tip_rt4 *rt, __be32 dst, u8 plen, __be32 gw,
			struct tip_if *ifp, u32 metric)
{
	memset(rt, 0, sizeof(*rt));
	rt->dst = dst;
	rt->prefixlen = plen;
	rt->mask = inet_make_mask(plen);
	rt->gw = gw;
	rt->ifp = ifp;
	rt->metric = metric;
}

/* Links are only compared by address here; struct tip_if is large. */
static void tip_test_ifs(struct kunit *test, struct tip_if **if1,
			 struct tip_if **if2)
{
	*if1 = kunit_kzalloc(test, sizeof(**if1), GFP_KERNEL);
	*if2 = kunit_kzalloc(test, sizeof(**if2), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, *if1);
	KUNIT_ASSERT_NOT_NULL(test, *if2);
}

static bool tip_test_up(const struct tip_rt4 *rt, void *arg)
{
	return rt->ifp != arg;
}

static void tip_ip4_route_test_lpm(struct kunit *test)
{
	struct tip_if *if1, *if2;
	struct tip_rt4 r[4];
	LIST_HEAD(table);

	tip_test_ifs(test, &if1, &if2);

	/* Inserted shortest first: the list must still put /32 first. */
	tip_test_rt(&r[0], 0, 0, A(192, 0, 2, 1), if1, 0);
	tip_test_rt(&r[1], A(198, 51, 100, 0), 24, 0, if2, 0);
	tip_test_rt(&r[2], A(198, 51, 100, 128), 25, 0, if1, 0);
	tip_test_rt(&r[3], A(198, 51, 100, 200), 32, 0, if2, 0);
	tip_fib4_insert(&table, &r[0]);
	tip_fib4_insert(&table, &r[1]);
	tip_fib4_insert(&table, &r[2]);
	tip_fib4_insert(&table, &r[3]);

	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(198, 51, 100, 200),
						  NULL, NULL), &r[3]);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(198, 51, 100, 201),
						  NULL, NULL), &r[2]);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(198, 51, 100, 5),
						  NULL, NULL), &r[1]);
	/* Anything else takes the default route. */
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(203, 0, 113, 9),
						  NULL, NULL), &r[0]);
	/* The /25 is over a link that is down: fall back to the /24. */
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(198, 51, 100, 201),
						  tip_test_up, if1), &r[1]);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(203, 0, 113, 9),
						  tip_test_up, if1), NULL);
}

static void tip_ip4_route_test_metric(struct kunit *test)
{
	struct tip_if *if1, *if2;
	struct tip_rt4 r[3];
	LIST_HEAD(table);

	tip_test_ifs(test, &if1, &if2);

	tip_test_rt(&r[0], A(203, 0, 113, 0), 24, 0, if1, 100);
	tip_test_rt(&r[1], A(203, 0, 113, 0), 24, 0, if2, 10);
	tip_test_rt(&r[2], A(203, 0, 113, 0), 24, 0, if1, 50);
	tip_fib4_insert(&table, &r[0]);
	tip_fib4_insert(&table, &r[1]);
	tip_fib4_insert(&table, &r[2]);

	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(203, 0, 113, 7),
						  NULL, NULL), &r[1]);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(203, 0, 113, 7),
						  tip_test_up, if2), &r[2]);
	/* Prefix and metric are the key iproute2 refuses twice. */
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_find(&table, A(203, 0, 113, 0), 24,
						50), &r[2]);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_find(&table, A(203, 0, 113, 0), 24,
						51), NULL);
}

static void tip_ip4_route_test_delete(struct kunit *test)
{
	struct tip_if *if1, *if2;
	struct tip_rt4 r[3], *rt;
	LIST_HEAD(table);

	tip_test_ifs(test, &if1, &if2);

	tip_test_rt(&r[0], 0, 0, A(192, 0, 2, 1), if1, 0);
	tip_test_rt(&r[1], 0, 0, A(198, 51, 100, 1), if2, 20);
	tip_test_rt(&r[2], A(192, 0, 2, 0), 24, 0, if1, 0);
	tip_fib4_insert(&table, &r[0]);
	tip_fib4_insert(&table, &r[1]);
	tip_fib4_insert(&table, &r[2]);

	/* A gateway that does not match finds nothing. */
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_match(&table, 0, 0, A(192, 0, 2, 9),
						 NULL, 0), NULL);
	/* Wildcards: metric 0 and no link match the first default. */
	rt = tip_fib4_match(&table, 0, 0, 0, NULL, 0);
	KUNIT_ASSERT_PTR_EQ(test, rt, &r[0]);
	list_del(&rt->list);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(203, 0, 113, 9),
						  NULL, NULL), &r[1]);
	rt = tip_fib4_match(&table, 0, 0, 0, if2, 20);
	KUNIT_ASSERT_PTR_EQ(test, rt, &r[1]);
	list_del(&rt->list);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(203, 0, 113, 9),
						  NULL, NULL), NULL);
	KUNIT_EXPECT_PTR_EQ(test, tip_fib4_lookup(&table, A(192, 0, 2, 77),
						  NULL, NULL), &r[2]);
}

static struct kunit_case tip_ip4_route_test_cases[] = {
	KUNIT_CASE(tip_ip4_route_test_lpm),
	KUNIT_CASE(tip_ip4_route_test_metric),
	KUNIT_CASE(tip_ip4_route_test_delete),
	{}
};

static struct kunit_suite tip_ip4_route_test_suite = {
	.name = "tinyip_ip4_route",
	.test_cases = tip_ip4_route_test_cases,
};

kunit_test_suite(tip_ip4_route_test_suite);
