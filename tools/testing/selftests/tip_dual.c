// SPDX-License-Identifier: GPL-2.0
/*
 * tip_dual: dual-stack socket semantics (RFC 3493: sockaddr_in6,
 * IPV6_V6ONLY, IPv4-mapped addresses of RFC 4291 2.5.5.2) on AF_TINYIP,
 * or with -6 on the native stack (AF_INET6 and AF_INET sockets), which
 * proves each check. An AF_TINYIP socket becomes IPv6 the way tinyip-run
 * makes it, with IPV6_V6ONLY 0 right after socket(). Local checks use
 * 127.0.0.1 as ::ffff:127.0.0.1. Prints "ok NAME" or "not ok NAME: why"
 * per check and exits 0 only if all the named checks passed.
 *
 * Also three roles for tests against the native stack over the wire:
 *   recv PORT             dual UDP socket on [::]:PORT, prints the sender
 *   accept PORT           dual (with -o: V6ONLY) TCP listener, prints the
 *                         peer accept() names
 *   connect ADDR6 PORT    TCP connect to ADDR6 (e.g. ::ffff:192.0.2.1),
 *                         prints getpeername, sends "hello"
 *   bindll ADDR DEV OTHER bind to link-local ADDR%DEV: prints the name and
 *                         the device bound; then the same bind on a socket
 *                         bound to OTHER, which must fail
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#define AF_TINYIP	22
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static bool native;
static bool v6only;
static int base_port = 47100;
static char why[256];

static int bad(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, sizeof(why), fmt, ap);
	va_end(ap);
	return 1;
}

static const char *ename(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "?";
}

static int must(int fd, const char *what)
{
	if (fd < 0) {
		fprintf(stderr, "%s: %s\n", what, ename(errno));
		exit(1);
	}
	return fd;
}

/* An IPv6 (dual unless @only) socket: AF_INET6, or AF_TINYIP made v6. */
static int sock6(int type, int only)
{
	int fd = must(socket(native ? AF_INET6 : AF_TINYIP, type, 0),
		      "socket");

	if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &only, sizeof(only)))
		must(-1, "IPV6_V6ONLY");
	return fd;
}

/* An IPv4 socket: AF_INET, or an AF_TINYIP one left as it starts. */
static int sock4(int type)
{
	return must(socket(native ? AF_INET : AF_TINYIP, type, 0), "socket");
}

static struct sockaddr_in6 sa6(const char *addr, int port)
{
	struct sockaddr_in6 s = { .sin6_family = AF_INET6 };

	s.sin6_port = htons(port);
	if (inet_pton(AF_INET6, addr, &s.sin6_addr) != 1) {
		fprintf(stderr, "bad address %s\n", addr);
		exit(2);
	}
	return s;
}

static struct sockaddr_in sa4(const char *addr, int port)
{
	struct sockaddr_in s = { .sin_family = AF_INET };

	s.sin_port = htons(port);
	inet_pton(AF_INET, addr, &s.sin_addr);
	return s;
}

/* "AF_INET6 ADDR PORT" or "AF_INET ADDR PORT", as a test compares it. */
static const char *show(const struct sockaddr_storage *ss)
{
	static char buf[INET6_ADDRSTRLEN + 40];
	char a[INET6_ADDRSTRLEN] = "?";

	if (ss->ss_family == AF_INET6) {
		const struct sockaddr_in6 *s = (const void *)ss;

		inet_ntop(AF_INET6, &s->sin6_addr, a, sizeof(a));
		snprintf(buf, sizeof(buf), "AF_INET6 %s %u scope %u", a,
			 ntohs(s->sin6_port), s->sin6_scope_id);
	} else if (ss->ss_family == AF_INET) {
		const struct sockaddr_in *s = (const void *)ss;

		inet_ntop(AF_INET, &s->sin_addr, a, sizeof(a));
		snprintf(buf, sizeof(buf), "AF_INET %s %u", a,
			 ntohs(s->sin_port));
	} else {
		snprintf(buf, sizeof(buf), "family %d", ss->ss_family);
	}
	return buf;
}

static const char *name(int fd, bool peer)
{
	struct sockaddr_storage ss = {};
	socklen_t len = sizeof(ss);
	int r = peer ? getpeername(fd, (struct sockaddr *)&ss, &len) :
		       getsockname(fd, (struct sockaddr *)&ss, &len);

	return r ? ename(errno) : show(&ss);
}

/* The local port of @fd, whatever its family. */
static int port_of(int fd)
{
	struct sockaddr_in6 s = {};
	socklen_t len = sizeof(s);

	if (getsockname(fd, (struct sockaddr *)&s, &len))
		return -1;
	/* sin_port and sin6_port sit at the same offset. */
	return ntohs(s.sin6_port);
}

/* The errno of a call that must fail, or 0 when it succeeded. */
static int fails(int r)
{
	return r ? errno : 0;
}

/* A fresh dual socket is named as IPv6 even before bind (RFC 3493 3.7). */
static int t_name(void)
{
	int fd = sock6(SOCK_DGRAM, 0);
	const char *n = name(fd, false);

	close(fd);
	if (strcmp(n, "AF_INET6 :: 0 scope 0"))
		return bad("getsockname before bind: %s", n);
	fd = sock4(SOCK_DGRAM);
	n = name(fd, false);
	close(fd);
	if (strcmp(n, "AF_INET 0.0.0.0 0"))
		return bad("IPv4 socket before bind: %s", n);
	return 0;
}

/* IPV6_V6ONLY: 0 by default (bindv6only=0), settable before bind only. */
static int t_v6only(void)
{
	struct sockaddr_in6 any = sa6("::", 0);
	int fd = must(socket(native ? AF_INET6 : AF_TINYIP, SOCK_DGRAM, 0),
		      "socket");
	socklen_t len = sizeof(int);
	int val = -1, one = 1, err;

	if (getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &val, &len) || val)
		return bad("default: %d (%s)", val, ename(errno));
	if (setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof(one)))
		return bad("set: %s", ename(errno));
	if (getsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &val, &len) || val != 1)
		return bad("after set: %d", val);
	if (bind(fd, (struct sockaddr *)&any, sizeof(any)))
		return bad("bind [::]:0: %s", ename(errno));
	err = fails(setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one,
			       sizeof(one)));
	close(fd);
	if (err != EINVAL)
		return bad("set after bind: %s, want EINVAL", ename(err));
	return 0;
}

/* A V6ONLY socket refuses IPv4-mapped addresses, as Linux does. */
static int t_v6only_mapped(void)
{
	struct sockaddr_in6 lo = sa6("::ffff:127.0.0.1", base_port);
	int fd, err;
	char c = 0;

	fd = sock6(SOCK_DGRAM, 1);
	err = fails(bind(fd, (struct sockaddr *)&lo, sizeof(lo)));
	if (err != EINVAL)
		return bad("bind mapped: %s, want EINVAL", ename(err));
	err = fails(connect(fd, (struct sockaddr *)&lo, sizeof(lo)));
	if (err != ENETUNREACH)
		return bad("UDP connect mapped: %s, want ENETUNREACH",
			   ename(err));
	err = fails(sendto(fd, &c, 1, 0, (struct sockaddr *)&lo,
			   sizeof(lo)) < 0);
	close(fd);
	if (err != ENETUNREACH)
		return bad("sendto mapped: %s, want ENETUNREACH", ename(err));
	fd = sock6(SOCK_STREAM, 1);
	err = fails(connect(fd, (struct sockaddr *)&lo, sizeof(lo)));
	close(fd);
	if (err != ENETUNREACH)
		return bad("TCP connect mapped: %s, want ENETUNREACH",
			   ename(err));
	return 0;
}

/* Family mismatches: EAFNOSUPPORT, both ways, UDP and TCP. */
static int t_family(void)
{
	struct sockaddr_in6 lo6 = sa6("::ffff:127.0.0.1", base_port);
	struct sockaddr_storage ss = {};
	struct sockaddr_in any4 = sa4("0.0.0.0", 0);
	int fd, err;

	/* A sockaddr_in in a buffer as long as a sockaddr_in6. */
	memcpy(&ss, &any4, sizeof(any4));
	fd = sock6(SOCK_DGRAM, 0);
	err = fails(bind(fd, (struct sockaddr *)&ss, sizeof(lo6)));
	close(fd);
	if (err != EAFNOSUPPORT)
		return bad("IPv6 UDP bind(sockaddr_in): %s", ename(err));
	fd = sock6(SOCK_STREAM, 0);
	err = fails(connect(fd, (struct sockaddr *)&ss, sizeof(lo6)));
	close(fd);
	if (err != EAFNOSUPPORT)
		return bad("IPv6 TCP connect(sockaddr_in): %s", ename(err));
	/* An IPv4 socket, bound: a sockaddr_in6 is the wrong family. */
	fd = sock4(SOCK_DGRAM);
	if (bind(fd, (struct sockaddr *)&any4, sizeof(any4)))
		return bad("IPv4 bind: %s", ename(errno));
	err = fails(connect(fd, (struct sockaddr *)&lo6, sizeof(lo6)));
	close(fd);
	if (err != EAFNOSUPPORT)
		return bad("IPv4 UDP connect(sockaddr_in6): %s", ename(err));
	return 0;
}

/* Address lengths below SIN6_LEN_RFC2133 (24) are EINVAL. */
static int t_addrlen(void)
{
	struct sockaddr_in6 any = sa6("::", 0);
	int fd = sock6(SOCK_DGRAM, 0), err;

	err = fails(bind(fd, (struct sockaddr *)&any, 20));
	if (err != EINVAL)
		return bad("bind with 20 bytes: %s", ename(err));
	/* RFC 2133's 24-byte sockaddr_in6 is still taken. */
	if (bind(fd, (struct sockaddr *)&any, 24))
		return bad("bind with 24 bytes: %s", ename(errno));
	err = fails(connect(fd, (struct sockaddr *)&any, 8));
	close(fd);
	if (err != EINVAL)
		return bad("connect with 8 bytes: %s", ename(err));
	return 0;
}

/* A link-local address means nothing without an interface: EINVAL. */
static int t_scope(void)
{
	struct sockaddr_in6 ll = sa6("fe80::1", base_port);
	int fd, err;

	fd = sock6(SOCK_DGRAM, 0);
	err = fails(bind(fd, (struct sockaddr *)&ll, sizeof(ll)));
	if (err != EINVAL)
		return bad("bind fe80::1 without scope: %s", ename(err));
	err = fails(connect(fd, (struct sockaddr *)&ll, sizeof(ll)));
	close(fd);
	if (err != EINVAL)
		return bad("UDP connect fe80::1 without scope: %s",
			   ename(err));
	fd = sock6(SOCK_STREAM, 0);
	err = fails(connect(fd, (struct sockaddr *)&ll, sizeof(ll)));
	close(fd);
	if (err != EINVAL)
		return bad("TCP connect fe80::1 without scope: %s",
			   ename(err));
	return 0;
}

/* An IPv6 address that is not ours, or no route: clear errors. */
static int t_unreach(void)
{
	struct sockaddr_in6 far = sa6("2001:db8:ffff::1", base_port);
	int fd, err;
	char c = 0;

	fd = sock6(SOCK_DGRAM, 0);
	err = fails(bind(fd, (struct sockaddr *)&far, sizeof(far)));
	if (err != EADDRNOTAVAIL)
		return bad("bind to a foreign address: %s", ename(err));
	err = fails(connect(fd, (struct sockaddr *)&far, sizeof(far)));
	if (err != ENETUNREACH)
		return bad("UDP connect: %s", ename(err));
	err = fails(sendto(fd, &c, 1, 0, (struct sockaddr *)&far,
			   sizeof(far)) < 0);
	close(fd);
	if (err != ENETUNREACH)
		return bad("sendto: %s", ename(err));
	fd = sock6(SOCK_STREAM, 0);
	err = fails(connect(fd, (struct sockaddr *)&far, sizeof(far)));
	close(fd);
	if (err != ENETUNREACH)
		return bad("TCP connect: %s", ename(err));
	return 0;
}

/*
 * Port sharing between families (Linux's rules): [::] without V6ONLY
 * collides with 0.0.0.0 on the same port, a V6ONLY [::] does not.
 */
static int conflict(int type)
{
	struct sockaddr_in any4 = sa4("0.0.0.0", base_port + 1);
	struct sockaddr_in6 any6 = sa6("::", base_port + 1);
	int fd4 = sock4(type), dual = sock6(type, 0), only = sock6(type, 1);
	int err;

	if (bind(fd4, (struct sockaddr *)&any4, sizeof(any4)))
		return bad("bind 0.0.0.0: %s", ename(errno));
	err = fails(bind(dual, (struct sockaddr *)&any6, sizeof(any6)));
	if (err != EADDRINUSE)
		return bad("dual [::] beside 0.0.0.0: %s, want EADDRINUSE",
			   ename(err));
	if (bind(only, (struct sockaddr *)&any6, sizeof(any6)))
		return bad("V6ONLY [::] beside 0.0.0.0: %s", ename(errno));
	close(fd4);
	close(dual);
	close(only);
	return 0;
}

static int t_conflict_udp(void)
{
	return conflict(SOCK_DGRAM);
}

static int t_conflict_tcp(void)
{
	return conflict(SOCK_STREAM);
}

/* A dual UDP socket talks IPv4: mapped names on both ends. */
static int t_mapped_udp(void)
{
	struct sockaddr_in6 any = sa6("::", base_port + 2);
	struct sockaddr_in dst = sa4("127.0.0.1", base_port + 2);
	struct sockaddr_in6 lo = sa6("::ffff:127.0.0.1", base_port + 2);
	int rx = sock6(SOCK_DGRAM, 0), tx = sock4(SOCK_DGRAM), c;
	struct sockaddr_storage from = {};
	socklen_t len = sizeof(from);
	char buf[16], want[80];
	const char *n;

	if (bind(rx, (struct sockaddr *)&any, sizeof(any)))
		return bad("bind [::]: %s", ename(errno));
	if (sendto(tx, "hi", 2, 0, (struct sockaddr *)&dst, sizeof(dst)) != 2)
		return bad("sendto 127.0.0.1: %s", ename(errno));
	if (recvfrom(rx, buf, sizeof(buf), 0, (struct sockaddr *)&from,
		     &len) != 2)
		return bad("recvfrom: %s", ename(errno));
	if (len != sizeof(struct sockaddr_in6))
		return bad("recvfrom name length %u", len);
	snprintf(want, sizeof(want), "AF_INET6 ::ffff:127.0.0.1 %d scope 0",
		 port_of(tx));
	if (strcmp(show(&from), want))
		return bad("sender %s, want %s", show(&from), want);
	c = sock6(SOCK_DGRAM, 0);
	if (connect(c, (struct sockaddr *)&lo, sizeof(lo)))
		return bad("connect ::ffff:127.0.0.1: %s", ename(errno));
	n = name(c, true);
	if (strncmp(n, "AF_INET6 ::ffff:127.0.0.1 ", 26))
		return bad("getpeername %s", n);
	n = name(c, false);
	if (strncmp(n, "AF_INET6 ::ffff:127.0.0.1 ", 26))
		return bad("getsockname %s", n);
	close(c);
	close(rx);
	close(tx);
	return 0;
}

/* accept() on a dual [::] listener names an IPv4 client as mapped. */
static int t_mapped_tcp(void)
{
	struct sockaddr_in6 any = sa6("::", base_port + 3);
	struct sockaddr_in dst = sa4("127.0.0.1", base_port + 3);
	struct sockaddr_storage peer = {};
	socklen_t len = sizeof(peer);
	int l = sock6(SOCK_STREAM, 0), c = sock4(SOCK_STREAM), a;
	char want[64];
	const char *n;

	if (bind(l, (struct sockaddr *)&any, sizeof(any)) || listen(l, 4))
		return bad("listen [::]: %s", ename(errno));
	if (connect(c, (struct sockaddr *)&dst, sizeof(dst)))
		return bad("IPv4 connect: %s", ename(errno));
	a = accept(l, (struct sockaddr *)&peer, &len);
	if (a < 0)
		return bad("accept: %s", ename(errno));
	if (strncmp(show(&peer), "AF_INET6 ::ffff:127.0.0.1 ", 26))
		return bad("accept named %s", show(&peer));
	n = name(a, false);
	if (strncmp(n, "AF_INET6 ::ffff:127.0.0.1 ", 26))
		return bad("accepted getsockname %s", n);
	/* The IPv4 end still sees IPv4 names. */
	n = name(c, true);
	snprintf(want, sizeof(want), "AF_INET 127.0.0.1 %d", base_port + 3);
	if (strcmp(n, want))
		return bad("IPv4 client's getpeername %s", n);
	close(a);
	close(c);
	close(l);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{ "name", t_name },
	{ "v6only", t_v6only },
	{ "v6only_mapped", t_v6only_mapped },
	{ "family", t_family },
	{ "addrlen", t_addrlen },
	{ "scope", t_scope },
	{ "unreach", t_unreach },
	{ "conflict_udp", t_conflict_udp },
	{ "conflict_tcp", t_conflict_tcp },
	{ "mapped_udp", t_mapped_udp },
	{ "mapped_tcp", t_mapped_tcp },
};

/* Roles for the tests over the wire; each prints "bound" when ready. */
static int role_recv(int port)
{
	struct sockaddr_in6 any = sa6("::", port);
	struct sockaddr_storage from = {};
	socklen_t len = sizeof(from);
	int fd = sock6(SOCK_DGRAM, v6only);
	char buf[64];
	ssize_t n;

	must(bind(fd, (struct sockaddr *)&any, sizeof(any)), "bind");
	printf("bound %s\n", name(fd, false));
	fflush(stdout);
	n = recvfrom(fd, buf, sizeof(buf) - 1, 0, (struct sockaddr *)&from,
		     &len);
	must(n, "recvfrom");
	buf[n] = '\0';
	printf("from %s len %u data %s\n", show(&from), len, buf);
	return 0;
}

static int role_accept(int port)
{
	struct sockaddr_in6 any = sa6("::", port);
	struct sockaddr_storage peer = {};
	socklen_t len = sizeof(peer);
	int fd = sock6(SOCK_STREAM, v6only), a;
	char buf[64];
	ssize_t n;

	must(bind(fd, (struct sockaddr *)&any, sizeof(any)), "bind");
	must(listen(fd, 4), "listen");
	printf("bound %s\n", name(fd, false));
	fflush(stdout);
	a = must(accept(fd, (struct sockaddr *)&peer, &len), "accept");
	printf("peer %s len %u\n", show(&peer), len);
	n = must(read(a, buf, sizeof(buf) - 1), "read");
	buf[n] = '\0';
	printf("data %s\n", buf);
	return 0;
}

static int role_connect(const char *addr, int port)
{
	struct sockaddr_in6 dst = sa6(addr, port);
	int fd = sock6(SOCK_STREAM, v6only);

	must(connect(fd, (struct sockaddr *)&dst, sizeof(dst)), "connect");
	printf("peer %s\n", name(fd, true));
	printf("local %s\n", name(fd, false));
	must(write(fd, "hello\n", 6), "write");
	close(fd);
	return 0;
}

/*
 * A scoped bind binds the device (RFC 4007 11; as SO_BINDTODEVICE), and
 * one to another device is EINVAL. Prints the name and the device.
 */
static int role_bindll(const char *addr, const char *dev, const char *other)
{
	struct sockaddr_in6 ll = sa6(addr, 0);
	int fd = sock6(SOCK_DGRAM, 0), fd2;
	socklen_t len = IF_NAMESIZE;
	char bound[IF_NAMESIZE] = "";

	ll.sin6_scope_id = if_nametoindex(dev);
	must(bind(fd, (struct sockaddr *)&ll, sizeof(ll)), "bind");
	must(getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, bound, &len),
	     "SO_BINDTODEVICE");
	printf("bound %s dev %s ifindex %u\n", name(fd, false), bound,
	       ll.sin6_scope_id);
	fd2 = sock6(SOCK_DGRAM, 0);
	must(setsockopt(fd2, SOL_SOCKET, SO_BINDTODEVICE, other,
			strlen(other)), "SO_BINDTODEVICE other");
	printf("other device: %s\n",
	       bind(fd2, (struct sockaddr *)&ll, sizeof(ll)) ? ename(errno) :
							       "bound");
	return 0;
}

static void bad_usage(void)
{
	size_t i;

	fprintf(stderr,
		"usage: tip_dual [-6] [-o] [-p PORT] CHECK...\n"
		"       tip_dual [-6] [-o] recv|accept PORT\n"
		"       tip_dual [-6] [-o] connect ADDR6 PORT\n"
		"       tip_dual [-6] bindll FE80ADDR DEV OTHERDEV\n"
		"  -6 the native stack (AF_INET6/AF_INET); -o IPV6_V6ONLY for\n"
		"  the roles; -p first of 4 free ports (47100). CHECK is \"all\"\n"
		"  or one of:\n ");
	for (i = 0; i < ARRAY_SIZE(tests); i++)
		fprintf(stderr, " %s", tests[i].name);
	fprintf(stderr, "\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int c, failed = 0, a;
	size_t i;

	while ((c = getopt(argc, argv, "6op:")) != -1) {
		switch (c) {
		case '6':
			native = true;
			break;
		case 'o':
			v6only = true;
			break;
		case 'p':
			base_port = atoi(optarg);
			break;
		default:
			bad_usage();
		}
	}
	if (optind == argc)
		bad_usage();
	if (!strcmp(argv[optind], "recv") && argc - optind == 2)
		return role_recv(atoi(argv[optind + 1]));
	if (!strcmp(argv[optind], "accept") && argc - optind == 2)
		return role_accept(atoi(argv[optind + 1]));
	if (!strcmp(argv[optind], "bindll") && argc - optind == 4)
		return role_bindll(argv[optind + 1], argv[optind + 2],
				   argv[optind + 3]);
	if (!strcmp(argv[optind], "connect") && argc - optind == 3)
		return role_connect(argv[optind + 1], atoi(argv[optind + 2]));
	for (a = optind; a < argc; a++) {
		int found = 0;

		for (i = 0; i < ARRAY_SIZE(tests); i++) {
			if (strcmp(argv[a], "all") && strcmp(argv[a], tests[i].name))
				continue;
			found = 1;
			why[0] = '\0';
			if (tests[i].fn()) {
				printf("not ok %s: %s\n", tests[i].name, why);
				failed++;
			} else {
				printf("ok %s\n", tests[i].name);
			}
			fflush(stdout);
		}
		if (!found)
			bad_usage();
	}
	return failed ? 1 : 0;
}
