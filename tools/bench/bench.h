/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What make bench's load programs (conns.c, rr.c) share: how they fail,
 * and which family their -f option names.
 */
#ifndef TINYIP_BENCH_H
#define TINYIP_BENCH_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

#endif /* TINYIP_BENCH_H */
