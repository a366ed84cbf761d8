/*
 * api_diff.c - breaking changes between two versions of a spec (ADR-0046).
 *
 * The walk goes old spec first, because what breaks a client is what the
 * old spec promised: every old path, operation, parameter, status code and
 * schema is looked up in the new one, and the new one's additions are
 * found by the reverse look-up at each level. Requests and responses are
 * compared in opposite directions (a request may accept more, a response
 * may promise less of what clients do not read), which is the one idea of
 * this file: cmp_schema() takes the direction and decides by it.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "api_diff.h"
#include "base/array.h"
#include "base/buf.h"

enum kind {
	K_PATH_REMOVED,
	K_OPERATION_REMOVED,
	K_PARAM_ADDED_REQUIRED,
	K_PARAM_MADE_REQUIRED,
	K_BODY_ADDED_REQUIRED,
	K_BODY_MADE_REQUIRED,
	K_REQUEST_FIELD_ADDED_REQUIRED,
	K_REQUEST_FIELD_MADE_REQUIRED,
	K_REQUEST_TYPE_CHANGED,
	K_REQUEST_ENUM_VALUE_REMOVED,
	K_REQUEST_ENUM_ADDED,
	K_REQUEST_MEDIA_REMOVED,
	K_REQUEST_NARROWED,
	K_STATUS_REMOVED,
	K_RESPONSE_MEDIA_REMOVED,
	K_RESPONSE_FIELD_REMOVED,
	K_RESPONSE_FIELD_MADE_OPTIONAL,
	K_RESPONSE_TYPE_CHANGED,
	K_RESPONSE_ENUM_VALUE_ADDED,
	K_PARAM_REMOVED,
	K_REQUEST_FIELD_REMOVED,
	K_REQUEST_BODY_REMOVED,
	K_PATH_ADDED,
	K_OPERATION_ADDED,
	K_PARAM_ADDED,
	K_STATUS_ADDED,
	K_REQUEST_FIELD_ADDED,
	K_RESPONSE_FIELD_ADDED,
	K__N
};

const struct ag_api_change_kind ag_api_change_kinds[] = {
	[K_PATH_REMOVED] = {"path-removed", AG_API_BREAKING, "a path and all its operations removed"},
	[K_OPERATION_REMOVED] = {"operation-removed", AG_API_BREAKING, "an operation removed"},
	[K_PARAM_ADDED_REQUIRED] = {"param-added-required", AG_API_BREAKING,
				    "a new required parameter"},
	[K_PARAM_MADE_REQUIRED] = {"param-made-required", AG_API_BREAKING,
				   "an optional parameter made required"},
	[K_BODY_ADDED_REQUIRED] = {"body-added-required", AG_API_BREAKING,
				   "a required request body where there was none"},
	[K_BODY_MADE_REQUIRED] = {"body-made-required", AG_API_BREAKING,
				  "an optional request body made required"},
	[K_REQUEST_FIELD_ADDED_REQUIRED] = {"request-field-added-required", AG_API_BREAKING,
					    "a new required field in a request body"},
	[K_REQUEST_FIELD_MADE_REQUIRED] = {"request-field-made-required", AG_API_BREAKING,
					   "an optional request field made required"},
	[K_REQUEST_TYPE_CHANGED] = {"request-type-changed", AG_API_BREAKING,
				    "a parameter or request field no longer accepts a type it did"},
	[K_REQUEST_ENUM_VALUE_REMOVED] = {"request-enum-value-removed", AG_API_BREAKING,
					  "an enum value clients may send removed"},
	[K_REQUEST_ENUM_ADDED] = {"request-enum-added", AG_API_BREAKING,
				  "an enum where any value was accepted"},
	[K_REQUEST_MEDIA_REMOVED] = {"request-media-removed", AG_API_BREAKING,
				     "a request media type no longer accepted"},
	[K_REQUEST_NARROWED] = {"request-constraint-narrowed", AG_API_BREAKING,
				"a bound, length or additionalProperties: false that refuses what "
				"was accepted"},
	[K_STATUS_REMOVED] = {"status-removed", AG_API_BREAKING,
			      "a response status code removed"},
	[K_RESPONSE_MEDIA_REMOVED] = {"response-media-removed", AG_API_BREAKING,
				      "a response media type removed"},
	[K_RESPONSE_FIELD_REMOVED] = {"response-field-removed", AG_API_BREAKING,
				      "a response field removed or renamed"},
	[K_RESPONSE_FIELD_MADE_OPTIONAL] = {"response-field-made-optional", AG_API_BREAKING,
					    "a required response field made optional"},
	[K_RESPONSE_TYPE_CHANGED] = {"response-type-changed", AG_API_BREAKING,
				     "a response field may now have a type it could not"},
	[K_RESPONSE_ENUM_VALUE_ADDED] = {"response-enum-value-added", AG_API_WARNING,
					 "a response enum gained a value clients do not know"},
	[K_PARAM_REMOVED] = {"param-removed", AG_API_WARNING, "a parameter removed"},
	[K_REQUEST_FIELD_REMOVED] = {"request-field-removed", AG_API_WARNING,
				     "a request field removed"},
	[K_REQUEST_BODY_REMOVED] = {"request-body-removed", AG_API_WARNING,
				    "a request body removed"},
	[K_PATH_ADDED] = {"path-added", AG_API_INFO, "a new path"},
	[K_OPERATION_ADDED] = {"operation-added", AG_API_INFO, "a new operation"},
	[K_PARAM_ADDED] = {"param-added", AG_API_INFO, "a new optional parameter"},
	[K_STATUS_ADDED] = {"status-added", AG_API_INFO, "a new response status code"},
	[K_REQUEST_FIELD_ADDED] = {"request-field-added", AG_API_INFO,
				   "a new optional request field"},
	[K_RESPONSE_FIELD_ADDED] = {"response-field-added", AG_API_INFO, "a new response field"},
	[K__N] = {NULL, AG_API_INFO, NULL},
};

const char *ag_api_level_name(enum ag_api_level l)
{
	switch (l) {
	case AG_API_BREAKING:
		return "breaking";
	case AG_API_WARNING:
		return "warning";
	case AG_API_INFO:
		return "info";
	}
	return "?";
}

int ag_api_level_parse(const char *s)
{
	if (!strcmp(s, "breaking"))
		return AG_API_BREAKING;
	if (!strcmp(s, "warning"))
		return AG_API_WARNING;
	if (!strcmp(s, "info"))
		return AG_API_INFO;
	return -1;
}

struct side {
	struct ag_api_set *s;
	size_t doc;
	bool swagger;
};

struct seen_pair {
	const struct ag_ynode *a, *b;
};

struct D {
	struct side o, n;
	struct ag_api_diff *out;
	int err;
	const char *op; /* "GET /pets": the prefix of messages */
	struct seen_pair *seen;
	size_t nseen, seen_alloc;
};

enum dir { REQ, RESP };

static struct ag_pos pos_of(const struct side *sd, struct ag_api_loc l)
{
	struct ag_pos p = {0};
	if (l.node) {
		p.file = sd->s->docs[l.doc].name;
		p.line = l.node->line;
		p.col = l.node->col;
	}
	return p;
}

__attribute__((format(printf, 5, 6))) static void add(struct D *D, enum kind k,
							struct ag_api_loc npos,
							struct ag_api_loc opos, const char *fmt, ...)
{
	if (D->err)
		return;
	enum ag_api_level lv = ag_api_change_kinds[k].level;
	D->out->count[lv]++;
	if (D->out->n >= AG_API_DIFF_MAX) {
		D->out->dropped++;
		return;
	}
	char msg[1024];
	size_t off = 0;
	if (D->op)
		off = ag_snprintf(msg, sizeof(msg), "%s: ", D->op);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg + off, sizeof(msg) - off, fmt, ap);
	va_end(ap);
	struct ag_api_change *v = ag_array_grow(D->out->v, &D->out->alloc, D->out->n + 1,
						sizeof(*v), 64);
	char *m = strdup(msg);
	if (!v || !m) {
		free(m);
		D->err = AG_ENOMEM;
		return;
	}
	D->out->v = v;
	struct ag_api_change *c = &v[D->out->n++];
	c->kind = ag_api_change_kinds[k].kind;
	c->level = lv;
	c->message = m;
	c->pos = pos_of(&D->n, npos);
	c->old = pos_of(&D->o, opos);
}

static const struct ag_api_loc NONE = {0, NULL};

static bool dr(struct D *D, struct side *sd, struct ag_api_loc at, struct ag_api_loc *out)
{
	if (!at.node)
		return false;
	char why[256];
	int rc = ag_api_deref(sd->s, at, out, why, sizeof(why));
	if (rc == AG_ENOMEM)
		D->err = rc;
	return rc == 0;
}

static struct ag_api_loc get(struct side *sd, struct ag_api_loc m, const char *key)
{
	if (!m.node || m.node->kind != AG_Y_MAP)
		return NONE;
	const struct ag_ynode *v = ag_api_get(sd->s, m.node, key, strlen(key));
	return (struct ag_api_loc){m.doc, v};
}

/* The value of `key`, $ref followed. */
static struct ag_api_loc getd(struct D *D, struct side *sd, struct ag_api_loc m, const char *key)
{
	struct ag_api_loc v = get(sd, m, key), out;
	return dr(D, sd, v, &out) ? out : NONE;
}

/* The key node of `key` in mapping `m`, for positions. */
static struct ag_api_loc key_of(struct ag_api_loc m, const char *key)
{
	if (!m.node || m.node->kind != AG_Y_MAP)
		return NONE;
	for (size_t i = 0; i + 1 < m.node->n; i += 2)
		if (!strcmp(m.node->kids[i]->str, key))
			return (struct ag_api_loc){m.doc, m.node->kids[i]};
	return NONE;
}

static bool is_ext(const struct ag_ynode *k)
{
	return k->len >= 2 && k->str[0] == 'x' && k->str[1] == '-';
}

static const char *const methods[] = {"get", "put", "post", "delete", "options",
				      "head", "patch", "trace", "query"};

static bool is_method(const struct ag_ynode *k)
{
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		if (!strcmp(k->str, methods[i]))
			return true;
	return false;
}

/* ---- schemas -------------------------------------------------------------------------- */

enum {
	T_STRING = 1, T_NUMBER = 2, T_INTEGER = 4, T_BOOLEAN = 8, T_ARRAY = 16, T_OBJECT = 32,
	T_NULL = 64,
};
static const char *const type_names[] = {"string", "number", "integer", "boolean",
					 "array", "object", "null"};

static unsigned type_bit(const struct ag_ynode *n)
{
	if (!n || n->kind != AG_Y_SCALAR)
		return 0;
	for (unsigned i = 0; i < 7; i++)
		if (!strcmp(n->str, type_names[i]))
			return 1u << i;
	return 0;
}

/* The types a schema allows: a mask, 0 when it does not constrain them.
 * Without `type`, a oneOf or anyOf allows what its members allow. */
static unsigned types_of(struct D *D, struct side *sd, struct ag_api_loc s, int depth)
{
	struct ag_api_loc t = get(sd, s, "type");
	unsigned m = 0;
	if (!t.node && depth < 8) {
		struct ag_api_loc alt = get(sd, s, "oneOf");
		if (!alt.node)
			alt = get(sd, s, "anyOf");
		for (size_t i = 0; alt.node && alt.node->kind == AG_Y_SEQ && i < alt.node->n; i++) {
			struct ag_api_loc mem;
			unsigned mm = dr(D, sd, (struct ag_api_loc){alt.doc, alt.node->kids[i]}, &mem)
					      ? types_of(D, sd, mem, depth + 1)
					      : 0;
			if (!mm)
				return 0; /* one member takes anything */
			m |= mm;
		}
		return m;
	}
	if (t.node && t.node->kind == AG_Y_SEQ) {
		for (size_t i = 0; i < t.node->n; i++)
			m |= type_bit(t.node->kids[i]);
	} else {
		m = type_bit(t.node);
	}
	if (m && ag_yaml_bool(get(sd, s, "nullable").node) == 1)
		m |= T_NULL;
	return m;
}

static bool accepts(unsigned mask, unsigned t)
{
	return !mask || (mask & t) || (t == T_INTEGER && (mask & T_NUMBER));
}

static void type_text(unsigned mask, char *out, size_t cap)
{
	size_t k = 0;
	out[0] = '\0';
	if (!mask) {
		snprintf(out, cap, "any");
		return;
	}
	for (unsigned i = 0; i < 7; i++) {
		if (!(mask & (1u << i)))
			continue;
		k += ag_snprintf(out + k, cap - k, "%s%s", k ? "|" : "", type_names[i]);
	}
}

static bool in_enum(const struct ag_ynode *e, const struct ag_ynode *v)
{
	for (size_t i = 0; e && i < e->n; i++)
		if (e->kids[i]->kind == AG_Y_SCALAR && e->kids[i]->len == v->len &&
		    !memcmp(e->kids[i]->str, v->str, v->len))
			return true;
	return false;
}

struct prop {
	const struct ag_ynode *name;
	struct ag_api_loc key;    /* the property's key, for positions */
	struct ag_api_loc schema; /* its schema, $ref not yet followed */
	bool required;
};

struct props {
	struct prop *v;
	size_t n, alloc;
};

#define MAX_PROPS 4096

static struct prop *find_prop(struct props *p, const char *name)
{
	for (size_t i = 0; i < p->n; i++)
		if (!strcmp(p->v[i].name->str, name))
			return &p->v[i];
	return NULL;
}

/* The properties of schema `s` (followed), with those of its allOf members. */
static void collect_props(struct D *D, struct side *sd, struct ag_api_loc s, struct props *p,
			  int depth)
{
	if (D->err || depth > 8 || !s.node || s.node->kind != AG_Y_MAP)
		return;
	struct ag_api_loc pr = getd(D, sd, s, "properties");
	for (size_t i = 0; pr.node && pr.node->kind == AG_Y_MAP && i + 1 < pr.node->n; i += 2) {
		const struct ag_ynode *k = pr.node->kids[i];
		if (find_prop(p, k->str) || p->n >= MAX_PROPS)
			continue;
		struct prop *v = ag_array_grow(p->v, &p->alloc, p->n + 1, sizeof(*v), 16);
		if (!v) {
			D->err = AG_ENOMEM;
			return;
		}
		p->v = v;
		p->v[p->n++] = (struct prop){k, {pr.doc, k}, {pr.doc, pr.node->kids[i + 1]}, false};
	}
	struct ag_api_loc all = get(sd, s, "allOf");
	for (size_t i = 0; all.node && all.node->kind == AG_Y_SEQ && i < all.node->n; i++) {
		struct ag_api_loc m;
		if (dr(D, sd, (struct ag_api_loc){all.doc, all.node->kids[i]}, &m))
			collect_props(D, sd, m, p, depth + 1);
	}
	struct ag_api_loc req = get(sd, s, "required");
	for (size_t i = 0; req.node && req.node->kind == AG_Y_SEQ && i < req.node->n; i++) {
		if (req.node->kids[i]->kind != AG_Y_SCALAR)
			continue;
		struct prop *q = find_prop(p, req.node->kids[i]->str);
		if (q)
			q->required = true;
	}
}

static void join_field(char *out, size_t cap, const char *field, const char *name)
{
	if (*field)
		snprintf(out, cap, "%s.%s", field, name);
	else
		snprintf(out, cap, "%s", name);
}

/* "field 'a.b'" or "the schema". */
static const char *what(const char *field, char *buf, size_t cap)
{
	if (!*field)
		return "the schema";
	snprintf(buf, cap, "field '%s'", field);
	return buf;
}

static bool seen_pair(struct D *D, const struct ag_ynode *a, const struct ag_ynode *b)
{
	for (size_t i = 0; i < D->nseen; i++)
		if (D->seen[i].a == a && D->seen[i].b == b)
			return true;
	struct seen_pair *v = ag_array_grow(D->seen, &D->seen_alloc, D->nseen + 1, sizeof(*v), 32);
	if (!v) {
		D->err = AG_ENOMEM;
		return true;
	}
	D->seen = v;
	D->seen[D->nseen++] = (struct seen_pair){a, b};
	return false;
}

static void cmp_schema(struct D *D, enum dir dir, const char *where, const char *field,
		       struct ag_api_loc oat, struct ag_api_loc nat, int depth);

static void cmp_enum(struct D *D, enum dir dir, const char *where, const char *field,
		     struct ag_api_loc os, struct ag_api_loc ns)
{
	struct ag_api_loc oe = get(&D->o, os, "enum"), ne = get(&D->n, ns, "enum");
	if (oe.node && oe.node->kind != AG_Y_SEQ)
		oe = NONE;
	if (ne.node && ne.node->kind != AG_Y_SEQ)
		ne = NONE;
	char wb[600];
	const char *w = what(field, wb, sizeof(wb));
	if (dir == REQ) {
		if (!ne.node)
			return;
		if (!oe.node) {
			add(D, K_REQUEST_ENUM_ADDED, ne, os,
			    "%s: %s now accepts only the values of its enum; clients may send "
			    "others", where, w);
			return;
		}
		for (size_t i = 0; i < oe.node->n; i++) {
			const struct ag_ynode *v = oe.node->kids[i];
			if (v->kind == AG_Y_SCALAR && !in_enum(ne.node, v))
				add(D, K_REQUEST_ENUM_VALUE_REMOVED, ne, (struct ag_api_loc){oe.doc, v},
				    "%s: %s no longer accepts '%s' (removed from its enum)", where, w,
				    v->str);
		}
	} else {
		if (!oe.node || !ne.node)
			return;
		for (size_t i = 0; i < ne.node->n; i++) {
			const struct ag_ynode *v = ne.node->kids[i];
			if (v->kind == AG_Y_SCALAR && !in_enum(oe.node, v))
				add(D, K_RESPONSE_ENUM_VALUE_ADDED, (struct ag_api_loc){ne.doc, v}, oe,
				    "%s: %s may now be '%s', which clients have not seen (added to "
				    "its enum)", where, w, v->str);
		}
	}
}

static void cmp_types(struct D *D, enum dir dir, const char *where, const char *field,
		      struct ag_api_loc os, struct ag_api_loc ns)
{
	unsigned om = types_of(D, &D->o, os, 0), nm = types_of(D, &D->n, ns, 0);
	bool bad = false;
	if (dir == REQ) {
		if (!om && nm)
			bad = true; /* anything was accepted, now only some types */
		for (unsigned i = 0; i < 7 && !bad; i++)
			if ((om & (1u << i)) && !accepts(nm, 1u << i))
				bad = true;
	} else {
		for (unsigned i = 0; i < 7 && !bad && om; i++)
			if ((nm & (1u << i)) && !accepts(om, 1u << i))
				bad = true;
	}
	if (!bad)
		return;
	char ot[80], nt[80], wb[600];
	type_text(om, ot, sizeof(ot));
	type_text(nm, nt, sizeof(nt));
	struct ag_api_loc np = get(&D->n, ns, "type"), op = get(&D->o, os, "type");
	add(D, dir == REQ ? K_REQUEST_TYPE_CHANGED : K_RESPONSE_TYPE_CHANGED, np.node ? np : ns,
	    op.node ? op : os, "%s: %s changed type from %s to %s", where,
	    what(field, wb, sizeof(wb)), ot, nt);
}

/* A request's bounds may only widen: a lower maximum, a higher minimum or
 * additionalProperties: false refuses what clients sent. */
static void cmp_bounds(struct D *D, const char *where, const char *field, struct ag_api_loc os,
		       struct ag_api_loc ns)
{
	static const struct {
		const char *key;
		bool max;
	} bounds[] = {
		{"maximum", true}, {"maxLength", true}, {"maxItems", true}, {"maxProperties", true},
		{"minimum", false}, {"minLength", false}, {"minItems", false},
		{"minProperties", false},
	};
	char wb[600];
	for (size_t i = 0; i < sizeof(bounds) / sizeof(bounds[0]) && !D->err; i++) {
		struct ag_api_loc nb = get(&D->n, ns, bounds[i].key);
		double nv, ov;
		if (!nb.node || ag_yaml_num(nb.node, &nv))
			continue;
		struct ag_api_loc ob = get(&D->o, os, bounds[i].key);
		bool had = ob.node && !ag_yaml_num(ob.node, &ov);
		bool narrower = bounds[i].max ? (!had || nv < ov) : (had ? nv > ov : nv > 0);
		if (!narrower)
			continue;
		if (had)
			add(D, K_REQUEST_NARROWED, nb, ob, "%s: %s: %s went from %s to %s", where,
			    what(field, wb, sizeof(wb)), bounds[i].key, ob.node->str, nb.node->str);
		else
			add(D, K_REQUEST_NARROWED, nb, os, "%s: %s: new %s %s", where,
			    what(field, wb, sizeof(wb)), bounds[i].key, nb.node->str);
	}
	struct ag_api_loc na = get(&D->n, ns, "additionalProperties");
	struct ag_api_loc oa = get(&D->o, os, "additionalProperties");
	if (na.node && ag_yaml_bool(na.node) == 0 && !(oa.node && ag_yaml_bool(oa.node) == 0))
		add(D, K_REQUEST_NARROWED, na, os,
		    "%s: %s now refuses properties it does not list (additionalProperties: false)",
		    where, what(field, wb, sizeof(wb)));
}

static void cmp_props(struct D *D, enum dir dir, const char *where, const char *field,
		      struct ag_api_loc os, struct ag_api_loc ns, int depth)
{
	struct props op = {0}, np = {0};
	collect_props(D, &D->o, os, &op, 0);
	collect_props(D, &D->n, ns, &np, 0);
	char f[512];
	/* a rename is one removal and one addition at the same level */
	size_t removed = 0, added = 0;
	const char *added_name = NULL;
	for (size_t i = 0; i < op.n; i++)
		removed += !find_prop(&np, op.v[i].name->str);
	for (size_t i = 0; i < np.n; i++)
		if (!find_prop(&op, np.v[i].name->str)) {
			added++;
			added_name = np.v[i].name->str;
		}
	for (size_t i = 0; i < op.n && !D->err; i++) {
		struct prop *q = &op.v[i], *p = find_prop(&np, q->name->str);
		join_field(f, sizeof(f), field, q->name->str);
		if (!p) {
			if (dir == RESP)
				add(D, K_RESPONSE_FIELD_REMOVED, ns, q->key,
				    "%s: field '%s' was removed%s%s%s", where, f,
				    removed == 1 && added == 1 ? " (renamed to '" : "",
				    removed == 1 && added == 1 ? added_name : "",
				    removed == 1 && added == 1 ? "'?)" : "");
			else
				add(D, K_REQUEST_FIELD_REMOVED, ns, q->key,
				    "%s: field '%s' was removed; clients that send it may be "
				    "refused", where, f);
			continue;
		}
		if (dir == RESP && q->required && !p->required)
			add(D, K_RESPONSE_FIELD_MADE_OPTIONAL, p->key, q->key,
			    "%s: field '%s' is no longer required; clients may rely on it", where,
			    f);
		if (dir == REQ && !q->required && p->required)
			add(D, K_REQUEST_FIELD_MADE_REQUIRED, p->key, q->key,
			    "%s: field '%s' is now required", where, f);
		cmp_schema(D, dir, where, f, q->schema, p->schema, depth + 1);
	}
	for (size_t i = 0; i < np.n && !D->err; i++) {
		struct prop *p = &np.v[i];
		if (find_prop(&op, p->name->str))
			continue;
		join_field(f, sizeof(f), field, p->name->str);
		if (dir == REQ && p->required)
			add(D, K_REQUEST_FIELD_ADDED_REQUIRED, p->key, os,
			    "%s: new required field '%s'; clients do not send it", where, f);
		else if (dir == REQ)
			add(D, K_REQUEST_FIELD_ADDED, p->key, NONE, "%s: new optional field '%s'",
			    where, f);
		else
			add(D, K_RESPONSE_FIELD_ADDED, p->key, NONE, "%s: new field '%s'", where, f);
	}
	free(op.v);
	free(np.v);
}

static void cmp_schema(struct D *D, enum dir dir, const char *where, const char *field,
		       struct ag_api_loc oat, struct ag_api_loc nat, int depth)
{
	struct ag_api_loc os, ns;
	if (D->err || depth > AG_API_DIFF_DEPTH || !dr(D, &D->o, oat, &os) ||
	    !dr(D, &D->n, nat, &ns) || os.node->kind != AG_Y_MAP || ns.node->kind != AG_Y_MAP)
		return;
	if (seen_pair(D, os.node, ns.node))
		return;
	cmp_types(D, dir, where, field, os, ns);
	cmp_enum(D, dir, where, field, os, ns);
	if (dir == REQ)
		cmp_bounds(D, where, field, os, ns);
	cmp_props(D, dir, where, field, os, ns, depth);
	struct ag_api_loc oi = get(&D->o, os, "items"), ni = get(&D->n, ns, "items");
	if (oi.node && ni.node) {
		char f[512];
		snprintf(f, sizeof(f), "%s[]", field);
		cmp_schema(D, dir, where, f, oi, ni, depth + 1);
	}
}

/* A schema comparison from the top: the cycle guard is per comparison. */
static void cmp_top(struct D *D, enum dir dir, const char *where, struct ag_api_loc o,
		    struct ag_api_loc n)
{
	D->nseen = 0;
	cmp_schema(D, dir, where, "", o, n, 0);
}

/* ---- media ---------------------------------------------------------------------------- */

/* The bodies of a request or response: OpenAPI 3's content (media type to
 * schema), or Swagger 2.0's one schema (name NULL: whatever it produces). */
struct media {
	const char *name;
	struct ag_api_loc key, schema;
};
#define MAX_MEDIA 32

static size_t media_of(struct D *D, struct side *sd, struct ag_api_loc owner, bool swagger_schema,
		       struct media *out)
{
	size_t n = 0;
	if (swagger_schema) {
		struct ag_api_loc s = get(sd, owner, "schema");
		if (s.node)
			out[n++] = (struct media){NULL, key_of(owner, "schema"), s};
		return n;
	}
	struct ag_api_loc c = getd(D, sd, owner, "content");
	for (size_t i = 0; c.node && c.node->kind == AG_Y_MAP && i + 1 < c.node->n && n < MAX_MEDIA;
	     i += 2) {
		struct ag_api_loc mt = {c.doc, c.node->kids[i + 1]}, m;
		struct ag_api_loc s = NONE;
		if (dr(D, sd, mt, &m))
			s = get(sd, m, "schema");
		out[n++] = (struct media){c.node->kids[i]->str, {c.doc, c.node->kids[i]}, s};
	}
	return n;
}

static const struct media *find_media(const struct media *v, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (!name || !v[i].name || !strcasecmp(v[i].name, name))
			return &v[i];
	return NULL;
}

static void cmp_media(struct D *D, enum dir dir, const char *what_, const struct media *om,
		      size_t on, const struct media *nm, size_t nn, struct ag_api_loc npos)
{
	char where[700];
	for (size_t i = 0; i < on && !D->err; i++) {
		const struct media *m = find_media(nm, nn, om[i].name);
		if (!m) {
			if (nn)
				add(D, dir == REQ ? K_REQUEST_MEDIA_REMOVED : K_RESPONSE_MEDIA_REMOVED,
				    npos, om[i].key, "%s: media type '%s' was removed", what_,
				    om[i].name ? om[i].name : "*");
			continue;
		}
		const char *mn = om[i].name ? om[i].name : m->name;
		if (mn)
			snprintf(where, sizeof(where), "%s (%s)", what_, mn);
		else
			snprintf(where, sizeof(where), "%s", what_);
		if (om[i].schema.node && m->schema.node)
			cmp_top(D, dir, where, om[i].schema, m->schema);
	}
}

/* ---- parameters ----------------------------------------------------------------------- */

struct param {
	char key[300];            /* "query:limit", "path:#0" */
	char label[300];          /* "parameter 'limit' (query)" */
	struct ag_api_loc at;     /* followed */
	bool required;
};
#define MAX_PARAMS 128

/* The index of {name} in a path template, or -1. */
static int path_index(const char *tmpl, const char *name)
{
	int k = 0;
	size_t nl = strlen(name);
	for (const char *p = tmpl; (p = strchr(p, '{')); p++, k++)
		if (!strncmp(p + 1, name, nl) && p[1 + nl] == '}')
			return k;
	return -1;
}

static void add_params(struct D *D, struct side *sd, struct ag_api_loc list, const char *tmpl,
		       struct param *v, size_t *n, struct ag_api_loc *body)
{
	for (size_t i = 0; list.node && list.node->kind == AG_Y_SEQ && i < list.node->n; i++) {
		struct ag_api_loc p;
		if (!dr(D, sd, (struct ag_api_loc){list.doc, list.node->kids[i]}, &p) ||
		    p.node->kind != AG_Y_MAP)
			continue;
		const struct ag_ynode *in = get(sd, p, "in").node, *name = get(sd, p, "name").node;
		if (!in || !name || in->kind != AG_Y_SCALAR || name->kind != AG_Y_SCALAR)
			continue;
		if (!strcmp(in->str, "body")) {
			*body = p;
			continue;
		}
		struct param q = {0};
		int pi = !strcmp(in->str, "path") ? path_index(tmpl, name->str) : -1;
		if (pi >= 0)
			snprintf(q.key, sizeof(q.key), "path:#%d", pi);
		else if (!strcmp(in->str, "header"))
			snprintf(q.key, sizeof(q.key), "header:%.200s", name->str); /* case? */
		else
			snprintf(q.key, sizeof(q.key), "%.40s:%.200s", in->str, name->str);
		if (!strcmp(in->str, "header"))
			for (char *c = q.key; *c; c++)
				*c = (char)(*c >= 'A' && *c <= 'Z' ? *c + 32 : *c);
		snprintf(q.label, sizeof(q.label), "parameter '%.200s' (%.40s)", name->str, in->str);
		q.at = p;
		q.required = ag_yaml_bool(get(sd, p, "required").node) == 1 || pi >= 0;
		size_t j = 0;
		while (j < *n && strcmp(v[j].key, q.key))
			j++;
		if (j == *n) {
			if (*n >= MAX_PARAMS)
				continue;
			(*n)++;
		}
		v[j] = q; /* an operation's parameter overrides its path item's */
	}
}

static struct ag_api_loc param_schema(struct side *sd, struct ag_api_loc p)
{
	return sd->swagger ? p : get(sd, p, "schema");
}

static void cmp_params(struct D *D, const struct param *ov, size_t on, const struct param *nv,
		       size_t nn, struct ag_api_loc nop)
{
	for (size_t i = 0; i < on && !D->err; i++) {
		const struct param *q = &ov[i], *p = NULL;
		for (size_t j = 0; j < nn && !p; j++)
			if (!strcmp(nv[j].key, q->key))
				p = &nv[j];
		if (!p) {
			add(D, K_PARAM_REMOVED, nop, q->at,
			    "%s was removed; clients that send it may be refused", q->label);
			continue;
		}
		if (!q->required && p->required)
			add(D, K_PARAM_MADE_REQUIRED, p->at, q->at, "%s is now required",
			    p->label);
		cmp_top(D, REQ, p->label, param_schema(&D->o, q->at), param_schema(&D->n, p->at));
	}
	for (size_t j = 0; j < nn && !D->err; j++) {
		const struct param *p = &nv[j];
		bool old = false;
		for (size_t i = 0; i < on && !old; i++)
			old = !strcmp(ov[i].key, p->key);
		if (old)
			continue;
		if (p->required)
			add(D, K_PARAM_ADDED_REQUIRED, p->at, NONE,
			    "new required %s; clients do not send it", p->label);
		else
			add(D, K_PARAM_ADDED, p->at, NONE, "new optional %s", p->label);
	}
}

/* ---- operations ----------------------------------------------------------------------- */

struct body {
	struct ag_api_loc at; /* requestBody (followed) or Swagger's body parameter */
	bool required;
	struct media m[MAX_MEDIA];
	size_t n;
};

static void read_body(struct D *D, struct side *sd, struct ag_api_loc op,
		      struct ag_api_loc swagger_body, struct body *b)
{
	memset(b, 0, sizeof(*b));
	if (sd->swagger) {
		b->at = swagger_body;
		if (!b->at.node)
			return;
		b->n = media_of(D, sd, b->at, true, b->m);
	} else {
		b->at = getd(D, sd, op, "requestBody");
		if (!b->at.node || b->at.node->kind != AG_Y_MAP) {
			b->at = NONE;
			return;
		}
		b->n = media_of(D, sd, b->at, false, b->m);
	}
	b->required = ag_yaml_bool(get(sd, b->at, "required").node) == 1;
}

static void cmp_body(struct D *D, struct body *ob, struct body *nb, struct ag_api_loc nop)
{
	if (!ob->at.node && nb->at.node && nb->required) {
		add(D, K_BODY_ADDED_REQUIRED, nb->at, NONE,
		    "the request body is new and required; clients send none");
		return;
	}
	if (ob->at.node && !nb->at.node) {
		add(D, K_REQUEST_BODY_REMOVED, nop, ob->at,
		    "the request body was removed; clients that send one may be refused");
		return;
	}
	if (!ob->at.node)
		return;
	if (!ob->required && nb->required)
		add(D, K_BODY_MADE_REQUIRED, nb->at, ob->at, "the request body is now required");
	cmp_media(D, REQ, "request body", ob->m, ob->n, nb->m, nb->n, nb->at);
}

static bool code_eq(const struct ag_ynode *a, const struct ag_ynode *b)
{
	return a->len == b->len && !strncasecmp(a->str, b->str, a->len);
}

static void cmp_responses(struct D *D, struct ag_api_loc oop, struct ag_api_loc nop)
{
	struct ag_api_loc orr = getd(D, &D->o, oop, "responses");
	struct ag_api_loc nrr = getd(D, &D->n, nop, "responses");
	if (!orr.node || orr.node->kind != AG_Y_MAP)
		return;
	bool nmap = nrr.node && nrr.node->kind == AG_Y_MAP;
	struct media *om = calloc(2 * MAX_MEDIA, sizeof(*om));
	if (!om) {
		D->err = AG_ENOMEM;
		return;
	}
	struct media *nm = om + MAX_MEDIA;
	for (size_t i = 0; i + 1 < orr.node->n && !D->err; i += 2) {
		const struct ag_ynode *code = orr.node->kids[i];
		if (is_ext(code))
			continue;
		size_t j = 0;
		while (nmap && j + 1 < nrr.node->n && !code_eq(nrr.node->kids[j], code))
			j += 2;
		if (!nmap || j + 1 >= nrr.node->n) {
			add(D, K_STATUS_REMOVED, nmap ? nrr : nop, (struct ag_api_loc){orr.doc, code},
			    "response %s was removed; clients handle it", code->str);
			continue;
		}
		struct ag_api_loc ors, nrs;
		if (!dr(D, &D->o, (struct ag_api_loc){orr.doc, orr.node->kids[i + 1]}, &ors) ||
		    !dr(D, &D->n, (struct ag_api_loc){nrr.doc, nrr.node->kids[j + 1]}, &nrs))
			continue;
		size_t on = media_of(D, &D->o, ors, D->o.swagger, om);
		size_t nn = media_of(D, &D->n, nrs, D->n.swagger, nm);
		char what_[64];
		snprintf(what_, sizeof(what_), "response %.20s", code->str);
		cmp_media(D, RESP, what_, om, on, nm, nn, nrs);
	}
	for (size_t j = 0; nmap && j + 1 < nrr.node->n && !D->err; j += 2) {
		const struct ag_ynode *code = nrr.node->kids[j];
		if (is_ext(code))
			continue;
		bool old = false;
		for (size_t i = 0; i + 1 < orr.node->n && !old; i += 2)
			old = code_eq(orr.node->kids[i], code);
		if (!old)
			add(D, K_STATUS_ADDED, (struct ag_api_loc){nrr.doc, code}, NONE,
			    "new response %s", code->str);
	}
	free(om);
}

static void cmp_operation(struct D *D, struct ag_api_loc oitem, struct ag_api_loc oop,
			  const char *otmpl, struct ag_api_loc nitem, struct ag_api_loc nop,
			  const char *ntmpl)
{
	struct param *ov = calloc(2 * MAX_PARAMS, sizeof(*ov));
	struct body *bodies = calloc(2, sizeof(*bodies));
	if (!ov || !bodies) {
		free(ov);
		free(bodies);
		D->err = AG_ENOMEM;
		return;
	}
	struct param *nv = ov + MAX_PARAMS;
	size_t on = 0, nn = 0;
	struct ag_api_loc obody = NONE, nbody = NONE;
	add_params(D, &D->o, get(&D->o, oitem, "parameters"), otmpl, ov, &on, &obody);
	add_params(D, &D->o, get(&D->o, oop, "parameters"), otmpl, ov, &on, &obody);
	add_params(D, &D->n, get(&D->n, nitem, "parameters"), ntmpl, nv, &nn, &nbody);
	add_params(D, &D->n, get(&D->n, nop, "parameters"), ntmpl, nv, &nn, &nbody);
	cmp_params(D, ov, on, nv, nn, nop);
	read_body(D, &D->o, oop, obody, &bodies[0]);
	read_body(D, &D->n, nop, nbody, &bodies[1]);
	cmp_body(D, &bodies[0], &bodies[1], nop);
	cmp_responses(D, oop, nop);
	free(ov);
	free(bodies);
}

static void upper(char *out, size_t cap, const char *s)
{
	size_t i = 0;
	for (; s[i] && i + 1 < cap; i++)
		out[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 32 : s[i]);
	out[i] = '\0';
}

/* A path template with its parameters' names dropped: "/pets/{}". */
static void norm_path(char *out, size_t cap, const char *p)
{
	size_t k = 0;
	bool in = false;
	for (; *p && k + 1 < cap; p++) {
		if (*p == '{')
			in = true;
		else if (*p == '}')
			in = false;
		else if (in)
			continue;
		out[k++] = *p;
	}
	out[k] = '\0';
}

struct path_ent {
	char norm[512];
	const struct ag_ynode *key, *item;
	bool matched;
};

static int path_cmp(const void *a, const void *b)
{
	return strcmp(((const struct path_ent *)a)->norm, ((const struct path_ent *)b)->norm);
}

static struct path_ent *paths_of(struct D *D, struct ag_api_loc paths, size_t *n)
{
	*n = 0;
	if (!paths.node || paths.node->kind != AG_Y_MAP || !paths.node->n)
		return NULL;
	struct path_ent *v = calloc(paths.node->n / 2 + 1, sizeof(*v));
	if (!v) {
		D->err = AG_ENOMEM;
		return NULL;
	}
	for (size_t i = 0; i + 1 < paths.node->n; i += 2) {
		const struct ag_ynode *k = paths.node->kids[i];
		if (is_ext(k))
			continue;
		norm_path(v[*n].norm, sizeof(v[*n].norm), k->str);
		v[*n].key = k;
		v[*n].item = paths.node->kids[i + 1];
		(*n)++;
	}
	qsort(v, *n, sizeof(*v), path_cmp);
	return v;
}

/* The new path for old path `o`: an unmatched one of the same template,
 * written the same when `exact` ("/pets/{id}" beside "/pets/{petId}" in
 * one spec are two paths), else any; NULL when none is left. */
static struct path_ent *match_path(const struct path_ent *o, struct path_ent *nv, size_t nn,
				   bool exact)
{
	struct path_ent *hit = nn ? bsearch(o, nv, nn, sizeof(*nv), path_cmp) : NULL;
	if (!hit)
		return NULL;
	while (hit > nv && !path_cmp(hit - 1, o))
		hit--;
	for (; hit < nv + nn && !path_cmp(hit, o); hit++)
		if (!hit->matched && (!exact || !strcmp(hit->key->str, o->key->str)))
			return hit;
	return NULL;
}

static void cmp_item(struct D *D, struct ag_api_loc opaths, const struct path_ent *o,
		     struct ag_api_loc npaths, const struct path_ent *n)
{
	struct ag_api_loc oi, ni;
	if (!dr(D, &D->o, (struct ag_api_loc){opaths.doc, o->item}, &oi) ||
	    !dr(D, &D->n, (struct ag_api_loc){npaths.doc, n->item}, &ni) ||
	    oi.node->kind != AG_Y_MAP || ni.node->kind != AG_Y_MAP)
		return;
	char label[600], m[16];
	for (size_t i = 0; i + 1 < oi.node->n && !D->err; i += 2) {
		const struct ag_ynode *k = oi.node->kids[i];
		if (!is_method(k) || oi.node->kids[i + 1]->kind != AG_Y_MAP)
			continue;
		upper(m, sizeof(m), k->str);
		D->out->operations++;
		struct ag_api_loc nop = get(&D->n, ni, k->str);
		if (!nop.node || nop.node->kind != AG_Y_MAP) {
			snprintf(label, sizeof(label), "%s %s", m, o->key->str);
			D->op = NULL;
			add(D, K_OPERATION_REMOVED, ni, (struct ag_api_loc){oi.doc, k},
			    "%s was removed", label);
			continue;
		}
		snprintf(label, sizeof(label), "%s %s", m, n->key->str);
		D->op = label;
		cmp_operation(D, oi, (struct ag_api_loc){oi.doc, oi.node->kids[i + 1]}, o->key->str,
			      ni, nop, n->key->str);
		D->op = NULL;
	}
	for (size_t i = 0; i + 1 < ni.node->n && !D->err; i += 2) {
		const struct ag_ynode *k = ni.node->kids[i];
		if (!is_method(k) || ni.node->kids[i + 1]->kind != AG_Y_MAP)
			continue;
		struct ag_api_loc oop = get(&D->o, oi, k->str);
		if (oop.node && oop.node->kind == AG_Y_MAP)
			continue;
		upper(m, sizeof(m), k->str);
		add(D, K_OPERATION_ADDED, (struct ag_api_loc){ni.doc, k}, NONE, "new operation %s %s",
		    m, n->key->str);
	}
}

static int change_cmp(const void *a, const void *b)
{
	const struct ag_api_change *x = a, *y = b;
	int c = strcmp(x->pos.file ? x->pos.file : "", y->pos.file ? y->pos.file : "");
	if (c)
		return c;
	if (x->pos.line != y->pos.line)
		return x->pos.line < y->pos.line ? -1 : 1;
	if (x->pos.col != y->pos.col)
		return x->pos.col < y->pos.col ? -1 : 1;
	if (x->level != y->level)
		return x->level > y->level ? -1 : 1;
	return strcmp(x->message, y->message);
}

int ag_api_diff(struct ag_api_set *olds, size_t odoc, struct ag_api_set *news, size_t ndoc,
		struct ag_api_diff *out)
{
	struct D D = {0};
	D.o = (struct side){olds, odoc, olds->docs[odoc].dialect == AG_API_SWAGGER2};
	D.n = (struct side){news, ndoc, news->docs[ndoc].dialect == AG_API_SWAGGER2};
	D.out = out;
	struct ag_api_loc oroot = {odoc, olds->docs[odoc].root};
	struct ag_api_loc nroot = {ndoc, news->docs[ndoc].root};
	struct ag_api_loc opaths = get(&D.o, oroot, "paths"), npaths = get(&D.n, nroot, "paths");
	size_t on, nn;
	struct path_ent *ov = paths_of(&D, opaths, &on);
	struct path_ent *nv = paths_of(&D, npaths, &nn);
	struct ag_api_loc nat = npaths.node ? npaths : nroot;
	/* paths written the same first, then a renamed parameter's */
	struct path_ent **pair = on ? calloc(on, sizeof(*pair)) : NULL;
	if (on && !pair)
		D.err = AG_ENOMEM;
	for (int exact = 1; exact >= 0 && pair; exact--)
		for (size_t i = 0; i < on; i++)
			if (!pair[i] && (pair[i] = match_path(&ov[i], nv, nn, exact)))
				pair[i]->matched = true;
	for (size_t i = 0; i < on && !D.err; i++) {
		struct path_ent *n = pair[i];
		if (!n) {
			add(&D, K_PATH_REMOVED, nat, (struct ag_api_loc){opaths.doc, ov[i].key},
			    "path %s was removed, with all its operations", ov[i].key->str);
			continue;
		}
		cmp_item(&D, opaths, &ov[i], npaths, n);
	}
	for (size_t i = 0; i < nn && !D.err; i++)
		if (!nv[i].matched)
			add(&D, K_PATH_ADDED, (struct ag_api_loc){npaths.doc, nv[i].key}, NONE,
			    "new path %s", nv[i].key->str);
	free(pair);
	free(ov);
	free(nv);
	free(D.seen);
	if (out->n)
		qsort(out->v, out->n, sizeof(*out->v), change_cmp);
	return D.err;
}

void ag_api_diff_release(struct ag_api_diff *d)
{
	for (size_t i = 0; i < d->n; i++)
		free(d->v[i].message);
	free(d->v);
	memset(d, 0, sizeof(*d));
}
