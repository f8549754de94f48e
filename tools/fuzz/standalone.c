// SPDX-License-Identifier: GPL-2.0
/*
 * A main() for the coverage build of the harnesses: feeds each file named
 * on the command line once to the harness's entry point, as libFuzzer's
 * replay does, without libFuzzer (its own counters would cloud the
 * profile). The harnesses cover RFC 791, RFC 8200, RFC 4861, RFC 9293
 * and RFC 768 parsers; this file only drives them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <linux/types.h>

#include "fuzz.h"

int main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		u8 *buf;
		long n;

		if (!f || fseek(f, 0, SEEK_END)) {
			perror(argv[i]);
			return 1;
		}
		n = ftell(f);
		if (n < 0 || fseek(f, 0, SEEK_SET)) {
			perror(argv[i]);
			return 1;
		}
		buf = malloc(n ? n : 1);
		if (!buf || fread(buf, 1, n, f) != (size_t)n) {
			perror(argv[i]);
			return 1;
		}
		fclose(f);
		FUZZ_ENTRY(buf, n);
		free(buf);
	}
	return 0;
}
