// SPDX-License-Identifier: GPL-2.0
/*
 * The stub resolver of a netns (RFC 1035 7, RFC 3596): its servers from
 * every source, lookups in flight with failover, and one-shot mDNS
 * queries for .local names (RFC 6762 5.1). Answers are cached by
 * module/dns_cache.c; messages are built and checked by dns_wire.c.
 *
 * RFC 5452: each lookup has its own UDP endpoint on a random port of the
 * ephemeral range (RFC 6056 algorithm 1, the one RFC 5452 10 asks for:
 * the stack's hash-based pick moves by small steps between lookups to
 * one server) and a random ID; a response must come from the server and
 * port asked and carry the ID and the question, or it is dropped and
 * counted by reason, and the lookup keeps waiting for the real one.
 *
 * A lookup runs from the receive path and a timer under tn->lock and
 * ends in a work item, which calls the owner's callback in process
 * context and frees the endpoint (which needs process context). A
 * truncated answer (TC) is asked again over TCP (module/dns_tcp.c).
 */
#include <linux/in.h>
#include <linux/ip.h>
#include <linux/jiffies.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/timer.h>
#include <linux/udp.h>
#include <linux/workqueue.h>

#include <tinyip/addr.h>
#include <tinyip/api.h>
#include <tinyip/dns.h>
#include <tinyip/fault.h>
#include <tinyip/netif.h>
#include <tinyip/tinyip.h>
#include <tinyip/udp.h>

#include "dns_local.h"

#define TIP_DNS_PORT		53
#define TIP_MDNS_PORT		5353
/* Per-try timeout, doubled each round over the servers (RFC 1035 7.2). */
#define TIP_DNS_TRY_MS		1000
#define TIP_DNS_ROUNDS		2
/* mDNS: a one-shot query waits this long per try, twice (RFC 6762 5.1). */
#define TIP_MDNS_TRY_MS		1000
#define TIP_MDNS_TRIES		2

static struct workqueue_struct *tip_dns_wq;

static const struct in6_addr tip_mdns_group6 = {
	.s6_addr = { 0xff, 0x02, [15] = 0xfb },
};

void tip_dns_count(struct tip_net *tn, enum tinyip_dns_stat s)
{
	WRITE_ONCE(tn->dns.stats[s], tn->dns.stats[s] + 1);
}

/* True for NAME.local and NAME.local. (RFC 6762 3). */
static bool tip_dns_is_mdns(const char *name)
{
	size_t n = strlen(name);

	if (n && name[n - 1] == '.')
		n--;
	return n > 6 && !strncasecmp(name + n - 6, ".local", 6);
}

/*
 * Ends the lookup: it leaves the instance's list and hears nothing more.
 * The work item reports @err (with q->ans) and frees it. Under tn->lock.
 */
void tip_dns_query_end(struct tip_dns_query *q, int err)
{
	struct tip_net *tn = q->tn;

	lockdep_assert_held(&tn->lock);
	if (q->done)
		return;
	q->done = true;
	q->err = err;
	if (err && err != -ENOENT)
		tip_dns_count(tn, TINYIP_DNS_STAT_FAILURES);
	tip_udp_unhash(q->pcb);
	list_del_init(&q->node);
	tn->dns.nqueries--;
	queue_work(tip_dns_wq, &q->work);
}

/* Sends the question to the current target; under tn->lock. */
static int tip_dns_send(struct tip_dns_query *q)
{
	const struct tip_dns_target *t = &q->targets[q->cur];
	struct tip_net *tn = q->tn;
	struct sk_buff *skb;
	u8 buf[TIP_DNS_HDR_LEN + TIP_DNS_NAME_MAX + 4];
	int len;

	len = tip_dns_build_query(buf, sizeof(buf), q->id, q->qname,
				  q->qname_len, q->qtype, q->mdns);
	if (len < 0)
		return len;
	skb = tip_alloc_skb(TIP_HEADROOM + sizeof(struct udphdr) + len,
			    GFP_ATOMIC);
	if (!skb)
		return -ENOBUFS;
	skb_reserve(skb, TIP_HEADROOM + sizeof(struct udphdr));
	skb_put_data(skb, buf, len);
	/* mDNS: the link to ask on, and TTL 255 (RFC 6762 11). */
	q->pcb->inet.mc_if = t->ifindex;
	tip_dns_count(tn, q->mdns ? TINYIP_DNS_STAT_MDNS_QUERIES :
		      TINYIP_DNS_STAT_QUERIES);
	return tip_udp_send(q->pcb, skb, &t->addr, htons(t->port),
			    t->ifindex);
}

/*
 * The next try: the next target, and after the last one another round
 * with twice the timeout. Sending errors (no route to a server, no
 * memory) move on at once. Under tn->lock.
 */
static void tip_dns_try(struct tip_dns_query *q, bool first)
{
	unsigned int ms, i;
	bool sent = false;

	/*
	 * mDNS asks every link over both IP versions at once: any
	 * responder may answer (RFC 6762 5.1), over either.
	 */
	if (q->mdns) {
		if (!first && ++q->round == q->rounds) {
			tip_dns_query_end(q, -ETIMEDOUT);
			return;
		}
		for (i = 0; i < q->ntargets; i++) {
			q->cur = i;
			if (!tip_dns_send(q))
				sent = true;
		}
		if (!sent) {
			tip_dns_query_end(q, -ENETUNREACH);
			return;
		}
		goto arm;
	}
	for (;;) {
		if (!first && ++q->cur == q->ntargets) {
			q->cur = 0;
			if (++q->round == q->rounds) {
				tip_dns_query_end(q, -ETIMEDOUT);
				return;
			}
		}
		first = false;
		q->tried |= 1U << q->cur;
		if (!tip_dns_send(q))
			break;
	}
arm:
	ms = (q->mdns ? TIP_MDNS_TRY_MS : TIP_DNS_TRY_MS) << q->round;
	mod_timer(&q->timer, jiffies + msecs_to_jiffies(ms));
}

static void tip_dns_timeout(struct timer_list *t)
{
	struct tip_dns_query *q = from_timer(q, t, timer);
	struct tip_net *tn = q->tn;

	spin_lock_bh(&tn->lock);
	if (!q->done) {
		tip_dns_count(tn, TINYIP_DNS_STAT_TIMEOUTS);
		/* the TCP exchange has one try: the UDP one told us to */
		if (q->tcp)
			tip_dns_query_end(q, -ETIMEDOUT);
		else
			tip_dns_try(q, false);
	}
	spin_unlock_bh(&tn->lock);
}

/* A usable answer: cache it and end the lookup. Under tn->lock. */
void tip_dns_query_answer(struct tip_dns_query *q,
			  const struct tip_dns_answer *ans)
{
	struct tip_net *tn = q->tn;

	tip_dns_count(tn, TINYIP_DNS_STAT_ANSWERS);
	q->ans = *ans;
	if (!ans->naddr)
		tip_dns_count(tn, TINYIP_DNS_STAT_NEGATIVE);
	tip_dns_cache_put(tn, q->name, q->qtype, ans, jiffies);
	tip_dns_query_end(q, ans->rcode == TIP_DNS_RCODE_NXDOMAIN ?
			  -ENOENT : 0);
}

/* Which target sent this: RFC 5452 9.1, address and port as asked. */
static bool tip_dns_from_target(const struct tip_dns_query *q,
				const struct in6_addr *saddr, __be16 sport)
{
	unsigned int i;

	if (q->mdns)	/* any responder on the link (RFC 6762 6.7) */
		return sport == htons(TIP_MDNS_PORT);
	for (i = 0; i < q->ntargets; i++)
		if ((q->tried & (1U << i)) &&
		    ipv6_addr_equal(saddr, &q->targets[i].addr) &&
		    sport == htons(q->targets[i].port))
			return true;
	return false;
}

/* A datagram on the lookup's port, under tn->lock. */
static void tip_dns_recv(struct tip_udp_pcb *pcb, struct sk_buff *skb)
{
	struct tip_dns_query *q = pcb->ctx;
	struct tip_net *tn = q->tn;
	struct in6_addr saddr, daddr;
	struct tip_dns_answer *ans = &q->rx;
	__be16 sport = ((const struct udphdr *)skb->data)->source;
	int err;

	if (q->done || q->tcp)
		goto out;
	tip_skb_addrs(skb, &saddr, &daddr);
	if (!tip_dns_from_target(q, &saddr, sport)) {
		tip_dns_count(tn, TINYIP_DNS_STAT_REJ_SOURCE);
		goto out;
	}
	__skb_pull(skb, sizeof(struct udphdr));
	if (skb_linearize(skb)) {
		tip_dns_count(tn, TINYIP_DNS_STAT_REJ_SHORT);
		goto out;
	}
	err = tip_dns_parse_response(skb->data, skb->len, q->id, q->qname,
				     q->qname_len, q->qtype, q->mdns, ans);
	if (err) {
		tip_dns_count(tn, -err);
		goto out;
	}
	if (ans->tc && !q->mdns) {
		tip_dns_tcp_start(q);
		goto out;
	}
	if (ans->rcode != TIP_DNS_RCODE_NOERROR &&
	    ans->rcode != TIP_DNS_RCODE_NXDOMAIN) {
		/* SERVFAIL, REFUSED...: the next server may know. */
		tip_dns_count(tn, TINYIP_DNS_STAT_REJ_RCODE);
		q->last_rcode = ans->rcode;
		tip_dns_try(q, false);
		goto out;
	}
	/* mDNS: a responder without the name stays silent (RFC 6762 6). */
	if (q->mdns && !ans->naddr && ans->rcode == TIP_DNS_RCODE_NOERROR)
		goto out;
	tip_dns_query_answer(q, ans);
out:
	consume_skb(skb);
}

static const struct tip_udp_ops tip_dns_udp_ops = {
	.recv = tip_dns_recv,
};

static void tip_dns_result_fill(struct tip_dns_result *res, const char *name,
				u16 qtype)
{
	memset(res, 0, sizeof(*res));
	strscpy(res->name, name, sizeof(res->name));
	res->qtype = qtype;
}

static void tip_dns_query_free(struct tip_dns_query *q)
{
	struct tip_net *tn = q->tn;

	if (q->pcb)
		tip_udp_pcb_free(q->pcb);
	tip_mem_free(&tn->mem, TINYIP_MEM_PCB, q, sizeof(*q));
}

static void tip_dns_work(struct work_struct *w)
{
	struct tip_dns_query *q = container_of(w, struct tip_dns_query, work);
	struct tip_dns_result *res = &q->res;

	timer_shutdown_sync(&q->timer);
	tip_dns_tcp_stop(q);
	tip_dns_result_fill(res, q->name, q->qtype);
	res->err = q->err;
	if (!q->err || q->err == -ENOENT) {
		res->rcode = q->ans.rcode;
		res->ttl = q->ans.naddr ? q->ans.ttl :
			   q->ans.has_soa ? q->ans.neg_ttl :
			   TIP_DNS_NEG_TTL_NOSOA;
		res->naddr = q->ans.naddr;
		memcpy(res->addr, q->ans.addr, sizeof(res->addr));
	} else if (q->err == -ETIMEDOUT && q->last_rcode) {
		res->err = -EIO;
		res->rcode = q->last_rcode;
	}
	q->cb(q->ctx, res);
	tip_dns_query_free(q);
}

/* The servers to ask, or the mDNS groups on every link. Under tn->lock. */
static void tip_dns_targets(struct tip_net *tn, struct tip_dns_query *q)
{
	struct tip_if *ifp;
	unsigned int i;

	if (!q->mdns) {
		for (i = 0; i < tn->dns.nservers; i++) {
			struct tip_dns_target *t = &q->targets[q->ntargets++];

			t->addr = tn->dns.servers[i].addr;
			t->ifindex = tn->dns.servers[i].ifindex;
			/* link-local servers need their link */
			if (!(ipv6_addr_type(&t->addr) & IPV6_ADDR_LINKLOCAL))
				t->ifindex = 0;
			t->port = TIP_DNS_PORT;
		}
		q->rounds = TIP_DNS_ROUNDS;
		return;
	}
	/* RFC 6762 5.1: ask on each link, over IPv4 and IPv6. */
	list_for_each_entry(ifp, &tn->ifs, list) {
		if (ifp == tn->lo || ifp->dying || !ifp->up ||
		    q->ntargets + 2 > TIP_DNS_MAX_TARGETS)
			continue;
		tip_addr_from4(&q->targets[q->ntargets].addr,
			       htonl(0xe00000fb));	/* 224.0.0.251 */
		q->targets[q->ntargets].ifindex = ifp->ifindex;
		q->targets[q->ntargets++].port = TIP_MDNS_PORT;
		if (!IS_ENABLED(CONFIG_TINYIP_IPV6))
			continue;
		q->targets[q->ntargets].addr = tip_mdns_group6;
		q->targets[q->ntargets].ifindex = ifp->ifindex;
		q->targets[q->ntargets++].port = TIP_MDNS_PORT;
	}
	q->rounds = TIP_MDNS_TRIES;
}

/* RFC 5452 10 / RFC 6056 3.3.1: a uniformly random ephemeral port. */
static int tip_dns_bind(struct tip_dns_query *q)
{
	const u32 num = TIP_PORT_EPHEMERAL_HI - TIP_PORT_EPHEMERAL_LO + 1;
	int i, err = -EADDRINUSE;

	q->pcb->inet.v6 = true;
	tip_udp_set_wild(q->pcb);
	for (i = 0; i < 16 && err == -EADDRINUSE; i++) {
		u16 port = TIP_PORT_EPHEMERAL_LO + get_random_u32_below(num);

		err = tip_udp_bind(q->pcb, &in6addr_any, htons(port), true);
	}
	if (err == -EADDRINUSE)	/* a crowded range: the stack's pick */
		err = tip_udp_bind(q->pcb, &in6addr_any, 0, true);
	return err;
}

static int tip_dns_cached(struct tip_net *tn, const char *name, u16 qtype,
			  struct tip_dns_result *res)
{
	struct tip_dns_entry *e;
	unsigned long now = jiffies;

	spin_lock_bh(&tn->lock);
	e = tip_dns_cache_find(tn, name, qtype, now);
	if (!e) {
		tip_dns_count(tn, TINYIP_DNS_STAT_CACHE_MISSES);
		spin_unlock_bh(&tn->lock);
		return 0;
	}
	tip_dns_count(tn, TINYIP_DNS_STAT_CACHE_HITS);
	tip_dns_result_fill(res, name, qtype);
	res->from_cache = true;
	res->rcode = e->rcode;
	res->err = e->rcode == TIP_DNS_RCODE_NXDOMAIN ? -ENOENT : 0;
	res->ttl = tip_dns_entry_ttl(e, now);
	res->naddr = e->naddr;
	memcpy(res->addr, e->addr, e->naddr * sizeof(e->addr[0]));
	spin_unlock_bh(&tn->lock);
	return 1;
}

int tip_dns_resolve(struct tip_net *tn, const char *name, u16 qtype,
		    tip_dns_cb_t cb, void *ctx)
{
	struct tip_dns_query *q;
	struct tip_dns_result *res;
	u8 wire[TIP_DNS_NAME_MAX];
	int len, err;

	might_sleep();
	if (qtype != TIP_DNS_TYPE_A && qtype != TIP_DNS_TYPE_AAAA)
		return -EINVAL;
	len = tip_dns_name_to_wire(name, wire);
	if (len < 0)
		return len;
	q = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*q), GFP_KERNEL);
	if (!q)
		return -ENOBUFS;
	q->tn = tn;
	q->cb = cb;
	q->ctx = ctx;
	q->qtype = qtype;
	memcpy(q->qname, wire, len);
	q->qname_len = len;
	tip_dns_name_to_text(wire, q->name);
	q->mdns = tip_dns_is_mdns(q->name);
	INIT_LIST_HEAD(&q->node);
	INIT_WORK(&q->work, tip_dns_work);
	timer_setup(&q->timer, tip_dns_timeout, 0);

	res = &q->res;
	if (tip_dns_cached(tn, q->name, qtype, res)) {
		cb(ctx, res);
		tip_mem_free(&tn->mem, TINYIP_MEM_PCB, q, sizeof(*q));
		return 0;
	}
	q->pcb = tip_udp_pcb_new(tn, IPPROTO_UDP, &tip_dns_udp_ops, q);
	if (IS_ERR(q->pcb)) {
		err = PTR_ERR(q->pcb);
		q->pcb = NULL;
		goto err_free;
	}
	spin_lock_bh(&tn->lock);
	err = -ESHUTDOWN;
	if (tn->dns.dying)
		goto err_unlock;
	err = -EBUSY;
	if (tn->dns.nqueries >= TIP_DNS_MAX_QUERIES)
		goto err_unlock;
	tip_dns_targets(tn, q);
	err = q->mdns ? -ENETUNREACH : -EHOSTUNREACH;
	if (!q->ntargets)
		goto err_unlock;
	err = tip_dns_bind(q);
	if (err)
		goto err_unlock;
	q->pcb->inet.mc_ttl = 255;
	q->pcb->inet.mc_hops6 = 255;
	q->id = get_random_u16();
	list_add_tail(&q->node, &tn->dns.queries);
	tn->dns.nqueries++;
	tip_dns_try(q, true);
	spin_unlock_bh(&tn->lock);
	return 0;

err_unlock:
	tip_udp_unhash(q->pcb);
	spin_unlock_bh(&tn->lock);
err_free:
	tip_dns_query_free(q);
	return err;
}

/* Under tn->lock: @addr on @ifindex (0 for any) is known already. */
static int tip_dns_server_find(struct tip_net *tn, const struct in6_addr *addr,
			       int ifindex)
{
	unsigned int i;

	for (i = 0; i < tn->dns.nservers; i++)
		if (ipv6_addr_equal(&tn->dns.servers[i].addr, addr) &&
		    (!ifindex || tn->dns.servers[i].ifindex == ifindex))
			return i;
	return -1;
}

static void tip_dns_server_remove(struct tip_net *tn, unsigned int i)
{
	memmove(&tn->dns.servers[i], &tn->dns.servers[i + 1],
		(tn->dns.nservers - i - 1) * sizeof(tn->dns.servers[0]));
	tn->dns.nservers--;
}

int tip_dns_server_add(struct tip_net *tn, const struct in6_addr *addr,
		       int ifindex)
{
	struct tip_dns_server *s;
	int err = 0;

	spin_lock_bh(&tn->lock);
	if (tip_dns_server_find(tn, addr, ifindex) >= 0) {
		err = -EEXIST;
	} else if (tn->dns.nservers == TIP_DNS_MAX_SERVERS) {
		err = -ENOSPC;
	} else {
		s = &tn->dns.servers[tn->dns.nservers++];
		s->addr = *addr;
		s->ifindex = ifindex;
		s->src = TIP_DNS_SRC_STATIC;
	}
	spin_unlock_bh(&tn->lock);
	return err;
}

int tip_dns_server_del(struct tip_net *tn, const struct in6_addr *addr,
		       int ifindex)
{
	int i;

	spin_lock_bh(&tn->lock);
	i = tip_dns_server_find(tn, addr, ifindex);
	if (i >= 0)
		tip_dns_server_remove(tn, i);
	spin_unlock_bh(&tn->lock);
	return i >= 0 ? 0 : -ENOENT;
}

/*
 * Servers set by hand come first and stay; learnt ones follow in the
 * order they were learnt, the newest set of a source on a link
 * replacing its previous one. Any context but hard IRQ.
 */
void tip_dns_servers_set(struct tip_net *tn, int ifindex,
			 enum tip_dns_src src,
			 const struct in6_addr *srv, unsigned int n)
{
	unsigned int i;

	spin_lock_bh(&tn->lock);
	for (i = 0; i < tn->dns.nservers;) {
		struct tip_dns_server *s = &tn->dns.servers[i];

		if (s->src == src && s->ifindex == ifindex)
			tip_dns_server_remove(tn, i);
		else
			i++;
	}
	for (i = 0; i < n && tn->dns.nservers < TIP_DNS_MAX_SERVERS; i++) {
		struct tip_dns_server *s;

		if (ipv6_addr_any(&srv[i]) || tip_addr_is_any4(&srv[i]) ||
		    tip_dns_server_find(tn, &srv[i], ifindex) >= 0)
			continue;
		s = &tn->dns.servers[tn->dns.nservers++];
		s->addr = srv[i];
		s->ifindex = ifindex;
		s->src = src;
	}
	spin_unlock_bh(&tn->lock);
}

void tip_dns_link_gone(struct tip_net *tn, int ifindex)
{
	unsigned int i;

	spin_lock_bh(&tn->lock);
	for (i = 0; i < tn->dns.nservers;) {
		if (tn->dns.servers[i].src != TIP_DNS_SRC_STATIC &&
		    tn->dns.servers[i].ifindex == ifindex)
			tip_dns_server_remove(tn, i);
		else
			i++;
	}
	spin_unlock_bh(&tn->lock);
}

void tip_dns_flush(struct tip_net *tn)
{
	spin_lock_bh(&tn->lock);
	tip_dns_cache_flush(tn);
	spin_unlock_bh(&tn->lock);
}

#ifdef CONFIG_TINYIP_API
/* The raw API's form (include/tinyip/api.h): the owner's callback. */
struct tinyip_dns_call {
	struct tip_net *tn;
	tinyip_dns_cb_t cb;
	void *ctx;
};

static void tinyip_dns_done(void *ctx, const struct tip_dns_result *res)
{
	struct tinyip_dns_call *c = ctx;
	struct tip_net *tn = c->tn;

	c->cb(c->ctx, res->err, res->addr, res->naddr, res->ttl);
	tip_mem_free(&tn->mem, TINYIP_MEM_PCB, c, sizeof(*c));
}

int tinyip_dns_resolve(struct net *net, const char *name, u16 qtype,
		       tinyip_dns_cb_t cb, void *ctx)
{
	struct tip_net *tn = tip_net(net);
	struct tinyip_dns_call *c;
	int err;

	c = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB, sizeof(*c), GFP_KERNEL);
	if (!c)
		return -ENOBUFS;
	c->tn = tn;
	c->cb = cb;
	c->ctx = ctx;
	err = tip_dns_resolve(tn, name, qtype, tinyip_dns_done, c);
	if (err)
		tip_mem_free(&tn->mem, TINYIP_MEM_PCB, c, sizeof(*c));
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_dns_resolve, TINYIP);
#endif

int tip_dns_net_init(struct tip_net *tn)
{
	INIT_LIST_HEAD(&tn->dns.cache);
	INIT_LIST_HEAD(&tn->dns.queries);
	return 0;
}

/*
 * Lookups in flight end with -ESHUTDOWN (their owners hear it) and are
 * waited for, then the cache goes. Links are gone already, so nothing
 * more arrives.
 */
void tip_dns_net_exit(struct tip_net *tn)
{
	struct tip_dns_query *q, *tmp;

	spin_lock_bh(&tn->lock);
	tn->dns.dying = true;
	list_for_each_entry_safe(q, tmp, &tn->dns.queries, node)
		tip_dns_query_end(q, -ESHUTDOWN);
	spin_unlock_bh(&tn->lock);
	flush_workqueue(tip_dns_wq);
	spin_lock_bh(&tn->lock);
	tip_dns_cache_flush(tn);
	tn->dns.nservers = 0;
	spin_unlock_bh(&tn->lock);
}

int tip_dns_init(void)
{
	tip_dns_wq = alloc_workqueue("tinyip_dns", WQ_UNBOUND, 0);
	return tip_dns_wq ? 0 : -ENOMEM;
}

void tip_dns_exit(void)
{
	destroy_workqueue(tip_dns_wq);
}
