/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP wire formats and pure algorithms, kept apart from the connection
 * state so that they can be tested (KUnit) and fuzzed on their own:
 * sequence arithmetic (RFC 9293 3.4), options (RFC 9293 3.2, RFC 7323,
 * RFC 2018), checksums, the RTO estimator (RFC 6298) and the congestion
 * control ops (RFC 5681, RFC 3465, RFC 6582, RFC 9438).
 */
#ifndef _TINYIP_TCP_WIRE_H
#define _TINYIP_TCP_WIRE_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/skbuff.h>
#include <linux/types.h>

/* Sequence space comparisons, modulo 2^32. */
static inline bool tip_seq_before(u32 a, u32 b)
{
	return (s32)(a - b) < 0;
}

static inline bool tip_seq_after(u32 a, u32 b)
{
	return (s32)(b - a) < 0;
}

static inline bool tip_seq_leq(u32 a, u32 b)
{
	return !tip_seq_after(a, b);
}

static inline bool tip_seq_geq(u32 a, u32 b)
{
	return !tip_seq_before(a, b);
}

/* lo <= seq <= hi */
static inline bool tip_seq_between(u32 seq, u32 lo, u32 hi)
{
	return hi - lo >= seq - lo;
}

static inline u32 tip_seq_max(u32 a, u32 b)
{
	return tip_seq_after(a, b) ? a : b;
}

static inline u32 tip_seq_min(u32 a, u32 b)
{
	return tip_seq_before(a, b) ? a : b;
}

/* ---- Options (module/tcp_wire.c) ---- */

#define TIP_TCP_MAX_SACK	4	/* blocks in one option (40 bytes) */
#define TIP_TCP_MAX_WSCALE	14	/* RFC 7323 2.3 */
#define TIP_TCP_OPT_MAX		40	/* bytes of options in a header */

struct tip_sack_block {
	u32 start;		/* first sequence number of the block */
	u32 end;		/* one past the last */
};

/* Which options a struct tip_tcp_opts carries. */
#define TIP_TCPOPT_MSS		BIT(0)
#define TIP_TCPOPT_WSCALE	BIT(1)
/* Neither parsed nor sent without SACK (TINYIP_SACK=n). */
#define TIP_TCPOPT_SACK_PERM	(IS_ENABLED(CONFIG_TINYIP_SACK) ? BIT(2) : 0)
#define TIP_TCPOPT_TS		BIT(3)
#define TIP_TCPOPT_SACK		BIT(4)

/* Options of one segment, parsed or to be built. */
struct tip_tcp_opts {
	u8 present;		/* TIP_TCPOPT_* */
	u8 wscale;		/* clamped to TIP_TCP_MAX_WSCALE on parse */
	u8 nsack;		/* blocks in sack[] */
	u16 mss;
	u32 tsval;
	u32 tsecr;
	struct tip_sack_block sack[TIP_TCP_MAX_SACK];
};

/*
 * Parse the @len bytes of options at @p. Returns 0, or -EINVAL when the
 * option area is malformed: a length below 2, or one running past the
 * area, or a known option with the wrong length. MSS, window scale and
 * SACK-permitted count only on a SYN (@syn), as RFC 9293 and RFC 7323 say;
 * elsewhere they are skipped. Unknown options are skipped by their length.
 * SACK blocks (1 to 4) and timestamps are taken on any segment, blocks as
 * sent (tcp_sack.c judges them); an option seen twice keeps the last.
 * @o is zeroed first, and is partly filled on -EINVAL.
 */
int tip_tcp_parse_opts(const u8 *p, unsigned int len, bool syn,
		       struct tip_tcp_opts *o);

/* Bytes tip_tcp_build_opts() will write for @o: a multiple of 4, <= 40.
 * SACK blocks count only with TIP_TCPOPT_SACK and nsack > 0.
 */
unsigned int tip_tcp_opts_len(const struct tip_tcp_opts *o);

/*
 * Write @o at @p, NOP-padded to 4-byte alignment, in Linux's layout so
 * that middleboxes see the familiar shape. SACK blocks that do not fit
 * after the other options are left out. Returns the bytes written.
 */
unsigned int tip_tcp_build_opts(u8 *p, const struct tip_tcp_opts *o);

/*
 * Checksums. tip_tcp_csum_ok() checks a received segment (skb->data at
 * the TCP header, skb->len the segment) and trusts what the device or a
 * local sender vouched for, as tip_udp_csum_ok() does.
 * tip_tcp_csum_set() fills th->check for a built segment (skb->data at
 * the TCP header, skb->len the header and payload, GSO or not), leaving
 * the sum to the device (CHECKSUM_PARTIAL, csum_start/offset set, the
 * pseudo-header seeded) when @partial, else summing it (CHECKSUM_NONE).
 */
bool tip_tcp_csum_ok(struct sk_buff *skb, __be32 saddr, __be32 daddr);
void tip_tcp_csum_set(struct sk_buff *skb, __be32 saddr, __be32 daddr,
		      bool partial);
/* The same over IPv6: the RFC 8200 8.1 pseudo-header. */
bool tip_tcp_csum_ok6(struct sk_buff *skb, const struct in6_addr *saddr,
		      const struct in6_addr *daddr);
void tip_tcp_csum_set6(struct sk_buff *skb, const struct in6_addr *saddr,
		       const struct in6_addr *daddr, bool partial);

/* ---- RTO estimator, RFC 6298 (module/tcp_rtt.c) ---- */

#define TIP_TCP_RTO_INIT_US	1000000U	/* RFC 6298 2.1 */
#define TIP_TCP_RTO_MIN_US	200000U		/* Linux's floor, not 1 s */
#define TIP_TCP_RTO_MAX_US	120000000U	/* RFC 6298 2.5, as Linux */

struct tip_tcp_rtt {
	u32 srtt_us;		/* 0: no sample yet */
	u32 rttvar_us;
	u32 rto_us;		/* before backoff */
	u32 min_rtt_us;		/* smallest sample seen (0: none) */
	u32 latest_us;		/* the last sample */
};

void tip_tcp_rtt_init(struct tip_tcp_rtt *r);
/* One RTT measurement (RFC 6298 2.2, 2.3); Karn's rule is the caller's. */
void tip_tcp_rtt_sample(struct tip_tcp_rtt *r, u32 rtt_us);
/* The timeout after @backoff doublings, capped at TIP_TCP_RTO_MAX_US. */
u32 tip_tcp_rto_backoff(const struct tip_tcp_rtt *r, unsigned int backoff);

/* ---- Congestion control (module/tcp_cc.c, tcp_newreno.c, tcp_cubic.c) */

#define TIP_TCP_CC_NAME_MAX	16	/* as TCP_CA_NAME_MAX */
#define TIP_TCP_INIT_CWND	10	/* segments, RFC 6928 as Linux */
/* cwnd never grows past 1 GB, so that sums of it cannot wrap a u32. */
#define TIP_TCP_CWND_MAX	0x40000000U

/*
 * The state an algorithm works on. cwnd and ssthresh are in bytes
 * (RFC 5681); priv is the algorithm's own (CUBIC's epoch, W_max, ...).
 */
struct tip_tcp_cc {
	u32 cwnd;
	u32 ssthresh;		/* U32_MAX until the first loss */
	u32 mss;		/* sender MSS, kept current by the core */
	u32 bytes_acked;	/* RFC 3465 counter in congestion avoidance */
	u32 priv[6];
};

/*
 * An algorithm. The core calls, under the instance lock:
 * @init:	on connection establishment (cwnd = IW, ssthresh = max).
 * @on_ack:	new data acknowledged outside loss recovery: @acked bytes,
 *		@rtt_us the sample it gave (0 for none), @now_us the clock,
 *		@inflight the bytes outstanding before this ACK: cwnd
 *		grows only when it was at least half of cwnd (RFC 7661;
 *		0 means unknown and allows growth).
 * @ssthresh:	loss detected (entering fast recovery, or an RTO): returns
 *		the new ssthresh; @inflight as above (RFC 5681 eq. 4).
 * @on_rto:	optional; after the core set cwnd to one segment.
 * The core itself deflates cwnd to ssthresh when recovery ends
 * (RFC 6582 3.2 step 3) and inflates it with each duplicate ACK.
 */
struct tip_tcp_cc_ops {
	struct list_head list;
	char name[TIP_TCP_CC_NAME_MAX];
	void (*init)(struct tip_tcp_cc *cc);
	void (*on_ack)(struct tip_tcp_cc *cc, u32 acked, u32 rtt_us,
		       u64 now_us, u32 inflight);
	u32 (*ssthresh)(struct tip_tcp_cc *cc, u32 inflight);
	void (*on_rto)(struct tip_tcp_cc *cc);
};

/* Registry: "newreno" (the default) and "cubic" are always there. */
const struct tip_tcp_cc_ops *tip_tcp_cc_find(const char *name);
const struct tip_tcp_cc_ops *tip_tcp_cc_default(void);
int tip_tcp_cc_register(struct tip_tcp_cc_ops *ops);
void tip_tcp_cc_unregister(struct tip_tcp_cc_ops *ops);
int tip_tcp_cc_init(void);
void tip_tcp_cc_exit(void);

/*
 * Shared building blocks: RFC 5681 slow start with RFC 3465 byte counting
 * (L = 2 SMSS), returning the bytes left over once cwnd reached ssthresh,
 * and Reno's congestion avoidance, one SMSS per cwnd acknowledged.
 */
u32 tip_tcp_cc_slow_start(struct tip_tcp_cc *cc, u32 acked);
void tip_tcp_cc_cong_avoid(struct tip_tcp_cc *cc, u32 acked);
/* Whether @inflight (before the ACK) justifies growing cwnd (RFC 7661). */
bool tip_tcp_cc_limited(const struct tip_tcp_cc *cc, u32 inflight);

extern struct tip_tcp_cc_ops tip_tcp_newreno;
extern struct tip_tcp_cc_ops tip_tcp_cubic;

#endif /* _TINYIP_TCP_WIRE_H */
