// SPDX-License-Identifier: GPL-2.0
/*
 * Command line helpers: keyword matching by unique prefix as iproute2
 * allows, usage errors, parsing of sizes such as 16M, device names,
 * lifetimes and IPv4 or IPv6 prefixes (RFC 4632, RFC 4291 2.3), and
 * formatting of addresses, their scopes (RFC 4291 2.5) and flag words.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>

#include "json.h"
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
int usage_err(const char *object, const char *fmt, ...)
{
	va_list ap;

	fputs("Error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return usage_hint(object);
}

/* As iproute2's invarg(): "Error: argument "<arg>" is wrong: <why>". */
int invarg(const char *object, const char *arg, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "Error: argument \"%s\" is wrong: ", arg);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
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

/*
 * What every "KEY VALUE" given at most once checks first: 0, or a usage
 * error for a second KEY or for a VALUE missing (what says what it is).
 */
int arg_once(const char *object, const char *key, const char *arg, bool has,
	     const char *what)
{
	if (has)
		return usage_err(object, "duplicate \"%s\".", key);
	if (!arg)
		return usage_err(object, "%s needs %s.", key, what);
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

/* "forever" or a number of seconds, as the kernel counts lifetimes. */
int parse_lifetime(const char *arg, __u32 *val)
{
	if (!strcmp(arg, "forever")) {
		*val = TINYIP_LFT_FOREVER;
		return 0;
	}
	return parse_u32(arg, val);
}

/* The family an address of len bytes belongs to; AF_UNSPEC for none. */
static int len_family(unsigned int len)
{
	return len == 4 ? AF_INET : len == 16 ? AF_INET6 : AF_UNSPEC;
}

/*
 * One address, IPv4 or IPv6 by its spelling, with the whole of it as the
 * prefix. A v4-mapped IPv6 address (::ffff:192.0.2.1) stays 16 bytes:
 * the user wrote IPv6. family, if not AF_UNSPEC, is the only one taken.
 * -EINVAL for garbage, -EAFNOSUPPORT for an address of the other family.
 */
int parse_addr(const char *arg, int family, struct inet_prefix *p)
{
	memset(p, 0, sizeof(*p));
	if (inet_pton(AF_INET, arg, p->addr) == 1)
		p->len = 4;
	else if (inet_pton(AF_INET6, arg, p->addr) == 1)
		p->len = 16;
	else
		return -EINVAL;
	if (family != AF_UNSPEC && family != len_family(p->len))
		return -EAFNOSUPPORT;
	p->plen = p->len * 8;
	return 0;
}

/*
 * ADDR[/PLEN]: PLEN 0 to 32 for IPv4, 0 to 128 for IPv6, the whole
 * address when absent; with allow_default also "default", 0.0.0.0/0 or,
 * when family is AF_INET6, ::/0. Errors as parse_addr(), and -ERANGE for
 * a bad length (p->len then says which family the address is).
 */
int parse_prefix(const char *arg, int family, bool allow_default,
		 struct inet_prefix *p)
{
	char buf[INET6_ADDRSTRLEN];
	const char *slash = strchr(arg, '/');
	size_t len = slash ? (size_t)(slash - arg) : strlen(arg);
	__u32 n;
	int err;

	if (allow_default && !strcmp(arg, "default")) {
		memset(p, 0, sizeof(*p));
		p->len = family == AF_INET6 ? 16 : 4;
		return 0;
	}
	if (len >= sizeof(buf))
		return -EINVAL;
	memcpy(buf, arg, len);
	buf[len] = '\0';
	err = parse_addr(buf, family, p);
	if (err || !slash)
		return err;
	/* Decimal digits only, without the leading zeros of "/024". */
	if (parse_u32(slash + 1, &n) || n > p->plen ||
	    (slash[1] == '0' && slash[2]))
		return -ERANGE;
	p->plen = n;
	return 0;
}

/* Whether bits after the prefix length are set, as in 192.0.2.1/24. */
bool prefix_host_bits(const struct inet_prefix *p)
{
	unsigned int i = p->plen / 8;

	if (i < p->len && (p->addr[i] & (0xff >> (p->plen % 8))))
		return true;
	for (i++; i < p->len; i++)
		if (p->addr[i])
			return true;
	return false;
}

static const char *family_words(int family)
{
	switch (family) {
	case AF_INET:
		return "an IPv4";
	case AF_INET6:
		return "an IPv6";
	default:
		return "an IPv4 or IPv6";
	}
}

/*
 * invarg() with what parse_prefix() or parse_addr() refused arg for:
 * "not an IPv4 or IPv6 <what>.", "not an IPv6 <what>, as -6 asks." or
 * "the prefix length is 0 to 128.".
 */
int addr_invarg(const char *object, const char *arg, int err, int family,
		const struct inet_prefix *p, const char *what)
{
	if (err == -ERANGE)
		return invarg(object, arg, "the prefix length is 0 to %u.",
			      p->len * 8);
	if (err == -EAFNOSUPPORT)
		return invarg(object, arg, "not %s %s, as -%c asks.",
			      family_words(family), what,
			      family == AF_INET ? '4' : '6');
	return invarg(object, arg, "not %s %s.", family_words(family), what);
}

/* Whether an address of len bytes passes the -4 or -6 filter. */
bool family_matches(int family, unsigned int len)
{
	return family == AF_UNSPEC || family == len_family(len);
}

/* The scope of an IPv6 address (RFC 4291 2.5), as the kernel gives it. */
enum ip_scope ip6_scope(const __u8 *addr)
{
	static const __u8 loopback[16] = { [15] = 1 };

	if (!memcmp(addr, loopback, sizeof(loopback)))
		return SCOPE_HOST;
	if (addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80)
		return SCOPE_LINK;
	/* fec0::/10, deprecated by RFC 3879 but still scoped so by Linux. */
	if (addr[0] == 0xfe && (addr[1] & 0xc0) == 0xc0)
		return SCOPE_SITE;
	return SCOPE_GLOBAL;
}

static void flag_word(FILE *fp, struct json_writer *jw, const char *word)
{
	if (jw)
		json_str(jw, word);
	else
		fprintf(fp, " %s", word);
}

/*
 * The words of the bits set in flags, in the order of names, then the
 * bits without a word in hexadecimal: " w1 w2 0x80" on fp, or with jw a
 * JSON member "field": ["w1", "w2", "0x80"].
 */
void print_flags(FILE *fp, struct json_writer *jw, const char *field,
		 __u32 flags, const struct flag_name *names, size_t n)
{
	char hex[11];
	size_t i;

	if (jw) {
		json_name(jw, field);
		json_arr_open(jw);
	}
	for (i = 0; i < n; i++) {
		if (!(flags & names[i].bit))
			continue;
		flags &= ~names[i].bit;
		flag_word(fp, jw, names[i].name);
	}
	if (flags) {
		snprintf(hex, sizeof(hex), "0x%x", flags);
		flag_word(fp, jw, hex);
	}
	if (jw)
		json_arr_close(jw);
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
