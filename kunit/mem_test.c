// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the per-instance memory budget (module/mem.c): charges
 * that fit, charges that do not, and the promise that lowering the budget
 * never takes back what was already accepted.
 */
/* The unit first: it sets pr_fmt before any header does. */
#include "../module/mem.c"

#include <kunit/test.h>

static void tip_mem_test_unlimited(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 1 << 20), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, (u64)S64_MAX - (1 << 20)),
			0);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), (u64)S64_MAX);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 0ULL);
	tip_mem_uncharge(&mem, (u64)S64_MAX);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 0ULL);
}

static void tip_mem_test_over_budget(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 1000);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 600), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 401), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 600ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 1ULL);
	/* Exactly reaching the budget is allowed. */
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 400), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 1000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 1), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 2ULL);
}

static void tip_mem_test_overflow(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 10), 0);
	/* A wrapped sum must not look small enough to fit. */
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, U64_MAX - 5), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, (u64)S64_MAX), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 10ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 2ULL);
}

static void tip_mem_test_lowered_budget(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 5000), 0);
	tip_mem_set_budget(&mem, 1000);
	/* What was accepted stays; only new work is refused. */
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 5000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 1), -ENOBUFS);
	tip_mem_uncharge(&mem, 4500);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 500), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 1000ULL);
	tip_mem_set_budget(&mem, 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 1 << 30), 0);
}

static void tip_mem_test_forced(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 100);
	tip_mem_charge_force(&mem, 150);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 150ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 1), -ENOBUFS);
}

/* The high-water mark follows every charge up and no uncharge down. */
static void tip_mem_test_peak(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 1000);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 700), 0);
	tip_mem_uncharge(&mem, 500);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 300), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 700ULL);
	/* A refused charge is no peak. */
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, 900), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 700ULL);
	tip_mem_charge_force(&mem, 600);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 1100ULL);
	tip_mem_uncharge(&mem, 1100);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 1100ULL);
}

static struct kunit_case tip_mem_test_cases[] = {
	KUNIT_CASE(tip_mem_test_unlimited),
	KUNIT_CASE(tip_mem_test_over_budget),
	KUNIT_CASE(tip_mem_test_overflow),
	KUNIT_CASE(tip_mem_test_lowered_budget),
	KUNIT_CASE(tip_mem_test_forced),
	KUNIT_CASE(tip_mem_test_peak),
	{}
};

static struct kunit_suite tip_mem_test_suite = {
	.name = "tinyip_mem",
	.test_cases = tip_mem_test_cases,
};

kunit_test_suite(tip_mem_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for tinyip");
