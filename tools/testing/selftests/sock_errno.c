// SPDX-License-Identifier: GPL-2.0
/*
 * sock_errno FAMILY TYPE PROTOCOL: prints the errno name socket(2) fails
 * with ("EAFNOSUPPORT", ...), or "OK". A C program rather than a script
 * because guests under TCG with KASAN start interpreters slowly, and
 * because it must pass out-of-range values unaltered to the kernel.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

static const struct {
	int err;
	const char *name;
} names[] = {
	{ EAFNOSUPPORT, "EAFNOSUPPORT" },
	{ ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT" },
	{ EPROTONOSUPPORT, "EPROTONOSUPPORT" },
	{ EINVAL, "EINVAL" },
	{ EPERM, "EPERM" },
	{ EACCES, "EACCES" },
	{ ENOBUFS, "ENOBUFS" },
	{ ENOMEM, "ENOMEM" },
	{ EOPNOTSUPP, "EOPNOTSUPP" },
};

int main(int argc, char **argv)
{
	size_t i;
	int fd;

	if (argc != 4) {
		fprintf(stderr, "usage: sock_errno FAMILY TYPE PROTOCOL\n");
		return 2;
	}
	fd = socket(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]));
	if (fd >= 0) {
		close(fd);
		puts("OK");
		return 0;
	}
	for (i = 0; i < ARRAY_SIZE(names); i++) {
		if (names[i].err == errno) {
			puts(names[i].name);
			return 0;
		}
	}
	printf("%d\n", errno);
	return 0;
}
