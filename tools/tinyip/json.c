// SPDX-License-Identifier: GPL-2.0
/*
 * A tiny streaming JSON writer. Strings are escaped as RFC 8259 asks;
 * bytes that are not valid UTF-8 become U+FFFD, so the output is always
 * valid JSON whatever the kernel sent.
 */
#include "json.h"

void json_init(struct json_writer *jw, FILE *fp, bool pretty)
{
	jw->fp = fp;
	jw->depth = 0;
	jw->pretty = pretty;
	jw->need_sep = false;
	jw->after_name = false;
}

static void json_newline(struct json_writer *jw)
{
	unsigned int i;

	fputc('\n', jw->fp);
	for (i = 0; i < jw->depth; i++)
		fputs("    ", jw->fp);
}

/* Separator and, when pretty, line break before a member or element. */
static void json_begin(struct json_writer *jw)
{
	if (jw->after_name) {
		jw->after_name = false;
		return;
	}
	if (jw->need_sep)
		fputc(',', jw->fp);
	if (jw->pretty && jw->depth)
		json_newline(jw);
}

static void json_open(struct json_writer *jw, char c)
{
	json_begin(jw);
	fputc(c, jw->fp);
	jw->depth++;
	jw->need_sep = false;
}

static void json_close(struct json_writer *jw, char c)
{
	if (jw->depth)
		jw->depth--;
	if (jw->pretty && jw->need_sep)
		json_newline(jw);
	fputc(c, jw->fp);
	jw->need_sep = true;
}

void json_obj_open(struct json_writer *jw)
{
	json_open(jw, '{');
}

void json_obj_close(struct json_writer *jw)
{
	json_close(jw, '}');
}

void json_arr_open(struct json_writer *jw)
{
	json_open(jw, '[');
}

void json_arr_close(struct json_writer *jw)
{
	json_close(jw, ']');
}

/* Length of the valid UTF-8 sequence starting at s (RFC 3629), else 0. */
static unsigned int utf8_len(const unsigned char *s)
{
	unsigned int len, i;
	__u32 cp;

	if (s[0] < 0xc2 || s[0] > 0xf4)
		return 0;
	len = s[0] >= 0xf0 ? 4 : s[0] >= 0xe0 ? 3 : 2;
	cp = s[0] & (0x7f >> len);
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	if (len == 3 && cp < 0x800)
		return 0;
	if (len == 4 && (cp < 0x10000 || cp > 0x10ffff))
		return 0;
	if (cp >= 0xd800 && cp <= 0xdfff)
		return 0;
	return len;
}

static void json_put_string(FILE *fp, const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	unsigned int len;

	fputc('"', fp);
	while (*s) {
		switch (*s) {
		case '"':
			fputs("\\\"", fp);
			break;
		case '\\':
			fputs("\\\\", fp);
			break;
		case '\b':
			fputs("\\b", fp);
			break;
		case '\f':
			fputs("\\f", fp);
			break;
		case '\n':
			fputs("\\n", fp);
			break;
		case '\r':
			fputs("\\r", fp);
			break;
		case '\t':
			fputs("\\t", fp);
			break;
		default:
			if (*s < 0x20 || *s == 0x7f) {
				fprintf(fp, "\\u%04x", *s);
			} else if (*s < 0x80) {
				fputc(*s, fp);
			} else {
				len = utf8_len(s);
				if (len) {
					fwrite(s, 1, len, fp);
					s += len;
					continue;
				}
				fputs("\\ufffd", fp);
			}
		}
		s++;
	}
	fputc('"', fp);
}

void json_name(struct json_writer *jw, const char *name)
{
	json_begin(jw);
	json_put_string(jw->fp, name);
	fputs(jw->pretty ? ": " : ":", jw->fp);
	jw->after_name = true;
}

void json_str(struct json_writer *jw, const char *str)
{
	json_begin(jw);
	json_put_string(jw->fp, str);
	jw->need_sep = true;
}

void json_u64(struct json_writer *jw, __u64 val)
{
	json_begin(jw);
	fprintf(jw->fp, "%llu", (unsigned long long)val);
	jw->need_sep = true;
}

void json_bool(struct json_writer *jw, bool val)
{
	json_begin(jw);
	fputs(val ? "true" : "false", jw->fp);
	jw->need_sep = true;
}

void json_str_field(struct json_writer *jw, const char *name,
		    const char *str)
{
	json_name(jw, name);
	json_str(jw, str);
}

void json_u64_field(struct json_writer *jw, const char *name, __u64 val)
{
	json_name(jw, name);
	json_u64(jw, val);
}

void json_bool_field(struct json_writer *jw, const char *name, bool val)
{
	json_name(jw, name);
	json_bool(jw, val);
}

/* Ends a top-level value with a newline; the writer can start another. */
void json_end(struct json_writer *jw)
{
	fputc('\n', jw->fp);
	jw->need_sep = false;
	jw->after_name = false;
}
