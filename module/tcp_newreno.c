// SPDX-License-Identifier: GPL-2.0
/*
 * NewReno, the default congestion control: an initial window of ten
 * segments (RFC 6928, as Linux), slow start and congestion avoidance of
 * RFC 5681 with byte counting (RFC 3465), and ssthresh = max(FlightSize
 * / 2, 2 SMSS) on loss (RFC 5681 eq. 4). The recovery itself (RFC 6582)
 * is the core's: it deflates cwnd to ssthresh when recovery ends.
 */
#include <linux/kernel.h>
#include <linux/minmax.h>
#include <linux/string.h>

#include <tinyip/tcp_wire.h>

static void tip_newreno_init(struct tip_tcp_cc *cc)
{
	cc->cwnd = TIP_TCP_INIT_CWND * max(cc->mss, 1U);
	cc->ssthresh = U32_MAX;
	cc->bytes_acked = 0;
	memset(cc->priv, 0, sizeof(cc->priv));
}

static void tip_newreno_on_ack(struct tip_tcp_cc *cc, u32 acked, u32 rtt_us,
			       u64 now_us, u32 inflight)
{
	if (!tip_tcp_cc_limited(cc, inflight))
		return;
	if (cc->cwnd < cc->ssthresh) {
		acked = tip_tcp_cc_slow_start(cc, acked);
		if (!acked)
			return;
	}
	tip_tcp_cc_cong_avoid(cc, acked);
}

static u32 tip_newreno_ssthresh(struct tip_tcp_cc *cc, u32 inflight)
{
	cc->bytes_acked = 0;
	return max(inflight / 2, 2 * max(cc->mss, 1U));
}

static void tip_newreno_on_rto(struct tip_tcp_cc *cc)
{
	cc->bytes_acked = 0;
}

struct tip_tcp_cc_ops tip_tcp_newreno = {
	.name		= "newreno",
	.init		= tip_newreno_init,
	.on_ack		= tip_newreno_on_ack,
	.ssthresh	= tip_newreno_ssthresh,
	.on_rto		= tip_newreno_on_rto,
};
