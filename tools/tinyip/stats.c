// SPDX-License-Identifier: GPL-2.0
/*
 * The "stats" object: this network namespace's protocol counters, one
 * per line as nstat prints them. The MIB-2 TCP group (RFC 4022) reads
 * "Tcp" + its name, the others "TcpExt" + Linux's name, so that scripts
 * written against nstat work unchanged.
 */
#include <errno.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

static const char * const tcp_names[] = {
	[TINYIP_TCP_STAT_ACTIVE_OPENS] = "TcpActiveOpens",
	[TINYIP_TCP_STAT_PASSIVE_OPENS] = "TcpPassiveOpens",
	[TINYIP_TCP_STAT_ATTEMPT_FAILS] = "TcpAttemptFails",
	[TINYIP_TCP_STAT_ESTAB_RESETS] = "TcpEstabResets",
	[TINYIP_TCP_STAT_CURR_ESTAB] = "TcpCurrEstab",
	[TINYIP_TCP_STAT_IN_SEGS] = "TcpInSegs",
	[TINYIP_TCP_STAT_OUT_SEGS] = "TcpOutSegs",
	[TINYIP_TCP_STAT_RETRANS_SEGS] = "TcpRetransSegs",
	[TINYIP_TCP_STAT_IN_ERRS] = "TcpInErrs",
	[TINYIP_TCP_STAT_OUT_RSTS] = "TcpOutRsts",
	[TINYIP_TCP_STAT_IN_CSUM_ERRORS] = "TcpInCsumErrors",
	[TINYIP_TCP_STAT_TCP_FAST_RETRANS] = "TcpExtTCPFastRetrans",
	[TINYIP_TCP_STAT_TCP_SACK_RECOVERY] = "TcpExtTCPSackRecovery",
	[TINYIP_TCP_STAT_TCP_RENO_RECOVERY] = "TcpExtTCPRenoRecovery",
	[TINYIP_TCP_STAT_TCP_TIMEOUTS] = "TcpExtTCPTimeouts",
	[TINYIP_TCP_STAT_TCP_CHALLENGE_ACK] = "TcpExtTCPChallengeACK",
	[TINYIP_TCP_STAT_SYNCOOKIES_SENT] = "TcpExtSyncookiesSent",
	[TINYIP_TCP_STAT_SYNCOOKIES_RECV] = "TcpExtSyncookiesRecv",
	[TINYIP_TCP_STAT_SYNCOOKIES_FAILED] = "TcpExtSyncookiesFailed",
	[TINYIP_TCP_STAT_TCP_OFO_QUEUE] = "TcpExtTCPOFOQueue",
	[TINYIP_TCP_STAT_TCP_OFO_DROP] = "TcpExtTCPOFODrop",
	[TINYIP_TCP_STAT_LISTEN_OVERFLOWS] = "TcpExtListenOverflows",
	[TINYIP_TCP_STAT_LISTEN_DROPS] = "TcpExtListenDrops",
	[TINYIP_TCP_STAT_TCP_DSACK_RECV] = "TcpExtTCPDSACKRecv",
	[TINYIP_TCP_STAT_TCP_DSACK_OLD_SENT] = "TcpExtTCPDSACKOldSent",
	[TINYIP_TCP_STAT_TCP_SACK_RENEGING] = "TcpExtTCPSACKReneging",
	[TINYIP_TCP_STAT_TCP_ABORT_ON_DATA] = "TcpExtTCPAbortOnData",
	[TINYIP_TCP_STAT_TCP_ABORT_ON_CLOSE] = "TcpExtTCPAbortOnClose",
	[TINYIP_TCP_STAT_TCP_ABORT_ON_TIMEOUT] = "TcpExtTCPAbortOnTimeout",
	[TINYIP_TCP_STAT_TCP_ABORT_ON_MEMORY] = "TcpExtTCPAbortOnMemory",
	[TINYIP_TCP_STAT_PAWS_ESTAB_REJECTED] = "TcpExtPAWSEstab",
	[TINYIP_TCP_STAT_TCP_RCVQ_DROP] = "TcpExtTCPRcvQDrop",
	[TINYIP_TCP_STAT_TCP_MTUP_FAIL] = "TcpExtTCPMTUPFail",
	[TINYIP_TCP_STAT_TCP_KEEP_ALIVE] = "TcpExtTCPKeepAlive",
	[TINYIP_TCP_STAT_TCP_WIN_PROBE] = "TcpExtTCPWinProbe",
	[TINYIP_TCP_STAT_TW_RECYCLED] = "TcpExtTWRecycled",
	[TINYIP_TCP_STAT_TCP_LOSS_PROBES] = "TcpExtTCPLossProbes",
	[TINYIP_TCP_STAT_TCP_LOSS_PROBE_RECOVERY] = "TcpExtTCPLossProbeRecovery",
	[TINYIP_TCP_STAT_TCP_REORDER_SEEN] = "TcpExtTCPReorderSeen",
	[TINYIP_TCP_STAT_TCP_FULL_UNDO] = "TcpExtTCPFullUndo",
	[TINYIP_TCP_STAT_TCP_SPURIOUS_RTOS] = "TcpExtTCPSpuriousRTOs",
};

enum { STATS_SHOW, STATS_TCP, STATS_HELP };

static const char * const stats_words[] = {
	[STATS_SHOW] = "show",
	[STATS_TCP] = "tcp",
	[STATS_HELP] = "help",
};

void stats_usage(FILE *fp)
{
	fprintf(fp, "Usage: tinyip stats [ show ] [ tcp ]\n");
}

/* The nstat name of a TINYIP_TCP_STAT_*, or NULL. */
const char *tcp_stat_name(unsigned int stat)
{
	return stat < ARRAY_SIZE(tcp_names) ? tcp_names[stat] : NULL;
}

int stats_parse(const struct nlmsghdr *nlh, struct tinyip_stats *st)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	int err;

	err = tinyip_parse_present(nlh, tb, &st->present);
	if (err)
		return err;
	if (!tb[TINYIP_A_TCP_STATS])
		return 0;
	return parse_counters(tb[TINYIP_A_TCP_STATS], st->tcp, 0,
			      TINYIP_TCP_STAT_ACTIVE_OPENS,
			      TINYIP_TCP_STAT_MAX);
}

/* Every counter, zeros included: a script should not guess. */
void stats_print(const struct tinyip_stats *st, const struct tinyip_out *o)
{
	const char *name;
	char buf[32];
	struct json_writer jw;
	unsigned int i;

	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		json_obj_open(&jw);
	}
	for (i = TINYIP_TCP_STAT_ACTIVE_OPENS;
	     (st->present & (1ULL << TINYIP_A_TCP_STATS)) &&
	     i <= TINYIP_TCP_STAT_MAX; i++) {
		name = tcp_stat_name(i);
		if (!name) {
			/* Added to the uapi header but not named here yet. */
			snprintf(buf, sizeof(buf), "TcpExtStat%u", i);
			name = buf;
		}
		if (o->json)
			json_u64_field(&jw, name, st->tcp[i]);
		else
			fprintf(o->fp, "%-32s%llu\n", name,
				(unsigned long long)st->tcp[i]);
	}
	if (o->json) {
		json_obj_close(&jw);
		json_end(&jw);
	}
}

static int stats_cb(const struct nlmsghdr *nlh, void *data)
{
	int err = stats_parse(nlh, data);

	if (err) {
		errno = -err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

static int stats_request(const struct tinyip_out *o)
{
	struct tinyip_stats st = {};
	struct genl_sock gs;
	int ret;

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	ret = genl_talk(&gs, tinyip_msg(&gs, TINYIP_CMD_STATS_GET), stats_cb,
			&st);
	if (ret < 0) {
		genl_perror(&gs, ret);
		ret = TINYIP_EXIT_FAIL;
	} else if (ret == 0) {
		fprintf(stderr, "Error: the kernel sent no reply\n");
		ret = TINYIP_EXIT_FAIL;
	} else {
		stats_print(&st, o);
		ret = TINYIP_EXIT_OK;
	}
	genl_close(&gs);
	return ret;
}

/* "[show] [tcp]": TCP is the one protocol with counters so far. */
int do_stats(int argc, char **argv, const struct tinyip_out *o)
{
	bool show = false, tcp = false;
	int word;

	for (; argc > 0; argc--, argv++) {
		word = match_word(argv[0], stats_words,
				  ARRAY_SIZE(stats_words));
		if (word == STATS_HELP) {
			stats_usage(stdout);
			return TINYIP_EXIT_OK;
		}
		if (word == STATS_SHOW && !show && !tcp)
			show = true;
		else if (word == STATS_TCP && !tcp)
			tcp = true;
		else if (word < 0 && !show && !tcp)
			return bad_command("stats", argv[0], word);
		else
			return invarg("stats", argv[0], "unknown keyword.");
	}
	return stats_request(o);
}
