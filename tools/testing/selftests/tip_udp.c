// SPDX-License-Identifier: GPL-2.0
/*
 * tip_udp: a UDP (RFC 768) and UDP-Lite (RFC 3828) client and server on
 * AF_TINYIP sockets, or on AF_INET ones with -4 so that the native stack
 * can be the peer of the same program (socat has no UDP-Lite). Every
 * receive has a timeout, so a lost datagram fails a test instead of
 * hanging it. Errors print the errno name, which the tests match.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#define AF_TINYIP		22
#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE		136
#endif
#define SOL_UDPLITE		136
#define UDPLITE_SEND_CSCOV	10
#define UDPLITE_RECV_CSCOV	11
#define MAX_DGRAM		65535

static int family = AF_TINYIP;
static int proto = IPPROTO_UDP;
static int cscov = -1;
static int rcv_cscov = -1;
static int timeout_ms = 5000;
static int ttl = -1;
static int broadcast;
static const char *group;
static const char *mcast_if;
static const char *bind_addr;
static const char *device;
static unsigned char buf[MAX_DGRAM];
static unsigned char pat[MAX_DGRAM];

static void bad_usage(void)
{
	fprintf(stderr,
		"usage: tip_udp [OPTIONS] echo-server PORT\n"
		"       tip_udp [OPTIONS] send HOST PORT SIZE [COUNT]\n"
		"       tip_udp [OPTIONS] recv PORT [COUNT]\n"
		"       tip_udp [OPTIONS] sendto HOST PORT MESSAGE [COUNT]\n"
		"  echo-server  echoes every datagram to its sender; prints\n"
		"               \"bound\" once ready, exits when idle for -t\n"
		"  send         connected: sends SIZE patterned bytes COUNT times,\n"
		"               each time waits for the echo and compares it\n"
		"  recv         prints \"ADDR:PORT LEN TEXT\" per datagram, exits\n"
		"               after COUNT (default 1), fails on timeout\n"
		"  sendto       unconnected: sends MESSAGE COUNT times, no reply\n"
		"options:\n"
		"  -4        AF_INET instead of AF_TINYIP (the native stack)\n"
		"  -l        UDP-Lite (IPPROTO_UDPLITE)\n"
		"  -c N      UDPLITE_SEND_CSCOV (0: whole datagram)\n"
		"  -r N      UDPLITE_RECV_CSCOV (least coverage accepted)\n"
		"  -g GROUP  join the multicast GROUP (IP_ADD_MEMBERSHIP)\n"
		"  -i ADDR   multicast interface address (IP_MULTICAST_IF, and\n"
		"            the interface of -g)\n"
		"  -b ADDR   local address to bind (default any)\n"
		"  -d DEV    SO_BINDTODEVICE\n"
		"  -T TTL    IP_TTL and IP_MULTICAST_TTL\n"
		"  -B        SO_BROADCAST\n"
		"  -t MS     receive timeout (SO_RCVTIMEO), default 5000\n");
	exit(2);
}

static void die(const char *what)
{
	const char *name = strerrorname_np(errno);

	printf("error: %s: %s (%s)\n", what, name ? name : "?", strerror(errno));
	fflush(stdout);
	exit(1);
}

static void parse_addr(const char *s, struct in_addr *a)
{
	if (inet_pton(AF_INET, s, a) != 1) {
		fprintf(stderr, "tip_udp: bad IPv4 address '%s'\n", s);
		exit(2);
	}
}

static int parse_num(const char *s, long min, long max)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "tip_udp: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static struct sockaddr_in sin_of(const char *host, const char *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (host)
		parse_addr(host, &sin.sin_addr);
	sin.sin_port = htons(parse_num(port, 0, 65535));
	return sin;
}

static int open_socket(void)
{
	struct timeval tv = {
		.tv_sec = timeout_ms / 1000,
		.tv_usec = (timeout_ms % 1000) * 1000,
	};
	int fd, on = 1;

	fd = socket(family, SOCK_DGRAM, proto);
	if (fd < 0)
		die("socket");
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)))
		die("SO_RCVTIMEO");
	if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on)))
		die("SO_REUSEADDR");
	if (cscov >= 0 &&
	    setsockopt(fd, SOL_UDPLITE, UDPLITE_SEND_CSCOV, &cscov, sizeof(cscov)))
		die("UDPLITE_SEND_CSCOV");
	if (rcv_cscov >= 0 &&
	    setsockopt(fd, SOL_UDPLITE, UDPLITE_RECV_CSCOV, &rcv_cscov,
		       sizeof(rcv_cscov)))
		die("UDPLITE_RECV_CSCOV");
	if (broadcast &&
	    setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)))
		die("SO_BROADCAST");
	if (ttl >= 0) {
		if (setsockopt(fd, IPPROTO_IP, IP_TTL, &ttl, sizeof(ttl)))
			die("IP_TTL");
		if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_TTL, &ttl, sizeof(ttl)))
			die("IP_MULTICAST_TTL");
	}
	if (device && setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device,
				 strlen(device) + 1))
		die("SO_BINDTODEVICE");
	if (mcast_if) {
		struct in_addr a;

		parse_addr(mcast_if, &a);
		if (setsockopt(fd, IPPROTO_IP, IP_MULTICAST_IF, &a, sizeof(a)))
			die("IP_MULTICAST_IF");
	}
	return fd;
}

static void bind_port(int fd, const char *port)
{
	struct sockaddr_in sin = sin_of(bind_addr, port);

	if (bind(fd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind");
	if (group) {
		struct ip_mreq mr = { .imr_interface.s_addr = htonl(INADDR_ANY) };

		parse_addr(group, &mr.imr_multiaddr);
		if (mcast_if)
			parse_addr(mcast_if, &mr.imr_interface);
		if (setsockopt(fd, IPPROTO_IP, IP_ADD_MEMBERSHIP, &mr, sizeof(mr)))
			die("IP_ADD_MEMBERSHIP");
	}
	printf("bound\n");
	fflush(stdout);
}

static const char *name_of(const struct sockaddr_in *sin)
{
	static char s[INET_ADDRSTRLEN + 8];
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a));
	snprintf(s, sizeof(s), "%s:%u", a, ntohs(sin->sin_port));
	return s;
}

static int echo_server(char **argv)
{
	int fd = open_socket();
	unsigned long n = 0;

	bind_port(fd, argv[0]);
	for (;;) {
		struct sockaddr_in from;
		socklen_t alen = sizeof(from);
		ssize_t len;

		len = recvfrom(fd, buf, sizeof(buf), 0, (struct sockaddr *)&from,
			       &alen);
		if (len < 0 && (errno == EAGAIN || errno == EINTR))
			break;
		if (len < 0)
			die("recvfrom");
		if (from.sin_family != AF_INET)
			printf("warning: sender family %u\n", from.sin_family);
		if (sendto(fd, buf, len, 0, (struct sockaddr *)&from, alen) != len) {
			/* Out of memory (net_fault.sh): a lost echo, as UDP
			 * allows; the client counts it, the server goes on.
			 */
			if (errno != ENOBUFS && errno != ENOMEM)
				die("sendto");
			printf("dropped: sendto %s\n", strerrorname_np(errno));
			fflush(stdout);
			continue;
		}
		printf("echoed %zd bytes to %s\n", len, name_of(&from));
		fflush(stdout);
		n++;
	}
	printf("idle, %lu datagrams echoed\n", n);
	return 0;
}

static int send_echo(char **argv, int argc)
{
	struct sockaddr_in dst = sin_of(argv[0], argv[1]);
	int size = parse_num(argv[2], 0, MAX_DGRAM);
	int count = argc > 3 ? parse_num(argv[3], 1, 1000000) : 1;
	int fd = open_socket(), i, j;

	if (bind_addr)
		bind_port(fd, "0");
	if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)))
		die("connect");
	for (i = 0; i < count; i++) {
		ssize_t len;

		for (j = 0; j < size; j++)
			pat[j] = (unsigned char)(j * 7 + i + (j >> 8));
		len = send(fd, pat, size, 0);
		if (len < 0)
			die("send");
		if (len != size) {
			printf("error: sent %zd of %d bytes\n", len, size);
			return 1;
		}
		len = recv(fd, buf, sizeof(buf), 0);
		if (len < 0)
			die("recv");
		if (len != size || memcmp(buf, pat, size)) {
			printf("error: echo %d: got %zd bytes, want %d, %s\n", i,
			       len, size, len == size ? "content differs" : "");
			return 1;
		}
	}
	printf("ok: %d x %d bytes echoed by %s\n", count, size, name_of(&dst));
	return 0;
}

static int recv_print(char **argv, int argc)
{
	int count = argc > 1 ? parse_num(argv[1], 1, 1000000) : 1;
	int fd = open_socket(), i, j;

	bind_port(fd, argv[0]);
	for (i = 0; i < count; i++) {
		struct sockaddr_in from;
		socklen_t alen = sizeof(from);
		ssize_t len;

		len = recvfrom(fd, buf, sizeof(buf) - 1, 0,
			       (struct sockaddr *)&from, &alen);
		if (len < 0)
			die("recvfrom");
		for (j = 0; j < len; j++)
			if (buf[j] < 0x20 || buf[j] > 0x7e)
				buf[j] = '.';
		buf[len] = '\0';
		printf("%s %zd %s\n", name_of(&from), len, buf);
		fflush(stdout);
	}
	return 0;
}

static int send_to(char **argv, int argc)
{
	struct sockaddr_in dst = sin_of(argv[0], argv[1]);
	int count = argc > 3 ? parse_num(argv[3], 1, 1000000) : 1;
	size_t len = strlen(argv[2]);
	int fd = open_socket(), i;

	if (bind_addr)
		bind_port(fd, "0");
	for (i = 0; i < count; i++)
		if (sendto(fd, argv[2], len, 0, (struct sockaddr *)&dst,
			   sizeof(dst)) != (ssize_t)len)
			die("sendto");
	printf("ok: sent %d to %s\n", count, name_of(&dst));
	return 0;
}

int main(int argc, char **argv)
{
	int c;

	while ((c = getopt(argc, argv, "+4lBc:r:g:i:b:d:T:t:")) != -1) {
		switch (c) {
		case '4':
			family = AF_INET;
			break;
		case 'l':
			proto = IPPROTO_UDPLITE;
			break;
		case 'B':
			broadcast = 1;
			break;
		case 'c':
			cscov = parse_num(optarg, 0, 65535);
			break;
		case 'r':
			rcv_cscov = parse_num(optarg, 0, 65535);
			break;
		case 'g':
			group = optarg;
			break;
		case 'i':
			mcast_if = optarg;
			break;
		case 'b':
			bind_addr = optarg;
			break;
		case 'd':
			device = optarg;
			break;
		case 'T':
			ttl = parse_num(optarg, 0, 255);
			break;
		case 't':
			timeout_ms = parse_num(optarg, 1, 3600000);
			break;
		default:
			bad_usage();
		}
	}
	argv += optind;
	argc -= optind;
	if (argc < 1)
		bad_usage();
	if (!strcmp(argv[0], "echo-server") && argc == 2)
		return echo_server(argv + 1);
	if (!strcmp(argv[0], "send") && (argc == 4 || argc == 5))
		return send_echo(argv + 1, argc - 1);
	if (!strcmp(argv[0], "recv") && (argc == 2 || argc == 3))
		return recv_print(argv + 1, argc - 1);
	if (!strcmp(argv[0], "sendto") && (argc == 4 || argc == 5))
		return send_to(argv + 1, argc - 1);
	bad_usage();
	return 2;
}
