// SPDX-License-Identifier: GPL-2.0
/*
 * libtinyip-preload.so: loaded with LD_PRELOAD (see tinyip-run), it moves
 * an unmodified program's AF_INET and, when asked, AF_INET6 sockets onto
 * AF_TINYIP, so the program talks TCP/UDP (RFC 9293, RFC 768) through
 * tinyip instead of the native stack. Addresses need no translation:
 * tinyip takes and returns struct sockaddr_in/sockaddr_in6 as AF_INET
 * does; only the family given to socket(2) changes.
 *
 * Environment, read once, at the first socket(2) call:
 *   TINYIP_FAMILIES  inet (default), inet6, inet,inet6 or none
 *   TINYIP_FALLBACK  1: if tinyip is absent, use the native socket
 *   TINYIP_DEBUG     1: log every moved socket to stderr
 *
 * Nothing allocates after that first call, so the interposers are safe in
 * any thread and cheap on every call.
 *
 * A socket moved from AF_INET6 gets IPV6_V6ONLY 0 right after socket(2):
 * that makes it an IPv6 tinyip socket at once (names as sockaddr_in6, ::
 * taking IPv4 too, RFC 3493 3.7), as the program expects from Linux. One
 * moved from AF_INET gets ENOPROTOOPT for IPPROTO_IPV6 options, as on
 * Linux, and tinyip never sees them (they would make it an IPv6 socket).
 *
 * One socket option is swallowed: setting SO_REUSEPORT, which Linux's
 * core (net/core/sock.c, 6.12 and stable kernels) refuses with EOPNOTSUPP
 * for families other than AF_INET and AF_INET6 before tinyip sees it,
 * and without which nc -l exits. Every other option tinyip does not
 * support fails with tinyip's own errno.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <linux/tinyip.h>

#define BIT(n)			(1u << (n))
#define EXPORT			__attribute__((visibility("default")))

#define FAMILY_PARAM "/sys/module/tinyip/parameters/family"

/* Bits of cfg.moved. */
#define MOVE_INET	BIT(0)
#define MOVE_INET6	BIT(1)

/*
 * The family each moved socket was asked for, by descriptor, so that
 * getsockopt(SO_DOMAIN) can tell the program what it expects: 0 unknown,
 * else AF_INET or AF_INET6. Descriptors past the table fall back to the
 * family of the socket's name.
 */
#define FD_TABLE_SIZE 65536
static unsigned char fd_family[FD_TABLE_SIZE];

typedef int (*socket_fn)(int, int, int);
typedef int (*accept_fn)(int, struct sockaddr *, socklen_t *);
typedef int (*accept4_fn)(int, struct sockaddr *, socklen_t *, int);
typedef int (*getsockopt_fn)(int, int, int, void *, socklen_t *);
typedef int (*setsockopt_fn)(int, int, int, const void *, socklen_t);

static struct {
	socket_fn socket;
	accept_fn accept;
	accept4_fn accept4;
	getsockopt_fn getsockopt;
	setsockopt_fn setsockopt;
	int tip_family;
	unsigned int moved;
	bool fallback;
	bool debug;
} cfg;

static pthread_once_t cfg_once = PTHREAD_ONCE_INIT;
static int absent_reported;

/* stdio may allocate or take locks; one write(2) of a stack buffer won't. */
static void say(const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	int n;

	memcpy(buf, "tinyip-run: ", 12);
	va_start(ap, fmt);
	n = vsnprintf(buf + 12, sizeof(buf) - 13, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	n += 12;
	if (n > (int)sizeof(buf) - 1)
		n = sizeof(buf) - 1;
	buf[n++] = '\n';
	if (write(STDERR_FILENO, buf, n) < 0)
		return;	/* nowhere left to complain */
}

static bool env_true(const char *name)
{
	const char *v = getenv(name);

	return v && *v && strcmp(v, "0") != 0;
}

/* The module parameter gives the live number when tinyip was moved. */
static int read_family(void)
{
	char buf[16];
	ssize_t n;
	long v;
	int fd;

	fd = open(FAMILY_PARAM, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return AF_TINYIP;
	n = read(fd, buf, sizeof(buf) - 1);
	close(fd);
	if (n <= 0)
		return AF_TINYIP;
	buf[n] = '\0';
	v = strtol(buf, NULL, 10);
	return v > AF_UNSPEC && v < AF_MAX ? (int)v : AF_TINYIP;
}

static unsigned int parse_families(const char *s)
{
	unsigned int moved = 0;
	size_t len;

	if (!s)
		return MOVE_INET;
	while (*s) {
		len = strcspn(s, ", ");
		if (len == 4 && !strncmp(s, "inet", len))
			moved |= MOVE_INET;
		else if (len == 5 && !strncmp(s, "inet6", len))
			moved |= MOVE_INET6;
		else if (len && !(len == 4 && !strncmp(s, "none", len)))
			say("TINYIP_FAMILIES: ignoring '%.*s' (want inet, inet6 or none)",
			    (int)len, s);
		s += len;
		s += strspn(s, ", ");
	}
	return moved;
}

static int sys_socket(int domain, int type, int protocol)
{
	return syscall(SYS_socket, domain, type, protocol);
}

static int sys_getsockopt(int fd, int level, int name, void *val,
			  socklen_t *len)
{
	return syscall(SYS_getsockopt, fd, level, name, val, len);
}

static int sys_setsockopt(int fd, int level, int name, const void *val,
			  socklen_t len)
{
	return syscall(SYS_setsockopt, fd, level, name, val, len);
}

static int sys_accept4(int fd, struct sockaddr *addr, socklen_t *len,
		       int flags)
{
	return syscall(SYS_accept4, fd, addr, len, flags);
}

static int sys_accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	return sys_accept4(fd, addr, len, 0);
}

/*
 * The next definitions in the lookup order, so that another preloaded
 * library stays in the chain; the raw system calls if there is none.
 */
static void cfg_init(void)
{
	int saved = errno;

	cfg.socket = (socket_fn)dlsym(RTLD_NEXT, "socket");
	cfg.accept = (accept_fn)dlsym(RTLD_NEXT, "accept");
	cfg.accept4 = (accept4_fn)dlsym(RTLD_NEXT, "accept4");
	cfg.getsockopt = (getsockopt_fn)dlsym(RTLD_NEXT, "getsockopt");
	cfg.setsockopt = (setsockopt_fn)dlsym(RTLD_NEXT, "setsockopt");
	if (!cfg.socket)
		cfg.socket = sys_socket;
	if (!cfg.accept)
		cfg.accept = sys_accept;
	if (!cfg.accept4)
		cfg.accept4 = sys_accept4;
	if (!cfg.getsockopt)
		cfg.getsockopt = sys_getsockopt;
	if (!cfg.setsockopt)
		cfg.setsockopt = sys_setsockopt;
	cfg.tip_family = read_family();
	cfg.moved = parse_families(getenv("TINYIP_FAMILIES"));
	cfg.fallback = env_true("TINYIP_FALLBACK");
	cfg.debug = env_true("TINYIP_DEBUG");
	errno = saved;
}

static void setup(void)
{
	pthread_once(&cfg_once, cfg_init);
}

static void remember(int fd, int family)
{
	if (fd >= 0 && fd < FD_TABLE_SIZE)
		__atomic_store_n(&fd_family[fd], (unsigned char)family,
				 __ATOMIC_RELAXED);
}

static int recall(int fd)
{
	if (fd >= 0 && fd < FD_TABLE_SIZE)
		return __atomic_load_n(&fd_family[fd], __ATOMIC_RELAXED);
	return 0;
}

static bool is_moved(int domain)
{
	return (domain == AF_INET && (cfg.moved & MOVE_INET)) ||
	       (domain == AF_INET6 && (cfg.moved & MOVE_INET6));
}

static const char *family_name(int domain)
{
	return domain == AF_INET ? "AF_INET" : "AF_INET6";
}

static void make_v6(int fd)
{
	int off = 0, saved = errno;

	if (cfg.setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off,
			   sizeof(off)) && cfg.debug)
		say("setsockopt(%d, IPV6_V6ONLY, 0): %s", fd, strerror(errno));
	errno = saved;
}

EXPORT int socket(int domain, int type, int protocol)
{
	int fd, err;

	setup();
	if (!is_moved(domain))
		return cfg.socket(domain, type, protocol);

	/* SOCK_NONBLOCK and SOCK_CLOEXEC ride along in type unchanged. */
	fd = cfg.socket(cfg.tip_family, type, protocol);
	if (fd >= 0) {
		remember(fd, domain);
		/*
		 * An AF_INET6 program expects sockaddr_in6 names from the
		 * start (getsockname before bind) and a dual socket, as
		 * Linux's bindv6only=0 gives: any IPPROTO_IPV6 option makes
		 * a tinyip socket IPv6-flavoured, and this one is a no-op
		 * otherwise.
		 */
		if (domain == AF_INET6)
			make_v6(fd);
		if (cfg.debug)
			say("%s(%s, %#x, %d) -> AF_TINYIP (%d), fd %d",
			    __func__, family_name(domain), type, protocol,
			    cfg.tip_family, fd);
		return fd;
	}
	err = errno;
	if (err != EAFNOSUPPORT)
		return -1;
	if (cfg.fallback) {
		if (cfg.debug)
			say("%s(%s): AF_TINYIP (%d) absent, using the native stack",
			    __func__, family_name(domain), cfg.tip_family);
		return cfg.socket(domain, type, protocol);
	}
	if (!__atomic_exchange_n(&absent_reported, 1, __ATOMIC_RELAXED))
		say("family %d (AF_TINYIP) is not available: load tinyip, or set TINYIP_FALLBACK=1",
		    cfg.tip_family);
	errno = err;
	return -1;
}

/* A connection accepted on a moved listener is moved as well. */
static int accepted(int lfd, int fd)
{
	if (fd >= 0)
		remember(fd, recall(lfd));
	return fd;
}

EXPORT int accept(int fd, struct sockaddr *addr, socklen_t *len)
{
	setup();
	return accepted(fd, cfg.accept(fd, addr, len));
}

EXPORT int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
	setup();
	return accepted(fd, cfg.accept4(fd, addr, len, flags));
}

/*
 * The family a tinyip socket stands in for: the one socket(2) was asked
 * for, else the family of its name (tinyip reports names as AF_INET or
 * AF_INET6), else AF_INET.
 */
static int original_family(int fd)
{
	struct sockaddr_storage ss;
	socklen_t len = sizeof(ss);
	int family = recall(fd);

	if (family)
		return family;
	if (getsockname(fd, (struct sockaddr *)&ss, &len) == 0 &&
	    (ss.ss_family == AF_INET || ss.ss_family == AF_INET6))
		return ss.ss_family;
	return AF_INET;
}

EXPORT int getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
	int ret, family;

	setup();
	ret = cfg.getsockopt(fd, level, name, val, len);
	if (ret || level != SOL_SOCKET || name != SO_DOMAIN ||
	    !val || !len || *len < sizeof(int))
		return ret;
	memcpy(&family, val, sizeof(family));
	if (family == cfg.tip_family) {
		family = original_family(fd);
		memcpy(val, &family, sizeof(family));
	}
	return ret;
}

static bool is_tinyip(int fd)
{
	socklen_t len = sizeof(int);
	int family;

	return cfg.getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &family, &len) == 0 &&
	       family == cfg.tip_family;
}

EXPORT int setsockopt(int fd, int level, int name, const void *val,
		      socklen_t len)
{
	int ret, err;

	setup();
	/*
	 * An AF_INET socket has no IPPROTO_IPV6 options: Linux says
	 * ENOPROTOOPT, and programs rely on it (python3's http.server clears
	 * IPV6_V6ONLY on every socket, ignoring the error). tinyip would
	 * take the option as the sign of an IPv6 program and name the socket
	 * as AF_INET6 from then on, so it never sees it.
	 */
	if (level == IPPROTO_IPV6 && recall(fd) == AF_INET) {
		errno = ENOPROTOOPT;
		return -1;
	}
	ret = cfg.setsockopt(fd, level, name, val, len);
	if (!ret || level != SOL_SOCKET || name != SO_REUSEPORT)
		return ret;
	err = errno;
	if (err == EOPNOTSUPP && is_tinyip(fd)) {
		if (cfg.debug)
			say("%s(%d, SO_REUSEPORT): refused by the kernel for AF_TINYIP, ignored",
			    __func__, fd);
		return 0;
	}
	errno = err;
	return ret;
}
