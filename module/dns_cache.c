// SPDX-License-Identifier: GPL-2.0
/*
 * The resolver's cache: answers kept for their TTL (RFC 1035 3.2.1,
 * capped), negative answers for the SOA's (RFC 2308 5), at most
 * TIP_DNS_CACHE_MAX entries per netns, least recently used evicted
 * first. Entries are charged to the instance's memory budget: a full
 * budget means an answer is used but not kept.
 *
 * Time is a parameter (jiffies), so that KUnit drives it with a fake
 * clock. Everything here runs under tn->lock.
 */
#include <linux/jiffies.h>
#include <linux/slab.h>
#include <linux/string.h>

#include <tinyip/dns.h>
#include <tinyip/tinyip.h>

static size_t tip_dns_entry_size(unsigned int naddr)
{
	return sizeof(struct tip_dns_entry) + naddr * sizeof(struct in6_addr);
}

static void tip_dns_entry_free(struct tip_net *tn, struct tip_dns_entry *e)
{
	list_del(&e->node);
	tn->dns.ncache--;
	tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, e,
		     tip_dns_entry_size(e->naddr));
}

u32 tip_dns_entry_ttl(const struct tip_dns_entry *e, unsigned long now)
{
	if (time_after_eq(now, e->expires))
		return 0;
	return DIV_ROUND_UP(e->expires - now, HZ);
}

struct tip_dns_entry *tip_dns_cache_find(struct tip_net *tn,
					 const char *name, u16 qtype,
					 unsigned long now)
{
	struct tip_dns_entry *e, *tmp;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(e, tmp, &tn->dns.cache, node) {
		if (e->qtype != qtype || strcmp(e->name, name))
			continue;
		if (time_after_eq(now, e->expires)) {
			tip_dns_entry_free(tn, e);
			return NULL;
		}
		list_move(&e->node, &tn->dns.cache);
		return e;
	}
	return NULL;
}

/* Room for one more: the expired go first, then the least recently used. */
static void tip_dns_cache_make_room(struct tip_net *tn, unsigned long now)
{
	struct tip_dns_entry *e, *tmp;

	list_for_each_entry_safe(e, tmp, &tn->dns.cache, node)
		if (time_after_eq(now, e->expires))
			tip_dns_entry_free(tn, e);
	while (tn->dns.ncache >= TIP_DNS_CACHE_MAX) {
		e = list_last_entry(&tn->dns.cache, struct tip_dns_entry, node);
		tip_dns_entry_free(tn, e);
	}
}

int tip_dns_cache_put(struct tip_net *tn, const char *name, u16 qtype,
		      const struct tip_dns_answer *ans, unsigned long now)
{
	struct tip_dns_entry *e;
	u32 ttl;

	lockdep_assert_held(&tn->lock);
	if (ans->naddr) {
		ttl = min_t(u32, ans->ttl, TIP_DNS_TTL_MAX);
	} else if (ans->rcode == TIP_DNS_RCODE_NOERROR ||
		   ans->rcode == TIP_DNS_RCODE_NXDOMAIN) {
		ttl = ans->has_soa ? ans->neg_ttl : TIP_DNS_NEG_TTL_NOSOA;
		ttl = min_t(u32, ttl, TIP_DNS_NEG_TTL_MAX);
	} else {
		return -EINVAL;
	}
	/* A zero TTL is for this answer only (RFC 1035 3.2.1). */
	if (!ttl)
		return 0;
	e = tip_dns_cache_find(tn, name, qtype, now);
	if (e)
		tip_dns_entry_free(tn, e);
	tip_dns_cache_make_room(tn, now);
	e = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER,
			   tip_dns_entry_size(ans->naddr), GFP_ATOMIC);
	if (!e)
		return -ENOBUFS;
	strscpy(e->name, name, sizeof(e->name));
	e->qtype = qtype;
	e->rcode = ans->naddr ? TIP_DNS_RCODE_NOERROR : ans->rcode;
	e->naddr = ans->naddr;
	memcpy(e->addr, ans->addr, ans->naddr * sizeof(e->addr[0]));
	e->expires = now + (unsigned long)ttl * HZ;
	list_add(&e->node, &tn->dns.cache);
	tn->dns.ncache++;
	return 0;
}

void tip_dns_cache_flush(struct tip_net *tn)
{
	struct tip_dns_entry *e, *tmp;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(e, tmp, &tn->dns.cache, node)
		tip_dns_entry_free(tn, e);
}
