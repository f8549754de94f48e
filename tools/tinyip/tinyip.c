// SPDX-License-Identifier: GPL-2.0
/*
 * The tinyip command: global options, dispatch to the objects (info,
 * config, monitor) and the general help.
 */
#include <errno.h>
#include <getopt.h>
#include <string.h>

#include "tinyip_common.h"

enum { OBJ_INFO, OBJ_CONFIG, OBJ_MONITOR, OBJ_HELP };

static const char * const objects[] = {
	[OBJ_INFO] = "info",
	[OBJ_CONFIG] = "config",
	[OBJ_MONITOR] = "monitor",
	[OBJ_HELP] = "help",
};

static void usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip [ OPTIONS ] OBJECT { COMMAND | help }\n"
		"       tinyip help [ OBJECT ]\n"
		"where  OBJECT := { info | config | monitor }\n"
		"       OPTIONS := { -j[son] | -p[retty] | -V[ersion] | -h[elp] }\n"
		"\n");
	info_usage(fp);
	config_usage(fp);
	monitor_usage(fp);
}

static int do_help(int argc, char **argv)
{
	int obj;

	if (argc == 0) {
		usage(stdout);
		return TINYIP_EXIT_OK;
	}
	obj = match_word(argv[0], objects, ARRAY_SIZE(objects));
	switch (obj) {
	case OBJ_INFO:
		info_usage(stdout);
		break;
	case OBJ_CONFIG:
		config_usage(stdout);
		break;
	case OBJ_MONITOR:
		monitor_usage(stdout);
		break;
	case OBJ_HELP:
		usage(stdout);
		break;
	default:
		return bad_command(NULL, argv[0], obj);
	}
	return TINYIP_EXIT_OK;
}

static int do_object(int argc, char **argv, const struct tinyip_out *o)
{
	int obj = match_word(argv[0], objects, ARRAY_SIZE(objects));

	switch (obj) {
	case OBJ_INFO:
		return do_info(argc - 1, argv + 1, o);
	case OBJ_CONFIG:
		return do_config(argc - 1, argv + 1, o);
	case OBJ_MONITOR:
		return do_monitor(argc - 1, argv + 1, o);
	case OBJ_HELP:
		return do_help(argc - 1, argv + 1);
	default:
		return bad_command(NULL, argv[0], obj);
	}
}

int main(int argc, char **argv)
{
	static const struct option options[] = {
		{ "json",	no_argument,	NULL, 'j' },
		{ "pretty",	no_argument,	NULL, 'p' },
		{ "version",	no_argument,	NULL, 'V' },
		{ "help",	no_argument,	NULL, 'h' },
		{ NULL,		0,		NULL, 0 }
	};
	struct tinyip_out o = { .fp = stdout };
	int c, ret = -1;

	/* "+": options end at the object; "-json" works as in iproute2. */
	while (ret < 0 && (c = getopt_long_only(argc, argv, "+jpVh", options,
						NULL)) != -1) {
		switch (c) {
		case 'j':
			o.json = true;
			break;
		case 'p':
			o.json = true;
			o.pretty = true;
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
