// SPDX-License-Identifier: GPL-2.0
/*
 * AF_TINYIP SOCK_DGRAM (UDP, RFC 768; UDP-Lite, RFC 3828) and SOCK_RAW
 * sockets: proto_ops over the PCBs of module/udp.c and module/raw.c.
 * Waiting, timeouts, MSG_PEEK and poll are the kernel's datagram helpers
 * over sk_receive_queue, so they behave as they do for AF_INET.
 */
#include <linux/capability.h>
#include <linux/icmp.h>
#include <linux/icmpv6.h>
#include <linux/in.h>
#include <linux/net.h>
#include <linux/sockios.h>
#include <linux/termios.h>
#include <linux/udp.h>
#include <net/sock.h>
#include <net/udplite.h>

#include <tinyip/addr.h>
#include <tinyip/af.h>
#include <tinyip/fault.h>
#include <tinyip/netif.h>
#include <tinyip/sock.h>
#include <tinyip/tinyip.h>

static struct tip_inet *tip_sock_inet(struct sock *sk)
{
	struct tip_sock *ts = tip_sk(sk);

	return ts->udp ? &ts->udp->inet : &ts->raw->inet;
}

static struct tip_net *tip_sock_tn(struct sock *sk)
{
	return tip_net(sock_net(sk));
}

/*
 * The endpoint as the socket-address layer sees it, under tn->lock: a
 * UDP socket is bound once it has a port or a peer, a raw one once it
 * has an address or a peer.
 */
static void tip_dgram_ep(struct sock *sk, struct tip_sock_ep *ep)
{
	struct tip_sock *ts = tip_sk(sk);

	if (ts->udp) {
		ep->inet = &ts->udp->inet;
		ep->laddr = &ts->udp->laddr;
		ep->bound = ts->udp->lport || !ipv6_addr_any(&ts->udp->raddr);
	} else {
		ep->inet = &ts->raw->inet;
		ep->laddr = &ts->raw->laddr;
		ep->bound = !tip_addr_is_wild(&ts->raw->laddr) ||
			    !ipv6_addr_any(&ts->raw->raddr);
	}
}

static void tip_sock_udp_recv(struct tip_udp_pcb *pcb, struct sk_buff *skb)
{
	tip_sock_queue_rcv(pcb->ctx, skb);
}

static void tip_sock_udp_err(struct tip_udp_pcb *pcb,
			     const struct tip_udp_icmp *e)
{
	struct sock *sk = pcb->ctx;

	if (e->queue)
		tip_sock_queue_err(sk, e);
	WRITE_ONCE(sk->sk_err, e->err);
	sk_error_report(sk);
}

static const struct tip_udp_ops tip_sock_udp_ops = {
	.recv = tip_sock_udp_recv,
	.err = tip_sock_udp_err,
};

static void tip_sock_raw_recv(struct tip_raw_pcb *pcb, struct sk_buff *skb)
{
	tip_sock_queue_rcv(pcb->ctx, skb);
}

/* SO_BINDTODEVICE calls this once the core stored the new device. */
static void tip_sock_rehash(struct sock *sk)
{
	struct tip_net *tn = tip_sock_tn(sk);

	spin_lock_bh(&tn->lock);
	tip_sock_inet(sk)->bound_if = READ_ONCE(sk->sk_bound_dev_if);
	spin_unlock_bh(&tn->lock);
}

static int tip_sock_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct tip_sock *ts;

	if (!sk)
		return 0;
	ts = tip_sk(sk);
	/* After this no receive path can reach the socket. */
	if (ts->udp)
		tip_udp_pcb_free(ts->udp);
	if (ts->raw)
		tip_raw_pcb_free(ts->raw);
	ts->udp = NULL;
	ts->raw = NULL;

	lock_sock(sk);
	sock_orphan(sk);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	release_sock(sk);
	skb_queue_purge(&sk->sk_receive_queue);
	skb_queue_purge(&sk->sk_error_queue);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static int tip_sock_bind(struct socket *sock, struct sockaddr *uaddr,
			 int len)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_sock_tn(sk);
	struct tip_sock *ts = tip_sk(sk);
	struct tip_sockaddr sa;
	struct tip_sock_ep ep;
	bool privileged = true;
	int err;

	err = tip_sock_parse(uaddr, len, &sa);
	if (err)
		return err;
	if (ts->udp && sa.port && ntohs(sa.port) < PROT_SOCK)
		privileged = ns_capable(sock_net(sk)->user_ns,
					CAP_NET_BIND_SERVICE);

	lock_sock(sk);
	spin_lock_bh(&tn->lock);
	tip_sock_sync(sk, tip_sock_inet(sk));
	tip_dgram_ep(sk, &ep);
	err = tip_sock_apply(sk, &ep, &sa, true);
	if (!err && ts->udp)
		err = tip_udp_bind(ts->udp, &sa.addr, sa.port, privileged);
	else if (!err)
		err = tip_raw_bind(ts->raw, &sa.addr);
	spin_unlock_bh(&tn->lock);
	release_sock(sk);
	return err;
}

/* connect() on the PCB, under tn->lock; @sa NULL disconnects. */
static int tip_sock_do_connect(struct tip_sock *ts,
			       const struct tip_sockaddr *sa)
{
	if (ts->udp) {
		if (!sa) {
			tip_udp_disconnect(ts->udp);
			return 0;
		}
		return tip_udp_connect(ts->udp, &sa->addr, sa->port);
	}
	if (!sa) {
		ts->raw->raddr = in6addr_any;
		return 0;
	}
	/* No IPv4 peer for a V6ONLY socket. */
	if (tip_addr_is_v4(&sa->addr) && ts->raw->inet.v6only)
		return -ENETUNREACH;
	ts->raw->raddr = sa->addr;
	return 0;
}

static int tip_sock_connect(struct socket *sock, struct sockaddr *uaddr,
			    int len, int flags)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_sock_tn(sk);
	struct tip_sock *ts = tip_sk(sk);
	struct tip_sockaddr sa;
	struct tip_sock_ep ep;
	bool unspec, conn;
	int err;

	unspec = len >= (int)sizeof(uaddr->sa_family) &&
		 uaddr->sa_family == AF_UNSPEC;
	if (!unspec) {
		err = tip_sock_parse(uaddr, len, &sa);
		if (err)
			return err;
	}

	lock_sock(sk);
	spin_lock_bh(&tn->lock);
	tip_sock_sync(sk, tip_sock_inet(sk));
	tip_dgram_ep(sk, &ep);
	/* AF_UNSPEC, and as before 0.0.0.0 or ::, disconnect. */
	conn = !unspec && !tip_addr_is_wild(&sa.addr);
	err = unspec ? 0 : tip_sock_apply(sk, &ep, &sa, false);
	/*
	 * A scoped peer binds an unbound socket to its link, as Linux's
	 * ip6_datagram_connect() does, so replies are matched and sends
	 * leave there.
	 */
	if (!err && conn && sa.v6 && sa.scope_id &&
	    !READ_ONCE(sk->sk_bound_dev_if) &&
	    (ipv6_addr_type(&sa.addr) & IPV6_ADDR_LINKLOCAL)) {
		WRITE_ONCE(sk->sk_bound_dev_if, sa.scope_id);
		ep.inet->bound_if = sa.scope_id;
	}
	if (!err)
		err = tip_sock_do_connect(ts, conn ? &sa : NULL);
	spin_unlock_bh(&tn->lock);
	if (!err) {
		sk->sk_state = conn ? TCP_ESTABLISHED : TCP_CLOSE;
		sock->state = conn ? SS_CONNECTED : SS_UNCONNECTED;
	}
	release_sock(sk);
	return err;
}

static int tip_sock_getname(struct socket *sock, struct sockaddr *uaddr,
			    int peer)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_sock_tn(sk);
	struct tip_sock *ts = tip_sk(sk);
	struct tip_inet *inet = tip_sock_inet(sk);
	struct in6_addr addr;
	int ifindex, len;
	__be16 port;

	spin_lock_bh(&tn->lock);
	if (ts->udp) {
		addr = peer ? ts->udp->raddr : ts->udp->laddr;
		port = peer ? ts->udp->rport : ts->udp->lport;
	} else {
		addr = peer ? ts->raw->raddr : ts->raw->laddr;
		port = 0;
	}
	ifindex = inet->bound_if;
	if (peer && ipv6_addr_any(&addr))
		len = -ENOTCONN;
	else
		len = tip_sock_name(uaddr, inet, &addr, port, ifindex);
	spin_unlock_bh(&tn->lock);
	return len;
}

/* FIONREAD/SIOCINQ: the next datagram's payload, as for AF_INET. */
static int tip_sock_ioctl(struct socket *sock, unsigned int cmd,
			  unsigned long arg)
{
	struct sock *sk = sock->sk;
	struct sk_buff *skb;
	int amount = 0;

	switch (cmd) {
	case SIOCINQ:
		spin_lock_bh(&sk->sk_receive_queue.lock);
		skb = skb_peek(&sk->sk_receive_queue);
		if (skb)
			amount = skb->len -
				 (tip_sk(sk)->udp ? sizeof(struct udphdr) : 0);
		spin_unlock_bh(&sk->sk_receive_queue.lock);
		break;
	case SIOCOUTQ:
		amount = sk_wmem_alloc_get(sk);
		break;
	default:
		return -ENOIOCTLCMD;
	}
	return put_user(amount, (int __user *)arg);
}

static int tip_sock_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	int err = 0;

	how++;	/* SHUT_RD, SHUT_WR, SHUT_RDWR to RCV/SEND_SHUTDOWN bits */
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;
	lock_sock(sk);
	if (sk->sk_state != TCP_ESTABLISHED)
		err = -ENOTCONN;	/* still applied, as Linux does */
	WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
	sk->sk_state_change(sk);
	release_sock(sk);
	return err;
}

/*
 * IPV6_CHECKSUM (RFC 3542 3.1) on a raw socket: the offset of the
 * checksum the kernel fills on send; -1 turns it off. As Linux: an odd
 * offset is EINVAL, and an ICMPv6 socket, whose checksum is always the
 * kernel's, refuses the option at IPPROTO_IPV6 (but takes it at SOL_RAW,
 * where iputils ping sets it).
 */
static int tip_sock_raw_csum6(struct sock *sk, int level, sockptr_t optval,
			      unsigned int optlen)
{
	struct tip_net *tn = tip_sock_tn(sk);
	struct tip_raw_pcb *pcb = tip_sk(sk)->raw;
	int val;

	if (pcb->proto == IPPROTO_ICMPV6 && level == SOL_IPV6)
		return -EINVAL;
	if (optlen < sizeof(int))
		return -EINVAL;
	if (copy_from_sockptr(&val, optval, sizeof(val)))
		return -EFAULT;
	if (val > 0 && (val & 1))
		return -EINVAL;
	spin_lock_bh(&tn->lock);
	pcb->csum_off6 = val < 0 ? -1 : val;
	spin_unlock_bh(&tn->lock);
	return 0;
}

static int tip_sock_setsockopt(struct socket *sock, int level, int optname,
			       sockptr_t optval, unsigned int optlen)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_sock_tn(sk);
	struct tip_sock *ts = tip_sk(sk);
	int val;

	if (level == SOL_IP)
		return tip_sock_ip_setsockopt(sk, tip_sock_inet(sk), optname,
					      optval, optlen);
	if (ts->raw && (level == SOL_RAW || level == SOL_IPV6) &&
	    optname == IPV6_CHECKSUM)
		return tip_sock_raw_csum6(sk, level, optval, optlen);
	if (level == SOL_IPV6)
		return tip_sock_ipv6_setsockopt(sk, tip_dgram_ep, optname,
						optval, optlen);

	if (level == SOL_ICMPV6 && ts->raw && optname == ICMPV6_FILTER) {
		u32 filter[8];

		if (ts->raw->proto != IPPROTO_ICMPV6)
			return -EOPNOTSUPP;
		/* As Linux: a short filter is taken as far as it goes. */
		memset(filter, 0, sizeof(filter));
		if (copy_from_sockptr(filter, optval,
				      min_t(unsigned int, optlen,
					    sizeof(filter))))
			return -EFAULT;
		spin_lock_bh(&tn->lock);
		memcpy(ts->raw->icmp6_filter, filter, sizeof(filter));
		spin_unlock_bh(&tn->lock);
		return 0;
	}

	if ((level == SOL_UDP || level == SOL_UDPLITE) && ts->udp) {
		if (optname != UDPLITE_SEND_CSCOV &&
		    optname != UDPLITE_RECV_CSCOV)
			return -ENOPROTOOPT;
		if (ts->udp->proto != IPPROTO_UDPLITE)
			return -ENOPROTOOPT;
		if (optlen < sizeof(int))
			return -EINVAL;
		if (copy_from_sockptr(&val, optval, sizeof(val)))
			return -EFAULT;
		spin_lock_bh(&tn->lock);
		if (optname == UDPLITE_SEND_CSCOV) {
			ts->udp->send_cscov = tip_udplite_clamp_cscov(val);
			ts->udp->send_cc = true;
		} else {
			ts->udp->recv_cscov = tip_udplite_clamp_cscov(val);
			ts->udp->recv_cc = true;
		}
		spin_unlock_bh(&tn->lock);
		return 0;
	}

	if (level == SOL_RAW && ts->raw && optname == ICMP_FILTER) {
		u32 filter = 0;

		if (ts->raw->proto != IPPROTO_ICMP)
			return -EOPNOTSUPP;
		if (copy_from_sockptr(&filter, optval,
				      min_t(unsigned int, optlen,
					    sizeof(filter))))
			return -EFAULT;
		spin_lock_bh(&tn->lock);
		ts->raw->icmp_filter = filter;
		spin_unlock_bh(&tn->lock);
		return 0;
	}
	return -ENOPROTOOPT;
}

static int tip_sock_getsockopt(struct socket *sock, int level, int optname,
			       char __user *optval, int __user *optlen)
{
	struct sock *sk = sock->sk;
	struct tip_sock *ts = tip_sk(sk);
	int val;

	if (level == SOL_IP)
		return tip_sock_ip_getsockopt(sk, tip_sock_inet(sk), optname,
					      optval, optlen);
	if (ts->raw && (level == SOL_RAW || level == SOL_IPV6) &&
	    optname == IPV6_CHECKSUM)
		return tip_sock_put_int(READ_ONCE(ts->raw->csum_off6), optval,
					optlen, false);
	if (level == SOL_IPV6)
		return tip_sock_ipv6_getsockopt(sk, tip_sock_inet(sk), optname,
						optval, optlen);

	if (level == SOL_ICMPV6 && ts->raw && optname == ICMPV6_FILTER) {
		struct tip_net *tn = tip_sock_tn(sk);
		u32 filter[8];
		int len;

		if (ts->raw->proto != IPPROTO_ICMPV6)
			return -EOPNOTSUPP;
		if (get_user(len, optlen))
			return -EFAULT;
		if (len < 0)
			return -EINVAL;
		len = min_t(int, len, sizeof(filter));
		spin_lock_bh(&tn->lock);
		memcpy(filter, ts->raw->icmp6_filter, sizeof(filter));
		spin_unlock_bh(&tn->lock);
		if (put_user(len, optlen) || copy_to_user(optval, filter, len))
			return -EFAULT;
		return 0;
	}

	if ((level == SOL_UDP || level == SOL_UDPLITE) && ts->udp &&
	    ts->udp->proto == IPPROTO_UDPLITE) {
		if (optname == UDPLITE_SEND_CSCOV)
			val = READ_ONCE(ts->udp->send_cscov);
		else if (optname == UDPLITE_RECV_CSCOV)
			val = READ_ONCE(ts->udp->recv_cscov);
		else
			return -ENOPROTOOPT;
		return tip_sock_put_int(val, optval, optlen, false);
	}

	if (level == SOL_RAW && ts->raw && optname == ICMP_FILTER) {
		if (ts->raw->proto != IPPROTO_ICMP)
			return -EOPNOTSUPP;
		return tip_sock_put_int(READ_ONCE(ts->raw->icmp_filter),
					optval, optlen, false);
	}
	return -ENOPROTOOPT;
}

/*
 * The payload in a linear skb with room for every header below, taken
 * from the socket's send buffer: sock_alloc_send_skb() waits for room
 * (SO_SNDTIMEO), and reports a pending ICMP error or a shutdown first.
 */
static struct sk_buff *tip_sock_tx_skb(struct sock *sk, struct msghdr *msg,
				       size_t len, unsigned int hdr, int *err)
{
	struct sk_buff *skb;

	skb = sock_alloc_send_skb(sk, TIP_HEADROOM + hdr + len,
				  msg->msg_flags & MSG_DONTWAIT, err);
	if (!skb)
		return NULL;
	skb_reserve(skb, TIP_HEADROOM + hdr);
	*err = memcpy_from_msg(skb_put(skb, len), msg, len);
	if (*err) {
		kfree_skb(skb);
		return NULL;
	}
	return skb;
}

/*
 * The destination of a sendmsg(): *@given false for none (the connected
 * peer), else parsed into @sa.
 */
static int tip_sock_dst(struct msghdr *msg, struct tip_sockaddr *sa,
			bool *given)
{
	DECLARE_SOCKADDR(struct sockaddr *, uaddr, msg->msg_name);

	*given = false;
	if (!uaddr)
		return 0;
	/* Linux takes AF_UNSPEC as "no address" here. */
	if (msg->msg_namelen >= (int)sizeof(uaddr->sa_family) &&
	    uaddr->sa_family == AF_UNSPEC)
		return 0;
	*given = true;
	return tip_sock_parse(uaddr, msg->msg_namelen, sa);
}

static int tip_sock_sendmsg(struct socket *sock, struct msghdr *msg,
			    size_t len)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_sock_tn(sk);
	struct tip_sock *ts = tip_sk(sk);
	struct tip_sockaddr sa;
	struct tip_sock_ep ep;
	struct sk_buff *skb;
	bool given, to_peer;
	int err;

	if (msg->msg_flags & MSG_OOB)
		return -EOPNOTSUPP;
	err = tip_sock_dst(msg, &sa, &given);
	if (err)
		return err;
	/* No address, or a wildcard one, means the connected peer. */
	to_peer = !given || tip_addr_is_wild(&sa.addr);
	if (ts->udp) {
		/* The IPv4 bound is checked again once the peer is known. */
		if (len > TIP_UDP6_MAX_PAYLOAD)
			return -EMSGSIZE;
		if (to_peer) {
			struct in6_addr peer;

			/* A hint only: tip_udp_send() checks under the lock. */
			tip_addr_read_once(&peer, &ts->udp->raddr);
			if (ipv6_addr_any(&peer))
				return -EDESTADDRREQ;
		}
	} else {
		if (len > IP_MAX_MTU - sizeof(struct iphdr))
			return -EMSGSIZE;
	}

	skb = tip_sock_tx_skb(sk, msg, len,
			      ts->udp ? sizeof(struct udphdr) : 0, &err);
	if (!skb)
		return err;

	spin_lock_bh(&tn->lock);
	tip_sock_sync(sk, tip_sock_inet(sk));
	tip_dgram_ep(sk, &ep);
	err = given ? tip_sock_apply(sk, &ep, &sa, false) : 0;
	if (err) {
		kfree_skb(skb);
	} else if (ts->udp) {
		err = tip_udp_send(ts->udp, skb, to_peer ? NULL : &sa.addr,
				   sa.port, to_peer ? 0 : sa.scope_id);
	} else if (to_peer && ipv6_addr_any(&ts->raw->raddr)) {
		kfree_skb(skb);
		err = -EDESTADDRREQ;
	} else {
		err = tip_raw_send(ts->raw, skb,
				   to_peer ? &ts->raw->raddr : &sa.addr,
				   to_peer ? 0 : sa.scope_id);
	}
	spin_unlock_bh(&tn->lock);
	return err < 0 ? err : len;
}

static int tip_sock_recvmsg(struct socket *sock, struct msghdr *msg,
			    size_t len, int flags)
{
	DECLARE_SOCKADDR(struct sockaddr *, uaddr, msg->msg_name);
	struct sock *sk = sock->sk;
	bool udp = tip_sk(sk)->udp;
	unsigned int off, dlen;
	struct sk_buff *skb;
	size_t copied;
	int err;

	if (flags & MSG_ERRQUEUE)
		return tip_sock_recv_err(sk, tip_sock_inet(sk), msg, len);
	if (flags & MSG_OOB)
		return -EOPNOTSUPP;
	skb = skb_recv_datagram(sk, flags, &err);
	if (!skb)
		return err;

	off = udp ? sizeof(struct udphdr) : 0;
	dlen = skb->len - off;
	copied = min_t(size_t, len, dlen);
	if (copied < dlen)
		msg->msg_flags |= MSG_TRUNC;
	err = skb_copy_datagram_msg(skb, off, msg, copied);
	if (!err) {
		/* The flavour now: a datagram is named as the socket names. */
		if (uaddr)
			msg->msg_namelen =
				tip_sock_skb_name(uaddr, tip_sock_inet(sk), skb,
						  udp ? ((struct udphdr *)
							 skb->data)->source :
							0);
		sock_recv_timestamp(msg, sk, skb);
		tip_sock_cmsg6(msg, tip_sock_inet(sk), skb);
		err = (flags & MSG_TRUNC) ? dlen : copied;
	}
	skb_free_datagram(sk, skb);
	return err;
}

static const struct proto_ops tip_dgram_ops = {
	.owner = THIS_MODULE,
	.release = tip_sock_release,
	.bind = tip_sock_bind,
	.connect = tip_sock_connect,
	.socketpair = sock_no_socketpair,
	.accept = sock_no_accept,
	.getname = tip_sock_getname,
	.poll = datagram_poll,
	.ioctl = tip_sock_ioctl,
	.listen = sock_no_listen,
	.shutdown = tip_sock_shutdown,
	.setsockopt = tip_sock_setsockopt,
	.getsockopt = tip_sock_getsockopt,
	.sendmsg = tip_sock_sendmsg,
	.recvmsg = tip_sock_recvmsg,
	.mmap = sock_no_mmap,
};

static struct proto tip_udp_prot = {
	.name = "TINYIP_UDP",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct tip_sock),
	.rehash = tip_sock_rehash,
};

static struct proto tip_raw_prot = {
	.name = "TINYIP_RAW",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct tip_sock),
	.rehash = tip_sock_rehash,
};

static struct sock *tip_sock_alloc(struct net *net, struct socket *sock,
				   struct proto *prot, int protocol, int kern)
{
	struct sock *sk;

	sk = tip_sk_alloc(net, tip_af_family(), GFP_KERNEL, prot, kern);
	if (!sk)
		return NULL;
	sock->ops = &tip_dgram_ops;
	sock->state = SS_UNCONNECTED;
	sock_init_data(sock, sk);
	sk->sk_protocol = protocol;
	tip_sk(sk)->udp = NULL;
	tip_sk(sk)->raw = NULL;
	return sk;
}

static void tip_sock_abort(struct socket *sock, struct sock *sk)
{
	sock_orphan(sk);
	sock->sk = NULL;
	sock_put(sk);
}

static int tip_udp_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	struct tip_udp_pcb *pcb;
	struct sock *sk;

	if (!protocol)
		protocol = IPPROTO_UDP;
	sk = tip_sock_alloc(net, sock, &tip_udp_prot, protocol, kern);
	if (!sk)
		return -ENOBUFS;
	pcb = tip_udp_pcb_new(tip_net(net), protocol, &tip_sock_udp_ops, sk);
	if (IS_ERR(pcb)) {
		tip_sock_abort(sock, sk);
		return PTR_ERR(pcb);
	}
	tip_sk(sk)->udp = pcb;
	return 0;
}

static int tip_raw_create(struct net *net, struct socket *sock, int protocol,
			  int kern)
{
	struct tip_raw_pcb *pcb;
	struct sock *sk;

	/* IPPROTO_RAW means IP_HDRINCL, which is not offered. */
	if (protocol == IPPROTO_RAW)
		return -EPROTONOSUPPORT;
	sk = tip_sock_alloc(net, sock, &tip_raw_prot, protocol, kern);
	if (!sk)
		return -ENOBUFS;
	pcb = tip_raw_pcb_new(tip_net(net), protocol, tip_sock_raw_recv, sk);
	if (IS_ERR(pcb)) {
		tip_sock_abort(sock, sk);
		return PTR_ERR(pcb);
	}
	tip_sk(sk)->raw = pcb;
	return 0;
}

static struct tip_protosw tip_udp_sw = {
	.type = SOCK_DGRAM, .protocol = IPPROTO_UDP, .dflt = true,
	.create = tip_udp_create,
};

static struct tip_protosw tip_udplite_sw = {
	.type = SOCK_DGRAM, .protocol = IPPROTO_UDPLITE,
	.create = tip_udp_create,
};

static struct tip_protosw tip_raw_sw = {
	.type = SOCK_RAW, .protocol = TIP_PROTO_ANY, .raw_cap = true,
	.create = tip_raw_create,
};

int tip_sock_dgram_init(void)
{
	int err = proto_register(&tip_udp_prot, 1);

	if (err)
		return err;
	tip_protosw_register(&tip_udp_sw);
	if (IS_ENABLED(CONFIG_TINYIP_UDPLITE))
		tip_protosw_register(&tip_udplite_sw);
	return 0;
}

void tip_sock_dgram_exit(void)
{
	if (IS_ENABLED(CONFIG_TINYIP_UDPLITE))
		tip_protosw_unregister(&tip_udplite_sw);
	tip_protosw_unregister(&tip_udp_sw);
	proto_unregister(&tip_udp_prot);
}

int tip_sock_raw_init(void)
{
	int err = proto_register(&tip_raw_prot, 1);

	if (err)
		return err;
	tip_protosw_register(&tip_raw_sw);
	return 0;
}

void tip_sock_raw_exit(void)
{
	tip_protosw_unregister(&tip_raw_sw);
	proto_unregister(&tip_raw_prot);
}
