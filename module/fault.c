// SPDX-License-Identifier: GPL-2.0
/*
 * Fault injection for tinyip's allocations, in the spirit of the kernel's
 * fault_attr (Documentation/fault-injection/fault-injection.rst) but
 * self-contained: the kernels tinyip is tested on are built without
 * CONFIG_FAULT_INJECTION, and its failures must be provable there too.
 *
 * Root drives it through debugfs, /sys/kernel/debug/tinyip/fail_alloc/:
 *   probability  percent of the filtered allocations that fail (0: off)
 *   times        how many may fail in all; -1 is no limit (the default)
 *   filter       mask of enum tip_fault_cat: 1 budget charges, 2 skbs,
 *                4 slab objects and sockets, 8 netlink messages (15)
 *   injected     failures injected so far (read-only)
 *   counts       the same per category (read-only)
 *
 * The check sits behind a static key that is on only while probability
 * and times allow a failure, so a module that nobody tests pays a no-op
 * per allocation.
 */
#include <linux/atomic.h>
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/random.h>
#include <linux/seq_file.h>

#include <tinyip/fault.h>

DEFINE_STATIC_KEY_FALSE(tip_fault_on);

static const char *const tip_fault_names[__TIP_FAULT_MAX] = {
	[TIP_FAULT_MEM] = "mem",
	[TIP_FAULT_SKB] = "skb",
	[TIP_FAULT_SLAB] = "slab",
	[TIP_FAULT_NETLINK] = "netlink",
};

static struct {
	u32 probability;		/* percent; READ/WRITE_ONCE */
	u32 filter;			/* BIT(enum tip_fault_cat); ditto */
	atomic_t times;			/* < 0: no limit */
	atomic64_t injected[__TIP_FAULT_MAX];
	struct mutex lock;		/* orders the key's updates */
	struct dentry *dir;
} tip_fa = {
	.filter = BIT(__TIP_FAULT_MAX) - 1,
	.times = ATOMIC_INIT(-1),
	.lock = __MUTEX_INITIALIZER(tip_fa.lock),
};

bool __tip_fault(enum tip_fault_cat cat)
{
	u32 p = READ_ONCE(tip_fa.probability);
	int t;

	if (!(READ_ONCE(tip_fa.filter) & BIT(cat)) || !p ||
	    (p < 100 && get_random_u32_below(100) >= p))
		return false;
	/* A limited run takes one of its failures; none left, none made. */
	t = atomic_read(&tip_fa.times);
	do {
		if (!t)
			return false;
	} while (t > 0 && !atomic_try_cmpxchg(&tip_fa.times, &t, t - 1));
	atomic64_inc(&tip_fa.injected[cat]);
	return true;
}

/* The key follows the settings; "times" running out leaves it on. */
static void tip_fault_update(void)
{
	if (READ_ONCE(tip_fa.probability) && atomic_read(&tip_fa.times))
		static_branch_enable(&tip_fault_on);
	else
		static_branch_disable(&tip_fault_on);
}

static int tip_fault_prob_get(void *data, u64 *val)
{
	*val = READ_ONCE(tip_fa.probability);
	return 0;
}

static int tip_fault_prob_set(void *data, u64 val)
{
	if (val > 100)
		return -EINVAL;
	mutex_lock(&tip_fa.lock);
	WRITE_ONCE(tip_fa.probability, val);
	tip_fault_update();
	mutex_unlock(&tip_fa.lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tip_fault_prob_fops, tip_fault_prob_get,
			 tip_fault_prob_set, "%llu\n");

static int tip_fault_times_get(void *data, u64 *val)
{
	*val = (u64)(s64)atomic_read(&tip_fa.times);
	return 0;
}

static int tip_fault_times_set(void *data, u64 val)
{
	s64 v = (s64)val;

	if (v < -1 || v > INT_MAX)
		return -EINVAL;
	mutex_lock(&tip_fa.lock);
	atomic_set(&tip_fa.times, v);
	tip_fault_update();
	mutex_unlock(&tip_fa.lock);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tip_fault_times_fops, tip_fault_times_get,
			 tip_fault_times_set, "%lld\n");

static int tip_fault_filter_get(void *data, u64 *val)
{
	*val = READ_ONCE(tip_fa.filter);
	return 0;
}

static int tip_fault_filter_set(void *data, u64 val)
{
	if (val & ~(u64)(BIT(__TIP_FAULT_MAX) - 1))
		return -EINVAL;
	WRITE_ONCE(tip_fa.filter, val);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tip_fault_filter_fops, tip_fault_filter_get,
			 tip_fault_filter_set, "0x%llx\n");

static int tip_fault_injected_get(void *data, u64 *val)
{
	int i;

	*val = 0;
	for (i = 0; i < __TIP_FAULT_MAX; i++)
		*val += atomic64_read(&tip_fa.injected[i]);
	return 0;
}
DEFINE_DEBUGFS_ATTRIBUTE(tip_fault_injected_fops, tip_fault_injected_get,
			 NULL, "%llu\n");

static int tip_fault_counts_show(struct seq_file *m, void *v)
{
	int i;

	for (i = 0; i < __TIP_FAULT_MAX; i++)
		seq_printf(m, "%s %lld\n", tip_fault_names[i],
			   atomic64_read(&tip_fa.injected[i]));
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(tip_fault_counts);

/* Without debugfs the module still loads: injection just stays off. */
int tip_fault_init(void)
{
	struct dentry *fa;

	tip_fa.dir = debugfs_create_dir("tinyip", NULL);
	fa = debugfs_create_dir("fail_alloc", tip_fa.dir);
	debugfs_create_file_unsafe("probability", 0600, fa, NULL,
				   &tip_fault_prob_fops);
	debugfs_create_file_unsafe("times", 0600, fa, NULL,
				   &tip_fault_times_fops);
	debugfs_create_file_unsafe("filter", 0600, fa, NULL,
				   &tip_fault_filter_fops);
	debugfs_create_file_unsafe("injected", 0400, fa, NULL,
				   &tip_fault_injected_fops);
	debugfs_create_file("counts", 0400, fa, NULL, &tip_fault_counts_fops);
	return 0;
}

void tip_fault_exit(void)
{
	debugfs_remove(tip_fa.dir);
	static_branch_disable(&tip_fault_on);
}
