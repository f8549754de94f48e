// SPDX-License-Identifier: GPL-2.0
/*
 * The smallest AF_TINYIP program: asks for one socket of each type and
 * says what the kernel answered. A ported program changes only the family
 * passed to socket(2); everything else stays as with AF_INET.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <linux/tinyip.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	int type;
	const char *name;
} types[] = {
	{ SOCK_STREAM, "SOCK_STREAM" },
	{ SOCK_DGRAM, "SOCK_DGRAM" },
	{ SOCK_RAW, "SOCK_RAW" },
};

static const char *why(int err)
{
	switch (err) {
	case EAFNOSUPPORT:
		return "the family is not registered: is tinyip loaded?";
	case ESOCKTNOSUPPORT:
		return "tinyip answered: no transport serves this type yet";
	case EPROTONOSUPPORT:
		return "this type needs a protocol number, e.g. IPPROTO_ICMP";
	case EPERM:
		return "needs CAP_NET_RAW";
	default:
		return "refused";
	}
}

int main(int argc, char **argv)
{
	int family = argc > 1 ? atoi(argv[1]) : AF_TINYIP;
	int created = 0;
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++) {
		int fd = socket(family, types[i].type, 0);

		if (fd >= 0) {
			printf("socket(%d, %s, 0) = %d: created\n", family,
			       types[i].name, fd);
			close(fd);
			created++;
			continue;
		}
		printf("socket(%d, %s, 0): %s (%s)\n", family, types[i].name,
		       strerror(errno), why(errno));
	}
	return created ? 0 : 1;
}
