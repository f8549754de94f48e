// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the ND and MLD wire rules (module/nd6_wire.c): each
 * message accepted with its fields, each stateless check of RFC 4861 6.1,
 * 7.1 and 8.1 refusing its own bad shape, the option walk of 4.6, the
 * builders round-tripping through the parser with a checksum that
 * verifies, the MLD query of RFC 3810 5.1 and 8.1 with its exponent
 * codes, the MLDv2 report bytes, and the interface identifiers of
 * RFC 4291 appendix A, RFC 7217 and RFC 5453.
 */
/* The unit first, as for every pure unit under test. */
#include "../module/nd6_wire.c"

#include <kunit/test.h>
#include <linux/slab.h>

static const struct in6_addr t_any;
static const struct in6_addr t_ll_router = {
	.s6_addr = { 0xfe, 0x80, [15] = 1 } };
static const struct in6_addr t_ll_host = {
	.s6_addr = { 0xfe, 0x80, [15] = 2 } };
static const struct in6_addr t_global = {	/* 2001:db8::1 */
	.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [15] = 1 } };
static const struct in6_addr t_target = {	/* 2001:db8::abcd:1234 */
	.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, [12] = 0xab, 0xcd, 0x12, 0x34 } };
static const struct in6_addr t_target_snma = {	/* ff02::1:ffcd:1234 */
	.s6_addr = { 0xff, 0x02, [11] = 1, 0xff, 0xcd, 0x12, 0x34 } };
static const struct in6_addr t_other_snma = {	/* ff02::1:ff00:1 */
	.s6_addr = { 0xff, 0x02, [11] = 1, 0xff, 0x00, 0x00, 0x01 } };
static const struct in6_addr t_all_nodes = {
	.s6_addr = { 0xff, 0x02, [15] = 1 } };
static const u8 t_mac[ETH_ALEN] = { 0x52, 0x54, 0x00, 0x12, 0x34, 0x56 };
static const u8 t_mac2[ETH_ALEN] = { 0x52, 0x54, 0x00, 0xaa, 0xbb, 0xcc };

/* Builds messages byte by byte, apart from the builders under test. */
static unsigned int t_hdr(u8 *buf, u8 type)
{
	memset(buf, 0, 8);
	buf[0] = type;
	return 8;
}

static unsigned int t_addr(u8 *p, const struct in6_addr *a)
{
	memcpy(p, a, 16);
	return 16;
}

static unsigned int t_lladdr(u8 *p, u8 type, const u8 *mac)
{
	p[0] = type;
	p[1] = 1;
	memcpy(p + 2, mac, ETH_ALEN);
	return 8;
}

/* NS for @target, with an SLLAO when @sllao. */
static unsigned int t_ns(u8 *buf, const struct in6_addr *target, bool sllao)
{
	unsigned int len = t_hdr(buf, 135);

	len += t_addr(buf + len, target);
	if (sllao)
		len += t_lladdr(buf + len, 1, t_mac);
	return len;
}

static unsigned int t_na(u8 *buf, const struct in6_addr *target, u8 flags)
{
	unsigned int len = t_hdr(buf, 136);

	buf[4] = flags;
	len += t_addr(buf + len, target);
	len += t_lladdr(buf + len, 2, t_mac);
	return len;
}

static unsigned int t_redirect(u8 *buf, const struct in6_addr *target,
			       const struct in6_addr *dest)
{
	unsigned int len = t_hdr(buf, 137);

	len += t_addr(buf + len, target);
	len += t_addr(buf + len, dest);
	len += t_lladdr(buf + len, 2, t_mac);
	/* Redirected Header: 8-byte header, then 40 bytes of IPv6 header. */
	buf[len] = 4;
	buf[len + 1] = 6;
	memset(buf + len + 2, 0, 46);
	buf[len + 8] = 0x60;
	len += 48;
	return len;
}

/* A 32-byte Prefix Information option. */
static unsigned int t_pi(u8 *p, u8 plen, u8 flags, u32 valid, u32 pref,
			 const struct in6_addr *prefix)
{
	memset(p, 0, 32);
	p[0] = 3;
	p[1] = 4;
	p[2] = plen;
	p[3] = flags;
	tip_put32(p + 4, valid);
	tip_put32(p + 8, pref);
	memcpy(p + 16, prefix, 16);
	return 32;
}

/* RDNSS (RFC 8106 5.1) of @units with lifetime 600. */
static unsigned int t_rdnss(u8 *p, u8 units)
{
	memset(p, 0, units * 8);
	p[0] = 25;
	p[1] = units;
	tip_put32(p + 4, 600);
	return units * 8;
}

/* RA with SLLAO, MTU 1480, prefixes 2001:db8:1::/64 and 2001:db8:2::/64, RDNSS. */
static unsigned int t_ra(u8 *buf)
{
	static const struct in6_addr p1 = {
		.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0, 1 } };
	static const struct in6_addr p2 = {
		.s6_addr = { 0x20, 0x01, 0x0d, 0xb8, 0, 2 } };
	unsigned int len = t_hdr(buf, 134);

	buf[4] = 64;
	buf[5] = TIP_RA_F_MANAGED | TIP_RA_F_OTHER;
	tip_put16(buf + 6, 1800);
	tip_put32(buf + 8, 30000);
	tip_put32(buf + 12, 1000);
	len = 16;
	len += t_lladdr(buf + len, 1, t_mac);
	buf[len] = 5;
	buf[len + 1] = 1;
	buf[len + 2] = 0;
	buf[len + 3] = 0;
	tip_put32(buf + len + 4, 1480);
	len += 8;
	len += t_pi(buf + len, 64, TIP_PI_F_ONLINK | TIP_PI_F_AUTO,
		    86400, 14400, &p1);
	len += t_pi(buf + len, 64, TIP_PI_F_ONLINK, 0xffffffff, 0xffffffff,
		    &p2);
	len += t_rdnss(buf + len, 3);
	return len;
}

/* RFC 4443 2.3 the slow way: pseudo-header, then 16-bit words, end-around carry. */
static u16 t_ref_csum(const struct in6_addr *s, const struct in6_addr *d,
		      const u8 *data, unsigned int len)
{
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < 16; i += 2)
		sum += (s->s6_addr[i] << 8 | s->s6_addr[i + 1]) +
		       (d->s6_addr[i] << 8 | d->s6_addr[i + 1]);
	sum += (len >> 16) + (len & 0xffff) + IPPROTO_ICMPV6;
	for (i = 0; i < len; i += 2)
		sum += (data[i] << 8) | (i + 1 < len ? data[i + 1] : 0);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/* Fills in the checksum and checks that the message then sums to 0. */
static void t_csum(struct kunit *test, u8 *buf, unsigned int len,
		   const struct in6_addr *s, const struct in6_addr *d)
{
	__sum16 c = tip_icmp6_csum(s, d, buf, len);

	KUNIT_EXPECT_EQ(test, (u16)ntohs((__force __be16)c),
			t_ref_csum(s, d, buf, len));
	memcpy(buf + 2, &c, 2);
	KUNIT_EXPECT_EQ(test, (__force u16)tip_icmp6_csum(s, d, buf, len), 0);
}

static void tip_nd6_test_ns(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[64];
	unsigned int len;

	len = t_ns(buf, &t_target, true);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_target_snma, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_NEIGHBOUR_SOLICITATION);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&m.target, &t_target));
	KUNIT_EXPECT_PTR_EQ(test, m.opts.sllao, (const u8 *)buf + 26);
	KUNIT_EXPECT_MEMEQ(test, m.opts.sllao, t_mac, ETH_ALEN);
	KUNIT_EXPECT_NULL(test, m.opts.tllao);
	/* Unicast NS (NUD) to the target itself. */
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_target, &m), 0);

	/* DAD: from :: to the target's solicited-node group, with a nonce. */
	len = t_ns(buf, &t_target, false);
	buf[len] = 14;
	buf[len + 1] = 1;
	memcpy(buf + len + 2, "\x01\x02\x03\x04\x05\x06", 6);
	len += 8;
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_target_snma, &m), 0);
	KUNIT_EXPECT_NULL(test, m.opts.sllao);
	KUNIT_EXPECT_PTR_EQ(test, m.opts.nonce, (const u8 *)buf + 26);
	KUNIT_EXPECT_EQ(test, m.opts.nonce_len, 6U);
}

static void tip_nd6_test_ns_bad(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[64];
	unsigned int len;

	len = t_ns(buf, &t_target, true);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 254, &t_global,
					   &t_target_snma, &m), -EINVAL);
	buf[1] = 1;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_target_snma, &m), -EINVAL);
	len = t_ns(buf, &t_target, false);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 23, 255, &t_global,
					   &t_target_snma, &m), -EINVAL);
	len = t_ns(buf, &t_all_nodes, false);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_target_snma, &m), -EINVAL);

	/* From :: to a unicast address, or to another solicited-node group. */
	len = t_ns(buf, &t_target, false);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_target, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_other_snma, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_all_nodes, &m), -EINVAL);
	/* From :: with an SLLAO. */
	len = t_ns(buf, &t_target, true);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_target_snma, &m), -EINVAL);
}

static void tip_nd6_test_na(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[64];
	unsigned int len;

	/* The reserved bits after the flags are not flags. */
	len = t_na(buf, &t_target, TIP_NA_F_ROUTER | TIP_NA_F_SOLICITED |
		   TIP_NA_F_OVERRIDE | 0x1f);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_ll_host, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_NEIGHBOUR_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, m.na_flags, TIP_NA_F_ROUTER |
			TIP_NA_F_SOLICITED | TIP_NA_F_OVERRIDE);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&m.target, &t_target));
	KUNIT_EXPECT_MEMEQ(test, m.opts.tllao, t_mac, ETH_ALEN);
	KUNIT_EXPECT_NULL(test, m.opts.sllao);

	/* Unsolicited, to all nodes. */
	len = t_na(buf, &t_target, TIP_NA_F_OVERRIDE);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_all_nodes, &m), 0);
	KUNIT_EXPECT_EQ(test, m.na_flags, TIP_NA_F_OVERRIDE);
}

static void tip_nd6_test_na_bad(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[64];
	unsigned int len;

	len = t_na(buf, &t_target, TIP_NA_F_SOLICITED);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 254, &t_global,
					   &t_ll_host, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 23, 255, &t_global,
					   &t_ll_host, &m), -EINVAL);
	buf[1] = 1;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_ll_host, &m), -EINVAL);
	len = t_na(buf, &t_target, TIP_NA_F_SOLICITED);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_all_nodes, &m), -EINVAL);
	len = t_na(buf, &t_target_snma, 0);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_ll_host, &m), -EINVAL);
}

static void tip_nd6_test_rs(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[32];
	unsigned int len;

	len = t_hdr(buf, 133);
	len += t_lladdr(buf + len, 1, t_mac);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_host,
					   &t_all_nodes, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_ROUTER_SOLICITATION);
	KUNIT_EXPECT_MEMEQ(test, m.opts.sllao, t_mac, ETH_ALEN);
	/* From ::, with the SLLAO and without. */
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_all_nodes, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 8, 255, &t_any,
					   &t_all_nodes, &m), 0);

	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 7, 255, &t_ll_host,
					   &t_all_nodes, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 254, &t_ll_host,
					   &t_all_nodes, &m), -EINVAL);
	buf[1] = 1;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_host,
					   &t_all_nodes, &m), -EINVAL);
}

static void tip_nd6_test_ra(struct kunit *test)
{
	struct tip_nd_prefix p;
	struct tip_nd_msg m;
	u8 buf[160];
	unsigned int len = t_ra(buf);

	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_all_nodes, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, m.ra_hop_limit, 64);
	KUNIT_EXPECT_EQ(test, m.ra_flags, TIP_RA_F_MANAGED | TIP_RA_F_OTHER);
	KUNIT_EXPECT_EQ(test, m.ra_lifetime, 1800);
	KUNIT_EXPECT_EQ(test, m.ra_reachable, 30000U);
	KUNIT_EXPECT_EQ(test, m.ra_retrans, 1000U);
	KUNIT_EXPECT_MEMEQ(test, m.opts.sllao, t_mac, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, m.opts.mtu, 1480U);
	KUNIT_ASSERT_EQ(test, m.opts.nprefix, 2U);
	KUNIT_EXPECT_PTR_EQ(test, m.opts.prefix[0], (const u8 *)buf + 32);
	KUNIT_EXPECT_PTR_EQ(test, m.opts.prefix[1], (const u8 *)buf + 64);
	KUNIT_ASSERT_EQ(test, m.opts.nrdnss, 1U);
	KUNIT_EXPECT_PTR_EQ(test, m.opts.rdnss[0], (const u8 *)buf + 96);

	tip_nd_prefix_get(m.opts.prefix[0], &p);
	KUNIT_EXPECT_EQ(test, p.len, 64);
	KUNIT_EXPECT_EQ(test, p.flags, TIP_PI_F_ONLINK | TIP_PI_F_AUTO);
	KUNIT_EXPECT_EQ(test, p.valid, 86400U);
	KUNIT_EXPECT_EQ(test, p.preferred, 14400U);
	KUNIT_EXPECT_EQ(test, p.prefix.s6_addr[5], 1);
	tip_nd_prefix_get(m.opts.prefix[1], &p);
	KUNIT_EXPECT_EQ(test, p.flags, TIP_PI_F_ONLINK);
	KUNIT_EXPECT_EQ(test, p.valid, 0xffffffffU);
	KUNIT_EXPECT_EQ(test, p.prefix.s6_addr[5], 2);
}

static void tip_nd6_test_ra_bad(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[160];
	unsigned int len = t_ra(buf);

	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_all_nodes, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_all_nodes, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 254, &t_ll_router,
					   &t_all_nodes, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 15, 255, &t_ll_router,
					   &t_all_nodes, &m), -EINVAL);
	/* 16 bytes is a whole RA with no options. */
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 16, 255, &t_ll_router,
					   &t_all_nodes, &m), 0);
	/* Cut inside an option: it runs past the end. */
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len - 1, 255, &t_ll_router,
					   &t_all_nodes, &m), -EINVAL);
	buf[1] = 1;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_all_nodes, &m), -EINVAL);
}

static void tip_nd6_test_redirect(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[128];
	unsigned int len;

	/* To a better router (link-local target). */
	len = t_redirect(buf, &t_ll_host, &t_global);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_ll_host, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_REDIRECT);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&m.target, &t_ll_host));
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&m.dest, &t_global));
	KUNIT_EXPECT_MEMEQ(test, m.opts.tllao, t_mac, ETH_ALEN);
	KUNIT_EXPECT_PTR_EQ(test, m.opts.redir, (const u8 *)buf + 56);
	KUNIT_EXPECT_EQ(test, m.opts.redir_len, 40U);
	/* To the destination itself, on-link. */
	len = t_redirect(buf, &t_global, &t_global);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_ll_host, &m), 0);
}

static void tip_nd6_test_redirect_bad(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[128];
	unsigned int len;

	len = t_redirect(buf, &t_ll_host, &t_all_nodes);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
	len = t_redirect(buf, &t_ll_host, &t_global);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_ll_host, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 254, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 39, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
	/* A global target that is not the destination. */
	len = t_redirect(buf, &t_target, &t_global);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
	len = t_redirect(buf, &t_ll_host, &t_global);
	buf[1] = 1;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
}

static void tip_nd6_test_other_types(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[32] = { 0 };

	/* Echo request, MLD query, and a stray type: none is ND. */
	buf[0] = 128;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 24, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
	buf[0] = 130;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 24, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
	buf[0] = 138;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 24, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
	buf[0] = 133;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, 0, 255, &t_ll_router,
					   &t_ll_host, &m), -EINVAL);
}

static void tip_nd6_test_opts_bad(struct kunit *test)
{
	static const u8 zero[] = { 1, 1, 0x52, 0x54, 0, 1, 2, 3, 25, 0 };
	static const u8 past[] = { 1, 2, 0x52, 0x54, 0, 1, 2, 3 };
	static const u8 odd[] = { 1, 1, 0x52, 0x54, 0, 1, 2, 3, 24 };
	struct tip_nd_opts o;
	struct tip_nd_msg m;
	u8 buf[64];
	unsigned int len;

	KUNIT_EXPECT_EQ(test, tip_nd_opts_parse(zero, sizeof(zero), &o),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_opts_parse(past, sizeof(past), &o),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_opts_parse(odd, sizeof(odd), &o),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_nd_opts_parse(zero, 0, &o), 0);

	/* The same, through a whole message that must then be dropped. */
	len = t_ns(buf, &t_target, true);
	buf[25] = 0;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_target_snma, &m), -EINVAL);
	buf[25] = 2;
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_target_snma, &m), -EINVAL);
}

static void tip_nd6_test_opts_kept(struct kunit *test)
{
	struct tip_nd_opts o;
	u8 buf[512];
	unsigned int len = 0, i;

	/* SLLAO twice: the first counts. */
	len += t_lladdr(buf + len, 1, t_mac);
	len += t_lladdr(buf + len, 1, t_mac2);
	/* An LLAO of 16 bytes is not Ethernet's: ignored. */
	buf[len] = 2;
	buf[len + 1] = 2;
	memset(buf + len + 2, 0xee, 14);
	len += 16;
	/* Prefix length 129, then a PI of the wrong size: ignored. */
	len += t_pi(buf + len, 129, 0, 1, 1, &t_global);
	buf[len] = 3;
	buf[len + 1] = 3;
	memset(buf + len + 2, 0, 22);
	len += 24;
	/* MTU of 16 bytes: ignored. */
	buf[len] = 5;
	buf[len + 1] = 2;
	memset(buf + len + 2, 0xff, 14);
	len += 16;
	/* RDNSS of 2 (no address) and 4 (half an address): ignored. */
	len += t_rdnss(buf + len, 2);
	len += t_rdnss(buf + len, 4);
	/* An unknown option is stepped over. */
	buf[len] = 200;
	buf[len + 1] = 1;
	memset(buf + len + 2, 0, 6);
	len += 8;
	KUNIT_ASSERT_EQ(test, tip_nd_opts_parse(buf, len, &o), 0);
	KUNIT_EXPECT_PTR_EQ(test, o.sllao, (const u8 *)buf + 2);
	KUNIT_EXPECT_MEMEQ(test, o.sllao, t_mac, ETH_ALEN);
	KUNIT_EXPECT_NULL(test, o.tllao);
	KUNIT_EXPECT_EQ(test, o.nprefix, 0U);
	KUNIT_EXPECT_EQ(test, o.mtu, 0U);
	KUNIT_EXPECT_EQ(test, o.nrdnss, 0U);
	KUNIT_EXPECT_NULL(test, o.nonce);
	KUNIT_EXPECT_NULL(test, o.redir);

	/* Prefix length 128 is kept; at most 8 prefixes and 2 RDNSS. */
	len = 0;
	for (i = 0; i < TIP_ND_MAX_PREFIX + 2; i++)
		len += t_pi(buf + len, i ? 64 : 128, 0, 1, 1, &t_global);
	len += t_rdnss(buf + len, 3);
	len += t_rdnss(buf + len, 5);
	len += t_rdnss(buf + len, 3);
	KUNIT_ASSERT_EQ(test, tip_nd_opts_parse(buf, len, &o), 0);
	KUNIT_EXPECT_EQ(test, o.nprefix, (unsigned int)TIP_ND_MAX_PREFIX);
	KUNIT_EXPECT_PTR_EQ(test, o.prefix[0], (const u8 *)buf);
	KUNIT_EXPECT_PTR_EQ(test, o.prefix[TIP_ND_MAX_PREFIX - 1],
			    (const u8 *)buf + 32 * (TIP_ND_MAX_PREFIX - 1));
	KUNIT_EXPECT_EQ(test, o.nrdnss, (unsigned int)TIP_ND_MAX_RDNSS);
	KUNIT_EXPECT_PTR_EQ(test, o.rdnss[1],
			    (const u8 *)buf + 32 * (TIP_ND_MAX_PREFIX + 2) + 24);
}

/*
 * Every truncation of good messages, each in a buffer of exactly that
 * size so that KASAN sees any read past the end.
 */
static void tip_nd6_test_truncated(struct kunit *test)
{
	struct tip_mld_query q;
	struct tip_nd_msg m;
	u8 full[160], *p;
	unsigned int len, i, ok;

	len = t_ra(full);
	for (i = 0, ok = 0; i <= len; i++) {
		p = kunit_kmalloc(test, i ? i : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		memcpy(p, full, i);
		if (!tip_nd_parse(p, i, 255, &t_ll_router, &t_all_nodes, &m))
			ok++;
		kunit_kfree(test, p);
	}
	/* The bare RA and one after each of its five options. */
	KUNIT_EXPECT_EQ(test, ok, 6U);

	len = t_redirect(full, &t_ll_host, &t_global);
	for (i = 0, ok = 0; i <= len; i++) {
		p = kunit_kmalloc(test, i ? i : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		memcpy(p, full, i);
		if (!tip_nd_parse(p, i, 255, &t_ll_router, &t_ll_host, &m))
			ok++;
		kunit_kfree(test, p);
	}
	KUNIT_EXPECT_EQ(test, ok, 3U);

	/* An MLDv2 query claiming 2 sources. */
	memset(full, 0, 60);
	full[0] = ICMPV6_MGM_QUERY;
	full[27] = 2;
	for (i = 0, ok = 0; i <= 60; i++) {
		p = kunit_kmalloc(test, i ? i : 1, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p);
		memcpy(p, full, i);
		if (!tip_mld_parse_query(p, i, &q))
			ok++;
		kunit_kfree(test, p);
	}
	/* 24 (read as v1) and 60. */
	KUNIT_EXPECT_EQ(test, ok, 2U);
}

static void tip_nd6_test_build_ns(struct kunit *test)
{
	static const u8 nonce[6] = { 9, 8, 7, 6, 5, 4 };
	struct tip_nd_msg m;
	u8 buf[TIP_ND_BUILD_MAX];
	unsigned int len;

	len = tip_nd_build_ns(buf, &t_target, t_mac, NULL);
	KUNIT_ASSERT_EQ(test, len, 32U);
	t_csum(test, buf, len, &t_global, &t_target_snma);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_global,
					   &t_target_snma, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_NEIGHBOUR_SOLICITATION);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&m.target, &t_target));
	KUNIT_EXPECT_MEMEQ(test, m.opts.sllao, t_mac, ETH_ALEN);
	KUNIT_EXPECT_NULL(test, m.opts.nonce);

	/* A DAD probe: no SLLAO, a nonce (RFC 7527). */
	len = tip_nd_build_ns(buf, &t_target, NULL, nonce);
	KUNIT_ASSERT_EQ(test, len, 32U);
	t_csum(test, buf, len, &t_any, &t_target_snma);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_target_snma, &m), 0);
	KUNIT_EXPECT_NULL(test, m.opts.sllao);
	KUNIT_ASSERT_EQ(test, m.opts.nonce_len, 6U);
	KUNIT_EXPECT_MEMEQ(test, m.opts.nonce, nonce, 6);

	len = tip_nd_build_ns(buf, &t_target, t_mac, nonce);
	KUNIT_EXPECT_EQ(test, len, 40U);
	KUNIT_EXPECT_EQ(test, tip_nd_build_ns(buf, &t_target, NULL, NULL), 24U);
}

static void tip_nd6_test_build_na_rs(struct kunit *test)
{
	struct tip_nd_msg m;
	u8 buf[TIP_ND_BUILD_MAX];
	unsigned int len;

	len = tip_nd_build_na(buf, &t_target, TIP_NA_F_SOLICITED |
			      TIP_NA_F_OVERRIDE, t_mac);
	KUNIT_ASSERT_EQ(test, len, 32U);
	t_csum(test, buf, len, &t_target, &t_global);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_target,
					   &t_global, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_NEIGHBOUR_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, m.na_flags, TIP_NA_F_SOLICITED |
			TIP_NA_F_OVERRIDE);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&m.target, &t_target));
	KUNIT_EXPECT_MEMEQ(test, m.opts.tllao, t_mac, ETH_ALEN);
	/* Flags outside R, S, O never reach the wire. */
	len = tip_nd_build_na(buf, &t_target, 0xff, NULL);
	KUNIT_EXPECT_EQ(test, len, 24U);
	KUNIT_EXPECT_EQ(test, buf[4], 0xe0);

	len = tip_nd_build_rs(buf, t_mac);
	KUNIT_ASSERT_EQ(test, len, 16U);
	t_csum(test, buf, len, &t_ll_host, &t_all_nodes);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_host,
					   &t_all_nodes, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_ROUTER_SOLICITATION);
	KUNIT_EXPECT_MEMEQ(test, m.opts.sllao, t_mac, ETH_ALEN);
	len = tip_nd_build_rs(buf, NULL);
	KUNIT_ASSERT_EQ(test, len, 8U);
	t_csum(test, buf, len, &t_any, &t_all_nodes);
	KUNIT_EXPECT_EQ(test, tip_nd_parse(buf, len, 255, &t_any,
					   &t_all_nodes, &m), 0);
}

static void tip_nd6_test_build_ra(struct kunit *test)
{
	struct tip_nd_prefix pfx[2] = {
		{ .len = 64, .flags = TIP_PI_F_ONLINK | TIP_PI_F_AUTO,
		  .valid = 86400, .preferred = 14400 },
		{ .len = 48, .flags = TIP_PI_F_ONLINK,
		  .valid = 0xffffffff, .preferred = 0xffffffff },
	};
	struct tip_nd_ra ra = {
		.hop_limit = 64, .flags = TIP_RA_F_OTHER, .lifetime = 1800,
		.reachable = 30000, .retrans = 1000, .mtu = 1280,
		.sllao = t_mac, .nprefix = 2, .prefix = pfx,
	};
	/* 2001:db8::/64 */
	static const struct in6_addr want = {
		.s6_addr = { 0x20, 0x01, 0x0d, 0xb8 } };
	struct tip_nd_prefix got;
	struct tip_nd_msg m;
	u8 buf[128];
	unsigned int len;

	/* Host bits set past each length: the builder must clear them. */
	pfx[0].prefix = t_target;
	pfx[1].prefix = t_target;
	pfx[1].prefix.s6_addr[5] = 0x42;
	pfx[1].prefix.s6_addr[6] = 0xff;
	len = tip_nd_build_ra(buf, sizeof(buf), &ra);
	KUNIT_ASSERT_EQ(test, len, 16U + 8 + 8 + 2 * 32);
	t_csum(test, buf, len, &t_ll_router, &t_all_nodes);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_all_nodes, &m), 0);
	KUNIT_EXPECT_EQ(test, m.type, NDISC_ROUTER_ADVERTISEMENT);
	KUNIT_EXPECT_EQ(test, m.ra_hop_limit, 64);
	KUNIT_EXPECT_EQ(test, m.ra_flags, TIP_RA_F_OTHER);
	KUNIT_EXPECT_EQ(test, m.ra_lifetime, 1800);
	KUNIT_EXPECT_EQ(test, m.ra_reachable, 30000U);
	KUNIT_EXPECT_EQ(test, m.ra_retrans, 1000U);
	KUNIT_EXPECT_EQ(test, m.opts.mtu, 1280U);
	KUNIT_EXPECT_MEMEQ(test, m.opts.sllao, t_mac, ETH_ALEN);
	KUNIT_ASSERT_EQ(test, m.opts.nprefix, 2U);

	tip_nd_prefix_get(m.opts.prefix[0], &got);
	KUNIT_EXPECT_EQ(test, got.len, 64);
	KUNIT_EXPECT_EQ(test, got.flags, TIP_PI_F_ONLINK | TIP_PI_F_AUTO);
	KUNIT_EXPECT_EQ(test, got.valid, 86400U);
	KUNIT_EXPECT_EQ(test, got.preferred, 14400U);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&got.prefix, &want));
	tip_nd_prefix_get(m.opts.prefix[1], &got);
	KUNIT_EXPECT_EQ(test, got.len, 48);
	KUNIT_EXPECT_EQ(test, got.valid, 0xffffffffU);
	KUNIT_EXPECT_EQ(test, got.prefix.s6_addr[3], 0xb8);
	KUNIT_EXPECT_EQ(test, got.prefix.s6_addr[5], 0x42);
	KUNIT_EXPECT_EQ(test, got.prefix.s6_addr[6], 0);

	/* No SLLAO, no MTU. */
	ra.sllao = NULL;
	ra.mtu = 0;
	ra.nprefix = 0;
	len = tip_nd_build_ra(buf, sizeof(buf), &ra);
	KUNIT_ASSERT_EQ(test, len, 16U);
	t_csum(test, buf, len, &t_ll_router, &t_all_nodes);
	KUNIT_ASSERT_EQ(test, tip_nd_parse(buf, len, 255, &t_ll_router,
					   &t_all_nodes, &m), 0);
	KUNIT_EXPECT_NULL(test, m.opts.sllao);
	KUNIT_EXPECT_EQ(test, m.opts.mtu, 0U);
	KUNIT_EXPECT_EQ(test, m.opts.nprefix, 0U);
}

static void tip_nd6_test_build_ra_room(struct kunit *test)
{
	struct tip_nd_prefix pfx[2] = {
		{ .len = 64, .prefix = t_global },
		{ .len = 64, .prefix = t_target },
	};
	struct tip_nd_ra ra = {
		.mtu = 1500, .sllao = t_mac, .nprefix = 2, .prefix = pfx,
	};
	u8 buf[96];

	KUNIT_EXPECT_EQ(test, tip_nd_build_ra(buf, 96, &ra), 96U);
	KUNIT_EXPECT_EQ(test, tip_nd_build_ra(buf, 95, &ra), 0U);
	KUNIT_EXPECT_EQ(test, tip_nd_build_ra(buf, 31, &ra), 0U);
	KUNIT_EXPECT_EQ(test, tip_nd_build_ra(buf, 0, &ra), 0U);
	/* A count that would wrap a multiplied length. */
	ra.nprefix = 0x08000000;
	KUNIT_EXPECT_EQ(test, tip_nd_build_ra(buf, 96, &ra), 0U);
	ra.nprefix = 2;
	pfx[1].len = 129;
	KUNIT_EXPECT_EQ(test, tip_nd_build_ra(buf, 96, &ra), 0U);
}

/* An MLD query of @len bytes with these fields. */
static void t_query(u8 *buf, unsigned int len, u16 mrc,
		    const struct in6_addr *group, u8 sqrv, u8 qqic, u16 nsrc)
{
	memset(buf, 0, len);
	buf[0] = ICMPV6_MGM_QUERY;
	tip_put16(buf + 4, mrc);
	memcpy(buf + 8, group, 16);
	if (len >= 28) {
		buf[24] = sqrv;
		buf[25] = qqic;
		tip_put16(buf + 26, nsrc);
	}
}

static void tip_nd6_test_mld_query(struct kunit *test)
{
	struct tip_mld_query q;
	u8 buf[64];

	/* v1: 24 bytes, the delay in plain ms. */
	t_query(buf, 24, 10000, &t_target_snma, 0, 0, 0);
	KUNIT_ASSERT_EQ(test, tip_mld_parse_query(buf, 24, &q), 0);
	KUNIT_EXPECT_FALSE(test, q.v2);
	KUNIT_EXPECT_EQ(test, q.max_resp_ms, 10000U);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_equal(&q.group, &t_target_snma));
	KUNIT_EXPECT_EQ(test, q.nsrc, 0);
	/* v1 delays of 32768 and up are plain ms too. */
	t_query(buf, 24, 0xffff, &t_any, 0, 0, 0);
	KUNIT_ASSERT_EQ(test, tip_mld_parse_query(buf, 24, &q), 0);
	KUNIT_EXPECT_EQ(test, q.max_resp_ms, 0xffffU);

	/* v2 general query: S set, QRV 2, QQIC 125 in the linear range. */
	t_query(buf, 28, 10000, &t_any, 0x08 | 2, 125, 0);
	KUNIT_ASSERT_EQ(test, tip_mld_parse_query(buf, 28, &q), 0);
	KUNIT_EXPECT_TRUE(test, q.v2);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_any(&q.group));
	KUNIT_EXPECT_EQ(test, q.max_resp_ms, 10000U);
	KUNIT_EXPECT_TRUE(test, q.s_flag);
	KUNIT_EXPECT_EQ(test, q.qrv, 2);
	KUNIT_EXPECT_EQ(test, q.qqi, 125U);
	KUNIT_EXPECT_EQ(test, q.nsrc, 0);
	/* Reserved bits around S and QRV are not them. */
	t_query(buf, 28, 10000, &t_any, 0xf0 | 7, 125, 0);
	KUNIT_ASSERT_EQ(test, tip_mld_parse_query(buf, 28, &q), 0);
	KUNIT_EXPECT_FALSE(test, q.s_flag);
	KUNIT_EXPECT_EQ(test, q.qrv, 7);

	/* Group-and-source specific: 2 sources, and 4 trailing bytes ignored. */
	t_query(buf, 64, 1000, &t_target_snma, 2, 125, 2);
	KUNIT_ASSERT_EQ(test, tip_mld_parse_query(buf, 64, &q), 0);
	KUNIT_EXPECT_TRUE(test, q.v2);
	KUNIT_EXPECT_EQ(test, q.nsrc, 2);
	KUNIT_EXPECT_PTR_EQ(test, q.srcs, (const u8 *)buf + 28);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 60, &q), 0);
	/* The sources past the end. */
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 59, &q), -EINVAL);
	tip_put16(buf + 26, 3);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 64, &q), -EINVAL);
	tip_put16(buf + 26, 0xffff);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 64, &q), -EINVAL);

	/* Neither version (RFC 3810 8.1). */
	t_query(buf, 28, 1000, &t_any, 2, 125, 0);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 25, &q), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 27, &q), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 23, &q), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 0, &q), -EINVAL);

	/* A unicast group; not a query at all. */
	t_query(buf, 28, 1000, &t_global, 2, 125, 0);
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 28, &q), -EINVAL);
	t_query(buf, 28, 1000, &t_any, 2, 125, 0);
	buf[0] = ICMPV6_MGM_REPORT;
	KUNIT_EXPECT_EQ(test, tip_mld_parse_query(buf, 28, &q), -EINVAL);
}

static void tip_nd6_test_mld_codes(struct kunit *test)
{
	/* Code, and (mant | 0x1000) << (exp + 3) worked out by hand. */
	static const struct { u16 code; u32 ms; } mrc[] = {
		{ 0x7fff, 32767 },
		{ 0x8000, 32768 },	/* 0x1000 << 3 */
		{ 0xa123, 140384 },	/* exp 2, mant 0x123: 0x1123 << 5 */
		{ 0xffff, 8387584 },	/* 0x1fff << 10 */
	};
	/* Code, and (mant | 0x10) << (exp + 3). */
	static const struct { u8 code; u32 s; } qqic[] = {
		{ 0x7f, 127 },
		{ 0x80, 128 },		/* 0x10 << 3 */
		{ 0x9a, 416 },		/* exp 1, mant 0xa: 0x1a << 4 */
		{ 0xff, 31744 },	/* 0x1f << 10 */
	};
	struct tip_mld_query q;
	unsigned int i;
	u8 buf[28];

	for (i = 0; i < ARRAY_SIZE(mrc); i++) {
		t_query(buf, 28, mrc[i].code, &t_any, 2, 125, 0);
		KUNIT_ASSERT_EQ(test, tip_mld_parse_query(buf, 28, &q), 0);
		KUNIT_EXPECT_EQ(test, q.max_resp_ms, mrc[i].ms);
	}
	for (i = 0; i < ARRAY_SIZE(qqic); i++) {
		t_query(buf, 28, 1000, &t_any, 2, qqic[i].code, 0);
		KUNIT_ASSERT_EQ(test, tip_mld_parse_query(buf, 28, &q), 0);
		KUNIT_EXPECT_EQ(test, q.qqi, qqic[i].s);
	}
}

static void tip_nd6_test_mld_report(struct kunit *test)
{
	static const u8 want[] = {
		143, 0, 0, 0, 0, 0, 0, 2,
		/* CHANGE_TO_EXCLUDE ff02::1:ffcd:1234 */
		4, 0, 0, 0,
		0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0xff, 0xcd, 0x12, 0x34,
		/* MODE_IS_EXCLUDE ff02::1 */
		2, 0, 0, 0,
		0xff, 0x02, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1,
	};
	struct tip_mld2_rec recs[2] = {
		{ MLD2_CHANGE_TO_EXCLUDE, t_target_snma },
		{ MLD2_MODE_IS_EXCLUDE, t_all_nodes },
	};
	u8 buf[64];
	unsigned int len;

	memset(buf, 0xaa, sizeof(buf));
	len = tip_mld2_build_report(buf, sizeof(buf), recs, 2);
	KUNIT_ASSERT_EQ(test, len, sizeof(want));
	KUNIT_EXPECT_MEMEQ(test, buf, want, sizeof(want));
	t_csum(test, buf, len, &t_ll_host, &t_target_snma);

	KUNIT_EXPECT_EQ(test, tip_mld2_build_report(buf, 48, recs, 2), 48U);
	KUNIT_EXPECT_EQ(test, tip_mld2_build_report(buf, 47, recs, 2), 0U);
	KUNIT_EXPECT_EQ(test, tip_mld2_build_report(buf, 7, recs, 0), 0U);
	KUNIT_EXPECT_EQ(test, tip_mld2_build_report(buf, 8, recs, 0), 8U);
	KUNIT_EXPECT_EQ(test, tip_mld2_build_report(buf, sizeof(buf), recs,
						    0x10000), 0U);
	recs[1].type = 0;
	KUNIT_EXPECT_EQ(test, tip_mld2_build_report(buf, 64, recs, 2), 0U);
	recs[1].type = 7;
	KUNIT_EXPECT_EQ(test, tip_mld2_build_report(buf, 64, recs, 2), 0U);
}

static void tip_nd6_test_mld1(struct kunit *test)
{
	u8 want[24] = { 131, 0, 0, 0, 0, 0, 0, 0,
			0xff, 0x02, [19] = 1, 0xff, 0xcd, 0x12, 0x34 };
	u8 buf[24];

	memset(buf, 0xaa, sizeof(buf));
	KUNIT_ASSERT_EQ(test, tip_mld1_build(buf, ICMPV6_MGM_REPORT,
					     &t_target_snma), 24U);
	KUNIT_EXPECT_MEMEQ(test, buf, want, sizeof(want));
	want[0] = 132;
	KUNIT_ASSERT_EQ(test, tip_mld1_build(buf, ICMPV6_MGM_REDUCTION,
					     &t_target_snma), 24U);
	KUNIT_EXPECT_MEMEQ(test, buf, want, sizeof(want));
	KUNIT_EXPECT_EQ(test, tip_mld1_build(buf, ICMPV6_MGM_QUERY,
					     &t_target_snma), 0U);
}

static void tip_nd6_test_eui64(struct kunit *test)
{
	static const u8 want[8] = { 0x50, 0x54, 0x00, 0xff,
				    0xfe, 0x12, 0x34, 0x56 };
	static const u8 mac_local[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 1 };
	u8 iid[8];

	tip_ip6_eui64(iid, t_mac);
	KUNIT_EXPECT_MEMEQ(test, iid, want, sizeof(want));
	/* The u/l bit inverts both ways. */
	tip_ip6_eui64(iid, mac_local);
	KUNIT_EXPECT_EQ(test, iid[0], 0);
	KUNIT_EXPECT_EQ(test, iid[7], 1);
}

static void tip_nd6_test_iid_reserved(struct kunit *test)
{
	static const struct { u8 iid[8]; bool reserved; } cases[] = {
		{ { 0, 0, 0, 0, 0, 0, 0, 0 }, true },
		{ { 0, 0, 0, 0, 0, 0, 0, 1 }, false },
		{ { 0x80, 0, 0, 0, 0, 0, 0, 0 }, false },
		/* IANA Ethernet block, 0200:5EFF:FE00:0000 on. */
		{ { 0x02, 0x00, 0x5e, 0xff, 0xfd, 0xff, 0xff, 0xff }, false },
		{ { 0x02, 0x00, 0x5e, 0xff, 0xfe, 0x00, 0x00, 0x00 }, true },
		{ { 0x02, 0x00, 0x5e, 0xff, 0xfe, 0x00, 0x52, 0x12 }, true },
		{ { 0x02, 0x00, 0x5e, 0xff, 0xfe, 0x00, 0x52, 0x13 }, true },
		{ { 0x02, 0x00, 0x5e, 0xff, 0xfe, 0xff, 0xff, 0xff }, true },
		{ { 0x02, 0x00, 0x5e, 0xff, 0xff, 0x00, 0x00, 0x00 }, false },
		{ { 0x00, 0x00, 0x5e, 0xff, 0xfe, 0x00, 0x00, 0x00 }, false },
		{ { 0x02, 0x00, 0x5e, 0xfe, 0xfe, 0x00, 0x00, 0x00 }, false },
		/* RFC 2526 subnet anycast, FDFF:FFFF:FFFF:FF80 on. */
		{ { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f }, false },
		{ { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x80 }, true },
		{ { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, true },
		{ { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff }, false },
		{ { 0xfc, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff }, false },
		{ { 0xfe, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00 }, false },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		KUNIT_EXPECT_EQ_MSG(test, tip_ip6_iid_reserved(cases[i].iid),
				    cases[i].reserved, "case %u", i);
}

static void tip_nd6_test_stable_iid(struct kunit *test)
{
	static const siphash_key_t key = { { 0x0706050403020100ULL,
					     0x0f0e0d0c0b0a0908ULL } };
	static const siphash_key_t key2 = { { 1, 2 } };
	struct in6_addr pfx = t_target, pfx2 = t_target;
	u8 a[8], b[8], want[8];
	unsigned int i, n;
	u64 h;

	tip_ip6_stable_iid(a, &pfx, t_mac, ETH_ALEN, 0, &key);
	tip_ip6_stable_iid(b, &pfx, t_mac, ETH_ALEN, 0, &key);
	KUNIT_EXPECT_MEMEQ(test, a, b, 8);
	KUNIT_EXPECT_FALSE(test, tip_ip6_iid_reserved(a));

	/*
	 * Only the /64 counts, and the construction must not change from
	 * one version to the next: an address is stable across reboots.
	 */
	pfx2.s6_addr[15] ^= 0xff;
	tip_ip6_stable_iid(b, &pfx2, t_mac, ETH_ALEN, 0, &key);
	KUNIT_EXPECT_MEMEQ(test, a, b, 8);
	h = siphash_3u64(0x20010db800000000ULL, siphash(t_mac, ETH_ALEN, &key),
			 0, &key);
	for (i = 0; i < 8; i++)
		want[i] = h >> (56 - 8 * i);
	KUNIT_EXPECT_MEMEQ(test, a, want, 8);

	tip_ip6_stable_iid(b, &pfx, t_mac, ETH_ALEN, 1, &key);
	KUNIT_EXPECT_MEMNEQ(test, a, b, 8);
	pfx2 = pfx;
	pfx2.s6_addr[7] = 1;
	tip_ip6_stable_iid(b, &pfx2, t_mac, ETH_ALEN, 0, &key);
	KUNIT_EXPECT_MEMNEQ(test, a, b, 8);
	tip_ip6_stable_iid(b, &pfx, t_mac2, ETH_ALEN, 0, &key);
	KUNIT_EXPECT_MEMNEQ(test, a, b, 8);
	tip_ip6_stable_iid(b, &pfx, t_mac, ETH_ALEN - 1, 0, &key);
	KUNIT_EXPECT_MEMNEQ(test, a, b, 8);
	tip_ip6_stable_iid(b, &pfx, t_mac, ETH_ALEN, 0, &key2);
	KUNIT_EXPECT_MEMNEQ(test, a, b, 8);

	/* Many prefixes and counters: all distinct from their neighbours, none reserved. */
	for (n = 0; n < 1024; n++) {
		pfx2 = pfx;
		pfx2.s6_addr[4] = n >> 2;
		tip_ip6_stable_iid(b, &pfx2, t_mac, ETH_ALEN, n & 3, &key);
		KUNIT_EXPECT_FALSE(test, tip_ip6_iid_reserved(b));
		if (n)
			KUNIT_EXPECT_MEMNEQ(test, a, b, 8);
		memcpy(a, b, 8);
	}
}

static struct kunit_case tip_nd6_wire_test_cases[] = {
	KUNIT_CASE(tip_nd6_test_ns),
	KUNIT_CASE(tip_nd6_test_ns_bad),
	KUNIT_CASE(tip_nd6_test_na),
	KUNIT_CASE(tip_nd6_test_na_bad),
	KUNIT_CASE(tip_nd6_test_rs),
	KUNIT_CASE(tip_nd6_test_ra),
	KUNIT_CASE(tip_nd6_test_ra_bad),
	KUNIT_CASE(tip_nd6_test_redirect),
	KUNIT_CASE(tip_nd6_test_redirect_bad),
	KUNIT_CASE(tip_nd6_test_other_types),
	KUNIT_CASE(tip_nd6_test_opts_bad),
	KUNIT_CASE(tip_nd6_test_opts_kept),
	KUNIT_CASE(tip_nd6_test_truncated),
	KUNIT_CASE(tip_nd6_test_build_ns),
	KUNIT_CASE(tip_nd6_test_build_na_rs),
	KUNIT_CASE(tip_nd6_test_build_ra),
	KUNIT_CASE(tip_nd6_test_build_ra_room),
	KUNIT_CASE(tip_nd6_test_mld_query),
	KUNIT_CASE(tip_nd6_test_mld_codes),
	KUNIT_CASE(tip_nd6_test_mld_report),
	KUNIT_CASE(tip_nd6_test_mld1),
	KUNIT_CASE(tip_nd6_test_eui64),
	KUNIT_CASE(tip_nd6_test_iid_reserved),
	KUNIT_CASE(tip_nd6_test_stable_iid),
	{}
};

static struct kunit_suite tip_nd6_wire_test_suite = {
	.name = "tinyip_nd6_wire",
	.test_cases = tip_nd6_wire_test_cases,
};

kunit_test_suite(tip_nd6_wire_test_suite);
