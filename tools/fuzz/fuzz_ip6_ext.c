// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of the IPv6 fixed header parser and the extension
 * header walker (module/ip6_wire.c; RFC 8200 3 and 4, RFC 5095, RFC 6946,
 * RFC 7112, RFC 8504 5.3). The input is a packet. Whatever the verdict,
 * every offset the walker returns must point into the packet, at the
 * byte it claims to name, within the chain limits.
 */
#include <linux/in6.h>

#include <linux/tinyip.h>
#include <tinyip/ip6_wire.h>

#include "fuzz.h"

static void fuzz_ip6_chain(const u8 *buf, size_t len, enum tip_ip6_walk ret,
			   const struct tip_ip6_chain *c,
			   const struct tip_ip6_perr *e)
{
	switch (ret) {
	case TIP_IP6_WALK_PERR:
		FUZZ_CHECK(e->code <= 3);
		FUZZ_CHECK(e->pointer < len);
		FUZZ_CHECK(e->code != 3 || e->pointer == 0);
		return;
	case TIP_IP6_WALK_DROP:
		return;
	case TIP_IP6_WALK_FRAG:
		FUZZ_CHECK(c->frag_off >= TIP_IP6_HLEN);
		FUZZ_CHECK(c->frag_off + 8 <= len);
		FUZZ_CHECK(c->frag_nh_off < c->frag_off);
		FUZZ_CHECK(buf[c->frag_nh_off] == IPPROTO_FRAGMENT);
		FUZZ_CHECK(c->frag_offset || c->frag_more);
		FUZZ_CHECK(!memcmp(&c->frag_id, buf + c->frag_off + 4, 4));
		if (c->frag_offset) {
			FUZZ_CHECK(c->off == c->frag_off + 8);
			FUZZ_CHECK(c->proto == buf[c->frag_off]);
			break;
		}
		FUZZ_CHECK(c->off > c->frag_off);
		/* RFC 7112: a first fragment holds the whole chain. */
		FUZZ_CHECK(c->proto == IPPROTO_NONE || c->off < len);
		break;
	case TIP_IP6_WALK_OK:
		FUZZ_CHECK(!c->frag_off);
		break;
	default:
		FUZZ_CHECK(0);
	}
	FUZZ_CHECK(c->off >= TIP_IP6_HLEN && c->off <= len);
	FUZZ_CHECK(c->off - TIP_IP6_HLEN <= TIP_IP6_CHAIN_MAX);
	FUZZ_CHECK(c->nexthdrs <= TIP_IP6_EXT_MAX);
	FUZZ_CHECK(c->nh_off < c->off);
	FUZZ_CHECK(buf[c->nh_off] == c->proto);
	FUZZ_CHECK(!c->nexthdrs == (c->off == TIP_IP6_HLEN));
	if (ret == TIP_IP6_WALK_OK)
		FUZZ_CHECK(c->proto != IPPROTO_HOPOPTS &&
			   c->proto != IPPROTO_ROUTING &&
			   c->proto != IPPROTO_FRAGMENT &&
			   c->proto != IPPROTO_DSTOPTS);
	FUZZ_CHECK(!c->router_alert || buf[6] == IPPROTO_HOPOPTS);
}

int FUZZ_ENTRY(const u8 *data, size_t size)
{
	struct tip_ip6_chain c, c2;
	struct tip_ip6_perr e, e2;
	struct tip_ip6_view v;
	enum tip_ip6_walk ret;

	if (!tip_ip6_wire_parse(data, size, size, &v)) {
		FUZZ_CHECK(size >= TIP_IP6_HLEN);
		FUZZ_CHECK(TIP_IP6_HLEN + v.payload_len <= size);
		FUZZ_CHECK(v.nexthdr == data[6] && v.hop_limit == data[7]);
		FUZZ_CHECK(v.flowlabel < 1 << 20);
		FUZZ_CHECK(!memcmp(&v.daddr, data + 24, 16));
	}

	ret = tip_ip6_exthdr_walk(data, size, &c, &e);
	FUZZ_CHECK(ret == tip_ip6_exthdr_walk(data, size, &c2, &e2));
	FUZZ_CHECK(!memcmp(&c, &c2, sizeof(c)) && !memcmp(&e, &e2, sizeof(e)));
	if (size < TIP_IP6_HLEN) {
		FUZZ_CHECK(ret == TIP_IP6_WALK_DROP);
		return 0;
	}
	fuzz_ip6_chain(data, size, ret, &c, &e);
	return 0;
}
