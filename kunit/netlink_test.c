// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests of the netlink family (module/netlink.c): the attributes a
 * reply carries, and the strict policy that refuses malformed requests
 * with an extack message instead of guessing.
 */
/* The unit first: it sets pr_fmt before any header does. */
#include "../module/nl_attrs.c"

#include <kunit/test.h>

static const struct nla_policy tip_test_reply_policy[TINYIP_A_MAX + 1] = {
	[TINYIP_A_PAD] = { .type = NLA_UNSPEC },
	[TINYIP_A_VERSION] = { .type = NLA_NUL_STRING },
	[TINYIP_A_FAMILY] = { .type = NLA_U32 },
	[TINYIP_A_FEATURES] = { .type = NLA_U64 },
	[TINYIP_A_INSTANCE] = { .type = NLA_U32 },
	[TINYIP_A_MEM_BUDGET] = { .type = NLA_U64 },
	[TINYIP_A_MEM_USED] = { .type = NLA_U64 },
	[TINYIP_A_MEM_FAILED] = { .type = NLA_U64 },
	[TINYIP_A_MEM_PEAK] = { .type = NLA_U64 },
	[TINYIP_A_FORWARDING] = { .type = NLA_U8 },
	[TINYIP_A_MEM_CAT_USED] = { .type = NLA_NESTED },
	[TINYIP_A_MEM_CAT_PEAK] = { .type = NLA_NESTED },
	[TINYIP_A_MEM_CAT_FAILED] = { .type = NLA_NESTED },
};

static void tip_test_free_skb(void *skb)
{
	kfree_skb(skb);
}

/* Parses what @fill wrote for @tn into @tb; the skb is freed by kunit. */
static void tip_test_fill_parse(struct kunit *test, struct nlattr **tb,
				int (*fill)(struct sk_buff *skb,
					    const struct tip_net *tn),
				const struct tip_net *tn)
{
	struct sk_buff *skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	ret = kunit_add_action_or_reset(test, tip_test_free_skb, skb);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_EQ(test, fill(skb, tn), 0);
	/* Not strict: a reply may carry pad attributes between values. */
	ret = nla_parse_deprecated(tb, TINYIP_A_MAX, (struct nlattr *)skb->data,
				   skb->len, tip_test_reply_policy, NULL);
	KUNIT_ASSERT_EQ(test, ret, 0);
}

static void tip_nl_test_info(struct kunit *test)
{
	struct nlattr *tb[TINYIP_A_MAX + 1];
	struct tip_net *tn = kunit_kzalloc(test, sizeof(*tn), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tn);
	tn->instance = 7;
	tip_test_fill_parse(test, tb, tip_nl_fill_info, tn);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_VERSION]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[TINYIP_A_VERSION]),
			   TINYIP_VERSION);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_FAMILY]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_FAMILY]),
			(u32)tip_af_family());
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_FEATURES]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[TINYIP_A_FEATURES]),
			tip_features());
	KUNIT_EXPECT_TRUE(test, tip_features() & TINYIP_FEATURE_MEM_BUDGET);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_INSTANCE]);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[TINYIP_A_INSTANCE]), 7U);
}

static void tip_nl_test_config(struct kunit *test)
{
	struct nlattr *tb[TINYIP_A_MAX + 1];
	struct tip_net *tn = kunit_kzalloc(test, sizeof(*tn), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tn);
	tip_mem_init(&tn->mem);
	tip_mem_set_budget(&tn->mem, 65536);
	tip_mem_charge_force(&tn->mem, TINYIP_MEM_OTHER, 70000);
	tn->ip4.forwarding = true;
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&tn->mem, TINYIP_MEM_OTHER, 1),
			-ENOBUFS);

	tip_test_fill_parse(test, tb, tip_nl_fill_config, tn);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_MEM_BUDGET]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[TINYIP_A_MEM_BUDGET]), 65536ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_MEM_USED]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[TINYIP_A_MEM_USED]), 70000ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_MEM_FAILED]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[TINYIP_A_MEM_FAILED]), 1ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_MEM_PEAK]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[TINYIP_A_MEM_PEAK]), 70000ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_FORWARDING]);
	KUNIT_EXPECT_EQ(test, nla_get_u8(tb[TINYIP_A_FORWARDING]), 1);
}

/* One category's value in a TINYIP_A_MEM_CAT_* nest of @tb. */
static u64 tip_test_mem_cat(struct kunit *test, struct nlattr **tb, int type,
			    int cat)
{
	struct nlattr *cats[__TINYIP_MEM_MAX];
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, tb[type]);
	ret = nla_parse_nested_deprecated(cats, TINYIP_MEM_MAX, tb[type],
					  NULL, NULL);
	KUNIT_ASSERT_EQ(test, ret, 0);
	KUNIT_ASSERT_NOT_NULL(test, cats[cat]);
	return nla_get_u64(cats[cat]);
}

/* "tinyip stats": the totals and every category, as mem.c counts them. */
static void tip_nl_test_mem(struct kunit *test)
{
	struct nlattr *tb[TINYIP_A_MAX + 1];
	struct tip_net *tn = kunit_kzalloc(test, sizeof(*tn), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tn);
	tip_mem_init(&tn->mem);
	tip_mem_set_budget(&tn->mem, 10000);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&tn->mem, TINYIP_MEM_RCVQ, 6000),
			0);
	tip_mem_uncharge(&tn->mem, TINYIP_MEM_RCVQ, 2000);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&tn->mem, TINYIP_MEM_PCB, 500), 0);
	KUNIT_EXPECT_EQ(test, tip_mem_charge(&tn->mem, TINYIP_MEM_PCB, 9000),
			-ENOBUFS);

	tip_test_fill_parse(test, tb, tip_nl_fill_mem, tn);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_MEM_USED]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[TINYIP_A_MEM_USED]), 4500ULL);
	KUNIT_ASSERT_NOT_NULL(test, tb[TINYIP_A_MEM_BUDGET]);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[TINYIP_A_MEM_BUDGET]), 10000ULL);
	KUNIT_EXPECT_EQ(test, tip_test_mem_cat(test, tb, TINYIP_A_MEM_CAT_USED,
					       TINYIP_MEM_RCVQ), 4000ULL);
	KUNIT_EXPECT_EQ(test, tip_test_mem_cat(test, tb, TINYIP_A_MEM_CAT_USED,
					       TINYIP_MEM_PCB), 500ULL);
	KUNIT_EXPECT_EQ(test, tip_test_mem_cat(test, tb, TINYIP_A_MEM_CAT_USED,
					       TINYIP_MEM_NEIGH), 0ULL);
	KUNIT_EXPECT_EQ(test, tip_test_mem_cat(test, tb, TINYIP_A_MEM_CAT_PEAK,
					       TINYIP_MEM_RCVQ), 6000ULL);
	KUNIT_EXPECT_EQ(test, tip_test_mem_cat(test, tb,
					       TINYIP_A_MEM_CAT_FAILED,
					       TINYIP_MEM_PCB), 1ULL);
}

/* Runs a request's attributes through the family's strict policy. */
static int tip_test_validate(struct kunit *test, int type, const void *data,
			     int len, struct netlink_ext_ack *extack)
{
	struct nlattr *tb[TINYIP_A_MAX + 1];
	struct sk_buff *skb = alloc_skb(NLMSG_GOODSIZE, GFP_KERNEL);
	int ret;

	KUNIT_ASSERT_NOT_NULL(test, skb);
	KUNIT_ASSERT_EQ(test, nla_put(skb, type, len, data), 0);
	ret = nla_parse(tb, TINYIP_A_MAX, (struct nlattr *)skb->data,
			skb->len, tip_nl_policy, extack);
	kfree_skb(skb);
	return ret;
}

static void tip_nl_test_policy(struct kunit *test)
{
	struct netlink_ext_ack extack = {};
	u64 budget = 1 << 20;
	u32 short_budget = 1 << 20;
	u8 bad_plen = 129, loop_mode = TINYIP_LINK_MODE_LOOPBACK;
	u32 zero = 0;

	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_MEM_BUDGET,
						&budget, sizeof(budget),
						&extack), 0);

	/* A u32 where a u64 belongs is refused, with a reason. */
	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_MEM_BUDGET,
						&short_budget,
						sizeof(short_budget),
						&extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);

	/* Reply-only attributes are not accepted in requests. */
	memset(&extack, 0, sizeof(extack));
	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_VERSION, "x", 2,
						&extack), -EINVAL);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);

	/* Addresses have exact sizes; enums and prefixes their ranges. */
	memset(&extack, 0, sizeof(extack));
	KUNIT_EXPECT_LT(test, tip_test_validate(test, TINYIP_A_ADDR, "abc", 3,
						&extack), 0);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	memset(&extack, 0, sizeof(extack));
	KUNIT_EXPECT_LT(test, tip_test_validate(test, TINYIP_A_ADDR,
						"0123456789", 10, &extack), 0);
	KUNIT_EXPECT_NOT_NULL(test, extack._msg);
	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_ADDR,
						"0123456789abcdef", 16,
						&extack), 0);
	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_PREFIXLEN,
						&bad_plen, 1, &extack),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_LINK_MODE,
						&loop_mode, 1, &extack),
			-ERANGE);
	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_IFINDEX,
						&zero, sizeof(zero), &extack),
			-ERANGE);

	/* So are attributes from a newer ABI than this module knows. */
	memset(&extack, 0, sizeof(extack));
	KUNIT_EXPECT_EQ(test, tip_test_validate(test, TINYIP_A_MAX + 1,
						&budget, sizeof(budget),
						&extack), -EINVAL);
}

static struct kunit_case tip_nl_test_cases[] = {
	KUNIT_CASE(tip_nl_test_info),
	KUNIT_CASE(tip_nl_test_config),
	KUNIT_CASE(tip_nl_test_mem),
	KUNIT_CASE(tip_nl_test_policy),
	{}
};

static struct kunit_suite tip_nl_test_suite = {
	.name = "tinyip_netlink",
	.test_cases = tip_nl_test_cases,
};

kunit_test_suite(tip_nl_test_suite);
