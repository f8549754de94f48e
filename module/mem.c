// SPDX-License-Identifier: GPL-2.0
/*
 * Memory budget accounting for one tinyip instance.
 *
 * The check and the charge are one atomic step (a cmpxchg loop) so that
 * concurrent callers cannot both slip under the limit. Lowering the budget
 * below what is in use refuses new work only: what was already accepted
 * stays charged until it is freed, so nothing in flight is lost.
 *
 * Each charge also lands in its category. The total is what the budget
 * checks; a category is bookkeeping added after it, so a reader racing a
 * charge may see the categories sum to a little less or more than "used",
 * never once both are quiet.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include <tinyip/fault.h>
#include <tinyip/mem.h>

void tip_mem_init(struct tip_mem *mem)
{
	int i;

	atomic64_set(&mem->used, 0);
	atomic64_set(&mem->failed, 0);
	atomic64_set(&mem->peak, 0);
	WRITE_ONCE(mem->budget, 0);
	for (i = 0; i < __TINYIP_MEM_MAX; i++) {
		atomic64_set(&mem->cat[i].used, 0);
		atomic64_set(&mem->cat[i].failed, 0);
		atomic64_set(&mem->cat[i].peak, 0);
	}
}

/* A bad category is a caller's bug; its bytes still count, as "other". */
static struct tip_mem_cat *tip_mem_cat_of(struct tip_mem *mem,
					  enum tinyip_mem_cat cat)
{
	if (WARN_ON_ONCE(cat <= TINYIP_MEM_PAD || cat >= __TINYIP_MEM_MAX))
		cat = TINYIP_MEM_OTHER;
	return &mem->cat[cat];
}

/*
 * The high-water mark, for sizing a budget: a racing charge may lift it
 * between our read and our store, so it is a cmpxchg loop too.
 */
static void tip_mem_peak_at(atomic64_t *peak_p, s64 used)
{
	s64 peak = atomic64_read(peak_p);

	while (used > peak && !atomic64_try_cmpxchg(peak_p, &peak, used))
		;
}

static void tip_mem_cat_add(struct tip_mem_cat *c, u64 bytes)
{
	tip_mem_peak_at(&c->peak, atomic64_add_return(bytes, &c->used));
}

/*
 * Returns 0 when @bytes fit in the budget, -ENOBUFS (and counts it) else;
 * an injected fault (module/fault.c) is refused and counted the same way.
 */
int tip_mem_charge(struct tip_mem *mem, enum tinyip_mem_cat cat, u64 bytes)
{
	struct tip_mem_cat *c = tip_mem_cat_of(mem, cat);
	s64 old = atomic64_read(&mem->used);
	u64 budget = READ_ONCE(mem->budget);
	u64 sum;

	do {
		if (tip_fault(TIP_FAULT_MEM) ||
		    check_add_overflow((u64)old, bytes, &sum) ||
		    sum > S64_MAX || (budget && sum > budget)) {
			atomic64_inc(&mem->failed);
			atomic64_inc(&c->failed);
			return -ENOBUFS;
		}
	} while (!atomic64_try_cmpxchg(&mem->used, &old, sum));

	tip_mem_peak_at(&mem->peak, sum);
	tip_mem_cat_add(c, bytes);
	return 0;
}

/*
 * For memory that exists whatever the budget says (the instance itself,
 * a FIN, a split of data already queued), so that "used" tells the whole
 * truth. It is what lets "used" pass the budget, by as much as callers
 * force while the budget is full.
 */
void tip_mem_charge_force(struct tip_mem *mem, enum tinyip_mem_cat cat,
			  u64 bytes)
{
	tip_mem_peak_at(&mem->peak, atomic64_add_return(bytes, &mem->used));
	tip_mem_cat_add(tip_mem_cat_of(mem, cat), bytes);
}

/* An unbalanced uncharge is a bug in the caller; keep the sums sane. */
static void tip_mem_sub(atomic64_t *v, u64 bytes)
{
	if (WARN_ON_ONCE(atomic64_sub_return(bytes, v) < 0))
		atomic64_set(v, 0);
}

void tip_mem_uncharge(struct tip_mem *mem, enum tinyip_mem_cat cat,
		      u64 bytes)
{
	tip_mem_sub(&tip_mem_cat_of(mem, cat)->used, bytes);
	tip_mem_sub(&mem->used, bytes);
}

void tip_mem_set_budget(struct tip_mem *mem, u64 budget)
{
	WRITE_ONCE(mem->budget, budget);
}

/*
 * A zeroed object charged to the budget: NULL when the budget or the
 * allocator says no, and the caller answers -ENOBUFS either way, since to
 * an application both mean "no buffer space now".
 */
void *tip_mem_zalloc(struct tip_mem *mem, enum tinyip_mem_cat cat,
		     size_t size, gfp_t gfp)
{
	void *p;

	if (tip_mem_charge(mem, cat, size))
		return NULL;
	p = tip_kzalloc(size, gfp);
	if (!p)
		tip_mem_uncharge(mem, cat, size);
	return p;
}

void tip_mem_free(struct tip_mem *mem, enum tinyip_mem_cat cat, void *p,
		  size_t size)
{
	if (!p)
		return;
	kfree(p);
	tip_mem_uncharge(mem, cat, size);
}
