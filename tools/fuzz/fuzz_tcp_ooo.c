// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of TCP's out-of-order queue and the SACK blocks it
 * announces (module/tcp_ooo.c; RFC 9293 3.10.7.4, RFC 1122 4.2.2.20,
 * RFC 2018 4, RFC 2883), built unchanged on the host against the
 * kernel stand-in of shim/ (skbs and their queues, the memory budget).
 *
 * The input is a program over one receive window starting at a
 * sequence number the input picks (wraps included): insert a segment
 * (any offset, length, FIN), deliver what is in order, let in-order
 * data move rcv_nxt, ask for SACK blocks, prune to a size, set the
 * budget. Every byte a segment carries is a function of its sequence
 * number, as a retransmission's would be.
 *
 * Checked against the queue's own contents before and after each step:
 * segments stay sorted, disjoint and non-empty, each holding the bytes
 * of its range; the bytes and budget charged are their truesizes; an
 * insertion adds exactly its range (or, refused, changes nothing; a
 * whole duplicate is inside what was held, a D-SACK range too); pulled
 * data starts at rcv_nxt; SACK blocks are the maximal runs held, the
 * most recent first (RFC 2018 4), then by descending sequence; pruning
 * drops from the top. At the end a purge gives everything back.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <net/tcp.h>

#include <linux/tinyip.h>
#include <tinyip/mem.h>
#include <tinyip/tcp.h>

#include "fuzz.h"

unsigned long jiffies;

#define OOO_MAX_STEPS	512
#define OOO_MAX_RUNS	512

static u8 pattern(u32 seq)
{
	return (seq * 0x9d ^ seq >> 8 ^ seq >> 16) & 0xff;
}

/* What the queue holds, as maximal runs relative to @base. */
struct ooo_runs {
	unsigned int n;
	u32 start[OOO_MAX_RUNS];
	u32 end[OOO_MAX_RUNS];
};

static struct sk_buff_head q;
static struct tip_mem mem;
static u32 bytes;
static u32 rcv_nxt;
static u32 base;		/* below anything the queue may hold */

static u32 rel(u32 seq)
{
	return seq - base;
}

/* Checks the queue and returns its runs. */
static void ooo_check(struct ooo_runs *r)
{
	struct sk_buff *skb;
	u32 truesize = 0, qlen = 0, prev_end = 0;
	bool first = true;

	r->n = 0;
	skb_queue_walk(&q, skb) {
		const struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
		bool fin = cb->tcp_flags & TCPHDR_FIN;

		FUZZ_CHECK(tip_seq_after(cb->end_seq, cb->seq));
		FUZZ_CHECK(skb->len + fin == cb->end_seq - cb->seq);
		FUZZ_CHECK(first || !tip_seq_before(cb->seq, prev_end));
		/* Whole segments are checked going in and coming out. */
		if (skb->len)
			FUZZ_CHECK(skb->data[0] == pattern(cb->seq) &&
				   skb->data[skb->len - 1] ==
				   pattern(cb->seq + skb->len - 1));
		if (!first && cb->seq == prev_end) {
			r->end[r->n - 1] = rel(cb->end_seq);
		} else {
			FUZZ_CHECK(r->n < OOO_MAX_RUNS);
			r->start[r->n] = rel(cb->seq);
			r->end[r->n++] = rel(cb->end_seq);
		}
		prev_end = cb->end_seq;
		first = false;
		truesize += skb->truesize;
		qlen++;
	}
	FUZZ_CHECK(qlen == skb_queue_len(&q));
	FUZZ_CHECK(truesize == bytes);
	FUZZ_CHECK(tip_mem_cat_used(&mem, TINYIP_MEM_OOO) == bytes);
	FUZZ_CHECK(tip_shim_skbs == qlen);
}

static bool runs_equal(const struct ooo_runs *a, const struct ooo_runs *b)
{
	return a->n == b->n &&
	       !memcmp(a->start, b->start, a->n * sizeof(a->start[0])) &&
	       !memcmp(a->end, b->end, a->n * sizeof(a->end[0]));
}

/* Whether [s, e) is held whole (inside one run). */
static bool runs_hold(const struct ooo_runs *r, u32 s, u32 e)
{
	unsigned int i;

	for (i = 0; i < r->n; i++)
		if (r->start[i] <= s && e <= r->end[i])
			return true;
	return false;
}

/* @r with [s, e) added, merged. */
static void runs_add(const struct ooo_runs *r, u32 s, u32 e,
		     struct ooo_runs *out)
{
	unsigned int i;
	bool placed = false;

	out->n = 0;
	for (i = 0; i <= r->n; i++) {
		u32 rs, re;

		if (i < r->n && (placed || r->start[i] < s)) {
			rs = r->start[i];
			re = r->end[i];
		} else if (!placed) {
			rs = s;
			re = e;
			placed = true;
			i--;
		} else {
			break;
		}
		if (out->n && rs <= out->end[out->n - 1]) {
			if (re > out->end[out->n - 1])
				out->end[out->n - 1] = re;
		} else {
			FUZZ_CHECK(out->n < OOO_MAX_RUNS);
			out->start[out->n] = rs;
			out->end[out->n++] = re;
		}
	}
}

static struct sk_buff *seg_new(u32 seq, unsigned int len, bool fin)
{
	struct sk_buff *skb = alloc_skb(len, GFP_ATOMIC);
	struct tip_tcp_skb_cb *cb;
	u8 *p;
	unsigned int i;

	FUZZ_CHECK(skb);
	p = skb_put(skb, len);
	for (i = 0; i < len; i++)
		p[i] = pattern(seq + i);
	cb = TIP_TCP_CB(skb);
	cb->seq = seq;
	cb->end_seq = seq + len + fin;
	cb->tcp_flags = TCPHDR_ACK | (fin ? TCPHDR_FIN : 0);
	return skb;
}

static struct tip_sack_block recent;

static void step_insert(struct fuzz_in *in)
{
	u8 sel = fuzz_get8(in);
	u32 off = fuzz_get16(in) | (sel & 0x3) << 16;
	unsigned int len = fuzz_get16(in) % 4000;
	bool fin = sel & 4;
	u32 seq = rcv_nxt + off, s = rel(seq), e = s + len + fin;
	struct ooo_runs before, after, want;
	struct tip_sack_block dup;
	struct sk_buff *skb;
	int ret;

	ooo_check(&before);
	skb = seg_new(seq, len, fin);
	ret = tip_tcp_ooo_insert(&q, skb, &mem, &bytes, sel & 8 ? NULL : &dup);
	if (ret)
		kfree_skb(skb);
	ooo_check(&after);
	switch (ret) {
	case 0:
		runs_add(&before, s, e, &want);
		FUZZ_CHECK(runs_equal(&after, &want));
		recent.start = seq;
		recent.end = seq + len + fin;
		break;
	case -EEXIST:
		FUZZ_CHECK(runs_hold(&before, s, e));
		FUZZ_CHECK(runs_equal(&before, &after));
		break;
	case -EINVAL:
		FUZZ_CHECK(!len && !fin);
		FUZZ_CHECK(runs_equal(&before, &after));
		return;
	case -ENOBUFS:
		/* A refusal leaves the queue as it was. */
		FUZZ_CHECK(tip_mem_budget(&mem));
		FUZZ_CHECK(runs_equal(&before, &after));
		return;
	default:
		FUZZ_CHECK(0);
	}
	/* RFC 2883: a D-SACK names bytes that were already held. */
	if (!(sel & 8) && dup.start != dup.end) {
		FUZZ_CHECK(!tip_seq_before(dup.start, seq));
		FUZZ_CHECK(!tip_seq_after(dup.end, seq + len + fin));
		FUZZ_CHECK(tip_seq_after(dup.end, dup.start));
		FUZZ_CHECK(runs_hold(&before, rel(dup.start), rel(dup.end)));
	}
}

/* What tcp_data.c does once rcv_nxt moved: deliver what is in order. */
static void step_pull(void)
{
	struct sk_buff *skb;

	while ((skb = tip_tcp_ooo_pull(&q, rcv_nxt, &mem, &bytes))) {
		const struct tip_tcp_skb_cb *cb = TIP_TCP_CB(skb);
		bool fin = cb->tcp_flags & TCPHDR_FIN;
		unsigned int i;

		FUZZ_CHECK(cb->seq == rcv_nxt);
		FUZZ_CHECK(skb->len + fin == cb->end_seq - cb->seq);
		for (i = 0; i < skb->len; i++)
			FUZZ_CHECK(skb->data[i] == pattern(cb->seq + i));
		rcv_nxt = cb->end_seq;
		kfree_skb(skb);
	}
	/* What remains starts above rcv_nxt. */
	skb = skb_peek(&q);
	FUZZ_CHECK(!skb || tip_seq_after(TIP_TCP_CB(skb)->seq, rcv_nxt));
}

static void step_sack(struct fuzz_in *in)
{
	unsigned int max = fuzz_get8(in) % (TIP_TCP_MAX_SACK + 2), n, i, j;
	struct tip_sack_block blk[TIP_TCP_MAX_SACK + 1];
	bool use_recent = max & 1, held;
	struct ooo_runs r;

	ooo_check(&r);
	n = tip_tcp_ooo_sack(&q, use_recent ? &recent : NULL, blk, max);
	FUZZ_CHECK(n <= max && n <= TIP_TCP_MAX_SACK && n <= r.n);
	FUZZ_CHECK(n == min_t(unsigned int, r.n,
			      min_t(unsigned int, max, TIP_TCP_MAX_SACK)));
	for (i = 0; i < n; i++) {
		bool found = false;

		/* Each block is one whole run, named once. */
		for (j = 0; j < r.n; j++)
			found |= rel(blk[i].start) == r.start[j] &&
				 rel(blk[i].end) == r.end[j];
		FUZZ_CHECK(found);
		for (j = 0; j < i; j++)
			FUZZ_CHECK(blk[j].start != blk[i].start);
	}
	/* After the recent one's block, descending (RFC 2018 4). */
	for (i = 2; i < n; i++)
		FUZZ_CHECK(tip_seq_after(blk[i - 1].start, blk[i].start));
	held = use_recent && recent.start != recent.end &&
	       runs_hold(&r, rel(recent.start), rel(recent.start) + 1);
	if (n && held)
		FUZZ_CHECK(!tip_seq_after(blk[0].start, recent.start) &&
			   tip_seq_after(blk[0].end, recent.start));
	/* The others are the highest runs: the newest holes (RFC 2018 4). */
	j = r.n;
	for (i = held ? 1 : 0; i < n; i++) {
		FUZZ_CHECK(j > 0);
		j--;
		if (held && rel(blk[0].start) == r.start[j])
			j--;
		FUZZ_CHECK(rel(blk[i].start) == r.start[j] &&
			   rel(blk[i].end) == r.end[j]);
	}
}

static void step_prune(struct fuzz_in *in)
{
	u32 target = fuzz_get16(in) * 4;
	struct ooo_runs before, after;
	struct sk_buff *top;

	ooo_check(&before);
	tip_tcp_ooo_prune(&q, target, &mem, &bytes);
	ooo_check(&after);
	FUZZ_CHECK(bytes <= target || skb_queue_empty(&q));
	/* What stays is the bottom of what was. */
	top = skb_peek_tail(&q);
	if (top)
		FUZZ_CHECK(runs_hold(&before, rel(TIP_TCP_CB(top)->seq),
				     rel(TIP_TCP_CB(top)->end_seq)));
	FUZZ_CHECK(after.n <= before.n);
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct fuzz_in in = { data, size };
	unsigned int steps = 0;
	struct ooo_runs r;

	__skb_queue_head_init(&q);
	tip_mem_init(&mem);
	bytes = 0;
	recent = (struct tip_sack_block){};
	/* The window starts where the input says: wraps are tried. */
	rcv_nxt = (u32)fuzz_get16(&in) << 16 | fuzz_get16(&in);
	base = rcv_nxt - 0x10000;

	while (in.left && steps++ < OOO_MAX_STEPS) {
		switch (fuzz_get8(&in) % 6) {
		case 0:
		case 1:
			step_insert(&in);
			break;
		case 2:
			/* In-order data arrived: rcv_nxt moves on. */
			rcv_nxt += fuzz_get16(&in) % 3000;
			step_pull();
			break;
		case 3:
			step_sack(&in);
			break;
		case 4:
			step_prune(&in);
			break;
		case 5:
			tip_mem_set_budget(&mem, fuzz_get8(&in) * 1024);
			break;
		}
		/* Keep the window's base below anything still held. */
		if (skb_queue_empty(&q))
			base = rcv_nxt - 0x10000;
		ooo_check(&r);
	}
	tip_tcp_ooo_purge(&q, &mem, &bytes);
	FUZZ_CHECK(!bytes && skb_queue_empty(&q) && !tip_mem_used(&mem));
	FUZZ_CHECK(!tip_shim_skbs);
	return 0;
}
