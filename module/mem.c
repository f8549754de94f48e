// SPDX-License-Identifier: GPL-2.0
/*
 * Memory budget accounting for one tinyip instance.
 *
 * The check and the charge are one atomic step (a cmpxchg loop) so that
 * concurrent callers cannot both slip under the limit. Lowering the budget
 * below what is in use refuses new work only: what was already accepted
 * stays charged until it is freed, so nothing in flight is lost.
 */
#include <linux/bug.h>
#include <linux/errno.h>
#include <linux/overflow.h>
#include <linux/slab.h>

#include <tinyip/mem.h>

void tip_mem_init(struct tip_mem *mem)
{
	atomic64_set(&mem->used, 0);
	atomic64_set(&mem->failed, 0);
	atomic64_set(&mem->peak, 0);
	WRITE_ONCE(mem->budget, 0);
}

/*
 * The high-water mark, for sizing a budget: a racing charge may lift it
 * between our read and our store, so it is a cmpxchg loop too.
 */
static void tip_mem_peak_at(struct tip_mem *mem, s64 used)
{
	s64 peak = atomic64_read(&mem->peak);

	while (used > peak && !atomic64_try_cmpxchg(&mem->peak, &peak, used))
		;
}

/* Returns 0 when @bytes fit in the budget, -ENOBUFS (and counts it) else. */
int tip_mem_charge(struct tip_mem *mem, u64 bytes)
{
	s64 old = atomic64_read(&mem->used);
	u64 budget = READ_ONCE(mem->budget);
	u64 sum;

	do {
		if (check_add_overflow((u64)old, bytes, &sum) ||
		    sum > S64_MAX || (budget && sum > budget)) {
			atomic64_inc(&mem->failed);
			return -ENOBUFS;
		}
	} while (!atomic64_try_cmpxchg(&mem->used, &old, sum));

	tip_mem_peak_at(mem, sum);
	return 0;
}

/*
 * For memory that exists whatever the budget says (the instance itself),
 * so that "used" tells the whole truth.
 */
void tip_mem_charge_force(struct tip_mem *mem, u64 bytes)
{
	tip_mem_peak_at(mem, atomic64_add_return(bytes, &mem->used));
}

void tip_mem_uncharge(struct tip_mem *mem, u64 bytes)
{
	s64 left = atomic64_sub_return(bytes, &mem->used);

	/* An unbalanced uncharge is a bug in the caller; keep the sum sane. */
	if (WARN_ON_ONCE(left < 0))
		atomic64_set(&mem->used, 0);
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
void *tip_mem_zalloc(struct tip_mem *mem, size_t size, gfp_t gfp)
{
	void *p;

	if (tip_mem_charge(mem, size))
		return NULL;
	p = kzalloc(size, gfp);
	if (!p)
		tip_mem_uncharge(mem, size);
	return p;
}

void tip_mem_free(struct tip_mem *mem, void *p, size_t size)
{
	if (!p)
		return;
	kfree(p);
	tip_mem_uncharge(mem, size);
}
