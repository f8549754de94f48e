// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of TCP (RFC 9293) through the exported native API
 * (include/tinyip/api.h), in init_net over tinyip's loopback link:
 * argument checks, bind conflicts, a connect refused by a RST, and a
 * connection carrying 100 KB each way, closed from either side. Links
 * against tinyip.ko's exports, like any other user of the API would.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/in.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <linux/tcp.h>
#include <net/net_namespace.h>

#include <tinyip/api.h>

MODULE_IMPORT_NS(TINYIP);

#define LOOPBACK	htonl(INADDR_LOOPBACK)
#define XFER_LEN	(100 * 1024)
#define WAIT		(20 * HZ)	/* generous: the debug kernel is slow */

/* One end of a connection, as the callbacks see it. */
struct peer {
	struct tinyip_tcp *t;
	struct completion connected;
	struct completion accepted;
	struct completion rx_done;
	struct completion fin;
	struct completion died;
	u8 *rx;
	size_t got;
	size_t want;
	int err;
	struct peer *child;	/* a listener's: who takes accepted ones */
};

static void peer_init(struct kunit *test, struct peer *p, size_t want)
{
	init_completion(&p->connected);
	init_completion(&p->accepted);
	init_completion(&p->rx_done);
	init_completion(&p->fin);
	init_completion(&p->died);
	p->want = want;
	if (want) {
		p->rx = kunit_kzalloc(test, want, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, p->rx);
	}
}

static void peer_recv(struct tinyip_tcp *t, void *ctx, struct sk_buff *skb)
{
	struct peer *p = ctx;
	unsigned int n;

	if (!skb) {
		complete(&p->fin);
		return;
	}
	n = min_t(size_t, skb->len, p->want - p->got);
	if (n && !skb_copy_bits(skb, 0, p->rx + p->got, n))
		p->got += n;
	tinyip_tcp_recved_locked(t, skb->len);
	consume_skb(skb);
	if (p->want && p->got == p->want)
		complete(&p->rx_done);
}

static void peer_err(struct tinyip_tcp *t, void *ctx, int err)
{
	struct peer *p = ctx;

	p->err = err;
	complete(&p->died);
}

static const struct tinyip_tcp_ops peer_ops = {
	.recv = peer_recv,
	.err = peer_err,
};

static int peer_accept(struct tinyip_tcp *lt, void *ctx,
		       struct tinyip_tcp *nt)
{
	struct peer *l = ctx, *p = l->child;

	if (!p || p->t)
		return -EBUSY;	/* one connection per test */
	p->t = nt;
	tinyip_tcp_set_callbacks_locked(nt, &peer_ops, p);
	complete(&l->accepted);
	return 0;
}

static const struct tinyip_tcp_ops listener_ops = {
	.accept = peer_accept,
};

static void peer_connected(struct tinyip_tcp *t, void *ctx)
{
	complete(&((struct peer *)ctx)->connected);
}

static struct tinyip_tcp *new_tcp(struct kunit *test)
{
	struct tinyip_tcp *t = tinyip_tcp_new(&init_net);

	KUNIT_ASSERT_FALSE(test, IS_ERR(t));
	return t;
}

static void tip_tcp_api_test_args(struct kunit *test)
{
	struct tinyip_tcp *t = new_tcp(test);
	__be32 addr;
	__be16 port;

	KUNIT_EXPECT_EQ(test, tinyip_tcp_setopt(t, TINYIP_TCP_KEEPIDLE, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_setopt(t, TINYIP_TCP_KEEPCNT, 128),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_setopt(t, TINYIP_TCP_MAXSEG, 40),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_setopt(t, TINYIP_TCP_TTL, 256),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_setopt(t, TINYIP_TCP_NODELAY, 1), 0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_setopt(t, TINYIP_TCP_MAXSEG, 1000),
			0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_shutdown(t, 7), -EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_set_cc(t, "no-such-cc"), -ENOENT);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_set_cc(t, "cubic"), 0);
	/* 192.0.2.77 (documentation) is nobody's address here. */
	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(t, htonl(0xc000024d), 0),
			-EADDRNOTAVAIL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(tinyip_tcp_accept(t, &peer_ops, NULL)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_state(t), TCP_CLOSE);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_getname(t, true, &addr, &port),
			-ENOTCONN);
	tinyip_tcp_close(t);
	tinyip_tcp_close(NULL);
	tinyip_tcp_abort(ERR_PTR(-ENOBUFS));
}

static void tip_tcp_api_test_bind(struct kunit *test)
{
	struct tinyip_tcp *a = new_tcp(test), *b = new_tcp(test);
	struct tinyip_tcp *c = new_tcp(test), *d = new_tcp(test);
	__be16 port = htons(40223), port2 = htons(40224), got;
	__be32 addr;

	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(a, LOOPBACK, port), 0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(a, LOOPBACK, port2), -EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(b, LOOPBACK, port), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(b, 0, port), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_getname(a, false, &addr, &got), 0);
	KUNIT_EXPECT_EQ(test, addr, LOOPBACK);
	KUNIT_EXPECT_EQ(test, got, port);
	/* Port 0 picks an ephemeral port (RFC 6056). */
	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(c, 0, 0), 0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_getname(c, false, &addr, &got), 0);
	KUNIT_EXPECT_NE(test, got, 0);
	/* A listener's port stays taken even with SO_REUSEADDR. */
	KUNIT_EXPECT_EQ(test, tinyip_tcp_listen(a, 4), 0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_state(a), TCP_LISTEN);
	tinyip_tcp_setopt(d, TINYIP_TCP_REUSEADDR, 1);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(d, LOOPBACK, port), -EADDRINUSE);
	/* Closing releases it: nothing was connected, no TIME_WAIT. */
	tinyip_tcp_close(a);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_bind(b, LOOPBACK, port), 0);

	tinyip_tcp_close(b);
	tinyip_tcp_close(c);
	tinyip_tcp_close(d);
}

static void tip_tcp_api_test_refused(struct kunit *test)
{
	struct peer *p = kunit_kzalloc(test, sizeof(*p), GFP_KERNEL);
	int err;

	KUNIT_ASSERT_NOT_NULL(test, p);
	peer_init(test, p, 0);
	p->t = new_tcp(test);
	tinyip_tcp_set_callbacks(p->t, &peer_ops, p);
	/* Port 40225 of 127.0.0.1: nobody listens, a RST answers. */
	err = tinyip_tcp_connect(p->t, LOOPBACK, htons(40225), peer_connected);
	if (err == -ENETUNREACH)
		kunit_skip(test, "no route to 127.0.0.1: IPv4 loopback absent");
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&p->died, WAIT), 0);
	KUNIT_EXPECT_EQ(test, p->err, -ECONNREFUSED);
	KUNIT_EXPECT_FALSE(test, completion_done(&p->connected));
	KUNIT_EXPECT_EQ(test, tinyip_tcp_state(p->t), TCP_CLOSE);
	tinyip_tcp_close(p->t);
}

static void fill(u8 *buf, size_t len, u32 seed)
{
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = (u8)((i * 2654435761u + seed) >> 13);
}

/* A connection over loopback, 100 KB each way, closed by @srv_first. */
static void xfer(struct kunit *test, bool srv_first, __be16 port)
{
	struct peer *l = kunit_kzalloc(test, sizeof(*l), GFP_KERNEL);
	struct peer *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct peer *s = kunit_kzalloc(test, sizeof(*s), GFP_KERNEL);
	u8 *c_tx = kunit_kmalloc(test, XFER_LEN, GFP_KERNEL);
	u8 *s_tx = kunit_kmalloc(test, XFER_LEN, GFP_KERNEL);
	struct peer *first, *second;
	__be32 addr;
	__be16 cport, got;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, l);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_ASSERT_NOT_NULL(test, s);
	KUNIT_ASSERT_NOT_NULL(test, c_tx);
	KUNIT_ASSERT_NOT_NULL(test, s_tx);
	peer_init(test, l, 0);
	peer_init(test, c, XFER_LEN);
	peer_init(test, s, XFER_LEN);
	fill(c_tx, XFER_LEN, 1);
	fill(s_tx, XFER_LEN, 2);

	l->child = s;
	l->t = new_tcp(test);
	tinyip_tcp_set_callbacks(l->t, &listener_ops, l);
	/* A rerun within 2 MSL finds the port in TIME_WAIT. */
	tinyip_tcp_setopt(l->t, TINYIP_TCP_REUSEADDR, 1);
	KUNIT_ASSERT_EQ(test, tinyip_tcp_bind(l->t, LOOPBACK, port), 0);
	KUNIT_ASSERT_EQ(test, tinyip_tcp_listen(l->t, 8), 0);

	c->t = new_tcp(test);
	tinyip_tcp_set_callbacks(c->t, &peer_ops, c);
	err = tinyip_tcp_connect(c->t, LOOPBACK, port, peer_connected);
	if (err == -ENETUNREACH) {
		tinyip_tcp_close(c->t);
		tinyip_tcp_close(l->t);
		kunit_skip(test, "no route to 127.0.0.1: IPv4 loopback absent");
	}
	KUNIT_ASSERT_EQ(test, err, 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&c->connected,
							  WAIT), 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&l->accepted, WAIT),
			0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_state(c->t), TCP_ESTABLISHED);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_getname(c->t, false, &addr, &cport),
			0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_getname(s->t, true, &addr, &got), 0);
	KUNIT_EXPECT_EQ(test, addr, LOOPBACK);
	KUNIT_EXPECT_EQ(test, got, cport);

	KUNIT_EXPECT_EQ(test, tinyip_tcp_write(c->t, c_tx, XFER_LEN, 0),
			XFER_LEN);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_write(s->t, s_tx, XFER_LEN, 0),
			XFER_LEN);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&s->rx_done, WAIT),
			0);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&c->rx_done, WAIT),
			0);
	KUNIT_EXPECT_EQ(test, s->got, XFER_LEN);
	KUNIT_EXPECT_EQ(test, c->got, XFER_LEN);
	KUNIT_EXPECT_MEMEQ(test, s->rx, c_tx, XFER_LEN);
	KUNIT_EXPECT_MEMEQ(test, c->rx, s_tx, XFER_LEN);

	/* The closer's FIN reaches the other side after all the data. */
	first = srv_first ? s : c;
	second = srv_first ? c : s;
	tinyip_tcp_close(first->t);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&second->fin, WAIT),
			0);
	KUNIT_EXPECT_EQ(test, tinyip_tcp_state(second->t), TCP_CLOSE_WAIT);
	tinyip_tcp_close(second->t);
	KUNIT_EXPECT_EQ(test, second->err, 0);
	tinyip_tcp_close(l->t);
}

static void tip_tcp_api_test_xfer_client_closes(struct kunit *test)
{
	xfer(test, false, htons(40226));
}

static void tip_tcp_api_test_xfer_server_closes(struct kunit *test)
{
	xfer(test, true, htons(40227));
}

static struct kunit_case tip_tcp_api_test_cases[] = {
	KUNIT_CASE(tip_tcp_api_test_args),
	KUNIT_CASE(tip_tcp_api_test_bind),
	KUNIT_CASE(tip_tcp_api_test_refused),
	KUNIT_CASE_SLOW(tip_tcp_api_test_xfer_client_closes),
	KUNIT_CASE_SLOW(tip_tcp_api_test_xfer_server_closes),
	{}
};

static struct kunit_suite tip_tcp_api_test_suite = {
	.name = "tinyip_tcp_api",
	.test_cases = tip_tcp_api_test_cases,
};

kunit_test_suite(tip_tcp_api_test_suite);
