// SPDX-License-Identifier: GPL-2.0
/*
 * tip_tcp: bulk TCP (RFC 9293) transfers on AF_TINYIP stream sockets, or
 * on AF_INET ones with -4 so that the native stack runs the very same
 * program when a test compares the two. Data comes from a file, stdin
 * ("-") or a built-in pattern ("@SIZE", see "gen"), so a 256 MB transfer
 * needs no 256 MB file in the guest's memory.
 *
 * The socket stays blocking, as most applications leave it; every wait
 * goes through poll() with what remains of the -t budget, and SIGALRM
 * (installed without SA_RESTART) breaks a connect() or send() that
 * blocks past it, so a stalled connection fails a test instead of
 * hanging it.
 *
 * Messages go to stderr (stdout may carry the data): "listening ADDR:PORT"
 * once a listener is ready, "accepted ADDR:PORT" per client, with -i the
 * TCP_INFO fields as key=value lines, with -v "bytes=N" and "elapsed=S"
 * (seconds from connect() or accept() to close(), per connection).
 * With -d it reads slowly (a small read, then a pause), to fill the
 * stack's receive queue; with -D it sends with MSG_DONTWAIT and, with -v,
 * reports how often the stack said EAGAIN or ENOBUFS ("send_eagain=N",
 * "send_enobufs=N"), retrying after a pause: the memory budget's test
 * checks that a full budget is an error to retry, never lost data.
 *
 * Exit status: 0 done, 1 a system call failed ("error: WHAT: ENAME (text)"
 * on stderr, ENAME as strerrorname_np gives it, so tests can match
 * ECONNREFUSED), 2 bad usage, 3 the -t timeout expired.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/tcp.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define AF_TINYIP_DEFAULT	22
#define CHUNK			(64 * 1024)

static int family = AF_TINYIP_DEFAULT;
static const char *cc;
static const char *bind_addr;
static const char *reply_file;
static bool nodelay;
static bool show_info;
static bool verbose;
static bool nb_connect;
static bool reply;
static bool dontwait;
static int read_delay_ms;
static unsigned long send_eagain, send_enobufs;
static int accepts = 1;
static int timeout_s;
static __u64 seed;
static struct timespec t_start;
static struct timespec t_conn;	/* connect() called, or accept() returned */
static unsigned char buf[CHUNK];

static void bad_usage(void)
{
	fprintf(stderr,
		"usage: tip_tcp [OPTIONS] send HOST PORT FILE\n"
		"       tip_tcp [OPTIONS] fetch HOST PORT OUTFILE\n"
		"       tip_tcp [OPTIONS] recv PORT OUTFILE\n"
		"       tip_tcp [OPTIONS] serve PORT FILE\n"
		"       tip_tcp [-s SEED] gen SIZE\n"
		"  send   connect, send FILE, shut down the sending side, read\n"
		"         until the peer closes (the reply goes to -o), close\n"
		"  fetch  connect, write what arrives to OUTFILE until EOF, close\n"
		"  recv   listen, accept, write the stream to OUTFILE until EOF\n"
		"         (with -a N > 1, client K goes to OUTFILE.K), close\n"
		"  serve  listen, accept, send FILE, shut down the sending side,\n"
		"         read until the peer closes, close\n"
		"  gen    write SIZE bytes of the pattern of @SIZE to stdout\n"
		"FILE is a path, \"-\" (stdin/stdout) or @SIZE (a pseudo-random\n"
		"pattern of SIZE bytes, K/M/G suffixes, seeded by -s).\n"
		"options:\n"
		"  -4        AF_INET instead of AF_TINYIP (the native stack)\n"
		"  -a N      recv/serve: accept N clients one after another\n"
		"  -b ADDR   local address to bind\n"
		"  -c CC     TCP_CONGESTION\n"
		"  -d MS     slow reader: 4 KB per recv, then MS ms of sleep\n"
		"  -D        send with MSG_DONTWAIT, count EAGAIN and ENOBUFS\n"
		"  -n        TCP_NODELAY\n"
		"  -N        non-blocking connect (EINPROGRESS, poll, SO_ERROR)\n"
		"  -i        print TCP_INFO (key=value) before closing\n"
		"  -o FILE   send: write the peer's reply to FILE\n"
		"  -R        recv: after EOF, reply \"bytes=N\" before closing\n"
		"  -s SEED   seed of the @SIZE pattern (default 0)\n"
		"  -t SECS   overall timeout, exit status 3 when it expires\n"
		"  -v        print the bytes and the seconds from connect() or\n"
		"            accept() to the close\n");
	exit(2);
}

static double since(const struct timespec *t)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (now.tv_sec - t->tv_sec) + (now.tv_nsec - t->tv_nsec) / 1e9;
}

static double elapsed(void)
{
	return since(&t_start);
}

static bool expired(void)
{
	return timeout_s && elapsed() >= timeout_s;
}

static void die_timeout(const char *what)
{
	fprintf(stderr, "error: %s: timeout after %d s (%.3f s elapsed)\n",
		what, timeout_s, elapsed());
	exit(3);
}

static void die(const char *what)
{
	const char *name;

	if (errno == EINTR && expired())
		die_timeout(what);
	name = strerrorname_np(errno);
	fprintf(stderr, "error: %s: %s (%s)\n", what, name ? name : "?",
		strerror(errno));
	exit(1);
}

/* Only there to interrupt a blocking call; elapsed() tells the rest. */
static void on_alarm(int sig)
{
	(void)sig;
}

/* Milliseconds left of the -t budget, -1 without one. */
static int remaining_ms(const char *what)
{
	double left;

	if (!timeout_s)
		return -1;
	left = timeout_s - elapsed();
	if (left <= 0)
		die_timeout(what);
	return (int)(left * 1000) + 1;
}

/* Waits until @fd has one of @events; returns the events seen. */
static short wait_fd(int fd, short events, const char *what)
{
	struct pollfd p = { .fd = fd, .events = events };
	int n;

	for (;;) {
		n = poll(&p, 1, remaining_ms(what));
		if (n > 0)
			return p.revents;
		if (n == 0 || (n < 0 && errno == EINTR))
			continue;	/* remaining_ms() ends it on timeout */
		die("poll");
	}
}

static __u64 parse_size(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (errno || end == s)
		bad_usage();
	switch (*end) {
	case 'K': case 'k':
		v <<= 10;
		end++;
		break;
	case 'M': case 'm':
		v <<= 20;
		end++;
		break;
	case 'G': case 'g':
		v <<= 30;
		end++;
		break;
	}
	if (*end)
		bad_usage();
	return v;
}

static int parse_num(const char *s, long min, long max)
{
	char *end;
	long v = strtol(s, &end, 0);

	if (*s == '\0' || *end != '\0' || v < min || v > max) {
		fprintf(stderr, "tip_tcp: bad number '%s'\n", s);
		exit(2);
	}
	return v;
}

static struct sockaddr_in sin_of(const char *host, const char *port)
{
	struct sockaddr_in sin = { .sin_family = AF_INET };

	if (host && inet_pton(AF_INET, host, &sin.sin_addr) != 1) {
		fprintf(stderr, "tip_tcp: bad IPv4 address '%s'\n", host);
		exit(2);
	}
	sin.sin_port = htons(parse_num(port, 0, 65535));
	return sin;
}

static const char *sin_str(const struct sockaddr_in *sin)
{
	static char s[INET_ADDRSTRLEN + 8];
	char a[INET_ADDRSTRLEN];

	inet_ntop(AF_INET, &sin->sin_addr, a, sizeof(a));
	snprintf(s, sizeof(s), "%s:%u", a, ntohs(sin->sin_port));
	return s;
}

/*
 * The data source: a file descriptor, or the pattern (xorshift64*, so
 * any size is cheap to make and "gen" reproduces it for checksums).
 */
struct source {
	int fd;
	__u64 left;		/* pattern bytes still to come */
	__u64 x;		/* pattern state */
	bool pattern;
};

static void source_open(struct source *src, const char *file)
{
	memset(src, 0, sizeof(*src));
	if (file[0] == '@') {
		src->pattern = true;
		src->left = parse_size(file + 1);
		src->x = seed ^ 0x9e3779b97f4a7c15ULL;
		if (!src->x)
			src->x = 1;
		return;
	}
	if (!strcmp(file, "-")) {
		src->fd = STDIN_FILENO;
		return;
	}
	src->fd = open(file, O_RDONLY | O_CLOEXEC);
	if (src->fd < 0)
		die(file);
}

static void source_close(struct source *src)
{
	if (!src->pattern && src->fd != STDIN_FILENO)
		close(src->fd);
}

/* Up to @len bytes into @p; 0 at the end. */
static size_t source_read(struct source *src, unsigned char *p, size_t len)
{
	ssize_t n;
	size_t i;

	if (src->pattern) {
		if (len > src->left)
			len = src->left;
		for (i = 0; i < len; i += 8) {
			__u64 v;

			src->x ^= src->x >> 12;
			src->x ^= src->x << 25;
			src->x ^= src->x >> 27;
			v = src->x * 0x2545f4914f6cdd1dULL;
			memcpy(p + i, &v, len - i < 8 ? len - i : 8);
		}
		src->left -= len;
		return len;
	}
	for (;;) {
		n = read(src->fd, p, len);
		if (n >= 0)
			return n;
		if (errno != EINTR)
			die("read");
		remaining_ms("read");
	}
}

static int sink_open(const char *file)
{
	int fd;

	if (!strcmp(file, "-"))
		return STDOUT_FILENO;
	fd = open(file, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
	if (fd < 0)
		die(file);
	return fd;
}

static void write_all(int fd, const unsigned char *p, size_t len)
{
	ssize_t n;

	while (len) {
		n = write(fd, p, len);
		if (n < 0) {
			if (errno == EINTR) {
				remaining_ms("write");
				continue;
			}
			die("write");
		}
		p += n;
		len -= n;
	}
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/*
 * A full memory budget leaves the socket writable as far as poll() can
 * tell (its send buffer has room), so -D retries after a pause.
 */
static bool send_retry(void)
{
	if (!dontwait || (errno != EAGAIN && errno != ENOBUFS))
		return false;
	if (errno == EAGAIN)
		send_eagain++;
	else
		send_enobufs++;
	remaining_ms("send");
	sleep_ms(10);
	return true;
}

/* Sends all of @p, whatever the partial writes and signals. */
static void send_all(int sk, const unsigned char *p, size_t len)
{
	ssize_t n;

	while (len) {
		wait_fd(sk, POLLOUT, "send");
		n = send(sk, p, len,
			 MSG_NOSIGNAL | (dontwait ? MSG_DONTWAIT : 0));
		if (n < 0) {
			if (send_retry())
				continue;
			if (errno == EINTR || errno == EAGAIN) {
				remaining_ms("send");
				continue;
			}
			die("send");
		}
		p += n;
		len -= n;
	}
}

static __u64 send_source(int sk, const char *file)
{
	struct source src;
	__u64 total = 0;
	size_t n;

	source_open(&src, file);
	while ((n = source_read(&src, buf, sizeof(buf))) > 0) {
		send_all(sk, buf, n);
		total += n;
	}
	source_close(&src);
	return total;
}

/* Receives until EOF into @out (-1: counts only); returns the bytes. */
static __u64 recv_to_eof(int sk, int out)
{
	__u64 total = 0;
	ssize_t n;

	for (;;) {
		wait_fd(sk, POLLIN, "recv");
		n = recv(sk, buf, read_delay_ms ? 4096 : sizeof(buf), 0);
		if (n > 0 && read_delay_ms)
			sleep_ms(read_delay_ms);
		if (n == 0)
			return total;
		if (n < 0) {
			if (errno == EINTR || errno == EAGAIN) {
				remaining_ms("recv");
				continue;
			}
			die("recv");
		}
		if (out >= 0)
			write_all(out, buf, n);
		total += n;
	}
}

static void set_int(int sk, int level, int opt, int v, const char *what)
{
	if (setsockopt(sk, level, opt, &v, sizeof(v)))
		die(what);
}

static void set_options(int sk)
{
	if (nodelay)
		set_int(sk, IPPROTO_TCP, TCP_NODELAY, 1, "TCP_NODELAY");
	if (cc && setsockopt(sk, IPPROTO_TCP, TCP_CONGESTION, cc, strlen(cc)))
		die("TCP_CONGESTION");
}

static int open_socket(const char *port)
{
	struct sockaddr_in sin;
	int sk;

	sk = socket(family, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (sk < 0)
		die("socket");
	set_options(sk);
	if (bind_addr || port) {
		if (port)
			set_int(sk, SOL_SOCKET, SO_REUSEADDR, 1, "SO_REUSEADDR");
		sin = sin_of(bind_addr, port ? port : "0");
		if (bind(sk, (struct sockaddr *)&sin, sizeof(sin)))
			die("bind");
	}
	return sk;
}

static void do_connect(int sk, const char *host, const char *port)
{
	struct sockaddr_in sin = sin_of(host, port);
	socklen_t len = sizeof(int);
	int fl, err = 0;

	clock_gettime(CLOCK_MONOTONIC, &t_conn);
	if (!nb_connect) {
		if (connect(sk, (struct sockaddr *)&sin, sizeof(sin)))
			die("connect");
		return;
	}
	fl = fcntl(sk, F_GETFL);
	if (fl < 0 || fcntl(sk, F_SETFL, fl | O_NONBLOCK))
		die("fcntl");
	if (connect(sk, (struct sockaddr *)&sin, sizeof(sin))) {
		if (errno != EINPROGRESS)
			die("connect");
		wait_fd(sk, POLLOUT, "connect");
		if (getsockopt(sk, SOL_SOCKET, SO_ERROR, &err, &len))
			die("SO_ERROR");
		if (err) {
			errno = err;
			die("connect");
		}
	}
	if (fcntl(sk, F_SETFL, fl))
		die("fcntl");
}

static int do_accept(int lsk)
{
	struct sockaddr_in peer;
	socklen_t len;
	int sk;

	for (;;) {
		wait_fd(lsk, POLLIN, "accept");
		len = sizeof(peer);
		sk = accept4(lsk, (struct sockaddr *)&peer, &len, SOCK_CLOEXEC);
		if (sk >= 0)
			break;
		if (errno != EINTR && errno != EAGAIN)
			die("accept");
	}
	clock_gettime(CLOCK_MONOTONIC, &t_conn);
	fprintf(stderr, "accepted %s\n", sin_str(&peer));
	/* Linux does not copy TCP_CONGESTION to accepted sockets of a
	 * listener created before the choice: set it again.
	 */
	set_options(sk);
	return sk;
}

static void print_info(int sk)
{
	struct tcp_info ti;
	socklen_t len = sizeof(ti);
	char name[32] = "";

	memset(&ti, 0, sizeof(ti));
	if (getsockopt(sk, IPPROTO_TCP, TCP_INFO, &ti, &len))
		die("TCP_INFO");
	fprintf(stderr,
		"info_len=%u\nstate=%u\nca_state=%u\nretransmits=%u\n"
		"probes=%u\nbackoff=%u\noptions=%u\nsnd_wscale=%u\n"
		"rcv_wscale=%u\nrto=%u\nato=%u\nsnd_mss=%u\nrcv_mss=%u\n"
		"unacked=%u\nsacked=%u\nlost=%u\nretrans=%u\npmtu=%u\n"
		"rcv_ssthresh=%u\nrtt=%u\nrttvar=%u\nsnd_ssthresh=%u\n"
		"snd_cwnd=%u\nadvmss=%u\nreordering=%u\nrcv_space=%u\n"
		"total_retrans=%u\n",
		len, ti.tcpi_state, ti.tcpi_ca_state, ti.tcpi_retransmits,
		ti.tcpi_probes, ti.tcpi_backoff, ti.tcpi_options,
		ti.tcpi_snd_wscale, ti.tcpi_rcv_wscale, ti.tcpi_rto,
		ti.tcpi_ato, ti.tcpi_snd_mss, ti.tcpi_rcv_mss, ti.tcpi_unacked,
		ti.tcpi_sacked, ti.tcpi_lost, ti.tcpi_retrans, ti.tcpi_pmtu,
		ti.tcpi_rcv_ssthresh, ti.tcpi_rtt, ti.tcpi_rttvar,
		ti.tcpi_snd_ssthresh, ti.tcpi_snd_cwnd, ti.tcpi_advmss,
		ti.tcpi_reordering, ti.tcpi_rcv_space, ti.tcpi_total_retrans);
	fprintf(stderr,
		"bytes_acked=%llu\nbytes_received=%llu\nsegs_out=%u\n"
		"segs_in=%u\nmin_rtt=%u\n",
		(unsigned long long)ti.tcpi_bytes_acked,
		(unsigned long long)ti.tcpi_bytes_received, ti.tcpi_segs_out,
		ti.tcpi_segs_in, ti.tcpi_min_rtt);
	len = sizeof(name) - 1;
	if (!getsockopt(sk, IPPROTO_TCP, TCP_CONGESTION, name, &len))
		fprintf(stderr, "cc=%.*s\n", (int)strnlen(name, len), name);
}

static void finish(int sk, __u64 bytes)
{
	if (show_info)
		print_info(sk);
	if (close(sk))
		die("close");
	if (verbose)
		fprintf(stderr, "bytes=%llu\nelapsed=%.3f\n",
			(unsigned long long)bytes, since(&t_conn));
	if (verbose && dontwait)
		fprintf(stderr, "send_eagain=%lu\nsend_enobufs=%lu\n",
			send_eagain, send_enobufs);
}

/* Sends @file, half-closes, then reads the peer's reply until it closes. */
static void send_and_drain(int sk, const char *file)
{
	__u64 sent, got;
	int out = -1;

	sent = send_source(sk, file);
	if (shutdown(sk, SHUT_WR))
		die("shutdown");
	if (reply_file)
		out = sink_open(reply_file);
	got = recv_to_eof(sk, out);
	if (out > STDOUT_FILENO)
		close(out);
	if (verbose)
		fprintf(stderr, "reply_bytes=%llu\n", (unsigned long long)got);
	finish(sk, sent);
}

static int do_listen(const char *port)
{
	struct sockaddr_in sin;
	socklen_t len = sizeof(sin);
	int sk = open_socket(port);

	if (listen(sk, 8))
		die("listen");
	if (getsockname(sk, (struct sockaddr *)&sin, &len))
		die("getsockname");
	fprintf(stderr, "listening %s\n", sin_str(&sin));
	return sk;
}

static void cmd_recv(const char *port, const char *file)
{
	char name[4096];
	__u64 got;
	int lsk, sk, out, k;

	lsk = do_listen(port);
	for (k = 1; k <= accepts; k++) {
		sk = do_accept(lsk);
		if (accepts > 1 && strcmp(file, "-")) {
			snprintf(name, sizeof(name), "%s.%d", file, k);
			out = sink_open(name);
		} else {
			out = sink_open(file);
		}
		got = recv_to_eof(sk, out);
		if (out != STDOUT_FILENO && close(out))
			die("close output");
		if (reply) {
			int n = snprintf((char *)buf, sizeof(buf), "bytes=%llu\n",
					 (unsigned long long)got);

			send_all(sk, buf, n);
		}
		finish(sk, got);
	}
	close(lsk);
}

static void cmd_serve(const char *port, const char *file)
{
	int lsk, k;

	lsk = do_listen(port);
	for (k = 1; k <= accepts; k++)
		send_and_drain(do_accept(lsk), file);
	close(lsk);
}

static void cmd_gen(const char *size)
{
	struct source src;
	size_t n;

	source_open(&src, size);
	while ((n = source_read(&src, buf, sizeof(buf))) > 0)
		write_all(STDOUT_FILENO, buf, n);
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

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_alarm };
	bool inet = false;
	const char *cmd;
	int opt, sk, out;

	while ((opt = getopt(argc, argv, "4a:b:c:d:DinNo:Rs:t:v")) != -1) {
		switch (opt) {
		case '4':
			inet = true;
			break;
		case 'a':
			accepts = parse_num(optarg, 1, 100000);
			break;
		case 'b':
			bind_addr = optarg;
			break;
		case 'c':
			cc = optarg;
			break;
		case 'd':
			read_delay_ms = parse_num(optarg, 0, 10000);
			break;
		case 'D':
			dontwait = true;
			break;
		case 'i':
			show_info = true;
			break;
		case 'n':
			nodelay = true;
			break;
		case 'N':
			nb_connect = true;
			break;
		case 'o':
			reply_file = optarg;
			break;
		case 'R':
			reply = true;
			break;
		case 's':
			seed = parse_size(optarg);
			break;
		case 't':
			timeout_s = parse_num(optarg, 0, 86400);
			break;
		case 'v':
			verbose = true;
			break;
		default:
			bad_usage();
		}
	}
	if (optind >= argc)
		bad_usage();
	cmd = argv[optind++];
	argc -= optind;
	argv += optind;

	if (inet)
		family = AF_INET;
	else
		read_family();
	clock_gettime(CLOCK_MONOTONIC, &t_start);
	/* No SA_RESTART: a blocked connect() or send() returns EINTR. */
	sigaction(SIGALRM, &sa, NULL);
	if (timeout_s)
		alarm(timeout_s);

	if (!strcmp(cmd, "send") && argc == 3) {
		sk = open_socket(NULL);
		do_connect(sk, argv[0], argv[1]);
		send_and_drain(sk, argv[2]);
	} else if (!strcmp(cmd, "fetch") && argc == 3) {
		__u64 got;

		out = sink_open(argv[2]);
		sk = open_socket(NULL);
		do_connect(sk, argv[0], argv[1]);
		got = recv_to_eof(sk, out);
		if (out != STDOUT_FILENO && close(out))
			die("close output");
		finish(sk, got);
	} else if (!strcmp(cmd, "recv") && argc == 2) {
		cmd_recv(argv[0], argv[1]);
	} else if (!strcmp(cmd, "serve") && argc == 2) {
		cmd_serve(argv[0], argv[1]);
	} else if (!strcmp(cmd, "gen") && argc == 1) {
		char spec[64];

		snprintf(spec, sizeof(spec), "@%s", argv[0]);
		cmd_gen(spec);
	} else {
		bad_usage();
	}
	return 0;
}
