/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny streaming JSON writer (objects, arrays, strings, booleans and
 * unsigned numbers), compact or pretty.
 */
#ifndef TINYIP_JSON_H
#define TINYIP_JSON_H

#include <stdbool.h>
#include <linux/types.h>
#include <stdio.h>

struct json_writer {
	FILE *fp;
	unsigned int depth;
	bool pretty;
	bool need_sep;		/* a value was written at this depth */
	bool after_name;	/* the next value belongs to a member name */
};

void json_init(struct json_writer *jw, FILE *fp, bool pretty);
void json_obj_open(struct json_writer *jw);
void json_obj_close(struct json_writer *jw);
void json_arr_open(struct json_writer *jw);
void json_arr_close(struct json_writer *jw);
void json_name(struct json_writer *jw, const char *name);
void json_str(struct json_writer *jw, const char *str);
void json_u64(struct json_writer *jw, __u64 val);
void json_bool(struct json_writer *jw, bool val);
void json_str_field(struct json_writer *jw, const char *name,
		    const char *str);
void json_u64_field(struct json_writer *jw, const char *name, __u64 val);
void json_bool_field(struct json_writer *jw, const char *name, bool val);
void json_end(struct json_writer *jw);

#endif /* TINYIP_JSON_H */
