// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the UDP and UDP-Lite wire rules (module/udp_wire.c): the
 * checksum against a plain RFC 1071 sum, verification with and without
 * the device's help, and RFC 3828 coverage with Linux's option semantics.
 */
/* The unit first, as for every pure unit under test. */
#include "../module/udp_wire.c"

#include <kunit/test.h>
#include <linux/ip.h>

#define SADDR	cpu_to_be32(0xc0000201)	/* 192.0.2.1 */
#define DADDR	cpu_to_be32(0xc0000202)	/* 192.0.2.2 */

/* RFC 1071 the slow way: 16-bit big-endian words, end-around carry. */
static u16 ref_csum(const u8 *data, unsigned int len, u8 proto,
		    unsigned int plen)
{
	const u8 ph[12] = { 192, 0, 2, 1, 192, 0, 2, 2, 0, proto,
			    plen >> 8, plen & 0xff };
	u32 sum = 0;
	unsigned int i;

	for (i = 0; i < sizeof(ph); i += 2)
		sum += (ph[i] << 8) | ph[i + 1];
	for (i = 0; i < len; i += 2)
		sum += (data[i] << 8) | (i + 1 < len ? data[i + 1] : 0);
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return ~sum & 0xffff;
}

/* A datagram of @len bytes (header included) with a checksum of zero. */
static struct sk_buff *make_dgram(struct kunit *test, unsigned int len)
{
	struct sk_buff *skb = alloc_skb(len, GFP_KERNEL);
	struct udphdr *uh;
	unsigned int i;
	u8 *p;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	p = skb_put(skb, len);
	for (i = 0; i < len; i++)
		p[i] = i * 7 + 3;
	uh = (struct udphdr *)p;
	uh->source = htons(40000);
	uh->dest = htons(7);
	uh->len = htons(len);
	uh->check = 0;
	skb->ip_summed = CHECKSUM_NONE;
	return skb;
}

static void tip_udp_wire_test_csum(struct kunit *test)
{
	struct sk_buff *skb = make_dgram(test, 8 + 13);	/* odd length */
	struct udphdr *uh = (struct udphdr *)skb->data;
	u16 want = ref_csum(skb->data, skb->len, IPPROTO_UDP, skb->len);
	__sum16 got = tip_udp_csum(skb, 0, skb->len, skb->len, SADDR, DADDR,
				   IPPROTO_UDP);

	KUNIT_EXPECT_EQ(test, ntohs((__force __be16)got), want);
	uh->check = got;
	KUNIT_EXPECT_TRUE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						IPPROTO_UDP, skb->len));
	/* The wrong pseudo-header (another source) must not pass. */
	KUNIT_EXPECT_FALSE(test, tip_udp_csum_ok(skb, DADDR, DADDR,
						 IPPROTO_UDP, skb->len));
	skb->data[12] ^= 0x40;
	KUNIT_EXPECT_FALSE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						 IPPROTO_UDP, skb->len));
	/* What the device vouched for is trusted. */
	skb->ip_summed = CHECKSUM_UNNECESSARY;
	KUNIT_EXPECT_TRUE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						IPPROTO_UDP, skb->len));
	kfree_skb(skb);
}

static void tip_udp_wire_test_complete(struct kunit *test)
{
	struct sk_buff *skb = make_dgram(test, 8 + 32);
	struct udphdr *uh = (struct udphdr *)skb->data;

	uh->check = tip_udp_csum(skb, 0, skb->len, skb->len, SADDR, DADDR,
				 IPPROTO_UDP);
	skb->ip_summed = CHECKSUM_COMPLETE;
	skb->csum = skb_checksum(skb, 0, skb->len, 0);
	KUNIT_EXPECT_TRUE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						IPPROTO_UDP, skb->len));
	/* A wrong device sum falls back to software, which accepts. */
	skb->csum = 0;
	KUNIT_EXPECT_TRUE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						IPPROTO_UDP, skb->len));
	kfree_skb(skb);
}

static void tip_udp_wire_test_zero(struct kunit *test)
{
	struct sk_buff *skb = make_dgram(test, 8 + 4);

	/* Zero means "no checksum" for UDP and is illegal in UDP-Lite. */
	KUNIT_EXPECT_TRUE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						IPPROTO_UDP, skb->len));
	KUNIT_EXPECT_FALSE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						 IPPROTO_UDPLITE, skb->len));
	kfree_skb(skb);
}

static void tip_udp_wire_test_lite_partial(struct kunit *test)
{
	struct sk_buff *skb = make_dgram(test, 8 + 40);
	struct udphdr *uh = (struct udphdr *)skb->data;
	unsigned int cov = 12;
	u16 want;

	uh->len = htons(cov);
	want = ref_csum(skb->data, cov, IPPROTO_UDPLITE, skb->len);
	uh->check = tip_udp_csum(skb, 0, skb->len, cov, SADDR, DADDR,
				 IPPROTO_UDPLITE);
	KUNIT_EXPECT_EQ(test, ntohs((__force __be16)uh->check), want);
	KUNIT_EXPECT_TRUE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						IPPROTO_UDPLITE, cov));
	/* Damage outside the coverage goes unnoticed, inside it does not. */
	skb->data[30] ^= 1;
	KUNIT_EXPECT_TRUE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						IPPROTO_UDPLITE, cov));
	skb->data[10] ^= 1;
	KUNIT_EXPECT_FALSE(test, tip_udp_csum_ok(skb, SADDR, DADDR,
						 IPPROTO_UDPLITE, cov));
	kfree_skb(skb);
}

static void tip_udp_wire_test_lite_cov(struct kunit *test)
{
	u16 lenf;

	/* Receive side, RFC 3828 3.1. */
	KUNIT_EXPECT_EQ(test, tip_udplite_rx_cscov(0, 100), 100);
	KUNIT_EXPECT_EQ(test, tip_udplite_rx_cscov(8, 100), 8);
	KUNIT_EXPECT_EQ(test, tip_udplite_rx_cscov(100, 100), 100);
	KUNIT_EXPECT_EQ(test, tip_udplite_rx_cscov(7, 100), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_udplite_rx_cscov(1, 100), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_udplite_rx_cscov(101, 100), -EINVAL);

	/* Option values: 0 is full coverage, below 8 means 8. */
	KUNIT_EXPECT_EQ(test, tip_udplite_clamp_cscov(0), 0);
	KUNIT_EXPECT_EQ(test, tip_udplite_clamp_cscov(1), 8);
	KUNIT_EXPECT_EQ(test, tip_udplite_clamp_cscov(7), 8);
	KUNIT_EXPECT_EQ(test, tip_udplite_clamp_cscov(-5), 8);
	KUNIT_EXPECT_EQ(test, tip_udplite_clamp_cscov(20), 20);
	KUNIT_EXPECT_EQ(test, tip_udplite_clamp_cscov(70000), U16_MAX);

	/* Send side, as Linux's udplite_sender_cscov. */
	KUNIT_EXPECT_EQ(test, tip_udplite_tx_cscov(false, 0, 100, &lenf), 100);
	KUNIT_EXPECT_EQ(test, lenf, 100);
	KUNIT_EXPECT_EQ(test, tip_udplite_tx_cscov(true, 0, 100, &lenf), 100);
	KUNIT_EXPECT_EQ(test, lenf, 0);
	KUNIT_EXPECT_EQ(test, tip_udplite_tx_cscov(true, 20, 100, &lenf), 20);
	KUNIT_EXPECT_EQ(test, lenf, 20);
	KUNIT_EXPECT_EQ(test, tip_udplite_tx_cscov(true, 200, 100, &lenf),
			100);
	KUNIT_EXPECT_EQ(test, lenf, 100);
}

static struct kunit_case tip_udp_wire_test_cases[] = {
	KUNIT_CASE(tip_udp_wire_test_csum),
	KUNIT_CASE(tip_udp_wire_test_complete),
	KUNIT_CASE(tip_udp_wire_test_zero),
	KUNIT_CASE(tip_udp_wire_test_lite_partial),
	KUNIT_CASE(tip_udp_wire_test_lite_cov),
	{}
};

static struct kunit_suite tip_udp_wire_test_suite = {
	.name = "tinyip_udp_wire",
	.test_cases = tip_udp_wire_test_cases,
};

kunit_test_suite(tip_udp_wire_test_suite);
