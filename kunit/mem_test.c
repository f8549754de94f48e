// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the per-instance memory budget (module/mem.c): charges
 * that fit, charges that do not, and the promise that lowering the budget
 * never takes back what was already accepted; and the categories, which
 * must always add up to the total the budget checks.
 */
/* The unit first: it sets pr_fmt before any header does. */
#include "../module/mem.c"

#include <kunit/test.h>

static void tip_mem_test_unlimited(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 1 << 20),
			0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER,
					     (u64)S64_MAX - (1 << 20)), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), (u64)S64_MAX);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 0ULL);
	tip_mem_uncharge(&mem, TINYIP_MEM_OTHER, (u64)S64_MAX);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 0ULL);
}

static void tip_mem_test_over_budget(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 1000);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 600), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 401),
			-ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 600ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 1ULL);
	/* Exactly reaching the budget is allowed. */
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 400), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 1000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 1),
			-ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 2ULL);
}

static void tip_mem_test_overflow(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 10), 0);
	/* A wrapped sum must not look small enough to fit. */
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER,
					     U64_MAX - 5), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER,
					     (u64)S64_MAX), -ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 10ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 2ULL);
}

static void tip_mem_test_lowered_budget(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 5000), 0);
	tip_mem_set_budget(&mem, 1000);
	/* What was accepted stays; only new work is refused. */
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 5000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 1),
			-ENOBUFS);
	tip_mem_uncharge(&mem, TINYIP_MEM_OTHER, 4500);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 500), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 1000ULL);
	tip_mem_set_budget(&mem, 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 1 << 30),
			0);
}

static void tip_mem_test_forced(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 100);
	tip_mem_charge_force(&mem, TINYIP_MEM_OTHER, 150);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 150ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 1),
			-ENOBUFS);
}

/* The high-water mark follows every charge up and no uncharge down. */
static void tip_mem_test_peak(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 1000);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 700), 0);
	tip_mem_uncharge(&mem, TINYIP_MEM_OTHER, 500);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 300), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 700ULL);
	/* A refused charge is no peak. */
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OTHER, 900),
			-ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 700ULL);
	tip_mem_charge_force(&mem, TINYIP_MEM_OTHER, 600);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 1100ULL);
	tip_mem_uncharge(&mem, TINYIP_MEM_OTHER, 1100);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 1100ULL);
}

/* What "tinyip stats" shows must add up to what the budget enforces. */
static u64 tip_mem_test_sum(const struct tip_mem *mem)
{
	u64 sum = 0;
	int cat;

	for (cat = TINYIP_MEM_PAD + 1; cat < __TINYIP_MEM_MAX; cat++)
		sum += tip_mem_cat_used(mem, cat);
	return sum;
}

static void tip_mem_test_categories(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 10000);
	tip_mem_charge_force(&mem, TINYIP_MEM_OTHER, 1000);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_PCB, 300), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_SNDQ, 4000), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_RCVQ, 2000), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_OOO, 1500), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_REASM, 700), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_NEIGH, 500), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 10000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_test_sum(&mem), tip_mem_used(&mem));
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_SNDQ), 4000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_NEIGH), 500ULL);

	/* A refusal is the category's, and the total's; nothing moves. */
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_RCVQ, 1),
			-ENOBUFS);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_failed(&mem, TINYIP_MEM_RCVQ), 1ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_failed(&mem, TINYIP_MEM_SNDQ), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 1ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_RCVQ), 2000ULL);

	/* Giving back one category's bytes leaves the others alone. */
	tip_mem_uncharge(&mem, TINYIP_MEM_SNDQ, 3000);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_SNDQ), 1000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_RCVQ), 2000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 7000ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_test_sum(&mem), tip_mem_used(&mem));

	/* Objects too: zalloc and free charge and give back the same. */
	{
		void *p = tip_mem_zalloc(&mem, TINYIP_MEM_PCB, 64, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, p);
		KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_PCB),
				364ULL);
		tip_mem_free(&mem, TINYIP_MEM_PCB, p, 64);
	}
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_PCB), 300ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_test_sum(&mem), tip_mem_used(&mem));

	tip_mem_uncharge(&mem, TINYIP_MEM_OTHER, 1000);
	tip_mem_uncharge(&mem, TINYIP_MEM_PCB, 300);
	tip_mem_uncharge(&mem, TINYIP_MEM_SNDQ, 1000);
	tip_mem_uncharge(&mem, TINYIP_MEM_RCVQ, 2000);
	tip_mem_uncharge(&mem, TINYIP_MEM_OOO, 1500);
	tip_mem_uncharge(&mem, TINYIP_MEM_REASM, 700);
	tip_mem_uncharge(&mem, TINYIP_MEM_NEIGH, 500);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_test_sum(&mem), 0ULL);
}

/* Each category keeps its own high-water mark beside the total's. */
static void tip_mem_test_cat_peak(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_mem_set_budget(&mem, 1000);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_RCVQ, 600), 0);
	tip_mem_uncharge(&mem, TINYIP_MEM_RCVQ, 600);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_SNDQ, 800), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_RCVQ, 300),
			-ENOBUFS);
	tip_mem_charge_force(&mem, TINYIP_MEM_SNDQ, 400);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_peak(&mem, TINYIP_MEM_RCVQ), 600ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_peak(&mem, TINYIP_MEM_SNDQ), 1200ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_peak(&mem, TINYIP_MEM_OOO), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_peak(&mem), 1200ULL);
	tip_mem_uncharge(&mem, TINYIP_MEM_SNDQ, 1200);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_peak(&mem, TINYIP_MEM_SNDQ), 1200ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_SNDQ), 0ULL);
}

static struct kunit_case tip_mem_test_cases[] = {
	KUNIT_CASE(tip_mem_test_unlimited),
	KUNIT_CASE(tip_mem_test_over_budget),
	KUNIT_CASE(tip_mem_test_overflow),
	KUNIT_CASE(tip_mem_test_lowered_budget),
	KUNIT_CASE(tip_mem_test_forced),
	KUNIT_CASE(tip_mem_test_peak),
	KUNIT_CASE(tip_mem_test_categories),
	KUNIT_CASE(tip_mem_test_cat_peak),
	{}
};

static struct kunit_suite tip_mem_test_suite = {
	.name = "tinyip_mem",
	.test_cases = tip_mem_test_cases,
};

kunit_test_suite(tip_mem_test_suite);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("KUnit tests for tinyip");
