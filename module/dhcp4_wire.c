// SPDX-License-Identifier: GPL-2.0
/*
 * DHCPv4 messages on the wire (RFC 2131 2, 4.1; options of RFC 2132 and
 * RFC 3442's neighbours left alone): a parser of server replies and a
 * builder of client messages, pure functions over a buffer and a length
 * so that tools/fuzz can run them on the host.
 *
 * The parser is where small stacks have had their DHCP bugs (option
 * lengths running past the buffer, zero-length options read as one byte,
 * overloaded sname/file fields parsed twice, unterminated strings), so
 * every option is checked against both its own minimum length and the
 * bytes left, strings are copied with their length and NUL-terminated,
 * and a missing END option makes the message invalid.
 */
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>

#include <tinyip/dhcp4.h>

#define OPT_PAD		0
#define OPT_SUBNET	1
#define OPT_ROUTER	3
#define OPT_DNS		6
#define OPT_HOSTNAME	12
#define OPT_DOMAIN	15
#define OPT_MTU		26
#define OPT_NTP		42
#define OPT_REQIP	50
#define OPT_LEASE	51
#define OPT_OVERLOAD	52
#define OPT_MSGTYPE	53
#define OPT_SERVER	54
#define OPT_PRL		55
#define OPT_MAXSIZE	57
#define OPT_T1		58
#define OPT_T2		59
#define OPT_CLIENTID	61
#define OPT_END		255

#define OFF_OP		0
#define OFF_HTYPE	1
#define OFF_HLEN	2
#define OFF_XID		4
#define OFF_SECS	8
#define OFF_FLAGS	10
#define OFF_CIADDR	12
#define OFF_YIADDR	16
#define OFF_CHADDR	28
#define OFF_SNAME	44
#define OFF_FILE	108
#define OFF_COOKIE	236

/*
 * Unaligned reads and writes by memcpy: the fuzz build on the host has
 * no asm/unaligned.h, and 6.12 moved it.
 */
static __be32 rd32(const u8 *p)
{
	__be32 v;

	memcpy(&v, p, 4);
	return v;
}

static void wr32(u8 *p, __be32 v)
{
	memcpy(p, &v, 4);
}

/* A netmask is contiguous ones (RFC 950); anything else is refused. */
static int tip_dhcp4_mask_len(__be32 mask)
{
	u32 m = be32_to_cpu(mask);
	int len = m ? 32 - __builtin_ctz(m) : 0;

	if (len && m != ~0U << (32 - len))
		return -EINVAL;
	return len;
}

/* Addresses of a list option: a multiple of 4 (RFC 2132 3.5), kept up to @max. */
static int tip_dhcp4_addrs(const u8 *p, u8 len, __be32 *out, u8 max,
			   u8 *n)
{
	u8 i;

	if (!len || len % 4)
		return -EINVAL;
	for (i = 0; i < len / 4 && *n < max; i++)
		out[(*n)++] = rd32(p + 4 * i);
	return 0;
}

static int tip_dhcp4_u32(const u8 *p, u8 len, u32 *val)
{
	if (len != 4)
		return -EINVAL;
	*val = be32_to_cpu(rd32(p));
	return 0;
}

/*
 * One option area (RFC 2131 4.1: options, then file, then sname when
 * overloaded). Options may repeat; RFC 3396 concatenation is not needed
 * for anything we read, so a later instance replaces an earlier one.
 * Returns 0 at END, -EINVAL for any malformed option or a missing END.
 */
static int tip_dhcp4_opts(const u8 *p, size_t len, struct tip_dhcp4_msg *m,
			  u8 *overload, bool main_area)
{
	struct tip_dhcp4_lease *l = &m->lease;
	size_t i = 0;
	u8 code, olen;
	int ret;

	while (i < len) {
		code = p[i++];
		if (code == OPT_PAD)
			continue;
		if (code == OPT_END)
			return 0;
		if (i >= len)
			return -EINVAL;
		olen = p[i++];
		if (olen > len - i)
			return -EINVAL;
		ret = 0;
		switch (code) {
		case OPT_SUBNET: {
			__be32 mask;

			if (olen != 4)
				return -EINVAL;
			mask = rd32(p + i);
			ret = tip_dhcp4_mask_len(mask);
			if (ret >= 0) {
				l->prefixlen = ret;
				ret = 0;
			}
			break;
		}
		case OPT_ROUTER:
			if (olen < 4 || olen % 4)
				return -EINVAL;
			l->router = rd32(p + i);
			break;
		case OPT_DNS:
			l->ndns = 0;
			ret = tip_dhcp4_addrs(p + i, olen, l->dns,
					      TIP_DHCP4_MAX_DNS, &l->ndns);
			break;
		case OPT_NTP:
			l->nntp = 0;
			ret = tip_dhcp4_addrs(p + i, olen, l->ntp,
					      TIP_DHCP4_MAX_NTP, &l->nntp);
			break;
		case OPT_DOMAIN: {
			size_t n = min_t(size_t, olen,
					 TIP_DHCP4_DOMAIN_MAX - 1);

			if (!olen)
				return -EINVAL;
			memcpy(l->domain, p + i, n);
			l->domain[n] = '\0';
			/* An embedded NUL ends the name (some servers pad). */
			break;
		}
		case OPT_MTU:
			if (olen != 2)
				return -EINVAL;
			l->mtu = (p[i] << 8) | p[i + 1];
			/* RFC 2132 5.1: 68 is the least legal value. */
			if (l->mtu < 68)
				return -EINVAL;
			break;
		case OPT_LEASE:
			ret = tip_dhcp4_u32(p + i, olen, &l->lease);
			break;
		case OPT_T1:
			ret = tip_dhcp4_u32(p + i, olen, &l->t1);
			break;
		case OPT_T2:
			ret = tip_dhcp4_u32(p + i, olen, &l->t2);
			break;
		case OPT_SERVER:
			if (olen != 4)
				return -EINVAL;
			l->server = rd32(p + i);
			break;
		case OPT_MSGTYPE:
			if (olen != 1 || !p[i] || p[i] > TIP_DHCPINFORM)
				return -EINVAL;
			m->type = p[i];
			break;
		case OPT_OVERLOAD:
			/* Only in the options field, and only 1..3. */
			if (!main_area || olen != 1 || !p[i] || p[i] > 3)
				return -EINVAL;
			*overload = p[i];
			break;
		default:
			break;
		}
		if (ret)
			return ret;
		i += olen;
	}
	/* RFC 2131 4.1: the options end with END; a truncated reply does not. */
	return -EINVAL;
}

/*
 * Validates a server's reply (BOOTREPLY, Ethernet hardware, the cookie,
 * a message type, options ending in END) into @m. Does not judge xid or
 * chaddr, which the caller knows. 0 or -EINVAL.
 */
int tip_dhcp4_parse(const u8 *buf, size_t len, struct tip_dhcp4_msg *m)
{
	u8 overload = 0;
	int ret;

	memset(m, 0, sizeof(*m));
	if (!buf || len < TIP_DHCP4_MIN_LEN)
		return -EINVAL;
	if (buf[OFF_OP] != 2 || buf[OFF_HTYPE] != 1 ||
	    buf[OFF_HLEN] != ETH_ALEN ||
	    be32_to_cpu(rd32(buf + OFF_COOKIE)) != TIP_DHCP4_COOKIE)
		return -EINVAL;
	m->op = buf[OFF_OP];
	m->xid = rd32(buf + OFF_XID);
	m->yiaddr = rd32(buf + OFF_YIADDR);
	memcpy(m->chaddr, buf + OFF_CHADDR, ETH_ALEN);

	ret = tip_dhcp4_opts(buf + TIP_DHCP4_MIN_LEN, len - TIP_DHCP4_MIN_LEN,
			     m, &overload, true);
	if (!ret && (overload & 1))
		ret = tip_dhcp4_opts(buf + OFF_FILE, OFF_COOKIE - OFF_FILE, m,
				     &overload, false);
	if (!ret && (overload & 2))
		ret = tip_dhcp4_opts(buf + OFF_SNAME, OFF_FILE - OFF_SNAME, m,
				     &overload, false);
	if (ret)
		return ret;
	if (!m->type)
		return -EINVAL;
	m->lease.addr = m->yiaddr;
	return 0;
}

static u8 *tip_dhcp4_put(u8 *p, u8 code, const void *data, u8 len)
{
	*p++ = code;
	*p++ = len;
	memcpy(p, data, len);
	return p + len;
}

/*
 * A client message (RFC 2131 table 5) into @buf: DISCOVER and REQUEST
 * carry the parameter request list, our maximum size, the host name and
 * the client identifier (RFC 2132 9.14: type 1 and the MAC). Returns its
 * length, or -ENOSPC when @size is too small.
 */
int tip_dhcp4_build(u8 *buf, size_t size, const struct tip_dhcp4_req *r)
{
	static const u8 prl[] = { OPT_SUBNET, OPT_ROUTER, OPT_DNS,
				  OPT_HOSTNAME, OPT_DOMAIN, OPT_MTU, OPT_NTP,
				  OPT_LEASE, OPT_T1, OPT_T2 };
	u8 cid[1 + ETH_ALEN];
	size_t hlen = 0;
	__be16 maxsize;
	u8 *p;

	if (r->hostname)
		hlen = strnlen(r->hostname, TIP_DHCP4_HOSTNAME_MAX);
	/* Fixed part, cookie, every option below and END. */
	if (size < TIP_DHCP4_MIN_LEN + 3 + 8 + 8 + 2 + sizeof(prl) + 4 +
		   2 + hlen + 2 + sizeof(cid) + 1)
		return -ENOSPC;
	memset(buf, 0, TIP_DHCP4_MIN_LEN);
	buf[OFF_OP] = 1;
	buf[OFF_HTYPE] = 1;
	buf[OFF_HLEN] = ETH_ALEN;
	wr32(buf + OFF_XID, r->xid);
	buf[OFF_SECS] = r->secs >> 8;
	buf[OFF_SECS + 1] = r->secs & 0xff;
	if (r->broadcast)
		buf[OFF_FLAGS] = 0x80;
	wr32(buf + OFF_CIADDR, r->ciaddr);
	memcpy(buf + OFF_CHADDR, r->chaddr, ETH_ALEN);
	wr32(buf + OFF_COOKIE, cpu_to_be32(TIP_DHCP4_COOKIE));

	p = buf + TIP_DHCP4_MIN_LEN;
	p = tip_dhcp4_put(p, OPT_MSGTYPE, &r->type, 1);
	cid[0] = 1;
	memcpy(cid + 1, r->chaddr, ETH_ALEN);
	p = tip_dhcp4_put(p, OPT_CLIENTID, cid, sizeof(cid));
	if (r->reqip)
		p = tip_dhcp4_put(p, OPT_REQIP, &r->reqip, 4);
	if (r->server)
		p = tip_dhcp4_put(p, OPT_SERVER, &r->server, 4);
	if (r->type == TIP_DHCPDISCOVER || r->type == TIP_DHCPREQUEST) {
		p = tip_dhcp4_put(p, OPT_PRL, prl, sizeof(prl));
		maxsize = htons(576);
		p = tip_dhcp4_put(p, OPT_MAXSIZE, &maxsize, 2);
		if (hlen)
			p = tip_dhcp4_put(p, OPT_HOSTNAME, r->hostname, hlen);
	}
	*p++ = OPT_END;
	return p - buf;
}
