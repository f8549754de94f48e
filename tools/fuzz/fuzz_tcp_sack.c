// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the sender's SACK scoreboard (module/tcp_sack.c;
 * RFC 2018, RFC 2883, RFC 6675), built unchanged on the host against
 * the skb queue stand-in of shim/.
 *
 * The input lays out a send queue (snd_una anywhere, wraps included;
 * segments of any size, some not sent yet) and then runs a program:
 * SACK blocks as a peer, confused or hostile, might send them (empty,
 * reversed, below snd_una, past snd_max, D-SACKs, more than four),
 * marking losses for an MSS, retransmitting, sending more, cumulative
 * ACKs, and the queries SetPipe, IsLost and NextSeg.
 *
 * Every answer is checked against a plain model of RFC 6675 over an
 * array: a segment is SACKed exactly when a block the peer may have
 * sent covers it whole, never beyond what was sent; IsLost is
 * DupThresh SACKed segments or more than (DupThresh - 1) * MSS SACKed
 * bytes above; SetPipe and NextSeg (rule 1) follow section 4 and 5;
 * newly SACKed and newly lost byte counts add up.
 */
#include <linux/errno.h>
#include <linux/slab.h>
#include <net/tcp.h>

#include <linux/tinyip.h>
#include <tinyip/tcp.h>

#include "fuzz.h"

unsigned long jiffies;

#define SACK_MAX_SEGS	64
#define SACK_MAX_STEPS	256
#define DUPTHRESH	3	/* RFC 6675 */

static struct sk_buff_head q;
static struct sk_buff *segs[SACK_MAX_SEGS];
static unsigned int first, nsegs, nsent;	/* segs[first, nsegs) queued */
static u32 snd_una, snd_max;
static u8 model[SACK_MAX_SEGS];			/* expected sacked marks */

static u32 seg_seq(unsigned int i)
{
	return TIP_TCP_CB(segs[i])->seq;
}

static u32 seg_end(unsigned int i)
{
	return TIP_TCP_CB(segs[i])->end_seq;
}

static u32 seg_len(unsigned int i)
{
	return seg_end(i) - seg_seq(i);
}

static struct sk_buff *send_head(void)
{
	return nsent < nsegs ? segs[nsent] : NULL;
}

/* SACKed segments and bytes above sent segment @i (RFC 6675 IsLost). */
static void above(unsigned int i, u32 *nseg, u32 *nbytes)
{
	unsigned int j;

	*nseg = 0;
	*nbytes = 0;
	for (j = i + 1; j < nsent; j++)
		if (model[j] & TIP_TCP_SACKED_ACKED) {
			(*nseg)++;
			*nbytes += seg_len(j);
		}
}

static bool model_is_lost(unsigned int i, u32 mss)
{
	u32 n, b;

	above(i, &n, &b);
	return n >= DUPTHRESH || b > (DUPTHRESH - 1) * mss;
}

static void sack_check(void)
{
	unsigned int i;

	FUZZ_CHECK(skb_queue_len(&q) == nsegs - first);
	for (i = first; i < nsegs; i++) {
		FUZZ_CHECK(TIP_TCP_CB(segs[i])->sacked == model[i]);
		/* Nothing unsent carries a mark. */
		FUZZ_CHECK(i < nsent || !model[i]);
	}
}

/* A sequence number near the queue, as the input places it. */
static u32 seq_near(struct fuzz_in *in)
{
	u8 how = fuzz_get8(in);
	u16 v = fuzz_get16(in);

	switch (how % 4) {
	case 0:		/* on a segment's edge */
		if (nsegs > first) {
			unsigned int i = first + v % (nsegs - first);

			return how & 4 ? seg_end(i) : seg_seq(i);
		}
		return snd_una;
	case 1:
		return snd_una + v;
	case 2:
		return snd_una - v;
	default:
		return snd_max + (s16)v;
	}
}

static void step_sack(struct fuzz_in *in)
{
	struct tip_sack_block blk[TIP_TCP_MAX_SACK + 2];
	unsigned int n = fuzz_get8(in) % (TIP_TCP_MAX_SACK + 2), b, i;
	u32 newly, want = 0;
	bool dsack, want_dsack = false;

	for (b = 0; b < n; b++) {
		blk[b].start = seq_near(in);
		blk[b].end = seq_near(in);
	}
	newly = tip_tcp_sack_mark(&q, send_head(), blk, n, snd_una, snd_max,
				  &dsack);
	n = min_t(unsigned int, n, TIP_TCP_MAX_SACK);
	/* RFC 2883 4: below the cumulative ACK, or inside the second. */
	if (n && (tip_seq_before(blk[0].start, snd_una) ||
		  (n > 1 && !tip_seq_before(blk[0].start, blk[1].start) &&
		   !tip_seq_after(blk[0].end, blk[1].end))))
		want_dsack = true;
	FUZZ_CHECK(dsack == want_dsack);
	for (b = want_dsack ? 1 : 0; b < n; b++) {
		if (!tip_seq_after(blk[b].end, blk[b].start) ||
		    tip_seq_before(blk[b].start, snd_una) ||
		    tip_seq_after(blk[b].end, snd_max))
			continue;
		for (i = first; i < nsent; i++)
			if (!tip_seq_before(seg_seq(i), blk[b].start) &&
			    !tip_seq_after(seg_end(i), blk[b].end) &&
			    !(model[i] & TIP_TCP_SACKED_ACKED)) {
				model[i] |= TIP_TCP_SACKED_ACKED;
				want += seg_len(i);
			}
	}
	FUZZ_CHECK(newly == want);
}

static void step_lost(struct fuzz_in *in)
{
	u32 mss = fuzz_get16(in) % 2000 + 1, newly, want = 0;
	unsigned int i;
	bool lost[SACK_MAX_SEGS];

	/* IsLost is judged on the marks before this walk. */
	for (i = first; i < nsent; i++)
		lost[i] = model_is_lost(i, mss);
	if (nsent > first) {
		unsigned int k = first + fuzz_get8(in) % (nsent - first);

		FUZZ_CHECK(tip_tcp_sack_is_lost(&q, send_head(), segs[k],
						mss) == lost[k]);
	}
	newly = tip_tcp_sack_mark_lost(&q, send_head(), mss);
	for (i = first; i < nsent; i++)
		if (!(model[i] & (TIP_TCP_SACKED_ACKED |
				  TIP_TCP_SACKED_LOST)) && lost[i]) {
			model[i] |= TIP_TCP_SACKED_LOST;
			want += seg_len(i);
		}
	FUZZ_CHECK(newly == want);
}

/* RFC 6675 5 SetPipe, with the byte rule left to the LOST marks. */
static void step_pipe(void)
{
	u32 pipe = 0, n, b;
	unsigned int i;

	for (i = first; i < nsent; i++) {
		if (model[i] & TIP_TCP_SACKED_ACKED)
			continue;
		above(i, &n, &b);
		if (!(model[i] & TIP_TCP_SACKED_LOST) && n < DUPTHRESH)
			pipe += seg_len(i);
		if (model[i] & TIP_TCP_SACKED_RETRANS)
			pipe += seg_len(i);
	}
	FUZZ_CHECK(tip_tcp_sack_pipe(&q, send_head()) == pipe);
}

/* RFC 6675 4 NextSeg rule 1; what it names is retransmitted. */
static void step_next(struct fuzz_in *in)
{
	u32 high_rxt = seq_near(in), n, b;
	struct sk_buff *got = tip_tcp_sack_next_seg(&q, send_head(), high_rxt);
	unsigned int i, want = nsegs;

	for (i = first; i < nsent; i++) {
		if (!tip_seq_after(seg_end(i), high_rxt) ||
		    model[i] & (TIP_TCP_SACKED_ACKED | TIP_TCP_SACKED_RETRANS))
			continue;
		above(i, &n, &b);
		if ((model[i] & TIP_TCP_SACKED_LOST) || n >= DUPTHRESH) {
			want = i;
			break;
		}
	}
	/*
	 * The queue spans far less than 2^31, high_rxt lies near it: the
	 * segments ending above high_rxt are exactly the top ones.
	 */
	if (want == nsegs) {
		FUZZ_CHECK(!got);
		return;
	}
	FUZZ_CHECK(got == segs[want]);
	i = want;
	TIP_TCP_CB(got)->sacked |= TIP_TCP_SACKED_RETRANS;
	model[i] |= TIP_TCP_SACKED_RETRANS;
}

/* A cumulative ACK: whole segments below it leave the queue. */
static void step_ack(struct fuzz_in *in)
{
	unsigned int n = fuzz_get8(in) % 8;

	while (n-- && first < nsent) {
		__skb_unlink(segs[first], &q);
		kfree_skb(segs[first]);
		segs[first] = NULL;
		model[first] = 0;
		first++;
		snd_una = first < nsegs ? seg_seq(first) : snd_max;
	}
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct fuzz_in in = { data, size };
	unsigned int i, steps = 0;
	u32 seq;

	__skb_queue_head_init(&q);
	memset(model, 0, sizeof(model));
	first = 0;
	nsegs = fuzz_get8(&in) % SACK_MAX_SEGS + 1;
	snd_una = (u32)fuzz_get16(&in) << 16 | fuzz_get16(&in);
	seq = snd_una;
	for (i = 0; i < nsegs; i++) {
		u32 len = fuzz_get16(&in) % 3000 + 1;
		struct sk_buff *skb = alloc_skb(0, GFP_ATOMIC);

		FUZZ_CHECK(skb);
		TIP_TCP_CB(skb)->seq = seq;
		TIP_TCP_CB(skb)->end_seq = seq + len;
		TIP_TCP_CB(skb)->sacked = 0;
		__skb_queue_tail(&q, skb);
		segs[i] = skb;
		seq += len;
	}
	nsent = fuzz_get8(&in) % (nsegs + 1);
	snd_max = nsent ? seg_end(nsent - 1) : snd_una;

	while (in.left && steps++ < SACK_MAX_STEPS) {
		switch (fuzz_get8(&in) % 8) {
		case 0:
		case 1:
			step_sack(&in);
			break;
		case 2:
			step_lost(&in);
			break;
		case 3:
			step_pipe();
			break;
		case 4:
			step_next(&in);
			break;
		case 5:
			step_ack(&in);
			break;
		case 6:
			/* More is sent. */
			if (nsent < nsegs) {
				nsent++;
				snd_max = seg_end(nsent - 1);
			}
			break;
		case 7:
			/* An RTO clears the scoreboard (RFC 6675 5.1). */
			tip_tcp_sack_clear(&q);
			memset(model, 0, sizeof(model));
			break;
		}
		sack_check();
	}
	while (!skb_queue_empty(&q))
		kfree_skb(__skb_dequeue(&q));
	FUZZ_CHECK(!tip_shim_skbs);
	return 0;
}
