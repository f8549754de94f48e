// SPDX-License-Identifier: GPL-2.0
/*
 * The "monitor" object: joins tinyip's multicast groups and prints each
 * notification, one line each as ip monitor does, until SIGINT or
 * SIGTERM. "link" (attached, detached, up, down), "addr" (IPv4 added and
 * removed; IPv6 added, finishing or failing duplicate address detection,
 * deprecated and removed: RFC 4862 5.4, 5.5.4), "router" (IPv6 default
 * routers learnt from RAs and gone: RFC 4861 6.3.4, 6.3.5), "config",
 * and "dhcp" where the module has it. Both tables below are what a new
 * kind of event extends.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/time.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

/* An argument of "monitor" and the group it joins. */
struct mon_group {
	const char *arg;
	const char *mcgrp;
};

/*
 * "all" joins each group once, skipping those the module lacks (an older
 * module has no "link", "router" or "dhcp"); naming one it lacks fails.
 * "route" is an alias of "router", the only routes that come and go by
 * themselves.
 */
static const struct mon_group mon_groups[] = {
	{ "link", TINYIP_MCGRP_LINK },
	{ "addr", TINYIP_MCGRP_ADDR },
	{ "router", TINYIP_MCGRP_ROUTER },
	{ "route", TINYIP_MCGRP_ROUTER },
	{ "config", TINYIP_MCGRP_CONFIG },
	{ "dhcp", TINYIP_MCGRP_DHCP },
};

#define MON_N_GROUPS	ARRAY_SIZE(mon_groups)

struct monitor {
	const struct tinyip_out *o;
	__u16 family_id;
	bool timestamp;
	bool want[MON_N_GROUPS];	/* by mon_groups[] */
};

struct mon_kind {
	__u8 cmd;
	const char *mcgrp;	/* the group that carries it */
	void (*print)(const struct nlmsghdr *nlh, const struct tinyip_out *o);
};

void monitor_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip [ -j ] monitor [ -t ] [ all | GROUP... ]\n"
		"GROUP := { link | addr | router | route | config | dhcp }\n");
}

/* The "event" member first, then "time" with -t, in each JSON object. */
void monitor_json_head(struct json_writer *jw, const struct tinyip_out *o,
		       const char *event)
{
	json_str_field(jw, "event", event);
	if (o->stamp)
		json_str_field(jw, "time", o->stamp);
}

static void mon_print_config(const struct nlmsghdr *nlh,
			     const struct tinyip_out *o)
{
	struct tinyip_config cfg = {};

	if (!config_parse(nlh, &cfg))
		config_print(&cfg, o, true);
}

/* IPv6 reports state changes on the same command as additions. */
static const char *mon_addr_event(const struct tinyip_addr *a, __u8 cmd)
{
	if (cmd == TINYIP_CMD_ADDR_DEL_NTF)
		return "addr-deleted";
	if (a->flags & TINYIP_ADDR_F_DADFAILED)
		return "dad-failed";
	if (a->flags & TINYIP_ADDR_F_DEPRECATED)
		return "addr-deprecated";
	return "addr-added";
}

static void mon_print_addr(const struct nlmsghdr *nlh, __u8 cmd,
			   const struct tinyip_out *o)
{
	struct tinyip_addr a = {};

	if (!addr_parse(nlh, &a))
		addr_print_event(&a, o, mon_addr_event(&a, cmd));
}

static void mon_print_addr_new(const struct nlmsghdr *nlh,
			       const struct tinyip_out *o)
{
	mon_print_addr(nlh, TINYIP_CMD_ADDR_NTF, o);
}

static void mon_print_addr_del(const struct nlmsghdr *nlh,
			       const struct tinyip_out *o)
{
	mon_print_addr(nlh, TINYIP_CMD_ADDR_DEL_NTF, o);
}

/* The TINYIP_A_EVENT of a link or router notification, 0 if none. */
static __u8 mon_event_attr(const struct nlmsghdr *nlh)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];

	if (tinyip_parse_attrs(nlh, tb) || !tb[TINYIP_A_EVENT])
		return TINYIP_EVENT_UNSPEC;
	return mnl_attr_get_u8(tb[TINYIP_A_EVENT]);
}

static const char * const link_events[] = {
	[TINYIP_EVENT_LINK_ATTACHED] = "link-attached",
	[TINYIP_EVENT_LINK_DETACHED] = "link-detached",
	[TINYIP_EVENT_LINK_UP] = "link-up",
	[TINYIP_EVENT_LINK_DOWN] = "link-down",
};

/* "link veth0 up ifindex 5 mode shared mtu 1500 state UP lladdr ..." */
static void mon_print_link(const struct nlmsghdr *nlh,
			   const struct tinyip_out *o)
{
	__u8 ev = mon_event_attr(nlh);
	struct tinyip_link l = {};
	char hw[3 * HWADDR_MAX];
	struct json_writer jw;
	const char *mode;

	if (ev >= ARRAY_SIZE(link_events) || !link_events[ev] ||
	    link_parse(nlh, &l))
		return;
	mode = link_mode_name(&l);
	format_hwaddr(hw, sizeof(hw), l.hwaddr, l.hwaddr_len);
	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		json_obj_open(&jw);
		monitor_json_head(&jw, o, link_events[ev]);
		json_str_field(&jw, "ifname", l.ifname);
		json_u64_field(&jw, "ifindex", l.ifindex);
		if (mode)
			json_str_field(&jw, "mode", mode);
		json_u64_field(&jw, "mtu", l.mtu);
		json_bool_field(&jw, "up", l.flags & TINYIP_LINK_F_UP);
		if (l.hwaddr_len)
			json_str_field(&jw, "address", hw);
		json_obj_close(&jw);
		json_end(&jw);
		return;
	}
	fprintf(o->fp, "link %s %s ifindex %u", l.ifname,
		link_events[ev] + strlen("link-"), l.ifindex);
	if (mode)
		fprintf(o->fp, " mode %s", mode);
	fprintf(o->fp, " mtu %u state %s", l.mtu,
		l.flags & TINYIP_LINK_F_UP ? "UP" : "DOWN");
	if (l.hwaddr_len)
		fprintf(o->fp, " lladdr %s", hw);
	fputc('\n', o->fp);
}

/* "router fe80::1 dev veth0 lifetime 1800 added" */
static void mon_print_router(const struct nlmsghdr *nlh,
			     const struct tinyip_out *o)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	char ifname[TINYIP_IFNAMSIZ], gw[IPADDR_STRLEN];
	__u8 addr[16], ev = mon_event_attr(nlh);
	__u32 lifetime = 0, ifindex = 0;
	struct json_writer jw;
	const char *what;

	if (ev == TINYIP_EVENT_ROUTER_ADDED)
		what = "router-added";
	else if (ev == TINYIP_EVENT_ROUTER_DELETED)
		what = "router-deleted";
	else
		return;
	if (tinyip_parse_attrs(nlh, tb) || !tb[TINYIP_A_GATEWAY] ||
	    attr_copy_bin(addr, sizeof(addr), tb[TINYIP_A_GATEWAY]) != 16 ||
	    !format_ip(gw, sizeof(gw), addr, 16))
		return;
	if (tb[TINYIP_A_IFNAME])
		attr_copy_ifname(ifname, tb[TINYIP_A_IFNAME]);
	else
		ifname_fallback(ifname, tb);
	if (tb[TINYIP_A_IFINDEX])
		ifindex = mnl_attr_get_u32(tb[TINYIP_A_IFINDEX]);
	if (tb[TINYIP_A_RA_LIFETIME])
		lifetime = mnl_attr_get_u32(tb[TINYIP_A_RA_LIFETIME]);
	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		json_obj_open(&jw);
		monitor_json_head(&jw, o, what);
		json_str_field(&jw, "router", gw);
		json_str_field(&jw, "ifname", ifname);
		json_u64_field(&jw, "ifindex", ifindex);
		json_u64_field(&jw, "lifetime", lifetime);
		json_obj_close(&jw);
		json_end(&jw);
		return;
	}
	fprintf(o->fp, "%srouter %s dev %s lifetime %u\n",
		ev == TINYIP_EVENT_ROUTER_DELETED ? "Deleted " : "", gw,
		ifname, lifetime);
}

/* What each notification is and who prints it; others are skipped. */
static const struct mon_kind mon_kinds[] = {
	{ TINYIP_CMD_CONFIG_NTF, TINYIP_MCGRP_CONFIG, mon_print_config },
	{ TINYIP_CMD_ADDR_NTF, TINYIP_MCGRP_ADDR, mon_print_addr_new },
	{ TINYIP_CMD_ADDR_DEL_NTF, TINYIP_MCGRP_ADDR, mon_print_addr_del },
	{ TINYIP_CMD_LINK_NTF, TINYIP_MCGRP_LINK, mon_print_link },
	{ TINYIP_CMD_ROUTER_NTF, TINYIP_MCGRP_ROUTER, mon_print_router },
	{ TINYIP_CMD_DHCP_NTF, TINYIP_MCGRP_DHCP, dhcp_print_event },
};

/* Whether @k's group was asked for (the socket may hear others). */
static bool mon_wanted(const struct monitor *m, const struct mon_kind *k)
{
	size_t i;

	for (i = 0; i < MON_N_GROUPS; i++)
		if (m->want[i] && !strcmp(mon_groups[i].mcgrp, k->mcgrp))
			return true;
	return false;
}

/* "2026-11-28T13:02:12.123456Z", the receive time of an event. */
static void mon_stamp(char *buf, size_t size)
{
	struct timeval tv;
	struct tm tm;
	size_t n;

	gettimeofday(&tv, NULL);
	gmtime_r(&tv.tv_sec, &tm);
	n = strftime(buf, size, "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf + n, size - n, ".%06ldZ", (long)tv.tv_usec);
}

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	struct monitor *m = data;
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct tinyip_out o = *m->o;
	char stamp[40];
	size_t i;

	if (nlh->nlmsg_type != m->family_id ||
	    nlh->nlmsg_len < mnl_nlmsg_size(GENL_HDRLEN))
		return MNL_CB_OK;
	for (i = 0; i < ARRAY_SIZE(mon_kinds); i++)
		if (mon_kinds[i].cmd == genl->cmd)
			break;
	/* Newer than this tool: skipped, as are malformed events. */
	if (i == ARRAY_SIZE(mon_kinds) || !mon_wanted(m, &mon_kinds[i]))
		return MNL_CB_OK;
	if (m->timestamp) {
		mon_stamp(stamp, sizeof(stamp));
		o.stamp = stamp;
		if (!o.json)
			fprintf(o.fp, "[%s] ", stamp);
	}
	mon_kinds[i].print(nlh, &o);
	if (fflush(o.fp) || ferror(o.fp)) {
		errno = EIO;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/* Blocks SIGINT and SIGTERM and returns a signalfd that reports them. */
static int monitor_signalfd(void)
{
	sigset_t mask;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
		return -1;
	return signalfd(-1, &mask, SFD_CLOEXEC);
}

static int monitor_loop(struct genl_sock *gs, struct monitor *m, int sfd)
{
	struct pollfd pfd[2] = {
		{ .fd = mnl_socket_get_fd(gs->nl), .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	ssize_t len;

	for (;;) {
		if (poll(pfd, ARRAY_SIZE(pfd), -1) < 0) {
			if (errno == EINTR)
				continue;
			fprintf(stderr, "tinyip: poll: %s\n", strerror(errno));
			return TINYIP_EXIT_FAIL;
		}
		if (pfd[1].revents)
			return TINYIP_EXIT_OK;
		if (!pfd[0].revents)
			continue;
		len = mnl_socket_recvfrom(gs->nl, gs->buf, gs->buf_len);
		if (len < 0 && errno == ENOBUFS) {
			fprintf(stderr, "tinyip: events were lost (receive buffer overrun)\n");
			continue;
		}
		if (len < 0 && errno == EINTR)
			continue;
		if (len < 0) {
			fprintf(stderr, "tinyip: receive: %s\n", strerror(errno));
			return TINYIP_EXIT_FAIL;
		}
		if (mnl_cb_run(gs->buf, len, 0, 0, monitor_cb, m) < 0) {
			fprintf(stderr, "tinyip: monitor: %s\n", strerror(errno));
			return TINYIP_EXIT_FAIL;
		}
	}
}

/*
 * Which of mon_groups[] the arguments ask for; sets @ts for -t, and
 * clears @all when a group is named.
 */
static int monitor_args(int argc, char **argv, bool *want, bool *ts,
			bool *all)
{
	const char *words[MON_N_GROUPS + 1];
	bool any = false;
	size_t i;
	int g;

	for (i = 0; i < MON_N_GROUPS; i++)
		words[i] = mon_groups[i].arg;
	words[MON_N_GROUPS] = "all";
	for (; argc > 0; argc--, argv++) {
		if (!strcmp(argv[0], "-t") || !strcmp(argv[0], "-timestamp") ||
		    !strcmp(argv[0], "--timestamp")) {
			*ts = true;
			continue;
		}
		g = match_word(argv[0], words, ARRAY_SIZE(words));
		if (g < 0)
			return bad_command("monitor", argv[0], g);
		if (g == MON_N_GROUPS) {
			for (i = 0; i < MON_N_GROUPS; i++)
				want[i] = true;
		} else {
			want[g] = true;
			*all = false;
		}
		any = true;
	}
	if (!any)
		for (i = 0; i < MON_N_GROUPS; i++)
			want[i] = true;
	return 0;
}

/*
 * Joins each group asked for once; with @all, a group the module lacks
 * is left out (an older module), but at least one must be there.
 */
static int monitor_join(struct genl_sock *gs, const bool *want, bool all)
{
	unsigned int joined = 0;
	size_t i, j;
	__u32 id;
	int ret;

	for (i = 0; i < MON_N_GROUPS; i++) {
		if (!want[i])
			continue;
		for (j = 0; j < i; j++)
			if (want[j] && !strcmp(mon_groups[j].mcgrp,
					       mon_groups[i].mcgrp))
				break;
		if (j < i)
			continue;
		if (all && !genl_mcgrp(gs, mon_groups[i].mcgrp, &id) && !id)
			continue;
		ret = tinyip_join(gs, mon_groups[i].mcgrp);
		if (ret)
			return ret;
		joined++;
	}
	if (!joined) {
		fprintf(stderr, "tinyip: the tinyip module has none of the groups asked for\n");
		return TINYIP_EXIT_FAIL;
	}
	return TINYIP_EXIT_OK;
}

int do_monitor(int argc, char **argv, const struct tinyip_out *o)
{
	struct monitor m = { .o = o };
	bool all = true;
	struct genl_sock gs;
	int ret, sfd;

	if (argc > 0 && is_help(argv[0])) {
		monitor_usage(stdout);
		return TINYIP_EXIT_OK;
	}
	ret = monitor_args(argc, argv, m.want, &m.timestamp, &all);
	if (ret)
		return ret;

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	m.family_id = gs.family_id;
	ret = monitor_join(&gs, m.want, all);
	if (ret) {
		genl_close(&gs);
		return ret;
	}
	sfd = monitor_signalfd();
	if (sfd < 0) {
		fprintf(stderr, "tinyip: signalfd: %s\n", strerror(errno));
		genl_close(&gs);
		return TINYIP_EXIT_FAIL;
	}
	ret = monitor_loop(&gs, &m, sfd);
	close(sfd);
	genl_close(&gs);
	return ret;
}
