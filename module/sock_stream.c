// SPDX-License-Identifier: GPL-2.0
/*
 * AF_TINYIP SOCK_STREAM sockets: proto_ops over the TCP PCBs of
 * module/tcp_*.c (RFC 9293), with the semantics applications expect
 * from Linux's AF_INET stream sockets (connect/accept/shutdown/linger,
 * poll readiness, SIGPIPE, MSG_PEEK/WAITALL/DONTWAIT/TRUNC/MORE, TCP_*
 * options and TCP_INFO).
 *
 * The PCB owns the protocol state and calls back under tn->lock; the
 * socket holds only what an fd-backed endpoint needs: the receive queue
 * of delivered skbs and the wait queues. Waiting happens under lock_sock
 * with tn->lock dropped. A connection accepted by the stack is a PCB
 * only; the struct sock is made in accept().
 *
 * This file: the PCB callbacks and the socket calls other than data
 * (sock_stream_io.c) and options (sock_stream_opt.c).
 */
#include <linux/capability.h>
#include <linux/in.h>
#include <linux/net.h>
#include <linux/poll.h>
#include <linux/sched/signal.h>
#include <linux/sockios.h>
#include <linux/tcp.h>
#include <linux/termios.h>
#include <net/ipv6.h>
#include <net/sock.h>

#include <tinyip/af.h>
#include <tinyip/compat.h>
#include <tinyip/fault.h>
#include <tinyip/sock.h>
#include <tinyip/tinyip.h>

#include "sock_stream.h"

static void tip_stream_purge_rx(struct sock *sk)
{
	struct tip_net *tn = tip_stream_tn(sk);
	struct sk_buff *skb;

	while ((skb = skb_dequeue(&sk->sk_receive_queue)))
		tip_stream_free_rx(tn, skb);
	tip_ss(sk)->rx_off = 0;
}

/* ---- PCB callbacks: under tn->lock, softirq or BH off, no sleeping ---- */

static void tip_stream_cb_recv(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct sock *sk = pcb->ctx;
	struct tip_stream_sock *ss;

	if (!sk) {
		if (skb)
			tip_stream_free_rx(pcb->tn, skb);
		return;
	}
	ss = tip_ss(sk);
	if (!skb) {
		/* RFC 9293 3.10.7.4: the peer's FIN, after all its data. */
		WRITE_ONCE(ss->fin, true);
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | RCV_SHUTDOWN);
		tip_stream_set_state(sk, pcb->state);
		sk->sk_state_change(sk);
		if (sk->sk_shutdown == SHUTDOWN_MASK ||
		    pcb->state == TIP_TCP_CLOSE)
			sk_wake_async(sk, SOCK_WAKE_WAITD, POLL_HUP);
		else
			sk_wake_async(sk, SOCK_WAKE_WAITD, POLL_IN);
		return;
	}
	WRITE_ONCE(ss->rx_avail, ss->rx_avail + skb->len);
	skb_queue_tail(&sk->sk_receive_queue, skb);
	sk->sk_data_ready(sk);
}

static void tip_stream_cb_sent(struct tip_tcp_pcb *pcb, u32 acked)
{
	struct sock *sk = pcb->ctx;

	if (!sk)
		return;
	WRITE_ONCE(tip_ss(sk)->tx_gen, tip_ss(sk)->tx_gen + 1);
	tip_stream_set_state(sk, pcb->state);
	if (tip_stream_writeable(pcb))
		sk->sk_write_space(sk);
}

static void tip_stream_cb_connected(struct tip_tcp_pcb *pcb)
{
	struct sock *sk = pcb->ctx;

	if (!sk)
		return;
	tip_stream_set_state(sk, pcb->state);
	sk->sk_state_change(sk);
	sk_wake_async(sk, SOCK_WAKE_IO, POLL_OUT);
}

static void tip_stream_cb_err(struct tip_tcp_pcb *pcb, int err)
{
	struct sock *sk = pcb->ctx;

	if (!sk)
		return;
	WRITE_ONCE(sk->sk_err, err);
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	tip_stream_set_state(sk, TIP_TCP_CLOSE);
	/* Pairs with the smp_rmb() in poll: state before the error. */
	smp_wmb();
	sk->sk_state_change(sk);
	sk_error_report(sk);
}

static void tip_stream_cb_accept_ready(struct tip_tcp_pcb *lpcb)
{
	struct sock *sk = lpcb->ctx;

	if (sk)
		sk->sk_data_ready(sk);
}

/* RFC 1122 4.2.3.9: soft errors only show in SO_ERROR (sk_err_soft). */
static void tip_stream_cb_soft_err(struct tip_tcp_pcb *pcb, int err)
{
	struct sock *sk = pcb->ctx;

	if (sk)
		WRITE_ONCE(sk->sk_err_soft, err);
}

static const struct tip_tcp_ops tip_stream_pcb_ops = {
	.recv = tip_stream_cb_recv,
	.sent = tip_stream_cb_sent,
	.connected = tip_stream_cb_connected,
	.err = tip_stream_cb_err,
	.accept_ready = tip_stream_cb_accept_ready,
	.soft_err = tip_stream_cb_soft_err,
};

/*
 * sk->sk_write_space: also called by the core (SO_SNDBUF) without
 * tn->lock, so it only wakes; waiters and poll look at the PCB.
 */
static void tip_stream_write_space(struct sock *sk)
{
	struct socket_wq *wq;

	rcu_read_lock();
	wq = rcu_dereference(sk->sk_wq);
	if (skwq_has_sleeper(wq))
		wake_up_interruptible_poll(&wq->wait, EPOLLOUT | EPOLLWRNORM |
					   EPOLLWRBAND);
	if (wq && sk->sk_socket &&
	    test_and_clear_bit(SOCK_NOSPACE, &sk->sk_socket->flags))
		sk_wake_async(sk, SOCK_WAKE_SPACE, POLL_OUT);
	rcu_read_unlock();
}

/* ---- Socket settings into the PCB ---- */

/* A buffer size for the PCB: SO_SNDBUF/SO_RCVBUF are doubled by the
 * core for overhead, as Linux does; the PCB counts payload, so it gets
 * what the user asked, never more than the whole instance budget.
 */
static u32 tip_stream_buf(struct tip_net *tn, int val)
{
	u64 budget = tip_mem_budget(&tn->mem);
	u32 bytes = max(val, 0) / 2;

	if (budget && bytes > budget)
		bytes = budget;
	return bytes;
}

/* SOL_SOCKET settings the core stored in the sock; under tn->lock. */
void tip_stream_sync(struct sock *sk, struct tip_tcp_pcb *pcb)
{
	struct tip_net *tn = tip_stream_tn(sk);

	lockdep_assert_held(&tn->lock);
	tip_sock_sync(sk, &pcb->inet);
	if (pcb->inet.reuse)
		pcb->flags |= TIP_TCPF_REUSE;
	else
		pcb->flags &= ~TIP_TCPF_REUSE;
	if (sk->sk_userlocks & SOCK_SNDBUF_LOCK)
		pcb->snd_buf = tip_stream_buf(tn, READ_ONCE(sk->sk_sndbuf));
	if (sk->sk_userlocks & SOCK_RCVBUF_LOCK)
		pcb->rcv_buf = tip_stream_buf(tn, READ_ONCE(sk->sk_rcvbuf));
}

/*
 * The endpoint as the socket-address layer sees it, under tn->lock: bound
 * once it holds a port, or connected or listened once.
 */
void tip_stream_ep(struct sock *sk, struct tip_sock_ep *ep)
{
	struct tip_tcp_pcb *pcb = tip_stream_pcb(sk);

	ep->inet = &pcb->inet;
	ep->laddr = &pcb->laddr;
	ep->bound = (pcb->flags & TIP_TCPF_BOUND) ||
		    pcb->state != TIP_TCP_CLOSE || tip_ss(sk)->used;
}

/* proto.keepalive: SO_KEEPALIVE, called by the core under lock_sock. */
static void tip_stream_keepalive(struct sock *sk, int valbool)
{
	struct tip_net *tn = tip_stream_tn(sk);

	spin_lock_bh(&tn->lock);
	if (tip_stream_pcb(sk))
		tip_tcp_set_keepalive(tip_stream_pcb(sk), valbool);
	spin_unlock_bh(&tn->lock);
}

/* proto.rehash: SO_BINDTODEVICE once the core stored the device. */
static void tip_stream_rehash(struct sock *sk)
{
	struct tip_net *tn = tip_stream_tn(sk);

	spin_lock_bh(&tn->lock);
	if (tip_stream_pcb(sk))
		tip_stream_pcb(sk)->inet.bound_if =
			READ_ONCE(sk->sk_bound_dev_if);
	spin_unlock_bh(&tn->lock);
}

/*
 * Replaces the PCB by a fresh one with the same settings, aborting the
 * old one: the socket can connect or listen again after a failed
 * connect, a disconnect (AF_UNSPEC) or a listener's SHUT_RD, as after
 * Linux's tcp_disconnect(). Under lock_sock.
 */
static int tip_stream_renew(struct sock *sk)
{
	const u32 keep = TIP_TCPF_NODELAY | TIP_TCPF_CORK | TIP_TCPF_REUSE;
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_stream_sock *ss = tip_ss(sk);
	struct tip_tcp_pcb *old, *pcb;
	struct in6_addr laddr;
	__be16 lport;

	pcb = tip_tcp_pcb_new(tn, GFP_KERNEL);
	if (!pcb)
		return -ENOBUFS;

	spin_lock_bh(&tn->lock);
	old = tip_stream_pcb(sk);
	pcb->flags |= old->flags & keep;
	pcb->keep_idle = old->keep_idle;
	pcb->keep_intvl = old->keep_intvl;
	pcb->keep_cnt = old->keep_cnt;
	pcb->user_timeout = old->user_timeout;
	pcb->user_mss = old->user_mss;
	pcb->snd_buf = old->snd_buf;
	pcb->rcv_buf = old->rcv_buf;
	pcb->inet.tos = old->inet.tos;
	pcb->inet.ttl = old->inet.ttl;
	pcb->inet.v6 = old->inet.v6;
	pcb->inet.v6only = old->inet.v6only;
	tip_tcp_set_wild(pcb);
	if (old->cc_ops)
		tip_tcp_set_cc(pcb, old->cc_ops->name);
	laddr = old->laddr;
	lport = old->lport;

	old->ctx = NULL;
	tip_tcp_close(old, true);
	tip_tcp_set_owner(pcb, &tip_stream_pcb_ops, sk);
	tip_sk(sk)->tcp = pcb;
	tip_stream_sync(sk, pcb);
	tip_tcp_set_keepalive(pcb, sock_flag(sk, SOCK_KEEPOPEN));
	/* As Linux keeps a port that bind() chose (SOCK_BINDPORT_LOCK). */
	if (ss->user_bound && lport &&
	    tip_tcp_bind(pcb, &laddr, lport, true))
		ss->user_bound = false;
	ss->rx_avail = 0;
	ss->fin = false;
	ss->used = false;
	WRITE_ONCE(sk->sk_shutdown, 0);
	tip_stream_set_state(sk, TIP_TCP_CLOSE);
	spin_unlock_bh(&tn->lock);

	tip_stream_purge_rx(sk);
	return 0;
}

/* ---- Waiting, under lock_sock, which sk_wait_event() drops ---- */

/* Until the handshake ends (either way); returns the time left. */
long tip_stream_wait_connect(struct sock *sk, long timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);

	add_wait_queue(sk_sleep(sk), &wait);
	while (tip_stream_connecting(tip_stream_state_of(sk))) {
		if (!timeo || signal_pending(current))
			break;
		sk_wait_event(sk, &timeo,
			      READ_ONCE(sk->sk_err) ||
			      !tip_stream_connecting(tip_stream_state_of(sk)),
			      &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	return timeo;
}

/* ---- proto_ops ---- */

static bool tip_stream_linger_done(struct sock *sk)
{
	int state = tip_stream_state_of(sk);

	return READ_ONCE(sk->sk_err) || (state != TIP_TCP_FIN_WAIT1 &&
					 state != TIP_TCP_CLOSING &&
					 state != TIP_TCP_LAST_ACK);
}

/*
 * SO_LINGER with a timeout: send the FIN now and wait, up to the linger
 * time, until it is acknowledged (all data before it was), as Linux's
 * sk_stream_wait_close(). Unread data means a RST instead (RFC 2525
 * 2.17), so there is nothing to wait for then.
 */
static void tip_stream_linger(struct sock *sk)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct tip_net *tn = tip_stream_tn(sk);
	long timeo = sk->sk_lingertime;
	long slice;
	int state;

	spin_lock_bh(&tn->lock);
	state = tip_stream_pcb(sk)->state;
	if ((state != TIP_TCP_ESTABLISHED && state != TIP_TCP_CLOSE_WAIT) ||
	    tip_ss(sk)->rx_avail) {
		spin_unlock_bh(&tn->lock);
		return;
	}
	tip_tcp_shutdown(tip_stream_pcb(sk), SEND_SHUTDOWN);
	spin_unlock_bh(&tn->lock);

	add_wait_queue(sk_sleep(sk), &wait);
	while (timeo > 0 && !tip_stream_linger_done(sk) &&
	       !signal_pending(current)) {
		/* The ACK of a FIN may bring no callback: look again soon. */
		slice = min_t(long, timeo, TIP_STREAM_LINGER_POLL);
		timeo -= slice;
		sk_wait_event(sk, &slice, tip_stream_linger_done(sk), &wait);
		timeo += slice;
	}
	remove_wait_queue(sk_sleep(sk), &wait);
}

static int tip_stream_release(struct socket *sock)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn;
	struct tip_tcp_pcb *pcb;
	bool abort;

	if (!sk)
		return 0;
	tn = tip_stream_tn(sk);
	lock_sock(sk);
	abort = sock_flag(sk, SOCK_LINGER) && !sk->sk_lingertime;
	if (!abort && sock_flag(sk, SOCK_LINGER) &&
	    !(current->flags & PF_EXITING))
		tip_stream_linger(sk);

	/* After this no callback can reach the socket. */
	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	tip_sk(sk)->tcp = NULL;
	WRITE_ONCE(sk->sk_shutdown, SHUTDOWN_MASK);
	if (pcb) {
		pcb->ctx = NULL;
		tip_tcp_close(pcb, abort);
	}
	tip_stream_set_state(sk, TIP_TCP_CLOSE);
	spin_unlock_bh(&tn->lock);

	sock_orphan(sk);
	release_sock(sk);
	tip_stream_purge_rx(sk);
	sock->sk = NULL;
	sock_put(sk);
	return 0;
}

static int tip_stream_bind(struct socket *sock, struct sockaddr *uaddr,
			   int len)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	struct tip_sockaddr sa;
	struct tip_sock_ep ep;
	bool privileged = true;
	int err;

	err = tip_sock_parse(uaddr, len, &sa);
	if (err)
		return err;
	if (sa.port && ntohs(sa.port) < PROT_SOCK)
		privileged = ns_capable(sock_net(sk)->user_ns,
					CAP_NET_BIND_SERVICE);

	lock_sock(sk);
	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	tip_stream_sync(sk, pcb);
	tip_stream_ep(sk, &ep);
	err = tip_sock_apply(sk, &ep, &sa, true);
	if (!err && (pcb->state != TIP_TCP_CLOSE || tip_ss(sk)->used))
		err = -EINVAL;
	if (!err) {
		err = tip_tcp_bind(pcb, &sa.addr, sa.port, privileged);
		if (!err && sa.port)
			tip_ss(sk)->user_bound = true;
	}
	spin_unlock_bh(&tn->lock);
	release_sock(sk);
	return err;
}

/* connect(AF_UNSPEC): abort whatever is going on, as tcp_disconnect(). */
static int tip_stream_disconnect(struct socket *sock)
{
	struct sock *sk = sock->sk;
	int err = 0;

	lock_sock(sk);
	if (tip_stream_state_of(sk) != TIP_TCP_CLOSE || tip_ss(sk)->used)
		err = tip_stream_renew(sk);
	if (!err)
		sock->state = SS_UNCONNECTED;
	release_sock(sk);
	return err;
}

/* Starts the active open of an unconnected socket; -EINPROGRESS. */
static int tip_stream_start_connect(struct sock *sk,
				    const struct tip_sockaddr *sa)
{
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	struct tip_sock_ep ep;
	int err;

	if (tip_stream_state_of(sk) != TIP_TCP_CLOSE)
		return -EISCONN;
	if (tip_ss(sk)->used) {
		err = tip_stream_renew(sk);
		if (err)
			return err;
	}
	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	tip_stream_sync(sk, pcb);
	WRITE_ONCE(sk->sk_err, 0);
	tip_stream_ep(sk, &ep);
	err = tip_sock_apply(sk, &ep, sa, false);
	/*
	 * A scoped (link-local) peer lives on the link its scope id names:
	 * the connection is bound there, as Linux's tcp_v6_connect() does,
	 * so that every segment, and its TIME_WAIT, leaves that way.
	 */
	if (!err && sa->v6 && sa->scope_id && !pcb->inet.bound_if &&
	    __ipv6_addr_needs_scope_id(__ipv6_addr_type(&sa->addr))) {
		WRITE_ONCE(sk->sk_bound_dev_if, sa->scope_id);
		pcb->inet.bound_if = sa->scope_id;
	}
	if (!err)
		err = tip_tcp_connect(pcb, &sa->addr, sa->port);
	if (!err) {
		tip_ss(sk)->used = true;
		tip_stream_set_state(sk, pcb->state);
	}
	spin_unlock_bh(&tn->lock);
	return err ?: -EINPROGRESS;
}

/* As __inet_stream_connect(): the same errors in the same states. */
static int tip_stream_connect(struct socket *sock, struct sockaddr *uaddr,
			      int len, int flags)
{
	struct sock *sk = sock->sk;
	struct tip_sockaddr sa;
	long timeo;
	int err;

	if (len < (int)sizeof(uaddr->sa_family))
		return -EINVAL;
	if (uaddr->sa_family == AF_UNSPEC)
		return tip_stream_disconnect(sock);
	err = tip_sock_parse(uaddr, len, &sa);
	if (err)
		return err;

	lock_sock(sk);
	switch (sock->state) {
	case SS_CONNECTED:
		err = -EISCONN;
		goto out;
	case SS_CONNECTING:
		err = -EALREADY;
		break;
	case SS_UNCONNECTED:
		err = tip_stream_start_connect(sk, &sa);
		if (err != -EINPROGRESS)
			goto out;
		sock->state = SS_CONNECTING;
		break;
	default:
		err = -EINVAL;
		goto out;
	}

	timeo = sock_sndtimeo(sk, flags & O_NONBLOCK);
	/*
	 * Over veth the whole handshake (or the RST) may already have run
	 * in the softirqs of our unlock; Linux would still say EINPROGRESS
	 * (the segments wait in the socket backlog) and report the outcome
	 * through poll and SO_ERROR. So do we.
	 */
	if (!timeo && err == -EINPROGRESS)
		goto out;
	if (tip_stream_connecting(tip_stream_state_of(sk))) {
		if (!timeo)
			goto out;
		timeo = tip_stream_wait_connect(sk, timeo);
		if (tip_stream_connecting(tip_stream_state_of(sk))) {
			if (signal_pending(current))
				err = sock_intr_errno(timeo);
			goto out;	/* timed out: still -EINPROGRESS */
		}
	}
	if (tip_stream_state_of(sk) == TIP_TCP_CLOSE) {
		err = sock_error(sk) ?: -ECONNABORTED;
		sock->state = SS_UNCONNECTED;
		goto out;
	}
	sock->state = SS_CONNECTED;
	err = 0;
out:
	release_sock(sk);
	return err;
}

static int tip_stream_listen(struct socket *sock, int backlog)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	int err = 0, state;

	lock_sock(sk);
	state = tip_stream_state_of(sk);
	if (sock->state != SS_UNCONNECTED ||
	    (state != TIP_TCP_CLOSE && state != TIP_TCP_LISTEN)) {
		err = -EINVAL;
		goto out;
	}
	WRITE_ONCE(sk->sk_max_ack_backlog, backlog);
	if (state == TIP_TCP_LISTEN)
		goto out;	/* a new backlog only */
	if (tip_ss(sk)->used) {
		err = tip_stream_renew(sk);
		if (err)
			goto out;
	}
	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	tip_stream_sync(sk, pcb);
	if (!(pcb->flags & TIP_TCPF_BOUND))
		err = tip_tcp_autobind(pcb);
	if (!err)
		err = tip_tcp_listen(pcb, backlog);
	if (!err) {
		tip_ss(sk)->used = true;
		tip_stream_set_state(sk, TIP_TCP_LISTEN);
	}
	spin_unlock_bh(&tn->lock);
out:
	release_sock(sk);
	return err;
}

static struct proto tip_tcp_prot;
static const struct proto_ops tip_stream_ops;

static void tip_stream_sk_init(struct sock *sk)
{
	sk->sk_protocol = IPPROTO_TCP;
	sk->sk_write_space = tip_stream_write_space;
}

/* Socket-level settings a child takes from its listener, as sk_clone. */
static void tip_stream_inherit(struct sock *nsk, const struct sock *sk)
{
	sock_valbool_flag(nsk, SOCK_KEEPOPEN, sock_flag(sk, SOCK_KEEPOPEN));
	sock_valbool_flag(nsk, SOCK_LINGER, sock_flag(sk, SOCK_LINGER));
	nsk->sk_lingertime = sk->sk_lingertime;
	nsk->sk_rcvtimeo = sk->sk_rcvtimeo;
	nsk->sk_sndtimeo = sk->sk_sndtimeo;
	nsk->sk_rcvlowat = sk->sk_rcvlowat;
	nsk->sk_userlocks = sk->sk_userlocks;
	nsk->sk_sndbuf = sk->sk_sndbuf;
	nsk->sk_rcvbuf = sk->sk_rcvbuf;
	nsk->sk_reuse = sk->sk_reuse;
	nsk->sk_bound_dev_if = sk->sk_bound_dev_if;
	nsk->sk_priority = sk->sk_priority;
	nsk->sk_mark = sk->sk_mark;
}

static bool tip_stream_accept_wake(struct sock *sk)
{
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	bool wake;

	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	wake = pcb->state != TIP_TCP_LISTEN || READ_ONCE(sk->sk_err) ||
	       tip_tcp_accept_qlen(pcb);
	spin_unlock_bh(&tn->lock);
	return wake;
}

/* The next connection off the listener's queue, waiting as asked. */
static struct tip_tcp_pcb *tip_stream_accept_pcb(struct sock *sk, int flags,
						 int *err)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *child = NULL;
	long timeo = sock_rcvtimeo(sk, flags & O_NONBLOCK);

	add_wait_queue_exclusive(sk_sleep(sk), &wait);
	for (;;) {
		*err = -EINVAL;
		if (tip_stream_state_of(sk) != TIP_TCP_LISTEN)
			break;
		spin_lock_bh(&tn->lock);
		child = tip_tcp_accept(tip_stream_pcb(sk));
		spin_unlock_bh(&tn->lock);
		if (child)
			break;
		*err = -EAGAIN;
		if (!timeo)
			break;
		*err = sock_intr_errno(timeo);
		if (signal_pending(current))
			break;
		sk_wait_event(sk, &timeo, tip_stream_accept_wake(sk), &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	return child;
}

static int tip_stream_do_accept(struct socket *sock, struct socket *newsock,
				int flags, bool kern)
{
	struct sock *sk = sock->sk, *nsk;
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *child;
	int err;

	/* Made first, so that a dequeued connection always finds a home. */
	nsk = tip_sk_alloc(sock_net(sk), tip_af_family(), GFP_KERNEL,
			   &tip_tcp_prot, kern);
	if (!nsk)
		return -ENOBUFS;
	sock_init_data(newsock, nsk);
	tip_stream_sk_init(nsk);

	lock_sock(sk);
	child = tip_stream_accept_pcb(sk, flags, &err);
	if (child) {
		tip_stream_inherit(nsk, sk);
		spin_lock_bh(&tn->lock);
		tip_sk(nsk)->tcp = child;
		tip_ss(nsk)->used = true;
		tip_stream_set_state(nsk, child->state);
		tip_stream_sync(nsk, child);
		tip_tcp_set_keepalive(child, sock_flag(nsk, SOCK_KEEPOPEN));
		/* Hands over data (and a FIN) that came before accept(). */
		tip_tcp_set_owner(child, &tip_stream_pcb_ops, nsk);
		if (child->state == TIP_TCP_CLOSE &&
		    !READ_ONCE(nsk->sk_err)) {
			WRITE_ONCE(nsk->sk_err, ECONNRESET);
			WRITE_ONCE(nsk->sk_shutdown, SHUTDOWN_MASK);
		}
		spin_unlock_bh(&tn->lock);
	}
	release_sock(sk);
	if (!child) {
		sock_orphan(nsk);
		newsock->sk = NULL;
		sock_put(nsk);
		return err;
	}
	newsock->state = SS_CONNECTED;
	return 0;
}

static int tip_stream_accept(struct socket *sock, struct socket *newsock,
			     TIP_ACCEPT_PARAMS)
{
	return tip_stream_do_accept(sock, newsock, TIP_ACCEPT_FLAGS,
				    TIP_ACCEPT_KERN);
}

static int tip_stream_getname(struct socket *sock, struct sockaddr *uaddr,
			      int peer)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	int state, len;

	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	state = pcb->state;
	if (peer && (!pcb->rport || state == TIP_TCP_CLOSE ||
		     state == TIP_TCP_SYN_SENT))
		len = -ENOTCONN;
	else
		len = tip_sock_name(uaddr, &pcb->inet,
				    peer ? &pcb->raddr : &pcb->laddr,
				    peer ? pcb->rport : pcb->lport,
				    pcb->inet.bound_if);
	spin_unlock_bh(&tn->lock);
	return len;
}

static __poll_t tip_stream_poll_listen(struct sock *sk)
{
	struct tip_net *tn = tip_stream_tn(sk);
	u32 qlen;

	spin_lock_bh(&tn->lock);
	qlen = tip_tcp_accept_qlen(tip_stream_pcb(sk));
	spin_unlock_bh(&tn->lock);
	return qlen ? EPOLLIN | EPOLLRDNORM : 0;
}

/* As tcp_poll(), including its EPOLLHUP and EPOLLOUT-when-closed habits. */
static __poll_t tip_stream_poll(struct file *file, struct socket *sock,
				poll_table *wait)
{
	struct sock *sk = sock->sk;
	struct tip_stream_sock *ss = tip_ss(sk);
	struct tip_net *tn = tip_stream_tn(sk);
	__poll_t mask = 0;
	bool writeable;
	u8 shutdown;
	int state;

	sock_poll_wait(file, sock, wait);
	state = tip_stream_state_of(sk);
	if (state == TIP_TCP_LISTEN)
		return tip_stream_poll_listen(sk);

	shutdown = READ_ONCE(sk->sk_shutdown);
	if (shutdown == SHUTDOWN_MASK || state == TIP_TCP_CLOSE)
		mask |= EPOLLHUP;
	if (shutdown & RCV_SHUTDOWN)
		mask |= EPOLLIN | EPOLLRDNORM | EPOLLRDHUP;

	if (!tip_stream_connecting(state)) {
		if (READ_ONCE(ss->rx_avail) &&
		    READ_ONCE(ss->rx_avail) >= sock_rcvlowat(sk, 0, INT_MAX))
			mask |= EPOLLIN | EPOLLRDNORM;
		if (shutdown & SEND_SHUTDOWN) {
			mask |= EPOLLOUT | EPOLLWRNORM;
		} else {
			spin_lock_bh(&tn->lock);
			writeable = tip_stream_writeable(tip_stream_pcb(sk));
			if (!writeable)
				set_bit(SOCK_NOSPACE, &sock->flags);
			spin_unlock_bh(&tn->lock);
			if (writeable)
				mask |= EPOLLOUT | EPOLLWRNORM;
		}
	}
	/* Pairs with the smp_wmb() in tip_stream_cb_err(). */
	smp_rmb();
	if (READ_ONCE(sk->sk_err))
		mask |= EPOLLERR;
	return mask;
}

/* SIOCOUTQNSD: the queued bytes never sent. */
static u32 tip_stream_unsent(const struct tip_tcp_pcb *pcb)
{
	struct sk_buff *skb = pcb->send_head;
	u32 bytes = 0;

	if (!skb)
		return 0;
	skb_queue_walk_from(&pcb->sndq, skb)
		bytes += skb->len;
	return bytes;
}

static int tip_stream_ioctl(struct socket *sock, unsigned int cmd,
			    unsigned long arg)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	int amount;

	switch (cmd) {
	case SIOCINQ:
	case SIOCOUTQ:
	case SIOCOUTQNSD:
		break;
	case SIOCATMARK:
		return put_user(0, (int __user *)arg);	/* no urgent data */
	default:
		return -ENOIOCTLCMD;
	}
	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	if (pcb->state == TIP_TCP_LISTEN)
		amount = -EINVAL;
	else if (cmd == SIOCINQ)
		amount = tip_ss(sk)->rx_avail;
	else if (cmd == SIOCOUTQ)
		amount = pcb->snd_queued;
	else
		amount = tip_stream_unsent(pcb);
	spin_unlock_bh(&tn->lock);
	if (amount < 0)
		return amount;
	return put_user(amount, (int __user *)arg);
}

static int tip_stream_shutdown(struct socket *sock, int how)
{
	struct sock *sk = sock->sk;
	struct tip_net *tn = tip_stream_tn(sk);
	int err = 0, state;

	how++;	/* SHUT_RD, SHUT_WR, SHUT_RDWR to RCV/SEND_SHUTDOWN bits */
	if ((how & ~SHUTDOWN_MASK) || !how)
		return -EINVAL;

	lock_sock(sk);
	state = tip_stream_state_of(sk);
	if (state == TIP_TCP_SYN_SENT ||
	    (state == TIP_TCP_LISTEN && (how & RCV_SHUTDOWN))) {
		/* As inet_shutdown(): these disconnect. */
		err = tip_stream_renew(sk);
		sock->state = err ? SS_DISCONNECTING : SS_UNCONNECTED;
	} else if (state != TIP_TCP_LISTEN) {
		if (state == TIP_TCP_CLOSE)
			err = -ENOTCONN;
		spin_lock_bh(&tn->lock);
		WRITE_ONCE(sk->sk_shutdown, sk->sk_shutdown | how);
		if (state != TIP_TCP_CLOSE)
			tip_tcp_shutdown(tip_stream_pcb(sk), how);
		tip_stream_set_state(sk, tip_stream_pcb(sk)->state);
		spin_unlock_bh(&tn->lock);
	}
	sk->sk_state_change(sk);
	release_sock(sk);
	return err;
}

static const struct proto_ops tip_stream_ops = {
	.owner = THIS_MODULE,
	.release = tip_stream_release,
	.bind = tip_stream_bind,
	.connect = tip_stream_connect,
	.socketpair = sock_no_socketpair,
	.accept = tip_stream_accept,
	.getname = tip_stream_getname,
	.poll = tip_stream_poll,
	.ioctl = tip_stream_ioctl,
	.listen = tip_stream_listen,
	.shutdown = tip_stream_shutdown,
	.setsockopt = tip_stream_setsockopt,
	.getsockopt = tip_stream_getsockopt,
	.sendmsg = tip_stream_sendmsg,
	.recvmsg = tip_stream_recvmsg,
	.mmap = sock_no_mmap,
};

static struct proto tip_tcp_prot = {
	.name = "TINYIP_TCP",
	.owner = THIS_MODULE,
	.obj_size = sizeof(struct tip_stream_sock),
	.keepalive = tip_stream_keepalive,
	.rehash = tip_stream_rehash,
};

static int tip_stream_create(struct net *net, struct socket *sock,
			     int protocol, int kern)
{
	struct tip_tcp_pcb *pcb;
	struct tip_net *tn = tip_net(net);
	struct sock *sk;

	sk = tip_sk_alloc(net, tip_af_family(), GFP_KERNEL, &tip_tcp_prot, kern);
	if (!sk)
		return -ENOBUFS;
	sock->ops = &tip_stream_ops;
	sock->state = SS_UNCONNECTED;
	sock_init_data(sock, sk);
	tip_stream_sk_init(sk);

	pcb = tip_tcp_pcb_new(tn, GFP_KERNEL);
	if (!pcb) {
		sock_orphan(sk);
		sock->sk = NULL;
		sock_put(sk);
		return -ENOBUFS;
	}
	spin_lock_bh(&tn->lock);
	tip_tcp_set_owner(pcb, &tip_stream_pcb_ops, sk);
	tip_sk(sk)->tcp = pcb;
	tip_stream_set_state(sk, pcb->state);
	spin_unlock_bh(&tn->lock);
	return 0;
}

static struct tip_protosw tip_stream_sw = {
	.type = SOCK_STREAM, .protocol = IPPROTO_TCP, .dflt = true,
	.create = tip_stream_create,
};

int tip_sock_stream_init(void)
{
	int err = proto_register(&tip_tcp_prot, 1);

	if (err)
		return err;
	tip_protosw_register(&tip_stream_sw);
	return 0;
}

void tip_sock_stream_exit(void)
{
	tip_protosw_unregister(&tip_stream_sw);
	proto_unregister(&tip_tcp_prot);
}
