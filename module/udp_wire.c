// SPDX-License-Identifier: GPL-2.0
/*
 * UDP and UDP-Lite wire rules as pure functions: the Internet checksum
 * with the IPv4 pseudo-header (RFC 768, RFC 1071) and UDP-Lite's checksum
 * coverage (RFC 3828 3.1), with Linux's socket option semantics so both
 * ends agree with a native UDP-Lite socket.
 */
#include <linux/errno.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>

#include <tinyip/udp.h>

/*
 * Coverage of a received UDP-Lite datagram of @len bytes whose length
 * field says @len_field: 0 covers everything; less than the header or
 * more than the datagram is illegal (RFC 3828 3.1).
 */
int tip_udplite_rx_cscov(u16 len_field, unsigned int len)
{
	if (!len_field)
		return len;
	if (len_field < sizeof(struct udphdr) || len_field > len)
		return -EINVAL;
	return len_field;
}

/* UDPLITE_SEND_CSCOV / UDPLITE_RECV_CSCOV values as Linux stores them. */
u16 tip_udplite_clamp_cscov(int val)
{
	if (val != 0 && val < (int)sizeof(struct udphdr))
		return sizeof(struct udphdr);
	if (val > U16_MAX)
		return U16_MAX;
	return val;
}

/*
 * Coverage to checksum and length field to send for a datagram of @len
 * bytes. Without the option, or with one at least as long as the
 * datagram, coverage is full and the field carries the length, as Linux
 * sends; 0 asks for full coverage announced as 0.
 */
unsigned int tip_udplite_tx_cscov(bool send_cc, u16 send_cscov,
				  unsigned int len, u16 *len_field)
{
	unsigned int cov = len;

	*len_field = len;
	if (send_cc && send_cscov < len) {
		if (send_cscov)
			cov = send_cscov;
		*len_field = send_cscov;
	}
	return cov;
}

/*
 * The checksum of @cov bytes at @offset, with a pseudo-header announcing
 * @len bytes. Over a datagram whose checksum field is zero, it is the
 * value to send (0 must then go out as 0xffff); over a received one, 0
 * means it is intact.
 */
__sum16 tip_udp_csum(const struct sk_buff *skb, unsigned int offset,
		     unsigned int len, unsigned int cov, __be32 saddr,
		     __be32 daddr, u8 proto)
{
	__wsum sum = skb_checksum(skb, offset, cov, 0);

	return csum_tcpudp_magic(saddr, daddr, len, proto, sum);
}

/*
 * Verify a received datagram (skb->data at its header, skb->len its
 * length) covering @cov bytes. Trust what the device or the sender's
 * stack already vouched for (CHECKSUM_UNNECESSARY, or CHECKSUM_PARTIAL
 * from a local sender over veth or loopback); use a device's full sum when
 * coverage is full, and compute the rest in software.
 */
bool tip_udp_csum_ok(struct sk_buff *skb, __be32 saddr, __be32 daddr,
		     u8 proto, unsigned int cov)
{
	const struct udphdr *uh = (const struct udphdr *)skb->data;

	if (!uh->check)
		return proto == IPPROTO_UDP;	/* no checksum; illegal in Lite */
	if (skb_csum_unnecessary(skb))
		return true;
	if (skb->ip_summed == CHECKSUM_COMPLETE && cov == skb->len &&
	    !csum_tcpudp_magic(saddr, daddr, skb->len, proto, skb->csum))
		return true;
	/* A device's sum may be wrong; only software may condemn a packet. */
	return !tip_udp_csum(skb, 0, skb->len, cov, saddr, daddr, proto);
}

/* tip_udp_csum() with the IPv6 pseudo-header (RFC 8200 8.1). */
__sum16 tip_udp6_csum(const struct sk_buff *skb, unsigned int offset,
		      unsigned int len, unsigned int cov,
		      const struct in6_addr *saddr,
		      const struct in6_addr *daddr, u8 proto)
{
	__wsum sum = skb_checksum(skb, offset, cov, 0);

	return csum_ipv6_magic(saddr, daddr, len, proto, sum);
}

/*
 * tip_udp_csum_ok() over IPv6, where the checksum is mandatory for UDP
 * as well as UDP-Lite (RFC 8200 8.1): a zero checksum field fails.
 */
bool tip_udp6_csum_ok(struct sk_buff *skb, const struct in6_addr *saddr,
		      const struct in6_addr *daddr, u8 proto,
		      unsigned int cov)
{
	const struct udphdr *uh = (const struct udphdr *)skb->data;

	if (!uh->check)
		return false;
	if (skb_csum_unnecessary(skb))
		return true;
	if (skb->ip_summed == CHECKSUM_COMPLETE && cov == skb->len &&
	    !csum_ipv6_magic(saddr, daddr, skb->len, proto, skb->csum))
		return true;
	return !tip_udp6_csum(skb, 0, skb->len, cov, saddr, daddr, proto);
}
