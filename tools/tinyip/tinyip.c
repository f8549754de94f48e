// SPDX-License-Identifier: GPL-2.0
/*
 * The tinyip command: global options, dispatch to the objects (info,
 * config, link, addr, route, neigh, ra, sock, stats, monitor) and the
 * general help.
 */
/* setns() */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <sched.h>
#include <unistd.h>
#include <string.h>

#include "tinyip_common.h"

enum {
	OBJ_INFO, OBJ_CONFIG, OBJ_LINK, OBJ_ADDR, OBJ_ROUTE, OBJ_NEIGH,
	OBJ_RA, OBJ_SOCK, OBJ_STATS, OBJ_MONITOR, OBJ_DHCP, OBJ_DNS, OBJ_HELP
};

static const char * const objects[] = {
	[OBJ_INFO] = "info",
	[OBJ_CONFIG] = "config",
	[OBJ_LINK] = "link",
	[OBJ_ADDR] = "addr",
	[OBJ_ROUTE] = "route",
	[OBJ_NEIGH] = "neigh",
	[OBJ_RA] = "ra",
	[OBJ_SOCK] = "sock",
	[OBJ_STATS] = "stats",
	[OBJ_MONITOR] = "monitor",
	[OBJ_DHCP] = "dhcp",
	[OBJ_DNS] = "dns",
	[OBJ_HELP] = "help",
};

static void (*const object_usage[])(FILE *fp) = {
	[OBJ_INFO] = info_usage,
	[OBJ_CONFIG] = config_usage,
	[OBJ_LINK] = link_usage,
	[OBJ_ADDR] = addr_usage,
	[OBJ_ROUTE] = route_usage,
	[OBJ_NEIGH] = neigh_usage,
	[OBJ_RA] = ra_usage,
	[OBJ_SOCK] = sock_usage,
	[OBJ_STATS] = stats_usage,
	[OBJ_MONITOR] = monitor_usage,
	[OBJ_DHCP] = dhcp_usage,
	[OBJ_DNS] = dns_usage,
};

static void usage(FILE *fp)
{
	unsigned int i;

	fprintf(fp,
		"Usage: tinyip [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       tinyip help [ OBJECT ]\n"
		"where  OBJECT := { info | config | link | addr | route | neigh | ra |\n"
		"                  sock | stats | monitor | dhcp | dns }\n"
		"       OPTIONS := { -4 | -6 | -j[son] | -p[retty] | -s[tatistics] | -V[ersion] |\n"
		"                    -n[etns] NAME | -h[elp] }\n"
		"\n");
	for (i = 0; i < ARRAY_SIZE(object_usage); i++)
		object_usage[i](fp);
}

/*
 * The object arg names. "r" stays route, as in ip, though ra shares its
 * letter: it was route before ra came.
 */
static int match_object(const char *arg)
{
	if (!strcmp(arg, "r"))
		return OBJ_ROUTE;
	return match_word(arg, objects, ARRAY_SIZE(objects));
}

static int do_help(int argc, char **argv)
{
	int obj;

	if (argc == 0) {
		usage(stdout);
		return TINYIP_EXIT_OK;
	}
	obj = match_object(argv[0]);
	if (obj < 0)
		return bad_command(NULL, argv[0], obj);
	if (obj == OBJ_HELP)
		usage(stdout);
	else
		object_usage[obj](stdout);
	return TINYIP_EXIT_OK;
}

static int do_object(int argc, char **argv, const struct tinyip_out *o)
{
	int obj = match_object(argv[0]);

	switch (obj) {
	case OBJ_INFO:
		return do_info(argc - 1, argv + 1, o);
	case OBJ_CONFIG:
		return do_config(argc - 1, argv + 1, o);
	case OBJ_LINK:
		return do_link(argc - 1, argv + 1, o);
	case OBJ_ADDR:
		return do_addr(argc - 1, argv + 1, o);
	case OBJ_ROUTE:
		return do_route(argc - 1, argv + 1, o);
	case OBJ_NEIGH:
		return do_neigh(argc - 1, argv + 1, o);
	case OBJ_RA:
		return do_ra(argc - 1, argv + 1, o);
	case OBJ_SOCK:
		return do_sock(argc - 1, argv + 1, o);
	case OBJ_STATS:
		return do_stats(argc - 1, argv + 1, o);
	case OBJ_MONITOR:
		return do_monitor(argc - 1, argv + 1, o);
	case OBJ_DHCP:
		return do_dhcp(argc - 1, argv + 1, o);
	case OBJ_DNS:
		return do_dns(argc - 1, argv + 1, o);
	case OBJ_HELP:
		return do_help(argc - 1, argv + 1);
	default:
		return bad_command(NULL, argv[0], obj);
	}
}

/*
 * -n NAME: work in the network namespace that "ip netns add NAME" made
 * (or the one a path names), as ip -n does. Only the network namespace
 * changes, so unlike "ip netns exec" nothing is remounted and no second
 * program starts: scripts calling tinyip in a loop go much faster.
 */
static int enter_netns(const char *name)
{
	char path[PATH_MAX];
	int fd, err = 0;

	if (!*name || !strcmp(name, ".") || !strcmp(name, "..")) {
		fprintf(stderr, "tinyip: \"%s\" is not a network namespace name.\n",
			name);
		return TINYIP_EXIT_USAGE;
	}
	if (strchr(name, '/'))
		snprintf(path, sizeof(path), "%s", name);
	else
		snprintf(path, sizeof(path), "/run/netns/%s", name);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || setns(fd, CLONE_NEWNET) < 0)
		err = errno;
	if (fd >= 0)
		close(fd);
	if (err) {
		fprintf(stderr, "tinyip: cannot enter network namespace \"%s\": %s\n",
			name, strerror(err));
		return TINYIP_EXIT_FAIL;
	}
	return -1;
}

/* main() of the command; the unit tests call it many times over. */
int tinyip_main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json",	no_argument,	NULL, 'j' },
		{ "pretty",	no_argument,	NULL, 'p' },
		{ "statistics",	no_argument,	NULL, 's' },
		{ "stats",	no_argument,	NULL, 's' },
		{ "version",	no_argument,	NULL, 'V' },
		{ "netns",	required_argument, NULL, 'n' },
		{ "help",	no_argument,	NULL, 'h' },
		{ NULL,		0,		NULL, 0 }
	};
	struct tinyip_out o = { .fp = stdout };
	int c, ret = -1;

	/* 0 starts getopt afresh, for a second call in the same process. */
	optind = 0;
	/* "+": options end at the object; "-json" works as in iproute2. */
	while (ret < 0 && (c = getopt_long_only(argc, argv, "+46jpsVhn:",
						options, NULL)) != -1) {
		switch (c) {
		case '4':
			o.family = AF_INET;
			break;
		case '6':
			o.family = AF_INET6;
			break;
		case 'j':
			o.json = true;
			break;
		case 'p':
			o.json = true;
			o.pretty = true;
			break;
		case 's':
			o.stats = true;
			break;
		case 'n':
			ret = enter_netns(optarg);
			if (ret >= 0)
				return ret;
			break;
		case 'V':
			printf("tinyip utility, version %s\n",
			       TINYIP_TOOL_VERSION);
			ret = TINYIP_EXIT_OK;
			break;
		case 'h':
			usage(stdout);
			ret = TINYIP_EXIT_OK;
			break;
		default:
			fprintf(stderr, "Try \"tinyip help\".\n");
			return TINYIP_EXIT_USAGE;
		}
	}
	if (ret < 0 && optind == argc) {
		usage(stderr);
		return TINYIP_EXIT_USAGE;
	}
	if (ret < 0)
		ret = do_object(argc - optind, argv + optind, &o);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "tinyip: cannot write the output: %s\n",
			strerror(errno));
		return TINYIP_EXIT_FAIL;
	}
	return ret;
}
