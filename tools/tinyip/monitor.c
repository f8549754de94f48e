// SPDX-License-Identifier: GPL-2.0
/*
 * The "monitor" object: joins the tinyip multicast groups, "config" and
 * "addr" (IPv6 addresses appearing, finishing or failing duplicate address
 * detection, deprecated and removed: RFC 4862 5.4, 5.5.4), and prints each
 * notification until SIGINT or SIGTERM.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <libmnl/libmnl.h>
#include <linux/genetlink.h>

#include "genl.h"
#include "tinyip_common.h"

enum { MON_ALL, MON_CONFIG, MON_ADDR, MON_DHCP, MON_HELP };

/* A group's argument is its name: the loop in do_monitor() joins by it. */
static const char * const monitor_args[] = {
	[MON_ALL] = "all",
	[MON_CONFIG] = TINYIP_MCGRP_CONFIG,
	[MON_ADDR] = TINYIP_MCGRP_ADDR,
	[MON_DHCP] = TINYIP_MCGRP_DHCP,
	[MON_HELP] = "help",
};

#define MON_GROUP(g)	(1U << (g))

struct monitor {
	const struct tinyip_out *o;
	__u16 family_id;
	unsigned int groups;	/* MON_GROUP() of each group joined */
};

void monitor_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip [ -j ] monitor [ all | config | addr | dhcp ]\n");
}

static int monitor_cb(const struct nlmsghdr *nlh, void *data)
{
	struct monitor *m = data;
	const struct genlmsghdr *genl = mnl_nlmsg_get_payload(nlh);
	struct tinyip_config cfg = {};
	struct tinyip_addr a = {};

	if (nlh->nlmsg_type != m->family_id ||
	    nlh->nlmsg_len < mnl_nlmsg_size(GENL_HDRLEN))
		return MNL_CB_OK;
	/*
	 * Events of a group not asked for are skipped: the parsers report
	 * a malformed event, which is skipped too.
	 */
	switch (genl->cmd) {
	case TINYIP_CMD_CONFIG_NTF:
		if (!(m->groups & MON_GROUP(MON_CONFIG)) ||
		    config_parse(nlh, &cfg))
			return MNL_CB_OK;
		config_print(&cfg, m->o, true);
		break;
	case TINYIP_CMD_ADDR_NTF:
	case TINYIP_CMD_ADDR_DEL_NTF:
		if (!(m->groups & MON_GROUP(MON_ADDR)) || addr_parse(nlh, &a))
			return MNL_CB_OK;
		addr_print_event(&a, m->o,
				 genl->cmd == TINYIP_CMD_ADDR_DEL_NTF);
		break;
	case TINYIP_CMD_DHCP_NTF:
		if (!(m->groups & MON_GROUP(MON_DHCP)))
			return MNL_CB_OK;
		dhcp_print_event(nlh, m->o);
		break;
	default:
		return MNL_CB_OK;
	}
	if (fflush(m->o->fp) || ferror(m->o->fp)) {
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

int do_monitor(int argc, char **argv, const struct tinyip_out *o)
{
	struct monitor m = { .o = o };
	struct genl_sock gs;
	int ret, sfd, arg = MON_ALL, g;
	__u32 id = 0;

	if (argc > 0) {
		arg = match_word(argv[0], monitor_args,
				 ARRAY_SIZE(monitor_args));
		if (arg == MON_HELP) {
			monitor_usage(stdout);
			return TINYIP_EXIT_OK;
		}
		if (arg < 0)
			return bad_command("monitor", argv[0], arg);
		if (argc > 1)
			return invarg("monitor", argv[1],
				      "\"monitor\" takes one group at most.");
	}

	if (arg == MON_ALL)
		m.groups = MON_GROUP(MON_CONFIG) | MON_GROUP(MON_ADDR) |
			   MON_GROUP(MON_DHCP);
	else
		m.groups = MON_GROUP(arg);

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	m.family_id = gs.family_id;
	/* "all" takes dhcp only from a module that has the group. */
	if (arg == MON_ALL && !genl_mcgrp(&gs, TINYIP_MCGRP_DHCP, &id) && !id)
		m.groups &= ~MON_GROUP(MON_DHCP);
	for (g = MON_CONFIG; g <= MON_DHCP && !ret; g++)
		if (m.groups & MON_GROUP(g))
			ret = tinyip_join(&gs, monitor_args[g]);
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
