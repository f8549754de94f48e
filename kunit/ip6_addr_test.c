// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of an IPv6 address's life (module/ip6_addr_life.c), driven
 * by a fake clock: DAD's probes, spacing and end (RFC 4862 5.4), a
 * conflict that leaves the address tentative for good (5.4.5), even
 * across a restart; nodad; deprecation and expiry (5.5.4); and every
 * branch of the two-hour rule for RA updates (5.5.3 e).
 */
/* The unit first, as for every pure unit under test. */
#include "../module/ip6_addr_life.c"

#include <kunit/test.h>

#define T0		((unsigned long)INITIAL_JIFFIES + 1000 * HZ)
#define RETRANS		HZ			/* RetransTimer 1 s */

static void t_addr(struct tip_ifaddr6 *a, u32 valid, u32 preferred)
{
	memset(a, 0, sizeof(*a));
	tip_addr6_set_lft(a, valid, preferred, T0);
}

static bool t_usable(const struct tip_ifaddr6 *a)
{
	return !(a->flags & TINYIP_ADDR_F_TENTATIVE);
}

/* Every step from @from to @to, a jiffy at a time, OR-ing the actions. */
static unsigned int t_run(struct tip_ifaddr6 *a, unsigned long from,
			  unsigned long to, unsigned int *probes)
{
	unsigned int act = 0, a1;
	unsigned long t, next;

	for (t = from; time_before_eq(t, to); t++) {
		next = 0;
		a1 = tip_addr6_step(a, t, RETRANS, &next);
		if ((a1 & TIP_A6_PROBE) && probes)
			(*probes)++;
		act |= a1;
		if (a1 & TIP_A6_EXPIRED)
			break;
	}
	return act;
}

static void tip_addr6_test_dad_passes(struct kunit *test)
{
	struct tip_ifaddr6 a;
	unsigned long next = 0;
	unsigned int probes = 0;

	t_addr(&a, TIP_IP6_LFT_FOREVER, TIP_IP6_LFT_FOREVER);
	KUNIT_ASSERT_TRUE(test, tip_addr6_dad_begin(&a, T0, 10, 2));
	KUNIT_EXPECT_FALSE(test, t_usable(&a));
	/* Nothing before the random delay is over; the deadline is its end. */
	KUNIT_EXPECT_EQ(test, tip_addr6_step(&a, T0 + 9, RETRANS, &next), 0U);
	KUNIT_EXPECT_EQ(test, next, T0 + 10);
	/* Two probes, a RetransTimer apart, then one more RetransTimer. */
	KUNIT_EXPECT_EQ(test, t_run(&a, T0 + 10, T0 + 10 + 2 * RETRANS - 1,
				    &probes) & TIP_A6_DAD_DONE, 0U);
	KUNIT_EXPECT_EQ(test, probes, 2U);
	KUNIT_EXPECT_FALSE(test, t_usable(&a));
	KUNIT_EXPECT_EQ(test, tip_addr6_step(&a, T0 + 10 + 2 * RETRANS,
					     RETRANS, &next), TIP_A6_DAD_DONE);
	KUNIT_EXPECT_TRUE(test, t_usable(&a));
	/* Done once: nothing more happens to a permanent address. */
	KUNIT_EXPECT_EQ(test, t_run(&a, T0 + 11 + 2 * RETRANS,
				    T0 + 20 * RETRANS, &probes), 0U);
	KUNIT_EXPECT_EQ(test, probes, 2U);
}

static void tip_addr6_test_dad_conflict(struct kunit *test)
{
	struct tip_ifaddr6 a;
	unsigned int probes = 0;

	t_addr(&a, TIP_IP6_LFT_FOREVER, TIP_IP6_LFT_FOREVER);
	KUNIT_ASSERT_TRUE(test, tip_addr6_dad_begin(&a, T0, 1, 1));
	KUNIT_EXPECT_EQ(test, t_run(&a, T0, T0 + 1, &probes), TIP_A6_PROBE);
	KUNIT_EXPECT_EQ(test, probes, 1U);
	tip_addr6_dad_conflict(&a);
	/* No more probes and never usable, however long we wait... */
	KUNIT_EXPECT_EQ(test, t_run(&a, T0 + 2, T0 + 10 * RETRANS, &probes),
			0U);
	KUNIT_EXPECT_EQ(test, probes, 1U);
	KUNIT_EXPECT_FALSE(test, t_usable(&a));
	KUNIT_EXPECT_TRUE(test, a.flags & TINYIP_ADDR_F_DADFAILED);
	/* ...and not after the link goes down and up either. */
	KUNIT_EXPECT_FALSE(test, tip_addr6_dad_begin(&a, T0 + 20 * RETRANS,
						     1, 1));
	KUNIT_EXPECT_FALSE(test, t_usable(&a));
	KUNIT_EXPECT_EQ(test, t_run(&a, T0 + 20 * RETRANS,
				    T0 + 25 * RETRANS, &probes), 0U);
	KUNIT_EXPECT_EQ(test, probes, 1U);
}

static void tip_addr6_test_nodad(struct kunit *test)
{
	struct tip_ifaddr6 a;

	t_addr(&a, TIP_IP6_LFT_FOREVER, TIP_IP6_LFT_FOREVER);
	a.flags |= TINYIP_ADDR_F_NODAD;
	KUNIT_EXPECT_FALSE(test, tip_addr6_dad_begin(&a, T0, 1, 1));
	KUNIT_EXPECT_TRUE(test, t_usable(&a));
	/* A link without IPv6 state (no transmits) also skips DAD. */
	t_addr(&a, TIP_IP6_LFT_FOREVER, TIP_IP6_LFT_FOREVER);
	KUNIT_EXPECT_FALSE(test, tip_addr6_dad_begin(&a, T0, 1, 0));
	KUNIT_EXPECT_TRUE(test, t_usable(&a));
}

/* Preferred 10 s, valid 30 s: deprecated at 10 s, gone at 30 s. */
static void tip_addr6_test_lifetimes(struct kunit *test)
{
	struct tip_ifaddr6 a;
	unsigned long next = 0;

	t_addr(&a, 30, 10);
	KUNIT_EXPECT_FALSE(test, a.flags & TINYIP_ADDR_F_PERMANENT);
	KUNIT_EXPECT_EQ(test, tip_addr6_step(&a, T0, RETRANS, &next), 0U);
	/* The next deadline is the end of the preferred lifetime. */
	KUNIT_EXPECT_EQ(test, next, T0 + 10 * HZ + 1);
	KUNIT_EXPECT_EQ(test, tip_addr6_left(&a, a.valid, T0 + 5 * HZ), 25U);
	KUNIT_EXPECT_EQ(test, t_run(&a, T0, T0 + 10 * HZ - 1, NULL), 0U);
	KUNIT_EXPECT_EQ(test, t_run(&a, T0 + 10 * HZ, T0 + 11 * HZ, NULL),
			TIP_A6_DEPRECATED);
	KUNIT_EXPECT_TRUE(test, a.flags & TINYIP_ADDR_F_DEPRECATED);
	/* Deprecated is said once; expiry comes at the valid lifetime. */
	KUNIT_EXPECT_EQ(test, t_run(&a, T0 + 11 * HZ, T0 + 30 * HZ - 1, NULL),
			0U);
	next = 0;
	KUNIT_EXPECT_EQ(test, tip_addr6_step(&a, T0 + 29 * HZ, RETRANS,
					     &next), 0U);
	KUNIT_EXPECT_EQ(test, next, T0 + 30 * HZ + 1);
	KUNIT_EXPECT_EQ(test, tip_addr6_step(&a, T0 + 30 * HZ, RETRANS, &next),
			TIP_A6_EXPIRED);
	/* Preferred 0 from the start: deprecated at once, no event later. */
	t_addr(&a, 30, 0);
	KUNIT_EXPECT_TRUE(test, a.flags & TINYIP_ADDR_F_DEPRECATED);
	KUNIT_EXPECT_EQ(test, t_run(&a, T0, T0 + 5 * HZ, NULL), 0U);
}

/* RFC 4862 5.5.3 (e), each branch, remaining lifetime as noted. */
static void tip_addr6_test_two_hours(struct kunit *test)
{
	static const struct {
		u32 valid, after, rx_valid, want;
	} c[] = {
		/* (1) over two hours: taken, even when shorter than left. */
		{ 86400, 0, 7201, 7201 },
		/* (1) longer than what is left: taken. */
		{ 600, 0, 700, 700 },
		/* (2) left <= 2 h and not extended: left stays. */
		{ 3600, 600, 60, 3000 },
		{ 3600, 0, 0, 3600 },
		/* (3) left > 2 h, received <= 2 h: cut to two hours. */
		{ 86400, 0, 60, 7200 },
		{ 86400, 0, 0, 7200 },
		/* Forever is more than two hours. */
		{ 7200, 0, TIP_IP6_LFT_FOREVER, TIP_IP6_LFT_FOREVER },
	};
	struct tip_ifaddr6 a;
	unsigned long now;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(c); i++) {
		t_addr(&a, c[i].valid, c[i].valid);
		now = T0 + (unsigned long)c[i].after * HZ;
		tip_addr6_ra_lft(&a, c[i].rx_valid, 0, now);
		KUNIT_EXPECT_EQ_MSG(test, tip_addr6_left(&a, a.valid, now),
				    c[i].want, "case %u", i);
		/* The preferred lifetime is taken as received (here 0). */
		KUNIT_EXPECT_TRUE_MSG(test,
				      a.flags & TINYIP_ADDR_F_DEPRECATED,
				      "case %u", i);
	}
}

/* Preferred never outlives valid, and an RA can undeprecate. */
static void tip_addr6_test_ra_preferred(struct kunit *test)
{
	struct tip_ifaddr6 a;

	t_addr(&a, 86400, 0);
	KUNIT_EXPECT_TRUE(test, a.flags & TINYIP_ADDR_F_DEPRECATED);
	tip_addr6_ra_lft(&a, 86400, 3600, T0 + HZ);
	KUNIT_EXPECT_FALSE(test, a.flags & TINYIP_ADDR_F_DEPRECATED);
	KUNIT_EXPECT_EQ(test, a.preferred, 3600U);
	/* Cut to two hours, the preferred lifetime follows. */
	tip_addr6_ra_lft(&a, 60, 86400, T0 + 2 * HZ);
	KUNIT_EXPECT_EQ(test, a.valid, 7200U);
	KUNIT_EXPECT_EQ(test, a.preferred, 7200U);
	/* Forever from an RA, then finite again: the timers run again. */
	tip_addr6_ra_lft(&a, TIP_IP6_LFT_FOREVER, TIP_IP6_LFT_FOREVER,
			 T0 + 3 * HZ);
	KUNIT_EXPECT_TRUE(test, a.flags & TINYIP_ADDR_F_PERMANENT);
	tip_addr6_ra_lft(&a, 7300, 10, T0 + 4 * HZ);
	KUNIT_EXPECT_FALSE(test, a.flags & TINYIP_ADDR_F_PERMANENT);
	KUNIT_EXPECT_EQ(test, t_run(&a, T0 + 4 * HZ, T0 + 15 * HZ, NULL),
			TIP_A6_DEPRECATED);
}

static struct kunit_case tip_addr6_test_cases[] = {
	KUNIT_CASE(tip_addr6_test_dad_passes),
	KUNIT_CASE(tip_addr6_test_dad_conflict),
	KUNIT_CASE(tip_addr6_test_nodad),
	KUNIT_CASE(tip_addr6_test_lifetimes),
	KUNIT_CASE(tip_addr6_test_two_hours),
	KUNIT_CASE(tip_addr6_test_ra_preferred),
	{}
};

static struct kunit_suite tip_addr6_test_suite = {
	.name = "tinyip_ip6_addr",
	.test_cases = tip_addr6_test_cases,
};

kunit_test_suite(tip_addr6_test_suite);
