// SPDX-License-Identifier: GPL-2.0
/*
 * The IPv4 route list as a data structure: kept sorted so that a linear
 * walk meets the longest prefix first and, among equal prefixes, the
 * lowest metric first (RFC 1812 5.2.4.3: longest match, then metric).
 * A tinyip instance holds a handful of routes, so a sorted list beats a
 * trie on size and clarity. No locking or instance state here: the
 * callers in ip4_route.c hold tn->lock, KUnit holds nothing.
 */
#include <linux/list.h>

#include <tinyip/ip4.h>
#include "ip4_local.h"

/* True when @a must come before @b in the list. */
static bool tip_fib4_before(const struct tip_rt4 *a, const struct tip_rt4 *b)
{
	if (a->prefixlen != b->prefixlen)
		return a->prefixlen > b->prefixlen;
	return a->metric < b->metric;
}

void tip_fib4_insert(struct list_head *table, struct tip_rt4 *rt)
{
	struct tip_rt4 *cur;

	list_for_each_entry(cur, table, list) {
		if (tip_fib4_before(rt, cur)) {
			list_add_tail(&rt->list, &cur->list);
			return;
		}
	}
	list_add_tail(&rt->list, table);
}

/* The key iproute2 users expect to be unique: prefix and metric. */
struct tip_rt4 *tip_fib4_find(struct list_head *table, __be32 dst,
			      u8 prefixlen, u32 metric)
{
	struct tip_rt4 *rt;

	list_for_each_entry(rt, table, list)
		if (rt->dst == dst && rt->prefixlen == prefixlen &&
		    rt->metric == metric)
			return rt;
	return NULL;
}

/* For deletion: zero @gw, NULL @ifp and zero @metric match anything. */
struct tip_rt4 *tip_fib4_match(struct list_head *table, __be32 dst,
			       u8 prefixlen, __be32 gw,
			       const struct tip_if *ifp, u32 metric)
{
	struct tip_rt4 *rt;

	list_for_each_entry(rt, table, list) {
		if (rt->dst != dst || rt->prefixlen != prefixlen)
			continue;
		if (gw && rt->gw != gw)
			continue;
		if (ifp && rt->ifp != ifp)
			continue;
		if (metric && rt->metric != metric)
			continue;
		return rt;
	}
	return NULL;
}

struct tip_rt4 *tip_fib4_lookup(struct list_head *table, __be32 dst,
				bool (*usable)(const struct tip_rt4 *rt,
					       void *arg),
				void *arg)
{
	struct tip_rt4 *rt;

	list_for_each_entry(rt, table, list) {
		if ((dst & rt->mask) != rt->dst)
			continue;
		if (!usable || usable(rt, arg))
			return rt;
	}
	return NULL;
}
