// SPDX-License-Identifier: GPL-2.0
/*
 * The resolver's netlink commands (uapi/tinyip.yaml): servers set by
 * hand, the dump of servers and cache, the flush, a lookup that waits
 * for its answer, and the counters of "tinyip stats".
 */
#include <linux/completion.h>
#include <linux/refcount.h>
#include <linux/slab.h>
#include <net/genetlink.h>

#include <linux/tinyip.h>
#include <tinyip/addr.h>
#include <tinyip/dns.h>
#include <tinyip/fault.h>
#include <tinyip/netlink.h>
#include <tinyip/tinyip.h>

#include "dns_local.h"

#define TIP_NL_DNS_TIMEOUT_MS	10000

/* The server of a request's DNS nest, as a v4-mapped or IPv6 address. */
static int tip_nl_dns_server(struct genl_info *info, struct in6_addr *addr,
			     int *ifindex)
{
	struct nlattr *tb[TINYIP_DNS_A_MAX + 1];
	const struct nlattr *a;
	int err;

	if (!info->attrs[TINYIP_A_DNS]) {
		NL_SET_ERR_MSG(info->extack, "no DNS attributes given");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, TINYIP_DNS_A_MAX, info->attrs[TINYIP_A_DNS],
			       tip_nl_dns_policy, info->extack);
	if (err)
		return err;
	a = tb[TINYIP_DNS_A_ADDR];
	if (!a) {
		NL_SET_ERR_MSG(info->extack, "a server needs an address");
		return -EINVAL;
	}
	if (nla_len(a) == 4)
		tip_addr_from4(addr, nla_get_in_addr(a));
	else
		memcpy(addr, nla_data(a), sizeof(*addr));
	if (ipv6_addr_any(addr) || tip_addr_is_any4(addr) ||
	    ipv6_addr_is_multicast(addr) ||
	    (tip_addr_is_v4(addr) &&
	     ipv4_is_multicast(tip_addr_v4(addr)))) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "a server is a unicast address");
		return -EINVAL;
	}
	*ifindex = tb[TINYIP_DNS_A_IFINDEX] ?
		   nla_get_u32(tb[TINYIP_DNS_A_IFINDEX]) : 0;
	if ((ipv6_addr_type(addr) & IPV6_ADDR_LINKLOCAL) && !*ifindex) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "a link-local server needs its link");
		return -EINVAL;
	}
	return 0;
}

int tip_nl_dns_server_add(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_net(genl_info_net(info));
	struct in6_addr addr;
	int ifindex, err;

	err = tip_nl_dns_server(info, &addr, &ifindex);
	if (err)
		return err;
	err = tip_dns_server_add(tn, &addr, ifindex);
	if (err == -EEXIST)
		NL_SET_ERR_MSG(info->extack, "the server is there already");
	else if (err == -ENOSPC)
		NL_SET_ERR_MSG(info->extack, "too many servers (8 at most)");
	return err;
}

int tip_nl_dns_server_del(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_net(genl_info_net(info));
	struct in6_addr addr;
	int ifindex, err;

	err = tip_nl_dns_server(info, &addr, &ifindex);
	if (err)
		return err;
	err = tip_dns_server_del(tn, &addr, ifindex);
	if (err)
		NL_SET_ERR_MSG(info->extack, "no such server");
	return err;
}

int tip_nl_dns_flush(struct sk_buff *skb, struct genl_info *info)
{
	tip_dns_flush(tip_net(genl_info_net(info)));
	return 0;
}

static int tip_nl_put_addr(struct sk_buff *skb, const struct in6_addr *a)
{
	if (tip_addr_is_v4(a))
		return nla_put_in_addr(skb, TINYIP_DNS_A_ADDR, tip_addr_v4(a));
	return nla_put_in6_addr(skb, TINYIP_DNS_A_ADDR, a);
}

static int tip_nl_put_addrs(struct sk_buff *skb, const struct in6_addr *a,
			    unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (tip_nl_put_addr(skb, &a[i]))
			return -EMSGSIZE;
	return 0;
}

/* One dump entry: a server or a cache entry, in a TINYIP_A_DNS nest. */
static int tip_nl_dns_put_server(struct sk_buff *skb,
				 const struct tip_dns_server *s)
{
	return nla_put_u8(skb, TINYIP_DNS_A_KIND, TINYIP_DNS_KIND_SERVER) ||
	       tip_nl_put_addr(skb, &s->addr) ||
	       nla_put_u8(skb, TINYIP_DNS_A_SRC, s->src) ||
	       nla_put_u32(skb, TINYIP_DNS_A_IFINDEX, s->ifindex);
}

static int tip_nl_dns_put_entry(struct sk_buff *skb,
				const struct tip_dns_entry *e,
				unsigned long now)
{
	if (nla_put_u8(skb, TINYIP_DNS_A_KIND, TINYIP_DNS_KIND_CACHE) ||
	    nla_put_string(skb, TINYIP_DNS_A_NAME, e->name) ||
	    nla_put_u16(skb, TINYIP_DNS_A_TYPE, e->qtype) ||
	    nla_put_u32(skb, TINYIP_DNS_A_TTL, tip_dns_entry_ttl(e, now)))
		return -EMSGSIZE;
	if (!e->naddr)
		return nla_put_u8(skb, TINYIP_DNS_A_RCODE, e->rcode);
	return tip_nl_put_addrs(skb, e->addr, e->naddr);
}

/*
 * Servers, then cache entries, one message each; cb->args[0] counts the
 * entries sent. Entries may come and go between two parts of a dump:
 * like any dump of changing state, it may then skip or repeat one.
 */
int tip_nl_dns_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct tip_net *tn = tip_net(sock_net(skb->sk));
	unsigned long now = jiffies;
	struct tip_dns_entry *e;
	long idx = 0, start = cb->args[0];
	struct nlattr *nest;
	unsigned int i;
	void *hdr;
	int err = 0;

	spin_lock_bh(&tn->lock);
	for (i = 0; i < tn->dns.nservers; i++) {
		if (idx++ < start)
			continue;
		hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_DNS_GET);
		nest = hdr ? nla_nest_start(skb, TINYIP_A_DNS) : NULL;
		if (!nest || tip_nl_dns_put_server(skb, &tn->dns.servers[i])) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			idx--;
			err = -EMSGSIZE;
			goto out;
		}
		nla_nest_end(skb, nest);
		genlmsg_end(skb, hdr);
	}
	list_for_each_entry(e, &tn->dns.cache, node) {
		if (idx++ < start)
			continue;
		hdr = tip_nl_dump_put(skb, cb, TINYIP_CMD_DNS_GET);
		nest = hdr ? nla_nest_start(skb, TINYIP_A_DNS) : NULL;
		if (!nest || tip_nl_dns_put_entry(skb, e, now)) {
			if (hdr)
				genlmsg_cancel(skb, hdr);
			idx--;
			err = -EMSGSIZE;
			goto out;
		}
		nla_nest_end(skb, nest);
		genlmsg_end(skb, hdr);
	}
out:
	spin_unlock_bh(&tn->lock);
	cb->args[0] = idx;
	/* A full message ends this part; the next call goes on. */
	if (err && idx > start)
		return skb->len;
	return err ? err : skb->len;
}

/* A lookup that netlink waits for; the lookup and the waiter share it. */
struct tip_nl_dns_wait {
	refcount_t ref;
	struct completion done;
	struct tip_dns_result res;
};

static void tip_nl_dns_wait_put(struct tip_nl_dns_wait *w)
{
	if (refcount_dec_and_test(&w->ref))
		kfree(w);
}

static void tip_nl_dns_done(void *ctx, const struct tip_dns_result *res)
{
	struct tip_nl_dns_wait *w = ctx;

	w->res = *res;
	complete(&w->done);
	tip_nl_dns_wait_put(w);
}

static int tip_nl_dns_fill_result(struct sk_buff *skb,
				  const struct tip_dns_result *res)
{
	struct nlattr *nest = nla_nest_start(skb, TINYIP_A_DNS);

	if (!nest ||
	    nla_put_string(skb, TINYIP_DNS_A_NAME, res->name) ||
	    nla_put_u16(skb, TINYIP_DNS_A_TYPE, res->qtype) ||
	    nla_put_u32(skb, TINYIP_DNS_A_TTL, res->ttl) ||
	    nla_put_u8(skb, TINYIP_DNS_A_RCODE, res->rcode) ||
	    (res->from_cache && nla_put_flag(skb, TINYIP_DNS_A_FROM_CACHE)) ||
	    tip_nl_put_addrs(skb, res->addr, res->naddr))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static const char *tip_nl_dns_errmsg(int err)
{
	switch (err) {
	case -ENOENT:
		return "no such name (NXDOMAIN)";
	case -ETIMEDOUT:
		return "no server answered";
	case -EHOSTUNREACH:
		return "no DNS server is configured";
	case -ENETUNREACH:
		return "no link to ask on for an mDNS name";
	case -EIO:
		return "the servers failed (SERVFAIL or REFUSED)";
	case -EMSGSIZE:
		return "the answer was truncated and TCP is not built in";
	case -EBUSY:
		return "too many lookups in flight";
	}
	return "the lookup failed";
}

/* NL_SET_ERR_MSG() takes literals only; these are static strings too. */
static void tip_nl_dns_seterr(struct genl_info *info, int err)
{
	if (info->extack)
		info->extack->_msg = tip_nl_dns_errmsg(err);
}

int tip_nl_dns_resolve(struct sk_buff *skb, struct genl_info *info)
{
	struct tip_net *tn = tip_net(genl_info_net(info));
	struct nlattr *tb[TINYIP_DNS_A_MAX + 1];
	struct tip_nl_dns_wait *w;
	struct sk_buff *reply;
	u32 timeout = TIP_NL_DNS_TIMEOUT_MS;
	u16 qtype = TIP_DNS_TYPE_A;
	long left;
	void *hdr;
	int err;

	if (!info->attrs[TINYIP_A_DNS]) {
		NL_SET_ERR_MSG(info->extack, "no name to look up");
		return -EINVAL;
	}
	err = nla_parse_nested(tb, TINYIP_DNS_A_MAX, info->attrs[TINYIP_A_DNS],
			       tip_nl_dns_policy, info->extack);
	if (err)
		return err;
	if (!tb[TINYIP_DNS_A_NAME]) {
		NL_SET_ERR_MSG(info->extack, "no name to look up");
		return -EINVAL;
	}
	if (tb[TINYIP_DNS_A_TYPE])
		qtype = nla_get_u16(tb[TINYIP_DNS_A_TYPE]);
	if (qtype != TIP_DNS_TYPE_A && qtype != TIP_DNS_TYPE_AAAA) {
		NL_SET_ERR_MSG_ATTR(info->extack, tb[TINYIP_DNS_A_TYPE],
				    "the type is A (1) or AAAA (28)");
		return -EINVAL;
	}
	if (tb[TINYIP_DNS_A_TIMEOUT_MS])
		timeout = nla_get_u32(tb[TINYIP_DNS_A_TIMEOUT_MS]);
	w = kzalloc(sizeof(*w), GFP_KERNEL);
	if (!w)
		return -ENOMEM;
	refcount_set(&w->ref, 2);
	init_completion(&w->done);
	err = tip_dns_resolve(tn, nla_data(tb[TINYIP_DNS_A_NAME]), qtype,
			      tip_nl_dns_done, w);
	if (err) {
		kfree(w);
		if (err == -EINVAL || err == -ENAMETOOLONG)
			NL_SET_ERR_MSG_ATTR(info->extack, tb[TINYIP_DNS_A_NAME],
					    "not a valid host name");
		else
			tip_nl_dns_seterr(info, err);
		return err;
	}
	left = wait_for_completion_killable_timeout(&w->done,
						    msecs_to_jiffies(timeout));
	if (left <= 0) {
		tip_nl_dns_wait_put(w);
		if (left < 0)
			return left;
		NL_SET_ERR_MSG(info->extack, "no answer within the timeout");
		return -ETIMEDOUT;
	}
	err = w->res.err;
	if (err && err != -ENOENT) {
		tip_nl_dns_seterr(info, err);
		goto out;
	}
	err = -ENOMEM;
	reply = tip_genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!reply)
		goto out;
	hdr = tip_nl_reply_put(reply, info);
	if (!hdr || tip_nl_dns_fill_result(reply, &w->res)) {
		nlmsg_free(reply);
		err = -EMSGSIZE;
		goto out;
	}
	genlmsg_end(reply, hdr);
	err = genlmsg_reply(reply, info);
out:
	tip_nl_dns_wait_put(w);
	return err;
}

int tip_nl_put_dns_stats(struct sk_buff *skb, const struct tip_net *tn)
{
	struct nlattr *nest = nla_nest_start(skb, TINYIP_A_DNS_STATS);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = TINYIP_DNS_STAT_PAD + 1; i < __TINYIP_DNS_STAT_MAX; i++)
		if (nla_put_u64_64bit(skb, i, READ_ONCE(tn->dns.stats[i]),
				      TINYIP_DNS_STAT_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}
