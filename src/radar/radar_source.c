/*
 * radar_source.c - which source files give a language away (ADR 0030).
 *
 * A language is in use where people write it. Code a tool wrote or a
 * vendor shipped says nothing about the team's languages, so it gives none
 * away:
 *
 *   vendored   vendor/, third_party/, node_modules/ ... (radar_walk.c's
 *              skipped folders) and whatever .gitattributes marks
 *              `linguist-vendored`: not scanned at all;
 *   generated  whatever .gitattributes marks `linguist-generated`, files in
 *              build outputs (dist/, build/, out/, target/, .next/, ...,
 *              any folder level) and generated names (*.pb.*, *_pb2.py,
 *              *.min.js, ...): no language evidence, but their manifests
 *              are still read (a generated lockfile is still the lockfile,
 *              and build/ in many layouts holds the Dockerfiles).
 *
 * A `.h` file is C or C++: it is C++ when a C++ source file sits in the
 * same folder; otherwise, once the walk is over, C++ when the repository
 * has C++ sources and no `.c` file (headers in include/, sources in src/),
 * else C. Undecided headers are counted during the walk and recorded at
 * the end (ag_scan_source_finish), the first three by path.
 *
 * .gitattributes patterns are read as gitignore patterns (the same
 * matcher, folder-relative, last match wins); `-linguist-generated` and
 * `linguist-generated=false` unset an earlier match.
 */
#include <string.h>
#include <strings.h>
#include "radar_scan_impl.h"

static bool ext_is(const char *dot, const char *const *list)
{
	for (; *list; list++)
		if (!strcasecmp(dot, *list))
			return true;
	return false;
}

static const char *const cpp_exts[] = {".cc", ".cpp", ".cxx", ".c++", ".hpp", ".hh",
				       ".hxx", ".h++", ".ipp", ".tpp", NULL};

bool ag_source_is_cpp(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && dot != name && ext_is(dot, cpp_exts);
}

/* Folders that hold what a build made, at any level. */
static const char *const build_dirs[] = {
	"dist", "build", "out", "target", ".next", ".nuxt", ".svelte-kit", ".output",
	"__pycache__", "coverage", ".gradle", "obj", "generated", NULL,
};

bool ag_source_generated_name(const char *name)
{
	/* *.pb.go, *.pb.h, *.pb.cc, *_pb2.py, *_pb2_grpc.py, *.min.js ... */
	static const char *const parts[] = {".pb.", "_pb2.", "_pb2_grpc.", ".min.js",
					    ".min.css", ".g.dart", ".freezed.dart",
					    ".generated.", ".designer.cs", "_generated.", NULL};
	if (!strchr(name, '.'))
		return false;
	for (const char *const *p = parts; *p; p++)
		if (strstr(name, *p))
			return true;
	return false;
}

bool ag_source_build_dir(const char *name)
{
	for (const char *const *d = build_dirs; *d; d++)
		if (!strcmp(name, *d))
			return true;
	return false;
}

/* The state of `attr` on one .gitattributes line: 1 set, -1 unset, 0 not
 * named. "linguist-generated", "linguist-generated=true" set it;
 * "-linguist-generated", "!linguist-generated", "=false" unset it. */
static int attr_state(const char *s, const char *e, const char *attr)
{
	size_t an = strlen(attr);
	int st = 0;
	while (s < e) {
		s = skip_ws(s, e);
		const char *t = s;
		while (s < e && *s != ' ' && *s != '\t')
			s++;
		bool neg = t < s && (*t == '-' || *t == '!');
		if (neg)
			t++;
		if ((size_t)(s - t) < an || memcmp(t, attr, an))
			continue;
		const char *rest = t + an;
		if (rest == s)
			st = neg ? -1 : 1;
		else if (*rest == '=')
			st = neg || (s - rest == 6 && !strncasecmp(rest, "=false", 6)) ? -1 : 1;
	}
	return st;
}

int ag_scan_attributes(struct ag_ignore *generated, struct ag_ignore *vendored,
		       const char *text, size_t len, size_t base)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s >= e || *s == '#')
			continue;
		const char *p = s;
		while (p < e && *p != ' ' && *p != '\t')
			p++;
		size_t pn = (size_t)(p - s);
		if (!pn || pn > 1000)
			continue;
		char pat[1004];
		for (int which = 0; which < 2; which++) {
			int st = attr_state(p, e, which ? "linguist-vendored" : "linguist-generated");
			if (!st)
				continue;
			size_t k = 0;
			if (st < 0)
				pat[k++] = '!';
			memcpy(pat + k, s, pn);
			int rc = ag_ignore_add(which ? vendored : generated, pat, k + pn, base);
			if (rc)
				return rc;
		}
	}
	return 0;
}

/* Record the source file c->rel with extension `ext` (in eco ext) shown as
 * `shown`. */
static void hit_ext(struct ctx *c, const char *ext, const char *shown)
{
	c->kind = AG_EVIDENCE_SOURCE;
	ag_scan_hit(c, AG_ECO_EXT, ext, strlen(ext), 1, shown, strlen(shown));
}

void ag_scan_source(struct ctx *c, const char *name, bool generated, bool cpp_here)
{
	const char *dot = strrchr(name, '.');
	if (!dot || dot == name || !dot[1] || generated)
		return;
	if (ag_source_is_cpp(name))
		c->seen_cpp = true;
	else if (!strcasecmp(dot, ".c"))
		c->seen_c = true;
	if (strcmp(dot, ".h")) {
		/* a two-part extension the catalog lists wins (.pkr.hcl is
		 * Packer, not any .hcl) */
		const char *dot2 = dot;
		while (dot2 > name && dot2[-1] != '.')
			dot2--;
		if (dot2 > name + 1 && dot - dot2 <= 16 &&
		    ag_matcher_lookup(&c->m, AG_ECO_EXT, dot2 - 1, strlen(dot2 - 1))) {
			hit_ext(c, dot2 - 1, dot2 - 1);
			return;
		}
		hit_ext(c, dot, dot);
		return;
	}
	if (cpp_here) {
		hit_ext(c, ".hpp", ".h"); /* C++ beside it: a C++ header */
		return;
	}
	/* decided when the walk is over */
	if (c->nheaders < sizeof(c->headers) / sizeof(c->headers[0])) {
		size_t n = strlen(c->rel);
		char *copy = ag_arena_strndup(&c->s->arena, c->rel, n);
		if (!copy) {
			note_err(c, AG_ENOMEM);
			return;
		}
		c->headers[c->nheaders] = copy;
	}
	c->nheaders++;
}

void ag_scan_source_finish(struct ctx *c)
{
	if (!c->nheaders || c->err)
		return;
	bool cpp = c->seen_cpp && !c->seen_c;
	const char *ext = cpp ? ".hpp" : ".h";
	size_t kept = sizeof(c->headers) / sizeof(c->headers[0]);
	if (kept > c->nheaders)
		kept = c->nheaders;
	const char *rel = c->rel;
	for (size_t i = 0; i < kept; i++) {
		c->rel = c->headers[i];
		c->dev_dir = ag_scan_dev_dir(c->rel);
		hit_ext(c, ext, ".h");
	}
	c->rel = rel;
	/* the rest are counted, as ag_scan_used_add() counts dropped evidence */
	size_t rest = c->nheaders - kept;
	const struct ag_match_target *t = ag_matcher_lookup(&c->m, AG_ECO_EXT, ext, strlen(ext));
	if (!rest || !t)
		return;
	struct ag_used *u = ag_scan_used_get(c->s, t->tech ? t->tech->name : t->name, t->tech);
	if (!u) {
		note_err(c, AG_ENOMEM);
		return;
	}
	u->total += rest;
	u->files += rest;
	u->uses[AG_USE_DIRECT] += rest;
}
