// SPDX-License-Identifier: GPL-2.0
/*
 * tip_load: many TCP connections (RFC 9293) on AF_TINYIP, or with -4 on
 * the native stack, each moving data both ways (one way with -R on one
 * side) for as long as it lives, for tests that pull the stack away
 * under load (a device deleted, a link detached, a namespace deleted,
 * the module unloaded). One process opens -c connections to -d
 * HOST:PORT and accepts -a on -l PORT; programs with -4 on the native
 * side serve as the peers.
 *
 * Every socket is non-blocking and driven by one epoll loop, so no call
 * waits; a watchdog (SIGALRM, re-armed each turn of the loop) ends the
 * program with exit status 3 should one still block for WATCHDOG_S.
 * When a connection ends, by EOF or an error of recv(), send() or
 * SO_ERROR, its outcome is counted; the summary names each outcome
 * (EOF, ECONNRESET, ETIMEDOUT, ...) with how many connections ended so.
 *
 * Lines on stdout, for the test to wait on:
 *   listening PORT     the listener is ready
 *   established N      all N connections are up
 *   moving N           each of the N open connections has sent or
 *                      received data since "established" or since the
 *                      last SIGUSR1
 *   first_end NAME at S s  the first connection ended (EOF or an error),
 *                      S seconds after the start
 *   outcome NAME N     at the end, per outcome
 *   summary conns=N ended=N stopped=N unclean=N open=N rx=B tx=B span=S
 *                      (span: seconds from the first end to the last)
 *   held, resumed      after SIGUSR2, which makes the application stall
 *                      (neither read nor send; errors still end a
 *                      connection) and, sent again, resume
 * SIGTERM or SIGINT stops the program as an application is stopped: it
 * closes what is still open (counted as "stopped") and prints the
 * summary. It also ends by itself once every connection has ended.
 *
 * Exit status: 0 every connection ended with EOF, a clean error (the
 * stack or the path went away: clean_errnos below) or was stopped; 1 a
 * connection ended with another error, or setting up failed ("error:
 * WHAT: ENAME"); 2 bad usage; 3 connections still open -w seconds after
 * the first one ended (or -t seconds after the start), or a call blocked.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/types.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/signalfd.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define AF_TINYIP_DEFAULT	22
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#define MAX_CONNS		100000
#define CHUNK			4096
#define CONNECTING_MAX		32	/* handshakes in flight at once */
#define WATCHDOG_S		60
#define PAUSE_S			0.02	/* after ENOBUFS: the budget is full */
#define LISTENER		UINT32_MAX
#define SIGNALS			(UINT32_MAX - 1)
#define NERR			4096

/* Errors that say the stack, the link or the path went away. */
static const int clean_errnos[] = {
	ECONNRESET, ECONNABORTED, ENETDOWN, ENETUNREACH, EHOSTUNREACH,
	EHOSTDOWN, EPIPE, ETIMEDOUT, ENODEV, ENXIO,
};

enum conn_state { C_IDLE, C_CONNECTING, C_OPEN, C_DONE };

struct conn {
	int fd;
	enum conn_state state;
	bool moved;		/* data moved since the last mark */
	bool paused;		/* EPOLLOUT off until pause_until */
	double pause_until;
};

static struct conn *conns;
static unsigned int nconns, n_out, n_in;
static unsigned int next_out, connecting, accepted, open_conns, ended;
static unsigned int stopped, unclean;
static unsigned long outcomes[NERR], eofs;
static unsigned long long rx_bytes, tx_bytes;
static int family = AF_TINYIP_DEFAULT;
static int epfd, sigfd, lfd = -1;
static int user_timeout_ms, bufsize, wait_s, timeout_s;
static struct sockaddr_in dst, src;
static bool have_src, established, held, do_send = true;
static double t_start, t_first_end, t_last_end;
static unsigned char buf[CHUNK];

static void bad_usage(const char *why)
{
	if (why)
		fprintf(stderr, "tip_load: %s\n", why);
	fprintf(stderr,
		"usage: tip_load [-4] [-l PORT -a N] [-c N -d HOST:PORT] [OPTIONS]\n"
		"  -4            AF_INET instead of AF_TINYIP (the native stack)\n"
		"  -l PORT       listen on PORT and accept -a N connections\n"
		"  -a N          connections to accept\n"
		"  -c N          connections to open to -d\n"
		"  -d HOST:PORT  the IPv4 peer of -c\n"
		"  -b ADDR       local IPv4 address of the listener and of -c\n"
		"  -B BYTES      SO_SNDBUF and SO_RCVBUF of every connection\n"
		"  -R            only receive, never send\n"
		"  -u MS         TCP_USER_TIMEOUT of every connection\n"
		"  -w SECS       exit 3 if connections remain open SECS after\n"
		"                the first one ended\n"
		"  -t SECS       exit 3 if connections remain open SECS after\n"
		"                the start\n"
		"At least one connection (-a or -c); -a and -l, -c and -d go\n"
		"together. SIGUSR1 asks for a new \"moving\" line, SIGUSR2 stalls\n"
		"or resumes the application, SIGTERM stops it.\n");
	exit(2);
}

static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec + t.tv_nsec / 1e9;
}

static const char *ename(int err)
{
	const char *n = strerrorname_np(err);

	return n ? n : "?";
}

static void die(const char *what, int err)
{
	printf("error: %s: %s (%s)\n", what, ename(err), strerror(err));
	exit(1);
}

static void on_alarm(int sig)
{
	static const char msg[] = "error: a call blocked for 60 s\n";

	(void)sig;
	if (write(STDOUT_FILENO, msg, sizeof(msg) - 1) < 0)
		_exit(3);
	_exit(3);
}

static long parse_num(const char *s, long min, long max, const char *what)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno || end == s || *end || v < min || v > max) {
		char why[128];

		snprintf(why, sizeof(why), "bad %s '%s' (%ld to %ld)", what, s,
			 min, max);
		bad_usage(why);
	}
	return v;
}

static void parse_addr(const char *s, struct sockaddr_in *sin, bool port)
{
	char host[INET_ADDRSTRLEN], why[128];
	const char *colon = port ? strrchr(s, ':') : s + strlen(s);
	size_t len = colon ? (size_t)(colon - s) : 0;

	snprintf(why, sizeof(why), "bad address '%s' (want %s)", s,
		 port ? "IPv4:PORT" : "IPv4");
	if (!colon || len >= sizeof(host))
		bad_usage(why);
	memcpy(host, s, len);
	host[len] = 0;
	memset(sin, 0, sizeof(*sin));
	sin->sin_family = AF_INET;
	if (inet_pton(AF_INET, host, &sin->sin_addr) != 1)
		bad_usage(why);
	if (port)
		sin->sin_port = htons(parse_num(colon + 1, 1, 65535, "port"));
}

static void read_family(void)
{
	FILE *f = fopen("/sys/module/tinyip/parameters/family", "r");

	if (!f)
		return;	/* not loaded yet: socket() loads it, default slot */
	if (fscanf(f, "%d", &family) != 1)
		family = AF_TINYIP_DEFAULT;
	fclose(f);
}

/* Enough descriptors for every connection, the listener and stdio. */
static void want_fds(void)
{
	rlim_t need = nconns + 16;
	struct rlimit rl;

	if (getrlimit(RLIMIT_NOFILE, &rl))
		die("getrlimit", errno);
	if (rl.rlim_cur >= need)
		return;
	rl.rlim_cur = need;
	if (rl.rlim_max < need)
		rl.rlim_max = need;
	if (setrlimit(RLIMIT_NOFILE, &rl)) {
		printf("error: %u connections need %lu descriptors (ulimit -n %lu): %s\n",
		       nconns, (unsigned long)need, (unsigned long)rl.rlim_cur,
		       ename(errno));
		exit(1);
	}
}

static void setopt(int fd, int level, int name, int val, const char *what)
{
	if (setsockopt(fd, level, name, &val, sizeof(val)))
		die(what, errno);
}

static void conn_opts(int fd)
{
	if (bufsize) {
		setopt(fd, SOL_SOCKET, SO_SNDBUF, bufsize, "SO_SNDBUF");
		setopt(fd, SOL_SOCKET, SO_RCVBUF, bufsize, "SO_RCVBUF");
	}
	if (user_timeout_ms)
		setopt(fd, IPPROTO_TCP, TCP_USER_TIMEOUT, user_timeout_ms,
		       "TCP_USER_TIMEOUT");
}

static void ep_set(int op, int fd, __u32 id, __u32 events)
{
	struct epoll_event ev = { .events = events, .data.u32 = id };

	if (epoll_ctl(epfd, op, fd, &ev))
		die("epoll_ctl", errno);
}

static bool is_clean(int err)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(clean_errnos); i++)
		if (clean_errnos[i] == err)
			return true;
	return false;
}

/* The connection is over: @err 0 is EOF, -1 stopped by us. */
static void conn_end(struct conn *c, int err)
{
	double t = now();

	if (c->state == C_OPEN)
		open_conns--;
	else if (c->state == C_CONNECTING)
		connecting--;
	if (c->state != C_IDLE)
		close(c->fd);
	c->fd = -1;
	c->state = C_DONE;
	ended++;
	if (err < 0) {
		stopped++;
		return;
	}
	if (!t_first_end) {
		t_first_end = t;
		printf("first_end %s at %.1f s\n", err ? ename(err) : "EOF",
		       t - t_start);
	}
	t_last_end = t;
	if (!err)
		eofs++;
	else
		outcomes[err < NERR ? err : 0]++;
	if (err && !is_clean(err))
		unclean++;
}

/*
 * What a connection waits for: data in, room to send unless -R or
 * paused, nothing while held (epoll still reports errors and hangups).
 */
static __u32 conn_events(const struct conn *c)
{
	if (held)
		return 0;
	return EPOLLIN | EPOLLRDHUP | (do_send && !c->paused ? EPOLLOUT : 0);
}

static void conn_up(struct conn *c)
{
	c->state = C_OPEN;
	open_conns++;
	ep_set(EPOLL_CTL_MOD, c->fd, c - conns, conn_events(c));
}

static void start_connects(void)
{
	struct conn *c;
	int fd;

	while (next_out < n_out && connecting < CONNECTING_MAX) {
		c = &conns[next_out];
		fd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
		if (fd < 0)
			die("socket", errno);
		conn_opts(fd);
		if (have_src && bind(fd, (struct sockaddr *)&src, sizeof(src)))
			die("bind", errno);
		if (connect(fd, (struct sockaddr *)&dst, sizeof(dst)) &&
		    errno != EINPROGRESS)
			die("connect", errno);
		c->fd = fd;
		c->state = C_CONNECTING;
		ep_set(EPOLL_CTL_ADD, fd, next_out, EPOLLOUT);
		connecting++;
		next_out++;
	}
}

static void connected(struct conn *c)
{
	socklen_t len = sizeof(int);
	int err = 0;

	if (getsockopt(c->fd, SOL_SOCKET, SO_ERROR, &err, &len))
		die("getsockopt(SO_ERROR)", errno);
	if (err)
		die("connect", err);
	connecting--;
	conn_up(c);
	start_connects();
}

static void accept_all(void)
{
	struct conn *c;
	int fd;

	while (accepted < n_in) {
		fd = accept4(lfd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
		if (fd < 0) {
			if (errno == EAGAIN || errno == EINTR ||
			    errno == ECONNABORTED)
				return;
			die("accept", errno);
		}
		conn_opts(fd);
		c = &conns[n_out + accepted++];
		c->fd = fd;
		ep_set(EPOLL_CTL_ADD, fd, c - conns, 0);
		conn_up(c);
	}
	/* The application has what it wanted; nobody else is let in. */
	close(lfd);
	lfd = -1;
}

static void listen_on(const char *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (have_src)
		sin = src;
	sin.sin_port = htons(parse_num(port, 1, 65535, "port"));
	lfd = socket(family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (lfd < 0)
		die("socket", errno);
	setopt(lfd, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
	if (bind(lfd, (struct sockaddr *)&sin, sizeof(sin)))
		die("bind", errno);
	if (listen(lfd, n_in < 4096 ? n_in : 4096))
		die("listen", errno);
	ep_set(EPOLL_CTL_ADD, lfd, LISTENER, EPOLLIN);
	printf("listening %s\n", port);
}

/* Reads what there is; false once the connection has ended. */
static bool conn_read(struct conn *c)
{
	ssize_t n;
	int i;

	/* A few reads per turn, so one busy connection starves none. */
	for (i = 0; i < 4; i++) {
		n = recv(c->fd, buf, sizeof(buf), 0);
		if (n > 0) {
			rx_bytes += n;
			c->moved = true;
			continue;
		}
		if (n == 0) {
			conn_end(c, 0);
			return false;
		}
		if (errno == EAGAIN || errno == EINTR)
			return true;
		conn_end(c, errno);
		return false;
	}
	return true;
}

static void conn_write(struct conn *c)
{
	ssize_t n = send(c->fd, buf, sizeof(buf), MSG_NOSIGNAL);

	if (n >= 0) {
		tx_bytes += n;
		c->moved = true;
		return;
	}
	if (errno == EAGAIN || errno == EINTR)
		return;
	if (errno == ENOBUFS || errno == ENOMEM) {
		/* A full budget is for retrying, as the stack documents. */
		c->paused = true;
		c->pause_until = now() + PAUSE_S;
		ep_set(EPOLL_CTL_MOD, c->fd, c - conns, conn_events(c));
		return;
	}
	conn_end(c, errno);
}

static void conn_event(struct conn *c, __u32 events)
{
	if (c->state == C_CONNECTING) {
		connected(c);
		return;
	}
	if (c->state != C_OPEN)
		return;
	if ((events & (EPOLLIN | EPOLLRDHUP | EPOLLHUP | EPOLLERR)) &&
	    !conn_read(c))
		return;
	if ((events & (EPOLLOUT | EPOLLERR)) && !c->paused && !held)
		conn_write(c);
}

/* SIGUSR2: the application stalls (neither reads nor sends), or resumes. */
static void toggle_hold(void)
{
	unsigned int i;

	held = !held;
	for (i = 0; i < nconns; i++)
		if (conns[i].state == C_OPEN)
			ep_set(EPOLL_CTL_MOD, conns[i].fd, i,
			       conn_events(&conns[i]));
	printf("%s\n", held ? "held" : "resumed");
}

static void resume_paused(void)
{
	double t = now();
	unsigned int i;

	for (i = 0; i < nconns; i++) {
		struct conn *c = &conns[i];

		if (c->state == C_OPEN && c->paused && t >= c->pause_until) {
			c->paused = false;
			ep_set(EPOLL_CTL_MOD, c->fd, i, conn_events(c));
		}
	}
}

static void mark(void)
{
	unsigned int i;

	for (i = 0; i < nconns; i++)
		conns[i].moved = false;
}

static bool all_moved(void)
{
	unsigned int i;

	for (i = 0; i < nconns; i++)
		if (conns[i].state == C_OPEN && !conns[i].moved)
			return false;
	return true;
}

static void stop_all(void)
{
	unsigned int i;

	if (lfd >= 0)
		close(lfd);
	lfd = -1;
	/* Those not up yet count as stopped too: the run was cut short. */
	for (i = 0; i < nconns; i++)
		if (conns[i].state != C_DONE)
			conn_end(&conns[i], -1);
}

static int report(bool stuck)
{
	unsigned int i;

	if (eofs)
		printf("outcome EOF %lu\n", eofs);
	for (i = 0; i < NERR; i++)
		if (outcomes[i])
			printf("outcome %s %lu\n", i ? ename(i) : "?",
			       outcomes[i]);
	if (stopped)
		printf("outcome stopped %u\n", stopped);
	printf("summary conns=%u ended=%u stopped=%u unclean=%u ", nconns,
	       ended, stopped, unclean);
	printf("open=%u rx=%llu tx=%llu span=%.1f\n", nconns - ended,
	       rx_bytes, tx_bytes,
	       t_first_end ? t_last_end - t_first_end : 0.0);
	if (stuck) {
		printf("error: %u connections still open\n", nconns - ended);
		return 3;
	}
	return unclean ? 1 : 0;
}

static bool overdue(void)
{
	double t = now();

	return (timeout_s && t - t_start >= timeout_s) ||
	       (wait_s && t_first_end && t - t_first_end >= wait_s);
}

/* The signals, through signalfd: false once asked to stop. */
static bool signals(bool *moving_told)
{
	struct signalfd_siginfo si;

	while (read(sigfd, &si, sizeof(si)) == sizeof(si)) {
		switch (si.ssi_signo) {
		case SIGUSR1:
			mark();
			*moving_told = false;
			break;
		case SIGUSR2:
			toggle_hold();
			break;
		default:
			return false;
		}
	}
	return true;
}

static void loop(void)
{
	struct epoll_event evs[256];
	bool moving_told = false;
	int n, i;

	while (ended < nconns) {
		alarm(WATCHDOG_S);
		if (overdue())
			exit(report(true));
		n = epoll_wait(epfd, evs, ARRAY_SIZE(evs), 100);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			die("epoll_wait", errno);
		}
		for (i = 0; i < n; i++) {
			if (evs[i].data.u32 == SIGNALS) {
				if (!signals(&moving_told)) {
					stop_all();
					alarm(0);
					return;
				}
			} else if (evs[i].data.u32 == LISTENER) {
				accept_all();
			} else {
				conn_event(&conns[evs[i].data.u32],
					   evs[i].events);
			}
		}
		resume_paused();
		if (!established && open_conns == nconns && !ended) {
			established = true;
			printf("established %u\n", nconns);
			mark();
		}
		if (established && !moving_told && !held && all_moved()) {
			moving_told = true;
			printf("moving %u\n", open_conns);
		}
	}
	alarm(0);
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	sigset_t sigs;
	const char *port = NULL, *peer = NULL;
	bool inet = false;
	int opt;

	while ((opt = getopt(argc, argv, "4a:b:B:c:d:l:Rt:u:w:")) != -1) {
		switch (opt) {
		case '4':
			inet = true;
			break;
		case 'a':
			n_in = parse_num(optarg, 0, MAX_CONNS, "count");
			break;
		case 'b':
			parse_addr(optarg, &src, false);
			have_src = true;
			break;
		case 'B':
			bufsize = parse_num(optarg, 1024, 1 << 26, "size");
			break;
		case 'c':
			n_out = parse_num(optarg, 0, MAX_CONNS, "count");
			break;
		case 'd':
			peer = optarg;
			break;
		case 'l':
			port = optarg;
			break;
		case 'R':
			do_send = false;
			break;
		case 't':
			timeout_s = parse_num(optarg, 1, 86400, "seconds");
			break;
		case 'u':
			user_timeout_ms = parse_num(optarg, 1, 86400000,
						    "milliseconds");
			break;
		case 'w':
			wait_s = parse_num(optarg, 1, 86400, "seconds");
			break;
		default:
			bad_usage(NULL);
		}
	}
	if (optind < argc)
		bad_usage("unexpected argument");
	if (!n_in && !n_out)
		bad_usage("no connections (-a or -c)");
	if (!n_in != !port)
		bad_usage("-a and -l go together");
	if (!n_out != !peer)
		bad_usage("-c and -d go together");
	if (n_in + n_out > MAX_CONNS)
		bad_usage("too many connections");
	if (peer)
		parse_addr(peer, &dst, true);
	nconns = n_in + n_out;

	setvbuf(stdout, NULL, _IOLBF, 0);
	if (inet)
		family = AF_INET;
	else
		read_family();
	want_fds();
	conns = calloc(nconns, sizeof(*conns));
	if (!conns)
		die("calloc", ENOMEM);
	memset(buf, 'x', sizeof(buf));
	sigaction(SIGALRM, &sa, NULL);
	sigemptyset(&sigs);
	sigaddset(&sigs, SIGTERM);
	sigaddset(&sigs, SIGINT);
	sigaddset(&sigs, SIGUSR1);
	sigaddset(&sigs, SIGUSR2);
	sigprocmask(SIG_BLOCK, &sigs, NULL);
	sigfd = signalfd(-1, &sigs, SFD_NONBLOCK | SFD_CLOEXEC);
	if (sigfd < 0)
		die("signalfd", errno);
	t_start = now();
	epfd = epoll_create1(EPOLL_CLOEXEC);
	if (epfd < 0)
		die("epoll_create1", errno);
	ep_set(EPOLL_CTL_ADD, sigfd, SIGNALS, EPOLLIN);
	if (port)
		listen_on(port);
	start_connects();
	loop();
	return report(false);
}
