// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the DHCPv4 client state machine (module/dhcp4_fsm.c,
 * RFC 2131 figure 5, 4.1, 4.4; RFC 5227 probing), driven with synthetic
 * replies and a fake clock: DISCOVER to BOUND through ACD, T1 renewal,
 * T2 rebinding, expiry, NAK, DECLINE on conflict, INIT-REBOOT, RELEASE,
 * and the randomised exponential backoff.
 */
#include "../module/dhcp4_fsm.c"

#include <kunit/test.h>

#define ADDR	cpu_to_be32(0xc0000232)
#define SERVER	cpu_to_be32(0xc0000201)
/* Transaction ids are opaque: any number will do. */
#define X(n)	((__force __be32)(n))

static struct tip_dhcp4_msg msg(__be32 xid, u8 type)
{
	struct tip_dhcp4_msg m = { .op = 2, .type = type, .xid = xid,
				   .yiaddr = ADDR };

	m.lease.addr = ADDR;
	m.lease.server = SERVER;
	m.lease.prefixlen = 24;
	m.lease.lease = 120;
	m.lease.t1 = 4;
	m.lease.t2 = 8;
	return m;
}

/* From start to BOUND at about t = 5 s; returns the time. */
static u64 to_bound(struct kunit *test, struct tip_dhcp4_fsm *f)
{
	struct tip_dhcp4_msg m;
	u64 now = 0;
	u32 out;
	int i;

	tip_dhcp4_fsm_start(f, now, X(1), &out);
	KUNIT_EXPECT_EQ(test, f->state, TINYIP_DHCP_SELECTING);
	KUNIT_EXPECT_EQ(test, out, TIP_DHCP4_DO_SEND);
	KUNIT_EXPECT_EQ(test, f->tx.type, TIP_DHCPDISCOVER);
	m = msg(f->xid, TIP_DHCPOFFER);
	/* Another transaction's offer changes nothing. */
	m.xid = X(99);
	tip_dhcp4_fsm_reply(f, now, &m, X(2), &out);
	KUNIT_EXPECT_EQ(test, out, 0);
	m.xid = f->xid;
	tip_dhcp4_fsm_reply(f, now, &m, X(2), &out);
	KUNIT_EXPECT_EQ(test, f->state, TINYIP_DHCP_REQUESTING);
	KUNIT_EXPECT_EQ(test, f->tx.type, TIP_DHCPREQUEST);
	KUNIT_EXPECT_EQ(test, f->tx.reqip, ADDR);
	KUNIT_EXPECT_EQ(test, f->tx.server, SERVER);
	m = msg(f->xid, TIP_DHCPACK);
	tip_dhcp4_fsm_reply(f, now, &m, X(3), &out);
	KUNIT_EXPECT_EQ(test, f->state, TINYIP_DHCP_CHECKING);
	KUNIT_EXPECT_FALSE(test, out & TIP_DHCP4_DO_APPLY);
	for (i = 0; i < TIP_ACD_PROBE_NUM; i++) {
		now = f->wake;
		tip_dhcp4_fsm_timeout(f, now, X(4), &out);
		KUNIT_EXPECT_EQ(test, out, TIP_DHCP4_DO_PROBE);
	}
	now = f->wake;
	tip_dhcp4_fsm_timeout(f, now, X(4), &out);
	KUNIT_EXPECT_EQ(test, f->state, TINYIP_DHCP_BOUND);
	KUNIT_EXPECT_TRUE(test, out & TIP_DHCP4_DO_APPLY);
	KUNIT_EXPECT_TRUE(test, out & TIP_DHCP4_DO_ANNOUNCE);
	KUNIT_EXPECT_EQ(test, f->event, TINYIP_DHCP_EV_BOUND);
	f->applied = f->lease.addr;	/* as module/dhcp4.c does */
	KUNIT_EXPECT_EQ(test, f->wake, now + 4000);
	return now;
}

static void tip_dhcp4_test_renew_rebind_expire(struct kunit *test)
{
	struct tip_dhcp4_fsm f = {};
	struct tip_dhcp4_msg m;
	u64 t0 = to_bound(test, &f), now;
	u32 out;

	/* Too early: nothing. At T1: a REQUEST with ciaddr, unicast. */
	tip_dhcp4_fsm_timeout(&f, t0 + 3999, X(5), &out);
	KUNIT_EXPECT_EQ(test, out, 0);
	tip_dhcp4_fsm_timeout(&f, t0 + 4000, X(5), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_RENEWING);
	KUNIT_EXPECT_EQ(test, f.tx.ciaddr, ADDR);
	KUNIT_EXPECT_EQ(test, f.tx.reqip, 0);
	KUNIT_EXPECT_FALSE(test, f.tx.broadcast);
	/* Unanswered: the next try is at T2, not 60 s later. */
	KUNIT_EXPECT_EQ(test, f.wake, t0 + 8000);
	m = msg(f.xid, TIP_DHCPACK);
	tip_dhcp4_fsm_reply(&f, t0 + 5000, &m, X(6), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_BOUND);
	KUNIT_EXPECT_EQ(test, f.event, TINYIP_DHCP_EV_RENEWED);
	KUNIT_EXPECT_EQ(test, tip_dhcp4_fsm_left(&f, t0 + 5000, 120), 120);

	/* No answer to renewals, nor to rebinding: the lease is lost. */
	now = t0 + 5000 + 4000;
	tip_dhcp4_fsm_timeout(&f, now, X(7), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_RENEWING);
	now = f.wake;
	KUNIT_EXPECT_EQ(test, now, t0 + 5000 + 8000);
	tip_dhcp4_fsm_timeout(&f, now, X(8), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_REBINDING);
	KUNIT_EXPECT_EQ(test, f.tx.ciaddr, ADDR);
	/* RFC 2131 4.4.5: at least 60 s apart, but no later than expiry. */
	KUNIT_EXPECT_EQ(test, f.wake, t0 + 13000 + 60000);
	tip_dhcp4_fsm_timeout(&f, f.wake, X(9), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_REBINDING);
	KUNIT_EXPECT_EQ(test, f.wake, t0 + 5000 + 120000);
	now = f.wake;
	tip_dhcp4_fsm_timeout(&f, now, X(9), &out);
	KUNIT_EXPECT_TRUE(test, out & TIP_DHCP4_DO_REMOVE);
	KUNIT_EXPECT_EQ(test, f.event, TINYIP_DHCP_EV_LOST);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_SELECTING);
	KUNIT_EXPECT_EQ(test, f.tx.type, TIP_DHCPDISCOVER);
}

static void tip_dhcp4_test_rebound(struct kunit *test)
{
	struct tip_dhcp4_fsm f = {};
	struct tip_dhcp4_msg m;
	u64 t0 = to_bound(test, &f);
	u32 out;

	tip_dhcp4_fsm_timeout(&f, t0 + 4000, X(5), &out);
	tip_dhcp4_fsm_timeout(&f, t0 + 8000, X(6), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_REBINDING);
	m = msg(f.xid, TIP_DHCPACK);
	m.lease.server = cpu_to_be32(0xc0000209);
	tip_dhcp4_fsm_reply(&f, t0 + 9000, &m, X(7), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_BOUND);
	KUNIT_EXPECT_EQ(test, f.event, TINYIP_DHCP_EV_REBOUND);
	KUNIT_EXPECT_EQ(test, f.lease.server, cpu_to_be32(0xc0000209));
	KUNIT_EXPECT_FALSE(test, out & TIP_DHCP4_DO_REMOVE);
}

static void tip_dhcp4_test_nak_reboot_release(struct kunit *test)
{
	struct tip_dhcp4_fsm f = {};
	struct tip_dhcp4_msg m;
	u64 t0 = to_bound(test, &f);
	u32 out;

	tip_dhcp4_fsm_stop(&f, X(10), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_STOPPED);
	KUNIT_EXPECT_EQ(test, f.tx.type, TIP_DHCPRELEASE);
	KUNIT_EXPECT_EQ(test, f.tx.ciaddr, ADDR);
	KUNIT_EXPECT_EQ(test, f.tx.server, SERVER);
	KUNIT_EXPECT_TRUE(test, out & TIP_DHCP4_DO_REMOVE);
	f.applied = 0;

	/* Started again: INIT-REBOOT asks for the last address. */
	tip_dhcp4_fsm_start(&f, t0 + 1000, X(11), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_INIT_REBOOT);
	KUNIT_EXPECT_EQ(test, f.tx.type, TIP_DHCPREQUEST);
	KUNIT_EXPECT_EQ(test, f.tx.reqip, ADDR);
	KUNIT_EXPECT_EQ(test, f.tx.server, 0);
	m = msg(f.xid, TIP_DHCPNAK);
	tip_dhcp4_fsm_reply(&f, t0 + 1100, &m, X(12), &out);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_SELECTING);
	KUNIT_EXPECT_EQ(test, f.tx.type, TIP_DHCPDISCOVER);
	KUNIT_EXPECT_EQ(test, f.xid, X(12));
	KUNIT_EXPECT_FALSE(test, f.have_last);
}

static void tip_dhcp4_test_decline(struct kunit *test)
{
	struct tip_dhcp4_fsm f = {};
	struct tip_dhcp4_msg m;
	u32 out;

	tip_dhcp4_fsm_start(&f, 0, X(1), &out);
	m = msg(f.xid, TIP_DHCPOFFER);
	tip_dhcp4_fsm_reply(&f, 0, &m, X(2), &out);
	m = msg(f.xid, TIP_DHCPACK);
	tip_dhcp4_fsm_reply(&f, 0, &m, X(3), &out);
	tip_dhcp4_fsm_timeout(&f, f.wake, X(4), &out);
	KUNIT_EXPECT_EQ(test, out, TIP_DHCP4_DO_PROBE);
	tip_dhcp4_fsm_conflict(&f, 1500, X(5), &out);
	KUNIT_EXPECT_EQ(test, out, TIP_DHCP4_DO_SEND | TIP_DHCP4_DO_EVENT);
	KUNIT_EXPECT_EQ(test, f.tx.type, TIP_DHCPDECLINE);
	KUNIT_EXPECT_EQ(test, f.tx.reqip, ADDR);
	KUNIT_EXPECT_EQ(test, f.tx.server, SERVER);
	KUNIT_EXPECT_EQ(test, f.event, TINYIP_DHCP_EV_CONFLICT);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_INIT);
	/* RFC 2131 3.1 step 5: 10 s before a new DISCOVER. */
	tip_dhcp4_fsm_timeout(&f, 1500 + 9999, X(6), &out);
	KUNIT_EXPECT_EQ(test, out, 0);
	tip_dhcp4_fsm_timeout(&f, 1500 + 10000, X(6), &out);
	KUNIT_EXPECT_EQ(test, f.tx.type, TIP_DHCPDISCOVER);
}

static void tip_dhcp4_test_defend(struct kunit *test)
{
	struct tip_dhcp4_fsm f = {};
	u64 t0 = to_bound(test, &f);
	u32 out;

	/* RFC 5227 2.4 (c): defend once, give up on a second within 10 s. */
	tip_dhcp4_fsm_conflict(&f, t0 + 100, X(5), &out);
	KUNIT_EXPECT_TRUE(test, out & TIP_DHCP4_DO_ANNOUNCE);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_BOUND);
	tip_dhcp4_fsm_conflict(&f, t0 + 200, X(6), &out);
	KUNIT_EXPECT_TRUE(test, out & TIP_DHCP4_DO_REMOVE);
	KUNIT_EXPECT_EQ(test, f.state, TINYIP_DHCP_INIT);
}

static void tip_dhcp4_test_backoff(struct kunit *test)
{
	static const u64 want[] = { 4000, 8000, 16000, 32000, 64000, 64000 };
	struct tip_dhcp4_fsm f = {};
	u64 now = 0;
	u32 out;
	int i;

	/* rand 1000: exactly the nominal timeout (rtx - 1 s + 1000 ms). */
	f.rand = 1000;
	tip_dhcp4_fsm_start(&f, now, X(1), &out);
	for (i = 0; i < ARRAY_SIZE(want); i++) {
		KUNIT_EXPECT_EQ(test, f.wake - now, want[i]);
		now = f.wake;
		tip_dhcp4_fsm_timeout(&f, now, X(2), &out);
		KUNIT_EXPECT_EQ(test, out, TIP_DHCP4_DO_SEND);
		KUNIT_EXPECT_EQ(test, f.xid, X(1));
		KUNIT_EXPECT_EQ(test, f.tx.secs, div_u64(now, 1000));
	}
	/* rand 0 and 2000: the +-1 s of RFC 2131 4.1. */
	f.rand = 0;
	tip_dhcp4_fsm_start(&f, 0, X(1), &out);
	KUNIT_EXPECT_EQ(test, f.wake, 3000);
	f.rand = 2000;
	tip_dhcp4_fsm_start(&f, 0, X(1), &out);
	KUNIT_EXPECT_EQ(test, f.wake, 5000);
}

static void tip_dhcp4_test_times(struct kunit *test)
{
	struct tip_dhcp4_lease l = { .lease = 1000 };

	KUNIT_EXPECT_EQ(test, tip_dhcp4_t1(&l), 500);
	KUNIT_EXPECT_EQ(test, tip_dhcp4_t2(&l), 875);
	/* Options beyond the lease, or T1 past T2, are not believed. */
	l.t1 = 900;
	l.t2 = 2000;
	KUNIT_EXPECT_EQ(test, tip_dhcp4_t2(&l), 875);
	KUNIT_EXPECT_EQ(test, tip_dhcp4_t1(&l), 500);
	l.lease = 0xffffffff;
	KUNIT_EXPECT_EQ(test, tip_dhcp4_t1(&l), 0xffffffff);
}

static struct kunit_case tip_dhcp4_test_cases[] = {
	KUNIT_CASE(tip_dhcp4_test_renew_rebind_expire),
	KUNIT_CASE(tip_dhcp4_test_rebound),
	KUNIT_CASE(tip_dhcp4_test_nak_reboot_release),
	KUNIT_CASE(tip_dhcp4_test_decline),
	KUNIT_CASE(tip_dhcp4_test_defend),
	KUNIT_CASE(tip_dhcp4_test_backoff),
	KUNIT_CASE(tip_dhcp4_test_times),
	{}
};

static struct kunit_suite tip_dhcp4_test_suite = {
	.name = "tinyip_dhcp4",
	.test_cases = tip_dhcp4_test_cases,
};

kunit_test_suite(tip_dhcp4_test_suite);
