// SPDX-License-Identifier: GPL-2.0
/*
 * The retransmission timer's estimator, RFC 6298: SRTT and RTTVAR from
 * RTT samples (alpha 1/8, beta 1/4), RTO = SRTT + max(G, 4 RTTVAR)
 * clamped to [TIP_TCP_RTO_MIN_US, TIP_TCP_RTO_MAX_US], and the
 * exponential backoff of RFC 6298 5.5. Microseconds throughout, so the
 * timer is as fine as the clock (the RFC's G).
 */
#include <linux/kernel.h>
#include <linux/math64.h>
#include <linux/minmax.h>

#include <tinyip/tcp_wire.h>

/*
 * G, the clock granularity of RFC 6298 2: one jiffy at HZ=250. It keeps
 * RTO above SRTT when the variance has decayed to nothing.
 */
#define TIP_TCP_RTO_G_US	4000U

void tip_tcp_rtt_init(struct tip_tcp_rtt *r)
{
	r->srtt_us = 0;
	r->rttvar_us = 0;
	r->rto_us = TIP_TCP_RTO_INIT_US;
	r->min_rtt_us = 0;
	r->latest_us = 0;
}

static u32 tip_tcp_rto_calc(const struct tip_tcp_rtt *r)
{
	u64 rto = (u64)r->srtt_us + max_t(u64, TIP_TCP_RTO_G_US,
					   4ULL * r->rttvar_us);

	return clamp_t(u64, rto, TIP_TCP_RTO_MIN_US, TIP_TCP_RTO_MAX_US);
}

void tip_tcp_rtt_sample(struct tip_tcp_rtt *r, u32 rtt_us)
{
	u32 delta;

	/* 0 is "no sample" in srtt_us; a sub-microsecond RTT is 1 us. */
	rtt_us = max(rtt_us, 1U);
	r->latest_us = rtt_us;
	if (!r->min_rtt_us || rtt_us < r->min_rtt_us)
		r->min_rtt_us = rtt_us;

	if (!r->srtt_us) {
		/* RFC 6298 2.2: the first measurement. */
		r->srtt_us = rtt_us;
		r->rttvar_us = rtt_us / 2;
	} else {
		/* RFC 6298 2.3, RTTVAR first as it uses the old SRTT. */
		delta = r->srtt_us > rtt_us ? r->srtt_us - rtt_us :
					      rtt_us - r->srtt_us;
		r->rttvar_us = div_u64(3ULL * r->rttvar_us + delta, 4);
		r->srtt_us = div_u64(7ULL * r->srtt_us + rtt_us, 8);
		r->srtt_us = max(r->srtt_us, 1U);
	}
	r->rto_us = tip_tcp_rto_calc(r);
}

u32 tip_tcp_rto_backoff(const struct tip_tcp_rtt *r, unsigned int backoff)
{
	u64 rto = r->rto_us ? r->rto_us : TIP_TCP_RTO_INIT_US;

	/* RTO_MAX < 2^27: anything shifted by 27 or more is past it. */
	if (backoff >= 27)
		return TIP_TCP_RTO_MAX_US;
	return min_t(u64, rto << backoff, TIP_TCP_RTO_MAX_US);
}
