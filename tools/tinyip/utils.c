// SPDX-License-Identifier: GPL-2.0
/*
 * Command line helpers: keyword matching by unique prefix as iproute2
 * allows, usage errors, and parsing of sizes such as 16M.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "tinyip_common.h"

/*
 * Index of the word that arg names: an exact match, else the only word
 * that arg is a prefix of. MATCH_NONE or MATCH_AMBIGUOUS otherwise.
 */
int match_word(const char *arg, const char * const *words, size_t n)
{
	size_t len = strlen(arg), i;
	int found = MATCH_NONE;

	for (i = 0; i < n; i++)
		if (!strcmp(arg, words[i]))
			return i;
	if (!len)
		return MATCH_NONE;
	for (i = 0; i < n; i++) {
		if (strncmp(arg, words[i], len))
			continue;
		if (found != MATCH_NONE)
			return MATCH_AMBIGUOUS;
		found = i;
	}
	return found;
}

bool is_help(const char *arg)
{
	static const char * const help[] = { "help" };

	return match_word(arg, help, ARRAY_SIZE(help)) == 0 ||
	       !strcmp(arg, "-h") || !strcmp(arg, "--help");
}

/* An unknown or ambiguous object (object NULL) or command; exits 2. */
int bad_command(const char *object, const char *arg, int match)
{
	const char *what = match == MATCH_AMBIGUOUS ? "ambiguous" : "unknown";

	if (object)
		fprintf(stderr, "Command \"%s\" is %s, try \"tinyip %s help\".\n",
			arg, what, object);
	else
		fprintf(stderr, "Object \"%s\" is %s, try \"tinyip help\".\n",
			arg, what);
	return TINYIP_EXIT_USAGE;
}

static int usage_hint(const char *object)
{
	fprintf(stderr, "Try \"tinyip %s%shelp\".\n",
		object ? object : "", object ? " " : "");
	return TINYIP_EXIT_USAGE;
}

/* "Error: <msg>" and a pointer to the object's help; exits 2. */
int usage_err(const char *object, const char *msg)
{
	fprintf(stderr, "Error: %s\n", msg);
	return usage_hint(object);
}

/* As iproute2's invarg(): "Error: argument "<arg>" is wrong: <why>". */
int invarg(const char *object, const char *arg, const char *why)
{
	fprintf(stderr, "Error: argument \"%s\" is wrong: %s\n", arg, why);
	return usage_hint(object);
}

/*
 * A size in bytes: "unlimited" (0), or decimal digits with an optional
 * K, M or G suffix (powers of 1024). Returns 0, -EINVAL for garbage,
 * -EDOM for a negative number or -ERANGE when it does not fit in 64 bits.
 */
int parse_size(const char *arg, __u64 *val)
{
	unsigned long long num;
	unsigned int shift = 0;
	char *end;

	if (!strcmp(arg, "unlimited")) {
		*val = 0;
		return 0;
	}
	if (arg[0] == '-')
		return -EDOM;
	if (!isdigit((unsigned char)arg[0]))
		return -EINVAL;
	errno = 0;
	num = strtoull(arg, &end, 10);
	if (errno == ERANGE)
		return -ERANGE;
	if (errno)
		return -EINVAL;
	switch (*end) {
	case '\0':
		break;
	case 'k':
	case 'K':
		shift = 10;
		break;
	case 'm':
	case 'M':
		shift = 20;
		break;
	case 'g':
	case 'G':
		shift = 30;
		break;
	default:
		return -EINVAL;
	}
	if (shift && end[1])
		return -EINVAL;
	if (num > UINT64_MAX >> shift)
		return -ERANGE;
	*val = (__u64)num << shift;
	return 0;
}
