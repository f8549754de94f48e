// SPDX-License-Identifier: GPL-2.0
/*
 * The "config" object: shows and sets this network namespace's
 * settings (the memory budget, IPv4 and IPv6 forwarding, the default TCP
 * congestion control) and its memory usage.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

/* The fields, in output order, with their text and JSON names. */
static const struct {
	unsigned int attr;
	const char *text;
	const char *json;
} config_fields[] = {
	{ TINYIP_A_MEM_BUDGET,	"mem-budget",	"mem_budget" },
	{ TINYIP_A_MEM_USED,	"mem-used",	"mem_used" },
	{ TINYIP_A_MEM_FAILED,	"mem-failed",	"mem_failed" },
	{ TINYIP_A_MEM_PEAK,	"mem-peak",	"mem_peak" },
	{ TINYIP_A_FORWARDING,	"forwarding",	"forwarding" },
	{ TINYIP_A_FORWARDING6,	"forwarding6",	"forwarding6" },
	{ TINYIP_A_TCP_CC,	"tcp-cc",	"tcp_cc" },
};

enum { CONFIG_SHOW, CONFIG_SET, CONFIG_HELP };

static const char * const config_cmds[] = {
	[CONFIG_SHOW] = "show",
	[CONFIG_SET] = "set",
	[CONFIG_HELP] = "help",
};

enum {
	SET_MEM_BUDGET, SET_FORWARDING, SET_FORWARDING6, SET_TCP_CC, SET_HELP
};

static const char * const set_keys[] = {
	[SET_MEM_BUDGET] = "mem-budget",
	[SET_FORWARDING] = "forwarding",
	[SET_FORWARDING6] = "forwarding6",
	[SET_TCP_CC] = "tcp-cc",
	[SET_HELP] = "help",
};

/* What "config set" asks for; has_* false leaves a setting alone. */
struct config_req {
	__u64 budget;
	bool has_budget;
	bool forwarding;
	bool has_forwarding;
	bool forwarding6;
	bool has_forwarding6;
	const char *tcp_cc;	/* NULL: leave it */
};

void config_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip config [ show ]\n"
		"       tinyip config set [ mem-budget SIZE ] [ forwarding { on | off } ]\n"
		"                         [ forwarding6 { on | off } ] [ tcp-cc NAME ]\n"
		"where  SIZE := { BYTES[K|M|G] | unlimited }\n"
		"       NAME := { newreno | cubic | ... }\n");
}

/* The u8 settings that are on or off. */
static bool is_switch(unsigned int attr)
{
	return attr == TINYIP_A_FORWARDING || attr == TINYIP_A_FORWARDING6;
}

int config_parse(const struct nlmsghdr *nlh, struct tinyip_config *cfg)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	unsigned int i, attr;
	int err;

	err = tinyip_parse_attrs(nlh, tb);
	if (err)
		return err;
	for (i = 0; i < ARRAY_SIZE(config_fields); i++) {
		attr = config_fields[i].attr;
		if (!tb[attr])
			continue;
		if (attr == TINYIP_A_TCP_CC)
			snprintf(cfg->tcp_cc, sizeof(cfg->tcp_cc), "%s",
				 mnl_attr_get_str(tb[attr]));
		else
			cfg->val[attr] = is_switch(attr) ?
					 mnl_attr_get_u8(tb[attr]) :
					 mnl_attr_get_u64(tb[attr]);
		attr_set(&cfg->present, attr);
	}
	return 0;
}

/* A settings and usage report, or with event one line for "monitor". */
void config_print(const struct tinyip_config *cfg,
		  const struct tinyip_out *o, bool event)
{
	struct json_writer jw;
	unsigned int i, attr;
	__u64 val;

	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		json_obj_open(&jw);
		if (event) {
			monitor_json_head(&jw, o, "config");
			json_str_field(&jw, "object", "config");
		}
	} else if (event) {
		fputs("config", o->fp);
	}
	for (i = 0; i < ARRAY_SIZE(config_fields); i++) {
		attr = config_fields[i].attr;
		if (!attr_has(&cfg->present, attr))
			continue;
		val = cfg->val[attr];
		if (attr == TINYIP_A_TCP_CC) {
			if (o->json)
				json_str_field(&jw, config_fields[i].json,
					       cfg->tcp_cc);
			else
				fprintf(o->fp, event ? " %s %s" : "%s %s\n",
					config_fields[i].text, cfg->tcp_cc);
			continue;
		}
		if (o->json && is_switch(attr)) {
			json_bool_field(&jw, config_fields[i].json, val);
			continue;
		}
		if (o->json) {
			json_u64_field(&jw, config_fields[i].json, val);
			continue;
		}
		fprintf(o->fp, event ? " %s " : "%s ", config_fields[i].text);
		if (is_switch(attr))
			fputs(val ? "on" : "off", o->fp);
		else if (attr == TINYIP_A_MEM_BUDGET && !val)
			fputs("unlimited", o->fp);
		else
			fprintf(o->fp, "%llu", (unsigned long long)val);
		if (!event)
			fputc('\n', o->fp);
	}
	if (o->json) {
		json_obj_close(&jw);
		json_end(&jw);
	} else if (event) {
		fputc('\n', o->fp);
	}
}

static int config_cb(const struct nlmsghdr *nlh, void *data)
{
	int err = config_parse(nlh, data);

	if (err) {
		errno = -err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/* CONFIG_GET, or CONFIG_SET when rq is not NULL; an exit status. */
static int config_request(const struct config_req *rq,
			  const struct tinyip_out *o)
{
	struct tinyip_config cfg = {};
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int ret;

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	if (rq) {
		nlh = tinyip_msg(&gs, TINYIP_CMD_CONFIG_SET);
		if (rq->has_budget)
			mnl_attr_put_u64(nlh, TINYIP_A_MEM_BUDGET, rq->budget);
		if (rq->has_forwarding)
			mnl_attr_put_u8(nlh, TINYIP_A_FORWARDING,
					rq->forwarding);
		if (rq->has_forwarding6)
			mnl_attr_put_u8(nlh, TINYIP_A_FORWARDING6,
					rq->forwarding6);
		if (rq->tcp_cc)
			mnl_attr_put_strz(nlh, TINYIP_A_TCP_CC, rq->tcp_cc);
		ret = genl_talk(&gs, nlh, config_cb, &cfg);
		if (ret < 0) {
			genl_perror(&gs, ret);
			if (ret == -EPERM || ret == -EACCES)
				fprintf(stderr,
					"Changing the configuration needs CAP_NET_ADMIN over the network namespace.\n");
			goto out;
		}
	}
	/* Without a reply to CONFIG_SET, read what is in force now. */
	if (!rq || ret == 0) {
		nlh = tinyip_msg(&gs, TINYIP_CMD_CONFIG_GET);
		ret = genl_talk(&gs, nlh, config_cb, &cfg);
		if (ret < 0) {
			genl_perror(&gs, ret);
			goto out;
		}
	}
	if (ret == 0) {
		fprintf(stderr, "Error: the kernel sent no reply\n");
		ret = -ENODATA;
		goto out;
	}
	config_print(&cfg, o, false);
out:
	genl_close(&gs);
	return ret < 0 ? TINYIP_EXIT_FAIL : TINYIP_EXIT_OK;
}

static int config_set_budget(const char *arg, struct config_req *rq)
{
	int err;

	if (rq->has_budget)
		return usage_err("config", "duplicate \"mem-budget\".");
	if (!arg)
		return usage_err("config", "mem-budget needs a SIZE.");
	err = parse_size(arg, &rq->budget);
	if (err == -EDOM)
		return invarg("config", arg, "mem-budget cannot be negative.");
	if (err == -ERANGE)
		return invarg("config", arg,
			      "mem-budget is too large (at most 18446744073709551615 bytes).");
	if (err)
		return invarg("config", arg,
			      "mem-budget is a number of bytes with an optional K, M or G suffix, or \"unlimited\".");
	rq->has_budget = true;
	return 0;
}

/* "forwarding on", "forwarding6 off": a setting named key. */
static int config_set_switch(const char *key, const char *arg, bool *on,
			     bool *has)
{
	static const char * const on_off[] = { "off", "on" };
	int ret = arg_once("config", key, arg, *has, "on or off");
	int val;

	if (ret)
		return ret;
	val = match_word(arg, on_off, ARRAY_SIZE(on_off));
	if (val < 0)
		return invarg("config", arg, "%s is on or off.", key);
	*on = val;
	*has = true;
	return 0;
}

static int config_set_tcp_cc(const char *arg, struct config_req *rq)
{
	if (rq->tcp_cc)
		return usage_err("config", "duplicate \"tcp-cc\".");
	if (!arg)
		return usage_err("config", "tcp-cc needs an algorithm NAME.");
	if (!*arg || strlen(arg) >= TCP_CC_NAMSIZ)
		return invarg("config", arg,
			      "tcp-cc is an algorithm name of 1 to 15 characters.");
	rq->tcp_cc = arg;
	return 0;
}

static int config_set(int argc, char **argv, const struct tinyip_out *o)
{
	struct config_req rq = {};
	const char *arg;
	int err;

	for (; argc > 0; argc -= 2, argv += 2) {
		arg = argc > 1 ? argv[1] : NULL;
		switch (match_word(argv[0], set_keys, ARRAY_SIZE(set_keys))) {
		case SET_MEM_BUDGET:
			err = config_set_budget(arg, &rq);
			break;
		case SET_FORWARDING:
			err = config_set_switch(set_keys[SET_FORWARDING], arg,
						&rq.forwarding,
						&rq.has_forwarding);
			break;
		case SET_FORWARDING6:
			err = config_set_switch(set_keys[SET_FORWARDING6], arg,
						&rq.forwarding6,
						&rq.has_forwarding6);
			break;
		case SET_TCP_CC:
			err = config_set_tcp_cc(arg, &rq);
			break;
		case SET_HELP:
			config_usage(stdout);
			return TINYIP_EXIT_OK;
		default:
			return invarg("config", argv[0],
				      "unknown keyword of \"config set\".");
		}
		if (err)
			return err;
	}
	if (!rq.has_budget && !rq.has_forwarding && !rq.has_forwarding6 &&
	    !rq.tcp_cc)
		return usage_err("config", "nothing to set.");
	return config_request(&rq, o);
}

int do_config(int argc, char **argv, const struct tinyip_out *o)
{
	int cmd;

	if (argc == 0)
		return config_request(NULL, o);
	cmd = match_word(argv[0], config_cmds, ARRAY_SIZE(config_cmds));
	switch (cmd) {
	case CONFIG_SHOW:
		if (argc > 1 && is_help(argv[1])) {
			config_usage(stdout);
			return TINYIP_EXIT_OK;
		}
		if (argc > 1)
			return invarg("config", argv[1],
				      "\"config show\" takes no arguments.");
		return config_request(NULL, o);
	case CONFIG_SET:
		return config_set(argc - 1, argv + 1, o);
	case CONFIG_HELP:
		config_usage(stdout);
		return TINYIP_EXIT_OK;
	default:
		return bad_command("config", argv[0], cmd);
	}
}
