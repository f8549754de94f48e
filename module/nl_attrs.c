// SPDX-License-Identifier: GPL-2.0
/*
 * The attributes of the "tinyip" family that do not belong to one object:
 * the request policy shared by every command, and the info and config
 * replies. Kept apart from the family itself so KUnit can test them
 * without the command handlers of every layer.
 */
#include <net/genetlink.h>

#include <linux/tinyip.h>
#include <tinyip/af.h>
#include <tinyip/netlink.h>
#include <tinyip/tcp_wire.h>
#include <tinyip/tinyip.h>
#include <tinyip/version.h>

/* ADDR and GATEWAY: an IPv4 (4 bytes) or an IPv6 (16 bytes) address. */
static int tip_nl_validate_ip(const struct nlattr *attr,
			      struct netlink_ext_ack *extack)
{
	if (nla_len(attr) == 4 || nla_len(attr) == 16)
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "an address is 4 (IPv4) or 16 (IPv6) bytes");
	return -EINVAL;
}

/* The TINYIP_A_DNS nest: what requests may carry. */
const struct nla_policy tip_nl_dns_policy[TINYIP_DNS_A_MAX + 1] = {
	[TINYIP_DNS_A_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						     tip_nl_validate_ip, 16),
	[TINYIP_DNS_A_IFINDEX] = { .type = NLA_U32 },
	[TINYIP_DNS_A_NAME] = { .type = NLA_NUL_STRING, .len = 254 },
	[TINYIP_DNS_A_TYPE] = { .type = NLA_U16 },
	[TINYIP_DNS_A_TIMEOUT_MS] = NLA_POLICY_RANGE(NLA_U32, 100, 60000),
};

const struct nla_policy tip_nl_policy[TINYIP_A_MAX + 1] = {
	[TINYIP_A_MEM_BUDGET] = { .type = NLA_U64 },
	[TINYIP_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[TINYIP_A_IFNAME] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[TINYIP_A_LINK_MODE] = NLA_POLICY_MAX(NLA_U8,
					      TINYIP_LINK_MODE_EXCLUSIVE),
	[TINYIP_A_ADDR] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						 tip_nl_validate_ip, 16),
	[TINYIP_A_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[TINYIP_A_GATEWAY] = NLA_POLICY_VALIDATE_FN(NLA_BINARY,
						    tip_nl_validate_ip, 16),
	[TINYIP_A_ADDR_FLAGS] = { .type = NLA_U32 },
	[TINYIP_A_VALID_LFT] = { .type = NLA_U32 },
	[TINYIP_A_PREFERRED_LFT] = { .type = NLA_U32 },
	[TINYIP_A_FORWARDING6] = NLA_POLICY_MAX(NLA_U8, 1),
	[TINYIP_A_RA_SEND] = NLA_POLICY_MAX(NLA_U8, 1),
	[TINYIP_A_RA_INTERVAL] = NLA_POLICY_RANGE(NLA_U32, 4, 1800),
	[TINYIP_A_RA_LIFETIME] = NLA_POLICY_MAX(NLA_U32, 9000),
	[TINYIP_A_METRIC] = { .type = NLA_U32 },
	[TINYIP_A_FORWARDING] = NLA_POLICY_MAX(NLA_U8, 1),
	[TINYIP_A_SOCK_PROTO] = { .type = NLA_U8 },
	[TINYIP_A_TCP_CC] = { .type = NLA_NUL_STRING,
			      .len = TIP_TCP_CC_NAME_MAX - 1 },
	[TINYIP_A_DHCP_HOSTNAME] = { .type = NLA_NUL_STRING, .len = 63 },
	[TINYIP_A_DNS] = NLA_POLICY_NESTED(tip_nl_dns_policy),
};

/* What this build has: the switches of Kbuild, as CONFIG_TINYIP_*. */
u64 tip_features(void)
{
	u64 f = TINYIP_FEATURE_MEM_BUDGET | TINYIP_FEATURE_IPV4 |
		TINYIP_FEATURE_UDP | TINYIP_FEATURE_TCP;

	if (IS_ENABLED(CONFIG_TINYIP_IPV6))
		f |= TINYIP_FEATURE_IPV6;
	if (IS_ENABLED(CONFIG_TINYIP_UDPLITE))
		f |= TINYIP_FEATURE_UDPLITE;
	if (IS_ENABLED(CONFIG_TINYIP_RAW))
		f |= TINYIP_FEATURE_RAW;
	if (IS_ENABLED(CONFIG_TINYIP_IGMP))
		f |= TINYIP_FEATURE_MULTICAST;
	if (IS_ENABLED(CONFIG_TINYIP_FORWARD))
		f |= TINYIP_FEATURE_FORWARD;
	if (IS_ENABLED(CONFIG_TINYIP_SACK))
		f |= TINYIP_FEATURE_SACK;
	if (IS_ENABLED(CONFIG_TINYIP_CUBIC))
		f |= TINYIP_FEATURE_CUBIC;
	if (IS_ENABLED(CONFIG_TINYIP_API))
		f |= TINYIP_FEATURE_API;
	if (IS_ENABLED(CONFIG_TINYIP_DHCP4))
		f |= TINYIP_FEATURE_DHCP4;
	if (IS_ENABLED(CONFIG_TINYIP_FAULT))
		f |= TINYIP_FEATURE_FAULT_INJECT;
	if (IS_ENABLED(CONFIG_TINYIP_EVENTS))
		f |= TINYIP_FEATURE_EVENTS;
	if (IS_ENABLED(CONFIG_TINYIP_DNS))
		f |= TINYIP_FEATURE_DNS;
	return f;
}

int tip_nl_fill_info(struct sk_buff *skb, const struct tip_net *tn)
{
	if (nla_put_string(skb, TINYIP_A_VERSION, TINYIP_VERSION) ||
	    nla_put_u32(skb, TINYIP_A_FAMILY, tip_af_family()) ||
	    nla_put_u64_64bit(skb, TINYIP_A_FEATURES, tip_features(),
			      TINYIP_A_PAD) ||
	    nla_put_u32(skb, TINYIP_A_INSTANCE, tn->instance))
		return -EMSGSIZE;
	return 0;
}

/* One u64 per category, typed by enum tinyip_mem_cat. */
static int tip_nl_put_mem_cats(struct sk_buff *skb, int type,
			       const struct tip_mem *mem,
			       u64 (*get)(const struct tip_mem *mem,
					  enum tinyip_mem_cat cat))
{
	struct nlattr *nest = nla_nest_start(skb, type);
	int cat;

	if (!nest)
		return -EMSGSIZE;
	for (cat = TINYIP_MEM_PAD + 1; cat < __TINYIP_MEM_MAX; cat++)
		if (nla_put_u64_64bit(skb, cat, get(mem, cat), TINYIP_MEM_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* The budget and its totals, in "config show" and "stats" alike. */
static int tip_nl_put_mem(struct sk_buff *skb, const struct tip_mem *mem)
{
	if (nla_put_u64_64bit(skb, TINYIP_A_MEM_BUDGET, tip_mem_budget(mem),
			      TINYIP_A_PAD) ||
	    nla_put_u64_64bit(skb, TINYIP_A_MEM_USED, tip_mem_used(mem),
			      TINYIP_A_PAD) ||
	    nla_put_u64_64bit(skb, TINYIP_A_MEM_FAILED, tip_mem_failed(mem),
			      TINYIP_A_PAD) ||
	    nla_put_u64_64bit(skb, TINYIP_A_MEM_PEAK, tip_mem_peak(mem),
			      TINYIP_A_PAD))
		return -EMSGSIZE;
	return 0;
}

/* The budget's totals, then where the memory is, for "tinyip stats". */
int tip_nl_fill_mem(struct sk_buff *skb, const struct tip_net *tn)
{
	const struct tip_mem *mem = &tn->mem;

	if (tip_nl_put_mem(skb, mem) ||
	    tip_nl_put_mem_cats(skb, TINYIP_A_MEM_CAT_USED, mem,
				tip_mem_cat_used) ||
	    tip_nl_put_mem_cats(skb, TINYIP_A_MEM_CAT_PEAK, mem,
				tip_mem_cat_peak) ||
	    tip_nl_put_mem_cats(skb, TINYIP_A_MEM_CAT_FAILED, mem,
				tip_mem_cat_failed))
		return -EMSGSIZE;
	return 0;
}

int tip_nl_fill_config(struct sk_buff *skb, const struct tip_net *tn)
{
	const struct tip_tcp_cc_ops *cc = READ_ONCE(tn->tcp.cc_default);

	if (tip_nl_put_mem(skb, &tn->mem) ||
	    nla_put_u8(skb, TINYIP_A_FORWARDING,
		       READ_ONCE(tn->ip4.forwarding)) ||
	    /* No default chosen: the stack falls back on NewReno. */
	    nla_put_string(skb, TINYIP_A_TCP_CC, cc ? cc->name : "newreno") ||
	    nla_put_u8(skb, TINYIP_A_FORWARDING6, READ_ONCE(tn->ip6.forwarding)))
		return -EMSGSIZE;
	return 0;
}
