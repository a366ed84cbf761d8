/*
 * baseline.c - known findings by fingerprint; see baseline.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
#include "base/fsutil.h"
#include "base/json.h"
#include "baseline.h"
#include "events/events_scan.h"
#include "history/git.h"

#define FNV_OFFSET 1469598103934665603ull
#define FNV_PRIME 1099511628211ull

static uint64_t fnv(uint64_t h, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * FNV_PRIME;
	return (h ^ 0xff) * FNV_PRIME; /* the field's end: "ab","c" is not "a","bc" */
}

/* The message without its line references: ":<digits>" dropped. */
static uint64_t message_hash(uint64_t h, const char *m)
{
	for (const char *p = m; p && *p; p++) {
		if (*p == ':' && p[1] >= '0' && p[1] <= '9') {
			p++;
			while (p[1] >= '0' && p[1] <= '9')
				p++;
			continue;
		}
		h = (h ^ (unsigned char)*p) * FNV_PRIME;
	}
	return (h ^ 0xff) * FNV_PRIME;
}

static uint64_t base_fp(const struct ag_finding *f)
{
	uint64_t h = fnv(FNV_OFFSET, f->rule->id, strlen(f->rule->id));
	h = fnv(h, f->file ? f->file : "", f->file ? strlen(f->file) : 0);
	return message_hash(h, f->message);
}

int ag_baseline_fingerprints(const struct ag_findings *fs, uint64_t **out)
{
	uint64_t *base = malloc((fs->n + 1) * sizeof(*base));
	uint64_t *fp = malloc((fs->n + 1) * sizeof(*fp));
	if (!base || !fp) {
		free(base);
		free(fp);
		return AG_ENOMEM;
	}
	for (size_t i = 0; i < fs->n; i++) {
		base[i] = base_fp(&fs->v[i]);
		unsigned rank = 0; /* findings alike in all but their place */
		for (size_t k = 0; k < i; k++)
			rank += base[k] == base[i];
		char r[16];
		size_t rn = ag_snprintf(r, sizeof(r), "%u", rank);
		fp[i] = fnv(base[i], r, rn);
	}
	free(base);
	*out = fp;
	return 0;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

bool ag_baseline_has(const struct ag_baseline *b, uint64_t fp)
{
	return b->n && bsearch(&fp, b->fp, b->n, sizeof(*b->fp), cmp_u64) != NULL;
}

void ag_baseline_release(struct ag_baseline *b)
{
	free(b->fp);
	memset(b, 0, sizeof(*b));
}

/* line and column (1-based) of byte `at` */
static void where(const char *text, size_t at, int *line, int *col)
{
	*line = 1;
	*col = 1;
	for (size_t i = 0; i < at; i++) {
		if (text[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)text[i] & 0xc0) != 0x80) {
			++*col;
		}
	}
}

static int bad(struct ag_diags *d, const char *name, const char *text, const char *at,
	       const char *why)
{
	int line, col;
	where(text, (size_t)(at - text), &line, &col);
	ag_diags_add(d, AG_SEV_ERROR, name, line, col, "%s", why);
	return AG_EINVAL;
}

static const char *skip_ws(const char *p, const char *end)
{
	while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
		p++;
	return p;
}

static bool key_is(const struct ag_ev_val *k, const char *s)
{
	return !k->esc && k->n == strlen(s) && !memcmp(k->p, s, k->n);
}

static bool parse_fp(const struct ag_ev_val *v, uint64_t *out)
{
	if (v->type != AG_EV_STR || v->esc || v->n != 16)
		return false;
	uint64_t x = 0;
	for (size_t i = 0; i < 16; i++) {
		char c = v->p[i];
		int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
		if (d < 0)
			return false;
		x = x << 4 | (uint64_t)d;
	}
	*out = x;
	return true;
}

int ag_baseline_parse(const char *text, size_t len, const char *name, struct ag_baseline *b,
		      struct ag_diags *d)
{
	memset(b, 0, sizeof(*b));
	b->present = true;
	const char *end = text + len, *p = skip_ws(text, end), *err = NULL, *errp = NULL;
	struct ag_ev_val doc;
	const char *after = p < end ? ag_ev_parse_value(p, end, &doc, &err, &errp) : NULL;
	if (!after)
		return bad(d, name, text, errp ? errp : p, err ? err : "empty: not a baseline");
	if (skip_ws(after, end) != end)
		return bad(d, name, text, skip_ws(after, end), "text after the baseline's object");
	if (doc.type != AG_EV_OBJ)
		return bad(d, name, text, p, "a baseline is a JSON object");
	struct ag_ev_iter it;
	struct ag_ev_val k, v, findings = {0};
	bool ours = false;
	ag_ev_iter_init(&it, &doc);
	while (ag_ev_iter_next(&it, &k, &v) == 1) {
		if (key_is(&k, "archgate"))
			ours = v.type == AG_EV_STR && v.n == 8 && !memcmp(v.p, "baseline", 8);
		else if (key_is(&k, "findings"))
			findings = v;
		else if (key_is(&k, "version") && !(v.type == AG_EV_NUM && v.num == 1))
			return bad(d, name, text, v.p, "unknown baseline version (archgate writes 1)");
	}
	if (!ours)
		return bad(d, name, text, p, "not a baseline archgate wrote (no \"archgate\": "
				       "\"baseline\")");
	if (findings.type != AG_EV_ARR)
		return bad(d, name, text, findings.p ? findings.p : p,
			   "\"findings\" must be an array");
	size_t cap = 0;
	struct ag_ev_iter ai;
	struct ag_ev_val e;
	ag_ev_iter_init(&ai, &findings);
	int r;
	while ((r = ag_ev_iter_next(&ai, NULL, &e)) == 1) {
		if (e.type != AG_EV_OBJ)
			return bad(d, name, text, e.p, "each finding is an object");
		struct ag_ev_iter fi;
		uint64_t fp = 0;
		bool got = false;
		ag_ev_iter_init(&fi, &e);
		while (ag_ev_iter_next(&fi, &k, &v) == 1)
			if (key_is(&k, "fingerprint")) {
				if (!parse_fp(&v, &fp))
					return bad(d, name, text, v.p,
						   "a fingerprint is 16 lowercase hex digits");
				got = true;
			}
		if (!got)
			return bad(d, name, text, e.p, "a finding without a fingerprint");
		uint64_t *nv = ag_array_grow(b->fp, &cap, b->n + 1, sizeof(*nv), 64);
		if (!nv)
			return AG_ENOMEM;
		b->fp = nv;
		b->fp[b->n++] = fp;
	}
	if (b->n)
		qsort(b->fp, b->n, sizeof(*b->fp), cmp_u64);
	return 0;
}

int ag_baseline_load(const char *path, const char *name, struct ag_baseline *b,
		     struct ag_diags *d)
{
	memset(b, 0, sizeof(*b));
	char *text;
	size_t len;
	int rc = ag_read_file(path, AG_BASELINE_MAX_BYTES, &text, &len);
	if (rc == AG_ENOENT)
		return 0;
	if (rc) {
		ag_diags_add(d, AG_SEV_ERROR, name, 0, 0, "cannot read: %s", ag_strerror(rc));
		b->present = true;
		return rc;
	}
	rc = ag_baseline_parse(text, len, name, b, d);
	free(text);
	if (rc)
		ag_baseline_release(b);
	b->present = true;
	return rc;
}

static bool can_baseline(const struct ag_result *res, const struct ag_finding *f)
{
	return !f->waiver && (!f->rule->red_flag || res->baseline_red_flags);
}

struct row {
	const struct ag_finding *f;
	uint64_t fp;
};

static int cmp_row(const void *a, const void *b)
{
	const struct row *x = a, *y = b;
	int c = strcmp(x->f->rule->id, y->f->rule->id);
	if (!c)
		c = strcmp(x->f->file ? x->f->file : "", y->f->file ? y->f->file : "");
	return c ? c : cmp_u64(&x->fp, &y->fp);
}

int ag_baseline_write(struct ag_buf *out, const struct ag_result *res,
		      const struct ag_baseline *old, bool accept_new, struct ag_baseline_diff *diff)
{
	memset(diff, 0, sizeof(*diff));
	uint64_t *fp;
	int rc = ag_baseline_fingerprints(&res->findings, &fp);
	if (rc)
		return rc;
	struct row *rows = malloc((res->findings.n + 1) * sizeof(*rows));
	if (!rows) {
		free(fp);
		return AG_ENOMEM;
	}
	size_t n = 0, still = 0;
	for (size_t i = 0; i < res->findings.n; i++) {
		const struct ag_finding *f = &res->findings.v[i];
		if (!can_baseline(res, f)) {
			diff->red_flags += f->rule->red_flag && !f->waiver;
			continue;
		}
		bool known = old->present && ag_baseline_has(old, fp[i]);
		still += known;
		if (known || !old->present || accept_new) {
			rows[n++] = (struct row){f, fp[i]};
			diff->red_flags_known += f->rule->red_flag;
			if (known)
				diff->kept++;
			else
				diff->added++;
		} else {
			diff->new_left_out++;
		}
	}
	diff->fixed = old->present && old->n > still ? old->n - still : 0;
	qsort(rows, n, sizeof(*rows), cmp_row);
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_PRETTY);
	ag_json_begin_object(&w);
	ag_json_kv_str(&w, "archgate", "baseline");
	ag_json_kv_int(&w, "version", 1);
	ag_json_key(&w, "findings");
	ag_json_begin_array(&w);
	for (size_t i = 0; i < n; i++) {
		char hex[17];
		ag_snprintf(hex, sizeof(hex), "%016llx", (unsigned long long)rows[i].fp);
		ag_json_inline(&w);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "fingerprint", hex);
		ag_json_kv_str(&w, "rule", rows[i].f->rule->id);
		ag_json_kv_str(&w, "file", rows[i].f->file);
		ag_json_kv_str(&w, "message", rows[i].f->message);
		ag_json_end_object(&w);
	}
	ag_json_end_array(&w);
	ag_json_end_object(&w);
	rc = ag_json_finish(&w);
	if (!rc)
		rc = ag_buf_addc(out, '\n');
	free(rows);
	free(fp);
	return rc;
}

/* ---- history (`archgate baseline --stats`) ------------------------------------------- */

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return n > 0;
}

/* The findings of `rel` as of `commit`: 0 when the commit removed it, -1
 * when it is not a baseline archgate can read. */
static long known_at(const char *repo, const char *commit, const char *rel)
{
	struct ag_buf spec = AG_BUF_INIT, text = AG_BUF_INIT;
	ag_buf_printf(&spec, "%s:./%s", commit, rel);
	if (spec.err) {
		ag_buf_release(&spec);
		return -1;
	}
	const char *argv[] = {"show", "--no-textconv", spec.data, NULL};
	int rc = ag_git(repo, argv, &text);
	long known;
	if (rc > 0) {
		known = 0; /* not in that commit: deleted */
	} else if (rc < 0) {
		known = -1;
	} else {
		struct ag_baseline b;
		struct ag_diags d;
		ag_diags_init(&d);
		known = ag_baseline_parse(text.data ? text.data : "", text.len, rel, &b, &d)
				? -1 : (long)b.n;
		ag_baseline_release(&b);
		ag_diags_release(&d);
	}
	ag_buf_release(&spec);
	ag_buf_release(&text);
	return known;
}

int ag_baseline_history(const char *repo, const char *rel, struct ag_baseline_history *h)
{
	memset(h, 0, sizeof(*h));
	if (!ag_git_is_repo(repo))
		return AG_EINVAL;
	struct ag_buf log = AG_BUF_INIT, spec = AG_BUF_INIT;
	ag_buf_printf(&spec, "./%s", rel);
	/* Only object ids and dates: no commit text, so nothing a commit
	 * message holds can move a field. NUL-separated. */
	char max[32];
	ag_snprintf(max, sizeof(max), "--max-count=%d", AG_BASELINE_HISTORY_MAX + 1);
	const char *argv[] = {"log", "-z", "--format=%H%x00%cs", max, "--", spec.data, NULL};
	int rc = spec.err ? AG_ENOMEM : ag_git(repo, argv, &log);
	if (rc > 0) { /* a work tree without commits yet: no history */
		rc = 0;
		log.len = 0;
	}
	size_t cap = 0;
	const char *p = log.data, *end = log.data ? log.data + log.len : NULL;
	while (!rc && p && p < end) {
		const char *sha = p, *z = memchr(p, '\0', (size_t)(end - p));
		if (!z)
			break;
		const char *date = z + 1;
		const char *z2 = date < end ? memchr(date, '\0', (size_t)(end - date)) : NULL;
		size_t sl = (size_t)(z - sha), dl = z2 ? (size_t)(z2 - date) : (size_t)(end - date);
		p = z2 ? z2 + 1 : end;
		while (sl && (*sha == '\n')) /* -z puts a NUL between commits, a newline after */
			sha++, sl--;
		if (sl >= sizeof(h->v->commit) || !all_hex(sha, sl) || dl != 10)
			continue;
		if (h->n == AG_BASELINE_HISTORY_MAX) {
			h->truncated = true;
			break;
		}
		if (h->n == cap) {
			size_t nc = cap ? cap * 2 : 16;
			struct ag_baseline_version *nv = realloc(h->v, nc * sizeof(*nv));
			if (!nv) {
				rc = AG_ENOMEM;
				break;
			}
			h->v = nv;
			cap = nc;
		}
		struct ag_baseline_version *v = &h->v[h->n++];
		memcpy(v->commit, sha, sl);
		v->commit[sl] = '\0';
		memcpy(v->date, date, 10);
		v->date[10] = '\0';
		v->known = known_at(repo, v->commit, rel);
	}
	ag_buf_release(&log);
	ag_buf_release(&spec);
	if (rc)
		ag_baseline_history_release(h);
	return rc;
}

void ag_baseline_history_release(struct ag_baseline_history *h)
{
	free(h->v);
	memset(h, 0, sizeof(*h));
}
