/*
 * site.c - the pages of `archgate site` (see site.h), rendered in memory.
 *
 * Every page is built by one function from the model and the check
 * result, in a fixed order (records by file name, entries as radar.yaml
 * lists them), so the same input gives the same bytes. Every string that
 * comes from the repository passes through ag_site_h() (HTML text and
 * attribute values alike: it escapes < > & " ') or ag_site_md(); URLs
 * through ag_url_allowed(); the search index through the JSON writer.
 * Appends are checked once per page through the buffer's sticky error.
 */
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <strings.h>
#include "base/json.h"
#include "diagram/diagram.h"
#include "model/cost.h"
#include "radar/radar_scan.h"
#include "radar/radar_svg.h"
#include "records/records_report.h"
#include "site_impl.h"

#define CSP "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; " \
	    "connect-src 'self'; base-uri 'none'; form-action 'none'"

void ag_site_hn(struct ag_buf *b, const char *s, size_t n)
{
	if (s)
		ag_buf_xml_str(b, s, n);
}

void ag_site_h(struct ag_buf *b, const char *s)
{
	if (s)
		ag_buf_xml_str(b, s, strlen(s));
}

int ag_site_add(struct ag_site *site, const char *path, struct ag_buf *data)
{
	if (site->n == site->alloc) {
		size_t na = site->alloc ? site->alloc * 2 : 64;
		struct ag_site_file *v = realloc(site->v, na * sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		site->v = v;
		site->alloc = na;
	}
	char *p = strdup(path);
	if (!p)
		return AG_ENOMEM;
	site->v[site->n].path = p;
	site->v[site->n].data = *data;
	site->n++;
	ag_buf_init(data);
	return 0;
}

void ag_site_release(struct ag_site *site)
{
	for (size_t i = 0; i < site->n; i++) {
		free(site->v[i].path);
		ag_buf_release(&site->v[i].data);
	}
	free(site->v);
	*site = (struct ag_site){0};
}

/* ---- what the pages share ------------------------------------------------------------- */

struct rec { /* a decision record or an RFC and its page */
	const struct ag_adr *adr;
	const struct ag_rfc *rfc;
	char *slug; /* page name without .html */
};

struct inlink { /* record `src`'s link `k` points at record `target` */
	size_t target, src, k;
};

struct gen {
	const struct ag_model *m;
	const struct ag_result *res;
	const struct ag_site_opts *o;
	struct ag_site *site;
	struct rec *adrs, *rfcs;
	bool names_sorted;   /* m->adrs.v in strcmp order of name (resolve_link) */
	struct ag_buf index; /* the search index, being written */
	struct ag_json iw;
	const char *root;    /* "" or "../": from the page being written to the top */
	char *real_root;     /* the repository, realpath'd (attachments stay inside) */
	struct ag_buf head[2][8]; /* page_head(): [root is "../"][enum nav] */
	struct inlink *in;   /* every link between records, by target then source */
	size_t nin;
	struct ag_site_mermaid mm; /* the Mermaid renderer, looked up on first use */
	size_t mm_missing;   /* Mermaid blocks shown as code: no renderer */
	char mm_first[512];  /* the first of them, "FILE:LINE" */
	size_t mm_failed;    /* ... because it failed on them */
	struct ag_buf mm_why; /* the first failures, one line each */
	int rc;
};

enum nav { NAV_BOARD, NAV_DECISIONS, NAV_RFCS, NAV_RADAR, NAV_DIAGRAMS, NAV_SLOS,
	   NAV_SYSTEM, NAV_FINDINGS, NAV__COUNT };
static const struct {
	const char *href, *label;
} nav[NAV__COUNT] = {
	{"index.html", "Phases"},        {"decisions/index.html", "Decisions"},
	{"rfcs/index.html", "RFCs"},     {"radar.html", "Radar"},
	{"diagrams.html", "Diagrams"},   {"slos.html", "SLOs"},
	{"system.html", "Debt and cost"}, {"findings.html", "Findings"},
};
_Static_assert(NAV__COUNT <= 8, "struct gen's head[][8] holds every menu entry");

/* A file name's page name: letters, digits, '.', '_' and '-' kept, every
 * other byte '-'; ".md" dropped; never empty, never starting with '.'. */
static char *slug_of(const char *name)
{
	size_t n = strlen(name);
	if (n > 3 && !strcmp(name + n - 3, ".md"))
		n -= 3;
	char *s = malloc(n + 2);
	if (!s)
		return NULL;
	size_t k = 0;
	if (!n || name[0] == '.')
		s[k++] = 'r';
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			  (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
		s[k++] = ok ? c : '-';
	}
	s[k] = 0;
	return s;
}

/* Give every record a unique slug: a repeated one gets -2, -3 ... in
 * record order. Duplicates are found by sorting (10,000 records). */
struct slugix {
	const char *slug;
	size_t i;
};

static int cmp_slugix(const void *x, const void *y)
{
	const struct slugix *a = x, *b = y;
	int c = strcmp(a->slug, b->slug);
	return c ? c : (a->i > b->i) - (a->i < b->i);
}

static bool slug_taken(const struct slugix *v, size_t n, const char *s)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		int c = strcmp(v[mid].slug, s);
		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return !strcmp(s, "index");
}

static int slugs(struct rec *v, size_t n, const char *(*name)(const struct rec *))
{
	struct slugix *ix = calloc(n + 1, sizeof(*ix));
	if (!ix)
		return AG_ENOMEM;
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		v[i].slug = slug_of(name(&v[i]));
		if (!v[i].slug)
			rc = AG_ENOMEM;
		ix[i] = (struct slugix){v[i].slug, i};
	}
	if (!rc)
		qsort(ix, n, sizeof(*ix), cmp_slugix);
	/* the first of a run keeps its slug (unless it is "index"); the others
	 * get the first free -K, checked against every base slug and every
	 * suffixed one given so far */
	char **sfx = rc ? NULL : calloc(n + 1, sizeof(*sfx));
	if (!rc && !sfx)
		rc = AG_ENOMEM;
	for (size_t r = 0; r < n && !rc; r++) {
		bool dup = (r > 0 && !strcmp(ix[r].slug, ix[r - 1].slug)) || !strcmp(ix[r].slug, "index");
		if (!dup)
			continue;
		size_t l = strlen(ix[r].slug) + 16;
		char *t = malloc(l);
		if (!t) {
			rc = AG_ENOMEM;
			break;
		}
		for (int k = 2;; k++) {
			ag_snprintf(t, l, "%s-%d", ix[r].slug, k);
			bool taken = slug_taken(ix, n, t);
			for (size_t j = 0; j < r && !taken; j++)
				taken = sfx[j] && !strcmp(sfx[j], t);
			if (!taken)
				break;
		}
		sfx[r] = t;
	}
	for (size_t r = 0; r < n && sfx; r++) {
		if (!sfx[r])
			continue;
		if (rc) {
			free(sfx[r]);
			continue;
		}
		struct rec *e = &v[ix[r].i];
		free(e->slug);
		e->slug = sfx[r];
	}
	free(sfx);
	free(ix);
	return rc;
}

static const char *adr_name(const struct rec *r) { return r->adr->name; }
static const char *rfc_name(const struct rec *r) { return r->rfc->name; }

static const char *sys_name(const struct ag_model *m)
{
	return m->sys.system.name.s && m->sys.system.name.len ? m->sys.system.name.s
							      : "Architecture";
}

/* What every page's head says after its title, up to its <h1>: the same
 * for every page of one folder depth and menu entry, so made once each
 * (a thousand record pages would otherwise format it a thousand times). */
static const struct ag_buf *page_head(struct gen *g, enum nav active)
{
	struct ag_buf *h = &g->head[*g->root != 0][active];
	if (h->len)
		return h;
	ag_buf_adds(h, " · ");
	ag_site_h(h, sys_name(g->m));
	ag_buf_printf(h, "</title>\n<link rel=\"icon\" href=\"%sassets/favicon.svg\">\n"
		      "<link rel=\"stylesheet\" href=\"%sassets/site.css\">\n"
		      "<script src=\"%sassets/site.js\" defer></script>\n"
		      "<script src=\"%sassets/live.js\" defer></script>\n</head>\n"
		      "<body data-root=\"%s\">\n<a class=\"skip\" href=\"#main\">Skip to content</a>\n"
		      "<header>\n<p class=\"brand\"><a href=\"%sindex.html\">", g->root, g->root,
		      g->root, g->root, g->root, g->root);
	ag_site_h(h, sys_name(g->m));
	ag_buf_adds(h, "</a></p>\n<nav aria-label=\"Site\"><ul>\n");
	for (int i = 0; i < NAV__COUNT; i++)
		ag_buf_printf(h, "<li><a href=\"%s%s\"%s>%s</a></li>\n", g->root, nav[i].href,
			      i == (int)active ? " aria-current=\"page\"" : "", nav[i].label);
	ag_buf_adds(h, "</ul></nav>\n<div class=\"search\" role=\"search\">"
		    "<label for=\"q\">Search</label> <input id=\"q\" type=\"search\" "
		    "autocomplete=\"off\" placeholder=\"records, RFCs, radar, containers\" "
		    "aria-controls=\"results\"></div>\n</header>\n"
		    "<section id=\"results\" aria-live=\"polite\" hidden></section>\n"
		    "<main id=\"main\">\n<h1>");
	return h;
}

static void page_begin(struct gen *g, struct ag_buf *b, const char *title, enum nav active)
{
	ag_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
		    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		    "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n<title>");
	ag_site_h(b, title);
	const struct ag_buf *h = page_head(g, active);
	if (ag_buf_err(h) && !b->err)
		b->err = ag_buf_err(h); /* the head's error becomes the page's */
	ag_buf_add(b, h->data, h->len);
	ag_site_h(b, title);
	ag_buf_adds(b, "</h1>\n");
}

static int page_end(struct gen *g, struct ag_buf *b, const char *path)
{
	ag_buf_adds(b, "</main>\n<footer><p>Built by archgate " AG_VERSION
		    " from the repository's arch/ folder.</p></footer>\n</body>\n</html>\n");
	int rc = ag_buf_err(b);
	if (!rc)
		rc = ag_site_add(g->site, path, b);
	ag_buf_release(b);
	return rc;
}

/* One search index entry. */
static void index_doc(struct gen *g, const char *kind, const char *title, const char *url,
		      const char *status, const char *text, size_t tn)
{
	struct ag_json *w = &g->iw;
	ag_json_begin_object(w);
	ag_json_kv_str(w, "k", kind);
	ag_json_kv_str(w, "t", title ? title : "");
	ag_json_kv_str(w, "u", url);
	if (status)
		ag_json_kv_str(w, "s", status);
	ag_json_key(w, "x");
	/* whitespace runs become one space: the index is for words */
	struct ag_buf t = AG_BUF_INIT;
	for (size_t i = 0; text && i < tn;) {
		size_t j = i;
		while (j < tn && text[j] != ' ' && text[j] != '\n' && text[j] != '\t' &&
		       text[j] != '\r')
			j++;
		if (j > i) { /* a word, after one space unless it is the first */
			if (t.len)
				ag_buf_addc(&t, ' ');
			ag_buf_add(&t, text + i, j - i);
		}
		for (i = j; i < tn && (text[i] == ' ' || text[i] == '\n' || text[i] == '\t' ||
				       text[i] == '\r');)
			i++;
	}
	ag_json_strn(w, t.data, t.len);
	ag_buf_release(&t);
	ag_json_end_object(w);
}

static const char *status_class(enum ag_adr_status s)
{
	switch (s) {
	case AG_ADR_PROPOSED: return "proposed";
	case AG_ADR_ACCEPTED: return "accepted";
	case AG_ADR_REJECTED: return "rejected";
	case AG_ADR_DEPRECATED: return "deprecated";
	case AG_ADR_SUPERSEDED: return "superseded";
	default: return "unknown";
	}
}

/* ---- the phase board (index.html) ----------------------------------------------------- */

static void finding_li(struct ag_buf *b, const struct ag_finding *f)
{
	ag_buf_adds(b, "<li><span class=\"sev sev-");
	ag_site_h(b, ag_severity_name(f->sev));
	ag_buf_adds(b, "\">");
	ag_site_h(b, ag_severity_name(f->sev));
	ag_buf_adds(b, "</span> <code>");
	ag_site_h(b, f->rule->id);
	ag_buf_adds(b, "</code> ");
	ag_site_h(b, f->message);
	if (f->file) {
		ag_buf_adds(b, " <span class=\"where\">");
		ag_site_h(b, f->file);
		if (f->line)
			ag_buf_printf(b, ":%d", f->line);
		ag_buf_adds(b, "</span>");
	}
	ag_buf_adds(b, "</li>\n");
}

static int page_board(struct gen *g)
{
	struct ag_buf b = AG_BUF_INIT;
	const struct ag_model *m = g->m;
	const struct ag_result *res = g->res;
	g->root = "";
	page_begin(g, &b, "The four phases", NAV_BOARD);
	if (m->sys.system.description.s) {
		ag_buf_adds(&b, "<p class=\"lead\">");
		ag_site_h(&b, m->sys.system.description.s);
		ag_buf_adds(&b, "</p>\n");
	}
	ag_buf_printf(&b, "<p class=\"counts\">%zu errors, %zu warnings, %zu notes, %zu waived, "
		      "%zu known (baseline) · <a href=\"findings.html\">all findings</a></p>\n",
		      res->errors, res->warnings, res->notes, res->waived, res->baselined);
	/* red flags first: an active one sends the team back to Phase 1 */
	size_t nred = 0;
	for (size_t i = 0; i < res->findings.n; i++) {
		const struct ag_finding *f = &res->findings.v[i];
		if (f->rule->red_flag && ag_finding_blocks(f))
			nred++;
	}
	if (nred) {
		ag_buf_printf(&b, "<section class=\"redflags\" aria-labelledby=\"rf\">"
			      "<h2 id=\"rf\">Red flags (%zu)</h2>\n<ul>\n", nred);
		for (size_t i = 0; i < res->findings.n; i++) {
			const struct ag_finding *f = &res->findings.v[i];
			if (f->rule->red_flag && ag_finding_blocks(f))
				finding_li(&b, f);
		}
		ag_buf_adds(&b, "</ul></section>\n");
	}
	size_t np;
	const struct ag_phase *ph = ag_phases(&np);
	ag_buf_adds(&b, "<ol class=\"board\">\n");
	for (size_t p = 0; p < np && p < AG_NPHASES; p++) {
		const char *st = ag_phase_state_name(res->board.state[p]);
		ag_buf_printf(&b, "<li class=\"phase state-%s%s\">\n<h2>Phase ", st,
			      (int)p == res->board.current ? " current" : "");
		ag_site_h(&b, ph[p].id);
		ag_buf_adds(&b, ": ");
		ag_site_h(&b, ph[p].name);
		ag_buf_printf(&b, " <span class=\"state\">%s%s</span></h2>\n<p>", st,
			      (int)p == res->board.current ? ", current" : "");
		ag_site_h(&b, ph[p].goal);
		ag_buf_adds(&b, "</p>\n");
		size_t nb = 0;
		for (size_t i = 0; i < res->findings.n; i++) {
			const struct ag_finding *f = &res->findings.v[i];
			if (ag_finding_blocks(f) && ag_phase_index(f->phase) == (int)p)
				nb++;
		}
		if (nb) {
			ag_buf_printf(&b, "<details><summary>%zu blocker%s</summary><ul>\n", nb,
				      nb == 1 ? "" : "s");
			for (size_t i = 0; i < res->findings.n; i++) {
				const struct ag_finding *f = &res->findings.v[i];
				if (ag_finding_blocks(f) && ag_phase_index(f->phase) == (int)p)
					finding_li(&b, f);
			}
			ag_buf_adds(&b, "</ul></details>\n");
		} else {
			ag_buf_adds(&b, "<p class=\"none\">No blockers.</p>\n");
		}
		ag_buf_adds(&b, "</li>\n");
	}
	ag_buf_adds(&b, "</ol>\n");
	return page_end(g, &b, "index.html");
}

static int page_findings(struct gen *g)
{
	struct ag_buf b = AG_BUF_INIT;
	g->root = "";
	page_begin(g, &b, "Findings of check", NAV_FINDINGS);
	if (!g->res->findings.n)
		ag_buf_adds(&b, "<p>No findings.</p>\n");
	else
		ag_buf_adds(&b, "<table class=\"findings\">\n<thead><tr><th scope=\"col\">Severity</th>"
			    "<th scope=\"col\">Phase</th><th scope=\"col\">Rule</th>"
			    "<th scope=\"col\">Message</th><th scope=\"col\">Where</th>"
			    "<th scope=\"col\">State</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < g->res->findings.n; i++) {
		const struct ag_finding *f = &g->res->findings.v[i];
		ag_buf_adds(&b, "<tr><td>");
		ag_site_h(&b, ag_severity_name(f->sev));
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, f->phase);
		ag_buf_adds(&b, "</td><td><code>");
		ag_site_h(&b, f->rule->id);
		ag_buf_adds(&b, "</code></td><td>");
		ag_site_h(&b, f->message);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, f->file);
		if (f->file && f->line)
			ag_buf_printf(&b, ":%d", f->line);
		ag_buf_printf(&b, "</td><td>%s</td></tr>\n", f->waiver ? "waived"
			      : f->baselined ? "known" : "active");
	}
	if (g->res->findings.n)
		ag_buf_adds(&b, "</tbody></table>\n");
	return page_end(g, &b, "findings.html");
}

/* ---- decision records ----------------------------------------------------------------- */

/* Lines without_meta() left out, so a place in its output is a line of
 * the file: at output offset off[i], lines[i] lines were dropped. */
struct dropmap {
	size_t off[8], lines[8];
	size_t n;
};

struct resolve_ctx {
	struct gen *g;
	const char *prefix; /* from the page to decisions/: "" or "../decisions/" */
	const char *file;   /* the record's path from the repository root */
	const char *src;    /* the text being rendered (offsets are into it) */
	const struct dropmap *dm; /* NULL: src is the file as it is */
};

#define ATTACH_LIMIT ((size_t)16 << 20)

/* Whether an SVG may be copied: nothing in it that runs (it could be
 * opened as a document from file://, where no CSP header applies). */
static bool svg_inert(const char *s, size_t n)
{
	static const char *const bad[] = {"<script", "javascript:", "foreignobject", "<iframe",
					   "<object", "<embed", "<use", "<!entity", "data:", NULL};
	for (size_t i = 0; i < n; i++) {
		char c = (char)(s[i] | 0x20);
		for (size_t k = 0; bad[k]; k++) {
			size_t l = strlen(bad[k]);
			if (i + l <= n && (c == bad[k][0] || s[i] == bad[k][0]) && !strncasecmp(s + i, bad[k], l))
				return false;
		}
		/* an event handler attribute: whitespace, "on", letters, "=" */
		if ((s[i] == ' ' || s[i] == '\n' || s[i] == '\t' || s[i] == '\r' || s[i] == '/') &&
		    i + 3 < n && (s[i + 1] | 0x20) == 'o' && (s[i + 2] | 0x20) == 'n') {
			size_t j = i + 3;
			while (j < n && (((s[j] | 0x20) >= 'a' && (s[j] | 0x20) <= 'z')))
				j++;
			while (j < n && (s[j] == ' ' || s[j] == '\t'))
				j++;
			if (j > i + 3 && j < n && s[j] == '=')
				return false;
		}
	}
	return true;
}

/* A relative link to a file of the repository (an image, a PDF) is copied
 * into files/ and the link pointed at the copy. Only regular files inside
 * the repository, up to 16 MB; not HTML, XML or scripts (they would run
 * when opened from file://), SVG only when inert. */
static bool attach(struct resolve_ctx *rc, const char *t, size_t n, struct ag_buf *out)
{
	struct gen *g = rc->g;
	if (!n || t[0] == '/' || t[0] == '#' || t[0] == '?' || !rc->file || !g->real_root)
		return false;
	for (size_t i = 0; i < n; i++)
		if (t[i] == ':')
			return false; /* a scheme (http:, mailto:) */
	size_t end = strcspn(t, "#?");
	if (end > n)
		end = n;
	/* the path as the file system has it: %XX decoded */
	struct ag_buf rel = AG_BUF_INIT;
	const char *slash = strrchr(rc->file, '/');
	if (slash)
		ag_buf_add(&rel, rc->file, (size_t)(slash - rc->file) + 1);
	for (size_t i = 0; i < end; i++) {
		int hi = i + 2 < end ? (unsigned char)t[i + 1] : 0;
		int lo = i + 2 < end ? (unsigned char)t[i + 2] : 0;
		if (t[i] == '%' && isxdigit(hi) && isxdigit(lo)) {
			int v = (isdigit(hi) ? hi - '0' : (hi | 0x20) - 'a' + 10) * 16 +
				(isdigit(lo) ? lo - '0' : (lo | 0x20) - 'a' + 10);
			if (!v)
				break;
			ag_buf_addc(&rel, (char)v);
			i += 2;
		} else {
			ag_buf_addc(&rel, t[i]);
		}
	}
	char *abs = ag_buf_err(&rel) ? NULL : ag_path_join(g->m->root, rel.data);
	ag_buf_release(&rel);
	char *real = abs ? realpath(abs, NULL) : NULL;
	free(abs);
	size_t rl = g->real_root ? strlen(g->real_root) : 0;
	bool ok = real && !strncmp(real, g->real_root, rl) && real[rl] == '/';
	const char *inside = ok ? real + rl + 1 : NULL;
	const char *dot = inside ? strrchr(inside, '.') : NULL;
	static const char *const refused[] = {".md", ".html", ".htm", ".xhtml", ".xml", ".js",
					      ".mjs", ".shtml", ".svgz", NULL};
	for (size_t k = 0; ok && dot && refused[k]; k++)
		ok = strcasecmp(dot, refused[k]) != 0;
	char *data = NULL;
	size_t len = 0;
	if (ok)
		ok = ag_read_file(real, ATTACH_LIMIT, &data, &len) == 0;
	if (ok && dot && !strcasecmp(dot, ".svg"))
		ok = svg_inert(data, len);
	struct ag_buf path = AG_BUF_INIT;
	if (ok) {
		ag_buf_adds(&path, "files/");
		for (const char *c = inside; *c; c++) {
			bool keep = (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				    (*c >= '0' && *c <= '9') || *c == '_' || *c == '-' || *c == '/' ||
				    (*c == '.' && c[1] != '.' && c != inside && c[-1] != '/');
			ag_buf_addc(&path, keep ? *c : '_');
		}
		ok = !ag_buf_err(&path);
	}
	if (ok) {
		bool have = false;
		for (size_t i = 0; i < g->site->n && !have; i++)
			have = !strcmp(g->site->v[i].path, path.data);
		if (!have) {
			struct ag_buf b = AG_BUF_INIT;
			ag_buf_add(&b, data, len);
			ok = !ag_buf_err(&b) && !ag_site_add(g->site, path.data, &b);
			ag_buf_release(&b);
		}
	}
	if (ok) {
		ag_buf_adds(out, g->root);
		ag_buf_add(out, path.data, path.len);
		ag_buf_add(out, t + end, n - end);
		ok = !ag_buf_err(out);
	}
	ag_buf_release(&path);
	free(data);
	free(real);
	return ok;
}

/* A relative link to another record's file becomes its page. */
static bool resolve_link(void *ctx, const char *t, size_t n, struct ag_buf *out)
{
	struct resolve_ctx *rc = ctx;
	const struct gen *g = rc->g;
	size_t end = n;
	for (size_t i = 0; i < n; i++)
		if (t[i] == '#' || t[i] == '?') {
			end = i;
			break;
		}
	if (end < 3 || memcmp(t + end - 3, ".md", 3))
		return attach(rc, t, n, out);
	size_t base = end;
	while (base > 0 && t[base - 1] != '/')
		base--;
	/* the first record of that name: by binary search when the records are
	 * sorted by name (ag_adrs_load sorts them), else by looking at each */
	size_t lo = 0, hi = g->m->adrs.n, bn = end - base;
	while (g->names_sorted && lo < hi) {
		size_t mid = (lo + hi) / 2;
		const char *nm = g->m->adrs.v[mid].name;
		int c = strncmp(nm, t + base, bn);
		if (c < 0 || (!c && strlen(nm) < bn))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < g->m->adrs.n && (!g->names_sorted || i == lo); i++) {
		const char *nm = g->m->adrs.v[i].name;
		if (strlen(nm) == end - base && !memcmp(nm, t + base, end - base)) {
			ag_buf_adds(out, rc->prefix);
			ag_buf_adds(out, g->adrs[i].slug);
			ag_buf_adds(out, ".html");
			ag_buf_add(out, t + end, n - end);
			return !ag_buf_err(out);
		}
	}
	return attach(rc, t, n, out);
}

/* A fenced Mermaid block: drawn (an <img> of the cleaned SVG, the source
 * below it) when the renderer is there and manages, else shown as code
 * and counted for the build's warnings. */
static bool mermaid_block(void *ctx, const char *code, size_t n, size_t off, struct ag_buf *html)
{
	struct resolve_ctx *rc = ctx;
	struct gen *g = rc->g;
	if (!g->o->mermaid || !*g->o->mermaid)
		return false;
	/* the fence's line: the line before the block's first */
	size_t line = 1;
	for (size_t i = 0; rc->src && i < off && rc->src[i]; i++)
		line += rc->src[i] == '\n';
	for (size_t i = 0; rc->dm && i < rc->dm->n; i++)
		if (rc->dm->off[i] <= off)
			line += rc->dm->lines[i];
	if (line > 1)
		line--;
	struct ag_buf svg = AG_BUF_INIT, why = AG_BUF_INIT;
	char key[33];
	int r = ag_site_mermaid(&g->mm, code, n, key, &svg, &why);
	struct ag_buf place = AG_BUF_INIT; /* FILE:LINE, safe on a terminal */
	if (r && r != AG_ENOMEM) {
		ag_buf_text(&place, rc->file ? rc->file : "?");
		ag_buf_printf(&place, ":%zu", line);
	}
	if (r == AG_ENOMEM || ag_buf_err(&place)) {
		g->rc = AG_ENOMEM;
	} else if (r == AG_ENOENT) {
		if (!g->mm_missing++)
			ag_snprintf(g->mm_first, sizeof g->mm_first, "%s", place.data);
	} else if (r) {
		if (g->mm_failed++ < 5)
			ag_buf_printf(&g->mm_why, "%s: warning: Mermaid block shown as code: the "
				      "renderer failed: %s\n", place.data, why.data);
	}
	ag_buf_release(&place);
	bool ok = !r;
	if (ok) {
		char path[64];
		ag_snprintf(path, sizeof path, "mermaid/%s.svg", key);
		bool have = false;
		for (size_t i = 0; i < g->site->n && !have; i++)
			have = !strcmp(g->site->v[i].path, path);
		if (!have && ag_site_add(g->site, path, &svg))
			g->rc = AG_ENOMEM, ok = false;
		if (ok) {
			ag_buf_adds(html, "<figure class=\"mermaid\"><img class=\"diagram\" src=\"");
			ag_buf_adds(html, g->root);
			ag_buf_adds(html, path);
			ag_buf_adds(html, "\" alt=\"Diagram (Mermaid); its source follows\">\n"
				    "<details><summary>Mermaid source</summary><pre><code "
				    "class=\"language-mermaid\">");
			ag_site_hn(html, code, n);
			ag_buf_adds(html, "</code></pre></details></figure>\n");
		}
	}
	if (ok)
		g->site->mermaid_svg++;
	else
		g->site->mermaid_code++;
	ag_buf_release(&svg);
	ag_buf_release(&why);
	return ok;
}

/* Every Mermaid block of the records and RFCs, found before the pages are
 * written, so the renderer draws all the new ones in one run. */
struct collect {
	char **v;
	size_t *l;
	size_t n, alloc;
	int rc;
};

static bool collect_block(void *ctx, const char *code, size_t n, size_t off, struct ag_buf *html)
{
	struct collect *c = ctx;
	(void)off, (void)html;
	if (c->rc)
		return false;
	if (c->n == c->alloc) {
		size_t na = c->alloc ? c->alloc * 2 : 16;
		char **v = realloc(c->v, na * sizeof(*v));
		size_t *l = v ? realloc(c->l, na * sizeof(*l)) : NULL;
		if (v)
			c->v = v;
		if (!v || !l) {
			c->rc = AG_ENOMEM;
			return false;
		}
		c->l = l;
		c->alloc = na;
	}
	if (!(c->v[c->n] = malloc(n + 1))) {
		c->rc = AG_ENOMEM;
		return false;
	}
	memcpy(c->v[c->n], code, n);
	c->v[c->n][n] = 0;
	c->l[c->n++] = n;
	return false;
}

static bool mentions_mermaid(const char *t, size_t n)
{
	for (size_t i = 0; i + 7 <= n; i++)
		if ((t[i] | 0x20) == 'm' && !strncasecmp(t + i, "mermaid", 7))
			return true;
	return false;
}

static int mermaid_prepass(struct gen *g)
{
	struct collect c = {0};
	struct ag_site_md_opts mo = {.mermaid = collect_block, .ctx = &c};
	int rc = 0;
	for (size_t i = 0; !rc && i < g->m->adrs.n + g->m->rfcs.n; i++) {
		const char *t = i < g->m->adrs.n ? g->m->adrs.v[i].text
						 : g->m->rfcs.v[i - g->m->adrs.n].text;
		size_t n = i < g->m->adrs.n ? g->m->adrs.v[i].len : g->m->rfcs.v[i - g->m->adrs.n].len;
		if (!t || !mentions_mermaid(t, n))
			continue;
		struct ag_buf h = AG_BUF_INIT;
		rc = ag_site_md(&h, NULL, t, n, &mo);
		ag_buf_release(&h);
		if (!rc)
			rc = c.rc;
	}
	if (!rc)
		rc = ag_site_mermaid_batch(&g->mm, (const char *const *)c.v, c.l, c.n);
	for (size_t i = 0; i < c.n; i++)
		free(c.v[i]);
	free(c.v);
	free(c.l);
	return rc;
}

static const struct rec *rec_of(const struct gen *g, const struct ag_adr *a)
{
	if (!a)
		return NULL;
	size_t i = (size_t)(a - g->m->adrs.v);
	return i < g->m->adrs.n ? &g->adrs[i] : NULL;
}

static void record_link(struct ag_buf *b, const struct gen *g, const struct ag_adr *a,
			const char *prefix)
{
	const struct rec *r = rec_of(g, a);
	struct ag_buf label = AG_BUF_INIT;
	ag_adr_label(a, &label);
	ag_buf_adds(b, "<a href=\"");
	ag_site_h(b, prefix);
	ag_site_h(b, r ? r->slug : "index");
	ag_buf_adds(b, ".html\">");
	ag_site_hn(b, label.data, label.len);
	ag_buf_adds(b, "</a>");
	ag_buf_release(&label);
}

static bool is_superseded_by(const char *type)
{
	return type && !strncasecmp(type, "superseded by", 13);
}

/* The record's text without its leading "**Status:** ..." style lines
 * (seed format: before the first section heading), which the page shows
 * as its metadata list. Other formats are rendered as written. */
static void without_meta(struct ag_buf *out, const struct ag_adr *a, struct dropmap *dm)
{
	static const char *const keys[] = {"**Status:**", "**Date:**", "**Deciders:**",
					   "**Phase:**", "**Tags:**", "**Technical Story:**", NULL};
	const char *p = a->text, *end = a->text + a->len;
	bool heading_seen = false, in_meta = a->format == AG_ADRF_SEED;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl + 1 : end;
		bool drop = false;
		if (in_meta) {
			if (p[0] == '#' && e - p > 2 && p[1] == '#')
				in_meta = false; /* the first section: metadata is over */
			else if (p[0] == '#')
				heading_seen = true;
			for (size_t k = 0; in_meta && heading_seen && keys[k] && !drop; k++)
				drop = (size_t)(e - p) >= strlen(keys[k]) &&
				       !strncasecmp(p, keys[k], strlen(keys[k]));
		}
		if (!drop) {
			ag_buf_add(out, p, (size_t)(e - p));
		} else if (dm->n && dm->off[dm->n - 1] == out->len) {
			dm->lines[dm->n - 1]++;
		} else if (dm->n < 8) {
			dm->off[dm->n] = out->len;
			dm->lines[dm->n++] = 1;
		} else {
			dm->lines[dm->n - 1]++; /* imprecise past eight runs */
		}
		p = e;
	}
	ag_buf_add(out, "", 0);
}

static int page_record(struct gen *g, size_t i)
{
	const struct ag_adr *a = &g->m->adrs.v[i];
	struct ag_buf b = AG_BUF_INIT, label = AG_BUF_INIT, body = AG_BUF_INIT,
		      plain = AG_BUF_INIT;
	g->root = "../";
	ag_adr_label(a, &label);
	page_begin(g, &b, label.data && label.len ? label.data : a->name, NAV_DECISIONS);
	ag_buf_adds(&b, "<dl class=\"meta\">\n<dt>Status</dt><dd><span class=\"status status-");
	ag_buf_adds(&b, status_class(a->status));
	ag_buf_adds(&b, "\">");
	ag_site_h(&b, a->status_text ? a->status_text : "none");
	ag_buf_adds(&b, "</span></dd>\n");
	if (a->date) {
		ag_buf_adds(&b, "<dt>Date</dt><dd>");
		ag_site_h(&b, a->date);
		ag_buf_adds(&b, "</dd>\n");
	}
	if (a->deciders) {
		ag_buf_adds(&b, "<dt>Deciders</dt><dd>");
		ag_site_h(&b, a->deciders);
		ag_buf_adds(&b, "</dd>\n");
	}
	if (a->phase) {
		ag_buf_adds(&b, "<dt>Phase</dt><dd>");
		ag_site_h(&b, a->phase);
		ag_buf_adds(&b, "</dd>\n");
	}
	if (a->ntags) {
		ag_buf_adds(&b, "<dt>Tags</dt><dd>");
		for (size_t t = 0; t < a->ntags; t++) {
			ag_buf_adds(&b, "<span class=\"tag\">");
			ag_site_h(&b, a->tags[t]);
			ag_buf_adds(&b, "</span> ");
		}
		ag_buf_adds(&b, "</dd>\n");
	}
	if (a->package) {
		ag_buf_adds(&b, "<dt>Package</dt><dd>");
		ag_site_h(&b, a->package);
		ag_buf_adds(&b, "</dd>\n");
	}
	ag_buf_adds(&b, "<dt>File</dt><dd><code>");
	ag_site_h(&b, a->file);
	ag_buf_adds(&b, "</code></dd>\n</dl>\n");

	/* links both ways: what this record says, and who points at it */
	size_t in0 = 0, in1;
	{
		size_t lo = 0, hi = g->nin;
		while (lo < hi) { /* the first incoming link of record i */
			size_t mid = (lo + hi) / 2;
			if (g->in[mid].target < i)
				lo = mid + 1;
			else
				hi = mid;
		}
		in0 = lo;
		for (in1 = in0; in1 < g->nin && g->in[in1].target == i; in1++)
			;
	}
	if (a->nlinks || in1 > in0) {
		ag_buf_adds(&b, "<section class=\"links\" aria-labelledby=\"links\">"
			    "<h2 id=\"links\">Links</h2>\n<ul>\n");
		for (size_t k = 0; k < a->nlinks; k++) {
			const struct ag_adr_link *l = &a->links[k];
			const struct ag_adr *t = ag_adrs_link_target(&g->m->adrs, l);
			ag_buf_adds(&b, "<li>");
			ag_site_h(&b, l->type);
			ag_buf_adds(&b, " ");
			if (t)
				record_link(&b, g, t, "");
			else
				ag_site_h(&b, l->text && *l->text ? l->text : l->target);
			ag_buf_adds(&b, "</li>\n");
		}
		for (size_t j = in0; j < in1; j++) {
			const struct ag_adr *o = &g->m->adrs.v[g->in[j].src];
			const struct ag_adr_link *l = &o->links[g->in[j].k];
			const char *rev = ag_adr_link_reverse(l->type);
			ag_buf_adds(&b, "<li class=\"in\">");
			ag_site_h(&b, rev ? rev : l->type);
			ag_buf_adds(&b, " ");
			record_link(&b, g, o, "");
			ag_buf_adds(&b, rev ? "" : " (points here)");
			ag_buf_adds(&b, "</li>\n");
		}
		ag_buf_adds(&b, "</ul>\n");
		/* the supersede chain, forwards to the record in force */
		const struct ag_adr *cur = a;
		size_t steps = 0;
		struct ag_buf chain = AG_BUF_INIT;
		while (cur && steps < 64) {
			const struct ag_adr *next = NULL;
			for (size_t k = 0; k < cur->nlinks && !next; k++)
				if (is_superseded_by(cur->links[k].type))
					next = ag_adrs_link_target(&g->m->adrs, &cur->links[k]);
			if (!next || next == a)
				break;
			ag_buf_adds(&chain, " → ");
			record_link(&chain, g, next, "");
			cur = next;
			steps++;
		}
		if (chain.len) {
			ag_buf_adds(&b, "<p class=\"chain\">Superseded: this record");
			ag_buf_add(&b, chain.data, chain.len);
			ag_buf_adds(&b, "</p>\n");
		}
		ag_buf_release(&chain);
		ag_buf_adds(&b, "</section>\n");
	}
	/* the seed's metadata lines are the <dl> above: not again in the body */
	struct ag_buf src = AG_BUF_INIT;
	struct dropmap dm = {0};
	without_meta(&src, a, &dm);
	struct resolve_ctx rc = {g, "", a->file, src.data, &dm};
	struct ag_site_md_opts mo = {.resolve = resolve_link, .ctx = &rc, .heading_shift = 0,
				     .skip_first_h1 = true, .mermaid = mermaid_block};
	int rc2 = ag_buf_err(&src) ? AG_ENOMEM : ag_site_md(&body, &plain, src.data, src.len, &mo);
	ag_buf_release(&src);
	ag_buf_adds(&b, "<article class=\"record\">\n");
	ag_buf_add(&b, body.data, body.len);
	ag_buf_adds(&b, "</article>\n");
	char path[512];
	ag_snprintf(path, sizeof path, "decisions/%s.html", g->adrs[i].slug);
	char url[512];
	ag_snprintf(url, sizeof url, "decisions/%s.html", g->adrs[i].slug);
	/* the metadata the body no longer says, searchable too */
	ag_buf_addc(&plain, ' ');
	if (a->deciders)
		ag_buf_adds(&plain, a->deciders);
	for (size_t t = 0; t < a->ntags; t++) {
		ag_buf_addc(&plain, ' ');
		ag_buf_adds(&plain, a->tags[t]);
	}
	index_doc(g, "decision", label.data, url, status_class(a->status), plain.data, plain.len);
	ag_buf_release(&label);
	ag_buf_release(&body);
	ag_buf_release(&plain);
	if (rc2) {
		ag_buf_release(&b);
		return rc2;
	}
	return page_end(g, &b, path);
}

/* The distinct values of `get` over the records, sorted, for a filter. */
static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

static void filter_select(struct ag_buf *b, const char *id, const char *label,
			  const char **vals, size_t n)
{
	qsort(vals, n, sizeof(*vals), cmp_str);
	ag_buf_printf(b, "<label for=\"%s\">%s</label> <select id=\"%s\" data-filter=\"%s\">"
		      "<option value=\"\">any</option>", id, label, id, id + 2);
	for (size_t i = 0; i < n; i++) {
		if (i && !strcmp(vals[i], vals[i - 1]))
			continue;
		ag_buf_adds(b, "<option value=\"");
		ag_site_h(b, vals[i]);
		ag_buf_adds(b, "\">");
		ag_site_h(b, vals[i]);
		ag_buf_adds(b, "</option>");
	}
	ag_buf_adds(b, "</select>\n");
}

/* A filter's value as one attribute word: spaces become '_' (tags are
 * matched whole in a space-separated list). */
static void attr_word(struct ag_buf *b, const char *s)
{
	struct ag_buf w = AG_BUF_INIT;
	for (; s && *s; s++)
		ag_buf_addc(&w, *s == ' ' || *s == '\t' || *s == '\n' ? '_' : *s);
	ag_site_hn(b, w.data, w.len);
	ag_buf_release(&w);
}

static int page_decisions(struct gen *g)
{
	const struct ag_adrs *adrs = &g->m->adrs;
	struct ag_buf b = AG_BUF_INIT;
	g->root = "../";
	page_begin(g, &b, "Decision records", NAV_DECISIONS);
	if (!adrs->n) {
		ag_buf_adds(&b, "<p>No decision records yet (<code>archgate adr new</code> "
			    "writes the first).</p>\n");
		return page_end(g, &b, "decisions/index.html");
	}
	size_t ntags = 0;
	for (size_t i = 0; i < adrs->n; i++)
		ntags += adrs->v[i].ntags;
	const char **st = calloc(adrs->n + 1, sizeof(*st));
	const char **tg = calloc(ntags + 1, sizeof(*tg));
	const char **dc = calloc(adrs->n + 1, sizeof(*dc));
	const char **pk = calloc(adrs->n + 1, sizeof(*pk));
	if (!st || !tg || !dc || !pk) {
		free(st), free(tg), free(dc), free(pk);
		ag_buf_release(&b);
		return AG_ENOMEM;
	}
	size_t nt = 0, nd = 0, npk = 0;
	for (size_t i = 0; i < adrs->n; i++) {
		st[i] = status_class(adrs->v[i].status);
		for (size_t t = 0; t < adrs->v[i].ntags; t++)
			tg[nt++] = adrs->v[i].tags[t];
		if (adrs->v[i].deciders)
			dc[nd++] = adrs->v[i].deciders;
		if (adrs->v[i].package)
			pk[npk++] = adrs->v[i].package;
	}
	ag_buf_printf(&b, "<p>%zu records. Filter them (needs JavaScript; without it every "
		      "record is listed):</p>\n<div class=\"filters\" hidden>\n", adrs->n);
	filter_select(&b, "f-status", "Status", st, adrs->n);
	if (nt)
		filter_select(&b, "f-tag", "Tag", tg, nt);
	if (nd)
		filter_select(&b, "f-deciders", "Deciders", dc, nd);
	if (npk)
		filter_select(&b, "f-package", "Package", pk, npk);
	ag_buf_adds(&b, "<label for=\"f-date\">Date from</label> <input id=\"f-date\" "
		    "data-filter=\"date\" type=\"text\" placeholder=\"YYYY-MM-DD\" size=\"10\">\n"
		    "<output id=\"f-count\"></output>\n</div>\n");
	free(st), free(tg), free(dc), free(pk);
	ag_buf_adds(&b, "<table class=\"records\" id=\"records\">\n<thead><tr>"
		    "<th scope=\"col\">Record</th><th scope=\"col\">Status</th>"
		    "<th scope=\"col\">Date</th><th scope=\"col\">Tags</th>"
		    "<th scope=\"col\">Deciders</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < adrs->n; i++) {
		const struct ag_adr *a = &adrs->v[i];
		ag_buf_printf(&b, "<tr data-status=\"%s\" data-tag=\"", status_class(a->status));
		for (size_t t = 0; t < a->ntags; t++) {
			if (t)
				ag_buf_addc(&b, ' ');
			attr_word(&b, a->tags[t]);
		}
		ag_buf_adds(&b, "\" data-deciders=\"");
		attr_word(&b, a->deciders);
		ag_buf_adds(&b, "\" data-package=\"");
		attr_word(&b, a->package);
		ag_buf_adds(&b, "\" data-date=\"");
		ag_site_h(&b, a->date);
		ag_buf_adds(&b, "\"><td>");
		record_link(&b, g, a, "");
		ag_buf_printf(&b, "</td><td><span class=\"status status-%s\">",
			      status_class(a->status));
		ag_site_h(&b, a->status_text ? a->status_text : "none");
		ag_buf_adds(&b, "</span></td><td>");
		ag_site_h(&b, a->date);
		ag_buf_adds(&b, "</td><td>");
		for (size_t t = 0; t < a->ntags; t++) {
			ag_buf_adds(&b, "<span class=\"tag\">");
			ag_site_h(&b, a->tags[t]);
			ag_buf_adds(&b, "</span> ");
		}
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, a->deciders);
		ag_buf_adds(&b, "</td></tr>\n");
	}
	ag_buf_adds(&b, "</tbody></table>\n");
	return page_end(g, &b, "decisions/index.html");
}

/* ---- RFCs ----------------------------------------------------------------------------- */

static const char *rfc_status_class(enum ag_rfc_status s)
{
	switch (s) {
	case AG_RFC_DRAFT: return "draft";
	case AG_RFC_REVIEW: return "review";
	case AG_RFC_ACCEPTED: return "accepted";
	case AG_RFC_REJECTED: return "rejected";
	case AG_RFC_WITHDRAWN: return "withdrawn";
	default: return "unknown";
	}
}

static int page_rfcs(struct gen *g)
{
	const struct ag_rfcs *rfcs = &g->m->rfcs;
	const char *roles[16];
	size_t nroles = ag_policy_signoff_roles(&g->m->policy, roles, 16);
	struct ag_buf b = AG_BUF_INIT;
	g->root = "../";
	page_begin(g, &b, "RFCs", NAV_RFCS);
	if (!rfcs->n)
		ag_buf_adds(&b, "<p>No RFCs yet (<code>archgate rfc new</code> writes one).</p>\n");
	else
		ag_buf_adds(&b, "<table class=\"rfcs\">\n<thead><tr><th scope=\"col\">RFC</th>"
			    "<th scope=\"col\">Status</th><th scope=\"col\">Sign-off</th>"
			    "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < rfcs->n; i++) {
		const struct ag_rfc *r = &rfcs->v[i];
		size_t missing = ag_rfc_missing(r, roles, nroles);
		ag_buf_adds(&b, "<tr><td><a href=\"");
		ag_site_h(&b, g->rfcs[i].slug);
		ag_buf_adds(&b, ".html\">");
		ag_site_h(&b, r->title && *r->title ? r->title : r->name);
		ag_buf_printf(&b, "</a></td><td>%s</td><td>%zu of %zu signed</td></tr>\n",
			      rfc_status_class(r->status), nroles - missing, nroles);

		/* its page */
		struct ag_buf p = AG_BUF_INIT, body = AG_BUF_INIT, plain = AG_BUF_INIT;
		g->root = "../";
		page_begin(g, &p, r->title && *r->title ? r->title : r->name, NAV_RFCS);
		ag_buf_printf(&p, "<dl class=\"meta\"><dt>Status</dt><dd>%s</dd><dt>File</dt>"
			      "<dd><code>", rfc_status_class(r->status));
		ag_site_h(&p, r->file);
		ag_buf_printf(&p, "</code></dd><dt>Sign-off</dt><dd>%zu of %zu roles signed</dd>"
			      "</dl>\n", nroles - missing, nroles);
		if (r->nsigs) {
			ag_buf_adds(&p, "<table class=\"signoff\"><thead><tr><th scope=\"col\">Role"
				    "</th><th scope=\"col\">Name</th><th scope=\"col\">Date</th>"
				    "</tr></thead><tbody>\n");
			for (size_t s = 0; s < r->nsigs; s++) {
				ag_buf_adds(&p, "<tr><td>");
				ag_site_h(&p, r->sigs[s].role);
				ag_buf_adds(&p, "</td><td>");
				ag_site_h(&p, *r->sigs[s].name ? r->sigs[s].name : "(unsigned)");
				ag_buf_adds(&p, "</td><td>");
				ag_site_h(&p, r->sigs[s].date);
				ag_buf_adds(&p, "</td></tr>\n");
			}
			ag_buf_adds(&p, "</tbody></table>\n");
		}
		struct resolve_ctx rc = {g, "../decisions/", r->file, r->text, NULL};
		struct ag_site_md_opts mo = {.resolve = resolve_link, .ctx = &rc,
					     .skip_first_h1 = true, .mermaid = mermaid_block};
		int rc2 = ag_site_md(&body, &plain, r->text, r->len, &mo);
		ag_buf_adds(&p, "<article class=\"record\">\n");
		ag_buf_add(&p, body.data, body.len);
		ag_buf_adds(&p, "</article>\n");
		char path[512];
		ag_snprintf(path, sizeof path, "rfcs/%s.html", g->rfcs[i].slug);
		index_doc(g, "rfc", r->title && *r->title ? r->title : r->name, path,
			  rfc_status_class(r->status), plain.data, plain.len);
		ag_buf_release(&body);
		ag_buf_release(&plain);
		if (!rc2)
			rc2 = page_end(g, &p, path);
		else
			ag_buf_release(&p);
		if (rc2) {
			ag_buf_release(&b);
			return rc2;
		}
	}
	if (rfcs->n)
		ag_buf_adds(&b, "</tbody></table>\n");
	g->root = "../";
	return page_end(g, &b, "rfcs/index.html");
}

/* ---- the radar ------------------------------------------------------------------------ */

/* An entry's evidence from the scan: at most three places (file:line, what
 * matched, where it came from), then how many more. */
static void entry_evidence(struct ag_buf *b, const struct ag_scan *scan,
			   const struct ag_radar_entry *en)
{
	size_t shown = 0, total = 0;
	for (size_t u = 0; u < scan->n; u++) {
		const struct ag_used *us = &scan->v[u];
		if (us->entry != en)
			continue;
		total += us->total > us->nev ? us->total : us->nev;
		for (size_t k = 0; k < us->nev && shown < 3; k++, shown++) {
			const struct ag_evidence *ev = &us->ev[k];
			ag_buf_adds(b, shown ? "" : "<p class=\"evidence\">Found by the scan:</p>"
					"<ul class=\"evidence\">");
			ag_buf_adds(b, "<li><code>");
			ag_site_h(b, ev->file);
			ag_buf_printf(b, ":%d</code> ", ev->line);
			ag_site_h(b, ev->match);
			ag_buf_adds(b, " <span class=\"ring\">(");
			ag_site_h(b, ag_evidence_kind_name(ev->kind));
			ag_buf_adds(b, ")</span></li>");
		}
	}
	if (!shown)
		return;
	if (total > shown)
		ag_buf_printf(b, "<li>and %zu more (<code>archgate radar scan</code>)</li>",
			      total - shown);
	ag_buf_adds(b, "</ul>");
}

static int page_radar(struct gen *g)
{
	const struct ag_radar *r = &g->m->radar;
	struct ag_buf b = AG_BUF_INIT;
	g->root = "";
	page_begin(g, &b, r->title.s && r->title.len ? r->title.s : "Technology radar", NAV_RADAR);
	if (!r->present) {
		ag_buf_adds(&b, "<p>No radar yet (<code>archgate radar scan --write</code> "
			    "proposes one from the repository).</p>\n");
		return page_end(g, &b, "radar.html");
	}
	struct ag_buf svg = AG_BUF_INIT;
	int rc = ag_radar_svg_linked(&svg, r, NULL, "#entry-");
	if (rc) {
		ag_buf_release(&svg);
		ag_buf_release(&b);
		return rc;
	}
	/* the SVG is archgate's own, every text in it escaped (radar_svg.c) */
	ag_buf_adds(&b, "<figure class=\"radar\" role=\"group\" aria-label=\"The radar chart\">\n");
	const char *start = strstr(svg.data, "<svg");
	ag_buf_adds(&b, start ? start : "");
	ag_buf_adds(&b, "</figure>\n");
	ag_buf_release(&svg);
	/* what `archgate radar scan` found (cached on the model: check already
	 * scanned); a scan that fails leaves the entries without evidence */
	const struct ag_scan *scan = NULL;
	if (ag_radar_usage(g->m, &scan))
		scan = NULL;
	const struct ag_radar_entry *e = r->entries.v;
	for (size_t q = 0; q < r->nquadrants; q++) {
		ag_buf_adds(&b, "<section class=\"quadrant\"><h2>");
		ag_site_h(&b, ag_radar_quadrant_name(r, (int)q));
		ag_buf_adds(&b, "</h2>\n<dl class=\"entries\">\n");
		for (size_t i = 0; i < r->entries.n; i++) {
			if (e[i].quadrant_ix != (int)q)
				continue;
			ag_buf_printf(&b, "<dt id=\"entry-%zu\">", i);
			ag_site_h(&b, e[i].name.s);
			ag_buf_adds(&b, " <span class=\"ring\">");
			ag_site_h(&b, ag_radar_ring_name(r, e[i].ring_ix));
			if (e[i].move != AG_MOVE_NONE) {
				ag_buf_adds(&b, ", ");
				ag_site_h(&b, ag_radar_move_name(e[i].move));
			}
			if (e[i].retired.s) {
				ag_buf_adds(&b, ", retired ");
				ag_site_h(&b, e[i].retired.s);
			}
			ag_buf_adds(&b, "</span></dt>\n<dd>");
			ag_site_h(&b, e[i].description.s);
			const struct ag_scalar *ln = e[i].links.v;
			bool any = false;
			for (size_t k = 0; k < e[i].links.n; k++) {
				if (!ag_url_allowed(ln[k].s, ln[k].len))
					continue;
				ag_buf_adds(&b, any ? " · " : " <span class=\"elinks\">");
				any = true;
				ag_buf_adds(&b, "<a href=\"");
				ag_site_hn(&b, ln[k].s, ln[k].len);
				ag_buf_adds(&b, "\">");
				ag_site_hn(&b, ln[k].s, ln[k].len);
				ag_buf_adds(&b, "</a>");
			}
			if (any)
				ag_buf_adds(&b, "</span>");
			const struct ag_radar_event *h = e[i].history.v;
			if (e[i].history.n) {
				ag_buf_adds(&b, "<ul class=\"history\">");
				for (size_t k = 0; k < e[i].history.n; k++) {
					ag_buf_adds(&b, "<li>");
					ag_site_h(&b, h[k].date.s);
					ag_buf_adds(&b, " ");
					ag_site_h(&b, h[k].ring.s);
					if (h[k].note.s) {
						ag_buf_adds(&b, ": ");
						ag_site_h(&b, h[k].note.s);
					}
					ag_buf_adds(&b, "</li>");
				}
				ag_buf_adds(&b, "</ul>");
			}
			if (scan)
				entry_evidence(&b, scan, &e[i]);
			ag_buf_adds(&b, "</dd>\n");
			char url[64];
			ag_snprintf(url, sizeof url, "radar.html#entry-%zu", i);
			struct ag_buf x = AG_BUF_INIT;
			ag_buf_printf(&x, "%s %s ", ag_radar_ring_name(r, e[i].ring_ix),
				      ag_radar_quadrant_name(r, (int)q));
			if (e[i].description.s)
				ag_buf_adds(&x, e[i].description.s);
			index_doc(g, "radar", e[i].name.s, url,
				  ag_radar_ring_name(r, e[i].ring_ix), x.data, x.len);
			ag_buf_release(&x);
		}
		ag_buf_adds(&b, "</dl></section>\n");
	}
	return page_end(g, &b, "radar.html");
}

/* ---- diagrams ------------------------------------------------------------------------- */

static int page_diagrams(struct gen *g)
{
	struct ag_buf b = AG_BUF_INIT;
	g->root = "";
	page_begin(g, &b, "Context and containers", NAV_DIAGRAMS);
	if (!g->m->has_system) {
		ag_buf_adds(&b, "<p>No system.yaml: nothing to draw.</p>\n");
		return page_end(g, &b, "diagrams.html");
	}
	static const struct {
		enum ag_diagram_view v;
		const char *name, *title;
	} views[] = {{AG_VIEW_CONTEXT, "context", "System context"},
		     {AG_VIEW_CONTAINER, "container", "Containers"}};
	for (size_t i = 0; i < 2; i++) {
		struct ag_buf svg = AG_BUF_INIT, err = AG_BUF_INIT, src = AG_BUF_INIT;
		int rc = g->o->diagrams_svg ? ag_diagram_render(&svg, g->m, views[i].v, AG_DIAG_SVG,
								&err)
					    : AG_ENOENT;
		ag_buf_printf(&b, "<section><h2>%s</h2>\n", views[i].title);
		if (!rc) {
			char path[64];
			ag_snprintf(path, sizeof path, "diagrams/%s.svg", views[i].name);
			rc = ag_site_add(g->site, path, &svg);
			if (rc) {
				ag_buf_release(&svg), ag_buf_release(&err), ag_buf_release(&b);
				return rc;
			}
			/* an <img>: an SVG shown as an image runs no script */
			ag_buf_printf(&b, "<p><a href=\"%s\"><img class=\"diagram\" src=\"%s\" "
				      "alt=\"%s diagram (Graphviz)\"></a></p>\n", path, path,
				      views[i].title);
		} else if (rc != AG_ENOMEM) {
			ag_buf_adds(&b, "<p>Graphviz is not installed: the diagram as Mermaid "
				    "(<code>archgate diagram</code> draws it).</p>\n");
		}
		if (rc == AG_ENOMEM) {
			ag_buf_release(&svg), ag_buf_release(&err), ag_buf_release(&b);
			return rc;
		}
		if (!ag_diagram_render(&src, g->m, views[i].v, AG_DIAG_MERMAID, &err)) {
			ag_buf_adds(&b, "<details><summary>Mermaid source</summary><pre><code>");
			ag_site_hn(&b, src.data, src.len);
			ag_buf_adds(&b, "</code></pre></details>\n");
		}
		ag_buf_adds(&b, "</section>\n");
		ag_buf_release(&svg), ag_buf_release(&err), ag_buf_release(&src);
	}
	/* the containers, searchable */
	const struct ag_container *c = g->m->sys.boundaries.containers.v;
	ag_buf_adds(&b, "<section><h2>Containers</h2>\n<table><thead><tr><th scope=\"col\">"
		    "Container</th><th scope=\"col\">Kind</th><th scope=\"col\">Owner</th>"
		    "<th scope=\"col\">Description</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < g->m->sys.boundaries.containers.n; i++) {
		ag_buf_printf(&b, "<tr id=\"container-%zu\"><td>", i);
		ag_site_h(&b, c[i].name.s ? c[i].name.s : c[i].id.s);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, c[i].kind.s);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, c[i].owner.s);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, c[i].description.s);
		ag_buf_adds(&b, "</td></tr>\n");
		char url[64];
		ag_snprintf(url, sizeof url, "diagrams.html#container-%zu", i);
		const char *d = c[i].description.s ? c[i].description.s : "";
		index_doc(g, "container", c[i].name.s ? c[i].name.s : c[i].id.s, url, c[i].kind.s, d,
			  strlen(d));
	}
	ag_buf_adds(&b, "</tbody></table></section>\n");
	return page_end(g, &b, "diagrams.html");
}

/* ---- SLOs, debt and cost -------------------------------------------------------------- */

static int page_slos(struct gen *g)
{
	struct ag_buf b = AG_BUF_INIT;
	g->root = "";
	page_begin(g, &b, "Service level objectives", NAV_SLOS);
	const struct ag_slos *s = &g->m->slos;
	if (!s->n) {
		ag_buf_adds(&b, "<p>No SLOs yet (OpenSLO, sloth or pyrra files in "
			    "<code>arch/slo/</code>).</p>\n");
		return page_end(g, &b, "slos.html");
	}
	ag_buf_adds(&b, "<table><thead><tr><th scope=\"col\">SLO</th><th scope=\"col\">Service"
		    "</th><th scope=\"col\">Target</th><th scope=\"col\">Error budget (30 days)</th>"
		    "<th scope=\"col\">File</th></tr></thead><tbody>\n");
	for (size_t i = 0; i < s->n; i++) {
		ag_buf_printf(&b, "<tr id=\"slo-%zu\"><td>", i);
		ag_site_h(&b, s->v[i].name);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, s->v[i].service);
		double t = s->v[i].target;
		if (t > 0 && t < 1)
			ag_buf_printf(&b, "</td><td>%.4g%%</td><td>%.1f minutes</td><td>",
				      t * 100, (1 - t) * 30 * 24 * 60);
		else
			ag_buf_adds(&b, "</td><td>—</td><td>—</td><td>");
		ag_site_h(&b, s->v[i].file);
		ag_buf_printf(&b, ":%d</td></tr>\n", s->v[i].line);
		char url[64];
		ag_snprintf(url, sizeof url, "slos.html#slo-%zu", i);
		const char *sv = s->v[i].service ? s->v[i].service : "";
		index_doc(g, "slo", s->v[i].name, url, NULL, sv, strlen(sv));
	}
	ag_buf_adds(&b, "</tbody></table>\n");
	int rc = ag_site_burn(&b, g->m);
	if (rc) {
		ag_buf_release(&b);
		return rc;
	}
	return page_end(g, &b, "slos.html");
}

static int page_system(struct gen *g)
{
	struct ag_buf b = AG_BUF_INIT;
	const struct ag_system *sy = &g->m->sys;
	g->root = "";
	page_begin(g, &b, "Debt, migration and cost", NAV_SYSTEM);
	ag_buf_adds(&b, "<section><h2>Debt register</h2>\n");
	const struct ag_debt *d = sy->debt.v;
	if (!sy->debt.n)
		ag_buf_adds(&b, "<p>No debt recorded.</p>\n");
	else
		ag_buf_adds(&b, "<table><thead><tr><th scope=\"col\">Debt</th><th scope=\"col\">"
			    "Principal (days)</th><th scope=\"col\">Interest (hours a month)</th>"
			    "<th scope=\"col\">Owner</th><th scope=\"col\">Plan</th></tr></thead>"
			    "<tbody>\n");
	for (size_t i = 0; i < sy->debt.n; i++) {
		ag_buf_adds(&b, "<tr><td>");
		ag_site_h(&b, d[i].title.s ? d[i].title.s : d[i].id.s);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, d[i].principal_days.s);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, d[i].interest_hours_month.s);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, d[i].owner.s);
		ag_buf_adds(&b, "</td><td>");
		ag_site_h(&b, d[i].plan.s);
		ag_buf_adds(&b, "</td></tr>\n");
	}
	if (sy->debt.n)
		ag_buf_adds(&b, "</tbody></table>\n");
	ag_buf_adds(&b, "</section>\n<section><h2>Strangler fig</h2>\n");
	const struct ag_route *rt = sy->migration.routes.v;
	size_t nnew = 0;
	for (size_t i = 0; i < sy->migration.routes.n; i++)
		nnew += rt[i].to.s && !strcmp(rt[i].to.s, "new");
	if (!sy->migration.routes.n) {
		ag_buf_adds(&b, "<p>No migration routes.</p>\n");
	} else {
		ag_buf_adds(&b, "<p>");
		ag_site_h(&b, sy->migration.legacy.s);
		ag_buf_adds(&b, " → ");
		ag_site_h(&b, sy->migration.target.s);
		ag_buf_printf(&b, ": %zu of %zu routes on the new system.</p>\n<progress max=\"%zu\" "
			      "value=\"%zu\" aria-label=\"routes migrated\"></progress>\n<ul>\n",
			      nnew, sy->migration.routes.n, sy->migration.routes.n, nnew);
		for (size_t i = 0; i < sy->migration.routes.n; i++) {
			ag_buf_adds(&b, "<li><code>");
			ag_site_h(&b, rt[i].path.s);
			ag_buf_adds(&b, "</code> → ");
			ag_site_h(&b, rt[i].to.s);
			ag_buf_adds(&b, "</li>\n");
		}
		ag_buf_adds(&b, "</ul>\n");
	}
	ag_buf_adds(&b, "</section>\n<section><h2>Cost per active user</h2>\n");
	struct ag_cost_report cr;
	int rc = ag_cost_compute(g->m, &cr);
	if (rc == AG_ENOMEM) {
		ag_buf_release(&b);
		return rc;
	}
	if (!rc && cr.nlines) {
		ag_buf_adds(&b, "<table><thead><tr><th scope=\"col\">Item</th><th scope=\"col\">"
			    "Monthly</th></tr></thead><tbody>\n");
		for (size_t i = 0; i < cr.nlines; i++) {
			ag_buf_adds(&b, "<tr><td>");
			ag_buf_adds(&b, cr.lines[i].ai ? "AI: " : "");
			ag_site_h(&b, cr.lines[i].name);
			ag_buf_printf(&b, "</td><td>%.2f</td></tr>\n", cr.lines[i].monthly);
		}
		ag_buf_printf(&b, "<tr><td>Data transfer</td><td>%.2f</td></tr>\n"
			      "</tbody><tfoot><tr><th scope=\"row\">Total (", cr.transfers);
		ag_site_h(&b, cr.currency);
		ag_buf_printf(&b, ")</th><td>%.2f</td></tr></tfoot></table>\n", cr.total);
		if (cr.has_users)
			ag_buf_printf(&b, "<p>%.4f per active user a month", cr.per_user);
		if (cr.has_users && cr.has_ceiling)
			ag_buf_printf(&b, " against a ceiling of %.4f: <strong>%s</strong>",
				      cr.ceiling, cr.over_ceiling ? "over the ceiling" : "within it");
		if (cr.has_users)
			ag_buf_adds(&b, ".</p>\n");
	} else {
		ag_buf_adds(&b, "<p>No cost model.</p>\n");
	}
	if (!rc)
		ag_cost_release(&cr);
	ag_buf_adds(&b, "</section>\n");
	return page_end(g, &b, "system.html");
}

/* ---- assembling ----------------------------------------------------------------------- */

static int add_text(struct ag_site *site, const char *path, const char *text)
{
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_adds(&b, text);
	int rc = ag_buf_err(&b);
	if (!rc)
		rc = ag_site_add(site, path, &b);
	ag_buf_release(&b);
	return rc;
}

static int cmp_inlink(const void *x, const void *y)
{
	const struct inlink *a = x, *b = y;
	if (a->target != b->target)
		return a->target < b->target ? -1 : 1;
	if (a->src != b->src)
		return a->src < b->src ? -1 : 1;
	return a->k < b->k ? -1 : a->k > b->k;
}

/* Every link from a record to a record, sorted by target. */
static int inlinks(struct gen *g)
{
	const struct ag_adrs *adrs = &g->m->adrs;
	size_t n = 0;
	for (size_t i = 0; i < adrs->n; i++)
		n += adrs->v[i].nlinks;
	g->in = calloc(n + 1, sizeof(*g->in));
	if (!g->in)
		return AG_ENOMEM;
	for (size_t i = 0; i < adrs->n; i++)
		for (size_t k = 0; k < adrs->v[i].nlinks; k++) {
			const struct ag_adr *t = ag_adrs_link_target(adrs, &adrs->v[i].links[k]);
			if (t)
				g->in[g->nin++] = (struct inlink){(size_t)(t - adrs->v), i, k};
		}
	qsort(g->in, g->nin, sizeof(*g->in), cmp_inlink);
	return 0;
}

static int cmp_file(const void *x, const void *y)
{
	return strcmp(((const struct ag_site_file *)x)->path, ((const struct ag_site_file *)y)->path);
}

int ag_site_render(const struct ag_model *m, const struct ag_result *res,
		   const struct ag_site_opts *o, struct ag_site *site)
{
	struct gen g = {.m = m, .res = res, .o = o, .site = site};
	*site = (struct ag_site){0};
	g.mm.o = o;
	ag_buf_init(&g.mm_why);
	g.real_root = m->root ? realpath(m->root, NULL) : NULL;
	g.adrs = calloc(m->adrs.n + 1, sizeof(*g.adrs));
	g.rfcs = calloc(m->rfcs.n + 1, sizeof(*g.rfcs));
	int rc = g.adrs && g.rfcs ? 0 : AG_ENOMEM;
	for (size_t i = 0; !rc && i < m->adrs.n; i++)
		g.adrs[i].adr = &m->adrs.v[i];
	for (size_t i = 0; !rc && i < m->rfcs.n; i++)
		g.rfcs[i].rfc = &m->rfcs.v[i];
	if (!rc)
		rc = slugs(g.adrs, m->adrs.n, adr_name);
	if (!rc)
		rc = slugs(g.rfcs, m->rfcs.n, rfc_name);
	if (!rc)
		rc = inlinks(&g);
	g.names_sorted = true;
	for (size_t i = 1; i < m->adrs.n && g.names_sorted; i++)
		g.names_sorted = strcmp(m->adrs.v[i - 1].name, m->adrs.v[i].name) <= 0;
	ag_json_init(&g.iw, &g.index, AG_JSON_COMPACT);
	ag_json_begin_object(&g.iw);
	ag_json_kv_int(&g.iw, "version", 1);
	ag_json_key(&g.iw, "docs");
	ag_json_begin_array(&g.iw);
	if (!rc)
		rc = page_board(&g);
	if (!rc)
		rc = page_decisions(&g);
	if (!rc && o->mermaid && *o->mermaid)
		rc = mermaid_prepass(&g);
	for (size_t i = 0; !rc && i < m->adrs.n; i++)
		rc = page_record(&g, i);
	if (!rc)
		rc = page_rfcs(&g);
	if (!rc)
		rc = g.rc;
	ag_site_mermaid_release(&g.mm);
	if (!rc && o->warnings) {
		if (g.mm_missing)
			ag_buf_printf(o->warnings, "%s: warning: Mermaid block shown as code: no Mermaid "
				      "renderer ('%s' is not installed; install @mermaid-js/mermaid-cli "
				      "or set ARCHGATE_MERMAID)\n", g.mm_first, o->mermaid);
		if (g.mm_missing > 1)
			ag_buf_printf(o->warnings, "warning: %zu more Mermaid blocks shown as code for "
				      "the same reason\n", g.mm_missing - 1);
		ag_buf_add(o->warnings, g.mm_why.data, g.mm_why.len);
		if (g.mm_failed > 5)
			ag_buf_printf(o->warnings, "warning: %zu more Mermaid blocks the renderer "
				      "failed on shown as code\n", g.mm_failed - 5);
	}
	ag_buf_release(&g.mm_why);
	if (!rc)
		rc = page_radar(&g);
	if (!rc)
		rc = page_diagrams(&g);
	if (!rc)
		rc = page_slos(&g);
	if (!rc)
		rc = page_system(&g);
	if (!rc)
		rc = page_findings(&g);
	ag_json_end_array(&g.iw);
	ag_json_end_object(&g.iw);
	int jrc = ag_json_finish(&g.iw);
	if (!rc)
		rc = jrc;
	if (!rc) {
		struct ag_buf js = AG_BUF_INIT;
		ag_buf_adds(&js, "window.AG_SEARCH = ");
		ag_buf_add(&js, g.index.data, g.index.len);
		ag_buf_adds(&js, ";\n");
		ag_buf_addc(&g.index, '\n');
		rc = ag_buf_err(&js) ? AG_ENOMEM : ag_buf_err(&g.index);
		if (!rc)
			rc = ag_site_add(site, "assets/search-index.js", &js);
		if (!rc)
			rc = ag_site_add(site, "assets/search.json", &g.index);
		ag_buf_release(&js);
	}
	if (!rc)
		rc = add_text(site, "assets/site.css", ag_site_css);
	if (!rc)
		rc = add_text(site, "assets/site.js", ag_site_js);
	if (!rc)
		rc = add_text(site, "assets/live.js", ag_site_live_js);
	if (!rc)
		rc = add_text(site, "assets/favicon.svg", ag_site_favicon);
	ag_buf_release(&g.index);
	for (size_t i = 0; i < 2; i++)
		for (size_t k = 0; k < 8; k++)
			ag_buf_release(&g.head[i][k]);
	for (size_t i = 0; g.adrs && i < m->adrs.n; i++)
		free(g.adrs[i].slug);
	for (size_t i = 0; g.rfcs && i < m->rfcs.n; i++)
		free(g.rfcs[i].slug);
	free(g.adrs);
	free(g.rfcs);
	free(g.real_root);
	free(g.in);
	if (rc) {
		ag_site_release(site);
		return rc;
	}
	qsort(site->v, site->n, sizeof(*site->v), cmp_file);
	return 0;
}

int ag_site_build(const struct ag_model *m, const struct ag_result *res,
		  const struct ag_site_opts *o, struct ag_site_stats *stats, struct ag_buf *why)
{
	struct ag_site site;
	int rc = ag_site_render(m, res, o, &site);
	if (rc)
		return rc;
	struct ag_site_write_stats ws = {0};
	rc = ag_site_write(&site, o->out, &ws, why);
	if (!rc && stats) {
		*stats = (struct ag_site_stats){.files = site.n, .records = m->adrs.n,
						.mermaid_svg = site.mermaid_svg,
						.mermaid_code = site.mermaid_code,
						.rfcs = m->rfcs.n, .entries = m->radar.entries.n};
		stats->written = ws.written;
		stats->kept = ws.kept;
		for (size_t i = 0; i < site.n; i++) {
			size_t l = strlen(site.v[i].path);
			stats->pages += l > 5 && !strcmp(site.v[i].path + l - 5, ".html");
			stats->bytes += site.v[i].data.len;
		}
	}
	ag_site_release(&site);
	return rc;
}
