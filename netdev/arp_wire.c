// SPDX-License-Identifier: GPL-2.0
/*
 * ARP packets for IPv4 over Ethernet (RFC 826), as pure functions over a
 * buffer: the parser checks every fixed field and the sender's addresses
 * (RFC 1122 2.3.2, RFC 5227 probes) so the protocol code only ever sees
 * a packet it can trust. No state, no skb: KUnit and fuzzers call these.
 */
#include <linux/errno.h>
#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/in.h>
#include <linux/string.h>

#include <tinyip/neigh.h>

/* Offsets in the 28-byte Ethernet/IPv4 packet. */
#define ARP_HRD		0
#define ARP_PRO		2
#define ARP_HLN		4
#define ARP_PLN		5
#define ARP_OP		6
#define ARP_SHA		8
#define ARP_SIP		14
#define ARP_THA		18
#define ARP_TIP		24

static u16 arp_get16(const u8 *p)
{
	return (p[0] << 8) | p[1];
}

static void arp_put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v & 0xff;
}

/*
 * Returns 0 and fills @v for a well-formed request or reply, -EINVAL
 * otherwise. A zero sender address is allowed only in a request: that is
 * an RFC 5227 probe, which must be answered but never cached.
 */
int tip_arp_parse(const void *buf, unsigned int len, struct tip_arp_view *v)
{
	const u8 *p = buf;

	if (len < TIP_ARP_LEN)
		return -EINVAL;
	if (arp_get16(p + ARP_HRD) != ARPHRD_ETHER ||
	    arp_get16(p + ARP_PRO) != ETH_P_IP ||
	    p[ARP_HLN] != ETH_ALEN || p[ARP_PLN] != 4)
		return -EINVAL;

	v->op = arp_get16(p + ARP_OP);
	if (v->op != TIP_ARP_OP_REQUEST && v->op != TIP_ARP_OP_REPLY)
		return -EINVAL;
	v->sha = p + ARP_SHA;
	v->tha = p + ARP_THA;
	memcpy(&v->sip, p + ARP_SIP, 4);
	memcpy(&v->tip, p + ARP_TIP, 4);

	/* A group address cannot own an IP address (RFC 1812 3.3.2). */
	if (is_multicast_ether_addr(v->sha) || is_zero_ether_addr(v->sha))
		return -EINVAL;
	if (ipv4_is_multicast(v->sip) || ipv4_is_lbcast(v->sip) ||
	    ipv4_is_loopback(v->sip))
		return -EINVAL;
	if (!v->sip && v->op != TIP_ARP_OP_REQUEST)
		return -EINVAL;
	if (ipv4_is_multicast(v->tip) || ipv4_is_loopback(v->tip))
		return -EINVAL;
	return 0;
}

/* Writes a TIP_ARP_LEN-byte packet; @tha NULL means zero (a request). */
void tip_arp_build(void *buf, u16 op, const u8 *sha, __be32 sip,
		   const u8 *tha, __be32 tip)
{
	u8 *p = buf;

	arp_put16(p + ARP_HRD, ARPHRD_ETHER);
	arp_put16(p + ARP_PRO, ETH_P_IP);
	p[ARP_HLN] = ETH_ALEN;
	p[ARP_PLN] = 4;
	arp_put16(p + ARP_OP, op);
	memcpy(p + ARP_SHA, sha, ETH_ALEN);
	memcpy(p + ARP_SIP, &sip, 4);
	if (tha)
		memcpy(p + ARP_THA, tha, ETH_ALEN);
	else
		memset(p + ARP_THA, 0, ETH_ALEN);
	memcpy(p + ARP_TIP, &tip, 4);
}
