/* SPDX-License-Identifier: GPL-2.0 */
/*
 * DNS messages (RFC 1035 4, RFC 3596 for AAAA, RFC 2308 for negative
 * answers, RFC 6762 for mDNS one-shot queries): building a query and
 * checking a response, as pure functions over (buffer, length) so that
 * KUnit and libFuzzer (tools/fuzz/fuzz_dns.c) run them as they are.
 */
#ifndef _TINYIP_DNS_WIRE_H
#define _TINYIP_DNS_WIRE_H

#include <linux/in6.h>
#include <linux/tinyip.h>
#include <linux/types.h>

#define TIP_DNS_HDR_LEN		12
#define TIP_DNS_NAME_MAX	255	/* wire form, root label included */
#define TIP_DNS_TEXT_MAX	253	/* text form, no final dot */
#define TIP_DNS_LABEL_MAX	63
/* Addresses one answer keeps: more are rare and would not be tried. */
#define TIP_DNS_MAX_ADDRS	8
/* A CNAME chain longer than this in one message is refused as a loop. */
#define TIP_DNS_MAX_CNAMES	8

#define TIP_DNS_TYPE_A		1
#define TIP_DNS_TYPE_CNAME	5
#define TIP_DNS_TYPE_SOA	6
#define TIP_DNS_TYPE_AAAA	28
#define TIP_DNS_CLASS_IN	1

#define TIP_DNS_RCODE_NOERROR	0
#define TIP_DNS_RCODE_SERVFAIL	2
#define TIP_DNS_RCODE_NXDOMAIN	3

/* What a valid response said about the question asked. */
struct tip_dns_answer {
	u16 id;
	u8 rcode;
	bool tc;			/* truncated: ask again over TCP */
	bool has_soa;			/* neg_ttl is from an SOA */
	unsigned int naddr;
	u32 ttl;			/* the smallest TTL of what was used */
	u32 neg_ttl;			/* RFC 2308 5: min(SOA TTL, MINIMUM) */
	struct in6_addr addr[TIP_DNS_MAX_ADDRS];	/* A as v4-mapped */
};

/*
 * The text name @name to its wire form in @out (TIP_DNS_NAME_MAX bytes):
 * its length, or -EINVAL (empty label, a label over 63 bytes, bytes other
 * than a host name's) or -ENAMETOOLONG. A final dot is allowed.
 */
int tip_dns_name_to_wire(const char *name, u8 *out);

/* A query for @qname (wire form) into @buf: its length or -EMSGSIZE. */
int tip_dns_build_query(u8 *buf, size_t size, u16 id, const u8 *qname,
			unsigned int qname_len, u16 qtype, bool qu);

/*
 * Checks the response @msg of @len bytes against the query (@id, @qname,
 * @qtype) and fills @ans. 0 for a usable response (whatever its rcode),
 * or the negative TINYIP_DNS_STAT_REJ_* class that refused it. @mdns
 * allows a response without the question (RFC 6762 6) and takes the
 * cache-flush bit out of the class.
 */
int tip_dns_parse_response(const u8 *msg, size_t len, u16 id,
			   const u8 *qname, unsigned int qname_len, u16 qtype,
			   bool mdns, struct tip_dns_answer *ans);

/*
 * Reads the (maybe compressed) name at @*off into @out in wire form,
 * uncompressed, and moves @*off past it. Pointers must point backwards
 * (no loop, no forward reference, RFC 1035 4.1.4 only ever points to a
 * prior occurrence) and inside the message; labels must fit. Returns the
 * name's length or the negative TINYIP_DNS_STAT_REJ_* class.
 */
int tip_dns_read_name(const u8 *msg, size_t len, size_t *off, u8 *out);

/* Case-insensitive equality of two wire names (RFC 4343). */
bool tip_dns_name_eq(const u8 *a, unsigned int alen, const u8 *b,
		     unsigned int blen);

/* The wire name @wire back to text in @out (TIP_DNS_TEXT_MAX + 1). */
void tip_dns_name_to_text(const u8 *wire, char *out);

#endif /* _TINYIP_DNS_WIRE_H */
