// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of tinyip's fault injection (module/fault.c): probability
 * 100 fails every call and 0 none, "times" bounds the failures, the
 * filter spares the categories it leaves out, and an injected failure
 * reaches the callers through the wrappers and the memory budget, which
 * refuses and counts it like any other.
 */
#include "../module/fault.c"

#include <kunit/test.h>

#include <tinyip/mem.h>

/* Settings as the debugfs files would make them; the test's own copy. */
static void tip_fault_test_set(struct kunit *test, u64 prob, s64 times,
			       u64 filter)
{
	KUNIT_ASSERT_EQ(test, tip_fault_filter_set(NULL, filter), 0);
	KUNIT_ASSERT_EQ(test, tip_fault_times_set(NULL, (u64)times), 0);
	KUNIT_ASSERT_EQ(test, tip_fault_prob_set(NULL, prob), 0);
}

static u64 tip_fault_test_injected(void)
{
	u64 n;

	tip_fault_injected_get(NULL, &n);
	return n;
}

static int tip_fault_test_init(struct kunit *test)
{
	int i;

	for (i = 0; i < __TIP_FAULT_MAX; i++)
		atomic64_set(&tip_fa.injected[i], 0);
	return 0;
}

/* Off again, whatever a test left: other suites share the key. */
static void tip_fault_test_exit(struct kunit *test)
{
	tip_fault_prob_set(NULL, 0);
	tip_fault_times_set(NULL, (u64)-1);
	tip_fault_filter_set(NULL, BIT(__TIP_FAULT_MAX) - 1);
}

static void tip_fault_test_always(struct kunit *test)
{
	int i;

	tip_fault_test_set(test, 100, -1, BIT(__TIP_FAULT_MAX) - 1);
	KUNIT_EXPECT_TRUE(test, static_key_enabled(&tip_fault_on));
	for (i = 0; i < 1000; i++)
		KUNIT_ASSERT_TRUE(test, tip_fault(TIP_FAULT_SKB));
	KUNIT_EXPECT_EQ(test, tip_fault_test_injected(), 1000ULL);
	KUNIT_EXPECT_EQ(test, atomic64_read(&tip_fa.injected[TIP_FAULT_SKB]),
			1000LL);
}

static void tip_fault_test_never(struct kunit *test)
{
	int i;

	tip_fault_test_set(test, 0, -1, BIT(__TIP_FAULT_MAX) - 1);
	KUNIT_EXPECT_FALSE(test, static_key_enabled(&tip_fault_on));
	for (i = 0; i < 1000; i++) {
		KUNIT_ASSERT_FALSE(test, tip_fault(TIP_FAULT_MEM));
		/* Behind the key too: the settings alone decide. */
		KUNIT_ASSERT_FALSE(test, __tip_fault(TIP_FAULT_MEM));
	}
	KUNIT_EXPECT_EQ(test, tip_fault_test_injected(), 0ULL);
}

/* 10 % of 10,000 calls: far from 0 and from all, whatever the draw. */
static void tip_fault_test_sometimes(struct kunit *test)
{
	u64 n;
	int i;

	tip_fault_test_set(test, 10, -1, BIT(__TIP_FAULT_MAX) - 1);
	for (i = 0; i < 10000; i++)
		tip_fault(TIP_FAULT_SLAB);
	n = tip_fault_test_injected();
	KUNIT_EXPECT_GT(test, n, 500ULL);
	KUNIT_EXPECT_LT(test, n, 2000ULL);
}

static void tip_fault_test_times(struct kunit *test)
{
	u64 left;
	int i, n = 0;

	tip_fault_test_set(test, 100, 3, BIT(__TIP_FAULT_MAX) - 1);
	for (i = 0; i < 10; i++)
		n += tip_fault(TIP_FAULT_NETLINK);
	KUNIT_EXPECT_EQ(test, n, 3);
	tip_fault_times_get(NULL, &left);
	KUNIT_EXPECT_EQ(test, left, 0ULL);
	/* No failure left to make: setting it again turns the key off. */
	tip_fault_test_set(test, 100, 0, BIT(__TIP_FAULT_MAX) - 1);
	KUNIT_EXPECT_FALSE(test, static_key_enabled(&tip_fault_on));
	KUNIT_EXPECT_EQ(test, tip_fault_times_set(NULL, (u64)-2), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_fault_prob_set(NULL, 101), -EINVAL);
}

static void tip_fault_test_filter(struct kunit *test)
{
	int i;

	tip_fault_test_set(test, 100, -1, BIT(TIP_FAULT_SKB));
	for (i = 0; i < 100; i++) {
		KUNIT_ASSERT_FALSE(test, tip_fault(TIP_FAULT_MEM));
		KUNIT_ASSERT_FALSE(test, tip_fault(TIP_FAULT_SLAB));
		KUNIT_ASSERT_FALSE(test, tip_fault(TIP_FAULT_NETLINK));
		KUNIT_ASSERT_TRUE(test, tip_fault(TIP_FAULT_SKB));
	}
	KUNIT_EXPECT_EQ(test, tip_fault_filter_set(NULL, BIT(__TIP_FAULT_MAX)),
			-EINVAL);
}

/* The wrappers fail as the calls they wrap would, and leak nothing. */
static void tip_fault_test_wrappers(struct kunit *test)
{
	struct sk_buff *skb;
	void *p;

	tip_fault_test_set(test, 100, -1, BIT(__TIP_FAULT_MAX) - 1);
	KUNIT_EXPECT_NULL(test, tip_alloc_skb(128, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, tip_kzalloc(64, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, tip_genlmsg_new(64, GFP_KERNEL));
	tip_fault_test_set(test, 0, -1, BIT(__TIP_FAULT_MAX) - 1);
	skb = tip_alloc_skb(128, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	tip_fault_test_set(test, 100, -1, BIT(__TIP_FAULT_MAX) - 1);
	KUNIT_EXPECT_NULL(test, tip_skb_clone(skb, GFP_KERNEL));
	KUNIT_EXPECT_NULL(test, tip_skb_copy(skb, GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, tip_skb_cow_head(skb, 256), -ENOMEM);
	/* Not shared: share_check has nothing to allocate, so no failure. */
	KUNIT_EXPECT_PTR_EQ(test, tip_skb_share_check(skb, GFP_KERNEL), skb);
	kfree_skb(skb);
	KUNIT_EXPECT_EQ(test, tip_fault_test_injected(), 6ULL);
	tip_fault_test_set(test, 0, -1, BIT(__TIP_FAULT_MAX) - 1);
	p = tip_kzalloc(64, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, p);
	kfree(p);
}

/* The budget refuses an injected charge and counts it as failed. */
static void tip_fault_test_mem(struct kunit *test)
{
	struct tip_mem mem;

	tip_mem_init(&mem);
	tip_fault_test_set(test, 100, -1, BIT(TIP_FAULT_MEM));
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&mem, TINYIP_MEM_PCB, 100),
			-ENOBUFS);
	KUNIT_EXPECT_NULL(test, tip_mem_zalloc(&mem, TINYIP_MEM_OTHER, 100,
					       GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_failed(&mem), 2ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_failed(&mem, TINYIP_MEM_PCB), 1ULL);
	/* A slab failure after the charge gives the charge back. */
	tip_fault_test_set(test, 100, -1, BIT(TIP_FAULT_SLAB));
	KUNIT_EXPECT_NULL(test, tip_mem_zalloc(&mem, TINYIP_MEM_OTHER, 100,
					       GFP_KERNEL));
	KUNIT_EXPECT_EQ(test, tip_mem_used(&mem), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_mem_cat_used(&mem, TINYIP_MEM_OTHER), 0ULL);
}

static struct kunit_case tip_fault_test_cases[] = {
	KUNIT_CASE(tip_fault_test_always),
	KUNIT_CASE(tip_fault_test_never),
	KUNIT_CASE(tip_fault_test_sometimes),
	KUNIT_CASE(tip_fault_test_times),
	KUNIT_CASE(tip_fault_test_filter),
	KUNIT_CASE(tip_fault_test_wrappers),
	KUNIT_CASE(tip_fault_test_mem),
	{}
};

static struct kunit_suite tip_fault_test_suite = {
	.name = "tinyip_fault",
	.init = tip_fault_test_init,
	.exit = tip_fault_test_exit,
	.test_cases = tip_fault_test_cases,
};

kunit_test_suite(tip_fault_test_suite);
