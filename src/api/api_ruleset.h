/*
 * api_ruleset.h - a team's Spectral ruleset (.spectral.yaml, .spectral.yml,
 * .spectral.json) read for what it says about the rules archgate has
 * (ADR-0048), so that turning a rule off or down in Spectral's file does
 * the same in `archgate api lint`.
 *
 * Understood:
 *   extends: spectral:oas | [spectral:oas] | [[spectral:oas, off|all|recommended]]
 *            (off: the Spectral rules archgate maps start off; others are
 *            noted as not read)
 *   rules:   NAME: error|warn|info|hint|off | 0..3 | true|false
 *            NAME: {severity: ...}            (an override, nothing else)
 * where NAME is a Spectral rule archgate maps to one of its own
 * (operation-operationId-unique -> api-operation-id-unique, path-params,
 * oas3-api-servers, oas3-unused-component, oas2-unused-definition,
 * invalid-ref, oas3-valid-media-example, oas2-valid-media-example), a
 * Redocly name (operation-4xx-response, operation-4xx-problem-details-
 * rfc7807) or an api-* id. A rule with `given`/`then` (a custom rule), a
 * Spectral rule without a counterpart, `aliases` and `functions` are not
 * run; each is listed once in `skipped` with why. `overrides:` entries
 * ({files: [GLOB], rules: {...}}) give severities per file; a file pattern
 * with a JSON pointer (file#/paths/...) is listed as not applied.
 *
 * Severities: error -> error, warn -> warning, info and hint -> note,
 * off/false -> off, true -> the rule's own.
 *
 * Ownership: the ruleset owns its strings. Errors in the file (not YAML,
 * not a mapping, a severity that is none) are diagnostics at file:line:col.
 */
#ifndef AG_API_RULESET_H
#define AG_API_RULESET_H

#include "api_lint.h"

#define AG_API_SEV_UNSET (-1)
#define AG_API_SEV_DEFAULT (-2) /* true: the rule's own severity */

struct ag_api_skipped {
	char *name;          /* owned */
	char *why;           /* owned */
	struct ag_pos pos;   /* file borrowed from the ruleset's path */
};

/* One entry of `overrides:`: severities for the files its globs match. */
struct ag_api_override {
	char **files;        /* owned globs, relative to the ruleset's folder */
	size_t nfiles;
	int sev[AG_API__NRULES];
};

struct ag_api_ruleset {
	char *path;          /* owned */
	struct ag_api_override *overrides;
	size_t noverrides, overrides_alloc;
	int sev[AG_API__NRULES]; /* AG_SEV_*, AG_API_SEV_UNSET or AG_API_SEV_DEFAULT */
	struct ag_api_skipped *skipped;
	size_t nskipped, skipped_alloc;
	size_t mapped;       /* rules entries applied */
};

/* Reads `path`. Returns 0; AG_EPARSE/AG_EINVAL/AG_EIO after a diagnostic;
 * AG_ENOMEM. */
int ag_api_ruleset_load(const char *path, struct ag_api_ruleset *rs, struct ag_diags *d);
/* The same from text (`name` in diagnostics); for tests and fuzzing. */
int ag_api_ruleset_parse(const char *text, size_t len, const char *name,
			 struct ag_api_ruleset *rs, struct ag_diags *d);
void ag_api_ruleset_release(struct ag_api_ruleset *rs);

/* The severity the ruleset gives rule `r` for findings in `file` (a path
 * relative to the ruleset's folder; NULL: no override applies): the last
 * override whose files match and that names the rule, else rules:. */
int ag_api_ruleset_severity(const struct ag_api_ruleset *rs, enum ag_api_rule r,
			    const char *file);
/* Whether Spectral glob `pat` matches `path` ('**' as '*'). */
bool ag_api_ruleset_glob(const char *pat, const char *path);

/* The archgate rule a Spectral or Redocly rule name stands for, or -1. */
int ag_api_ruleset_map(const char *name);

#endif
