// SPDX-License-Identifier: GPL-2.0
/*
 * Temporary weak stand-ins for the TCP files being written in parallel,
 * so that each part links before the others exist. Deleted once every
 * real definition is in.
 */
#include <linux/tcp.h>

#include <tinyip/netlink.h>
#include <tinyip/tcp.h>
#include <tinyip/tinyip.h>

__weak int tip_tcp_parse_opts(const u8 *p, unsigned int len, bool syn, struct tip_tcp_opts *o)
{
	return -EOPNOTSUPP;
}

__weak unsigned int tip_tcp_opts_len(const struct tip_tcp_opts *o)
{
	return 0;
}

__weak unsigned int tip_tcp_build_opts(u8 *p, const struct tip_tcp_opts *o)
{
	return 0;
}

__weak bool tip_tcp_csum_ok(struct sk_buff *skb, __be32 saddr, __be32 daddr)
{
	return false;
}

__weak void tip_tcp_csum_set(struct sk_buff *skb, __be32 saddr, __be32 daddr, bool partial)
{
}

__weak void tip_tcp_rtt_init(struct tip_tcp_rtt *r)
{
}

__weak void tip_tcp_rtt_sample(struct tip_tcp_rtt *r, u32 rtt_us)
{
}

__weak u32 tip_tcp_rto_backoff(const struct tip_tcp_rtt *r, unsigned int backoff)
{
	return 0;
}

__weak const struct tip_tcp_cc_ops *tip_tcp_cc_find(const char *name)
{
	return NULL;
}

__weak const struct tip_tcp_cc_ops *tip_tcp_cc_default(void)
{
	return NULL;
}

__weak int tip_tcp_cc_register(struct tip_tcp_cc_ops *ops)
{
	return -EOPNOTSUPP;
}

__weak void tip_tcp_cc_unregister(struct tip_tcp_cc_ops *ops)
{
}

__weak int tip_tcp_cc_init(void)
{
	return 0;
}

__weak void tip_tcp_cc_exit(void)
{
}

__weak u32 tip_tcp_cc_slow_start(struct tip_tcp_cc *cc, u32 acked)
{
	return 0;
}

__weak void tip_tcp_cc_cong_avoid(struct tip_tcp_cc *cc, u32 acked)
{
}

__weak struct tip_tcp_pcb *tip_tcp_pcb_new(struct tip_net *tn, gfp_t gfp)
{
	return NULL;
}

__weak void tip_tcp_pcb_hold(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_pcb_put(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_set_owner(struct tip_tcp_pcb *pcb, const struct tip_tcp_ops *ops, void *ctx)
{
}

__weak int tip_tcp_bind(struct tip_tcp_pcb *pcb, __be32 addr, __be16 port, bool privileged)
{
	return -EOPNOTSUPP;
}

__weak int tip_tcp_autobind(struct tip_tcp_pcb *pcb)
{
	return -EOPNOTSUPP;
}

__weak void tip_tcp_hash(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_unhash(struct tip_tcp_pcb *pcb)
{
}

__weak struct tip_tcp_pcb *tip_tcp_lookup_est(struct tip_net *tn, __be32 saddr, __be16 sport, __be32 daddr, __be16 dport)
{
	return NULL;
}

__weak struct tip_tcp_pcb *tip_tcp_lookup_listener(struct tip_net *tn, __be32 daddr, __be16 dport, int ifindex)
{
	return NULL;
}

__weak u32 tip_tcp_isn(__be32 saddr, __be32 daddr, __be16 sport, __be16 dport)
{
	return 0;
}

__weak u32 tip_tcp_ts_offset(__be32 saddr, __be32 daddr)
{
	return 0;
}

__weak void tip_tcp_set_state(struct tip_tcp_pcb *pcb, int state)
{
}

__weak void tip_tcp_done(struct tip_tcp_pcb *pcb, int err)
{
}

__weak int tip_tcp_v4_rcv(struct tip_net *tn, struct sk_buff *skb)
{
	return -EOPNOTSUPP;
}

__weak void tip_tcp_v4_err(struct tip_net *tn, struct sk_buff *skb, int err, u8 type, u8 code, u32 info)
{
}

__weak void tip_tcp_challenge_ack(struct tip_tcp_pcb *pcb)
{
}

__weak int tip_tcp_listen(struct tip_tcp_pcb *pcb, int backlog)
{
	return -EOPNOTSUPP;
}

__weak void tip_tcp_listen_input(struct tip_tcp_pcb *lpcb, struct sk_buff *skb, const struct tcphdr *th, const struct tip_tcp_opts *o)
{
}

__weak struct tip_tcp_pcb *tip_tcp_accept(struct tip_tcp_pcb *lpcb)
{
	return NULL;
}

__weak void tip_tcp_listen_stop(struct tip_tcp_pcb *lpcb)
{
}

__weak u32 tip_tcp_accept_qlen(const struct tip_tcp_pcb *lpcb)
{
	return 0;
}

__weak u32 tip_tcp_backlog(const struct tip_tcp_pcb *lpcb)
{
	return 0;
}

__weak void tip_tcp_time_wait(struct tip_tcp_pcb *pcb)
{
}

__weak struct tip_tcp_tw *tip_tcp_tw_lookup(struct tip_net *tn, __be32 saddr, __be16 sport, __be32 daddr, __be16 dport)
{
	return NULL;
}

__weak bool tip_tcp_tw_input(struct tip_net *tn, struct tip_tcp_tw *tw, struct sk_buff *skb, const struct tcphdr *th, const struct tip_tcp_opts *o)
{
	return false;
}

__weak int tip_tcp_tw_net_init(struct tip_net *tn)
{
	return 0;
}

__weak void tip_tcp_tw_net_exit(struct tip_net *tn)
{
}

__weak u32 tip_tcp_ack(struct tip_tcp_pcb *pcb, struct sk_buff *skb, const struct tcphdr *th, const struct tip_tcp_opts *o)
{
	return 0;
}

__weak void tip_tcp_update_window(struct tip_tcp_pcb *pcb, const struct tcphdr *th, u32 seq, u32 ack)
{
}

__weak void tip_tcp_enter_loss(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_data(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
}

__weak void tip_tcp_recved(struct tip_tcp_pcb *pcb, u32 len)
{
}

__weak u16 tip_tcp_select_window(struct tip_tcp_pcb *pcb)
{
	return 0;
}

__weak int tip_tcp_write(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	return -EOPNOTSUPP;
}

__weak u32 tip_tcp_write_space(const struct tip_tcp_pcb *pcb)
{
	return 0;
}

__weak void tip_tcp_output(struct tip_tcp_pcb *pcb)
{
}

__weak int tip_tcp_connect(struct tip_tcp_pcb *pcb, __be32 addr, __be16 port)
{
	return -EOPNOTSUPP;
}

__weak void tip_tcp_send_fin(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_send_ack(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_send_active_rst(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_send_reset(struct tip_net *tn, struct sk_buff *skb, const struct tcphdr *th)
{
}

__weak void tip_tcp_send_ack_tuple(struct tip_net *tn, __be32 saddr, __be32 daddr, __be16 sport, __be16 dport, u32 seq, u32 ack, u16 win, const struct tip_tcp_opts *o)
{
}

__weak int tip_tcp_send_synack(struct tip_net *tn, __be32 saddr, __be32 daddr, __be16 sport, __be16 dport, u32 iss, u32 ack, u16 win, const struct tip_tcp_opts *o)
{
	return -EOPNOTSUPP;
}

__weak int tip_tcp_retransmit_skb(struct tip_tcp_pcb *pcb, struct sk_buff *skb)
{
	return -EOPNOTSUPP;
}

__weak void tip_tcp_send_probe(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_sync_mss(struct tip_tcp_pcb *pcb, u32 pmtu)
{
}

__weak u64 tip_tcp_clock_us(void)
{
	return 0;
}

__weak u32 tip_tcp_tsval(const struct tip_tcp_pcb *pcb)
{
	return 0;
}

__weak void tip_tcp_timer_init(struct tip_tcp_pcb *pcb)
{
}

__weak void tip_tcp_timer_set(struct tip_tcp_pcb *pcb, enum tip_tcp_timer t, unsigned long delay)
{
}

__weak void tip_tcp_timer_clear(struct tip_tcp_pcb *pcb, enum tip_tcp_timer t)
{
}

__weak void tip_tcp_timer_stop_all(struct tip_tcp_pcb *pcb)
{
}

__weak unsigned long tip_tcp_rto_jiffies(const struct tip_tcp_pcb *pcb)
{
	return 0;
}

__weak void tip_tcp_rearm(struct tip_tcp_pcb *pcb)
{
}

__weak int tip_tcp_ooo_insert(struct sk_buff_head *q, struct sk_buff *skb, struct tip_mem *mem, u32 *bytes, struct tip_sack_block *dup)
{
	return -EOPNOTSUPP;
}

__weak struct sk_buff *tip_tcp_ooo_pull(struct sk_buff_head *q, u32 rcv_nxt, struct tip_mem *mem, u32 *bytes)
{
	return NULL;
}

__weak unsigned int tip_tcp_ooo_sack(const struct sk_buff_head *q, const struct tip_sack_block *recent, struct tip_sack_block *blk, unsigned int max)
{
	return 0;
}

__weak unsigned int tip_tcp_ooo_prune(struct sk_buff_head *q, u32 target, struct tip_mem *mem, u32 *bytes)
{
	return 0;
}

__weak void tip_tcp_ooo_purge(struct sk_buff_head *q, struct tip_mem *mem, u32 *bytes)
{
}

__weak u32 tip_tcp_sack_mark(struct sk_buff_head *q, struct sk_buff *send_head, const struct tip_sack_block *blk, unsigned int n, u32 snd_una, u32 snd_max, bool *dsack)
{
	return 0;
}

__weak bool tip_tcp_sack_is_lost(struct sk_buff_head *q, struct sk_buff *send_head, struct sk_buff *skb, u32 mss)
{
	return false;
}

__weak u32 tip_tcp_sack_mark_lost(struct sk_buff_head *q, struct sk_buff *send_head, u32 mss)
{
	return 0;
}

__weak u32 tip_tcp_sack_pipe(struct sk_buff_head *q, struct sk_buff *send_head)
{
	return 0;
}

__weak struct sk_buff *tip_tcp_sack_next_seg(struct sk_buff_head *q, struct sk_buff *send_head, u32 high_rxt)
{
	return NULL;
}

__weak void tip_tcp_sack_clear(struct sk_buff_head *q)
{
}

__weak int tip_tcp_shutdown(struct tip_tcp_pcb *pcb, int how)
{
	return -EOPNOTSUPP;
}

__weak void tip_tcp_close(struct tip_tcp_pcb *pcb, bool abort)
{
}

__weak void tip_tcp_get_info(const struct tip_tcp_pcb *pcb, struct tcp_info *info)
{
}

__weak int tip_tcp_set_cc(struct tip_tcp_pcb *pcb, const char *name)
{
	return -EOPNOTSUPP;
}

__weak int tip_tcp_net_init(struct tip_net *tn)
{
	return 0;
}

__weak void tip_tcp_net_exit(struct tip_net *tn)
{
}

__weak int tip_tcp_init(void)
{
	return 0;
}

__weak void tip_tcp_exit(void)
{
}

__weak int tip_sock_stream_init(void)
{
	return 0;
}

__weak void tip_sock_stream_exit(void)
{
}

__weak int tip_nl_sock_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	return 0;
}

__weak int tip_nl_stats_get(struct sk_buff *skb, struct genl_info *info)
{
	return -EOPNOTSUPP;
}

__weak int tip_tcp_send_syn(struct tip_tcp_pcb *pcb)
{
	return -EOPNOTSUPP;
}

__weak u32 tip_tcp_size_goal(const struct tip_tcp_pcb *pcb)
{
	return 536;
}

__weak void tip_tcp_fin(struct tip_tcp_pcb *pcb)
{
}
