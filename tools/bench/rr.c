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
 *   rr [-f inet|tinyip] [-p PORT] sink ADDR
 *	binds a UDP socket (RFC 768) and counts the datagrams that arrive,
 *	from the first until none came for two seconds; prints
 *	"datagrams N per_sec R" (R over the time between first and last).
 *   rr [-f inet|tinyip] [-p PORT] [-t SECS] blast ADDR
 *	sends 18-byte UDP datagrams (a 64-byte frame) as fast as the socket
 *	takes them, for SECS seconds.
 * ADDR is IPv4 or IPv6.
 */
#define _GNU_SOURCE
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

#include "bench.h"

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

static void serve(int fam, const struct bench_addr *sa)
{
	int lfd = socket(fam, SOCK_STREAM, 0), fd, one = 1;
	char c;

	if (lfd < 0)
		die("socket");
	setsockopt(lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
	if (bind(lfd, bench_sa(sa), sa->len))
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

static int dial(int fam, const struct bench_addr *sa)
{
	int fd = socket(fam, SOCK_STREAM, 0), one = 1;

	if (fd < 0)
		die("socket");
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
	if (connect(fd, bench_sa(sa), sa->len))
		die("connect");
	return fd;
}

static void sink(int fam, const struct bench_addr *sa)
{
	struct timeval tv = { .tv_sec = 2 };
	int fd = socket(fam, SOCK_DGRAM, 0);
	double first = 0, last = 0;
	char buf[2048];
	long count = 0;

	if (fd < 0)
		die("socket");
	if (bind(fd, bench_sa(sa), sa->len))
		die("bind");
	printf("listening\n");
	fflush(stdout);
	/* The first datagram may be long in coming; then two quiet seconds end it. */
	while (recv(fd, buf, sizeof(buf), 0) < 0)
		if (errno != EINTR)
			die("recv");
	first = now();
	count = 1;
	setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
	while (recv(fd, buf, sizeof(buf), 0) >= 0) {
		count++;
		last = now();
	}
	if (errno != EAGAIN && errno != EWOULDBLOCK)
		die("recv");
	printf("datagrams %ld per_sec %.0f\n", count,
	       last > first ? (count - 1) / (last - first) : 0.0);
	exit(0);
}

static void blast(int fam, const struct bench_addr *sa, double secs)
{
	int fd = socket(fam, SOCK_DGRAM, 0);
	char payload[18] = "tinyip bench udp";
	double end = now() + secs;
	long count = 0;

	if (fd < 0)
		die("socket");
	if (connect(fd, bench_sa(sa), sa->len))
		die("connect");
	do {
		/* A full queue or the peer's ICMP is no reason to stop. */
		if (send(fd, payload, sizeof(payload), 0) < 0 &&
		    errno != ENOBUFS && errno != EAGAIN && errno != ECONNREFUSED)
			die("send");
		count++;
	} while ((count & 255) || now() < end);
	printf("sent %ld\n", count);
	exit(0);
}

int main(int argc, char **argv)
{
	struct bench_addr sa;
	int fam = AF_INET, port = 5001, opt, fd;
	double secs = 5, start, end;
	long count = 0;

	while ((opt = getopt(argc, argv, "f:p:t:")) != -1) {
		switch (opt) {
		case 'f':
			fam = bench_family(optarg);
			if (fam < 0)
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
	    bench_addr(&sa, &fam, argv[optind + 1], port))
		goto usage;

	if (!strcmp(argv[optind], "server"))
		serve(fam, &sa);
	if (!strcmp(argv[optind], "sink"))
		sink(fam, &sa);
	if (!strcmp(argv[optind], "blast"))
		blast(fam, &sa, secs);
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
		"usage: rr [-f inet|tinyip] [-p PORT] [-t SECS] server|ping|connect|sink|blast ADDR\n");
	return 2;
}
