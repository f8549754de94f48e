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
 *
 * Whoever was held back for lack of memory may ask to be called once the
 * headroom reaches a given size (tip_mem_wake_at): the uncharge, or the
 * budget change, that gets it there makes the call, so recovery does not
 * wait for anyone to poll.
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
	atomic64_set(&mem->wake, 0);
	mem->on_free = NULL;
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

/*
 * Calls on_free if someone waits for the headroom there is now. The
 * cmpxchg to 0 makes it one call per tip_mem_wake_at(), however many
 * uncharges race past the mark.
 */
static void tip_mem_wake_check(struct tip_mem *mem)
{
	s64 want = atomic64_read(&mem->wake);

	if (likely(want <= 0) || tip_mem_headroom(mem) < want)
		return;
	if (atomic64_try_cmpxchg(&mem->wake, &want, 0) && mem->on_free)
		mem->on_free(mem);
}

void tip_mem_uncharge(struct tip_mem *mem, enum tinyip_mem_cat cat,
		      u64 bytes)
{
	tip_mem_sub(&tip_mem_cat_of(mem, cat)->used, bytes);
	tip_mem_sub(&mem->used, bytes);
	tip_mem_wake_check(mem);
}

/*
 * A new budget is new room for whoever waits: shares of the budget itself
 * change with it, not only the headroom, so any waiter is called.
 */
void tip_mem_set_budget(struct tip_mem *mem, u64 budget)
{
	s64 want;

	WRITE_ONCE(mem->budget, budget);
	want = atomic64_read(&mem->wake);
	if (want > 0 && atomic64_try_cmpxchg(&mem->wake, &want, 0) &&
	    mem->on_free)
		mem->on_free(mem);
}

/*
 * Asks for one on_free call once the headroom is at least @headroom
 * bytes; with several waiters the lowest mark wins, and on_free's
 * callee asks again for those it could not serve. Calls at once when
 * the headroom is already there (the memory may have come back between
 * the caller's look and this call).
 */
void tip_mem_wake_at(struct tip_mem *mem, u64 headroom)
{
	s64 want = min_t(u64, max_t(u64, headroom, 1), S64_MAX);
	s64 old = atomic64_read(&mem->wake);

	do {
		if (old == TIP_MEM_WAKE_OFF || (old > 0 && old <= want))
			break;
	} while (!atomic64_try_cmpxchg(&mem->wake, &old, want));
	tip_mem_wake_check(mem);
}

/*
 * No on_free call after this returns, but one already made may still
 * be running: the owner of on_free's work cancels it after this.
 */
void tip_mem_wake_off(struct tip_mem *mem)
{
	atomic64_set(&mem->wake, TIP_MEM_WAKE_OFF);
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
