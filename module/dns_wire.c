// SPDX-License-Identifier: GPL-2.0
/*
 * DNS message building and checking (RFC 1035 4.1, RFC 3596, RFC 2308 5,
 * RFC 5452 9.1, RFC 6762 5.1 and 6.7). Pure functions over a buffer and a
 * length: no allocation, no state, so that KUnit and libFuzzer run them
 * unchanged.
 *
 * Every read is bounded by the message length. The name reader refuses
 * the classes of AMNESIA:33 and NAME:WRECK: compression pointers that
 * loop, point forwards or out of the message, labels running past the
 * end, names over 255 bytes and the reserved label types 0x40 and 0x80.
 * Record counts are believed only as far as the message holds records.
 */
#include <linux/errno.h>
#include <linux/string.h>
#include <linux/types.h>

#include <tinyip/dns_wire.h>

#define DNS_F_QR	0x8000
#define DNS_F_OPCODE	0x7800
#define DNS_F_TC	0x0200
#define DNS_F_RD	0x0100
#define DNS_F_RCODE	0x000f
/* mDNS: the top bit of a record's class is cache-flush (RFC 6762 10.2). */
#define DNS_CLASS_MASK	0x7fff
#define DNS_QU		0x8000	/* RFC 6762 5.4: unicast response wanted */

static u16 get16(const u8 *p)
{
	return (u16)p[0] << 8 | p[1];
}

static u32 get32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static u32 min32(u32 a, u32 b)
{
	return a < b ? a : b;
}

static void put16(u8 *p, u16 v)
{
	p[0] = v >> 8;
	p[1] = v;
}

static bool dns_host_char(char c)
{
	/* RFC 952/1123 letters, digits and hyphen; '_' for service names. */
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	       (c >= '0' && c <= '9') || c == '-' || c == '_';
}

int tip_dns_name_to_wire(const char *name, u8 *out)
{
	unsigned int o = 0, lab = 0;
	size_t n = strnlen(name, TIP_DNS_TEXT_MAX + 2);
	size_t i;

	if (n && name[n - 1] == '.')
		n--;
	if (!n)
		return -EINVAL;
	if (n > TIP_DNS_TEXT_MAX)
		return -ENAMETOOLONG;
	for (i = 0; i <= n; i++) {
		if (i == n || name[i] == '.') {
			unsigned int l = o - lab;

			if (!l)
				return -EINVAL;
			if (l > TIP_DNS_LABEL_MAX)
				return -EINVAL;
			/* the label's length byte sits before its bytes */
			memmove(out + lab + 1, out + lab, l);
			out[lab] = l;
			o++;
			lab = o;
			continue;
		}
		if (!dns_host_char(name[i]))
			return -EINVAL;
		out[o++] = name[i];
	}
	out[o++] = 0;
	return o;
}

int tip_dns_build_query(u8 *buf, size_t size, u16 id, const u8 *qname,
			unsigned int qname_len, u16 qtype, bool qu)
{
	size_t len = TIP_DNS_HDR_LEN + qname_len + 4;

	if (size < len || qname_len > TIP_DNS_NAME_MAX)
		return -EMSGSIZE;
	memset(buf, 0, TIP_DNS_HDR_LEN);
	put16(buf, id);
	/* mDNS queries are not recursive (RFC 6762 18.4); DNS ones are. */
	put16(buf + 2, qu ? 0 : DNS_F_RD);
	put16(buf + 4, 1);
	memcpy(buf + TIP_DNS_HDR_LEN, qname, qname_len);
	put16(buf + TIP_DNS_HDR_LEN + qname_len, qtype);
	put16(buf + TIP_DNS_HDR_LEN + qname_len + 2,
	      TIP_DNS_CLASS_IN | (qu ? DNS_QU : 0));
	return len;
}

int tip_dns_read_name(const u8 *msg, size_t len, size_t *off, u8 *out)
{
	size_t p = *off, end = 0;
	/* Every jump must land before the lowest place read so far. */
	size_t low = p;
	unsigned int o = 0;
	bool jumped = false;

	for (;;) {
		u8 l;

		if (p >= len)
			return -TINYIP_DNS_STAT_REJ_NAME;
		l = msg[p];
		if ((l & 0xc0) == 0xc0) {
			size_t to;

			if (p + 1 >= len)
				return -TINYIP_DNS_STAT_REJ_POINTER;
			to = ((size_t)(l & 0x3f) << 8) | msg[p + 1];
			if (!jumped) {
				end = p + 2;
				jumped = true;
			}
			/* backwards only: no loop can form, no forward ref */
			if (to >= low || to < TIP_DNS_HDR_LEN)
				return -TINYIP_DNS_STAT_REJ_POINTER;
			p = to;
			low = to;
			continue;
		}
		if (l & 0xc0)	/* 0x40 and 0x80: reserved (RFC 6891 5) */
			return -TINYIP_DNS_STAT_REJ_NAME;
		if (p + 1 + l > len)
			return -TINYIP_DNS_STAT_REJ_NAME;
		if (o + 1 + l > TIP_DNS_NAME_MAX)
			return -TINYIP_DNS_STAT_REJ_NAME;
		memcpy(out + o, msg + p, 1 + l);
		o += 1 + l;
		p += 1 + l;
		if (!l)
			break;
	}
	*off = jumped ? end : p;
	return o;
}

static u8 dns_lower(u8 c)
{
	return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
}

bool tip_dns_name_eq(const u8 *a, unsigned int alen, const u8 *b,
		     unsigned int blen)
{
	unsigned int i;

	if (alen != blen)
		return false;
	/* Length bytes are below 64, so lowering them changes nothing. */
	for (i = 0; i < alen; i++)
		if (dns_lower(a[i]) != dns_lower(b[i]))
			return false;
	return true;
}

void tip_dns_name_to_text(const u8 *wire, char *out)
{
	unsigned int i = 0, o = 0;

	while (wire[i] && i < TIP_DNS_NAME_MAX) {
		unsigned int l = wire[i++];

		if (o)
			out[o++] = '.';
		while (l-- && o < TIP_DNS_TEXT_MAX)
			out[o++] = dns_lower(wire[i++]);
	}
	out[o] = 0;
}

/* A record's fixed part after its name (RFC 1035 4.1.3). */
struct dns_rr {
	u16 type;
	u16 class;
	u32 ttl;
	u16 rdlen;
	size_t rdata;		/* offset of the RDATA */
};

static int dns_read_rr(const u8 *msg, size_t len, size_t *off, u8 *name,
		       int *name_len, struct dns_rr *rr)
{
	size_t p = *off;
	int n = tip_dns_read_name(msg, len, &p, name);

	if (n < 0)
		return n;
	if (p + 10 > len)
		return -TINYIP_DNS_STAT_REJ_COUNT;
	rr->type = get16(msg + p);
	rr->class = get16(msg + p + 2);
	rr->ttl = get32(msg + p + 4);
	/* RFC 2181 8: a TTL with the top bit set is zero. */
	if (rr->ttl & 0x80000000)
		rr->ttl = 0;
	rr->rdlen = get16(msg + p + 8);
	rr->rdata = p + 10;
	if (rr->rdata + rr->rdlen > len)
		return -TINYIP_DNS_STAT_REJ_RDATA;
	*off = rr->rdata + rr->rdlen;
	*name_len = n;
	return 0;
}

/* One answer record: an address of the name asked for, or a CNAME. */
static int dns_use_answer(const u8 *msg, size_t len, const struct dns_rr *rr,
			  u16 qtype, u8 *target, unsigned int *target_len,
			  unsigned int *ncname, struct tip_dns_answer *ans)
{
	struct in6_addr *a;

	if (rr->type == TIP_DNS_TYPE_CNAME) {
		size_t p = rr->rdata;
		int n;

		if (++*ncname > TIP_DNS_MAX_CNAMES)
			return -TINYIP_DNS_STAT_REJ_RDATA;
		n = tip_dns_read_name(msg, len, &p, target);
		if (n < 0)
			return n;
		if (p != rr->rdata + rr->rdlen)
			return -TINYIP_DNS_STAT_REJ_RDATA;
		*target_len = n;
		ans->ttl = min32(ans->ttl, rr->ttl);
		return 0;
	}
	if (rr->type != qtype)
		return 0;
	if (rr->rdlen != (qtype == TIP_DNS_TYPE_A ? 4 : 16))
		return -TINYIP_DNS_STAT_REJ_RDATA;
	if (ans->naddr == TIP_DNS_MAX_ADDRS)
		return 0;
	a = &ans->addr[ans->naddr++];
	if (qtype == TIP_DNS_TYPE_A) {
		memset(a, 0, sizeof(*a));
		a->s6_addr[10] = 0xff;
		a->s6_addr[11] = 0xff;
		memcpy(&a->s6_addr[12], msg + rr->rdata, 4);
	} else {
		memcpy(a, msg + rr->rdata, 16);
	}
	ans->ttl = min32(ans->ttl, rr->ttl);
	return 0;
}

/* RFC 2308 5: a negative answer lives min(SOA TTL, SOA MINIMUM). */
static int dns_use_soa(const u8 *msg, size_t len, const struct dns_rr *rr,
		       struct tip_dns_answer *ans)
{
	u8 scratch[TIP_DNS_NAME_MAX];
	size_t p = rr->rdata;
	int n;

	n = tip_dns_read_name(msg, len, &p, scratch);	/* MNAME */
	if (n >= 0)
		n = tip_dns_read_name(msg, len, &p, scratch);	/* RNAME */
	if (n < 0)
		return n;
	if (p + 20 != rr->rdata + rr->rdlen)
		return -TINYIP_DNS_STAT_REJ_RDATA;
	ans->neg_ttl = min32(rr->ttl, get32(msg + p + 16) & 0x7fffffff);
	ans->has_soa = true;
	return 0;
}

int tip_dns_parse_response(const u8 *msg, size_t len, u16 id,
			   const u8 *qname, unsigned int qname_len, u16 qtype,
			   bool mdns, struct tip_dns_answer *ans)
{
	u8 name[TIP_DNS_NAME_MAX], target[TIP_DNS_NAME_MAX];
	unsigned int target_len = qname_len, ncname = 0, i;
	unsigned int qd, an, ns, ar;
	size_t off = TIP_DNS_HDR_LEN;
	u16 flags;
	int n, err;

	memset(ans, 0, sizeof(*ans));
	ans->ttl = ~0U;
	if (len < TIP_DNS_HDR_LEN)
		return -TINYIP_DNS_STAT_REJ_SHORT;
	flags = get16(msg + 2);
	if (!(flags & DNS_F_QR) || (flags & DNS_F_OPCODE))
		return -TINYIP_DNS_STAT_REJ_NOT_RESPONSE;
	ans->id = get16(msg);
	if (ans->id != id)
		return -TINYIP_DNS_STAT_REJ_ID;
	ans->rcode = flags & DNS_F_RCODE;
	ans->tc = flags & DNS_F_TC;
	qd = get16(msg + 4);
	an = get16(msg + 6);
	ns = get16(msg + 8);
	ar = get16(msg + 10);
	/*
	 * Each record takes at least 11 bytes (root name and fixed part), a
	 * question 5: counts the message cannot hold are refused outright.
	 */
	if (qd * 5 + (an + ns + ar) * 11 > len - TIP_DNS_HDR_LEN)
		return -TINYIP_DNS_STAT_REJ_COUNT;
	/* RFC 5452 9.1: the question must be the one asked, exactly. */
	if (qd > 1 || (!qd && !mdns))
		return -TINYIP_DNS_STAT_REJ_QUESTION;
	if (qd) {
		n = tip_dns_read_name(msg, len, &off, name);
		if (n < 0)
			return n;
		if (off + 4 > len)
			return -TINYIP_DNS_STAT_REJ_COUNT;
		if (!tip_dns_name_eq(name, n, qname, qname_len) ||
		    get16(msg + off) != qtype ||
		    (get16(msg + off + 2) & DNS_CLASS_MASK) != TIP_DNS_CLASS_IN)
			return -TINYIP_DNS_STAT_REJ_QUESTION;
		off += 4;
	}
	/* A truncated answer is only a reason to ask over TCP. */
	if (ans->tc)
		return 0;
	memcpy(target, qname, qname_len);
	for (i = 0; i < an + ns + ar; i++) {
		struct dns_rr rr;

		err = dns_read_rr(msg, len, &off, name, &n, &rr);
		if (err)
			return err;
		if ((rr.class & (mdns ? DNS_CLASS_MASK : 0xffff)) !=
		    TIP_DNS_CLASS_IN)
			continue;
		if (i < an) {
			/* Records about other names are not believed. */
			if (!tip_dns_name_eq(name, n, target, target_len))
				continue;
			err = dns_use_answer(msg, len, &rr, qtype, target,
					     &target_len, &ncname, ans);
		} else if (i < an + ns && rr.type == TIP_DNS_TYPE_SOA) {
			err = dns_use_soa(msg, len, &rr, ans);
		} else if (mdns && (rr.type == qtype || rr.type ==
			   TIP_DNS_TYPE_CNAME) &&
			   tip_dns_name_eq(name, n, target, target_len)) {
			/* mDNS may put the answer with the additional records */
			err = dns_use_answer(msg, len, &rr, qtype, target,
					     &target_len, &ncname, ans);
		}
		if (err)
			return err;
	}
	if (!ans->naddr)
		ans->ttl = 0;
	return 0;
}
