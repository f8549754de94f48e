// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 fixed header validation (RFC 8200 3) and the extension header
 * walk (RFC 8200 4): Hop-by-Hop and Destination options (4.2, RFC 2711),
 * Routing without any routing type (4.4, RFC 5095), Fragment (4.5,
 * RFC 6946 atomic fragments, RFC 7112 whole chain in the first
 * fragment), under the limits of RFC 8504 5.3.
 *
 * The walk is where a small stack meets hostile input, so every header
 * length is checked against the bytes really there before anything past
 * its first two bytes is read, and the number of headers, their bytes
 * and the options in each are bounded: a chain cannot make us loop or
 * read beyond @len, however its lengths are chosen.
 */
#include <linux/string.h>

#include <linux/tinyip.h>
#include <tinyip/ip6_wire.h>

/* Option types (RFC 8200 4.2, RFC 2473 4.1.1, RFC 2711, RFC 2675). */
#define TIP_IP6_OPT_PAD1	0x00
#define TIP_IP6_OPT_PADN	0x01
#define TIP_IP6_OPT_RA		0x05
#define TIP_IP6_OPT_JUMBO	0xc2

/*
 * Padding exists only to align the next option or the header end to 8
 * bytes, so 7 bytes in a row is the most a sender needs; a longer run is
 * a covert channel or a way to make us scan, and Linux drops it too.
 */
#define TIP_IP6_PAD_MAX		7

#define TIP_IP6_FRAG_HLEN	8
#define TIP_IP6_FRAG_OFFSET	0xfff8	/* in the host-order frag_off word */
#define TIP_IP6_FRAG_MORE	0x0001

/* ICMPv6 Parameter Problem codes (RFC 4443 3.4, RFC 7112). */
#define TIP_IP6_PERR_FIELD	0
#define TIP_IP6_PERR_NEXTHDR	1
#define TIP_IP6_PERR_OPTION	2
#define TIP_IP6_PERR_INCOMPLETE	3

int tip_ip6_wire_parse(const void *buf, unsigned int buflen,
		       unsigned int pktlen, struct tip_ip6_view *v)
{
	const u8 *p = buf;
	unsigned int plen;

	if (buflen < TIP_IP6_HLEN || p[0] >> 4 != 6)
		return TINYIP_DROP_HDR;
	plen = p[4] << 8 | p[5];
	/* Link padding may follow the datagram; missing bytes may not. */
	if (pktlen < TIP_IP6_HLEN + plen)
		return TINYIP_DROP_HDR;

	v->payload_len = plen;
	v->nexthdr = p[6];
	v->hop_limit = p[7];
	v->tclass = (p[0] & 0x0f) << 4 | p[1] >> 4;
	v->flowlabel = (p[1] & 0x0f) << 16 | p[2] << 8 | p[3];
	memcpy(&v->saddr, p + 8, sizeof(v->saddr));
	memcpy(&v->daddr, p + 24, sizeof(v->daddr));
	return 0;
}

static enum tip_ip6_walk tip_ip6_perr(struct tip_ip6_perr *e, u8 code,
				      u32 pointer, bool mcast_ok)
{
	e->code = code;
	e->pointer = pointer;
	e->mcast_ok = mcast_ok;
	return TIP_IP6_WALK_PERR;
}

/* The action the two high bits of an unrecognised type ask for (4.2). */
static enum tip_ip6_walk tip_ip6_opt_unknown(u8 type, unsigned int at,
					     struct tip_ip6_perr *e)
{
	switch (type >> 6) {
	case 0:
		return TIP_IP6_WALK_OK;
	case 1:
		return TIP_IP6_WALK_DROP;
	case 2:
		return tip_ip6_perr(e, TIP_IP6_PERR_OPTION, at, true);
	default:
		return tip_ip6_perr(e, TIP_IP6_PERR_OPTION, at, false);
	}
}

/*
 * The options of the Hop-by-Hop (@hbh) or Destination Options header
 * at @buf[@off], @hlen bytes, all of them readable.
 */
static enum tip_ip6_walk tip_ip6_opts_walk(const u8 *buf, unsigned int off,
					   unsigned int hlen, bool hbh,
					   struct tip_ip6_chain *c,
					   struct tip_ip6_perr *e)
{
	unsigned int i = off + 2, end = off + hlen;
	unsigned int olen, pad = 0, nopts = 0;
	enum tip_ip6_walk ret;
	u8 type;

	while (i < end) {
		type = buf[i];
		if (type == TIP_IP6_OPT_PAD1) {
			if (++pad > TIP_IP6_PAD_MAX)
				return TIP_IP6_WALK_DROP;
			i++;
			continue;
		}
		/* The length byte, then the data, must be inside the header. */
		if (end - i < 2)
			return TIP_IP6_WALK_DROP;
		olen = buf[i + 1];
		if (olen > end - i - 2)
			return TIP_IP6_WALK_DROP;
		if (type == TIP_IP6_OPT_PADN) {
			pad += olen + 2;
			if (pad > TIP_IP6_PAD_MAX)
				return TIP_IP6_WALK_DROP;
			i += olen + 2;
			continue;
		}
		pad = 0;
		if (++nopts > TIP_IP6_OPTS_MAX)
			return TIP_IP6_WALK_DROP;

		/*
		 * RFC 2675 is not implemented: say so with the code and
		 * pointer RFC 2675 3 itself uses for a jumbogram refused.
		 */
		if (hbh && type == TIP_IP6_OPT_JUMBO)
			return tip_ip6_perr(e, TIP_IP6_PERR_FIELD, i, false);
		if (hbh && type == TIP_IP6_OPT_RA) {
			if (olen != 2)
				return tip_ip6_perr(e, TIP_IP6_PERR_FIELD, i + 1,
						    false);
			c->router_alert = true;
			c->ra_value = buf[i + 2] << 8 | buf[i + 3];
		} else {
			/*
			 * Router Alert and Jumbo mean nothing in Destination
			 * Options (their own action bits decide), and the
			 * Tunnel Encapsulation Limit (4) matters only to a
			 * tunnel entry point: its action bits, 00, skip it.
			 */
			ret = tip_ip6_opt_unknown(type, i, e);
			if (ret != TIP_IP6_WALK_OK)
				return ret;
		}
		i += olen + 2;
	}
	return TIP_IP6_WALK_OK;
}

static bool tip_ip6_is_exthdr(u8 nh)
{
	return nh == IPPROTO_HOPOPTS || nh == IPPROTO_ROUTING ||
	       nh == IPPROTO_FRAGMENT || nh == IPPROTO_DSTOPTS;
}

/*
 * A header that does not fit in what we were given. The caller gives the
 * whole packet or more than a chain within the limits can need, so this
 * is a packet that really ends here: in a first fragment that is the
 * incomplete chain of RFC 7112, which earns the sender a Parameter
 * Problem; anywhere else it is just a broken packet.
 */
static enum tip_ip6_walk tip_ip6_truncated(bool first_frag,
					   struct tip_ip6_perr *e)
{
	if (first_frag)
		return tip_ip6_perr(e, TIP_IP6_PERR_INCOMPLETE, 0, false);
	return TIP_IP6_WALK_DROP;
}

enum tip_ip6_walk tip_ip6_exthdr_walk(const u8 *buf, unsigned int len,
				      struct tip_ip6_chain *c,
				      struct tip_ip6_perr *e)
{
	unsigned int off = TIP_IP6_HLEN, nh_off = 6, hlen, fo;
	bool first_frag = false, seen_frag = false;
	enum tip_ip6_walk ret;
	u8 nh;

	memset(c, 0, sizeof(*c));
	memset(e, 0, sizeof(*e));
	if (len < TIP_IP6_HLEN)
		return TIP_IP6_WALK_DROP;

	/* Invariants: off <= len, and off - 40 <= TIP_IP6_CHAIN_MAX. */
	nh = buf[nh_off];
	while (tip_ip6_is_exthdr(nh)) {
		if (nh == IPPROTO_HOPOPTS && off != TIP_IP6_HLEN)
			return tip_ip6_perr(e, TIP_IP6_PERR_NEXTHDR, nh_off,
					    false);
		if (c->nexthdrs == TIP_IP6_EXT_MAX)
			return TIP_IP6_WALK_DROP;
		if (len - off < 2)
			return tip_ip6_truncated(first_frag, e);
		/* The Fragment header's length byte is a reserved field. */
		if (nh == IPPROTO_FRAGMENT)
			hlen = TIP_IP6_FRAG_HLEN;
		else
			hlen = (buf[off + 1] + 1) * 8;
		/* Over the limit is a drop even where the packet is cut. */
		if (off - TIP_IP6_HLEN + hlen > TIP_IP6_CHAIN_MAX)
			return TIP_IP6_WALK_DROP;
		if (hlen > len - off)
			return tip_ip6_truncated(first_frag, e);

		switch (nh) {
		case IPPROTO_HOPOPTS:
		case IPPROTO_DSTOPTS:
			ret = tip_ip6_opts_walk(buf, off, hlen,
						nh == IPPROTO_HOPOPTS, c, e);
			if (ret != TIP_IP6_WALK_OK)
				return ret;
			break;
		case IPPROTO_ROUTING:
			/*
			 * Segments Left 0: nothing to route, go on (4.4).
			 * Otherwise we would have to act on the routing type,
			 * and tinyip knows none (type 0 must never be acted
			 * on, RFC 5095 3).
			 */
			if (buf[off + 3])
				return tip_ip6_perr(e, TIP_IP6_PERR_FIELD,
						    off + 2, false);
			break;
		case IPPROTO_FRAGMENT:
			if (seen_frag)
				return TIP_IP6_WALK_DROP;
			seen_frag = true;
			fo = buf[off + 2] << 8 | buf[off + 3];
			/* Atomic (RFC 6946): a whole datagram, walk on. */
			if (!(fo & (TIP_IP6_FRAG_OFFSET | TIP_IP6_FRAG_MORE)))
				break;
			c->frag_off = off;
			c->frag_nh_off = nh_off;
			c->frag_offset = fo & TIP_IP6_FRAG_OFFSET;
			c->frag_more = fo & TIP_IP6_FRAG_MORE;
			memcpy(&c->frag_id, buf + off + 4, sizeof(c->frag_id));
			if (c->frag_offset) {
				/* The rest is reassembled, then walked. */
				c->nexthdrs++;
				c->proto = buf[off];
				c->off = off + hlen;
				c->nh_off = off;
				return TIP_IP6_WALK_FRAG;
			}
			first_frag = true;
			break;
		}
		c->nexthdrs++;
		nh_off = off;
		nh = buf[off];
		off += hlen;
	}

	c->proto = nh;
	c->off = off;
	c->nh_off = nh_off;
	if (!first_frag)
		return TIP_IP6_WALK_OK;
	/*
	 * RFC 7112 counts the upper-layer header in the chain. Its size is
	 * the upper layer's business, but a first fragment that ends right
	 * where it should begin is incomplete whatever that layer is.
	 */
	if (nh != IPPROTO_NONE && off >= len)
		return tip_ip6_truncated(true, e);
	return TIP_IP6_WALK_FRAG;
}
