// SPDX-License-Identifier: GPL-2.0
/*
 * The "tinyip" generic netlink family: the control plane of the stack,
 * one view per network namespace. uapi/tinyip.yaml is the specification;
 * the ynl selftest checks this code against it.
 *
 * Requests are validated strictly (unknown attributes and trailing junk
 * are refused, resv_start_op covers every command), errors carry extack
 * messages, and changes need CAP_NET_ADMIN in the user namespace that owns
 * the netns (GENL_UNS_ADMIN_PERM), so a container configures its own
 * instance and nobody else's.
 */
#include <linux/module.h>
#include <net/genetlink.h>

#include <linux/tinyip.h>
#include <tinyip/af.h>
#include <tinyip/fault.h>
#include <tinyip/netlink.h>
#include <tinyip/tcp_wire.h>
#include <tinyip/tinyip.h>
#include <tinyip/version.h>

/*
 * One group per kind of object, as rtnetlink has RTNLGRP_LINK and
 * RTNLGRP_IPV6_IFADDR: a listener joins only what it wants to hear, and
 * the data path builds nothing for a group nobody joined.
 */
static const struct genl_multicast_group tip_mcgrps[] = {
	[TIP_MCGRP_CONFIG] = { .name = TINYIP_MCGRP_CONFIG },
	[TIP_MCGRP_ADDR] = { .name = TINYIP_MCGRP_ADDR },
	[TIP_MCGRP_LINK] = { .name = TINYIP_MCGRP_LINK },
	[TIP_MCGRP_ROUTER] = { .name = TINYIP_MCGRP_ROUTER },
	[TIP_MCGRP_DHCP] = { .name = TINYIP_MCGRP_DHCP },
};

static struct genl_family tip_genl_family;

/* Fills the empty message @skb with @fill, or frees it. */
static struct sk_buff *tip_nl_fill_msg(struct sk_buff *skb,
				       const struct tip_net *tn, u32 portid,
				       u32 seq, u8 cmd,
				       int (*fill)(struct sk_buff *skb,
						   const struct tip_net *tn))
{
	void *hdr;

	hdr = genlmsg_put(skb, portid, seq, &tip_genl_family, 0, cmd);
	if (!hdr || fill(skb, tn)) {
		nlmsg_free(skb);
		return ERR_PTR(-EMSGSIZE);
	}
	genlmsg_end(skb, hdr);
	return skb;
}

/* Builds a whole message with @fill; used for replies and notifications. */
static struct sk_buff *tip_nl_build(const struct tip_net *tn, u32 portid,
				    u32 seq, u8 cmd,
				    int (*fill)(struct sk_buff *skb,
						const struct tip_net *tn))
{
	struct sk_buff *skb;

	skb = tip_genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return ERR_PTR(-ENOMEM);
	return tip_nl_fill_msg(skb, tn, portid, seq, cmd, fill);
}

int tip_nl_reply(struct genl_info *info,
		 int (*fill)(struct sk_buff *skb, const struct tip_net *tn))
{
	struct sk_buff *skb;

	skb = tip_nl_build(tip_net(genl_info_net(info)), info->snd_portid,
			   info->snd_seq, info->genlhdr->cmd, fill);
	if (IS_ERR(skb))
		return PTR_ERR(skb);
	return genlmsg_reply(skb, info);
}

static int tip_nl_info_get(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_reply(info, tip_nl_fill_info);
}

static int tip_nl_config_get(struct sk_buff *skb, struct genl_info *info)
{
	return tip_nl_reply(info, tip_nl_fill_config);
}

static void tip_nl_config_notify(struct net *net)
{
	struct sk_buff *skb;

	skb = tip_nl_build(tip_net(net), 0, 0, TINYIP_CMD_CONFIG_NTF,
			   tip_nl_fill_config);
	if (IS_ERR(skb))
		return;
	genlmsg_multicast_netns(&tip_genl_family, net, skb, 0,
				TIP_MCGRP_CONFIG, GFP_KERNEL);
}

/* Events start once the family exists (instances are made before it). */
static bool tip_nl_registered;

void tip_nl_event_send(struct tip_net *tn, enum tip_mcgrp grp, u8 cmd,
		       int (*fill)(struct sk_buff *skb, const void *arg),
		       const void *arg)
{
	struct sk_buff *skb;
	void *hdr;
	int ret;

	if (!READ_ONCE(tip_nl_registered) ||
	    !genl_has_listeners(&tip_genl_family, tn->net, grp))
		return;
	skb = tip_genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!skb)
		goto drop;
	hdr = genlmsg_put(skb, 0, 0, &tip_genl_family, 0, cmd);
	if (!hdr || fill(skb, arg)) {
		nlmsg_free(skb);
		goto drop;
	}
	genlmsg_end(skb, hdr);
	/* -ESRCH: the last listener left meanwhile, nothing was lost. */
	ret = genlmsg_multicast_netns(&tip_genl_family, tn->net, skb, 0, grp,
				      GFP_ATOMIC);
	if (!ret || ret == -ESRCH)
		return;
drop:
	atomic_long_inc(&tn->nl_events_dropped);
}

struct tip_nl_addr6_ev {
	struct tip_net *tn;
	const struct tip_if *ifp;
	const struct tip_ifaddr6 *a;
};

static int tip_nl_addr6_ev_fill(struct sk_buff *skb, const void *arg)
{
	const struct tip_nl_addr6_ev *ev = arg;

	return tip_nl_fill_addr6(skb, ev->tn, ev->ifp, ev->a);
}

/*
 * An IPv6 address appeared, changed state (DAD done or failed,
 * deprecated) or went away (@gone). Any context, tn->lock held or not.
 */
void tip_nl_addr6_event(struct tip_net *tn, const struct tip_if *ifp,
			const struct tip_ifaddr6 *a, bool gone)
{
	const struct tip_nl_addr6_ev ev = { .tn = tn, .ifp = ifp, .a = a };

	if (ifp == tn->lo)
		return;
	tip_nl_event_send(tn, TIP_MCGRP_ADDR,
			  gone ? TINYIP_CMD_ADDR_DEL_NTF : TINYIP_CMD_ADDR_NTF,
			  tip_nl_addr6_ev_fill, &ev);
}

static int tip_nl_config_set(struct sk_buff *skb, struct genl_info *info)
{
	struct net *net = genl_info_net(info);
	struct tip_net *tn = tip_net(net);
	const struct tip_tcp_cc_ops *cc = NULL;
	struct sk_buff *reply;

	if (!info->attrs[TINYIP_A_MEM_BUDGET] &&
	    !info->attrs[TINYIP_A_FORWARDING] &&
	    !info->attrs[TINYIP_A_FORWARDING6] &&
	    !info->attrs[TINYIP_A_TCP_CC]) {
		NL_SET_ERR_MSG(info->extack, "no setting to change was given");
		return -EINVAL;
	}
	/* Refused before anything changes: a request applies whole or not. */
	if (!IS_ENABLED(CONFIG_TINYIP_FORWARD) &&
	    ((info->attrs[TINYIP_A_FORWARDING] &&
	      nla_get_u8(info->attrs[TINYIP_A_FORWARDING])) ||
	     (info->attrs[TINYIP_A_FORWARDING6] &&
	      nla_get_u8(info->attrs[TINYIP_A_FORWARDING6])))) {
		NL_SET_ERR_MSG(info->extack,
			       "forwarding is not built into this module");
		return -EOPNOTSUPP;
	}
	if (!IS_ENABLED(CONFIG_TINYIP_IPV6) &&
	    info->attrs[TINYIP_A_FORWARDING6]) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[TINYIP_A_FORWARDING6],
				    "IPv6 is not built into this module");
		return -EAFNOSUPPORT;
	}
	if (info->attrs[TINYIP_A_TCP_CC]) {
		cc = tip_tcp_cc_find(nla_data(info->attrs[TINYIP_A_TCP_CC]));
		if (!cc) {
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[TINYIP_A_TCP_CC],
					    "unknown congestion control");
			return -ENOENT;
		}
	}
	/* The reply's memory before any change: a set that reports failure
	 * must have changed nothing.
	 */
	reply = tip_genlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!reply)
		return -ENOMEM;
	if (info->attrs[TINYIP_A_MEM_BUDGET])
		tip_mem_set_budget(&tn->mem,
				   nla_get_u64(info->attrs[TINYIP_A_MEM_BUDGET]));
	if (info->attrs[TINYIP_A_FORWARDING])
		WRITE_ONCE(tn->ip4.forwarding,
			   nla_get_u8(info->attrs[TINYIP_A_FORWARDING]));
	if (info->attrs[TINYIP_A_FORWARDING6])
		tip_ip6_set_forwarding(tn,
				       nla_get_u8(info->attrs[TINYIP_A_FORWARDING6]));
	if (cc) {
		/* New connections pick it up; existing ones keep theirs. */
		spin_lock_bh(&tn->lock);
		WRITE_ONCE(tn->tcp.cc_default, cc);
		spin_unlock_bh(&tn->lock);
	}

	reply = tip_nl_fill_msg(reply, tn, info->snd_portid, info->snd_seq,
				info->genlhdr->cmd, tip_nl_fill_config);
	tip_nl_config_notify(net);
	if (IS_ERR(reply))
		return PTR_ERR(reply);
	return genlmsg_reply(reply, info);
}

/* A reply's genetlink header for @info's request (6.1 has no info->family). */
void *tip_nl_reply_put(struct sk_buff *skb, struct genl_info *info)
{
	return genlmsg_put(skb, info->snd_portid, info->snd_seq,
			   &tip_genl_family, 0, info->genlhdr->cmd);
}

void *tip_nl_dump_put(struct sk_buff *skb, struct netlink_callback *cb,
		      u8 cmd)
{
	return genlmsg_put(skb, NETLINK_CB(cb->skb).portid,
			   cb->nlh->nlmsg_seq, &tip_genl_family, NLM_F_MULTI,
			   cmd);
}

static const struct genl_small_ops tip_nl_ops[] = {
	{
		.cmd = TINYIP_CMD_INFO_GET,
		.doit = tip_nl_info_get,
	},
	{
		.cmd = TINYIP_CMD_CONFIG_GET,
		.doit = tip_nl_config_get,
	},
	{
		.cmd = TINYIP_CMD_CONFIG_SET,
		.doit = tip_nl_config_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_LINK_ATTACH,
		.doit = tip_nl_link_attach,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_LINK_DETACH,
		.doit = tip_nl_link_detach,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_LINK_GET,
		.dumpit = tip_nl_link_dump,
	},
	{
		.cmd = TINYIP_CMD_ADDR_ADD,
		.doit = tip_nl_addr_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_ADDR_DEL,
		.doit = tip_nl_addr_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_ADDR_GET,
		.dumpit = tip_nl_addr_dump,
	},
	{
		.cmd = TINYIP_CMD_ROUTE_ADD,
		.doit = tip_nl_route_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_ROUTE_DEL,
		.doit = tip_nl_route_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_ROUTE_GET,
		.dumpit = tip_nl_route_dump,
	},
	{
		.cmd = TINYIP_CMD_NEIGH_GET,
		.dumpit = tip_nl_neigh_dump,
	},
	{
		.cmd = TINYIP_CMD_NEIGH_FLUSH,
		.doit = tip_nl_neigh_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_SOCK_GET,
		.dumpit = tip_nl_sock_dump,
	},
	{
		.cmd = TINYIP_CMD_STATS_GET,
		.doit = tip_nl_stats_get,
	},
	{
		.cmd = TINYIP_CMD_RA_SET,
		.doit = tip_nl_ra_set,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_DHCP_START,
		.doit = tip_nl_dhcp_start,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_DHCP_STOP,
		.doit = tip_nl_dhcp_stop,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_DHCP_GET,
		.dumpit = tip_nl_dhcp_dump,
	},
#ifdef CONFIG_TINYIP_DNS
	{
		.cmd = TINYIP_CMD_DNS_SERVER_ADD,
		.doit = tip_nl_dns_server_add,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_DNS_SERVER_DEL,
		.doit = tip_nl_dns_server_del,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		.cmd = TINYIP_CMD_DNS_GET,
		.dumpit = tip_nl_dns_dump,
	},
	{
		.cmd = TINYIP_CMD_DNS_FLUSH,
		.doit = tip_nl_dns_flush,
		.flags = GENL_UNS_ADMIN_PERM,
	},
	{
		/* Anyone may look a name up, as anyone may send a query. */
		.cmd = TINYIP_CMD_DNS_RESOLVE,
		.doit = tip_nl_dns_resolve,
	},
#endif
};

static struct genl_family tip_genl_family __ro_after_init = {
	.name = TINYIP_GENL_NAME,
	.version = TINYIP_GENL_VERSION,
	.maxattr = TINYIP_A_MAX,
	.policy = tip_nl_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.small_ops = tip_nl_ops,
	.n_small_ops = ARRAY_SIZE(tip_nl_ops),
	.resv_start_op = TINYIP_CMD_INFO_GET,
	.mcgrps = tip_mcgrps,
	.n_mcgrps = ARRAY_SIZE(tip_mcgrps),
};

int tip_netlink_init(void)
{
	int ret = genl_register_family(&tip_genl_family);

	if (!ret)
		WRITE_ONCE(tip_nl_registered, true);
	return ret;
}

void tip_netlink_exit(void)
{
	WRITE_ONCE(tip_nl_registered, false);
	genl_unregister_family(&tip_genl_family);
}
