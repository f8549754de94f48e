/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the resolver's files (dns.c, dns_tcp.c, nl_dns.c) share and no
 * one else needs: a lookup in flight.
 */
#ifndef _TINYIP_DNS_LOCAL_H
#define _TINYIP_DNS_LOCAL_H

#include <linux/timer.h>
#include <linux/workqueue.h>

#include <tinyip/dns.h>

/* The servers of a lookup, or an mDNS group on each link (v4 and v6). */
#define TIP_DNS_MAX_TARGETS	TIP_DNS_MAX_SERVERS

struct tip_dns_target {
	struct in6_addr addr;
	int ifindex;
	u16 port;
};

struct tinyip_tcp;
struct tip_udp_pcb;

struct tip_dns_query {
	struct list_head node;		/* in tn->dns.queries until it ends */
	struct tip_net *tn;
	struct tip_udp_pcb *pcb;
	struct timer_list timer;	/* the try's timeout */
	struct work_struct work;	/* reports the end, frees */
	tip_dns_cb_t cb;
	void *ctx;
	u16 id;
	u16 qtype;
	bool mdns;
	bool done;			/* ended: the work item owns it */
	bool tcp;			/* asking over TCP after a TC */
	u8 last_rcode;			/* the last server failure seen */
	int err;
	unsigned int cur;		/* the target asked last */
	unsigned int round;
	unsigned int rounds;
	unsigned int ntargets;
	u32 tried;			/* bit per target asked */
	struct tip_dns_target targets[TIP_DNS_MAX_TARGETS];
	unsigned int qname_len;
	u8 qname[TIP_DNS_NAME_MAX];
	char name[TIP_DNS_TEXT_MAX + 1];
	struct tip_dns_answer ans;	/* what the lookup ends with */
	struct tip_dns_answer rx;	/* scratch of the receive path */
	struct tip_dns_result res;	/* what the owner is told */
	/* TCP (dns_tcp.c) */
	struct work_struct tcp_work;
	struct tinyip_tcp *tcp_conn;
	u8 *tcp_buf;
	unsigned int tcp_len;
};

void tip_dns_count(struct tip_net *tn, enum tinyip_dns_stat s);
void tip_dns_query_end(struct tip_dns_query *q, int err);
void tip_dns_query_answer(struct tip_dns_query *q,
			  const struct tip_dns_answer *ans);

#ifdef CONFIG_TINYIP_API
void tip_dns_tcp_start(struct tip_dns_query *q);
void tip_dns_tcp_stop(struct tip_dns_query *q);
#else
/* Without the TCP API, a truncated answer is a failed lookup. */
static inline void tip_dns_tcp_start(struct tip_dns_query *q)
{
	tip_dns_query_end(q, -EMSGSIZE);
}

static inline void tip_dns_tcp_stop(struct tip_dns_query *q)
{
}
#endif

#endif /* _TINYIP_DNS_LOCAL_H */
