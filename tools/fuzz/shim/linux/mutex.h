/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: linux/mutex.h; no wire parser takes a lock. */
#ifndef FUZZ_SHIM_LINUX_MUTEX_H
#define FUZZ_SHIM_LINUX_MUTEX_H
struct mutex {
	int unused;
};
#endif
