// SPDX-License-Identifier: GPL-2.0
/*
 * The receive window we offer: receiver SWS avoidance (RFC 1122 4.2.3.3,
 * RFC 9293 3.8.6.2.2), window scaling (RFC 7323 2.3), and the share of
 * the instance's memory budget a window may promise.
 *
 * A window is a promise: data the peer sends within it that the budget
 * then refuses is dropped unacknowledged (TCPRcvQDrop), and resent, and
 * dropped again, for as long as memory stays short. So with a budget set,
 * no connection offers more than the instance can still charge. The rule:
 * the headroom (budget less what is in use) is divided among all the
 * connections (tn->tcp.npcbs: any of them may have data on its way), and
 * a connection's window reaches no further past rcv_nxt than its share,
 * nor its unread data and window together past its share of the budget
 * itself (so early arrivals cannot take what later ones were offered).
 * So what all windows promise together stays within the headroom they
 * were offered from, without reserving memory for windows an idle peer
 * may never fill. Clamping each window to the whole headroom instead
 * would promise the same memory once per connection. So that many idle
 * connections do not starve the busy ones, a connection may also have up
 * to 4 segments (as Linux clamps rcv_ssthresh in
 * tcp_under_memory_pressure()) while that fits in the headroom divided
 * among the connections holding unread data (tn->tcp.nrcv, the ones
 * competing for receive memory; a connection holding none counts itself
 * as one more). The headroom is counted in skb truesize, which for
 * segments of an MSS is up to twice their payload (as Linux's
 * tcp_adv_win_scale of 1 assumes), so a share is half its bytes in
 * payload.
 *
 * A listener's SYN-ACKs offer their share too (our own SYN, rarer under a
 * full budget, still offers its buffer's window). What was offered is
 * never taken back (RFC 9293 3.8.6.2.2, RFC 7323
 * 2.4): a window shrinks as data arrives and is not extended, down to
 * zero. The peer then probes (RFC 9293 3.8.6.1), and no data is refused.
 *
 * A window the budget held back (TIP_TCPF_RWND_HELD) reopens as soon as
 * memory is freed: tn->mem is asked to call once the headroom would give
 * it an update's worth (tip_mem_wake_at()), and tcp_data.c's work then
 * sends the window updates, so the peer need not wait for its next
 * zero-window probe, which backs off to minutes.
 *
 * Without a budget nothing here differs from a plain buffer-sized window.
 */
#include <linux/math64.h>
#include <linux/minmax.h>

#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

/* Truesize a byte of payload may cost, as a shift: twice (see above). */
#define TIP_TCP_RWND_TRUESIZE_SHIFT	1

static u32 tip_tcp_wscale(const struct tip_tcp_pcb *pcb)
{
	return (pcb->flags & TIP_TCPF_WS_OK) ? pcb->rcv_wscale : 0;
}

/* The largest window the header can carry. */
static u32 tip_tcp_rwnd_max(const struct tip_tcp_pcb *pcb)
{
	return 65535U << tip_tcp_wscale(pcb);
}

/* Receive space the owner leaves us: the buffer less what is unread. */
static u32 tip_tcp_rcv_buf_space(const struct tip_tcp_pcb *pcb)
{
	u32 space = pcb->rcv_buf > pcb->rcv_queued ?
		    pcb->rcv_buf - pcb->rcv_queued : 0;

	return min(space, tip_tcp_rwnd_max(pcb));
}

/* The smallest step of the right edge worth offering (RFC 1122 4.2.3.3). */
static u32 tip_tcp_rcv_sws(const struct tip_tcp_pcb *pcb)
{
	return min_t(u32, pcb->rcv_buf / 2, pcb->rcv_mss ?: 536);
}

/* How much a window must grow to be worth a segment of its own. */
static u32 tip_tcp_rwnd_step(const struct tip_tcp_pcb *pcb)
{
	return min_t(u32, 2 * (pcb->rcv_mss ?: 536), pcb->rcv_buf / 2);
}

u32 tip_tcp_rwnd_share(s64 headroom, const struct tip_tcp_rwnd_split *s)
{
	u64 half, fair, lean;

	if (headroom <= 0)
		return 0;
	half = (u64)headroom >> TIP_TCP_RWND_TRUESIZE_SHIFT;
	fair = div_u64(half, max(s->conns, 1U));
	lean = min_t(u64, div_u64(half, max(s->holders, 1U)), s->floor);
	return min_t(u64, max(fair, lean), U32_MAX);
}

/* The least headroom at which tip_tcp_rwnd_share() reaches @win. */
static u64 tip_tcp_rwnd_need(u32 win, const struct tip_tcp_rwnd_split *s)
{
	u32 n = win <= s->floor ? min(s->holders, s->conns) : s->conns;

	return ((u64)win * max(n, 1U)) << TIP_TCP_RWND_TRUESIZE_SHIFT;
}

/* Whom this connection shares the headroom with, itself included. */
static void tip_tcp_rwnd_split(const struct tip_tcp_pcb *pcb,
			       struct tip_tcp_rwnd_split *s)
{
	s->conns = pcb->tn->tcp.npcbs;
	s->holders = pcb->tn->tcp.nrcv + !(pcb->flags & TIP_TCPF_UNREAD);
	s->floor = 4 * (pcb->rcv_mss ?: 536);
}

/*
 * How far past rcv_nxt the budget lets the window reach (U32_MAX: no
 * budget): the share of the headroom, and of the budget itself less what
 * the connection holds unread, so that the first connections to get data
 * cannot take the memory the windows of the others were offered from.
 * *@slice: the budget's part was the smaller.
 */
static u32 tip_tcp_rwnd_limit(const struct tip_tcp_pcb *pcb, bool *slice)
{
	const struct tip_mem *mem = &pcb->tn->mem;
	u64 budget = tip_mem_budget(mem);
	struct tip_tcp_rwnd_split s;
	u32 head, part;

	*slice = false;
	if (!budget)
		return U32_MAX;
	tip_tcp_rwnd_split(pcb, &s);
	head = tip_tcp_rwnd_share(tip_mem_headroom(mem), &s);
	part = tip_tcp_rwnd_share(min_t(u64, budget, S64_MAX), &s);
	part = part > pcb->rcv_queued ? part - pcb->rcv_queued : 0;
	*slice = part < head;
	return min(head, part);
}

static u32 tip_tcp_rwnd_budget(const struct tip_tcp_pcb *pcb)
{
	bool slice;

	return tip_tcp_rwnd_limit(pcb, &slice);
}

/* States in which the peer may still send us data. */
static bool tip_tcp_rwnd_open(const struct tip_tcp_pcb *pcb)
{
	switch (pcb->state) {
	case TIP_TCP_ESTABLISHED:
	case TIP_TCP_FIN_WAIT1:
	case TIP_TCP_FIN_WAIT2:
		return !(pcb->flags & TIP_TCPF_FIN_RCVD);
	default:
		return false;
	}
}

/*
 * The budget keeps the window at @win where the buffer would allow
 * @buf. If that costs the peer an update's worth of window, remember it
 * and ask tn->mem to call once the headroom would give the window that
 * much (then this connection's share reaches @win plus a step), or, when
 * its part of the budget holds it (@slice: reads reopen that), once the
 * budget changes.
 */
static void tip_tcp_rwnd_hold(struct tip_tcp_pcb *pcb, u32 win, u32 buf,
			      bool slice)
{
	u32 step = tip_tcp_rwnd_step(pcb);
	struct tip_tcp_rwnd_split s;

	if (!tip_tcp_rwnd_open(pcb) || buf <= win || buf - win < step) {
		pcb->flags &= ~TIP_TCPF_RWND_HELD;
		return;
	}
	pcb->flags |= TIP_TCPF_RWND_HELD;
	if (slice) {
		/* A mark only a budget change (or none) reaches. */
		tip_mem_wake_at(&pcb->tn->mem, S64_MAX);
		return;
	}
	tip_tcp_rwnd_split(pcb, &s);
	tip_mem_wake_at(&pcb->tn->mem, tip_tcp_rwnd_need(win + step, &s));
}

u16 tip_tcp_select_window(struct tip_tcp_pcb *pcb)
{
	u32 ws = tip_tcp_wscale(pcb), cur = tip_tcp_rcv_window(pcb);
	u32 max = tip_tcp_rwnd_max(pcb), sws = tip_tcp_rcv_sws(pcb);
	u32 buf = tip_tcp_rcv_buf_space(pcb), win;
	bool slice;
	u32 space = min(buf, tip_tcp_rwnd_limit(pcb, &slice));

	/*
	 * Never move the right edge back (RFC 9293 3.8.6.2.2), and move it
	 * on only by a sizable step (RFC 1122 4.2.3.3).
	 */
	if (space <= cur || space - cur < sws)
		win = ALIGN(cur, 1U << ws);
	else
		win = space & ~((1U << ws) - 1);
	win = min(win, max);
	if (space < buf)
		tip_tcp_rwnd_hold(pcb, win, buf, slice);
	else
		pcb->flags &= ~TIP_TCPF_RWND_HELD;
	pcb->rcv_wnd = win;
	pcb->rcv_wup = pcb->rcv_nxt;
	return win >> ws;
}

u32 tip_tcp_rwnd_initial(const struct tip_tcp_pcb *pcb)
{
	return min3(pcb->rcv_buf, 65535U, tip_tcp_rwnd_budget(pcb));
}

bool tip_tcp_rwnd_due(struct tip_tcp_pcb *pcb)
{
	u32 cur = tip_tcp_rcv_window(pcb), buf = tip_tcp_rcv_buf_space(pcb);
	bool slice;
	u32 space = min(buf, tip_tcp_rwnd_limit(pcb, &slice));

	if (space > cur && space - cur >= tip_tcp_rwnd_step(pcb))
		return true;
	if (space < buf)
		tip_tcp_rwnd_hold(pcb, cur, buf, slice);
	else
		pcb->flags &= ~TIP_TCPF_RWND_HELD;
	return false;
}

void tip_tcp_rwnd_track(struct tip_tcp_pcb *pcb)
{
	bool unread = pcb->rcv_queued && !list_empty(&pcb->all);

	if (unread == !!(pcb->flags & TIP_TCPF_UNREAD))
		return;
	pcb->flags ^= TIP_TCPF_UNREAD;
	if (unread)
		pcb->tn->tcp.nrcv++;
	else
		pcb->tn->tcp.nrcv--;
}
