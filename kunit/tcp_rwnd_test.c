// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the receive window (module/tcp_rwnd.c) under the memory
 * budget: without a budget the window is the buffer's; with one, a
 * connection offers no more than its share of the headroom, divided
 * among all connections (or a few segments while the headroom divided
 * among those holding unread data allows), the right edge is
 * never moved back (RFC 9293 3.8.6.2.2, RFC 7323 2.4) while the window
 * shrinks to zero as data arrives, and a window the budget held back asks
 * tn->mem to call once, when freed memory would let it open. The PCB and
 * the instance are bare structures: only what the window reads is set.
 */
/* The unit first, as every test here does. */
#include "../module/tcp_rwnd.c"

#include <kunit/test.h>

#define MSS	1000
#define BUF	(64 * 1024)

struct tip_rwnd_test {
	struct tip_net *tn;
	struct tip_tcp_pcb *pcb;
	int wakes;		/* calls of tn->mem's on_free */
};

static struct tip_rwnd_test *tip_rwnd_cur;

static void tip_rwnd_test_wake(struct tip_mem *mem)
{
	tip_rwnd_cur->wakes++;
}

/* An established connection with nothing received yet, no budget. */
static struct tip_rwnd_test *tip_rwnd_test_init(struct kunit *test)
{
	struct tip_rwnd_test *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, t);
	t->tn = kunit_kzalloc(test, sizeof(*t->tn), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->tn);
	t->pcb = kunit_kzalloc(test, sizeof(*t->pcb), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, t->pcb);
	tip_mem_init(&t->tn->mem);
	/* The instance's own memory: a budget of "used" is full, not 0. */
	tip_mem_charge_force(&t->tn->mem, TINYIP_MEM_OTHER, 10000);
	t->tn->mem.on_free = tip_rwnd_test_wake;
	INIT_LIST_HEAD(&t->tn->tcp.pcbs);
	t->tn->tcp.npcbs = 1;
	tip_rwnd_cur = t;
	t->pcb->tn = t->tn;
	INIT_LIST_HEAD(&t->pcb->all);
	list_add(&t->pcb->all, &t->tn->tcp.pcbs);
	t->pcb->state = TIP_TCP_ESTABLISHED;
	t->pcb->rcv_buf = BUF;
	t->pcb->rcv_mss = MSS;
	t->pcb->rcv_nxt = 1000;
	t->pcb->rcv_wup = 1000;
	return t;
}

/* A budget that leaves @headroom bytes free. */
static void tip_rwnd_test_budget(struct tip_rwnd_test *t, u64 headroom)
{
	tip_mem_set_budget(&t->tn->mem, tip_mem_used(&t->tn->mem) + headroom);
}

/* @len bytes arrive in order and stay unread. */
static void tip_rwnd_test_data(struct tip_rwnd_test *t, u32 len)
{
	t->pcb->rcv_nxt += len;
	t->pcb->rcv_queued += len;
	tip_tcp_rwnd_track(t->pcb);
}

/* The window to advertise, unscaled by the header's shift. */
static u32 sel(struct tip_rwnd_test *t)
{
	return tip_tcp_select_window(t->pcb);
}

/* The right edge of the window last advertised. */
static u32 tip_rwnd_test_edge(const struct tip_rwnd_test *t)
{
	return t->pcb->rcv_wup + t->pcb->rcv_wnd;
}

static void tip_tcp_rwnd_test_share(struct kunit *test)
{
	struct tip_tcp_rwnd_split s = { .conns = 1, .holders = 1,
					.floor = 4 * MSS };

	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(0, &s), 0U);
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(-5000, &s), 0U);
	/* Truesize doubles the payload: half the headroom, divided. */
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(80000, &s), 40000U);
	s.conns = 4;
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(80000, &s), 10000U);
	/* Many idle connections: still a few segments for the busy... */
	s.conns = 400;
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(80000, &s), 4U * MSS);
	/* ...while they fit among the busy. */
	s.holders = 20;
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(80000, &s), 2000U);
	s.conns = 0;
	s.holders = 0;
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(80000, &s), 40000U);
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(S64_MAX, &s), U32_MAX);
	/* The headroom at which a share is reached. */
	s.conns = 400;
	s.holders = 20;
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_need(4 * MSS, &s), 160000ULL);
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_need(4 * MSS + 1, &s),
			(4ULL * MSS + 1) * 400 * 2);
	KUNIT_EXPECT_EQ(test, tip_tcp_rwnd_share(160000, &s), 4U * MSS);
}

static void tip_tcp_rwnd_test_no_budget(struct kunit *test)
{
	struct tip_rwnd_test *t = tip_rwnd_test_init(test);

	/* Unscaled, the header caps the buffer's 64 KB. */
	KUNIT_EXPECT_EQ(test, sel(t), 65535U);
	KUNIT_EXPECT_FALSE(test, t->pcb->flags & TIP_TCPF_RWND_HELD);
	tip_rwnd_test_data(t, 30000);
	/* The buffer's edge lies a byte past the one offered: not worth a
	 * move (SWS), so the window is what is left of it.
	 */
	KUNIT_EXPECT_EQ(test, sel(t), 65535U - 30000);
	/* Memory in use does not matter without a budget. */
	tip_mem_charge_force(&t->tn->mem, TINYIP_MEM_OTHER, 1 << 30);
	t->pcb->rcv_queued = 0;
	KUNIT_EXPECT_EQ(test, sel(t), 65535U);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->tn->mem.wake), 0LL);
	KUNIT_EXPECT_EQ(test, t->wakes, 0);
}

static void tip_tcp_rwnd_test_shrinks(struct kunit *test)
{
	struct tip_rwnd_test *t = tip_rwnd_test_init(test);
	u32 edge;

	tip_rwnd_test_budget(t, 40000);
	KUNIT_EXPECT_EQ(test, sel(t), 20000U);
	KUNIT_EXPECT_TRUE(test, t->pcb->flags & TIP_TCPF_RWND_HELD);
	edge = tip_rwnd_test_edge(t);

	/* Others take most of the headroom: the edge stays where it was. */
	tip_mem_charge(&t->tn->mem, TINYIP_MEM_SNDQ, 30000);
	KUNIT_EXPECT_EQ(test, sel(t), 20000U);
	KUNIT_EXPECT_EQ(test, tip_rwnd_test_edge(t), edge);

	/* Data arrives (its truesize charged): the window shrinks... */
	tip_rwnd_test_data(t, 12000);
	tip_mem_charge(&t->tn->mem, TINYIP_MEM_RCVQ, 8000);
	KUNIT_EXPECT_EQ(test, sel(t), 8000U);
	KUNIT_EXPECT_EQ(test, tip_rwnd_test_edge(t), edge);
	/* ...to zero, and stays shut while the budget is full. */
	tip_rwnd_test_data(t, 8000);
	tip_mem_charge(&t->tn->mem, TINYIP_MEM_RCVQ, 2000);
	KUNIT_EXPECT_EQ(test, sel(t), 0U);
	KUNIT_EXPECT_EQ(test, tip_rwnd_test_edge(t), edge);
	KUNIT_EXPECT_FALSE(test, tip_tcp_rwnd_due(t->pcb));
	KUNIT_EXPECT_TRUE(test, t->pcb->flags & TIP_TCPF_RWND_HELD);

	/* A budget lowered below what is in use takes nothing back (the
	 * change calls whoever waits, to look again).
	 */
	tip_mem_set_budget(&t->tn->mem, 1);
	KUNIT_EXPECT_EQ(test, t->wakes, 1);
	KUNIT_EXPECT_EQ(test, sel(t), 0U);
}

static void tip_tcp_rwnd_test_divided(struct kunit *test)
{
	struct tip_rwnd_test *t = tip_rwnd_test_init(test);

	/* Four connections: this one gets a quarter. */
	t->tn->tcp.npcbs = 4;
	t->tn->tcp.nrcv = 3;
	tip_rwnd_test_budget(t, 80000);
	KUNIT_EXPECT_EQ(test, sel(t), 10000U);
	/* Forty, of which four hold unread data (it now one of them): a
	 * tenth would be 1000, but four segments fit among the four.
	 */
	t->tn->tcp.npcbs = 40;
	t->pcb->rcv_nxt += 10000;
	KUNIT_EXPECT_EQ(test, sel(t), 4U * MSS);
	/* 3000 of it in, unread: its part of the budget (not the headroom,
	 * untouched here) holds it at the 1000 left.
	 */
	tip_rwnd_test_data(t, 3000);
	KUNIT_EXPECT_EQ(test, t->tn->tcp.nrcv, 4U);
	KUNIT_EXPECT_EQ(test, sel(t), 1000U);
	KUNIT_EXPECT_TRUE(test, t->pcb->flags & TIP_TCPF_RWND_HELD);
	/* Read, it no longer counts; off the list, never. */
	t->pcb->rcv_queued = 0;
	tip_tcp_rwnd_track(t->pcb);
	KUNIT_EXPECT_EQ(test, t->tn->tcp.nrcv, 3U);
	t->pcb->rcv_queued = 5;
	list_del_init(&t->pcb->all);
	tip_tcp_rwnd_track(t->pcb);
	KUNIT_EXPECT_EQ(test, t->tn->tcp.nrcv, 3U);
	KUNIT_EXPECT_FALSE(test, t->pcb->flags & TIP_TCPF_UNREAD);
}

/* Under a scale, a window is a multiple of its unit, never more than
 * the share unless the edge already stood further.
 */
static void tip_tcp_rwnd_test_scaled(struct kunit *test)
{
	struct tip_rwnd_test *t = tip_rwnd_test_init(test);

	t->pcb->flags |= TIP_TCPF_WS_OK;
	t->pcb->rcv_wscale = 7;
	t->pcb->rcv_buf = 1 << 20;
	tip_rwnd_test_budget(t, 2 * 100000);
	KUNIT_EXPECT_EQ(test, sel(t), 100000U >> 7);
	KUNIT_EXPECT_EQ(test, t->pcb->rcv_wnd, 100000U & ~127U);
	/* 100 bytes in, the rest of the window is rounded up, not cut. */
	tip_rwnd_test_data(t, 100);
	tip_mem_set_budget(&t->tn->mem, 1);
	KUNIT_EXPECT_EQ(test, tip_tcp_select_window(t->pcb),
			DIV_ROUND_UP((100000 & ~127) - 100, 128));
}

/* Memory freed: one call of on_free once the window could open. */
static void tip_tcp_rwnd_test_wake(struct kunit *test)
{
	struct tip_rwnd_test *t = tip_rwnd_test_init(test);
	u32 step = 2 * MSS;

	tip_rwnd_test_budget(t, 0);
	KUNIT_EXPECT_EQ(test, sel(t), 0U);
	KUNIT_EXPECT_TRUE(test, t->pcb->flags & TIP_TCPF_RWND_HELD);
	/* It asks for a step's worth of window, in truesize. */
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->tn->mem.wake),
			(s64)step << TIP_TCP_RWND_TRUESIZE_SHIFT);

	tip_mem_charge_force(&t->tn->mem, TINYIP_MEM_RCVQ, 100000);
	/* A budget change calls whoever waits; still shut, it asks again. */
	tip_mem_set_budget(&t->tn->mem, tip_mem_used(&t->tn->mem));
	KUNIT_EXPECT_EQ(test, t->wakes, 1);
	KUNIT_EXPECT_FALSE(test, tip_tcp_rwnd_due(t->pcb));
	tip_mem_uncharge(&t->tn->mem, TINYIP_MEM_RCVQ, 2 * step - 1);
	KUNIT_EXPECT_EQ(test, t->wakes, 1);
	KUNIT_EXPECT_FALSE(test, tip_tcp_rwnd_due(t->pcb));
	tip_mem_uncharge(&t->tn->mem, TINYIP_MEM_RCVQ, 1);
	KUNIT_EXPECT_EQ(test, t->wakes, 2);
	KUNIT_EXPECT_TRUE(test, tip_tcp_rwnd_due(t->pcb));
	tip_mem_uncharge(&t->tn->mem, TINYIP_MEM_RCVQ, 1000);
	KUNIT_EXPECT_EQ(test, t->wakes, 2);
	/* The update it sends clears the mark: nothing held any more. */
	tip_mem_set_budget(&t->tn->mem, 0);
	KUNIT_EXPECT_EQ(test, sel(t), 65535U);
	KUNIT_EXPECT_FALSE(test, t->pcb->flags & TIP_TCPF_RWND_HELD);

	/* Raising the budget frees memory too. */
	tip_rwnd_test_budget(t, 0);
	t->pcb->rcv_nxt += 65535;
	t->pcb->rcv_wup = t->pcb->rcv_nxt;
	t->pcb->rcv_wnd = 0;
	KUNIT_EXPECT_EQ(test, sel(t), 0U);
	tip_mem_set_budget(&t->tn->mem, tip_mem_budget(&t->tn->mem) + 4 * step);
	KUNIT_EXPECT_EQ(test, t->wakes, 3);
	/* A dying instance calls nobody. */
	tip_rwnd_test_budget(t, 0);
	KUNIT_EXPECT_EQ(test, sel(t), 0U);
	tip_mem_wake_off(&t->tn->mem);
	tip_mem_set_budget(&t->tn->mem, 0);
	KUNIT_EXPECT_EQ(test, t->wakes, 3);
}

/* Once the peer's FIN is in, no data follows: nothing to hold open. */
static void tip_tcp_rwnd_test_fin(struct kunit *test)
{
	struct tip_rwnd_test *t = tip_rwnd_test_init(test);

	t->pcb->flags |= TIP_TCPF_FIN_RCVD;
	t->pcb->state = TIP_TCP_CLOSE_WAIT;
	tip_rwnd_test_budget(t, 0);
	KUNIT_EXPECT_EQ(test, sel(t), 0U);
	KUNIT_EXPECT_FALSE(test, t->pcb->flags & TIP_TCPF_RWND_HELD);
	KUNIT_EXPECT_EQ(test, atomic64_read(&t->tn->mem.wake), 0LL);
}

static struct kunit_case tip_tcp_rwnd_test_cases[] = {
	KUNIT_CASE(tip_tcp_rwnd_test_share),
	KUNIT_CASE(tip_tcp_rwnd_test_no_budget),
	KUNIT_CASE(tip_tcp_rwnd_test_shrinks),
	KUNIT_CASE(tip_tcp_rwnd_test_divided),
	KUNIT_CASE(tip_tcp_rwnd_test_scaled),
	KUNIT_CASE(tip_tcp_rwnd_test_wake),
	KUNIT_CASE(tip_tcp_rwnd_test_fin),
	{}
};

static struct kunit_suite tip_tcp_rwnd_test_suite = {
	.name = "tinyip_tcp_rwnd",
	.test_cases = tip_tcp_rwnd_test_cases,
};

kunit_test_suite(tip_tcp_rwnd_test_suite);
