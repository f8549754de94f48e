// SPDX-License-Identifier: GPL-2.0
/*
 * The "link" object: attaches devices to this network namespace's tinyip
 * instance, detaches them, and lists the links (the instance's loopback
 * link among them) with their flags, counters and drop reasons.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

/* Names as in uapi/tinyip.yaml, definition "drop-reason". */
static const char * const drop_names[TINYIP_DROP_MAX + 1] = {
	[TINYIP_DROP_OTHER] = "other",
	[TINYIP_DROP_NOMEM] = "nomem",
	[TINYIP_DROP_LINK_DOWN] = "link-down",
	[TINYIP_DROP_VLAN] = "vlan",
	[TINYIP_DROP_ETHERTYPE] = "ethertype",
	[TINYIP_DROP_OTHERHOST] = "otherhost",
	[TINYIP_DROP_ARP_BAD] = "arp-bad",
	[TINYIP_DROP_NEIGH] = "neigh",
	[TINYIP_DROP_HDR] = "hdr",
	[TINYIP_DROP_CSUM] = "csum",
	[TINYIP_DROP_MARTIAN] = "martian",
	[TINYIP_DROP_TTL] = "ttl",
	[TINYIP_DROP_NO_ROUTE] = "no-route",
	[TINYIP_DROP_FRAG] = "frag",
	[TINYIP_DROP_TOO_BIG] = "too-big",
	[TINYIP_DROP_PROTO] = "proto",
	[TINYIP_DROP_NO_PORT] = "no-port",
	[TINYIP_DROP_RCVBUF] = "rcvbuf",
	[TINYIP_DROP_RATELIMIT] = "ratelimit",
};

/*
 * The flags the state does not already say (UP), in ip link's upper case;
 * bits newer than this tool are shown in hexadecimal.
 */
static const struct flag_name link_flag_names[] = {
	{ TINYIP_LINK_F_RA, "RA" },
};

static const char * const mode_names[] = {
	[TINYIP_LINK_MODE_SHARED] = "shared",
	[TINYIP_LINK_MODE_EXCLUSIVE] = "exclusive",
	[TINYIP_LINK_MODE_LOOPBACK] = "loopback",
};

/* JSON names of the TINYIP_A_LINK_STATS counters, in output order. */
static const struct {
	unsigned int stat;
	const char *name;
} stat_names[] = {
	{ TINYIP_LINK_STAT_RX_PACKETS,	"rx_packets" },
	{ TINYIP_LINK_STAT_RX_BYTES,	"rx_bytes" },
	{ TINYIP_LINK_STAT_TX_PACKETS,	"tx_packets" },
	{ TINYIP_LINK_STAT_TX_BYTES,	"tx_bytes" },
	{ TINYIP_LINK_STAT_RX_DROPS,	"rx_drops" },
	{ TINYIP_LINK_STAT_TX_DROPS,	"tx_drops" },
};

enum { LINK_ATTACH, LINK_DETACH, LINK_SHOW, LINK_LIST, LINK_HELP };

static const char * const link_cmds[] = {
	[LINK_ATTACH] = "attach",
	[LINK_DETACH] = "detach",
	[LINK_SHOW] = "show",
	[LINK_LIST] = "list",
	[LINK_HELP] = "help",
};

enum { KEY_DEV, KEY_MODE, KEY_HELP };

static const char * const link_keys[] = {
	[KEY_DEV] = "dev",
	[KEY_MODE] = "mode",
	[KEY_HELP] = "help",
};

void link_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip link attach dev DEV [ mode { shared | exclusive } ]\n"
		"       tinyip link detach dev DEV\n"
		"       tinyip [ -s ] link [ show [ dev DEV ] ]\n");
}

const char *drop_reason_name(unsigned int reason)
{
	return reason <= TINYIP_DROP_MAX ? drop_names[reason] : NULL;
}

/*
 * One link. TINYIP_A_LINK_DROPS comes twice: the receive drops, then the
 * transmit drops, each a counter per reason of type reason + 1.
 */
int link_parse(const struct nlmsghdr *nlh, struct tinyip_link *l)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	const struct nlattr *attr;
	int err;

	err = tinyip_parse_present(nlh, tb, &l->present);
	if (err)
		return err;
	if (tb[TINYIP_A_IFINDEX])
		l->ifindex = mnl_attr_get_u32(tb[TINYIP_A_IFINDEX]);
	if (tb[TINYIP_A_LINK_MODE])
		l->mode = mnl_attr_get_u8(tb[TINYIP_A_LINK_MODE]);
	if (tb[TINYIP_A_IFNAME])
		attr_copy_ifname(l->ifname, tb[TINYIP_A_IFNAME]);
	else if (l->mode == TINYIP_LINK_MODE_LOOPBACK && tb[TINYIP_A_LINK_MODE])
		snprintf(l->ifname, sizeof(l->ifname), "lo");
	else
		ifname_fallback(l->ifname, tb);
	if (tb[TINYIP_A_LINK_FLAGS])
		l->flags = mnl_attr_get_u32(tb[TINYIP_A_LINK_FLAGS]);
	if (tb[TINYIP_A_MTU])
		l->mtu = mnl_attr_get_u32(tb[TINYIP_A_MTU]);
	if (tb[TINYIP_A_RA_INTERVAL])
		l->ra_interval = mnl_attr_get_u32(tb[TINYIP_A_RA_INTERVAL]);
	if (tb[TINYIP_A_RA_LIFETIME])
		l->ra_lifetime = mnl_attr_get_u32(tb[TINYIP_A_RA_LIFETIME]);
	if (tb[TINYIP_A_HWADDR])
		l->hwaddr_len = attr_copy_bin(l->hwaddr, sizeof(l->hwaddr),
					      tb[TINYIP_A_HWADDR]);
	if (tb[TINYIP_A_LINK_STATS]) {
		err = parse_counters(tb[TINYIP_A_LINK_STATS], l->stats, 0,
				     TINYIP_LINK_STAT_RX_PACKETS,
				     TINYIP_LINK_STAT_MAX);
		if (err)
			return err;
	}
	mnl_attr_for_each(attr, nlh, GENL_HDRLEN) {
		if (mnl_attr_get_type(attr) != TINYIP_A_LINK_DROPS ||
		    l->n_drops == ARRAY_SIZE(l->drops))
			continue;
		err = parse_counters(attr, l->drops[l->n_drops++], 1, 1,
				     TINYIP_DROP_MAX + 1);
		if (err)
			return err;
	}
	return 0;
}

const char *link_mode_name(const struct tinyip_link *l)
{
	if (!HAS(l, TINYIP_A_LINK_MODE))
		return NULL;
	return l->mode < ARRAY_SIZE(mode_names) ? mode_names[l->mode] :
						 "unknown";
}

static void link_print_drops_json(struct json_writer *jw, const char *name,
				  const __u64 *drops)
{
	unsigned int i;

	json_name(jw, name);
	json_obj_open(jw);
	for (i = 0; i <= TINYIP_DROP_MAX; i++)
		json_u64_field(jw, drop_names[i], drops[i]);
	json_obj_close(jw);
}

static void link_print_json(const struct tinyip_link *l, struct show_ctx *ctx)
{
	struct json_writer *jw = ctx->jw;
	char hw[3 * HWADDR_MAX];
	unsigned int i;

	json_obj_open(jw);
	json_str_field(jw, "ifname", l->ifname);
	if (HAS(l, TINYIP_A_IFINDEX))
		json_u64_field(jw, "ifindex", l->ifindex);
	if (link_mode_name(l))
		json_str_field(jw, "mode", link_mode_name(l));
	if (HAS(l, TINYIP_A_MTU))
		json_u64_field(jw, "mtu", l->mtu);
	json_bool_field(jw, "up", l->flags & TINYIP_LINK_F_UP);
	if (HAS(l, TINYIP_A_LINK_FLAGS))
		print_flags(NULL, jw, "flags", l->flags & ~TINYIP_LINK_F_UP,
			    link_flag_names, ARRAY_SIZE(link_flag_names));
	if (l->hwaddr_len) {
		format_hwaddr(hw, sizeof(hw), l->hwaddr, l->hwaddr_len);
		json_str_field(jw, "hwaddr", hw);
	}
	if (ctx->o->stats && HAS(l, TINYIP_A_LINK_STATS)) {
		json_name(jw, "stats");
		json_obj_open(jw);
		for (i = 0; i < ARRAY_SIZE(stat_names); i++)
			json_u64_field(jw, stat_names[i].name,
				       l->stats[stat_names[i].stat]);
		json_obj_close(jw);
	}
	if (ctx->o->stats && l->n_drops > 0)
		link_print_drops_json(jw, "rx_drops", l->drops[0]);
	if (ctx->o->stats && l->n_drops > 1)
		link_print_drops_json(jw, "tx_drops", l->drops[1]);
	json_obj_close(jw);
}

static void link_print_text(const struct tinyip_link *l, FILE *fp, bool stats)
{
	char hw[3 * HWADDR_MAX];
	bool any = false;
	unsigned int i;
	__u64 n;

	fprintf(fp, "%s:", l->ifname);
	if (link_mode_name(l))
		fprintf(fp, " mode %s", link_mode_name(l));
	if (HAS(l, TINYIP_A_MTU))
		fprintf(fp, " mtu %u", l->mtu);
	fprintf(fp, " state %s", l->flags & TINYIP_LINK_F_UP ? "UP" : "DOWN");
	if (l->hwaddr_len) {
		format_hwaddr(hw, sizeof(hw), l->hwaddr, l->hwaddr_len);
		fprintf(fp, " hwaddr %s", hw);
	}
	/* Flag words after the "key value" pairs, as addr puts its own. */
	print_flags(fp, NULL, NULL, l->flags & ~TINYIP_LINK_F_UP,
		    link_flag_names, ARRAY_SIZE(link_flag_names));
	fputc('\n', fp);
	if (!stats)
		return;
	if (HAS(l, TINYIP_A_LINK_STATS)) {
		fprintf(fp, "    rx packets %llu bytes %llu drops %llu\n",
			(unsigned long long)l->stats[TINYIP_LINK_STAT_RX_PACKETS],
			(unsigned long long)l->stats[TINYIP_LINK_STAT_RX_BYTES],
			(unsigned long long)l->stats[TINYIP_LINK_STAT_RX_DROPS]);
		fprintf(fp, "    tx packets %llu bytes %llu drops %llu\n",
			(unsigned long long)l->stats[TINYIP_LINK_STAT_TX_PACKETS],
			(unsigned long long)l->stats[TINYIP_LINK_STAT_TX_BYTES],
			(unsigned long long)l->stats[TINYIP_LINK_STAT_TX_DROPS]);
	}
	/* One line for both directions: the reasons rarely overlap. */
	for (i = 0; i <= TINYIP_DROP_MAX; i++) {
		n = l->drops[0][i] + l->drops[1][i];
		if (!n)
			continue;
		fprintf(fp, "%s %s %llu", any ? "" : "    drops:", drop_names[i],
			(unsigned long long)n);
		any = true;
	}
	if (any)
		fputc('\n', fp);
}

void link_print(const struct tinyip_link *l, struct show_ctx *ctx)
{
	if (!dev_matches(ctx->dev, l->ifname))
		return;
	ctx->shown++;
	if (ctx->jw)
		link_print_json(l, ctx);
	else
		link_print_text(l, ctx->o->fp, ctx->o->stats);
}

static int link_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct tinyip_link l = {};
	int err = link_parse(nlh, &l);

	if (!err)
		link_print(&l, ctx);
	return err;
}

/* attach, detach and show share one syntax: [dev DEV] [mode MODE]. */
static int link_args(int argc, char **argv, const char **dev, int *mode,
		     bool mode_ok)
{
	static const char * const modes[] = { "shared", "exclusive" };
	int key, ret;

	for (; argc > 0; argc -= 2, argv += 2) {
		key = match_word(argv[0], link_keys, ARRAY_SIZE(link_keys));
		if (key == KEY_HELP) {
			link_usage(stdout);
			return -1;
		}
		if (key < 0 || (key == KEY_MODE && !mode_ok))
			return invarg("link", argv[0], "unknown keyword.");
		if (argc < 2)
			return usage_err("link", key == KEY_DEV ?
					 "\"dev\" needs a device name." :
					 "\"mode\" needs shared or exclusive.");
		if (key == KEY_DEV) {
			ret = parse_dev("link", argv[1], dev);
			if (ret)
				return ret;
			continue;
		}
		if (*mode >= 0)
			return usage_err("link", "duplicate \"mode\".");
		*mode = match_word(argv[1], modes, ARRAY_SIZE(modes));
		if (*mode < 0)
			return invarg("link", argv[1],
				      "mode is shared or exclusive.");
	}
	return 0;
}

static int link_change(int cmd, int argc, char **argv)
{
	const char *dev = NULL;
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int mode = -1, ret;

	ret = link_args(argc, argv, &dev, &mode, cmd == LINK_ATTACH);
	if (ret)
		return ret < 0 ? TINYIP_EXIT_OK : ret;
	if (!dev)
		return usage_err("link", "which device? \"dev DEV\" is missing.");
	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, cmd == LINK_ATTACH ? TINYIP_CMD_LINK_ATTACH :
						   TINYIP_CMD_LINK_DETACH);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	if (mode >= 0)
		mnl_attr_put_u8(nlh, TINYIP_A_LINK_MODE, mode);
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

int do_link(int argc, char **argv, const struct tinyip_out *o)
{
	const char *dev = NULL;
	int cmd = LINK_SHOW, mode = -1, ret;

	if (argc > 0) {
		cmd = match_word(argv[0], link_cmds, ARRAY_SIZE(link_cmds));
		argc--;
		argv++;
	}
	switch (cmd) {
	case LINK_ATTACH:
	case LINK_DETACH:
		return link_change(cmd, argc, argv);
	case LINK_SHOW:
	case LINK_LIST:
		ret = link_args(argc, argv, &dev, &mode, false);
		if (ret)
			return ret < 0 ? TINYIP_EXIT_OK : ret;
		return tinyip_show(TINYIP_CMD_LINK_GET, dev, link_show_cb, o);
	case LINK_HELP:
		link_usage(stdout);
		return TINYIP_EXIT_OK;
	default:
		return bad_command("link", argv[-1], cmd);
	}
}
