/*
 * api_diff.h - the changes between two versions of an API spec, and which
 * of them break the API's clients (ADR-0046).
 *
 * A diff compares one root document of an old spec set with one of a new
 * set (api_spec.h: each resolves its own $refs, so a version whose schemas
 * live in other files compares like one in a single file). It walks what a
 * client depends on and classifies every change by whom it hurts:
 *
 *   breaking  a client written against the old spec fails against the new:
 *             a path, operation, status code or response media type
 *             removed; a response field removed (a rename is a removal and
 *             an addition, and is said so), made optional, or of another
 *             type; a request parameter or body field added as required or
 *             made required; a request type narrowed; an enum value a
 *             client may send removed, or an enum added where any value was
 *             accepted; a request bound narrowed (a lower maximum or
 *             maxLength, a higher minimum, additionalProperties: false);
 *             a request media type removed;
 *   warning   may break some clients: an enum value added to a response (a
 *             client's switch has no case for it), a request parameter or
 *             field removed (a client that still sends it may be refused);
 *   info      additions nobody depends on yet: a path, an operation, a
 *             status code, an optional parameter or field.
 *
 * Operations are matched by method and path template, with the names of
 * path parameters ignored (/pets/{id} and /pets/{petId} are one endpoint),
 * parameters by location and name (path parameters by their position in
 * the template). Schemas are compared through $ref, allOf (its members'
 * properties and required lists are merged), properties and items, to a
 * depth of AG_API_DIFF_DEPTH; a recursive schema is compared once per pair
 * of nodes, so a cycle ends.
 *
 * Each change is placed at the node of the new spec it concerns, or, for a
 * removal, at the nearest node the new spec still has (the operation, its
 * responses), with the removed node's place in the old spec beside it.
 *
 * Ownership: the result owns its messages; positions borrow file names
 * from the spec sets, which must outlive it.
 */
#ifndef AG_API_DIFF_H
#define AG_API_DIFF_H

#include "api_spec.h"

#define AG_API_DIFF_DEPTH 32
#define AG_API_DIFF_MAX ((size_t)100000) /* changes kept; more are counted */

enum ag_api_level {
	AG_API_INFO,
	AG_API_WARNING,
	AG_API_BREAKING,
};

/* "breaking", "warning", "info". */
const char *ag_api_level_name(enum ag_api_level l);
/* The level named `s`, or -1. */
int ag_api_level_parse(const char *s);

struct ag_api_change {
	const char *kind;        /* a static id: "response-field-removed" */
	enum ag_api_level level;
	char *message;           /* owned: "GET /pets: response 200 ...: field 'name' was removed" */
	struct ag_pos pos;       /* in the new spec */
	struct ag_pos old;       /* in the old spec; file NULL when the change is an addition */
};

struct ag_api_diff {
	struct ag_api_change *v;
	size_t n, alloc;
	size_t dropped;          /* changes past AG_API_DIFF_MAX */
	size_t count[3];         /* per level */
	size_t operations;       /* operations of the old spec compared */
};

/* Compares root document `odoc` of `olds` with `ndoc` of `news`. Changes
 * are appended to `out` (zeroed by the caller) in the new spec's order.
 * Returns 0 or AG_ENOMEM; $refs that do not resolve are skipped (api lint
 * reports them). */
int ag_api_diff(struct ag_api_set *olds, size_t odoc, struct ag_api_set *news, size_t ndoc,
		struct ag_api_diff *out);
void ag_api_diff_release(struct ag_api_diff *d);

/* The ids of every kind of change with its level, for docs and tests:
 * a NULL-terminated table. */
struct ag_api_change_kind {
	const char *kind;
	enum ag_api_level level;
	const char *what;
};
extern const struct ag_api_change_kind ag_api_change_kinds[];

#endif
