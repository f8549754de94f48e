// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the TCP wire formats (module/tcp_wire.c): sequence
 * arithmetic across the 2^32 wrap, the options parser against malformed
 * areas (zero and overlong lengths, truncation at every position, bad
 * SACK lengths, window scale above 14), the builder's Linux layout and
 * build/parse round trips, and the checksum helpers in each of the
 * ip_summed modes a segment arrives or leaves with.
 */
/* The unit first, as every test here does. */
#include "../module/tcp_wire.c"

#include <kunit/test.h>

#define TIP_TEST_SRC	htonl(0xc0000201)
#define TIP_TEST_DST	htonl(0xc0000202)

static void tip_tcp_wire_test_seq(struct kunit *test)
{
	KUNIT_EXPECT_TRUE(test, tip_seq_before(1, 2));
	KUNIT_EXPECT_FALSE(test, tip_seq_before(2, 2));
	/* Across the wrap: 0xfffffff0 comes before 0x10. */
	KUNIT_EXPECT_TRUE(test, tip_seq_before(0xfffffff0U, 0x10));
	KUNIT_EXPECT_TRUE(test, tip_seq_after(0x10, 0xfffffff0U));
	KUNIT_EXPECT_TRUE(test, tip_seq_leq(5, 5));
	KUNIT_EXPECT_TRUE(test, tip_seq_geq(0, 0xffffffffU));
	KUNIT_EXPECT_TRUE(test, tip_seq_between(0, 0xfffffff0U, 0x10));
	KUNIT_EXPECT_TRUE(test, tip_seq_between(0xfffffff0U, 0xfffffff0U,
						0x10));
	KUNIT_EXPECT_TRUE(test, tip_seq_between(0x10, 0xfffffff0U, 0x10));
	KUNIT_EXPECT_FALSE(test, tip_seq_between(0x11, 0xfffffff0U, 0x10));
	KUNIT_EXPECT_FALSE(test, tip_seq_between(0xffffffefU, 0xfffffff0U,
						 0x10));
	KUNIT_EXPECT_EQ(test, tip_seq_max(0xfffffff0U, 0x10), 0x10U);
	KUNIT_EXPECT_EQ(test, tip_seq_min(0xfffffff0U, 0x10), 0xfffffff0U);
	/* Half the space apart: "after" in one direction only. */
	KUNIT_EXPECT_TRUE(test, tip_seq_after(0x7fffffffU, 0));
	KUNIT_EXPECT_TRUE(test, tip_seq_before(0x80000000U, 0));
}

static int tip_test_parse(const u8 *p, unsigned int len, bool syn,
			  struct tip_tcp_opts *o)
{
	return tip_tcp_parse_opts(p, len, syn, o);
}

static void tip_tcp_wire_test_parse_syn(struct kunit *test)
{
	/* Linux's SYN: mss 1460, sackOK, TS, nop, wscale 7. */
	static const u8 syn[] = {
		2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0,
		1, 3, 3, 7,
	};
	struct tip_tcp_opts o;

	KUNIT_ASSERT_EQ(test, tip_test_parse(syn, sizeof(syn), true, &o), 0);
	KUNIT_EXPECT_EQ(test, o.present, TIP_TCPOPT_MSS | TIP_TCPOPT_WSCALE |
			TIP_TCPOPT_SACK_PERM | TIP_TCPOPT_TS);
	KUNIT_EXPECT_EQ(test, o.mss, 1460);
	KUNIT_EXPECT_EQ(test, o.wscale, 7);
	KUNIT_EXPECT_EQ(test, o.tsval, 1U);
	KUNIT_EXPECT_EQ(test, o.tsecr, 0U);

	/* The same on a non-SYN: only the timestamps count. */
	KUNIT_ASSERT_EQ(test, tip_test_parse(syn, sizeof(syn), false, &o), 0);
	KUNIT_EXPECT_EQ(test, o.present, TIP_TCPOPT_TS);
	KUNIT_EXPECT_EQ(test, o.mss, 0);
}

static void tip_tcp_wire_test_parse_wscale(struct kunit *test)
{
	u8 ws[] = { 3, 3, 15, 0 };
	struct tip_tcp_opts o;

	/* RFC 7323 2.3: shifts above 14 are taken as 14. */
	KUNIT_ASSERT_EQ(test, tip_test_parse(ws, 3, true, &o), 0);
	KUNIT_EXPECT_EQ(test, o.wscale, TIP_TCP_MAX_WSCALE);
	ws[2] = 255;
	KUNIT_ASSERT_EQ(test, tip_test_parse(ws, 3, true, &o), 0);
	KUNIT_EXPECT_EQ(test, o.wscale, TIP_TCP_MAX_WSCALE);
	ws[2] = 14;
	KUNIT_ASSERT_EQ(test, tip_test_parse(ws, 4, true, &o), 0);
	KUNIT_EXPECT_EQ(test, o.wscale, 14);
	KUNIT_EXPECT_TRUE(test, o.present & TIP_TCPOPT_WSCALE);
}

static void tip_tcp_wire_test_parse_sack(struct kunit *test)
{
	static const u8 sack[] = {
		1, 1, 5, 18,
		0, 0, 0x10, 0, 0, 0, 0x20, 0,
		0xff, 0xff, 0xff, 0xf0, 0, 0, 0, 0x10,
	};
	static const u8 bad[] = { 5, 11, 0, 0, 0, 0, 0, 0, 0, 0, 0 };
	static const u8 empty[] = { 5, 2 };
	/* Five blocks: 42 bytes, more than the area can hold. */
	u8 five[44] = { 5, 42 };
	struct tip_tcp_opts o;
	unsigned int len;

	KUNIT_ASSERT_EQ(test, tip_test_parse(sack, sizeof(sack), false, &o),
			0);
	KUNIT_EXPECT_EQ(test, o.present, TIP_TCPOPT_SACK);
	KUNIT_ASSERT_EQ(test, o.nsack, 2);
	KUNIT_EXPECT_EQ(test, o.sack[0].start, 0x1000U);
	KUNIT_EXPECT_EQ(test, o.sack[0].end, 0x2000U);
	/* Wrapping blocks are kept as sent. */
	KUNIT_EXPECT_EQ(test, o.sack[1].start, 0xfffffff0U);
	KUNIT_EXPECT_EQ(test, o.sack[1].end, 0x10U);

	/* Truncated: the length says 18, the area ends earlier. */
	for (len = 4; len < sizeof(sack); len++)
		KUNIT_EXPECT_EQ(test, tip_test_parse(sack, len, false, &o),
				-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(bad, sizeof(bad), false, &o),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(empty, sizeof(empty), false, &o),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(five, 40, false, &o), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(five, 42, false, &o), -EINVAL);
}

static void tip_tcp_wire_test_parse_malformed(struct kunit *test)
{
	static const u8 zero_len[] = { 8, 0, 1, 1 };
	static const u8 one_len[] = { 254, 1, 1, 1 };
	static const u8 past[] = { 1, 1, 254, 7, 0, 0 };
	static const u8 mss_len5[] = { 2, 5, 0, 0, 0, 0, 0, 0 };
	static const u8 ts_len8[] = { 8, 8, 0, 0, 0, 0, 0, 0 };
	static const u8 perm_len3[] = { 4, 3, 0, 0 };
	static const u8 ws_len4[] = { 3, 4, 0, 0 };
	struct tip_tcp_opts o;

	KUNIT_EXPECT_EQ(test, tip_test_parse(zero_len, 4, true, &o), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(one_len, 4, true, &o), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(past, 6, true, &o), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(mss_len5, 8, true, &o), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(ts_len8, 8, false, &o), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(perm_len3, 4, true, &o),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_test_parse(ws_len4, 4, true, &o), -EINVAL);
	/* Nothing, or only padding, is fine. */
	KUNIT_EXPECT_EQ(test, tip_test_parse(zero_len, 0, true, &o), 0);
	KUNIT_EXPECT_EQ(test, o.present, 0);
}

/*
 * Every option placed so that it ends exactly at the area's end parses;
 * cut one byte shorter, it must fail rather than read past the end. The
 * buffer is allocated to the exact length so that KASAN sees any overrun.
 */
static void tip_tcp_wire_test_parse_at_end(struct kunit *test)
{
	static const u8 opts[][10] = {
		{ 2, 4, 0x05, 0xb4 },
		{ 3, 3, 7 },
		{ 4, 2 },
		{ 8, 10, 1, 2, 3, 4, 5, 6, 7, 8 },
		{ 5, 10, 0, 0, 0, 1, 0, 0, 0, 2 },
		{ 99, 3, 0 },
	};
	unsigned int i, olen, pad;
	struct tip_tcp_opts o;
	u8 *buf;

	for (i = 0; i < ARRAY_SIZE(opts); i++) {
		olen = opts[i][1];
		for (pad = 0; pad + olen <= TIP_TCP_OPT_MAX; pad += 13) {
			buf = kunit_kzalloc(test, pad + olen, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, buf);
			memset(buf, 1, pad);	/* NOPs */
			memcpy(buf + pad, opts[i], olen);
			KUNIT_EXPECT_EQ(test, tip_test_parse(buf, pad + olen,
							     true, &o), 0);
			KUNIT_EXPECT_EQ(test, tip_test_parse(buf,
							     pad + olen - 1,
							     true, &o),
					-EINVAL);
			/* Only the kind byte left. */
			KUNIT_EXPECT_EQ(test, tip_test_parse(buf, pad + 1,
							     true, &o),
					-EINVAL);
			kunit_kfree(test, buf);
		}
	}
}

static void tip_tcp_wire_test_parse_eol_unknown(struct kunit *test)
{
	/* An unknown option skipped by its length, then EOL: what follows
	 * EOL (garbage here) is not options.
	 */
	static const u8 p[] = { 30, 6, 2, 4, 0, 0, 8, 10, 0, 0, 0, 9, 0, 0,
				0, 0, 0, 2, 1 };
	struct tip_tcp_opts o;

	KUNIT_ASSERT_EQ(test, tip_test_parse(p, sizeof(p), true, &o), 0);
	KUNIT_EXPECT_EQ(test, o.present, TIP_TCPOPT_TS);
	KUNIT_EXPECT_EQ(test, o.tsval, 9U);
}

static void tip_tcp_wire_test_build_syn(struct kunit *test)
{
	/* What Linux sends on a SYN, byte for byte. */
	static const u8 want[] = {
		2, 4, 0x05, 0xb4, 4, 2, 8, 10, 0x11, 0x22, 0x33, 0x44,
		0, 0, 0, 0, 1, 3, 3, 7,
	};
	struct tip_tcp_opts o = {
		.present = TIP_TCPOPT_MSS | TIP_TCPOPT_WSCALE |
			   TIP_TCPOPT_SACK_PERM | TIP_TCPOPT_TS,
		.mss = 1460, .wscale = 7, .tsval = 0x11223344,
	};
	struct tip_tcp_opts back;
	u8 buf[TIP_TCP_OPT_MAX];

	KUNIT_EXPECT_EQ(test, tip_tcp_opts_len(&o), sizeof(want));
	KUNIT_ASSERT_EQ(test, tip_tcp_build_opts(buf, &o), sizeof(want));
	KUNIT_EXPECT_MEMEQ(test, buf, want, sizeof(want));
	KUNIT_ASSERT_EQ(test, tip_tcp_parse_opts(buf, sizeof(want), true,
						 &back), 0);
	KUNIT_EXPECT_EQ(test, back.present, o.present);
	KUNIT_EXPECT_EQ(test, back.mss, o.mss);
	KUNIT_EXPECT_EQ(test, back.wscale, o.wscale);
	KUNIT_EXPECT_EQ(test, back.tsval, o.tsval);

	/* Without timestamps SACK_PERM gets its own NOPs. */
	o.present = TIP_TCPOPT_MSS | TIP_TCPOPT_SACK_PERM;
	KUNIT_ASSERT_EQ(test, tip_tcp_build_opts(buf, &o), 8U);
	KUNIT_EXPECT_EQ(test, buf[4], 1);
	KUNIT_EXPECT_EQ(test, buf[5], 1);
	KUNIT_EXPECT_EQ(test, buf[6], 4);
	KUNIT_EXPECT_EQ(test, buf[7], 2);
	/* Timestamps alone: NOP NOP TS. */
	o.present = TIP_TCPOPT_TS;
	KUNIT_ASSERT_EQ(test, tip_tcp_build_opts(buf, &o), 12U);
	KUNIT_EXPECT_EQ(test, buf[0], 1);
	KUNIT_EXPECT_EQ(test, buf[1], 1);
	KUNIT_EXPECT_EQ(test, buf[2], 8);
}

static void tip_tcp_wire_test_build_sack(struct kunit *test)
{
	struct tip_tcp_opts *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	struct tip_tcp_opts *back = kunit_kzalloc(test, sizeof(*back),
						  GFP_KERNEL);
	u8 buf[TIP_TCP_OPT_MAX];
	unsigned int i, len;

	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_ASSERT_NOT_NULL(test, back);
	for (i = 0; i < TIP_TCP_MAX_SACK; i++) {
		o->sack[i].start = 0xfffff000U + i * 0x1000;
		o->sack[i].end = o->sack[i].start + 0x800;
	}
	o->nsack = TIP_TCP_MAX_SACK;
	o->present = TIP_TCPOPT_SACK;
	/* Four blocks fit alone: NOP NOP SACK + 32. */
	len = tip_tcp_build_opts(buf, o);
	KUNIT_EXPECT_EQ(test, len, 36U);
	KUNIT_EXPECT_EQ(test, tip_tcp_opts_len(o), len);
	KUNIT_ASSERT_EQ(test, tip_tcp_parse_opts(buf, len, false, back), 0);
	KUNIT_ASSERT_EQ(test, back->nsack, 4);
	for (i = 0; i < 4; i++) {
		KUNIT_EXPECT_EQ(test, back->sack[i].start, o->sack[i].start);
		KUNIT_EXPECT_EQ(test, back->sack[i].end, o->sack[i].end);
	}

	/* With timestamps only three fit, as Linux sends. */
	o->present |= TIP_TCPOPT_TS;
	o->tsval = 7;
	o->tsecr = 8;
	len = tip_tcp_build_opts(buf, o);
	KUNIT_EXPECT_EQ(test, len, 40U);
	KUNIT_EXPECT_EQ(test, tip_tcp_opts_len(o), len);
	KUNIT_ASSERT_EQ(test, tip_tcp_parse_opts(buf, len, false, back), 0);
	KUNIT_EXPECT_EQ(test, back->nsack, 3);
	KUNIT_EXPECT_EQ(test, back->tsval, 7U);
	KUNIT_EXPECT_EQ(test, back->tsecr, 8U);
	KUNIT_EXPECT_EQ(test, back->sack[2].start, o->sack[2].start);

	/* No blocks: no SACK option. */
	o->nsack = 0;
	KUNIT_EXPECT_EQ(test, tip_tcp_opts_len(o), 12U);
	KUNIT_EXPECT_EQ(test, tip_tcp_build_opts(buf, o), 12U);
}

/* opts_len agrees with the builder for every combination. */
static void tip_tcp_wire_test_len_all(struct kunit *test)
{
	struct tip_tcp_opts *o = kunit_kzalloc(test, sizeof(*o), GFP_KERNEL);
	struct tip_tcp_opts *back = kunit_kzalloc(test, sizeof(*back),
						  GFP_KERNEL);
	u8 buf[TIP_TCP_OPT_MAX + 8];
	unsigned int present, n, len;

	KUNIT_ASSERT_NOT_NULL(test, o);
	KUNIT_ASSERT_NOT_NULL(test, back);
	for (present = 0; present < 32; present++) {
		for (n = 0; n <= TIP_TCP_MAX_SACK; n++) {
			o->present = present;
			o->nsack = n;
			o->mss = 1000;
			o->wscale = 3;
			memset(buf, 0xaa, sizeof(buf));
			len = tip_tcp_build_opts(buf, o);
			KUNIT_EXPECT_EQ(test, len, tip_tcp_opts_len(o));
			KUNIT_EXPECT_EQ(test, len % 4, 0U);
			KUNIT_EXPECT_LE(test, len, TIP_TCP_OPT_MAX);
			KUNIT_EXPECT_EQ(test, buf[len], 0xaa);
			KUNIT_EXPECT_EQ(test, tip_tcp_parse_opts(buf, len, true,
								 back), 0);
			/* A SYN keeps everything but the SACK blocks. */
			KUNIT_EXPECT_EQ(test, back->present & ~TIP_TCPOPT_SACK,
					present & ~TIP_TCPOPT_SACK);
		}
	}
}

/* A segment with a 20-byte header and @len bytes of payload. */
static struct sk_buff *tip_test_seg(struct kunit *test, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(64 + 20 + len, GFP_KERNEL);
	struct tcphdr *th;
	unsigned int i;
	u8 *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	skb_reserve(skb, 64);
	th = skb_put_zero(skb, 20);
	th->source = htons(1234);
	th->dest = htons(80);
	th->seq = htonl(0x01020304);
	th->doff = 5;
	th->ack = 1;
	th->window = htons(1000);
	p = skb_put(skb, len);
	for (i = 0; i < len; i++)
		p[i] = i * 7;
	return skb;
}

static void tip_tcp_wire_test_csum(struct kunit *test)
{
	struct sk_buff *skb;
	unsigned int len;

	for (len = 0; len < 40; len += 13) {
		skb = tip_test_seg(test, len);
		tip_tcp_csum_set(skb, TIP_TEST_SRC, TIP_TEST_DST, false);
		KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_NONE);
		KUNIT_EXPECT_TRUE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
							TIP_TEST_DST));
		/* The pseudo-header counts: another address fails. */
		KUNIT_EXPECT_FALSE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
							 htonl(0xc0000203)));
		skb->data[4] ^= 0x40;
		KUNIT_EXPECT_FALSE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
							 TIP_TEST_DST));
		/* What a device or a local sender vouched for is trusted. */
		skb->ip_summed = CHECKSUM_UNNECESSARY;
		KUNIT_EXPECT_TRUE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
							TIP_TEST_DST));
		skb->data[4] ^= 0x40;

		/* A device's full sum, right, then wrong (software decides). */
		skb->ip_summed = CHECKSUM_COMPLETE;
		skb->csum = skb_checksum(skb, 0, skb->len, 0);
		KUNIT_EXPECT_TRUE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
							TIP_TEST_DST));
		skb->csum = 0;
		KUNIT_EXPECT_TRUE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
							TIP_TEST_DST));
		skb->data[20 % skb->len] ^= 1;
		skb->ip_summed = CHECKSUM_NONE;
		KUNIT_EXPECT_FALSE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
							 TIP_TEST_DST));
		kfree_skb(skb);
	}
}

static void tip_tcp_wire_test_csum_partial(struct kunit *test)
{
	struct sk_buff *skb = tip_test_seg(test, 100);
	struct sk_buff *ref = tip_test_seg(test, 100);
	struct tcphdr *th = (struct tcphdr *)skb->data;

	tip_tcp_csum_set(ref, TIP_TEST_SRC, TIP_TEST_DST, false);
	tip_tcp_csum_set(skb, TIP_TEST_SRC, TIP_TEST_DST, true);
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_PARTIAL);
	KUNIT_EXPECT_PTR_EQ(test, skb->head + skb->csum_start,
			    skb->data);
	KUNIT_EXPECT_EQ(test, (unsigned int)skb->csum_offset,
			(unsigned int)offsetof(struct tcphdr, check));
	/* What the device does: fold the sum from csum_start, over the
	 * seeded field, into it. It must equal the software result.
	 */
	th->check = csum_fold(skb_checksum(skb, 0, skb->len, 0));
	KUNIT_EXPECT_EQ(test, (__force u16)th->check,
			(__force u16)((struct tcphdr *)ref->data)->check);
	skb->ip_summed = CHECKSUM_NONE;
	KUNIT_EXPECT_TRUE(test, tip_tcp_csum_ok(skb, TIP_TEST_SRC,
						TIP_TEST_DST));
	kfree_skb(skb);
	kfree_skb(ref);
}

/*
 * IPv6 (RFC 8200 8.1): the sum over the pseudo-header written out by
 * hand (source, destination, 32-bit length, 24 zero bits, next header)
 * and the segment folds to zero; the device's fold of a partial sum
 * gives the same field; another address fails.
 */
static void tip_tcp_wire_test_csum6(struct kunit *test)
{
	static const struct in6_addr src = {
		.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 } };
	static const struct in6_addr dst = {
		.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
	static const struct in6_addr other = {
		.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 3 } };
	struct sk_buff *skb = tip_test_seg(test, 37);
	struct sk_buff *ref = tip_test_seg(test, 37);
	u8 buf[40 + 20 + 37];
	__be32 len = htonl(skb->len);
	u16 want;

	tip_tcp_csum_set6(ref, &src, &dst, false);
	KUNIT_EXPECT_TRUE(test, tip_tcp_csum_ok6(ref, &src, &dst));
	KUNIT_EXPECT_FALSE(test, tip_tcp_csum_ok6(ref, &other, &dst));
	KUNIT_ASSERT_EQ(test, ref->len + 40, (unsigned int)sizeof(buf));
	memset(buf, 0, sizeof(buf));
	memcpy(buf, &src, 16);
	memcpy(buf + 16, &dst, 16);
	memcpy(buf + 32, &len, 4);
	buf[39] = IPPROTO_TCP;
	memcpy(buf + 40, ref->data, ref->len);
	KUNIT_EXPECT_EQ(test, (__force u16)csum_fold(csum_partial(buf,
								  sizeof(buf),
								  0)), 0);

	tip_tcp_csum_set6(skb, &src, &dst, true);
	KUNIT_EXPECT_EQ(test, (int)skb->ip_summed, CHECKSUM_PARTIAL);
	((struct tcphdr *)skb->data)->check =
		csum_fold(skb_checksum(skb, 0, skb->len, 0));
	want = (__force u16)((struct tcphdr *)ref->data)->check;
	KUNIT_EXPECT_EQ(test,
			(__force u16)((struct tcphdr *)skb->data)->check, want);
	kfree_skb(skb);
	kfree_skb(ref);
}

static struct kunit_case tip_tcp_wire_test_cases[] = {
	KUNIT_CASE(tip_tcp_wire_test_seq),
	KUNIT_CASE(tip_tcp_wire_test_parse_syn),
	KUNIT_CASE(tip_tcp_wire_test_parse_wscale),
	KUNIT_CASE(tip_tcp_wire_test_parse_sack),
	KUNIT_CASE(tip_tcp_wire_test_parse_malformed),
	KUNIT_CASE(tip_tcp_wire_test_parse_at_end),
	KUNIT_CASE(tip_tcp_wire_test_parse_eol_unknown),
	KUNIT_CASE(tip_tcp_wire_test_build_syn),
	KUNIT_CASE(tip_tcp_wire_test_build_sack),
	KUNIT_CASE(tip_tcp_wire_test_len_all),
	KUNIT_CASE(tip_tcp_wire_test_csum),
	KUNIT_CASE(tip_tcp_wire_test_csum_partial),
	KUNIT_CASE(tip_tcp_wire_test_csum6),
	{}
};

static struct kunit_suite tip_tcp_wire_test_suite = {
	.name = "tinyip_tcp_wire",
	.test_cases = tip_tcp_wire_test_cases,
};

kunit_test_suite(tip_tcp_wire_test_suite);
