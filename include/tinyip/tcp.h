/* SPDX-License-Identifier: GPL-2.0 */
/*
 * TCP (RFC 9293) protocol control blocks and the contract between the
 * files that implement them:
 *
 *   tcp_pcb.c     allocation, references, hash tables, bind, ISN (RFC 6528)
 *   tcp_in.c      segment input and the state machine (RFC 9293 3.10.7),
 *                 RST/SYN validation (RFC 5961), PAWS (RFC 7323)
 *   tcp_listen.c  listeners: SYN queue, SYN cookies, accept queue
 *   tcp_tw.c      compact TIME_WAIT entries
 *   tcp_ack.c     what an ACK does to the sender: RTT, congestion control,
 *                 SACK scoreboard, fast retransmit and recovery
 *                 (RFC 5681, RFC 6582, RFC 6675)
 *   tcp_data.c    received data: in-order delivery, the out-of-order
 *                 queue, SACK blocks, delayed ACKs (RFC 1122 4.2.3.2)
 *   tcp_rwnd.c    the receive window we offer: SWS avoidance, scaling,
 *                 and its share of the memory budget
 *   tcp_out.c     segment building and output: windows, Nagle, SWS
 *                 avoidance, retransmission, RST and ACK replies
 *   tcp_timer.c   the per-PCB timer: RTO, persist, keepalive, delayed ACK
 *   tcp_ooo.c     the out-of-order queue and SACK-block generation (pure)
 *   tcp_sack.c    the sender's SACK scoreboard, RFC 6675 (pure)
 *
 * Locking: every function here runs under tn->lock unless it says
 * otherwise (the receive path, timers and process context all take it),
 * so PCB state needs no other protection.
 */
#ifndef _TINYIP_TCP_H
#define _TINYIP_TCP_H

#include <linux/hashtable.h>
#include <linux/refcount.h>
#include <linux/skbuff.h>
#include <linux/timer.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#include <tinyip/addr.h>
#include <tinyip/mem.h>
#include <tinyip/netif.h>
#include <tinyip/raw.h>
#include <tinyip/tcp_wire.h>
#include <linux/tinyip.h>

struct tip_net;
struct tcp_info;
struct tcphdr;

/* Connection states, numbered as Linux's TCP_* so that TCP_INFO and ss
 * readers can use them directly.
 */
enum tip_tcp_state {
	TIP_TCP_ESTABLISHED = 1,
	TIP_TCP_SYN_SENT,
	TIP_TCP_SYN_RECV,
	TIP_TCP_FIN_WAIT1,
	TIP_TCP_FIN_WAIT2,
	TIP_TCP_TIME_WAIT,
	TIP_TCP_CLOSE,
	TIP_TCP_CLOSE_WAIT,
	TIP_TCP_LAST_ACK,
	TIP_TCP_LISTEN,
	TIP_TCP_CLOSING,
};

/*
 * Per-segment state, after struct tip_skb_cb in skb->cb. On input it is
 * filled by tcp_in.c before anything else looks at the segment; on the
 * send queue it describes the queued data.
 */
struct tip_tcp_skb_cb {
	u32 seq;		/* first sequence number (SYN counts) */
	u32 end_seq;		/* seq + SYN + FIN + payload length */
	u64 tx_us;		/* queue: last transmission; 0 never sent */
	u8 tcp_flags;		/* TCPHDR_* of the segment */
	u8 sacked;		/* queue: TIP_TCP_SACKED_* */
	u8 retrans;		/* queue: times retransmitted */
};

#define TIP_TCP_SACKED_ACKED	BIT(0)	/* covered by a received SACK */
#define TIP_TCP_SACKED_LOST	BIT(1)	/* deemed lost (RFC 6675 IsLost) */
#define TIP_TCP_SACKED_RETRANS	BIT(2)	/* retransmitted in this recovery */

#define TIP_TCP_CB(skb) \
	((struct tip_tcp_skb_cb *)((skb)->cb + sizeof(struct tip_skb_cb)))

/* Timer events multiplexed on the PCB's one timer (tcp_timer.c). */
enum tip_tcp_timer {
	TIP_TCP_T_RTO,		/* retransmission, also SYN and FIN */
	TIP_TCP_T_PERSIST,	/* zero-window probe */
	TIP_TCP_T_KEEPALIVE,	/* also the FIN_WAIT2 orphan timeout */
	TIP_TCP_T_DELACK,
	TIP_TCP_T_MAX,
};

/*
 * Deadlines are kept as 32-bit jiffies to keep the PCB small; the
 * longest delay any event asks for (a keepalive time of 32767 s) is far
 * below half their range, so a delay is capped there and compared with
 * time_after32() without ambiguity.
 */
#define TIP_TCP_T_LONGEST	((unsigned long)S32_MAX / 2)

struct tip_tcp_pcb;

/*
 * The owner's callbacks (a socket in module/sock_stream.c, or a raw API
 * user in module/tcp_api.c). All run under tn->lock, in softirq or with
 * BH off: they must not sleep. Any may be NULL.
 * @recv:	in-order data, skb->data at the payload; the owner takes the
 *		skb, which stays charged to tn->mem (the owner uncharges
 *		skb->truesize when it frees it) and counted in rcv_queued
 *		until the owner calls tip_tcp_recved(). A NULL @skb is the
 *		peer's FIN: no more data will come.
 * @sent:	@acked bytes of queued data were acknowledged; there is room
 *		to write again.
 * @connected:	an active open reached ESTABLISHED.
 * @err:	the connection died (@err: ECONNRESET, ECONNREFUSED,
 *		ETIMEDOUT, EPIPE, EHOSTUNREACH...). The PCB is CLOSED and
 *		unhashed; the owner still holds its reference.
 * @accept_ready: a listener has a connection to accept.
 * @soft_err:	an ICMP error that does not kill the connection (RFC 1122
 *		4.2.3.9), for SO_ERROR reporting while connecting.
 */
struct tip_tcp_ops {
	void (*recv)(struct tip_tcp_pcb *pcb, struct sk_buff *skb);
	void (*sent)(struct tip_tcp_pcb *pcb, u32 acked);
	void (*connected)(struct tip_tcp_pcb *pcb);
	void (*err)(struct tip_tcp_pcb *pcb, int err);
	void (*accept_ready)(struct tip_tcp_pcb *lpcb);
	void (*soft_err)(struct tip_tcp_pcb *pcb, int err);
};

/* A listener's queues (tcp_listen.c); only listeners have one. */
struct tip_tcp_lsn;

/* Boolean state of a PCB, in pcb->flags. */
#define TIP_TCPF_NODELAY	BIT(0)	/* TCP_NODELAY: no Nagle */
#define TIP_TCPF_CORK		BIT(1)	/* TCP_CORK: only full segments */
#define TIP_TCPF_KEEPALIVE	BIT(2)	/* SO_KEEPALIVE */
/* both sides sent SACK-permitted; never without SACK (TINYIP_SACK=n) */
#define TIP_TCPF_SACK_OK	(IS_ENABLED(CONFIG_TINYIP_SACK) ? BIT(3) : 0)
#define TIP_TCPF_TS_OK		BIT(4)	/* timestamps negotiated */
#define TIP_TCPF_WS_OK		BIT(5)	/* window scaling negotiated */
#define TIP_TCPF_FIN_QUEUED	BIT(6)	/* our FIN is on the send queue */
#define TIP_TCPF_FIN_RCVD	BIT(7)	/* the peer's FIN was delivered */
#define TIP_TCPF_REUSE		BIT(8)	/* SO_REUSEADDR */
#define TIP_TCPF_QUICKACK	BIT(9)	/* ack every segment (start, OOO) */
#define TIP_TCPF_ACK_NOW	BIT(10)	/* an ACK is owed right away */
#define TIP_TCPF_IN_RECOVERY	BIT(11)	/* fast recovery (RFC 6675/6582) */
#define TIP_TCPF_ORPHAN		BIT(12)	/* owner closed; the stack owns it */
#define TIP_TCPF_HASHED		BIT(13)	/* in an ehash or lhash table */
#define TIP_TCPF_BOUND		BIT(14)	/* holds its port in bhash */
#define TIP_TCPF_SHUT_RD	BIT(15)	/* shutdown(SHUT_RD) */
#define TIP_TCPF_RTO_PROBING	BIT(16)	/* retransmitting after an RTO */
#define TIP_TCPF_DSACK_PENDING	BIT(17)	/* next ACK reports a D-SACK */
/* tcp_pcb.c: the port came from tip_tcp_autobind() for a connect(), so
 * other connections to other peers may share it (4-tuple uniqueness).
 */
#define TIP_TCPF_AUTOBIND	BIT(18)
/* tcp_ack.c: the segment being processed changed the send window, so
 * it is no duplicate ACK (RFC 5681 2).
 */
#define TIP_TCPF_WND_CHANGED	BIT(19)
/* tcp_out.c: the FIN queued by tip_tcp_send_fin() is on sndq (or acked). */
#define TIP_TCPF_FIN_INQ	BIT(20)
/* tcp_out.c: sndq may hold lost segments not yet retransmitted. */
#define TIP_TCPF_LOST_SCAN	BIT(21)
/* tcp_timer.c: the pending T_RTO event is a tail loss probe timeout
 * (PTO) or RACK's reordering timeout (REO), not the RTO.
 */
#define TIP_TCPF_PTO		BIT(22)
#define TIP_TCPF_REO		BIT(26)
/* tcp_out.c: the route's device takes no GSO skbs (ethtool -K gso off
 * tso off, or gso_max_segs 1), so segments are built one MSS each, as
 * Linux's sk_can_gso() decides.
 */
#define TIP_TCPF_NO_GSO		BIT(27)
/* tcp_tlp.c: a loss probe is out (up to tlp_high_seq), and it resent data. */
#define TIP_TCPF_TLP_OUT	BIT(23)
#define TIP_TCPF_TLP_RETRANS	BIT(24)
/* tcp_ack.c: the peer reordered our segments; RACK's window decides. */
#define TIP_TCPF_REORDER	BIT(25)
/* tcp_rwnd.c: the PCB holds unread data, counted in tn->tcp.nrcv. */
#define TIP_TCPF_UNREAD		BIT(28)
/* tcp_rwnd.c: the memory budget held the receive window back; a window
 * update is owed once memory comes back.
 */
#define TIP_TCPF_RWND_HELD	BIT(29)
/*
 * tcp_pcb.c/tcp_in.c: before the handshake completes, TIP_TCPF_SACK_OK,
 * TIP_TCPF_TS_OK and TIP_TCPF_WS_OK say which options our SYN (or the
 * SYN-ACK of a simultaneous open) offers: tip_tcp_connect() sets all
 * three. tcp_in.c clears those the peer did not send when its SYN arrives.
 */

/*
 * A connection. Kept small: what an idle connection needs and no more;
 * queues are empty skb lists when idle. Lives in its own kmem_cache and
 * is charged to tn->mem. References: the owner holds one (dropped by
 * tip_tcp_close(), or by the owner's tip_tcp_pcb_put() after @err), a
 * hashed PCB one (taken by tip_tcp_hash(), dropped by tip_tcp_unhash()),
 * the timer one while any event is pending (dropped by the callback when
 * it does not re-arm, or by tip_tcp_timer_stop_all() when it removed a
 * pending timer). tip_tcp_pcb_put() frees at zero. An orphan (owner gone)
 * lives on its hashed reference until it reaches CLOSE.
 */
struct tip_tcp_pcb {
	struct hlist_node node;		/* ehash, or lhash when listening */
	struct hlist_node bnode;	/* bhash: local port owners */
	struct list_head all;		/* tn->tcp.pcbs, for dumps and exit */
	struct tip_net *tn;
	refcount_t ref;
	u8 state;			/* enum tip_tcp_state */
	u8 backoff;			/* RTO doublings so far */
	u8 probes;			/* keepalive or zero-window probes */
	u8 syn_retries;			/* SYNs or SYN-ACKs sent */
	u8 dupacks;
	u8 snd_wscale;			/* peer's shift, applied to its windows */
	u8 rcv_wscale;			/* ours */
	u8 timers;			/* BIT(enum tip_tcp_timer) pending */
	u32 flags;			/* TIP_TCPF_* */

	/* Mapped for IPv4 (include/tinyip/addr.h); laddr is a wildcard
	 * (:: or ::ffff:0.0.0.0) until bound, raddr :: until connected.
	 */
	struct in6_addr laddr;
	struct in6_addr raddr;
	__be16 lport;
	__be16 rport;
	int soft_err;			/* last ICMP error, for SO_ERROR */
	struct tip_inet inet;		/* TTL, TOS, SO_BINDTODEVICE, V6ONLY */

	/* Send sequence space (RFC 9293 3.3.1). */
	u32 iss;
	u32 snd_una;
	u32 snd_nxt;
	u32 snd_max;			/* highest sequence ever sent + 1 */
	u32 snd_wnd;			/* peer's window, scaled */
	u32 snd_wl1;
	u32 snd_wl2;
	u32 snd_up;			/* urgent pointer, for MSG_OOB */
	u32 max_window;			/* largest window the peer offered */
	u32 recover;			/* RFC 6582/6675 recovery point */
	u32 high_rxt;			/* RFC 6675 HighRxt */
	u32 tlp_high_seq;		/* snd_max when the loss probe went */
	u32 rack_rtt_us;		/* RACK.rtt: of the newest SACKed */

	/* Receive sequence space. */
	u32 irs;
	u32 rcv_nxt;
	u32 rcv_wnd;			/* last window advertised, unscaled */
	u32 rcv_wup;			/* rcv_nxt when rcv_wnd was sent */
	u32 rcv_buf;			/* SO_RCVBUF, bytes */
	u32 rcv_queued;			/* delivered, not yet tip_tcp_recved() */
	u32 snd_buf;			/* SO_SNDBUF, bytes */
	u32 snd_queued;			/* bytes on sndq (sent and unsent) */

	u16 mss;			/* sender MSS (peer's limit, PMTU) */
	u16 rcv_mss;			/* our advertised MSS */
	u16 user_mss;			/* TCP_MAXSEG, 0 for none */
	u16 pmtu;			/* path MTU now (RFC 1191) */

	/* Timestamps (RFC 7323). */
	u32 ts_recent;
	u32 ts_recent_stamp;		/* our clock (s) when it was taken */
	u32 ts_offset;			/* random, per connection */
	u32 oow_stamp;			/* jiffies of the last PAWS dupack */

	/* Delayed ACK: segments received since the last ACK we sent. */
	u8 delack_segs;
	u8 lingering;			/* close() with SO_LINGER timeout 0 */
	u16 keep_cnt;			/* TCP_KEEPCNT */
	u32 keep_idle;			/* TCP_KEEPIDLE, seconds */
	u32 keep_intvl;			/* TCP_KEEPINTVL, seconds */
	u32 user_timeout;		/* TCP_USER_TIMEOUT, ms, 0 for none */
	/* tcp_in.c/tcp_listen.c: the peer's MSS option (536 when absent,
	 * RFC 9293 3.7.1), for tip_tcp_sync_mss().
	 */
	u16 peer_mss;
	/* RFC 8985 6.2: RACK's reordering window in min_rtt/4 steps,
	 * grown by D-SACKs.
	 */
	u8 reo_mult;
	u64 last_rcv_us;		/* for keepalive idleness */
	u64 rto_start_us;		/* first unacked transmission, 0 none */

	struct tip_tcp_rtt rtt;
	u32 rtt_seq;			/* timed segment (no TS), 0 for none */
	u64 rtt_stamp_us;

	struct tip_tcp_cc cc;
	const struct tip_tcp_cc_ops *cc_ops;
	/* Undo of a needless recovery or RTO (RFC 3522, RFC 4015): the
	 * window before it, and the TSval of its first retransmission.
	 */
	u32 prior_cwnd;
	u32 prior_ssthresh;
	u32 undo_tsval;			/* 0: nothing resent yet */
	u32 ooo_bytes;			/* truesize charged for ooo */

	/* Queues: data we sent or will send, in sequence order (the first
	 * unsent one is send_head), and segments above rcv_nxt.
	 */
	struct sk_buff_head sndq;
	struct sk_buff *send_head;
	struct sk_buff_head ooo;
	/* In-order data that arrived while the PCB had no owner (accepted
	 * by the stack, not yet by accept()); tip_tcp_set_owner() hands it
	 * to the new owner's recv callback.
	 */
	struct sk_buff_head rcvq;
	u32 sacked_bytes;		/* scoreboard: SACKed, above snd_una */
	u32 lost_bytes;			/* scoreboard: marked lost */
	u32 retrans_out;		/* bytes retransmitted, not yet acked */
	struct tip_sack_block dsack;	/* D-SACK to report (RFC 2883) */
	struct tip_sack_block last_ooo;	/* block of the latest OOO arrival */

	/* Totals for TCP_INFO and `tinyip sock show`. */
	u32 total_retrans;
	u32 lost_out;
	u32 segs_out;
	u32 segs_in;
	u64 bytes_acked;
	u64 bytes_received;

	u32 timer_at[TIP_TCP_T_MAX];	/* low 32 bits of jiffies, if pending */
	struct timer_list timer;

	struct tip_tcp_pcb *parent;	/* listener, while on its queues */
	struct list_head accept_node;	/* in the parent's accept queue */
	struct tip_tcp_lsn *lsn;	/* listeners only */

	const struct tip_tcp_ops *ops;
	void *ctx;
};

/* A compact TIME_WAIT entry (tcp_tw.c): the 4-tuple and what RFC 9293
 * needs to answer a retransmitted FIN and to allow safe reuse. 96 bytes
 * with IPv6-sized addresses (the PCB's ts_recent_stamp is not kept: a
 * TIME_WAIT entry lives 60 s, far below PAWS's 24-day idle rule).
 */
struct tip_tcp_tw {
	struct hlist_node node;		/* tn->tcp.twhash */
	struct list_head list;		/* tn->tcp.twlist, by expiry */
	struct in6_addr laddr;		/* mapped for IPv4 */
	struct in6_addr raddr;
	__be16 lport;
	__be16 rport;
	u32 snd_nxt;
	u32 rcv_nxt;
	u32 ts_recent;
	u32 ts_offset;
	u16 rcv_wnd;
	u8 rcv_wscale;
	u8 ts_ok;
	int oif;			/* the connection's device, 0: any */
	unsigned long expires;		/* jiffies */
};

#define TIP_TCP_TIMEWAIT_LEN	(60 * HZ)	/* 2 MSL, as Linux */

/* Per-instance TCP state, embedded in struct tip_net. */
struct tip_tcp_net {
	DECLARE_HASHTABLE(ehash, 8);	/* connections, by 4-tuple */
	DECLARE_HASHTABLE(lhash, 5);	/* listeners, by local port */
	DECLARE_HASHTABLE(bhash, 6);	/* port owners, by local port */
	DECLARE_HASHTABLE(twhash, 6);	/* TIME_WAIT, by 4-tuple */
	struct list_head pcbs;		/* every PCB */
	struct list_head twlist;	/* TIME_WAIT, oldest first */
	struct timer_list twtimer;
	u32 npcbs;
	u32 ntw;
	u32 max_tw;			/* above it, the oldest is recycled */
	const struct tip_tcp_cc_ops *cc_default;	/* netns default */
	u64 mib[__TINYIP_TCP_STAT_MAX];	/* enum tinyip_tcp_stat */
	/* tcp_in.c: challenge ACK budget for the current second (RFC 5961
	 * 7), randomised as Linux does so it leaks nothing to an off-path
	 * attacker.
	 */
	unsigned long chal_stamp;	/* jiffies / HZ of the budget */
	u32 chal_count;
	u32 chal_limit;
	/* tcp_rwnd.c: the PCBs holding unread data, among which the memory
	 * budget's headroom is shared, and the work that reopens the
	 * windows it held back once memory is freed.
	 */
	u32 nrcv;
	struct delayed_work rwnd_work;
};

/* Counters, under tn->lock (include <tinyip/tinyip.h> to use them). */
#define TIP_TCP_INC(tn, s)	((tn)->tcp.mib[TINYIP_TCP_STAT_##s]++)
#define TIP_TCP_ADD(tn, s, n)	((tn)->tcp.mib[TINYIP_TCP_STAT_##s] += (n))

/* ---- tcp_pcb.c ---- */
struct tip_tcp_pcb *tip_tcp_pcb_new(struct tip_net *tn, gfp_t gfp);
void tip_tcp_pcb_hold(struct tip_tcp_pcb *pcb);
/* Any context; at zero frees the PCB and its queues (tn->lock not needed
 * for the last put, which only happens once nothing can find the PCB).
 */
void tip_tcp_pcb_put(struct tip_tcp_pcb *pcb);
void tip_tcp_set_owner(struct tip_tcp_pcb *pcb, const struct tip_tcp_ops *ops,
		       void *ctx);
int tip_tcp_bind(struct tip_tcp_pcb *pcb, const struct in6_addr *addr,
		 __be16 port, bool privileged);
/* Gives an unbound PCB the wildcard of its flavour (inet.v6). */
void tip_tcp_set_wild(struct tip_tcp_pcb *pcb);
/* Pick an ephemeral port (RFC 6056) for a connect() with no bind(). */
int tip_tcp_autobind(struct tip_tcp_pcb *pcb);
void tip_tcp_hash(struct tip_tcp_pcb *pcb);	/* into ehash or lhash */
void tip_tcp_unhash(struct tip_tcp_pcb *pcb);	/* from both, and bhash */
/* Addresses of either family, mapped for IPv4 (include/tinyip/addr.h). */
struct tip_tcp_pcb *tip_tcp_lookup_est(struct tip_net *tn,
				       const struct in6_addr *saddr,
				       __be16 sport,
				       const struct in6_addr *daddr,
				       __be16 dport);
struct tip_tcp_pcb *tip_tcp_lookup_listener(struct tip_net *tn,
					    const struct in6_addr *daddr,
					    __be16 dport, int ifindex);
/* RFC 6528: ISN = M + F(4-tuple, secret), F a keyed siphash. */
u32 tip_tcp_isn(const struct in6_addr *saddr, const struct in6_addr *daddr,
		__be16 sport, __be16 dport);
/* Random per-connection timestamp offset (RFC 7323 5.4). */
u32 tip_tcp_ts_offset(const struct in6_addr *saddr,
		      const struct in6_addr *daddr);
/* Moves @pcb to @state, keeping CurrEstab right; CLOSE also unhashes,
 * stops the timers and (for an orphan) drops the stack's reference.
 */
void tip_tcp_set_state(struct tip_tcp_pcb *pcb, int state);
/* Kills the connection: err callback, CLOSE. Sends nothing. */
void tip_tcp_done(struct tip_tcp_pcb *pcb, int err);
/*
 * Active open (tcp_pcb.c): autobind if needed, route, ISN, timestamps
 * offset, rcv_wscale, hash, SYN_SENT, then tip_tcp_send_syn(). Returns 0
 * (the handshake goes on), or an errno (-EADDRNOTAVAIL, -ENETUNREACH,
 * -EISCONN, -EALREADY, -EINVAL...).
 */
int tip_tcp_connect(struct tip_tcp_pcb *pcb, const struct in6_addr *addr,
		    __be16 port);

/* tcp_pcb.c: the bucket key of a 4-tuple in ehash and twhash. */
u32 tip_tcp_ehashfn(const struct in6_addr *laddr, __be16 lport,
		    const struct in6_addr *raddr, __be16 rport);
/* tcp_pcb.c: the seconds clock of ts_recent_stamp. */
u32 tip_tcp_now_sec(void);
/* tcp_pcb.c: our MSS option for a path MTU, TCP_MAXSEG applied. */
u16 tip_tcp_adv_mss(const struct tip_tcp_pcb *pcb,
		    const struct in6_addr *raddr, u32 mtu);
/* tcp_pcb.c: the smallest window shift that can announce @rcv_buf. */
u8 tip_tcp_pick_wscale(u32 rcv_buf);
/* tcp_pcb.c: another listener holds @pcb's address and port. */
bool tip_tcp_listen_conflict(struct tip_tcp_pcb *pcb);

/* ---- tcp_in.c ---- */
int tip_tcp_v4_rcv(struct tip_net *tn, struct sk_buff *skb);
void tip_tcp_v4_err(struct tip_net *tn, struct sk_buff *skb, int err,
		    u8 type, u8 code, u32 info);
/* tcp_in.c: the same over IPv6 (struct tip_ip6_proto's hooks). */
void tip_tcp_v6_rcv(struct tip_net *tn, struct sk_buff *skb);
void tip_tcp_v6_err(struct tip_net *tn, struct sk_buff *skb, int err,
		    u8 type, u8 code, u32 info);
/* Sends a challenge ACK, rate limited (RFC 5961 5). */
void tip_tcp_challenge_ack(struct tip_tcp_pcb *pcb);
/*
 * The peer's FIN is now in order (tcp_data.c advanced rcv_nxt past it):
 * sets TIP_TCPF_FIN_RCVD, tells the owner (recv(NULL), or keeps it for a
 * not-yet-accepted PCB), owes an ACK now, and moves the state on
 * (RFC 9293 3.10.7.4, eighth step): ESTABLISHED to CLOSE_WAIT, FIN_WAIT1
 * to CLOSING, FIN_WAIT2 to TIME_WAIT.
 */
void tip_tcp_fin(struct tip_tcp_pcb *pcb);
/*
 * tcp_in.c: a validated segment (skb->data at the TCP header, TIP_TCP_CB
 * filled) for @pcb in any state but LISTEN; consumes @skb. tcp_listen.c
 * hands a new child the rest of the segment that completed it.
 */
void tip_tcp_rcv_pcb(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
		     const struct tcphdr *th, const struct tip_tcp_opts *o);

/* ---- tcp_listen.c ---- */
int tip_tcp_listen(struct tip_tcp_pcb *pcb, int backlog);
/* A segment for a listener (SYN, or the ACK completing a handshake);
 * consumes @skb. @th and @o are validated views into it.
 */
void tip_tcp_listen_input(struct tip_tcp_pcb *lpcb, struct sk_buff *skb,
			  const struct tcphdr *th,
			  const struct tip_tcp_opts *o);
/* The next established connection, its reference now the caller's. */
struct tip_tcp_pcb *tip_tcp_accept(struct tip_tcp_pcb *lpcb);
/* Stops listening: aborts queued connections, frees the SYN queue. */
void tip_tcp_listen_stop(struct tip_tcp_pcb *lpcb);
u32 tip_tcp_accept_qlen(const struct tip_tcp_pcb *lpcb);
u32 tip_tcp_backlog(const struct tip_tcp_pcb *lpcb);
/* tcp_listen.c: a child leaving CLOSE takes itself off its parent's
 * accept queue, dropping the queue's reference.
 */
void tip_tcp_listen_unlink(struct tip_tcp_pcb *child);
/* tcp_listen.c: frees lpcb->lsn, from the last tip_tcp_pcb_put(). */
void tip_tcp_lsn_free(struct tip_tcp_pcb *lpcb);
/* tcp_listen.c: stops the listener timer (process context, no lock). */
void tip_tcp_lsn_shutdown(struct tip_tcp_pcb *lpcb);

/* ---- tcp_tw.c ---- */
/* Replaces @pcb (in FIN_WAIT2/CLOSING/...) by a TIME_WAIT entry. */
void tip_tcp_time_wait(struct tip_tcp_pcb *pcb);
struct tip_tcp_tw *tip_tcp_tw_lookup(struct tip_net *tn,
				     const struct in6_addr *saddr,
				     __be16 sport,
				     const struct in6_addr *daddr,
				     __be16 dport);
/* A segment for a TIME_WAIT entry. Returns true when it was consumed;
 * false when it is a new SYN that may reuse the 4-tuple (RFC 6191): the
 * entry is gone and the caller hands the SYN to a listener.
 */
bool tip_tcp_tw_input(struct tip_net *tn, struct tip_tcp_tw *tw,
		      struct sk_buff *skb, const struct tcphdr *th,
		      const struct tip_tcp_opts *o);
/* tcp_tw.c: a TIME_WAIT entry holds @lport on an address overlapping
 * @laddr (bind() without SO_REUSEADDR must fail).
 */
bool tip_tcp_tw_port_busy(struct tip_net *tn, const struct in6_addr *laddr,
			  bool v6only, __be16 lport);
int tip_tcp_tw_net_init(struct tip_net *tn);
void tip_tcp_tw_net_exit(struct tip_net *tn);

/* ---- tcp_ack.c: the ACK field of an acceptable segment ---- */
/*
 * Called by tcp_in.c for every segment with ACK whose ack number passed
 * the RFC 9293 checks (snd_una <= ack <= snd_nxt, or a duplicate), with
 * the window already taken (tip_tcp_update_window). Frees acked data,
 * samples RTT (Karn), feeds congestion control, runs SACK scoreboard and
 * loss recovery, and rearms the RTO. Returns the bytes newly acked.
 */
u32 tip_tcp_ack(struct tip_tcp_pcb *pcb, struct sk_buff *skb,
		const struct tcphdr *th, const struct tip_tcp_opts *o);
/* RFC 9293 3.10.7.4: window update from an acceptable segment. */
void tip_tcp_update_window(struct tip_tcp_pcb *pcb, const struct tcphdr *th,
			   u32 seq, u32 ack);
/* After an RTO fired: ssthresh, cwnd to 1 SMSS, everything lost. */
void tip_tcp_enter_loss(struct tip_tcp_pcb *pcb);
/* RACK's reordering timeout fired: mark what is lost by now, resend. */
void tip_tcp_rack_timeout(struct tip_tcp_pcb *pcb);

/* ---- tcp_tlp.c: tail loss probes (RFC 8985 7) ---- */
/*
 * Makes sure a retransmission timer runs while data is in flight: a
 * probe timeout (2 SRTT) when a probe may go, else the RTO, which is not
 * restarted if already running (RFC 6298 5.1). @sent: new data just
 * left, which pushes a pending probe timeout out.
 */
void tip_tcp_arm_rto(struct tip_tcp_pcb *pcb, bool sent);
/* The probe timeout fired: one new segment, else the last one again. */
void tip_tcp_tlp_fire(struct tip_tcp_pcb *pcb);
/*
 * An ACK while a probe is out: was a loss repaired (RFC 8985 7.4)?
 * @news: it acked or SACKed something, or was more than a bare ACK.
 */
void tip_tcp_tlp_ack(struct tip_tcp_pcb *pcb, u32 ack, bool news, bool dsack);

/* ---- tcp_data.c: the text of an acceptable segment ---- */
/*
 * @skb's data at the payload, trimmed to the receive window, TIP_TCP_CB
 * seq/end_seq set (FIN included). Delivers in order, queues out of order
 * (bounded by tn->mem; pruning counts TCPOFODrop), handles the FIN, and
 * schedules the ACK (immediate for OOO, gaps filled, or every second
 * full segment; else delayed up to 40 ms). Consumes @skb.
 */
void tip_tcp_data(struct tip_tcp_pcb *pcb, struct sk_buff *skb);
/* The owner consumed @len delivered bytes: reopen the window. */
void tip_tcp_recved(struct tip_tcp_pcb *pcb, u32 len);
/* Sends a window update if the window can now open by a sizable step. */
void tip_tcp_rwnd_update(struct tip_tcp_pcb *pcb);
/* The window-reopening work of an instance (tip_tcp_net_init/exit). */
void tip_tcp_rwnd_net_init(struct tip_net *tn);
void tip_tcp_rwnd_net_exit(struct tip_net *tn);

/* ---- tcp_rwnd.c: the receive window (reads the PCB and tn->mem only) ---- */
/* What is left of the window last advertised (never below 0). */
static inline u32 tip_tcp_rcv_window(const struct tip_tcp_pcb *pcb)
{
	s32 left = (s32)(pcb->rcv_wup + pcb->rcv_wnd - pcb->rcv_nxt);

	return left > 0 ? left : 0;
}

/* The window to advertise now, scaled for the header (SWS avoidance,
 * the memory budget's share); records it in rcv_wnd/rcv_wup.
 */
u16 tip_tcp_select_window(struct tip_tcp_pcb *pcb);
/*
 * The window of a SYN-ACK for listener @pcb (never scaled, RFC 7323
 * 2.2): its buffer's, within the memory budget's share.
 */
u32 tip_tcp_rwnd_initial(const struct tip_tcp_pcb *pcb);
/*
 * Whether the window can open now by enough to be worth a segment of
 * its own (after a read, or memory coming back). When only the budget
 * stands in the way, marks the PCB TIP_TCPF_RWND_HELD and asks tn->mem
 * to call back once it would not.
 */
bool tip_tcp_rwnd_due(struct tip_tcp_pcb *pcb);
/* Keeps TIP_TCPF_UNREAD and tn->tcp.nrcv in step with rcv_queued and
 * the PCB's place on tn->tcp.pcbs; call after either changes.
 */
void tip_tcp_rwnd_track(struct tip_tcp_pcb *pcb);
/* Whom the budget's headroom is shared with (tcp_rwnd.c). */
struct tip_tcp_rwnd_split {
	u32 conns;	/* every connection: an even share each */
	u32 holders;	/* those holding unread data: up to @floor each */
	u32 floor;	/* bytes: a few segments */
};

/*
 * The payload bytes one connection may offer beyond rcv_nxt when the
 * budget has @headroom bytes left (tip_mem_headroom()) to share.
 */
u32 tip_tcp_rwnd_share(s64 headroom, const struct tip_tcp_rwnd_split *s);

/* ---- tcp_out.c ---- */
/*
 * Appends @skb (payload only, headroom TIP_TCP_HEADROOM) to the send
 * queue, charging tn->mem. Returns 0, -ENOBUFS (budget), -EPIPE (no more
 * sending), -ENOTCONN. Does not transmit: call tip_tcp_output(). On
 * success the PCB owns @skb (it may be merged into the queue's tail and
 * freed); on error @skb stays the caller's.
 */
int tip_tcp_write(struct tip_tcp_pcb *pcb, struct sk_buff *skb);
/* Bytes that may still be queued (SO_SNDBUF minus what is queued). */
u32 tip_tcp_write_space(const struct tip_tcp_pcb *pcb);
/*
 * Sends what windows, Nagle and cwnd allow (and the FIN once the data
 * before it is out). If an ACK is owed (TIP_TCPF_ACK_NOW) and no segment
 * carried it, sends a bare ACK. tcp_in.c calls it after every segment.
 */
void tip_tcp_output(struct tip_tcp_pcb *pcb);
/*
 * Sends (or resends, from the RTO) the SYN of an active open, or the
 * SYN-ACK of a simultaneous open when the state is SYN_RECV, with MSS,
 * window scale, SACK-permitted and timestamps from the PCB's settings.
 */
int tip_tcp_send_syn(struct tip_tcp_pcb *pcb);
/*
 * How much payload a writer should put in one skb for tip_tcp_write():
 * the MSS, or a multiple of it up to 64 KB when output uses GSO.
 */
u32 tip_tcp_size_goal(const struct tip_tcp_pcb *pcb);
/* Queues our FIN (after the data) and sends it when allowed. */
void tip_tcp_send_fin(struct tip_tcp_pcb *pcb);
void tip_tcp_send_ack(struct tip_tcp_pcb *pcb);
/* Sends a RST for the current state and moves to CLOSE. */
void tip_tcp_send_active_rst(struct tip_tcp_pcb *pcb);
/* RFC 9293 3.10.7.1: the RST answering a segment nobody owns. */
void tip_tcp_send_reset(struct tip_net *tn, struct sk_buff *skb,
			const struct tcphdr *th);
/* A bare ACK for a segment seen outside any PCB (TIME_WAIT, cookies,
 * challenge ACKs of listeners).
 */
void tip_tcp_send_ack_tuple(struct tip_net *tn, const struct in6_addr *saddr,
			    const struct in6_addr *daddr, __be16 sport,
			    __be16 dport, u32 seq, u32 ack, u16 win,
			    const struct tip_tcp_opts *o, int ifindex);
/* A SYN-ACK for a request (tcp_listen.c builds @o). */
int tip_tcp_send_synack(struct tip_net *tn, const struct in6_addr *saddr,
			const struct in6_addr *daddr, __be16 sport,
			__be16 dport, u32 iss, u32 ack, u16 win,
			const struct tip_tcp_opts *o, int ifindex);
/*
 * tcp_out.c: the path to @daddr for @inet: its MTU, and in @src our
 * address for it (mapped for IPv4). -ENETUNREACH for a broadcast or
 * multicast destination, or (until stage 2) any IPv6 one.
 */
int tip_tcp_route(struct tip_net *tn, const struct tip_inet *inet,
		  const struct in6_addr *daddr, u32 *mtu,
		  struct in6_addr *src);
/* Retransmits @skb from the send queue (RTO or fast retransmit). */
int tip_tcp_retransmit_skb(struct tip_tcp_pcb *pcb, struct sk_buff *skb);
/* Zero-window probe or keepalive (seq snd_una - 1, RFC 9293 3.8.4). */
void tip_tcp_send_probe(struct tip_tcp_pcb *pcb);
/* The MSS for the current route and the peer's option; sets pcb->mss. */
void tip_tcp_sync_mss(struct tip_tcp_pcb *pcb, u32 pmtu);

/* Fixed network header before TCP's: IPv4's 20, IPv6's 40 (RFC 8200). */
static inline u32 tip_tcp_nethdr(const struct in6_addr *raddr)
{
	return tip_addr_is_v4(raddr) ? 20 : 40;
}

/*
 * The smallest path MTU we believe, and the RFC 4821 black-hole floor:
 * 576 for IPv4 (RFC 1191 / RFC 879: MSS 536); IPv6 links carry 1280
 * (RFC 8200 5), so nothing below it is ever needed.
 */
static inline u32 tip_tcp_min_pmtu(const struct in6_addr *raddr)
{
	return tip_addr_is_v4(raddr) ? 576 : 1280;
}

/*
 * The MSS to assume of a peer that sent no MSS option: 536 over IPv4
 * (RFC 9293 3.7.1), 1220 over IPv6 (RFC 8200 8.3).
 */
static inline u16 tip_tcp_default_mss(const struct in6_addr *raddr)
{
	return tip_tcp_min_pmtu(raddr) - tip_tcp_nethdr(raddr) - 20;
}

/* Our clock in microseconds and the timestamp value to send. */
u64 tip_tcp_clock_us(void);
u32 tip_tcp_tsval(const struct tip_tcp_pcb *pcb);

#define TIP_TCP_HEADROOM	(TIP_HEADROOM + 60)

/* tcp_out.c: splits send-queue @skb after @len payload bytes; the new
 * skb, queued after it, takes the rest and the FIN. 0 or -ENOMEM.
 */
int tip_tcp_fragment(struct tip_tcp_pcb *pcb, struct sk_buff *skb, u32 len);
/* tcp_out.c: a bare segment (no payload) with the current ACK. */
int tip_tcp_send_bare(struct tip_tcp_pcb *pcb, u32 seq, u8 flags);
/* tcp_out.c: the persist timer's send: a forced segment into a window too
 * small for SWS avoidance (RFC 1122 4.2.3.4), else a zero-window probe.
 */
void tip_tcp_persist_send(struct tip_tcp_pcb *pcb);

/* tcp_ack.c: RFC 6675 pipe, from the scoreboard sums kept in the PCB. */
u32 tip_tcp_pipe(const struct tip_tcp_pcb *pcb);
/* tcp_ack.c: recomputes sacked_bytes, lost_bytes, retrans_out by a walk. */
void tip_tcp_sb_recount(struct tip_tcp_pcb *pcb);

/* tcp_out.c: states in which queued data (and our FIN) may leave. */
bool tip_tcp_can_send(const struct tip_tcp_pcb *pcb);
/* tcp_out.c: sends send_head's first @len bytes (TIP_TCP_CB updated). */
int tip_tcp_send_head_skb(struct tip_tcp_pcb *pcb, u32 len);

/* ---- tcp_timer.c ---- */
void tip_tcp_timer_init(struct tip_tcp_pcb *pcb);
/* Arms event @t for @delay jiffies from now (re-arms if pending). */
void tip_tcp_timer_set(struct tip_tcp_pcb *pcb, enum tip_tcp_timer t,
		       unsigned long delay);
void tip_tcp_timer_clear(struct tip_tcp_pcb *pcb, enum tip_tcp_timer t);
/* Stops every event; drops the timer's reference if it held one. */
void tip_tcp_timer_stop_all(struct tip_tcp_pcb *pcb);
/* RTO from the estimator and backoff, in jiffies. */
unsigned long tip_tcp_rto_jiffies(const struct tip_tcp_pcb *pcb);
/* (Re)arms the RTO when data is outstanding, or the persist timer when
 * the peer's window is zero with data waiting; clears them otherwise.
 */
void tip_tcp_rearm(struct tip_tcp_pcb *pcb);

/* ---- tcp_ooo.c: the out-of-order queue (no PCB; pure over skbs) ---- */
/*
 * Inserts @skb (TIP_TCP_CB seq/end_seq set, data at the payload) into
 * @q, sorted and non-overlapping: overlaps with queued data are trimmed
 * from the new segment, whole duplicates dropped (returns -EEXIST, with
 * *dup set to the duplicate range for D-SACK). Charges skb->truesize to
 * @mem (-ENOBUFS on refusal, @skb not taken) and adds it to *bytes.
 * (tcp_ooo.c:) on any error @skb is not taken (it may have been trimmed);
 * on 0 *dup may still hold a partly duplicated range (start != end) worth
 * a D-SACK; queued segments the new one covers entirely are replaced by
 * it. -EINVAL: empty range (end_seq <= seq). @dup may be NULL.
 */
int tip_tcp_ooo_insert(struct sk_buff_head *q, struct sk_buff *skb,
		       struct tip_mem *mem, u32 *bytes,
		       struct tip_sack_block *dup);
/* The queued segment that starts at or before @rcv_nxt, trimmed to begin
 * there, uncharged; segments wholly below @rcv_nxt are freed. NULL when
 * the head of @q is still above @rcv_nxt.
 */
struct sk_buff *tip_tcp_ooo_pull(struct sk_buff_head *q, u32 rcv_nxt,
				 struct tip_mem *mem, u32 *bytes);
/*
 * The SACK blocks to send (RFC 2018 4): the block holding @recent first,
 * then the others by descending sequence, at most @max. Returns the
 * count written to @blk.
 */
unsigned int tip_tcp_ooo_sack(const struct sk_buff_head *q,
			      const struct tip_sack_block *recent,
			      struct tip_sack_block *blk, unsigned int max);
/* Frees the highest-sequence segments until *bytes <= @target. Returns
 * the number of segments dropped.
 */
unsigned int tip_tcp_ooo_prune(struct sk_buff_head *q, u32 target,
			       struct tip_mem *mem, u32 *bytes);
void tip_tcp_ooo_purge(struct sk_buff_head *q, struct tip_mem *mem,
		       u32 *bytes);

/* ---- tcp_sack.c: the sender's scoreboard, RFC 6675 (pure) ---- */
#if IS_ENABLED(CONFIG_TINYIP_SACK)
/*
 * Marks the skbs of @q (the send queue, seq order) that the blocks cover
 * entirely as TIP_TCP_SACKED_ACKED. Blocks are first validated against
 * [@snd_una, @snd_max] (RFC 2018, RFC 5961-like sanity) and those out of
 * range are ignored; a first block below snd_una or inside the second
 * block is a D-SACK (RFC 2883): it sets *dsack and marks nothing.
 * Returns the bytes newly SACKed. LOST and RETRANS marks are left as
 * they are.
 */
u32 tip_tcp_sack_mark(struct sk_buff_head *q, struct sk_buff *send_head,
		      const struct tip_sack_block *blk, unsigned int n,
		      u32 snd_una, u32 snd_max, bool *dsack);
/*
 * RFC 6675 IsLost: true when DupThresh (3) discontiguous SACKed segments,
 * or more than 2 * @mss SACKed bytes, lie above @skb.
 */
bool tip_tcp_sack_is_lost(struct sk_buff_head *q, struct sk_buff *send_head,
			  struct sk_buff *skb, u32 mss);
/* Marks TIP_TCP_SACKED_LOST on every un-SACKed skb that IsLost; returns
 * the bytes newly marked.
 */
u32 tip_tcp_sack_mark_lost(struct sk_buff_head *q, struct sk_buff *send_head,
			   u32 mss);
/* RFC 6675 SetPipe: bytes believed in the network. IsLost is the LOST
 * mark or DupThresh SACKed segments above: run tip_tcp_sack_mark_lost()
 * first for the byte rule.
 */
u32 tip_tcp_sack_pipe(struct sk_buff_head *q, struct sk_buff *send_head);
/* RFC 6675 NextSeg rule 1 (and 3): the next lost, un-SACKed, not yet
 * retransmitted segment above @high_rxt; NULL for none (then the caller
 * sends new data, rule 2). @high_rxt is one past the highest sequence
 * retransmitted (snd_una when recovery starts); a segment ending above
 * it qualifies, its RETRANS mark keeping it from being picked twice.
 * Lost means the LOST mark or DupThresh SACKed segments above.
 */
struct sk_buff *tip_tcp_sack_next_seg(struct sk_buff_head *q,
				      struct sk_buff *send_head, u32 high_rxt);
/* Clears every mark, ACKED, LOST and RETRANS (after an RTO, RFC 6675
 * 5.1, or reneging).
 */
void tip_tcp_sack_clear(struct sk_buff_head *q);
#else
/*
 * TINYIP_SACK=n: TIP_TCPF_SACK_OK is 0, so no segment is ever marked and
 * recovery is NewReno's (RFC 6582); these only keep the callers linking.
 */
static inline u32 tip_tcp_sack_mark(struct sk_buff_head *q,
				    struct sk_buff *send_head,
				    const struct tip_sack_block *blk,
				    unsigned int n, u32 snd_una, u32 snd_max,
				    bool *dsack)
{
	return 0;
}

static inline u32 tip_tcp_sack_mark_lost(struct sk_buff_head *q,
					 struct sk_buff *send_head, u32 mss)
{
	return 0;
}

static inline void tip_tcp_sack_clear(struct sk_buff_head *q) {}
#endif

/* ---- PCB ops for sockets and the raw API (tcp_pcb.c / tcp_out.c) ---- */
/* SHUT_RD / SHUT_WR / SHUT_RDWR as 1 / 2 / 3 (RCV_SHUTDOWN|SEND_SHUTDOWN). */
int tip_tcp_shutdown(struct tip_tcp_pcb *pcb, int how);
/*
 * The owner lets go. A graceful close (FIN after queued data) unless
 * unread data is pending or @abort, which send a RST (RFC 2525 2.17).
 * The PCB becomes an orphan the stack finishes; the owner's reference is
 * dropped by this call.
 */
void tip_tcp_close(struct tip_tcp_pcb *pcb, bool abort);
void tip_tcp_get_info(const struct tip_tcp_pcb *pcb, struct tcp_info *info);
int tip_tcp_set_cc(struct tip_tcp_pcb *pcb, const char *name);

int tip_tcp_net_init(struct tip_net *tn);
void tip_tcp_net_exit(struct tip_net *tn);
int tip_tcp_init(void);
void tip_tcp_exit(void);

/* module/sock_stream.c: SOCK_STREAM sockets. */
int tip_sock_stream_init(void);
void tip_sock_stream_exit(void);

/* module/tcp_timer.c: SO_KEEPALIVE on a PCB (the flag, and the keepalive
 * timer of a live connection), for sockets and the raw API.
 */
void tip_tcp_set_keepalive(struct tip_tcp_pcb *pcb, bool on);

#endif /* _TINYIP_TCP_H */
