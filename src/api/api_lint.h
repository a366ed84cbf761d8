/*
 * api_lint.h - the built-in API rules run over a spec set (api_spec.h),
 * and the exceptions written in the spec itself (ADR-0032).
 *
 * The rules check what the seed asks of every API ("All APIs must return
 * standard HTTP error codes") and the hygiene users expect of a linter:
 *
 *   api-error-responses      every operation declares a 4xx and a 5xx (or default)
 *   api-status-registered    response codes are registered (RFC 9110 and updates)
 *   api-problem-json         error responses are RFC 9457 application/problem+json
 *   api-operation-id-unique  no two operations share an operationId
 *   api-path-params          {params} of a path template are declared, and only they
 *   api-servers              the spec says where the API is served
 *   api-unused-component     every component of a root spec is referenced
 *   api-ref                  every $ref resolves, inside the repository
 *   api-example-valid        examples agree with their schemas (api_schema.h)
 *   api-ignore               x-archgate-ignore entries are well formed and unexpired
 *   api-ignore-unused        every x-archgate-ignore entry covers a finding
 *
 * This layer knows the rules by id only; their titles, severities,
 * rationales and fixes are in the rule registry (rules/rules_api.c) like
 * every other rule's, and the registry turns these findings into the
 * findings the report writers print.
 *
 * Exceptions: any mapping of the spec may carry
 *
 *   x-archgate-ignore:
 *     - {rule: api-servers, reason: "internal only", expires: 2027-06-30}
 *
 * which covers that rule's findings on the mapping and on everything the
 * rules reach from it (an operation's ignore covers its responses, even
 * through $refs). `reason` and `expires` (YYYY-MM-DD) are required, like a
 * policy waiver's: from the day after it the entry covers nothing and is an
 * api-ignore error.
 */
#ifndef AG_API_LINT_H
#define AG_API_LINT_H

#include "api_spec.h"

enum ag_api_rule {
	AG_API_ERROR_RESPONSES,
	AG_API_STATUS_REGISTERED,
	AG_API_PROBLEM_JSON,
	AG_API_OPERATION_ID_UNIQUE,
	AG_API_PATH_PARAMS,
	AG_API_SERVERS,
	AG_API_UNUSED_COMPONENT,
	AG_API_REF,
	AG_API_EXAMPLE_VALID,
	AG_API_IGNORE,
	AG_API_IGNORE_UNUSED,
	AG_API__NRULES
};

/* The rule's id ("api-servers"); NULL out of range. */
const char *ag_api_rule_id(enum ag_api_rule r);
/* The rule with id `id`, or -1. */
int ag_api_rule_find(const char *id, size_t len);

/* One x-archgate-ignore entry. Strings point into the spec set. */
struct ag_api_ignore {
	const char *rule, *reason, *expires;
	struct ag_pos pos, rule_pos, reason_pos, expires_pos;
	long expires_day;        /* days since 1970-01-01 */
	bool expired;
	bool used;
	const struct ag_ynode *owner; /* the mapping it sits on */
};

struct ag_api_finding {
	enum ag_api_rule rule;
	char *message;           /* owned */
	struct ag_pos pos;       /* file borrowed from the spec set */
	const struct ag_api_ignore *ignore; /* non-NULL: covered by this entry */
};

/* Schema steps (api_schema.h) for all the examples of one run: a spec of
 * many hostile schemas costs a second or two, not hours. Examples left when
 * it is spent are counted in examples_unchecked. */
#define AG_API_EXAMPLE_STEPS ((size_t)5000000)

/* Findings kept per run; more are counted in `dropped` (a hostile spec
 * could otherwise make millions, all alike). */
#define AG_API_MAX_FINDINGS ((size_t)100000)

struct ag_api_result {
	struct ag_api_finding *v;
	size_t n, alloc;
	size_t dropped;          /* findings past AG_API_MAX_FINDINGS */
	size_t examples_unchecked; /* examples past AG_API_EXAMPLE_STEPS */
	struct ag_api_ignore *ignores;
	size_t nignores;
	size_t operations;       /* operations linted, for the summary */
};

struct ag_api_lint_opts {
	long today;              /* days since epoch: expiry of ignores */
};

/* Runs every rule over the root documents of `s` (and what they reference).
 * Findings are appended to `res` in document order. Returns 0 or AG_ENOMEM;
 * input errors met on the way (a referenced file that does not parse) are
 * in the set's diagnostics. */
int ag_api_lint(struct ag_api_set *s, const struct ag_api_lint_opts *o,
		struct ag_api_result *res);
void ag_api_result_release(struct ag_api_result *res);

#endif
