// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the IPv6 fixed header parser and extension header walker
 * (module/ip6_wire.c): each rule of RFC 8200 4, RFC 5095, RFC 6946,
 * RFC 7112 and RFC 8504 5.3 the walker enforces, with the exact verdict,
 * Parameter Problem code and pointer, and every truncation of a chain.
 * Each walk runs on a copy of exactly @len bytes in its own allocation,
 * so that KASAN reports any read past the end.
 */
/* The unit first, as every test here does. */
#include "../module/ip6_wire.c"

#include <kunit/test.h>
#include <linux/in.h>
#include <linux/slab.h>

#define TIP_TEST_BUFLEN		1024
#define TIP_TEST_UDPLEN		8

#define TIP_TEST_TCLASS		0xb8
#define TIP_TEST_FLOW		0xabcde

static const u8 tip_test_saddr[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 };
static const u8 tip_test_daddr[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 2 };

static u8 *tip_test_buf(struct kunit *test)
{
	u8 *buf = kunit_kzalloc(test, TIP_TEST_BUFLEN, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	return buf;
}

/* The fixed header, naming @nh; returns the offset after it. */
static unsigned int tip_test_hdr(u8 *buf, u8 nh)
{
	memset(buf, 0, TIP_TEST_BUFLEN);
	buf[0] = 0x60 | TIP_TEST_TCLASS >> 4;
	buf[1] = (TIP_TEST_TCLASS & 0x0f) << 4 | TIP_TEST_FLOW >> 16;
	buf[2] = (TIP_TEST_FLOW >> 8) & 0xff;
	buf[3] = TIP_TEST_FLOW & 0xff;
	buf[6] = nh;
	buf[7] = 64;
	memcpy(buf + 8, tip_test_saddr, 16);
	memcpy(buf + 24, tip_test_daddr, 16);
	return TIP_IP6_HLEN;
}

/* Appends a header at @off naming @nh, with @blen bytes of @body. */
static unsigned int tip_test_ext(struct kunit *test, u8 *buf,
				 unsigned int off, u8 nh, const u8 *body,
				 unsigned int blen)
{
	KUNIT_ASSERT_EQ(test, (blen + 2) % 8, 0U);
	KUNIT_ASSERT_LE(test, off + 2 + blen, TIP_TEST_BUFLEN);
	buf[off] = nh;
	buf[off + 1] = (blen + 2) / 8 - 1;
	memcpy(buf + off + 2, body, blen);
	return off + 2 + blen;
}

/* An options header of @hlen bytes holding one option to skip (00). */
static unsigned int tip_test_filler(struct kunit *test, u8 *buf,
				    unsigned int off, u8 nh, unsigned int hlen)
{
	KUNIT_ASSERT_GE(test, hlen, 8U);
	KUNIT_ASSERT_LE(test, hlen, 256U);
	KUNIT_ASSERT_EQ(test, hlen % 8, 0U);
	KUNIT_ASSERT_LE(test, off + hlen, TIP_TEST_BUFLEN);
	memset(buf + off, 0, hlen);
	buf[off] = nh;
	buf[off + 1] = hlen / 8 - 1;
	buf[off + 2] = 0x1e;
	buf[off + 3] = hlen - 4;
	return off + hlen;
}

/* A Fragment header; @fo is the host-order offset/flags word. */
static unsigned int tip_test_frag(struct kunit *test, u8 *buf,
				  unsigned int off, u8 nh, u16 fo, u32 id)
{
	u8 body[6] = { fo >> 8, fo & 0xff, id >> 24, (id >> 16) & 0xff,
		       (id >> 8) & 0xff, id & 0xff };

	return tip_test_ext(test, buf, off, nh, body, sizeof(body));
}

/* @n bytes of upper layer after @off; returns the packet length. */
static unsigned int tip_test_end(u8 *buf, unsigned int off, unsigned int n)
{
	unsigned int plen = off - TIP_IP6_HLEN + n;

	buf[4] = plen >> 8;
	buf[5] = plen & 0xff;
	return off + n;
}

static enum tip_ip6_walk tip_test_walk(struct kunit *test, const u8 *buf,
				       unsigned int len,
				       struct tip_ip6_chain *c,
				       struct tip_ip6_perr *e)
{
	u8 *copy = kunit_kmalloc(test, len ? len : 1, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, copy);
	memcpy(copy, buf, len);
	return tip_ip6_exthdr_walk(copy, len, c, e);
}

/* A packet with one options header of type @first holding @body. */
static unsigned int tip_test_opts(struct kunit *test, u8 *buf, u8 first,
				  const u8 *body, unsigned int blen)
{
	unsigned int off = tip_test_hdr(buf, first);

	off = tip_test_ext(test, buf, off, IPPROTO_UDP, body, blen);
	return tip_test_end(buf, off, TIP_TEST_UDPLEN);
}

static void tip_test_expect_perr(struct kunit *test, enum tip_ip6_walk ret,
				 const struct tip_ip6_perr *e, u8 code,
				 u32 pointer, bool mcast_ok)
{
	KUNIT_EXPECT_EQ(test, ret, TIP_IP6_WALK_PERR);
	KUNIT_EXPECT_EQ(test, e->code, code);
	KUNIT_EXPECT_EQ(test, e->pointer, pointer);
	KUNIT_EXPECT_EQ(test, e->mcast_ok, mcast_ok);
}

static void tip_ip6_wire_test_parse_good(struct kunit *test)
{
	struct tip_ip6_view v;
	u8 *buf = tip_test_buf(test);
	unsigned int len;

	len = tip_test_end(buf, tip_test_hdr(buf, IPPROTO_UDP),
			   TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_ip6_wire_parse(buf, len, len, &v), 0);
	KUNIT_EXPECT_EQ(test, v.payload_len, TIP_TEST_UDPLEN);
	KUNIT_EXPECT_EQ(test, v.nexthdr, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, v.hop_limit, 64);
	KUNIT_EXPECT_EQ(test, v.tclass, TIP_TEST_TCLASS);
	KUNIT_EXPECT_EQ(test, v.flowlabel, TIP_TEST_FLOW);
	KUNIT_EXPECT_EQ(test, memcmp(&v.saddr, tip_test_saddr, 16), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&v.daddr, tip_test_daddr, 16), 0);

	/* Only the fixed header readable; link padding after the packet. */
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, 40, len, &v), 0);
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, len, len + 18, &v), 0);

	/* Payload length 0 is no jumbogram here, just an empty payload. */
	len = tip_test_end(buf, tip_test_hdr(buf, IPPROTO_NONE), 0);
	KUNIT_ASSERT_EQ(test, tip_ip6_wire_parse(buf, len, len, &v), 0);
	KUNIT_EXPECT_EQ(test, v.payload_len, 0);
}

static void tip_ip6_wire_test_parse_bad(struct kunit *test)
{
	struct tip_ip6_view v;
	u8 *buf = tip_test_buf(test);
	unsigned int len;

	len = tip_test_end(buf, tip_test_hdr(buf, IPPROTO_UDP),
			   TIP_TEST_UDPLEN);
	buf[0] = 0x40 | (buf[0] & 0x0f);
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);
	buf[0] = 0x70 | (buf[0] & 0x0f);
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);

	len = tip_test_end(buf, tip_test_hdr(buf, IPPROTO_UDP),
			   TIP_TEST_UDPLEN);
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, 39, len, &v),
			TINYIP_DROP_HDR);
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, len, len - 1, &v),
			TINYIP_DROP_HDR);

	/* The largest payload length, far beyond the packet. */
	buf[4] = 0xff;
	buf[5] = 0xff;
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, len, len, &v),
			TINYIP_DROP_HDR);

	len = tip_test_end(buf, tip_test_hdr(buf, IPPROTO_NONE), 0);
	KUNIT_EXPECT_EQ(test, tip_ip6_wire_parse(buf, len, 39, &v),
			TINYIP_DROP_HDR);
}

static void tip_ip6_wire_test_no_exthdr(struct kunit *test)
{
	static const u8 protos[] = { IPPROTO_TCP, IPPROTO_UDP, IPPROTO_ICMPV6,
				     IPPROTO_UDPLITE, IPPROTO_AH, IPPROTO_ESP,
				     IPPROTO_NONE, 253 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int i, len;

	for (i = 0; i < ARRAY_SIZE(protos); i++) {
		len = tip_test_end(buf, tip_test_hdr(buf, protos[i]),
				   TIP_TEST_UDPLEN);
		KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
				TIP_IP6_WALK_OK);
		KUNIT_EXPECT_EQ(test, c.proto, protos[i]);
		KUNIT_EXPECT_EQ(test, c.off, 40);
		KUNIT_EXPECT_EQ(test, c.nh_off, 6);
		KUNIT_EXPECT_EQ(test, c.nexthdrs, 0);
		KUNIT_EXPECT_EQ(test, c.frag_off, 0);
	}

	/* Shorter than the fixed header. */
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, 39, &c, &e),
			TIP_IP6_WALK_DROP);
}

static void tip_ip6_wire_test_hbh_udp(struct kunit *test)
{
	static const u8 padn4[] = { 1, 4, 0, 0, 0, 0 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int len;

	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, padn4, sizeof(padn4));
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, c.off, 48);
	KUNIT_EXPECT_EQ(test, c.nh_off, 40);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 1);
	KUNIT_EXPECT_FALSE(test, c.router_alert);
	KUNIT_EXPECT_EQ(test, c.frag_off, 0);
}

static void tip_ip6_wire_test_hbh_not_first(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	/* Destination Options, then Hop-by-Hop. */
	off = tip_test_hdr(buf, IPPROTO_DSTOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_HOPOPTS, 8);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 8);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     1, 40, false);

	/* Hop-by-Hop twice: the second one is named at offset 40. */
	buf[6] = IPPROTO_HOPOPTS;
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     1, 40, false);

	/* Third in the chain: named by the second header, at 48. */
	off = tip_test_hdr(buf, IPPROTO_HOPOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_DSTOPTS, 8);
	off = tip_test_filler(test, buf, off, IPPROTO_HOPOPTS, 8);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 8);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     1, 48, false);
}

static void tip_ip6_wire_test_opt_actions(struct kunit *test)
{
	static const struct {
		u8 type;
		enum tip_ip6_walk ret;
		bool mcast_ok;
	} cases[] = {
		{ 0x1e, TIP_IP6_WALK_OK, false },	/* 00: skip */
		{ 0x5e, TIP_IP6_WALK_DROP, false },	/* 01: drop */
		{ 0x9e, TIP_IP6_WALK_PERR, true },	/* 10: ICMP always */
		{ 0xde, TIP_IP6_WALK_PERR, false },	/* 11: not to mcast */
	};
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	enum tip_ip6_walk ret;
	unsigned int i, off, len;
	u8 body[6];

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		/* In Hop-by-Hop, after a Pad1: the type is at 43. */
		body[0] = 0;
		body[1] = cases[i].type;
		body[2] = 3;
		body[3] = 0xaa;
		body[4] = 0xbb;
		body[5] = 0xcc;
		len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, body,
				    sizeof(body));
		ret = tip_test_walk(test, buf, len, &c, &e);
		KUNIT_EXPECT_EQ(test, ret, cases[i].ret);
		if (cases[i].ret == TIP_IP6_WALK_OK)
			KUNIT_EXPECT_EQ(test, c.off, 48);
		if (cases[i].ret == TIP_IP6_WALK_PERR)
			tip_test_expect_perr(test, ret, &e, 2, 43,
					     cases[i].mcast_ok);

		/* In Destination Options after Hop-by-Hop: at 52. */
		off = tip_test_hdr(buf, IPPROTO_HOPOPTS);
		off = tip_test_filler(test, buf, off, IPPROTO_DSTOPTS, 8);
		body[0] = 1;
		body[1] = 0;
		body[2] = cases[i].type;
		body[3] = 2;
		body[4] = 0;
		body[5] = 0;
		off = tip_test_ext(test, buf, off, IPPROTO_UDP, body,
				   sizeof(body));
		len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
		ret = tip_test_walk(test, buf, len, &c, &e);
		KUNIT_EXPECT_EQ(test, ret, cases[i].ret);
		if (cases[i].ret == TIP_IP6_WALK_OK)
			KUNIT_EXPECT_EQ(test, c.off, 56);
		if (cases[i].ret == TIP_IP6_WALK_PERR)
			tip_test_expect_perr(test, ret, &e, 2, 52,
					     cases[i].mcast_ok);
	}
}

static void tip_ip6_wire_test_router_alert(struct kunit *test)
{
	static const u8 ra[] = { 5, 2, 0x01, 0x02, 1, 0 };
	static const u8 ra_bad[] = { 0, 5, 3, 0, 0, 0 };
	static const u8 ra_short[] = { 5, 1, 0, 1, 2, 0 };
	static const u8 tel[] = { 4, 1, 3, 1, 1, 0 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int len;

	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, ra, sizeof(ra));
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_TRUE(test, c.router_alert);
	KUNIT_EXPECT_EQ(test, c.ra_value, 0x0102);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_UDP);

	/* Length 3, then 1: the pointer names the length byte. */
	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, ra_bad,
			    sizeof(ra_bad));
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     0, 44, false);
	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, ra_short,
			    sizeof(ra_short));
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     0, 43, false);

	/* Only Hop-by-Hop carries it: in Destination Options it is 00. */
	len = tip_test_opts(test, buf, IPPROTO_DSTOPTS, ra, sizeof(ra));
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_FALSE(test, c.router_alert);

	/* Tunnel Encapsulation Limit in Destination Options is skipped. */
	len = tip_test_opts(test, buf, IPPROTO_DSTOPTS, tel, sizeof(tel));
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.off, 48);
}

static void tip_ip6_wire_test_jumbo(struct kunit *test)
{
	static const u8 jumbo[] = { 0xc2, 4, 0, 1, 0, 0 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int len;

	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, jumbo, sizeof(jumbo));
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     0, 42, false);

	/* Not a Destination option: its action bits 11 decide. */
	len = tip_test_opts(test, buf, IPPROTO_DSTOPTS, jumbo, sizeof(jumbo));
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     2, 42, false);
}

static void tip_ip6_wire_test_padding(struct kunit *test)
{
	/* Pad1 + PadN(6): 7 bytes, then an option. */
	static const u8 pad7[] = { 0, 1, 4, 0, 0, 0, 0,
				   0x1e, 5, 0, 0, 0, 0, 0 };
	/* Two Pad1 + PadN(6): 8 bytes. */
	static const u8 pad8[] = { 0, 0, 1, 4, 0, 0, 0, 0,
				   0x1e, 4, 0, 0, 0, 0 };
	static const u8 pad1x8[] = { 0, 0, 0, 0, 0, 0, 0, 0,
				     0x1e, 4, 0, 0, 0, 0 };
	/* PadN(8) alone. */
	static const u8 padn8[] = { 1, 6, 0, 0, 0, 0, 0, 0,
				    0x1e, 4, 0, 0, 0, 0 };
	/* 6 + 6 bytes of padding, apart: each run is short enough. */
	static const u8 split[] = { 1, 4, 0, 0, 0, 0, 0x1e, 0,
				    1, 4, 0, 0, 0, 0 };
	/* 14 trailing bytes of padding at the end of the header. */
	static const u8 tail[] = { 1, 12, 0, 0, 0, 0, 0, 0,
				   0, 0, 0, 0, 0, 0 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int len;

	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, pad7, sizeof(pad7));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.off, 56);
	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, split, sizeof(split));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);

	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, pad8, sizeof(pad8));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
	len = tip_test_opts(test, buf, IPPROTO_DSTOPTS, pad1x8,
			    sizeof(pad1x8));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, padn8, sizeof(padn8));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
	len = tip_test_opts(test, buf, IPPROTO_DSTOPTS, tail, sizeof(tail));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
}

static void tip_ip6_wire_test_opt_past_end(struct kunit *test)
{
	static const u8 data[] = { 0x1e, 5, 0, 0, 0, 0 };
	static const u8 padn[] = { 1, 5, 0, 0, 0, 0 };
	static const u8 lone[] = { 1, 3, 0, 0, 0, 0x1e };
	static const u8 huge[] = { 0, 0xde, 0xff, 0, 0, 0 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int len;

	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, data, sizeof(data));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
	len = tip_test_opts(test, buf, IPPROTO_DSTOPTS, padn, sizeof(padn));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
	/* A type in the last byte: its length byte is outside. */
	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, lone, sizeof(lone));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
	/* The length is checked before the action bits are obeyed. */
	len = tip_test_opts(test, buf, IPPROTO_HOPOPTS, huge, sizeof(huge));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
}

static void tip_ip6_wire_test_opts_max(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int i, n, len;
	u8 body[22];

	/*
	 * n empty options (2 bytes each), then PadN to a multiple of 8,
	 * in 22 bytes of body either way, padding runs interleaved.
	 */
	for (n = TIP_IP6_OPTS_MAX; n <= TIP_IP6_OPTS_MAX + 1; n++) {
		memset(body, 0, sizeof(body));
		for (i = 0; i < n; i++)
			body[2 * i] = 0x1e;
		body[2 * n] = 1;
		body[2 * n + 1] = sizeof(body) - 2 * n - 2;
		len = tip_test_opts(test, buf, IPPROTO_DSTOPTS, body,
				    sizeof(body));
		KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
				n > TIP_IP6_OPTS_MAX ? TIP_IP6_WALK_DROP :
						       TIP_IP6_WALK_OK);
	}
}

static void tip_ip6_wire_test_routing(struct kunit *test)
{
	static const u8 srh_sl0[] = { 4, 0, 0, 0, 0, 0 };
	static const u8 rh0_sl0[] = { 0, 0, 0, 0, 0, 0 };
	u8 rh0_sl2[38] = { 0, 2 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	len = tip_test_opts(test, buf, IPPROTO_ROUTING, srh_sl0,
			    sizeof(srh_sl0));
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, c.off, 48);
	KUNIT_EXPECT_EQ(test, c.nh_off, 40);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 1);

	/* RFC 5095: a type 0 with nothing left is simply ignored. */
	len = tip_test_opts(test, buf, IPPROTO_ROUTING, rh0_sl0,
			    sizeof(rh0_sl0));
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);

	/* Type 0, two segments left: the type byte is at 42. */
	memcpy(rh0_sl2 + 6, tip_test_saddr, 16);
	memcpy(rh0_sl2 + 22, tip_test_daddr, 16);
	len = tip_test_opts(test, buf, IPPROTO_ROUTING, rh0_sl2,
			    sizeof(rh0_sl2));
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     0, 42, false);
	/* The same after Hop-by-Hop: at 50. */
	off = tip_test_hdr(buf, IPPROTO_HOPOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_ROUTING, 8);
	off = tip_test_ext(test, buf, off, IPPROTO_UDP, rh0_sl2,
			   sizeof(rh0_sl2));
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     0, 50, false);
}

static void tip_ip6_wire_test_atomic_frag(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	off = tip_test_hdr(buf, IPPROTO_FRAGMENT);
	off = tip_test_frag(test, buf, off, IPPROTO_UDP, 0, 0xdeadbeef);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, c.off, 48);
	KUNIT_EXPECT_EQ(test, c.nh_off, 40);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 1);
	KUNIT_EXPECT_EQ(test, c.frag_off, 0);
	KUNIT_EXPECT_EQ(test, c.frag_offset, 0);
	KUNIT_EXPECT_FALSE(test, c.frag_more);

	/* The reserved bits (and the reserved byte) change nothing. */
	buf[41] = 0xff;
	buf[43] = 0x06;
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.frag_off, 0);
}

static void tip_ip6_wire_test_first_frag(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	/* HBH (40), Fragment (48), Destination (56), UDP at 64. */
	off = tip_test_hdr(buf, IPPROTO_HOPOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_FRAGMENT, 8);
	off = tip_test_frag(test, buf, off, IPPROTO_DSTOPTS, 0x0001,
			    0x12345678);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 8);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_FRAG);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_UDP);
	KUNIT_EXPECT_EQ(test, c.off, 64);
	KUNIT_EXPECT_EQ(test, c.nh_off, 56);
	KUNIT_EXPECT_EQ(test, c.frag_off, 48);
	KUNIT_EXPECT_EQ(test, c.frag_nh_off, 40);
	KUNIT_EXPECT_EQ(test, c.frag_offset, 0);
	KUNIT_EXPECT_TRUE(test, c.frag_more);
	KUNIT_EXPECT_EQ(test, ntohl(c.frag_id), 0x12345678U);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 3);

	/* The headers after it are checked as in a whole packet. */
	buf[56] = IPPROTO_HOPOPTS;
	tip_test_expect_perr(test, tip_test_walk(test, buf, len, &c, &e), &e,
			     1, 56, false);
	buf[56] = IPPROTO_UDP;

	/* A first fragment with nothing after the chain: No Next Header. */
	buf[56] = IPPROTO_NONE;
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, 64, &c, &e),
			TIP_IP6_WALK_FRAG);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_NONE);
}

static void tip_ip6_wire_test_first_frag_cut(struct kunit *test)
{
	static const unsigned int cuts[] = { 48, 49, 50, 56, 63, 64 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int i, off, len;

	/* Fragment (40), Destination of 16 bytes (48), UDP at 64. */
	off = tip_test_hdr(buf, IPPROTO_FRAGMENT);
	off = tip_test_frag(test, buf, off, IPPROTO_DSTOPTS, 0x0001, 7);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 16);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_FRAG);
	KUNIT_EXPECT_EQ(test, c.off, 64);

	/*
	 * The fragment ends in or right after the Destination header: the
	 * chain (upper-layer header included) is incomplete.
	 */
	for (i = 0; i < ARRAY_SIZE(cuts); i++) {
		buf[4] = 0;
		buf[5] = cuts[i] - TIP_IP6_HLEN;
		tip_test_expect_perr(test,
				     tip_test_walk(test, buf, cuts[i], &c, &e),
				     &e, 3, 0, false);
	}
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, 65, &c, &e),
			TIP_IP6_WALK_FRAG);
}

static void tip_ip6_wire_test_later_frag(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	/*
	 * Offset 1480, more to come, and after it bytes that would be a
	 * misplaced Hop-by-Hop header with a bad option if they were walked:
	 * they are data of the reassembled datagram, not looked at now.
	 */
	off = tip_test_hdr(buf, IPPROTO_FRAGMENT);
	off = tip_test_frag(test, buf, off, IPPROTO_HOPOPTS, 1480 | 1,
			    0xcafe);
	memset(buf + off, 0xff, 16);
	len = tip_test_end(buf, off, 16);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_FRAG);
	KUNIT_EXPECT_EQ(test, c.frag_off, 40);
	KUNIT_EXPECT_EQ(test, c.frag_nh_off, 6);
	KUNIT_EXPECT_EQ(test, c.frag_offset, 1480);
	KUNIT_EXPECT_TRUE(test, c.frag_more);
	KUNIT_EXPECT_EQ(test, ntohl(c.frag_id), 0xcafeU);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 1);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_HOPOPTS);
	KUNIT_EXPECT_EQ(test, c.off, 48);
	KUNIT_EXPECT_EQ(test, c.nh_off, 40);

	/* The last fragment: offset 8, M clear, nothing after it at all. */
	off = tip_test_hdr(buf, IPPROTO_FRAGMENT);
	off = tip_test_frag(test, buf, off, IPPROTO_UDP, 8, 1);
	len = tip_test_end(buf, off, 0);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_FRAG);
	KUNIT_EXPECT_EQ(test, c.frag_offset, 8);
	KUNIT_EXPECT_FALSE(test, c.frag_more);
}

static void tip_ip6_wire_test_two_frags(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	off = tip_test_hdr(buf, IPPROTO_FRAGMENT);
	off = tip_test_frag(test, buf, off, IPPROTO_FRAGMENT, 1, 1);
	off = tip_test_frag(test, buf, off, IPPROTO_UDP, 1, 2);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);

	/* An atomic fragment does not make a second header acceptable. */
	off = tip_test_hdr(buf, IPPROTO_FRAGMENT);
	off = tip_test_frag(test, buf, off, IPPROTO_DSTOPTS, 0, 1);
	off = tip_test_filler(test, buf, off, IPPROTO_FRAGMENT, 8);
	off = tip_test_frag(test, buf, off, IPPROTO_UDP, 0, 2);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);
}

static void tip_ip6_wire_test_ext_max(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int i, n, off, len;

	for (n = TIP_IP6_EXT_MAX; n <= TIP_IP6_EXT_MAX + 1; n++) {
		off = tip_test_hdr(buf, IPPROTO_DSTOPTS);
		for (i = 0; i < n; i++)
			off = tip_test_filler(test, buf, off,
					      i + 1 < n ? IPPROTO_DSTOPTS :
							  IPPROTO_UDP, 8);
		len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
		if (n > TIP_IP6_EXT_MAX) {
			KUNIT_EXPECT_EQ(test,
					tip_test_walk(test, buf, len, &c, &e),
					TIP_IP6_WALK_DROP);
			continue;
		}
		KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
				TIP_IP6_WALK_OK);
		KUNIT_EXPECT_EQ(test, c.nexthdrs, n);
		KUNIT_EXPECT_EQ(test, c.off, 40 + 8 * n);
	}
}

static void tip_ip6_wire_test_chain_max(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	/* Two 256-byte headers: exactly 512. */
	off = tip_test_hdr(buf, IPPROTO_DSTOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_DSTOPTS, 256);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 256);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.off, 552);

	/* 256 + 256 + 8: over by 8. */
	off = tip_test_hdr(buf, IPPROTO_DSTOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_DSTOPTS, 256);
	off = tip_test_filler(test, buf, off, IPPROTO_DSTOPTS, 256);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 8);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_DROP);

	/* One header of the largest length, 2048 bytes, cut at 560. */
	off = tip_test_hdr(buf, IPPROTO_DSTOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 8);
	buf[41] = 0xff;
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, 560, &c, &e),
			TIP_IP6_WALK_DROP);
}

static void tip_ip6_wire_test_hdr_past_len(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	off = tip_test_hdr(buf, IPPROTO_DSTOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 32);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.off, 72);

	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, 56, &c, &e),
			TIP_IP6_WALK_DROP);
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, 41, &c, &e),
			TIP_IP6_WALK_DROP);
	/* The length byte claims one more 8-byte unit than there is. */
	buf[41] = 4;
	KUNIT_EXPECT_EQ(test, tip_test_walk(test, buf, 72, &c, &e),
			TIP_IP6_WALK_DROP);
}

static void tip_ip6_wire_test_no_next(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	/* Bytes after No Next Header are ignored (RFC 8200 4.7). */
	off = tip_test_hdr(buf, IPPROTO_DSTOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_NONE, 8);
	memset(buf + off, 0xff, 8);
	len = tip_test_end(buf, off, 8);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_NONE);
	KUNIT_EXPECT_EQ(test, c.off, 48);
	KUNIT_EXPECT_EQ(test, c.nh_off, 40);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 1);
}

static void tip_ip6_wire_test_unknown_nh(struct kunit *test)
{
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	unsigned int off, len;

	off = tip_test_hdr(buf, IPPROTO_HOPOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_DSTOPTS, 8);
	off = tip_test_filler(test, buf, off, 253, 16);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.proto, 253);
	KUNIT_EXPECT_EQ(test, c.off, 64);
	KUNIT_EXPECT_EQ(test, c.nh_off, 48);
	KUNIT_EXPECT_EQ(test, buf[c.nh_off], 253);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 2);

	/* AH ends the walk too: tinyip has no IPsec to walk it with. */
	buf[48] = IPPROTO_AH;
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_EXPECT_EQ(test, c.proto, IPPROTO_AH);
	KUNIT_EXPECT_EQ(test, c.off, 64);
}

static void tip_ip6_wire_test_truncations(struct kunit *test)
{
	static const u8 hbh_ra[] = { 5, 2, 0, 0, 1, 0 };
	static const u8 rh_sl0[] = { 0, 0, 0, 0, 0, 0 };
	struct tip_ip6_chain c;
	struct tip_ip6_perr e;
	u8 *buf = tip_test_buf(test);
	enum tip_ip6_walk ret;
	unsigned int off, len, t;

	/* HBH (40, 8), Destination (48, 16), Routing (64, 8), UDP at 72. */
	off = tip_test_hdr(buf, IPPROTO_HOPOPTS);
	off = tip_test_ext(test, buf, off, IPPROTO_DSTOPTS, hbh_ra,
			   sizeof(hbh_ra));
	off = tip_test_filler(test, buf, off, IPPROTO_ROUTING, 16);
	off = tip_test_ext(test, buf, off, IPPROTO_UDP, rh_sl0,
			   sizeof(rh_sl0));
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_OK);
	KUNIT_ASSERT_EQ(test, c.off, 72);
	KUNIT_EXPECT_EQ(test, c.nexthdrs, 3);
	KUNIT_EXPECT_TRUE(test, c.router_alert);

	for (t = 0; t < 72; t++) {
		ret = tip_test_walk(test, buf, t, &c, &e);
		KUNIT_EXPECT_EQ_MSG(test, ret, TIP_IP6_WALK_DROP,
				    "cut at %u", t);
	}

	/* HBH (40), Fragment (48), Destination (56, 16), UDP at 72. */
	off = tip_test_hdr(buf, IPPROTO_HOPOPTS);
	off = tip_test_filler(test, buf, off, IPPROTO_FRAGMENT, 8);
	off = tip_test_frag(test, buf, off, IPPROTO_DSTOPTS, 1, 9);
	off = tip_test_filler(test, buf, off, IPPROTO_UDP, 16);
	len = tip_test_end(buf, off, TIP_TEST_UDPLEN);
	KUNIT_ASSERT_EQ(test, tip_test_walk(test, buf, len, &c, &e),
			TIP_IP6_WALK_FRAG);
	KUNIT_ASSERT_EQ(test, c.off, 72);

	/*
	 * Cut before the Fragment header is whole: a broken packet. After:
	 * a first fragment with an incomplete chain (RFC 7112), up to and
	 * including a cut right where the upper-layer header would start.
	 */
	for (t = 0; t <= 72; t++) {
		ret = tip_test_walk(test, buf, t, &c, &e);
		if (t < 56) {
			KUNIT_EXPECT_EQ_MSG(test, ret, TIP_IP6_WALK_DROP,
					    "cut at %u", t);
			continue;
		}
		KUNIT_EXPECT_EQ_MSG(test, ret, TIP_IP6_WALK_PERR,
				    "cut at %u", t);
		KUNIT_EXPECT_EQ_MSG(test, e.code, 3, "cut at %u", t);
		KUNIT_EXPECT_EQ_MSG(test, e.pointer, 0, "cut at %u", t);
	}
}

static struct kunit_case tip_ip6_wire_test_cases[] = {
	KUNIT_CASE(tip_ip6_wire_test_parse_good),
	KUNIT_CASE(tip_ip6_wire_test_parse_bad),
	KUNIT_CASE(tip_ip6_wire_test_no_exthdr),
	KUNIT_CASE(tip_ip6_wire_test_hbh_udp),
	KUNIT_CASE(tip_ip6_wire_test_hbh_not_first),
	KUNIT_CASE(tip_ip6_wire_test_opt_actions),
	KUNIT_CASE(tip_ip6_wire_test_router_alert),
	KUNIT_CASE(tip_ip6_wire_test_jumbo),
	KUNIT_CASE(tip_ip6_wire_test_padding),
	KUNIT_CASE(tip_ip6_wire_test_opt_past_end),
	KUNIT_CASE(tip_ip6_wire_test_opts_max),
	KUNIT_CASE(tip_ip6_wire_test_routing),
	KUNIT_CASE(tip_ip6_wire_test_atomic_frag),
	KUNIT_CASE(tip_ip6_wire_test_first_frag),
	KUNIT_CASE(tip_ip6_wire_test_first_frag_cut),
	KUNIT_CASE(tip_ip6_wire_test_later_frag),
	KUNIT_CASE(tip_ip6_wire_test_two_frags),
	KUNIT_CASE(tip_ip6_wire_test_ext_max),
	KUNIT_CASE(tip_ip6_wire_test_chain_max),
	KUNIT_CASE(tip_ip6_wire_test_hdr_past_len),
	KUNIT_CASE(tip_ip6_wire_test_no_next),
	KUNIT_CASE(tip_ip6_wire_test_unknown_nh),
	KUNIT_CASE(tip_ip6_wire_test_truncations),
	{}
};

static struct kunit_suite tip_ip6_wire_test_suite = {
	.name = "tinyip_ip6_wire",
	.test_cases = tip_ip6_wire_test_cases,
};

kunit_test_suite(tip_ip6_wire_test_suite);
