// SPDX-License-Identifier: GPL-2.0
/*
 * Data of AF_TINYIP SOCK_STREAM sockets (RFC 9293 3.9.1 SEND and
 * RECEIVE): sendmsg copies user data into skbs of the PCB's size goal
 * outside the instance lock and queues them; recvmsg copies from the
 * skbs the PCB delivered, then reopens the window. Blocking, timeouts,
 * signals, SIGPIPE and the MSG_* flags behave as Linux's tcp_sendmsg()
 * and tcp_recvmsg().
 */
#include <linux/sched/signal.h>
#include <linux/skbuff.h>
#include <linux/uio.h>
#include <net/sock.h>

#include <tinyip/fault.h>

#include "sock_stream.h"

/*
 * sendmsg() before the handshake completed, as sk_stream_wait_connect():
 * waits for it, or says why there is no sending.
 */
static int tip_stream_send_ready(struct sock *sk, long *timeo)
{
	int state;

	for (;;) {
		if (READ_ONCE(sk->sk_err))
			return sock_error(sk);
		if (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN)
			return -EPIPE;
		state = tip_stream_state_of(sk);
		if (state == TIP_TCP_ESTABLISHED || state == TIP_TCP_CLOSE_WAIT)
			return 0;
		if (!tip_stream_connecting(state))
			return -EPIPE;
		if (!*timeo)
			return -EAGAIN;
		if (signal_pending(current))
			return sock_intr_errno(*timeo);
		*timeo = tip_stream_wait_connect(sk, *timeo);
	}
}

static u32 tip_stream_space(struct sock *sk)
{
	struct tip_net *tn = tip_stream_tn(sk);
	u32 space;

	spin_lock_bh(&tn->lock);
	space = tip_tcp_write_space(tip_stream_pcb(sk));
	spin_unlock_bh(&tn->lock);
	return space;
}

static bool tip_stream_send_stop(struct sock *sk)
{
	return READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & SEND_SHUTDOWN) ||
	       tip_stream_state_of(sk) == TIP_TCP_CLOSE;
}

/*
 * Until the send buffer has room (@gen 0), or until an ACK arrived after
 * the instance budget refused a segment (@gen the tx_gen seen then).
 */
static int tip_stream_wait_space(struct sock *sk, long *timeo, u32 gen,
				 bool budget)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct tip_stream_sock *ss = tip_ss(sk);

	if (!*timeo)
		return -EAGAIN;
	if (signal_pending(current))
		return sock_intr_errno(*timeo);
	set_bit(SOCK_NOSPACE, &sk->sk_socket->flags);
	add_wait_queue(sk_sleep(sk), &wait);
	sk_wait_event(sk, timeo,
		      tip_stream_send_stop(sk) ||
		      (budget ? READ_ONCE(ss->tx_gen) != gen :
				tip_stream_space(sk) > 0),
		      &wait);
	remove_wait_queue(sk_sleep(sk), &wait);
	return 0;
}

/*
 * The instance budget is full of other sockets' memory, and none of ours
 * is in flight whose ACK would free some: as Linux under tcp_mem
 * pressure, a blocking send sleeps a little (at most 200 ms) and tries
 * again, until its timeout; failing it would turn a busy namespace into
 * ENOBUFS from a blocking send() that the program never expects.
 */
static int tip_stream_wait_memory(struct sock *sk, long *timeo)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	long nap = min_t(long, *timeo, HZ / 5 + 1), left = nap;

	if (signal_pending(current))
		return sock_intr_errno(*timeo);
	add_wait_queue(sk_sleep(sk), &wait);
	sk_wait_event(sk, &left, tip_stream_send_stop(sk), &wait);
	remove_wait_queue(sk_sleep(sk), &wait);
	if (*timeo != MAX_SCHEDULE_TIMEOUT)
		*timeo -= nap - left;
	return 0;
}

/*
 * An skb for @size bytes of payload: linear up to a page, the rest in
 * page fragments, so that a 64 KB GSO-sized write needs no high-order
 * allocation.
 */
static struct sk_buff *tip_stream_alloc_skb(struct sock *sk, unsigned int size,
					    int *err)
{
	unsigned int linear = min_t(unsigned int, size,
				    SKB_MAX_HEAD(TIP_TCP_HEADROOM));
	struct sk_buff *skb;

	skb = tip_alloc_skb_with_frags(TIP_TCP_HEADROOM + linear,
				       size - linear, PAGE_ALLOC_COSTLY_ORDER,
				       err, sk->sk_allocation);
	if (!skb)
		return NULL;
	skb_reserve(skb, TIP_TCP_HEADROOM);
	skb_put(skb, linear);
	skb->data_len = size - linear;
	skb->len = size;
	return skb;
}

/*
 * Queues one skb and sends what the PCB allows. MSG_MORE corks just this
 * output (a later ACK may still send the tail, as on Linux). On error the
 * skb is the caller's.
 */
static int tip_stream_queue(struct sock *sk, struct sk_buff *skb, bool more)
{
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	bool corked;
	int err;

	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	if (READ_ONCE(sk->sk_err) || (sk->sk_shutdown & SEND_SHUTDOWN)) {
		err = -EPIPE;
	} else {
		err = tip_tcp_write(pcb, skb);
		if (!err) {
			corked = pcb->flags & TIP_TCPF_CORK;
			if (more)
				pcb->flags |= TIP_TCPF_CORK;
			tip_tcp_output(pcb);
			if (more && !corked)
				pcb->flags &= ~TIP_TCPF_CORK;
		}
	}
	spin_unlock_bh(&tn->lock);
	return err;
}

/* The payload size of the next skb: the size goal, within @left. */
static u32 tip_stream_chunk(struct sock *sk, size_t left, u32 *space)
{
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_tcp_pcb *pcb;
	u32 goal;

	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	tip_stream_sync(sk, pcb);
	goal = tip_tcp_size_goal(pcb) ?: TIP_STREAM_DEF_MSS;
	*space = tip_tcp_write_space(pcb);
	spin_unlock_bh(&tn->lock);
	return min_t(size_t, min_t(size_t, left, goal), *space);
}

int tip_stream_sendmsg(struct socket *sock, struct msghdr *msg, size_t len)
{
	struct sock *sk = sock->sk;
	int flags = msg->msg_flags;
	size_t copied = 0;
	struct sk_buff *skb;
	u32 chunk, space, gen;
	long timeo;
	int err;

	if (flags & MSG_OOB)
		return -EOPNOTSUPP;	/* urgent data is not sent */

	lock_sock(sk);
	timeo = sock_sndtimeo(sk, flags & MSG_DONTWAIT);
	err = tip_stream_send_ready(sk, &timeo);
	while (!err && copied < len) {
		chunk = tip_stream_chunk(sk, len - copied, &space);
		if (!chunk) {
			err = tip_stream_wait_space(sk, &timeo, 0, false);
			if (!err && tip_stream_send_stop(sk))
				err = -EPIPE;
			continue;
		}
		skb = tip_stream_alloc_skb(sk, chunk, &err);
		if (!skb) {
			/* The allocator said no: as a full budget with
			 * nothing of ours in flight, a blocking send naps
			 * and tries again.
			 */
			if (err != -ENOBUFS || !timeo)
				break;
			err = tip_stream_wait_memory(sk, &timeo);
			if (!err && tip_stream_send_stop(sk))
				err = -EPIPE;
			continue;
		}
		if (skb_copy_datagram_from_iter(skb, 0, &msg->msg_iter,
						chunk)) {
			kfree_skb(skb);
			err = -EFAULT;
			break;
		}
		gen = READ_ONCE(tip_ss(sk)->tx_gen);
		err = tip_stream_queue(sk, skb, (flags & MSG_MORE) &&
				       copied + chunk == len);
		if (!err) {
			copied += chunk;
			continue;
		}
		kfree_skb(skb);
		iov_iter_revert(&msg->msg_iter, chunk);
		if (err != -ENOBUFS)
			break;
		/* The instance budget is full: wait for our data to drain,
		 * or, none of it in flight, for others' to. A non-blocking
		 * (or timed out) send says ENOBUFS then, not EAGAIN: poll()
		 * would call the socket writable at once.
		 */
		if (READ_ONCE(tip_stream_pcb(sk)->snd_queued))
			err = tip_stream_wait_space(sk, &timeo, gen, true);
		else if (timeo)
			err = tip_stream_wait_memory(sk, &timeo);
		else
			break;
		if (!err && tip_stream_send_stop(sk))
			err = -EPIPE;
	}
	if (err == -EPIPE && READ_ONCE(sk->sk_err))
		err = sock_error(sk) ?: -EPIPE;
	release_sock(sk);
	if (copied)
		return copied;
	return sk_stream_error(sk, flags, err);
}

/* The receiver consumed @n bytes: reopen the window. */
static void tip_stream_recved(struct sock *sk, u32 n)
{
	struct tip_net *tn = tip_stream_tn(sk);
	struct tip_stream_sock *ss = tip_ss(sk);
	struct tip_tcp_pcb *pcb;

	if (!n)
		return;
	spin_lock_bh(&tn->lock);
	pcb = tip_stream_pcb(sk);
	WRITE_ONCE(ss->rx_avail, ss->rx_avail - n);
	tip_stream_sync(sk, pcb);
	tip_tcp_recved(pcb, n);
	spin_unlock_bh(&tn->lock);
}

static struct sk_buff *tip_stream_rx_next(struct sock *sk,
					  struct sk_buff *prev)
{
	struct sk_buff_head *q = &sk->sk_receive_queue;
	struct sk_buff *skb;

	spin_lock_bh(&q->lock);
	skb = prev ? skb_peek_next(prev, q) : skb_peek(q);
	spin_unlock_bh(&q->lock);
	return skb;
}

/*
 * Copies up to @len queued bytes. Only the reader (under lock_sock)
 * takes skbs off the head; callbacks only append, so the skbs walked
 * stay valid without the queue lock. *@peeked counts bytes already
 * peeked in this call; *@consumed the bytes to tell the PCB about.
 */
static int tip_stream_copy(struct sock *sk, struct msghdr *msg, size_t len,
			   int flags, u32 *peeked, u32 *consumed)
{
	struct tip_stream_sock *ss = tip_ss(sk);
	bool peek = flags & MSG_PEEK;
	struct sk_buff *skb, *prev = NULL;
	u32 skip = ss->rx_off + (peek ? *peeked : 0);
	size_t copied = 0;
	u32 n;

	while (copied < len && (skb = tip_stream_rx_next(sk, prev))) {
		if (skip >= skb->len) {
			skip -= skb->len;
			prev = skb;
			continue;
		}
		n = min_t(size_t, skb->len - skip, len - copied);
		if (!(flags & MSG_TRUNC) &&
		    skb_copy_datagram_msg(skb, skip, msg, n))
			return copied ?: -EFAULT;
		copied += n;
		if (peek) {
			*peeked += n;
			skip = 0;
			prev = skb;
			continue;
		}
		*consumed += n;
		ss->rx_off += n;
		skip = ss->rx_off;
		if (ss->rx_off == skb->len) {
			skb_unlink(skb, &sk->sk_receive_queue);
			tip_stream_free_rx(tip_stream_tn(sk), skb);
			ss->rx_off = 0;
			skip = 0;
		}
	}
	return copied;
}

static bool tip_stream_rx_wake(struct sock *sk, u32 seen)
{
	return READ_ONCE(tip_ss(sk)->rx_avail) > seen ||
	       READ_ONCE(sk->sk_err) ||
	       (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) ||
	       tip_stream_state_of(sk) == TIP_TCP_CLOSE;
}

/* Why a read that copied nothing stops, or 0 to wait (tcp_recvmsg). */
static int tip_stream_rx_stop(struct sock *sk, long timeo)
{
	if (READ_ONCE(tip_ss(sk)->fin))
		return 1;
	if (READ_ONCE(sk->sk_err))
		return sock_error(sk);
	if (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN)
		return 1;
	if (tip_stream_state_of(sk) == TIP_TCP_CLOSE)
		return -ENOTCONN;	/* never connected */
	if (!timeo)
		return -EAGAIN;
	if (signal_pending(current))
		return sock_intr_errno(timeo);
	return 0;
}

int tip_stream_recvmsg(struct socket *sock, struct msghdr *msg, size_t len,
		       int flags)
{
	DEFINE_WAIT_FUNC(wait, woken_wake_function);
	struct sock *sk = sock->sk;
	u32 peeked = 0, consumed = 0;
	size_t copied = 0;
	int target, n, err = 0;
	long timeo;

	if (flags & MSG_ERRQUEUE)
		return -EAGAIN;	/* TCP queues no errors: reported by SO_ERROR */
	if (flags & MSG_OOB)
		return -EINVAL;	/* no urgent data is ever pending */

	lock_sock(sk);
	if (tip_stream_state_of(sk) == TIP_TCP_LISTEN) {
		release_sock(sk);
		return -ENOTCONN;
	}
	timeo = sock_rcvtimeo(sk, flags & MSG_DONTWAIT);
	target = sock_rcvlowat(sk, flags & MSG_WAITALL, len);
	add_wait_queue(sk_sleep(sk), &wait);
	for (;;) {
		n = tip_stream_copy(sk, msg, len - copied, flags, &peeked,
				    &consumed);
		if (n < 0) {
			err = n;
			break;
		}
		copied += n;
		if (copied >= len)
			break;
		if (copied) {
			if (!timeo || READ_ONCE(sk->sk_err) ||
			    (READ_ONCE(sk->sk_shutdown) & RCV_SHUTDOWN) ||
			    tip_stream_state_of(sk) == TIP_TCP_CLOSE ||
			    signal_pending(current))
				break;
		} else {
			err = tip_stream_rx_stop(sk, timeo);
			if (err) {
				err = min(err, 0);
				break;
			}
		}
		if (copied >= target)
			break;
		/* Open the window before sleeping on more data. */
		tip_stream_recved(sk, consumed);
		consumed = 0;
		sk_wait_event(sk, &timeo, tip_stream_rx_wake(sk, peeked),
			      &wait);
	}
	remove_wait_queue(sk_sleep(sk), &wait);
	tip_stream_recved(sk, consumed);
	release_sock(sk);
	return copied ?: err;
}

