/*
 * metrics.c - the exposition checks of metrics.h.
 *
 * Two passes: the first reads every line into a sample or a metadata entry
 * and assigns each sample to its family (the family its # TYPE named when
 * the name matches with one of the type's suffixes, else a family of its
 * own name, untyped); the second checks families, series and histograms.
 * Series are deduplicated through an open-addressing set of their
 * canonical keys (name, then the labels sorted by name), so a scrape of
 * 500,000 samples costs one pass and one hash each.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
#include "base/buf.h"
#include "metrics.h"

int ag_probe_add(struct ag_probe_findings *f, const char *rule, enum ag_severity sev, int line,
		 int col, const char *fmt, ...)
{
	if (f->n >= AG_METRICS_MAX_FINDINGS) {
		f->dropped++;
		return 0;
	}
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	struct ag_probe_finding *v = ag_array_grow(f->v, &f->alloc, f->n + 1, sizeof(*v), 32);
	char *m = strdup(msg);
	if (!v || !m) {
		free(m);
		return AG_ENOMEM;
	}
	f->v = v;
	f->v[f->n++] = (struct ag_probe_finding){rule, sev, m, line, col};
	return 0;
}

void ag_probe_findings_release(struct ag_probe_findings *f)
{
	for (size_t i = 0; i < f->n; i++)
		free(f->v[i].message);
	free(f->v);
	memset(f, 0, sizeof(*f));
}

size_t ag_probe_count(const struct ag_probe_findings *f, enum ag_severity sev)
{
	size_t n = 0;
	for (size_t i = 0; i < f->n; i++)
		n += f->v[i].sev == sev;
	return n;
}

enum mtype {
	M_UNTYPED, /* no # TYPE */
	M_COUNTER, M_GAUGE, M_HISTOGRAM, M_SUMMARY, M_UNKNOWN, M_GAUGEHISTOGRAM, M_STATESET,
	M_INFO,
};
static const char *const mtype_names[] = {"untyped", "counter", "gauge", "histogram",
					  "summary", "unknown", "gaugehistogram", "stateset",
					  "info"};

struct family {
	const char *name;
	size_t len;
	enum mtype type;
	bool typed;          /* a # TYPE line named it */
	int help_line, type_line, unit_line, first_line;
	const char *unit;
	size_t unit_len;
	size_t nsamples;
	size_t s_first, s_last; /* indexes of its first and last samples */
	bool closed;         /* another family came after it */
	bool split_said;
};

struct sample {
	const char *name;
	size_t len;
	char *key;           /* name \0-free canonical: name{a="1",b="2"} (owned) */
	char *group;         /* the labels without le (owned), for histograms */
	double value;
	double le, quantile;
	bool has_le, has_quantile, bad_le;
	int line;
	size_t fam;
};

struct M {
	bool om;
	struct ag_probe_findings *out;
	int err;
	struct family *fam;
	size_t nfam, fam_alloc;
	struct sample *s;
	size_t ns, s_alloc;
	size_t cur;          /* current family, or (size_t)-1 */
};

static void find(struct M *M, const char *rule, enum ag_severity sev, int line, int col,
		 const char *fmt, ...) __attribute__((format(printf, 6, 7)));
static void find(struct M *M, const char *rule, enum ag_severity sev, int line, int col,
		 const char *fmt, ...)
{
	if (M->err)
		return;
	char msg[1024];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	if (ag_probe_add(M->out, rule, sev, line, col, "%s", msg))
		M->err = AG_ENOMEM;
}

static bool name_start(char c, bool colon)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || (colon && c == ':');
}

static bool name_char(char c, bool colon)
{
	return name_start(c, colon) || (c >= '0' && c <= '9');
}

static size_t name_len(const char *p, const char *end, bool colon)
{
	if (p >= end || !name_start(*p, colon))
		return 0;
	size_t n = 1;
	while (p + n < end && name_char(p[n], colon))
		n++;
	return n;
}

static bool ends_with(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !memcmp(s + n - k, suf, k);
}

/* The suffixes a sample of a family of type `t` may add to its name. */
static const char *const *suffixes(enum mtype t, bool om)
{
	static const char *const none[] = {NULL};
	static const char *const hist[] = {"_bucket", "_sum", "_count", NULL};
	static const char *const hist_om[] = {"_bucket", "_sum", "_count", "_created", NULL};
	static const char *const ghist[] = {"_bucket", "_gsum", "_gcount", NULL};
	static const char *const summ[] = {"_sum", "_count", NULL};
	static const char *const summ_om[] = {"_sum", "_count", "_created", NULL};
	static const char *const ctr_om[] = {"_total", "_created", NULL};
	static const char *const info[] = {"_info", NULL};
	switch (t) {
	case M_HISTOGRAM:
		return om ? hist_om : hist;
	case M_GAUGEHISTOGRAM:
		return ghist;
	case M_SUMMARY:
		return om ? summ_om : summ;
	case M_COUNTER:
		return om ? ctr_om : none;
	case M_INFO:
		return info;
	default:
		return none;
	}
}

/* Whether sample name (s, n) belongs to family f; *suf is the suffix ("" for
 * the bare name). */
static bool belongs(const struct M *M, const struct family *f, const char *s, size_t n,
		    const char **suf)
{
	if (n == f->len && !memcmp(s, f->name, n)) {
		*suf = "";
		return true;
	}
	if (n <= f->len || memcmp(s, f->name, f->len))
		return false;
	for (const char *const *x = suffixes(f->type, M->om); *x; x++)
		if (n - f->len == strlen(*x) && !memcmp(s + f->len, *x, n - f->len)) {
			*suf = *x;
			return true;
		}
	return false;
}

static size_t family_named(struct M *M, const char *s, size_t n)
{
	for (size_t i = M->nfam; i > 0; i--)
		if (M->fam[i - 1].len == n && !memcmp(M->fam[i - 1].name, s, n))
			return i - 1;
	return (size_t)-1;
}

static size_t new_family(struct M *M, const char *s, size_t n, int line)
{
	struct family *v = ag_array_grow(M->fam, &M->fam_alloc, M->nfam + 1, sizeof(*v), 64);
	if (!v) {
		M->err = AG_ENOMEM;
		return (size_t)-1;
	}
	M->fam = v;
	memset(&v[M->nfam], 0, sizeof(*v));
	v[M->nfam].name = s;
	v[M->nfam].len = n;
	v[M->nfam].first_line = line;
	return M->nfam++;
}

static void make_current(struct M *M, size_t f)
{
	if (M->cur != (size_t)-1 && M->cur != f)
		M->fam[M->cur].closed = true;
	M->cur = f;
}

/* ---- metadata lines ---------------------------------------------------------------- */

static void meta_line(struct M *M, const char *p, const char *end, int line)
{
	/* "# KEYWORD name rest" */
	const char *q = p + 1;
	if (q < end && *q == ' ')
		q++;
	else {
		if (M->om)
			find(M, "metrics-syntax", AG_SEV_ERROR, line, 1,
			     "OpenMetrics comments are '# HELP', '# TYPE', '# UNIT' or '# EOF'");
		return;
	}
	const char *kw = q;
	while (q < end && *q != ' ')
		q++;
	size_t kl = (size_t)(q - kw);
	enum { K_HELP, K_TYPE, K_UNIT, K_OTHER } k = K_OTHER;
	if (kl == 4 && !memcmp(kw, "HELP", 4))
		k = K_HELP;
	else if (kl == 4 && !memcmp(kw, "TYPE", 4))
		k = K_TYPE;
	else if (kl == 4 && !memcmp(kw, "UNIT", 4) && M->om)
		k = K_UNIT;
	if (k == K_OTHER) {
		if (M->om)
			find(M, "metrics-syntax", AG_SEV_ERROR, line, 1,
			     "OpenMetrics comments are '# HELP', '# TYPE', '# UNIT' or '# EOF', "
			     "not '# %.*s'", (int)(kl > 40 ? 40 : kl), kw);
		return; /* a free comment of the text format */
	}
	if (q < end)
		q++;
	const char *name = q;
	size_t nl = name_len(q, end, true);
	if (!nl || (name + nl < end && name[nl] != ' ')) {
		find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(name - p) + 1,
		     "# %.*s names no valid metric (names are [a-zA-Z_:][a-zA-Z0-9_:]*)", (int)kl, kw);
		return;
	}
	q = name + nl;
	const char *rest = q < end ? q + 1 : end;
	size_t rl = (size_t)(end - rest);
	size_t f = family_named(M, name, nl);
	if (f == (size_t)-1) {
		if ((f = new_family(M, name, nl, line)) == (size_t)-1)
			return;
	} else if (f != M->cur && M->fam[f].closed && !M->fam[f].split_said) {
		M->fam[f].split_said = true;
		find(M, "metrics-split", AG_SEV_ERROR, line, 1,
		     "'%.*s' continues here after other families (it began at line %d); a "
		     "family's lines must be together", (int)nl, name, M->fam[f].first_line);
	}
	make_current(M, f);
	struct family *F = &M->fam[f];
	if (k == K_HELP) {
		if (F->help_line)
			find(M, "metrics-duplicate", AG_SEV_ERROR, line, 1,
			     "second # HELP for '%.*s' (the first is at line %d)", (int)nl, name,
			     F->help_line);
		else
			F->help_line = line;
		return;
	}
	if (k == K_UNIT) {
		if (F->unit_line)
			find(M, "metrics-duplicate", AG_SEV_ERROR, line, 1,
			     "second # UNIT for '%.*s' (the first is at line %d)", (int)nl, name,
			     F->unit_line);
		F->unit_line = line;
		F->unit = rest;
		F->unit_len = rl;
		return;
	}
	if (F->type_line) {
		find(M, "metrics-duplicate", AG_SEV_ERROR, line, 1,
		     "second # TYPE for '%.*s' (the first is at line %d)", (int)nl, name,
		     F->type_line);
		return;
	}
	F->type_line = line;
	int t = -1;
	for (int i = 0; i < (int)(sizeof(mtype_names) / sizeof(mtype_names[0])); i++)
		if (strlen(mtype_names[i]) == rl && !memcmp(rest, mtype_names[i], rl))
			t = i;
	/* untyped is the text format's word, unknown and the rest OpenMetrics' */
	if ((t == M_UNTYPED && M->om) || (t >= M_UNKNOWN && !M->om))
		t = -1;
	if (t < 0) {
		find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(rest - p) + 1,
		     "'%.*s' is not a metric type of %s", (int)(rl > 40 ? 40 : rl), rest,
		     M->om ? "OpenMetrics (counter, gauge, histogram, gaugehistogram, summary, "
			     "info, stateset, unknown)"
			   : "the text format (counter, gauge, histogram, summary, untyped)");
		return;
	}
	F->type = (enum mtype)t;
	F->typed = true;
	if (F->nsamples)
		find(M, "metrics-type", AG_SEV_ERROR, line, 1,
		     "# TYPE for '%.*s' comes after its samples (line %d); it must come before "
		     "them", (int)nl, name, F->first_line);
}

/* ---- samples ----------------------------------------------------------------------- */

struct label {
	const char *name;
	size_t nl;
	const char *val; /* raw, escapes kept */
	size_t vl;
};

static int label_cmp(const void *a, const void *b)
{
	const struct label *x = a, *y = b;
	size_t n = x->nl < y->nl ? x->nl : y->nl;
	int c = memcmp(x->name, y->name, n);
	return c ? c : (x->nl > y->nl) - (x->nl < y->nl);
}

static bool parse_double(const char *p, size_t n, double *out)
{
	char tmp[64];
	if (!n || n >= sizeof(tmp))
		return false;
	memcpy(tmp, p, n);
	tmp[n] = '\0';
	char *e;
	*out = strtod(tmp, &e);
	return *e == '\0';
}

#define MAX_LABELS 128

static char *canonical(const char *name, size_t nl, struct label *lab, size_t n, bool skip_le)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_add(&b, name, nl);
	size_t shown = 0;
	for (size_t i = 0; i < n; i++)
		shown += !(skip_le && lab[i].nl == 2 && !memcmp(lab[i].name, "le", 2));
	if (shown)
		ag_buf_addc(&b, '{');
	bool first = true;
	for (size_t i = 0; i < n; i++) {
		if (skip_le && lab[i].nl == 2 && !memcmp(lab[i].name, "le", 2))
			continue;
		if (!first)
			ag_buf_addc(&b, ',');
		first = false;
		ag_buf_add(&b, lab[i].name, lab[i].nl);
		ag_buf_add(&b, "=\"", 2);
		ag_buf_add(&b, lab[i].val, lab[i].vl);
		ag_buf_addc(&b, '"');
	}
	if (shown)
		ag_buf_addc(&b, '}');
	ag_buf_addc(&b, '\0');
	if (b.err) {
		ag_buf_release(&b);
		return NULL;
	}
	return b.data;
}

static void sample_line(struct M *M, const char *p, const char *end, int line)
{
	size_t nl = name_len(p, end, true);
	if (!nl) {
		find(M, "metrics-syntax", AG_SEV_ERROR, line, 1,
		     "not a sample: a metric name ([a-zA-Z_:][a-zA-Z0-9_:]*) must start the line");
		return;
	}
	if (M->ns >= AG_METRICS_MAX_SAMPLES) {
		if (M->ns == AG_METRICS_MAX_SAMPLES)
			find(M, "metrics-syntax", AG_SEV_ERROR, line, 1,
			     "more than %zu samples; the rest is not checked", AG_METRICS_MAX_SAMPLES);
		M->ns++;
		return;
	}
	const char *q = p + nl;
	struct label lab[MAX_LABELS];
	size_t nlab = 0;
	if (q < end && *q == '{') {
		q++;
		for (;;) {
			while (q < end && *q == ' ')
				q++;
			if (q < end && *q == '}') {
				q++;
				break;
			}
			size_t ll = name_len(q, end, false);
			if (!ll) {
				find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(q - p) + 1,
				     "expected a label name ([a-zA-Z_][a-zA-Z0-9_]*) or '}'");
				return;
			}
			const char *ln = q;
			q += ll;
			if (q + 1 >= end || *q != '=' || q[1] != '"') {
				find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(q - p) + 1,
				     "expected '=\"' after label '%.*s'", (int)ll, ln);
				return;
			}
			q += 2;
			const char *v = q;
			while (q < end && *q != '"') {
				if (*q == '\\') {
					if (q + 1 >= end || (q[1] != '\\' && q[1] != '"' && q[1] != 'n')) {
						find(M, "metrics-syntax", AG_SEV_ERROR, line,
						     (int)(q - p) + 1,
						     "a label value escapes only \\\\, \\\" and \\n");
						return;
					}
					q++;
				}
				q++;
			}
			if (q >= end) {
				find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(v - p),
				     "label '%.*s' has an unterminated value", (int)ll, ln);
				return;
			}
			if (nlab >= MAX_LABELS) {
				find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(ln - p) + 1,
				     "more than %d labels", MAX_LABELS);
				return;
			}
			if (ll >= 2 && ln[0] == '_' && ln[1] == '_')
				find(M, "metrics-name", AG_SEV_ERROR, line, (int)(ln - p) + 1,
				     "label '%.*s': names beginning with __ are reserved for Prometheus",
				     (int)ll, ln);
			lab[nlab++] = (struct label){ln, ll, v, (size_t)(q - v)};
			q++;
			while (q < end && *q == ' ')
				q++;
			if (q < end && *q == ',') {
				q++;
				continue;
			}
			if (q < end && *q == '}') {
				q++;
				break;
			}
			find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(q - p) + 1,
			     "expected ',' or '}' after a label value");
			return;
		}
	}
	if (q >= end || *q != ' ') {
		find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(q - p) + 1,
		     "expected a space and the value after '%.*s'", (int)nl, p);
		return;
	}
	while (q < end && *q == ' ')
		q++;
	const char *v = q;
	while (q < end && *q != ' ')
		q++;
	double value;
	if (!parse_double(v, (size_t)(q - v), &value)) {
		find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(v - p) + 1,
		     "'%.*s' is not a number (a float, NaN, +Inf or -Inf)",
		     (int)((size_t)(q - v) > 40 ? 40 : (size_t)(q - v)), v);
		return;
	}
	/* a timestamp, and in OpenMetrics an exemplar after " # ": not checked */
	if (q < end) {
		while (q < end && *q == ' ')
			q++;
		if (q < end && *q != '#') {
			const char *t = q;
			while (q < end && *q != ' ')
				q++;
			double ts;
			if (!parse_double(t, (size_t)(q - t), &ts))
				find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(t - p) + 1,
				     "'%.*s' is not a timestamp",
				     (int)((size_t)(q - t) > 40 ? 40 : (size_t)(q - t)), t);
		} else if (q < end && !M->om) {
			find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(q - p) + 1,
			     "exemplars (' # {...}') are OpenMetrics only");
		}
	}
	qsort(lab, nlab, sizeof(lab[0]), label_cmp);
	for (size_t i = 1; i < nlab; i++)
		if (!label_cmp(&lab[i - 1], &lab[i]))
			find(M, "metrics-syntax", AG_SEV_ERROR, line, (int)(lab[i].name - p) + 1,
			     "label '%.*s' is given twice", (int)lab[i].nl, lab[i].name);
	/* its family */
	size_t f = (size_t)-1;
	const char *suf = "";
	if (M->cur != (size_t)-1 && belongs(M, &M->fam[M->cur], p, nl, &suf)) {
		f = M->cur;
	} else {
		for (size_t i = M->nfam; i > 0 && f == (size_t)-1; i--)
			if (M->fam[i - 1].typed && belongs(M, &M->fam[i - 1], p, nl, &suf))
				f = i - 1;
		if (f == (size_t)-1)
			f = family_named(M, p, nl);
		if (f == (size_t)-1) {
			if ((f = new_family(M, p, nl, line)) == (size_t)-1)
				return;
		} else if (M->fam[f].closed && !M->fam[f].split_said) {
			M->fam[f].split_said = true;
			find(M, "metrics-split", AG_SEV_ERROR, line, 1,
			     "'%.*s' continues here after other families (it began at line %d); a "
			     "family's lines must be together", (int)M->fam[f].len, M->fam[f].name,
			     M->fam[f].first_line);
		}
		make_current(M, f);
	}
	struct family *F = &M->fam[f];
	if (!F->nsamples && F->first_line > line)
		F->first_line = line;
	if (!F->nsamples)
		F->s_first = M->ns;
	F->s_last = M->ns;
	F->nsamples++;
	struct sample *sv = ag_array_grow(M->s, &M->s_alloc, M->ns + 1, sizeof(*sv), 256);
	if (!sv) {
		M->err = AG_ENOMEM;
		return;
	}
	M->s = sv;
	struct sample *s = &sv[M->ns];
	memset(s, 0, sizeof(*s));
	s->name = p;
	s->len = nl;
	s->value = value;
	s->line = line;
	s->fam = f;
	for (size_t i = 0; i < nlab; i++) {
		if (lab[i].nl == 2 && !memcmp(lab[i].name, "le", 2)) {
			s->has_le = true;
			s->bad_le = !parse_double(lab[i].val, lab[i].vl, &s->le);
		} else if (lab[i].nl == 8 && !memcmp(lab[i].name, "quantile", 8)) {
			s->has_quantile = true;
			if (!parse_double(lab[i].val, lab[i].vl, &s->quantile))
				s->quantile = NAN;
		}
	}
	s->key = canonical(p, nl, lab, nlab, false);
	s->group = canonical("", 0, lab, nlab, true);
	if (!s->key || !s->group) {
		free(s->key);
		free(s->group);
		M->err = AG_ENOMEM;
		return;
	}
	M->ns++;
	(void)suf;
}

/* ---- checks ------------------------------------------------------------------------- */

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ull;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ull;
	return h;
}

static void check_series(struct M *M)
{
	size_t cap = 16;
	while (cap < M->ns * 2)
		cap <<= 1;
	size_t *set = malloc(cap * sizeof(*set));
	if (!set) {
		M->err = AG_ENOMEM;
		return;
	}
	for (size_t i = 0; i < cap; i++)
		set[i] = (size_t)-1;
	for (size_t i = 0; i < M->ns && i < AG_METRICS_MAX_SAMPLES; i++) {
		size_t h = hash_str(M->s[i].key) & (cap - 1);
		for (;;) {
			if (set[h] == (size_t)-1) {
				set[h] = i;
				break;
			}
			if (!strcmp(M->s[set[h]].key, M->s[i].key)) {
				find(M, "metrics-duplicate", AG_SEV_ERROR, M->s[i].line, 1,
				     "series %.300s is exposed twice (first at line %d)", M->s[i].key,
				     M->s[set[h]].line);
				break;
			}
			h = (h + 1) & (cap - 1);
		}
	}
	free(set);
}

struct hgroup {
	const char *labels;
	int first_line;
	double last_le, last_val, inf_val, count;
	bool any, has_inf, has_count;
	int count_line;
};

static void check_histogram(struct M *M, size_t f, size_t from, size_t to)
{
	const struct family *F = &M->fam[f];
	struct hgroup *g = NULL;
	size_t ng = 0, galloc = 0;
	for (size_t i = from; i < to && !M->err; i++) {
		const struct sample *s = &M->s[i];
		if (s->fam != f)
			continue;
		bool bucket = ends_with(s->name, s->len, "_bucket") && s->len == F->len + 7;
		bool count = s->len == F->len + (F->type == M_GAUGEHISTOGRAM ? 7 : 6) &&
			     ends_with(s->name, s->len, F->type == M_GAUGEHISTOGRAM ? "_gcount" : "_count");
		if (s->len == F->len) {
			find(M, "metrics-histogram", AG_SEV_ERROR, s->line, 1,
			     "a histogram's samples are %.*s_bucket, _sum and _count, not the bare name",
			     (int)F->len, F->name);
			continue;
		}
		if (!bucket && !count)
			continue;
		size_t k = 0;
		while (k < ng && strcmp(g[k].labels, s->group))
			k++;
		if (k == ng) {
			struct hgroup *v = ag_array_grow(g, &galloc, ng + 1, sizeof(*g), 8);
			if (!v) {
				M->err = AG_ENOMEM;
				break;
			}
			g = v;
			memset(&g[ng], 0, sizeof(*g));
			g[ng].labels = s->group;
			g[ng].first_line = s->line;
			ng++;
		}
		struct hgroup *G = &g[k];
		if (count) {
			G->has_count = true;
			G->count = s->value;
			G->count_line = s->line;
			continue;
		}
		if (!s->has_le || s->bad_le) {
			find(M, "metrics-histogram", AG_SEV_ERROR, s->line, 1,
			     s->has_le ? "bucket's le is not a number" : "bucket without an le label");
			continue;
		}
		if (G->any && !(s->le > G->last_le))
			find(M, "metrics-histogram", AG_SEV_ERROR, s->line, 1,
			     "bucket le=%g of %.*s%s comes after le=%g; buckets ascend by le", s->le,
			     (int)F->len, F->name, G->labels, G->last_le);
		else if (G->any && s->value < G->last_val)
			find(M, "metrics-histogram", AG_SEV_ERROR, s->line, 1,
			     "bucket le=%g of %.*s%s counts %g, less than le=%g's %g; buckets are "
			     "cumulative", s->le, (int)F->len, F->name, G->labels, s->value,
			     G->last_le, G->last_val);
		G->any = true;
		G->last_le = s->le;
		G->last_val = s->value;
		if (isinf(s->le) && s->le > 0) {
			G->has_inf = true;
			G->inf_val = s->value;
		}
	}
	for (size_t k = 0; k < ng && !M->err; k++) {
		if (g[k].any && !g[k].has_inf)
			find(M, "metrics-histogram", AG_SEV_ERROR, g[k].first_line, 1,
			     "%.*s%s has no le=\"+Inf\" bucket; without it the histogram has no total",
			     (int)F->len, F->name, g[k].labels);
		else if (!g[k].any && g[k].has_count)
			find(M, "metrics-histogram", AG_SEV_ERROR, g[k].count_line, 1,
			     "%.*s%s has a count but no buckets", (int)F->len, F->name, g[k].labels);
		if (g[k].has_inf && g[k].has_count && g[k].count != g[k].inf_val)
			find(M, "metrics-histogram", AG_SEV_ERROR, g[k].count_line, 1,
			     "%.*s_count%s is %g but its +Inf bucket is %g; they must be equal",
			     (int)F->len, F->name, g[k].labels, g[k].count, g[k].inf_val);
	}
	free(g);
}

static bool has_token(const char *s, size_t n, const char *tok)
{
	size_t k = strlen(tok);
	for (size_t i = 0; i + k <= n; i++)
		if ((i == 0 || s[i - 1] == '_') && !memcmp(s + i, tok, k) &&
		    (i + k == n || s[i + k] == '_'))
			return true;
	return false;
}

static void check_names(struct M *M, const struct family *F, int line)
{
	for (size_t i = 1; i < F->len; i++)
		if (F->name[i - 1] >= 'a' && F->name[i - 1] <= 'z' && F->name[i] >= 'A' &&
		    F->name[i] <= 'Z') {
			find(M, "metrics-name", AG_SEV_WARNING, line, 1,
			     "'%.*s': metric names are snake_case, not camelCase", (int)F->len, F->name);
			break;
		}
	if (memchr(F->name, ':', F->len))
		find(M, "metrics-name", AG_SEV_WARNING, line, 1,
		     "'%.*s': ':' is for recording rules' output, not for exposed metrics",
		     (int)F->len, F->name);
	static const char *const types[] = {"counter", "gauge", "histogram", "summary"};
	for (size_t i = 0; i < 4; i++)
		if (has_token(F->name, F->len, types[i]))
			find(M, "metrics-name", AG_SEV_WARNING, line, 1,
			     "'%.*s': the name should not include its type '%s'", (int)F->len,
			     F->name, types[i]);
	static const struct {
		const char *unit, *base;
	} units[] = {
		{"milliseconds", "seconds"}, {"microseconds", "seconds"}, {"nanoseconds", "seconds"},
		{"millis", "seconds"}, {"ms", "seconds"}, {"minutes", "seconds"},
		{"hours", "seconds"}, {"days", "seconds"}, {"kilobytes", "bytes"},
		{"megabytes", "bytes"}, {"gigabytes", "bytes"}, {"terabytes", "bytes"},
		{"kibibytes", "bytes"}, {"mebibytes", "bytes"}, {"gibibytes", "bytes"},
		{"kb", "bytes"}, {"mb", "bytes"}, {"bits", "bytes"}, {"kilobits", "bytes"},
		{"megabits", "bytes"}, {"weeks", "seconds"}, {"percent", "ratio"},
		{"percentage", "ratio"},
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (has_token(F->name, F->len, units[i].unit)) {
			find(M, "metrics-units", AG_SEV_WARNING, line, 1,
			     "'%.*s': use the base unit '%s' instead of '%s'", (int)F->len, F->name,
			     units[i].base, units[i].unit);
			break;
		}
	if (F->unit_line && F->unit_len) {
		char suf[80];
		ag_snprintf(suf, sizeof(suf), "_%.*s", (int)(F->unit_len > 70 ? 70 : F->unit_len),
			    F->unit);
		if (!ends_with(F->name, F->len, suf))
			find(M, "metrics-units", AG_SEV_ERROR, F->unit_line, 1,
			     "'%.*s' has # UNIT %.*s, so its name must end in '%s'", (int)F->len,
			     F->name, (int)(F->unit_len > 70 ? 70 : F->unit_len), F->unit, suf);
	}
}

static void check_family(struct M *M, size_t f)
{
	struct family *F = &M->fam[f];
	int line = F->type_line ? F->type_line : F->help_line ? F->help_line : F->first_line;
	if (!F->nsamples && !F->typed && !F->help_line)
		return;
	if (!F->help_line)
		find(M, "metrics-help", AG_SEV_WARNING, line, 1,
		     "'%.*s' has no # HELP; say what it measures", (int)F->len, F->name);
	if (!F->typed)
		find(M, "metrics-type", AG_SEV_WARNING, line, 1,
		     "'%.*s' has no # TYPE; it is stored as untyped and rate() or "
		     "histogram_quantile() cannot be checked against it", (int)F->len, F->name);
	check_names(M, F, line);
	bool total = ends_with(F->name, F->len, "_total");
	if (F->type == M_COUNTER && !M->om && !total)
		find(M, "metrics-counter", AG_SEV_WARNING, line, 1,
		     "counter '%.*s' should end in _total", (int)F->len, F->name);
	if (F->type == M_COUNTER && M->om && total)
		find(M, "metrics-counter", AG_SEV_ERROR, line, 1,
		     "OpenMetrics counter family '%.*s' is named without _total (its samples add it)",
		     (int)F->len, F->name);
	if (F->typed && F->type != M_COUNTER && total)
		find(M, "metrics-counter", AG_SEV_WARNING, line, 1,
		     "'%.*s' is a %s; only counters end in _total", (int)F->len, F->name,
		     mtype_names[F->type]);
	bool hist = F->type == M_HISTOGRAM || F->type == M_GAUGEHISTOGRAM;
	if (!hist && F->type != M_SUMMARY)
		for (size_t i = 0; i < 3; i++) {
			static const char *const r[] = {"_bucket", "_count", "_sum"};
			if (ends_with(F->name, F->len, r[i]))
				find(M, "metrics-histogram", AG_SEV_WARNING, line, 1,
				     "'%.*s' is a %s; the suffix %s is reserved for histograms and "
				     "summaries", (int)F->len, F->name, mtype_names[F->type], r[i]);
		}
}

static void check_samples(struct M *M)
{
	size_t lim = M->ns < AG_METRICS_MAX_SAMPLES ? M->ns : AG_METRICS_MAX_SAMPLES;
	for (size_t i = 0; i < lim && !M->err; i++) {
		const struct sample *s = &M->s[i];
		const struct family *F = &M->fam[s->fam];
		bool hist = F->type == M_HISTOGRAM || F->type == M_GAUGEHISTOGRAM;
		if (s->has_le && !hist)
			find(M, "metrics-histogram", AG_SEV_WARNING, s->line, 1,
			     "label 'le' is reserved for histogram buckets ('%.*s' is a %s)",
			     (int)F->len, F->name, mtype_names[F->type]);
		if (s->has_quantile && F->type != M_SUMMARY)
			find(M, "metrics-histogram", AG_SEV_WARNING, s->line, 1,
			     "label 'quantile' is reserved for summaries ('%.*s' is a %s)",
			     (int)F->len, F->name, mtype_names[F->type]);
		if (s->has_quantile && F->type == M_SUMMARY &&
		    (isnan(s->quantile) || s->quantile < 0 || s->quantile > 1))
			find(M, "metrics-histogram", AG_SEV_ERROR, s->line, 1,
			     "a summary's quantile is a number from 0 to 1");
		if (M->om && F->type == M_COUNTER && s->len == F->len)
			find(M, "metrics-counter", AG_SEV_ERROR, s->line, 1,
			     "OpenMetrics counter samples are named %.*s_total", (int)F->len, F->name);
		if (F->type == M_COUNTER && (s->value < 0 || isnan(s->value)) &&
		    s->len != F->len + 8)
			find(M, "metrics-counter", AG_SEV_ERROR, s->line, 1,
			     "counter %.*s is %g; counters are never negative", (int)s->len, s->name,
			     s->value);
	}
	for (size_t f = 0; f < M->nfam && !M->err; f++)
		if ((M->fam[f].type == M_HISTOGRAM || M->fam[f].type == M_GAUGEHISTOGRAM) &&
		    M->fam[f].nsamples && M->fam[f].s_first < lim)
			check_histogram(M, f, M->fam[f].s_first,
					M->fam[f].s_last + 1 < lim ? M->fam[f].s_last + 1 : lim);
}

static int finding_cmp(const void *a, const void *b)
{
	const struct ag_probe_finding *x = a, *y = b;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	if (x->col != y->col)
		return x->col < y->col ? -1 : 1;
	return strcmp(x->message, y->message);
}

int ag_metrics_lint(const char *text, size_t len, bool openmetrics, struct ag_probe_findings *out,
		    struct ag_metrics_stats *st)
{
	struct M M = {0};
	M.om = openmetrics;
	M.out = out;
	M.cur = (size_t)-1;
	size_t first = out->n;
	int line = 0;
	bool eof = false, after_eof = false;
	const char *p = text, *end = text + len;
	while (p < end && !M.err) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		line++;
		const char *le = e;
		if (le > p && le[-1] == '\r')
			le--;
		if (eof) {
			if (!after_eof)
				find(&M, "metrics-eof", AG_SEV_ERROR, line, 1,
				     "text after '# EOF'; it must be the last line");
			after_eof = true;
		} else if (le == p) {
			if (M.om)
				find(&M, "metrics-syntax", AG_SEV_ERROR, line, 1,
				     "OpenMetrics has no blank lines");
		} else if (memchr(p, '\0', (size_t)(le - p))) {
			find(&M, "metrics-syntax", AG_SEV_ERROR, line, 1, "a NUL byte in the line");
		} else if (*p == '#') {
			if (M.om && le - p == 5 && !memcmp(p, "# EOF", 5))
				eof = true;
			else
				meta_line(&M, p, le, line);
		} else {
			while (!M.om && p < le && (*p == ' ' || *p == '\t'))
				p++;
			if (p < le)
				sample_line(&M, p, le, line);
		}
		p = nl ? nl + 1 : end;
	}
	if (M.om && !eof && !M.err)
		find(&M, "metrics-eof", AG_SEV_ERROR, line ? line : 1, 1,
		     "OpenMetrics ends with '# EOF'; this exposition was cut short or is not "
		     "OpenMetrics");
	if (!M.err)
		check_series(&M);
	for (size_t f = 0; f < M.nfam && !M.err; f++)
		check_family(&M, f);
	if (!M.err)
		check_samples(&M);
	if (st) {
		st->samples = M.ns;
		st->families = M.nfam;
	}
	size_t lim = M.ns < AG_METRICS_MAX_SAMPLES ? M.ns : AG_METRICS_MAX_SAMPLES;
	for (size_t i = 0; i < lim; i++) {
		free(M.s[i].key);
		free(M.s[i].group);
	}
	free(M.s);
	free(M.fam);
	if (out->n > first)
		qsort(out->v + first, out->n - first, sizeof(*out->v), finding_cmp);
	return M.err;
}
