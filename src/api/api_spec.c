/*
 * api_spec.c - spec documents, $ref resolution and the limits that keep a
 * hostile spec from costing more than its size; see api_spec.h.
 *
 * Nothing here recurses: a $ref chain is followed in a loop bounded by
 * AG_API_MAX_HOPS, and a JSON pointer is walked one segment at a time, so a
 * cycle of $refs ends as a reason string, never as a hang or a deep stack.
 */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "api_spec.h"
#include "base/array.h"
#include "base/buf.h"
#include "base/fsutil.h"

/* A sorted index of one mapping's keys, for mappings with many of them. */
struct kv {
	const struct ag_ynode *k, *v;
};

struct ag_api_idx {
	const struct ag_ynode *map; /* NULL: free slot */
	struct kv *pairs;           /* sorted by key */
};

#define IDX_MIN_PAIRS 16

int ag_api_set_init(struct ag_api_set *s, const char *root, struct ag_diags *diags)
{
	memset(s, 0, sizeof(*s));
	ag_arena_init(&s->arena, 0);
	s->diags = diags;
	if (root && !(s->root = realpath(root, NULL)))
		return AG_EIO;
	return 0;
}

void ag_api_set_release(struct ag_api_set *s)
{
	for (size_t i = 0; i < s->n; i++) {
		free(s->docs[i].name);
		free(s->docs[i].path);
		free(s->docs[i].real);
	}
	free(s->docs);
	for (size_t i = 0; i < s->idx_cap; i++)
		free(s->idx[i].pairs);
	free(s->idx);
	free(s->root);
	ag_arena_release(&s->arena);
	memset(s, 0, sizeof(*s));
}

static enum ag_api_dialect dialect_of(const struct ag_ynode *root)
{
	const struct ag_ynode *v = ag_yaml_get(root, "openapi");
	if (v && v->kind == AG_Y_SCALAR) {
		if (!strncmp(v->str, "3.0", 3))
			return AG_API_OAS30;
		if (!strncmp(v->str, "3.1", 3) || !strncmp(v->str, "3.2", 3))
			return AG_API_OAS31;
		return AG_API_NONE;
	}
	v = ag_yaml_get(root, "swagger");
	if (v && v->kind == AG_Y_SCALAR && !strcmp(v->str, "2.0"))
		return AG_API_SWAGGER2;
	return AG_API_NONE;
}

/* Parses `text` as document `name` and appends it. */
static int add_parsed(struct ag_api_set *s, const char *name, const char *path, const char *real,
		      const char *text, size_t len, bool is_root, size_t *doc)
{
	if (s->n >= AG_API_MAX_DOCS) {
		ag_diags_add(s->diags, AG_SEV_ERROR, name, 1, 1,
			     "the spec reaches more than %d files through $refs; archgate "
			     "reads at most that many", AG_API_MAX_DOCS);
		return AG_ELIMIT;
	}
	if (len > AG_API_MAX_BYTES - s->bytes) {
		ag_diags_add(s->diags, AG_SEV_ERROR, name, 1, 1,
			     "the spec and the files its $refs reach are more than %zu MiB "
			     "together; archgate refuses to read more", AG_API_MAX_BYTES >> 20);
		return AG_ELIMIT;
	}
	s->bytes += len;
	struct ag_api_doc *v = ag_array_grow(s->docs, &s->alloc, s->n + 1, sizeof(*v), 4);
	if (!v)
		return AG_ENOMEM;
	s->docs = v;
	struct ag_api_doc *d = &s->docs[s->n];
	memset(d, 0, sizeof(*d));
	if (!(d->name = strdup(name)) || (real && !(d->real = strdup(real))) ||
	    (path && !(d->path = strdup(path)))) {
		free(d->name);
		free(d->real);
		return AG_ENOMEM;
	}
	d->is_root = is_root;
	*doc = s->n++;
	struct ag_ynode *root;
	int rc = ag_yaml_parse(&s->arena, d->name, text, len, &root, s->diags);
	if (rc) {
		d->failed = true;
		return rc;
	}
	d->root = root;
	d->dialect = dialect_of(root);
	if (is_root && d->dialect == AG_API_NONE) {
		const struct ag_ynode *ver = root ? ag_yaml_get(root, "openapi") : NULL;
		if (!ver)
			ver = root ? ag_yaml_get(root, "swagger") : NULL;
		if (ver)
			ag_diags_add(s->diags, AG_SEV_ERROR, d->name, ver->line, ver->col,
				     "unsupported version '%s' (archgate reads OpenAPI 3.0, 3.1, "
				     "3.2 and Swagger 2.0)", ver->kind == AG_Y_SCALAR ? ver->str : "?");
		else
			ag_diags_add(s->diags, AG_SEV_ERROR, d->name, root ? root->line : 1,
				     root ? root->col : 1,
				     "not an OpenAPI document (no 'openapi:' or 'swagger:' key "
				     "at the top)");
		d->failed = true;
		return AG_EPARSE;
	}
	return 0;
}

static int add_file(struct ag_api_set *s, const char *path, const char *name, bool is_root,
		    size_t *doc, char *why, size_t whylen)
{
	char *real = realpath(path, NULL);
	if (!real) {
		if (why)
			snprintf(why, whylen, "'%s' does not exist", name);
		else
			ag_diags_add(s->diags, AG_SEV_ERROR, name, 0, 0, "cannot read '%s': %s",
				     name, "no such file");
		return AG_EIO;
	}
	for (size_t i = 0; i < s->n; i++) {
		if (s->docs[i].real && !strcmp(s->docs[i].real, real)) {
			free(real);
			*doc = i;
			s->docs[i].is_root |= is_root;
			return s->docs[i].failed ? AG_EPARSE : 0;
		}
	}
	if (s->root && !is_root) {
		size_t rl = strlen(s->root);
		if (strncmp(real, s->root, rl) || (real[rl] != '/' && real[rl] != '\0' &&
						   !(rl == 1 && s->root[0] == '/'))) {
			snprintf(why, whylen, "'%s' is outside the repository; archgate follows "
				 "$refs only to files inside it", name);
			free(real);
			return AG_EIO;
		}
	}
	char *text;
	size_t len;
	int rc = ag_read_file(path, AG_YAML_MAX_BYTES, &text, &len);
	if (rc == AG_ENOMEM) {
		free(real);
		return rc;
	}
	if (rc) {
		if (rc == AG_ELIMIT)
			ag_diags_add(s->diags, AG_SEV_ERROR, name, 1, 1,
				     "file is %.1f MiB; archgate reads specs up to %zu MiB",
				     (double)len / 1048576.0, AG_YAML_MAX_BYTES >> 20);
		else
			ag_diags_add(s->diags, AG_SEV_ERROR, name, 0, 0, "cannot read '%s': %s",
				     name, ag_strerror(rc));
		if (why)
			snprintf(why, whylen, "'%s' cannot be read", name);
		free(real);
		return rc;
	}
	rc = add_parsed(s, name, path, real, text, len, is_root, doc);
	free(real);
	free(text);
	if (rc && rc != AG_ENOMEM && why)
		snprintf(why, whylen, "'%s' cannot be read (see the error above)", name);
	return rc;
}

int ag_api_add(struct ag_api_set *s, const char *path, const char *name, size_t *doc)
{
	return add_file(s, path, name, true, doc, NULL, 0);
}

int ag_api_add_text(struct ag_api_set *s, const char *name, const char *text, size_t len,
		    size_t *doc)
{
	return add_parsed(s, name, NULL, NULL, text, len, true, doc);
}

const char *ag_api_ref_of(const struct ag_ynode *n)
{
	const struct ag_ynode *r = ag_yaml_get(n, "$ref");
	return r && r->kind == AG_Y_SCALAR ? r->str : NULL;
}

/* ---- key index -------------------------------------------------------------------- */

static int pair_cmp(const void *a, const void *b)
{
	const struct ag_ynode *x = ((const struct kv *)a)->k, *y = ((const struct kv *)b)->k;
	size_t n = x->len < y->len ? x->len : y->len;
	int r = memcmp(x->str, y->str, n);
	return r ? r : (x->len > y->len) - (x->len < y->len);
}

static size_t ptr_hash(const void *p, size_t cap)
{
	uint64_t h = (uint64_t)(uintptr_t)p * 0x9E3779B97F4A7C15ULL;
	return (size_t)(h >> 17) & (cap - 1);
}

static struct ag_api_idx *idx_slot(struct ag_api_idx *t, size_t cap, const struct ag_ynode *m)
{
	for (size_t i = ptr_hash(m, cap);; i = (i + 1) & (cap - 1))
		if (!t[i].map || t[i].map == m)
			return &t[i];
}

/* The index of `map`, built on first use; NULL on ENOMEM (callers then
 * scan). */
static const struct kv *index_of(struct ag_api_set *s, const struct ag_ynode *map)
{
	if ((s->nidx + 1) * 2 > s->idx_cap) {
		size_t cap = s->idx_cap ? s->idx_cap * 2 : 64;
		struct ag_api_idx *t = calloc(cap, sizeof(*t));
		if (!t)
			return NULL;
		for (size_t i = 0; i < s->idx_cap; i++)
			if (s->idx[i].map)
				*idx_slot(t, cap, s->idx[i].map) = s->idx[i];
		free(s->idx);
		s->idx = t;
		s->idx_cap = cap;
	}
	struct ag_api_idx *e = idx_slot(s->idx, s->idx_cap, map);
	if (e->map)
		return e->pairs;
	size_t np = map->n / 2;
	struct kv *pairs = malloc(np * sizeof(*pairs));
	if (!pairs)
		return NULL;
	for (size_t i = 0; i < np; i++) {
		pairs[i].k = map->kids[2 * i];
		pairs[i].v = map->kids[2 * i + 1];
	}
	qsort(pairs, np, sizeof(*pairs), pair_cmp);
	e->map = map;
	e->pairs = pairs;
	s->nidx++;
	return pairs;
}

const struct ag_ynode *ag_api_get(struct ag_api_set *s, const struct ag_ynode *map,
				  const char *key, size_t kl)
{
	if (!map || map->kind != AG_Y_MAP)
		return NULL;
	const struct kv *pairs = map->n / 2 >= IDX_MIN_PAIRS ? index_of(s, map) : NULL;
	if (!pairs) {
		for (size_t i = 0; i + 1 < map->n; i += 2)
			if (map->kids[i]->len == kl && !memcmp(map->kids[i]->str, key, kl))
				return map->kids[i + 1];
		return NULL;
	}
	size_t lo = 0, hi = map->n / 2;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct ag_ynode *k = pairs[mid].k;
		size_t n = k->len < kl ? k->len : kl;
		int r = memcmp(k->str, key, n);
		if (!r)
			r = (k->len > kl) - (k->len < kl);
		if (!r)
			return pairs[mid].v;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- resolution ------------------------------------------------------------------- */

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* Walks JSON pointer `ptr` ("/a/b~1c/0", percent-encoded as in a URI
 * fragment) from `node`. */
static int walk_pointer(struct ag_api_set *s, const struct ag_ynode *node, const char *ptr,
			const struct ag_ynode **out, char *why, size_t whylen)
{
	char seg[1024];
	const char *p = ptr;
	while (*p) {
		if (*p != '/') {
			snprintf(why, whylen, "'#%s' is not a JSON pointer (archgate follows "
				 "only #/... fragments)", ptr);
			return AG_EINVAL;
		}
		p++;
		size_t k = 0;
		for (; *p && *p != '/'; p++) {
			char c = *p;
			if (c == '%' && hexval(p[1]) >= 0 && hexval(p[2]) >= 0) {
				c = (char)(hexval(p[1]) * 16 + hexval(p[2]));
				p += 2;
			} else if (c == '~' && (p[1] == '0' || p[1] == '1')) {
				c = p[1] == '0' ? '~' : '/';
				p++;
			}
			if (k + 1 >= sizeof(seg)) {
				snprintf(why, whylen, "a segment of '#%.60s...' is too long", ptr);
				return AG_EINVAL;
			}
			seg[k++] = c;
		}
		seg[k] = '\0';
		const struct ag_ynode *next = NULL;
		if (node && node->kind == AG_Y_MAP) {
			next = ag_api_get(s, node, seg, k);
		} else if (node && node->kind == AG_Y_SEQ) {
			int i = k && k < 10 ? ag_leading_number(seg) : -1;
			/* an array index is digits without a leading zero */
			if (i >= 0 && (size_t)i < node->n && (seg[0] != '0' || k == 1) &&
			    strspn(seg, "0123456789") == k)
				next = node->kids[i];
		}
		if (!next) {
			snprintf(why, whylen, "'#%s' names nothing: there is no '%s'", ptr, seg);
			return AG_EINVAL;
		}
		node = next;
	}
	*out = node;
	return 0;
}

/* "a/b/../c/./d" -> "a/c/d", in place; leading ".." are kept. AG_ELIMIT
 * for a path of more segments than any real one has. */
static int normalize(char *path)
{
	char *segs[512];
	size_t n = 0;
	bool abs = path[0] == '/';
	char *save = path + abs, *p = save;
	while (*p) {
		if (n == sizeof(segs) / sizeof(segs[0]))
			return AG_ELIMIT;
		char *start = p;
		while (*p && *p != '/')
			p++;
		if (*p)
			*p++ = '\0';
		if (!*start || !strcmp(start, "."))
			continue;
		if (!strcmp(start, "..") && n && strcmp(segs[n - 1], ".."))
			n--;
		else
			segs[n++] = start;
	}
	char out[4096];
	size_t k = 0;
	if (abs)
		out[k++] = '/';
	for (size_t i = 0; i < n; i++) {
		size_t l = strlen(segs[i]);
		if (k + l + 2 > sizeof(out))
			break;
		if (i)
			out[k++] = '/';
		memcpy(out + k, segs[i], l);
		k += l;
	}
	out[k] = '\0';
	memcpy(path, out, k + 1);
	return 0;
}

/* The file part of a $ref (`flen` bytes of `ref`, percent-encoded as URI
 * references are) against the folder of `base`, normalised, into `out`. */
static int join_ref(const char *base, const char *ref, size_t flen, char out[4096], char *why,
		    size_t whylen)
{
	const char *slash = strrchr(base, '/');
	size_t bl = slash ? (size_t)(slash - base + 1) : 0;
	if (ref[0] == '/')
		bl = 0;
	if (bl + flen + 1 > 4096) {
		snprintf(why, whylen, "the path of '%.60s...' is too long", ref);
		return AG_EINVAL;
	}
	memcpy(out, base, bl);
	size_t k = bl;
	for (size_t i = 0; i < flen; i++) {
		if (ref[i] == '%' && i + 2 < flen && hexval(ref[i + 1]) >= 0 &&
		    hexval(ref[i + 2]) >= 0) {
			out[k++] = (char)(hexval(ref[i + 1]) * 16 + hexval(ref[i + 2]));
			i += 2;
		} else {
			out[k++] = ref[i];
		}
	}
	out[k] = '\0';
	if (memchr(out, '\0', k)) {
		snprintf(why, whylen, "the path of '%.60s' has a NUL byte", ref);
		return AG_EINVAL;
	}
	if (normalize(out)) {
		snprintf(why, whylen, "the path of '%.60s...' has too many segments", ref);
		return AG_EINVAL;
	}
	return 0;
}

int ag_api_resolve(struct ag_api_set *s, size_t from, const char *ref, struct ag_api_loc *out,
		   char *why, size_t whylen)
{
	const char *hash = strchr(ref, '#');
	size_t flen = hash ? (size_t)(hash - ref) : strlen(ref);
	const char *frag = hash ? hash + 1 : "";
	size_t doc = from;
	if (flen) {
		if (!strncmp(ref, "http:", 5) || !strncmp(ref, "https:", 6) ||
		    !strncmp(ref, "//", 2) || memchr(ref, ':', flen)) {
			snprintf(why, whylen, "'%.*s' is remote; archgate never fetches $refs "
				 "(vendor the file into the repository)", (int)flen, ref);
			return AG_EINVAL;
		}
		/* the file is found from the path the referencing one was read
		 * from, and shown relative to the name it is shown by */
		const struct ag_api_doc *fd = &s->docs[from];
		char path[4096], name[4096];
		if (join_ref(fd->path ? fd->path : fd->name, ref, flen, path, why, whylen) ||
		    join_ref(fd->name, ref, flen, name, why, whylen))
			return AG_EINVAL;
		if (!fd->real && !s->root) {
			/* text given in memory (fuzzing): no files behind it */
			snprintf(why, whylen, "'%s' cannot be read (the spec was not read from a "
				 "file)", name);
			return AG_EINVAL;
		}
		int rc = add_file(s, path, name, false, &doc, why, whylen);
		if (rc == AG_ENOMEM)
			return rc;
		if (rc)
			return AG_EINVAL;
	}
	const struct ag_ynode *n = s->docs[doc].root;
	int rc = walk_pointer(s, n, frag, &n, why, whylen);
	if (rc)
		return rc;
	if (!n) {
		snprintf(why, whylen, "'%s' is an empty file", s->docs[doc].name);
		return AG_EINVAL;
	}
	out->doc = doc;
	out->node = n;
	return 0;
}

int ag_api_deref(struct ag_api_set *s, struct ag_api_loc at, struct ag_api_loc *out, char *why,
		 size_t whylen)
{
	struct ag_api_loc seen[AG_API_MAX_HOPS + 1];
	const char *refs[AG_API_MAX_HOPS + 1];
	int n = 0;
	for (;;) {
		const char *ref = ag_api_ref_of(at.node);
		if (!ref) {
			*out = at;
			return 0;
		}
		if (n == AG_API_MAX_HOPS) {
			snprintf(why, whylen, "more than %d $refs in a row; archgate follows no "
				 "longer chains", AG_API_MAX_HOPS);
			return AG_EINVAL;
		}
		seen[n] = at;
		refs[n++] = ref;
		struct ag_api_loc next;
		int rc = ag_api_resolve(s, at.doc, ref, &next, why, whylen);
		if (rc)
			return rc;
		for (int i = 0; i < n; i++) {
			if (seen[i].node != next.node || seen[i].doc != next.doc)
				continue;
			/* name the cycle: the $refs from the one that closes it */
			size_t k = ag_snprintf(why, whylen, "the $refs form a cycle (");
			for (int j = i; j < n && k + 1 < whylen; j++)
				k += ag_snprintf(why + k, whylen - k, "%s -> ", refs[j]);
			if (k + 1 < whylen)
				ag_snprintf(why + k, whylen - k, "%s) and name no definition", refs[i]);
			return AG_EINVAL;
		}
		at = next;
	}
}
