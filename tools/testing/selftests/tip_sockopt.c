// SPDX-License-Identifier: GPL-2.0
/*
 * tip_sockopt: the UDP socket semantics applications rely on, checked on
 * AF_TINYIP (or on AF_INET with -4, which proves each check against the
 * native stack). Datagrams a check needs are sent to itself over
 * 127.0.0.1. Prints "ok NAME" or "not ok NAME: why" per check and exits
 * 0 only if all the named checks passed.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <net/if.h>
#include <netinet/in.h>
#include <poll.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#define AF_TINYIP	22
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

static int family = AF_TINYIP;
static const char *bcast = "192.0.2.255";
static const char *device = "v_tip";
static int test_port = 47001;
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

static int sock(void)
{
	int fd = socket(family, SOCK_DGRAM, 0);

	if (fd < 0) {
		fprintf(stderr, "socket: %s\n", ename(errno));
		exit(1);
	}
	return fd;
}

static struct sockaddr_in sin_of(const char *addr, int port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	inet_pton(AF_INET, addr, &sin.sin_addr);
	sin.sin_port = htons(port);
	return sin;
}

static int bind_to(int fd, const char *addr, int port)
{
	struct sockaddr_in sin = sin_of(addr, port);

	return bind(fd, (struct sockaddr *)&sin, sizeof(sin));
}

/* A socket bound to an ephemeral port of 127.0.0.1, and its address. */
static int loop_sock(struct sockaddr_in *self)
{
	socklen_t alen = sizeof(*self);
	int fd = sock();

	if (bind_to(fd, "127.0.0.1", 0) ||
	    getsockname(fd, (struct sockaddr *)self, &alen)) {
		fprintf(stderr, "bind/getsockname 127.0.0.1: %s\n", ename(errno));
		exit(1);
	}
	return fd;
}

static int send_self(int fd, const struct sockaddr_in *self, const void *data,
		     size_t len)
{
	return sendto(fd, data, len, 0, (const struct sockaddr *)self,
		      sizeof(*self)) == (ssize_t)len ? 0 : -1;
}

static int readable(int fd, int ms)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };

	return poll(&p, 1, ms) == 1 && (p.revents & POLLIN);
}

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int t_nonblock(void)
{
	struct sockaddr_in self;
	int fd = loop_sock(&self);
	char b[16];

	if (recv(fd, b, sizeof(b), MSG_DONTWAIT) != -1 || errno != EAGAIN)
		return bad("MSG_DONTWAIT recv: %s, want EAGAIN", ename(errno));
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	if (recv(fd, b, sizeof(b), 0) != -1 || errno != EAGAIN)
		return bad("O_NONBLOCK recv: %s, want EAGAIN", ename(errno));
	close(fd);
	return 0;
}

static int t_rcvtimeo(void)
{
	struct timeval tv = { .tv_usec = 300000 }, got;
	socklen_t olen = sizeof(got);
	struct sockaddr_in self;
	int fd = loop_sock(&self);
	double t0, dt;
	char b[16];

	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv)) ||
	    getsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &got, &olen))
		return bad("SO_RCVTIMEO: %s", ename(errno));
	if (got.tv_sec != 0 || got.tv_usec < 290000 || got.tv_usec > 310000)
		return bad("SO_RCVTIMEO reads back %ld.%06ld s", (long)got.tv_sec,
			   (long)got.tv_usec);
	t0 = now_ms();
	if (recv(fd, b, sizeof(b), 0) != -1 || errno != EAGAIN)
		return bad("recv: %s, want EAGAIN", ename(errno));
	dt = now_ms() - t0;
	if (dt < 250 || dt > 3000)
		return bad("timed out after %.0f ms, want 300", dt);
	close(fd);
	return 0;
}

static int t_poll(void)
{
	struct pollfd p;
	struct sockaddr_in self;
	int fd = loop_sock(&self);

	p = (struct pollfd){ .fd = fd, .events = POLLIN | POLLOUT };
	if (poll(&p, 1, 0) != 1 || p.revents != POLLOUT)
		return bad("idle socket polls 0x%x, want POLLOUT only", p.revents);
	if (send_self(fd, &self, "x", 1))
		return bad("sendto self: %s", ename(errno));
	if (!readable(fd, 3000))
		return bad("no POLLIN within 3 s of a datagram");
	close(fd);
	return 0;
}

static int t_fionread(void)
{
	static char b[300];
	struct sockaddr_in self;
	int fd = loop_sock(&self), n = -1;

	if (ioctl(fd, FIONREAD, &n) || n != 0)
		return bad("empty queue: FIONREAD %d (%s)", n, ename(errno));
	if (send_self(fd, &self, b, 100) || send_self(fd, &self, b, 300))
		return bad("sendto self: %s", ename(errno));
	if (!readable(fd, 3000))
		return bad("no datagram within 3 s");
	if (ioctl(fd, FIONREAD, &n) || n != 100)
		return bad("FIONREAD %d, want 100 (the next datagram)", n);
	if (recv(fd, b, sizeof(b), 0) != 100)
		return bad("first recv: not 100 bytes");
	if (!readable(fd, 3000))
		return bad("second datagram missing");
	if (ioctl(fd, FIONREAD, &n) || n != 300)
		return bad("FIONREAD %d, want 300", n);
	close(fd);
	return 0;
}

static int t_peek(void)
{
	struct sockaddr_in self, from;
	socklen_t alen = sizeof(from);
	int fd = loop_sock(&self);
	char a[32] = "", b[32] = "";
	ssize_t n;

	if (send_self(fd, &self, "peek-me", 7) || !readable(fd, 3000))
		return bad("datagram to self lost");
	n = recvfrom(fd, a, sizeof(a), MSG_PEEK, (struct sockaddr *)&from, &alen);
	if (n != 7 || memcmp(a, "peek-me", 7))
		return bad("MSG_PEEK returned %zd '%.7s'", n, a);
	if (from.sin_family != AF_INET || from.sin_port != self.sin_port ||
	    from.sin_addr.s_addr != self.sin_addr.s_addr)
		return bad("MSG_PEEK source is not the sender");
	n = recv(fd, b, sizeof(b), MSG_DONTWAIT);
	if (n != 7 || memcmp(a, b, 7))
		return bad("read after peek returned %zd '%.7s'", n, b);
	if (recv(fd, b, sizeof(b), MSG_DONTWAIT) != -1 || errno != EAGAIN)
		return bad("the peeked datagram was delivered twice");
	close(fd);
	return 0;
}

static int t_trunc(void)
{
	static char big[1000];
	struct sockaddr_in self;
	int fd = loop_sock(&self);
	char b[10];
	struct iovec iov = { .iov_base = b, .iov_len = sizeof(b) };
	struct msghdr mh = { .msg_iov = &iov, .msg_iovlen = 1 };
	ssize_t n;

	if (send_self(fd, &self, big, sizeof(big)) ||
	    send_self(fd, &self, big, sizeof(big)) || !readable(fd, 3000))
		return bad("datagram to self lost");
	n = recv(fd, b, sizeof(b), MSG_TRUNC);
	if (n != sizeof(big))
		return bad("recv MSG_TRUNC returned %zd, want %zu", n, sizeof(big));
	if (!readable(fd, 3000))
		return bad("second datagram missing");
	n = recvmsg(fd, &mh, 0);
	if (n != sizeof(b) || !(mh.msg_flags & MSG_TRUNC))
		return bad("recvmsg returned %zd, flags 0x%x, want 10 and MSG_TRUNC",
			   n, mh.msg_flags);
	close(fd);
	return 0;
}

static int t_autobind(void)
{
	struct sockaddr_in dst = sin_of("127.0.0.1", 9), a, b;
	socklen_t alen = sizeof(a);
	int fa = sock(), fb = sock();
	unsigned int pa, pb;

	if (connect(fa, (struct sockaddr *)&dst, sizeof(dst)))
		return bad("connect: %s", ename(errno));
	if (sendto(fb, "x", 1, 0, (struct sockaddr *)&dst, sizeof(dst)) != 1)
		return bad("sendto: %s", ename(errno));
	if (getsockname(fa, (struct sockaddr *)&a, &alen))
		return bad("getsockname: %s", ename(errno));
	alen = sizeof(b);
	if (getsockname(fb, (struct sockaddr *)&b, &alen))
		return bad("getsockname: %s", ename(errno));
	pa = ntohs(a.sin_port);
	pb = ntohs(b.sin_port);
	if (a.sin_family != AF_INET || b.sin_family != AF_INET)
		return bad("getsockname family %u/%u, want AF_INET", a.sin_family,
			   b.sin_family);
	if (pa < 32768 || pa > 60999 || pb < 32768 || pb > 60999)
		return bad("ephemeral ports %u and %u, want 32768-60999", pa, pb);
	if (pa == pb)
		return bad("two autobound sockets share port %u", pa);
	if (a.sin_addr.s_addr != htonl(INADDR_LOOPBACK))
		return bad("connected socket's address is not 127.0.0.1");
	close(fa);
	close(fb);
	return 0;
}

static int t_addrinuse(void)
{
	int fa = sock(), fb = sock(), on = 1;

	if (bind_to(fa, "0.0.0.0", test_port))
		return bad("first bind: %s", ename(errno));
	if (bind_to(fb, "0.0.0.0", test_port) != -1 || errno != EADDRINUSE)
		return bad("second bind: %s, want EADDRINUSE", ename(errno));
	close(fa);
	close(fb);
	fa = sock();
	fb = sock();
	setsockopt(fa, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	setsockopt(fb, SOL_SOCKET, SO_REUSEADDR, &on, sizeof(on));
	if (bind_to(fa, "0.0.0.0", test_port) || bind_to(fb, "0.0.0.0", test_port))
		return bad("bind with SO_REUSEADDR on both: %s", ename(errno));
	close(fa);
	close(fb);
	return 0;
}

/* Below 1024 needs CAP_NET_BIND_SERVICE: root binds, nobody gets EACCES. */
static int t_privport(void)
{
	int fd = sock(), r = bind_to(fd, "0.0.0.0", 80);

	if (geteuid() && (r != -1 || errno != EACCES))
		return bad("bind port 80 as uid %u: %s, want EACCES", geteuid(),
			   r ? ename(errno) : "success");
	if (!geteuid() && r)
		return bad("bind port 80 as root: %s", ename(errno));
	close(fd);
	return 0;
}

static int t_broadcast(void)
{
	struct sockaddr_in dst = sin_of(bcast, 9);
	int fd = sock(), on = 1;

	if (sendto(fd, "b", 1, 0, (struct sockaddr *)&dst, sizeof(dst)) != -1 ||
	    errno != EACCES)
		return bad("sendto %s without SO_BROADCAST: %s, want EACCES", bcast,
			   ename(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_BROADCAST, &on, sizeof(on)))
		return bad("SO_BROADCAST: %s", ename(errno));
	if (sendto(fd, "b", 1, 0, (struct sockaddr *)&dst, sizeof(dst)) != 1)
		return bad("sendto %s with SO_BROADCAST: %s", bcast, ename(errno));
	close(fd);
	return 0;
}

static int get_ttl(int fd)
{
	socklen_t olen = sizeof(int);
	int v = -2;

	if (getsockopt(fd, IPPROTO_IP, IP_TTL, &v, &olen))
		return -2;
	return v;
}

static int t_ttl(void)
{
	int fd = sock(), v, bads[] = { 0, 256 };
	size_t i;

	if (get_ttl(fd) != 64)
		return bad("default IP_TTL %d, want 64", get_ttl(fd));
	v = 7;
	if (setsockopt(fd, IPPROTO_IP, IP_TTL, &v, sizeof(v)) || get_ttl(fd) != 7)
		return bad("IP_TTL 7 reads back %d", get_ttl(fd));
	for (i = 0; i < ARRAY_SIZE(bads); i++)
		if (setsockopt(fd, IPPROTO_IP, IP_TTL, &bads[i], sizeof(int)) != -1 ||
		    errno != EINVAL)
			return bad("IP_TTL %d: %s, want EINVAL", bads[i], ename(errno));
	v = -1;
	if (setsockopt(fd, IPPROTO_IP, IP_TTL, &v, sizeof(v)) || get_ttl(fd) != 64)
		return bad("IP_TTL -1 (default) reads back %d", get_ttl(fd));
	close(fd);
	return 0;
}

static int t_bindtodevice(void)
{
	char name[IFNAMSIZ] = "";
	socklen_t olen = sizeof(name);
	int fd = sock();

	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "nosuchdev0", 11) != -1 ||
	    errno != ENODEV)
		return bad("SO_BINDTODEVICE nosuchdev0: %s, want ENODEV", ename(errno));
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, device, strlen(device) + 1))
		return bad("SO_BINDTODEVICE %s: %s", device, ename(errno));
	if (getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &olen) ||
	    strcmp(name, device))
		return bad("SO_BINDTODEVICE reads back '%s', want '%s'", name, device);
	if (setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "", 1))
		return bad("SO_BINDTODEVICE '' (unbind): %s", ename(errno));
	olen = sizeof(name);
	if (getsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, name, &olen) || olen != 0)
		return bad("still bound to '%s' after unbinding", name);
	close(fd);
	return 0;
}

static const struct {
	const char *name;
	int (*fn)(void);
} tests[] = {
	{ "nonblock", t_nonblock },
	{ "rcvtimeo", t_rcvtimeo },
	{ "poll", t_poll },
	{ "fionread", t_fionread },
	{ "peek", t_peek },
	{ "trunc", t_trunc },
	{ "autobind", t_autobind },
	{ "addrinuse", t_addrinuse },
	{ "privport", t_privport },
	{ "broadcast", t_broadcast },
	{ "ttl", t_ttl },
	{ "bindtodevice", t_bindtodevice },
};

static void bad_usage(void)
{
	size_t i;

	fprintf(stderr,
		"usage: tip_sockopt [-4] [-B BCAST] [-D DEV] [-p PORT] CHECK...\n"
		"  -4  AF_INET instead of AF_TINYIP; -B directed broadcast address\n"
		"  (192.0.2.255); -D device for bindtodevice (v_tip); -p a free\n"
		"  port for addrinuse (47001). CHECK is \"all\" or one of:\n ");
	for (i = 0; i < ARRAY_SIZE(tests); i++)
		fprintf(stderr, " %s", tests[i].name);
	fprintf(stderr, "\n");
	exit(2);
}

int main(int argc, char **argv)
{
	int c, failed = 0, a;
	size_t i;

	while ((c = getopt(argc, argv, "4B:D:p:")) != -1) {
		switch (c) {
		case '4':
			family = AF_INET;
			break;
		case 'B':
			bcast = optarg;
			break;
		case 'D':
			device = optarg;
			break;
		case 'p':
			test_port = atoi(optarg);
			break;
		default:
			bad_usage();
		}
	}
	if (optind == argc)
		bad_usage();
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
