/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What make bench's load programs (conns.c, rr.c) share: how they fail,
 * which family their -f option names, and their IPv4 or IPv6 address.
 */
#ifndef TINYIP_BENCH_H
#define TINYIP_BENCH_H

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/tinyip.h>

static inline void die(const char *what)
{
	fprintf(stderr, "%s: %s: %s\n", program_invocation_short_name, what,
		strerror(errno));
	exit(1);
}

/* The module's live AF_TINYIP number, or the header's when not loaded. */
static inline int tinyip_family(void)
{
	FILE *f = fopen("/sys/module/tinyip/parameters/family", "r");
	int fam = AF_TINYIP;

	if (f) {
		if (fscanf(f, "%d", &fam) != 1)
			fam = AF_TINYIP;
		fclose(f);
	}
	return fam;
}

/* -f NAME: "inet" (the native stack, or tinyip-run's) or "tinyip"; -1 else. */
static inline int bench_family(const char *name)
{
	if (!strcmp(name, "tinyip"))
		return tinyip_family();
	return strcmp(name, "inet") ? -1 : AF_INET;
}

/* An address of either IP version (RFC 791, RFC 8200) and its length. */
struct bench_addr {
	struct sockaddr_storage ss;
	socklen_t len;
};

static inline struct sockaddr *bench_sa(const struct bench_addr *a)
{
	return (struct sockaddr *)&a->ss;
}

/*
 * ADDR and PORT as a socket address, sockaddr_in6 when ADDR is IPv6;
 * then *@fam, AF_INET from -f inet, becomes AF_INET6 (AF_TINYIP takes
 * both forms). 0, or -1 when ADDR is neither.
 */
static inline int bench_addr(struct bench_addr *a, int *fam, const char *addr,
			     int port)
{
	struct sockaddr_in6 *sin6 = (struct sockaddr_in6 *)&a->ss;
	struct sockaddr_in *sin = (struct sockaddr_in *)&a->ss;

	memset(a, 0, sizeof(*a));
	if (inet_pton(AF_INET, addr, &sin->sin_addr) == 1) {
		sin->sin_family = AF_INET;
		sin->sin_port = htons(port);
		a->len = sizeof(*sin);
		return 0;
	}
	if (inet_pton(AF_INET6, addr, &sin6->sin6_addr) != 1)
		return -1;
	sin6->sin6_family = AF_INET6;
	sin6->sin6_port = htons(port);
	a->len = sizeof(*sin6);
	if (*fam == AF_INET)
		*fam = AF_INET6;
	return 0;
}

#endif /* TINYIP_BENCH_H */
