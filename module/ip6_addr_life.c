// SPDX-License-Identifier: GPL-2.0
/*
 * The life of one IPv6 address, apart from any link or lock so that KUnit
 * can drive it with a fake clock (kunit/ip6_addr_test.c): duplicate
 * address detection (RFC 4862 5.4), preferred and valid lifetimes and
 * their update from a Router Advertisement, with the two-hour rule that
 * keeps an unauthenticated RA from killing an address (5.5.3 e, 5.5.4).
 * module/ip6_addr.c does what the steps ask: probes, events, removal.
 */
#include <linux/jiffies.h>

#include <tinyip/ip6.h>

#define TIP_TWO_HOURS		7200	/* RFC 4862 5.5.3 (e) */

/* Seconds of @lft (valid or preferred) left at @now. */
u32 tip_addr6_left(const struct tip_ifaddr6 *a, u32 lft, unsigned long now)
{
	unsigned long gone;

	if (lft == TIP_IP6_LFT_FOREVER)
		return lft;
	gone = (now - a->tstamp) / HZ;
	return lft > gone ? lft - gone : 0;
}

/* New lifetimes from @now; the caller checked @preferred <= @valid. */
void tip_addr6_set_lft(struct tip_ifaddr6 *a, u32 valid, u32 preferred,
		       unsigned long now)
{
	a->tstamp = now;
	a->valid = valid;
	a->preferred = preferred;
	if (valid == TIP_IP6_LFT_FOREVER && preferred == TIP_IP6_LFT_FOREVER)
		a->flags |= TINYIP_ADDR_F_PERMANENT;
	else
		a->flags &= ~TINYIP_ADDR_F_PERMANENT;
	if (preferred)
		a->flags &= ~TINYIP_ADDR_F_DEPRECATED;
	else
		a->flags |= TINYIP_ADDR_F_DEPRECATED;
}

/*
 * A Prefix Information option for the prefix of an autoconfigured
 * address (5.5.3 e): the preferred lifetime is taken as it comes, the
 * valid one only when it is over two hours or extends what is left;
 * otherwise what is left stays if it is two hours or less, and else it
 * drops to two hours. So a forged RA can shorten an address's life to
 * two hours at most, never end it.
 */
void tip_addr6_ra_lft(struct tip_ifaddr6 *a, u32 valid, u32 preferred,
		      unsigned long now)
{
	u32 left = tip_addr6_left(a, a->valid, now);

	if (valid <= TIP_TWO_HOURS && valid <= left)
		valid = min_t(u32, left, TIP_TWO_HOURS);
	tip_addr6_set_lft(a, valid, min(preferred, valid), now);
}

/*
 * (Re)starts DAD (5.4) with the first probe at @now + @delay (5.4.2's
 * random delay, the caller's choice). Returns whether probes are due;
 * false leaves the address usable at once (nodad), or, when DAD has
 * already failed, unusable until removed: a link coming back up does
 * not make a duplicate unique.
 */
bool tip_addr6_dad_begin(struct tip_ifaddr6 *a, unsigned long now,
			 unsigned long delay, u8 transmits)
{
	if (a->flags & TINYIP_ADDR_F_DADFAILED)
		return false;
	if ((a->flags & TINYIP_ADDR_F_NODAD) || !transmits) {
		a->flags &= ~TINYIP_ADDR_F_TENTATIVE;
		return false;
	}
	a->flags |= TINYIP_ADDR_F_TENTATIVE;
	a->dad_left = transmits;
	a->next = now + delay;
	return true;
}

/* Another node has the address (5.4.5): it stays, tentative for good. */
void tip_addr6_dad_conflict(struct tip_ifaddr6 *a)
{
	a->flags |= TINYIP_ADDR_F_DADFAILED | TINYIP_ADDR_F_TENTATIVE;
	a->dad_left = 0;
}

/*
 * What is due for @a at @now, as TIP_A6_* bits, with the next deadline
 * kept in *@next. DAD sends its probes @retrans apart and passes one
 * @retrans after the last (5.4.3: no conflict heard by then).
 */
unsigned int tip_addr6_step(struct tip_ifaddr6 *a, unsigned long now,
			    unsigned long retrans, unsigned long *next)
{
	unsigned int act = 0;

	if ((a->flags & TINYIP_ADDR_F_TENTATIVE) &&
	    !(a->flags & TINYIP_ADDR_F_DADFAILED)) {
		if (time_before(now, a->next)) {
			tip_ip6_next(next, a->next);
		} else if (a->dad_left) {
			a->dad_left--;
			act |= TIP_A6_PROBE;
			a->next = now + retrans;
			tip_ip6_next(next, a->next);
		} else {
			a->flags &= ~TINYIP_ADDR_F_TENTATIVE;
			act |= TIP_A6_DAD_DONE;
		}
	}
	if (a->flags & TINYIP_ADDR_F_PERMANENT)
		return act;
	if (!tip_addr6_left(a, a->valid, now))
		return act | TIP_A6_EXPIRED;
	if (tip_addr6_left(a, a->preferred, now)) {
		if (a->preferred != TIP_IP6_LFT_FOREVER)
			tip_ip6_next(next, a->tstamp +
				     (unsigned long)a->preferred * HZ + 1);
	} else if (!(a->flags & TINYIP_ADDR_F_DEPRECATED)) {
		a->flags |= TINYIP_ADDR_F_DEPRECATED;
		act |= TIP_A6_DEPRECATED;
	}
	if (a->valid != TIP_IP6_LFT_FOREVER)
		tip_ip6_next(next, a->tstamp +
			     (unsigned long)a->valid * HZ + 1);
	return act;
}
