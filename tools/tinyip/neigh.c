// SPDX-License-Identifier: GPL-2.0
/*
 * The "neigh" object: lists the neighbour cache of this network
 * namespace's tinyip instance (ARP, RFC 826; IPv6 neighbour discovery,
 * RFC 4861 7.3.2 states and the IsRouter flag of 7.2.5) and flushes it,
 * for one link or all.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

static const char * const state_names[] = {
	[TINYIP_NEIGH_INCOMPLETE] = "INCOMPLETE",
	[TINYIP_NEIGH_REACHABLE] = "REACHABLE",
	[TINYIP_NEIGH_STALE] = "STALE",
	[TINYIP_NEIGH_PROBE] = "PROBE",
	[TINYIP_NEIGH_FAILED] = "FAILED",
	[TINYIP_NEIGH_PERMANENT] = "PERMANENT",
	[TINYIP_NEIGH_DELAY] = "DELAY",
};

static const struct flag_name neigh_flag_names[] = {
	{ TINYIP_NEIGH_F_ROUTER, "router" },
};

enum { NEIGH_SHOW, NEIGH_LIST, NEIGH_FLUSH, NEIGH_HELP };

static const char * const neigh_cmds[] = {
	[NEIGH_SHOW] = "show",
	[NEIGH_LIST] = "list",
	[NEIGH_FLUSH] = "flush",
	[NEIGH_HELP] = "help",
};

enum { KEY_DEV, KEY_HELP };

static const char * const neigh_keys[] = {
	[KEY_DEV] = "dev",
	[KEY_HELP] = "help",
};

void neigh_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip [ -4 | -6 ] neigh [ show [ dev DEV ] ]\n"
		"       tinyip neigh flush [ dev DEV ]\n");
}

int neigh_parse(const struct nlmsghdr *nlh, struct tinyip_neigh *n)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	int err;

	err = tinyip_parse_present(nlh, tb, &n->present);
	if (err)
		return err;
	if (tb[TINYIP_A_IFNAME])
		attr_copy_ifname(n->ifname, tb[TINYIP_A_IFNAME]);
	else
		ifname_fallback(n->ifname, tb);
	if (tb[TINYIP_A_IFINDEX])
		n->ifindex = mnl_attr_get_u32(tb[TINYIP_A_IFINDEX]);
	if (tb[TINYIP_A_ADDR])
		n->dst_len = attr_copy_bin(n->dst, sizeof(n->dst),
					   tb[TINYIP_A_ADDR]);
	if (tb[TINYIP_A_HWADDR])
		n->lladdr_len = attr_copy_bin(n->lladdr, sizeof(n->lladdr),
					      tb[TINYIP_A_HWADDR]);
	if (tb[TINYIP_A_NEIGH_STATE])
		n->state = mnl_attr_get_u8(tb[TINYIP_A_NEIGH_STATE]);
	if (tb[TINYIP_A_NEIGH_FLAGS])
		n->flags = mnl_attr_get_u32(tb[TINYIP_A_NEIGH_FLAGS]);
	return 0;
}

void neigh_print(const struct tinyip_neigh *n, struct show_ctx *ctx)
{
	char dst[IPADDR_STRLEN], ll[3 * HWADDR_MAX];
	const char *state = NULL;
	FILE *fp = ctx->o->fp;

	if (!dev_matches(ctx->dev, n->ifname) ||
	    !family_matches(ctx->o->family, n->dst_len))
		return;
	ctx->shown++;
	format_ip(dst, sizeof(dst), n->dst, n->dst_len);
	if (n->lladdr_len)
		format_hwaddr(ll, sizeof(ll), n->lladdr, n->lladdr_len);
	if (HAS(n, TINYIP_A_NEIGH_STATE))
		state = n->state < ARRAY_SIZE(state_names) ?
			state_names[n->state] : "UNKNOWN";
	if (ctx->jw) {
		json_obj_open(ctx->jw);
		json_str_field(ctx->jw, "dst", dst);
		json_str_field(ctx->jw, "dev", n->ifname);
		if (n->lladdr_len)
			json_str_field(ctx->jw, "lladdr", ll);
		if (HAS(n, TINYIP_A_NEIGH_FLAGS))
			print_flags(NULL, ctx->jw, "flags", n->flags,
				    neigh_flag_names,
				    ARRAY_SIZE(neigh_flag_names));
		if (state)
			json_str_field(ctx->jw, "state", state);
		json_obj_close(ctx->jw);
		return;
	}
	fprintf(fp, "%s dev %s", dst, n->ifname);
	if (n->lladdr_len)
		fprintf(fp, " lladdr %s", ll);
	print_flags(fp, NULL, NULL, n->flags, neigh_flag_names,
		    ARRAY_SIZE(neigh_flag_names));
	if (state)
		fprintf(fp, " %s", state);
	fputc('\n', fp);
}

static int neigh_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct tinyip_neigh n = {};
	int err = neigh_parse(nlh, &n);

	if (!err)
		neigh_print(&n, ctx);
	return err;
}

/* "[dev DEV]"; -1 after printing the help. */
static int neigh_args(int argc, char **argv, const char **dev)
{
	int key, ret;

	for (; argc > 0; argc -= 2, argv += 2) {
		key = match_word(argv[0], neigh_keys, ARRAY_SIZE(neigh_keys));
		if (key == KEY_HELP) {
			neigh_usage(stdout);
			return -1;
		}
		if (key < 0)
			return invarg("neigh", argv[0], "unknown keyword.");
		ret = parse_dev("neigh", argc > 1 ? argv[1] : NULL, dev);
		if (ret)
			return ret;
	}
	return 0;
}

static int neigh_flush(const char *dev)
{
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int ret;

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, TINYIP_CMD_NEIGH_FLUSH);
	if (dev)
		mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

int do_neigh(int argc, char **argv, const struct tinyip_out *o)
{
	const char *dev = NULL;
	int cmd = NEIGH_SHOW, ret;

	if (argc > 0) {
		cmd = match_word(argv[0], neigh_cmds, ARRAY_SIZE(neigh_cmds));
		argc--;
		argv++;
	}
	if (cmd == NEIGH_HELP) {
		neigh_usage(stdout);
		return TINYIP_EXIT_OK;
	}
	if (cmd < 0)
		return bad_command("neigh", argv[-1], cmd);
	ret = neigh_args(argc, argv, &dev);
	if (ret)
		return ret < 0 ? TINYIP_EXIT_OK : ret;
	/* The kernel flushes both families; do not pretend otherwise. */
	if (cmd == NEIGH_FLUSH && o->family != AF_UNSPEC)
		return usage_err("neigh",
				 "\"neigh flush\" empties IPv4 and IPv6 entries alike; drop -%c.",
				 o->family == AF_INET ? '4' : '6');
	if (cmd == NEIGH_FLUSH)
		return neigh_flush(dev);
	return tinyip_show(TINYIP_CMD_NEIGH_GET, dev, neigh_show_cb, o);
}
