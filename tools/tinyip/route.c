// SPDX-License-Identifier: GPL-2.0
/*
 * The "route" object: adds and removes IPv4 and IPv6 routes of this
 * network namespace's tinyip instance and lists its table, longest
 * prefix first as the kernel keeps it (RFC 1812 5.2.4, RFC 4632
 * prefixes, RFC 4291 2.3; a link-local next hop names its link, RFC 4007
 * 6).
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

enum { ROUTE_ADD, ROUTE_DEL, ROUTE_SHOW, ROUTE_LIST, ROUTE_HELP };

static const char * const route_cmds[] = {
	[ROUTE_ADD] = "add",
	[ROUTE_DEL] = "del",
	[ROUTE_SHOW] = "show",
	[ROUTE_LIST] = "list",
	[ROUTE_HELP] = "help",
};

enum { KEY_VIA, KEY_DEV, KEY_METRIC, KEY_HELP };

static const char * const route_keys[] = {
	[KEY_VIA] = "via",
	[KEY_DEV] = "dev",
	[KEY_METRIC] = "metric",
	[KEY_HELP] = "help",
};

void route_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip route { add | del } PREFIX [ via GW ] [ dev DEV ] [ metric N ]\n"
		"       tinyip [ -4 | -6 ] route [ show ]\n"
		"where  PREFIX := { ADDR/PLEN | default }, GW := an IPv4 or IPv6 address\n"
		"       default is ::/0 with -6 or an IPv6 GW, else 0.0.0.0/0;\n"
		"       a link-local GW (fe80::/10) needs dev DEV\n");
}

int route_parse(const struct nlmsghdr *nlh, struct tinyip_route *r)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	int err;

	err = tinyip_parse_present(nlh, tb, &r->present);
	if (err)
		return err;
	if (tb[TINYIP_A_IFNAME])
		attr_copy_ifname(r->ifname, tb[TINYIP_A_IFNAME]);
	else if (tb[TINYIP_A_IFINDEX])
		ifname_fallback(r->ifname, tb);
	if (tb[TINYIP_A_IFINDEX])
		r->ifindex = mnl_attr_get_u32(tb[TINYIP_A_IFINDEX]);
	if (tb[TINYIP_A_ADDR])
		r->dst_len = attr_copy_bin(r->dst, sizeof(r->dst),
					   tb[TINYIP_A_ADDR]);
	if (tb[TINYIP_A_GATEWAY])
		r->gw_len = attr_copy_bin(r->gw, sizeof(r->gw),
					  tb[TINYIP_A_GATEWAY]);
	if (tb[TINYIP_A_PREFIXLEN])
		r->prefixlen = mnl_attr_get_u8(tb[TINYIP_A_PREFIXLEN]);
	if (tb[TINYIP_A_METRIC])
		r->metric = mnl_attr_get_u32(tb[TINYIP_A_METRIC]);
	if (tb[TINYIP_A_ROUTE_FLAGS])
		r->flags = mnl_attr_get_u32(tb[TINYIP_A_ROUTE_FLAGS]);
	return 0;
}

void route_print(const struct tinyip_route *r, struct show_ctx *ctx)
{
	const char *proto = r->flags & TINYIP_ROUTE_F_CONNECTED ? "kernel" :
								   "static";
	char dst[IPADDR_STRLEN + 4], gw[IPADDR_STRLEN];
	FILE *fp = ctx->o->fp;
	size_t len;

	if (!dev_matches(ctx->dev, r->ifname) ||
	    !family_matches(ctx->o->family, r->dst_len))
		return;
	ctx->shown++;
	if (!r->prefixlen) {
		snprintf(dst, sizeof(dst), "default");
	} else {
		format_ip(dst, sizeof(dst), r->dst, r->dst_len);
		len = strlen(dst);
		snprintf(dst + len, sizeof(dst) - len, "/%u", r->prefixlen);
	}
	if (r->gw_len)
		format_ip(gw, sizeof(gw), r->gw, r->gw_len);
	if (ctx->jw) {
		json_obj_open(ctx->jw);
		json_str_field(ctx->jw, "dst", dst);
		if (r->gw_len)
			json_str_field(ctx->jw, "gateway", gw);
		if (r->ifname[0])
			json_str_field(ctx->jw, "dev", r->ifname);
		if (HAS(r, TINYIP_A_METRIC))
			json_u64_field(ctx->jw, "metric", r->metric);
		json_str_field(ctx->jw, "protocol", proto);
		json_obj_close(ctx->jw);
		return;
	}
	fputs(dst, fp);
	if (r->gw_len)
		fprintf(fp, " via %s", gw);
	if (r->ifname[0])
		fprintf(fp, " dev %s", r->ifname);
	if (r->flags & TINYIP_ROUTE_F_CONNECTED)
		fputs(" proto kernel", fp);
	if (HAS(r, TINYIP_A_METRIC))
		fprintf(fp, " metric %u", r->metric);
	fputc('\n', fp);
}

static int route_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct tinyip_route r = {};
	int err = route_parse(nlh, &r);

	if (!err)
		route_print(&r, ctx);
	return err;
}

struct route_req {
	const char *dev;
	struct inet_prefix dst;
	struct inet_prefix gw;
	__u32 metric;
	int family;		/* -4, -6 or AF_UNSPEC */
	bool has_dst, has_gw, has_metric;
	bool dst_default;	/* "default": its family is not known yet */
};

static int route_key(int key, const char *arg, struct route_req *rq)
{
	int err;

	switch (key) {
	case KEY_VIA:
		if (rq->has_gw)
			return usage_err("route", "duplicate \"via\".");
		if (!arg)
			return usage_err("route", "\"via\" needs an address.");
		err = parse_addr(arg, rq->family, &rq->gw);
		if (err)
			return addr_invarg("route", arg, err, rq->family,
					   &rq->gw, "gateway address");
		rq->has_gw = true;
		return 0;
	case KEY_DEV:
		return parse_dev("route", arg, &rq->dev);
	default:
		if (rq->has_metric)
			return usage_err("route", "duplicate \"metric\".");
		if (!arg)
			return usage_err("route", "\"metric\" needs a number.");
		if (parse_u32(arg, &rq->metric))
			return invarg("route", arg,
				      "the metric is a number from 0 to 4294967295.");
		rq->has_metric = true;
		return 0;
	}
}

static int route_prefix(const char *arg, struct route_req *rq)
{
	int err;

	if (rq->has_dst)
		return invarg("route", arg, "one prefix at a time.");
	err = parse_prefix(arg, rq->family, true, &rq->dst);
	if (err)
		return addr_invarg("route", arg, err, rq->family, &rq->dst,
				   "prefix (ADDR/PLEN or default)");
	if (prefix_host_bits(&rq->dst))
		return invarg("route", arg,
			      "host bits are set; the prefix would be ambiguous.");
	rq->has_dst = true;
	rq->dst_default = !strcmp(arg, "default");
	return 0;
}

/* The whole request once every word is read: families and next hop. */
static int route_check(int cmd, struct route_req *rq)
{
	if (!rq->has_dst)
		return usage_err("route", "which prefix? PREFIX is missing.");
	if (cmd == ROUTE_ADD && !rq->has_gw && !rq->dev)
		return usage_err("route", "a route needs \"via GW\" or \"dev DEV\".");
	if (!rq->has_gw)
		return 0;
	/* As ip does, "default via fe80::1" is an IPv6 default route. */
	if (rq->dst_default && rq->family == AF_UNSPEC)
		rq->dst.len = rq->gw.len;
	if (rq->gw.len != rq->dst.len)
		return usage_err("route",
				 "the gateway and the prefix are of different families.");
	if (rq->gw.len == 16 && ip6_scope(rq->gw.addr) == SCOPE_LINK &&
	    !rq->dev)
		return usage_err("route",
				 "a link-local gateway needs \"dev DEV\": it is on one link.");
	return 0;
}

static int route_change(int cmd, int argc, char **argv,
			const struct tinyip_out *o)
{
	struct route_req rq = { .family = o->family };
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int key, ret;

	while (argc > 0) {
		key = match_word(argv[0], route_keys, ARRAY_SIZE(route_keys));
		if (key == KEY_HELP) {
			route_usage(stdout);
			return TINYIP_EXIT_OK;
		}
		if (key >= 0)
			ret = route_key(key, argc > 1 ? argv[1] : NULL, &rq);
		else
			ret = route_prefix(argv[0], &rq);
		if (ret)
			return ret;
		argc -= key >= 0 ? 2 : 1;
		argv += key >= 0 ? 2 : 1;
	}
	ret = route_check(cmd, &rq);
	if (ret)
		return ret;
	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, cmd == ROUTE_ADD ? TINYIP_CMD_ROUTE_ADD :
						 TINYIP_CMD_ROUTE_DEL);
	mnl_attr_put(nlh, TINYIP_A_ADDR, rq.dst.len, rq.dst.addr);
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, rq.dst.plen);
	if (rq.has_gw)
		mnl_attr_put(nlh, TINYIP_A_GATEWAY, rq.gw.len, rq.gw.addr);
	if (rq.dev)
		mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, rq.dev);
	if (rq.has_metric)
		mnl_attr_put_u32(nlh, TINYIP_A_METRIC, rq.metric);
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

int do_route(int argc, char **argv, const struct tinyip_out *o)
{
	int cmd = ROUTE_SHOW;

	if (argc > 0) {
		cmd = match_word(argv[0], route_cmds, ARRAY_SIZE(route_cmds));
		argc--;
		argv++;
	}
	switch (cmd) {
	case ROUTE_ADD:
	case ROUTE_DEL:
		return route_change(cmd, argc, argv, o);
	case ROUTE_SHOW:
	case ROUTE_LIST:
		if (argc > 0 && is_help(argv[0])) {
			route_usage(stdout);
			return TINYIP_EXIT_OK;
		}
		if (argc > 0)
			return invarg("route", argv[0],
				      "\"route show\" takes no arguments.");
		return tinyip_show(TINYIP_CMD_ROUTE_GET, NULL, route_show_cb, o);
	case ROUTE_HELP:
		route_usage(stdout);
		return TINYIP_EXIT_OK;
	default:
		return bad_command("route", argv[-1], cmd);
	}
}
