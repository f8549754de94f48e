/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Per-instance memory budget. Every allocation a netns makes on behalf of
 * its users is charged here first, so that one namespace (or one flood of
 * packets) cannot take more than the administrator allowed. Each charge
 * names what the memory is for (enum tinyip_mem_cat), so that the user
 * can see where the budget went.
 */
#ifndef _TINYIP_MEM_H
#define _TINYIP_MEM_H

#include <linux/atomic.h>
#include <linux/gfp.h>
#include <linux/minmax.h>
#include <linux/tinyip.h>
#include <linux/types.h>

/* One category's share; its used values add up to tip_mem.used. */
struct tip_mem_cat {
	atomic64_t used;
	atomic64_t failed;
	atomic64_t peak;
};

struct tip_mem {
	atomic64_t used;	/* bytes charged now */
	atomic64_t failed;	/* charges refused by the budget */
	atomic64_t peak;	/* the highest "used" so far */
	u64 budget;		/* bytes; 0 is unlimited; READ/WRITE_ONCE */
	/* Indexed by enum tinyip_mem_cat; UNSPEC and PAD stay zero. */
	struct tip_mem_cat cat[__TINYIP_MEM_MAX];
	/*
	 * Someone held back for lack of memory (a receive window the budget
	 * kept shut, tcp_rwnd.c) waits for the headroom to reach @wake
	 * bytes: the uncharge or budget change that gets it there calls
	 * @on_free once. 0: nobody waits; TIP_MEM_WAKE_OFF: the instance
	 * is going away and nobody will be called again.
	 */
	atomic64_t wake;
	void (*on_free)(struct tip_mem *mem);
};

#define TIP_MEM_WAKE_OFF	(-1LL)

void tip_mem_init(struct tip_mem *mem);
int tip_mem_charge(struct tip_mem *mem, enum tinyip_mem_cat cat, u64 bytes);
void tip_mem_charge_force(struct tip_mem *mem, enum tinyip_mem_cat cat,
			  u64 bytes);
void tip_mem_uncharge(struct tip_mem *mem, enum tinyip_mem_cat cat,
		      u64 bytes);
void tip_mem_set_budget(struct tip_mem *mem, u64 budget);
void tip_mem_wake_at(struct tip_mem *mem, u64 headroom);
void tip_mem_wake_off(struct tip_mem *mem);
void *tip_mem_zalloc(struct tip_mem *mem, enum tinyip_mem_cat cat,
		     size_t size, gfp_t gfp);
void tip_mem_free(struct tip_mem *mem, enum tinyip_mem_cat cat, void *p,
		  size_t size);

static inline u64 tip_mem_budget(const struct tip_mem *mem)
{
	return READ_ONCE(mem->budget);
}

static inline u64 tip_mem_used(const struct tip_mem *mem)
{
	return atomic64_read(&mem->used);
}

/*
 * What may still be charged: the budget less what is in use, negative
 * once forced charges or a lowered budget put "used" above it, S64_MAX
 * without a budget.
 */
static inline s64 tip_mem_headroom(const struct tip_mem *mem)
{
	u64 budget = tip_mem_budget(mem);

	if (!budget)
		return S64_MAX;
	return (s64)min_t(u64, budget, S64_MAX) - (s64)tip_mem_used(mem);
}

static inline u64 tip_mem_failed(const struct tip_mem *mem)
{
	return atomic64_read(&mem->failed);
}

static inline u64 tip_mem_peak(const struct tip_mem *mem)
{
	return atomic64_read(&mem->peak);
}

/* A category's counters; @cat is a TINYIP_MEM_* below __TINYIP_MEM_MAX. */
static inline u64 tip_mem_cat_used(const struct tip_mem *mem,
				   enum tinyip_mem_cat cat)
{
	return atomic64_read(&mem->cat[cat].used);
}

static inline u64 tip_mem_cat_failed(const struct tip_mem *mem,
				     enum tinyip_mem_cat cat)
{
	return atomic64_read(&mem->cat[cat].failed);
}

static inline u64 tip_mem_cat_peak(const struct tip_mem *mem,
				   enum tinyip_mem_cat cat)
{
	return atomic64_read(&mem->cat[cat].peak);
}

#endif /* _TINYIP_MEM_H */
