// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of IPv6 reassembly (module/ip6_frag.c over module/frag.c,
 * RFC 8200 4.5, RFC 5722): the exact packet rebuilt in and out of order,
 * its unfragmentable part with a Destination Options header before the
 * Fragment header (Next Header patched, Fragment header gone), the
 * overlaps that kill a datagram and the duplicates dropped alone, last
 * fragments that disagree, the two Parameter Problems (a length not a
 * multiple of 8, a packet past 65535 bytes) with their pointers, the
 * key (source, destination, ID, and the link for link-local addresses)
 * and the memory and queue bounds. Fragments are walked by the real
 * walker, as module/ip6_in.c does, and so is every rebuilt packet.
 *
 * The engine (module/frag.c) comes in through kunit/ip4_frag_test.c and
 * the walker through kunit/ip6_wire_test.c, in the same tinyip_test.ko.
 */
/* The unit first, as every test here does. */
#include "../module/ip6_frag.c"

#include <kunit/test.h>
#include <linux/in.h>
#include <linux/slab.h>

#define TIP_TEST_ID		0x1234abcd

static const struct in6_addr tip_test_saddr = {
	{ { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } }
};

static const struct in6_addr tip_test_daddr = {
	{ { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } }
};

static const struct in6_addr tip_test_ll = {
	{ { 0xfe, 0x80, [15] = 1 } }
};

/* One fragment to build: payload [off, off + len), byte i = i. */
struct tip_test_f6 {
	u32 id;
	unsigned int off;
	unsigned int len;
	bool more;
	bool dstopts;		/* a Destination Options header first */
	u8 nh;			/* the Fragment header's; 0: UDP */
	const struct in6_addr *saddr;	/* NULL: tip_test_saddr */
	struct tip_if *iif;
};

/* Its bytes, walked: the skb and the chain tip_ip6_rcv() would have. */
static struct sk_buff *tip_test_build(struct kunit *test,
				      const struct tip_test_f6 *f,
				      struct tip_ip6_chain *c)
{
	unsigned int ext = f->dstopts ? 8 : 0, i;
	enum tip_ip6_walk walk;
	struct tip_ip6_perr e;
	struct ipv6hdr *ip6;
	struct sk_buff *skb;
	u8 *p;

	skb = alloc_skb(TIP_IP6_HLEN + ext + 8 + f->len, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, skb);
	ip6 = skb_put_zero(skb, TIP_IP6_HLEN);
	ip6->version = 6;
	ip6->payload_len = htons(ext + 8 + f->len);
	ip6->nexthdr = f->dstopts ? NEXTHDR_DEST : NEXTHDR_FRAGMENT;
	ip6->hop_limit = 64;
	ip6->saddr = f->saddr ? *f->saddr : tip_test_saddr;
	ip6->daddr = tip_test_daddr;
	if (f->dstopts) {
		/* Next Header, length 0, then PadN over the other 4 bytes. */
		p = skb_put_zero(skb, 8);
		p[0] = NEXTHDR_FRAGMENT;
		p[2] = 1;
		p[3] = 4;
	}
	p = skb_put_zero(skb, 8);
	p[0] = f->nh ? f->nh : IPPROTO_UDP;
	p[2] = f->off >> 8;
	p[3] = (f->off & 0xf8) | f->more;
	p[4] = f->id >> 24;
	p[5] = f->id >> 16;
	p[6] = f->id >> 8;
	p[7] = f->id;
	p = skb_put(skb, f->len);
	for (i = 0; i < f->len; i++)
		p[i] = (u8)(f->off + i);
	skb_reset_network_header(skb);
	TIP_CB(skb)->iif = f->iif;

	/* Offset 0 without M would be an atomic fragment: not for us. */
	walk = tip_ip6_exthdr_walk(skb->data, skb->len, c, &e);
	if (walk != TIP_IP6_WALK_FRAG)
		kfree_skb(skb);
	KUNIT_ASSERT_EQ(test, walk, TIP_IP6_WALK_FRAG);
	return skb;
}

/* Builds and queues; a refused skb that stays ours is freed here. */
static enum tip_frag_ret tip_test_add(struct kunit *test,
				      struct tip_frag_set *set,
				      const struct tip_test_f6 *f,
				      struct sk_buff **out, u32 *pointer)
{
	struct tip_ip6_chain c;
	struct sk_buff *skb = tip_test_build(test, f, &c);
	enum tip_frag_ret ret;
	u32 ptr = ~0U;

	ret = tip_frag6_add(set, skb, &c, jiffies, out, &ptr);
	if (ret == TIP_FRAG_PERR)
		kfree_skb(skb);
	else
		KUNIT_EXPECT_EQ(test, ptr, ~0U);
	if (pointer)
		*pointer = ptr;
	return ret;
}

/* Shorthand: datagram @id, payload [off, off + len), UDP, no options. */
static enum tip_frag_ret tip_test_add4(struct kunit *test,
				       struct tip_frag_set *set, u32 id,
				       unsigned int off, unsigned int len,
				       bool more, struct sk_buff **out)
{
	struct tip_test_f6 f = {
		.id = id, .off = off, .len = len, .more = more,
	};

	return tip_test_add(test, set, &f, out, NULL);
}

/*
 * @skb is the whole packet of @len payload bytes after @hl bytes of
 * headers: the fixed header and, if @dstopts, the Destination Options
 * header, now naming UDP itself. No Fragment header is left.
 */
static void tip_test_check_whole(struct kunit *test, struct sk_buff *skb,
				 unsigned int len, bool dstopts)
{
	static const u8 opts[8] = { IPPROTO_UDP, 0, 1, 4, 0, 0, 0, 0 };
	unsigned int hl = TIP_IP6_HLEN + (dstopts ? 8 : 0), i;
	const struct ipv6hdr *ip6 = (const struct ipv6hdr *)skb->data;
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;

	KUNIT_ASSERT_EQ(test, skb->len, hl + len);
	KUNIT_EXPECT_EQ(test, ntohs(ip6->payload_len), hl - TIP_IP6_HLEN + len);
	KUNIT_EXPECT_EQ(test, skb->data[0] >> 4, 6);
	KUNIT_EXPECT_EQ(test, ip6->hop_limit, 64);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&ip6->saddr, &tip_test_saddr));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&ip6->daddr, &tip_test_daddr));
	KUNIT_EXPECT_PTR_EQ(test, (void *)ip6, (void *)skb_network_header(skb));
	if (dstopts) {
		KUNIT_EXPECT_EQ(test, ip6->nexthdr, NEXTHDR_DEST);
		KUNIT_EXPECT_MEMEQ(test, skb->data + TIP_IP6_HLEN, opts, 8);
	} else {
		KUNIT_EXPECT_EQ(test, ip6->nexthdr, IPPROTO_UDP);
	}
	for (i = 0; i < len; i++)
		if (skb->data[hl + i] != (u8)i) {
			KUNIT_FAIL(test, "payload byte %u is wrong", i);
			break;
		}
	/* What tip_ip6_rcv() walks next: a whole packet, UDP at @hl. */
	KUNIT_EXPECT_EQ(test, tip_ip6_exthdr_walk(skb->data, skb->len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, c.off, hl);
	KUNIT_EXPECT_EQ(test, c.frag_off, 0);
}

static void tip_test_set(struct tip_frag_set *set)
{
	tip_frag6_set_init(set, 256 * 1024, 8, 60 * HZ);
}

static void tip_test_empty(struct kunit *test, struct tip_frag_set *set)
{
	tip_frag_flush(set);
	KUNIT_EXPECT_EQ(test, set->mem, 0U);
	KUNIT_EXPECT_EQ(test, set->count, 0U);
}

static void tip_ip6_frag_test_in_order(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 1, 0, 1448, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_NULL(test, out);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 1, 1448, 1448, true,
					    &out), TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, set.count, 1U);
	KUNIT_ASSERT_EQ(test, tip_test_add4(test, &set, 1, 2896, 104, false,
					    &out), TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 3000, false);
	kfree_skb(out);
	tip_test_empty(test, &set);
}

static void tip_ip6_frag_test_out_of_order(struct kunit *test)
{
	/* Only the first fragment's Next Header counts (RFC 8200 4.5). */
	struct tip_test_f6 mid = {
		.id = 2, .off = 1448, .len = 1448, .more = true,
		.nh = IPPROTO_ICMPV6,
	};
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 2, 2896, 104, false,
					    &out), TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 2, 0, 1448, true, &out),
			TIP_FRAG_QUEUED);
	/* Another datagram interleaved does not disturb the first. */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 3, 0, 16, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_ASSERT_EQ(test, tip_test_add(test, &set, &mid, &out, NULL),
			TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 3000, false);
	kfree_skb(out);
	KUNIT_EXPECT_EQ(test, set.count, 1U);
	tip_test_empty(test, &set);
}

/*
 * The unfragmentable part is the first fragment's headers before its
 * Fragment header: here a Destination Options header, whose Next Header
 * (44) must now name the upper layer. Later fragments carry it too.
 */
static void tip_ip6_frag_test_unfragmentable(struct kunit *test)
{
	struct tip_test_f6 f[] = {
		{ .id = 4, .off = 1440, .len = 1000, .dstopts = true },
		{ .id = 4, .off = 0, .len = 1440, .more = true,
		  .dstopts = true },
	};
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &f[0], &out, NULL),
			TIP_FRAG_QUEUED);
	KUNIT_ASSERT_EQ(test, tip_test_add(test, &set, &f[1], &out, NULL),
			TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 2440, true);
	kfree_skb(out);
	tip_test_empty(test, &set);
}

static void tip_ip6_frag_test_overlap(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 5, 0, 64, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 5, 128, 64, true, &out),
			TIP_FRAG_QUEUED);
	/* An exact duplicate is dropped alone (RFC 8200 4.5). */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 5, 0, 64, true, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 1U);
	/* The datagram still completes after it. */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 5, 64, 64, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_ASSERT_EQ(test, tip_test_add4(test, &set, 5, 192, 8, false,
					    &out), TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 200, false);
	kfree_skb(out);

	/* A partial overlap kills the datagram (RFC 5722)... */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 6, 0, 64, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 6, 56, 64, false,
					    &out), TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	KUNIT_EXPECT_NULL(test, out);
	/* ...and so does one covering another entirely. */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 7, 64, 16, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 7, 0, 128, true, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	tip_test_empty(test, &set);
}

static void tip_ip6_frag_test_last(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 8, 64, 32, false, &out),
			TIP_FRAG_QUEUED);
	/* A second "last" fragment ending elsewhere. */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 8, 128, 8, false, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	/* A middle fragment past the end the last one set. */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 9, 64, 32, false, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 9, 96, 32, true, &out),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	/* A last fragment ending before what a middle one holds. */
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 10, 64, 64, true, &out),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 10, 32, 16, false,
					    &out), TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	tip_test_empty(test, &set);
}

/* RFC 8200 4.5: M set and not 8-byte units is a Parameter Problem. */
static void tip_ip6_frag_test_not_8(struct kunit *test)
{
	struct tip_test_f6 odd = { .id = 11, .off = 0, .len = 30,
				   .more = true };
	struct tip_test_f6 empty = { .id = 11, .off = 32, .len = 0,
				     .more = true };
	struct tip_test_f6 last = { .id = 11, .off = 32, .len = 30 };
	struct tip_frag_set set;
	struct sk_buff *out;
	u32 ptr;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &odd, &out, &ptr),
			TIP_FRAG_PERR);
	KUNIT_EXPECT_EQ(test, ptr, 4U);		/* Payload Length */
	KUNIT_EXPECT_NULL(test, out);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	KUNIT_EXPECT_EQ(test, set.mem, 0U);
	/* An empty fragment with M set is dropped, silently. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &empty, &out, NULL),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	/* The last fragment may be any length. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &last, &out, NULL),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 11, 0, 32, true, &out),
			TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 62, false);
	kfree_skb(out);
	tip_test_empty(test, &set);
}

/* RFC 8200 4.5: a Payload Length past 65535 is a Parameter Problem. */
static void tip_ip6_frag_test_oversize(struct kunit *test)
{
	struct tip_test_f6 big = { .id = 12, .off = 65528, .len = 16 };
	struct tip_test_f6 fits = { .id = 12, .off = 65496, .len = 32 };
	/* The same bytes are too many behind 8 more of headers. */
	struct tip_test_f6 big_opts = { .id = 12, .off = 65496, .len = 32,
					.dstopts = true };
	/* 65528 bytes fit behind 40 bytes of headers, not behind 48. */
	struct tip_test_f6 head = { .id = 13, .off = 0, .len = 65512,
				    .more = true, .dstopts = true };
	struct tip_test_f6 tail = { .id = 13, .off = 65512, .len = 16 };
	struct tip_frag_set set;
	struct sk_buff *out;
	u32 ptr;

	tip_test_set(&set);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &big, &out, &ptr),
			TIP_FRAG_PERR);
	KUNIT_EXPECT_EQ(test, ptr, 42U);	/* Fragment Offset */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &big_opts, &out, &ptr),
			TIP_FRAG_PERR);
	KUNIT_EXPECT_EQ(test, ptr, 50U);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &fits, &out, NULL),
			TIP_FRAG_QUEUED);
	tip_test_empty(test, &set);

	/*
	 * Each fragment passes with its own header; the packet rebuilt with
	 * the first one's would need a Payload Length of 65536.
	 */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &tail, &out, NULL),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &head, &out, NULL),
			TIP_FRAG_DROP);
	KUNIT_EXPECT_NULL(test, out);
	KUNIT_EXPECT_EQ(test, set.count, 0U);
	tip_test_empty(test, &set);
}

/* (source, destination, ID), and the link for link-local addresses. */
static void tip_ip6_frag_test_key(struct kunit *test)
{
	struct tip_if *a = kunit_kzalloc(test, sizeof(*a), GFP_KERNEL);
	struct tip_if *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);
	struct tip_test_f6 f = { .id = 14, .off = 0, .len = 64, .more = true };
	struct tip_test_f6 g = { .id = 14, .off = 64, .len = 8 };
	struct tip_frag_set set;
	struct sk_buff *out;

	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	tip_test_set(&set);
	/* Another source, or another ID: another datagram. */
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &f, &out, NULL),
			TIP_FRAG_QUEUED);
	g.saddr = &tip_test_ll;
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &g, &out, NULL),
			TIP_FRAG_QUEUED);
	g.saddr = NULL;
	g.id = 15;
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &g, &out, NULL),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, set.count, 3U);
	/* The proto is no part of the key: the first's Next Header wins. */
	g.id = 14;
	g.nh = IPPROTO_TCP;
	KUNIT_ASSERT_EQ(test, tip_test_add(test, &set, &g, &out, NULL),
			TIP_FRAG_DONE);
	tip_test_check_whole(test, out, 72, false);
	kfree_skb(out);
	tip_test_empty(test, &set);

	/* fe80::1 on link a is not fe80::1 on link b (RFC 4007). */
	f.saddr = &tip_test_ll;
	f.iif = a;
	g.saddr = &tip_test_ll;
	g.iif = b;
	g.nh = 0;
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &f, &out, NULL),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, tip_test_add(test, &set, &g, &out, NULL),
			TIP_FRAG_QUEUED);
	KUNIT_EXPECT_EQ(test, set.count, 2U);
	/* Detaching link b takes its datagram only. */
	tip_frag_purge_if(&set, b);
	KUNIT_EXPECT_EQ(test, set.count, 1U);
	g.iif = a;
	KUNIT_ASSERT_EQ(test, tip_test_add(test, &set, &g, &out, NULL),
			TIP_FRAG_DONE);
	KUNIT_EXPECT_PTR_EQ(test, TIP_CB(out)->iif, a);
	kfree_skb(out);
	tip_test_empty(test, &set);
}

static void tip_ip6_frag_test_bounds(struct kunit *test)
{
	struct tip_frag_set set;
	struct sk_buff *out;
	unsigned int i, queued = 0;

	tip_frag6_set_init(&set, 16 * 1024, 4, 60 * HZ);
	/* More fragments than 16 KB can hold: the excess is refused. */
	for (i = 0; i < 64; i++)
		if (tip_test_add4(test, &set, 16, i * 512, 512, true, &out) ==
		    TIP_FRAG_QUEUED)
			queued++;
	KUNIT_EXPECT_GT(test, queued, 0U);
	KUNIT_EXPECT_LT(test, queued, 64U);
	KUNIT_EXPECT_LE(test, set.mem, 16U * 1024);
	tip_test_empty(test, &set);

	/* At most max_queues datagrams at once. */
	for (i = 0; i < 6; i++)
		KUNIT_EXPECT_EQ(test, tip_test_add4(test, &set, 20 + i, 0, 64,
						    true, &out),
				i < 4 ? TIP_FRAG_QUEUED : TIP_FRAG_DROP);
	KUNIT_EXPECT_EQ(test, set.count, 4U);
	tip_test_empty(test, &set);
}

static struct kunit_case tip_ip6_frag_test_cases[] = {
	KUNIT_CASE(tip_ip6_frag_test_in_order),
	KUNIT_CASE(tip_ip6_frag_test_out_of_order),
	KUNIT_CASE(tip_ip6_frag_test_unfragmentable),
	KUNIT_CASE(tip_ip6_frag_test_overlap),
	KUNIT_CASE(tip_ip6_frag_test_last),
	KUNIT_CASE(tip_ip6_frag_test_not_8),
	KUNIT_CASE(tip_ip6_frag_test_oversize),
	KUNIT_CASE(tip_ip6_frag_test_key),
	KUNIT_CASE(tip_ip6_frag_test_bounds),
	{}
};

static struct kunit_suite tip_ip6_frag_test_suite = {
	.name = "tinyip_ip6_frag",
	.test_cases = tip_ip6_frag_test_cases,
};

kunit_test_suite(tip_ip6_frag_test_suite);
