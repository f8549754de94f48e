// SPDX-License-Identifier: GPL-2.0
/*
 * make bench's fd-less connections (tools/bench/guest.sh, figure "raw"):
 * holds N idle TCP (RFC 9293) connections opened inside the kernel, with
 * no file descriptor and no process behind them, either over tinyip's
 * raw API (include/tinyip/api.h: a listener whose accept callback keeps
 * every child, and N active opens) or over the native stack's in-kernel
 * sockets (sock_create_kern, kernel_listen/kernel_accept/kernel_connect),
 * so that the slab each stack needs per connection can be compared.
 *
 * Driven through /proc/tinyip_rawconn, written by a process in the
 * network namespace to act in (ip netns exec NS sh -c 'echo ... > ...'):
 *
 *   tinyip listen ADDR PORT      native listen ADDR PORT
 *   tinyip connect ADDR PORT N   native connect ADDR PORT N
 *   close
 *
 * "connect" returns once all N connections are established at both ends
 * (the listener must be this module's, in the peer namespace), or fails
 * with everything opened so far still held. "close" aborts every
 * connection (RST: no TIME_WAIT left to skew the next measurement) and
 * the listeners; unloading does the same. Reading the file tells what
 * is held. The namespaces are referenced while anything is held in them.
 */
#include <linux/delay.h>
#include <linux/inet.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/net.h>
#include <linux/nsproxy.h>
#include <linux/proc_fs.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <linux/wait.h>
#include <net/net_namespace.h>
#include <net/sock.h>

#include <tinyip/api.h>

MODULE_IMPORT_NS(TINYIP);

static unsigned int max_conns = 10000;
module_param(max_conns, uint, 0444);
MODULE_PARM_DESC(max_conns, "connections one connect may open (both ends are held)");

/* Active opens in flight at once: a burst of SYNs is not what we measure. */
#define RAWCONN_BATCH	64
#define RAWCONN_WAIT	(60 * HZ)

/* The tinyip side. Counters change in callbacks, under tinyip's lock. */
struct rawconn_tip {
	struct net *lnet, *cnet;	/* listener's, connections' */
	struct tinyip_tcp *listener;
	struct tinyip_tcp **srv, **cli;	/* max_conns each */
	unsigned int nsrv, ncli;	/* slots used */
	atomic_t connected, failed;
	int err;			/* the first failure seen */
	wait_queue_head_t wq;
};

struct rawconn_native {
	struct net *lnet, *cnet;
	struct socket *listener;
	struct socket **srv, **cli;
	unsigned int nsrv, ncli;
};

static DEFINE_MUTEX(rawconn_lock);	/* every command; unload */
static struct rawconn_tip rc_tip;
static struct rawconn_native rc_nat;

/* Lets the namespaces of a listener and its peers go. */
static void rawconn_put_nets(struct net **lnet, struct net **cnet)
{
	if (*lnet)
		put_net(*lnet);
	if (*cnet)
		put_net(*cnet);
	*lnet = NULL;
	*cnet = NULL;
}

/*
 * Whether @n more connections may be opened beside @held, from the
 * caller's namespace: all of a stack's active opens come from one, which
 * the first of them pins in @cnet.
 */
static int rawconn_may_connect(bool listening, unsigned int held,
			       unsigned int n, struct net **cnet)
{
	struct net *net = current->nsproxy->net_ns;

	if (!listening)
		return -ENOTCONN;
	if (n > max_conns - held)
		return -ENOSPC;
	if (*cnet && *cnet != net)
		return -EXDEV;
	if (!*cnet)
		*cnet = get_net(net);
	return 0;
}

/* ---- tinyip's raw API ---- */

static int rawconn_tip_accept(struct tinyip_tcp *lt, void *ctx,
			      struct tinyip_tcp *nt)
{
	struct rawconn_tip *rt = ctx;

	if (rt->nsrv >= max_conns)
		return -ENOSPC;
	rt->srv[rt->nsrv++] = nt;
	wake_up(&rt->wq);
	return 0;
}

static void rawconn_tip_err(struct tinyip_tcp *t, void *ctx, int err)
{
	struct rawconn_tip *rt = ctx;

	if (!rt->err)
		rt->err = err;
	atomic_inc(&rt->failed);
	wake_up(&rt->wq);
}

static void rawconn_tip_connected(struct tinyip_tcp *t, void *ctx)
{
	struct rawconn_tip *rt = ctx;

	atomic_inc(&rt->connected);
	wake_up(&rt->wq);
}

/* Children inherit these; their @accept is never called. */
static const struct tinyip_tcp_ops rawconn_tip_ops = {
	.accept = rawconn_tip_accept,
	.err = rawconn_tip_err,
};

static void rawconn_tip_close(struct rawconn_tip *rt)
{
	unsigned int i;

	/* The listener first, so no child arrives while we free. */
	tinyip_tcp_abort(rt->listener);
	rt->listener = NULL;
	for (i = 0; i < rt->ncli; i++)
		tinyip_tcp_abort(rt->cli[i]);
	/* No callback runs any more: the children's array is ours. */
	for (i = 0; i < rt->nsrv; i++)
		tinyip_tcp_abort(rt->srv[i]);
	rt->ncli = 0;
	rt->nsrv = 0;
	atomic_set(&rt->connected, 0);
	atomic_set(&rt->failed, 0);
	rt->err = 0;
	rawconn_put_nets(&rt->lnet, &rt->cnet);
}

static int rawconn_tip_listen(struct rawconn_tip *rt, __be32 addr, __be16 port)
{
	struct tinyip_tcp *t;
	int err;

	if (rt->listener)
		return -EBUSY;
	t = tinyip_tcp_new(current->nsproxy->net_ns);
	if (IS_ERR(t))
		return PTR_ERR(t);
	tinyip_tcp_set_callbacks(t, &rawconn_tip_ops, rt);
	err = tinyip_tcp_setopt(t, TINYIP_TCP_REUSEADDR, 1);
	if (!err)
		err = tinyip_tcp_bind(t, addr, port);
	if (!err)
		err = tinyip_tcp_listen(t, RAWCONN_BATCH);
	if (err) {
		tinyip_tcp_abort(t);
		return err;
	}
	rt->listener = t;
	rt->lnet = get_net(current->nsproxy->net_ns);
	return 0;
}

/* Accepted children are counted under tinyip's lock: read it racily. */
static unsigned int rawconn_tip_accepted(struct rawconn_tip *rt)
{
	return READ_ONCE(rt->nsrv);
}

/* A failure, or fewer than a batch of active opens in their handshake. */
static bool rawconn_tip_room(struct rawconn_tip *rt)
{
	return READ_ONCE(rt->err) ||
	       rt->ncli - atomic_read(&rt->connected) < RAWCONN_BATCH;
}

/* A failure, or every connection established at both ends. */
static bool rawconn_tip_done(struct rawconn_tip *rt)
{
	return READ_ONCE(rt->err) ||
	       (atomic_read(&rt->connected) == rt->ncli &&
		rawconn_tip_accepted(rt) >= rt->ncli);
}

static int rawconn_tip_connect(struct rawconn_tip *rt, __be32 addr,
			       __be16 port, unsigned int n)
{
	unsigned int base = rt->ncli;
	struct tinyip_tcp *t;
	long left;
	int err;

	err = rawconn_may_connect(!!rt->listener, rt->ncli, n, &rt->cnet);
	if (err)
		return err;
	while (rt->ncli < base + n) {
		/* Wait until fewer than a batch are in their handshake. */
		left = wait_event_interruptible_timeout(rt->wq,
							rawconn_tip_room(rt),
							RAWCONN_WAIT);
		if (left <= 0)
			return left ? -EINTR : -ETIMEDOUT;
		if (READ_ONCE(rt->err))
			return READ_ONCE(rt->err);
		t = tinyip_tcp_new(rt->cnet);
		if (IS_ERR(t))
			return PTR_ERR(t);
		tinyip_tcp_set_callbacks(t, &rawconn_tip_ops, rt);
		rt->cli[rt->ncli++] = t;
		err = tinyip_tcp_connect(t, addr, port, rawconn_tip_connected);
		if (err)
			return err;
	}
	left = wait_event_interruptible_timeout(rt->wq, rawconn_tip_done(rt),
						RAWCONN_WAIT);
	if (left <= 0)
		return left ? -EINTR : -ETIMEDOUT;
	return READ_ONCE(rt->err);
}

/* ---- The native stack's in-kernel sockets ---- */

static void rawconn_nat_release(struct socket *sock)
{
	/* Linger 0: an RST, and no TIME_WAIT socket left behind. */
	sock_no_linger(sock->sk);
	sock_release(sock);
}

static void rawconn_nat_close(struct rawconn_native *rn)
{
	unsigned int i;

	if (rn->listener)
		sock_release(rn->listener);
	rn->listener = NULL;
	for (i = 0; i < rn->ncli; i++)
		rawconn_nat_release(rn->cli[i]);
	for (i = 0; i < rn->nsrv; i++)
		rawconn_nat_release(rn->srv[i]);
	rn->ncli = 0;
	rn->nsrv = 0;
	rawconn_put_nets(&rn->lnet, &rn->cnet);
}

static void rawconn_sin(struct sockaddr_in *sin, __be32 addr, __be16 port)
{
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	sin->sin_addr.s_addr = addr;
	sin->sin_port = port;
}

static int rawconn_nat_listen(struct rawconn_native *rn, __be32 addr,
			      __be16 port)
{
	struct net *net = current->nsproxy->net_ns;
	struct sockaddr_in sin;
	struct socket *sock;
	int err;

	if (rn->listener)
		return -EBUSY;
	err = sock_create_kern(net, AF_INET, SOCK_STREAM, IPPROTO_TCP, &sock);
	if (err)
		return err;
	sock->sk->sk_reuse = SK_CAN_REUSE;
	rawconn_sin(&sin, addr, port);
	err = kernel_bind(sock, (struct sockaddr *)&sin, sizeof(sin));
	if (!err)
		err = kernel_listen(sock, SOMAXCONN);
	if (err) {
		sock_release(sock);
		return err;
	}
	rn->listener = sock;
	rn->lnet = get_net(net);
	return 0;
}

/* Takes what the listener has queued, without waiting. */
static int rawconn_nat_drain(struct rawconn_native *rn)
{
	struct socket *sock;
	int err;

	while (rn->nsrv < max_conns) {
		err = kernel_accept(rn->listener, &sock, O_NONBLOCK);
		if (err)
			return err == -EAGAIN ? 0 : err;
		rn->srv[rn->nsrv++] = sock;
	}
	return 0;
}

static int rawconn_nat_connect(struct rawconn_native *rn, __be32 addr,
			       __be16 port, unsigned int n)
{
	unsigned int base = rn->ncli, tries;
	struct sockaddr_in sin;
	struct socket *sock;
	int err;

	err = rawconn_may_connect(!!rn->listener, rn->ncli, n, &rn->cnet);
	if (err)
		return err;
	rawconn_sin(&sin, addr, port);
	while (rn->ncli < base + n) {
		err = sock_create_kern(rn->cnet, AF_INET, SOCK_STREAM,
				       IPPROTO_TCP, &sock);
		if (err)
			return err;
		rn->cli[rn->ncli++] = sock;
		/* Blocking: returns once the handshake is done. */
		err = kernel_connect(sock, (struct sockaddr *)&sin, sizeof(sin), 0);
		if (!err && !(rn->ncli % RAWCONN_BATCH))
			err = rawconn_nat_drain(rn);
		if (err)
			return err;
		if (signal_pending(current))
			return -EINTR;
	}
	/* The last ACKs may still be on their way to the listener. */
	for (tries = 0; rn->nsrv < rn->ncli && tries < 600; tries++) {
		err = rawconn_nat_drain(rn);
		if (err)
			return err;
		if (rn->nsrv < rn->ncli &&
		    msleep_interruptible(100))
			return -EINTR;
	}
	return rn->nsrv < rn->ncli ? -ETIMEDOUT : 0;
}

/* ---- /proc/tinyip_rawconn ---- */

static int rawconn_cmd(char *buf)
{
	char stack[8], verb[8], ip[16];
	unsigned int port, n = 0;
	__be32 addr;
	int nf;

	if (sysfs_streq(buf, "close")) {
		rawconn_tip_close(&rc_tip);
		rawconn_nat_close(&rc_nat);
		return 0;
	}
	nf = sscanf(buf, "%7s %7s %15s %u %u", stack, verb, ip, &port, &n);
	if (nf < 4 || port > 65535 || !in4_pton(ip, -1, (u8 *)&addr, -1, NULL))
		return -EINVAL;
	if (!strcmp(verb, "listen") && nf == 4) {
		if (!strcmp(stack, "tinyip"))
			return rawconn_tip_listen(&rc_tip, addr, htons(port));
		if (!strcmp(stack, "native"))
			return rawconn_nat_listen(&rc_nat, addr, htons(port));
	} else if (!strcmp(verb, "connect") && nf == 5) {
		if (!strcmp(stack, "tinyip"))
			return rawconn_tip_connect(&rc_tip, addr, htons(port), n);
		if (!strcmp(stack, "native"))
			return rawconn_nat_connect(&rc_nat, addr, htons(port), n);
	}
	return -EINVAL;
}

static ssize_t rawconn_write(struct file *file, const char __user *ubuf,
			     size_t len, loff_t *ppos)
{
	char buf[64];
	int err;

	if (!capable(CAP_NET_ADMIN))
		return -EPERM;
	if (len >= sizeof(buf))
		return -EINVAL;
	if (copy_from_user(buf, ubuf, len))
		return -EFAULT;
	buf[len] = '\0';
	if (mutex_lock_interruptible(&rawconn_lock))
		return -EINTR;
	err = rawconn_cmd(buf);
	mutex_unlock(&rawconn_lock);
	return err ?: len;
}

static int rawconn_show(struct seq_file *m, void *v)
{
	mutex_lock(&rawconn_lock);
	seq_printf(m, "tinyip listening %d connected %u accepted %u failed %d\n",
		   !!rc_tip.listener, atomic_read(&rc_tip.connected),
		   rawconn_tip_accepted(&rc_tip), atomic_read(&rc_tip.failed));
	seq_printf(m, "native listening %d connected %u accepted %u\n",
		   !!rc_nat.listener, rc_nat.ncli, rc_nat.nsrv);
	mutex_unlock(&rawconn_lock);
	return 0;
}

static int rawconn_open(struct inode *inode, struct file *file)
{
	return single_open(file, rawconn_show, NULL);
}

static const struct proc_ops rawconn_proc_ops = {
	.proc_open = rawconn_open,
	.proc_read = seq_read,
	.proc_write = rawconn_write,
	.proc_lseek = seq_lseek,
	.proc_release = single_release,
};

static struct proc_dir_entry *rawconn_pde;

static void rawconn_free_arrays(void)
{
	vfree(rc_tip.srv);
	vfree(rc_tip.cli);
	vfree(rc_nat.srv);
	vfree(rc_nat.cli);
}

/*
 * The arrays come from vmalloc, before any measurement starts: they are
 * not slab, and the slab growth is the stacks' alone.
 */
static int __init rawconn_init(void)
{
	if (!max_conns)
		return -EINVAL;
	init_waitqueue_head(&rc_tip.wq);
	rc_tip.srv = vcalloc(max_conns, sizeof(*rc_tip.srv));
	rc_tip.cli = vcalloc(max_conns, sizeof(*rc_tip.cli));
	rc_nat.srv = vcalloc(max_conns, sizeof(*rc_nat.srv));
	rc_nat.cli = vcalloc(max_conns, sizeof(*rc_nat.cli));
	if (!rc_tip.srv || !rc_tip.cli || !rc_nat.srv || !rc_nat.cli)
		goto nomem;
	rawconn_pde = proc_create("tinyip_rawconn", 0600, NULL,
				  &rawconn_proc_ops);
	if (!rawconn_pde)
		goto nomem;
	return 0;
nomem:
	rawconn_free_arrays();
	return -ENOMEM;
}

static void __exit rawconn_exit(void)
{
	proc_remove(rawconn_pde);
	mutex_lock(&rawconn_lock);
	rawconn_tip_close(&rc_tip);
	rawconn_nat_close(&rc_nat);
	mutex_unlock(&rawconn_lock);
	rawconn_free_arrays();
}

module_init(rawconn_init);
module_exit(rawconn_exit);
MODULE_DESCRIPTION("make bench: idle fd-less TCP connections, tinyip raw API and native");
MODULE_LICENSE("GPL");
