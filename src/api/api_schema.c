/*
 * api_schema.c - examples against schemas, within a step and depth budget;
 * see api_schema.h.
 *
 * Recursive over the example and the schema together; the depth is bounded
 * (64), and so is the work (a step per schema applied to a value), because
 * anyOf/oneOf try every alternative and could otherwise multiply.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "api_schema.h"

#define MAX_DEPTH 64
#define MAX_STEPS ((size_t)100000)

struct sc {
	struct ag_api_set *s;
	bool oas30;
	size_t steps, max_steps;
	char *why;
	size_t whylen;
	const struct ag_ynode *at;
};

enum vt { VT_NULL, VT_BOOL, VT_INT, VT_NUM, VT_STR, VT_OBJ, VT_ARR };

static const char *const vt_names[] = {"null", "a boolean", "an integer", "a number",
				       "a string", "an object", "an array"};

static enum vt vtype(const struct ag_ynode *v, double *num)
{
	*num = 0;
	if (v->kind == AG_Y_MAP)
		return VT_OBJ;
	if (v->kind == AG_Y_SEQ)
		return VT_ARR;
	if (!v->plain)
		return VT_STR;
	if (ag_yaml_is_null(v))
		return VT_NULL;
	if (ag_yaml_bool(v) >= 0)
		return VT_BOOL;
	long long i;
	if (!ag_yaml_int(v, &i)) {
		*num = (double)i;
		return VT_INT;
	}
	if (!ag_yaml_num(v, num))
		return floor(*num) == *num ? VT_INT : VT_NUM;
	return VT_STR;
}

/* -1 not a type name, else whether a value of type t is one. */
static int type_ok(const char *name, enum vt t)
{
	if (!strcmp(name, "null"))
		return t == VT_NULL;
	if (!strcmp(name, "boolean"))
		return t == VT_BOOL;
	if (!strcmp(name, "integer"))
		return t == VT_INT;
	if (!strcmp(name, "number"))
		return t == VT_INT || t == VT_NUM;
	if (!strcmp(name, "string"))
		return t == VT_STR;
	if (!strcmp(name, "object"))
		return t == VT_OBJ;
	if (!strcmp(name, "array"))
		return t == VT_ARR;
	return -1;
}

static int fail(struct sc *c, const struct ag_ynode *at, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static int fail(struct sc *c, const struct ag_ynode *at, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(c->why, c->whylen, fmt, ap);
	va_end(ap);
	c->at = at;
	return AG_API_INVALID;
}

static size_t utf8_len(const char *s, size_t n)
{
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		k += ((unsigned char)s[i] & 0xC0) != 0x80;
	return k;
}

/* Two scalars the same JSON value: same type class and the same text (or
 * the same number). */
static bool same_scalar(const struct ag_ynode *a, const struct ag_ynode *b)
{
	double x, y;
	enum vt ta = vtype(a, &x), tb = vtype(b, &y);
	if ((ta == VT_INT || ta == VT_NUM) && (tb == VT_INT || tb == VT_NUM))
		return x == y;
	return ta == tb && a->len == b->len && !memcmp(a->str, b->str, a->len);
}

static bool num_of(const struct ag_ynode *n, double *out)
{
	return n && n->kind == AG_Y_SCALAR && !ag_yaml_num(n, out);
}

static int check(struct sc *c, struct ag_api_loc sch, const struct ag_ynode *v, int depth);

/* anyOf (want 0: at least one) or oneOf (want 1: exactly one). */
static int alternatives(struct sc *c, size_t doc, const struct ag_ynode *list,
			const struct ag_ynode *v, int depth, bool one, const char *kw)
{
	if (!list || list->kind != AG_Y_SEQ || !list->n)
		return AG_API_VALID;
	size_t valid = 0;
	bool undecided = false;
	for (size_t i = 0; i < list->n; i++) {
		int r = check(c, (struct ag_api_loc){doc, list->kids[i]}, v, depth + 1);
		if (r < 0)
			return r;
		valid += r == AG_API_VALID;
		undecided |= r == AG_API_UNDECIDED;
	}
	if (one && valid > 1)
		return fail(c, v, "matches %zu of the schemas of oneOf, not exactly one", valid);
	if (valid)
		return AG_API_VALID;
	if (undecided)
		return AG_API_UNDECIDED;
	return fail(c, v, "matches none of the schemas of %s", kw);
}

static int check(struct sc *c, struct ag_api_loc sch, const struct ag_ynode *v, int depth)
{
	if (++c->steps > c->max_steps || depth > MAX_DEPTH)
		return AG_API_UNDECIDED;
	struct ag_api_loc sl;
	char why[256];
	int rc = ag_api_deref(c->s, sch, &sl, why, sizeof(why));
	if (rc == AG_ENOMEM)
		return rc;
	if (rc)
		return AG_API_UNDECIDED;
	const struct ag_ynode *n = sl.node;
	if (n->kind == AG_Y_SCALAR) /* 3.1 boolean schemas */
		return ag_yaml_bool(n) == 0 ? fail(c, v, "is not allowed here (schema false)")
					    : AG_API_VALID;
	if (n->kind != AG_Y_MAP)
		return AG_API_VALID;
	double num;
	enum vt t = vtype(v, &num);

	const struct ag_ynode *type = ag_yaml_get(n, "type");
	if (type) {
		int ok = -1;
		if (type->kind == AG_Y_SCALAR) {
			ok = type_ok(type->str, t);
		} else if (type->kind == AG_Y_SEQ) {
			for (size_t i = 0; i < type->n && ok != 1; i++)
				if (type->kids[i]->kind == AG_Y_SCALAR) {
					int k = type_ok(type->kids[i]->str, t);
					if (k >= 0)
						ok = k;
				}
		}
		if (ok == 0 && t == VT_NULL && c->oas30 &&
		    ag_yaml_bool(ag_yaml_get(n, "nullable")) == 1)
			ok = 1;
		const char *want = type->kind == AG_Y_SCALAR ? type->str : "none of its list";
		if (ok == 0 && v->kind == AG_Y_SCALAR)
			return fail(c, v, "'%.80s' is %s, but the schema's type is %s", v->str,
				    vt_names[t], want);
		if (ok == 0)
			return fail(c, v, "is %s, but the schema's type is %s", vt_names[t], want);
	}

	const struct ag_ynode *en = ag_yaml_get(n, "enum");
	if (en && en->kind == AG_Y_SEQ) {
		bool scalars = true, found = false;
		for (size_t i = 0; i < en->n; i++)
			scalars &= en->kids[i]->kind == AG_Y_SCALAR;
		if (scalars && v->kind != AG_Y_SCALAR)
			return fail(c, v, "is %s, not one of the schema's enum", vt_names[t]);
		for (size_t i = 0; scalars && i < en->n && !found; i++)
			found = same_scalar(en->kids[i], v);
		if (scalars && !found)
			return fail(c, v, "'%s' is not one of the schema's enum", v->str);
	}
	const struct ag_ynode *cn = ag_yaml_get(n, "const");
	if (cn && cn->kind == AG_Y_SCALAR &&
	    (v->kind != AG_Y_SCALAR || !same_scalar(cn, v)))
		return fail(c, v, "is not the schema's const '%s'", cn->str);

	if (t == VT_INT || t == VT_NUM) {
		double lim;
		const struct ag_ynode *emin = ag_yaml_get(n, "exclusiveMinimum");
		const struct ag_ynode *emax = ag_yaml_get(n, "exclusiveMaximum");
		bool exmin = ag_yaml_bool(emin) == 1, exmax = ag_yaml_bool(emax) == 1;
		if (num_of(ag_yaml_get(n, "minimum"), &lim) && (exmin ? num <= lim : num < lim))
			return fail(c, v, "%s is below the schema's minimum %g%s", v->str, lim,
				    exmin ? " (exclusive)" : "");
		if (num_of(ag_yaml_get(n, "maximum"), &lim) && (exmax ? num >= lim : num > lim))
			return fail(c, v, "%s is above the schema's maximum %g%s", v->str, lim,
				    exmax ? " (exclusive)" : "");
		if (num_of(emin, &lim) && num <= lim)
			return fail(c, v, "%s is not above the schema's exclusiveMinimum %g", v->str,
				    lim);
		if (num_of(emax, &lim) && num >= lim)
			return fail(c, v, "%s is not below the schema's exclusiveMaximum %g", v->str,
				    lim);
	}
	if (t == VT_STR) {
		double lim;
		size_t len = utf8_len(v->str, v->len);
		if (num_of(ag_yaml_get(n, "minLength"), &lim) && (double)len < lim)
			return fail(c, v, "'%s' is shorter than the schema's minLength %g", v->str,
				    lim);
		if (num_of(ag_yaml_get(n, "maxLength"), &lim) && (double)len > lim)
			return fail(c, v, "'%s' is longer than the schema's maxLength %g", v->str,
				    lim);
	}
	int verdict = AG_API_VALID;
	if (t == VT_OBJ) {
		const struct ag_ynode *req = ag_yaml_get(n, "required");
		for (size_t i = 0; req && req->kind == AG_Y_SEQ && i < req->n; i++) {
			const struct ag_ynode *k = req->kids[i];
			if (k->kind == AG_Y_SCALAR && !ag_api_get(c->s, v, k->str, k->len))
				return fail(c, v, "has no '%s', which the schema requires", k->str);
		}
		const struct ag_ynode *props = ag_yaml_get(n, "properties");
		const struct ag_ynode *addl = ag_yaml_get(n, "additionalProperties");
		for (size_t i = 0; i + 1 < v->n; i += 2) {
			const struct ag_ynode *k = v->kids[i];
			const struct ag_ynode *ps = props && props->kind == AG_Y_MAP
							    ? ag_api_get(c->s, props, k->str, k->len)
							    : NULL;
			int r = AG_API_VALID;
			if (ps)
				r = check(c, (struct ag_api_loc){sl.doc, ps}, v->kids[i + 1], depth + 1);
			else if (addl && ag_yaml_bool(addl) == 0)
				return fail(c, k, "'%s' is not a property the schema allows "
					    "(additionalProperties: false)", k->str);
			else if (addl && addl->kind == AG_Y_MAP)
				r = check(c, (struct ag_api_loc){sl.doc, addl}, v->kids[i + 1],
					  depth + 1);
			if (r < 0 || r == AG_API_INVALID)
				return r;
			if (r == AG_API_UNDECIDED)
				verdict = r;
		}
	}
	if (t == VT_ARR) {
		double lim;
		if (num_of(ag_yaml_get(n, "minItems"), &lim) && (double)v->n < lim)
			return fail(c, v, "has %zu items, fewer than the schema's minItems %g", v->n,
				    lim);
		if (num_of(ag_yaml_get(n, "maxItems"), &lim) && (double)v->n > lim)
			return fail(c, v, "has %zu items, more than the schema's maxItems %g", v->n,
				    lim);
		const struct ag_ynode *items = ag_yaml_get(n, "items");
		for (size_t i = 0; items && items->kind == AG_Y_MAP && i < v->n; i++) {
			int r = check(c, (struct ag_api_loc){sl.doc, items}, v->kids[i], depth + 1);
			if (r < 0 || r == AG_API_INVALID)
				return r;
			if (r == AG_API_UNDECIDED)
				verdict = r;
		}
	}
	const struct ag_ynode *all = ag_yaml_get(n, "allOf");
	for (size_t i = 0; all && all->kind == AG_Y_SEQ && i < all->n; i++) {
		int r = check(c, (struct ag_api_loc){sl.doc, all->kids[i]}, v, depth + 1);
		if (r < 0 || r == AG_API_INVALID)
			return r;
		if (r == AG_API_UNDECIDED)
			verdict = r;
	}
	int r = alternatives(c, sl.doc, ag_yaml_get(n, "anyOf"), v, depth, false, "anyOf");
	if (r < 0 || r == AG_API_INVALID)
		return r;
	if (r == AG_API_UNDECIDED)
		verdict = r;
	r = alternatives(c, sl.doc, ag_yaml_get(n, "oneOf"), v, depth, true, "oneOf");
	if (r < 0 || r == AG_API_INVALID)
		return r;
	return r == AG_API_UNDECIDED ? r : verdict;
}

int ag_api_schema_check(struct ag_api_set *s, struct ag_api_loc schema,
			const struct ag_ynode *value, bool oas30, size_t *budget, char *why,
			size_t whylen, const struct ag_ynode **at)
{
	size_t max = budget && *budget < MAX_STEPS ? *budget : MAX_STEPS;
	struct sc c = {s, oas30, 0, max, why, whylen, value};
	if (whylen)
		why[0] = '\0';
	int r = check(&c, schema, value, 0);
	if (budget)
		*budget -= c.steps < *budget ? c.steps : *budget;
	*at = c.at;
	return r;
}
