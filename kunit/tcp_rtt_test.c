// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the RFC 6298 estimator (module/tcp_rtt.c): sequences of
 * samples whose SRTT, RTTVAR and RTO were worked out by hand from the
 * RFC's formulas, the clamps, min_rtt, and the backoff with its cap and
 * its overflow safety.
 */
/* The unit first, as every test here does. */
#include "../module/tcp_rtt.c"

#include <kunit/test.h>

static void tip_tcp_rtt_test_init(struct kunit *test)
{
	struct tip_tcp_rtt r;

	memset(&r, 0xa5, sizeof(r));
	tip_tcp_rtt_init(&r);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 0U);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 0U);
	/* RFC 6298 2.1: 1 s before any measurement. */
	KUNIT_EXPECT_EQ(test, r.rto_us, TIP_TCP_RTO_INIT_US);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 0), 1000000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 2), 4000000U);
}

static void tip_tcp_rtt_test_sequence(struct kunit *test)
{
	struct tip_tcp_rtt r;

	tip_tcp_rtt_init(&r);
	/* 2.2: R = 100 ms: SRTT = 100, RTTVAR = 50, RTO = 100 + 4*50. */
	tip_tcp_rtt_sample(&r, 100000);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 100000U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 50000U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 300000U);

	/* 2.3: R = 200 ms: RTTVAR = 3/4 50 + 1/4 |100 - 200| = 62.5,
	 * SRTT = 7/8 100 + 1/8 200 = 112.5, RTO = 112.5 + 250 = 362.5.
	 */
	tip_tcp_rtt_sample(&r, 200000);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 62500U);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 112500U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 362500U);

	/* R = 50 ms: RTTVAR = 3/4 62.5 + 1/4 62.5 = 62.5,
	 * SRTT = (7 * 112.5 + 50) / 8 = 104.6875 (104687 us truncated),
	 * RTO = 104687 + 250000.
	 */
	tip_tcp_rtt_sample(&r, 50000);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 62500U);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 104687U);
	KUNIT_EXPECT_EQ(test, r.rto_us, 354687U);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 50000U);
	KUNIT_EXPECT_EQ(test, r.latest_us, 50000U);
}

static void tip_tcp_rtt_test_floor(struct kunit *test)
{
	struct tip_tcp_rtt r;
	int i;

	tip_tcp_rtt_init(&r);
	/* A steady 10 ms path: RTTVAR decays to nothing, SRTT + G stays
	 * below the 200 ms floor, which wins.
	 */
	for (i = 0; i < 200; i++)
		tip_tcp_rtt_sample(&r, 10000);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 10000U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 0U);
	KUNIT_EXPECT_EQ(test, r.rto_us, TIP_TCP_RTO_MIN_US);

	/* A steady 1 s path: RTO = SRTT + G, G the clock granularity. */
	for (i = 0; i < 200; i++)
		tip_tcp_rtt_sample(&r, 1000000);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 1000000U - 7U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 7U);	/* 3/4 v + 7/4, truncated */
	KUNIT_EXPECT_EQ(test, r.rto_us, r.srtt_us + TIP_TCP_RTO_G_US);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 10000U);
}

static void tip_tcp_rtt_test_extremes(struct kunit *test)
{
	struct tip_tcp_rtt r;

	tip_tcp_rtt_init(&r);
	/* 2.5: 100 s + 4 * 50 s is capped at 120 s. */
	tip_tcp_rtt_sample(&r, 100000000);
	KUNIT_EXPECT_EQ(test, r.rto_us, TIP_TCP_RTO_MAX_US);

	/* No overflow at the top of the range. */
	tip_tcp_rtt_init(&r);
	tip_tcp_rtt_sample(&r, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.srtt_us, U32_MAX);
	KUNIT_EXPECT_EQ(test, r.rto_us, TIP_TCP_RTO_MAX_US);
	tip_tcp_rtt_sample(&r, 1);
	/* (7 * (2^32 - 1) + 1) / 8 and (3 * (2^31 - 1) + 2^32 - 2) / 4 */
	KUNIT_EXPECT_EQ(test, r.srtt_us, 3758096383U);
	KUNIT_EXPECT_EQ(test, r.rttvar_us, 2684354558U);
	KUNIT_EXPECT_EQ(test, r.rto_us, TIP_TCP_RTO_MAX_US);
	KUNIT_EXPECT_EQ(test, r.min_rtt_us, 1U);

	/* A zero sample (same-tick ACK) is a sample, not "none". */
	tip_tcp_rtt_init(&r);
	tip_tcp_rtt_sample(&r, 0);
	KUNIT_EXPECT_EQ(test, r.srtt_us, 1U);
	KUNIT_EXPECT_EQ(test, r.rto_us, TIP_TCP_RTO_MIN_US);
}

static void tip_tcp_rtt_test_backoff(struct kunit *test)
{
	struct tip_tcp_rtt r;

	tip_tcp_rtt_init(&r);
	tip_tcp_rtt_sample(&r, 100000);		/* RTO 300 ms */
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 0), 300000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 1), 600000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 8), 76800000U);
	/* 153.6 s is past the cap. */
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 9), TIP_TCP_RTO_MAX_US);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 31), TIP_TCP_RTO_MAX_US);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 32), TIP_TCP_RTO_MAX_US);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 64), TIP_TCP_RTO_MAX_US);
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, UINT_MAX),
			TIP_TCP_RTO_MAX_US);
	/* Every step is monotonic up to the cap. */
	r.rto_us = TIP_TCP_RTO_MAX_US;
	KUNIT_EXPECT_EQ(test, tip_tcp_rto_backoff(&r, 26), TIP_TCP_RTO_MAX_US);
}

static struct kunit_case tip_tcp_rtt_test_cases[] = {
	KUNIT_CASE(tip_tcp_rtt_test_init),
	KUNIT_CASE(tip_tcp_rtt_test_sequence),
	KUNIT_CASE(tip_tcp_rtt_test_floor),
	KUNIT_CASE(tip_tcp_rtt_test_extremes),
	KUNIT_CASE(tip_tcp_rtt_test_backoff),
	{}
};

static struct kunit_suite tip_tcp_rtt_test_suite = {
	.name = "tinyip_tcp_rtt",
	.test_cases = tip_tcp_rtt_test_cases,
};

kunit_test_suite(tip_tcp_rtt_test_suite);
