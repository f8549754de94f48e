// SPDX-License-Identifier: GPL-2.0
/*
 * sock_errno FAMILY TYPE PROTOCOL [PORT]: prints the errno name socket(2)
 * fails with ("EAFNOSUPPORT", ...), or "OK"; with PORT, that of a bind(2)
 * of the new socket to the IPv4 wildcard and PORT (AF_TINYIP takes
 * sockaddr_in), for the privilege rules. A C program rather than a script
 * because guests under TCG with KASAN start interpreters slowly, and
 * because it must pass out-of-range values unaltered to the kernel.
 */
#include <errno.h>
#include <netinet/in.h>
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
	{ EADDRINUSE, "EADDRINUSE" },
};

int main(int argc, char **argv)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };
	size_t i;
	int fd;

	if (argc != 4 && argc != 5) {
		fprintf(stderr, "usage: sock_errno FAMILY TYPE PROTOCOL [PORT]\n");
		return 2;
	}
	fd = socket(atoi(argv[1]), atoi(argv[2]), atoi(argv[3]));
	if (fd >= 0 && argc == 5) {
		sin.sin_port = htons(atoi(argv[4]));
		if (bind(fd, (struct sockaddr *)&sin, sizeof(sin))) {
			close(fd);
			fd = -1;
		}
	}
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
