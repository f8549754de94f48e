// SPDX-License-Identifier: GPL-2.0
/*
 * The "ra" object: makes tinyip send IPv6 router advertisements on a link
 * or stop (RFC 4861 6.2.1: MaxRtrAdvInterval and AdvDefaultLifetime,
 * 6.2.2: becoming an advertising interface, 6.2.5: ceasing to be one), and
 * lists the links that send them, from the link dump.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

enum { RA_SET, RA_SHOW, RA_LIST, RA_HELP };

static const char * const ra_cmds[] = {
	[RA_SET] = "set",
	[RA_SHOW] = "show",
	[RA_LIST] = "list",
	[RA_HELP] = "help",
};

/* "ra show" takes dev alone: the keywords after KEY_DEV are set's. */
enum { KEY_DEV, KEY_ON, KEY_OFF, KEY_INTERVAL, KEY_LIFETIME, KEY_HELP };

static const char * const ra_keys[] = {
	[KEY_DEV] = "dev",
	[KEY_ON] = "on",
	[KEY_OFF] = "off",
	[KEY_INTERVAL] = "interval",
	[KEY_LIFETIME] = "lifetime",
	[KEY_HELP] = "help",
};

/* What "ra set" and "ra show" were given. */
struct ra_req {
	const char *dev;
	int send;		/* 1 on, 0 off, -1 not given */
	__u32 interval;
	__u32 lifetime;
	bool has_interval;
	bool has_lifetime;
};

void ra_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip ra set dev DEV { on | off } [ interval SECS ] [ lifetime SECS ]\n"
		"       tinyip ra [ show [ dev DEV ] ]\n"
		"where  interval: %u..%u, the longest time between two advertisements\n"
		"       lifetime: 0..%u, the router lifetime; 0 is not a default router\n",
		RA_INTERVAL_MIN, RA_INTERVAL_MAX, RA_LIFETIME_MAX);
}

/*
 * A link of the link dump, if it sends advertisements. Every link of
 * "dev" counts as shown, so that a link that sends none is no error.
 */
void ra_print(const struct tinyip_link *l, struct show_ctx *ctx)
{
	struct json_writer *jw = ctx->jw;
	FILE *fp = ctx->o->fp;

	if (!dev_matches(ctx->dev, l->ifname))
		return;
	ctx->shown++;
	if (!(l->flags & TINYIP_LINK_F_RA))
		return;
	if (jw) {
		json_obj_open(jw);
		json_str_field(jw, "ifname", l->ifname);
		if (HAS(l, TINYIP_A_IFINDEX))
			json_u64_field(jw, "ifindex", l->ifindex);
		if (HAS(l, TINYIP_A_RA_INTERVAL))
			json_u64_field(jw, "interval", l->ra_interval);
		if (HAS(l, TINYIP_A_RA_LIFETIME))
			json_u64_field(jw, "lifetime", l->ra_lifetime);
		json_obj_close(jw);
		return;
	}
	fputs(l->ifname, fp);
	if (HAS(l, TINYIP_A_RA_INTERVAL))
		fprintf(fp, " interval %us", l->ra_interval);
	if (HAS(l, TINYIP_A_RA_LIFETIME))
		fprintf(fp, " lifetime %us", l->ra_lifetime);
	fputc('\n', fp);
}

static int ra_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct tinyip_link l = {};
	int err = link_parse(nlh, &l);

	if (!err)
		ra_print(&l, ctx);
	return err;
}

/* "interval SECS" or "lifetime SECS", given once, from min to max. */
static int ra_secs(const char *key, const char *arg, __u32 min, __u32 max,
		   __u32 *val, bool *has)
{
	int ret = arg_once("ra", key, arg, *has, "SECONDS");

	if (ret)
		return ret;
	if (parse_u32(arg, val) || *val < min || *val > max)
		return invarg("ra", arg,
			      "%s is a number of seconds from %u to %u.", key,
			      min, max);
	*has = true;
	return 0;
}

/* "on" or "off", once. */
static int ra_switch(int key, struct ra_req *rq)
{
	int on = key == KEY_ON;

	if (rq->send == on)
		return usage_err("ra", "duplicate \"%s\".", ra_keys[key]);
	if (rq->send >= 0)
		return usage_err("ra", "on or off, not both.");
	rq->send = on;
	return 0;
}

/*
 * "[dev DEV]" and, for set, "on", "off", "interval SECS" and "lifetime
 * SECS", in any order. An exit status, or -1 after printing the help.
 */
static int ra_args(int cmd, int argc, char **argv, struct ra_req *rq)
{
	const char *arg;
	int key, ret;

	for (; argc > 0; argc--, argv++) {
		key = match_word(argv[0], ra_keys, ARRAY_SIZE(ra_keys));
		arg = argc > 1 ? argv[1] : NULL;
		if (key == KEY_HELP) {
			ra_usage(stdout);
			return -1;
		}
		if (key < 0)
			return invarg("ra", argv[0], "unknown keyword.");
		if (key > KEY_DEV && cmd != RA_SET)
			return invarg("ra", argv[0],
				      "only \"ra set\" takes it.");
		switch (key) {
		case KEY_DEV:
			ret = parse_dev("ra", arg, &rq->dev);
			break;
		case KEY_INTERVAL:
			ret = ra_secs(ra_keys[key], arg, RA_INTERVAL_MIN,
				      RA_INTERVAL_MAX, &rq->interval,
				      &rq->has_interval);
			break;
		case KEY_LIFETIME:
			ret = ra_secs(ra_keys[key], arg, 0, RA_LIFETIME_MAX,
				      &rq->lifetime, &rq->has_lifetime);
			break;
		default:	/* on, off: no value follows */
			ret = ra_switch(key, rq);
			if (ret)
				return ret;
			continue;
		}
		if (ret)
			return ret;
		argc--;
		argv++;
	}
	return 0;
}

static int ra_set(const struct ra_req *rq)
{
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int ret;

	if (!rq->dev)
		return usage_err("ra", "which device? \"dev DEV\" is missing.");
	if (rq->send < 0)
		return usage_err("ra", "on or off? One of them is missing.");
	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, TINYIP_CMD_RA_SET);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, rq->dev);
	mnl_attr_put_u8(nlh, TINYIP_A_RA_SEND, rq->send);
	if (rq->has_interval)
		mnl_attr_put_u32(nlh, TINYIP_A_RA_INTERVAL, rq->interval);
	if (rq->has_lifetime)
		mnl_attr_put_u32(nlh, TINYIP_A_RA_LIFETIME, rq->lifetime);
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

int do_ra(int argc, char **argv, const struct tinyip_out *o)
{
	struct ra_req rq = { .send = -1 };
	int cmd = RA_SHOW, ret;

	if (argc > 0) {
		cmd = match_word(argv[0], ra_cmds, ARRAY_SIZE(ra_cmds));
		argc--;
		argv++;
	}
	if (cmd == RA_HELP) {
		ra_usage(stdout);
		return TINYIP_EXIT_OK;
	}
	if (cmd < 0)
		return bad_command("ra", argv[-1], cmd);
	ret = ra_args(cmd, argc, argv, &rq);
	if (ret)
		return ret < 0 ? TINYIP_EXIT_OK : ret;
	if (cmd == RA_SET)
		return ra_set(&rq);
	return tinyip_show(TINYIP_CMD_LINK_GET, rq.dev, ra_show_cb, o);
}
