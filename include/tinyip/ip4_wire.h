/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The IPv4 header as bytes (RFC 791 3.1): a validating parser and the
 * option helpers that input, fragmentation and IGMP share. Pure functions
 * over a buffer and a length, with no tinyip state, so that KUnit and a
 * fuzzer can call them directly.
 */
#ifndef _TINYIP_IP4_WIRE_H
#define _TINYIP_IP4_WIRE_H

#include <linux/types.h>

/* What the parser found in the options (RFC 791 3.1, RFC 2113). */
#define TIP_IP4_OPT_SRR		BIT(0)	/* loose or strict source route */
#define TIP_IP4_OPT_RA		BIT(1)	/* router alert */

#define TIP_IP4_OPTLEN_MAX	40

/* A validated view of one IPv4 header. */
struct tip_ip4_view {
	u16 hlen;		/* header length in bytes, options included */
	u16 tot_len;		/* datagram length from the header */
	u16 frag_off;		/* fragment offset in bytes */
	bool mf;
	bool df;
	u8 tos;
	u8 ttl;
	u8 proto;
	u8 opt_flags;		/* TIP_IP4_OPT_* */
	__be16 id;
	__be32 saddr;
	__be32 daddr;
};

/*
 * Validates the header at @buf: @buflen bytes are readable there (at
 * least the whole header is needed) and the frame carrying it is
 * @pktlen bytes long. Returns 0, or TINYIP_DROP_HDR / TINYIP_DROP_CSUM.
 */
int tip_ip4_wire_parse(const void *buf, unsigned int buflen,
		       unsigned int pktlen, struct tip_ip4_view *v);

/* Walks @len bytes of options; 0 and TIP_IP4_OPT_* in @flags, or -EINVAL. */
int tip_ip4_opts_walk(const u8 *opt, unsigned int len, u8 *flags);

/*
 * Copies the options a fragment after the first must carry (RFC 791:
 * those with the copied flag) from @opt to @out (room for @len bytes),
 * padded to 4 bytes with End of Option List. Returns the new length.
 */
unsigned int tip_ip4_opts_for_frag(const u8 *opt, unsigned int len, u8 *out);

#endif /* _TINYIP_IP4_WIRE_H */
