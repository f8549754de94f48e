// SPDX-License-Identifier: GPL-2.0
/*
 * Congestion control: the registry of algorithms, and the building
 * blocks they share: slow start with Appropriate Byte Counting (RFC 5681
 * 3.1, RFC 3465 2.2 with L = 2 SMSS) and Reno's additive increase by
 * byte counting (RFC 3465 2.1).
 *
 * Algorithms register at module init and leave at module exit only, but
 * lookups come from sockets under the instance spinlock, which cannot
 * take a mutex: the list is RCU, written under a mutex.
 */
#include <linux/errno.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/rculist.h>
#include <linux/string.h>

#include <tinyip/tcp_wire.h>

static LIST_HEAD(tip_tcp_cc_list);
static DEFINE_MUTEX(tip_tcp_cc_mutex);

static struct tip_tcp_cc_ops *tip_tcp_cc_lookup(const char *name)
{
	struct tip_tcp_cc_ops *ops;

	list_for_each_entry_rcu(ops, &tip_tcp_cc_list, list,
				lockdep_is_held(&tip_tcp_cc_mutex))
		if (!strncmp(ops->name, name, TIP_TCP_CC_NAME_MAX))
			return ops;
	return NULL;
}

/*
 * The ops stay valid after the RCU section: only module exit removes
 * them, once no PCB can exist any more.
 */
const struct tip_tcp_cc_ops *tip_tcp_cc_find(const char *name)
{
	const struct tip_tcp_cc_ops *ops;

	rcu_read_lock();
	ops = tip_tcp_cc_lookup(name);
	rcu_read_unlock();
	return ops;
}

const struct tip_tcp_cc_ops *tip_tcp_cc_default(void)
{
	return &tip_tcp_newreno;
}

int tip_tcp_cc_register(struct tip_tcp_cc_ops *ops)
{
	int ret = 0;

	if (!ops->name[0] || !ops->init || !ops->on_ack || !ops->ssthresh ||
	    strnlen(ops->name, TIP_TCP_CC_NAME_MAX) == TIP_TCP_CC_NAME_MAX)
		return -EINVAL;
	mutex_lock(&tip_tcp_cc_mutex);
	if (tip_tcp_cc_lookup(ops->name))
		ret = -EEXIST;
	else
		list_add_tail_rcu(&ops->list, &tip_tcp_cc_list);
	mutex_unlock(&tip_tcp_cc_mutex);
	return ret;
}

/* Safe on ops that never made it in (an init that failed half way). */
void tip_tcp_cc_unregister(struct tip_tcp_cc_ops *ops)
{
	bool found;

	mutex_lock(&tip_tcp_cc_mutex);
	found = tip_tcp_cc_lookup(ops->name) == ops;
	if (found)
		list_del_rcu(&ops->list);
	mutex_unlock(&tip_tcp_cc_mutex);
	if (found)
		synchronize_rcu();
}

int tip_tcp_cc_init(void)
{
	int ret;

	ret = tip_tcp_cc_register(&tip_tcp_newreno);
	if (ret)
		return ret;
	if (!IS_ENABLED(CONFIG_TINYIP_CUBIC))
		return 0;
	ret = tip_tcp_cc_register(&tip_tcp_cubic);
	if (ret)
		tip_tcp_cc_unregister(&tip_tcp_newreno);
	return ret;
}

void tip_tcp_cc_exit(void)
{
	if (IS_ENABLED(CONFIG_TINYIP_CUBIC))
		tip_tcp_cc_unregister(&tip_tcp_cubic);
	tip_tcp_cc_unregister(&tip_tcp_newreno);
}

/*
 * RFC 3465 2.2: each ACK grows cwnd by the bytes it acknowledged, but by
 * no more than L = 2 SMSS, so that a stretch ACK cannot burst. The bytes
 * beyond ssthresh are returned for congestion avoidance to count; bytes
 * cut by L are not (that is the point of L).
 */
u32 tip_tcp_cc_slow_start(struct tip_tcp_cc *cc, u32 acked)
{
	u32 incr = min(acked, 2 * max(cc->mss, 1U));
	u32 room;

	if (cc->cwnd >= cc->ssthresh)
		return acked;
	room = min(cc->ssthresh, TIP_TCP_CWND_MAX) -
	       min(cc->cwnd, TIP_TCP_CWND_MAX);
	if (incr < room) {
		cc->cwnd += incr;
		return 0;
	}
	cc->cwnd += room;
	return acked - room;
}

/*
 * RFC 3465 2.1: bytes_acked counts acknowledged bytes; each full cwnd
 * of them adds one SMSS. A large stretch ACK adds more than one at once
 * rather than carrying the remainder for several ACKs.
 */
void tip_tcp_cc_cong_avoid(struct tip_tcp_cc *cc, u32 acked)
{
	u32 mss = max(cc->mss, 1U);

	if (!cc->cwnd)
		cc->cwnd = mss;
	cc->bytes_acked = min_t(u64, (u64)cc->bytes_acked + acked,
				TIP_TCP_CWND_MAX);
	while (cc->bytes_acked >= cc->cwnd && cc->cwnd < TIP_TCP_CWND_MAX) {
		cc->bytes_acked -= cc->cwnd;
		cc->cwnd = min(cc->cwnd + mss, TIP_TCP_CWND_MAX);
	}
}

/*
 * RFC 7661 spirit: an application that leaves cwnd mostly unused has not
 * shown the network can take more, so cwnd grows only when the data in
 * flight before the ACK filled at least half of it (Linux's slow-start
 * test). @inflight 0 means the caller does not know: grow.
 */
bool tip_tcp_cc_limited(const struct tip_tcp_cc *cc, u32 inflight)
{
	return !inflight || (u64)inflight * 2 >= cc->cwnd;
}
