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

#endif
