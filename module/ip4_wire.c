// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4 header validation (RFC 791 3.1, RFC 1122 3.2.1) and option
 * walking. Every length is checked against the bytes really there before
 * it is trusted: a zero or oversized option length, or one running past
 * the header, rejects the datagram instead of looping or reading beyond.
 */
#include <linux/errno.h>
#include <linux/ip.h>
#include <net/checksum.h>
#include <net/ip.h>

#include <linux/tinyip.h>
#include <tinyip/ip4_wire.h>

#define IPOPT_EOL_	0
#define IPOPT_NOP_	1
#define IPOPT_LSRR_	0x83
#define IPOPT_SSRR_	0x89
#define IPOPT_RA_	0x94
#define IPOPT_COPIED_	0x80

int tip_ip4_opts_walk(const u8 *opt, unsigned int len, u8 *flags)
{
	unsigned int i = 0, olen;

	*flags = 0;
	while (i < len) {
		switch (opt[i]) {
		case IPOPT_EOL_:
			return 0;
		case IPOPT_NOP_:
			i++;
			continue;
		}
		if (len - i < 2)
			return -EINVAL;
		olen = opt[i + 1];
		if (olen < 2 || olen > len - i)
			return -EINVAL;
		switch (opt[i]) {
		case IPOPT_LSRR_:
		case IPOPT_SSRR_:
			/* Type, length, pointer: at least 3 bytes. */
			if (olen < 3)
				return -EINVAL;
			*flags |= TIP_IP4_OPT_SRR;
			break;
		case IPOPT_RA_:
			if (olen != 4)
				return -EINVAL;
			*flags |= TIP_IP4_OPT_RA;
			break;
		default:
			/* RFC 1122 3.2.1.8: ignore what we do not implement. */
			break;
		}
		i += olen;
	}
	return 0;
}

int tip_ip4_wire_parse(const void *buf, unsigned int buflen,
		       unsigned int pktlen, struct tip_ip4_view *v)
{
	const struct iphdr *iph = buf;
	unsigned int hlen, tot;
	u16 frag;

	if (buflen < sizeof(*iph) || pktlen < sizeof(*iph))
		return TINYIP_DROP_HDR;
	if (iph->version != 4 || iph->ihl < 5)
		return TINYIP_DROP_HDR;
	hlen = iph->ihl * 4;
	if (hlen > buflen || hlen > pktlen)
		return TINYIP_DROP_HDR;
	tot = ntohs(iph->tot_len);
	if (tot < hlen || tot > pktlen)
		return TINYIP_DROP_HDR;
	if (ip_fast_csum(buf, iph->ihl))
		return TINYIP_DROP_CSUM;
	if (tip_ip4_opts_walk((const u8 *)buf + sizeof(*iph),
			      hlen - sizeof(*iph), &v->opt_flags))
		return TINYIP_DROP_HDR;

	/* The reserved flag is ignored, as Linux does (RFC 1122 1.2.2). */
	frag = ntohs(iph->frag_off);
	v->hlen = hlen;
	v->tot_len = tot;
	v->frag_off = (frag & IP_OFFSET) << 3;
	v->mf = !!(frag & IP_MF);
	v->df = !!(frag & IP_DF);
	v->tos = iph->tos;
	v->ttl = iph->ttl;
	v->proto = iph->protocol;
	v->id = iph->id;
	v->saddr = iph->saddr;
	v->daddr = iph->daddr;
	return 0;
}

unsigned int tip_ip4_opts_for_frag(const u8 *opt, unsigned int len, u8 *out)
{
	unsigned int i = 0, o = 0, olen;

	while (i < len && opt[i] != IPOPT_EOL_) {
		if (opt[i] == IPOPT_NOP_) {
			i++;
			continue;
		}
		if (len - i < 2)
			break;
		olen = opt[i + 1];
		if (olen < 2 || olen > len - i)
			break;
		if (opt[i] & IPOPT_COPIED_) {
			memcpy(out + o, opt + i, olen);
			o += olen;
		}
		i += olen;
	}
	while (o & 3)
		out[o++] = IPOPT_EOL_;
	return o;
}
