// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of congestion control (module/tcp_cc.c, tcp_newreno.c,
 * tcp_cubic.c): the registry, slow start with byte counting (RFC 3465),
 * NewReno's additive increase and halving (RFC 5681), and CUBIC (RFC
 * 9438): K and W(t) at points computed by hand, the concave approach to
 * W_max, the convex probing past it, the Reno-friendly region, fast
 * convergence, and the application-limited rule.
 */
/* The units first, as every test here does. */
#include "../module/tcp_cc.c"
#include "../module/tcp_newreno.c"
#include "../module/tcp_cubic.c"

#include <kunit/test.h>

#define TIP_TEST_MSS	1000U

static void tip_test_cc_init(struct tip_tcp_cc *cc,
			     const struct tip_tcp_cc_ops *ops)
{
	memset(cc, 0xa5, sizeof(*cc));
	cc->mss = TIP_TEST_MSS;
	ops->init(cc);
}

/*
 * @rounds round trips of @rtt_us, each acknowledging the whole window one
 * MSS per ACK, the ACKs spread over the round; fully cwnd-limited.
 */
static void tip_test_cc_rounds(struct tip_tcp_cc *cc,
			       const struct tip_tcp_cc_ops *ops,
			       unsigned int rounds, u32 rtt_us, u64 *now)
{
	unsigned int r, i, n;

	for (r = 0; r < rounds; r++) {
		n = cc->cwnd / cc->mss;
		for (i = 0; i < n; i++)
			ops->on_ack(cc, cc->mss, rtt_us, *now + (u64)i * rtt_us / n,
				    cc->cwnd);
		*now += rtt_us;
	}
}

/* A loss as the core handles it: ssthresh, then cwnd = ssthresh. */
static void tip_test_cc_loss(struct tip_tcp_cc *cc,
			     const struct tip_tcp_cc_ops *ops)
{
	cc->ssthresh = ops->ssthresh(cc, cc->cwnd);
	cc->cwnd = cc->ssthresh;
}

static void tip_tcp_cc_test_registry(struct kunit *test)
{
	static struct tip_tcp_cc_ops bad = { .name = "bad" };
	static struct tip_tcp_cc_ops longname = {
		.name = "0123456789abcdef",	/* no room for the NUL */
	};

	KUNIT_ASSERT_EQ(test, tip_tcp_cc_init(), 0);
	KUNIT_EXPECT_PTR_EQ(test, tip_tcp_cc_find("newreno"),
			    (const struct tip_tcp_cc_ops *)&tip_tcp_newreno);
	KUNIT_EXPECT_PTR_EQ(test, tip_tcp_cc_find("cubic"),
			    (const struct tip_tcp_cc_ops *)&tip_tcp_cubic);
	KUNIT_EXPECT_NULL(test, tip_tcp_cc_find("bbr"));
	KUNIT_EXPECT_NULL(test, tip_tcp_cc_find(""));
	KUNIT_EXPECT_PTR_EQ(test, tip_tcp_cc_default(),
			    (const struct tip_tcp_cc_ops *)&tip_tcp_newreno);
	KUNIT_EXPECT_EQ(test, tip_tcp_cc_register(&tip_tcp_cubic), -EEXIST);
	KUNIT_EXPECT_EQ(test, tip_tcp_cc_register(&bad), -EINVAL);
	longname.init = tip_tcp_newreno.init;
	longname.on_ack = tip_tcp_newreno.on_ack;
	longname.ssthresh = tip_tcp_newreno.ssthresh;
	KUNIT_EXPECT_EQ(test, tip_tcp_cc_register(&longname), -EINVAL);
	tip_tcp_cc_exit();
	KUNIT_EXPECT_NULL(test, tip_tcp_cc_find("cubic"));
	/* Unregistering what is not registered is harmless. */
	tip_tcp_cc_exit();
	tip_tcp_cc_unregister(&bad);
}

static void tip_tcp_cc_test_slow_start(struct kunit *test)
{
	struct tip_tcp_cc cc;

	tip_test_cc_init(&cc, &tip_tcp_newreno);
	/* RFC 6928 (as Linux): ten segments; no ssthresh yet. */
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * TIP_TEST_MSS);
	KUNIT_EXPECT_EQ(test, cc.ssthresh, U32_MAX);

	/* A delayed ACK of two segments grows cwnd by two... */
	tip_tcp_newreno.on_ack(&cc, 2000, 0, 0, cc.cwnd);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 12000U);
	/* ...a stretch ACK of five by no more than L = 2 SMSS. */
	tip_tcp_newreno.on_ack(&cc, 5000, 0, 0, cc.cwnd);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 14000U);

	/* Reaching ssthresh: the rest goes to congestion avoidance. */
	cc.ssthresh = 15000;
	KUNIT_EXPECT_EQ(test, tip_tcp_cc_slow_start(&cc, 2000), 1000U);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 15000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_cc_slow_start(&cc, 2000), 2000U);

	/* Doubling per round trip while cwnd-limited. */
	tip_test_cc_init(&cc, &tip_tcp_newreno);
	cc.ssthresh = 1000000;
	{
		u64 now = 0;

		tip_test_cc_rounds(&cc, &tip_tcp_newreno, 3, 10000, &now);
	}
	KUNIT_EXPECT_EQ(test, cc.cwnd, 80000U);
}

static void tip_tcp_cc_test_newreno_ca(struct kunit *test)
{
	struct tip_tcp_cc cc;
	unsigned int i;
	u64 now = 0;

	tip_test_cc_init(&cc, &tip_tcp_newreno);
	cc.cwnd = 20000;
	cc.ssthresh = 10000;
	/* One SMSS per cwnd of bytes acknowledged: 19 ACKs are not enough,
	 * the 20th is.
	 */
	for (i = 0; i < 19; i++)
		tip_tcp_newreno.on_ack(&cc, 1000, 0, 0, cc.cwnd);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 20000U);
	tip_tcp_newreno.on_ack(&cc, 1000, 0, 0, cc.cwnd);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 21000U);
	KUNIT_EXPECT_EQ(test, cc.bytes_acked, 0U);

	/* Ten round trips: ten segments more. */
	tip_test_cc_rounds(&cc, &tip_tcp_newreno, 10, 10000, &now);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 31000U);

	/* An application using a third of cwnd does not grow it. */
	tip_tcp_newreno.on_ack(&cc, 31000, 0, 0, 10000);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 31000U);
}

static void tip_tcp_cc_test_newreno_loss(struct kunit *test)
{
	struct tip_tcp_cc cc;

	tip_test_cc_init(&cc, &tip_tcp_newreno);
	cc.cwnd = 40000;
	cc.bytes_acked = 5000;
	/* RFC 5681 eq. 4: max(FlightSize / 2, 2 SMSS). */
	KUNIT_EXPECT_EQ(test, tip_tcp_newreno.ssthresh(&cc, 40000), 20000U);
	KUNIT_EXPECT_EQ(test, cc.bytes_acked, 0U);
	KUNIT_EXPECT_EQ(test, tip_tcp_newreno.ssthresh(&cc, 30001), 15000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_newreno.ssthresh(&cc, 3000), 2000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_newreno.ssthresh(&cc, 0), 2000U);
}

static void tip_tcp_cc_test_cubic_k_w(struct kunit *test)
{
	struct tip_tcp_cc cc;
	struct tip_cubic *c;

	KUNIT_EXPECT_EQ(test, tip_cubic_cbrt(0), 0U);
	KUNIT_EXPECT_EQ(test, tip_cubic_cbrt(26), 2U);
	KUNIT_EXPECT_EQ(test, tip_cubic_cbrt(27), 3U);
	KUNIT_EXPECT_EQ(test, tip_cubic_cbrt(999999999999ULL), 9999U);
	KUNIT_EXPECT_EQ(test, tip_cubic_cbrt(1000000000000ULL), 10000U);
	KUNIT_EXPECT_EQ(test, tip_cubic_cbrt(U64_MAX), 2642245U);
	/* K = cbrt(W_max (1 - beta) / C) = cbrt(100 * 0.3 / 0.4) s
	 *   = cbrt(75) = 4.2172 s.
	 */
	KUNIT_EXPECT_EQ(test, tip_cubic_k_ms(30000, 1000), 4217U);
	/* The same windows in 1448-byte segments give the same K. */
	KUNIT_EXPECT_EQ(test, tip_cubic_k_ms(30 * 1448, 1448), 4217U);
	/* 1 segment short: cbrt(2.5) = 1.3572 s. */
	KUNIT_EXPECT_EQ(test, tip_cubic_k_ms(1000, 1000), 1357U);

	tip_test_cc_init(&cc, &tip_tcp_cubic);
	c = tip_cubic(&cc);
	c->w_max = 100000;
	c->k_ms = 4217;
	/* W(K) = W_max. */
	KUNIT_EXPECT_EQ(test, tip_cubic_w(c, 1000, 4217), 100000U);
	/* W(0) = 100 - 0.4 * 4.217^3 = 100 - 29.9965 segments: 70004 bytes
	 * (4217^3 = 74991286313; * 2 / 5e6 = 29996 thousandths).
	 */
	KUNIT_EXPECT_EQ(test, tip_cubic_w(c, 1000, 0), 70004U);
	/* W(K + 1 s) = 100 + 0.4 segments; W(K + 5 s) = 100 + 0.4 * 125. */
	KUNIT_EXPECT_EQ(test, tip_cubic_w(c, 1000, 5217), 100400U);
	KUNIT_EXPECT_EQ(test, tip_cubic_w(c, 1000, 9217), 150000U);
	/* W(K - 2 s) = 100 - 0.4 * 8 = 96.8 segments. */
	KUNIT_EXPECT_EQ(test, tip_cubic_w(c, 1000, 2217), 96800U);
	/* Far in the future: bounded, no overflow. */
	KUNIT_EXPECT_EQ(test, tip_cubic_w(c, 1000, U64_MAX / 2),
			TIP_TCP_CWND_MAX);
}

static void tip_tcp_cc_test_cubic_decrease(struct kunit *test)
{
	struct tip_tcp_cc cc;
	struct tip_cubic *c;

	tip_test_cc_init(&cc, &tip_tcp_cubic);
	c = tip_cubic(&cc);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 10 * TIP_TEST_MSS);
	cc.cwnd = 100000;
	/* beta = 0.7; W_max is the window at the loss. */
	KUNIT_EXPECT_EQ(test, tip_tcp_cubic.ssthresh(&cc, 100000), 70000U);
	KUNIT_EXPECT_EQ(test, c->w_max, 100000U);
	/* Fast convergence (4.7): a loss below the last plateau releases
	 * bandwidth: W_max = 80000 * (1 + 0.7) / 2 = 68000.
	 */
	cc.cwnd = 80000;
	KUNIT_EXPECT_EQ(test, tip_tcp_cubic.ssthresh(&cc, 80000), 56000U);
	KUNIT_EXPECT_EQ(test, c->w_max, 68000U);
	/* Flight size below cwnd (application-limited) is what counts. */
	cc.cwnd = 80000;
	KUNIT_EXPECT_EQ(test, tip_tcp_cubic.ssthresh(&cc, 50000), 35000U);
	/* Never below 2 SMSS. */
	cc.cwnd = 2000;
	KUNIT_EXPECT_EQ(test, tip_tcp_cubic.ssthresh(&cc, 2000), 2000U);
}

/*
 * Loss at 100 segments, RTT 100 ms: K = 4.217 s, so cwnd climbs
 * steeply, then flattens as it nears 100000 at about 42 round trips,
 * stays near it, then probes faster and faster (the values were checked
 * against a model of the same integer arithmetic: 72020 after one round,
 * 86618 after 10, 99999 after 42, 100200 after 50, 121666 after 80).
 */
static void tip_tcp_cc_test_cubic_curve(struct kunit *test)
{
	const struct tip_tcp_cc_ops *ops = &tip_tcp_cubic;
	struct tip_tcp_cc cc;
	u64 now = 10000000;
	u32 prev, at42, at47;
	unsigned int r;

	tip_test_cc_init(&cc, ops);
	cc.cwnd = 100000;
	tip_test_cc_loss(&cc, ops);
	KUNIT_ASSERT_EQ(test, cc.cwnd, 70000U);

	tip_test_cc_rounds(&cc, ops, 1, 100000, &now);
	KUNIT_EXPECT_EQ(test, tip_cubic(&cc)->k_ms, 4217U);
	KUNIT_EXPECT_GT(test, cc.cwnd, 71000U);
	KUNIT_EXPECT_LT(test, cc.cwnd, 73000U);
	tip_test_cc_rounds(&cc, ops, 9, 100000, &now);
	KUNIT_EXPECT_GT(test, cc.cwnd, 85000U);
	KUNIT_EXPECT_LT(test, cc.cwnd, 88000U);
	for (r = 10; r < 42; r++) {
		prev = cc.cwnd;
		tip_test_cc_rounds(&cc, ops, 1, 100000, &now);
		/* Concave: growing, never past the plateau. */
		KUNIT_EXPECT_GE(test, cc.cwnd, prev);
		KUNIT_EXPECT_LE(test, cc.cwnd, 100000U);
	}
	at42 = cc.cwnd;
	KUNIT_EXPECT_GE(test, at42, 99000U);
	tip_test_cc_rounds(&cc, ops, 5, 100000, &now);
	at47 = cc.cwnd;
	/* The plateau: under a segment gained in half a second. */
	KUNIT_EXPECT_LT(test, at47 - at42, 1000U);
	tip_test_cc_rounds(&cc, ops, 33, 100000, &now);
	/* Convex: 0.4 * (3.8 s)^3 = 22 segments above W_max. */
	KUNIT_EXPECT_GT(test, cc.cwnd, 115000U);
	KUNIT_EXPECT_LT(test, cc.cwnd, 130000U);
}

/*
 * Short RTT (10 ms) and a small window: Reno, at one segment per round
 * trip, is faster than the cubic curve (whose K is cbrt(15) = 2.47 s);
 * CUBIC must then be at least as fast as Reno: W_est grows by 9/17
 * segment per round to the old W_max (about 11 rounds), then by one.
 * The model gives 20105 after 12 rounds and 103763 after 100.
 */
static void tip_tcp_cc_test_cubic_reno_friendly(struct kunit *test)
{
	const struct tip_tcp_cc_ops *ops = &tip_tcp_cubic;
	struct tip_tcp_cc cc;
	u64 now = 10000000;

	tip_test_cc_init(&cc, ops);
	cc.cwnd = 20000;
	tip_test_cc_loss(&cc, ops);
	KUNIT_ASSERT_EQ(test, cc.cwnd, 14000U);
	tip_test_cc_rounds(&cc, ops, 12, 10000, &now);
	KUNIT_EXPECT_GT(test, cc.cwnd, 19500U);
	KUNIT_EXPECT_LT(test, cc.cwnd, 21000U);
	KUNIT_EXPECT_EQ(test, cc.cwnd, tip_cubic(&cc)->w_est);
	tip_test_cc_rounds(&cc, ops, 88, 10000, &now);
	KUNIT_EXPECT_GT(test, cc.cwnd, 95000U);
	KUNIT_EXPECT_LT(test, cc.cwnd, 110000U);
}

static void tip_tcp_cc_test_cubic_slow_start(struct kunit *test)
{
	const struct tip_tcp_cc_ops *ops = &tip_tcp_cubic;
	struct tip_tcp_cc cc;
	u64 now = 0;

	tip_test_cc_init(&cc, ops);
	tip_test_cc_rounds(&cc, ops, 3, 10000, &now);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 80000U);
	/* No epoch while in slow start. */
	KUNIT_EXPECT_EQ(test, tip_cubic(&cc)->epoch_lo, 0U);

	/* An RTO ends the epoch: the next one starts afresh. */
	cc.ssthresh = ops->ssthresh(&cc, cc.cwnd);
	cc.cwnd = cc.ssthresh;
	tip_test_cc_rounds(&cc, ops, 1, 10000, &now);
	KUNIT_EXPECT_NE(test, tip_cubic(&cc)->epoch_lo, 0U);
	cc.ssthresh = ops->ssthresh(&cc, cc.cwnd);
	cc.cwnd = cc.mss;
	ops->on_rto(&cc);
	KUNIT_EXPECT_EQ(test, tip_cubic(&cc)->epoch_lo, 0U);
	/* Back to ssthresh by slow start, 1 -> 2 -> 4 ... segments. */
	tip_test_cc_rounds(&cc, ops, 2, 10000, &now);
	KUNIT_EXPECT_EQ(test, cc.cwnd, 4000U);

	/* Application-limited: no growth, and the epoch is dropped. */
	cc.cwnd = cc.ssthresh;
	tip_test_cc_rounds(&cc, ops, 1, 10000, &now);
	KUNIT_EXPECT_NE(test, tip_cubic(&cc)->epoch_lo, 0U);
	ops->on_ack(&cc, 1000, 10000, now, cc.cwnd / 4);
	KUNIT_EXPECT_EQ(test, tip_cubic(&cc)->epoch_lo, 0U);
}

static struct kunit_case tip_tcp_cc_test_cases[] = {
	KUNIT_CASE(tip_tcp_cc_test_registry),
	KUNIT_CASE(tip_tcp_cc_test_slow_start),
	KUNIT_CASE(tip_tcp_cc_test_newreno_ca),
	KUNIT_CASE(tip_tcp_cc_test_newreno_loss),
	KUNIT_CASE(tip_tcp_cc_test_cubic_k_w),
	KUNIT_CASE(tip_tcp_cc_test_cubic_decrease),
	KUNIT_CASE(tip_tcp_cc_test_cubic_curve),
	KUNIT_CASE(tip_tcp_cc_test_cubic_reno_friendly),
	KUNIT_CASE(tip_tcp_cc_test_cubic_slow_start),
	{}
};

static struct kunit_suite tip_tcp_cc_test_suite = {
	.name = "tinyip_tcp_cc",
	.test_cases = tip_tcp_cc_test_cases,
};

kunit_test_suite(tip_tcp_cc_test_suite);
