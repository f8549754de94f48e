// SPDX-License-Identifier: GPL-2.0
/*
 * The "addr" object: adds and removes the IPv4 and IPv6 addresses of
 * tinyip links (RFC 1122 3.3.1, RFC 4291 2.1) with, for IPv6, the
 * lifetimes and duplicate address detection of RFC 4862 5.4 and 5.5.4,
 * and lists them with their directed broadcast address (RFC 919,
 * RFC 922) or their scope, state and lifetimes.
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

enum { KEY_DEV, KEY_NODAD, KEY_VALID_LFT, KEY_PREFERRED_LFT, KEY_HELP };

static const char * const addr_keys[] = {
	[KEY_DEV] = "dev",
	[KEY_NODAD] = "nodad",
	[KEY_VALID_LFT] = "valid_lft",
	[KEY_PREFERRED_LFT] = "preferred_lft",
	[KEY_HELP] = "help",
};

/*
 * ip's words, in ip's order. PERMANENT is named by its absence: ip says
 * "dynamic" for an address with a lifetime, so addr_print() flips it.
 */
static const struct flag_name addr_flag_names[] = {
	{ TINYIP_ADDR_F_TEMPORARY, "temporary" },
	{ TINYIP_ADDR_F_NODAD, "nodad" },
	{ TINYIP_ADDR_F_DADFAILED, "dadfailed" },
	{ TINYIP_ADDR_F_DEPRECATED, "deprecated" },
	{ TINYIP_ADDR_F_TENTATIVE, "tentative" },
	{ TINYIP_ADDR_F_PERMANENT, "dynamic" },
	{ TINYIP_ADDR_F_AUTOCONF, "autoconf" },
};

static const char * const scope_names[] = {
	[SCOPE_GLOBAL] = "global",
	[SCOPE_SITE] = "site",
	[SCOPE_LINK] = "link",
	[SCOPE_HOST] = "host",
};

/* What "addr add" and "addr del" were given. */
struct addr_req {
	const char *dev;
	const char *prefix;
	__u32 valid_lft;
	__u32 preferred_lft;
	bool has_valid;
	bool has_preferred;
	bool nodad;
};

void addr_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip addr { add | del } ADDR/PLEN dev DEV [ OPTS ]\n"
		"       tinyip [ -4 | -6 ] addr [ show [ dev DEV ] ]\n"
		"where  ADDR := an IPv4 or IPv6 address\n"
		"       PLEN := 0..32 for IPv4, 0..128 for IPv6 (all of ADDR when absent)\n"
		"       OPTS := [ nodad ] [ valid_lft LFT ] [ preferred_lft LFT ]\n"
		"               (IPv6, add only)\n"
		"       LFT := { SECONDS | forever }\n");
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
	if (tb[TINYIP_A_ADDR_FLAGS])
		a->flags = mnl_attr_get_u32(tb[TINYIP_A_ADDR_FLAGS]);
	if (tb[TINYIP_A_VALID_LFT])
		a->valid_lft = mnl_attr_get_u32(tb[TINYIP_A_VALID_LFT]);
	if (tb[TINYIP_A_PREFERRED_LFT])
		a->preferred_lft = mnl_attr_get_u32(tb[TINYIP_A_PREFERRED_LFT]);
	return 0;
}

/* " valid_lft 600sec" or " valid_lft forever", as ip prints lifetimes. */
static void print_lft(FILE *fp, const char *name, __u32 lft)
{
	if (lft == TINYIP_LFT_FOREVER)
		fprintf(fp, " %s forever", name);
	else
		fprintf(fp, " %s %usec", name, lft);
}

static void addr_print_json(const struct tinyip_addr *a, const char *local,
			    const char *brd, struct show_ctx *ctx,
			    const char *event)
{
	struct json_writer *jw = ctx->jw;
	bool deleted = event && !strcmp(event, "addr-deleted");

	json_obj_open(jw);
	if (event)
		monitor_json_head(jw, ctx->o, event);
	if (deleted)
		json_bool_field(jw, "deleted", true);
	json_str_field(jw, "ifname", a->ifname);
	if (HAS(a, TINYIP_A_IFINDEX))
		json_u64_field(jw, "ifindex", a->ifindex);
	json_str_field(jw, "family", a->addr_len == 16 ? "inet6" : "inet");
	json_str_field(jw, "local", local);
	json_u64_field(jw, "prefixlen", a->prefixlen);
	if (a->brd_len)
		json_str_field(jw, "broadcast", brd);
	if (a->addr_len == 16)
		json_str_field(jw, "scope", scope_names[ip6_scope(a->addr)]);
	if (HAS(a, TINYIP_A_ADDR_FLAGS))
		print_flags(NULL, jw, "flags",
			    a->flags ^ TINYIP_ADDR_F_PERMANENT,
			    addr_flag_names, ARRAY_SIZE(addr_flag_names));
	if (HAS(a, TINYIP_A_VALID_LFT))
		json_u64_field(jw, "valid_life_time", a->valid_lft);
	if (HAS(a, TINYIP_A_PREFERRED_LFT))
		json_u64_field(jw, "preferred_life_time", a->preferred_lft);
	json_obj_close(jw);
}

/*
 * An entry of "addr show", or with @event what "monitor" saw happen to
 * it ("addr-deleted" and the others of monitor.c).
 */
static void addr_print_one(const struct tinyip_addr *a, struct show_ctx *ctx,
			   const char *event)
{
	char local[IPADDR_STRLEN], brd[IPADDR_STRLEN];
	bool deleted = event && !strcmp(event, "addr-deleted");
	FILE *fp = ctx->o->fp;

	if (!dev_matches(ctx->dev, a->ifname) ||
	    !family_matches(ctx->o->family, a->addr_len))
		return;
	ctx->shown++;
	format_ip(local, sizeof(local), a->addr, a->addr_len);
	if (a->brd_len)
		format_ip(brd, sizeof(brd), a->brd, a->brd_len);
	if (ctx->jw) {
		addr_print_json(a, local, brd, ctx, event);
		return;
	}
	if (deleted)
		fputs("Deleted ", fp);
	fprintf(fp, "%s %s %s/%u", a->ifname,
		a->addr_len == 16 ? "inet6" : "inet", local, a->prefixlen);
	if (a->brd_len)
		fprintf(fp, " brd %s", brd);
	if (a->addr_len == 16)
		fprintf(fp, " scope %s", scope_names[ip6_scope(a->addr)]);
	if (HAS(a, TINYIP_A_ADDR_FLAGS))
		print_flags(fp, NULL, NULL, a->flags ^ TINYIP_ADDR_F_PERMANENT,
			    addr_flag_names, ARRAY_SIZE(addr_flag_names));
	fputc('\n', fp);
	if (!HAS(a, TINYIP_A_VALID_LFT) && !HAS(a, TINYIP_A_PREFERRED_LFT))
		return;
	/* ip's second line, under the address. */
	fputs("   ", fp);
	if (HAS(a, TINYIP_A_VALID_LFT))
		print_lft(fp, "valid_lft", a->valid_lft);
	if (HAS(a, TINYIP_A_PREFERRED_LFT))
		print_lft(fp, "preferred_lft", a->preferred_lft);
	fputc('\n', fp);
}

void addr_print(const struct tinyip_addr *a, struct show_ctx *ctx)
{
	addr_print_one(a, ctx, NULL);
}

/*
 * An address event of "monitor": what "addr show" prints for it, after
 * "Deleted " (in JSON "deleted": true) when it went away, as ip monitor
 * says it; in JSON one object a line.
 */
void addr_print_event(const struct tinyip_addr *a,
		      const struct tinyip_out *o, const char *event)
{
	struct show_ctx ctx = { .o = o };
	struct json_writer jw;

	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		ctx.jw = &jw;
	}
	addr_print_one(a, &ctx, event);
	if (o->json && ctx.shown)
		json_end(&jw);
}

static int addr_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct tinyip_addr a = {};
	int err = addr_parse(nlh, &a);

	if (!err)
		addr_print(&a, ctx);
	return err;
}

/* "valid_lft LFT" or "preferred_lft LFT", each given once. */
static int addr_lft(const char *key, const char *arg, __u32 *lft, bool *has)
{
	int ret = arg_once("addr", key, arg, *has, "SECONDS or forever");

	if (ret)
		return ret;
	if (parse_lifetime(arg, lft))
		return invarg("addr", arg,
			      "%s is a number of seconds or forever.", key);
	*has = true;
	return 0;
}

/*
 * "[dev DEV]" and, for add and del, one ADDR/PLEN anywhere among them;
 * for add also "[nodad] [valid_lft LFT] [preferred_lft LFT]". An exit
 * status, or -1 after printing the help.
 */
static int addr_args(int cmd, int argc, char **argv, struct addr_req *rq)
{
	const char *arg;
	int key, ret;

	for (; argc > 0; argc--, argv++) {
		key = match_word(argv[0], addr_keys, ARRAY_SIZE(addr_keys));
		arg = argc > 1 ? argv[1] : NULL;
		if (key == KEY_HELP) {
			addr_usage(stdout);
			return -1;
		}
		if (key > KEY_DEV && cmd != ADDR_ADD)
			return invarg("addr", argv[0],
				      "only \"addr add\" takes it.");
		switch (key) {
		case KEY_DEV:
			ret = parse_dev("addr", arg, &rq->dev);
			break;
		case KEY_NODAD:
			if (rq->nodad)
				return usage_err("addr", "duplicate \"nodad\".");
			rq->nodad = true;
			continue;
		case KEY_VALID_LFT:
			ret = addr_lft(addr_keys[key], arg, &rq->valid_lft,
				       &rq->has_valid);
			break;
		case KEY_PREFERRED_LFT:
			ret = addr_lft(addr_keys[key], arg, &rq->preferred_lft,
				       &rq->has_preferred);
			break;
		default:
			if (cmd != ADDR_ADD && cmd != ADDR_DEL)
				return invarg("addr", argv[0], "unknown keyword.");
			if (rq->prefix)
				return invarg("addr", argv[0],
					      "one address at a time.");
			rq->prefix = argv[0];
			continue;
		}
		if (ret)
			return ret;
		argc--;
		argv++;
	}
	return 0;
}

/*
 * The lifetimes and DAD of an IPv6 address being added. Without
 * preferred_lft the address is preferred all its valid life (ip would
 * refuse valid_lft alone); without valid_lft it is valid forever.
 */
static int addr_check_v6(struct addr_req *rq, const struct inet_prefix *p)
{
	if (!rq->nodad && !rq->has_valid && !rq->has_preferred)
		return 0;
	if (p->len != 16)
		return usage_err("addr",
				 "nodad, valid_lft and preferred_lft are for IPv6 addresses.");
	if (!rq->has_valid && rq->has_preferred)
		rq->valid_lft = TINYIP_LFT_FOREVER;
	if (rq->has_valid && !rq->has_preferred)
		rq->preferred_lft = rq->valid_lft;
	if (rq->has_valid && !rq->valid_lft)
		return usage_err("addr",
				 "valid_lft is 0: the address would be gone at once.");
	if (rq->preferred_lft > rq->valid_lft)
		return usage_err("addr",
				 "preferred_lft (%u) is greater than valid_lft (%u).",
				 rq->preferred_lft, rq->valid_lft);
	return 0;
}

static int addr_change(int cmd, int argc, char **argv,
		       const struct tinyip_out *o)
{
	struct addr_req rq = {};
	struct inet_prefix p;
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int ret;

	ret = addr_args(cmd, argc, argv, &rq);
	if (ret)
		return ret < 0 ? TINYIP_EXIT_OK : ret;
	if (!rq.prefix)
		return usage_err("addr", "which address? ADDR/PLEN is missing.");
	ret = parse_prefix(rq.prefix, o->family, false, &p);
	if (ret)
		return addr_invarg("addr", rq.prefix, ret, o->family, &p,
				   "address");
	if (!rq.dev)
		return usage_err("addr", "which device? \"dev DEV\" is missing.");
	ret = addr_check_v6(&rq, &p);
	if (ret)
		return ret;
	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, cmd == ADDR_ADD ? TINYIP_CMD_ADDR_ADD :
						TINYIP_CMD_ADDR_DEL);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, rq.dev);
	mnl_attr_put(nlh, TINYIP_A_ADDR, p.len, p.addr);
	mnl_attr_put_u8(nlh, TINYIP_A_PREFIXLEN, p.plen);
	if (rq.nodad)
		mnl_attr_put_u32(nlh, TINYIP_A_ADDR_FLAGS, TINYIP_ADDR_F_NODAD);
	if (rq.has_valid || rq.has_preferred) {
		mnl_attr_put_u32(nlh, TINYIP_A_VALID_LFT, rq.valid_lft);
		mnl_attr_put_u32(nlh, TINYIP_A_PREFERRED_LFT, rq.preferred_lft);
	}
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

int do_addr(int argc, char **argv, const struct tinyip_out *o)
{
	struct addr_req rq = {};
	int cmd = ADDR_SHOW, ret;

	if (argc > 0) {
		cmd = match_word(argv[0], addr_cmds, ARRAY_SIZE(addr_cmds));
		argc--;
		argv++;
	}
	switch (cmd) {
	case ADDR_ADD:
	case ADDR_DEL:
		return addr_change(cmd, argc, argv, o);
	case ADDR_SHOW:
	case ADDR_LIST:
		ret = addr_args(cmd, argc, argv, &rq);
		if (ret)
			return ret < 0 ? TINYIP_EXIT_OK : ret;
		return tinyip_show(TINYIP_CMD_ADDR_GET, rq.dev, addr_show_cb,
				   o);
	case ADDR_HELP:
		addr_usage(stdout);
		return TINYIP_EXIT_OK;
	default:
		return bad_command("addr", argv[-1], cmd);
	}
}
