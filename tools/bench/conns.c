// SPDX-License-Identifier: GPL-2.0
/*
 * conns: holds N idle TCP connections (RFC 9293) open, for make bench's
 * memory per connection. One process is the server (accepts N), the
 * other the client (connects N); each prints "ready N" once it holds all
 * of them, then waits for its standard input to close, and aborts every
 * connection (SO_LINGER 0, an RST) so that no TIME_WAIT entry outlives
 * the run and skews the next one's baseline.
 *
 *   conns [-f inet|tinyip] [-p PORT] -n N server ADDR
 *   conns [-f inet|tinyip] [-p PORT] -n N client ADDR
 *
 * -f tinyip asks socket(2) for AF_TINYIP (the module's live number);
 * inet, the default, leaves the native stack to serve them, or tinyip-run
 * to move them. ADDR is IPv4 or IPv6.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include "bench.h"

/* N descriptors and a few more for stdio. */
static void want_fds(long n)
{
	struct rlimit rl = { n + 64, n + 64 };

	if (setrlimit(RLIMIT_NOFILE, &rl))
		die("setrlimit(RLIMIT_NOFILE)");
}

static int stream(int fam)
{
	int fd = socket(fam, SOCK_STREAM, 0);

	if (fd < 0)
		die("socket");
	return fd;
}

/* Blocks until standard input closes. */
static void hold(void)
{
	char buf[64];

	while (read(0, buf, sizeof(buf)) > 0)
		;
}

static void abort_all(const int *fds, long n)
{
	struct linger lg = { 1, 0 };
	long i;

	for (i = 0; i < n; i++) {
		setsockopt(fds[i], SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(fds[i]);
	}
}

int main(int argc, char **argv)
{
	struct bench_addr sa;
	int fam = AF_INET, port = 5001, one = 1, opt, lfd = -1;
	long n = 0, i;
	int *fds;

	while ((opt = getopt(argc, argv, "f:p:n:")) != -1) {
		switch (opt) {
		case 'f':
			fam = bench_family(optarg);
			if (fam < 0)
				goto usage;
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'n':
			n = atol(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (n <= 0 || argc - optind != 2 ||
	    bench_addr(&sa, &fam, argv[optind + 1], port))
		goto usage;
	want_fds(n);
	fds = calloc(n, sizeof(*fds));
	if (!fds)
		die("calloc");

	if (!strcmp(argv[optind], "server")) {
		lfd = stream(fam);
		setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
		if (bind(lfd, bench_sa(&sa), sa.len))
			die("bind");
		if (listen(lfd, 4096))
			die("listen");
		printf("listening\n");
		fflush(stdout);
		for (i = 0; i < n; i++) {
			fds[i] = accept(lfd, NULL, NULL);
			if (fds[i] < 0)
				die("accept");
		}
	} else if (!strcmp(argv[optind], "client")) {
		for (i = 0; i < n; i++) {
			fds[i] = stream(fam);
			if (connect(fds[i], bench_sa(&sa), sa.len))
				die("connect");
		}
	} else {
		goto usage;
	}
	printf("ready %ld\n", n);
	fflush(stdout);
	hold();
	abort_all(fds, n);
	if (lfd >= 0)
		close(lfd);
	free(fds);
	return 0;

usage:
	fprintf(stderr, "usage: conns [-f inet|tinyip] [-p PORT] -n N server|client ADDR\n");
	return 2;
}
