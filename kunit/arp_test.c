// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of ARP (RFC 826) for tinyip: the wire parser and builder
 * (netdev/arp_wire.c) on valid and malformed packets, and the neighbour
 * entry state machine (netdev/neigh_fsm.c) driven by a fake clock through
 * resolution, ageing, probing, failure and garbage collection.
 */
/* The units first: they must not pick up KUnit's pr_fmt. */
#include "../netdev/arp_wire.c"
#include "../netdev/neigh_fsm.c"

#include <kunit/test.h>

static const u8 mac_a[ETH_ALEN] = { 0x02, 0x11, 0x22, 0x33, 0x44, 0x55 };
static const u8 mac_b[ETH_ALEN] = { 0x02, 0x66, 0x77, 0x88, 0x99, 0xaa };

static __be32 ip(u8 a, u8 b, u8 c, u8 d)
{
	return htonl((a << 24) | (b << 16) | (c << 8) | d);
}

static void arp_test_roundtrip(struct kunit *test)
{
	struct tip_arp_view v;
	u8 buf[TIP_ARP_LEN + 18];

	tip_arp_build(buf, TIP_ARP_OP_REPLY, mac_a, ip(192, 0, 2, 1), mac_b,
		      ip(192, 0, 2, 2));
	KUNIT_ASSERT_EQ(test, tip_arp_parse(buf, TIP_ARP_LEN, &v), 0);
	KUNIT_EXPECT_EQ(test, v.op, TIP_ARP_OP_REPLY);
	KUNIT_EXPECT_MEMEQ(test, v.sha, mac_a, ETH_ALEN);
	KUNIT_EXPECT_MEMEQ(test, v.tha, mac_b, ETH_ALEN);
	KUNIT_EXPECT_EQ(test, v.sip, ip(192, 0, 2, 1));
	KUNIT_EXPECT_EQ(test, v.tip, ip(192, 0, 2, 2));
	/* Ethernet padding after the packet is fine. */
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), 0);

	/* A request leaves the target MAC zero. */
	tip_arp_build(buf, TIP_ARP_OP_REQUEST, mac_a, ip(192, 0, 2, 1), NULL,
		      ip(192, 0, 2, 2));
	KUNIT_ASSERT_EQ(test, tip_arp_parse(buf, TIP_ARP_LEN, &v), 0);
	KUNIT_EXPECT_EQ(test, v.op, TIP_ARP_OP_REQUEST);
	KUNIT_EXPECT_TRUE(test, is_zero_ether_addr(v.tha));
}

static void arp_test_short(struct kunit *test)
{
	struct tip_arp_view v;
	u8 buf[TIP_ARP_LEN];

	tip_arp_build(buf, TIP_ARP_OP_REQUEST, mac_a, ip(192, 0, 2, 1), NULL,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, TIP_ARP_LEN - 1, &v),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, 0, &v), -EINVAL);
}

/* Each fixed field, corrupted in turn. */
static void arp_test_bad_fields(struct kunit *test)
{
	static const struct {
		unsigned int off;
		u8 val;
	} bad[] = {
		{ 1, 6 },	/* hrd IEEE 802 instead of Ethernet */
		{ 2, 0x86 },	/* pro 0x86dd */
		{ 4, 8 },	/* hln */
		{ 5, 16 },	/* pln */
		{ 7, 3 },	/* op RARP request */
		{ 7, 0 },	/* op 0 */
	};
	struct tip_arp_view v;
	u8 buf[TIP_ARP_LEN];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		tip_arp_build(buf, TIP_ARP_OP_REQUEST, mac_a, ip(192, 0, 2, 1),
			      NULL, ip(192, 0, 2, 2));
		buf[bad[i].off] = bad[i].val;
		KUNIT_EXPECT_EQ_MSG(test, tip_arp_parse(buf, sizeof(buf), &v),
				    -EINVAL, "case %u", i);
	}
}

static void arp_test_bad_sender(struct kunit *test)
{
	static const u8 bcast[ETH_ALEN] = { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };
	static const u8 mcast[ETH_ALEN] = { 0x01, 0x00, 0x5e, 0x00, 0x00, 0x01 };
	static const u8 zero[ETH_ALEN];
	struct tip_arp_view v;
	u8 buf[TIP_ARP_LEN];

	tip_arp_build(buf, TIP_ARP_OP_REQUEST, mcast, ip(192, 0, 2, 1), NULL,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), -EINVAL);
	tip_arp_build(buf, TIP_ARP_OP_REQUEST, bcast, ip(192, 0, 2, 1), NULL,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), -EINVAL);
	tip_arp_build(buf, TIP_ARP_OP_REQUEST, zero, ip(192, 0, 2, 1), NULL,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), -EINVAL);

	/* Sender IP: multicast, limited broadcast, loopback. */
	tip_arp_build(buf, TIP_ARP_OP_REPLY, mac_a, ip(224, 0, 0, 1), mac_b,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), -EINVAL);
	tip_arp_build(buf, TIP_ARP_OP_REPLY, mac_a, ip(255, 255, 255, 255),
		      mac_b, ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), -EINVAL);
	tip_arp_build(buf, TIP_ARP_OP_REPLY, mac_a, ip(127, 0, 0, 1), mac_b,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), -EINVAL);
}

/* RFC 5227: a zero sender is a probe when it asks, nonsense when it tells. */
static void arp_test_probe(struct kunit *test)
{
	struct tip_arp_view v;
	u8 buf[TIP_ARP_LEN];

	tip_arp_build(buf, TIP_ARP_OP_REQUEST, mac_a, 0, NULL,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), 0);
	KUNIT_EXPECT_EQ(test, v.sip, 0);
	tip_arp_build(buf, TIP_ARP_OP_REPLY, mac_a, 0, mac_b,
		      ip(192, 0, 2, 2));
	KUNIT_EXPECT_EQ(test, tip_arp_parse(buf, sizeof(buf), &v), -EINVAL);
}

static const struct tip_nfsm_params fsm_params = {
	.retrans = 100,
	.reachable = 3000,
	.gc = 6000,
	.failed_hold = 100,
	.max_probes = 3,
};

/* A base clock near the wrap, so time_after() is what gets tested. */
#define T0	((unsigned long)-500)

static void neigh_test_resolve(struct kunit *test)
{
	struct tip_nfsm f;
	u32 act;

	act = tip_nfsm_start(&f, T0, &fsm_params);
	KUNIT_EXPECT_EQ(test, act, TIP_NF_QUEUE | TIP_NF_REQ_BCAST);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_INCOMPLETE);
	/* More packets wait; nothing happens before the deadline. */
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, T0 + 10, &fsm_params),
			TIP_NF_QUEUE);
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, T0 + 99, &fsm_params), 0);
	/* The reply: REACHABLE, and the queue goes out. */
	act = tip_nfsm_learn(&f, T0 + 50, &fsm_params, true, true);
	KUNIT_EXPECT_EQ(test, act, TIP_NF_FLUSH);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_REACHABLE);
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, T0 + 60, &fsm_params),
			TIP_NF_SEND);
}

static void neigh_test_fail(struct kunit *test)
{
	struct tip_nfsm f;
	unsigned long t = T0;

	tip_nfsm_start(&f, t, &fsm_params);
	/* RFC 1122 2.3.2.1: retries one retrans interval apart. */
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params),
			TIP_NF_REQ_BCAST);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params),
			TIP_NF_REQ_BCAST);
	KUNIT_EXPECT_EQ(test, f.probes, 3);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params), TIP_NF_FAIL);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_FAILED);
	/* While FAILED, packets are refused, without a new request. */
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, t + 1, &fsm_params),
			TIP_NF_DROP);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params),
			TIP_NF_DELETE);
}

static void neigh_test_age_and_probe(struct kunit *test)
{
	struct tip_nfsm f;
	unsigned long t = T0;

	tip_nfsm_start(&f, t, &fsm_params);
	tip_nfsm_learn(&f, t, &fsm_params, true, true);
	t += 3000;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params), 0);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_STALE);
	/* Used while STALE: send, and re-confirm by unicast. */
	t += 10;
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, t, &fsm_params),
			TIP_NF_SEND | TIP_NF_REQ_UCAST);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_PROBE);
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, t + 1, &fsm_params),
			TIP_NF_SEND);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params),
			TIP_NF_REQ_UCAST);
	/* The answer: REACHABLE again, nothing queued to flush. */
	KUNIT_EXPECT_EQ(test, tip_nfsm_learn(&f, t + 5, &fsm_params, true,
					     false), 0);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_REACHABLE);
}

/*
 * Neighbor Discovery's NUD (RFC 4861 7.3.3): a STALE entry that is used
 * sends at once and waits DELAY_FIRST_PROBE_TIME before probing, so an
 * answer in between spares the probe; without one, unicast probes follow
 * and the entry fails after MAX_UNICAST_SOLICIT of them.
 */
static void neigh_test_nud_delay(struct kunit *test)
{
	struct tip_nfsm_params p = fsm_params;
	struct tip_nfsm f;
	unsigned long t = T0;

	p.delay = 500;
	tip_nfsm_start(&f, t, &p);
	tip_nfsm_learn(&f, t, &p, true, true);
	t += 3000;
	tip_nfsm_timer(&f, t, &p);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_STALE);
	t += 10;
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, t, &p), TIP_NF_SEND);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_DELAY);
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, t + 1, &p), TIP_NF_SEND);
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t + 499, &p), 0);
	/* A confirmation during DELAY: REACHABLE, no probe. */
	KUNIT_EXPECT_EQ(test, tip_nfsm_learn(&f, t + 100, &p, true, false), 0);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_REACHABLE);

	/* Again, with no confirmation: DELAY, then PROBE, then FAILED. */
	t += 3100;
	tip_nfsm_timer(&f, t, &p);
	t += 10;
	tip_nfsm_use(&f, t, &p);
	t += 500;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &p), TIP_NF_REQ_UCAST);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_PROBE);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &p), TIP_NF_REQ_UCAST);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &p), TIP_NF_REQ_UCAST);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &p), TIP_NF_FAIL);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_FAILED);
}

static void neigh_test_probe_fails(struct kunit *test)
{
	struct tip_nfsm f;
	unsigned long t = T0;

	tip_nfsm_start(&f, t, &fsm_params);
	tip_nfsm_learn(&f, t, &fsm_params, false, true);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_STALE);
	tip_nfsm_use(&f, t, &fsm_params);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params),
			TIP_NF_REQ_UCAST);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params),
			TIP_NF_REQ_UCAST);
	t += 100;
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t, &fsm_params), TIP_NF_FAIL);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_FAILED);
}

/* Unused STALE entries go; a request about a known MAC changes nothing. */
static void neigh_test_gc(struct kunit *test)
{
	struct tip_nfsm f;
	unsigned long t = T0;

	tip_nfsm_start(&f, t, &fsm_params);
	tip_nfsm_learn(&f, t, &fsm_params, true, true);
	KUNIT_EXPECT_EQ(test, tip_nfsm_learn(&f, t + 1, &fsm_params, false,
					     false), 0);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_REACHABLE);
	/* A new MAC from an unconfirmed source: usable, but STALE. */
	tip_nfsm_learn(&f, t + 2, &fsm_params, false, true);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_STALE);
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t + 3000, &fsm_params), 0);
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, t + 6002, &fsm_params),
			TIP_NF_DELETE);
}

static void neigh_test_permanent(struct kunit *test)
{
	struct tip_nfsm f = { .state = TINYIP_NEIGH_PERMANENT };

	KUNIT_EXPECT_FALSE(test, tip_nfsm_timed(&f));
	KUNIT_EXPECT_EQ(test, tip_nfsm_learn(&f, T0, &fsm_params, true, true),
			0);
	KUNIT_EXPECT_EQ(test, tip_nfsm_timer(&f, T0 + 100000, &fsm_params), 0);
	KUNIT_EXPECT_EQ(test, tip_nfsm_use(&f, T0, &fsm_params), TIP_NF_SEND);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_NEIGH_PERMANENT);
}

static struct kunit_case tip_arp_test_cases[] = {
	KUNIT_CASE(arp_test_roundtrip),
	KUNIT_CASE(arp_test_short),
	KUNIT_CASE(arp_test_bad_fields),
	KUNIT_CASE(arp_test_bad_sender),
	KUNIT_CASE(arp_test_probe),
	KUNIT_CASE(neigh_test_resolve),
	KUNIT_CASE(neigh_test_fail),
	KUNIT_CASE(neigh_test_age_and_probe),
	KUNIT_CASE(neigh_test_nud_delay),
	KUNIT_CASE(neigh_test_probe_fails),
	KUNIT_CASE(neigh_test_gc),
	KUNIT_CASE(neigh_test_permanent),
	{}
};

static struct kunit_suite tip_arp_test_suite = {
	.name = "tinyip_arp",
	.test_cases = tip_arp_test_cases,
};

kunit_test_suite(tip_arp_test_suite);
