/*
 * site_impl.h - what the files of src/site/ share (private to the folder).
 */
#ifndef AG_SITE_IMPL_H
#define AG_SITE_IMPL_H

#include "site.h"

/* The site's static assets (site_assets.c): stylesheet and script. */
extern const char ag_site_css[];
extern const char ag_site_js[];
extern const char ag_site_live_js[]; /* the built site's no-op assets/live.js */
extern const char ag_site_favicon[]; /* assets/favicon.svg */

/* Add a file to `site`, taking `data` (left empty). Returns 0 or AG_ENOMEM. */
int ag_site_add(struct ag_site *site, const char *path, struct ag_buf *data);

/* HTML text or attribute value: NULL adds nothing. */
void ag_site_h(struct ag_buf *b, const char *s);
void ag_site_hn(struct ag_buf *b, const char *s, size_t n);

/* The SLOs page's error-budget burn-down section (site_slo.c): one SVG a
 * SLO from error_budget.events, or a paragraph saying no status source is
 * set. Returns 0 or AG_ENOMEM. */
int ag_site_burn(struct ag_buf *b, const struct ag_model *m);

/* Mermaid blocks drawn by the Mermaid CLI (site_mermaid.c): one a build. */
struct ag_site_mermaid {
	const struct ag_site_opts *o;
	bool looked;          /* the renderer was looked up */
	char *cmd;            /* its path; NULL: not installed */
	char *browser;        /* the browser puppeteer starts; NULL: puppeteer's own */
	char *tmpdir;         /* the configs, each diagram's input and output */
	unsigned long long ident_a, ident_b; /* hash of renderer, configs: the cache key's start */
	size_t rendered, cached; /* diagrams drawn, and taken from the cache */
	size_t runs;          /* times the renderer was started */
	struct ag_site_memo *memo; /* drawn this build (a batch): key, source, SVG */
	size_t nmemo;
};

/* Draw every diagram of `srcs` that is not in the cache in one run of the
 * renderer (mmdc's Markdown input: one browser start for all), keeping
 * what it draws for ag_site_mermaid(). A batch that fails keeps nothing:
 * each diagram is then drawn alone, and its own error reported. Returns
 * 0 or AG_ENOMEM. */
int ag_site_mermaid_batch(struct ag_site_mermaid *mm, const char *const *srcs,
			  const size_t *lens, size_t n);

/* Draw `src` (n bytes of Mermaid) into `svg`, cleaned (ag_site_svg_clean);
 * `key` gets its 32 hex digits (the content hash). Returns 0, AG_ENOENT
 * when no renderer is set or installed, AG_EIO when it failed (`why` says
 * how: "it exited with status 1: Parse error on line 2"), AG_ENOMEM. */
int ag_site_mermaid(struct ag_site_mermaid *mm, const char *src, size_t n, char key[33],
		    struct ag_buf *svg, struct ag_buf *why);
/* Removes the temporary folder, frees what was looked up. */
void ag_site_mermaid_release(struct ag_site_mermaid *mm);

#endif
