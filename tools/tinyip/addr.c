// SPDX-License-Identifier: GPL-2.0
/*
 * The "addr" object: adds and removes the IPv4 addresses of tinyip links
 * (RFC 1122 3.3.1, RFC 4632 prefixes) and lists them with their directed
 * broadcast address (RFC 919, RFC 922).
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

enum { ADDR_ADD, ADDR_DEL, ADDR_SHOW, ADDR_LIST, ADDR_HELP };

static const char * const addr_cmds[] = {
	[ADDR_ADD] = "add",
	[ADDR_DEL] = "del",
	[ADDR_SHOW] = "show",
	[ADDR_LIST] = "list",
	[ADDR_HELP] = "help",
};

enum { KEY_DEV, KEY_HELP };

static const char * const addr_keys[] = {
	[KEY_DEV] = "dev",
	[KEY_HELP] = "help",
};

void addr_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip addr { add | del } ADDR/PLEN dev DEV\n"
		"       tinyip addr [ show [ dev DEV ] ]\n"
		"where  ADDR := an IPv4 address, PLEN := 0..32 (32 when absent)\n");
}

int addr_parse(const struct nlmsghdr *nlh, struct tinyip_addr *a)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	int err;

	err = tinyip_parse_present(nlh, tb, &a->present);
	if (err)
		return err;
	if (tb[TINYIP_A_IFNAME])
		attr_copy_ifname(a->ifname, tb[TINYIP_A_IFNAME]);
	else
		ifname_fallback(a->ifname, tb);
	if (tb[TINYIP_A_IFINDEX])
		a->ifindex = mnl_attr_get_u32(tb[TINYIP_A_IFINDEX]);
	if (tb[TINYIP_A_ADDR])
		a->addr_len = attr_copy_bin(a->addr, sizeof(a->addr),
					    tb[TINYIP_A_ADDR]);
	if (tb[TINYIP_A_BROADCAST])
		a->brd_len = attr_copy_bin(a->brd, sizeof(a->brd),
					   tb[TINYIP_A_BROADCAST]);
	if (tb[TINYIP_A_PREFIXLEN])
		a->prefixlen = mnl_attr_get_u8(tb[TINYIP_A_PREFIXLEN]);
	return 0;
}

void addr_print(const struct tinyip_addr *a, struct show_ctx *ctx)
{
	const char *family = a->addr_len == 16 ? "inet6" : "inet";
	char local[IPADDR_STRLEN], brd[IPADDR_STRLEN];
	FILE *fp = ctx->o->fp;

	if (!dev_matches(ctx->dev, a->ifname))
		return;
	ctx->shown++;
	format_ip(local, sizeof(local), a->addr, a->addr_len);
	if (a->brd_len)
		format_ip(brd, sizeof(brd), a->brd, a->brd_len);
	if (ctx->jw) {
		json_obj_open(ctx->jw);
		json_str_field(ctx->jw, "ifname", a->ifname);
		if (HAS(a, TINYIP_A_IFINDEX))
			json_u64_field(ctx->jw, "ifindex", a->ifindex);
		json_str_field(ctx->jw, "family", family);
		json_str_field(ctx->jw, "local", local);
		json_u64_field(ctx->jw, "prefixlen", a->prefixlen);
		if (a->brd_len)
			json_str_field(ctx->jw, "broadcast", brd);
		json_obj_close(ctx->jw);
		return;
	}
	fprintf(fp, "%s %s %s/%u", a->ifname, family, local, a->prefixlen);
	if (a->brd_len)
		fprintf(fp, " brd %s", brd);
	fputc('\n', fp);
}

static int addr_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct tinyip_addr a = {};
	int err = addr_parse(nlh, &a);

	if (!err)
		addr_print(&a, ctx);
	return err;
}

/* "[dev DEV]" and, for add and del, one ADDR/PLEN anywhere among them. */
static int addr_args(int argc, char **argv, const char **dev,
		     const char **prefix)
{
	int key, ret;

	while (argc > 0) {
		key = match_word(argv[0], addr_keys, ARRAY_SIZE(addr_keys));
		if (key == KEY_HELP) {
			addr_usage(stdout);
			return -1;
		}
		if (key == KEY_DEV) {
			ret = parse_dev("addr", argc > 1 ? argv[1] : NULL, dev);
			if (ret)
				return ret;
			argc -= 2;
			argv += 2;
			continue;
		}
		if (!prefix)
			return invarg("addr", argv[0], "unknown keyword.");
		if (*prefix)
			return invarg("addr", argv[0],
				      "one address at a time.");
		*prefix = argv[0];
		argc--;
		argv++;
	}
	return 0;
}

static int addr_change(int cmd, int argc, char **argv)
{
	const char *dev = NULL, *prefix = NULL;
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	struct in_addr in;
	__u8 plen;
	int ret;

	ret = addr_args(argc, argv, &dev, &prefix);
	if (ret)
		return ret < 0 ? TINYIP_EXIT_OK : ret;
	if (!prefix)
		return usage_err("addr", "which address? ADDR/PLEN is missing.");
	ret = parse_prefix(prefix, false, &in, &plen);
	if (ret == -ERANGE)
		return invarg("addr", prefix,
			      "the prefix length is 0 to 32.");
	if (ret)
		return invarg("addr", prefix, "not an IPv4 address.");
	if (!dev)
		return usage_err("addr", "which device? \"dev DEV\" is missing.");
	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, cmd == ADDR_ADD ? TINYIP_CMD_ADDR_ADD :
						TINYIP_CMD_ADDR_DEL);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	mnl_attr_put(nlh, TINYIP_A_ADDR, sizeof(in), &in);
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, plen);
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

int do_addr(int argc, char **argv, const struct tinyip_out *o)
{
	const char *dev = NULL;
	int cmd = ADDR_SHOW, ret;

	if (argc > 0) {
		cmd = match_word(argv[0], addr_cmds, ARRAY_SIZE(addr_cmds));
		argc--;
		argv++;
	}
	switch (cmd) {
	case ADDR_ADD:
	case ADDR_DEL:
		return addr_change(cmd, argc, argv);
	case ADDR_SHOW:
	case ADDR_LIST:
		ret = addr_args(argc, argv, &dev, NULL);
		if (ret)
			return ret < 0 ? TINYIP_EXIT_OK : ret;
		return tinyip_show(TINYIP_CMD_ADDR_GET, dev, addr_show_cb, o);
	case ADDR_HELP:
		addr_usage(stdout);
		return TINYIP_EXIT_OK;
	default:
		return bad_command("addr", argv[-1], cmd);
	}
}
