/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Host stand-in: the list types that tinyip's headers embed in structs,
 * and the doubly linked list operations of the protocol core, with the
 * kernel's semantics (a deleted entry is poisoned, so a use after
 * list_del() faults under ASan rather than going unseen).
 */
#ifndef _TIP_SHIM_LINUX_LIST_H
#define _TIP_SHIM_LINUX_LIST_H

#include <linux/kernel.h>
#include <linux/types.h>

struct list_head {
	struct list_head *next, *prev;
};

struct hlist_node {
	struct hlist_node *next, **pprev;
};

struct hlist_head {
	struct hlist_node *first;
};

#define LIST_POISON1	((struct list_head *)0x100)
#define LIST_POISON2	((struct list_head *)0x122)

static inline void INIT_LIST_HEAD(struct list_head *list)
{
	list->next = list;
	list->prev = list;
}

static inline void __list_add(struct list_head *new, struct list_head *prev,
			      struct list_head *next)
{
	TIP_SHIM_CHECK(next->prev == prev && prev->next == next);
	next->prev = new;
	new->next = next;
	new->prev = prev;
	prev->next = new;
}

static inline void list_add(struct list_head *new, struct list_head *head)
{
	__list_add(new, head, head->next);
}

static inline void list_add_tail(struct list_head *new,
				 struct list_head *head)
{
	__list_add(new, head->prev, head);
}

static inline void list_del(struct list_head *entry)
{
	TIP_SHIM_CHECK(entry->next != LIST_POISON1 &&
		       entry->prev->next == entry &&
		       entry->next->prev == entry);
	entry->next->prev = entry->prev;
	entry->prev->next = entry->next;
	entry->next = LIST_POISON1;
	entry->prev = LIST_POISON2;
}

static inline bool list_empty(const struct list_head *head)
{
	return head->next == head;
}

#define list_entry(ptr, type, member)	container_of(ptr, type, member)
#define list_first_entry(ptr, type, member) \
	list_entry((ptr)->next, type, member)

/*
 * The walks keep their place in a cursor, so that each macro argument
 * is named once: the entry's address is @off bytes before its node, and
 * the next node is read before the body runs, which makes every walk as
 * safe as list_for_each_entry_safe() (whose @n is set all the same).
 */
struct tip_shim_list_it {
	void *pos;			/* &pos, of whatever entry type */
	void *n;			/* &n for the _safe walk, or NULL */
	const struct list_head *head;
	size_t off;
	struct list_head *next;
};

static inline struct tip_shim_list_it
tip_shim_list_it(void *pos, void *n, const struct list_head *head, size_t off)
{
	return (struct tip_shim_list_it){ pos, n, head, off, head->next };
}

static inline bool tip_shim_list_step(struct tip_shim_list_it *it)
{
	void *entry = (char *)it->next - it->off, *n;

	/* pos points at the head's "entry" after the walk, as the kernel's. */
	memcpy(it->pos, &entry, sizeof(entry));
	if (it->next == it->head)
		return false;
	it->next = it->next->next;
	if (it->n) {
		n = (char *)it->next - it->off;
		memcpy(it->n, &n, sizeof(n));
	}
	return true;
}

#define list_for_each_entry(pos, head, member)				\
	for (struct tip_shim_list_it tip_list_it =			\
	     tip_shim_list_it(&(pos), NULL, (head),			\
		offsetof(__typeof__(*(__typeof__(pos))0), member));	\
	     tip_shim_list_step(&tip_list_it);)

#define list_for_each_entry_safe(pos, n, head, member)			\
	for (struct tip_shim_list_it tip_list_it =			\
	     tip_shim_list_it(&(pos), &(n), (head),			\
		offsetof(__typeof__(*(__typeof__(pos))0), member));	\
	     tip_shim_list_step(&tip_list_it);)

#endif /* _TIP_SHIM_LINUX_LIST_H */
