// SPDX-License-Identifier: GPL-2.0
/*
 * The state machine of one neighbour cache entry, after RFC 4861 7.3.2
 * for Neighbor Discovery and applied to ARP too (RFC 826, RFC 1122
 * 2.3.2.1): INCOMPLETE retries a multicast request, REACHABLE ages into
 * STALE, a STALE entry that is used is re-confirmed by unicast requests
 * (PROBE; after DELAY for ND), no answer makes it FAILED.
 * Pure functions of the entry, a clock and the parameters: they return
 * what the caller must do (TIP_NF_*), which the cache in neigh.c does and
 * KUnit checks with a fake clock.
 */
#include <linux/jiffies.h>

#include <tinyip/neigh.h>

/* A new entry for a packet that has nowhere to go yet. */
u32 tip_nfsm_start(struct tip_nfsm *f, unsigned long now,
		   const struct tip_nfsm_params *p)
{
	f->state = TINYIP_NEIGH_INCOMPLETE;
	f->probes = 1;
	f->used = now;
	f->deadline = now + p->retrans;
	return TIP_NF_QUEUE | TIP_NF_REQ_BCAST;
}

/*
 * An ARP packet told us the neighbour's MAC. @confirmed: a reply sent to
 * us, proof of two-way reachability. @changed: the MAC differs from the
 * one we had. Anything else (requests, gratuitous ARP) only makes the
 * entry usable, to be confirmed when it is used (RFC 4861 7.2.5).
 */
u32 tip_nfsm_learn(struct tip_nfsm *f, unsigned long now,
		   const struct tip_nfsm_params *p, bool confirmed,
		   bool changed)
{
	u8 old = f->state;

	if (old == TINYIP_NEIGH_PERMANENT)
		return 0;
	if (confirmed) {
		f->state = TINYIP_NEIGH_REACHABLE;
		f->probes = 0;
		f->deadline = now + p->reachable;
	} else if (changed || old == TINYIP_NEIGH_INCOMPLETE ||
		   old == TINYIP_NEIGH_FAILED) {
		f->state = TINYIP_NEIGH_STALE;
		f->probes = 0;
		f->deadline = now + p->gc;
	}
	return old == TINYIP_NEIGH_INCOMPLETE ? TIP_NF_FLUSH : 0;
}

/* A packet wants to go to this neighbour. */
u32 tip_nfsm_use(struct tip_nfsm *f, unsigned long now,
		 const struct tip_nfsm_params *p)
{
	f->used = now;
	switch (f->state) {
	case TINYIP_NEIGH_INCOMPLETE:
		return TIP_NF_QUEUE;
	case TINYIP_NEIGH_FAILED:
		return TIP_NF_DROP;
	case TINYIP_NEIGH_STALE:
		/*
		 * RFC 4861 7.3.3 sends at once and probes a little later,
		 * giving upper layers a chance to confirm reachability; ARP
		 * peers answer quickly, so ARP (no delay) probes right away.
		 */
		if (p->delay) {
			f->state = TINYIP_NEIGH_DELAY;
			f->deadline = now + p->delay;
			return TIP_NF_SEND;
		}
		f->state = TINYIP_NEIGH_PROBE;
		f->probes = 1;
		f->deadline = now + p->retrans;
		return TIP_NF_SEND | TIP_NF_REQ_UCAST;
	default:
		return TIP_NF_SEND;
	}
}

/* The entry's deadline may have passed. */
u32 tip_nfsm_timer(struct tip_nfsm *f, unsigned long now,
		   const struct tip_nfsm_params *p)
{
	if (!tip_nfsm_timed(f) || time_before(now, f->deadline))
		return 0;

	switch (f->state) {
	case TINYIP_NEIGH_INCOMPLETE:
	case TINYIP_NEIGH_PROBE:
		if (f->probes < p->max_probes) {
			f->probes++;
			f->deadline = now + p->retrans;
			return f->state == TINYIP_NEIGH_PROBE ?
			       TIP_NF_REQ_UCAST : TIP_NF_REQ_BCAST;
		}
		f->state = TINYIP_NEIGH_FAILED;
		f->deadline = now + p->failed_hold;
		return TIP_NF_FAIL;
	case TINYIP_NEIGH_DELAY:
		f->state = TINYIP_NEIGH_PROBE;
		f->probes = 1;
		f->deadline = now + p->retrans;
		return TIP_NF_REQ_UCAST;
	case TINYIP_NEIGH_REACHABLE:
		f->state = TINYIP_NEIGH_STALE;
		f->deadline = now + p->gc;
		return 0;
	case TINYIP_NEIGH_STALE:
		if (time_before(now, f->used + p->gc)) {
			f->deadline = f->used + p->gc;
			return 0;
		}
		return TIP_NF_DELETE;
	default:	/* FAILED */
		return TIP_NF_DELETE;
	}
}

/* Whether the entry has a deadline at all (PERMANENT never does). */
bool tip_nfsm_timed(const struct tip_nfsm *f)
{
	return f->state != TINYIP_NEIGH_PERMANENT;
}
