// SPDX-License-Identifier: GPL-2.0
/*
 * CUBIC congestion control, RFC 9438: after a loss, cwnd follows
 * W_cubic(t) = C (t - K)^3 + W_max (C = 0.4, beta = 0.7), concave up to
 * the window of the last loss and convex beyond it; never slower than
 * Reno would be (the Reno-friendly estimate W_est, section 4.3); with
 * fast convergence (section 4.7). Integer arithmetic only: time in ms,
 * windows in bytes, K from an integer cube root.
 */
#include <linux/build_bug.h>
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include <tinyip/tcp_wire.h>

/* d^3 with d in ms stays below 2^61 up to here (17 minutes). */
#define TIP_CUBIC_T_MAX_MS	1048576U

/* The algorithm's state, in tip_tcp_cc.priv. */
struct tip_cubic {
	u32 w_max;		/* bytes: the plateau of W_cubic */
	u32 k_ms;		/* K: time to reach w_max from the epoch */
	u32 epoch_lo;		/* us clock when the epoch began; 0 none */
	u32 epoch_hi;
	u32 w_est;		/* bytes: Reno-friendly estimate */
	u32 srtt_us;		/* smoothed RTT for W_cubic(t + RTT) */
};

static struct tip_cubic *tip_cubic(struct tip_tcp_cc *cc)
{
	BUILD_BUG_ON(sizeof(struct tip_cubic) > sizeof(cc->priv));
	return (struct tip_cubic *)cc->priv;
}

static u64 tip_cubic_epoch(const struct tip_cubic *c)
{
	return (u64)c->epoch_hi << 32 | c->epoch_lo;
}

static void tip_cubic_set_epoch(struct tip_cubic *c, u64 us)
{
	c->epoch_lo = (u32)us;
	c->epoch_hi = us >> 32;
}

static u32 tip_cubic_mss(const struct tip_tcp_cc *cc)
{
	/* Bounds the K computation below; no real MSS is smaller. */
	return max(cc->mss, 64U);
}

/* floor(cbrt(x)), digit by digit (Hacker's Delight 11-2, 64 bits). */
static u32 tip_cubic_cbrt(u64 x)
{
	u64 y = 0, b;
	int s;

	for (s = 63; s >= 0; s -= 3) {
		y <<= 1;
		b = 3 * y * (y + 1) + 1;
		if ((x >> s) >= b) {
			x -= b << s;
			y++;
		}
	}
	return y;
}

/*
 * K = cbrt((W_max - cwnd) / C) seconds, windows in segments (RFC 9438
 * eq. 2). In ms and bytes: K = cbrt(diff * 2.5e9 / mss).
 */
static u32 tip_cubic_k_ms(u32 diff_bytes, u32 mss)
{
	return tip_cubic_cbrt(mul_u64_u32_div((u64)diff_bytes * 5,
					      500000000U, mss));
}

/* W_cubic(t) in bytes (RFC 9438 eq. 1), @t_ms since the epoch. */
static u32 tip_cubic_w(const struct tip_cubic *c, u32 mss, u64 t_ms)
{
	u64 d, delta;

	d = t_ms > c->k_ms ? t_ms - c->k_ms : c->k_ms - t_ms;
	d = min_t(u64, d, TIP_CUBIC_T_MAX_MS);
	/* 0.4 d^3 / 1e9 segments = 2 d^3 / 5e6 thousandths of one. */
	delta = div64_u64(d * d * d * 2, 5000000);
	delta = div64_u64(delta * mss, 1000);
	if (t_ms >= c->k_ms)
		return min_t(u64, (u64)c->w_max + delta, TIP_TCP_CWND_MAX);
	return c->w_max > delta ? c->w_max - delta : 0;
}

static void tip_cubic_init(struct tip_tcp_cc *cc)
{
	cc->cwnd = TIP_TCP_INIT_CWND * max(cc->mss, 1U);
	cc->ssthresh = U32_MAX;
	cc->bytes_acked = 0;
	memset(cc->priv, 0, sizeof(cc->priv));
}

/* A new congestion avoidance stage (RFC 9438 4.2, 4.3). */
static void tip_cubic_begin(struct tip_tcp_cc *cc, u64 now_us)
{
	struct tip_cubic *c = tip_cubic(cc);

	tip_cubic_set_epoch(c, max_t(u64, now_us, 1));
	if (cc->cwnd < c->w_max) {
		c->k_ms = tip_cubic_k_ms(c->w_max - cc->cwnd,
					 tip_cubic_mss(cc));
	} else {
		/* Past the old plateau (or none yet): start convex here. */
		c->k_ms = 0;
		c->w_max = cc->cwnd;
	}
	c->w_est = cc->cwnd;
	cc->bytes_acked = 0;
}

static void tip_cubic_cong_avoid(struct tip_tcp_cc *cc, u32 acked, u64 now_us)
{
	struct tip_cubic *c = tip_cubic(cc);
	u32 mss = tip_cubic_mss(cc);
	u32 target, w_now, cwnd = cc->cwnd;
	u64 t_us, num;

	if (!tip_cubic_epoch(c))
		tip_cubic_begin(cc, now_us);
	t_us = now_us > tip_cubic_epoch(c) ? now_us - tip_cubic_epoch(c) : 0;
	w_now = tip_cubic_w(c, mss, div_u64(t_us, 1000));
	/* RFC 9438 4.4: aim at where the curve will be one RTT from now,
	 * but grow by at most half of cwnd per RTT.
	 */
	target = tip_cubic_w(c, mss, div_u64(t_us + c->srtt_us, 1000));
	target = clamp(target, cwnd, cwnd + cwnd / 2);

	/* RFC 9438 4.3: alpha = 3 (1 - beta) / (1 + beta) = 9/17 until
	 * W_est reaches the old plateau, then Reno's 1.
	 */
	num = (u64)acked * mss;
	if (c->w_est < c->w_max)
		num = div_u64(num * 9, 17);
	c->w_est = min_t(u64, c->w_est + div_u64(num, cwnd),
			 TIP_TCP_CWND_MAX);

	if (w_now < c->w_est) {
		cc->cwnd = max(cwnd, c->w_est);
		return;
	}
	/* (target - cwnd) / cwnd per byte acked, remainder carried. */
	num = (u64)(target - cwnd) * acked + cc->bytes_acked;
	cc->cwnd = min_t(u64, cwnd + div_u64(num, cwnd), TIP_TCP_CWND_MAX);
	cc->bytes_acked = num - div_u64(num, cwnd) * cwnd;
}

static void tip_cubic_on_ack(struct tip_tcp_cc *cc, u32 acked, u32 rtt_us,
			     u64 now_us, u32 inflight)
{
	struct tip_cubic *c = tip_cubic(cc);

	if (rtt_us)
		c->srtt_us = c->srtt_us ? c->srtt_us - c->srtt_us / 8 +
					  rtt_us / 8 : rtt_us;
	if (!tip_tcp_cc_limited(cc, inflight)) {
		/* Idle time must not count as time on the curve. */
		tip_cubic_set_epoch(c, 0);
		return;
	}
	if (!cc->cwnd)
		cc->cwnd = tip_cubic_mss(cc);
	if (cc->cwnd < cc->ssthresh) {
		acked = tip_tcp_cc_slow_start(cc, acked);
		if (!acked)
			return;
	}
	tip_cubic_cong_avoid(cc, acked, now_us);
}

/*
 * RFC 9438 4.6 and 4.7: remember the window of the loss (lower when it
 * came before the previous plateau, to give way to newer flows) and
 * reduce to beta times the flight size.
 */
static u32 tip_cubic_ssthresh(struct tip_tcp_cc *cc, u32 inflight)
{
	struct tip_cubic *c = tip_cubic(cc);
	u32 cwnd = cc->cwnd;
	u32 base = inflight ? min(cwnd, inflight) : cwnd;

	if (cwnd < c->w_max)
		c->w_max = div_u64((u64)cwnd * 17, 20);	/* (1 + beta) / 2 */
	else
		c->w_max = cwnd;
	tip_cubic_set_epoch(c, 0);
	cc->bytes_acked = 0;
	return max_t(u32, div_u64((u64)base * 7, 10), 2 * tip_cubic_mss(cc));
}

static void tip_cubic_on_rto(struct tip_tcp_cc *cc)
{
	tip_cubic_set_epoch(tip_cubic(cc), 0);
	cc->bytes_acked = 0;
}

struct tip_tcp_cc_ops tip_tcp_cubic = {
	.name		= "cubic",
	.init		= tip_cubic_init,
	.on_ack		= tip_cubic_on_ack,
	.ssthresh	= tip_cubic_ssthresh,
	.on_rto		= tip_cubic_on_rto,
};
