// SPDX-License-Identifier: GPL-2.0
/*
 * rr: make bench's TCP request/response and connection-rate load
 * (RFC 9293), in the spirit of netperf's TCP_RR and TCP_CRR.
 *
 *   rr [-f inet|tinyip] [-p PORT] server ADDR
 *	accepts connections one after another; answers each byte it reads
 *	with one byte, until the peer closes.
 *   rr [-f inet|tinyip] [-p PORT] [-t SECS] ping ADDR
 *	one connection, one byte each way at a time (TCP_NODELAY), for
 *	SECS seconds; prints "transactions N per_sec R".
 *   rr [-f inet|tinyip] [-p PORT] [-t SECS] connect ADDR
 *	connect, one byte each way, close, again, for SECS seconds; prints
 *	"connections N per_sec R".
 */
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <linux/tinyip.h>

static void die(const char *what)
{
	fprintf(stderr, "rr: %s: %s\n", what, strerror(errno));
	exit(1);
}

static int tinyip_family(void)
{
	FILE *f = fopen("/sys/module/tinyip/parameters/family", "r");
	int fam = AF_TINYIP;

	if (f) {
		if (fscanf(f, "%d", &fam) != 1)
			fam = AF_TINYIP;
		fclose(f);
	}
	return fam;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* One byte out, one byte back: 0, or -1 when the peer went away. */
static int transact(int fd)
{
	char c = 'x';

	if (write(fd, &c, 1) != 1 || read(fd, &c, 1) != 1)
		return -1;
	return 0;
}

static void serve(int fam, const struct sockaddr_in *sa)
{
	int lfd = socket(fam, SOCK_STREAM, 0), fd, one = 1;
	char c;

	if (lfd < 0)
		die("socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, (const struct sockaddr *)sa, sizeof(*sa)))
		die("bind");
	if (listen(lfd, 1024))
		die("listen");
	printf("listening\n");
	fflush(stdout);
	for (;;) {
		fd = accept(lfd, NULL, NULL);
		if (fd < 0)
			die("accept");
		setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
		while (read(fd, &c, 1) == 1)
			if (write(fd, &c, 1) != 1)
				break;
		close(fd);
	}
}

static int dial(int fam, const struct sockaddr_in *sa)
{
	int fd = socket(fam, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		die("socket");
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, (const struct sockaddr *)sa, sizeof(*sa)))
		die("connect");
	return fd;
}

int main(int argc, char **argv)
{
	struct sockaddr_in sa = { .sin_family = AF_INET };
	int fam = AF_INET, port = 5001, opt, fd;
	double secs = 5, start, end;
	long count = 0;

	while ((opt = getopt(argc, argv, "f:p:t:")) != -1) {
		switch (opt) {
		case 'f':
			if (!strcmp(optarg, "tinyip"))
				fam = tinyip_family();
			else if (strcmp(optarg, "inet"))
				goto usage;
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 't':
			secs = atof(optarg);
			break;
		default:
			goto usage;
		}
	}
	if (argc - optind != 2 || secs <= 0 ||
	    inet_pton(AF_INET, argv[optind + 1], &sa.sin_addr) != 1)
		goto usage;
	sa.sin_port = htons(port);

	if (!strcmp(argv[optind], "server"))
		serve(fam, &sa);
	start = now();
	end = start + secs;
	if (!strcmp(argv[optind], "ping")) {
		fd = dial(fam, &sa);
		do {
			if (transact(fd))
				die("transaction");
			count++;
		} while ((count & 63) || now() < end);
		close(fd);
		printf("transactions %ld per_sec %.0f\n", count, count / (now() - start));
	} else if (!strcmp(argv[optind], "connect")) {
		do {
			fd = dial(fam, &sa);
			if (transact(fd))
				die("transaction");
			close(fd);
			count++;
		} while (now() < end);
		printf("connections %ld per_sec %.0f\n", count, count / (now() - start));
	} else {
		goto usage;
	}
	return 0;

usage:
	fprintf(stderr,
		"usage: rr [-f inet|tinyip] [-p PORT] [-t SECS] server|ping|connect ADDR\n");
	return 2;
}
