/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Declarations shared by the files of the tinyip command: output
 * settings, argument helpers, attribute parsing and the objects.
 */
#ifndef TINYIP_COMMON_H
#define TINYIP_COMMON_H

#include <assert.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <linux/netlink.h>
#include <linux/types.h>
#include <linux/tinyip.h>

#ifndef TINYIP_TOOL_VERSION
#define TINYIP_TOOL_VERSION "0.1.0"
#endif

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Exit statuses, as documented in tinyip(8). */
enum {
	TINYIP_EXIT_OK,
	TINYIP_EXIT_FAIL,	/* the kernel or the system refused */
	TINYIP_EXIT_USAGE,	/* the command line is wrong */
};

/* Where and how results are printed. */
struct tinyip_out {
	FILE *fp;
	bool json;
	bool pretty;
};

/* utils.c: command line helpers */
#define MATCH_NONE	(-1)
#define MATCH_AMBIGUOUS	(-2)
int match_word(const char *arg, const char * const *words, size_t n);
bool is_help(const char *arg);
int bad_command(const char *object, const char *arg, int match);
int usage_err(const char *object, const char *msg);
int invarg(const char *object, const char *arg, const char *why);
int parse_size(const char *arg, __u64 *val);

/* attr.c: validated attributes of a tinyip message */
int tinyip_parse_attrs(const struct nlmsghdr *nlh,
		       const struct nlattr *tb[TINYIP_A_MAX + 1]);

/* The "present" bitmasks below hold one bit per TINYIP_A_* attribute. */
static_assert(TINYIP_A_MAX < 64, "TINYIP_A_MAX outgrew the present masks");

/* info.c: "tinyip info" */
struct tinyip_info {
	char *version;
	__u64 features;
	__u32 family;
	__u32 instance;
	__u64 present;	/* bit (1 << TINYIP_A_*) per attribute seen */
};

int info_parse(const struct nlmsghdr *nlh, struct tinyip_info *info);
void info_print(const struct tinyip_info *info, const struct tinyip_out *o);
void info_free(struct tinyip_info *info);
void info_usage(FILE *fp);
int do_info(int argc, char **argv, const struct tinyip_out *o);

/* config.c: "tinyip config" */
struct tinyip_config {
	__u64 val[TINYIP_A_MAX + 1];	/* indexed by TINYIP_A_* */
	__u64 present;
};

int config_parse(const struct nlmsghdr *nlh, struct tinyip_config *cfg);
void config_print(const struct tinyip_config *cfg,
		  const struct tinyip_out *o, bool event);
void config_usage(FILE *fp);
int do_config(int argc, char **argv, const struct tinyip_out *o);

/* monitor.c: "tinyip monitor" */
void monitor_usage(FILE *fp);
int do_monitor(int argc, char **argv, const struct tinyip_out *o);

#endif /* TINYIP_COMMON_H */
