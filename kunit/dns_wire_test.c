// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the DNS message code (module/dns_wire.c; RFC 1035 4.1,
 * RFC 3596, RFC 2308 5, RFC 5452 9.1): names to wire form and back, the
 * query, valid answers (A, AAAA, CNAME, compressed names, NXDOMAIN with
 * its SOA, TC), and each malicious shape of AMNESIA:33 and NAME:WRECK
 * refused with its own class.
 */
/* The unit first, as for every pure unit under test. */
#include "../module/dns_wire.c"

#include <kunit/test.h>
#include <net/ipv6.h>

#define ID	0x1234

/* www.example.test in wire form. */
static const u8 qname[] = "\3www\7example\4test";
#define QLEN	(sizeof(qname))	/* with the root label */

/* A response header, the question, and what the test appends. */
struct msg {
	u8 b[1024];
	unsigned int len;
};

/* Messages live on the heap: a kernel stack frame is 1 KiB at most. */
static struct msg *new_msg(struct kunit *test)
{
	struct msg *m = kunit_kzalloc(test, sizeof(*m), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, m);
	return m;
}

static void put(struct msg *m, const void *p, unsigned int n)
{
	memcpy(m->b + m->len, p, n);
	m->len += n;
}

static void put16m(struct msg *m, u16 v)
{
	u8 b[2] = { v >> 8, v };

	put(m, b, 2);
}

static void put32m(struct msg *m, u32 v)
{
	put16m(m, v >> 16);
	put16m(m, v);
}

static void hdr(struct msg *m, u16 flags, u16 qd, u16 an, u16 ns, u16 ar)
{
	m->len = 0;
	put16m(m, ID);
	put16m(m, flags);
	put16m(m, qd);
	put16m(m, an);
	put16m(m, ns);
	put16m(m, ar);
}

static void question(struct msg *m, u16 type)
{
	put(m, qname, QLEN);
	put16m(m, type);
	put16m(m, 1);
}

/* An answer for the question's name (pointer to offset 12). */
static void rr_a(struct msg *m, u32 ttl, const u8 *a, u16 rdlen, u16 type)
{
	put16m(m, 0xc00c);
	put16m(m, type);
	put16m(m, 1);
	put32m(m, ttl);
	put16m(m, rdlen);
	put(m, a, rdlen);
}

static int parse(struct msg *m, u16 type, struct tip_dns_answer *ans)
{
	return tip_dns_parse_response(m->b, m->len, ID, qname, QLEN, type,
				      false, ans);
}

static void tip_dns_wire_test_names(struct kunit *test)
{
	u8 w[TIP_DNS_NAME_MAX];
	char t[TIP_DNS_TEXT_MAX + 1];
	char *longname = kunit_kzalloc(test, 300, GFP_KERNEL);
	int n;

	KUNIT_ASSERT_NOT_NULL(test, longname);
	n = tip_dns_name_to_wire("www.example.test", w);
	KUNIT_ASSERT_EQ(test, n, (int)QLEN);
	KUNIT_EXPECT_EQ(test, memcmp(w, qname, QLEN), 0);
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire("www.example.test.", w),
			(int)QLEN);
	tip_dns_name_to_text(w, t);
	KUNIT_EXPECT_STREQ(test, t, "www.example.test");
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire("", w), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire("a..b", w), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire(".", w), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire("a b.test", w), -EINVAL);
	/* a 64-byte label */
	memset(longname, 'a', 64);
	strscpy(longname + 64, ".test", 6);
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire(longname, w), -EINVAL);
	/* 254 bytes of text: over RFC 1035's 255 in wire form */
	memset(longname, 'a', 300);
	/* no dot at 252: the 253-byte name below must not end in one */
	for (n = 10; n < 252; n += 11)
		longname[n] = '.';
	longname[254] = 0;
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire(longname, w),
			-ENAMETOOLONG);
	longname[253] = 0;
	KUNIT_EXPECT_EQ(test, tip_dns_name_to_wire(longname, w), 255);
	KUNIT_EXPECT_TRUE(test, tip_dns_name_eq(qname, QLEN,
						(const u8 *)"\3WWW\7Example\4TEST",
						QLEN));
}

static void tip_dns_wire_test_query(struct kunit *test)
{
	u8 buf[300];
	int n = tip_dns_build_query(buf, sizeof(buf), ID, qname, QLEN, 28,
				    false);

	KUNIT_ASSERT_EQ(test, n, (int)(12 + QLEN + 4));
	KUNIT_EXPECT_EQ(test, buf[0], 0x12);
	KUNIT_EXPECT_EQ(test, buf[1], 0x34);
	KUNIT_EXPECT_EQ(test, buf[2], 0x01);	/* RD */
	KUNIT_EXPECT_EQ(test, buf[5], 1);	/* QDCOUNT */
	KUNIT_EXPECT_EQ(test, buf[12 + QLEN + 1], 28);
	KUNIT_EXPECT_EQ(test, tip_dns_build_query(buf, 20, ID, qname, QLEN,
						  1, false), -EMSGSIZE);
	/* mDNS: no RD, QU bit in the class (RFC 6762 5.4) */
	n = tip_dns_build_query(buf, sizeof(buf), 0, qname, QLEN, 1, true);
	KUNIT_EXPECT_EQ(test, buf[2], 0);
	KUNIT_EXPECT_EQ(test, buf[12 + QLEN + 2], 0x80);
}

static void tip_dns_wire_test_answers(struct kunit *test)
{
	static const u8 a1[4] = { 192, 0, 2, 10 }, a2[4] = { 192, 0, 2, 11 };
	static const u8 a6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 0x10 };
	struct tip_dns_answer ans;
	struct msg *m = new_msg(test);

	hdr(m, 0x8180, 1, 2, 0, 0);
	question(m, 1);
	rr_a(m, 300, a1, 4, 1);
	rr_a(m, 100, a2, 4, 1);
	KUNIT_ASSERT_EQ(test, parse(m, 1, &ans), 0);
	KUNIT_EXPECT_EQ(test, ans.naddr, 2U);
	KUNIT_EXPECT_EQ(test, ans.ttl, 100U);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_v4mapped(&ans.addr[0]));
	KUNIT_EXPECT_EQ(test, memcmp(&ans.addr[1].s6_addr[12], a2, 4), 0);

	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 28);
	rr_a(m, 60, a6, 16, 28);
	KUNIT_ASSERT_EQ(test, parse(m, 28, &ans), 0);
	KUNIT_EXPECT_EQ(test, memcmp(&ans.addr[0], a6, 16), 0);

	/* A CNAME to a name whose A follows (compressed against it). */
	hdr(m, 0x8180, 1, 2, 0, 0);
	question(m, 1);
	put16m(m, 0xc00c);
	put16m(m, TIP_DNS_TYPE_CNAME);
	put16m(m, 1);
	put32m(m, 50);
	put16m(m, 6);
	put(m, "\3web\xc0\x10", 6);	/* web.example.test */
	put16m(m, 0xc000 | (m->len - 6));
	put16m(m, 1);
	put16m(m, 1);
	put32m(m, 500);
	put16m(m, 4);
	put(m, a1, 4);
	KUNIT_ASSERT_EQ(test, parse(m, 1, &ans), 0);
	KUNIT_EXPECT_EQ(test, ans.naddr, 1U);
	KUNIT_EXPECT_EQ(test, ans.ttl, 50U);

	/* An answer for another name is not believed (RFC 5452). */
	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 1);
	put(m, "\4evil\4test", 11);
	put16m(m, 1);
	put16m(m, 1);
	put32m(m, 500);
	put16m(m, 4);
	put(m, a1, 4);
	KUNIT_ASSERT_EQ(test, parse(m, 1, &ans), 0);
	KUNIT_EXPECT_EQ(test, ans.naddr, 0U);

	/* NXDOMAIN with an SOA: min(TTL, MINIMUM) (RFC 2308 5). */
	hdr(m, 0x8183, 1, 0, 1, 0);
	question(m, 1);
	put16m(m, 0xc010);		/* example.test */
	put16m(m, TIP_DNS_TYPE_SOA);
	put16m(m, 1);
	put32m(m, 900);
	put16m(m, 2 + 2 + 20);
	put16m(m, 0xc010);
	put16m(m, 0xc010);
	put32m(m, 1);
	put32m(m, 2);
	put32m(m, 3);
	put32m(m, 4);
	put32m(m, 120);
	KUNIT_ASSERT_EQ(test, parse(m, 1, &ans), 0);
	KUNIT_EXPECT_EQ(test, ans.rcode, TIP_DNS_RCODE_NXDOMAIN);
	KUNIT_EXPECT_TRUE(test, ans.has_soa);
	KUNIT_EXPECT_EQ(test, ans.neg_ttl, 120U);

	/* TC: nothing else is read. */
	hdr(m, 0x8380, 1, 40, 0, 0);
	question(m, 1);
	while (m->len < 500)
		m->b[m->len++] = 0;
	KUNIT_ASSERT_EQ(test, parse(m, 1, &ans), 0);
	KUNIT_EXPECT_TRUE(test, ans.tc);
}

static void tip_dns_wire_test_malicious(struct kunit *test)
{
	static const u8 a1[4] = { 192, 0, 2, 10 };
	struct tip_dns_answer ans;
	struct msg *m = new_msg(test);

	hdr(m, 0x8180, 1, 1, 0, 0);
	KUNIT_EXPECT_EQ(test, tip_dns_parse_response(m->b, 11, ID, qname, QLEN,
						     1, false, &ans),
			-TINYIP_DNS_STAT_REJ_SHORT);
	hdr(m, 0x0100, 1, 0, 0, 0);		/* a query, not a response */
	question(m, 1);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_NOT_RESPONSE);
	hdr(m, 0x8180, 1, 0, 0, 0);
	question(m, 1);
	KUNIT_EXPECT_EQ(test, tip_dns_parse_response(m->b, m->len, ID + 1,
						     qname, QLEN, 1, false,
						     &ans),
			-TINYIP_DNS_STAT_REJ_ID);
	/* another type, another name, two questions, none */
	KUNIT_EXPECT_EQ(test, parse(m, 28, &ans),
			-TINYIP_DNS_STAT_REJ_QUESTION);
	hdr(m, 0x8180, 1, 0, 0, 0);
	put(m, "\4evil\4test", 11);
	put16m(m, 1);
	put16m(m, 1);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_QUESTION);
	hdr(m, 0x8180, 2, 0, 0, 0);
	question(m, 1);
	question(m, 1);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_QUESTION);
	hdr(m, 0x8180, 0, 0, 0, 0);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_QUESTION);

	/* counts far over what the message holds */
	hdr(m, 0x8180, 1, 0xffff, 0, 0);
	question(m, 1);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans), -TINYIP_DNS_STAT_REJ_COUNT);
	/* a count one over: the last record is missing */
	hdr(m, 0x8180, 1, 2, 0, 0);
	question(m, 1);
	rr_a(m, 60, a1, 4, 1);
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	m->b[m->len++] = 0;
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans), -TINYIP_DNS_STAT_REJ_COUNT);

	/* A with 5 bytes, rdlength past the end */
	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 1);
	rr_a(m, 60, (const u8 *)"\1\2\3\4\5", 5, 1);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans), -TINYIP_DNS_STAT_REJ_RDATA);
	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 1);
	rr_a(m, 60, a1, 4, 1);
	m->len -= 2;
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans), -TINYIP_DNS_STAT_REJ_RDATA);

	/* a pointer to itself, a forward one, one out of the message */
	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 1);
	put16m(m, 0xc000 | m->len);
	put(m, "\0\1\0\1\0\0\0\1\0\4\1\2\3\4", 14);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_POINTER);
	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 1);
	put16m(m, 0xc000 | (m->len + 2));
	put(m, "\0\0\1\0\1\0\0\0\1\0\4\1\2\3\4", 15);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_POINTER);
	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 1);
	put16m(m, 0xffff);
	put(m, "\0\1\0\1\0\0\0\1\0\4\1\2\3\4", 14);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_POINTER);
	/* a pointer into the header */
	hdr(m, 0x8180, 1, 1, 0, 0);
	question(m, 1);
	put16m(m, 0xc002);
	put(m, "\0\1\0\1\0\0\0\1\0\4\1\2\3\4", 14);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_POINTER);
	/* two pointers looping through each other */
	hdr(m, 0x8180, 1, 2, 0, 0);
	question(m, 1);
	put(m, "\1a", 2);
	put16m(m, 0xc000 | (m->len + 16));
	put(m, "\0\1\0\1\0\0\0\1\0\4\1\2\3\4", 14);
	put(m, "\1b", 2);
	put16m(m, 0xc000 | (m->len - 20));
	put(m, "\0\1\0\1\0\0\0\1\0\4\1\2\3\4", 14);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans),
			-TINYIP_DNS_STAT_REJ_POINTER);

	/* reserved label types 0x40 and 0x80 */
	hdr(m, 0x8180, 1, 0, 0, 0);
	/* (padded, so that the counts fit the message) */
	put(m, "\x41x\0\0\1\0\1", 7);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans), -TINYIP_DNS_STAT_REJ_NAME);
	hdr(m, 0x8180, 1, 0, 0, 0);
	put(m, "\x81x\0\0\1\0\1", 7);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans), -TINYIP_DNS_STAT_REJ_NAME);
	/* a label running past the end */
	hdr(m, 0x8180, 1, 0, 0, 0);
	put(m, "\x3fxyz\0", 5);
	KUNIT_EXPECT_EQ(test, parse(m, 1, &ans), -TINYIP_DNS_STAT_REJ_NAME);
}

static void tip_dns_wire_test_long_name(struct kunit *test)
{
	u8 msg[400], out[TIP_DNS_NAME_MAX];
	size_t off = 12, i;

	/* 5 labels of 60: 305 bytes, over the 255 of RFC 1035 2.3.4 */
	memset(msg, 0, sizeof(msg));
	for (i = 0; i < 5; i++) {
		msg[12 + i * 61] = 60;
		memset(msg + 13 + i * 61, 'a', 60);
	}
	KUNIT_EXPECT_EQ(test, tip_dns_read_name(msg, sizeof(msg), &off, out),
			-TINYIP_DNS_STAT_REJ_NAME);
	/* 4 of them fit: 4 * 61 + 1 */
	msg[12 + 4 * 61] = 0;
	off = 12;
	KUNIT_EXPECT_EQ(test, tip_dns_read_name(msg, sizeof(msg), &off, out),
			245);
	KUNIT_EXPECT_EQ(test, off, (size_t)(12 + 245));
}

static struct kunit_case tip_dns_wire_test_cases[] = {
	KUNIT_CASE(tip_dns_wire_test_names),
	KUNIT_CASE(tip_dns_wire_test_query),
	KUNIT_CASE(tip_dns_wire_test_answers),
	KUNIT_CASE(tip_dns_wire_test_malicious),
	KUNIT_CASE(tip_dns_wire_test_long_name),
	{}
};

static struct kunit_suite tip_dns_wire_test_suite = {
	.name = "tinyip_dns_wire",
	.test_cases = tip_dns_wire_test_cases,
};

kunit_test_suite(tip_dns_wire_test_suite);
