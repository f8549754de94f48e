// SPDX-License-Identifier: GPL-2.0
/*
 * tip_ping: ICMP echo (RFC 792) over an AF_TINYIP raw socket, which needs
 * CAP_NET_RAW. Replies arrive with their IP header, as on Linux raw
 * sockets; each must come from the target and carry our identifier,
 * the sequence number and the payload we sent. Exits 0 only if every
 * request was answered.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define AF_TINYIP	22
#define MAX_PAYLOAD	65000

static unsigned char pkt[sizeof(struct icmphdr) + MAX_PAYLOAD];
static unsigned char buf[65536];

static void bad_usage(void)
{
	fprintf(stderr,
		"usage: tip_ping [-4] [-c COUNT] [-s SIZE] [-W MS] HOST\n"
		"  sends COUNT (3) echo requests of SIZE (56) payload bytes to\n"
		"  HOST and waits up to MS (2000) for each reply; -4 uses\n"
		"  AF_INET instead of AF_TINYIP\n");
	exit(2);
}

static int parse_num(const char *s, long min, long max)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "tip_ping: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static void die(const char *what)
{
	const char *name = strerrorname_np(errno);

	printf("error: %s: %s (%s)\n", what, name ? name : "?", strerror(errno));
	exit(1);
}

/* RFC 1071 Internet checksum. */
static unsigned short csum(const void *data, size_t len)
{
	const unsigned char *p = data;
	unsigned long sum = 0;

	for (; len > 1; p += 2, len -= 2)
		sum += (p[0] << 8) | p[1];
	if (len)
		sum += p[0] << 8;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return htons(~sum & 0xffff);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

/* Waits for the reply to @seq until @deadline; 0 when it came intact. */
static int wait_reply(int fd, const struct sockaddr_in *dst, unsigned short id,
		      unsigned short seq, size_t size, double deadline)
{
	const struct icmphdr *req = (const struct icmphdr *)pkt;

	while (now_ms() < deadline) {
		struct sockaddr_in from;
		socklen_t alen = sizeof(from);
		const struct icmphdr *icmp;
		const struct iphdr *ip;
		ssize_t len;
		size_t hl;

		len = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			       &alen);
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (len < 0)
			die("recvfrom");
		ip = (const struct iphdr *)buf;
		if ((size_t)len < sizeof(*ip) || ip->version != 4)
			continue;
		hl = ip->ihl * 4;
		if ((size_t)len < hl + sizeof(*icmp))
			continue;
		icmp = (const struct icmphdr *)(buf + hl);
		if (icmp->type != ICMP_ECHOREPLY || icmp->un.echo.id != htons(id) ||
		    icmp->un.echo.sequence != htons(seq))
			continue;	/* another pinger's or an old reply */
		if (ip->saddr != dst->sin_addr.s_addr ||
		    from.sin_addr.s_addr != dst->sin_addr.s_addr) {
			printf("error: seq %u: reply from %s, not the target\n",
			       seq, inet_ntoa(from.sin_addr));
			return 1;
		}
		if (from.sin_family != AF_INET) {
			printf("error: seq %u: source family %u, want AF_INET\n",
			       seq, from.sin_family);
			return 1;
		}
		if ((size_t)len - hl != sizeof(*icmp) + size ||
		    memcmp(icmp + 1, req + 1, size)) {
			printf("error: seq %u: payload differs (%zd bytes)\n",
			       seq, len - (ssize_t)hl);
			return 1;
		}
		if (csum(icmp, len - hl)) {
			printf("error: seq %u: bad ICMP checksum\n", seq);
			return 1;
		}
		return 0;
	}
	printf("error: seq %u: no reply\n", seq);
	return 1;
}

int main(int argc, char **argv)
{
	struct icmphdr *req = (struct icmphdr *)pkt;
	int count = 3, size = 56, wait = 2000, family = AF_TINYIP;
	int fd, c, i, j, lost = 0;
	struct timeval tv = { .tv_usec = 100000 };
	struct sockaddr_in dst = { .sin_family = AF_INET };
	unsigned short id;

	while ((c = getopt(argc, argv, "4c:s:W:")) != -1) {
		switch (c) {
		case '4':
			family = AF_INET;
			break;
		case 'c':
			count = parse_num(optarg, 1, 65535);
			break;
		case 's':
			size = parse_num(optarg, 0, MAX_PAYLOAD);
			break;
		case 'W':
			wait = parse_num(optarg, 1, 600000);
			break;
		default:
			bad_usage();
		}
	}
	if (optind != argc - 1 || inet_pton(AF_INET, argv[optind], &dst.sin_addr) != 1)
		bad_usage();

	fd = socket(family, SOCK_RAW, IPPROTO_ICMP);
	if (fd < 0)
		die("socket");
	/* Short slices so that a stream of foreign ICMP cannot stall us. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("SO_RCVTIMEO");

	id = getpid() & 0xffff;
	for (i = 1; i <= count; i++) {
		memset(req, 0, sizeof(*req));
		req->type = ICMP_ECHO;
		req->un.echo.id = htons(id);
		req->un.echo.sequence = htons(i);
		for (j = 0; j < size; j++)
			pkt[sizeof(*req) + j] = (unsigned char)(i + j * 13);
		req->checksum = csum(pkt, sizeof(*req) + size);
		if (sendto(fd, pkt, sizeof(*req) + size, 0,
			   (struct sockaddr *)&dst, sizeof(dst)) < 0)
			die("sendto");
		lost += wait_reply(fd, &dst, id, i, size, now_ms() + wait);
	}
	printf("%s: %d sent, %d answered\n", argv[optind], count, count - lost);
	return lost ? 1 : 0;
}
