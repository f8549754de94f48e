// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the DHCPv4 wire format (module/dhcp4_wire.c, RFC 2131
 * 2 and 4.1, RFC 2132): a reply with every option the client reads,
 * overloaded file/sname fields, and the malformed ones that small stacks
 * have misread (length past the end, no END, zero-length and overlong
 * options, bad masks and MTUs); the client's DISCOVER and REQUEST.
 */
#include "../module/dhcp4_wire.c"

#include <kunit/test.h>

#define XID	cpu_to_be32(0x12345678)

static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x42 };

/* A BOOTREPLY with @opts after the cookie; returns its length. */
static size_t reply(u8 *buf, const u8 *opts, size_t olen)
{
	memset(buf, 0, TIP_DHCP4_MIN_LEN);
	buf[0] = 2;
	buf[1] = 1;
	buf[2] = 6;
	wr32(buf + OFF_XID, XID);
	wr32(buf + OFF_YIADDR, cpu_to_be32(0xc0000232));	/* .50 */
	memcpy(buf + OFF_CHADDR, mac, ETH_ALEN);
	wr32(buf + OFF_COOKIE, cpu_to_be32(TIP_DHCP4_COOKIE));
	memcpy(buf + TIP_DHCP4_MIN_LEN, opts, olen);
	return TIP_DHCP4_MIN_LEN + olen;
}

static void tip_dhcp4_wire_test_ack(struct kunit *test)
{
	static const u8 opts[] = {
		53, 1, 5,				/* ACK */
		54, 4, 192, 0, 2, 1,			/* server */
		1, 4, 255, 255, 255, 0,			/* /24 */
		3, 8, 192, 0, 2, 1, 192, 0, 2, 254,	/* routers */
		6, 16, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4,
		15, 4, 't', 'e', 's', 't',
		26, 2, 0x05, 0x78,			/* 1400 */
		42, 4, 192, 0, 2, 123,
		51, 4, 0, 0, 0, 120,
		58, 4, 0, 0, 0, 4,
		59, 4, 0, 0, 0, 8,
		0, 0,					/* pads */
		255,
	};
	u8 buf[512];
	struct tip_dhcp4_msg m;
	size_t len = reply(buf, opts, sizeof(opts));

	KUNIT_ASSERT_EQ(test, tip_dhcp4_parse(buf, len, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, TIP_DHCPACK);
	KUNIT_EXPECT_EQ(test, m.xid, XID);
	KUNIT_EXPECT_EQ(test, m.lease.addr, cpu_to_be32(0xc0000232));
	KUNIT_EXPECT_EQ(test, m.lease.server, cpu_to_be32(0xc0000201));
	KUNIT_EXPECT_EQ(test, m.lease.router, cpu_to_be32(0xc0000201));
	KUNIT_EXPECT_EQ(test, m.lease.prefixlen, 24);
	/* Only the first three DNS servers are kept. */
	KUNIT_EXPECT_EQ(test, m.lease.ndns, 3);
	KUNIT_EXPECT_EQ(test, m.lease.dns[2], cpu_to_be32(0x03030303));
	KUNIT_EXPECT_STREQ(test, m.lease.domain, "test");
	KUNIT_EXPECT_EQ(test, m.lease.mtu, 1400);
	KUNIT_EXPECT_EQ(test, m.lease.nntp, 1);
	KUNIT_EXPECT_EQ(test, m.lease.lease, 120);
	KUNIT_EXPECT_EQ(test, m.lease.t1, 4);
	KUNIT_EXPECT_EQ(test, m.lease.t2, 8);
	KUNIT_EXPECT_EQ(test, memcmp(m.chaddr, mac, ETH_ALEN), 0);
	/* Truncated anywhere in the options, it is refused whole. */
	for (len = TIP_DHCP4_MIN_LEN; len < TIP_DHCP4_MIN_LEN + sizeof(opts);
	     len++)
		KUNIT_EXPECT_EQ(test, tip_dhcp4_parse(buf, len, &m), -EINVAL);
}

static void tip_dhcp4_wire_test_overload(struct kunit *test)
{
	static const u8 opts[] = { 53, 1, 2, 52, 1, 3, 255 };
	u8 buf[512];
	struct tip_dhcp4_msg m;
	size_t len = reply(buf, opts, sizeof(opts));

	/* file: the server id; sname: the lease. */
	memcpy(buf + OFF_FILE, (u8[]){ 54, 4, 10, 0, 0, 1, 255 }, 7);
	memcpy(buf + OFF_SNAME, (u8[]){ 51, 4, 0, 0, 1, 0, 255 }, 7);
	KUNIT_ASSERT_EQ(test, tip_dhcp4_parse(buf, len, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, TIP_DHCPOFFER);
	KUNIT_EXPECT_EQ(test, m.lease.server, cpu_to_be32(0x0a000001));
	KUNIT_EXPECT_EQ(test, m.lease.lease, 256);
	/* An overload option inside the overloaded field is refused. */
	memcpy(buf + OFF_SNAME, (u8[]){ 52, 1, 3, 255 }, 4);
	KUNIT_EXPECT_EQ(test, tip_dhcp4_parse(buf, len, &m), -EINVAL);
	/* sname without END (a 64-byte run of a long option) is refused. */
	memset(buf + OFF_SNAME, 12, OFF_FILE - OFF_SNAME);
	KUNIT_EXPECT_EQ(test, tip_dhcp4_parse(buf, len, &m), -EINVAL);
}

static void tip_dhcp4_wire_test_bad(struct kunit *test)
{
	static const u8 *const bad[] = {
		(const u8 *)"\x35\x01\x05",		/* no END */
		(const u8 *)"\x35\x01\x05\x33\x03\x00\x00\x01\xff", /* lease 3 */
		(const u8 *)"\x35\x01\x05\x36\x08\xff",	/* past the end */
		(const u8 *)"\x35\x01\x05\x01\x04\xff\x00\xff\x00\xff", /* mask */
		(const u8 *)"\x35\x01\x05\x1a\x02\x00\x10\xff", /* MTU 16 */
		(const u8 *)"\x35\x01\x05\x06\x05\x01\x01\x01\x01\x01\xff",
		(const u8 *)"\x35\x01\x05\x0f\x00\xff",	/* empty domain */
		(const u8 *)"\x35\x01\x09\xff",		/* unknown type */
		(const u8 *)"\x35\x00\xff",		/* zero-length type */
		(const u8 *)"\x03\x04\x01\x02\x03\x04\xff", /* no type */
		(const u8 *)"\x35\x01\x05\x35",		/* code, no length */
	};
	static const size_t lens[] = { 3, 9, 6, 10, 8, 11, 6, 4, 3, 7, 4 };
	struct tip_dhcp4_msg m;
	u8 buf[512];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		KUNIT_EXPECT_EQ_MSG(test,
				    tip_dhcp4_parse(buf, reply(buf, bad[i],
							       lens[i]), &m),
				    -EINVAL, "case %u", i);
	/* A BOOTREQUEST, a wrong cookie, a short message. */
	reply(buf, (const u8 *)"\x35\x01\x05\xff", 4);
	buf[0] = 1;
	KUNIT_EXPECT_EQ(test, tip_dhcp4_parse(buf, 244, &m), -EINVAL);
	buf[0] = 2;
	buf[OFF_COOKIE] = 0;
	KUNIT_EXPECT_EQ(test, tip_dhcp4_parse(buf, 244, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_dhcp4_parse(buf, 100, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_dhcp4_parse(NULL, 0, &m), -EINVAL);
}

static void tip_dhcp4_wire_test_build(struct kunit *test)
{
	struct tip_dhcp4_req r = {
		.type = TIP_DHCPREQUEST, .xid = XID, .secs = 3,
		.broadcast = true, .reqip = cpu_to_be32(0xc0000232),
		.server = cpu_to_be32(0xc0000201), .chaddr = mac,
		.hostname = "tiphost",
	};
	u8 buf[TIP_DHCP4_TX_MAX];
	int len = tip_dhcp4_build(buf, sizeof(buf), &r);
	const u8 *o = buf + TIP_DHCP4_MIN_LEN;

	KUNIT_ASSERT_GT(test, len, TIP_DHCP4_MIN_LEN);
	KUNIT_EXPECT_EQ(test, buf[0], 1);
	KUNIT_EXPECT_EQ(test, rd32(buf + OFF_XID), XID);
	KUNIT_EXPECT_EQ(test, buf[OFF_SECS + 1], 3);
	KUNIT_EXPECT_EQ(test, buf[OFF_FLAGS], 0x80);
	KUNIT_EXPECT_EQ(test, memcmp(buf + OFF_CHADDR, mac, ETH_ALEN), 0);
	/* type, then the client identifier: type 1 and the MAC. */
	KUNIT_EXPECT_EQ(test, memcmp(o, "\x35\x01\x03\x3d\x07\x01", 6), 0);
	KUNIT_EXPECT_EQ(test, memcmp(o + 6, mac, ETH_ALEN), 0);
	KUNIT_EXPECT_EQ(test, memcmp(o + 12, "\x32\x04\xc0\x00\x02\x32", 6),
			0);
	KUNIT_EXPECT_EQ(test, buf[len - 1], 255);
	KUNIT_EXPECT_NOT_NULL(test, memchr(buf, 't', len));
	KUNIT_EXPECT_EQ(test, tip_dhcp4_build(buf, 100, &r), -ENOSPC);
}

static struct kunit_case tip_dhcp4_wire_test_cases[] = {
	KUNIT_CASE(tip_dhcp4_wire_test_ack),
	KUNIT_CASE(tip_dhcp4_wire_test_overload),
	KUNIT_CASE(tip_dhcp4_wire_test_bad),
	KUNIT_CASE(tip_dhcp4_wire_test_build),
	{}
};

static struct kunit_suite tip_dhcp4_wire_test_suite = {
	.name = "tinyip_dhcp4_wire",
	.test_cases = tip_dhcp4_wire_test_cases,
};

kunit_test_suite(tip_dhcp4_wire_test_suite);
