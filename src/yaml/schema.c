/*
 * schema.c - the generic table-driven YAML loader; see schema.h.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "schema.h"

static void in_err(struct ag_loader *l, const struct ag_ynode *n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

bool ag_loader_saturated(struct ag_loader *l)
{
	if (l->errors < AG_LOADER_MAX_ERRORS)
		return false;
	l->errors++;
	return true;
}

void ag_loader_verror(struct ag_loader *l, int line, int col, const char *fmt, va_list ap)
{
	if (ag_loader_saturated(l))
		return;
	ag_diags_vaddc(l->diags, AG_SEV_ERROR, AG_DIAG_INPUT, l->file, line, col, fmt, ap);
	l->errors++;
}

void ag_loader_error(struct ag_loader *l, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ag_loader_verror(l, line, col, fmt, ap);
	va_end(ap);
}

static void in_err(struct ag_loader *l, const struct ag_ynode *n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	ag_loader_verror(l, n ? n->line : 0, n ? n->col : 0, fmt, ap);
	va_end(ap);
}

static const char *field_type_name(const struct ag_field *f)
{
	switch (f->type) {
	case AG_F_STR: return "a string";
	case AG_F_INT: return "an integer";
	case AG_F_NUM: return "a number";
	case AG_F_BOOL: return "true or false";
	case AG_F_ENUM: return "one of the listed values";
	case AG_F_DATE: return "a date (YYYY-MM-DD)";
	case AG_F_STRS: return "a list of strings";
	case AG_F_OBJ: return "a mapping";
	case AG_F_OBJS: return "a list of mappings";
	case AG_F_NODE: return "a value";
	}
	return "a value";
}

int ag_date_parse(const char *s, size_t n, long *days)
{
	if (n != 10 || s[4] != '-' || s[7] != '-')
		return AG_EINVAL;
	for (size_t i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return AG_EINVAL;
	int y = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	int m = (s[5] - '0') * 10 + (s[6] - '0');
	int d = (s[8] - '0') * 10 + (s[9] - '0');
	static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1] + (m == 2 && leap))
		return AG_EINVAL;
	/* days from civil (Howard Hinnant's algorithm) */
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	*days = era * 146097 + doe - 719468;
	return 0;
}

void ag_date_format(long days, char *out)
{
	/* civil from days (Howard Hinnant's algorithm) */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	y += m <= 2;
	unsigned yy = (unsigned)(y < 0 ? 0 : y % 10000), mm = (unsigned)m, dd = (unsigned)d;
	out[0] = (char)('0' + yy / 1000);
	out[1] = (char)('0' + yy / 100 % 10);
	out[2] = (char)('0' + yy / 10 % 10);
	out[3] = (char)('0' + yy % 10);
	out[4] = '-';
	out[5] = (char)('0' + mm / 10 % 10);
	out[6] = (char)('0' + mm % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10 % 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

static void set_pos(struct ag_loader *l, struct ag_pos *p, const struct ag_ynode *n)
{
	p->file = l->file;
	p->line = n->line;
	p->col = n->col;
}

static int load_scalar(struct ag_loader *l, const struct ag_field *f,
		       const struct ag_ynode *n, struct ag_scalar *out)
{
	set_pos(l, &out->pos, n);
	if (n->kind != AG_Y_SCALAR || ag_yaml_is_null(n)) {
		in_err(l, n, "'%s' must be %s, not %s", f->key, field_type_name(f),
		       ag_yaml_describe(n));
		return 0;
	}
	out->s = n->str;
	out->len = n->len;
	switch (f->type) {
	case AG_F_INT:
		if (ag_yaml_int(n, &out->i)) {
			in_err(l, n, "'%s' must be an integer, not %s ('%s')", f->key,
			       ag_yaml_describe(n), n->str);
			return 0;
		}
		out->d = (double)out->i;
		break;
	case AG_F_NUM:
		if (ag_yaml_num(n, &out->d)) {
			in_err(l, n, "'%s' must be a number, not %s ('%s')", f->key,
			       ag_yaml_describe(n), n->str);
			return 0;
		}
		break;
	case AG_F_BOOL: {
		int b = ag_yaml_bool(n);
		if (b < 0) {
			in_err(l, n, "'%s' must be true or false, not %s ('%s')", f->key,
			       ag_yaml_describe(n), n->str);
			return 0;
		}
		out->b = b;
		break;
	}
	case AG_F_ENUM: {
		int found = -1, nv = 0;
		for (; f->values[nv]; nv++)
			if (strlen(f->values[nv]) == n->len && !memcmp(f->values[nv], n->str, n->len))
				found = nv;
		if (found < 0) {
			if (ag_loader_saturated(l))
				return 0;
			struct ag_buf b = AG_BUF_INIT;
			for (int i = 0; i < nv; i++)
				ag_buf_printf(&b, "%s%s", i ? ", " : "", f->values[i]);
			if (ag_buf_err(&b)) {
				ag_buf_release(&b);
				return AG_ENOMEM;
			}
			const char *hint = ag_did_you_mean(n->str, n->len, f->values, (size_t)nv);
			if (hint)
				in_err(l, n, "'%s' is '%s'; did you mean '%s'? (one of: %s)",
				       f->key, n->str, hint, b.data);
			else
				in_err(l, n, "'%s' is '%s'; it must be one of: %s", f->key,
				       n->str, b.data);
			ag_buf_release(&b);
			return 0;
		}
		out->e = found;
		break;
	}
	case AG_F_DATE: {
		long days;
		if (ag_date_parse(n->str, n->len, &days)) {
			in_err(l, n, "'%s' must be a date written YYYY-MM-DD, not '%s'",
			       f->key, n->str);
			return 0;
		}
		out->i = days;
		break;
	}
	default:
		break;
	}
	out->set = true;
	return 0;
}

static int load_list(struct ag_loader *l, const struct ag_field *f,
		     const struct ag_ynode *n, struct ag_list *out)
{
	set_pos(l, &out->pos, n);
	if (ag_yaml_is_null(n)) {
		/* `compliance: []` states "none"; `compliance:` states nothing */
		in_err(l, n, "'%s' must be %s, not null (write [] for an empty list)",
		       f->key, field_type_name(f));
		return 0;
	}
	const struct ag_ynode *const *items;
	size_t count;
	const struct ag_ynode *single = n;
	if (n->kind == AG_Y_SEQ) {
		items = (const struct ag_ynode *const *)n->kids;
		count = n->n;
	} else if (f->type == AG_F_STRS && n->kind == AG_Y_SCALAR) {
		items = &single;
		count = 1;
	} else {
		in_err(l, n, "'%s' must be %s, not %s", f->key, field_type_name(f),
		       ag_yaml_describe(n));
		return 0;
	}
	size_t elsize = f->type == AG_F_STRS ? sizeof(struct ag_scalar) : f->sub->size;
	out->set = true;
	out->n = count;
	if (!count)
		return 0;
	if (elsize && count > SIZE_MAX / elsize)
		return AG_ENOMEM;
	out->v = ag_arena_alloc(l->arena, count * elsize);
	if (!out->v)
		return AG_ENOMEM;
	struct ag_field ef = *f;
	ef.type = AG_F_STR;
	for (size_t i = 0; i < count; i++) {
		void *el = (char *)out->v + i * elsize;
		if (f->type == AG_F_OBJS && ag_yaml_is_null(items[i])) {
			in_err(l, items[i], "%s %zu is empty; fill it in or remove the line",
			       f->sub->name, i + 1);
			continue;
		}
		int rc = f->type == AG_F_STRS ? load_scalar(l, &ef, items[i], el)
					      : ag_schema_load(l, f->sub, items[i], el);
		if (rc)
			return rc;
	}
	return 0;
}

int ag_schema_load(struct ag_loader *l, const struct ag_schema *s,
		   const struct ag_ynode *node, void *out)
{
	if (!node || ag_yaml_is_null(node))
		return 0;
	struct ag_pos *pos = (struct ag_pos *)((char *)out + s->pos_off);
	set_pos(l, pos, node);
	if (node->kind != AG_Y_MAP) {
		in_err(l, node, "%s must be a mapping (key: value), not %s", s->name,
		       ag_yaml_describe(node));
		return 0;
	}
	bool seen[64] = {0};
	for (size_t i = 0; i + 1 < node->n; i += 2) {
		const struct ag_ynode *k = node->kids[i], *v = node->kids[i + 1];
		const struct ag_field *f = NULL;
		size_t fi = 0;
		for (; fi < s->nfields; fi++) {
			if (strlen(s->fields[fi].key) == k->len &&
			    !memcmp(s->fields[fi].key, k->str, k->len)) {
				f = &s->fields[fi];
				break;
			}
		}
		if (!f && ag_loader_saturated(l))
			continue;
		if (!f) {
			const char *cands[64];
			size_t nc = s->nfields < 64 ? s->nfields : 64;
			for (size_t c = 0; c < nc; c++)
				cands[c] = s->fields[c].key;
			const char *hint = ag_did_you_mean(k->str, k->len, cands, nc);
			if (k->len == 2 && !memcmp(k->str, "<<", 2))
				in_err(l, k, "merge keys ('<<') are not supported in %s; "
				       "write the keys out", s->name);
			else if (hint)
				in_err(l, k, "unknown key '%s' in %s; did you mean '%s'?",
				       k->str, s->name, hint);
			else
				in_err(l, k, "unknown key '%s' in %s", k->str, s->name);
			continue;
		}
		if (fi < 64)
			seen[fi] = true;
		void *dst = (char *)out + f->off;
		int rc = 0;
		switch (f->type) {
		case AG_F_STRS:
		case AG_F_OBJS:
			rc = load_list(l, f, v, dst);
			break;
		case AG_F_OBJ:
			if (v->kind != AG_Y_MAP && !ag_yaml_is_null(v))
				in_err(l, v, "'%s' must be a mapping, not %s", f->key,
				       ag_yaml_describe(v));
			else
				rc = ag_schema_load(l, f->sub, v, dst);
			break;
		case AG_F_NODE:
			*(const struct ag_ynode **)dst = v;
			break;
		default:
			rc = load_scalar(l, f, v, dst);
		}
		if (rc)
			return rc;
	}
	for (size_t fi = 0; fi < s->nfields && fi < 64; fi++)
		if ((s->fields[fi].flags & AG_F_REQUIRED) && !seen[fi])
			in_err(l, node, "%s is missing the required key '%s'", s->name,
			       s->fields[fi].key);
	return 0;
}

int ag_schema_doc(struct ag_buf *out, const struct ag_schema *s, const char *path,
		  int level)
{
	int rc = 0;
	for (size_t i = 0; i < s->nfields && !rc; i++) {
		const struct ag_field *f = &s->fields[i];
		char sub[256];
		snprintf(sub, sizeof(sub), "%s%s%s%s", path, *path ? "." : "", f->key,
			 f->type == AG_F_OBJS ? "[]" : "");
		rc = ag_buf_printf(out, "%.*s `%s` — %s%s\n\n", level, "######", sub,
				   field_type_name(f),
				   (f->flags & AG_F_REQUIRED) ? ", required" : "");
		if (!rc && f->type == AG_F_ENUM) {
			rc = ag_buf_adds(out, "One of:");
			for (int v = 0; !rc && f->values[v]; v++)
				rc = ag_buf_printf(out, "%s `%s`", v ? "," : "", f->values[v]);
			if (!rc)
				rc = ag_buf_adds(out, ".\n\n");
		}
		if (!rc && f->doc)
			rc = ag_buf_printf(out, "%s\n\n", f->doc);
		if (!rc && f->example)
			rc = ag_buf_printf(out, "```yaml\n%s\n```\n\n", f->example);
		if (!rc && (f->type == AG_F_OBJ || f->type == AG_F_OBJS))
			rc = ag_schema_doc(out, f->sub, sub, level < 6 ? level + 1 : 6);
	}
	return rc;
}
