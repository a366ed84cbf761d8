/*
 * radar_read_composer.c - PHP's Composer: composer.json, composer.lock;
 * and the database an application's own configuration names (Laravel's
 * DB_CONNECTION in .env.example, Rails' config/database.yml adapter:),
 * as ADR 0051 has discover read them.
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

const char *ag_radar_db_tech(const char *v, size_t n)
{
	static const struct {
		const char *value, *tech;
	} map[] = {{"postgresql", "PostgreSQL"}, {"postgis", "PostgreSQL"},
		   {"pgsql", "PostgreSQL"},      {"mysql", "MySQL"},
		   {"mysql2", "MySQL"},          {"trilogy", "MySQL"},
		   {"mariadb", "MariaDB"},       {"sqlite", "SQLite"},
		   {"sqlite3", "SQLite"},        {"sqlsrv", "Microsoft SQL Server"},
		   {"sqlserver", "Microsoft SQL Server"}, {"oracle", "Oracle Database"}};
	for (size_t i = 0; i < sizeof(map) / sizeof(*map); i++)
		if (strlen(map[i].value) == n && !memcmp(v, map[i].value, n))
			return map[i].tech;
	return NULL;
}

/* `KEY=value` / `KEY: value` lines: the database each names, direct use
 * (the framework ships the driver, so no dependency gives it away). */
void ag_read_app_config(struct ctx *c, const char *text, size_t len, bool dotenv)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	enum ag_evidence_kind was = c->kind;
	c->kind = AG_EVIDENCE_MANIFEST;
	while (next_trimmed(&l, &s, &e)) {
		const char *key = dotenv ? "DB_CONNECTION=" : "adapter:";
		if (!starts(s, e, key))
			continue;
		const char *t;
		size_t tn;
		ag_scan_token(s + strlen(key), e, &t, &tn);
		const char *tech = tn ? ag_radar_db_tech(t, tn) : NULL;
		if (tech)
			ag_scan_hit_name(c, tech, l.no, s, (size_t)(e - s));
	}
	c->kind = was;
}

void ag_read_phpunit(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	const char *s, *e;
	enum ag_evidence_kind was = c->kind;
	c->kind = AG_EVIDENCE_DEV; /* the database the tests run on */
	bool comment = false;
	while (next_trimmed(&l, &s, &e)) {
		for (const char *p = s; p < e; p++) {
			if (comment) { /* <!-- ... --> names nothing */
				if (starts(p, e, "-->"))
					comment = false, p += 2;
				continue;
			}
			if (starts(p, e, "<!--")) {
				comment = true;
				p += 3;
				continue;
			}
			if (*p != '<' || !(starts(p, e, "<env ") || starts(p, e, "<server ") ||
					   starts(p, e, "<env\t") || starts(p, e, "<server\t")))
				continue;
			const char *gt = memchr(p, '>', (size_t)(e - p));
			const char *el = gt ? gt : e;
			size_t nn, vn;
			const char *nm = ag_scan_xml_attr(p, el, "name", &nn);
			const char *v = nm ? ag_scan_xml_attr(p, el, "value", &vn) : NULL;
			const char *tech = v && nn == 13 && !memcmp(nm, "DB_CONNECTION", 13)
						   ? ag_radar_db_tech(v, vn)
						   : NULL;
			if (tech)
				ag_scan_hit_name(c, tech, l.no, p, (size_t)(el - p + (gt != NULL)));
			p = el - 1;
		}
	}
	c->kind = was;
}
