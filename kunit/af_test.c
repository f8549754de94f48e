// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of socket(2) dispatch (module/af.c): which entry of the
 * protocol switch serves a (type, protocol) pair, and the errno a program
 * sees when none does.
 */
/* The unit first: it sets pr_fmt before any header does. */
#include "../module/af.c"

#include <kunit/test.h>

static int tip_af_test_create(struct net *net, struct socket *sock,
			      int protocol, int kern)
{
	return 0;
}

static struct tip_protosw tip_test_tcp = {
	.type = SOCK_STREAM, .protocol = IPPROTO_TCP, .dflt = true,
	.create = tip_af_test_create,
};

static struct tip_protosw tip_test_raw_any = {
	.type = SOCK_RAW, .protocol = TIP_PROTO_ANY, .raw_cap = true,
	.create = tip_af_test_create,
};

static struct tip_protosw tip_test_raw_icmp = {
	.type = SOCK_RAW, .protocol = IPPROTO_ICMP, .raw_cap = true,
	.create = tip_af_test_create,
};

/* Lookups are RCU readers in the stack; keep lockdep's view the same. */
static const struct tip_protosw *find(struct list_head *head, int type,
				      int protocol)
{
	const struct tip_protosw *sw;

	rcu_read_lock();
	sw = tip_protosw_find(head, type, protocol);
	rcu_read_unlock();
	return sw;
}

static void tip_af_test_empty(struct kunit *test)
{
	LIST_HEAD(head);

	KUNIT_EXPECT_EQ(test, PTR_ERR(find(&head, SOCK_DGRAM, 0)),
			-ESOCKTNOSUPPORT);
	KUNIT_EXPECT_EQ(test, PTR_ERR(find(&head, SOCK_STREAM, IPPROTO_TCP)),
			-ESOCKTNOSUPPORT);
}

static void tip_af_test_stream(struct kunit *test)
{
	LIST_HEAD(head);

	list_add_tail(&tip_test_tcp.list, &head);
	KUNIT_EXPECT_PTR_EQ(test, find(&head, SOCK_STREAM, 0),
			    (const struct tip_protosw *)&tip_test_tcp);
	KUNIT_EXPECT_PTR_EQ(test, find(&head, SOCK_STREAM, IPPROTO_TCP),
			    (const struct tip_protosw *)&tip_test_tcp);
	KUNIT_EXPECT_EQ(test, PTR_ERR(find(&head, SOCK_STREAM, IPPROTO_UDP)),
			-EPROTONOSUPPORT);
	KUNIT_EXPECT_EQ(test, PTR_ERR(find(&head, SOCK_DGRAM, 0)),
			-ESOCKTNOSUPPORT);
	list_del(&tip_test_tcp.list);
}

static void tip_af_test_raw(struct kunit *test)
{
	LIST_HEAD(head);

	/* The wildcard first, so that order cannot hide the exact match. */
	list_add_tail(&tip_test_raw_any.list, &head);
	list_add_tail(&tip_test_raw_icmp.list, &head);
	KUNIT_EXPECT_PTR_EQ(test, find(&head, SOCK_RAW, IPPROTO_ICMP),
			    (const struct tip_protosw *)&tip_test_raw_icmp);
	KUNIT_EXPECT_PTR_EQ(test, find(&head, SOCK_RAW, IPPROTO_UDP),
			    (const struct tip_protosw *)&tip_test_raw_any);
	/* Raw sockets name their protocol, as with AF_INET. */
	KUNIT_EXPECT_EQ(test, PTR_ERR(find(&head, SOCK_RAW, 0)),
			-EPROTONOSUPPORT);
	list_del(&tip_test_raw_icmp.list);
	list_del(&tip_test_raw_any.list);
}

static void tip_af_test_create_args(struct kunit *test)
{
	struct socket sock = { .type = SOCK_DGRAM };

	KUNIT_EXPECT_EQ(test, tip_create(&init_net, &sock, -1, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, tip_create(&init_net, &sock, IPPROTO_MAX, 0),
			-EINVAL);
	/* Nothing registered in this copy of the switch: refused, honestly. */
	KUNIT_EXPECT_EQ(test, tip_create(&init_net, &sock, 0, 0),
			-ESOCKTNOSUPPORT);
}

static struct kunit_case tip_af_test_cases[] = {
	KUNIT_CASE(tip_af_test_empty),
	KUNIT_CASE(tip_af_test_stream),
	KUNIT_CASE(tip_af_test_raw),
	KUNIT_CASE(tip_af_test_create_args),
	{}
};

static struct kunit_suite tip_af_test_suite = {
	.name = "tinyip_af",
	.test_cases = tip_af_test_cases,
};

kunit_test_suite(tip_af_test_suite);
