// SPDX-License-Identifier: GPL-2.0
/*
 * The "dhcp" object: starts and stops tinyip's DHCPv4 client on a link
 * (RFC 2131; stop releases the lease, 4.4.6) and shows what each client
 * holds: state, address, server, the lease and T1/T2 left, router, DNS,
 * domain, MTU and NTP servers (RFC 2132). Also prints the "dhcp" group's
 * events for "tinyip monitor".
 */
#include <errno.h>
#include <string.h>
#include <arpa/inet.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

enum { DHCP_START, DHCP_STOP, DHCP_SHOW, DHCP_HELP };

static const char * const dhcp_cmds[] = {
	[DHCP_START] = "start",
	[DHCP_STOP] = "stop",
	[DHCP_SHOW] = "show",
	[DHCP_HELP] = "help",
};

enum { KEY_DEV, KEY_HOSTNAME, KEY_HELP };

static const char * const dhcp_keys[] = {
	[KEY_DEV] = "dev",
	[KEY_HOSTNAME] = "hostname",
	[KEY_HELP] = "help",
};

static const char * const dhcp_states[] = {
	"stopped", "init", "selecting", "requesting", "checking", "bound",
	"renewing", "rebinding", "init-reboot",
};

static const char * const dhcp_events[] = {
	"none", "bound", "renewed", "rebound", "lost", "conflict",
};

#define DHCP_MAX_ADDRS	8

struct dhcp_info {
	char ifname[TINYIP_IFNAMSIZ];
	char hostname[64];
	char domain[64];
	__u8 state;
	__u8 event;
	__u8 prefixlen;
	bool has_event;
	bool leased;
	__u8 addr[4];
	__u8 server[4];
	__u8 router[4];
	bool has_server;
	bool has_router;
	__u32 lease, t1, t2, mtu;
	__u64 conflicts, rx_bad;
	bool has_counters;
	__u8 dns[4 * DHCP_MAX_ADDRS];
	__u8 ntp[4 * DHCP_MAX_ADDRS];
	unsigned int ndns, nntp;
};

void dhcp_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip dhcp start dev DEV [ hostname NAME ]\n"
		"       tinyip dhcp stop dev DEV\n"
		"       tinyip dhcp [ show [ dev DEV ] ]\n");
}

static int dhcp_attr_cb(const struct nlattr *attr, void *data)
{
	struct dhcp_info *d = data;
	unsigned int len = mnl_attr_get_payload_len(attr);
	const void *p = mnl_attr_get_payload(attr);

	switch (mnl_attr_get_type(attr)) {
	case TINYIP_A_IFNAME:
		attr_copy_ifname(d->ifname, attr);
		break;
	case TINYIP_A_DHCP_HOSTNAME:
		snprintf(d->hostname, sizeof(d->hostname), "%.*s", (int)len,
			 (const char *)p);
		break;
	case TINYIP_A_DHCP_DOMAIN:
		snprintf(d->domain, sizeof(d->domain), "%.*s", (int)len,
			 (const char *)p);
		break;
	case TINYIP_A_DHCP_STATE:
		if (len >= 1)
			d->state = mnl_attr_get_u8(attr);
		break;
	case TINYIP_A_DHCP_EVENT:
		if (len >= 1) {
			d->event = mnl_attr_get_u8(attr);
			d->has_event = true;
		}
		break;
	case TINYIP_A_PREFIXLEN:
		if (len >= 1)
			d->prefixlen = mnl_attr_get_u8(attr);
		break;
	case TINYIP_A_ADDR:
		d->leased = attr_copy_bin(d->addr, 4, attr) == 4;
		break;
	case TINYIP_A_DHCP_SERVER:
		d->has_server = attr_copy_bin(d->server, 4, attr) == 4;
		break;
	case TINYIP_A_GATEWAY:
		d->has_router = attr_copy_bin(d->router, 4, attr) == 4;
		break;
	case TINYIP_A_DHCP_LEASE:
		if (len >= 4)
			d->lease = mnl_attr_get_u32(attr);
		break;
	case TINYIP_A_DHCP_T1:
		if (len >= 4)
			d->t1 = mnl_attr_get_u32(attr);
		break;
	case TINYIP_A_DHCP_T2:
		if (len >= 4)
			d->t2 = mnl_attr_get_u32(attr);
		break;
	case TINYIP_A_MTU:
		if (len >= 4)
			d->mtu = mnl_attr_get_u32(attr);
		break;
	case TINYIP_A_DHCP_CONFLICTS:
		if (len >= 8) {
			d->conflicts = mnl_attr_get_u64(attr);
			d->has_counters = true;
		}
		break;
	case TINYIP_A_DHCP_RX_BAD:
		if (len >= 8)
			d->rx_bad = mnl_attr_get_u64(attr);
		break;
	case TINYIP_A_DHCP_DNS:
		d->ndns = attr_copy_bin(d->dns, sizeof(d->dns), attr) / 4;
		break;
	case TINYIP_A_DHCP_NTP:
		d->nntp = attr_copy_bin(d->ntp, sizeof(d->ntp), attr) / 4;
		break;
	}
	return MNL_CB_OK;
}

static int dhcp_parse(const struct nlmsghdr *nlh, struct dhcp_info *d)
{
	memset(d, 0, sizeof(*d));
	if (mnl_attr_parse(nlh, GENL_HDRLEN, dhcp_attr_cb, d) < 0)
		return -EINVAL;
	return 0;
}

static const char *name_of(const char * const *names, size_t n,
			   unsigned int v)
{
	return v < n ? names[v] : "unknown";
}

static void ip4(char *buf, const __u8 *a)
{
	inet_ntop(AF_INET, a, buf, INET_ADDRSTRLEN);
}

static void dhcp_list(FILE *fp, struct json_writer *jw, const char *name,
		      const __u8 *a, unsigned int n)
{
	char buf[INET_ADDRSTRLEN];
	unsigned int i;

	if (!n)
		return;
	if (jw) {
		json_name(jw, name);
		json_arr_open(jw);
	} else {
		fprintf(fp, " %s", name);
	}
	for (i = 0; i < n; i++) {
		ip4(buf, a + 4 * i);
		if (jw)
			json_str(jw, buf);
		else
			fprintf(fp, "%s%s", i ? "," : " ", buf);
	}
	if (jw)
		json_arr_close(jw);
}

static void dhcp_print(const struct dhcp_info *d, FILE *fp,
		       struct json_writer *jw, bool stats)
{
	const char *state = name_of(dhcp_states, ARRAY_SIZE(dhcp_states),
				    d->state);
	char buf[INET_ADDRSTRLEN];

	if (jw) {
		json_obj_open(jw);
		if (d->has_event)
			json_str_field(jw, "event",
				       name_of(dhcp_events,
					       ARRAY_SIZE(dhcp_events),
					       d->event));
		json_str_field(jw, "ifname", d->ifname);
		json_str_field(jw, "state", state);
		if (d->hostname[0])
			json_str_field(jw, "hostname", d->hostname);
	} else {
		if (d->has_event)
			fprintf(fp, "dhcp %s ",
				name_of(dhcp_events, ARRAY_SIZE(dhcp_events),
					d->event));
		fprintf(fp, "%s %s", d->ifname, state);
	}
	if (d->leased) {
		ip4(buf, d->addr);
		if (jw) {
			json_str_field(jw, "addr", buf);
			if (d->prefixlen)
				json_u64_field(jw, "prefixlen", d->prefixlen);
		} else if (d->prefixlen) {
			fprintf(fp, " %s/%u", buf, d->prefixlen);
		} else {
			fprintf(fp, " %s", buf);
		}
	}
	if (d->has_server) {
		ip4(buf, d->server);
		if (jw)
			json_str_field(jw, "server", buf);
		else
			fprintf(fp, " server %s", buf);
	}
	if (d->leased && !d->has_event) {
		if (jw) {
			json_u64_field(jw, "lease", d->lease);
			json_u64_field(jw, "t1", d->t1);
			json_u64_field(jw, "t2", d->t2);
		} else {
			fprintf(fp, " lease %us t1 %us t2 %us", d->lease,
				d->t1, d->t2);
		}
	}
	if (d->has_router) {
		ip4(buf, d->router);
		if (jw)
			json_str_field(jw, "router", buf);
		else
			fprintf(fp, " router %s", buf);
	}
	dhcp_list(fp, jw, "dns", d->dns, d->ndns);
	if (d->domain[0]) {
		if (jw)
			json_str_field(jw, "domain", d->domain);
		else
			fprintf(fp, " domain %s", d->domain);
	}
	if (d->mtu) {
		if (jw)
			json_u64_field(jw, "mtu", d->mtu);
		else
			fprintf(fp, " mtu %u", d->mtu);
	}
	dhcp_list(fp, jw, "ntp", d->ntp, d->nntp);
	/* Counters of the netns, in every client's entry (-s for text). */
	if (d->has_counters && jw) {
		json_u64_field(jw, "conflicts", d->conflicts);
		json_u64_field(jw, "rx_bad", d->rx_bad);
	} else if (d->has_counters && stats) {
		fprintf(fp, "\n    conflicts %llu rx_bad %llu",
			(unsigned long long)d->conflicts,
			(unsigned long long)d->rx_bad);
	}
	if (jw)
		json_obj_close(jw);
	else
		fputc('\n', fp);
}

/* A "dhcp" group event, one line of text or one JSON object per line. */
void dhcp_print_event(const struct nlmsghdr *nlh, const struct tinyip_out *o)
{
	struct json_writer jw;
	struct dhcp_info d;

	if (dhcp_parse(nlh, &d))
		return;
	if (o->json) {
		json_init(&jw, o->fp, false);
		dhcp_print(&d, o->fp, &jw, false);
		json_end(&jw);
	} else {
		dhcp_print(&d, o->fp, NULL, false);
	}
}

static int dhcp_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct dhcp_info d;
	int err = dhcp_parse(nlh, &d);

	if (err)
		return err;
	if (!dev_matches(ctx->dev, d.ifname))
		return 0;
	ctx->shown++;
	dhcp_print(&d, ctx->o->fp, ctx->jw, ctx->o->stats);
	return 0;
}

static int dhcp_cmd(int cmd, const char *dev, const char *hostname)
{
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int ret;

	if (!dev)
		return usage_err("dhcp", "which device? \"dev DEV\" is missing.");
	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_msg(&gs, cmd == DHCP_START ? TINYIP_CMD_DHCP_START :
			 TINYIP_CMD_DHCP_STOP);
	mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	if (hostname)
		mnl_attr_put_strz(nlh, TINYIP_A_DHCP_HOSTNAME, hostname);
	ret = tinyip_exec(&gs, nlh, NULL, NULL);
	genl_close(&gs);
	return ret;
}

int do_dhcp(int argc, char **argv, const struct tinyip_out *o)
{
	const char *dev = NULL, *hostname = NULL, *arg;
	int cmd = DHCP_SHOW, key, ret;

	if (argc > 0) {
		cmd = match_word(argv[0], dhcp_cmds, ARRAY_SIZE(dhcp_cmds));
		argc--;
		argv++;
	}
	if (cmd == DHCP_HELP) {
		dhcp_usage(stdout);
		return TINYIP_EXIT_OK;
	}
	if (cmd < 0)
		return bad_command("dhcp", argv[-1], cmd);
	for (; argc > 0; argc -= 2, argv += 2) {
		key = match_word(argv[0], dhcp_keys, ARRAY_SIZE(dhcp_keys));
		arg = argc > 1 ? argv[1] : NULL;
		if (key == KEY_HELP) {
			dhcp_usage(stdout);
			return TINYIP_EXIT_OK;
		}
		if (key < 0)
			return invarg("dhcp", argv[0], "unknown keyword.");
		if (key == KEY_DEV) {
			ret = parse_dev("dhcp", arg, &dev);
		} else {
			if (cmd != DHCP_START)
				return invarg("dhcp", argv[0],
					      "only \"dhcp start\" takes it.");
			ret = arg_once("dhcp", "hostname", arg, hostname,
				       "a host name");
			if (!ret && (!*arg || strlen(arg) > 63))
				ret = invarg("dhcp", arg,
					     "a host name is 1 to 63 characters.");
			hostname = arg;
		}
		if (ret)
			return ret;
	}
	if (cmd != DHCP_SHOW)
		return dhcp_cmd(cmd, dev, hostname);
	return tinyip_show(TINYIP_CMD_DHCP_GET, dev, dhcp_show_cb, o);
}
