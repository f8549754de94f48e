/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ICMPv6 Neighbor Discovery (RFC 4861 4, 6.1, 7.1, 8.1) and MLD (RFC 3810
 * 5, RFC 2710 3) messages as bytes, and the IPv6 interface identifiers
 * that address autoconfiguration needs (RFC 4291 2.5.1, RFC 7217 5,
 * RFC 5453). Pure functions over a buffer and a length, with no tinyip
 * state, so that KUnit and a fuzzer can call them directly.
 */
#ifndef _TINYIP_ND6_WIRE_H
#define _TINYIP_ND6_WIRE_H

#include <linux/if_ether.h>
#include <linux/in6.h>
#include <linux/siphash.h>
#include <linux/types.h>

#define TIP_ND_MAX_PREFIX	8	/* prefix options kept per RA */
#define TIP_ND_MAX_RDNSS	2	/* RDNSS options kept per RA */

/* Validated options of one ND message (RFC 4861 4.6). Pointers into the message. */
struct tip_nd_opts {
	const u8 *sllao;	/* ETH_ALEN bytes, or NULL */
	const u8 *tllao;
	const u8 *prefix[TIP_ND_MAX_PREFIX];	/* whole 32-byte Prefix Information options */
	unsigned int nprefix;
	u32 mtu;		/* 0: no MTU option */
	const u8 *rdnss[TIP_ND_MAX_RDNSS];	/* whole RDNSS options (RFC 8106) */
	unsigned int nrdnss;
	const u8 *nonce;	/* Nonce option data (RFC 3971 5.3.2, RFC 7527), or NULL */
	unsigned int nonce_len;
	const u8 *redir;	/* Redirected Header data, or NULL */
	unsigned int redir_len;
};

/*
 * Walks @len bytes of options. Returns 0, or -EINVAL for a zero-length
 * option or one that runs past the end (the whole message must then be
 * dropped, RFC 4861 4.6). A link-layer address option whose length is not
 * 1 (8 bytes: Ethernet) is ignored; a second one of the same kind is
 * ignored (the first counts); a Prefix Information option whose length is
 * not 4 or whose prefix length is over 128 is ignored; an MTU option whose
 * length is not 1 is ignored; an RDNSS option with length < 3 or even
 * length is ignored (RFC 8106 5.1); options past the kept maximum are
 * ignored; unknown options are skipped (RFC 4861 4.6).
 *
 * Of the MTU, Nonce and Redirected Header options, too, the first counts.
 * @nonce points at the bytes after the option's type and length (6 for an
 * 8-byte option); @redir at the IP header after the option's 8-byte
 * header, @redir_len bytes of it.
 */
int tip_nd_opts_parse(const u8 *opt, unsigned int len, struct tip_nd_opts *o);

/* NA flags (RFC 4861 4.4), as they sit in the first byte after the checksum. */
#define TIP_NA_F_ROUTER		0x80
#define TIP_NA_F_SOLICITED	0x40
#define TIP_NA_F_OVERRIDE	0x20
/* RA flags (RFC 4861 4.2) */
#define TIP_RA_F_MANAGED	0x80
#define TIP_RA_F_OTHER		0x40
/* Prefix Information flags (RFC 4861 4.6.2) */
#define TIP_PI_F_ONLINK		0x80
#define TIP_PI_F_AUTO		0x40

/* One parsed ND message. */
struct tip_nd_msg {
	u8 type;		/* NDISC_* ICMPv6 type */
	struct in6_addr target;	/* NS, NA, Redirect */
	struct in6_addr dest;	/* Redirect */
	u8 na_flags;		/* TIP_NA_F_* */
	u8 ra_hop_limit;	/* RA: 0 unspecified */
	u8 ra_flags;		/* TIP_RA_F_* (the whole byte: RFC 4191 too) */
	u16 ra_lifetime;	/* seconds */
	u32 ra_reachable;	/* ms, 0 unspecified */
	u32 ra_retrans;		/* ms, 0 unspecified */
	struct tip_nd_opts opts;
};

/*
 * Validates an RS, RA, NS, NA or Redirect whose ICMPv6 header is at @icmp
 * (@len bytes: the whole ICMPv6 message; the caller has checked the
 * ICMPv6 checksum) received with @hop_limit from @saddr to @daddr.
 * Returns 0 or -EINVAL. The checks are those of RFC 4861 6.1.1 (RS),
 * 6.1.2 (RA), 7.1.1 (NS), 7.1.2 (NA) and 8.1 (Redirect) that need no
 * state: hop limit 255, code 0, length at least the message's minimum
 * (RS 8, RA 16, NS 24, NA 24, Redirect 40), options valid; NS and NA
 * target not multicast; NS from :: only to a solicited-node multicast
 * address and without SLLAO; NA to a multicast address only with the S
 * flag clear; RA from a link-local source only; RS from :: without SLLAO;
 * Redirect from a link-local source, destination not multicast, target
 * link-local or equal to the destination. Any other type: -EINVAL.
 *
 * The solicited-node address an NS from :: must go to is the target's
 * own: a DAD probe sent anywhere else cannot be about the target.
 */
int tip_nd_parse(const u8 *icmp, unsigned int len, u8 hop_limit,
		 const struct in6_addr *saddr, const struct in6_addr *daddr,
		 struct tip_nd_msg *m);

/* Builders: each writes a whole ICMPv6 message with checksum 0 to @buf and returns its length. */
/* sllao/nonce (6 bytes) may be NULL */
unsigned int tip_nd_build_ns(u8 *buf, const struct in6_addr *target,
			     const u8 *sllao, const u8 *nonce);
unsigned int tip_nd_build_na(u8 *buf, const struct in6_addr *target,
			     u8 flags, const u8 *tllao);      /* tllao may be NULL */
unsigned int tip_nd_build_rs(u8 *buf, const u8 *sllao);        /* may be NULL */

/* The longest message tip_nd_build_ns/na/rs() write. */
#define TIP_ND_BUILD_MAX	40

struct tip_nd_prefix {
	struct in6_addr prefix;
	u8 len;
	u8 flags;		/* TIP_PI_F_* */
	u32 valid;		/* seconds, 0xffffffff infinite */
	u32 preferred;
};

struct tip_nd_ra {
	u8 hop_limit;
	u8 flags;		/* TIP_RA_F_* */
	u16 lifetime;		/* seconds */
	u32 reachable;		/* ms */
	u32 retrans;		/* ms */
	u32 mtu;		/* 0: no MTU option */
	const u8 *sllao;	/* may be NULL */
	unsigned int nprefix;
	const struct tip_nd_prefix *prefix;
};

/*
 * Returns 0 when it would not fit in @room bytes, or when a prefix length
 * is over 128. The bits of each prefix past its length are sent as zero
 * (RFC 4861 4.6.2).
 */
unsigned int tip_nd_build_ra(u8 *buf, unsigned int room, const struct tip_nd_ra *ra);

/* Parses a Prefix Information option kept by tip_nd_opts_parse(). */
void tip_nd_prefix_get(const u8 *opt, struct tip_nd_prefix *p);

/* The ICMPv6 checksum (RFC 4443 2.3) of @len bytes at @buf, with the pseudo-header. */
__sum16 tip_icmp6_csum(const struct in6_addr *saddr,
		       const struct in6_addr *daddr, const void *buf,
		       unsigned int len);

/* MLD (RFC 3810; RFC 2710 for version 1). */
struct tip_mld_query {
	bool v2;
	struct in6_addr group;	/* :: for a general query */
	u32 max_resp_ms;	/* decoded (RFC 3810 5.1.3) */
	bool s_flag;
	u8 qrv;
	u32 qqi;		/* seconds, decoded (5.1.9) */
	u16 nsrc;
	const u8 *srcs;		/* nsrc * 16 bytes */
};

/*
 * A query of @len bytes at @icmp: v1 when len == 24, v2 when len >= 28
 * and the sources fit; else -EINVAL (RFC 3810 8.1). Group must be :: or
 * multicast. The type must be 130; the code is ignored (RFC 3810 5.1.2),
 * and so are bytes past the sources (5.1.12).
 */
int tip_mld_parse_query(const u8 *icmp, unsigned int len, struct tip_mld_query *q);

/* One MLDv2 Multicast Address Record with no sources (RFC 3810 5.2.4). */
struct tip_mld2_rec {
	u8 type;		/* MLD2_MODE_IS_INCLUDE .. MLD2_BLOCK_OLD_SOURCES, 1..6 */
	struct in6_addr group;
};

/*
 * An MLDv2 Report (type 143) holding @n records; 0 when it would not fit
 * in @room, or a record type is not 1..6.
 */
unsigned int tip_mld2_build_report(u8 *buf, unsigned int room,
				   const struct tip_mld2_rec *recs, unsigned int n);

/* An MLDv1 Report (131) or Done (132) for @group (RFC 2710 3), 24 bytes; 0 for another @type. */
unsigned int tip_mld1_build(u8 *buf, u8 type, const struct in6_addr *group);

/* Interface identifiers. */
/* Modified EUI-64 from a MAC (RFC 4291 2.5.1, appendix A). */
void tip_ip6_eui64(u8 *iid, const u8 *mac);

/*
 * A stable, semantically opaque IID (RFC 7217 5): F(prefix, net_iface,
 * dad_counter, secret key) with siphash over the 64-bit prefix, the
 * net_iface bytes (e.g. the MAC) and the counter. An IID that RFC 5453
 * reserves (tip_ip6_iid_reserved()) is replaced by the next counter's.
 * Writes 8 bytes to @iid.
 */
void tip_ip6_stable_iid(u8 *iid, const struct in6_addr *prefix,
			const u8 *net_iface, unsigned int net_iface_len,
			u8 dad_counter, const siphash_key_t *key);

/*
 * True for the 8 bytes at @iid when the IANA registry that RFC 5453
 * created reserves them: all zero (subnet-router anycast), the whole
 * block mapped from the IANA Ethernet OUI, 0200:5EFF:FE00:0000 to
 * 0200:5EFF:FEFF:FFFF (5212 and below from RFC 5453, 5213 from RFC 6543,
 * the rest since), and FDFF:FFFF:FFFF:FF80-FFFF (RFC 2526 anycast).
 */
bool tip_ip6_iid_reserved(const u8 *iid);

#endif /* _TINYIP_ND6_WIRE_H */
