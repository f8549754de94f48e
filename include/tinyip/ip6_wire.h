/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv6 header as bytes: a validating parser of the fixed header
 * (RFC 8200 3) and a walker of the extension header chain (RFC 8200 4,
 * RFC 5095, RFC 6946, RFC 7112, RFC 8504 5.3). Pure functions over a
 * buffer and a length, with no tinyip state, so that KUnit and a fuzzer
 * can call them directly.
 */
#ifndef _TINYIP_IP6_WIRE_H
#define _TINYIP_IP6_WIRE_H

#include <linux/in6.h>
#include <linux/types.h>

#define TIP_IP6_HLEN		40	/* the fixed header */

/* A validated view of the fixed header (RFC 8200 3). */
struct tip_ip6_view {
	u16 payload_len;
	u8 nexthdr;
	u8 hop_limit;
	u8 tclass;
	u32 flowlabel;		/* host order, 20 bits */
	struct in6_addr saddr;
	struct in6_addr daddr;
};

/*
 * @buf holds @buflen readable bytes (at least 40 are needed) of a packet
 * that is @pktlen bytes long. Returns 0, or TINYIP_DROP_HDR when the version
 * is not 6, buflen < 40, or pktlen < 40 + payload_len. (payload_len 0 is
 * accepted: no jumbograms, RFC 2675 is not supported, the walker refuses a
 * Jumbo option.) Address sanity is the caller's job.
 */
int tip_ip6_wire_parse(const void *buf, unsigned int buflen,
		       unsigned int pktlen, struct tip_ip6_view *v);

/* Limits of one header chain (RFC 8504 5.3, RFC 7112). */
#define TIP_IP6_EXT_MAX		8	/* extension headers in one chain */
#define TIP_IP6_CHAIN_MAX	512	/* bytes of extension headers */
#define TIP_IP6_OPTS_MAX	8	/* non-padding options in one header */

/*
 * Where a walk ended (RFC 8200 4). For a fragment that is not the first
 * (TIP_IP6_WALK_FRAG with frag_offset != 0), proto/off/nh_off name what
 * follows the Fragment header, unwalked: it may well be another
 * extension header, to be walked after reassembly.
 */
struct tip_ip6_chain {
	u8 proto;		/* first non-extension header, or NEXTHDR_NONE */
	u16 off;		/* its offset from the start of the IPv6 header */
	u16 nh_off;		/* offset of the Next Header byte naming it */
	u16 frag_off;		/* offset of the fragment header; 0: none */
	u16 frag_nh_off;	/* offset of the Next Header byte naming it */
	u16 frag_offset;	/* fragment offset in bytes */
	bool frag_more;		/* M flag */
	__be32 frag_id;
	u8 nexthdrs;		/* extension headers walked */
	bool router_alert;	/* hop-by-hop Router Alert (RFC 2711) */
	u16 ra_value;
};

/*
 * The ICMPv6 Parameter Problem (RFC 4443 3.4) a walk asks the caller to
 * send. code: 0 erroneous field, 1 unknown next header, 2 unknown option,
 * 3 incomplete chain (RFC 7112). mcast_ok: send it even to a multicast
 * destination (option action 10, RFC 8200 4.2); otherwise RFC 4443 2.4 (e)
 * forbids that.
 */
struct tip_ip6_perr {
	u8 code;
	u32 pointer;		/* offset from the start of the IPv6 header */
	bool mcast_ok;
};

enum tip_ip6_walk {
	TIP_IP6_WALK_OK,	/* c->proto/off name the upper layer */
	TIP_IP6_WALK_DROP,	/* malformed or over a limit: drop silently */
	TIP_IP6_WALK_PERR,	/* drop, and send the Parameter Problem in *e */
	TIP_IP6_WALK_FRAG,	/* a fragment to reassemble; c->frag_* are set */
};

/*
 * Walks the chain that starts with the fixed header's Next Header in
 * @buf (the IPv6 header, @len bytes readable: the caller gives the whole
 * packet or at least 40 + TIP_IP6_CHAIN_MAX + 8 bytes of it).
 */
enum tip_ip6_walk tip_ip6_exthdr_walk(const u8 *buf, unsigned int len,
				      struct tip_ip6_chain *c,
				      struct tip_ip6_perr *e);

#endif /* _TINYIP_IP6_WIRE_H */
