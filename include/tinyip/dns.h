/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The stub resolver (RFC 1035, RFC 3596 AAAA, RFC 2308 negative caching,
 * RFC 5452 spoofing resistance) and one-shot mDNS queries for .local
 * names (RFC 6762 5.1): the servers of a netns, wherever they were
 * learnt, the cache of answers and the queries in flight, all per
 * instance in struct tip_dns_net.
 */
#ifndef _TINYIP_DNS_H
#define _TINYIP_DNS_H

#include <linux/in6.h>
#include <linux/list.h>
#include <linux/tinyip.h>
#include <linux/types.h>

#include <tinyip/dns_wire.h>

struct tip_net;

/* Where a server was learnt; the values are uapi's enum tinyip_dns_src. */
enum tip_dns_src {
	TIP_DNS_SRC_STATIC = TINYIP_DNS_SRC_STATIC,
	TIP_DNS_SRC_DHCP4 = TINYIP_DNS_SRC_DHCP4,
	TIP_DNS_SRC_DHCP6 = TINYIP_DNS_SRC_DHCP6,
	TIP_DNS_SRC_RA = TINYIP_DNS_SRC_RA,
};

/* Servers of a netns, of every source together (resolv.conf keeps 3). */
#define TIP_DNS_MAX_SERVERS	8
/* Cache entries of a netns; the oldest used goes first when full. */
#define TIP_DNS_CACHE_MAX	128
/* TTLs are capped (a day, as many stub caches do) ... */
#define TIP_DNS_TTL_MAX		86400
/* ... and negative ones harder (RFC 2308 5 suggests 1 to 3 hours). */
#define TIP_DNS_NEG_TTL_MAX	3600
/* Without an SOA, a negative answer is kept this long (RFC 2308 5). */
#define TIP_DNS_NEG_TTL_NOSOA	60
/* Lookups in flight per netns: each holds a port and a timer. */
#define TIP_DNS_MAX_QUERIES	64

struct tip_dns_server {
	struct in6_addr addr;		/* IPv4 as v4-mapped */
	int ifindex;			/* link it was learnt on; 0: any */
	enum tip_dns_src src;
};

/* One cached answer, positive (addresses) or negative (rcode). */
struct tip_dns_entry {
	struct list_head node;		/* in tip_dns_net.cache, MRU first */
	unsigned long expires;		/* jiffies */
	u16 qtype;
	u8 rcode;			/* NXDOMAIN, or NOERROR */
	u8 naddr;			/* 0 and NOERROR: NODATA */
	char name[TIP_DNS_TEXT_MAX + 1];	/* lower case, no final dot */
	struct in6_addr addr[];
};

/* Per-instance resolver state, embedded in struct tip_net; tn->lock. */
struct tip_dns_net {
	struct tip_dns_server servers[TIP_DNS_MAX_SERVERS];
	unsigned int nservers;
	struct list_head cache;		/* struct tip_dns_entry */
	unsigned int ncache;
	struct list_head queries;	/* struct tip_dns_query in flight */
	unsigned int nqueries;
	bool dying;			/* pernet exit: no new lookups */
	u64 stats[__TINYIP_DNS_STAT_MAX];	/* by TINYIP_DNS_STAT_* */
};

/*
 * The result of a lookup. @err: 0 (addresses, or none for NODATA:
 * @rcode NOERROR), -ENOENT for NXDOMAIN, -ETIMEDOUT when no server
 * answered, -EHOSTUNREACH with no server, -EIO for a server failure,
 * -ESHUTDOWN when the instance went away, or an allocation error.
 */
struct tip_dns_result {
	int err;
	u8 rcode;
	bool from_cache;
	u16 qtype;
	u32 ttl;			/* seconds */
	unsigned int naddr;
	struct in6_addr addr[TIP_DNS_MAX_ADDRS];
	char name[TIP_DNS_TEXT_MAX + 1];
};

/*
 * Called once per lookup, in process context (a work item, or the caller
 * itself when the cache answers), with no lock held: it may sleep.
 */
typedef void (*tip_dns_cb_t)(void *ctx, const struct tip_dns_result *res);

#ifdef CONFIG_TINYIP_DNS
/* Replaces the servers that @src learnt on @ifindex (n == 0 clears). */
void tip_dns_servers_set(struct tip_net *tn, int ifindex,
			 enum tip_dns_src src,
			 const struct in6_addr *srv, unsigned int n);
int tip_dns_server_add(struct tip_net *tn, const struct in6_addr *addr,
		       int ifindex);
int tip_dns_server_del(struct tip_net *tn, const struct in6_addr *addr,
		       int ifindex);
/*
 * Starts a lookup of @name (A or AAAA) that ends in @cb; 0, or an errno
 * and @cb is not called. Process context. Names ending in .local go to
 * mDNS, the others to the servers in turn, each tried @tries times with
 * a per-try timeout.
 */
int tip_dns_resolve(struct tip_net *tn, const char *name, u16 qtype,
		    tip_dns_cb_t cb, void *ctx);
void tip_dns_flush(struct tip_net *tn);
/* A link went away: its servers go too. Under no lock. */
void tip_dns_link_gone(struct tip_net *tn, int ifindex);

/* The cache (module/dns_cache.c), under tn->lock; @now in jiffies. */
struct tip_dns_entry *tip_dns_cache_find(struct tip_net *tn,
					 const char *name, u16 qtype,
					 unsigned long now);
int tip_dns_cache_put(struct tip_net *tn, const char *name, u16 qtype,
		      const struct tip_dns_answer *ans, unsigned long now);
void tip_dns_cache_flush(struct tip_net *tn);
/* Seconds an entry has left at @now. */
u32 tip_dns_entry_ttl(const struct tip_dns_entry *e, unsigned long now);

int tip_dns_net_init(struct tip_net *tn);
void tip_dns_net_exit(struct tip_net *tn);
int tip_dns_init(void);
void tip_dns_exit(void);
#else
static inline void tip_dns_servers_set(struct tip_net *tn, int ifindex,
				       enum tip_dns_src src,
				       const struct in6_addr *srv,
				       unsigned int n)
{
}

static inline void tip_dns_link_gone(struct tip_net *tn, int ifindex)
{
}

static inline int tip_dns_net_init(struct tip_net *tn)
{
	return 0;
}

static inline void tip_dns_net_exit(struct tip_net *tn)
{
}

static inline int tip_dns_init(void)
{
	return 0;
}

static inline void tip_dns_exit(void)
{
}
#endif

#endif /* _TINYIP_DNS_H */
