// SPDX-License-Identifier: GPL-2.0
/*
 * sock_fuzz: random sequences of AF_TINYIP socket calls with random
 * arguments, in the spirit of syzkaller's descriptions of the socket
 * API: socket, bind, connect, listen, accept, sendmsg, recvmsg (with
 * MSG_ERRQUEUE and MSG_OOB), setsockopt and getsockopt at every level
 * tinyip knows, shutdown, ioctl, poll and close, on up to 12 sockets at
 * once. Addresses and ports come from small pools (tinyip's loopback,
 * the test's link, the wildcard, IPv4-mapped, garbage) so that calls
 * meet each other: a listener gets connections, a connected socket gets
 * data. Every socket is non-blocking and every call runs under a
 * one-second alarm, so nothing waits.
 *
 *   sock_fuzz [-s SEED] [-n CALLS] ADDR...
 *
 * ADDR: IPv4 or IPv6 addresses to aim at besides the loopback ones.
 * Prints how many calls ended in success and in each errno; the exit
 * status is 0 unless the program itself failed. What the test checks is
 * the kernel: no splat, no leak, and a stack that still works.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/sockios.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <netinet/udp.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <unistd.h>

#define fallthrough	__attribute__((__fallthrough__))

#define NFDS		12
#define NADDRS		16
#define MAX_DATA	70000

static int fds[NFDS];
static struct sockaddr_in6 pool6[NADDRS];
static int naddrs;
static unsigned char buf[MAX_DATA];
static long ok_calls, err_calls[160];

static unsigned long long rng;

static unsigned int rnd(unsigned int n)
{
	/* xorshift64*: reproducible from -s on any libc. */
	rng ^= rng >> 12;
	rng ^= rng << 25;
	rng ^= rng >> 27;
	return n ? (unsigned int)((rng * 2685821657736338717ULL) >> 33) % n : 0;
}

static int pick(const int *v, int n)
{
	return v[rnd(n)];
}

static void tally(long ret)
{
	if (ret >= 0)
		ok_calls++;
	else if (errno > 0 && errno < 160)
		err_calls[errno]++;
}

static int live_family(void)
{
	FILE *f = fopen("/sys/module/tinyip/parameters/family", "r");
	int fam = 22;

	if (f) {
		if (fscanf(f, "%d", &fam) != 1)
			fam = 22;
		fclose(f);
	}
	return fam;
}

static void add_addr(const char *s)
{
	struct sockaddr_in6 *a = &pool6[naddrs];
	struct in_addr v4;

	if (naddrs >= NADDRS)
		return;
	memset(a, 0, sizeof(*a));
	a->sin6_family = AF_INET6;
	if (inet_pton(AF_INET, s, &v4) == 1) {
		/* Kept mapped; a call may hand it over as sockaddr_in. */
		a->sin6_addr.s6_addr[10] = 0xff;
		a->sin6_addr.s6_addr[11] = 0xff;
		memcpy(&a->sin6_addr.s6_addr[12], &v4, 4);
	} else if (inet_pton(AF_INET6, s, &a->sin6_addr) != 1) {
		return;
	}
	naddrs++;
}

/* A random address: sockaddr_in or sockaddr_in6 from the pool, now and
 * then a wrong family, a short length or random bytes.
 */
static socklen_t rand_addr(struct sockaddr_storage *ss)
{
	static const int ports[] = { 0, 7000, 7001, 7002, 80, 65535 };
	const struct sockaddr_in6 *a = &pool6[rnd(naddrs)];
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)ss;
	unsigned int i;

	memset(ss, 0, sizeof(*ss));
	switch (rnd(8)) {
	case 0:
		for (i = 0; i < sizeof(*ss); i++)
			((unsigned char *)ss)[i] = rnd(256);
		return rnd(sizeof(*ss) + 1);
	case 1:
	case 2:
	case 3:
		if (IN6_IS_ADDR_V4MAPPED(&a->sin6_addr)) {
			sin->sin_family = rnd(16) ? AF_INET : rnd(64);
			sin->sin_port = htons(pick(ports, 6));
			memcpy(&sin->sin_addr, &a->sin6_addr.s6_addr[12], 4);
			return rnd(16) ? sizeof(*sin) : rnd(sizeof(*sin) + 4);
		}
		fallthrough;
	default:
		*sin6 = *a;
		sin6->sin6_port = htons(pick(ports, 6));
		if (!rnd(8))
			sin6->sin6_scope_id = rnd(4);
		return rnd(16) ? sizeof(*sin6) : rnd(sizeof(*sin6) + 4);
	}
}

static int *rand_slot(void)
{
	return &fds[rnd(NFDS)];
}

static void op_socket(int fam)
{
	static const int types[] = { SOCK_STREAM, SOCK_DGRAM, SOCK_RAW,
				      SOCK_SEQPACKET, 0, 99 };
	static const int protos[] = { 0, IPPROTO_TCP, IPPROTO_UDP,
				      IPPROTO_UDPLITE, IPPROTO_ICMP,
				      IPPROTO_ICMPV6, IPPROTO_RAW, 253 };
	int *slot = rand_slot();
	int fd;

	fd = socket(fam, pick(types, 6) | SOCK_NONBLOCK, pick(protos, 8));
	tally(fd);
	if (fd < 0)
		return;
	if (*slot >= 0)
		close(*slot);
	*slot = fd;
}

static void op_data(int fd)
{
	static const int sflags[] = { 0, MSG_OOB, MSG_MORE, MSG_DONTROUTE,
				      MSG_CONFIRM, MSG_EOR, MSG_PEEK };
	static const int rflags[] = { 0, MSG_PEEK, MSG_TRUNC, MSG_ERRQUEUE,
				      MSG_OOB, MSG_WAITALL, MSG_CTRUNC };
	static const size_t lens[] = { 0, 1, 17, 1400, 1473, 9000, 65507,
				       MAX_DATA };
	char cbuf[256];
	struct sockaddr_storage ss;
	struct iovec iov[2];
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 1 + rnd(2) };
	size_t len = lens[rnd(8)];

	iov[0].iov_base = buf;
	iov[0].iov_len = len / 2;
	iov[1].iov_base = buf + len / 2;
	iov[1].iov_len = len - len / 2;
	if (rnd(2)) {
		if (rnd(3) == 0) {
			m.msg_name = &ss;
			m.msg_namelen = rand_addr(&ss);
		}
		tally(sendmsg(fd, &m, MSG_DONTWAIT | MSG_NOSIGNAL |
			      pick(sflags, 7) * (rnd(3) == 0)));
	} else {
		m.msg_name = &ss;
		m.msg_namelen = rnd(2) ? sizeof(ss) : rnd(16);
		m.msg_control = cbuf;
		m.msg_controllen = rnd(2) ? sizeof(cbuf) : rnd(24);
		tally(recvmsg(fd, &m, MSG_DONTWAIT | pick(rflags, 7)));
	}
}

static void op_opt(int fd)
{
	static const int levels[] = { SOL_SOCKET, SOL_IP, SOL_IPV6, IPPROTO_TCP,
				      IPPROTO_UDP, IPPROTO_UDPLITE, SOL_RAW,
				      SOL_ICMPV6, 299, 0 };
	int level = pick(levels, 10), name = rnd(90);
	unsigned char val[96];
	socklen_t len;
	unsigned int i;

	/* Mostly small values, which options take; now and then any. */
	for (i = 0; i < sizeof(val); i++)
		val[i] = rnd(4) ? rnd(3) : rnd(256);
	if (rnd(2)) {
		len = rnd(3) ? 4 : rnd(sizeof(val) + 1);
		/* A linger time or a timeout of many seconds only slows us. */
		if (level == SOL_SOCKET && (name == SO_LINGER ||
					    name == SO_RCVTIMEO_OLD ||
					    name == SO_SNDTIMEO_OLD))
			memset(val, 0, sizeof(val));
		tally(setsockopt(fd, level, name, val, len));
	} else {
		len = rnd(3) ? 4 : rnd(sizeof(val) + 1);
		tally(getsockopt(fd, level, name, val, &len));
	}
}

static void op_misc(int fd)
{
	static const unsigned long ioctls[] = { FIONREAD, SIOCOUTQ, SIOCINQ,
						SIOCATMARK, FIONBIO,
						SIOCGIFCONF, 0x89ff };
	struct sockaddr_storage ss;
	struct pollfd p = { .fd = fd, .events = POLLIN | POLLOUT | POLLPRI };
	socklen_t len = rnd(2) ? sizeof(ss) : rnd(16);
	int arg = 1, nfd;

	switch (rnd(7)) {
	case 0:
		tally(shutdown(fd, rnd(4)));
		break;
	case 1:
		/* FIONBIO with 0 would make the socket blocking. */
		tally(ioctl(fd, ioctls[rnd(7)], &arg));
		break;
	case 2:
		tally(getsockname(fd, (struct sockaddr *)&ss, &len));
		break;
	case 3:
		tally(getpeername(fd, (struct sockaddr *)&ss, &len));
		break;
	case 4:
		tally(poll(&p, 1, 0));
		break;
	case 5:
		nfd = accept4(fd, rnd(2) ? (struct sockaddr *)&ss : NULL,
			      &len, SOCK_NONBLOCK);
		tally(nfd);
		if (nfd >= 0) {
			int *slot = rand_slot();

			if (*slot >= 0)
				close(*slot);
			*slot = nfd;
		}
		break;
	default:
		tally(listen(fd, rnd(3) ? 8 : (int)rnd(70000) - 2));
		break;
	}
}

static void step(int fam)
{
	struct sockaddr_storage ss;
	int *slot = rand_slot();
	socklen_t len;

	if (*slot < 0 || !rnd(8)) {
		op_socket(fam);
		return;
	}
	alarm(1);
	switch (rnd(9)) {
	case 0:
		len = rand_addr(&ss);
		tally(bind(*slot, (struct sockaddr *)&ss, len));
		break;
	case 1:
		len = rand_addr(&ss);
		tally(connect(*slot, (struct sockaddr *)&ss, len));
		break;
	case 2:
	case 3:
		op_data(*slot);
		break;
	case 4:
	case 5:
		op_opt(*slot);
		break;
	case 6:
	case 7:
		op_misc(*slot);
		break;
	default:
		tally(close(*slot));
		*slot = -1;
		break;
	}
	alarm(0);
	/* Whatever a call did to the flags, the next must not block. */
	if (*slot >= 0)
		fcntl(*slot, F_SETFL, O_NONBLOCK);
}

static void on_alarm(int sig)
{
	(void)sig;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	long calls = 10000, i;
	int opt, fam, e;

	rng = 1;
	while ((opt = getopt(argc, argv, "s:n:")) != -1) {
		switch (opt) {
		case 's':
			rng = strtoull(optarg, NULL, 0) * 0x9e3779b97f4a7c15ULL + 1;
			break;
		case 'n':
			calls = atol(optarg);
			break;
		default:
			fprintf(stderr, "usage: sock_fuzz [-s SEED] [-n CALLS] ADDR...\n");
			return 2;
		}
	}
	/* No SA_RESTART: the alarm breaks a call that would wait. */
	sigaction(SIGALRM, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	add_addr("127.0.0.1");
	add_addr("0.0.0.0");
	add_addr("::1");
	add_addr("::");
	add_addr("255.255.255.255");
	add_addr("224.0.0.1");
	add_addr("ff02::1");
	for (i = optind; i < argc; i++)
		add_addr(argv[i]);
	for (i = 0; i < (long)sizeof(buf); i++)
		buf[i] = i * 7;
	for (i = 0; i < NFDS; i++)
		fds[i] = -1;
	fam = live_family();
	for (i = 0; i < calls; i++)
		step(fam);
	for (i = 0; i < NFDS; i++)
		if (fds[i] >= 0)
			close(fds[i]);
	printf("calls %ld ok %ld", calls, ok_calls);
	for (e = 1; e < 160; e++)
		if (err_calls[e])
			printf(" %s %ld", strerrorname_np(e) ?: "?", err_calls[e]);
	printf("\n");
	return 0;
}
