// SPDX-License-Identifier: GPL-2.0
/*
 * The DHCPv4 client state machine (RFC 2131 figure 5, 4.1, 4.3.2, 4.4)
 * with address conflict detection of the offered address before use
 * (RFC 5227 2.1, 2.4; RFC 2131 3.1 step 5's DHCPDECLINE). Pure: the
 * caller gives the time, a fresh transaction id and a random word, and
 * gets back what to do (TIP_DHCP4_DO_*), so KUnit drives it with a fake
 * clock and module/dhcp4.c does the sending, the timers and the lease's
 * configuration.
 */
#include <linux/kernel.h>
#include <linux/limits.h>
#include <linux/string.h>

#include <tinyip/dhcp4.h>

#define MS		1000ULL
/* RFC 2131 4.1: 4 s, doubled up to 64 s, randomised by +-1 s. */
#define RTX_FIRST	4000
#define RTX_MAX		64000
#define REQUEST_TRIES	4	/* REQUESTING: then back to INIT */
#define REBOOT_TRIES	2	/* INIT-REBOOT: then DISCOVER afresh */
/* RFC 2131 4.4.5: in RENEWING and REBINDING, at least 60 s between tries. */
#define RENEW_MIN	60000
/* RFC 5227 2.4 (c): one defence per DEFEND_INTERVAL. */
#define DEFEND_INTERVAL	10000
#define LEASE_FOREVER	0xffffffffU

u32 tip_dhcp4_t1(const struct tip_dhcp4_lease *l)
{
	u32 t2 = tip_dhcp4_t2(l);

	if (l->lease == LEASE_FOREVER)
		return LEASE_FOREVER;
	if (l->t1 && l->t1 <= t2)
		return l->t1;
	return min(l->lease / 2, t2);
}

u32 tip_dhcp4_t2(const struct tip_dhcp4_lease *l)
{
	if (l->lease == LEASE_FOREVER)
		return LEASE_FOREVER;
	if (l->t2 && l->t2 <= l->lease)
		return l->t2;
	return (u32)((u64)l->lease * 7 / 8);
}

static u64 at(const struct tip_dhcp4_fsm *f, u32 secs)
{
	return secs == LEASE_FOREVER ? U64_MAX : f->bound_at + secs * MS;
}

u32 tip_dhcp4_fsm_left(const struct tip_dhcp4_fsm *f, u64 now, u32 secs)
{
	u64 end = at(f, secs);

	if (end == U64_MAX)
		return LEASE_FOREVER;
	return end > now ? div_u64(end - now + MS - 1, MS) : 0;
}

/* Next try in rtx +- 1 s, then double rtx up to 64 s. */
static void backoff(struct tip_dhcp4_fsm *f, u64 now)
{
	f->wake = now + f->rtx - 1000 + f->rand % 2001;
	f->rtx = min(f->rtx * 2, RTX_MAX);
	f->tries++;
}

static void send(struct tip_dhcp4_fsm *f, u64 now, u8 type, u32 *out)
{
	struct tip_dhcp4_req *r = &f->tx;

	memset(r, 0, sizeof(*r));
	r->type = type;
	r->xid = f->xid;
	r->secs = min_t(u64, div_u64(now - f->start, MS), U16_MAX);
	*out |= TIP_DHCP4_DO_SEND;
}

/* A new exchange: new xid, fresh backoff. */
static void exchange(struct tip_dhcp4_fsm *f, u64 now, __be32 xid,
		     enum tinyip_dhcp_state state)
{
	f->state = state;
	f->xid = xid;
	f->start = now;
	f->rtx = RTX_FIRST;
	f->tries = 0;
}

static void discover(struct tip_dhcp4_fsm *f, u64 now, __be32 xid, u32 *out)
{
	exchange(f, now, xid, TINYIP_DHCP_SELECTING);
	send(f, now, TIP_DHCPDISCOVER, out);
	f->tx.broadcast = true;
	backoff(f, now);
}

static void request(struct tip_dhcp4_fsm *f, u64 now, u32 *out)
{
	send(f, now, TIP_DHCPREQUEST, out);
	switch (f->state) {
	case TINYIP_DHCP_REQUESTING:
		f->tx.reqip = f->offer.addr;
		f->tx.server = f->offer.server;
		f->tx.broadcast = true;
		break;
	case TINYIP_DHCP_INIT_REBOOT:
		f->tx.reqip = f->lease.addr;
		f->tx.broadcast = true;
		break;
	default:	/* RENEWING, REBINDING: ciaddr only (table 4) */
		f->tx.ciaddr = f->lease.addr;
		break;
	}
}

static void event(struct tip_dhcp4_fsm *f, enum tinyip_dhcp_event ev,
		  u32 *out)
{
	f->event = ev;
	*out |= TIP_DHCP4_DO_EVENT;
}

/* The address goes (if configured); the client starts over from INIT. */
static void lose(struct tip_dhcp4_fsm *f, u64 now, __be32 xid, u32 wait,
		 u32 *out)
{
	if (f->applied)
		*out |= TIP_DHCP4_DO_REMOVE;
	if (f->state >= TINYIP_DHCP_BOUND ||
	    f->state == TINYIP_DHCP_INIT_REBOOT || f->applied)
		event(f, TINYIP_DHCP_EV_LOST, out);
	f->have_last = false;
	memset(&f->lease, 0, sizeof(f->lease));
	if (wait) {
		f->state = TINYIP_DHCP_INIT;
		f->wake = now + wait;
		return;
	}
	discover(f, now, xid, out);
}

/* Retransmissions while RENEWING or REBINDING (RFC 2131 4.4.5). */
static void renew_wait(struct tip_dhcp4_fsm *f, u64 now, u64 until)
{
	u64 half = until > now ? (until - now) / 2 : 0;

	f->wake = min(until, now + max_t(u64, half, RENEW_MIN));
}

void tip_dhcp4_fsm_start(struct tip_dhcp4_fsm *f, u64 now, __be32 xid,
			 u32 *out)
{
	*out = 0;
	f->applied = 0;
	if (f->have_last && f->lease.addr) {
		/* RFC 2131 3.2: ask for the last address first. */
		exchange(f, now, xid, TINYIP_DHCP_INIT_REBOOT);
		request(f, now, out);
		backoff(f, now);
		return;
	}
	discover(f, now, xid, out);
}

static void bound(struct tip_dhcp4_fsm *f, u64 now, u32 *out)
{
	f->state = TINYIP_DHCP_BOUND;
	f->wake = at(f, tip_dhcp4_t1(&f->lease));
	f->have_last = true;
	*out |= TIP_DHCP4_DO_APPLY;
}

void tip_dhcp4_fsm_timeout(struct tip_dhcp4_fsm *f, u64 now, __be32 xid,
			   u32 *out)
{
	*out = 0;
	if (now < f->wake)
		return;
	switch (f->state) {
	case TINYIP_DHCP_INIT:
		discover(f, now, xid, out);
		break;
	case TINYIP_DHCP_SELECTING:
		send(f, now, TIP_DHCPDISCOVER, out);
		f->tx.broadcast = true;
		backoff(f, now);
		break;
	case TINYIP_DHCP_REQUESTING:
	case TINYIP_DHCP_INIT_REBOOT:
		if (f->tries >= (f->state == TINYIP_DHCP_REQUESTING ?
				 REQUEST_TRIES : REBOOT_TRIES)) {
			lose(f, now, xid, 0, out);
			break;
		}
		request(f, now, out);
		backoff(f, now);
		break;
	case TINYIP_DHCP_CHECKING:
		if (f->tries < TIP_ACD_PROBE_NUM) {
			*out |= TIP_DHCP4_DO_PROBE;
			f->tries++;
			f->wake = now + (f->tries < TIP_ACD_PROBE_NUM ?
				TIP_ACD_PROBE_MIN + f->rand %
				(TIP_ACD_PROBE_MAX - TIP_ACD_PROBE_MIN) :
				TIP_ACD_ANNOUNCE_WAIT);
			break;
		}
		/* RFC 5227 2.3: no conflict; the address is ours. */
		f->lease = f->offer;
		f->bound_at = now;
		bound(f, now, out);
		*out |= TIP_DHCP4_DO_ANNOUNCE;
		event(f, TINYIP_DHCP_EV_BOUND, out);
		break;
	case TINYIP_DHCP_BOUND:
		exchange(f, now, xid, TINYIP_DHCP_RENEWING);
		request(f, now, out);
		renew_wait(f, now, at(f, tip_dhcp4_t2(&f->lease)));
		break;
	case TINYIP_DHCP_RENEWING:
		if (now < at(f, tip_dhcp4_t2(&f->lease))) {
			request(f, now, out);
			renew_wait(f, now, at(f, tip_dhcp4_t2(&f->lease)));
			break;
		}
		exchange(f, now, xid, TINYIP_DHCP_REBINDING);
		fallthrough;
	case TINYIP_DHCP_REBINDING:
		if (now >= at(f, f->lease.lease)) {
			lose(f, now, xid, 0, out);
			break;
		}
		request(f, now, out);
		renew_wait(f, now, at(f, f->lease.lease));
		break;
	default:
		f->wake = U64_MAX;
		break;
	}
}

/* An ACK: a new address is checked first, a known one is extended. */
static void ack(struct tip_dhcp4_fsm *f, u64 now,
		const struct tip_dhcp4_msg *m, u32 *out)
{
	struct tip_dhcp4_lease l = m->lease;
	enum tinyip_dhcp_state was = f->state;

	if (!l.server)
		l.server = f->state == TINYIP_DHCP_REQUESTING ?
			   f->offer.server : f->lease.server;
	if (!l.lease)
		return;		/* RFC 2131 table 3: an ACK must have one */
	if (f->applied && f->applied == l.addr) {
		f->lease = l;
		f->bound_at = now;
		bound(f, now, out);
		event(f, was == TINYIP_DHCP_REBINDING ?
			 TINYIP_DHCP_EV_REBOUND : was == TINYIP_DHCP_RENEWING ?
			 TINYIP_DHCP_EV_RENEWED : TINYIP_DHCP_EV_BOUND, out);
		return;
	}
	if (f->applied)
		*out |= TIP_DHCP4_DO_REMOVE;
	f->offer = l;
	f->state = TINYIP_DHCP_CHECKING;
	f->tries = 0;
	/* RFC 5227 2.1.1: the first probe after 0..PROBE_WAIT. */
	f->wake = now + f->rand % TIP_ACD_PROBE_WAIT;
}

void tip_dhcp4_fsm_reply(struct tip_dhcp4_fsm *f, u64 now,
			 const struct tip_dhcp4_msg *m, __be32 xid, u32 *out)
{
	*out = 0;
	if (m->xid != f->xid)
		return;
	switch (f->state) {
	case TINYIP_DHCP_SELECTING:
		if (m->type != TIP_DHCPOFFER || !m->yiaddr ||
		    !m->lease.server)
			return;
		/* The first offer wins (RFC 2131 4.4.1 lets us choose). */
		f->offer = m->lease;
		f->state = TINYIP_DHCP_REQUESTING;
		f->rtx = RTX_FIRST;
		f->tries = 0;
		request(f, now, out);
		backoff(f, now);
		break;
	case TINYIP_DHCP_REQUESTING:
	case TINYIP_DHCP_INIT_REBOOT:
	case TINYIP_DHCP_RENEWING:
	case TINYIP_DHCP_REBINDING:
		if (m->type == TIP_DHCPACK && m->yiaddr)
			ack(f, now, m, out);
		else if (m->type == TIP_DHCPNAK)
			/* RFC 2131 3.1 step 5 / 3.2 step 3: start again. */
			lose(f, now, xid, 0, out);
		break;
	default:
		break;
	}
}

/*
 * Another host claims the address. While checking, it is declined and a
 * new one sought after 10 s (RFC 2131 3.1 step 5); once in use, one
 * defence per DEFEND_INTERVAL, then it is given up (RFC 5227 2.4 (c)).
 */
void tip_dhcp4_fsm_conflict(struct tip_dhcp4_fsm *f, u64 now, __be32 xid,
			    u32 *out)
{
	struct tip_dhcp4_lease offer = f->offer;

	*out = 0;
	switch (f->state) {
	case TINYIP_DHCP_CHECKING:
		f->state = TINYIP_DHCP_INIT;
		f->xid = xid;
		send(f, now, TIP_DHCPDECLINE, out);
		f->tx.reqip = offer.addr;
		f->tx.server = offer.server;
		f->wake = now + TIP_DHCP4_DECLINE_WAIT;
		event(f, TINYIP_DHCP_EV_CONFLICT, out);
		break;
	case TINYIP_DHCP_BOUND:
	case TINYIP_DHCP_RENEWING:
	case TINYIP_DHCP_REBINDING:
		event(f, TINYIP_DHCP_EV_CONFLICT, out);
		if (!f->defended || now - f->defended >= DEFEND_INTERVAL) {
			f->defended = now ?: 1;
			*out |= TIP_DHCP4_DO_ANNOUNCE;
			break;
		}
		lose(f, now, xid, TIP_DHCP4_DECLINE_WAIT, out);
		break;
	default:
		break;
	}
}

/* RFC 2131 4.4.6: a bound client releases its lease; we keep it in mind. */
void tip_dhcp4_fsm_stop(struct tip_dhcp4_fsm *f, __be32 xid, u32 *out)
{
	*out = 0;
	if (f->state >= TINYIP_DHCP_BOUND &&
	    f->state <= TINYIP_DHCP_REBINDING) {
		f->xid = xid;
		send(f, f->start, TIP_DHCPRELEASE, out);
		f->tx.ciaddr = f->lease.addr;
		f->tx.server = f->lease.server;
		event(f, TINYIP_DHCP_EV_LOST, out);
	}
	if (f->applied)
		*out |= TIP_DHCP4_DO_REMOVE;
	f->state = TINYIP_DHCP_STOPPED;
	f->wake = U64_MAX;
}
