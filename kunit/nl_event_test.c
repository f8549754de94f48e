// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the link and router notifications' attributes
 * (module/nl_event_msg.c): what "tinyip monitor" and other listeners
 * parse, checked against the types of uapi/tinyip.yaml.
 */
/* The unit under test, its static parts included. */
#include "../module/nl_event_msg.c"

#include <kunit/test.h>

static const struct nla_policy tip_test_ev_policy[TINYIP_A_MAX + 1] = {
	[TINYIP_A_EVENT] = { .type = NLA_U8 },
	[TINYIP_A_IFINDEX] = { .type = NLA_U32 },
	[TINYIP_A_IFNAME] = { .type = NLA_NUL_STRING },
	[TINYIP_A_LINK_MODE] = { .type = NLA_U8 },
	[TINYIP_A_LINK_FLAGS] = { .type = NLA_U32 },
	[TINYIP_A_HWADDR] = NLA_POLICY_EXACT_LEN(ETH_ALEN),
	[TINYIP_A_MTU] = { .type = NLA_U32 },
	[TINYIP_A_GATEWAY] = NLA_POLICY_EXACT_LEN(sizeof(struct in6_addr)),
	[TINYIP_A_RA_LIFETIME] = { .type = NLA_U32 },
};

static void tip_test_ev_free_skb(void *skb)
{
	kfree_skb(skb);
}

/* Fills @ev into an skb of @size and parses it back into @tb. */
static int tip_test_ev_fill(struct kunit *test, struct nlattr **tb,
			    int (*fill)(struct sk_buff *skb, const void *arg),
			    const struct tip_nl_ev *ev, unsigned int size)
{
	struct sk_buff *skb = alloc_skb(size, GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test,
							tip_test_ev_free_skb,
							skb), 0);
	ret = fill(skb, ev);
	if (ret)
		return ret;
	KUNIT_ASSERT_EQ(test, nla_parse(tb, TINYIP_A_MAX,
					(struct nlattr *)skb->data, skb->len,
					tip_test_ev_policy, NULL), 0);
	return 0;
}

static void tip_test_ev_if(struct tip_if *ifp)
{
	static const u8 mac[ETH_ALEN] = { 0x02, 0, 0, 0, 0, 0x05 };

	ifp->ifindex = 7;
	strscpy(ifp->name, "veth7", sizeof(ifp->name));
	ifp->mode = TINYIP_LINK_MODE_EXCLUSIVE;
	ifp->mtu = 1400;
	ether_addr_copy(ifp->hwaddr, mac);
}

static void tip_nl_event_test_link(struct kunit *test)
{
	struct nlattr *tb[TINYIP_A_MAX + 1];
	struct tip_if *ifp;
	struct tip_nl_ev ev = { .event = TINYIP_EVENT_LINK_DOWN };

	ifp = kunit_kzalloc(test, sizeof(*ifp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ifp);
	tip_test_ev_if(ifp);
	ev.ifp = ifp;
	KUNIT_ASSERT_EQ(test, tip_test_ev_fill(test, tb,
					       tip_nl_fill_link_event, &ev,
					       NLMSG_GOODSIZE), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[TINYIP_A_EVENT]),
			TINYIP_EVENT_LINK_DOWN);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_IFINDEX]), 7);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[TINYIP_A_IFNAME]),
			   "veth7");
	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[TINYIP_A_LINK_MODE]),
			TINYIP_LINK_MODE_EXCLUSIVE);
	/* Down: the UP flag follows the link, not the event's name. */
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_LINK_FLAGS]), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_MTU]), 1400);
	KUNIT_EXPECT_EQ(test, nla_len(tb[TINYIP_A_HWADDR]), ETH_ALEN);
	KUNIT_EXPECT_NULL(test, tb[TINYIP_A_GATEWAY]);

	ifp->up = true;
	ev.event = TINYIP_EVENT_LINK_UP;
	KUNIT_ASSERT_EQ(test, tip_test_ev_fill(test, tb,
					       tip_nl_fill_link_event, &ev,
					       NLMSG_GOODSIZE), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_LINK_FLAGS]),
			TINYIP_LINK_F_UP);
}

static void tip_nl_event_test_router(struct kunit *test)
{
	static const struct in6_addr rtr = {
		.s6_addr = { 0xfe, 0x80, [15] = 1 },
	};
	struct nlattr *tb[TINYIP_A_MAX + 1];
	struct tip_if *ifp;
	struct tip_nl_ev ev = {
		.obj = &rtr, .lifetime = 1800,
		.event = TINYIP_EVENT_ROUTER_ADDED,
	};

	ifp = kunit_kzalloc(test, sizeof(*ifp), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, ifp);
	tip_test_ev_if(ifp);
	ev.ifp = ifp;
	KUNIT_ASSERT_EQ(test, tip_test_ev_fill(test, tb,
					       tip_nl_fill_router_event, &ev,
					       NLMSG_GOODSIZE), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[TINYIP_A_EVENT]),
			TINYIP_EVENT_ROUTER_ADDED);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_IFINDEX]), 7);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_RA_LIFETIME]), 1800);
	KUNIT_EXPECT_EQ(test, memcmp(nla_data(tb[TINYIP_A_GATEWAY]), &rtr,
				     sizeof(rtr)), 0);
	KUNIT_EXPECT_NULL(test, tb[TINYIP_A_LINK_MODE]);
}

static struct kunit_case tip_nl_event_test_cases[] = {
	KUNIT_CASE(tip_nl_event_test_link),
	KUNIT_CASE(tip_nl_event_test_router),
	{}
};

static struct kunit_suite tip_nl_event_test_suite = {
	.name = "tinyip_nl_event",
	.test_cases = tip_nl_event_test_cases,
};

kunit_test_suite(tip_nl_event_test_suite);
