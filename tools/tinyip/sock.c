// SPDX-License-Identifier: GPL-2.0
/*
 * The "sock" object, the ss of tinyip: lists the TCP connections,
 * listeners and TIME_WAIT entries (RFC 9293 states, named as ss names
 * them), and the UDP, UDP-Lite and raw endpoints of this network
 * namespace's instance, with their queues and, with -s, the TCP
 * internals ss -i shows: RTT and RTO (RFC 6298), congestion window and
 * slow-start threshold (RFC 5681) and the windows.
 */
#include <errno.h>
#include <string.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

#ifndef IPPROTO_UDPLITE
#define IPPROTO_UDPLITE	136
#endif

/* ss's names, indexed by Linux's TCP_* state numbers. */
static const char * const state_names[] = {
	[1] = "ESTAB",
	[2] = "SYN-SENT",
	[3] = "SYN-RECV",
	[4] = "FIN-WAIT-1",
	[5] = "FIN-WAIT-2",
	[6] = "TIME-WAIT",
	[7] = "UNCONN",
	[8] = "CLOSE-WAIT",
	[9] = "LAST-ACK",
	[10] = "LISTEN",
	[11] = "CLOSING",
};

#define STATE_CLOSE	7
#define STATE_LISTEN	10

/*
 * The words of "state STATE", as ss's filter spells them; the last ones
 * name sets of states.
 */
enum {
	ST_ESTABLISHED = 1, ST_SYN_SENT, ST_SYN_RECV, ST_FIN_WAIT_1,
	ST_FIN_WAIT_2, ST_TIME_WAIT, ST_CLOSED, ST_CLOSE_WAIT, ST_LAST_ACK,
	ST_LISTENING, ST_CLOSING, ST_CONNECTED, ST_ALL
};

static const char * const state_words[] = {
	[0] = "",
	[ST_ESTABLISHED] = "established",
	[ST_SYN_SENT] = "syn-sent",
	[ST_SYN_RECV] = "syn-recv",
	[ST_FIN_WAIT_1] = "fin-wait-1",
	[ST_FIN_WAIT_2] = "fin-wait-2",
	[ST_TIME_WAIT] = "time-wait",
	[ST_CLOSED] = "closed",
	[ST_CLOSE_WAIT] = "close-wait",
	[ST_LAST_ACK] = "last-ack",
	[ST_LISTENING] = "listening",
	[ST_CLOSING] = "closing",
	[ST_CONNECTED] = "connected",
	[ST_ALL] = "all",
};

#define STATES_ALL	0xffeU	/* bits 1 to 11 */

static const struct {
	const char *name;
	__u8 proto;
} protos[] = {
	{ "tcp", IPPROTO_TCP },
	{ "udp", IPPROTO_UDP },
	{ "udplite", IPPROTO_UDPLITE },
	{ "raw", IPPROTO_RAW },
};

/* The keywords of "sock show": the protocols first, in protos[] order. */
enum { KEY_TCP, KEY_UDP, KEY_UDPLITE, KEY_RAW, KEY_STATE, KEY_HELP };

static const char * const sock_keys[] = {
	[KEY_TCP] = "tcp",
	[KEY_UDP] = "udp",
	[KEY_UDPLITE] = "udplite",
	[KEY_RAW] = "raw",
	[KEY_STATE] = "state",
	[KEY_HELP] = "help",
};

enum { SOCK_SHOW, SOCK_LIST, SOCK_HELP };

static const char * const sock_cmds[] = {
	[SOCK_SHOW] = "show",
	[SOCK_LIST] = "list",
	[SOCK_HELP] = "help",
};

/* TINYIP_A_SOCK_FLAGS bits worth printing, in ss's order. */
static const struct {
	__u32 flag;
	const char *name;
} flag_names[] = {
	{ TINYIP_SOCK_F_TS, "ts" },
	{ TINYIP_SOCK_F_SACK, "sack" },
	{ TINYIP_SOCK_F_WSCALE, "wscale" },
};

/* Linux's TCP_INFINITE_SSTHRESH; a threshold above it is "none yet". */
#define SSTHRESH_INFINITE	0x7fffffffU

void sock_usage(FILE *fp)
{
	fprintf(fp,
		"Usage: tinyip [ -s ] sock [ show [ PROTO ] [ state STATE ]... ]\n"
		"where  PROTO := { tcp | udp | udplite | raw }\n"
		"       STATE := { established | syn-sent | syn-recv | fin-wait-1 |\n"
		"                  fin-wait-2 | time-wait | closed | close-wait |\n"
		"                  last-ack | listening | closing | connected | all }\n");
}

static const char *proto_name(__u8 proto)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(protos); i++)
		if (protos[i].proto == proto)
			return protos[i].name;
	return "?";
}

static const char *state_name(__u8 state)
{
	if (state < ARRAY_SIZE(state_names) && state_names[state])
		return state_names[state];
	return "UNKNOWN";
}

/* The u32 members of TINYIP_A_SOCK_INFO; newer ones are skipped. */
static int parse_info(const struct nlattr *nest, struct tinyip_sock *s)
{
	const struct nlattr *attr;
	unsigned int type;

	mnl_attr_for_each_nested(attr, nest) {
		type = mnl_attr_get_type(attr);
		if (type == TINYIP_SOCK_INFO_UNSPEC ||
		    type > TINYIP_SOCK_INFO_MAX)
			continue;
		if (mnl_attr_validate(attr, MNL_TYPE_U32) < 0) {
			fprintf(stderr,
				"tinyip: malformed message from the kernel: bad socket info %u\n",
				type);
			return -EBADMSG;
		}
		s->info[type] = mnl_attr_get_u32(attr);
		s->info_present |= 1U << type;
	}
	return 0;
}

int sock_parse(const struct nlmsghdr *nlh, struct tinyip_sock *s)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	int err;

	err = tinyip_parse_present(nlh, tb, &s->present);
	if (err)
		return err;
	if (tb[TINYIP_A_SOCK_PROTO])
		s->proto = mnl_attr_get_u8(tb[TINYIP_A_SOCK_PROTO]);
	if (tb[TINYIP_A_SOCK_STATE])
		s->state = mnl_attr_get_u8(tb[TINYIP_A_SOCK_STATE]);
	if (tb[TINYIP_A_SOCK_LADDR])
		s->laddr_len = attr_copy_bin(s->laddr, sizeof(s->laddr),
					     tb[TINYIP_A_SOCK_LADDR]);
	if (tb[TINYIP_A_SOCK_RADDR])
		s->raddr_len = attr_copy_bin(s->raddr, sizeof(s->raddr),
					     tb[TINYIP_A_SOCK_RADDR]);
	if (tb[TINYIP_A_SOCK_LPORT])
		s->lport = mnl_attr_get_u16(tb[TINYIP_A_SOCK_LPORT]);
	if (tb[TINYIP_A_SOCK_RPORT])
		s->rport = mnl_attr_get_u16(tb[TINYIP_A_SOCK_RPORT]);
	if (tb[TINYIP_A_SOCK_RQUEUE])
		s->rqueue = mnl_attr_get_u32(tb[TINYIP_A_SOCK_RQUEUE]);
	if (tb[TINYIP_A_SOCK_WQUEUE])
		s->wqueue = mnl_attr_get_u32(tb[TINYIP_A_SOCK_WQUEUE]);
	if (tb[TINYIP_A_SOCK_CC])
		snprintf(s->cc, sizeof(s->cc), "%s",
			 mnl_attr_get_str(tb[TINYIP_A_SOCK_CC]));
	if (tb[TINYIP_A_SOCK_FLAGS])
		s->flags = mnl_attr_get_u32(tb[TINYIP_A_SOCK_FLAGS]);
	if (tb[TINYIP_A_SOCK_INFO])
		return parse_info(tb[TINYIP_A_SOCK_INFO], s);
	return 0;
}

bool sock_matches(const struct tinyip_sock *s, const struct sock_filter *f)
{
	if (f->proto && s->proto != f->proto)
		return false;
	return !f->states || (s->state < 32 && (f->states & (1U << s->state)));
}

static bool has_info(const struct tinyip_sock *s, unsigned int member)
{
	return s->info_present & (1U << member);
}

/* ADDR:PORT as ss prints it: "*" for a port not yet chosen. */
static void format_endpoint(char *buf, size_t size, const __u8 *addr,
			    unsigned int len, __u16 port)
{
	char ip[IPADDR_STRLEN];

	const char *open = "", *close = "";

	if (!format_ip(ip, sizeof(ip), addr, len)) {
		snprintf(ip, sizeof(ip), "*");
	} else if (len == 16) {
		/* As ss: [::]:80, so the port stands apart from the address. */
		open = "[";
		close = "]";
	}
	if (port)
		snprintf(buf, size, "%s%s%s:%u", open, ip, close, port);
	else
		snprintf(buf, size, "%s%s%s:*", open, ip, close);
}

/* Segments, as ss counts cwnd; 0 when the MSS is not known. */
static __u32 in_segments(const struct tinyip_sock *s, __u32 bytes)
{
	__u32 mss = s->info[TINYIP_SOCK_INFO_MSS];

	return has_info(s, TINYIP_SOCK_INFO_MSS) && mss ? bytes / mss : 0;
}

static bool ssthresh_known(const struct tinyip_sock *s)
{
	__u32 ssthresh = s->info[TINYIP_SOCK_INFO_SSTHRESH];

	return has_info(s, TINYIP_SOCK_INFO_SSTHRESH) &&
	       ssthresh < SSTHRESH_INFINITE && in_segments(s, ssthresh);
}

/* The -s line under a TCP entry, in ss -i's shape. */
static void sock_print_info_text(const struct tinyip_sock *s, FILE *fp)
{
	const __u32 *v = s->info;
	unsigned int i;

	fputc('\t', fp);
	for (i = 0; i < ARRAY_SIZE(flag_names); i++)
		if (s->flags & flag_names[i].flag)
			fprintf(fp, " %s", flag_names[i].name);
	if (s->cc[0])
		fprintf(fp, " %s", s->cc);
	if (has_info(s, TINYIP_SOCK_INFO_RTT_US))
		fprintf(fp, " rtt:%g/%g", v[TINYIP_SOCK_INFO_RTT_US] / 1000.0,
			v[TINYIP_SOCK_INFO_RTTVAR_US] / 1000.0);
	if (has_info(s, TINYIP_SOCK_INFO_RTO_US))
		fprintf(fp, " rto:%g", v[TINYIP_SOCK_INFO_RTO_US] / 1000.0);
	if (has_info(s, TINYIP_SOCK_INFO_MSS))
		fprintf(fp, " mss:%u", v[TINYIP_SOCK_INFO_MSS]);
	if (has_info(s, TINYIP_SOCK_INFO_CWND) &&
	    in_segments(s, v[TINYIP_SOCK_INFO_CWND]))
		fprintf(fp, " cwnd:%u", in_segments(s, v[TINYIP_SOCK_INFO_CWND]));
	if (ssthresh_known(s))
		fprintf(fp, " ssthresh:%u",
			in_segments(s, v[TINYIP_SOCK_INFO_SSTHRESH]));
	if (has_info(s, TINYIP_SOCK_INFO_SND_WND))
		fprintf(fp, " snd_wnd:%u", v[TINYIP_SOCK_INFO_SND_WND]);
	if (has_info(s, TINYIP_SOCK_INFO_RCV_WND))
		fprintf(fp, " rcv_wnd:%u", v[TINYIP_SOCK_INFO_RCV_WND]);
	if (v[TINYIP_SOCK_INFO_RETRANS])
		fprintf(fp, " retrans:%u", v[TINYIP_SOCK_INFO_RETRANS]);
	if (v[TINYIP_SOCK_INFO_TIMER_MS])
		fprintf(fp, " timer:%ums", v[TINYIP_SOCK_INFO_TIMER_MS]);
	if (s->flags & TINYIP_SOCK_F_ORPHAN)
		fputs(" orphan", fp);
	fputc('\n', fp);
}

static void info_field(struct json_writer *jw, const struct tinyip_sock *s,
		       unsigned int member, const char *name)
{
	if (has_info(s, member))
		json_u64_field(jw, name, s->info[member]);
}

/* Raw units, in ss -i's order; cwnd and ssthresh also in segments. */
static void sock_print_info_json(const struct tinyip_sock *s,
				 struct json_writer *jw)
{
	__u32 cwnd = in_segments(s, s->info[TINYIP_SOCK_INFO_CWND]);
	unsigned int i;

	if (s->cc[0])
		json_str_field(jw, "cc", s->cc);
	if (attr_has(&s->present, TINYIP_A_SOCK_FLAGS)) {
		json_name(jw, "flags");
		json_arr_open(jw);
		for (i = 0; i < ARRAY_SIZE(flag_names); i++)
			if (s->flags & flag_names[i].flag)
				json_str(jw, flag_names[i].name);
		if (s->flags & TINYIP_SOCK_F_ORPHAN)
			json_str(jw, "orphan");
		if (s->flags & TINYIP_SOCK_F_SOCKET)
			json_str(jw, "socket");
		json_arr_close(jw);
	}
	info_field(jw, s, TINYIP_SOCK_INFO_RTT_US, "rtt_us");
	info_field(jw, s, TINYIP_SOCK_INFO_RTTVAR_US, "rttvar_us");
	info_field(jw, s, TINYIP_SOCK_INFO_RTO_US, "rto_us");
	info_field(jw, s, TINYIP_SOCK_INFO_MSS, "mss");
	if (has_info(s, TINYIP_SOCK_INFO_CWND) && cwnd)
		json_u64_field(jw, "cwnd", cwnd);
	info_field(jw, s, TINYIP_SOCK_INFO_CWND, "cwnd_bytes");
	if (ssthresh_known(s)) {
		json_u64_field(jw, "ssthresh",
			       in_segments(s, s->info[TINYIP_SOCK_INFO_SSTHRESH]));
		json_u64_field(jw, "ssthresh_bytes",
			       s->info[TINYIP_SOCK_INFO_SSTHRESH]);
	}
	info_field(jw, s, TINYIP_SOCK_INFO_SND_WND, "snd_wnd");
	info_field(jw, s, TINYIP_SOCK_INFO_RCV_WND, "rcv_wnd");
	info_field(jw, s, TINYIP_SOCK_INFO_RETRANS, "retrans");
	info_field(jw, s, TINYIP_SOCK_INFO_TIMER_MS, "timer_ms");
}

void sock_print_header(FILE *fp)
{
	fprintf(fp, "%-7s %-10s %-6s %-6s %-21s %s\n", "Netid", "State",
		"Recv-Q", "Send-Q", "Local Address:Port", "Peer Address:Port");
}

void sock_print(const struct tinyip_sock *s, struct show_ctx *ctx)
{
	char local[IPADDR_STRLEN + 9], peer[IPADDR_STRLEN + 9];
	const struct sock_filter *f = ctx->filter;
	struct json_writer *jw = ctx->jw;
	char ip[IPADDR_STRLEN];

	if (f && !sock_matches(s, f))
		return;
	ctx->shown++;
	if (jw) {
		json_obj_open(jw);
		json_str_field(jw, "netid", proto_name(s->proto));
		json_str_field(jw, "state", state_name(s->state));
		json_u64_field(jw, "recv_q", s->rqueue);
		json_u64_field(jw, "send_q", s->wqueue);
		if (format_ip(ip, sizeof(ip), s->laddr, s->laddr_len))
			json_str_field(jw, "local", ip);
		json_u64_field(jw, "lport", s->lport);
		if (format_ip(ip, sizeof(ip), s->raddr, s->raddr_len))
			json_str_field(jw, "peer", ip);
		json_u64_field(jw, "rport", s->rport);
		if (ctx->o->stats)
			sock_print_info_json(s, jw);
		json_obj_close(jw);
		return;
	}
	format_endpoint(local, sizeof(local), s->laddr, s->laddr_len,
			s->lport);
	format_endpoint(peer, sizeof(peer), s->raddr, s->raddr_len, s->rport);
	fprintf(ctx->o->fp, "%-7s %-10s %-6u %-6u %-21s %s\n",
		proto_name(s->proto), state_name(s->state), s->rqueue,
		s->wqueue, local, peer);
	if (ctx->o->stats && (s->info_present || s->cc[0] || s->flags))
		sock_print_info_text(s, ctx->o->fp);
}

static int sock_show_cb(const struct nlmsghdr *nlh, struct show_ctx *ctx)
{
	struct tinyip_sock s = {};
	int err = sock_parse(nlh, &s);

	if (!err)
		sock_print(&s, ctx);
	return err;
}

/* The kernel filters by protocol too: a big table need not cross. */
static void sock_put_filter(struct nlmsghdr *nlh, const void *filter)
{
	const struct sock_filter *f = filter;

	if (f->proto)
		mnl_attr_put_u8(nlh, TINYIP_A_SOCK_PROTO, f->proto);
}

static __u32 state_bits(int word)
{
	switch (word) {
	case ST_CONNECTED:
		return STATES_ALL & ~(1U << STATE_LISTEN | 1U << STATE_CLOSE);
	case ST_ALL:
		return STATES_ALL;
	default:
		return 1U << word;
	}
}

/* "[PROTO] [state STATE]..."; -1 after printing the help. */
static int sock_args(int argc, char **argv, struct sock_filter *f)
{
	int key, st;

	for (; argc > 0; argc--, argv++) {
		key = match_word(argv[0], sock_keys, ARRAY_SIZE(sock_keys));
		switch (key) {
		case KEY_HELP:
			sock_usage(stdout);
			return -1;
		case KEY_STATE:
			if (argc < 2)
				return usage_err("sock", "state needs a STATE.");
			argc--;
			argv++;
			st = match_word(argv[0], state_words,
					ARRAY_SIZE(state_words));
			if (st <= 0)
				return invarg("sock", argv[0],
					      "not a state (see \"tinyip sock help\").");
			f->states |= state_bits(st);
			break;
		case KEY_TCP:
		case KEY_UDP:
		case KEY_UDPLITE:
		case KEY_RAW:
			if (f->proto)
				return usage_err("sock",
						 "one protocol at a time.");
			f->proto = protos[key].proto;
			break;
		default:
			return invarg("sock", argv[0], "unknown keyword.");
		}
	}
	return 0;
}

int do_sock(int argc, char **argv, const struct tinyip_out *o)
{
	struct sock_filter f = {};
	struct show_req rq = {
		.cmd = TINYIP_CMD_SOCK_GET,
		.filter = &f,
		.put = sock_put_filter,
		.header = sock_print_header,
		.cb = sock_show_cb,
	};
	int cmd = SOCK_SHOW, ret;

	if (argc > 0) {
		cmd = match_word(argv[0], sock_cmds, ARRAY_SIZE(sock_cmds));
		argc--;
		argv++;
	}
	if (cmd == SOCK_HELP) {
		sock_usage(stdout);
		return TINYIP_EXIT_OK;
	}
	if (cmd < 0)
		return bad_command("sock", argv[-1], cmd);
	ret = sock_args(argc, argv, &f);
	if (ret)
		return ret < 0 ? TINYIP_EXIT_OK : ret;
	return tinyip_show_req(&rq, o);
}
