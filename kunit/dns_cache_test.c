// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the resolver's cache (module/dns_cache.c; RFC 1035
 * 3.2.1, RFC 2308 5) with a fake clock: entries expire with their TTL,
 * TTLs are capped, negative entries live by the SOA, a zero TTL is not
 * kept, the least recently used entry goes when the cache is full, and
 * every entry is charged to the memory budget and given back.
 */
/* The unit first, as for every pure unit under test. */
#include "../module/dns_cache.c"

#include <kunit/test.h>
#include <tinyip/addr.h>

/* A bare instance: the cache needs its lock, list and budget only. */
static struct tip_net *cache_net(struct kunit *test)
{
	struct tip_net *tn = kunit_kzalloc(test, sizeof(*tn), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tn);
	spin_lock_init(&tn->lock);
	tip_mem_init(&tn->mem);
	INIT_LIST_HEAD(&tn->dns.cache);
	INIT_LIST_HEAD(&tn->dns.queries);
	return tn;
}

static void answer(struct tip_dns_answer *a, unsigned int naddr, u32 ttl)
{
	unsigned int i;

	memset(a, 0, sizeof(*a));
	a->naddr = naddr;
	a->ttl = ttl;
	for (i = 0; i < naddr; i++)
		tip_addr_from4(&a->addr[i], htonl(0xc0000200 + i));
}

static void tip_dns_cache_test_ttl(struct kunit *test)
{
	struct tip_net *tn = cache_net(test);
	unsigned long now = 1000;
	struct tip_dns_answer a;
	struct tip_dns_entry *e;

	spin_lock_bh(&tn->lock);
	answer(&a, 2, 30);
	KUNIT_EXPECT_EQ(test, tip_dns_cache_put(tn, "a.test", 1, &a, now), 0);
	KUNIT_EXPECT_GT(test, tip_mem_used(&tn->mem), 0ULL);
	e = tip_dns_cache_find(tn, "a.test", 1, now + 29 * HZ);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->naddr, 2);
	KUNIT_EXPECT_EQ(test, tip_dns_entry_ttl(e, now + 29 * HZ), 1U);
	/* another type is another entry */
	KUNIT_EXPECT_NULL(test, tip_dns_cache_find(tn, "a.test", 28, now));
	/* expired: gone, and its memory given back */
	KUNIT_EXPECT_NULL(test, tip_dns_cache_find(tn, "a.test", 1,
						   now + 30 * HZ));
	KUNIT_EXPECT_EQ(test, tn->dns.ncache, 0U);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&tn->mem), 0ULL);

	/* capped at a day */
	answer(&a, 1, 0x7fffffff);
	tip_dns_cache_put(tn, "b.test", 1, &a, now);
	e = tip_dns_cache_find(tn, "b.test", 1, now);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, tip_dns_entry_ttl(e, now), TIP_DNS_TTL_MAX);
	/* a zero TTL is used once, not kept */
	answer(&a, 1, 0);
	tip_dns_cache_put(tn, "c.test", 1, &a, now);
	KUNIT_EXPECT_NULL(test, tip_dns_cache_find(tn, "c.test", 1, now));
	tip_dns_cache_flush(tn);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&tn->mem), 0ULL);
	spin_unlock_bh(&tn->lock);
}

static void tip_dns_cache_test_negative(struct kunit *test)
{
	struct tip_net *tn = cache_net(test);
	unsigned long now = 5000;
	struct tip_dns_answer a;
	struct tip_dns_entry *e;

	spin_lock_bh(&tn->lock);
	answer(&a, 0, 0);
	a.rcode = TIP_DNS_RCODE_NXDOMAIN;
	a.has_soa = true;
	a.neg_ttl = 120;
	tip_dns_cache_put(tn, "nx.test", 1, &a, now);
	e = tip_dns_cache_find(tn, "nx.test", 1, now + 119 * HZ);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, e->rcode, TIP_DNS_RCODE_NXDOMAIN);
	KUNIT_EXPECT_EQ(test, e->naddr, 0);
	KUNIT_EXPECT_NULL(test, tip_dns_cache_find(tn, "nx.test", 1,
						   now + 120 * HZ));
	/* NODATA without an SOA: the default; huge SOA values capped */
	a.rcode = TIP_DNS_RCODE_NOERROR;
	a.has_soa = false;
	tip_dns_cache_put(tn, "nodata.test", 28, &a, now);
	e = tip_dns_cache_find(tn, "nodata.test", 28, now);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, tip_dns_entry_ttl(e, now), TIP_DNS_NEG_TTL_NOSOA);
	a.has_soa = true;
	a.neg_ttl = 1000000;
	tip_dns_cache_put(tn, "nodata.test", 28, &a, now);
	e = tip_dns_cache_find(tn, "nodata.test", 28, now);
	KUNIT_ASSERT_NOT_NULL(test, e);
	KUNIT_EXPECT_EQ(test, tip_dns_entry_ttl(e, now), TIP_DNS_NEG_TTL_MAX);
	/* nx.test went when it was found expired */
	KUNIT_EXPECT_EQ(test, tn->dns.ncache, 1U);
	/* a server failure is not cached */
	a.rcode = TIP_DNS_RCODE_SERVFAIL;
	KUNIT_EXPECT_EQ(test, tip_dns_cache_put(tn, "sf.test", 1, &a, now),
			-EINVAL);
	tip_dns_cache_flush(tn);
	spin_unlock_bh(&tn->lock);
}

static void tip_dns_cache_test_evict(struct kunit *test)
{
	struct tip_net *tn = cache_net(test);
	unsigned long now = 100;
	struct tip_dns_answer a;
	char name[32];
	unsigned int i;

	spin_lock_bh(&tn->lock);
	answer(&a, 1, 60);
	for (i = 0; i < TIP_DNS_CACHE_MAX; i++) {
		snprintf(name, sizeof(name), "n%u.test", i);
		KUNIT_ASSERT_EQ(test, tip_dns_cache_put(tn, name, 1, &a, now),
				0);
	}
	KUNIT_EXPECT_EQ(test, tn->dns.ncache, (unsigned int)TIP_DNS_CACHE_MAX);
	/* n0 used again: n1 is now the least recently used */
	KUNIT_EXPECT_NOT_NULL(test, tip_dns_cache_find(tn, "n0.test", 1, now));
	tip_dns_cache_put(tn, "new.test", 1, &a, now);
	KUNIT_EXPECT_EQ(test, tn->dns.ncache, (unsigned int)TIP_DNS_CACHE_MAX);
	KUNIT_EXPECT_NOT_NULL(test, tip_dns_cache_find(tn, "n0.test", 1, now));
	KUNIT_EXPECT_NULL(test, tip_dns_cache_find(tn, "n1.test", 1, now));
	KUNIT_EXPECT_NOT_NULL(test, tip_dns_cache_find(tn, "new.test", 1, now));
	/*
	 * The expired go before the living when room is made: short.test
	 * takes the place of n2 (the least recently used), and expired
	 * when later.test comes, which leaves n3 alone.
	 */
	answer(&a, 1, 1);
	tip_dns_cache_put(tn, "short.test", 1, &a, now);
	answer(&a, 1, 60);
	tip_dns_cache_put(tn, "later.test", 1, &a, now + 2 * HZ);
	KUNIT_EXPECT_NULL(test, tip_dns_cache_find(tn, "n2.test", 1, now));
	KUNIT_EXPECT_NOT_NULL(test, tip_dns_cache_find(tn, "n3.test", 1, now));
	/* a full budget: the answer is not kept, nothing breaks */
	tip_dns_cache_flush(tn);
	KUNIT_EXPECT_EQ(test, tip_mem_used(&tn->mem), 0ULL);
	tip_mem_set_budget(&tn->mem, 1);
	KUNIT_EXPECT_EQ(test, tip_dns_cache_put(tn, "x.test", 1, &a, now),
			-ENOBUFS);
	KUNIT_EXPECT_EQ(test, tn->dns.ncache, 0U);
	spin_unlock_bh(&tn->lock);
}

static struct kunit_case tip_dns_cache_test_cases[] = {
	KUNIT_CASE(tip_dns_cache_test_ttl),
	KUNIT_CASE(tip_dns_cache_test_negative),
	KUNIT_CASE(tip_dns_cache_test_evict),
	{}
};

static struct kunit_suite tip_dns_cache_test_suite = {
	.name = "tinyip_dns_cache",
	.test_cases = tip_dns_cache_test_cases,
};

kunit_test_suite(tip_dns_cache_test_suite);
