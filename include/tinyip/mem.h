/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-instance memory budget. Every allocation a netns makes on behalf of
 * its users is charged here first, so that one namespace (or one flood of
 * packets) cannot take more than the administrator allowed.
 */
#ifndef _TINYIP_MEM_H
#define _TINYIP_MEM_H

#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/types.h>

struct tip_mem {
	atomic64_t used;	/* bytes charged now */
	atomic64_t failed;	/* charges refused by the budget */
	atomic64_t peak;	/* the highest "used" so far */
	u64 budget;		/* bytes; 0 is unlimited; READ/WRITE_ONCE */
};

void tip_mem_init(struct tip_mem *mem);
int tip_mem_charge(struct tip_mem *mem, u64 bytes);
void tip_mem_charge_force(struct tip_mem *mem, u64 bytes);
void tip_mem_uncharge(struct tip_mem *mem, u64 bytes);
void tip_mem_set_budget(struct tip_mem *mem, u64 budget);
void *tip_mem_zalloc(struct tip_mem *mem, size_t size, gfp_t gfp);
void tip_mem_free(struct tip_mem *mem, void *p, size_t size);

static inline u64 tip_mem_budget(const struct tip_mem *mem)
{
	return READ_ONCE(mem->budget);
}

static inline u64 tip_mem_used(const struct tip_mem *mem)
{
	return atomic64_read(&mem->used);
}

static inline u64 tip_mem_failed(const struct tip_mem *mem)
{
	return atomic64_read(&mem->failed);
}

static inline u64 tip_mem_peak(const struct tip_mem *mem)
{
	return atomic64_read(&mem->peak);
}

#endif /* _TINYIP_MEM_H */
