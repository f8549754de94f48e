// SPDX-License-Identifier: GPL-2.0
/*
 * What AF_TINYIP sockets share: the socket-address layer (sockaddr_in and
 * sockaddr_in6 in, with AF_INET/AF_INET6 or AF_TINYIP; names out as
 * AF_INET or AF_INET6 by the socket's flavour; RFC 3493 and RFC 3542 for
 * the API, RFC 4291 2.5.5.2 for IPv4-mapped addresses), so that ported
 * programs change only socket(); the IPPROTO_IPV6 options; the bounded
 * and budget-charged receive queue; the SOL_IP options (RFC 1122 3.3.7
 * and RFC 1112 for multicast) and the bookkeeping of multicast
 * memberships, which the raw API uses as well.
 */
#include <linux/in.h>
#include <linux/in6.h>
#include <linux/uaccess.h>
#include <net/ip.h>
#include <net/sock.h>

#include <tinyip/addr.h>
#include <tinyip/af.h>
#include <tinyip/ip4.h>
#include <tinyip/ip6.h>
#include <tinyip/netif.h>
#include <tinyip/sock.h>
#include <tinyip/tinyip.h>

void tip_inet_init(struct tip_inet *inet)
{
	memset(inet, 0, sizeof(*inet));
	INIT_LIST_HEAD(&inet->mc);
	inet->mc_ttl = 1;		/* RFC 1112 6.1: stay on the link */
	inet->mc_loop = true;
	inet->mc_hops6 = 1;		/* RFC 3493 5.2 */
	inet->mc_loop6 = true;
}

/* The link owning @addr, under tn->lock. */
struct tip_if *tip_inet_if_by_addr(struct tip_net *tn, __be32 addr)
{
	struct tip_if *ifp;

	list_for_each_entry(ifp, &tn->ifs, list)
		if (tip_ip4_addr_on(ifp, addr))
			return ifp;
	if (tn->lo && tip_ip4_addr_on(tn->lo, addr))
		return tn->lo;
	return NULL;
}

/*
 * bind()'s address rule, for both families: a wildcard; an address of
 * ours or loopback; for datagrams (@group_ok) also a multicast group or
 * IPv4 broadcast. An IPv6 link-local address must be on the endpoint's
 * device (the socket layer binds it from sin6_scope_id); a mapped address
 * on a V6ONLY endpoint is -EINVAL, as Linux says.
 */
int tip_inet_addr_ok(struct tip_net *tn, const struct tip_inet *inet,
		     const struct in6_addr *addr, bool group_ok)
{
	struct tip_ifaddr6 *a;
	struct tip_if *ifp;
	__be32 a4;

	if (tip_addr_is_v4(addr)) {
		if (inet->v6only)
			return -EINVAL;
		a4 = tip_addr_v4(addr);
		if (!a4 || ipv4_is_loopback(a4) || tip_ip4_is_local(tn, a4) ||
		    (group_ok && (ipv4_is_multicast(a4) ||
				  ipv4_is_lbcast(a4))))
			return 0;
		return -EADDRNOTAVAIL;
	}
	if (ipv6_addr_any(addr))
		return 0;
	if (ipv6_addr_is_multicast(addr))
		return group_ok ? 0 : -EADDRNOTAVAIL;
	if (ipv6_addr_type(addr) & IPV6_ADDR_LINKLOCAL) {
		ifp = inet->bound_if ? tip_if_by_index(tn, inet->bound_if) :
				       NULL;
		a = ifp ? tip_ip6_addr_find(ifp, addr) : NULL;
		if (!a || (a->flags & TINYIP_ADDR_F_TENTATIVE))
			return -EADDRNOTAVAIL;
		return 0;
	}
	return tip_ip6_addr_owner(tn, addr) ? 0 : -EADDRNOTAVAIL;
}

/* The loopback link has no device and so no ifindex: 0 stands for it. */
static struct tip_if *tip_inet_if(struct tip_net *tn, int ifindex)
{
	return ifindex ? tip_if_by_index(tn, ifindex) : tn->lo;
}

/* A route honouring SO_BINDTODEVICE and, for groups, IP_MULTICAST_IF. */
int tip_inet_route(struct tip_net *tn, const struct tip_inet *inet,
		   __be32 daddr, struct tip_rt4_res *res)
{
	int oif = inet->bound_if;

	if (!oif && (ipv4_is_multicast(daddr) || ipv4_is_lbcast(daddr)))
		oif = inet->mc_if;
	return tip_ip4_route(tn, daddr, oif, res);
}

/* The link to join @group on: given, by address, or by the route to it. */
static struct tip_if *tip_inet_mc_link(struct tip_net *tn, __be32 group,
				       __be32 ifaddr, int ifindex)
{
	struct tip_rt4_res res;

	if (ifindex)
		return tip_if_by_index(tn, ifindex);
	if (ifaddr)
		return tip_inet_if_by_addr(tn, ifaddr);
	if (tip_ip4_route(tn, group, 0, &res))
		return NULL;
	return res.ifp;
}

int tip_inet_mc_join(struct tip_net *tn, struct tip_inet *inet,
		     __be32 group, __be32 ifaddr, int ifindex)
{
	struct tip_mc_membership *m;
	struct tip_if *ifp;
	int err;

	lockdep_assert_held(&tn->lock);
	if (!IS_ENABLED(CONFIG_TINYIP_IGMP))
		return -EOPNOTSUPP;
	if (!ipv4_is_multicast(group))
		return -EINVAL;
	ifp = tip_inet_mc_link(tn, group, ifaddr, ifindex);
	if (!ifp)
		return -ENODEV;
	list_for_each_entry(m, &inet->mc, list)
		if (m->group == group && m->ifindex == ifp->ifindex)
			return -EADDRINUSE;
	if (inet->nmc >= TIP_MC_MAX_MEMBERSHIPS)
		return -ENOBUFS;
	m = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*m), GFP_ATOMIC);
	if (!m)
		return -ENOBUFS;
	err = tip_ip4_mc_join(tn, ifp, group);
	if (err) {
		tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, m, sizeof(*m));
		return err;
	}
	m->group = group;
	m->ifindex = ifp->ifindex;
	list_add(&m->list, &inet->mc);
	inet->nmc++;
	return 0;
}

static void tip_inet_mc_del(struct tip_net *tn, struct tip_inet *inet,
			    struct tip_mc_membership *m)
{
	struct tip_if *ifp = tip_inet_if(tn, m->ifindex);

	/* A detached link already forgot its groups. */
	if (ifp && m->v6)
		tip_mld_leave(ifp, &m->group6);
	else if (ifp)
		tip_ip4_mc_leave(tn, ifp, m->group);
	list_del(&m->list);
	inet->nmc--;
	tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, m, sizeof(*m));
}

/* Without a link, the first membership of @group goes (as Linux). */
int tip_inet_mc_leave(struct tip_net *tn, struct tip_inet *inet,
		      __be32 group, __be32 ifaddr, int ifindex)
{
	struct tip_mc_membership *m;
	struct tip_if *ifp;

	lockdep_assert_held(&tn->lock);
	if (!ifindex && ifaddr) {
		ifp = tip_inet_if_by_addr(tn, ifaddr);
		if (!ifp)
			return -ENODEV;
		ifindex = ifp->ifindex;
		if (!ifindex)
			ifaddr = 0;	/* the loopback link: match it exactly */
	}
	list_for_each_entry(m, &inet->mc, list) {
		if (m->group != group)
			continue;
		if ((ifindex || ifaddr) && m->ifindex != ifindex)
			continue;
		tip_inet_mc_del(tn, inet, m);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

/*
 * The link an IPv6 group is joined on when the program names none: the
 * route towards it, else the first attached link that speaks IPv6.
 * Linux finds one through its per-device ff00::/8 routes; tinyip has no
 * such routes, and a host with one link should not need to name it.
 */
static struct tip_if *tip_inet_mc6_link(struct tip_net *tn,
					const struct in6_addr *group)
{
	struct tip_rt6 *rt = tip_ip6_route_lookup(tn, group, NULL);
	struct tip_if *ifp;

	if (rt && rt->ifp && !rt->ifp->dying)
		return rt->ifp;
	list_for_each_entry(ifp, &tn->ifs, list)
		if (ifp != tn->lo && !ifp->dying && ifp->in6)
			return ifp;
	return NULL;
}

/*
 * IPV6_JOIN_GROUP (RFC 3493 5.2): the link joins through MLD (RFC 3810),
 * which sends the reports; the membership is the endpoint's until it
 * leaves or goes away. Errors as Linux's ipv6_sock_mc_join().
 */
int tip_inet_mc6_join(struct tip_net *tn, struct tip_inet *inet,
		      const struct in6_addr *group, int ifindex)
{
	struct tip_mc_membership *m;
	struct tip_if *ifp;
	int err;

	lockdep_assert_held(&tn->lock);
	if (!IS_ENABLED(CONFIG_TINYIP_IGMP) || !IS_ENABLED(CONFIG_TINYIP_IPV6))
		return -EOPNOTSUPP;
	if (!ipv6_addr_is_multicast(group))
		return -EINVAL;
	ifp = ifindex ? tip_if_by_index(tn, ifindex) :
			tip_inet_mc6_link(tn, group);
	if (!ifp || !ifp->in6)
		return -ENODEV;
	list_for_each_entry(m, &inet->mc, list)
		if (m->v6 && ipv6_addr_equal(&m->group6, group) &&
		    m->ifindex == ifp->ifindex)
			return -EADDRINUSE;
	if (inet->nmc >= TIP_MC_MAX_MEMBERSHIPS)
		return -ENOBUFS;
	m = tip_mem_zalloc(&tn->mem, TINYIP_MEM_OTHER, sizeof(*m), GFP_ATOMIC);
	if (!m)
		return -ENOBUFS;
	err = tip_mld_join(ifp, group);
	if (err) {
		tip_mem_free(&tn->mem, TINYIP_MEM_OTHER, m, sizeof(*m));
		return err;
	}
	m->v6 = true;
	m->group6 = *group;
	m->ifindex = ifp->ifindex;
	list_add(&m->list, &inet->mc);
	inet->nmc++;
	return 0;
}

/* IPV6_LEAVE_GROUP: @ifindex 0 takes the first membership of @group. */
int tip_inet_mc6_leave(struct tip_net *tn, struct tip_inet *inet,
		       const struct in6_addr *group, int ifindex)
{
	struct tip_mc_membership *m;

	lockdep_assert_held(&tn->lock);
	if (!ipv6_addr_is_multicast(group))
		return -EINVAL;
	list_for_each_entry(m, &inet->mc, list) {
		if (!m->v6 || !ipv6_addr_equal(&m->group6, group))
			continue;
		if (ifindex && m->ifindex != ifindex)
			continue;
		tip_inet_mc_del(tn, inet, m);
		return 0;
	}
	return -EADDRNOTAVAIL;
}

/*
 * The link an IPv6 packet to @daddr must leave by: the destination's
 * scope id, else the bound device, else for a group IPV6_MULTICAST_IF
 * or the link it would be joined on. NULL lets the route decide (and
 * fails a scoped destination with ENETUNREACH).
 */
struct tip_if *tip_inet_oif6(struct tip_net *tn, const struct tip_inet *inet,
			     const struct in6_addr *daddr, int scope_id)
{
	int ifindex = scope_id ?: inet->bound_if;
	bool mcast = ipv6_addr_is_multicast(daddr);

	if (!ifindex && mcast)
		ifindex = inet->mc_ifindex6;
	if (ifindex)
		return tip_if_by_index(tn, ifindex);
	return mcast ? tip_inet_mc6_link(tn, daddr) : NULL;
}

void tip_inet_mc_drop_all(struct tip_net *tn, struct tip_inet *inet)
{
	struct tip_mc_membership *m, *tmp;

	lockdep_assert_held(&tn->lock);
	list_for_each_entry_safe(m, tmp, &inet->mc, list)
		tip_inet_mc_del(tn, inet, m);
}

/*
 * The address a program gives (bind, connect, sendto), parsed but not yet
 * judged: a sockaddr_in (family AF_INET, or AF_TINYIP with a length below
 * that of a sockaddr_in6) or a sockaddr_in6 (AF_INET6 from
 * SIN6_LEN_RFC2133 bytes on, as Linux takes it, or AF_TINYIP at full
 * length), so a program ported by changing socket() keeps working.
 */
int tip_sock_parse(const struct sockaddr *uaddr, int len,
		   struct tip_sockaddr *sa)
{
	const struct sockaddr_in6 *sin6 = (const struct sockaddr_in6 *)uaddr;
	const struct sockaddr_in *sin = (const struct sockaddr_in *)uaddr;
	bool v6;

	memset(sa, 0, sizeof(*sa));
	if (len < (int)sizeof(*sin))
		return -EINVAL;
	if (sin->sin_family == AF_INET6)
		v6 = true;
	else if (sin->sin_family == tip_af_family())
		v6 = len >= (int)sizeof(*sin6);
	else if (sin->sin_family == AF_INET)
		v6 = false;
	else
		return -EAFNOSUPPORT;
	if (!v6) {
		tip_addr_from4(&sa->addr, sin->sin_addr.s_addr);
		sa->port = sin->sin_port;
		return 0;
	}
	if (!IS_ENABLED(CONFIG_TINYIP_IPV6))
		return -EAFNOSUPPORT;
	if (len < SIN6_LEN_RFC2133)
		return -EINVAL;
	sa->v6 = true;
	sa->addr = sin6->sin6_addr;
	sa->port = sin6->sin6_port;
	/* RFC 2133's shorter sockaddr_in6 has no scope field. */
	if (len >= (int)sizeof(*sin6))
		sa->scope_id = sin6->sin6_scope_id;
	return 0;
}

/* Addresses that mean nothing without an interface (RFC 4007 6). */
static bool tip_sock_needs_scope(const struct in6_addr *addr)
{
	return __ipv6_addr_needs_scope_id(__ipv6_addr_type(addr));
}

/*
 * Judges a parsed address against the socket, under tn->lock (and
 * lock_sock for bind): the first sockaddr_in6 an unbound socket is given
 * makes it an IPv6 one (RFC 3493 3.7: its :: takes IPv4 too, its names
 * are sockaddr_in6); from then on, or once bound as IPv4, the other form
 * is -EAFNOSUPPORT, as Linux answers a family mismatch. A link-local
 * address needs a scope (sin6_scope_id or a bound device, -EINVAL
 * otherwise); bind() binds the socket to that device as SO_BINDTODEVICE
 * would, and a different existing binding is -EINVAL.
 */
int tip_sock_apply(struct sock *sk, const struct tip_sock_ep *ep,
		   const struct tip_sockaddr *sa, bool bind)
{
	struct tip_inet *inet = ep->inet;
	int dev = READ_ONCE(sk->sk_bound_dev_if);

	if (sa->v6 != inet->v6) {
		if (!sa->v6 || ep->bound)
			return -EAFNOSUPPORT;
		inet->v6 = true;
		if (!ep->bound)
			tip_addr_set_wild(ep->laddr, true);
	}
	if (!sa->v6 || !tip_sock_needs_scope(&sa->addr))
		return 0;
	if (sa->scope_id && dev && dev != sa->scope_id)
		return -EINVAL;
	if (!sa->scope_id && !dev)
		return -EINVAL;
	/* A bound socket's bind() fails later; leave its device alone. */
	if (bind && sa->scope_id && !dev && !ep->bound) {
		WRITE_ONCE(sk->sk_bound_dev_if, sa->scope_id);
		inet->bound_if = sa->scope_id;
	}
	return 0;
}

/*
 * A name for the user in the socket's flavour: sockaddr_in for an IPv4
 * socket, else sockaddr_in6 with IPv4 as ::ffff:a.b.c.d and a link-local
 * address scoped by @ifindex (RFC 3493 3.3, RFC 4007 11). Returns its
 * length.
 */
int tip_sock_name(struct sockaddr *uaddr, const struct tip_inet *inet,
		  const struct in6_addr *addr, __be16 port, int ifindex)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)uaddr;
	struct sockaddr_in *sin = (struct sockaddr_in *)uaddr;

	if (!inet->v6) {
		sin->sin_family = AF_INET;
		sin->sin_port = port;
		sin->sin_addr.s_addr = tip_addr_is_v4(addr) ?
				       tip_addr_v4(addr) : 0;
		memset(sin->sin_zero, 0, sizeof(sin->sin_zero));
		return sizeof(*sin);
	}
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = port;
	sin6->sin6_flowinfo = 0;
	sin6->sin6_addr = *addr;
	sin6->sin6_scope_id = tip_sock_needs_scope(addr) ? ifindex : 0;
	return sizeof(*sin6);
}

/* The sender of a received datagram (IPv4 or IPv6) as a name. */
int tip_sock_skb_name(struct sockaddr *uaddr, const struct tip_inet *inet,
		      struct sk_buff *skb, __be16 port)
{
	struct tip_if *ifp = TIP_CB(skb)->iif;
	struct in6_addr saddr, daddr;

	tip_skb_addrs(skb, &saddr, &daddr);
	return tip_sock_name(uaddr, inet, &saddr, port,
			     ifp ? ifp->ifindex : 0);
}

/*
 * The IPPROTO_IPV6 level (RFC 3493 5, RFC 3542): any option set here
 * makes an unbound socket an IPv6 one, as a program that sets them
 * expects sockaddr_in6 names. Values and errors are Linux's
 * (do_ipv6_setsockopt): EINVAL for a short option or a value out of
 * range, ENODEV for an unknown interface, EADDRINUSE for a group joined
 * twice, EADDRNOTAVAIL for leaving one not joined, EPROTO for
 * memberships on a stream socket.
 */
int tip_sock_ipv6_setsockopt(struct sock *sk, tip_sock_ep_t ep_of,
			     int optname, sockptr_t optval,
			     unsigned int optlen)
{
	struct tip_net *tn = tip_net(sock_net(sk));
	struct ipv6_mreq mreq;
	struct tip_sock_ep ep;
	struct tip_inet *inet;
	int val = 0, err = 0;

	/* As Linux answers SOL_IPV6 on an AF_INET socket. */
	if (!IS_ENABLED(CONFIG_TINYIP_IPV6))
		return -ENOPROTOOPT;

	switch (optname) {
	case IPV6_V6ONLY:
	case IPV6_UNICAST_HOPS:
	case IPV6_MULTICAST_HOPS:
	case IPV6_MULTICAST_LOOP:
	case IPV6_MULTICAST_IF:
	case IPV6_TCLASS:
	case IPV6_DONTFRAG:
	case IPV6_RECVPKTINFO:
	case IPV6_RECVHOPLIMIT:
	case IPV6_RECVERR:
		if (optlen < sizeof(int))
			return -EINVAL;
		if (copy_from_sockptr(&val, optval, sizeof(val)))
			return -EFAULT;
		break;
	case IPV6_ADD_MEMBERSHIP:
	case IPV6_DROP_MEMBERSHIP:
		if (sk->sk_type == SOCK_STREAM)
			return -EPROTO;
		if (optlen < sizeof(mreq))
			return -EINVAL;
		if (copy_from_sockptr(&mreq, optval, sizeof(mreq)))
			return -EFAULT;
		break;
	default:
		return -ENOPROTOOPT;
	}
	switch (optname) {
	case IPV6_UNICAST_HOPS:
	case IPV6_MULTICAST_HOPS:
	case IPV6_TCLASS:
		if (val < -1 || val > 255)
			return -EINVAL;
		break;
	case IPV6_MULTICAST_LOOP:
		if (val != !!val)
			return -EINVAL;
		break;
	}

	/* lock_sock keeps bind and connect out, tn->lock an autobind. */
	lock_sock(sk);
	spin_lock_bh(&tn->lock);
	ep_of(sk, &ep);
	inet = ep.inet;
	/* An IPv4 socket that is already bound stays one: as AF_INET. */
	if (!inet->v6 && ep.bound) {
		err = -ENOPROTOOPT;
		goto out;
	}
	switch (optname) {
	case IPV6_V6ONLY:
		if (ep.bound) {
			err = -EINVAL;
			break;
		}
		inet->v6only = !!val;
		break;
	case IPV6_UNICAST_HOPS:
		/* -1 and 0 both leave the link's hop limit in force. */
		inet->hop_limit6 = val < 0 ? 0 : val;
		break;
	case IPV6_MULTICAST_HOPS:
		inet->mc_hops6 = val < 0 ? 1 : val;
		break;
	case IPV6_MULTICAST_LOOP:
		inet->mc_loop6 = val;
		break;
	case IPV6_MULTICAST_IF:
		if (val && !tip_if_by_index(tn, val)) {
			err = -ENODEV;
			break;
		}
		inet->mc_ifindex6 = val;
		break;
	case IPV6_TCLASS:
		inet->tclass6 = val < 0 ? 0 : val;
		break;
	case IPV6_DONTFRAG:
		inet->dontfrag6 = !!val;
		break;
	case IPV6_RECVPKTINFO:
		inet->recvpktinfo6 = !!val;
		break;
	case IPV6_RECVHOPLIMIT:
		inet->recvhoplimit6 = !!val;
		break;
	case IPV6_RECVERR:
		/* Clearing it drops what is queued, as on Linux. */
		inet->recverr6 = !!val;
		if (!val)
			skb_queue_purge(&sk->sk_error_queue);
		break;
	case IPV6_ADD_MEMBERSHIP:
		err = tip_inet_mc6_join(tn, inet, &mreq.ipv6mr_multiaddr,
					mreq.ipv6mr_ifindex);
		break;
	case IPV6_DROP_MEMBERSHIP:
		err = tip_inet_mc6_leave(tn, inet, &mreq.ipv6mr_multiaddr,
					 mreq.ipv6mr_ifindex);
		break;
	}
	if (!err && !inet->v6) {
		inet->v6 = true;
		tip_addr_set_wild(ep.laddr, true);
	}
out:
	spin_unlock_bh(&tn->lock);
	release_sock(sk);
	return err;
}

int tip_sock_ipv6_getsockopt(struct sock *sk, struct tip_inet *inet,
			     int optname, char __user *optval,
			     int __user *optlen)
{
	int val;

	if (!IS_ENABLED(CONFIG_TINYIP_IPV6))
		return -ENOPROTOOPT;
	switch (optname) {
	case IPV6_V6ONLY:
		val = READ_ONCE(inet->v6only);
		break;
	case IPV6_UNICAST_HOPS:
		/* The default reads as Linux's, the IPv6 default of 64. */
		val = READ_ONCE(inet->hop_limit6) ?: 64;
		break;
	case IPV6_MULTICAST_HOPS:
		val = READ_ONCE(inet->mc_hops6);
		break;
	case IPV6_MULTICAST_LOOP:
		val = READ_ONCE(inet->mc_loop6);
		break;
	case IPV6_MULTICAST_IF:
		val = READ_ONCE(inet->mc_ifindex6);
		break;
	case IPV6_TCLASS:
		val = READ_ONCE(inet->tclass6);
		break;
	case IPV6_DONTFRAG:
		val = READ_ONCE(inet->dontfrag6);
		break;
	case IPV6_RECVPKTINFO:
		val = READ_ONCE(inet->recvpktinfo6);
		break;
	case IPV6_RECVHOPLIMIT:
		val = READ_ONCE(inet->recvhoplimit6);
		break;
	case IPV6_RECVERR:
		val = READ_ONCE(inet->recverr6);
		break;
	default:
		return -ENOPROTOOPT;
	}
	return tip_sock_put_int(val, optval, optlen, false);
}

/*
 * Ancillary data on receive (RFC 3542 6): IPV6_PKTINFO, the destination
 * address the datagram carried (mapped for IPv4) and the link it came in
 * on; IPV6_HOPLIMIT, the hop limit it arrived with (IPv6 packets only,
 * as Linux gives it).
 */
void tip_sock_cmsg6(struct msghdr *msg, const struct tip_inet *inet,
		    struct sk_buff *skb)
{
	struct tip_if *ifp = TIP_CB(skb)->iif;
	struct in6_pktinfo pi;
	struct in6_addr saddr;
	int hops;

	if (READ_ONCE(inet->recvpktinfo6)) {
		memset(&pi, 0, sizeof(pi));
		tip_skb_addrs(skb, &saddr, &pi.ipi6_addr);
		pi.ipi6_ifindex = ifp ? ifp->ifindex : 0;
		put_cmsg(msg, SOL_IPV6, IPV6_PKTINFO, sizeof(pi), &pi);
	}
	if (READ_ONCE(inet->recvhoplimit6) && ipv6_hdr(skb)->version == 6) {
		hops = ipv6_hdr(skb)->hop_limit;
		put_cmsg(msg, SOL_IPV6, IPV6_HOPLIMIT, sizeof(hops), &hops);
	}
}

/* Frees a queued datagram's share of the socket and of the instance. */
void tip_sock_rfree(struct sk_buff *skb)
{
	struct sock *sk = skb->sk;

	atomic_sub(skb->truesize, &sk->sk_rmem_alloc);
	tip_mem_uncharge(&tip_net(sock_net(sk))->mem, TINYIP_MEM_RCVQ,
			 skb->truesize);
}

/*
 * Queue a received datagram, under tn->lock. Bounded by SO_RCVBUF (one
 * datagram always fits an empty queue, as on Linux) and by the instance
 * budget; the charge follows the skb, so whoever frees it (recvmsg, close,
 * a purge) gives it back.
 */
int tip_sock_queue_rcv(struct sock *sk, struct sk_buff *skb)
{
	struct tip_net *tn = tip_net(sock_net(sk));
	struct tip_if *ifp = TIP_CB(skb)->iif;

	skb_orphan(skb);
	if (atomic_read(&sk->sk_rmem_alloc) >= READ_ONCE(sk->sk_rcvbuf) ||
	    tip_mem_charge(&tn->mem, TINYIP_MEM_RCVQ, skb->truesize)) {
		atomic_inc(&sk->sk_drops);
		tip_if_rx_drop(ifp, skb, TINYIP_DROP_RCVBUF);
		return -ENOBUFS;
	}
	skb->sk = sk;
	skb->destructor = tip_sock_rfree;
	atomic_add(skb->truesize, &sk->sk_rmem_alloc);
	skb_dst_drop(skb);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	if (!sock_flag(sk, SOCK_DEAD))
		sk->sk_data_ready(sk);
	return 0;
}

/* SOL_SOCKET settings the core stored in the sock, into the PCB. */
void tip_sock_sync(struct sock *sk, struct tip_inet *inet)
{
	inet->reuse = sk->sk_reuse != SK_NO_REUSE;
	inet->broadcast = sock_flag(sk, SOCK_BROADCAST);
	inet->bound_if = READ_ONCE(sk->sk_bound_dev_if);
}

/*
 * IP_MULTICAST_IF and the memberships take an ip_mreqn, or an ip_mreq
 * (its prefix), or for IP_MULTICAST_IF a bare interface address.
 */
static int tip_sock_get_mreqn(struct ip_mreqn *mreq, sockptr_t optval,
			      unsigned int optlen, unsigned int minlen)
{
	unsigned int len = sizeof(struct ip_mreq);

	memset(mreq, 0, sizeof(*mreq));
	if (optlen >= sizeof(*mreq))
		len = sizeof(*mreq);
	else if (optlen < sizeof(struct ip_mreq) && optlen >= minlen)
		return copy_from_sockptr(&mreq->imr_address, optval,
					 sizeof(struct in_addr)) ? -EFAULT : 0;
	else if (optlen < len)
		return -EINVAL;
	return copy_from_sockptr(mreq, optval, len) ? -EFAULT : 0;
}

static int tip_sock_set_mc_if(struct tip_net *tn, struct tip_inet *inet,
			      const struct ip_mreqn *mreq)
{
	__be32 addr = mreq->imr_address.s_addr;
	int ifindex = mreq->imr_ifindex;
	struct tip_if *ifp;

	if (!ifindex && addr) {
		ifp = tip_inet_if_by_addr(tn, addr);
		if (!ifp)
			return -EADDRNOTAVAIL;
		ifindex = ifp->ifindex;
	} else if (ifindex && !tip_if_by_index(tn, ifindex)) {
		return -EADDRNOTAVAIL;
	}
	inet->mc_if = ifindex;
	inet->mc_addr = addr;
	return 0;
}

int tip_sock_ip_setsockopt(struct sock *sk, struct tip_inet *inet,
			   int optname, sockptr_t optval, unsigned int optlen)
{
	struct tip_net *tn = tip_net(sock_net(sk));
	struct ip_mreqn mreq;
	int val = 0, err = 0;
	u8 byte;

	switch (optname) {
	case IP_TOS:
	case IP_TTL:
	case IP_MULTICAST_TTL:
	case IP_MULTICAST_LOOP:
	case IP_RECVERR:
		/* As Linux: an int, or a single byte for old programs. */
		if (optlen >= sizeof(int)) {
			if (copy_from_sockptr(&val, optval, sizeof(val)))
				return -EFAULT;
		} else if (optlen >= 1) {
			if (copy_from_sockptr(&byte, optval, 1))
				return -EFAULT;
			val = byte;
		} else {
			return -EINVAL;
		}
		break;
	case IP_MULTICAST_IF:
		err = tip_sock_get_mreqn(&mreq, optval, optlen,
					 sizeof(struct in_addr));
		break;
	case IP_ADD_MEMBERSHIP:
	case IP_DROP_MEMBERSHIP:
		err = tip_sock_get_mreqn(&mreq, optval, optlen,
					 sizeof(struct ip_mreq));
		break;
	default:
		return -ENOPROTOOPT;
	}
	if (err)
		return err;

	spin_lock_bh(&tn->lock);
	switch (optname) {
	case IP_TOS:
		inet->tos = val;
		break;
	case IP_TTL:
		if (val != -1 && (val < 1 || val > 255))
			err = -EINVAL;
		else
			inet->ttl = val == -1 ? 0 : val;
		break;
	case IP_MULTICAST_TTL:
		if (val == -1)
			val = 1;
		if (val < 0 || val > 255)
			err = -EINVAL;
		else
			inet->mc_ttl = val;
		break;
	case IP_MULTICAST_LOOP:
		inet->mc_loop = !!val;
		break;
	case IP_RECVERR:
		inet->recverr = !!val;
		if (!val)
			skb_queue_purge(&sk->sk_error_queue);
		break;
	case IP_MULTICAST_IF:
		err = tip_sock_set_mc_if(tn, inet, &mreq);
		break;
	case IP_ADD_MEMBERSHIP:
		err = tip_inet_mc_join(tn, inet, mreq.imr_multiaddr.s_addr,
				       mreq.imr_address.s_addr,
				       mreq.imr_ifindex);
		break;
	case IP_DROP_MEMBERSHIP:
		err = tip_inet_mc_leave(tn, inet, mreq.imr_multiaddr.s_addr,
					mreq.imr_address.s_addr,
					mreq.imr_ifindex);
		break;
	}
	spin_unlock_bh(&tn->lock);
	return err;
}

/*
 * An int option back to the user; with @short_ok a buffer shorter than
 * an int gets one byte when the value fits, as Linux does for SOL_IP.
 */
int tip_sock_put_int(int val, char __user *optval, int __user *optlen,
		     bool short_ok)
{
	int len;

	if (get_user(len, optlen))
		return -EFAULT;
	if (len < 0)
		return -EINVAL;
	if (short_ok && len > 0 && len < (int)sizeof(int) && val >= 0 &&
	    val <= 255) {
		u8 byte = val;

		if (put_user(1, optlen) || copy_to_user(optval, &byte, 1))
			return -EFAULT;
		return 0;
	}
	len = min_t(int, len, sizeof(int));
	if (put_user(len, optlen) || copy_to_user(optval, &val, len))
		return -EFAULT;
	return 0;
}

int tip_sock_ip_getsockopt(struct sock *sk, struct tip_inet *inet,
			   int optname, char __user *optval,
			   int __user *optlen)
{
	struct tip_net *tn = tip_net(sock_net(sk));
	struct in_addr addr;
	int val, len;

	spin_lock_bh(&tn->lock);
	switch (optname) {
	case IP_TOS:
		val = inet->tos;
		break;
	case IP_TTL:
		val = inet->ttl ?: IPDEFTTL;
		break;
	case IP_MULTICAST_TTL:
		val = inet->mc_ttl;
		break;
	case IP_MULTICAST_LOOP:
		val = inet->mc_loop;
		break;
	case IP_RECVERR:
		val = inet->recverr;
		break;
	case IP_MULTICAST_IF:
		addr.s_addr = inet->mc_addr;
		spin_unlock_bh(&tn->lock);
		if (get_user(len, optlen))
			return -EFAULT;
		if (len < 0)
			return -EINVAL;
		len = min_t(int, len, sizeof(addr));
		if (put_user(len, optlen) || copy_to_user(optval, &addr, len))
			return -EFAULT;
		return 0;
	default:
		spin_unlock_bh(&tn->lock);
		return -ENOPROTOOPT;
	}
	spin_unlock_bh(&tn->lock);
	return tip_sock_put_int(val, optval, optlen, true);
}
