// SPDX-License-Identifier: GPL-2.0
/*
 * The native API for TCP (include/tinyip/api.h): connections (RFC 9293)
 * for other kernel modules in the style of lwIP's raw API
 * (tcp_new/bind/listen/accept/connect/write/output/recved/close/abort,
 * recv/sent/err/poll callbacks), as bare TCP PCBs, the same ones stream
 * sockets wrap. A connection costs one PCB and this handle.
 *
 * Handles are refcounted: the user holds one reference until close or
 * abort, the poll timer one while it is pending, and the accept path one
 * while it runs the user's callback (which may close either handle).
 */
#include <linux/export.h>
#include <linux/module.h>
#include <linux/tcp.h>
#include <linux/wait.h>

#include <tinyip/addr.h>
#include <tinyip/api.h>
#include <tinyip/fault.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

struct tinyip_tcp {
	struct tip_tcp_pcb *pcb;	/* NULL once closed */
	struct tip_net *tn;
	const struct tinyip_tcp_ops *ops;
	void *ctx;
	tinyip_tcp_connected_t connected;
	wait_queue_head_t wq;		/* sleeping writers */
	struct timer_list timer;	/* @poll */
	unsigned long poll_interval;	/* jiffies, 0 for none */
	refcount_t ref;
	u32 tx_gen;			/* bumped by every ACK of our data */
	int err;			/* what killed the connection */
};

static const struct tip_tcp_ops tinyip_tcp_pcb_ops;

static void tinyip_tcp_hold(struct tinyip_tcp *t)
{
	refcount_inc(&t->ref);
}

static void tinyip_tcp_put(struct tinyip_tcp *t)
{
	if (refcount_dec_and_test(&t->ref))
		tip_mem_free(&t->tn->mem, TINYIP_MEM_PCB, t, sizeof(*t));
}

static void tinyip_tcp_poll_timer(struct timer_list *timer)
{
	struct tinyip_tcp *t = from_timer(t, timer, timer);
	struct tip_net *tn = t->tn;
	bool keep = false;

	spin_lock(&tn->lock);
	if (t->pcb && t->ops && t->ops->poll)
		t->ops->poll(t, t->ctx);
	/* The callback may have closed the handle or re-armed the timer. */
	if (t->pcb && t->poll_interval)
		keep = !mod_timer(&t->timer, jiffies + t->poll_interval);
	spin_unlock(&tn->lock);
	if (!keep)
		tinyip_tcp_put(t);
}

static struct tinyip_tcp *tinyip_tcp_alloc(struct tip_net *tn, gfp_t gfp)
{
	struct tinyip_tcp *t = tip_mem_zalloc(&tn->mem, TINYIP_MEM_PCB,
					      sizeof(*t), gfp);

	if (!t)
		return NULL;
	t->tn = tn;
	init_waitqueue_head(&t->wq);
	timer_setup(&t->timer, tinyip_tcp_poll_timer, 0);
	refcount_set(&t->ref, 1);
	return t;
}

/* ---- PCB callbacks, under tn->lock ---- */

static void tinyip_tcp_cb_recv(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	struct tinyip_tcp *t = pcb->ctx;

	/* The skb leaves the instance: the user's memory from now on. */
	if (skb)
		tip_mem_uncharge(&pcb->tn->mem, TINYIP_MEM_RCVQ, skb->truesize);
	if (t && t->ops && t->ops->recv) {
		t->ops->recv(t, t->ctx, skb);
		return;
	}
	if (skb) {
		tip_tcp_recved(pcb, skb->len);
		consume_skb(skb);
	}
}

static void tinyip_tcp_cb_sent(struct tip_tcp_pcb *pcb, u32 acked)
{
	struct tinyip_tcp *t = pcb->ctx;

	if (!t)
		return;
	t->tx_gen++;
	wake_up(&t->wq);
	if (t->ops && t->ops->sent)
		t->ops->sent(t, t->ctx, acked);
}

static void tinyip_tcp_cb_connected(struct tip_tcp_pcb *pcb)
{
	struct tinyip_tcp *t = pcb->ctx;

	if (!t)
		return;
	wake_up(&t->wq);
	if (t->connected)
		t->connected(t, t->ctx);
}

static void tinyip_tcp_cb_err(struct tip_tcp_pcb *pcb, int err)
{
	struct tinyip_tcp *t = pcb->ctx;

	if (!t)
		return;
	t->err = -abs(err);
	wake_up(&t->wq);
	if (t->ops && t->ops->err)
		t->ops->err(t, t->ctx, t->err);
}

static void tinyip_tcp_free_locked(struct tinyip_tcp *t, bool abort);

/* Hands @child to the user's accept callback, which may close anything. */
static void tinyip_tcp_accept_one(struct tinyip_tcp *lt,
				  struct tip_tcp_pcb *child)
{
	struct tinyip_tcp *nt;
	int err;

	nt = tinyip_tcp_alloc(lt->tn, GFP_ATOMIC);
	if (!nt) {
		tip_tcp_close(child, true);
		return;
	}
	nt->pcb = child;
	nt->ops = lt->ops;
	nt->ctx = lt->ctx;
	tinyip_tcp_hold(nt);
	err = lt->ops->accept(lt, lt->ctx, nt);
	if (nt->pcb) {
		if (err)
			tinyip_tcp_free_locked(nt, true);
		else	/* now the user's recv sees early data, in order */
			tip_tcp_set_owner(child, &tinyip_tcp_pcb_ops, nt);
	}
	tinyip_tcp_put(nt);
}

static void tinyip_tcp_cb_accept_ready(struct tip_tcp_pcb *lpcb)
{
	struct tinyip_tcp *lt = lpcb->ctx;
	struct tip_tcp_pcb *child;

	if (!lt)
		return;
	wake_up(&lt->wq);
	if (!lt->ops || !lt->ops->accept)
		return;	/* left queued for tinyip_tcp_accept() */
	tinyip_tcp_hold(lt);
	tip_tcp_pcb_hold(lpcb);
	while (lt->pcb && lt->ops && lt->ops->accept &&
	       (child = tip_tcp_accept(lpcb)))
		tinyip_tcp_accept_one(lt, child);
	tip_tcp_pcb_put(lpcb);
	tinyip_tcp_put(lt);
}

static const struct tip_tcp_ops tinyip_tcp_pcb_ops = {
	.recv = tinyip_tcp_cb_recv,
	.sent = tinyip_tcp_cb_sent,
	.connected = tinyip_tcp_cb_connected,
	.err = tinyip_tcp_cb_err,
	.accept_ready = tinyip_tcp_cb_accept_ready,
};

/* ---- Creation, settings ---- */

struct tinyip_tcp *tinyip_tcp_new(struct net *net)
{
	struct tip_net *tn = tip_net(net);
	struct tinyip_tcp *t;

	t = tinyip_tcp_alloc(tn, GFP_KERNEL);
	if (!t)
		return ERR_PTR(-ENOBUFS);
	t->pcb = tip_tcp_pcb_new(tn, GFP_KERNEL);
	if (!t->pcb) {
		tinyip_tcp_put(t);
		return ERR_PTR(-ENOBUFS);
	}
	spin_lock_bh(&tn->lock);
	tip_tcp_set_owner(t->pcb, &tinyip_tcp_pcb_ops, t);
	spin_unlock_bh(&tn->lock);
	return t;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_new, TINYIP);

void tinyip_tcp_set_callbacks_locked(struct tinyip_tcp *t,
				     const struct tinyip_tcp_ops *ops,
				     void *ctx)
{
	lockdep_assert_held(&t->tn->lock);
	t->ops = ops;
	t->ctx = ctx;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_set_callbacks_locked, TINYIP);

void tinyip_tcp_set_callbacks(struct tinyip_tcp *t,
			      const struct tinyip_tcp_ops *ops, void *ctx)
{
	spin_lock_bh(&t->tn->lock);
	tinyip_tcp_set_callbacks_locked(t, ops, ctx);
	spin_unlock_bh(&t->tn->lock);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_set_callbacks, TINYIP);

static void tinyip_tcp_flag(struct tip_tcp_pcb *pcb, u32 flag, int val)
{
	if (val)
		pcb->flags |= flag;
	else
		pcb->flags &= ~flag;
}

/* Range checks shared by every option taking a count. */
static int tinyip_tcp_check(enum tinyip_tcp_opt opt, int val)
{
	switch (opt) {
	case TINYIP_TCP_KEEPIDLE:
	case TINYIP_TCP_KEEPINTVL:
		return val < 1 || val > 32767 ? -EINVAL : 0;
	case TINYIP_TCP_KEEPCNT:
		return val < 1 || val > 127 ? -EINVAL : 0;
	case TINYIP_TCP_MAXSEG:
		return val && (val < 88 || val > 32767) ? -EINVAL : 0;
	case TINYIP_TCP_TTL:
	case TINYIP_TCP_TOS:
		return val < 0 || val > 255 ? -EINVAL : 0;
	default:
		return val < 0 ? -EINVAL : 0;
	}
}

static int tinyip_tcp_setopt_locked(struct tinyip_tcp *t,
				    enum tinyip_tcp_opt opt, int val)
{
	struct tip_tcp_pcb *pcb = t->pcb;
	u64 budget = tip_mem_budget(&t->tn->mem);

	switch (opt) {
	case TINYIP_TCP_NODELAY:
		tinyip_tcp_flag(pcb, TIP_TCPF_NODELAY, val);
		if (val)
			tip_tcp_output(pcb);
		return 0;
	case TINYIP_TCP_KEEPALIVE:
		tip_tcp_set_keepalive(pcb, val);
		return 0;
	case TINYIP_TCP_KEEPIDLE:
		pcb->keep_idle = val;
		return 0;
	case TINYIP_TCP_KEEPINTVL:
		pcb->keep_intvl = val;
		return 0;
	case TINYIP_TCP_KEEPCNT:
		pcb->keep_cnt = val;
		return 0;
	case TINYIP_TCP_USER_TIMEOUT:
		pcb->user_timeout = val;
		return 0;
	case TINYIP_TCP_MAXSEG:
		pcb->user_mss = val;
		return 0;
	case TINYIP_TCP_REUSEADDR:
		tinyip_tcp_flag(pcb, TIP_TCPF_REUSE, val);
		pcb->inet.reuse = !!val;
		return 0;
	case TINYIP_TCP_BINDTODEVICE:
		pcb->inet.bound_if = val;
		return 0;
	case TINYIP_TCP_SNDBUF:
	case TINYIP_TCP_RCVBUF:
		/* Never more than the whole instance may hold anyway. */
		if (budget && val > budget)
			val = budget;
		if (opt == TINYIP_TCP_SNDBUF)
			pcb->snd_buf = val;
		else
			pcb->rcv_buf = val;
		return 0;
	case TINYIP_TCP_TTL:
		pcb->inet.ttl = val;
		return 0;
	case TINYIP_TCP_TOS:
		pcb->inet.tos = val;
		return 0;
	}
	return -ENOPROTOOPT;
}

int tinyip_tcp_setopt(struct tinyip_tcp *t, enum tinyip_tcp_opt opt, int val)
{
	int err = tinyip_tcp_check(opt, val);

	if (err)
		return err;
	spin_lock_bh(&t->tn->lock);
	err = tinyip_tcp_setopt_locked(t, opt, val);
	spin_unlock_bh(&t->tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_setopt, TINYIP);

int tinyip_tcp_set_cc(struct tinyip_tcp *t, const char *name)
{
	int err;

	spin_lock_bh(&t->tn->lock);
	err = tip_tcp_set_cc(t->pcb, name);
	spin_unlock_bh(&t->tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_set_cc, TINYIP);

/* ---- Opening ---- */

/*
 * The IPv6 entry points make the endpoint an IPv6 one: unbound, its
 * wildcard is :: (IPv6 and, unless V6ONLY, IPv4 too, RFC 3493 3.7).
 */
static void tinyip_tcp_make_v6(struct tip_tcp_pcb *pcb)
{
	if (pcb->inet.v6 || (pcb->flags & TIP_TCPF_BOUND))
		return;
	pcb->inet.v6 = true;
	tip_tcp_set_wild(pcb);
}

static int tinyip_tcp_do_bind(struct tinyip_tcp *t,
			      const struct in6_addr *addr, __be16 port,
			      bool v6)
{
	int err;

	spin_lock_bh(&t->tn->lock);
	if (t->pcb->state != TIP_TCP_CLOSE) {
		err = -EINVAL;
	} else {
		if (v6)
			tinyip_tcp_make_v6(t->pcb);
		err = tip_tcp_bind(t->pcb, addr, port, true);
	}
	spin_unlock_bh(&t->tn->lock);
	return err;
}

int tinyip_tcp_bind6(struct tinyip_tcp *t, const struct in6_addr *addr,
		     __be16 port)
{
	return tinyip_tcp_do_bind(t, addr, port, true);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_bind6, TINYIP);

int tinyip_tcp_bind(struct tinyip_tcp *t, __be32 addr, __be16 port)
{
	struct in6_addr a;

	tip_addr_from4(&a, addr);
	return tinyip_tcp_do_bind(t, &a, port, false);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_bind, TINYIP);

int tinyip_tcp_listen(struct tinyip_tcp *t, int backlog)
{
	struct tip_tcp_pcb *pcb = t->pcb;
	int err = 0;

	if (backlog < 0)
		backlog = 0;
	spin_lock_bh(&t->tn->lock);
	if (pcb->state != TIP_TCP_CLOSE)
		err = -EINVAL;
	else if (!(pcb->flags & TIP_TCPF_BOUND))
		err = tip_tcp_autobind(pcb);
	if (!err)
		err = tip_tcp_listen(pcb, backlog);
	spin_unlock_bh(&t->tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_listen, TINYIP);

struct tinyip_tcp *tinyip_tcp_accept(struct tinyip_tcp *lt,
				     const struct tinyip_tcp_ops *ops,
				     void *ctx)
{
	struct tip_net *tn = lt->tn;
	struct tip_tcp_pcb *child;
	struct tinyip_tcp *nt;

	nt = tinyip_tcp_alloc(tn, GFP_KERNEL);
	if (!nt)
		return ERR_PTR(-ENOBUFS);
	spin_lock_bh(&tn->lock);
	if (lt->pcb->state != TIP_TCP_LISTEN) {
		child = ERR_PTR(-EINVAL);
	} else {
		child = tip_tcp_accept(lt->pcb);
		if (!child)
			child = ERR_PTR(-EAGAIN);
	}
	if (!IS_ERR(child)) {
		nt->pcb = child;
		nt->ops = ops;
		nt->ctx = ctx;
		tip_tcp_set_owner(child, &tinyip_tcp_pcb_ops, nt);
	}
	spin_unlock_bh(&tn->lock);
	if (IS_ERR(child)) {
		tinyip_tcp_put(nt);
		return ERR_CAST(child);
	}
	return nt;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_accept, TINYIP);

static int tinyip_tcp_do_connect(struct tinyip_tcp *t,
				 const struct in6_addr *addr, __be16 port,
				 tinyip_tcp_connected_t connected, bool v6)
{
	int err;

	spin_lock_bh(&t->tn->lock);
	t->connected = connected;
	t->err = 0;
	if (v6)
		tinyip_tcp_make_v6(t->pcb);
	err = tip_tcp_connect(t->pcb, addr, port);
	spin_unlock_bh(&t->tn->lock);
	return err;
}

int tinyip_tcp_connect6(struct tinyip_tcp *t, const struct in6_addr *addr,
			__be16 port, tinyip_tcp_connected_t connected)
{
	return tinyip_tcp_do_connect(t, addr, port, connected, true);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_connect6, TINYIP);

int tinyip_tcp_connect(struct tinyip_tcp *t, __be32 addr, __be16 port,
		       tinyip_tcp_connected_t connected)
{
	struct in6_addr a;

	tip_addr_from4(&a, addr);
	return tinyip_tcp_do_connect(t, &a, port, connected, false);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_connect, TINYIP);

/* ---- Data ---- */

static struct sk_buff *tinyip_tcp_skb(const void *buf, u32 len, gfp_t gfp)
{
	struct sk_buff *skb = tip_alloc_skb(TIP_TCP_HEADROOM + len, gfp);

	if (!skb)
		return NULL;
	skb_reserve(skb, TIP_TCP_HEADROOM);
	skb_put_data(skb, buf, len);
	return skb;
}

/* One segment-sized piece, under tn->lock; returns bytes queued. */
static int tinyip_tcp_write_one(struct tinyip_tcp *t, const void *buf,
				size_t len, gfp_t gfp)
{
	struct tip_tcp_pcb *pcb = t->pcb;
	u32 goal = tip_tcp_size_goal(pcb) ?: 536;
	u32 space = tip_tcp_write_space(pcb);
	struct sk_buff *skb;
	u32 n;
	int err;

	if (t->err)
		return t->err;
	/* Linear skbs: a piece is at most a page, whatever the goal. */
	n = min_t(size_t, len, min_t(u32, goal,
				     SKB_MAX_HEAD(TIP_TCP_HEADROOM)));
	n = min(n, space);
	if (!n)
		return -EAGAIN;
	skb = tinyip_tcp_skb(buf, n, gfp);
	if (!skb)
		return -ENOBUFS;
	err = tip_tcp_write(pcb, skb);
	if (err) {
		kfree_skb(skb);
		return err;
	}
	return n;
}

int tinyip_tcp_write_locked(struct tinyip_tcp *t, const void *buf,
			    size_t len, unsigned int flags)
{
	size_t done = 0;
	int n = 0;

	lockdep_assert_held(&t->tn->lock);
	if (len > INT_MAX)
		len = INT_MAX;
	while (done < len) {
		n = tinyip_tcp_write_one(t, buf + done, len - done,
					 GFP_ATOMIC);
		if (n < 0)
			break;
		done += n;
	}
	return done ?: n;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_write_locked, TINYIP);

/* Sends what the PCB allows; TINYIP_TCP_WRITE_MORE corks this once. */
static void tinyip_tcp_push(struct tip_tcp_pcb *pcb, unsigned int flags)
{
	bool corked = pcb->flags & TIP_TCPF_CORK;

	if (flags & TINYIP_TCP_WRITE_MORE)
		pcb->flags |= TIP_TCPF_CORK;
	tip_tcp_output(pcb);
	if (!corked)
		pcb->flags &= ~TIP_TCPF_CORK;
}

void tinyip_tcp_output_locked(struct tinyip_tcp *t)
{
	lockdep_assert_held(&t->tn->lock);
	tip_tcp_output(t->pcb);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_output_locked, TINYIP);

void tinyip_tcp_output(struct tinyip_tcp *t)
{
	spin_lock_bh(&t->tn->lock);
	tip_tcp_output(t->pcb);
	spin_unlock_bh(&t->tn->lock);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_output, TINYIP);

/* What a sleeping writer waits for: room, an ACK after a refusal, death. */
static bool tinyip_tcp_write_wake(struct tinyip_tcp *t, u32 gen)
{
	bool wake;

	spin_lock_bh(&t->tn->lock);
	wake = t->err || t->tx_gen != gen ||
	       (tip_tcp_write_space(t->pcb) && !gen);
	spin_unlock_bh(&t->tn->lock);
	return wake;
}

int tinyip_tcp_write(struct tinyip_tcp *t, const void *buf, size_t len,
		     unsigned int flags)
{
	struct tip_net *tn = t->tn;
	size_t done = 0;
	u32 gen = 0;
	int n = 0;

	might_sleep();
	if (len > INT_MAX)
		len = INT_MAX;
	while (done < len) {
		spin_lock_bh(&tn->lock);
		n = tinyip_tcp_write_one(t, buf + done, len - done,
					 GFP_ATOMIC);
		if (n > 0)
			tinyip_tcp_push(t->pcb, done + n == len ? flags : 0);
		gen = t->tx_gen;
		spin_unlock_bh(&tn->lock);
		if (n > 0) {
			done += n;
			continue;
		}
		if (n != -EAGAIN && n != -ENOBUFS)
			break;
		/* -EAGAIN: wait for room; -ENOBUFS: for any ACK. */
		if (wait_event_interruptible(t->wq,
					     tinyip_tcp_write_wake(t, n == -EAGAIN ?
								   0 : gen))) {
			n = -EINTR;
			break;
		}
	}
	return done ?: n;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_write, TINYIP);

void tinyip_tcp_recved_locked(struct tinyip_tcp *t, u32 len)
{
	lockdep_assert_held(&t->tn->lock);
	if (t->pcb)
		tip_tcp_recved(t->pcb, len);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_recved_locked, TINYIP);

void tinyip_tcp_recved(struct tinyip_tcp *t, u32 len)
{
	spin_lock_bh(&t->tn->lock);
	tinyip_tcp_recved_locked(t, len);
	spin_unlock_bh(&t->tn->lock);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_recved, TINYIP);

/* ---- Closing ---- */

int tinyip_tcp_shutdown(struct tinyip_tcp *t, int how)
{
	int err;

	if (how < SHUT_RD || how > SHUT_RDWR)
		return -EINVAL;
	spin_lock_bh(&t->tn->lock);
	err = tip_tcp_shutdown(t->pcb, how + 1);
	spin_unlock_bh(&t->tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_shutdown, TINYIP);

/* After this no callback runs for @t; the user's reference is gone. */
static void tinyip_tcp_free_locked(struct tinyip_tcp *t, bool abort)
{
	struct tip_tcp_pcb *pcb = t->pcb;

	lockdep_assert_held(&t->tn->lock);
	if (!pcb)
		return;
	t->pcb = NULL;
	pcb->ctx = NULL;
	tip_tcp_close(pcb, abort);
	if (del_timer(&t->timer))
		tinyip_tcp_put(t);
	tinyip_tcp_put(t);
}

static void tinyip_tcp_free(struct tinyip_tcp *t, bool abort)
{
	if (IS_ERR_OR_NULL(t))
		return;
	might_sleep();
	tinyip_tcp_hold(t);
	spin_lock_bh(&t->tn->lock);
	tinyip_tcp_free_locked(t, abort);
	spin_unlock_bh(&t->tn->lock);
	/* A running @poll finishes before the handle (and module) go. */
	del_timer_sync(&t->timer);
	tinyip_tcp_put(t);
}

void tinyip_tcp_close(struct tinyip_tcp *t)
{
	tinyip_tcp_free(t, false);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_close, TINYIP);

void tinyip_tcp_close_locked(struct tinyip_tcp *t)
{
	tinyip_tcp_free_locked(t, false);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_close_locked, TINYIP);

void tinyip_tcp_abort(struct tinyip_tcp *t)
{
	tinyip_tcp_free(t, true);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_abort, TINYIP);

void tinyip_tcp_abort_locked(struct tinyip_tcp *t)
{
	tinyip_tcp_free_locked(t, true);
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_abort_locked, TINYIP);

/* ---- Poll and getters ---- */

int tinyip_tcp_poll_locked(struct tinyip_tcp *t, unsigned int interval_ms)
{
	lockdep_assert_held(&t->tn->lock);
	if (!t->pcb)
		return -EINVAL;
	t->poll_interval = interval_ms ? max(msecs_to_jiffies(interval_ms),
					     1UL) : 0;
	if (!t->poll_interval) {
		if (del_timer(&t->timer))
			tinyip_tcp_put(t);
	} else if (!mod_timer(&t->timer, jiffies + t->poll_interval)) {
		tinyip_tcp_hold(t);	/* the pending timer's reference */
	}
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_poll_locked, TINYIP);

int tinyip_tcp_poll(struct tinyip_tcp *t, unsigned int interval_ms)
{
	int err;

	spin_lock_bh(&t->tn->lock);
	err = tinyip_tcp_poll_locked(t, interval_ms);
	spin_unlock_bh(&t->tn->lock);
	return err;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_poll, TINYIP);

int tinyip_tcp_state(struct tinyip_tcp *t)
{
	struct tip_tcp_pcb *pcb = READ_ONCE(t->pcb);

	return pcb ? READ_ONCE(pcb->state) : TCP_CLOSE;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_state, TINYIP);

int tinyip_tcp_getname6(struct tinyip_tcp *t, bool peer,
			struct in6_addr *addr, __be16 *port)
{
	struct tip_tcp_pcb *pcb = READ_ONCE(t->pcb);

	if (!pcb)
		return -EINVAL;
	tip_addr_read_once(addr, peer ? &pcb->raddr : &pcb->laddr);
	*port = peer ? READ_ONCE(pcb->rport) : READ_ONCE(pcb->lport);
	if (peer && !*port)
		return -ENOTCONN;
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_getname6, TINYIP);

/* An IPv6 address has no IPv4 form: -EAFNOSUPPORT. */
int tinyip_tcp_getname(struct tinyip_tcp *t, bool peer, __be32 *addr,
		       __be16 *port)
{
	struct in6_addr a;
	int err;

	err = tinyip_tcp_getname6(t, peer, &a, port);
	if (err)
		return err;
	if (ipv6_addr_any(&a))
		tip_addr_from4(&a, 0);
	if (!tip_addr_is_v4(&a))
		return -EAFNOSUPPORT;
	*addr = tip_addr_v4(&a);
	return 0;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_getname, TINYIP);

u32 tinyip_tcp_sndbuf_locked(struct tinyip_tcp *t)
{
	lockdep_assert_held(&t->tn->lock);
	return t->pcb ? tip_tcp_write_space(t->pcb) : 0;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_sndbuf_locked, TINYIP);

u32 tinyip_tcp_sndbuf(struct tinyip_tcp *t)
{
	u32 space;

	spin_lock_bh(&t->tn->lock);
	space = tinyip_tcp_sndbuf_locked(t);
	spin_unlock_bh(&t->tn->lock);
	return space;
}
EXPORT_SYMBOL_NS_GPL(tinyip_tcp_sndbuf, TINYIP);
