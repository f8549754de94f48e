// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6 addresses of a link (RFC 4291) and their life (RFC 4862):
 * duplicate address detection on every address, with a nonce so a probe
 * that loops back is not a conflict (RFC 7527); preferred and valid
 * lifetimes; stateless autoconfiguration from RA prefixes with stable,
 * opaque interface identifiers (RFC 7217, RFC 8064), retried with the
 * next DAD counter on a conflict; and source address selection (RFC 6724
 * 5 rules 1, 2, 3 and 8). Everything under tn->lock.
 */
#include <linux/random.h>
#include <net/addrconf.h>
#include <net/ipv6.h>
#include <net/netlink.h>

#include <tinyip/ip6.h>
#include <tinyip/nd6_wire.h>
#include <tinyip/netlink.h>
#include <tinyip/tinyip.h>

#define TIP_DAD_TRANSMITS	1	/* RFC 4862 DupAddrDetectTransmits */
#define TIP_IDGEN_RETRIES	3	/* RFC 7217 6 */
#define TIP_RT6_METRIC		256	/* Linux's for connected prefixes */

struct tip_ifaddr6 *tip_ip6_addr_find(struct tip_if *ifp,
				      const struct in6_addr *addr)
{
	struct tip_ifaddr6 *a;

	list_for_each_entry(a, &ifp->addr6, list)
		if (ipv6_addr_equal(&a->addr, addr))
			return a;
	return NULL;
}

/* The link that owns @addr as a usable (not tentative) address. */
struct tip_if *tip_ip6_addr_owner(struct tip_net *tn,
				  const struct in6_addr *addr)
{
	struct tip_ifaddr6 *a;
	struct tip_if *ifp;

	list_for_each_entry_rcu(ifp, &tn->ifs, list, true) {
		if (ifp->dying)
			continue;
		a = tip_ip6_addr_find(ifp, addr);
		if (a && !(a->flags & TINYIP_ADDR_F_TENTATIVE))
			return ifp;
	}
	return NULL;
}

static int tip_ip6_scope(const struct in6_addr *addr)
{
	int type = ipv6_addr_type(addr);

	if (type & IPV6_ADDR_MULTICAST)
		return IPV6_ADDR_MC_SCOPE(addr);
	if (type & IPV6_ADDR_LOOPBACK)
		return IPV6_ADDR_SCOPE_NODELOCAL;
	if (type & IPV6_ADDR_LINKLOCAL)
		return IPV6_ADDR_SCOPE_LINKLOCAL;
	return IPV6_ADDR_SCOPE_GLOBAL;
}

/* RFC 6724 5: is @a a better source than @b for @dst? */
static bool tip_ip6_src_better(const struct tip_ifaddr6 *a,
			       const struct tip_ifaddr6 *b,
			       const struct in6_addr *dst, int dscope)
{
	int as = tip_ip6_scope(&a->addr), bs = tip_ip6_scope(&b->addr);
	bool adep = a->flags & TINYIP_ADDR_F_DEPRECATED;
	bool bdep = b->flags & TINYIP_ADDR_F_DEPRECATED;

	/* Rule 2: the smallest scope that still reaches the destination. */
	if (as != bs) {
		if (as < bs)
			return as >= dscope;
		return bs < dscope;
	}
	/* Rule 3: avoid deprecated addresses. */
	if (adep != bdep)
		return bdep;
	/* Rule 8: longest matching prefix. */
	return ipv6_addr_diff(&a->addr, dst) > ipv6_addr_diff(&b->addr, dst);
}

static struct tip_ifaddr6 *tip_ip6_src_on(struct tip_if *ifp,
					  const struct in6_addr *dst)
{
	struct tip_ifaddr6 *a, *best = NULL;
	int dscope = tip_ip6_scope(dst);

	list_for_each_entry(a, &ifp->addr6, list) {
		if (a->flags & TINYIP_ADDR_F_TENTATIVE)
			continue;
		/* Rule 1: the destination itself. */
		if (ipv6_addr_equal(&a->addr, dst))
			return a;
		if (!best || tip_ip6_src_better(a, best, dst, dscope))
			best = a;
	}
	return best;
}

/*
 * A source for @dst leaving on @ifp; a global destination may borrow a
 * global address of another link (the weak host model).
 */
bool tip_ip6_src_pick(struct tip_if *ifp, const struct in6_addr *dst,
		      struct in6_addr *src)
{
	struct tip_ifaddr6 *a = tip_ip6_src_on(ifp, dst);
	struct tip_if *it;

	if (!a && tip_ip6_scope(dst) == IPV6_ADDR_SCOPE_GLOBAL) {
		list_for_each_entry_rcu(it, &ifp->tn->ifs, list, true) {
			if (it->dying || it == ifp)
				continue;
			a = tip_ip6_src_on(it, dst);
			if (a && tip_ip6_scope(&a->addr) ==
				 IPV6_ADDR_SCOPE_GLOBAL)
				break;
			a = NULL;
		}
	}
	if (!a)
		return false;
	*src = a->addr;
	return true;
}

static void tip_ip6_snm(const struct in6_addr *addr, struct in6_addr *snm)
{
	addrconf_addr_solict_mult(addr, snm);
}

/* The on-link route an address implies; SLAAC's come from the RA. */
static void tip_ip6_addr_route(struct tip_net *tn, struct tip_if *ifp,
			       struct tip_ifaddr6 *a, bool add)
{
	struct tip_ifaddr6 *o;
	struct in6_addr pfx;
	u8 plen = a->prefixlen;

	if (ifp == tn->lo || plen == 128 || (a->flags & TINYIP_ADDR_F_AUTOCONF))
		return;
	ipv6_addr_prefix(&pfx, &a->addr, plen);
	if (add) {
		tip_ip6_route_add(tn, &pfx, plen, NULL, ifp, TIP_RT6_METRIC,
				  TINYIP_ROUTE_F_CONNECTED, TIP_RT6_STATIC,
				  TIP_IP6_LFT_FOREVER, NULL);
		return;
	}
	list_for_each_entry(o, &ifp->addr6, list)
		if (o != a && o->prefixlen == plen &&
		    !(o->flags & TINYIP_ADDR_F_AUTOCONF) &&
		    ipv6_prefix_equal(&o->addr, &pfx, plen))
			return;
	tip_ip6_route_del(tn, &pfx, plen, NULL, ifp, TIP_RT6_METRIC,
			  TIP_RT6_STATIC, NULL);
}

/* RFC 4862 5.4: every address is tentative until DAD says otherwise. */
static void tip_ip6_addr_dad_start(struct tip_if *ifp, struct tip_ifaddr6 *a)
{
	/* 5.4.2: a random delay, so that links coming up together spread. */
	if (!tip_addr6_dad_begin(a, jiffies, get_random_u32_below(HZ / 2) + 1,
				 ifp->in6 ? TIP_DAD_TRANSMITS : 0))
		return;
	get_random_bytes(a->nonce, sizeof(a->nonce));
	if (ifp->up)
		tip_ip6_if_arm(ifp, a->next);
}

static struct tip_ifaddr6 *__tip_ip6_addr_add(struct tip_net *tn,
					      struct tip_if *ifp,
					      const struct in6_addr *addr,
					      u8 plen, u32 flags, u32 valid,
					      u32 preferred, u8 counter)
{
	struct in6_addr snm;
	struct tip_ifaddr6 *a;

	a = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*a), GFP_ATOMIC);
	if (!a)
		return NULL;
	a->addr = *addr;
	a->prefixlen = plen;
	a->flags = flags;
	tip_addr6_set_lft(a, valid, preferred, jiffies);
	a->dad_counter = counter;
	if (ifp == tn->lo)
		a->flags |= TINYIP_ADDR_F_NODAD;
	list_add_tail(&a->list, &ifp->addr6);
	if (ifp->in6) {
		tip_ip6_snm(addr, &snm);
		tip_mld_join(ifp, &snm);
	}
	tip_ip6_addr_route(tn, ifp, a, true);
	tip_ip6_addr_dad_start(ifp, a);
	tip_nl_addr6_event(tn, ifp, a, false);
	return a;
}

int tip_ip6_addr_add(struct tip_net *tn, struct tip_if *ifp,
		     const struct in6_addr *addr, u8 plen, u32 flags,
		     u32 valid, u32 preferred, struct netlink_ext_ack *extack)
{
	int type = ipv6_addr_type(addr);

	lockdep_assert_held(&tn->lock);
	if (plen > 128 || !plen) {
		NL_SET_ERR_MSG(extack, "IPv6 prefix length is 1..128");
		return -EINVAL;
	}
	if (type == IPV6_ADDR_ANY || (type & (IPV6_ADDR_MULTICAST |
					      IPV6_ADDR_MAPPED))) {
		NL_SET_ERR_MSG(extack,
			       "not a unicast IPv6 address (multicast, :: or IPv4-mapped)");
		return -EINVAL;
	}
	if ((type & IPV6_ADDR_LOOPBACK) != (ifp == tn->lo ? type &
					     IPV6_ADDR_LOOPBACK : 0)) {
		NL_SET_ERR_MSG(extack, "::1 belongs to the loopback link");
		return -EINVAL;
	}
	if (preferred > valid) {
		NL_SET_ERR_MSG(extack,
			       "preferred lifetime is longer than the valid one");
		return -EINVAL;
	}
	if (!valid) {
		NL_SET_ERR_MSG(extack, "valid lifetime is zero");
		return -EINVAL;
	}
	if (tip_ip6_addr_find(ifp, addr)) {
		NL_SET_ERR_MSG(extack, "address already on the link");
		return -EEXIST;
	}
	if (!__tip_ip6_addr_add(tn, ifp, addr, plen, flags, valid, preferred,
				0)) {
		NL_SET_ERR_MSG(extack, "tinyip memory budget exhausted");
		return -ENOBUFS;
	}
	return 0;
}

static void tip_ip6_addr_free(struct tip_net *tn, struct tip_if *ifp,
			      struct tip_ifaddr6 *a)
{
	struct in6_addr snm;

	tip_nl_addr6_event(tn, ifp, a, true);
	tip_ip6_addr_route(tn, ifp, a, false);
	list_del(&a->list);
	if (ifp->in6) {
		tip_ip6_snm(&a->addr, &snm);
		tip_mld_leave(ifp, &snm);
	}
	tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, a, sizeof(*a));
}

int tip_ip6_addr_del(struct tip_net *tn, struct tip_if *ifp,
		     const struct in6_addr *addr,
		     struct netlink_ext_ack *extack)
{
	struct tip_ifaddr6 *a;

	lockdep_assert_held(&tn->lock);
	a = tip_ip6_addr_find(ifp, addr);
	if (!a) {
		NL_SET_ERR_MSG(extack, "no such address on the link");
		return -EADDRNOTAVAIL;
	}
	tip_ip6_addr_free(tn, ifp, a);
	return 0;
}

void tip_ip6_addrs_flush(struct tip_net *tn, struct tip_if *ifp)
{
	struct tip_ifaddr6 *a, *tmp;

	list_for_each_entry_safe(a, tmp, &ifp->addr6, list)
		tip_ip6_addr_free(tn, ifp, a);
}

/* An address from @pfx/64 and a stable IID (RFC 7217 5). */
static void tip_ip6_slaac_addr(struct tip_if *ifp, const struct in6_addr *pfx,
			       u8 counter, struct in6_addr *addr)
{
	u8 iid[8];

	tip_ip6_stable_iid(iid, pfx, ifp->hwaddr, ETH_ALEN, counter,
			   &ifp->tn->ip6.iid_key);
	*addr = *pfx;
	memcpy(&addr->s6_addr[8], iid, sizeof(iid));
}

/*
 * DAD found another node with @a (RFC 4862 5.4.5): the address stays,
 * unusable and marked, and an autoconfigured one is replaced by the
 * next stable IID, up to IDGEN_RETRIES times (RFC 7217 6).
 */
void tip_ip6_addr_dad_failed(struct tip_if *ifp, struct tip_ifaddr6 *a)
{
	struct tip_net *tn = ifp->tn;
	struct in6_addr pfx, addr;
	u8 counter = a->dad_counter + 1;

	net_info_ratelimited("tinyip: %s: duplicate address %pI6c detected\n",
			     ifp->name, &a->addr);
	tip_addr6_dad_conflict(a);
	tip_nl_addr6_event(tn, ifp, a, false);
	if (!(a->flags & TINYIP_ADDR_F_AUTOCONF) ||
	    counter > TIP_IDGEN_RETRIES)
		return;
	ipv6_addr_prefix(&pfx, &a->addr, 64);
	tip_ip6_slaac_addr(ifp, &pfx, counter, &addr);
	if (!tip_ip6_addr_find(ifp, &addr))
		__tip_ip6_addr_add(tn, ifp, &addr, a->prefixlen, a->flags &
				   ~(TINYIP_ADDR_F_DADFAILED |
				     TINYIP_ADDR_F_TENTATIVE),
				   tip_addr6_left(a, a->valid, jiffies),
				   tip_addr6_left(a, a->preferred, jiffies),
				   counter);
}

/*
 * A Prefix Information option with the A flag (RFC 4862 5.5.3): make an
 * address from a new prefix, or update the lifetimes of the one we have,
 * never letting an unauthenticated RA cut the valid lifetime below two
 * hours (rule e).
 */
void tip_ip6_addr_ra_prefix(struct tip_if *ifp, const struct in6_addr *pfx,
			    u8 plen, u32 valid, u32 preferred)
{
	struct tip_ifaddr6 *a;
	struct in6_addr addr;

	if (plen != 64 || ipv6_addr_type(pfx) & IPV6_ADDR_LINKLOCAL ||
	    preferred > valid)
		return;
	list_for_each_entry(a, &ifp->addr6, list) {
		if (!(a->flags & TINYIP_ADDR_F_AUTOCONF) ||
		    (a->flags & TINYIP_ADDR_F_DADFAILED) ||
		    !ipv6_prefix_equal(&a->addr, pfx, 64))
			continue;
		tip_addr6_ra_lft(a, valid, preferred, jiffies);
		tip_ip6_if_arm(ifp, jiffies + HZ);
		return;
	}
	if (!valid)
		return;
	tip_ip6_slaac_addr(ifp, pfx, 0, &addr);
	if (!tip_ip6_addr_find(ifp, &addr))
		__tip_ip6_addr_add(ifp->tn, ifp, &addr, 64,
				   TINYIP_ADDR_F_AUTOCONF, valid, preferred, 0);
}

/* The link-local address every attached link gets (RFC 4862 5.3). */
void tip_ip6_addr_linklocal(struct tip_if *ifp)
{
	struct in6_addr pfx = { .s6_addr32 = { htonl(0xfe800000) } };
	struct in6_addr addr;
	struct tip_ifaddr6 *a;

	list_for_each_entry(a, &ifp->addr6, list)
		if (ipv6_addr_type(&a->addr) & IPV6_ADDR_LINKLOCAL)
			return;
	tip_ip6_slaac_addr(ifp, &pfx, 0, &addr);
	if (__tip_ip6_addr_add(ifp->tn, ifp, &addr, 64, 0, TIP_IP6_LFT_FOREVER,
			       TIP_IP6_LFT_FOREVER, 0))
		tip_ip6_route_add(ifp->tn, &pfx, 64, NULL, ifp, TIP_RT6_METRIC,
				  TINYIP_ROUTE_F_CONNECTED, TIP_RT6_STATIC,
				  TIP_IP6_LFT_FOREVER, NULL);
}

/* The link came (back) up: every address runs DAD again (5.4). */
void tip_ip6_addrs_restart(struct tip_if *ifp)
{
	struct tip_ifaddr6 *a;

	list_for_each_entry(a, &ifp->addr6, list)
		tip_ip6_addr_dad_start(ifp, a);
}

/*
 * The per-link timer's part: DAD probes and their end, deprecation and
 * expiry. Returns the next deadline, 0 for none. A link-local address
 * that turns usable starts router solicitation (RFC 4861 6.3.7).
 */
unsigned long tip_ip6_addrs_tick(struct tip_if *ifp, unsigned long now)
{
	unsigned long retrans = msecs_to_jiffies(ifp->in6->retrans_ms);
	struct tip_net *tn = ifp->tn;
	struct tip_ifaddr6 *a, *tmp;
	unsigned long next = 0;
	unsigned int act;

	list_for_each_entry_safe(a, tmp, &ifp->addr6, list) {
		act = tip_addr6_step(a, now, retrans, &next);
		if (act & TIP_A6_PROBE)
			tip_nd6_dad_probe(ifp, a);
		if (act & TIP_A6_EXPIRED) {
			tip_ip6_addr_free(tn, ifp, a);
			continue;
		}
		if (act & (TIP_A6_DAD_DONE | TIP_A6_DEPRECATED))
			tip_nl_addr6_event(tn, ifp, a, false);
		if ((act & TIP_A6_DAD_DONE) &&
		    (ipv6_addr_type(&a->addr) & IPV6_ADDR_LINKLOCAL) &&
		    tn->ip6.accept_ra && !tn->ip6.forwarding) {
			ifp->in6->rs_left = 3;
			ifp->in6->rs_at = now;
			tip_ip6_next(&next, now);
		}
	}
	return next;
}
