// SPDX-License-Identifier: GPL-2.0
/*
 * Command line helpers: keyword matching by unique prefix as iproute2
 * allows, usage errors, parsing of sizes such as 16M, device names and
 * IPv4 prefixes, and formatting of addresses.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

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

/* A device name as the kernel accepts it: 1 to IFNAMSIZ - 1 bytes. */
int parse_dev(const char *object, const char *arg, const char **dev)
{
	if (!arg)
		return usage_err(object, "\"dev\" needs a device name.");
	if (!arg[0] || strlen(arg) >= TINYIP_IFNAMSIZ)
		return invarg(object, arg,
			      "a device name has 1 to 15 characters.");
	if (*dev)
		return usage_err(object, "duplicate \"dev\".");
	*dev = arg;
	return 0;
}

/* A decimal u32; -EINVAL unless the whole string is one. */
int parse_u32(const char *arg, __u32 *val)
{
	unsigned long long num;
	char *end;

	if (!isdigit((unsigned char)arg[0]))
		return -EINVAL;
	errno = 0;
	num = strtoull(arg, &end, 10);
	if (errno || *end || num > UINT32_MAX)
		return -EINVAL;
	*val = num;
	return 0;
}

/*
 * An IPv4 prefix "A.B.C.D/N" (N 0 to 32, /32 when absent) or, with
 * allow_default, "default" for 0.0.0.0/0. -EINVAL for a bad address,
 * -ERANGE for a bad length.
 */
int parse_prefix(const char *arg, bool allow_default, struct in_addr *addr,
		 __u8 *plen)
{
	char buf[INET_ADDRSTRLEN];
	const char *slash = strchr(arg, '/');
	size_t len = slash ? (size_t)(slash - arg) : strlen(arg);
	__u32 n = 32;

	if (allow_default && !strcmp(arg, "default")) {
		addr->s_addr = 0;
		*plen = 0;
		return 0;
	}
	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, arg, len);
	buf[len] = '\0';
	if (inet_pton(AF_INET, buf, addr) != 1)
		return -EINVAL;
	if (slash && (strlen(slash + 1) > 2 || parse_u32(slash + 1, &n) ||
		      n > 32))
		return -ERANGE;
	*plen = n;
	return 0;
}

/* "02:11:22:33:44:55"; bytes beyond what buf holds are left out. */
void format_hwaddr(char *buf, size_t size, const void *data, size_t len)
{
	const unsigned char *b = data;
	size_t i, off = 0;

	buf[0] = '\0';
	for (i = 0; i < len && off + 3 < size; i++)
		off += snprintf(buf + off, size - off, i ? ":%02x" : "%02x",
				b[i]);
}

/* An IPv4 (4 bytes) or IPv6 (16 bytes) address; false for other sizes. */
bool format_ip(char *buf, size_t size, const void *data, size_t len)
{
	int af = len == 4 ? AF_INET : len == 16 ? AF_INET6 : 0;

	if (!af || !inet_ntop(af, data, buf, size)) {
		snprintf(buf, size, "?");
		return false;
	}
	return true;
}

/* Whether an entry of link ifname passes a "dev" filter. */
bool dev_matches(const char *filter, const char *ifname)
{
	return !filter || !strcmp(filter, ifname);
}
