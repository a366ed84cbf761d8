/*
 * events_query.c - parsing and evaluating the events query language; see
 * events_query.h for the grammar.
 *
 * A recursive-descent parser over a small tokenizer; every token remembers
 * its column so an error points at the place where the query goes wrong
 * (after jq's locfile). Expressions compile to a tree in the query's
 * arena; evaluation walks it with the event's extracted values and never
 * allocates (strings with escapes are decoded into caller scratch).
 */
#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "events_query.h"

enum tok_kind { T_END, T_NAME, T_NUM, T_STR, T_DUR, T_PUNCT, T_BAD };

struct tok {
	enum tok_kind kind;
	const char *p; /* token text (for T_STR: decoded, arena-owned) */
	size_t n;
	size_t col;    /* 1-based */
	double num;    /* T_NUM, T_DUR (milliseconds) */
	int64_t ns;    /* T_DUR */
	bool quoted;   /* T_NAME written in backticks */
};

struct parser {
	struct ag_evq *q;
	const char *src, *s;
	const char *code; /* which text: AG_EVQ_CODE_* */
	struct tok t;
	struct ag_diags *d;
	int rc;
};

enum { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_CONTAINS };
enum { E_OR, E_AND, E_NOT, E_CMP, E_IN, E_EXISTS };
enum { O_FIELD, O_LOWER, O_LIT };

struct operand {
	int kind;
	int field;
	struct ag_ev_val lit; /* O_LIT; strings decoded (esc false) */
};

struct ag_evq_expr {
	int kind, op;
	struct ag_evq_expr *a, *b;
	struct operand l, r;
	struct operand *list;
	size_t nlist;
	bool neg;       /* E_IN: not in */
	bool strs_only; /* E_IN: every literal is a string */
};

void ag_evq_init(struct ag_evq *q)
{
	memset(q, 0, sizeof(*q));
	ag_arena_init(&q->arena, (size_t)16 << 20);
	ag_ev_fields_init(&q->fields);
	q->sort_agg = -1;
}

void ag_evq_release(struct ag_evq *q)
{
	ag_arena_release(&q->arena);
	memset(q, 0, sizeof(*q));
}

static void note_field(int f, int *out, size_t max, size_t *n)
{
	for (size_t i = 0; i < *n && i < max; i++)
		if (out[i] == f)
			return;
	if (*n < max)
		out[*n] = f;
	++*n;
}

static void where_fields(const struct ag_evq_expr *e, int *out, size_t max, size_t *n, int depth)
{
	if (!e || depth > 256)
		return;
	if (e->l.kind != O_LIT && e->l.field >= 0 && (e->kind == E_CMP || e->kind == E_IN ||
						      e->kind == E_EXISTS))
		note_field(e->l.field, out, max, n);
	if (e->kind == E_CMP && e->r.kind != O_LIT && e->r.field >= 0)
		note_field(e->r.field, out, max, n);
	where_fields(e->a, out, max, n, depth + 1);
	where_fields(e->b, out, max, n, depth + 1);
}

size_t ag_evq_where_fields(const struct ag_evq *q, int *out, size_t max)
{
	size_t n = 0;
	where_fields(q->where, out, max, &n, 0);
	return n;
}

/* ---- tokens ------------------------------------------------------------------ */

static int perr(struct parser *ps, size_t col, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int perr(struct parser *ps, size_t col, const char *fmt, ...)
{
	if (ps->rc)
		return ps->rc;
	char msg[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	ag_diags_addc(ps->d, AG_SEV_ERROR, ps->code, NULL, 1, (int)col, "%s", msg);
	return ps->rc = AG_EPARSE;
}

static bool name_char(char c, bool first)
{
	return isalpha((unsigned char)c) || c == '_' || c == '@' || c == '$' ||
	       (unsigned char)c >= 0x80 ||
	       (!first && (isdigit((unsigned char)c) || c == '.' || c == '-'));
}

static const char *tok_desc(const struct tok *t, char *buf, size_t n)
{
	switch (t->kind) {
	case T_END:
		return "the end of the query";
	case T_STR:
		return "a string";
	default:
		snprintf(buf, n, "'%.*s'", (int)(t->n > 40 ? 40 : t->n), t->p);
		return buf;
	}
}

static void next(struct parser *ps)
{
	const char *s = ps->s;
	while (*s && isspace((unsigned char)*s))
		s++;
	struct tok *t = &ps->t;
	memset(t, 0, sizeof(*t));
	t->p = s;
	t->col = (size_t)(s - ps->src) + 1;
	if (!*s) {
		t->kind = T_END;
		ps->s = s;
		return;
	}
	if (*s == '"' || *s == '\'') {
		char qc = *s++;
		const char *b = s;
		bool esc = false;
		while (*s && *s != qc) {
			if (*s == '\\' && s[1]) {
				esc = true;
				s++;
			}
			s++;
		}
		if (!*s) {
			t->kind = T_BAD;
			t->n = 1;
			perr(ps, t->col, "unterminated string");
			ps->s = s;
			return;
		}
		size_t n = (size_t)(s - b);
		char *out = ag_arena_alloc(&ps->q->arena, n + 1);
		if (!out) {
			ps->rc = AG_ENOMEM;
			t->kind = T_BAD;
			return;
		}
		t->n = esc ? ag_ev_unescape(b, n, out) : (memcpy(out, b, n), n);
		if (esc && qc == '\'') {
			/* \' is not a JSON escape; unescape kept it as "'" anyway */
		}
		t->p = out;
		t->kind = T_STR;
		ps->s = s + 1;
		return;
	}
	if (*s == '`') {
		const char *b = ++s;
		while (*s && *s != '`')
			s++;
		if (!*s) {
			t->kind = T_BAD;
			perr(ps, t->col, "unterminated `field name`");
			ps->s = s;
			return;
		}
		t->kind = T_NAME;
		t->quoted = true;
		t->p = b;
		t->n = (size_t)(s - b);
		ps->s = s + 1;
		return;
	}
	if (isdigit((unsigned char)*s) ||
	    ((*s == '-' || *s == '.') && (isdigit((unsigned char)s[1]) || s[1] == '.'))) {
		char *e;
		t->num = strtod(s, &e);
		if (e == s) {
			t->kind = T_BAD;
			t->n = 1;
			perr(ps, t->col, "bad number");
			return;
		}
		const char *u = e;
		while (isalpha((unsigned char)*e))
			e++;
		t->n = (size_t)(e - s);
		ps->s = e;
		if (e > u) {
			if (!ag_evq_parse_duration(s, t->n, &t->ns)) {
				t->kind = T_BAD;
				perr(ps, t->col, "bad duration '%.*s' (use a unit: ns, us, ms, s, m, h, d)",
				     (int)t->n, s);
				return;
			}
			t->kind = T_DUR;
			t->num = (double)t->ns / 1e6;
		} else {
			t->kind = T_NUM;
		}
		return;
	}
	if (name_char(*s, true)) {
		const char *b = s;
		while (name_char(*s, s == b))
			s++;
		t->kind = T_NAME;
		t->n = (size_t)(s - b);
		ps->s = s;
		return;
	}
	static const char *const puncts[] = {"==", "!=", "<=", ">=", "(", ")", ",", "=",
					     "<", ">", "~"};
	for (size_t i = 0; i < sizeof(puncts) / sizeof(puncts[0]); i++) {
		size_t n = strlen(puncts[i]);
		if (!strncmp(s, puncts[i], n)) {
			t->kind = T_PUNCT;
			t->n = n;
			ps->s = s + n;
			return;
		}
	}
	t->kind = T_BAD;
	t->n = 1;
	perr(ps, t->col, "unexpected character '%c'", *s);
	ps->s = s + 1;
}

static bool is_kw(const struct tok *t, const char *kw)
{
	return t->kind == T_NAME && !t->quoted && strlen(kw) == t->n &&
	       !strncasecmp(t->p, kw, t->n);
}

static bool is_punct(const struct tok *t, const char *p)
{
	return t->kind == T_PUNCT && strlen(p) == t->n && !strncmp(t->p, p, t->n);
}

static bool clause_kw(const struct tok *t)
{
	static const char *const kws[] = {"where", "by", "every", "compute", "top",
					  "sort", "since", "until", "limit"};
	for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (is_kw(t, kws[i]))
			return true;
	return false;
}

static int expect(struct parser *ps, const char *p, const char *what)
{
	if (is_punct(&ps->t, p)) {
		next(ps);
		return 0;
	}
	char b[64];
	return perr(ps, ps->t.col, "expected %s, found %s", what, tok_desc(&ps->t, b, sizeof(b)));
}

/* ---- fields ---------------------------------------------------------------- */

static int add_field(struct parser *ps, const char *p, size_t n, size_t col)
{
	char *copy = ag_arena_strndup(&ps->q->arena, p, n);
	if (!copy)
		return ps->rc = AG_ENOMEM;
	int i = ag_ev_fields_add(&ps->q->fields, copy, n);
	if (i == AG_ELIMIT) {
		perr(ps, col, "a query can use at most %d fields", AG_EV_MAX_FIELDS);
		return ps->rc = AG_ELIMIT;
	}
	if (i < 0)
		return perr(ps, col, "empty field name");
	return i;
}

static bool reserved(const struct tok *t)
{
	static const char *const kws[] = {"and", "or", "not", "in", "exists", "true",
					  "false", "null", "lower"};
	for (size_t i = 0; i < sizeof(kws) / sizeof(kws[0]); i++)
		if (is_kw(t, kws[i]))
			return true;
	return clause_kw(t);
}

/* field | lower(field) */
static int parse_fieldref(struct parser *ps, bool *lower, const char *what)
{
	char b[64];
	*lower = false;
	if (is_kw(&ps->t, "lower")) {
		size_t col = ps->t.col;
		next(ps);
		if (expect(ps, "(", "'(' after lower"))
			return -1;
		if (ps->t.kind != T_NAME || reserved(&ps->t)) {
			perr(ps, ps->t.col, "expected a field name inside lower(), found %s",
			     tok_desc(&ps->t, b, sizeof(b)));
			return -1;
		}
		int f = add_field(ps, ps->t.p, ps->t.n, ps->t.col);
		if (f < 0)
			return -1;
		next(ps);
		if (expect(ps, ")", "')' to close lower("))
			return -1;
		(void)col;
		*lower = true;
		return f;
	}
	if (ps->t.kind != T_NAME || (!ps->t.quoted && reserved(&ps->t))) {
		perr(ps, ps->t.col, "expected %s, found %s", what, tok_desc(&ps->t, b, sizeof(b)));
		return -1;
	}
	int f = add_field(ps, ps->t.p, ps->t.n, ps->t.col);
	if (f >= 0)
		next(ps);
	return f;
}

/* ---- expressions -------------------------------------------------------------- */

static struct ag_evq_expr *new_expr(struct parser *ps, int kind)
{
	struct ag_evq_expr *e = ag_arena_alloc(&ps->q->arena, sizeof(*e));
	if (!e)
		ps->rc = AG_ENOMEM;
	else
		e->kind = kind;
	return e;
}

static bool parse_literal(struct parser *ps, struct operand *o)
{
	struct tok *t = &ps->t;
	o->kind = O_LIT;
	o->field = -1;
	if (t->kind == T_NUM || t->kind == T_DUR) {
		o->lit = (struct ag_ev_val){t->p, t->n, t->num, AG_EV_NUM, false};
	} else if (t->kind == T_STR) {
		o->lit = (struct ag_ev_val){t->p, t->n, 0, AG_EV_STR, false};
	} else if (is_kw(t, "true")) {
		o->lit = (struct ag_ev_val){"true", 4, 0, AG_EV_TRUE, false};
	} else if (is_kw(t, "false")) {
		o->lit = (struct ag_ev_val){"false", 5, 0, AG_EV_FALSE, false};
	} else if (is_kw(t, "null")) {
		o->lit = (struct ag_ev_val){"null", 4, 0, AG_EV_NULL, false};
	} else {
		return false;
	}
	next(ps);
	return true;
}

static bool parse_operand(struct parser *ps, struct operand *o)
{
	if (parse_literal(ps, o))
		return true;
	if (ps->rc)
		return false;
	bool lower;
	int f = parse_fieldref(ps, &lower, "a field or a value");
	if (f < 0)
		return false;
	o->kind = lower ? O_LOWER : O_FIELD;
	o->field = f;
	return true;
}

static struct ag_evq_expr *parse_or(struct parser *ps);

static struct ag_evq_expr *parse_cmp(struct parser *ps)
{
	char b[64];
	if (ps->t.kind == T_END || ps->t.kind == T_BAD || (clause_kw(&ps->t) && !ps->t.quoted)) {
		perr(ps, ps->t.col, "expected a condition, found %s", tok_desc(&ps->t, b, sizeof(b)));
		return NULL;
	}
	struct ag_evq_expr *e = new_expr(ps, E_CMP);
	if (!e || !parse_operand(ps, &e->l))
		return NULL;
	bool neg = false;
	if (is_kw(&ps->t, "not")) {
		next(ps);
		neg = true;
		if (!is_kw(&ps->t, "in")) {
			perr(ps, ps->t.col, "expected 'in' after 'not', found %s",
			     tok_desc(&ps->t, b, sizeof(b)));
			return NULL;
		}
	}
	if (is_kw(&ps->t, "in")) {
		next(ps);
		e->kind = E_IN;
		e->neg = neg;
		if (expect(ps, "(", "'(' after 'in'"))
			return NULL;
		size_t cap = 8;
		e->list = ag_arena_alloc(&ps->q->arena, cap * sizeof(*e->list));
		if (!e->list) {
			ps->rc = AG_ENOMEM;
			return NULL;
		}
		for (;;) {
			if (e->nlist == cap) {
				e->list = ag_arena_realloc_array(&ps->q->arena, e->list, cap, cap * 2,
								 sizeof(*e->list));
				cap *= 2;
				if (!e->list) {
					ps->rc = AG_ENOMEM;
					return NULL;
				}
			}
			if (!parse_literal(ps, &e->list[e->nlist])) {
				perr(ps, ps->t.col, "expected a value in the 'in' list, found %s",
				     tok_desc(&ps->t, b, sizeof(b)));
				return NULL;
			}
			e->nlist++;
			if (is_punct(&ps->t, ",")) {
				next(ps);
				continue;
			}
			if (expect(ps, ")", "',' or ')' in the 'in' list"))
				return NULL;
			break;
		}
		e->strs_only = true;
		for (size_t i = 0; i < e->nlist; i++)
			e->strs_only &= e->list[i].lit.type == AG_EV_STR;
		return e;
	}
	static const struct {
		const char *p;
		int op;
	} ops[] = {{"=", OP_EQ}, {"==", OP_EQ}, {"!=", OP_NE}, {"<", OP_LT}, {"<=", OP_LE},
		   {">", OP_GT}, {">=", OP_GE}, {"~", OP_CONTAINS}};
	for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++) {
		if (is_punct(&ps->t, ops[i].p)) {
			e->op = ops[i].op;
			next(ps);
			if (ps->t.kind == T_END) {
				perr(ps, ps->t.col, "expected a value after '%s'", ops[i].p);
				return NULL;
			}
			struct tok rt = ps->t;
			if (!parse_operand(ps, &e->r))
				return NULL;
			if (e->l.kind != O_LIT && e->r.kind == O_FIELD && rt.kind == T_NAME &&
			    !rt.quoted && !memchr(rt.p, '.', rt.n)) {
				/* `level = error`: almost always a word meant as text */
				perr(ps, rt.col, "'%.*s' is a field name here: write \"%.*s\" for the "
						 "text, or `%.*s` to compare with that field",
				     (int)rt.n, rt.p, (int)rt.n, rt.p, (int)rt.n, rt.p);
				return NULL;
			}
			if (e->l.kind == O_LIT && e->r.kind == O_LIT) {
				perr(ps, ps->t.col, "a comparison needs a field on one side");
				return NULL;
			}
			return e;
		}
	}
	if (e->l.kind == O_LIT) {
		perr(ps, ps->t.col, "expected a comparison operator, found %s",
		     tok_desc(&ps->t, b, sizeof(b)));
		return NULL;
	}
	/* a bare field: true when it is true, a non-zero number or a non-empty string */
	e->op = -1;
	return e;
}

static struct ag_evq_expr *parse_not(struct parser *ps)
{
	if (is_kw(&ps->t, "not")) {
		next(ps);
		struct ag_evq_expr *e = new_expr(ps, E_NOT);
		if (!e || !(e->a = parse_not(ps)))
			return NULL;
		return e;
	}
	if (is_punct(&ps->t, "(")) {
		next(ps);
		struct ag_evq_expr *e = parse_or(ps);
		if (!e || expect(ps, ")", "')'"))
			return NULL;
		return e;
	}
	if (is_kw(&ps->t, "exists")) {
		next(ps);
		bool paren = is_punct(&ps->t, "(");
		if (paren)
			next(ps);
		struct ag_evq_expr *e = new_expr(ps, E_EXISTS);
		bool lower;
		if (!e || (e->l.field = parse_fieldref(ps, &lower, "a field after 'exists'")) < 0)
			return NULL;
		if (paren && expect(ps, ")", "')'"))
			return NULL;
		return e;
	}
	return parse_cmp(ps);
}

static struct ag_evq_expr *parse_and(struct parser *ps)
{
	struct ag_evq_expr *l = parse_not(ps);
	while (l && is_kw(&ps->t, "and")) {
		next(ps);
		struct ag_evq_expr *e = new_expr(ps, E_AND);
		if (!e || !(e->b = parse_not(ps)))
			return NULL;
		e->a = l;
		l = e;
	}
	return l;
}

static struct ag_evq_expr *parse_or(struct parser *ps)
{
	struct ag_evq_expr *l = parse_and(ps);
	while (l && is_kw(&ps->t, "or")) {
		next(ps);
		struct ag_evq_expr *e = new_expr(ps, E_OR);
		if (!e || !(e->b = parse_and(ps)))
			return NULL;
		e->a = l;
		l = e;
	}
	return l;
}

/* ---- aggregates ---------------------------------------------------------------- */

static int slot_for(struct ag_evq *q, int field, bool hist)
{
	for (size_t i = 0; i < q->nslots; i++)
		if (q->slot_field[i] == field) {
			q->slot_hist[i] |= hist;
			return (int)i;
		}
	q->slot_field[q->nslots] = field;
	q->slot_hist[q->nslots] = hist;
	return (int)q->nslots++;
}

/* Parses one aggregate at the current token; returns its index. */
static int parse_agg(struct parser *ps)
{
	struct ag_evq *q = ps->q;
	char b[64];
	struct tok t = ps->t;
	if (t.kind != T_NAME || t.quoted) {
		perr(ps, t.col, "expected an aggregate (count, errors, avg(FIELD), p99(FIELD), ...), "
				"found %s", tok_desc(&t, b, sizeof(b)));
		return -1;
	}
	struct ag_evq_agg a = {AG_AGG_COUNT, -1, 0, NULL, -1};
	char name[160];
	bool needs_field = true;
	if (is_kw(&t, "count") || is_kw(&t, "errors") || is_kw(&t, "error_rate")) {
		a.kind = is_kw(&t, "count") ? AG_AGG_COUNT : is_kw(&t, "errors") ? AG_AGG_ERRORS
										: AG_AGG_ERROR_RATE;
		needs_field = false;
	} else if (is_kw(&t, "sum")) {
		a.kind = AG_AGG_SUM;
	} else if (is_kw(&t, "avg") || is_kw(&t, "mean")) {
		a.kind = AG_AGG_AVG;
	} else if (is_kw(&t, "min")) {
		a.kind = AG_AGG_MIN;
	} else if (is_kw(&t, "max")) {
		a.kind = AG_AGG_MAX;
	} else if (is_kw(&t, "percentile") || is_kw(&t, "quantile")) {
		a.kind = AG_AGG_PCT;
		a.q = -1;
	} else if ((t.p[0] == 'p' || t.p[0] == 'P') && t.n >= 2 && t.n <= 5) {
		bool alldig = true;
		for (size_t i = 1; i < t.n; i++)
			alldig &= isdigit((unsigned char)t.p[i]) != 0;
		if (!alldig) {
			perr(ps, t.col, "unknown aggregate '%.*s'", (int)t.n, t.p);
			return -1;
		}
		/* p50 = 0.5, p999 = 0.999, p9999 = 0.9999 */
		double v = 0, scale = 1;
		for (size_t i = 1; i < t.n; i++) {
			v = v * 10 + (t.p[i] - '0');
			scale *= 10;
		}
		a.kind = AG_AGG_PCT;
		a.q = t.n == 3 ? v / 100 : v / scale;
		if (t.n == 2)
			a.q = v / 10;
		if (a.q <= 0 || a.q > 1) {
			perr(ps, t.col, "percentile '%.*s' is not between p1 and p100", (int)t.n, t.p);
			return -1;
		}
		if (t.n == 4 && v == 100)
			a.q = 1;
	} else {
		perr(ps, t.col, "unknown aggregate '%.*s' (use count, errors, error_rate, sum, avg, "
				"min, max, p50, p95, p99, percentile)", (int)t.n, t.p);
		return -1;
	}
	next(ps);
	if (needs_field) {
		if (expect(ps, "(", "'(' and a field"))
			return -1;
		bool lower;
		if (ps->t.kind == T_NAME)
			snprintf(name, sizeof(name), "%.*s", (int)ps->t.n, ps->t.p);
		a.field = parse_fieldref(ps, &lower, "a field");
		if (a.field < 0)
			return -1;
		if (a.kind == AG_AGG_PCT && a.q < 0) {
			if (expect(ps, ",", "',' and a percentile (0.99 or 99)"))
				return -1;
			if (ps->t.kind != T_NUM) {
				perr(ps, ps->t.col, "expected a percentile like 0.99 or 99");
				return -1;
			}
			a.q = ps->t.num > 1 ? ps->t.num / 100 : ps->t.num;
			if (!(a.q > 0 && a.q <= 1)) {
				perr(ps, ps->t.col, "a percentile is between 0 and 1 (or 0 and 100)");
				return -1;
			}
			next(ps);
		}
		if (expect(ps, ")", "')'"))
			return -1;
		char full[200];
		if (a.kind == AG_AGG_PCT)
			snprintf(full, sizeof(full), "p%g(%s)", a.q * 100, name);
		else
			snprintf(full, sizeof(full), "%.*s(%s)", (int)t.n, t.p, name);
		for (char *c = full; *c && *c != '('; c++)
			*c = (char)tolower((unsigned char)*c);
		a.name = ag_arena_strdup(&q->arena, full);
		a.slot = slot_for(q, a.field, a.kind == AG_AGG_PCT);
	} else {
		snprintf(name, sizeof(name), "%.*s", (int)t.n, t.p);
		for (char *c = name; *c; c++)
			*c = (char)tolower((unsigned char)*c);
		a.name = ag_arena_strdup(&q->arena, name);
	}
	if (!a.name)
		return ps->rc = AG_ENOMEM;
	for (size_t i = 0; i < q->naggs; i++)
		if (!strcmp(q->aggs[i].name, a.name))
			return (int)i;
	if (q->naggs == AG_EVQ_MAX_AGGS) {
		perr(ps, t.col, "at most %d aggregates", AG_EVQ_MAX_AGGS);
		return -1;
	}
	q->aggs[q->naggs] = a;
	return (int)q->naggs++;
}

static bool parse_time_lit(struct parser *ps, int64_t *ns, const char *what)
{
	if (ps->t.kind != T_STR || !ag_ev_parse_time(ps->t.p, ps->t.n, ns)) {
		perr(ps, ps->t.col, "expected a time after '%s', like \"2026-01-29T10:00:00Z\"",
		     what);
		return false;
	}
	next(ps);
	return true;
}

static long parse_int(struct parser *ps, const char *what)
{
	if (ps->t.kind != T_NUM || ps->t.num < 1 || ps->t.num != floor(ps->t.num) ||
	    ps->t.num > 1e12) {
		perr(ps, ps->t.col, "expected a positive whole number after '%s'", what);
		return -1;
	}
	long v = (long)ps->t.num;
	next(ps);
	return v;
}

int ag_evq_parse(struct ag_evq *q, const char *text, struct ag_diags *d)
{
	struct parser ps = {q, text, text, AG_EVQ_CODE_QUERY, {0}, d, 0};
	next(&ps);
	char b[64];
	bool have_compute = false;
	while (!ps.rc && ps.t.kind != T_END) {
		struct tok kw = ps.t;
		if (is_kw(&kw, "where")) {
			next(&ps);
			struct ag_evq_expr *e = parse_or(&ps);
			if (!e)
				break;
			if (q->where) {
				struct ag_evq_expr *both = new_expr(&ps, E_AND);
				if (!both)
					break;
				both->a = q->where;
				both->b = e;
				e = both;
			}
			q->where = e;
		} else if (is_kw(&kw, "by")) {
			next(&ps);
			for (;;) {
				if (q->nkeys == AG_EVQ_MAX_KEYS) {
					perr(&ps, ps.t.col, "at most %d group keys", AG_EVQ_MAX_KEYS);
					break;
				}
				struct ag_evq_key *k = &q->keys[q->nkeys];
				size_t nl = ps.t.n;
				const char *np = ps.t.p;
				bool lw = is_kw(&ps.t, "lower");
				k->field = parse_fieldref(&ps, &k->lower, "a field to group by");
				if (k->field < 0)
					break;
				k->name = lw ? q->fields.f[k->field].path
					     : ag_arena_strndup(&q->arena, np, nl);
				q->nkeys++;
				if (!is_punct(&ps.t, ","))
					break;
				next(&ps);
			}
			q->aggregate = true;
		} else if (is_kw(&kw, "every")) {
			next(&ps);
			if (ps.t.kind != T_DUR || ps.t.ns <= 0) {
				perr(&ps, ps.t.col, "expected a duration after 'every', like 1m or 5s");
				break;
			}
			q->every_ns = ps.t.ns;
			next(&ps);
			q->aggregate = true;
		} else if (is_kw(&kw, "compute") || is_kw(&kw, "select")) {
			next(&ps);
			for (;;) {
				if (parse_agg(&ps) < 0)
					break;
				if (!is_punct(&ps.t, ","))
					break;
				next(&ps);
			}
			have_compute = true;
			q->aggregate = true;
		} else if (is_kw(&kw, "top")) {
			next(&ps);
			long n = parse_int(&ps, "top");
			if (n < 0)
				break;
			q->top = n;
			q->sort_asc = false;
			if (is_kw(&ps.t, "by")) {
				next(&ps);
				int a = parse_agg(&ps);
				if (a < 0)
					break;
				q->sort_agg = a;
			} else if (q->sort_agg < 0) {
				q->sort_agg = -2; /* resolved below: the first aggregate */
			}
			if (is_kw(&ps.t, "asc")) {
				q->sort_asc = true;
				next(&ps);
			}
			q->aggregate = true;
		} else if (is_kw(&kw, "sort") || is_kw(&kw, "order")) {
			next(&ps);
			if (is_kw(&ps.t, "by"))
				next(&ps);
			int a = parse_agg(&ps);
			if (a < 0)
				break;
			q->sort_agg = a;
			q->sort_asc = true;
			if (is_kw(&ps.t, "desc")) {
				q->sort_asc = false;
				next(&ps);
			} else if (is_kw(&ps.t, "asc")) {
				next(&ps);
			}
			q->aggregate = true;
		} else if (is_kw(&kw, "since")) {
			next(&ps);
			if (!parse_time_lit(&ps, &q->since_ns, "since"))
				break;
			q->has_since = true;
		} else if (is_kw(&kw, "until")) {
			next(&ps);
			if (!parse_time_lit(&ps, &q->until_ns, "until"))
				break;
			q->has_until = true;
		} else if (is_kw(&kw, "limit")) {
			next(&ps);
			long n = parse_int(&ps, "limit");
			if (n < 0)
				break;
			q->limit = n;
		} else {
			perr(&ps, kw.col, "expected a clause (where, by, every, compute, top, sort, "
					  "since, until, limit), found %s", tok_desc(&kw, b, sizeof(b)));
			break;
		}
	}
	if (ps.rc)
		return ps.rc;
	if (q->aggregate && !have_compute && q->naggs == 0) {
		struct parser p2 = {q, "count", "count", AG_EVQ_CODE_QUERY, {0}, d, 0};
		next(&p2);
		if (parse_agg(&p2) < 0)
			return p2.rc ? p2.rc : AG_EPARSE;
	}
	if (q->aggregate && q->naggs == 0) {
		/* "compute" with only a top/sort aggregate: fine; nothing else to add */
	}
	if (q->sort_agg == -2)
		q->sort_agg = q->naggs ? 0 : -1;
	if (q->limit && q->aggregate)
		q->top = q->top ? q->top : q->limit;
	return 0;
}

static struct ag_evq_expr *parse_lone_expr(struct ag_evq *q, const char *expr,
					   const char *code, struct ag_diags *d, int *rc)
{
	struct parser ps = {q, expr, expr, code, {0}, d, 0};
	next(&ps);
	struct ag_evq_expr *e = parse_or(&ps);
	if (e && !ps.rc && ps.t.kind != T_END) {
		char b[64];
		perr(&ps, ps.t.col, "unexpected %s after the condition", tok_desc(&ps.t, b, sizeof(b)));
	}
	*rc = ps.rc;
	return ps.rc ? NULL : e;
}

int ag_evq_set_where(struct ag_evq *q, const char *expr, struct ag_diags *d)
{
	int rc;
	struct ag_evq_expr *e = parse_lone_expr(q, expr, AG_EVQ_CODE_WHERE, d, &rc);
	if (rc)
		return rc;
	if (q->where) {
		struct ag_evq_expr *both = ag_arena_alloc(&q->arena, sizeof(*both));
		if (!both)
			return AG_ENOMEM;
		both->kind = E_AND;
		both->a = q->where;
		both->b = e;
		e = both;
	}
	q->where = e;
	return 0;
}

/* The default predicate, field by field: what makes each an error. */
enum { X_WORD = 1, X_NUM50 = 2, X_SEV17 = 4, X_HTTP = 8, X_TWO = 16, X_OTEL = 32, X_TRUE = 64,
       X_FAIL = 128 };
static const struct {
	const char *name;
	unsigned tests;
} err_fields[AG_EVQ_NERR] = {
	{"level", X_WORD | X_NUM50}, {"Level", X_WORD}, {"lvl", X_WORD}, {"severity", X_WORD},
	{"levelname", X_WORD}, {"@l", X_WORD}, {"log.level", X_WORD}, {"Level.Name", X_WORD},
	{"severity_text", X_WORD}, {"severityText", X_WORD}, {"severityNumber", X_SEV17},
	{"severity_number", X_SEV17}, {"status", X_HTTP | X_FAIL}, {"status_code", X_HTTP},
	{"statusCode", X_HTTP}, {"http.status_code", X_HTTP},
	{"http.response.status_code", X_HTTP}, {"res.statusCode", X_HTTP},
	{"response.statusCode", X_HTTP}, {"status.code", X_TWO}, {"otel.status_code", X_OTEL},
	{"error", X_TRUE}, {"outcome", X_FAIL}, {"event.outcome", X_FAIL},
};

int ag_evq_set_errors(struct ag_evq *q, const char *expr, struct ag_diags *d)
{
	int rc;
	struct ag_evq_expr *e = parse_lone_expr(q, expr, AG_EVQ_CODE_ERRORS, d, &rc);
	if (rc)
		return rc;
	q->errors = e;
	q->errors_default = false;
	q->err_mask = 0;
	memset(q->err_tests, 0, sizeof(q->err_tests));
	if (e && !strcmp(expr, AG_EVQ_DEFAULT_ERRORS)) {
		q->errors_default = true;
		for (int i = 0; i < AG_EVQ_NERR; i++) {
			if ((q->err_f[i] = ag_ev_fields_find(&q->fields, err_fields[i].name,
							     strlen(err_fields[i].name))) < 0) {
				q->errors_default = false;
				continue;
			}
			q->err_mask |= (uint64_t)1 << q->err_f[i];
			q->err_tests[q->err_f[i]] |= (uint8_t)err_fields[i].tests;
		}
	}
	return 0;
}

int ag_evq_set_time_fields(struct ag_evq *q, const char *const *names, size_t n)
{
	static const char *const dflt[] = AG_EVQ_DEFAULT_TIME_FIELDS;
	if (!names) {
		names = dflt;
		n = sizeof(dflt) / sizeof(dflt[0]);
	}
	q->ntime = 0;
	for (size_t i = 0; i < n && q->ntime < AG_EVQ_MAX_TIME; i++) {
		char *c = ag_arena_strdup(&q->arena, names[i]);
		if (!c)
			return AG_ENOMEM;
		int f = ag_ev_fields_add(&q->fields, c, strlen(c));
		if (f < 0)
			return f;
		q->time_fields[q->ntime++] = f;
	}
	return 0;
}

int ag_evq_add_agg(struct ag_evq *q, const char *text, struct ag_diags *d)
{
	struct parser ps = {q, text, text, AG_EVQ_CODE_AGGREGATE, {0}, d, 0};
	next(&ps);
	int a = parse_agg(&ps);
	if (a >= 0 && ps.t.kind != T_END)
		return perr(&ps, ps.t.col, "unexpected text after the aggregate");
	q->aggregate = true;
	return a < 0 ? (ps.rc ? ps.rc : AG_EPARSE) : a;
}

int ag_evq_add_key(struct ag_evq *q, const char *field, struct ag_diags *d)
{
	struct parser ps = {q, field, field, AG_EVQ_CODE_BY, {0}, d, 0};
	if (q->nkeys == AG_EVQ_MAX_KEYS)
		return perr(&ps, 1, "at most %d group keys", AG_EVQ_MAX_KEYS);
	char *c = ag_arena_strdup(&q->arena, field);
	if (!c)
		return AG_ENOMEM;
	int f = add_field(&ps, c, strlen(c), 1);
	if (f < 0)
		return ps.rc ? ps.rc : f;
	q->keys[q->nkeys++] = (struct ag_evq_key){.field = f, .name = c, .logger = -1, .host = -1, .pid = -1};
	q->aggregate = true;
	return 0;
}

/* ---- evaluation --------------------------------------------------------------------- */

int ag_evq_scratch_fit(struct ag_evq_scratch *s, size_t line_len)
{
	size_t need = 2 * line_len + 64;
	if (need <= s->cap)
		return 0;
	size_t cap = s->cap ? s->cap : 4096;
	while (cap < need)
		cap *= 2;
	char *p = realloc(s->p, cap);
	if (!p)
		return AG_ENOMEM;
	s->p = p;
	s->cap = cap;
	return 0;
}

void ag_evq_scratch_release(struct ag_evq_scratch *s)
{
	free(s->p);
	s->p = NULL;
	s->cap = 0;
}

/* Resolves an operand to a value; strings come back decoded (esc false). */
static bool resolve(const struct operand *o, const struct ag_ev_val *vals, char *scratch,
		    struct ag_ev_val *out)
{
	if (o->kind == O_LIT) {
		*out = o->lit;
		return true;
	}
	const struct ag_ev_val *v = &vals[o->field];
	if (v->type == AG_EV_NONE)
		return false;
	*out = *v;
	if (v->type == AG_EV_STR && (v->esc || o->kind == O_LOWER)) {
		size_t n;
		const char *s = ag_ev_str(v, scratch, &n);
		if (o->kind == O_LOWER) {
			for (size_t i = 0; i < n; i++) {
				char c = s[i];
				scratch[i] = (c >= 'A' && c <= 'Z') ? (char)(c + 32) : c;
			}
			s = scratch;
		}
		out->p = s;
		out->n = n;
		out->esc = false;
	}
	return true;
}

static int cmp_bytes(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	return c ? c : an < bn ? -1 : an > bn;
}

static bool contains_ci(const char *h, size_t hn, const char *n, size_t nn)
{
	if (nn == 0)
		return true;
	for (size_t i = 0; i + nn <= hn; i++) {
		size_t k = 0;
		while (k < nn && tolower((unsigned char)h[i + k]) == tolower((unsigned char)n[k]))
			k++;
		if (k == nn)
			return true;
	}
	return false;
}

/* Three-way comparison of two present values; returns 2 when they are not
 * comparable. */
static int compare(const struct ag_ev_val *a, const struct ag_ev_val *b)
{
	if (a->type == AG_EV_NUM || b->type == AG_EV_NUM) {
		double x, y;
		if (!ag_ev_as_num(a, &x) || !ag_ev_as_num(b, &y))
			return 2;
		return x < y ? -1 : x > y ? 1 : x == y ? 0 : 2;
	}
	if (a->type == AG_EV_STR && b->type == AG_EV_STR)
		return cmp_bytes(a->p, a->n, b->p, b->n);
	bool ab = a->type == AG_EV_TRUE || a->type == AG_EV_FALSE;
	bool bb = b->type == AG_EV_TRUE || b->type == AG_EV_FALSE;
	if (ab && bb)
		return a->type == b->type ? 0 : a->type == AG_EV_TRUE ? 1 : -1;
	if (a->type == AG_EV_NULL && b->type == AG_EV_NULL)
		return 0;
	if ((a->type == AG_EV_OBJ || a->type == AG_EV_ARR) && a->type == b->type)
		return cmp_bytes(a->p, a->n, b->p, b->n) ? 2 : 0;
	return 2;
}

/* Equality only: cheaper than compare() for strings (length first). */
static inline bool equal(const struct ag_ev_val *a, const struct ag_ev_val *b)
{
	if (a->type == AG_EV_STR && b->type == AG_EV_STR)
		return a->n == b->n && (a->n == 0 || (a->p[0] == b->p[0] && !memcmp(a->p, b->p, a->n)));
	return compare(a, b) == 0;
}

static bool truthy(const struct ag_ev_val *v)
{
	switch (v->type) {
	case AG_EV_TRUE:
		return true;
	case AG_EV_NUM:
		return v->num != 0;
	case AG_EV_STR:
		return v->n != 0;
	case AG_EV_OBJ:
	case AG_EV_ARR:
		return true;
	default:
		return false;
	}
}

bool ag_evq_match(const struct ag_evq_expr *e, const struct ag_ev_val *vals,
		  struct ag_evq_scratch *s)
{
	if (!e)
		return true;
	struct ag_ev_val a, b;
	switch (e->kind) {
	case E_OR:
		/* chains are left-deep: walk the spine instead of recursing
		 * (conditions have no side effects, so the order is free) */
		for (; e->kind == E_OR; e = e->a)
			if (ag_evq_match(e->b, vals, s))
				return true;
		return ag_evq_match(e, vals, s);
	case E_AND:
		for (; e->kind == E_AND; e = e->a)
			if (!ag_evq_match(e->b, vals, s))
				return false;
		return ag_evq_match(e, vals, s);
	case E_NOT:
		return !ag_evq_match(e->a, vals, s);
	case E_EXISTS:
		return vals[e->l.field].type > AG_EV_NULL;
	case E_IN: {
		const struct ag_ev_val *fv = e->l.kind != O_LIT ? &vals[e->l.field] : NULL;
		if (fv && fv->type == AG_EV_NONE)
			return e->neg;
		if (fv && fv->type == AG_EV_STR && !fv->esc && e->strs_only) {
			/* no literal of this length: no need to decode or lowercase */
			bool len_ok = false;
			for (size_t i = 0; i < e->nlist && !len_ok; i++)
				len_ok = e->list[i].lit.n == fv->n;
			if (!len_ok)
				return e->neg;
		}
		if (!resolve(&e->l, vals, s->p, &a))
			return e->neg;
		for (size_t i = 0; i < e->nlist; i++)
			if (equal(&a, &e->list[i].lit))
				return !e->neg;
		return e->neg;
	}
	default:
		break;
	}
	if (!resolve(&e->l, vals, s->p, &a))
		return e->op == OP_NE;
	if (e->op < 0)
		return truthy(&a);
	if (!resolve(&e->r, vals, s->p + s->cap / 2, &b))
		return e->op == OP_NE;
	if (e->op == OP_CONTAINS) {
		if ((a.type != AG_EV_STR && a.type != AG_EV_NUM) ||
		    (b.type != AG_EV_STR && b.type != AG_EV_NUM))
			return false;
		return contains_ci(a.p, a.n, b.p, b.n);
	}
	if (e->op == OP_EQ)
		return equal(&a, &b);
	if (e->op == OP_NE)
		return !equal(&a, &b);
	int c = compare(&a, &b);
	switch (e->op) {
	case OP_LT: return c == -1;
	case OP_LE: return c == -1 || c == 0;
	case OP_GT: return c == 1;
	case OP_GE: return c == 1 || c == 0;
	}
	return false;
}

/* Whether the lowercased text is one of the words (a short list of short
 * words: compare by length first). */
static bool word_in(const char *s, size_t n, const char *const *words)
{
	for (; *words; words++) {
		const char *w = *words;
		size_t k = 0;
		while (k < n && w[k]) {
			char c = s[k];
			if ((c >= 'A' && c <= 'Z' ? (char)(c + 32) : c) != w[k])
				break;
			k++;
		}
		if (k == n && !w[k])
			return true;
	}
	return false;
}

static const char *const level_words[] = {"err", "error", "fatal", "panic", "crit", "critical",
					  "emerg", "emergency", "alert", "severe", NULL};
static const char *const fail_words[] = {"error", "failure", "failed", NULL};
static const char *const otel_words[] = {"error", "status_code_error", NULL};

static bool is_error_val(const struct ag_ev_val *v, unsigned tests, struct ag_evq_scratch *s)
{
	if (v->type == AG_EV_STR) {
		size_t n;
		const char *t = v->esc ? ag_ev_str(v, s->p, &n) : v->p;
		n = v->esc ? n : v->n;
		char c0 = n ? (char)(t[0] | 0x20) : 0;
		if ((tests & X_WORD) && n >= 3 && n <= 9 &&
		    (c0 == 'e' || c0 == 'f' || c0 == 'p' || c0 == 'c' || c0 == 'a' || c0 == 's') &&
		    word_in(t, n, level_words))
			return true;
		if ((tests & X_FAIL) && n >= 5 && n <= 7 && (c0 == 'e' || c0 == 'f') &&
		    word_in(t, n, fail_words))
			return true;
		if ((tests & X_OTEL) && n && (c0 == 'e' || c0 == 's') && word_in(t, n, otel_words))
			return true;
		if ((tests & X_TRUE) && n == 4 && !memcmp(t, "true", 4))
			return true;
		if (!(tests & (X_NUM50 | X_SEV17 | X_HTTP | X_TWO)) || !n ||
		    (t[0] != '-' && (unsigned)(t[0] - '0') > 9))
			return false;
		struct ag_ev_val sv = {t, n, 0, AG_EV_STR, false};
		double d;
		if (!ag_ev_as_num(&sv, &d))
			return false;
		sv.type = AG_EV_NUM;
		sv.num = d;
		return is_error_val(&sv, tests, s);
	}
	if (v->type == AG_EV_NUM) {
		double d = v->num;
		return ((tests & X_NUM50) && d >= 50) || ((tests & X_SEV17) && d >= 17) ||
		       ((tests & X_HTTP) && d >= 500 && d < 600) || ((tests & X_TWO) && d == 2);
	}
	return v->type == AG_EV_TRUE && (tests & X_TRUE);
}

bool ag_evq_is_error(const struct ag_evq *q, const struct ag_ev_val *vals,
		     struct ag_evq_scratch *s)
{
	if (!q->errors_default)
		return ag_evq_match(q->errors, vals, s);
	for (int i = 0; i < AG_EVQ_NERR; i++) {
		const struct ag_ev_val *v = &vals[q->err_f[i]];
		if (v->type >= AG_EV_TRUE && is_error_val(v, err_fields[i].tests, s))
			return true;
	}
	return false;
}

bool ag_evq_is_error_in(const struct ag_evq *q, const struct ag_ev_val *vals, uint64_t set,
			struct ag_evq_scratch *s)
{
	if (!q->errors_default)
		return ag_evq_match(q->errors, vals, s);
	/* an or of tests per field: the fields present, in any order, with
	 * the tests of every entry that names them (is_error_val ors them) */
	for (uint64_t m = set & q->err_mask; m; m &= m - 1) {
		const struct ag_ev_val *v = &vals[__builtin_ctzll(m)];
		if (v->type >= AG_EV_TRUE && is_error_val(v, q->err_tests[__builtin_ctzll(m)], s))
			return true;
	}
	return false;
}

bool ag_evq_time(const struct ag_evq *q, const struct ag_ev_val *vals, int64_t *ns)
{
	for (size_t i = 0; i < q->ntime; i++) {
		const struct ag_ev_val *v = &vals[q->time_fields[i]];
		if (v->type != AG_EV_NONE && ag_ev_time_ns(v, ns))
			return true;
	}
	return false;
}

bool ag_evq_in_range(const struct ag_evq *q, const struct ag_ev_val *vals)
{
	if (!q->has_since && !q->has_until)
		return true;
	int64_t t;
	if (!ag_evq_time(q, vals, &t))
		return false;
	return (!q->has_since || t >= q->since_ns) && (!q->has_until || t < q->until_ns);
}

bool ag_evq_parse_duration(const char *s, size_t n, int64_t *ns)
{
	char buf[64];
	if (n == 0 || n >= sizeof(buf))
		return false;
	memcpy(buf, s, n);
	buf[n] = '\0';
	char *e;
	double v = strtod(buf, &e);
	if (e == buf || v < 0)
		return false;
	static const struct {
		const char *u;
		double mul;
	} units[] = {{"ns", 1}, {"us", 1e3}, {"ms", 1e6}, {"s", 1e9}, {"m", 60e9},
		     {"h", 3600e9}, {"d", 86400e9}};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (!strcmp(e, units[i].u)) {
			double r = v * units[i].mul;
			if (r > 9e18)
				return false;
			*ns = (int64_t)r;
			return true;
		}
	return false;
}

/* ---- services and durations ------------------------------------------------------- */

int ag_evq_add_service_key(struct ag_evq *q, struct ag_diags *d)
{
	int rc = ag_evq_add_key(q, "service", d);
	if (rc)
		return rc;
	struct ag_evq_key *k = &q->keys[q->nkeys - 1];
	static const char *const alts[] = {"service.name", "serviceName", "service_name", "app",
					   "application", "Application"};
	for (size_t i = 0; i < sizeof(alts) / sizeof(alts[0]); i++) {
		int f = ag_ev_fields_add(&q->fields, alts[i], strlen(alts[i]));
		if (f < 0)
			return f;
		k->alt[k->nalt++] = f;
	}
	if ((k->logger = ag_ev_fields_add(&q->fields, "name", 4)) < 0 ||
	    (k->host = ag_ev_fields_add(&q->fields, "hostname", 8)) < 0 ||
	    (k->pid = ag_ev_fields_add(&q->fields, "pid", 3)) < 0)
		return AG_ELIMIT;
	return 0;
}

const struct ag_ev_val *ag_evq_key_val(const struct ag_evq *q, size_t i,
				       const struct ag_ev_val *vals)
{
	const struct ag_evq_key *k = &q->keys[i];
	const struct ag_ev_val *v = &vals[k->field];
	if (!k->nalt || v->type == AG_EV_STR)
		return v;
	for (size_t a = 0; a < k->nalt; a++)
		if (vals[k->alt[a]].type == AG_EV_STR)
			return &vals[k->alt[a]];
	if (vals[k->logger].type == AG_EV_STR && vals[k->host].type != AG_EV_NONE &&
	    vals[k->pid].type != AG_EV_NONE)
		return &vals[k->logger];
	return v->type == AG_EV_NONE ? v : &vals[k->alt[0]]; /* none, or the object */
}

static const struct {
	const char *u;
	double ms;
} units[] = {{"ns", 1e-6}, {"us", 1e-3}, {"\xc2\xb5s", 1e-3}, {"\xce\xbcs", 1e-3}, {"ms", 1},
	     {"s", 1e3}, {"m", 60e3}, {"min", 60e3}, {"h", 3600e3}};

bool ag_evq_unit_ms(const char *s, size_t n, double *ms)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	size_t b = i;
	if (i < n && s[i] == '-')
		i++;
	while (i < n && ((unsigned)(s[i] - '0') <= 9 || s[i] == '.'))
		i++;
	if (i == b || i - b > 40)
		return false;
	struct ag_ev_val v = {s + b, i - b, 0, AG_EV_STR, false};
	double d;
	if (!ag_ev_as_num(&v, &d))
		return false;
	while (i < n && s[i] == ' ')
		i++;
	size_t e = n;
	while (e > i && s[e - 1] == ' ')
		e--;
	for (size_t k = 0; k < sizeof(units) / sizeof(units[0]); k++)
		if (strlen(units[k].u) == e - i && !memcmp(s + i, units[k].u, e - i)) {
			*ms = d * units[k].ms;
			return true;
		}
	return false;
}

int ag_evq_duration_field(const char *spec, char *field, size_t cap, double *mul)
{
	const char *colon = strrchr(spec, ':');
	*mul = 1;
	size_t n = strlen(spec);
	if (colon) {
		const char *u = colon + 1;
		static const struct {
			const char *u;
			double ms;
		} known[] = {{"ns", 1e-6}, {"us", 1e-3}, {"ms", 1}, {"s", 1e3}};
		bool ok = false;
		for (size_t k = 0; k < 4 && !ok; k++)
			if (!strcmp(u, known[k].u)) {
				*mul = known[k].ms;
				ok = true;
			}
		if (!ok)
			return AG_EINVAL;
		n = (size_t)(colon - spec);
	}
	if (!n || n >= cap)
		return AG_EINVAL;
	memcpy(field, spec, n);
	field[n] = '\0';
	return 0;
}

int ag_evq_set_unit(struct ag_evq *q, const char *field, double mul, bool known_chain)
{
	int f = ag_ev_fields_find(&q->fields, field, strlen(field));
	if (f < 0 || q->nnums >= sizeof(q->nums) / sizeof(q->nums[0]))
		return AG_EINVAL;
	struct ag_evq_num *nm = &q->nums[q->nnums];
	memset(nm, 0, sizeof(*nm));
	nm->field = f;
	nm->mul = mul;
	if (known_chain) {
		/* the latency fields of the common loggers, in their units */
		static const struct {
			const char *name;
			double ms;
		} chain[] = {{"event.duration", 1e-6}, {"durationMs", 1}, {"duration", 1},
			     {"elapsed_ms", 1},        {"latency_ms", 1}, {"response_time_ms", 1},
			     {"responseTime", 1},      {"latency", 1},    {"request_time", 1e3},
			     {"Duration", 1e-6}};
		for (size_t i = 0; i < sizeof(chain) / sizeof(chain[0]); i++) {
			char *c = ag_arena_strdup(&q->arena, chain[i].name);
			int a = c ? ag_ev_fields_add(&q->fields, c, strlen(c)) : AG_ENOMEM;
			if (a < 0)
				return a;
			nm->alt[nm->nalt] = a;
			nm->amul[nm->nalt++] = chain[i].ms;
		}
	}
	for (size_t s = 0; s < q->nslots; s++)
		if (q->slot_field[s] == f)
			q->slot_num[s] = (int)q->nnums + 1;
	q->nnums++;
	return 0;
}

static bool num_in(const struct ag_ev_val *v, double mul, double *out)
{
	if (v->type == AG_EV_NUM) {
		*out = v->num * mul;
		return true;
	}
	if (v->type != AG_EV_STR || v->esc)
		return false;
	if (ag_ev_as_num(v, out)) {
		*out *= mul;
		return true;
	}
	return ag_evq_unit_ms(v->p, v->n, out);
}

bool ag_evq_slot_value(const struct ag_evq *q, size_t slot, const struct ag_ev_val *vals,
		       double *out)
{
	const struct ag_ev_val *v = &vals[q->slot_field[slot]];
	if (!q->slot_num[slot]) {
		if (v->type == AG_EV_NUM) {
			*out = v->num;
			return true;
		}
		return ag_ev_as_num(v, out) && *out == *out;
	}
	const struct ag_evq_num *nm = &q->nums[q->slot_num[slot] - 1];
	if (v->type != AG_EV_NONE && num_in(v, nm->mul, out))
		return *out == *out;
	for (size_t a = 0; a < nm->nalt; a++) {
		const struct ag_ev_val *x = &vals[nm->alt[a]];
		if (x->type != AG_EV_NONE && num_in(x, nm->amul[a], out))
			return *out == *out;
	}
	return false;
}
