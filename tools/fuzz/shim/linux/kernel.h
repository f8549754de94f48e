/* SPDX-License-Identifier: GPL-2.0 */
/* Shim: linux/kernel.h for the host build; min/max live in types.h. */
#ifndef FUZZ_SHIM_LINUX_KERNEL_H
#define FUZZ_SHIM_LINUX_KERNEL_H
#include <linux/types.h>
#endif
