/*
 * radar_read_composer.c - PHP's Composer: composer.json, composer.lock.
 */
#include <string.h>
#include "radar_scan_impl.h"

static void j_composer(struct ctx *c, const struct jw *w, const char *k, size_t kl,
		       int line, enum jv t, const char *v, size_t vl)
{
	(void)t, (void)v, (void)vl;
	if (w->depth == 2 && k && (pathis(w, 1, "require") || pathis(w, 1, "require-dev"))) {
		enum ag_evidence_kind was = c->kind;
		if (pathis(w, 1, "require-dev"))
			c->kind = AG_EVIDENCE_DEV;
		hit_key(c, AG_ECO_COMPOSER, k, kl, line);
		c->kind = was;
	}
}

void ag_read_composer(struct ctx *c, const char *text, size_t len)
{
	ag_scan_json_walk(c, text, len, j_composer);
}

static void j_composer_lock(struct ctx *c, const struct jw *w, const char *k, size_t kl,
			    int line, enum jv t, const char *v, size_t vl)
{
	if (w->depth == 3 && t == JV_STR && kis(k, kl, "name") &&
	    (pathis(w, 1, "packages") || pathis(w, 1, "packages-dev")))
		hit_key(c, AG_ECO_COMPOSER, v, vl, line);
}

void ag_read_composer_lock(struct ctx *c, const char *text, size_t len)
{
	ag_scan_json_walk(c, text, len, j_composer_lock);
}
