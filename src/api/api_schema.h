/*
 * api_schema.h - an example checked against its schema: the part of JSON
 * Schema (and OpenAPI 3.0's schema object) that examples get wrong.
 *
 * Understood: type (one or a list; 3.0's nullable), enum and const of
 * scalars, required, properties, additionalProperties (false or a schema),
 * items, minItems/maxItems, minLength/maxLength (in characters),
 * minimum/maximum and both spellings of exclusiveMinimum/Maximum (3.0's
 * booleans, 3.1's numbers), allOf/anyOf/oneOf, and $ref (ag_api_deref()).
 * Everything else (format, pattern, if/then/else, not, ...) is not checked:
 * a schema that needs it can only pass.
 *
 * Values are YAML nodes typed by the core schema, so `42` is an integer,
 * `"42"` a string, `1.0` an integer as in JSON Schema.
 *
 * Bounded: nesting of example and schema up to 64 levels and 100,000 steps
 * per example (anyOf inside anyOf cannot go exponential), and at most
 * *budget steps (the caller's budget for all examples of a run, decreased
 * by the steps taken); past any of them the answer is "undecided" and no
 * finding is made.
 */
#ifndef AG_API_SCHEMA_H
#define AG_API_SCHEMA_H

#include "api_spec.h"

enum ag_api_verdict {
	AG_API_VALID = 0,
	AG_API_INVALID = 1,   /* *why and *at say where and why */
	AG_API_UNDECIDED = 2, /* a limit was reached, or a $ref of the schema broke */
};

/* Checks `value` against the schema at `schema`. On AG_API_INVALID, `why`
 * holds the reason and *at the node of `value` that fails. Returns a verdict,
 * or AG_ENOMEM. */
int ag_api_schema_check(struct ag_api_set *s, struct ag_api_loc schema,
			const struct ag_ynode *value, bool oas30, size_t *budget, char *why,
			size_t whylen, const struct ag_ynode **at);

#endif
