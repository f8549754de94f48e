// SPDX-License-Identifier: GPL-2.0
/*
 * Host stand-in: the out-of-line kernel calls of the protocol core built
 * on the host (skbs, slab, random bytes), over the C library. Live skbs
 * and slab objects are counted so that a harness can prove that a run
 * freed everything it allocated; ASan sees every buffer at its exact
 * size. Used by the harnesses of reassembly (RFC 791 3.2, RFC 8200 4.5).
 */
#include <linux/kernel.h>
#include <linux/random.h>
#include <linux/skbuff.h>
#include <linux/slab.h>

long tip_shim_skbs;
long tip_shim_slabs;
long tip_shim_fail_in;

/*
 * An allocation the harness asked to fail: the n-th from now, as the
 * module's fault injection (TINYIP_FAULT) makes one fail in the guests.
 */
static bool tip_shim_fail(void)
{
	return tip_shim_fail_in > 0 && !--tip_shim_fail_in;
}

struct sk_buff *alloc_skb(unsigned int size, gfp_t gfp)
{
	struct sk_buff *skb;

	if (tip_shim_fail())
		return NULL;
	skb = calloc(1, sizeof(*skb));
	if (!skb)
		return NULL;
	skb->head = malloc(size ? size : 1);
	if (!skb->head) {
		free(skb);
		return NULL;
	}
	skb->data = skb->head;
	skb->end = size;
	/* As SKB_TRUESIZE(): the buffer and the struct around it. */
	skb->truesize = size + sizeof(*skb);
	tip_shim_skbs++;
	return skb;
}

void kfree_skb(struct sk_buff *skb)
{
	if (!skb)
		return;
	/* A queued skb freed while still linked is a list bug. */
	TIP_SHIM_CHECK(!skb->next);
	TIP_SHIM_CHECK(tip_shim_skbs > 0);
	tip_shim_skbs--;
	free(skb->head);
	free(skb);
}

void *skb_put(struct sk_buff *skb, unsigned int len)
{
	unsigned char *tail = skb->head + skb->tail;

	/* The kernel's skb_over_panic(). */
	TIP_SHIM_CHECK(len <= skb->end - skb->tail);
	skb->tail += len;
	skb->len += len;
	return tail;
}

void skb_reserve(struct sk_buff *skb, int len)
{
	TIP_SHIM_CHECK(!skb->len && len >= 0 &&
		       (unsigned int)len <= skb->end - skb->tail);
	skb->data += len;
	skb->tail += len;
}

/*
 * The kernel's bounds test, word for word; an offset or length below
 * zero would read outside the data there too, so it stops the run here.
 */
int skb_copy_bits(const struct sk_buff *skb, int offset, void *to, int len)
{
	TIP_SHIM_CHECK(offset >= 0 && len >= 0);
	if (offset > (int)skb->len - len)
		return -EFAULT;
	memcpy(to, skb->data + offset, len);
	return 0;
}

void *kmalloc(size_t size, gfp_t gfp)
{
	void *p;

	if (tip_shim_fail())
		return NULL;
	p = malloc(size ? size : 1);
	if (p)
		tip_shim_slabs++;
	return p;
}

void *kzalloc(size_t size, gfp_t gfp)
{
	void *p = kmalloc(size, gfp);

	if (p)
		memset(p, 0, size);
	return p;
}

void kfree(const void *p)
{
	if (!p)
		return;
	TIP_SHIM_CHECK(tip_shim_slabs > 0);
	tip_shim_slabs--;
	free((void *)p);
}

/* A fixed stream: the same input must take the same path every time. */
static u32 tip_shim_rand = 0x2545f491;

u32 get_random_u32(void)
{
	tip_shim_rand ^= tip_shim_rand << 13;
	tip_shim_rand ^= tip_shim_rand >> 17;
	tip_shim_rand ^= tip_shim_rand << 5;
	return tip_shim_rand;
}

void get_random_bytes(void *buf, size_t len)
{
	u8 *p = buf;

	while (len--)
		*p++ = get_random_u32();
}
