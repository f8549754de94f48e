// SPDX-License-Identifier: GPL-2.0
/*
 * Neighbor Discovery and MLD messages as bytes: the stateless receive
 * checks of RFC 4861 6.1.1, 6.1.2, 7.1.1, 7.1.2 and 8.1, the option walk
 * of 4.6, the MLD query of RFC 3810 5.1 and 8.1, the builders of what
 * a host sends (NS, NA, RS, MLDv1 and MLDv2 reports) and of an RA, and
 * the interface identifiers of RFC 4291 2.5.1 and RFC 7217 5.
 *
 * The message may sit at any alignment inside a frame, so fields are read
 * and written a byte at a time and addresses are copied out before the
 * ipv6_addr_* helpers see them. Only header inlines and lib functions are
 * used: the ipv6 module may not be loaded, or not even built.
 */
#include <linux/errno.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/string.h>
#include <net/addrconf.h>
#include <net/ip6_checksum.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include <tinyip/nd6_wire.h>

/* Minimum ICMPv6 lengths of each message, header included (RFC 4861 4). */
#define TIP_RS_LEN	8
#define TIP_RA_LEN	16
#define TIP_NS_LEN	24
#define TIP_NA_LEN	24
#define TIP_RD_LEN	40

#define TIP_PI_LEN	32	/* Prefix Information option (4.6.2) */
#define TIP_RH_HDR	8	/* Redirected Header: type, length, 6 reserved */
#define TIP_RDNSS_MIN	3	/* RDNSS: 8-byte header and one address */

/*
 * RFC 3810 5.1.3 and 5.1.9 floating-point codes: <net/mld.h> has them but
 * trips sparse on its flexible-array structs, so they are spelt out here.
 */
#define MLDV2_MRC_EXP(value)	(((value) >> 12) & 0x0007)
#define MLDV2_MRC_MAN(value)	((value) & 0x0fff)
#define MLDV2_QQIC_EXP(value)	(((value) >> 4) & 0x07)
#define MLDV2_QQIC_MAN(value)	((value) & 0x0f)

#define TIP_MLD1_LEN	24	/* RFC 2710 3 */
#define TIP_MLD2Q_LEN	28	/* RFC 3810 5.1 */
#define TIP_MLD2R_HDR	8	/* RFC 3810 5.2 */
#define TIP_MLD2_REC	20	/* a record with no sources or aux data */

static u16 tip_get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 tip_get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void tip_put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static void tip_put32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

/* fe80::/10. ipv6_addr_type() is out of line, in code a kernel without IPv6 lacks. */
static bool tip_ip6_linklocal(const struct in6_addr *a)
{
	return (a->s6_addr32[0] & htonl(0xffc00000)) == htonl(0xfe800000);
}

int tip_nd_opts_parse(const u8 *opt, unsigned int len, struct tip_nd_opts *o)
{
	unsigned int i = 0, units, olen;

	memset(o, 0, sizeof(*o));
	while (i < len) {
		if (len - i < 2)
			return -EINVAL;
		units = opt[i + 1];
		olen = units * 8;
		/* A zero length would loop forever (RFC 4861 4.6). */
		if (!olen || olen > len - i)
			return -EINVAL;

		switch (opt[i]) {
		case ND_OPT_SOURCE_LL_ADDR:
			if (units == 1 && !o->sllao)
				o->sllao = opt + i + 2;
			break;
		case ND_OPT_TARGET_LL_ADDR:
			if (units == 1 && !o->tllao)
				o->tllao = opt + i + 2;
			break;
		case ND_OPT_PREFIX_INFO:
			if (units == TIP_PI_LEN / 8 && opt[i + 2] <= 128 &&
			    o->nprefix < TIP_ND_MAX_PREFIX)
				o->prefix[o->nprefix++] = opt + i;
			break;
		case ND_OPT_MTU:
			if (units == 1 && !o->mtu)
				o->mtu = tip_get32(opt + i + 4);
			break;
		case ND_OPT_RDNSS:
			/* One 8-byte header, then 16-byte addresses (RFC 8106 5.1). */
			if (units >= TIP_RDNSS_MIN && units % 2 &&
			    o->nrdnss < TIP_ND_MAX_RDNSS)
				o->rdnss[o->nrdnss++] = opt + i;
			break;
		case ND_OPT_NONCE:
			if (!o->nonce) {
				o->nonce = opt + i + 2;
				o->nonce_len = olen - 2;
			}
			break;
		case ND_OPT_REDIRECT_HDR:
			if (!o->redir) {
				o->redir = opt + i + TIP_RH_HDR;
				o->redir_len = olen - TIP_RH_HDR;
			}
			break;
		default:
			break;
		}
		i += olen;
	}
	return 0;
}

/* RS (RFC 4861 6.1.1): from :: it must carry no SLLAO. */
static int tip_nd_parse_rs(const struct in6_addr *saddr, struct tip_nd_msg *m)
{
	if (ipv6_addr_any(saddr) && m->opts.sllao)
		return -EINVAL;
	return 0;
}

/* RA (RFC 4861 6.1.2): only a router's link-local address may send it. */
static int tip_nd_parse_ra(const u8 *icmp, const struct in6_addr *saddr,
			   struct tip_nd_msg *m)
{
	if (!tip_ip6_linklocal(saddr))
		return -EINVAL;
	m->ra_hop_limit = icmp[4];
	m->ra_flags = icmp[5];
	m->ra_lifetime = tip_get16(icmp + 6);
	m->ra_reachable = tip_get32(icmp + 8);
	m->ra_retrans = tip_get32(icmp + 12);
	return 0;
}

/* NS (RFC 4861 7.1.1). */
static int tip_nd_parse_ns(const struct in6_addr *saddr,
			   const struct in6_addr *daddr, struct tip_nd_msg *m)
{
	struct in6_addr snma;

	if (ipv6_addr_is_multicast(&m->target))
		return -EINVAL;
	if (ipv6_addr_any(saddr)) {
		/*
		 * DAD: nobody owns an address yet to answer to, so the probe
		 * goes to the target's group and carries no SLLAO that a
		 * neighbour cache could learn.
		 */
		addrconf_addr_solict_mult(&m->target, &snma);
		if (!ipv6_addr_equal(daddr, &snma) || m->opts.sllao)
			return -EINVAL;
	}
	return 0;
}

/* NA (RFC 4861 7.1.2). */
static int tip_nd_parse_na(const u8 *icmp, const struct in6_addr *daddr,
			   struct tip_nd_msg *m)
{
	if (ipv6_addr_is_multicast(&m->target))
		return -EINVAL;
	m->na_flags = icmp[4] & (TIP_NA_F_ROUTER | TIP_NA_F_SOLICITED |
				 TIP_NA_F_OVERRIDE);
	/* A solicited answer goes to the one who asked, never to a group. */
	if (ipv6_addr_is_multicast(daddr) && (m->na_flags & TIP_NA_F_SOLICITED))
		return -EINVAL;
	return 0;
}

/* Redirect (RFC 4861 8.1), save the first-hop router check: that needs state. */
static int tip_nd_parse_redirect(const u8 *icmp, const struct in6_addr *saddr,
				 struct tip_nd_msg *m)
{
	if (!tip_ip6_linklocal(saddr))
		return -EINVAL;
	memcpy(&m->dest, icmp + 24, sizeof(m->dest));
	if (ipv6_addr_is_multicast(&m->dest))
		return -EINVAL;
	if (!tip_ip6_linklocal(&m->target) &&
	    !ipv6_addr_equal(&m->target, &m->dest))
		return -EINVAL;
	return 0;
}

int tip_nd_parse(const u8 *icmp, unsigned int len, u8 hop_limit,
		 const struct in6_addr *saddr, const struct in6_addr *daddr,
		 struct tip_nd_msg *m)
{
	unsigned int min;

	memset(m, 0, sizeof(*m));
	if (len < 4)
		return -EINVAL;
	switch (icmp[0]) {
	case NDISC_ROUTER_SOLICITATION:
		min = TIP_RS_LEN;
		break;
	case NDISC_ROUTER_ADVERTISEMENT:
		min = TIP_RA_LEN;
		break;
	case NDISC_NEIGHBOUR_SOLICITATION:
		min = TIP_NS_LEN;
		break;
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		min = TIP_NA_LEN;
		break;
	case NDISC_REDIRECT:
		min = TIP_RD_LEN;
		break;
	default:
		return -EINVAL;
	}
	/* 255 proves the sender is on the link: no router decremented it. */
	if (hop_limit != 255 || icmp[1] != 0 || len < min)
		return -EINVAL;
	if (tip_nd_opts_parse(icmp + min, len - min, &m->opts))
		return -EINVAL;
	m->type = icmp[0];
	if (min >= TIP_NS_LEN)
		memcpy(&m->target, icmp + 8, sizeof(m->target));

	switch (m->type) {
	case NDISC_ROUTER_SOLICITATION:
		return tip_nd_parse_rs(saddr, m);
	case NDISC_ROUTER_ADVERTISEMENT:
		return tip_nd_parse_ra(icmp, saddr, m);
	case NDISC_NEIGHBOUR_SOLICITATION:
		return tip_nd_parse_ns(saddr, daddr, m);
	case NDISC_NEIGHBOUR_ADVERTISEMENT:
		return tip_nd_parse_na(icmp, daddr, m);
	default:
		return tip_nd_parse_redirect(icmp, saddr, m);
	}
}

/* The ICMPv6 header with code, checksum and the next 4 bytes zero. */
static void tip_icmp6_hdr(u8 *buf, u8 type)
{
	memset(buf, 0, 8);
	buf[0] = type;
}

/* An Ethernet link-layer address option (RFC 4861 4.6.1): 8 bytes. */
static unsigned int tip_nd_put_lladdr(u8 *p, u8 type, const u8 *mac)
{
	p[0] = type;
	p[1] = 1;
	memcpy(p + 2, mac, ETH_ALEN);
	return 8;
}

unsigned int tip_nd_build_ns(u8 *buf, const struct in6_addr *target,
			     const u8 *sllao, const u8 *nonce)
{
	unsigned int len = TIP_NS_LEN;

	tip_icmp6_hdr(buf, NDISC_NEIGHBOUR_SOLICITATION);
	memcpy(buf + 8, target, sizeof(*target));
	if (sllao)
		len += tip_nd_put_lladdr(buf + len, ND_OPT_SOURCE_LL_ADDR, sllao);
	if (nonce) {
		/* RFC 7527 4.1: a 6-byte nonce fills one 8-byte option. */
		buf[len] = ND_OPT_NONCE;
		buf[len + 1] = 1;
		memcpy(buf + len + 2, nonce, 6);
		len += 8;
	}
	return len;
}

unsigned int tip_nd_build_na(u8 *buf, const struct in6_addr *target,
			     u8 flags, const u8 *tllao)
{
	unsigned int len = TIP_NA_LEN;

	tip_icmp6_hdr(buf, NDISC_NEIGHBOUR_ADVERTISEMENT);
	buf[4] = flags & (TIP_NA_F_ROUTER | TIP_NA_F_SOLICITED |
			  TIP_NA_F_OVERRIDE);
	memcpy(buf + 8, target, sizeof(*target));
	if (tllao)
		len += tip_nd_put_lladdr(buf + len, ND_OPT_TARGET_LL_ADDR, tllao);
	return len;
}

unsigned int tip_nd_build_rs(u8 *buf, const u8 *sllao)
{
	unsigned int len = TIP_RS_LEN;

	tip_icmp6_hdr(buf, NDISC_ROUTER_SOLICITATION);
	if (sllao)
		len += tip_nd_put_lladdr(buf + len, ND_OPT_SOURCE_LL_ADDR, sllao);
	return len;
}

static void tip_nd_put_prefix(u8 *p, const struct tip_nd_prefix *pfx)
{
	struct in6_addr masked;

	p[0] = ND_OPT_PREFIX_INFO;
	p[1] = TIP_PI_LEN / 8;
	p[2] = pfx->len;
	p[3] = pfx->flags;
	tip_put32(p + 4, pfx->valid);
	tip_put32(p + 8, pfx->preferred);
	memset(p + 12, 0, 4);
	/* RFC 4861 4.6.2: the bits past the prefix length are sent as 0. */
	ipv6_addr_prefix(&masked, &pfx->prefix, pfx->len);
	memcpy(p + 16, &masked, sizeof(masked));
}

unsigned int tip_nd_build_ra(u8 *buf, unsigned int room, const struct tip_nd_ra *ra)
{
	unsigned int len = TIP_RA_LEN, i;

	if (ra->sllao)
		len += 8;
	if (ra->mtu)
		len += 8;
	/* Divide rather than multiply so that no nprefix can wrap the sum. */
	if (room < len || ra->nprefix > (room - len) / TIP_PI_LEN)
		return 0;
	for (i = 0; i < ra->nprefix; i++)
		if (ra->prefix[i].len > 128)
			return 0;

	tip_icmp6_hdr(buf, NDISC_ROUTER_ADVERTISEMENT);
	buf[4] = ra->hop_limit;
	buf[5] = ra->flags;
	tip_put16(buf + 6, ra->lifetime);
	tip_put32(buf + 8, ra->reachable);
	tip_put32(buf + 12, ra->retrans);
	len = TIP_RA_LEN;
	if (ra->sllao)
		len += tip_nd_put_lladdr(buf + len, ND_OPT_SOURCE_LL_ADDR,
					 ra->sllao);
	if (ra->mtu) {
		buf[len] = ND_OPT_MTU;
		buf[len + 1] = 1;
		buf[len + 2] = 0;
		buf[len + 3] = 0;
		tip_put32(buf + len + 4, ra->mtu);
		len += 8;
	}
	for (i = 0; i < ra->nprefix; i++) {
		tip_nd_put_prefix(buf + len, &ra->prefix[i]);
		len += TIP_PI_LEN;
	}
	return len;
}

void tip_nd_prefix_get(const u8 *opt, struct tip_nd_prefix *p)
{
	p->len = opt[2];
	p->flags = opt[3];
	p->valid = tip_get32(opt + 4);
	p->preferred = tip_get32(opt + 8);
	memcpy(&p->prefix, opt + 16, sizeof(p->prefix));
}

__sum16 tip_icmp6_csum(const struct in6_addr *saddr,
		       const struct in6_addr *daddr, const void *buf,
		       unsigned int len)
{
	return csum_ipv6_magic(saddr, daddr, len, IPPROTO_ICMPV6,
			       csum_partial(buf, len, 0));
}

/* RFC 3810 5.1.3: 0x8000 and above is 1|exp(3)|mant(12). */
static u32 tip_mld_mrc_ms(u16 mrc)
{
	if (mrc < 0x8000)
		return mrc;
	return (MLDV2_MRC_MAN(mrc) | 0x1000U) << (MLDV2_MRC_EXP(mrc) + 3);
}

/* RFC 3810 5.1.9: 128 and above is 1|exp(3)|mant(4). */
static u32 tip_mld_qqi_s(u8 qqic)
{
	if (qqic < 0x80)
		return qqic;
	return (MLDV2_QQIC_MAN(qqic) | 0x10U) << (MLDV2_QQIC_EXP(qqic) + 3);
}

int tip_mld_parse_query(const u8 *icmp, unsigned int len, struct tip_mld_query *q)
{
	unsigned int nsrc;

	memset(q, 0, sizeof(*q));
	/* RFC 3810 8.1: 25 to 27 bytes is neither version. */
	if (len != TIP_MLD1_LEN && len < TIP_MLD2Q_LEN)
		return -EINVAL;
	if (icmp[0] != ICMPV6_MGM_QUERY)
		return -EINVAL;
	memcpy(&q->group, icmp + 8, sizeof(q->group));
	if (!ipv6_addr_any(&q->group) && !ipv6_addr_is_multicast(&q->group))
		return -EINVAL;

	if (len == TIP_MLD1_LEN) {
		/* RFC 2710 3.4: plain milliseconds. */
		q->max_resp_ms = tip_get16(icmp + 4);
		return 0;
	}
	nsrc = tip_get16(icmp + 26);
	if (nsrc > (len - TIP_MLD2Q_LEN) / sizeof(struct in6_addr))
		return -EINVAL;
	q->v2 = true;
	q->max_resp_ms = tip_mld_mrc_ms(tip_get16(icmp + 4));
	q->s_flag = !!(icmp[24] & 0x08);
	q->qrv = icmp[24] & 0x07;
	q->qqi = tip_mld_qqi_s(icmp[25]);
	q->nsrc = nsrc;
	q->srcs = nsrc ? icmp + TIP_MLD2Q_LEN : NULL;
	return 0;
}

unsigned int tip_mld2_build_report(u8 *buf, unsigned int room,
				   const struct tip_mld2_rec *recs, unsigned int n)
{
	unsigned int i, len;

	if (n > U16_MAX || room < TIP_MLD2R_HDR ||
	    n > (room - TIP_MLD2R_HDR) / TIP_MLD2_REC)
		return 0;
	for (i = 0; i < n; i++)
		if (recs[i].type < MLD2_MODE_IS_INCLUDE ||
		    recs[i].type > MLD2_BLOCK_OLD_SOURCES)
			return 0;

	tip_icmp6_hdr(buf, ICMPV6_MLD2_REPORT);
	tip_put16(buf + 6, n);
	len = TIP_MLD2R_HDR;
	for (i = 0; i < n; i++) {
		buf[len] = recs[i].type;
		buf[len + 1] = 0;	/* aux data length */
		tip_put16(buf + len + 2, 0);
		memcpy(buf + len + 4, &recs[i].group, sizeof(recs[i].group));
		len += TIP_MLD2_REC;
	}
	return len;
}

unsigned int tip_mld1_build(u8 *buf, u8 type, const struct in6_addr *group)
{
	if (type != ICMPV6_MGM_REPORT && type != ICMPV6_MGM_REDUCTION)
		return 0;
	tip_icmp6_hdr(buf, type);
	memcpy(buf + 8, group, sizeof(*group));
	return TIP_MLD1_LEN;
}

void tip_ip6_eui64(u8 *iid, const u8 *mac)
{
	/* Invert the universal/local bit: "modified" EUI-64 (appendix A). */
	iid[0] = mac[0] ^ 0x02;
	iid[1] = mac[1];
	iid[2] = mac[2];
	iid[3] = 0xff;
	iid[4] = 0xfe;
	iid[5] = mac[3];
	iid[6] = mac[4];
	iid[7] = mac[5];
}

bool tip_ip6_iid_reserved(const u8 *iid)
{
	static const u8 zero[8];
	static const u8 ianaeth[5] = { 0x02, 0x00, 0x5e, 0xff, 0xfe };
	static const u8 anycast[7] = { 0xfd, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff };

	if (!memcmp(iid, zero, sizeof(zero)))
		return true;
	if (!memcmp(iid, ianaeth, sizeof(ianaeth)))
		return true;
	return !memcmp(iid, anycast, sizeof(anycast)) && iid[7] >= 0x80;
}

void tip_ip6_stable_iid(u8 *iid, const struct in6_addr *prefix,
			const u8 *net_iface, unsigned int net_iface_len,
			u8 dad_counter, const siphash_key_t *key)
{
	unsigned int counter = dad_counter;
	u64 pfx, iface, h;
	int i;

	/* Only the 64-bit prefix counts: the rest is the IID being made. */
	pfx = (u64)tip_get32(prefix->s6_addr) << 32 |
	      tip_get32(prefix->s6_addr + 4);
	/*
	 * siphash() has no streaming form, so the variable-length net_iface
	 * is first reduced to a 64-bit digest under the same key, and goes
	 * in with the fixed-size inputs: the result is still a keyed
	 * function of every input byte, unguessable without the key.
	 */
	iface = siphash(net_iface, net_iface_len, key);
	/*
	 * A reserved result comes once in about 2^57 tries, so the next
	 * counter ends the loop; the counter is wider than a u8 so that it
	 * cannot wrap back to where it started.
	 */
	do {
		h = siphash_3u64(pfx, iface, counter++, key);
		for (i = 7; i >= 0; i--, h >>= 8)
			iid[i] = h;
	} while (tip_ip6_iid_reserved(iid));
}
