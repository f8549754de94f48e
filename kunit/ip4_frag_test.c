// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of IPv4 reassembly (module/ip4_frag.c): in order, out of
 * order, the attacks it must refuse (overlaps, datagrams past 65535
 * bytes, disagreeing last fragments, tiny first fragments), duplicates
 * (one without MF completes the datagram) and the memory and queue
 * bounds. Every test ends with nothing held.
 */
/*
 * The unit first, as every test here does, and the engine it drives,
 * which kunit/ip6_frag_test.c shares through this file.
 */
#include "../module/frag.c"
#include "../module/ip4_frag.c"

#include <kunit/test.h>
#include <net/ip.h>

#define TIP_TEST_SRC	htonl(0xc0000201)
#define TIP_TEST_DST	htonl(0xc0000202)

/* A fragment of datagram @id: payload [off, off + len) of byte i = i. */
static struct sk_buff *tip_test_frag(struct kunit *test, u16 id,
				     unsigned int off, unsigned int len,
				     bool mf, struct tip_ip4_view *v)
{
	struct sk_buff *skb = alloc_skb(20 + len, GFP_KERNEL);
	struct iphdr *iph;
	unsigned int i;
	u8 *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	iph = skb_put_zero(skb, 20);
	iph->version = 4;
	iph->ihl = 5;
	iph->tot_len = htons(20 + len);
	iph->id = htons(id);
	iph->frag_off = htons((mf ? IP_MF : 0) | (off / 8));
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = TIP_TEST_SRC;
	iph->daddr = TIP_TEST_DST;
	p = skb_put(skb, len);
	for (i = 0; i < len; i++)
		p[i] = (u8)(off + i);

	memset(v, 0, sizeof(*v));
	v->hlen = 20;
	v->tot_len = 20 + len;
	v->frag_off = off;
	v->mf = mf;
	v->proto = IPPROTO_UDP;
	v->id = iph->id;
	v->saddr = TIP_TEST_SRC;
	v->daddr = TIP_TEST_DST;
	return skb;
}

static enum tip_frag_ret tip_test_add(struct kunit *test,
				      struct tip_frag_set *set, u16 id,
				      unsigned int off, unsigned int len,
				      bool mf, struct sk_buff **out)
{
	struct tip_ip4_view v;
	struct sk_buff *skb = tip_test_frag(test, id, off, len, mf, &v);

	return tip_frag4_add(set, skb, &v, jiffies, out);
}

static void tip_test_check_whole(struct kunit *test, struct sk_buff *skb,
				 unsigned int len)
{
	const struct iphdr *iph = (const struct iphdr *)skb->data;
	unsigned int i;

	KUNIT_ASSERT_EQ(test, skb->len, 20 + len);
	KUNIT_EXPECT_EQ(test, ntohs(iph->tot_len), 20 + len);
	KUNIT_EXPECT_EQ(test, (__force u16)iph->frag_off, 0);
	KUNIT_EXPECT_EQ(test, (__force u16)ip_fast_csum(iph, iph->ihl), 0);
	for (i = 0; i < len; i++)
		if (skb->data[20 + i] != (u8)i) {
			KUNIT_FAIL(test, "payload byte %u is wrong", i);
			break;
		}
}

static void tip_test_set(struct tip_frag_set *set)
{
	tip_frag4_set_init(set, 256 * 1024, 8, 30 * HZ);
}

static void tip_test_empty(struct kunit *test, struct tip_frag_set *set)
{
	tip_frag_flush(set);
	KUNIT_EXPECT_EQ(test, set->mem, 0U);
	KUNIT_EXPECT_EQ(test, set->count, 0U);
}

static void tip_ip4_frag_test_in_order(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 1, 0, 1480, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 1, 1480, 1480, true,
					   &out), TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, set.count, 1U);
	KUNIT_ASSERT_EQ(test, tip_test_add(test, &set, 1, 2960, 40, false,
					   &out), TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 3000);
	kfree_skb(out);
	tip_test_empty(test, &set);
}

static void tip_ip4_frag_test_out_of_order(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 2, 2960, 40, false,
					   &out), TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 2, 0, 1480, true, &out),
			TIP_FRAG_QUEUED);
	/* Another datagram interleaved does not disturb the first. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 3, 0, 16, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_ASSERT_EQ(test, tip_test_add(test, &set, 2, 1480, 1480, true,
					   &out), TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 3000);
	kfree_skb(out);
	KUNIT_EXPECT_EQ(test, set.count, 1U);
	tip_test_empty(test, &set);
}

static void tip_ip4_frag_test_overlap(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 4, 0, 64, true, &out),
			TIP_FRAG_QUEUED);
	/* An exact duplicate is dropped alone. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 4, 0, 64, true, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 1U);
	/* A partial overlap kills the datagram. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 4, 56, 64, false, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	KUNIT_EXPECT_NULL(test, out);
	tip_test_empty(test, &set);
}

/*
 * A copy of a queued fragment without MF says where the datagram ends:
 * dropped as a duplicate, it still completes the datagram (found by
 * tools/fuzz/fuzz_frag, crashes/fuzz_frag/dup-last-completes-v4).
 */
static void tip_ip4_frag_test_dup_last(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 9, 0, 32, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 9, 32, 32, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_ASSERT_EQ(test, tip_test_add(test, &set, 9, 32, 32, false,
					   &out), TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 64);
	kfree_skb(out);
	tip_test_empty(test, &set);
}

/* The same range with other bytes is an overlap (RFC 1858 3.2), not a copy. */
static void tip_ip4_frag_test_rewrite(struct kunit *test)
{
	struct tip_frag_set set;
	struct tip_ip4_view v;
	struct sk_buff *skb, *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 9, 0, 64, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 9, 64, 64, true, &out),
			TIP_FRAG_QUEUED);
	skb = tip_test_frag(test, 9, 64, 64, true, &v);
	skb->data[20 + 63] ^= 0x80;
	KUNIT_EXPECT_EQ(test, tip_frag4_add(&set, skb, &v, jiffies, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	/* Nothing of the datagram is left to complete. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 9, 128, 8, false, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_NULL(test, out);
	tip_test_empty(test, &set);
}

static void tip_ip4_frag_test_oversize(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	/* Offset 65528 + 16 bytes ends past 65535. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 5, 65528, 16, false,
					   &out), TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	tip_test_empty(test, &set);
}

static void tip_ip4_frag_test_inconsistent(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 6, 64, 32, false, &out),
			TIP_FRAG_QUEUED);
	/* A second "last" fragment ending elsewhere. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 6, 128, 8, false, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	/* A middle fragment past the end the last one set. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 7, 64, 32, false, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 7, 96, 32, true, &out),
			TIP_FRAG_DROP);
	/* MF with a length that is not a multiple of 8. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 8, 0, 30, true, &out),
			TIP_FRAG_DROP);
	/* RFC 1858: a first fragment too small for the ports. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, 9, 0, 0, true, &out),
			TIP_FRAG_DROP);
	tip_test_empty(test, &set);
}

static void tip_ip4_frag_test_bounds(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;
	unsigned int i, queued = 0;

	tip_frag4_set_init(&set, 16 * 1024, 4, 30 * HZ);
	/* More fragments than 16 KB can hold: the excess is refused. */
	for (i = 0; i < 64; i++)
		if (tip_test_add(test, &set, 10, i * 512, 512, true, &out) ==
		    TIP_FRAG_QUEUED)
			queued++;
	KUNIT_EXPECT_GT(test, queued, 0U);
	KUNIT_EXPECT_LT(test, queued, 64U);
	KUNIT_EXPECT_LE(test, set.mem, 16U * 1024);
	tip_test_empty(test, &set);

	/* At most max_queues datagrams at once. */
	for (i = 0; i < 6; i++)
		tip_test_add(test, &set, 20 + i, 0, 64, true, &out);
	KUNIT_EXPECT_EQ(test, set.count, 4U);
	tip_test_empty(test, &set);
}

static struct kunit_case tip_ip4_frag_test_cases[] = {
	KUNIT_CASE(tip_ip4_frag_test_in_order),
	KUNIT_CASE(tip_ip4_frag_test_out_of_order),
	KUNIT_CASE(tip_ip4_frag_test_overlap),
	KUNIT_CASE(tip_ip4_frag_test_dup_last),
	KUNIT_CASE(tip_ip4_frag_test_rewrite),
	KUNIT_CASE(tip_ip4_frag_test_oversize),
	KUNIT_CASE(tip_ip4_frag_test_inconsistent),
	KUNIT_CASE(tip_ip4_frag_test_bounds),
	{}
};

static struct kunit_suite tip_ip4_frag_test_suite = {
	.name = "tinyip_ip4_frag",
	.test_cases = tip_ip4_frag_test_cases,
};

kunit_test_suite(tip_ip4_frag_test_suite);
