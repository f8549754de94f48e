// SPDX-License-Identifier: GPL-2.0
/*
 * TCP wire formats as pure functions: the options area (RFC 9293 3.2,
 * RFC 7323 window scale and timestamps, RFC 2018 SACK) and the checksum
 * with the IPv4 pseudo-header (RFC 9293 3.1, RFC 1071). The parser never
 * reads past the length it is given and refuses malformed areas; the
 * builder writes Linux's layout, which middleboxes know.
 */
#include <linux/errno.h>
#include <linux/in.h>
#include <linux/skbuff.h>
#include <linux/string.h>
#include <linux/tcp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>

#include <tinyip/tcp_wire.h>

/* Option kinds and lengths (RFC 9293 3.2, RFC 7323, RFC 2018). */
#define TIP_OPT_EOL		0
#define TIP_OPT_NOP		1
#define TIP_OPT_MSS		2
#define TIP_OPT_WSCALE		3
#define TIP_OPT_SACK_PERM	4
#define TIP_OPT_SACK		5
#define TIP_OPT_TS		8

#define TIP_OPTLEN_MSS		4
#define TIP_OPTLEN_WSCALE	3
#define TIP_OPTLEN_SACK_PERM	2
#define TIP_OPTLEN_SACK_BASE	2
#define TIP_OPTLEN_SACK_BLOCK	8
#define TIP_OPTLEN_TS		10

/* Aligned sizes in the built layout. */
#define TIP_ALIGNED_MSS		4	/* MSS */
#define TIP_ALIGNED_TS		12	/* NOP NOP TS, or SACK_PERM TS */
#define TIP_ALIGNED_SACK_PERM	4	/* NOP NOP SACK_PERM */
#define TIP_ALIGNED_WSCALE	4	/* NOP WS */
#define TIP_ALIGNED_SACK_BASE	4	/* NOP NOP SACK, then 8 per block */

/* Byte-wise access: options sit at any alignment, and this avoids the
 * header that moved between 6.1 and 6.12.
 */
static u16 tip_get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 tip_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u8 *tip_put16(u8 *p, u16 v)
{
	*p++ = v >> 8;
	*p++ = v;
	return p;
}

static u8 *tip_put32(u8 *p, u32 v)
{
	*p++ = v >> 24;
	*p++ = v >> 16;
	*p++ = v >> 8;
	*p++ = v;
	return p;
}

static int tip_tcp_parse_one(const u8 *p, u8 kind, u8 olen, bool syn,
			     struct tip_tcp_opts *o)
{
	unsigned int i, n;

	switch (kind) {
	case TIP_OPT_MSS:
		if (olen != TIP_OPTLEN_MSS)
			return -EINVAL;
		if (syn) {
			o->mss = tip_get16(p + 2);
			o->present |= TIP_TCPOPT_MSS;
		}
		break;
	case TIP_OPT_WSCALE:
		if (olen != TIP_OPTLEN_WSCALE)
			return -EINVAL;
		if (syn) {
			/* RFC 7323 2.3: use 14 for anything larger. */
			o->wscale = min_t(u8, p[2], TIP_TCP_MAX_WSCALE);
			o->present |= TIP_TCPOPT_WSCALE;
		}
		break;
	case TIP_OPT_SACK_PERM:
		if (olen != TIP_OPTLEN_SACK_PERM)
			return -EINVAL;
		if (syn)
			o->present |= TIP_TCPOPT_SACK_PERM;
		break;
	case TIP_OPT_SACK:
		if (olen < TIP_OPTLEN_SACK_BASE + TIP_OPTLEN_SACK_BLOCK ||
		    (olen - TIP_OPTLEN_SACK_BASE) % TIP_OPTLEN_SACK_BLOCK)
			return -EINVAL;
		n = (olen - TIP_OPTLEN_SACK_BASE) / TIP_OPTLEN_SACK_BLOCK;
		if (n > TIP_TCP_MAX_SACK)
			return -EINVAL;
		/* Blocks are kept as sent; tcp_sack.c judges them. */
		for (i = 0; i < n; i++) {
			const u8 *b = p + TIP_OPTLEN_SACK_BASE +
				      i * TIP_OPTLEN_SACK_BLOCK;

			o->sack[i].start = tip_get32(b);
			o->sack[i].end = tip_get32(b + 4);
		}
		o->nsack = n;
		o->present |= TIP_TCPOPT_SACK;
		break;
	case TIP_OPT_TS:
		if (olen != TIP_OPTLEN_TS)
			return -EINVAL;
		o->tsval = tip_get32(p + 2);
		o->tsecr = tip_get32(p + 6);
		o->present |= TIP_TCPOPT_TS;
		break;
	default:
		/* Unknown: skipped by its length (RFC 9293 3.2). */
		break;
	}
	return 0;
}

int tip_tcp_parse_opts(const u8 *p, unsigned int len, bool syn,
		       struct tip_tcp_opts *o)
{
	unsigned int i = 0;
	int ret;

	memset(o, 0, sizeof(*o));
	while (i < len) {
		u8 kind = p[i];
		u8 olen;

		if (kind == TIP_OPT_EOL)
			break;
		if (kind == TIP_OPT_NOP) {
			i++;
			continue;
		}
		/* Every other option has a length byte, counting itself and
		 * the kind; below 2 would loop or step backwards.
		 */
		if (len - i < 2)
			return -EINVAL;
		olen = p[i + 1];
		if (olen < 2 || olen > len - i)
			return -EINVAL;
		ret = tip_tcp_parse_one(p + i, kind, olen, syn, o);
		if (ret)
			return ret;
		i += olen;
	}
	return 0;
}

/* SACK blocks the builder writes: those that fit after the rest. */
static unsigned int tip_tcp_opts_nsack(const struct tip_tcp_opts *o,
				       unsigned int used)
{
	unsigned int room, n;

	if (!(o->present & TIP_TCPOPT_SACK) || !o->nsack)
		return 0;
	if (used + TIP_ALIGNED_SACK_BASE + TIP_OPTLEN_SACK_BLOCK >
	    TIP_TCP_OPT_MAX)
		return 0;
	room = (TIP_TCP_OPT_MAX - used - TIP_ALIGNED_SACK_BASE) /
	       TIP_OPTLEN_SACK_BLOCK;
	n = min_t(unsigned int, o->nsack, TIP_TCP_MAX_SACK);
	return min(n, room);
}

/* Bytes of everything but the SACK blocks. */
static unsigned int tip_tcp_opts_base_len(const struct tip_tcp_opts *o)
{
	unsigned int len = 0;

	if (o->present & TIP_TCPOPT_MSS)
		len += TIP_ALIGNED_MSS;
	if (o->present & TIP_TCPOPT_TS)
		len += TIP_ALIGNED_TS;	/* SACK_PERM rides in its NOPs */
	else if (o->present & TIP_TCPOPT_SACK_PERM)
		len += TIP_ALIGNED_SACK_PERM;
	if (o->present & TIP_TCPOPT_WSCALE)
		len += TIP_ALIGNED_WSCALE;
	return len;
}

unsigned int tip_tcp_opts_len(const struct tip_tcp_opts *o)
{
	unsigned int len = tip_tcp_opts_base_len(o);
	unsigned int n = tip_tcp_opts_nsack(o, len);

	if (n)
		len += TIP_ALIGNED_SACK_BASE + n * TIP_OPTLEN_SACK_BLOCK;
	return len;
}

/*
 * The order and padding are Linux's (tcp_options_write()): MSS;
 * "sackOK,TS" as SACK_PERM followed by TS, or NOP NOP TS, or NOP NOP
 * SACK_PERM alone; NOP WS; NOP NOP SACK blocks.
 */
unsigned int tip_tcp_build_opts(u8 *p, const struct tip_tcp_opts *o)
{
	u8 *start = p;
	unsigned int i, n;

	if (o->present & TIP_TCPOPT_MSS) {
		*p++ = TIP_OPT_MSS;
		*p++ = TIP_OPTLEN_MSS;
		p = tip_put16(p, o->mss);
	}
	if (o->present & TIP_TCPOPT_TS) {
		if (o->present & TIP_TCPOPT_SACK_PERM) {
			*p++ = TIP_OPT_SACK_PERM;
			*p++ = TIP_OPTLEN_SACK_PERM;
		} else {
			*p++ = TIP_OPT_NOP;
			*p++ = TIP_OPT_NOP;
		}
		*p++ = TIP_OPT_TS;
		*p++ = TIP_OPTLEN_TS;
		p = tip_put32(p, o->tsval);
		p = tip_put32(p, o->tsecr);
	} else if (o->present & TIP_TCPOPT_SACK_PERM) {
		*p++ = TIP_OPT_NOP;
		*p++ = TIP_OPT_NOP;
		*p++ = TIP_OPT_SACK_PERM;
		*p++ = TIP_OPTLEN_SACK_PERM;
	}
	if (o->present & TIP_TCPOPT_WSCALE) {
		*p++ = TIP_OPT_NOP;
		*p++ = TIP_OPT_WSCALE;
		*p++ = TIP_OPTLEN_WSCALE;
		*p++ = min_t(u8, o->wscale, TIP_TCP_MAX_WSCALE);
	}
	n = tip_tcp_opts_nsack(o, p - start);
	if (n) {
		*p++ = TIP_OPT_NOP;
		*p++ = TIP_OPT_NOP;
		*p++ = TIP_OPT_SACK;
		*p++ = TIP_OPTLEN_SACK_BASE + n * TIP_OPTLEN_SACK_BLOCK;
		for (i = 0; i < n; i++) {
			p = tip_put32(p, o->sack[i].start);
			p = tip_put32(p, o->sack[i].end);
		}
	}
	return p - start;
}

/*
 * Trust what the device or a local sender vouched for (as
 * tip_udp_csum_ok() does), use a device's full sum, and otherwise sum in
 * software: only software may condemn a segment.
 */
bool tip_tcp_csum_ok(struct sk_buff *skb, __be32 saddr, __be32 daddr)
{
	__wsum sum;

	if (skb_csum_unnecessary(skb))
		return true;
	if (skb->ip_summed == CHECKSUM_COMPLETE &&
	    !csum_tcpudp_magic(saddr, daddr, skb->len, IPPROTO_TCP, skb->csum))
		return true;
	sum = skb_checksum(skb, 0, skb->len, 0);
	return !csum_tcpudp_magic(saddr, daddr, skb->len, IPPROTO_TCP, sum);
}

/*
 * CHECKSUM_PARTIAL: @seed is the pseudo-header's sum; the device, GSO or
 * skb_checksum_help() adds the segment's. The transport header is how
 * GSO and drivers find the TCP header.
 */
static void tip_tcp_csum_partial(struct sk_buff *skb, __sum16 seed)
{
	skb_reset_transport_header(skb);
	skb->ip_summed = CHECKSUM_PARTIAL;
	skb->csum_start = skb_headroom(skb);
	skb->csum_offset = offsetof(struct tcphdr, check);
	tcp_hdr(skb)->check = seed;
}

/* The segment's own sum, with the checksum field zeroed, done here. */
static __wsum tip_tcp_csum_body(struct sk_buff *skb)
{
	skb_reset_transport_header(skb);
	tcp_hdr(skb)->check = 0;
	skb->ip_summed = CHECKSUM_NONE;
	return skb_checksum(skb, 0, skb->len, 0);
}

/*
 * @skb->data is at the TCP header and @skb->len is the segment (header
 * and payload; a GSO skb's whole payload, which GSO splits while fixing
 * the sum up, as Linux seeds it).
 */
void tip_tcp_csum_set(struct sk_buff *skb, __be32 saddr, __be32 daddr,
		      bool partial)
{
	__wsum sum;

	if (partial) {
		tip_tcp_csum_partial(skb, ~csum_tcpudp_magic(saddr, daddr,
							     skb->len,
							     IPPROTO_TCP, 0));
		return;
	}
	sum = tip_tcp_csum_body(skb);
	tcp_hdr(skb)->check = csum_tcpudp_magic(saddr, daddr, skb->len,
						IPPROTO_TCP, sum);
}

/*
 * IPv6 (RFC 8200 8.1): the pseudo-header has both 128-bit addresses, the
 * upper-layer length and next header; the sum is mandatory, as in IPv4.
 */
bool tip_tcp_csum_ok6(struct sk_buff *skb, const struct in6_addr *saddr,
		      const struct in6_addr *daddr)
{
	__wsum sum;

	if (skb_csum_unnecessary(skb))
		return true;
	if (skb->ip_summed == CHECKSUM_COMPLETE &&
	    !csum_ipv6_magic(saddr, daddr, skb->len, IPPROTO_TCP, skb->csum))
		return true;
	sum = skb_checksum(skb, 0, skb->len, 0);
	return !csum_ipv6_magic(saddr, daddr, skb->len, IPPROTO_TCP, sum);
}

void tip_tcp_csum_set6(struct sk_buff *skb, const struct in6_addr *saddr,
		       const struct in6_addr *daddr, bool partial)
{
	__wsum sum;

	if (partial) {
		tip_tcp_csum_partial(skb, ~csum_ipv6_magic(saddr, daddr,
							   skb->len,
							   IPPROTO_TCP, 0));
		return;
	}
	sum = tip_tcp_csum_body(skb);
	tcp_hdr(skb)->check = csum_ipv6_magic(saddr, daddr, skb->len,
					      IPPROTO_TCP, sum);
}
