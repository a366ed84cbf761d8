/*
 * api_ruleset.c - Spectral rulesets read for severities (api_ruleset.h).
 * The file is parsed with the positioned YAML tree (JSON is YAML), so a
 * problem in it is at its line and column.
 */
#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api_ruleset.h"
#include "base/array.h"
#include "base/fsutil.h"

static const struct {
	const char *name;
	enum ag_api_rule rule;
} names[] = {
	{"operation-operationId-unique", AG_API_OPERATION_ID_UNIQUE},
	{"path-params", AG_API_PATH_PARAMS},
	{"oas3-api-servers", AG_API_SERVERS},
	{"oas3-unused-component", AG_API_UNUSED_COMPONENT},
	{"oas2-unused-definition", AG_API_UNUSED_COMPONENT},
	{"invalid-ref", AG_API_REF},
	{"oas3-valid-media-example", AG_API_EXAMPLE_VALID},
	{"oas2-valid-media-example", AG_API_EXAMPLE_VALID},
	/* Redocly's names for the seed's standards */
	{"operation-4xx-response", AG_API_ERROR_RESPONSES},
	{"operation-4xx-problem-details-rfc7807", AG_API_PROBLEM_JSON},
	{"path-parameters-defined", AG_API_PATH_PARAMS},
	{"no-unused-components", AG_API_UNUSED_COMPONENT},
	{"no-unresolved-refs", AG_API_REF},
	{"no-invalid-media-type-examples", AG_API_EXAMPLE_VALID},
	{"no-empty-servers", AG_API_SERVERS},
};

int ag_api_ruleset_map(const char *name)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(names[i].name, name))
			return (int)names[i].rule;
	return ag_api_rule_find(name, strlen(name));
}

static int skip(struct ag_api_ruleset *rs, const char *name, const struct ag_ynode *at,
		const char *why)
{
	struct ag_api_skipped *v = ag_array_grow(rs->skipped, &rs->skipped_alloc, rs->nskipped + 1,
						 sizeof(*v), 8);
	if (!v)
		return AG_ENOMEM;
	rs->skipped = v;
	char *n = strdup(name), *w = strdup(why);
	if (!n || !w) {
		free(n);
		free(w);
		return AG_ENOMEM;
	}
	rs->skipped[rs->nskipped++] = (struct ag_api_skipped){n, w, {rs->path, at->line, at->col}};
	return 0;
}

/* A Spectral severity: AG_SEV_*, AG_API_SEV_DEFAULT, or -3 when it is none. */
static int severity(const struct ag_ynode *v)
{
	if (!v || v->kind != AG_Y_SCALAR)
		return -3;
	static const struct {
		const char *s;
		int sev;
	} words[] = {
		{"error", AG_SEV_ERROR}, {"warn", AG_SEV_WARNING}, {"warning", AG_SEV_WARNING},
		{"info", AG_SEV_NOTE}, {"hint", AG_SEV_NOTE}, {"off", AG_SEV_OFF},
		{"0", AG_SEV_ERROR}, {"1", AG_SEV_WARNING}, {"2", AG_SEV_NOTE}, {"3", AG_SEV_NOTE},
		{"-1", AG_SEV_OFF},
	};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (!strcmp(v->str, words[i].s))
			return words[i].sev;
	int b = v->plain ? ag_yaml_bool(v) : -1;
	if (b == 1)
		return AG_API_SEV_DEFAULT;
	if (b == 0)
		return AG_SEV_OFF;
	return -3;
}

static bool is_oas(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR && !strcmp(n->str, "spectral:oas");
}

static int read_extends(struct ag_api_ruleset *rs, const struct ag_ynode *ext, struct ag_diags *d)
{
	const struct ag_ynode *items[64];
	size_t n = 0;
	if (ext->kind == AG_Y_SEQ)
		for (size_t i = 0; i < ext->n && n < 64; i++)
			items[n++] = ext->kids[i];
	else
		items[n++] = ext;
	for (size_t i = 0; i < n; i++) {
		const struct ag_ynode *it = items[i];
		const struct ag_ynode *name = it, *mode = NULL;
		if (it->kind == AG_Y_SEQ && it->n >= 1) {
			name = it->kids[0];
			mode = it->n >= 2 ? it->kids[1] : NULL;
		}
		if (is_oas(name)) {
			if (mode && mode->kind == AG_Y_SCALAR && !strcmp(mode->str, "off"))
				for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++)
					if (rs->sev[names[k].rule] == AG_API_SEV_UNSET &&
					    names[k].rule != AG_API_ERROR_RESPONSES &&
					    names[k].rule != AG_API_PROBLEM_JSON)
						rs->sev[names[k].rule] = AG_SEV_OFF;
			continue;
		}
		if (name->kind == AG_Y_SCALAR) {
			char why[300];
			snprintf(why, sizeof(why), "the ruleset '%.200s' is not read: archgate knows "
				 "spectral:oas only", name->str);
			int rc = skip(rs, name->str, name, why);
			if (rc)
				return rc;
		} else {
			ag_diags_add(d, AG_SEV_ERROR, rs->path, it->line, it->col,
				     "extends: give a ruleset name or [name, off|all|recommended]");
			return AG_EINVAL;
		}
	}
	return 0;
}

/* `rules:` (of the ruleset or of an override) into sev[]. */
static int read_rules(struct ag_api_ruleset *rs, const struct ag_ynode *rules, int *sevs,
		      struct ag_diags *d)
{
	if (rules->kind != AG_Y_MAP) {
		ag_diags_add(d, AG_SEV_ERROR, rs->path, rules->line, rules->col,
			     "rules: is a mapping of rule names to severities or definitions");
		return AG_EINVAL;
	}
	int rc = 0;
	for (size_t i = 0; !rc && i + 1 < rules->n; i += 2) {
		const struct ag_ynode *k = rules->kids[i], *v = rules->kids[i + 1];
		int r = ag_api_ruleset_map(k->str);
		const struct ag_ynode *sevn = v;
		if (v->kind == AG_Y_MAP) {
			if (ag_yaml_get(v, "given") || ag_yaml_get(v, "then")) {
				rc = skip(rs, k->str, k, "a custom rule (given/then) is not run: archgate "
					  "runs its api-* rules and the Spectral rules mapped to them");
				continue;
			}
			sevn = ag_yaml_get(v, "severity");
			if (!sevn) {
				rc = skip(rs, k->str, k, "a rule definition without severity says nothing "
					  "archgate applies");
				continue;
			}
		} else if (v->kind == AG_Y_SEQ && v->n >= 1) {
			sevn = v->kids[0]; /* [severity, options] */
		}
		int sev = severity(sevn);
		if (sev == -3) {
			ag_diags_add(d, AG_SEV_ERROR, rs->path, sevn ? sevn->line : k->line,
				     sevn ? sevn->col : k->col,
				     "rule '%s': not a severity (error, warn, info, hint, off, 0-3, "
				     "true or false)", k->str);
			return AG_EINVAL;
		}
		if (r < 0 && sev == AG_SEV_OFF)
			continue; /* off, and archgate has no such rule: nothing to say */
		if (r < 0) {
			rc = skip(rs, k->str, k, "archgate has no rule for it (docs/api.md lists the "
				  "Spectral rules it maps)");
			continue;
		}
		sevs[r] = sev;
		rs->mapped++;
	}
	return rc;
}

/* `overrides: [{files: [GLOB...], rules: {...}}]`. */
static int read_overrides(struct ag_api_ruleset *rs, const struct ag_ynode *ov, struct ag_diags *d)
{
	if (ov->kind != AG_Y_SEQ) {
		ag_diags_add(d, AG_SEV_ERROR, rs->path, ov->line, ov->col,
			     "overrides: is a list of {files: [...], rules: {...}}");
		return AG_EINVAL;
	}
	for (size_t i = 0; i < ov->n; i++) {
		const struct ag_ynode *it = ov->kids[i];
		const struct ag_ynode *files = ag_yaml_get(it, "files");
		const struct ag_ynode *rules = ag_yaml_get(it, "rules");
		if (!files || files->kind != AG_Y_SEQ || !rules) {
			int rc = skip(rs, "overrides", it, "an override without files: and rules: "
				      "(extends: in an override is not read)");
			if (rc)
				return rc;
			continue;
		}
		struct ag_api_override *v = ag_array_grow(rs->overrides, &rs->overrides_alloc,
							  rs->noverrides + 1, sizeof(*v), 4);
		if (!v)
			return AG_ENOMEM;
		rs->overrides = v;
		struct ag_api_override *o = &v[rs->noverrides++];
		memset(o, 0, sizeof(*o));
		for (size_t k = 0; k < AG_API__NRULES; k++)
			o->sev[k] = AG_API_SEV_UNSET;
		if (!(o->files = calloc(files->n + 1, sizeof(*o->files))))
			return AG_ENOMEM;
		for (size_t k = 0; k < files->n; k++) {
			const struct ag_ynode *f = files->kids[k];
			if (f->kind != AG_Y_SCALAR)
				continue;
			if (strchr(f->str, '#')) {
				int rc = skip(rs, f->str, f, "a file pattern with a JSON pointer (#/...) "
					      "is not applied; use x-archgate-ignore on that node");
				if (rc)
					return rc;
				continue;
			}
			if (!(o->files[o->nfiles] = strdup(f->str)))
				return AG_ENOMEM;
			o->nfiles++;
		}
		int rc = read_rules(rs, rules, o->sev, d);
		if (rc)
			return rc;
	}
	return 0;
}

/* A Spectral glob: '**' crosses folders like '*' does here (fnmatch without
 * FNM_PATHNAME), "./" in front is dropped. */
bool ag_api_ruleset_glob(const char *pat, const char *path)
{
	while (!strncmp(pat, "./", 2))
		pat += 2;
	while (!strncmp(path, "./", 2))
		path += 2;
	char buf[4096];
	size_t k = 0;
	for (const char *p = pat; *p && k + 1 < sizeof(buf); p++) {
		if (p[0] == '*' && p[1] == '*') {
			buf[k++] = '*';
			p++;
			if (p[1] == '/')
				p++; /* "**" + "/" matches no folder too */
			continue;
		}
		buf[k++] = *p;
	}
	buf[k] = '\0';
	return fnmatch(buf, path, 0) == 0;
}

int ag_api_ruleset_severity(const struct ag_api_ruleset *rs, enum ag_api_rule r, const char *file)
{
	int sev = rs->sev[r];
	for (size_t i = 0; file && i < rs->noverrides; i++) {
		const struct ag_api_override *o = &rs->overrides[i];
		if (o->sev[r] == AG_API_SEV_UNSET)
			continue;
		for (size_t k = 0; k < o->nfiles; k++)
			if (ag_api_ruleset_glob(o->files[k], file)) {
				sev = o->sev[r];
				break;
			}
	}
	return sev;
}

int ag_api_ruleset_load(const char *path, struct ag_api_ruleset *rs, struct ag_diags *d)
{
	char *text;
	size_t len;
	int rc = ag_read_file(path, AG_YAML_MAX_BYTES, &text, &len);
	if (rc) {
		memset(rs, 0, sizeof(*rs));
		if (rc != AG_ENOMEM)
			ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot read '%s': %s", path,
				     ag_strerror(rc));
		return rc == AG_ENOMEM ? rc : AG_EIO;
	}
	rc = ag_api_ruleset_parse(text, len, path, rs, d);
	free(text);
	return rc;
}

int ag_api_ruleset_parse(const char *text, size_t len, const char *name,
			 struct ag_api_ruleset *rs, struct ag_diags *d)
{
	memset(rs, 0, sizeof(*rs));
	for (size_t i = 0; i < AG_API__NRULES; i++)
		rs->sev[i] = AG_API_SEV_UNSET;
	if (!(rs->path = strdup(name)))
		return AG_ENOMEM;
	struct ag_arena a;
	ag_arena_init(&a, 0);
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse(&a, rs->path, text, len, &root, d);
	if (!rc && root && root->kind != AG_Y_MAP) {
		ag_diags_add(d, AG_SEV_ERROR, rs->path, root->line, root->col,
			     "a Spectral ruleset is a mapping (extends:, rules:)");
		rc = AG_EINVAL;
	}
	const struct ag_ynode *ext = rc || !root ? NULL : ag_yaml_get(root, "extends");
	if (ext)
		rc = read_extends(rs, ext, d);
	for (size_t i = 0; !rc && root && i + 1 < root->n; i += 2) {
		const struct ag_ynode *k = root->kids[i];
		if (!strcmp(k->str, "aliases") || !strcmp(k->str, "functions") ||
		    !strcmp(k->str, "functionsDir"))
			rc = skip(rs, k->str, k, "custom functions and aliases are for custom rules, "
				  "which archgate does not run");
	}
	const struct ag_ynode *rules = rc || !root ? NULL : ag_yaml_get(root, "rules");
	if (rules)
		rc = read_rules(rs, rules, rs->sev, d);
	const struct ag_ynode *ov = rc || !root ? NULL : ag_yaml_get(root, "overrides");
	if (ov)
		rc = read_overrides(rs, ov, d);
	ag_arena_release(&a);
	return rc;
}

void ag_api_ruleset_release(struct ag_api_ruleset *rs)
{
	for (size_t i = 0; i < rs->nskipped; i++) {
		free(rs->skipped[i].name);
		free(rs->skipped[i].why);
	}
	free(rs->skipped);
	for (size_t i = 0; i < rs->noverrides; i++) {
		for (size_t k = 0; k < rs->overrides[i].nfiles; k++)
			free(rs->overrides[i].files[k]);
		free(rs->overrides[i].files);
	}
	free(rs->overrides);
	free(rs->path);
	memset(rs, 0, sizeof(*rs));
}
