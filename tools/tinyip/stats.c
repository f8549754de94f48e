// SPDX-License-Identifier: GPL-2.0
/*
 * The "stats" object: this network namespace's protocol counters, one
 * per line as nstat prints them. The MIB-2 TCP group (RFC 4022) reads
 * "Tcp" + its name, the others "TcpExt" + Linux's name, so that scripts
 * written against nstat work unchanged. Then the memory budget: where the
 * memory charged to it is, by category, with each one's high-water mark
 * and the charges it refused.
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

/* In the order a reader looks for them: the queues first. */
static const char * const mem_names[] = {
	[TINYIP_MEM_PCB] = "pcb",
	[TINYIP_MEM_SNDQ] = "sndq",
	[TINYIP_MEM_RCVQ] = "rcvq",
	[TINYIP_MEM_OOO] = "ooo",
	[TINYIP_MEM_REASM] = "reasm",
	[TINYIP_MEM_NEIGH] = "neigh",
	[TINYIP_MEM_OTHER] = "other",
};

static const unsigned int mem_order[] = {
	TINYIP_MEM_PCB, TINYIP_MEM_SNDQ, TINYIP_MEM_RCVQ, TINYIP_MEM_OOO,
	TINYIP_MEM_REASM, TINYIP_MEM_NEIGH, TINYIP_MEM_OTHER,
};

/* The resolver's counters (module/dns.c), "Dns" + what they count. */
static const char * const dns_names[] = {
	[TINYIP_DNS_STAT_QUERIES] = "DnsQueries",
	[TINYIP_DNS_STAT_ANSWERS] = "DnsAnswers",
	[TINYIP_DNS_STAT_TIMEOUTS] = "DnsTimeouts",
	[TINYIP_DNS_STAT_TCP_FALLBACKS] = "DnsTcpFallbacks",
	[TINYIP_DNS_STAT_CACHE_HITS] = "DnsCacheHits",
	[TINYIP_DNS_STAT_CACHE_MISSES] = "DnsCacheMisses",
	[TINYIP_DNS_STAT_NEGATIVE] = "DnsNegative",
	[TINYIP_DNS_STAT_FAILURES] = "DnsFailures",
	[TINYIP_DNS_STAT_MDNS_QUERIES] = "DnsMdnsQueries",
	[TINYIP_DNS_STAT_REJ_SHORT] = "DnsRejShort",
	[TINYIP_DNS_STAT_REJ_NOT_RESPONSE] = "DnsRejNotResponse",
	[TINYIP_DNS_STAT_REJ_ID] = "DnsRejId",
	[TINYIP_DNS_STAT_REJ_SOURCE] = "DnsRejSource",
	[TINYIP_DNS_STAT_REJ_QUESTION] = "DnsRejQuestion",
	[TINYIP_DNS_STAT_REJ_NAME] = "DnsRejName",
	[TINYIP_DNS_STAT_REJ_POINTER] = "DnsRejPointer",
	[TINYIP_DNS_STAT_REJ_COUNT] = "DnsRejCount",
	[TINYIP_DNS_STAT_REJ_RDATA] = "DnsRejRdata",
	[TINYIP_DNS_STAT_REJ_RCODE] = "DnsRejRcode",
};

enum { STATS_SHOW, STATS_TCP, STATS_MEM, STATS_DNS, STATS_HELP };

static const char * const stats_words[] = {
	[STATS_SHOW] = "show",
	[STATS_TCP] = "tcp",
	[STATS_MEM] = "mem",
	[STATS_DNS] = "dns",
	[STATS_HELP] = "help",
};

/* What "stats" prints: every part unless one was named. */
enum {
	STATS_PART_TCP = 1 << 0,
	STATS_PART_MEM = 1 << 1,
	STATS_PART_DNS = 1 << 2,
};

void stats_usage(FILE *fp)
{
	fprintf(fp, "Usage: tinyip stats [ show ] [ tcp | mem | dns ]\n");
}

/* The nstat name of a TINYIP_TCP_STAT_*, or NULL. */
const char *tcp_stat_name(unsigned int stat)
{
	return stat < ARRAY_SIZE(tcp_names) ? tcp_names[stat] : NULL;
}

static __u64 attr_u64(const struct nlattr *attr)
{
	return attr ? mnl_attr_get_u64(attr) : 0;
}

int stats_parse(const struct nlmsghdr *nlh, struct tinyip_stats *st)
{
	const struct nlattr *tb[TINYIP_A_MAX + 1];
	int err;

	err = tinyip_parse_present(nlh, tb, &st->present);
	if (err)
		return err;
	st->mem_budget = attr_u64(tb[TINYIP_A_MEM_BUDGET]);
	st->mem_used = attr_u64(tb[TINYIP_A_MEM_USED]);
	st->mem_peak = attr_u64(tb[TINYIP_A_MEM_PEAK]);
	st->mem_failed = attr_u64(tb[TINYIP_A_MEM_FAILED]);
	st->events_dropped = attr_u64(tb[TINYIP_A_EVENTS_DROPPED]);
	if (tb[TINYIP_A_MEM_CAT_USED])
		err = parse_counters(tb[TINYIP_A_MEM_CAT_USED], st->cat_used,
				     0, TINYIP_MEM_OTHER, TINYIP_MEM_MAX);
	if (!err && tb[TINYIP_A_MEM_CAT_PEAK])
		err = parse_counters(tb[TINYIP_A_MEM_CAT_PEAK], st->cat_peak,
				     0, TINYIP_MEM_OTHER, TINYIP_MEM_MAX);
	if (!err && tb[TINYIP_A_MEM_CAT_FAILED])
		err = parse_counters(tb[TINYIP_A_MEM_CAT_FAILED],
				     st->cat_failed, 0, TINYIP_MEM_OTHER,
				     TINYIP_MEM_MAX);
	if (!err && tb[TINYIP_A_DNS_STATS])
		err = parse_counters(tb[TINYIP_A_DNS_STATS], st->dns, 0,
				     TINYIP_DNS_STAT_QUERIES,
				     TINYIP_DNS_STAT_MAX);
	if (err || !tb[TINYIP_A_TCP_STATS])
		return err;
	return parse_counters(tb[TINYIP_A_TCP_STATS], st->tcp, 0,
			      TINYIP_TCP_STAT_ACTIVE_OPENS,
			      TINYIP_TCP_STAT_MAX);
}

/*
 * A table as "free" prints one, a row per category and the total; the
 * categories' used add up to the total's, their peaks need not (each
 * is its own high-water mark).
 */
static void mem_print_text(const struct tinyip_stats *st, FILE *fp)
{
	unsigned int i, cat;

	fprintf(fp, "%-8s%14s%14s%14s\n", "Memory", "used", "peak",
		"failed");
	for (i = 0; i < ARRAY_SIZE(mem_order); i++) {
		cat = mem_order[i];
		fprintf(fp, "%-8s%14llu%14llu%14llu\n", mem_names[cat],
			(unsigned long long)st->cat_used[cat],
			(unsigned long long)st->cat_peak[cat],
			(unsigned long long)st->cat_failed[cat]);
	}
	fprintf(fp, "%-8s%14llu%14llu%14llu\n", "total",
		(unsigned long long)st->mem_used,
		(unsigned long long)st->mem_peak,
		(unsigned long long)st->mem_failed);
	if (st->mem_budget)
		fprintf(fp, "%-8s%14llu\n", "budget",
			(unsigned long long)st->mem_budget);
	else
		fprintf(fp, "%-8s%14s\n", "budget", "unlimited");
}

/* "memory": the totals, and one object per category. */
static void mem_print_json(const struct tinyip_stats *st,
			   struct json_writer *jw)
{
	unsigned int i, cat;

	json_name(jw, "memory");
	json_obj_open(jw);
	json_u64_field(jw, "budget", st->mem_budget);
	json_u64_field(jw, "used", st->mem_used);
	json_u64_field(jw, "peak", st->mem_peak);
	json_u64_field(jw, "failed", st->mem_failed);
	for (i = 0; i < ARRAY_SIZE(mem_order); i++) {
		cat = mem_order[i];
		json_name(jw, mem_names[cat]);
		json_obj_open(jw);
		json_u64_field(jw, "used", st->cat_used[cat]);
		json_u64_field(jw, "peak", st->cat_peak[cat]);
		json_u64_field(jw, "failed", st->cat_failed[cat]);
		json_obj_close(jw);
	}
	json_obj_close(jw);
}

/* Every counter, zeros included: a script should not guess. */
static void stats_print(const struct tinyip_stats *st,
			const struct tinyip_out *o, unsigned int parts)
{
	bool tcp = (parts & STATS_PART_TCP) &&
		   attr_has(&st->present, TINYIP_A_TCP_STATS);
	bool mem = (parts & STATS_PART_MEM) &&
		   attr_has(&st->present, TINYIP_A_MEM_USED);
	bool dns = (parts & STATS_PART_DNS) &&
		   attr_has(&st->present, TINYIP_A_DNS_STATS);
	const char *name;
	char buf[32];
	struct json_writer jw;
	unsigned int i;

	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		json_obj_open(&jw);
	}
	for (i = TINYIP_TCP_STAT_ACTIVE_OPENS;
	     tcp && i <= TINYIP_TCP_STAT_MAX; i++) {
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
	for (i = TINYIP_DNS_STAT_QUERIES;
	     dns && i <= TINYIP_DNS_STAT_MAX; i++) {
		if (i < ARRAY_SIZE(dns_names) && dns_names[i]) {
			name = dns_names[i];
		} else {
			snprintf(buf, sizeof(buf), "DnsStat%u", i);
			name = buf;
		}
		if (o->json)
			json_u64_field(&jw, name, st->dns[i]);
		else
			fprintf(o->fp, "%-32s%llu\n", name,
				(unsigned long long)st->dns[i]);
	}
	/* Not a TCP counter: with the whole "stats show" only. */
	if (parts == (STATS_PART_TCP | STATS_PART_MEM | STATS_PART_DNS) &&
	    attr_has(&st->present, TINYIP_A_EVENTS_DROPPED)) {
		if (o->json)
			json_u64_field(&jw, "events_dropped",
				       st->events_dropped);
		else
			fprintf(o->fp, "%-32s%llu\n", "TinyipEventsDropped",
				(unsigned long long)st->events_dropped);
	}
	if (mem && o->json) {
		mem_print_json(st, &jw);
	} else if (mem) {
		if (tcp || dns)
			fputc('\n', o->fp);
		mem_print_text(st, o->fp);
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

static int stats_request(const struct tinyip_out *o, unsigned int parts)
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
		stats_print(&st, o, parts);
		ret = TINYIP_EXIT_OK;
	}
	genl_close(&gs);
	return ret;
}

/* "[show] [tcp | mem]": both parts unless one is named. */
int do_stats(int argc, char **argv, const struct tinyip_out *o)
{
	unsigned int parts = 0;
	bool show = false;
	int word;

	for (; argc > 0; argc--, argv++) {
		word = match_word(argv[0], stats_words,
				  ARRAY_SIZE(stats_words));
		if (word == STATS_HELP) {
			stats_usage(stdout);
			return TINYIP_EXIT_OK;
		}
		if (word == STATS_SHOW && !show && !parts)
			show = true;
		else if (word == STATS_TCP && !parts)
			parts = STATS_PART_TCP;
		else if (word == STATS_MEM && !parts)
			parts = STATS_PART_MEM;
		else if (word == STATS_DNS && !parts)
			parts = STATS_PART_DNS;
		else if (word < 0 && !show && !parts)
			return bad_command("stats", argv[0], word);
		else
			return invarg("stats", argv[0], "unknown keyword.");
	}
	return stats_request(o, parts ?: STATS_PART_TCP | STATS_PART_MEM |
				 STATS_PART_DNS);
}
