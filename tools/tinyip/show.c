// SPDX-License-Identifier: GPL-2.0
/*
 * The "show" commands of link, addr, route, neigh and sock: one dump request
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
 * Dumps rq->cmd; rq->dev, if not NULL, goes to the kernel as
 * TINYIP_A_IFNAME and the printers also filter on it, as they do on
 * rq->filter. Returns an exit status; with -j the array is closed even
 * after an error, so the output stays valid JSON.
 */
int tinyip_show_req(const struct show_req *rq, const struct tinyip_out *o)
{
	struct show_run run = { .cb = rq->cb };
	struct json_writer jw;
	struct genl_sock gs;
	struct nlmsghdr *nlh;
	int ret;

	ret = tinyip_open(&gs, NULL);
	if (ret)
		return ret;
	nlh = tinyip_dump_msg(&gs, rq->cmd);
	if (rq->dev)
		mnl_attr_put_strz(nlh, TINYIP_A_IFNAME, rq->dev);
	if (rq->put)
		rq->put(nlh, rq->filter);
	run.ctx.o = o;
	run.ctx.dev = rq->dev;
	run.ctx.filter = rq->filter;
	if (o->json) {
		json_init(&jw, o->fp, o->pretty);
		json_arr_open(&jw);
		run.ctx.jw = &jw;
	} else if (rq->header) {
		rq->header(o->fp);
	}
	ret = tinyip_exec(&gs, nlh, show_data_cb, &run);
	if (o->json) {
		json_arr_close(&jw);
		json_end(&jw);
	}
	genl_close(&gs);
	if (ret == TINYIP_EXIT_OK && rq->cmd == TINYIP_CMD_LINK_GET &&
	    rq->dev && !run.ctx.shown) {
		fprintf(stderr, "Error: device \"%s\" is not a tinyip link.\n",
			rq->dev);
		ret = TINYIP_EXIT_FAIL;
	}
	return ret;
}

int tinyip_show(__u8 cmd, const char *dev, show_cb_t cb,
		const struct tinyip_out *o)
{
	struct show_req rq = { .cmd = cmd, .dev = dev, .cb = cb };

	return tinyip_show_req(&rq, o);
}
