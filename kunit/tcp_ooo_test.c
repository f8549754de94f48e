// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the out-of-order queue (module/tcp_ooo.c): sorted
 * insertion, overlaps trimmed from either end, duplicates reported for
 * D-SACK, queued data replaced by a covering segment, pulling at rcv_nxt
 * (also across the sequence wrap), pruning, the memory budget, and the
 * order of the SACK blocks (RFC 2018 4). Payload byte i of a segment is
 * its sequence number's low byte, so trims can be checked by content.
 * Every test ends with nothing queued and nothing charged.
 */
/* The unit first, as every test here does. */
#include "../module/tcp_ooo.c"

#include <kunit/test.h>

struct tip_ooo_test {
	struct sk_buff_head q;
	struct tip_mem mem;
	u32 bytes;
	struct tip_sack_block dup;
};

/* Also after a failed assertion: leave nothing queued or charged. */
static void tip_ooo_test_exit(void *data)
{
	struct tip_ooo_test *t = data;

	tip_tcp_ooo_purge(&t->q, &t->mem, &t->bytes);
}

static struct tip_ooo_test *tip_ooo_test_new(struct kunit *test)
{
	struct tip_ooo_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	__skb_queue_head_init(&t->q);
	tip_mem_init(&t->mem);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tip_ooo_test_exit,
							t), 0);
	return t;
}

static void tip_ooo_test_done(struct kunit *test, struct tip_ooo_test *t)
{
	tip_tcp_ooo_purge(&t->q, &t->mem, &t->bytes);
	KUNIT_EXPECT_TRUE(test, skb_queue_empty(&t->q));
	KUNIT_EXPECT_EQ(test, t->bytes, 0U);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&t->mem), 0ULL);
}

static struct sk_buff *tip_ooo_test_seg(struct kunit *test, u32 seq, u32 len,
					bool fin)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	u8 *p;
	u32 i;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_put(skb, len);
	for (i = 0; i < len; i++)
		p[i] = (u8)(seq + i);
	TIP_TCP_CB(skb)->seq = seq;
	TIP_TCP_CB(skb)->end_seq = seq + len + fin;
	TIP_TCP_CB(skb)->tcp_flags = TCPHDR_ACK | (fin ? TCPHDR_FIN : 0);
	return skb;
}

static int tip_ooo_test_add(struct kunit *test, struct tip_ooo_test *t,
			    u32 seq, u32 len)
{
	struct sk_buff *skb = tip_ooo_test_seg(test, seq, len, false);
	int ret = tip_tcp_ooo_insert(&t->q, skb, &t->mem, &t->bytes, &t->dup);

	if (ret)
		kfree_skb(skb);		/* not taken */
	return ret;
}

/* The queue holds exactly these [start, end) ranges, with right data. */
static void tip_ooo_test_expect(struct kunit *test, struct tip_ooo_test *t,
				const u32 *ranges, unsigned int n)
{
	struct sk_buff *skb;
	unsigned int i = 0;
	u64 truesize = 0;

	skb_queue_walk(&t->q, skb) {
		struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);

		KUNIT_ASSERT_LT(test, i, n);
		KUNIT_EXPECT_EQ(test, cb->seq, ranges[2 * i]);
		KUNIT_EXPECT_EQ(test, cb->end_seq, ranges[2 * i + 1]);
		KUNIT_EXPECT_EQ(test, skb->len, cb->end_seq - cb->seq);
		if (skb->len) {
			KUNIT_EXPECT_EQ(test, skb->data[0], (u8)cb->seq);
			KUNIT_EXPECT_EQ(test, skb->data[skb->len - 1],
					(u8)(cb->end_seq - 1));
		}
		truesize += skb->truesize;
		i++;
	}
	KUNIT_EXPECT_EQ(test, i, n);
	KUNIT_EXPECT_EQ(test, (u64)t->bytes, truesize);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&t->mem), truesize);
}

static void tip_tcp_ooo_test_sorted(struct kunit *test)
{
	static const u32 want[] = { 1000, 2000, 3000, 4000, 5000, 6000 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);

	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 3000, 1000), 0);
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 5000, 1000), 0);
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 1000, 1000), 0);
	KUNIT_EXPECT_EQ(test, t->dup.start, t->dup.end);
	tip_ooo_test_expect(test, t, want, 3);
	/* An empty segment is refused and not taken. */
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 7000, 0), -EINVAL);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_duplicate(struct kunit *test)
{
	static const u32 want[] = { 1000, 2000 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);

	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 1000, 1000), 0);
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 1000, 1000), -EEXIST);
	KUNIT_EXPECT_EQ(test, t->dup.start, 1000U);
	KUNIT_EXPECT_EQ(test, t->dup.end, 2000U);
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 1200, 600), -EEXIST);
	KUNIT_EXPECT_EQ(test, t->dup.start, 1200U);
	KUNIT_EXPECT_EQ(test, t->dup.end, 1800U);
	tip_ooo_test_expect(test, t, want, 1);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_overlap(struct kunit *test)
{
	static const u32 front[] = { 1000, 2000, 2000, 2500 };
	static const u32 back[] = { 1000, 2000, 2000, 2500, 2600, 3000,
				    3000, 4000 };
	static const u32 between[] = { 1000, 2000, 2000, 2500, 2500, 3000,
				       3000, 4000 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);

	tip_ooo_test_add(test, t, 1000, 1000);
	/* Our head is queued: cut it, report it. */
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 1500, 1000), 0);
	KUNIT_EXPECT_EQ(test, t->dup.start, 1500U);
	KUNIT_EXPECT_EQ(test, t->dup.end, 2000U);
	tip_ooo_test_expect(test, t, front, 2);

	/* Our tail is queued: cut it. */
	tip_ooo_test_add(test, t, 3000, 1000);
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 2600, 1000), 0);
	KUNIT_EXPECT_EQ(test, t->dup.start, t->dup.end);
	tip_ooo_test_expect(test, t, back, 4);

	/* Both ends cut; the queued [2600, 3000) inside is replaced. */
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 2200, 1200), 0);
	KUNIT_EXPECT_EQ(test, t->dup.start, 2200U);
	KUNIT_EXPECT_EQ(test, t->dup.end, 2500U);
	tip_ooo_test_expect(test, t, between, 4);

	/* A hole already filled by two neighbours. */
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 2400, 300), -EEXIST);
	KUNIT_EXPECT_EQ(test, t->dup.start, 2400U);
	KUNIT_EXPECT_EQ(test, t->dup.end, 2700U);
	tip_ooo_test_expect(test, t, between, 4);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_cover(struct kunit *test)
{
	static const u32 want[] = { 2000, 5000, 6000, 7000 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);

	tip_ooo_test_add(test, t, 3000, 500);
	tip_ooo_test_add(test, t, 3500, 500);
	tip_ooo_test_add(test, t, 6000, 1000);
	/* Ours covers the first two entirely: it replaces them. */
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 2000, 3000), 0);
	KUNIT_EXPECT_EQ(test, t->dup.start, 3000U);
	KUNIT_EXPECT_EQ(test, t->dup.end, 3500U);
	tip_ooo_test_expect(test, t, want, 2);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_pull(struct kunit *test)
{
	static const u32 left[] = { 4000, 5000 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);
	struct sk_buff *skb;

	KUNIT_EXPECT_NULL(test, tip_tcp_ooo_pull(&t->q, 0, &t->mem,
						 &t->bytes));
	tip_ooo_test_add(test, t, 1000, 1000);
	tip_ooo_test_add(test, t, 2000, 1000);
	tip_ooo_test_add(test, t, 4000, 1000);

	KUNIT_EXPECT_NULL(test, tip_tcp_ooo_pull(&t->q, 999, &t->mem,
						 &t->bytes));
	/* rcv_nxt inside the first: trimmed to start there. */
	skb = tip_tcp_ooo_pull(&t->q, 1500, &t->mem, &t->bytes);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, TIP_TCP_CB(skb)->seq, 1500U);
	KUNIT_EXPECT_EQ(test, TIP_TCP_CB(skb)->end_seq, 2000U);
	KUNIT_EXPECT_EQ(test, skb->len, 500U);
	KUNIT_EXPECT_EQ(test, skb->data[0], (u8)(1500 & 0xff));
	kfree_skb(skb);
	skb = tip_tcp_ooo_pull(&t->q, 2000, &t->mem, &t->bytes);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, TIP_TCP_CB(skb)->seq, 2000U);
	kfree_skb(skb);
	KUNIT_EXPECT_NULL(test, tip_tcp_ooo_pull(&t->q, 3000, &t->mem,
						 &t->bytes));
	tip_ooo_test_expect(test, t, left, 1);
	/* Wholly below rcv_nxt: freed, nothing returned. */
	KUNIT_EXPECT_NULL(test, tip_tcp_ooo_pull(&t->q, 5000, &t->mem,
						 &t->bytes));
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_fin(struct kunit *test)
{
	struct tip_ooo_test *t = tip_ooo_test_new(test);
	struct sk_buff *skb = tip_ooo_test_seg(test, 1000, 100, true);

	KUNIT_ASSERT_EQ(test, tip_tcp_ooo_insert(&t->q, skb, &t->mem, &t->bytes,
						 NULL), 0);
	/* Data up to the FIN arrived: only the FIN is left. */
	skb = tip_tcp_ooo_pull(&t->q, 1100, &t->mem, &t->bytes);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_EXPECT_EQ(test, skb->len, 0U);
	KUNIT_EXPECT_EQ(test, TIP_TCP_CB(skb)->end_seq, 1101U);
	KUNIT_EXPECT_TRUE(test, TIP_TCP_CB(skb)->tcp_flags & TCPHDR_FIN);
	kfree_skb(skb);

	/* A segment cut short before queued data loses its FIN. */
	tip_ooo_test_add(test, t, 2000, 100);
	skb = tip_ooo_test_seg(test, 1900, 150, true);
	KUNIT_ASSERT_EQ(test, tip_tcp_ooo_insert(&t->q, skb, &t->mem, &t->bytes,
						 NULL), 0);
	KUNIT_EXPECT_EQ(test, TIP_TCP_CB(skb)->end_seq, 2000U);
	KUNIT_EXPECT_FALSE(test, TIP_TCP_CB(skb)->tcp_flags & TCPHDR_FIN);
	KUNIT_EXPECT_EQ(test, skb->len, 100U);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_wrap(struct kunit *test)
{
	static const u32 want[] = { 0xfffffe00U, 0xffffff00U, 0xffffff00U,
				    0x100, 0x200, 0x300 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);
	struct sk_buff *skb;
	u32 rcv_nxt;

	tip_ooo_test_add(test, t, 0x200, 0x100);
	tip_ooo_test_add(test, t, 0xfffffe00U, 0x100);
	tip_ooo_test_add(test, t, 0xffffff00U, 0x200);
	tip_ooo_test_expect(test, t, want, 3);
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 0xfffffff0U, 0x20),
			-EEXIST);

	rcv_nxt = 0xfffffe00U;
	while ((skb = tip_tcp_ooo_pull(&t->q, rcv_nxt, &t->mem, &t->bytes))) {
		KUNIT_EXPECT_EQ(test, TIP_TCP_CB(skb)->seq, rcv_nxt);
		rcv_nxt = TIP_TCP_CB(skb)->end_seq;
		kfree_skb(skb);
	}
	KUNIT_EXPECT_EQ(test, rcv_nxt, 0x100U);
	KUNIT_EXPECT_EQ(test, skb_queue_len(&t->q), 1U);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_prune(struct kunit *test)
{
	static const u32 want[] = { 1000, 2000, 3000, 4000 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);
	u32 one;

	tip_ooo_test_add(test, t, 1000, 1000);
	one = t->bytes;
	tip_ooo_test_add(test, t, 3000, 1000);
	tip_ooo_test_add(test, t, 5000, 1000);
	tip_ooo_test_add(test, t, 7000, 1000);
	KUNIT_EXPECT_EQ(test, tip_tcp_ooo_prune(&t->q, 4 * one, &t->mem,
						&t->bytes), 0U);
	/* The highest go first: they are the furthest from being useful. */
	KUNIT_EXPECT_EQ(test, tip_tcp_ooo_prune(&t->q, 2 * one, &t->mem,
						&t->bytes), 2U);
	tip_ooo_test_expect(test, t, want, 2);
	KUNIT_EXPECT_EQ(test, tip_tcp_ooo_prune(&t->q, 0, &t->mem, &t->bytes),
			2U);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_budget(struct kunit *test)
{
	static const u32 want[] = { 1000, 2000 };
	struct tip_ooo_test *t = tip_ooo_test_new(test);

	tip_ooo_test_add(test, t, 1000, 1000);
	tip_mem_set_budget(&t->mem, tip_mem_used(&t->mem) + 16);
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 3000, 1000), -ENOBUFS);
	/* Also when it would replace queued data: the queue is untouched. */
	KUNIT_EXPECT_EQ(test, tip_ooo_test_add(test, t, 500, 2000), -ENOBUFS);
	tip_ooo_test_expect(test, t, want, 1);
	tip_ooo_test_done(test, t);
}

static void tip_tcp_ooo_test_sack(struct kunit *test)
{
	struct tip_ooo_test *t = tip_ooo_test_new(test);
	struct tip_sack_block blk[TIP_TCP_MAX_SACK];
	struct tip_sack_block recent = { 4000, 5000 };

	KUNIT_EXPECT_EQ(test, tip_tcp_ooo_sack(&t->q, NULL, blk, 4), 0U);
	tip_ooo_test_add(test, t, 1000, 1000);
	tip_ooo_test_add(test, t, 2000, 1000);	/* same block as 1000 */
	tip_ooo_test_add(test, t, 4000, 1000);
	tip_ooo_test_add(test, t, 6000, 1000);
	tip_ooo_test_add(test, t, 8000, 1000);
	tip_ooo_test_add(test, t, 10000, 1000);

	/* The latest arrival's block first, then the highest ones. */
	KUNIT_ASSERT_EQ(test, tip_tcp_ooo_sack(&t->q, &recent, blk, 4), 4U);
	KUNIT_EXPECT_EQ(test, blk[0].start, 4000U);
	KUNIT_EXPECT_EQ(test, blk[1].start, 10000U);
	KUNIT_EXPECT_EQ(test, blk[2].start, 8000U);
	KUNIT_EXPECT_EQ(test, blk[3].start, 6000U);

	/* Without a recent block: by descending sequence. */
	KUNIT_ASSERT_EQ(test, tip_tcp_ooo_sack(&t->q, NULL, blk, 3), 3U);
	KUNIT_EXPECT_EQ(test, blk[0].start, 10000U);
	KUNIT_EXPECT_EQ(test, blk[2].start, 6000U);

	/* Adjacent segments make one block, found by any part. */
	recent.start = 2000;
	recent.end = 3000;
	KUNIT_ASSERT_EQ(test, tip_tcp_ooo_sack(&t->q, &recent, blk, 3), 3U);
	KUNIT_EXPECT_EQ(test, blk[0].start, 1000U);
	KUNIT_EXPECT_EQ(test, blk[0].end, 3000U);
	KUNIT_EXPECT_EQ(test, blk[1].start, 10000U);
	KUNIT_EXPECT_EQ(test, blk[2].start, 8000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_ooo_sack(&t->q, &recent, blk, 0), 0U);
	tip_ooo_test_done(test, t);
}

static struct kunit_case tip_tcp_ooo_test_cases[] = {
	KUNIT_CASE(tip_tcp_ooo_test_sorted),
	KUNIT_CASE(tip_tcp_ooo_test_duplicate),
	KUNIT_CASE(tip_tcp_ooo_test_overlap),
	KUNIT_CASE(tip_tcp_ooo_test_cover),
	KUNIT_CASE(tip_tcp_ooo_test_pull),
	KUNIT_CASE(tip_tcp_ooo_test_fin),
	KUNIT_CASE(tip_tcp_ooo_test_wrap),
	KUNIT_CASE(tip_tcp_ooo_test_prune),
	KUNIT_CASE(tip_tcp_ooo_test_budget),
	KUNIT_CASE(tip_tcp_ooo_test_sack),
	{}
};

static struct kunit_suite tip_tcp_ooo_test_suite = {
	.name = "tinyip_tcp_ooo",
	.test_cases = tip_tcp_ooo_test_cases,
};

kunit_test_suite(tip_tcp_ooo_test_suite);
