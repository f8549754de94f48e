// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the Neighbor Discovery and MLD message parsers
 * (module/nd6_wire.c; RFC 4861 4.6, 6.1, 7.1, 8.1, RFC 8106 5.1, RFC 3810
 * 5.1). The input is a hop limit byte, source and destination addresses
 * (16 bytes each) and the ICMPv6 message. Each pointer the option walk
 * keeps must lie, with the whole option it names, inside the message;
 * an accepted Router Advertisement, rebuilt from what was parsed, must
 * parse back to the same values.
 */
#include <linux/errno.h>
#include <linux/in6.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include <tinyip/nd6_wire.h>

#include "fuzz.h"

#define FUZZ_ND_PREFIX	33	/* hop limit, saddr, daddr */

/* @p .. @p + @n lies inside @buf .. @buf + @len. */
static bool fuzz_inside(const u8 *p, size_t n, const u8 *buf, size_t len)
{
	return p >= buf && p <= buf + len && n <= (size_t)(buf + len - p);
}

static void fuzz_nd_opts_check(const struct tip_nd_opts *o, const u8 *buf,
			       size_t len)
{
	unsigned int i;

	FUZZ_CHECK(!o->sllao || fuzz_inside(o->sllao, ETH_ALEN, buf, len));
	FUZZ_CHECK(!o->tllao || fuzz_inside(o->tllao, ETH_ALEN, buf, len));
	FUZZ_CHECK(o->nprefix <= TIP_ND_MAX_PREFIX);
	for (i = 0; i < o->nprefix; i++) {
		struct tip_nd_prefix p;

		FUZZ_CHECK(fuzz_inside(o->prefix[i], 32, buf, len));
		FUZZ_CHECK(o->prefix[i][0] == ND_OPT_PREFIX_INFO);
		tip_nd_prefix_get(o->prefix[i], &p);
		FUZZ_CHECK(p.len <= 128);
	}
	FUZZ_CHECK(o->nrdnss <= TIP_ND_MAX_RDNSS);
	for (i = 0; i < o->nrdnss; i++) {
		unsigned int units;

		FUZZ_CHECK(fuzz_inside(o->rdnss[i], 2, buf, len));
		units = o->rdnss[i][1];
		FUZZ_CHECK(units >= 3 && units % 2);
		FUZZ_CHECK(fuzz_inside(o->rdnss[i], units * 8, buf, len));
	}
	FUZZ_CHECK(!o->nonce || fuzz_inside(o->nonce, o->nonce_len, buf, len));
	FUZZ_CHECK(!o->redir || fuzz_inside(o->redir, o->redir_len, buf, len));
}

/* Build an RA from a parsed one and parse it back (RFC 4861 4.2, 4.6). */
static void fuzz_nd_ra_again(const struct tip_nd_msg *m,
			     const struct in6_addr *saddr,
			     const struct in6_addr *daddr)
{
	struct tip_nd_prefix pfx[TIP_ND_MAX_PREFIX];
	struct tip_nd_msg m2;
	struct tip_nd_ra ra;
	u8 buf[16 + 8 + 8 + TIP_ND_MAX_PREFIX * 32];
	unsigned int i, len;
	__sum16 sum;

	memset(&ra, 0, sizeof(ra));
	ra.hop_limit = m->ra_hop_limit;
	ra.flags = m->ra_flags;
	ra.lifetime = m->ra_lifetime;
	ra.reachable = m->ra_reachable;
	ra.retrans = m->ra_retrans;
	ra.mtu = m->opts.mtu;
	ra.sllao = m->opts.sllao;
	for (i = 0; i < m->opts.nprefix; i++)
		tip_nd_prefix_get(m->opts.prefix[i], &pfx[i]);
	ra.nprefix = m->opts.nprefix;
	ra.prefix = pfx;
	len = tip_nd_build_ra(buf, sizeof(buf), &ra);
	FUZZ_CHECK(len >= 16 && len <= sizeof(buf) && len % 8 == 0);
	FUZZ_CHECK(!tip_nd_parse(buf, len, 255, saddr, daddr, &m2));
	FUZZ_CHECK(m2.type == NDISC_ROUTER_ADVERTISEMENT);
	FUZZ_CHECK(m2.ra_lifetime == m->ra_lifetime &&
		   m2.ra_reachable == m->ra_reachable &&
		   m2.ra_retrans == m->ra_retrans &&
		   m2.ra_flags == m->ra_flags);
	FUZZ_CHECK(m2.opts.mtu == m->opts.mtu);
	FUZZ_CHECK(!m2.opts.sllao == !m->opts.sllao);
	FUZZ_CHECK(!m->opts.sllao ||
		   !memcmp(m2.opts.sllao, m->opts.sllao, ETH_ALEN));
	FUZZ_CHECK(m2.opts.nprefix == m->opts.nprefix);
	for (i = 0; i < m2.opts.nprefix; i++) {
		struct tip_nd_prefix p;
		struct in6_addr masked;

		tip_nd_prefix_get(m2.opts.prefix[i], &p);
		ipv6_addr_prefix(&masked, &pfx[i].prefix, pfx[i].len);
		FUZZ_CHECK(p.len == pfx[i].len && p.flags == pfx[i].flags &&
			   p.valid == pfx[i].valid &&
			   p.preferred == pfx[i].preferred &&
			   ipv6_addr_equal(&p.prefix, &masked));
	}
	/* The checksum makes the message sum to zero (RFC 4443 2.3). */
	buf[2] = 0;
	buf[3] = 0;
	sum = tip_icmp6_csum(saddr, daddr, buf, len);
	memcpy(buf + 2, &sum, sizeof(sum));
	FUZZ_CHECK(!tip_icmp6_csum(saddr, daddr, buf, len));
}

/*
 * What a host sends (NS, NA, RS; RFC 4861 4.1, 4.3, 4.4), built from the
 * input's target and parsed back by the receive checks; and the
 * interface identifiers of RFC 4291 2.5.1 and RFC 7217 5.
 */
static void fuzz_nd_build(const u8 *data, const struct in6_addr *target)
{
	static const siphash_key_t key = { { 1, 2 } };
	struct in6_addr ll, any, snma;
	u8 buf[TIP_ND_BUILD_MAX], iid[8], iid2[8];
	struct tip_nd_msg m;
	unsigned int len;

	memset(&ll, 0, sizeof(ll));
	ll.s6_addr[0] = 0xfe;
	ll.s6_addr[1] = 0x80;
	ll.s6_addr[15] = 1;
	memset(&any, 0, sizeof(any));
	memset(&snma, 0, sizeof(snma));
	snma.s6_addr[0] = 0xff;
	snma.s6_addr[1] = 0x02;
	snma.s6_addr[11] = 0x01;
	snma.s6_addr[12] = 0xff;
	memcpy(snma.s6_addr + 13, target->s6_addr + 13, 3);

	len = tip_nd_build_ns(buf, target, data[0] & 1 ? data : NULL,
			      data[0] & 2 ? data + 8 : NULL);
	FUZZ_CHECK(len <= sizeof(buf) && len % 8 == 0);
	FUZZ_CHECK(!tip_nd_parse(buf, len, 255, &ll, &snma, &m) ==
		   !ipv6_addr_is_multicast(target));
	/* A DAD probe: only without SLLAO (RFC 4862 5.4.2). */
	if (!ipv6_addr_is_multicast(target))
		FUZZ_CHECK(!tip_nd_parse(buf, len, 255, &any, &snma, &m) ==
			   !(data[0] & 1));

	len = tip_nd_build_na(buf, target, data[1], data[0] & 4 ? data : NULL);
	FUZZ_CHECK(len <= sizeof(buf) && len % 8 == 0);
	if (!tip_nd_parse(buf, len, 255, &ll, &ll, &m)) {
		FUZZ_CHECK(m.na_flags == (data[1] & 0xe0));
		FUZZ_CHECK(ipv6_addr_equal(&m.target, target));
		FUZZ_CHECK(!m.opts.tllao == !(data[0] & 4));
	} else {
		FUZZ_CHECK(ipv6_addr_is_multicast(target));
	}

	len = tip_nd_build_rs(buf, data[0] & 8 ? data : NULL);
	FUZZ_CHECK(!tip_nd_parse(buf, len, 255, &ll, &snma, &m));
	FUZZ_CHECK(!m.opts.sllao == !(data[0] & 8));

	len = tip_mld1_build(buf, data[1], target);
	FUZZ_CHECK(len == (data[1] == 131 || data[1] == 132 ? 24 : 0));

	/* RFC 5453: subnet-router anycast, the IANA OUI, RFC 2526 anycast. */
	FUZZ_CHECK(tip_ip6_iid_reserved(data + 3) ==
		   (!memcmp(data + 3, "\0\0\0\0\0\0\0\0", 8) ||
		    !memcmp(data + 3, "\x02\x00\x5e\xff\xfe", 5) ||
		    (!memcmp(data + 3, "\xfd\xff\xff\xff\xff\xff\xff", 7) &&
		     data[10] >= 0x80)));
	tip_ip6_eui64(iid, data);
	FUZZ_CHECK(iid[3] == 0xff && iid[4] == 0xfe);
	tip_ip6_stable_iid(iid, target, data, 16, data[2], &key);
	tip_ip6_stable_iid(iid2, target, data, 16, data[2], &key);
	FUZZ_CHECK(!memcmp(iid, iid2, 8) && !tip_ip6_iid_reserved(iid));
}

/* An MLDv2 Report of records taken from the input (RFC 3810 5.2). */
static void fuzz_mld2_build(const u8 *data, size_t size)
{
	struct tip_mld2_rec recs[8];
	u8 buf[8 + 8 * 20];
	unsigned int i, n = data[0] % 9, len, room = data[1] % sizeof(buf);
	bool bad = false;

	for (i = 0; i < n && 2 + i < size; i++) {
		recs[i].type = data[2 + i] % 8;
		bad |= recs[i].type < 1 || recs[i].type > 6;
		memset(&recs[i].group, data[2 + i], sizeof(recs[i].group));
	}
	n = i;
	len = tip_mld2_build_report(buf, room, recs, n);
	FUZZ_CHECK(len <= room);
	FUZZ_CHECK(len == (bad || 8 + n * 20 > room ? 0 : 8 + n * 20));
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct in6_addr saddr, daddr;
	struct tip_mld_query q;
	struct tip_nd_opts o;
	struct tip_nd_msg m;
	const u8 *icmp;
	size_t len;
	int ret;

	if (size < FUZZ_ND_PREFIX)
		return 0;
	memcpy(&saddr, data + 1, 16);
	memcpy(&daddr, data + 17, 16);
	icmp = data + FUZZ_ND_PREFIX;
	len = size - FUZZ_ND_PREFIX;
	fuzz_nd_build(data, &daddr);
	fuzz_mld2_build(data, size);

	/* The option walk alone, over every byte of the message. */
	if (!tip_nd_opts_parse(icmp, len, &o))
		fuzz_nd_opts_check(&o, icmp, len);

	ret = tip_nd_parse(icmp, len, data[0], &saddr, &daddr, &m);
	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	if (!ret) {
		FUZZ_CHECK(data[0] == 255 && icmp[1] == 0);
		FUZZ_CHECK(m.type == icmp[0]);
		FUZZ_CHECK(m.type >= NDISC_ROUTER_SOLICITATION &&
			   m.type <= NDISC_REDIRECT);
		fuzz_nd_opts_check(&m.opts, icmp, len);
		if (m.type == NDISC_NEIGHBOUR_SOLICITATION ||
		    m.type == NDISC_NEIGHBOUR_ADVERTISEMENT)
			FUZZ_CHECK(!ipv6_addr_is_multicast(&m.target));
		if (m.type == NDISC_ROUTER_ADVERTISEMENT)
			fuzz_nd_ra_again(&m, &saddr, &daddr);
	}

	ret = tip_mld_parse_query(icmp, len, &q);
	FUZZ_CHECK(ret == 0 || ret == -EINVAL);
	if (!ret) {
		FUZZ_CHECK(len == 24 || len >= 28);
		FUZZ_CHECK(q.v2 == (len != 24));
		FUZZ_CHECK(q.qrv <= 7);
		FUZZ_CHECK(!q.nsrc == !q.srcs);
		FUZZ_CHECK(!q.srcs || fuzz_inside(q.srcs, q.nsrc * 16, icmp, len));
	}
	return 0;
}
