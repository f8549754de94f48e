// SPDX-License-Identifier: GPL-2.0
/*
 * tip_sender [-d DEV] [-n COUNT] [-i USEC] [-s SIZE] [-t SECONDS] ADDR PORT
 *
 * Sends UDP datagrams from an AF_TINYIP socket (RFC 768) to ADDR:PORT,
 * optionally bound to DEV with SO_BINDTODEVICE, every USEC microseconds,
 * COUNT of them (0: until an error). Prints "started" after the first
 * datagram left, then "sent N" at the end, or "error ENAME after N" when
 * a send fails for good. Transient refusals (ENOBUFS, EAGAIN: a budget or
 * a queue still resolving) are counted and retried, so a teardown test
 * can tell "the link went away" from "the link was busy".
 *
 * Exit: 0 all sent, 3 a send failed, 2 usage or setup error, 4 timeout.
 * A C program because interpreters start slowly in the debug guest.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#ifndef AF_TINYIP
#define AF_TINYIP 22
#endif

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static const char *ename(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "E?";
}

static void usage(const char *prog)
{
	fprintf(stderr, "Usage: %s [-d DEV] [-n COUNT] [-i USEC] [-s SIZE]\n"
		"       [-t SECONDS] ADDR PORT\n", prog);
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned long count = 1, sent = 0, transient = 0;
	unsigned int interval = 0, size = 64, timeout = 30;
	const char *dev = NULL;
	struct sockaddr_in to = { .sin_family = AF_INET };
	char *buf;
	double end;
	int fd, c;

	while ((c = getopt(argc, argv, "d:n:i:s:t:")) != -1) {
		switch (c) {
		case 'd':
			dev = optarg;
			break;
		case 'n':
			count = strtoul(optarg, NULL, 0);
			break;
		case 'i':
			interval = strtoul(optarg, NULL, 0);
			break;
		case 's':
			size = strtoul(optarg, NULL, 0);
			break;
		case 't':
			timeout = strtoul(optarg, NULL, 0);
			break;
		default:
			usage(argv[0]);
		}
	}
	if (argc - optind != 2 || inet_pton(AF_INET, argv[optind], &to.sin_addr) != 1)
		usage(argv[0]);
	to.sin_port = htons(atoi(argv[optind + 1]));

	buf = calloc(1, size ? size : 1);
	fd = socket(AF_TINYIP, SOCK_DGRAM, 0);
	if (!buf || fd < 0) {
		printf("error %s at socket\n", ename(errno));
		return 2;
	}
	if (dev && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, dev, strlen(dev) + 1)) {
		printf("error %s at SO_BINDTODEVICE\n", ename(errno));
		return 2;
	}

	setvbuf(stdout, NULL, _IOLBF, 0);
	end = now() + timeout;
	while (!count || sent < count) {
		if (now() > end) {
			printf("timeout after %lu (transient %lu)\n", sent, transient);
			return 4;
		}
		snprintf(buf, size, "tip_sender %lu", sent);
		if (sendto(fd, buf, size, 0, (struct sockaddr *)&to, sizeof(to)) < 0) {
			if (errno == ENOBUFS || errno == EAGAIN || errno == EINTR) {
				transient++;
				usleep(1000);
				continue;
			}
			printf("error %s after %lu\n", ename(errno), sent);
			return 3;
		}
		if (!sent++)
			printf("started\n");
		if (interval)
			usleep(interval);
	}
	printf("sent %lu (transient %lu)\n", sent, transient);
	close(fd);
	return 0;
}
