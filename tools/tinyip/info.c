// SPDX-License-Identifier: GPL-2.0
/*
 * The "info" object: the module's version, address family number,
 * build features and this network namespace's instance.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

/* Names as in uapi/tinyip.yaml, definition "feature". */
static const struct {
	__u64 bit;
	const char *name;
} features[] = {
	{ TINYIP_FEATURE_MEM_BUDGET,	"mem-budget" },
	{ TINYIP_FEATURE_IPV4,		"ipv4" },
	{ TINYIP_FEATURE_IPV6,		"ipv6" },
	{ TINYIP_FEATURE_UDP,		"udp" },
	{ TINYIP_FEATURE_TCP,		"tcp" },
	{ TINYIP_FEATURE_RAW,		"raw" },
	{ TINYIP_FEATURE_UDPLITE,	"udplite" },
	{ TINYIP_FEATURE_MULTICAST,	"multicast" },
	{ TINYIP_FEATURE_FORWARD,	"forward" },
	{ TINYIP_FEATURE_SACK,		"sack" },
	{ TINYIP_FEATURE_CUBIC,		"cubic" },
	{ TINYIP_FEATURE_API,		"api" },
	{ TINYIP_FEATURE_FAULT_INJECT,	"fault-inject" },
	{ TINYIP_FEATURE_EVENTS,	"events" },
	{ TINYIP_FEATURE_DHCP4,		"dhcp4" },
	{ TINYIP_FEATURE_DNS,		"dns" },
};

void info_usage(FILE *fp)
{
	fprintf(fp, "Usage: tinyip info\n");
}

int info_parse(const struct nlmsghdr *nlh, struct tinyip_info *info)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	unsigned int i;
	char *version;
	int err;

	err = tinyip_parse_attrs(nlh, tb);
	if (err)
		return err;
	if (tb[TINYIP_A_VERSION]) {
		version = strdup(mnl_attr_get_str(tb[TINYIP_A_VERSION]));
		if (!version)
			return -ENOMEM;
		free(info->version);
		info->version = version;
	}
	if (tb[TINYIP_A_FAMILY])
		info->family = mnl_attr_get_u32(tb[TINYIP_A_FAMILY]);
	if (tb[TINYIP_A_FEATURES])
		info->features = mnl_attr_get_u64(tb[TINYIP_A_FEATURES]);
	if (tb[TINYIP_A_INSTANCE])
		info->instance = mnl_attr_get_u32(tb[TINYIP_A_INSTANCE]);
	for (i = 0; i <= TINYIP_A_MAX; i++)
		if (tb[i])
			attr_set(&info->present, i);
	return 0;
}

void info_free(struct tinyip_info *info)
{
	free(info->version);
	info->version = NULL;
}

/* Bits this tool has no name for, as one hex token. */
static __u64 unknown_features(__u64 mask)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(features); i++)
		mask &= ~features[i].bit;
	return mask;
}

static void info_print_json(const struct tinyip_info *info,
			    const struct tinyip_out *o)
{
	struct json_writer jw;
	__u64 unknown;
	char hex[19];
	unsigned int i;

	json_init(&jw, o->fp, o->pretty);
	json_obj_open(&jw);
	if (info->version)
		json_str_field(&jw, "version", info->version);
	if (HAS(info, TINYIP_A_FAMILY))
		json_u64_field(&jw, "family", info->family);
	if (HAS(info, TINYIP_A_FEATURES)) {
		json_name(&jw, "features");
		json_arr_open(&jw);
		for (i = 0; i < ARRAY_SIZE(features); i++)
			if (info->features & features[i].bit)
				json_str(&jw, features[i].name);
		unknown = unknown_features(info->features);
		if (unknown) {
			snprintf(hex, sizeof(hex), "0x%llx",
				 (unsigned long long)unknown);
			json_str(&jw, hex);
		}
		json_arr_close(&jw);
	}
	if (HAS(info, TINYIP_A_INSTANCE))
		json_u64_field(&jw, "instance", info->instance);
	json_obj_close(&jw);
	json_end(&jw);
}

static void info_print_text(const struct tinyip_info *info, FILE *fp)
{
	__u64 unknown;
	unsigned int i;

	if (info->version)
		fprintf(fp, "version %s\n", info->version);
	if (HAS(info, TINYIP_A_FAMILY))
		fprintf(fp, "family %u\n", info->family);
	if (HAS(info, TINYIP_A_FEATURES)) {
		fputs("features", fp);
		for (i = 0; i < ARRAY_SIZE(features); i++)
			if (info->features & features[i].bit)
				fprintf(fp, " %s", features[i].name);
		unknown = unknown_features(info->features);
		if (unknown)
			fprintf(fp, " 0x%llx", (unsigned long long)unknown);
		if (!info->features)
			fputs(" none", fp);
		fputc('\n', fp);
	}
	if (HAS(info, TINYIP_A_INSTANCE))
		fprintf(fp, "instance %u\n", info->instance);
}

void info_print(const struct tinyip_info *info, const struct tinyip_out *o)
{
	if (o->json)
		info_print_json(info, o);
	else
		info_print_text(info, o->fp);
}

static int info_cb(const struct nlmsghdr *nlh, void *data)
{
	int err = info_parse(nlh, data);

	if (err) {
		errno = -err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

int do_info(int argc, char **argv, const struct tinyip_out *o)
{
	struct tinyip_info info = {};
	struct genl_sock gs;
	int ret;

	if (argc > 0 && is_help(argv[0])) {
		info_usage(stdout);
		return TINYIP_EXIT_OK;
	}
	if (argc > 0)
		return bad_command("info", argv[0], MATCH_NONE);

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	ret = genl_talk(&gs, tinyip_msg(&gs, TINYIP_CMD_INFO_GET), info_cb,
			&info);
	if (ret < 0) {
		genl_perror(&gs, ret);
		ret = TINYIP_EXIT_FAIL;
	} else if (ret == 0) {
		fprintf(stderr, "Error: the kernel sent no reply\n");
		ret = TINYIP_EXIT_FAIL;
	} else {
		info_print(&info, o);
		ret = TINYIP_EXIT_OK;
	}
	info_free(&info);
	genl_close(&gs);
	return ret;
}
