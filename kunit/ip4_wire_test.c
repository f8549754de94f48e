// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the IPv4 header parser (module/ip4_wire.c): a good
 * header, each field that can be wrong, and options whose lengths are
 * zero, too long or run past the header, which must be refused rather
 * than walked.
 */
/* The unit first, as every test here does. */
#include "../module/ip4_wire.c"

#include <kunit/test.h>

/* A 20-byte header plus @optlen bytes of @opts, then 8 bytes of data. */
static unsigned int tip_test_hdr(u8 *buf, const u8 *opts, unsigned int optlen)
{
	struct iphdr *iph = (struct iphdr *)buf;
	unsigned int hlen = sizeof(*iph) + optlen;

	memset(buf, 0, hlen + 8);
	iph->version = 4;
	iph->ihl = hlen / 4;
	iph->tot_len = htons(hlen + 8);
	iph->id = htons(0x1234);
	iph->frag_off = htons(IP_DF);
	iph->ttl = 64;
	iph->protocol = IPPROTO_UDP;
	iph->saddr = htonl(0xc0000201);
	iph->daddr = htonl(0xc0000202);
	memcpy(iph + 1, opts, optlen);
	iph->check = ip_fast_csum(buf, iph->ihl);
	return hlen + 8;
}

static void tip_test_fix_csum(u8 *buf)
{
	struct iphdr *iph = (struct iphdr *)buf;

	iph->check = 0;
	iph->check = ip_fast_csum(buf, iph->ihl);
}

static void tip_ip4_wire_test_good(struct kunit *test)
{
	struct tip_ip4_view v;
	u8 buf[80];
	unsigned int len = tip_test_hdr(buf, NULL, 0);

	KUNIT_ASSERT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v), 0);
	KUNIT_EXPECT_EQ(test, v.hlen, 20);
	KUNIT_EXPECT_EQ(test, v.tot_len, 28);
	KUNIT_EXPECT_TRUE(test, v.df);
	KUNIT_EXPECT_FALSE(test, v.mf);
	KUNIT_EXPECT_EQ(test, v.frag_off, 0);
	KUNIT_EXPECT_EQ(test, v.proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, v.opt_flags, 0);
	/* Link padding after the datagram is allowed. */
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len + 18, &v), 0);
}

static void tip_ip4_wire_test_bad_fields(struct kunit *test)
{
	struct iphdr *iph;
	struct tip_ip4_view v;
	u8 buf[80];
	unsigned int len;

	len = tip_test_hdr(buf, NULL, 0);
	iph = (struct iphdr *)buf;
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, 19, 19, &v),
			TINYIP_DROP_HDR);

	iph->version = 6;
	tip_test_fix_csum(buf);
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);

	len = tip_test_hdr(buf, NULL, 0);
	iph->ihl = 4;
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);

	/* IHL beyond the bytes we have. */
	len = tip_test_hdr(buf, NULL, 0);
	iph->ihl = 15;
	tip_test_fix_csum(buf);
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);

	/* Total length larger than the frame, then smaller than IHL. */
	len = tip_test_hdr(buf, NULL, 0);
	iph->tot_len = htons(len + 1);
	tip_test_fix_csum(buf);
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);
	iph->tot_len = htons(19);
	tip_test_fix_csum(buf);
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);

	len = tip_test_hdr(buf, NULL, 0);
	iph->ttl--;
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_CSUM);
}

static void tip_ip4_wire_test_options(struct kunit *test)
{
	static const u8 ra[] = { 1, 0x94, 4, 0, 0, 1, 1, 0 };
	static const u8 lsrr[] = { 0x83, 7, 4, 192, 0, 2, 9, 0 };
	static const u8 eol_junk[] = { 0, 0xff, 0xff, 0xff };
	static const u8 zero_len[] = { 0x44, 0, 0, 0 };
	static const u8 one_len[] = { 0x07, 1, 0, 0 };
	static const u8 too_long[] = { 0x44, 9, 5, 0, 0, 0, 0, 0 };
	static const u8 past_end[] = { 1, 1, 1, 0x07 };
	static const u8 bad_ra[] = { 0x94, 3, 0, 1 };
	static const u8 unknown[] = { 0x9e, 4, 0xaa, 0xbb };
	struct tip_ip4_view v;
	u8 buf[80];
	unsigned int len;

	len = tip_test_hdr(buf, ra, sizeof(ra));
	KUNIT_ASSERT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v), 0);
	KUNIT_EXPECT_EQ(test, v.hlen, 28);
	KUNIT_EXPECT_EQ(test, v.opt_flags, TIP_IP4_OPT_RA);

	len = tip_test_hdr(buf, lsrr, sizeof(lsrr));
	KUNIT_ASSERT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v), 0);
	KUNIT_EXPECT_EQ(test, v.opt_flags, TIP_IP4_OPT_SRR);

	len = tip_test_hdr(buf, eol_junk, sizeof(eol_junk));
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v), 0);
	len = tip_test_hdr(buf, unknown, sizeof(unknown));
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v), 0);

	len = tip_test_hdr(buf, zero_len, sizeof(zero_len));
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);
	len = tip_test_hdr(buf, one_len, sizeof(one_len));
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);
	len = tip_test_hdr(buf, too_long, sizeof(too_long));
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);
	len = tip_test_hdr(buf, past_end, sizeof(past_end));
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);
	len = tip_test_hdr(buf, bad_ra, sizeof(bad_ra));
	KUNIT_EXPECT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);
}

static void tip_ip4_wire_test_frag_fields(struct kunit *test)
{
	struct iphdr *iph;
	struct tip_ip4_view v;
	u8 buf[80];
	unsigned int len;

	len = tip_test_hdr(buf, NULL, 0);
	iph = (struct iphdr *)buf;
	iph->frag_off = htons(IP_MF | 185);
	tip_test_fix_csum(buf);
	KUNIT_ASSERT_EQ(test, tip_ip4_wire_parse(buf, len, len, &v), 0);
	KUNIT_EXPECT_TRUE(test, v.mf);
	KUNIT_EXPECT_FALSE(test, v.df);
	KUNIT_EXPECT_EQ(test, v.frag_off, 1480);
}

static void tip_ip4_wire_test_opts_for_frag(struct kunit *test)
{
	/* NOP, RR (not copied), RA (copied), LSRR-like 0x83 (copied). */
	static const u8 opts[] = { 1, 0x07, 3, 4, 0x94, 4, 0, 0,
				   0x83, 3, 4, 0 };
	u8 out[sizeof(opts)];
	unsigned int n;

	n = tip_ip4_opts_for_frag(opts, sizeof(opts), out);
	KUNIT_ASSERT_EQ(test, n, 8U);
	KUNIT_EXPECT_EQ(test, out[0], 0x94);
	KUNIT_EXPECT_EQ(test, out[4], 0x83);
	KUNIT_EXPECT_EQ(test, out[7], 0);
}

static struct kunit_case tip_ip4_wire_test_cases[] = {
	KUNIT_CASE(tip_ip4_wire_test_good),
	KUNIT_CASE(tip_ip4_wire_test_bad_fields),
	KUNIT_CASE(tip_ip4_wire_test_options),
	KUNIT_CASE(tip_ip4_wire_test_frag_fields),
	KUNIT_CASE(tip_ip4_wire_test_opts_for_frag),
	{}
};

static struct kunit_suite tip_ip4_wire_test_suite = {
	.name = "tinyip_ip4_wire",
	.test_cases = tip_ip4_wire_test_cases,
};

kunit_test_suite(tip_ip4_wire_test_suite);
