/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transport addresses of both families in one form. Every PCB (UDP,
 * UDP-Lite, raw, TCP, its SYN requests and TIME_WAIT entries) keeps its
 * addresses as struct in6_addr, an IPv4 address as the IPv4-mapped IPv6
 * address ::ffff:a.b.c.d (RFC 4291 2.5.5.2), as RFC 3493 3.7 lets a
 * dual-stack socket do and as netdev/neigh.c already keys its cache.
 * The IPv4 wire paths map and extract at the edge; lookups and port
 * rules see one address type.
 *
 * Wildcards keep Linux's meaning:
 *   ::ffff:0.0.0.0  the IPv4 wildcard: IPv4 only (an AF_INET-style bind);
 *   ::              the IPv6 wildcard: IPv6, and IPv4 too unless the
 *                   endpoint is IPV6_V6ONLY (RFC 3493 5.3).
 * An unset remote address is :: on every PCB.
 */
#ifndef _TINYIP_ADDR_H
#define _TINYIP_ADDR_H

#include <linux/in6.h>
#include <linux/ip.h>
#include <linux/ipv6.h>
#include <linux/siphash.h>
#include <linux/skbuff.h>
#include <linux/types.h>
#include <net/ipv6.h>

#include <tinyip/netif.h>

/* ::ffff:@v4, the IPv4-mapped form (RFC 4291 2.5.5.2). */
static inline void tip_addr_from4(struct in6_addr *a, __be32 v4)
{
	ipv6_addr_set_v4mapped(v4, a);
}

/* The IPv4 address inside a mapped one (meaningless for others). */
static inline __be32 tip_addr_v4(const struct in6_addr *a)
{
	return a->s6_addr32[3];
}

/* True for ::ffff:0.0.0.0/96: the address is on the IPv4 side. */
static inline bool tip_addr_is_v4(const struct in6_addr *a)
{
	return ipv6_addr_v4mapped(a);
}

/* ::ffff:0.0.0.0, the IPv4-only wildcard. */
static inline bool tip_addr_is_any4(const struct in6_addr *a)
{
	return (a->s6_addr32[0] | a->s6_addr32[1] | a->s6_addr32[3]) == 0 &&
	       a->s6_addr32[2] == htonl(0x0000ffff);
}

/* Either wildcard: the endpoint chose no local address. */
static inline bool tip_addr_is_wild(const struct in6_addr *a)
{
	return ipv6_addr_any(a) || tip_addr_is_any4(a);
}

/* The wildcard of an endpoint: :: for an IPv6 one, else IPv4's. */
static inline void tip_addr_set_wild(struct in6_addr *a, bool v6)
{
	if (v6)
		*a = in6addr_any;
	else
		tip_addr_from4(a, 0);
}

/*
 * Does a local address @laddr (of an endpoint with IPV6_V6ONLY @v6only)
 * take a packet sent to @daddr? An IPv4 packet (mapped @daddr) is taken
 * by the same address, the IPv4 wildcard, or :: without V6ONLY; an IPv6
 * one by the same address or ::.
 */
static inline bool tip_addr_match(const struct in6_addr *laddr, bool v6only,
				  const struct in6_addr *daddr)
{
	if (ipv6_addr_equal(laddr, daddr))
		return true;
	if (tip_addr_is_v4(daddr))
		return tip_addr_is_any4(laddr) ||
		       (ipv6_addr_any(laddr) && !v6only);
	return ipv6_addr_any(laddr);
}

/*
 * Do two local addresses overlap, so that they cannot both hold one port
 * without SO_REUSEADDR? Linux's rules (ipv6_rcv_saddr_equal): IPv4
 * addresses overlap when equal or either is 0.0.0.0; :: overlaps every
 * IPv6 address and, without V6ONLY, every IPv4 one; a specific IPv6
 * address overlaps itself and ::.
 */
static inline bool tip_addr_overlap(const struct in6_addr *a, bool a_v6only,
				    const struct in6_addr *b, bool b_v6only)
{
	bool a4 = tip_addr_is_v4(a), b4 = tip_addr_is_v4(b);

	if (a4 && b4)
		return tip_addr_is_any4(a) || tip_addr_is_any4(b) ||
		       tip_addr_v4(a) == tip_addr_v4(b);
	if (a4)
		return ipv6_addr_any(b) && !b_v6only;
	if (b4)
		return ipv6_addr_any(a) && !a_v6only;
	return ipv6_addr_any(a) || ipv6_addr_any(b) || ipv6_addr_equal(a, b);
}

/*
 * A lockless snapshot of an address another context may be changing
 * (bind or connect): word by word, never torn within a word.
 */
static inline void tip_addr_read_once(struct in6_addr *dst,
				      const struct in6_addr *src)
{
	int i;

	for (i = 0; i < 4; i++)
		dst->s6_addr32[i] = READ_ONCE(src->s6_addr32[i]);
}

/*
 * A keyed hash of an address pair and two more words (ports, a protocol
 * or a counter), over all 32 address bytes: for IPv4 the mapped prefix is
 * constant, for IPv6 no bit of either address escapes the key, so an
 * attacker can steer neither hash buckets nor ISNs (RFC 6528).
 */
static inline u32 tip_addr_hash(const struct in6_addr *a,
				const struct in6_addr *b, u32 w1, u32 w2,
				const siphash_key_t *key)
{
	struct {
		struct in6_addr a, b;
		u32 w1, w2;
	} __aligned(SIPHASH_ALIGNMENT) in = { *a, *b, w1, w2 };

	return (u32)siphash(&in, sizeof(in), key);
}

/*
 * The addresses of a received packet, mapped for IPv4 (from TIP_CB(),
 * which IPv4 input filled), else from the IPv6 header. The network
 * header is set on every packet a transport sees.
 */
static inline void tip_skb_addrs(const struct sk_buff *skb,
				 struct in6_addr *saddr,
				 struct in6_addr *daddr)
{
	if (ip_hdr(skb)->version == 4) {
		tip_addr_from4(saddr, TIP_CB(skb)->saddr);
		tip_addr_from4(daddr, TIP_CB(skb)->daddr);
	} else {
		*saddr = ipv6_hdr(skb)->saddr;
		*daddr = ipv6_hdr(skb)->daddr;
	}
}

#endif /* _TINYIP_ADDR_H */
