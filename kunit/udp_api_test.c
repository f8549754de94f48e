// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of UDP and UDP-Lite through the exported native API
 * (include/tinyip/api.h), in init_net: binding rules and RFC 6056 port
 * choice, argument checks, and datagrams between two endpoints over
 * tinyip's loopback link, including UDP-Lite coverage (RFC 3828). Links
 * against tinyip.ko's exports, like any other user of the API would.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/in.h>
#include <linux/module.h>
#include <linux/skbuff.h>
#include <net/ipv6.h>
#include <net/net_namespace.h>

#include <tinyip/api.h>

MODULE_IMPORT_NS(TINYIP);

#define LOOPBACK	htonl(INADDR_LOOPBACK)

struct rx {
	struct completion done;
	char buf[64];
	unsigned int len;
	__be32 saddr;
	__be16 sport;
	unsigned int count;
};

/* Runs under the instance lock: copy out and wake the test. */
static void rx_cb(struct tinyip_udp *u, void *ctx, struct sk_buff *skb,
		  __be32 saddr, __be16 sport)
{
	struct rx *rx = ctx;

	rx->len = min_t(unsigned int, skb->len, sizeof(rx->buf));
	if (skb_copy_bits(skb, 0, rx->buf, rx->len))
		rx->len = 0;
	rx->saddr = saddr;
	rx->sport = sport;
	rx->count++;
	consume_skb(skb);
	complete(&rx->done);
}

static struct tinyip_udp *new_pcb(struct kunit *test, int proto,
				  struct rx *rx)
{
	struct tinyip_udp *u;

	if (rx)
		init_completion(&rx->done);
	u = tinyip_udp_new(&init_net, proto, rx ? rx_cb : NULL, rx);
	KUNIT_ASSERT_FALSE(test, IS_ERR(u));
	return u;
}

static void tip_udp_api_test_bind(struct kunit *test)
{
	struct tinyip_udp *a = new_pcb(test, IPPROTO_UDP, NULL);
	struct tinyip_udp *b = new_pcb(test, IPPROTO_UDP, NULL);
	struct tinyip_udp *c = new_pcb(test, IPPROTO_UDP, NULL);
	struct tinyip_udp *d = new_pcb(test, IPPROTO_UDP, NULL);
	struct tinyip_udp *lite = new_pcb(test, IPPROTO_UDPLITE, NULL);
	__be16 port = htons(40123), port2 = htons(40124);

	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(a, LOOPBACK, port), 0);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(a, LOOPBACK, port2), -EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(b, LOOPBACK, port), -EADDRINUSE);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(b, 0, port), -EADDRINUSE);
	/* SO_REUSEADDR on one side only is not enough. */
	tinyip_udp_setopt(b, TINYIP_UDP_REUSEADDR, 1);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(b, 0, port), -EADDRINUSE);
	/* UDP-Lite has its own ports. */
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(lite, LOOPBACK, port), 0);
	/* Both with SO_REUSEADDR share. */
	tinyip_udp_setopt(c, TINYIP_UDP_REUSEADDR, 1);
	tinyip_udp_setopt(d, TINYIP_UDP_REUSEADDR, 1);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(c, 0, port2), 0);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(d, LOOPBACK, port2), 0);
	/* Freeing releases the port. */
	tinyip_udp_free(a);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(b, LOOPBACK, port), 0);

	tinyip_udp_free(b);
	tinyip_udp_free(c);
	tinyip_udp_free(d);
	tinyip_udp_free(lite);
}

static void tip_udp_api_test_ephemeral(struct kunit *test)
{
	struct tinyip_udp *u[16];
	__be16 ports[16];
	__be32 addr;
	int i, j;

	for (i = 0; i < ARRAY_SIZE(u); i++) {
		u[i] = new_pcb(test, IPPROTO_UDP, NULL);
		KUNIT_EXPECT_EQ(test, tinyip_udp_bind(u[i], 0, 0), 0);
		tinyip_udp_getname(u[i], &addr, &ports[i]);
		KUNIT_EXPECT_EQ(test, addr, 0);
		KUNIT_EXPECT_GE(test, ntohs(ports[i]), 32768);
		KUNIT_EXPECT_LE(test, ntohs(ports[i]), 60999);
		for (j = 0; j < i; j++)
			KUNIT_EXPECT_NE(test, ports[i], ports[j]);
	}
	for (i = 0; i < ARRAY_SIZE(u); i++)
		tinyip_udp_free(u[i]);
}

static void tip_udp_api_test_args(struct kunit *test)
{
	struct tinyip_udp *u = new_pcb(test, IPPROTO_UDP, NULL);
	char big[1] = { 0 };

	KUNIT_EXPECT_EQ(test, PTR_ERR(tinyip_udp_new(&init_net, IPPROTO_TCP,
						     NULL, NULL)),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_EQ(test, tinyip_udp_sendto(u, "x", 1, 0, 0),
			-EDESTADDRREQ);
	KUNIT_EXPECT_EQ(test, tinyip_udp_sendto(u, "x", 1, LOOPBACK, 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_udp_sendto(u, big, 65508, LOOPBACK,
						htons(9)), -EMSGSIZE);
	/* 192.0.2.77 (documentation) is nobody's address here. */
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(u, htonl(0xc000024d), 0),
			-EADDRNOTAVAIL);
	KUNIT_EXPECT_EQ(test, tinyip_udp_join(u, htonl(0xc0000201), 0),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, tinyip_udp_leave(u, htonl(0xe0000101), 0),
			-EADDRNOTAVAIL);
	KUNIT_EXPECT_EQ(test, tinyip_udp_setopt(u, TINYIP_UDPLITE_SEND_CSCOV,
						8), -ENOPROTOOPT);
	KUNIT_EXPECT_EQ(test, tinyip_udp_setopt(u, TINYIP_UDP_TTL, 256),
			-EINVAL);
	tinyip_udp_free(u);
	tinyip_udp_free(NULL);
}

/* Send @len bytes from @tx to @rx_u; skip when IPv4 has no loopback yet. */
static int send_lo(struct kunit *test, struct tinyip_udp *tx,
		   struct tinyip_udp *rx_u, const char *msg, size_t len)
{
	__be32 addr;
	__be16 port;
	int err;

	tinyip_udp_getname(rx_u, &addr, &port);
	err = tinyip_udp_sendto(tx, msg, len, LOOPBACK, port);
	if (err == -ENETUNREACH)
		kunit_skip(test, "no route to 127.0.0.1: IPv4 loopback absent");
	return err;
}

static void tip_udp_api_test_loopback(struct kunit *test)
{
	static const char msg[] = "tinyip over loopback";
	struct rx *rx = kunit_kzalloc(test, sizeof(*rx), GFP_KERNEL);
	struct tinyip_udp *a, *b;
	__be32 addr;
	__be16 aport;

	KUNIT_ASSERT_NOT_NULL(test, rx);
	a = new_pcb(test, IPPROTO_UDP, NULL);
	b = new_pcb(test, IPPROTO_UDP, rx);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(a, LOOPBACK, 0), 0);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(b, LOOPBACK, 0), 0);
	tinyip_udp_getname(a, &addr, &aport);

	if (send_lo(test, a, b, msg, sizeof(msg)) >= 0) {
		KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&rx->done,
								  2 * HZ), 0);
		KUNIT_EXPECT_EQ(test, rx->len, sizeof(msg));
		KUNIT_EXPECT_MEMEQ(test, rx->buf, msg, sizeof(msg));
		KUNIT_EXPECT_EQ(test, rx->saddr, LOOPBACK);
		KUNIT_EXPECT_EQ(test, rx->sport, aport);
	} else {
		KUNIT_FAIL(test, "sendto over loopback failed");
	}
	tinyip_udp_free(a);
	tinyip_udp_free(b);
}

/* A connected endpoint takes only its peer's datagrams. */
static void tip_udp_api_test_connected(struct kunit *test)
{
	struct rx *rx = kunit_kzalloc(test, sizeof(*rx), GFP_KERNEL);
	struct tinyip_udp *a, *b, *c;
	__be32 addr;
	__be16 port;

	KUNIT_ASSERT_NOT_NULL(test, rx);
	a = new_pcb(test, IPPROTO_UDP, NULL);
	b = new_pcb(test, IPPROTO_UDP, rx);
	c = new_pcb(test, IPPROTO_UDP, NULL);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(a, LOOPBACK, 0), 0);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(b, 0, 0), 0);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(c, LOOPBACK, 0), 0);
	tinyip_udp_getname(a, &addr, &port);
	if (tinyip_udp_connect(b, LOOPBACK, port) == -ENETUNREACH)
		kunit_skip(test, "no route to 127.0.0.1: IPv4 loopback absent");

	KUNIT_EXPECT_EQ(test, send_lo(test, c, b, "no", 2), 0);
	KUNIT_EXPECT_EQ(test, send_lo(test, a, b, "yes", 3), 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&rx->done, 2 * HZ),
			0);
	KUNIT_EXPECT_EQ(test, rx->len, 3);
	KUNIT_EXPECT_MEMEQ(test, rx->buf, "yes", 3);
	KUNIT_EXPECT_EQ(test, rx->count, 1);
	tinyip_udp_free(a);
	tinyip_udp_free(b);
	tinyip_udp_free(c);
}

/* RFC 3828: a receiver's minimum coverage, as UDPLITE_RECV_CSCOV. */
static void tip_udp_api_test_lite(struct kunit *test)
{
	static const char msg[] = "partially covered payload";
	struct rx *full = kunit_kzalloc(test, sizeof(*full), GFP_KERNEL);
	struct rx *any = kunit_kzalloc(test, sizeof(*any), GFP_KERNEL);
	struct tinyip_udp *tx, *rx_full, *rx_any;

	KUNIT_ASSERT_NOT_NULL(test, full);
	KUNIT_ASSERT_NOT_NULL(test, any);
	tx = new_pcb(test, IPPROTO_UDPLITE, NULL);
	rx_full = new_pcb(test, IPPROTO_UDPLITE, full);
	rx_any = new_pcb(test, IPPROTO_UDPLITE, any);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(rx_full, LOOPBACK, 0), 0);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(rx_any, LOOPBACK, 0), 0);
	KUNIT_ASSERT_EQ(test, tinyip_udp_setopt(tx, TINYIP_UDPLITE_SEND_CSCOV,
						12), 0);
	/* 0: only fully covered datagrams are acceptable. */
	KUNIT_ASSERT_EQ(test, tinyip_udp_setopt(rx_full,
						TINYIP_UDPLITE_RECV_CSCOV, 0),
			0);

	KUNIT_EXPECT_EQ(test, send_lo(test, tx, rx_full, msg, sizeof(msg)), 0);
	KUNIT_EXPECT_EQ(test, send_lo(test, tx, rx_any, msg, sizeof(msg)), 0);
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&any->done, 2 * HZ),
			0);
	KUNIT_EXPECT_MEMEQ(test, any->buf, msg, sizeof(msg));
	/* Both went out together; the refused one had all the time. */
	KUNIT_EXPECT_EQ(test, wait_for_completion_timeout(&full->done,
							  HZ / 5), 0);

	/* Full coverage satisfies the strict receiver. */
	KUNIT_ASSERT_EQ(test, tinyip_udp_setopt(tx, TINYIP_UDPLITE_SEND_CSCOV,
						0), 0);
	KUNIT_EXPECT_EQ(test, send_lo(test, tx, rx_full, msg, sizeof(msg)), 0);
	KUNIT_EXPECT_NE(test, wait_for_completion_timeout(&full->done, 2 * HZ),
			0);
	tinyip_udp_free(tx);
	tinyip_udp_free(rx_full);
	tinyip_udp_free(rx_any);
}

/*
 * An endpoint bound with bind6 to [::] is dual (RFC 3493 3.7): it holds
 * the port against an IPv4 0.0.0.0 bind, takes IPv4 datagrams, and names
 * itself as ::. IPv6 peers are unreachable until IPv6 transport output.
 */
static void tip_udp_api_test_dual(struct kunit *test)
{
	struct rx *rx = kunit_kzalloc(test, sizeof(*rx), GFP_KERNEL);
	struct in6_addr addr6, lo6, far6 = { .s6_addr = { 0x20, 0x01, 0x0d,
							 0xb8, [15] = 1 } };
	struct tinyip_udp *dual, *v4, *tx;
	__be16 port = htons(40130), txport;
	__be32 addr;

	KUNIT_ASSERT_NOT_NULL(test, rx);
	dual = new_pcb(test, IPPROTO_UDP, rx);
	v4 = new_pcb(test, IPPROTO_UDP, NULL);
	tx = new_pcb(test, IPPROTO_UDP, NULL);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind6(dual, &in6addr_any, port), 0);
	KUNIT_EXPECT_EQ(test, tinyip_udp_bind(v4, 0, port), -EADDRINUSE);
	tinyip_udp_getname6(dual, &addr6, &txport);
	KUNIT_EXPECT_TRUE(test, ipv6_addr_any(&addr6));
	KUNIT_EXPECT_EQ(test, txport, port);
	KUNIT_EXPECT_EQ(test, tinyip_udp_connect6(tx, &far6, port),
			-ENETUNREACH);

	ipv6_addr_set_v4mapped(LOOPBACK, &lo6);
	KUNIT_ASSERT_EQ(test, tinyip_udp_bind(tx, LOOPBACK, 0), 0);
	tinyip_udp_getname(tx, &addr, &txport);
	if (tinyip_udp_sendto6(tx, "dual", 4, &lo6, port) == -ENETUNREACH)
		kunit_skip(test, "no route to 127.0.0.1: IPv4 loopback absent");
	KUNIT_ASSERT_NE(test, wait_for_completion_timeout(&rx->done, 2 * HZ),
			0);
	KUNIT_EXPECT_EQ(test, rx->len, 4U);
	KUNIT_EXPECT_EQ(test, rx->saddr, LOOPBACK);
	KUNIT_EXPECT_EQ(test, rx->sport, txport);
	tinyip_udp_free(dual);
	tinyip_udp_free(v4);
	tinyip_udp_free(tx);
}

static struct kunit_case tip_udp_api_test_cases[] = {
	KUNIT_CASE(tip_udp_api_test_bind),
	KUNIT_CASE(tip_udp_api_test_ephemeral),
	KUNIT_CASE(tip_udp_api_test_args),
	KUNIT_CASE(tip_udp_api_test_loopback),
	KUNIT_CASE(tip_udp_api_test_connected),
	KUNIT_CASE(tip_udp_api_test_lite),
	KUNIT_CASE(tip_udp_api_test_dual),
	{}
};

static struct kunit_suite tip_udp_api_test_suite = {
	.name = "tinyip_udp_api",
	.test_cases = tip_udp_api_test_cases,
};

kunit_test_suite(tip_udp_api_test_suite);
