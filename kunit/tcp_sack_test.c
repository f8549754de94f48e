// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the sender's SACK scoreboard (module/tcp_sack.c, RFC
 * 6675): marking from valid blocks, refusing blocks outside what was
 * sent, recognising D-SACKs (RFC 2883), IsLost by segment count and by
 * bytes, marking losses, SetPipe and NextSeg, and clearing.
 * The send queue is ten 1000-byte segments [1000, 11000).
 */
/* The unit first, as every test here does. */
#include "../module/tcp_sack.c"

#include <kunit/test.h>

#define TIP_SACK_TEST_SEGS	10

struct tip_sack_test {
	struct sk_buff_head q;
	struct sk_buff *skb[TIP_SACK_TEST_SEGS];
};

static void tip_sack_test_exit(void *data)
{
	struct tip_sack_test *t = data;

	__skb_queue_purge(&t->q);
}

static struct tip_sack_test *tip_sack_test_new(struct kunit *test)
{
	struct tip_sack_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, t);
	__skb_queue_head_init(&t->q);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tip_sack_test_exit,
							t), 0);
	for (i = 0; i < TIP_SACK_TEST_SEGS; i++) {
		struct sk_buff *skb = alloc_skb(0, GFP_KERNEL);

		KUNIT_ASSERT_NOT_NULL(test, skb);
		TIP_TCP_CB(skb)->seq = 1000 + i * 1000;
		TIP_TCP_CB(skb)->end_seq = 2000 + i * 1000;
		TIP_TCP_CB(skb)->tx_us = 1;
		__skb_queue_tail(&t->q, skb);
		t->skb[i] = skb;
	}
	return t;
}

/* Segment [seq, seq + 1000). */
static struct sk_buff *tip_sack_test_at(struct tip_sack_test *t, u32 seq)
{
	return t->skb[(seq - 1000) / 1000];
}

static u32 tip_sack_test_mark(struct tip_sack_test *t,
			      struct sk_buff *send_head, u32 snd_max,
			      const struct tip_sack_block *blk, unsigned int n,
			      bool *dsack)
{
	return tip_tcp_sack_mark(&t->q, send_head, blk, n, 1000, snd_max,
				 dsack);
}

static bool tip_sack_test_acked(struct tip_sack_test *t, u32 seq)
{
	return TIP_TCP_CB(tip_sack_test_at(t, seq))->sacked &
	       TIP_TCP_SACKED_ACKED;
}

static void tip_tcp_sack_test_mark(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);
	struct tip_sack_block b[2] = { { 3000, 5000 }, { 5500, 7000 } };
	bool dsack = true;

	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, NULL, 11000, b, 1, &dsack),
			2000U);
	KUNIT_EXPECT_FALSE(test, dsack);
	KUNIT_EXPECT_TRUE(test, tip_sack_test_acked(t, 3000));
	KUNIT_EXPECT_TRUE(test, tip_sack_test_acked(t, 4000));
	KUNIT_EXPECT_FALSE(test, tip_sack_test_acked(t, 5000));
	/* Again: nothing new. A block covering part of a segment does not
	 * mark it.
	 */
	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, NULL, 11000, b, 2, &dsack),
			1000U);
	KUNIT_EXPECT_FALSE(test, tip_sack_test_acked(t, 5000));
	KUNIT_EXPECT_TRUE(test, tip_sack_test_acked(t, 6000));
	KUNIT_EXPECT_FALSE(test, dsack);
}

static void tip_tcp_sack_test_invalid(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);
	struct tip_sack_block b[4] = {
		{ 2000, 3000 },		/* valid, marks */
		{ 10500, 12000 },	/* past snd_max */
		{ 5000, 4000 },		/* reversed */
		{ 7000, 7000 },		/* empty */
	};
	struct tip_sack_block huge[2] = { { 2000, 3000 }, { 1000, 0x80001000U } };
	bool dsack;

	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, NULL, 11000, b, 4, &dsack),
			1000U);
	KUNIT_EXPECT_FALSE(test, dsack);
	/* A block spanning half the sequence space is not "above". */
	tip_tcp_sack_clear(&t->q);
	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, NULL, 11000, huge, 2,
						 &dsack), 1000U);
	/* Unsent data cannot be SACKed: send_head at 6000, snd_max 6000. */
	b[0].start = 5000;
	b[0].end = 8000;
	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, tip_sack_test_at(t, 6000),
						 6000, b, 1, &dsack), 0U);
	/* Even with a lying snd_max, only the sent part is marked. */
	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, tip_sack_test_at(t, 6000),
						 11000, b, 1, &dsack), 1000U);
	KUNIT_EXPECT_FALSE(test, tip_sack_test_acked(t, 6000));
}

static void tip_tcp_sack_test_dsack(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);
	struct tip_sack_block below[2] = { { 500, 1000 }, { 3000, 4000 } };
	struct tip_sack_block inside[2] = { { 6000, 7000 }, { 5000, 8000 } };
	struct tip_sack_block plain[2] = { { 9000, 10000 }, { 5000, 8000 } };
	bool dsack = false;

	/* Below the cumulative ACK: a D-SACK; the rest still counts. */
	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, NULL, 11000, below, 2,
						 &dsack), 1000U);
	KUNIT_EXPECT_TRUE(test, dsack);
	/* Inside the second block: a D-SACK that marks nothing itself. */
	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, NULL, 11000, inside, 2,
						 &dsack), 3000U);
	KUNIT_EXPECT_TRUE(test, dsack);
	KUNIT_EXPECT_EQ(test, tip_sack_test_mark(t, NULL, 11000, plain, 2,
						 &dsack), 1000U);
	KUNIT_EXPECT_FALSE(test, dsack);
}

/* SACKed: [4000, 5000), [6000, 7000), [8000, 9000). */
static void tip_sack_test_three(struct kunit *test, struct tip_sack_test *t)
{
	struct tip_sack_block b[3] = {
		{ 8000, 9000 }, { 6000, 7000 }, { 4000, 5000 },
	};
	bool dsack;

	KUNIT_ASSERT_EQ(test, tip_sack_test_mark(t, NULL, 11000, b, 3, &dsack),
			3000U);
}

static void tip_tcp_sack_test_is_lost(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);
	struct tip_sack_block b[1] = { { 4000, 5000 } };
	struct sk_buff *first = tip_sack_test_at(t, 1000);
	bool dsack;

	tip_sack_test_mark(t, NULL, 11000, b, 1, &dsack);
	KUNIT_EXPECT_FALSE(test, tip_tcp_sack_is_lost(&t->q, NULL, first,
						      1000));
	b[0].start = 6000;
	b[0].end = 7000;
	tip_sack_test_mark(t, NULL, 11000, b, 1, &dsack);
	/* Two segments, 2000 bytes: not more than 2 SMSS. */
	KUNIT_EXPECT_FALSE(test, tip_tcp_sack_is_lost(&t->q, NULL, first,
						      1000));
	/* ...but more than 2 SMSS of 400 bytes. */
	KUNIT_EXPECT_TRUE(test, tip_tcp_sack_is_lost(&t->q, NULL, first, 400));
	b[0].start = 8000;
	b[0].end = 9000;
	tip_sack_test_mark(t, NULL, 11000, b, 1, &dsack);
	/* DupThresh segments above. */
	KUNIT_EXPECT_TRUE(test, tip_tcp_sack_is_lost(&t->q, NULL, first,
						     1000));
	KUNIT_EXPECT_TRUE(test, tip_tcp_sack_is_lost(&t->q, NULL,
						     tip_sack_test_at(t, 3000),
						     1000));
	KUNIT_EXPECT_FALSE(test, tip_tcp_sack_is_lost(&t->q, NULL,
						      tip_sack_test_at(t, 5000),
						      1000));
	/* What is above send_head was not sent and does not count. */
	KUNIT_EXPECT_FALSE(test, tip_tcp_sack_is_lost(&t->q,
						      tip_sack_test_at(t, 8000),
						      first, 1000));
}

static void tip_tcp_sack_test_mark_lost(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);
	unsigned int i;

	tip_sack_test_three(test, t);
	/* [1000, 4000) has three SACKed segments above it. */
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_mark_lost(&t->q, NULL, 1000),
			3000U);
	for (i = 0; i < TIP_SACK_TEST_SEGS; i++) {
		u8 sacked = TIP_TCP_CB(t->skb[i])->sacked;

		KUNIT_EXPECT_EQ(test, !!(sacked & TIP_TCP_SACKED_LOST), i < 3);
	}
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_mark_lost(&t->q, NULL, 1000), 0U);
	/* 2 SMSS of 400 bytes: [5000, 6000) and [7000, 8000) too. */
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_mark_lost(&t->q, NULL, 400), 2000U);
}

static void tip_tcp_sack_test_pipe(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);

	/* Nothing SACKed: everything sent is in the network. */
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_pipe(&t->q, NULL), 10000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_pipe(&t->q,
						tip_sack_test_at(t, 4000)),
			3000U);
	tip_sack_test_three(test, t);
	/* Not SACKed and not lost: [5000, 6000), [7000, 8000),
	 * [9000, 11000); [1000, 4000) is lost (RFC 6675 SetPipe (a)).
	 */
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_pipe(&t->q, NULL), 4000U);
	/* A retransmission is in the network again (SetPipe (b)). */
	TIP_TCP_CB(tip_sack_test_at(t, 1000))->sacked |=
		TIP_TCP_SACKED_RETRANS;
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_pipe(&t->q, NULL), 5000U);
	/* A LOST mark (an RTO's) counts as lost whatever is above. */
	TIP_TCP_CB(tip_sack_test_at(t, 10000))->sacked |= TIP_TCP_SACKED_LOST;
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_pipe(&t->q, NULL), 4000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_pipe(&t->q,
						tip_sack_test_at(t, 10000)),
			4000U);
}

static void tip_tcp_sack_test_next_seg(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);
	struct sk_buff *skb;

	KUNIT_EXPECT_NULL(test, tip_tcp_sack_next_seg(&t->q, NULL, 1000));
	tip_sack_test_three(test, t);
	/* Rule 1: the first lost segment above HighRxt = snd_una. */
	skb = tip_tcp_sack_next_seg(&t->q, NULL, 1000);
	KUNIT_EXPECT_PTR_EQ(test, skb, tip_sack_test_at(t, 1000));
	/* Sent again: HighRxt moves on, and the mark keeps it out. */
	TIP_TCP_CB(skb)->sacked |= TIP_TCP_SACKED_RETRANS;
	skb = tip_tcp_sack_next_seg(&t->q, NULL, 1000);
	KUNIT_EXPECT_PTR_EQ(test, skb, tip_sack_test_at(t, 2000));
	skb = tip_tcp_sack_next_seg(&t->q, NULL, 3000);
	KUNIT_EXPECT_PTR_EQ(test, skb, tip_sack_test_at(t, 3000));
	/* Above 4000 nothing is lost yet: new data (rule 2) is next. */
	KUNIT_EXPECT_NULL(test, tip_tcp_sack_next_seg(&t->q, NULL, 4000));
	TIP_TCP_CB(tip_sack_test_at(t, 7000))->sacked |= TIP_TCP_SACKED_LOST;
	skb = tip_tcp_sack_next_seg(&t->q, NULL, 4000);
	KUNIT_EXPECT_PTR_EQ(test, skb, tip_sack_test_at(t, 7000));
	/* Not beyond what was sent. */
	KUNIT_EXPECT_NULL(test, tip_tcp_sack_next_seg(&t->q,
						      tip_sack_test_at(t, 7000),
						      4000));
}

static void tip_tcp_sack_test_clear(struct kunit *test)
{
	struct tip_sack_test *t = tip_sack_test_new(test);
	unsigned int i;

	tip_sack_test_three(test, t);
	tip_tcp_sack_mark_lost(&t->q, NULL, 1000);
	tip_tcp_sack_clear(&t->q);
	for (i = 0; i < TIP_SACK_TEST_SEGS; i++)
		KUNIT_EXPECT_EQ(test, TIP_TCP_CB(t->skb[i])->sacked, 0);
	KUNIT_EXPECT_EQ(test, tip_tcp_sack_pipe(&t->q, NULL), 10000U);
}

static struct kunit_case tip_tcp_sack_test_cases[] = {
	KUNIT_CASE(tip_tcp_sack_test_mark),
	KUNIT_CASE(tip_tcp_sack_test_invalid),
	KUNIT_CASE(tip_tcp_sack_test_dsack),
	KUNIT_CASE(tip_tcp_sack_test_is_lost),
	KUNIT_CASE(tip_tcp_sack_test_mark_lost),
	KUNIT_CASE(tip_tcp_sack_test_pipe),
	KUNIT_CASE(tip_tcp_sack_test_next_seg),
	KUNIT_CASE(tip_tcp_sack_test_clear),
	{}
};

static struct kunit_suite tip_tcp_sack_test_suite = {
	.name = "tinyip_tcp_sack",
	.test_cases = tip_tcp_sack_test_cases,
};

kunit_test_suite(tip_tcp_sack_test_suite);
