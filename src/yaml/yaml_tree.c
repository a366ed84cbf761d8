/*
 * yaml_tree.c - compose libyaml events into a positioned, bounded node tree.
 *
 * Why not libyaml's own document loader: it copies nothing we can bound (an
 * alias bomb expands when the caller walks it), it keeps no per-node limits,
 * and it silently accepts duplicate keys. Composing from events ourselves
 * takes one explicit stack (no recursion, so nesting cannot overflow the C
 * stack) and lets us check every limit at the event that crosses it.
 */
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>
#include "base/array.h"
#include "base/buf.h"
#include "yaml_tree.h"

struct frame {
	struct ag_ynode *node;
	struct ag_ynode **items; /* malloc'd while open, copied to arena on close */
	size_t n, alloc;
	char *anchor;            /* anchor to register when the node completes */
};

struct anchor {
	char *name;              /* malloc'd */
	struct ag_ynode *node;   /* NULL while the anchored node is still open */
};

struct composer {
	struct ag_arena *arena;
	struct ag_diags *diags;
	const char *file;
	struct frame stack[AG_YAML_MAX_DEPTH + 1];
	int depth;
	struct anchor *anchors;  /* open-addressing hash table */
	size_t nanchors, anchor_cap;
	size_t total;            /* expanded node count so far */
	struct ag_ynode *root;
	int docs;
	int line0;               /* lines before the text (ag_yaml_parse_at) */
};

static uint64_t hash_str(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static struct anchor *anchor_slot(struct composer *c, const char *name)
{
	size_t mask = c->anchor_cap - 1;
	for (size_t i = hash_str(name) & mask;; i = (i + 1) & mask)
		if (!c->anchors[i].name || !strcmp(c->anchors[i].name, name))
			return &c->anchors[i];
}

static int anchor_put(struct composer *c, const char *name, struct ag_ynode *node)
{
	if ((c->nanchors + 1) * 2 > c->anchor_cap) {
		size_t cap = c->anchor_cap ? c->anchor_cap * 2 : 16;
		struct anchor *old = c->anchors;
		size_t oldcap = c->anchor_cap;
		c->anchors = calloc(cap, sizeof(*c->anchors));
		if (!c->anchors) {
			c->anchors = old;
			return AG_ENOMEM;
		}
		c->anchor_cap = cap;
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].name)
				*anchor_slot(c, old[i].name) = old[i];
		free(old);
	}
	struct anchor *a = anchor_slot(c, name);
	if (!a->name) {
		if (!(a->name = strdup(name)))
			return AG_ENOMEM;
		c->nanchors++;
	}
	a->node = node;
	return 0;
}

static int err_at(struct composer *c, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static int err_at(struct composer *c, int line, int col, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = ag_diags_vaddc(c->diags, AG_SEV_ERROR, AG_DIAG_INPUT, c->file, line, col, fmt, ap);
	va_end(ap);
	return rc ? rc : AG_EPARSE;
}

static struct ag_ynode *new_node(struct composer *c, enum ag_ykind kind,
				 const yaml_mark_t *m)
{
	struct ag_ynode *n = ag_arena_alloc(c->arena, sizeof(*n));
	if (!n)
		return NULL;
	n->kind = kind;
	n->line = c->line0 + (int)m->line + 1;
	n->col = (int)m->column + 1;
	n->weight = 1;
	return n;
}

/* Add a finished node to the open container (or make it the root). */
static int attach(struct composer *c, struct ag_ynode *node)
{
	if (c->depth == 0) {
		c->root = node;
		return 0;
	}
	struct frame *f = &c->stack[c->depth - 1];
	if (f->node->kind == AG_Y_MAP && f->n % 2 == 0 && node->kind != AG_Y_SCALAR)
		return err_at(c, node->line, node->col,
			      "mapping keys must be plain scalars, not %s",
			      node->kind == AG_Y_MAP ? "mappings" : "sequences");
	struct ag_ynode **v = ag_array_grow(f->items, &f->alloc, f->n + 1, sizeof(*v), 8);
	if (!v)
		return AG_ENOMEM;
	f->items = v;
	f->items[f->n++] = node;
	f->node->weight = f->node->weight + node->weight < f->node->weight
				  ? SIZE_MAX : f->node->weight + node->weight;
	return 0;
}

static int count(struct composer *c, size_t weight, int line, int col)
{
	c->total = c->total + weight < c->total ? SIZE_MAX : c->total + weight;
	if (c->total > AG_YAML_MAX_NODES) {
		ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col,
			     "document expands to more than %zu nodes (alias bomb or "
			     "oversized file); archgate refuses to expand it",
			     AG_YAML_MAX_NODES);
		return AG_ELIMIT;
	}
	return 0;
}

static int keycmp(const void *a, const void *b)
{
	const struct ag_ynode *x = *(struct ag_ynode *const *)a;
	const struct ag_ynode *y = *(struct ag_ynode *const *)b;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->str, y->str, n);
	if (r)
		return r;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	/* equal keys: earlier first, so the later one is reported */
	return x->line != y->line ? (x->line < y->line ? -1 : 1)
				  : (x->col < y->col ? -1 : x->col > y->col);
}

/* Duplicate keys in O(n log n): sort key pointers, compare neighbours. */
static int check_dup_keys(struct composer *c, struct ag_ynode *map)
{
	size_t pairs = map->n / 2;
	if (pairs < 2)
		return 0;
	struct ag_ynode **keys = malloc(pairs * sizeof(*keys));
	if (!keys)
		return AG_ENOMEM;
	for (size_t i = 0; i < pairs; i++)
		keys[i] = map->kids[2 * i];
	qsort(keys, pairs, sizeof(*keys), keycmp);
	int rc = 0;
	for (size_t i = 1; i < pairs && !rc; i++) {
		if (keys[i]->len == keys[i - 1]->len &&
		    !memcmp(keys[i]->str, keys[i - 1]->str, keys[i]->len)) {
			ag_diags_add(c->diags, AG_SEV_ERROR, c->file, keys[i]->line,
				     keys[i]->col,
				     "duplicate key '%s' (first defined at line %d, column %d)",
				     keys[i]->str, keys[i - 1]->line, keys[i - 1]->col);
			rc = AG_EPARSE;
		}
	}
	free(keys);
	return rc;
}

static int open_container(struct composer *c, enum ag_ykind kind,
			  const yaml_mark_t *m, const yaml_char_t *anchor)
{
	if (c->depth >= AG_YAML_MAX_DEPTH) {
		ag_diags_add(c->diags, AG_SEV_ERROR, c->file, c->line0 + (int)m->line + 1,
			     (int)m->column + 1,
			     "nesting is deeper than %d levels; archgate refuses to "
			     "parse further", AG_YAML_MAX_DEPTH);
		return AG_ELIMIT;
	}
	int rc = count(c, 1, c->line0 + (int)m->line + 1, (int)m->column + 1);
	if (rc)
		return rc;
	struct ag_ynode *n = new_node(c, kind, m);
	if (!n)
		return AG_ENOMEM;
	struct frame *f = &c->stack[c->depth++];
	memset(f, 0, sizeof(*f));
	f->node = n;
	if (anchor) {
		if (!(f->anchor = strdup((const char *)anchor)))
			return AG_ENOMEM;
		/* registered as "open": an alias to it from inside is recursive */
		rc = anchor_put(c, f->anchor, NULL);
	}
	return rc;
}

static int close_container(struct composer *c)
{
	struct frame *f = &c->stack[--c->depth];
	struct ag_ynode *n = f->node;
	int rc = 0;
	if (f->n) {
		n->kids = ag_arena_alloc(c->arena, f->n * sizeof(*n->kids));
		if (!n->kids)
			rc = AG_ENOMEM;
		else
			memcpy(n->kids, f->items, f->n * sizeof(*n->kids));
	}
	n->n = f->n;
	free(f->items);
	f->items = NULL;
	if (!rc && n->kind == AG_Y_MAP)
		rc = check_dup_keys(c, n);
	if (!rc && f->anchor)
		rc = anchor_put(c, f->anchor, n);
	free(f->anchor);
	f->anchor = NULL;
	return rc ? rc : attach(c, n);
}

static int on_scalar(struct composer *c, const yaml_event_t *e)
{
	const yaml_mark_t *m = &e->start_mark;
	int rc = count(c, 1, c->line0 + (int)m->line + 1, (int)m->column + 1);
	if (rc)
		return rc;
	struct ag_ynode *n = new_node(c, AG_Y_SCALAR, m);
	if (!n)
		return AG_ENOMEM;
	n->len = e->data.scalar.length;
	n->str = ag_arena_strndup(c->arena, (const char *)e->data.scalar.value, n->len);
	if (!n->str)
		return AG_ENOMEM;
	n->plain = e->data.scalar.style == YAML_PLAIN_SCALAR_STYLE &&
		   !e->data.scalar.tag;
	if (memchr(n->str, '\0', n->len))
		return err_at(c, n->line, n->col, "%s", "NUL character in a scalar");
	if (e->data.scalar.anchor && (rc = anchor_put(c, (const char *)e->data.scalar.anchor, n)))
		return rc;
	return attach(c, n);
}

static int on_alias(struct composer *c, const yaml_event_t *e)
{
	const yaml_mark_t *m = &e->start_mark;
	const char *name = (const char *)e->data.alias.anchor;
	struct anchor *a = c->anchor_cap ? anchor_slot(c, name) : NULL;
	if (!a || !a->name)
		return err_at(c, c->line0 + (int)m->line + 1, (int)m->column + 1,
			      "alias '*%s' refers to an anchor that is not defined before it", name);
	if (!a->node)
		return err_at(c, c->line0 + (int)m->line + 1, (int)m->column + 1,
			      "alias '*%s' refers to a node that contains it (recursive alias)", name);
	int rc = count(c, a->node->weight, c->line0 + (int)m->line + 1, (int)m->column + 1);
	return rc ? rc : attach(c, a->node);
}

/* Find the byte at a libyaml mark (line/column count characters). */
static const unsigned char *byte_at(const char *text, size_t len, const yaml_mark_t *m)
{
	const unsigned char *p = (const unsigned char *)text, *end = p + len;
	for (size_t line = 0; line < m->line && p < end; p++)
		if (*p == '\n')
			line++;
	for (size_t col = 0; col < m->column && p < end; col++) {
		p++;
		while (p < end && (*p & 0xC0) == 0x80)
			p++;
	}
	return p < end ? p : NULL;
}

static int parser_error(struct composer *c, yaml_parser_t *p, const char *text, size_t len)
{
	const yaml_mark_t *m = &p->problem_mark;
	int line = c->line0 + (int)m->line + 1, col = (int)m->column + 1;
	const char *problem = p->problem ? p->problem : "malformed YAML";
	if (p->error == YAML_READER_ERROR) {
		/* reader errors carry a byte offset, not a line */
		size_t off = p->problem_offset < len ? p->problem_offset : len;
		int value = p->problem_value;
		bool utf8 = strstr(problem, "UTF-8") != NULL;
		/* a bad trailing byte belongs to the sequence its leading byte
		 * started: point at that leading byte, which is what the user
		 * wrote wrong (a Latin-1 "é" in a UTF-8 file) */
		if (utf8 && off < len && (strstr(problem, "trailing") || strstr(problem, "incomplete"))) {
			size_t k = off;
			while (k > 0 && off - k < 4 && ((unsigned char)text[k] & 0xC0) != 0xC0)
				k--;
			if (((unsigned char)text[k] & 0xC0) == 0xC0) {
				off = k;
				value = (unsigned char)text[k];
			}
		}
		line = c->line0 + 1;
		col = 1;
		for (size_t i = 0; i < off; i++) {
			if (text[i] == '\n') {
				line++;
				col = 1;
			} else if (((unsigned char)text[i] & 0xC0) != 0x80) {
				col++;
			}
		}
		if (utf8 && value != -1)
			ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col,
				     "invalid UTF-8 (%s, byte 0x%02x); YAML files must be UTF-8",
				     problem, (unsigned)value & 0xff);
		else if (utf8)
			ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col,
				     "invalid UTF-8 (%s); YAML files must be UTF-8", problem);
		else if (value != -1)
			ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col,
				     "%s (byte 0x%02x); is this a binary file?", problem,
				     (unsigned)value & 0xff);
		else
			ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col, "%s", problem);
		return AG_EPARSE;
	}
	const unsigned char *at = byte_at(text, len, m);
	if (at && *at == '\t') {
		ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col,
			     "tab character where YAML needs spaces (indent with spaces, "
			     "not tabs)");
		return AG_EPARSE;
	}
	if (p->context)
		ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col,
			     "%s (%s that started at line %d, column %d)", problem,
			     p->context, c->line0 + (int)p->context_mark.line + 1,
			     (int)p->context_mark.column + 1);
	else
		ag_diags_add(c->diags, AG_SEV_ERROR, c->file, line, col, "%s", problem);
	return AG_EPARSE;
}

int ag_yaml_parse(struct ag_arena *arena, const char *file, const char *text,
		  size_t len, struct ag_ynode **root, struct ag_diags *diags)
{
	return ag_yaml_parse_at(arena, file, text, len, 1, root, diags);
}

int ag_yaml_parse_at(struct ag_arena *arena, const char *file, const char *text,
		     size_t len, int first_line, struct ag_ynode **root,
		     struct ag_diags *diags)
{
	*root = NULL;
	if (len > AG_YAML_MAX_BYTES) {
		ag_diags_add(diags, AG_SEV_ERROR, file, 1, 1,
			     "file is %.1f MiB; archgate reads YAML files up to %zu MiB",
			     (double)len / 1048576.0, AG_YAML_MAX_BYTES >> 20);
		return AG_ELIMIT;
	}
	struct composer c;
	memset(&c, 0, sizeof(c));
	c.arena = arena;
	c.diags = diags;
	c.file = file;
	c.line0 = first_line > 1 ? first_line - 1 : 0;

	yaml_parser_t p;
	if (!yaml_parser_initialize(&p))
		return AG_ENOMEM;
	yaml_parser_set_input_string(&p, (const unsigned char *)text, len);
	yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);

	int rc = 0;
	bool done = false;
	while (!rc && !done) {
		yaml_event_t e;
		if (!yaml_parser_parse(&p, &e)) {
			rc = p.error == YAML_MEMORY_ERROR ? AG_ENOMEM
							  : parser_error(&c, &p, text, len);
			break;
		}
		switch (e.type) {
		case YAML_STREAM_END_EVENT:
			done = true;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++c.docs > 1)
				rc = err_at(&c, c.line0 + (int)e.start_mark.line + 1,
					    (int)e.start_mark.column + 1, "%s",
					    "more than one YAML document in the file; "
					    "archgate reads exactly one");
			break;
		case YAML_SEQUENCE_START_EVENT:
			rc = open_container(&c, AG_Y_SEQ, &e.start_mark,
					    e.data.sequence_start.anchor);
			break;
		case YAML_MAPPING_START_EVENT:
			rc = open_container(&c, AG_Y_MAP, &e.start_mark,
					    e.data.mapping_start.anchor);
			break;
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT:
			rc = close_container(&c);
			break;
		case YAML_SCALAR_EVENT:
			rc = on_scalar(&c, &e);
			break;
		case YAML_ALIAS_EVENT:
			rc = on_alias(&c, &e);
			break;
		default:
			break;
		}
		yaml_event_delete(&e);
	}
	if (rc == AG_ENOMEM)
		ag_diags_add(diags, AG_SEV_ERROR, file, 0, 0,
			     "out of memory while reading YAML");
	yaml_parser_delete(&p);
	while (c.depth > 0) {
		struct frame *f = &c.stack[--c.depth];
		free(f->items);
		free(f->anchor);
	}
	for (size_t i = 0; i < c.anchor_cap; i++)
		free(c.anchors[i].name);
	free(c.anchors);
	if (!rc)
		*root = c.root;
	return rc;
}

const struct ag_ynode *ag_yaml_get(const struct ag_ynode *map, const char *key)
{
	if (!map || map->kind != AG_Y_MAP)
		return NULL;
	size_t kl = strlen(key);
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (map->kids[i]->len == kl && !memcmp(map->kids[i]->str, key, kl))
			return map->kids[i + 1];
	return NULL;
}

bool ag_yaml_is_null(const struct ag_ynode *n)
{
	if (!n)
		return true;
	if (n->kind != AG_Y_SCALAR || !n->plain)
		return false;
	return n->len == 0 || !strcmp(n->str, "~") || !strcmp(n->str, "null") ||
	       !strcmp(n->str, "Null") || !strcmp(n->str, "NULL");
}

int ag_yaml_bool(const struct ag_ynode *n)
{
	if (!n || n->kind != AG_Y_SCALAR || !n->plain)
		return -1;
	if (!strcmp(n->str, "true") || !strcmp(n->str, "True") || !strcmp(n->str, "TRUE"))
		return 1;
	if (!strcmp(n->str, "false") || !strcmp(n->str, "False") || !strcmp(n->str, "FALSE"))
		return 0;
	return -1;
}

int ag_yaml_int(const struct ag_ynode *n, long long *out)
{
	if (!n || n->kind != AG_Y_SCALAR || !n->plain || !n->len)
		return AG_EINVAL;
	const char *s = n->str;
	size_t i = (s[0] == '-' || s[0] == '+') ? 1 : 0;
	if (i == n->len)
		return AG_EINVAL;
	/* allow 10_000_000 as a readability aid, as YAML 1.1 does */
	char digits[64];
	size_t k = 0;
	if (i)
		digits[k++] = s[0];
	for (; i < n->len; i++) {
		if (s[i] == '_')
			continue;
		if (s[i] < '0' || s[i] > '9' || k >= sizeof(digits) - 1)
			return AG_EINVAL;
		digits[k++] = s[i];
	}
	digits[k] = '\0';
	if (k == (size_t)(s[0] == '-' || s[0] == '+')) /* only underscores */
		return AG_EINVAL;
	errno = 0;
	char *end;
	long long v = strtoll(digits, &end, 10);
	if (errno || *end)
		return AG_EINVAL;
	*out = v;
	return 0;
}

int ag_yaml_num(const struct ag_ynode *n, double *out)
{
	long long i;
	if (!ag_yaml_int(n, &i)) {
		*out = (double)i;
		return 0;
	}
	if (!n || n->kind != AG_Y_SCALAR || !n->plain || !n->len)
		return AG_EINVAL;
	const char *s = n->str;
	for (size_t k = 0; k < n->len; k++)
		if (!strchr("0123456789+-.eE", s[k]))
			return AG_EINVAL;
	errno = 0;
	char *end;
	double d = strtod(s, &end);
	if (errno || *end || !isfinite(d))
		return AG_EINVAL;
	*out = d;
	return 0;
}

const char *ag_yaml_describe(const struct ag_ynode *n)
{
	long long i;
	double d;
	if (!n || ag_yaml_is_null(n))
		return "null";
	switch (n->kind) {
	case AG_Y_MAP: return "a mapping";
	case AG_Y_SEQ: return "a sequence";
	case AG_Y_SCALAR: break;
	}
	if (ag_yaml_bool(n) >= 0)
		return "a boolean";
	if (!ag_yaml_int(n, &i))
		return "an integer";
	if (!ag_yaml_num(n, &d))
		return "a number";
	return "a string";
}
