/*
 * slo.c - reading OpenSLO documents; see slo.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/fsutil.h"
#include "slo.h"
#include "yaml/yaml_tree.h"

static const char *str(const struct ag_ynode *n)
{
	return n && n->kind == AG_Y_SCALAR && !ag_yaml_is_null(n) ? n->str : NULL;
}

static int parse_doc(struct ag_arena *a, const char *file, const char *text, size_t len,
		     int first_line, ag_slo_doc_fn fn, void *ctx, struct ag_diags *diags)
{
	struct ag_ynode *root = NULL;
	int rc = ag_yaml_parse_at(a, file, text, len, first_line, &root, diags);
	if (rc)
		return rc == AG_ENOMEM ? rc : AG_EINVAL;
	return fn(ctx, root);
}

struct add_ctx {
	struct ag_arena *a;
	const char *file;
	struct ag_slos *out;
	size_t *cap;
};

static int add_doc(void *vctx, const struct ag_ynode *root)
{
	struct add_ctx *c = vctx;
	struct ag_slos *out = c->out;
	const char *kind = str(ag_yaml_get(root, "kind"));
	if (!root || !kind || strcmp(kind, "SLO"))
		return 0;
	if (out->n == *c->cap) {
		size_t nc = *c->cap ? *c->cap * 2 : 8;
		struct ag_slo *v = ag_arena_realloc_array(c->a, out->v, out->n, nc, sizeof(*v));
		if (!v)
			return AG_ENOMEM;
		out->v = v;
		*c->cap = nc;
	}
	struct ag_slo *s = &out->v[out->n++];
	s->file = c->file;
	s->line = root->line;
	const char *name = str(ag_yaml_get(ag_yaml_get(root, "metadata"), "name"));
	s->name = name ? name : "";
	const struct ag_ynode *spec = ag_yaml_get(root, "spec");
	s->service = str(ag_yaml_get(spec, "service"));
	const struct ag_ynode *obj = ag_yaml_get(spec, "objectives");
	double t = 0;
	if (obj && obj->kind == AG_Y_SEQ && obj->n && !ag_yaml_num(ag_yaml_get(obj->kids[0], "target"), &t))
		s->target = t;
	return 0;
}

int ag_slo_each_doc(struct ag_arena *a, const char *file, const char *data, size_t len,
		    ag_slo_doc_fn fn, void *ctx, struct ag_diags *diags)
{
	/* split on "---" lines into documents */
	size_t start = 0;
	int line = 1, start_line = 1, rc = 0, bad = 0;
	for (size_t p = 0; p <= len;) {
		const char *nl = p < len ? memchr(data + p, '\n', len - p) : NULL;
		size_t end = nl ? (size_t)(nl - data) : len;
		bool sep = end - p >= 3 && !strncmp(data + p, "---", 3) &&
			   (end - p == 3 || data[p + 3] == ' ' || data[p + 3] == '\r');
		if (sep || end == len) {
			size_t doc_end = sep ? p : len;
			if (doc_end > start) {
				int r2 = parse_doc(a, file, data + start, doc_end - start, start_line,
						   fn, ctx, diags);
				if (r2 == AG_ENOMEM)
					return r2;
				if (r2 == AG_EINVAL || r2 == AG_EPARSE || r2 == AG_ELIMIT)
					bad = AG_EINVAL;
				else if (r2)
					rc = r2;
			}
			start = nl ? end + 1 : len;
			start_line = line + 1;
		}
		if (!nl)
			break;
		p = end + 1;
		line++;
	}
	return rc ? rc : bad;
}

bool ag_slo_file_name(const char *name)
{
	size_t l = strlen(name);
	return name[0] != '.' && ((l > 5 && !strcmp(name + l - 5, ".yaml")) ||
				  (l > 4 && !strcmp(name + l - 4, ".yml")));
}

int ag_slos_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_slos *out, struct ag_diags *diags)
{
	memset(out, 0, sizeof(*out));
	char **names;
	size_t n;
	if (ag_dir_list(dir, ag_slo_file_name, &names, &n))
		return AG_ENOMEM;
	size_t cap = 0;
	int rc = 0, bad = 0;
	for (size_t i = 0; i < n && rc != AG_ENOMEM; i++) {
		char path[4096];
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		size_t dl = strlen(dir_rel) + strlen(names[i]) + 2;
		char *disp = ag_arena_alloc(a, dl);
		char *data = NULL;
		size_t len;
		if (!disp) {
			rc = AG_ENOMEM;
			break;
		}
		snprintf(disp, dl, "%s/%s", dir_rel, names[i]);
		int r = ag_read_file(path, AG_YAML_MAX_BYTES, &data, &len);
		if (r) {
			ag_diags_add(diags, AG_SEV_ERROR, disp, 0, 0, "cannot read SLO file: %s",
				     ag_strerror(r));
			bad = AG_EINVAL;
			continue;
		}
		struct add_ctx ctx = {a, disp, out, &cap};
		int r2 = ag_slo_each_doc(a, disp, data, len, add_doc, &ctx, diags);
		if (r2 == AG_ENOMEM)
			rc = r2;
		else if (r2)
			bad = AG_EINVAL;
		free(data);
	}
	ag_dir_list_free(names, n);
	return rc ? rc : bad;
}
