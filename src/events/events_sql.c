/*
 * events_sql.c - the `events` virtual table and the SQL runner; see
 * events_sql.h.
 *
 * Every row is scanned with the same scanner the other commands use,
 * extracting the columns in one pass. Records read through events_read.h
 * (OTLP, Jaeger, Zipkin, arrays) are flattened first (one JSON object per
 * record) and those objects are then scanned like NDJSON lines, so every
 * format gives the same columns.
 */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/json.h"
#include "events_input.h"
#include "events_read.h"
#include "events_scan.h"
#include "events_sql.h"
#include "events_stats.h"

struct src {
	const char *path;
	struct ag_ev_map map;
	bool doc;
};

struct ctx {
	struct src *srcs;
	size_t n;
	char *cols[AG_EVSQL_MAX_COLUMNS];
	size_t ncols;
	struct ag_ev_fields fs;   /* the columns */
	struct ag_ev_fields keys_fs; /* the container keys only, to find records */
	struct ag_evr_keys keys;
};

/* The rows of one unit of input (a line, or a whole document). */
struct row {
	const char *p;  /* NULL: at off in rows.buf */
	size_t off, n;
	uint64_t line;  /* 1-based */
};
struct rows {
	struct row *v;
	size_t n, cap, at;
	struct ag_buf buf;  /* flattened records */
	uint64_t first_line;
	const struct ag_evr_worker *w; /* its `at`: the record's line in the unit */
};

struct vt {
	sqlite3_vtab base;
	struct ctx *c;
};

struct cur {
	sqlite3_vtab_cursor base;
	struct ctx *c;
	size_t src;
	const char *p, *end;
	uint64_t line;      /* line of the current row */
	uint64_t next_line;
	bool eof;
	struct ag_ev_val vals[AG_EV_MAX_FIELDS];
	const char *json;
	size_t jsonlen;
	sqlite3_int64 rowid;
	struct rows rows;
	struct ag_evr_worker *w;
	char *scr;
	size_t scap;
};

static int fit(char **p, size_t *cap, size_t need)
{
	if (need <= *cap)
		return 0;
	char *n = realloc(*p, need);
	if (!n)
		return AG_ENOMEM;
	*p = n;
	*cap = need;
	return 0;
}

static int add_row(void *ctx, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		   const char *text, size_t n)
{
	struct rows *r = ctx;
	(void)vals;
	if (r->n == r->cap) {
		size_t cap = r->cap ? r->cap * 2 : 64;
		struct row *nv = realloc(r->v, cap * sizeof(*nv));
		if (!nv)
			return AG_ENOMEM;
		r->v = nv;
		r->cap = cap;
	}
	struct row *row = &r->v[r->n++];
	row->line = r->first_line + r->w->at;
	if (rec->kind == AG_EVR_EVENT) {
		row->p = text;
		row->n = n;
	} else {
		row->p = NULL;
		row->off = r->buf.len;
		row->n = n;
		if (ag_buf_add(&r->buf, text, n))
			return AG_ENOMEM;
	}
	return 0;
}

/* The rows of p..p+n, with their lines from `line` on. */
static int rows_of(struct ctx *c, struct ag_evr_worker *w, struct rows *r, const char *p,
		   size_t n, bool doc, uint64_t line)
{
	r->n = r->at = 0;
	ag_buf_reset(&r->buf);
	r->first_line = line;
	r->w = w;
	struct ag_evr_sink sink = {add_row, NULL, r, true};
	uint64_t nl;
	(void)c;
	return ag_evr_chunk(w, p, n, doc, &sink, &nl);
}

static const char *row_text(const struct rows *r, const struct row *row)
{
	return row->p ? row->p : r->buf.data + row->off;
}

static int add_column(struct ctx *c, const char *p, size_t n)
{
	for (size_t i = 0; i < c->ncols; i++)
		if (strlen(c->cols[i]) == n && !memcmp(c->cols[i], p, n))
			return 0;
	if (c->ncols >= AG_EVSQL_MAX_COLUMNS || !n || memchr(p, '\0', n))
		return 0;
	if ((n == 5 && !memcmp(p, "_file", 5)) || (n == 5 && !memcmp(p, "_line", 5)) ||
	    (n == 5 && !memcmp(p, "_json", 5)))
		return 0;
	char *s = malloc(n + 1);
	if (!s)
		return AG_ENOMEM;
	memcpy(s, p, n);
	s[n] = '\0';
	c->cols[c->ncols++] = s;
	return 0;
}

static int columns_of(struct ctx *c, const char *obj, size_t n)
{
	struct ag_ev_val o = {obj, n, 0, AG_EV_OBJ, false}, k, v;
	struct ag_ev_iter it;
	ag_ev_iter_init(&it, &o);
	char kb[512];
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		const char *kp = k.p;
		size_t kn = k.n;
		if (k.esc) {
			if (kn > sizeof(kb))
				continue;
			kn = ag_ev_unescape(k.p, k.n, kb);
			kp = kb;
		}
		if (add_column(c, kp, kn))
			return AG_ENOMEM;
	}
	return 0;
}

static int discover(struct ctx *c)
{
	ag_ev_fields_init(&c->keys_fs);
	if (ag_evr_keys_add(&c->keys_fs, &c->keys))
		return AG_ELIMIT;
	struct ag_evr_worker w;
	ag_evr_worker_init(&w, &c->keys_fs, &c->keys);
	struct rows r = {0};
	ag_buf_init(&r.buf);
	int rc = 0;
	for (size_t s = 0; s < c->n && !rc; s++) {
		const char *p = c->srcs[s].map.data, *end = p + c->srcs[s].map.len;
		c->srcs[s].doc = ag_ev_is_doc(p, end);
		for (size_t ln = 0; p < end && ln < AG_EVSQL_SAMPLE_LINES && !rc; ln++) {
			const char *nl = c->srcs[s].doc ? NULL : memchr(p, '\n', (size_t)(end - p));
			const char *next = nl ? nl + 1 : end;
			rc = rows_of(c, &w, &r, p, (size_t)(next - p), c->srcs[s].doc, ln + 1);
			for (size_t i = 0; i < r.n && !rc; i++) {
				const char *t = ag_ev_ws(row_text(&r, &r.v[i]), row_text(&r, &r.v[i]) + r.v[i].n);
				rc = columns_of(c, t, r.v[i].n - (size_t)(t - row_text(&r, &r.v[i])));
			}
			p = next;
		}
	}
	free(r.v);
	ag_buf_release(&r.buf);
	ag_evr_worker_release(&w);
	if (rc)
		return rc;
	ag_ev_fields_init(&c->fs);
	for (size_t i = 0; i < c->ncols; i++)
		if (ag_ev_fields_add(&c->fs, c->cols[i], strlen(c->cols[i])) != (int)i)
			return AG_EINVAL;
	return 0;
}

/* ---- the virtual table --------------------------------------------------------------- */

static int vt_connect(sqlite3 *db, void *aux, int argc, const char *const *argv,
		      sqlite3_vtab **out, char **err)
{
	(void)argc;
	(void)argv;
	(void)err;
	struct ctx *c = aux;
	struct ag_buf sql = AG_BUF_INIT;
	ag_buf_adds(&sql, "CREATE TABLE x(");
	for (size_t i = 0; i < c->ncols; i++) {
		ag_buf_addc(&sql, '"');
		for (const char *s = c->cols[i]; *s; s++) {
			if (*s == '"')
				ag_buf_addc(&sql, '"');
			ag_buf_addc(&sql, *s);
		}
		ag_buf_adds(&sql, "\", ");
	}
	ag_buf_adds(&sql, "_file, _line, _json)");
	if (ag_buf_err(&sql)) {
		ag_buf_release(&sql);
		return SQLITE_NOMEM;
	}
	int rc = sqlite3_declare_vtab(db, sql.data);
	ag_buf_release(&sql);
	if (rc != SQLITE_OK)
		return rc;
	struct vt *v = sqlite3_malloc(sizeof(*v));
	if (!v)
		return SQLITE_NOMEM;
	memset(v, 0, sizeof(*v));
	v->c = c;
	*out = &v->base;
	return SQLITE_OK;
}

static int vt_disconnect(sqlite3_vtab *v)
{
	sqlite3_free(v);
	return SQLITE_OK;
}

static int vt_best_index(sqlite3_vtab *v, sqlite3_index_info *info)
{
	(void)v;
	info->estimatedCost = 1e9;
	info->estimatedRows = 1000000;
	return SQLITE_OK;
}

static int vt_open(sqlite3_vtab *v, sqlite3_vtab_cursor **out)
{
	struct cur *c = sqlite3_malloc(sizeof(*c));
	if (!c)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	ag_buf_init(&c->rows.buf);
	c->c = ((struct vt *)v)->c;
	if (!(c->w = malloc(sizeof(*c->w)))) {
		sqlite3_free(c);
		return SQLITE_NOMEM;
	}
	ag_evr_worker_init(c->w, &c->c->keys_fs, &c->c->keys);
	*out = &c->base;
	return SQLITE_OK;
}

static int vt_close(sqlite3_vtab_cursor *cur)
{
	struct cur *c = (struct cur *)cur;
	ag_buf_release(&c->rows.buf);
	free(c->rows.v);
	ag_evr_worker_release(c->w);
	free(c->w);
	free(c->scr);
	sqlite3_free(c);
	return SQLITE_OK;
}

/* Moves to the next row (an event, or a record read from a container). */
static int advance(struct cur *c)
{
	struct ctx *x = c->c;
	for (;;) {
		if (c->rows.at < c->rows.n) {
			const struct row *row = &c->rows.v[c->rows.at++];
			const char *q = row_text(&c->rows, row);
			struct ag_ev_line l;
			ag_ev_scan_doc(q, q + row->n, &x->fs, c->vals, &l);
			if (fit(&c->scr, &c->scap, 2 * row->n + 64))
				return SQLITE_NOMEM;
			c->json = q;
			c->jsonlen = row->n;
			c->line = row->line;
			c->rowid++;
			return SQLITE_OK;
		}
		while (c->p >= c->end) {
			if (++c->src >= x->n) {
				c->eof = true;
				return SQLITE_OK;
			}
			c->p = x->srcs[c->src].map.data;
			c->end = c->p + x->srcs[c->src].map.len;
			c->next_line = 1;
		}
		bool doc = x->srcs[c->src].doc;
		const char *nl = doc ? NULL : memchr(c->p, '\n', (size_t)(c->end - c->p));
		const char *next = nl ? nl + 1 : c->end;
		int rc = rows_of(x, c->w, &c->rows, c->p, (size_t)(next - c->p), doc, c->next_line);
		if (rc == AG_ENOMEM)
			return SQLITE_NOMEM;
		c->next_line++;
		c->p = next;
	}
}

static int vt_filter(sqlite3_vtab_cursor *cur, int idxnum, const char *idxstr, int argc,
		     sqlite3_value **argv)
{
	(void)idxnum;
	(void)idxstr;
	(void)argc;
	(void)argv;
	struct cur *c = (struct cur *)cur;
	c->src = 0;
	c->eof = false;
	c->rowid = 0;
	c->rows.n = c->rows.at = 0;
	if (!c->c->n) {
		c->eof = true;
		return SQLITE_OK;
	}
	c->p = c->c->srcs[0].map.data;
	c->end = c->p + c->c->srcs[0].map.len;
	c->next_line = 1;
	return advance(c);
}

static int vt_next(sqlite3_vtab_cursor *cur)
{
	return advance((struct cur *)cur);
}

static int vt_eof(sqlite3_vtab_cursor *cur)
{
	return ((struct cur *)cur)->eof;
}

static int vt_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i)
{
	struct cur *c = (struct cur *)cur;
	struct ctx *x = c->c;
	if ((size_t)i == x->ncols) {
		sqlite3_result_text(ctx, x->srcs[c->src].path, -1, SQLITE_STATIC);
		return SQLITE_OK;
	}
	if ((size_t)i == x->ncols + 1) {
		sqlite3_result_int64(ctx, (sqlite3_int64)c->line);
		return SQLITE_OK;
	}
	if ((size_t)i == x->ncols + 2) {
		sqlite3_result_text(ctx, c->json, (int)c->jsonlen, SQLITE_TRANSIENT);
		return SQLITE_OK;
	}
	const struct ag_ev_val *v = &c->vals[i];
	switch (v->type) {
	case AG_EV_STR: {
		size_t n;
		const char *s = ag_ev_str(v, c->scr, &n);
		sqlite3_result_text(ctx, s, (int)n, SQLITE_TRANSIENT);
		break;
	}
	case AG_EV_NUM: {
		bool integer = v->n <= 19;
		for (size_t k = 0; k < v->n && integer; k++)
			integer = v->p[k] != '.' && v->p[k] != 'e' && v->p[k] != 'E';
		if (integer) {
			long long iv = 0;
			size_t k = v->p[0] == '-';
			for (; k < v->n; k++)
				iv = iv * 10 + (v->p[k] - '0');
			sqlite3_result_int64(ctx, v->p[0] == '-' ? -iv : iv);
		} else {
			sqlite3_result_double(ctx, v->num);
		}
		break;
	}
	case AG_EV_TRUE:
		sqlite3_result_int(ctx, 1);
		break;
	case AG_EV_FALSE:
		sqlite3_result_int(ctx, 0);
		break;
	case AG_EV_OBJ:
	case AG_EV_ARR:
		sqlite3_result_text(ctx, v->p, (int)v->n, SQLITE_TRANSIENT);
		break;
	default:
		sqlite3_result_null(ctx);
	}
	return SQLITE_OK;
}

static int vt_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *rowid)
{
	*rowid = ((struct cur *)cur)->rowid;
	return SQLITE_OK;
}

static const sqlite3_module module = {
	.iVersion = 0,
	.xCreate = vt_connect,
	.xConnect = vt_connect,
	.xBestIndex = vt_best_index,
	.xDisconnect = vt_disconnect,
	.xDestroy = vt_disconnect,
	.xOpen = vt_open,
	.xClose = vt_close,
	.xFilter = vt_filter,
	.xNext = vt_next,
	.xEof = vt_eof,
	.xColumn = vt_column,
	.xRowid = vt_rowid,
};

/* ---- running SQL ------------------------------------------------------------------------ */

static void cell_text(sqlite3_stmt *st, int i, struct ag_buf *b)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		ag_buf_adds(b, "NULL");
		break;
	case SQLITE_INTEGER:
		ag_buf_printf(b, "%lld", (long long)sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		ag_evs_json_num(b, sqlite3_column_double(st, i));
		break;
	default:
		ag_buf_add(b, sqlite3_column_text(st, i), (size_t)sqlite3_column_bytes(st, i));
	}
}

static void cell_json(sqlite3_stmt *st, int i, struct ag_json *w)
{
	switch (sqlite3_column_type(st, i)) {
	case SQLITE_NULL:
		ag_json_null(w);
		break;
	case SQLITE_INTEGER:
		ag_json_int(w, (long long)sqlite3_column_int64(st, i));
		break;
	case SQLITE_FLOAT:
		ag_json_double(w, sqlite3_column_double(st, i), AG_JSON_SHORTEST);
		break;
	default: {
		/* a NULL pointer here is SQLite out of memory; "" then, as before */
		const char *t = (const char *)sqlite3_column_text(st, i);
		ag_json_strn(w, t ? t : "", t ? (size_t)sqlite3_column_bytes(st, i) : 0);
	}
	}
}

/* Returns the error of the cell's own buffer (b's is sticky in b). */
static int cell_csv(sqlite3_stmt *st, int i, struct ag_buf *b)
{
	if (sqlite3_column_type(st, i) == SQLITE_NULL)
		return 0;
	struct ag_buf t = AG_BUF_INIT;
	cell_text(st, i, &t);
	bool quote = t.len && strpbrk(t.data, ",\"\r\n") != NULL;
	if (quote) {
		ag_buf_addc(b, '"');
		for (size_t k = 0; k < t.len; k++) {
			if (t.data[k] == '"')
				ag_buf_addc(b, '"');
			ag_buf_addc(b, t.data[k]);
		}
		ag_buf_addc(b, '"');
	} else if (t.len) {
		ag_buf_add(b, t.data, t.len);
	}
	int rc = ag_buf_err(&t);
	ag_buf_release(&t);
	return rc;
}

static int render(sqlite3 *db, sqlite3_stmt *st, enum ag_evsql_format fmt, struct ag_buf *out,
		  int *step_rc)
{
	int nc = sqlite3_column_count(st);
	struct ag_buf rows = AG_BUF_INIT; /* text: cells separated by \x1f, rows by \x1e */
	struct ag_json jw;
	ag_json_init(&jw, out, AG_JSON_COMPACT);
	size_t *w = calloc((size_t)(nc ? nc : 1), sizeof(*w));
	if (!w)
		return AG_ENOMEM;
	if (fmt == AG_EVSQL_CSV) {
		for (int i = 0; i < nc; i++) {
			if (i)
				ag_buf_addc(out, ',');
			ag_buf_adds(out, sqlite3_column_name(st, i));
		}
		ag_buf_adds(out, "\r\n");
	} else if (fmt == AG_EVSQL_JSON) {
		ag_json_begin_array(&jw);
	}
	for (int i = 0; i < nc; i++)
		w[i] = strlen(sqlite3_column_name(st, i));
	size_t nrows = 0;
	int rc, brc = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (fmt == AG_EVSQL_CSV) {
			for (int i = 0; i < nc; i++) {
				if (i)
					ag_buf_addc(out, ',');
				if (!brc)
					brc = cell_csv(st, i, out);
			}
			ag_buf_adds(out, "\r\n");
		} else if (fmt == AG_EVSQL_JSON) {
			ag_json_begin_object(&jw);
			for (int i = 0; i < nc; i++) {
				ag_json_key(&jw, sqlite3_column_name(st, i));
				cell_json(st, i, &jw);
			}
			ag_json_end_object(&jw);
		} else {
			for (int i = 0; i < nc; i++) {
				size_t before = rows.len;
				cell_text(st, i, &rows);
				for (size_t k = before; k < rows.len; k++)
					if (rows.data[k] == '\n' || rows.data[k] == '\x1f' ||
					    rows.data[k] == '\x1e')
						rows.data[k] = ' ';
				if (rows.len - before > w[i])
					w[i] = rows.len - before;
				ag_buf_addc(&rows, '\x1f');
			}
			ag_buf_addc(&rows, '\x1e');
		}
		nrows++;
		if (brc || jw.err || ag_buf_err(out) || (brc = ag_buf_err(&rows)))
			break;
	}
	*step_rc = rc;
	if (fmt == AG_EVSQL_JSON) {
		ag_json_end_array(&jw);
		if (!brc && !(brc = ag_json_finish(&jw)))
			ag_buf_addc(out, '\n');
	} else if (fmt == AG_EVSQL_TEXT && nc) {
		for (int i = 0; i < nc; i++)
			ag_buf_printf(out, "%s%-*s", i ? "  " : "", i + 1 < nc ? (int)w[i] : 0,
				      sqlite3_column_name(st, i));
		ag_buf_addc(out, '\n');
		for (int i = 0; i < nc; i++) {
			ag_buf_adds(out, i ? "  " : "");
			for (size_t k = 0; k < w[i]; k++)
				ag_buf_addc(out, '-');
		}
		ag_buf_addc(out, '\n');
		const char *p = rows.data, *end = p + rows.len;
		while (p < end) {
			for (int i = 0; i < nc; i++) {
				const char *e = memchr(p, '\x1f', (size_t)(end - p));
				size_t n = (size_t)(e - p);
				ag_buf_printf(out, "%s%.*s", i ? "  " : "", (int)n, p);
				if (i + 1 < nc)
					ag_buf_printf(out, "%*s", (int)(w[i] - n), "");
				p = e + 1;
			}
			p++; /* \x1e */
			ag_buf_addc(out, '\n');
		}
		ag_buf_printf(out, "(%zu row%s)\n", nrows, nrows == 1 ? "" : "s");
	}
	ag_buf_release(&rows);
	free(w);
	(void)db;
	return brc ? brc : ag_buf_err(out);
}

int ag_evsql_run(const char *const *paths, size_t npaths, const char *sql,
		 enum ag_evsql_format fmt, struct ag_buf *out, struct ag_diags *d)
{
	struct ctx c;
	memset(&c, 0, sizeof(c));
	c.srcs = calloc(npaths ? npaths : 1, sizeof(*c.srcs));
	if (!c.srcs)
		return AG_ENOMEM;
	int rc = 0, io = 0;
	for (size_t i = 0; i < npaths; i++) {
		struct src *s = &c.srcs[c.n];
		s->path = strcmp(paths[i], "-") ? paths[i] : "(stdin)";
		int r = ag_ev_map_open(&s->map, paths[i], d);
		if (r == AG_EIO)
			io = r;
		else if (r)
			rc = r;
		else
			c.n++;
	}
	if (!rc)
		rc = discover(&c);
	sqlite3 *db = NULL;
	if (!rc && sqlite3_open(":memory:", &db) != SQLITE_OK)
		rc = AG_ENOMEM;
	if (!rc && (sqlite3_create_module(db, "archgate_events", &module, &c) != SQLITE_OK ||
		    sqlite3_exec(db, "CREATE VIRTUAL TABLE temp.events USING archgate_events",
				 NULL, NULL, NULL) != SQLITE_OK)) {
		ag_diags_add(d, AG_SEV_ERROR, NULL, 0, 0, "cannot set up the events table: %s",
			     sqlite3_errmsg(db));
		rc = AG_EINVAL;
	}
	const char *tail = sql;
	while (!rc && tail && *tail) {
		sqlite3_stmt *st = NULL;
		const char *start = tail;
		if (sqlite3_prepare_v2(db, start, -1, &st, &tail) != SQLITE_OK) {
			int off = sqlite3_error_offset(db);
			ag_diags_addc(d, AG_SEV_ERROR, AG_EVSQL_CODE, NULL, 1,
				     off >= 0 ? (int)(start - sql) + off + 1 : (int)(start - sql) + 1,
				     "%s", sqlite3_errmsg(db));
			rc = AG_EINVAL;
			break;
		}
		if (!st) /* whitespace or a comment */
			continue;
		int step = SQLITE_DONE;
		if (sqlite3_column_count(st))
			rc = render(db, st, fmt, out, &step);
		else
			step = sqlite3_step(st);
		if (!rc && step != SQLITE_DONE) {
			ag_diags_addc(d, AG_SEV_ERROR, AG_EVSQL_CODE, NULL, 1, (int)(start - sql) + 1, "%s",
				     sqlite3_errmsg(db));
			rc = AG_EINVAL;
		}
		sqlite3_finalize(st);
	}
	if (db)
		sqlite3_close(db);
	for (size_t i = 0; i < c.n; i++)
		ag_ev_map_release(&c.srcs[i].map);
	for (size_t i = 0; i < c.ncols; i++)
		free(c.cols[i]);
	free(c.srcs);
	return rc ? rc : io;
}
