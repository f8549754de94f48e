// SPDX-License-Identifier: GPL-2.0
/*
 * The "show" commands of link, addr, route and neigh: one dump request
 * (NLM_F_DUMP), whose replies may span many datagrams, printed as they
 * arrive as text lines or as the elements of one JSON array.
 */
#include <errno.h>
#include <libmnl/libmnl.h>

#include "genl.h"
#include "json.h"
#include "tinyip_common.h"

struct show_run {
	struct show_ctx ctx;
	show_cb_t cb;
};

static int show_data_cb(const struct nlmsghdr *nlh, void *data)
{
	struct show_run *run = data;
	int err = run->cb(nlh, &run->ctx);

	if (err) {
		errno = -err;
		return MNL_CB_ERROR;
	}
	return MNL_CB_OK;
}

/*
 * Dumps cmd; dev, if not NULL, goes to the kernel as TINYIP_A_IFNAME and
 * the printers also filter on it. Returns an exit status; with -j the
 * array is closed even after an error, so the output stays valid JSON.
 */
int tinyip_show(__u8 cmd, const char *dev, show_cb_t cb,
		const struct tinyip_out *o)
{
	struct show_run run = { .cb = cb };
	struct json_writer jw;
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int ret;

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_dump_msg(&gs, cmd);
	if (dev)
		mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, dev);
	run.ctx.o = o;
	run.ctx.dev = dev;
	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		json_arr_open(&jw);
		run.ctx.jw = &jw;
	}
	ret = tinyip_exec(&gs, nlh, show_data_cb, &run);
	if (o->json) {
		json_arr_close(&jw);
		json_end(&jw);
	}
	genl_close(&gs);
	if (ret == TINYIP_EXIT_OK && cmd == TINYIP_CMD_LINK_GET && dev &&
	    !run.ctx.shown) {
		fprintf(stderr, "Error: device \"%s\" is not a tinyip link.\n",
			dev);
		ret = TINYIP_EXIT_FAIL;
	}
	return ret;
}
