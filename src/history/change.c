/*
 * change.c - risky commits and fixes; see change.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "base/array.h"
#include "base/buf.h"
#include "base/ignore.h"
#include "change.h"
#include "git.h"

void ag_changes_release(struct ag_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].subject);
		for (int k = 0; k < AG_WHY__N; k++) {
			free(c->v[i].risky_why[k]);
			free(c->v[i].fix_why[k]);
		}
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

size_t ag_change_type(const char *s, const char **type)
{
	size_t n = 0;
	while ((s[n] >= 'a' && s[n] <= 'z') || (s[n] >= 'A' && s[n] <= 'Z') ||
	       (s[n] >= '0' && s[n] <= '9') || s[n] == '-' || s[n] == '_')
		n++;
	size_t i = n;
	if (!n)
		return 0;
	if (s[i] == '(') {
		while (s[i] && s[i] != ')' && s[i] != '\n')
			i++;
		if (s[i] != ')')
			return 0;
		i++;
	}
	if (s[i] == '!')
		i++;
	if (s[i] != ':')
		return 0;
	*type = s;
	return n;
}

static const struct ag_scalar *scalars(const struct ag_list *l)
{
	return l->v;
}

/* "Key: value" or "Key" (any value) against one trailer line "Key: value". */
static bool trailer_matches(const char *rule, const char *key, size_t kl, const char *val,
			    size_t vl)
{
	const char *colon = strchr(rule, ':');
	size_t rk = colon ? (size_t)(colon - rule) : strlen(rule);
	while (rk && rule[rk - 1] == ' ')
		rk--;
	if (rk != kl || strncasecmp(rule, key, kl))
		return false;
	if (!colon)
		return true;
	const char *rv = colon + 1;
	while (*rv == ' ')
		rv++;
	size_t rvl = strlen(rv);
	while (rvl && rv[rvl - 1] == ' ')
		rvl--;
	return rvl == vl && !strncasecmp(rv, val, vl);
}

/* The first trailer of `trailers` (git's "Key: value" lines) a rule of
 * `rules` names, as "trailer Key: value" into *why. */
static int match_trailers(const struct ag_list *rules, const char *trailers, char **why)
{
	const struct ag_scalar *r = scalars(rules);
	for (const char *t = trailers; *t && !*why;) {
		const char *nl = strchr(t, '\n');
		size_t len = nl ? (size_t)(nl - t) : strlen(t);
		const char *colon = memchr(t, ':', len);
		if (colon) {
			size_t kl = (size_t)(colon - t);
			const char *v = colon + 1;
			while (v < t + len && *v == ' ')
				v++;
			size_t vl = (size_t)(t + len - v);
			while (vl && v[vl - 1] == ' ')
				vl--;
			for (size_t i = 0; i < rules->n && !*why; i++)
				if (r[i].s && trailer_matches(r[i].s, t, kl, v, vl)) {
					struct ag_buf b = AG_BUF_INIT;
					ag_buf_printf(&b, "trailer %.*s: %.*s", (int)kl, t, (int)vl, v);
					if (ag_buf_err(&b))
						return AG_ENOMEM;
					*why = b.data;
				}
		}
		t += len + (nl != NULL);
	}
	return 0;
}

static int match_labels(const struct ag_list *rules, const char *const *labels, size_t n,
			char **why)
{
	const struct ag_scalar *r = scalars(rules);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < rules->n; k++)
			if (r[k].s && !strcasecmp(r[k].s, labels[i])) {
				struct ag_buf b = AG_BUF_INIT;
				ag_buf_printf(&b, "label %s", labels[i]);
				if (ag_buf_err(&b))
					return AG_ENOMEM;
				*why = b.data;
				return 0;
			}
	return 0;
}

static int match_prefix(const struct ag_list *rules, const char *subject, bool dflt_fix,
			char **why)
{
	const char *type;
	size_t n = ag_change_type(subject, &type);
	if (!n)
		return 0;
	const struct ag_scalar *r = scalars(rules);
	bool hit = false;
	for (size_t k = 0; k < rules->n && !hit; k++)
		hit = r[k].s && strlen(r[k].s) == n && !strncasecmp(r[k].s, type, n);
	if (!rules->set && dflt_fix)
		hit = n == 3 && !strncasecmp(type, "fix", 3);
	if (!hit)
		return 0;
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_printf(&b, "subject prefix %.*s", (int)n, type);
	if (ag_buf_err(&b))
		return AG_ENOMEM;
	*why = b.data;
	return 0;
}

/* Whether `path` is matched by `ig`, its folders first (git's rule: a file
 * under an excluded folder cannot be taken back). */
static bool path_hit(const struct ag_ignore *ig, const char *path)
{
	for (const char *s = strchr(path, '/'); s; s = strchr(s + 1, '/')) {
		size_t len = (size_t)(s - path);
		char dir[4096];
		if (len >= sizeof(dir))
			return false;
		memcpy(dir, path, len);
		dir[len] = 0;
		const char *name = strrchr(dir, '/');
		if (ag_ignore_match(ig, dir, len, name ? name + 1 : dir, true))
			return true;
	}
	const char *name = strrchr(path, '/');
	return ag_ignore_match(ig, path, strlen(path), name ? name + 1 : path, false);
}

struct paths {
	struct ag_ignore all;
	struct ag_ignore *one; /* one list per pattern: which one matched */
	size_t n;
};

static int paths_init(struct paths *p, const struct ag_list *rules)
{
	memset(p, 0, sizeof(*p));
	ag_ignore_init(&p->all);
	const struct ag_scalar *r = scalars(rules);
	p->one = calloc(rules->n ? rules->n : 1, sizeof(*p->one));
	if (!p->one)
		return AG_ENOMEM;
	p->n = rules->n;
	for (size_t i = 0; i < rules->n; i++) {
		ag_ignore_init(&p->one[i]);
		if (!r[i].s)
			continue;
		if (ag_ignore_add(&p->all, r[i].s, strlen(r[i].s), 0) ||
		    (r[i].s[0] != '!' && ag_ignore_add(&p->one[i], r[i].s, strlen(r[i].s), 0)))
			return AG_ENOMEM;
	}
	return 0;
}

static void paths_release(struct paths *p)
{
	ag_ignore_release(&p->all);
	for (size_t i = 0; i < p->n; i++)
		ag_ignore_release(&p->one[i]);
	free(p->one);
}

static int match_path(const struct paths *p, const struct ag_list *rules, const char *file,
		      size_t *more, char **why)
{
	if (!p->n || !path_hit(&p->all, file))
		return 0;
	if (*why) {
		(*more)++;
		return 0;
	}
	const struct ag_scalar *r = scalars(rules);
	const char *pat = NULL;
	for (size_t i = 0; i < p->n && !pat; i++)
		if (r[i].s && r[i].s[0] != '!' && path_hit(&p->one[i], file))
			pat = r[i].s;
	struct ag_buf b = AG_BUF_INIT;
	ag_buf_printf(&b, "path %s", file);
	if (pat)
		ag_buf_printf(&b, " (%s)", pat);
	if (ag_buf_err(&b))
		return AG_ENOMEM;
	*why = b.data;
	return 0;
}

/* `git log` of the range: with the files each commit touches (`files`), or
 * in the format alone. */
static int git_range(const struct ag_model *m, const char *range, const char *format, bool files,
		     struct ag_buf *b, struct ag_diags *diags)
{
	const char *argv[] = {"log", "--max-count=5000", "--no-renames", "--name-only", "-z",
			      format, range, "--", NULL};
	const char *list[] = {"log", "--max-count=5000", format, range, "--", NULL};
	int rc = ag_git(m->root, files ? argv : list, b);
	if (rc < 0)
		return rc;
	if (rc) {
		ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0, "git cannot read the range '%s' in %s",
			     range, m->root);
		return AG_EINVAL;
	}
	return 0;
}

static bool class_set(const struct ag_change_class *c)
{
	return c->trailers.n || c->paths.n || c->labels.n || c->prefixes.n;
}

static bool is_sha(const char *s, size_t len)
{
	if (len != 40 && len != 64)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* Whether the NUL-ended token at p (before end) is "\1" and `sha`. */
static bool starts_commit(const char *p, const char *end, const char *sha)
{
	size_t n = strlen(sha);
	return (size_t)(end - p) > n + 1 && p[0] == '\1' && !memcmp(p + 1, sha, n) && !p[n + 1];
}

int ag_changes_parse(const struct ag_budget_policy *bp, const char *shas, size_t shas_len,
		     const char *log, size_t log_len, const char *const *labels, size_t nlabels,
		     struct ag_changes *out)
{
	memset(out, 0, sizeof(*out));
	const struct ag_change_class *risky = &bp->risky, *fix = &bp->fix;
	out->risky_configured = class_set(risky);
	int rc = 0;
	size_t cap = 0;
	/* the commits in order, from the plain list: one id a line */
	const char *s = shas, *send = shas ? shas + shas_len : NULL;
	while (s < send) {
		const char *nl = memchr(s, '\n', (size_t)(send - s));
		size_t len = nl ? (size_t)(nl - s) : (size_t)(send - s);
		if (!is_sha(s, len)) {
			rc = AG_EINVAL;
			break;
		}
		struct ag_change *v = ag_array_grow(out->v, &cap, out->n + 1, sizeof(*v), 64);
		if (!v) {
			rc = AG_ENOMEM;
			break;
		}
		out->v = v;
		memset(&v[out->n], 0, sizeof(*v));
		memcpy(v[out->n++].sha, s, len);
		s += len + (nl != NULL);
	}
	struct paths pt;
	int prc = paths_init(&pt, &risky->paths);
	rc = rc ? rc : prc;
	/* then the log: per commit "\1SHA" subject trailers "" files..., each
	 * ended by NUL; a commit starts only where the next SHA of the list
	 * is expected, so no file name can start one */
	const char *p = log, *end = log ? log + log_len : NULL;
	for (size_t i = 0; !rc && i < out->n; i++) {
		struct ag_change *c = &out->v[i];
		const char *tok[4];
		for (int k = 0; k < 4; k++) {
			const char *nul = p < end ? memchr(p, '\0', (size_t)(end - p)) : NULL;
			if (!nul) {
				rc = AG_EINVAL;
				break;
			}
			tok[k] = p;
			p = nul + 1;
		}
		if (rc || tok[0][0] != '\1' || strcmp(tok[0] + 1, c->sha) || tok[3][0]) {
			rc = AG_EINVAL;
			break;
		}
		if (!(c->subject = strdup(tok[1]))) {
			rc = AG_ENOMEM;
			break;
		}
		const char *trailers = tok[2];
		size_t more = 0;
		bool first = true;
		while (!rc && p < end) {
			if (i + 1 < out->n && starts_commit(p, end, out->v[i + 1].sha))
				break;
			const char *nul = memchr(p, '\0', (size_t)(end - p));
			const char *file = p;
			p = nul ? nul + 1 : end;
			if (!nul)
				break;
			if (first && file[0] == '\n')
				file++;
			first = false;
			if (*file)
				rc = match_path(&pt, &risky->paths, file, &more,
						&c->risky_why[AG_WHY_PATH]);
		}
		if (!rc && more) {
			struct ag_buf b = AG_BUF_INIT;
			ag_buf_printf(&b, "%s and %zu more", c->risky_why[AG_WHY_PATH], more);
			if (ag_buf_err(&b)) {
				rc = AG_ENOMEM;
				break;
			}
			free(c->risky_why[AG_WHY_PATH]);
			c->risky_why[AG_WHY_PATH] = b.data;
		}
		if (!rc)
			rc = match_trailers(&risky->trailers, trailers, &c->risky_why[AG_WHY_TRAILER]);
		if (!rc)
			rc = match_labels(&risky->labels, labels, nlabels, &c->risky_why[AG_WHY_LABEL]);
		if (!rc)
			rc = match_prefix(&risky->prefixes, c->subject, false,
					  &c->risky_why[AG_WHY_PREFIX]);
		/* fixes: default type `fix` and trailer Change-Type: fix */
		if (!rc && fix->trailers.set) {
			rc = match_trailers(&fix->trailers, trailers, &c->fix_why[AG_WHY_TRAILER]);
		} else if (!rc) {
			struct ag_scalar d = {.s = "Change-Type: fix", .set = true};
			struct ag_list l = {.v = &d, .n = 1, .set = true};
			rc = match_trailers(&l, trailers, &c->fix_why[AG_WHY_TRAILER]);
		}
		if (!rc)
			rc = match_labels(&fix->labels, labels, nlabels, &c->fix_why[AG_WHY_LABEL]);
		if (!rc)
			rc = match_prefix(&fix->prefixes, c->subject, true, &c->fix_why[AG_WHY_PREFIX]);
		for (int k = 0; k < AG_WHY__N; k++) {
			c->risky = c->risky || c->risky_why[k];
			c->fix = c->fix || c->fix_why[k];
		}
		if (!rc && !out->risky_configured && !c->fix) {
			c->risky = true;
			c->risky_why[AG_WHY_DEFAULT] = strdup("not a fix, and error_budget.risky names "
							      "nothing: every such change is risky");
			if (!c->risky_why[AG_WHY_DEFAULT])
				rc = AG_ENOMEM;
		}
		out->risky += c->risky;
		out->fixes += c->fix;
	}
	paths_release(&pt);
	if (rc)
		ag_changes_release(out);
	return rc;
}

int ag_changes_classify(const struct ag_model *m, const char *range, const char *const *labels,
			size_t nlabels, struct ag_changes *out, struct ag_diags *diags)
{
	memset(out, 0, sizeof(*out));
	if (range[0] == '-') {
		ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0, "'%s' is not a revision range", range);
		return AG_EINVAL;
	}
	struct ag_buf shas = AG_BUF_INIT, log = AG_BUF_INIT;
	int rc = git_range(m, range, "--format=%H", false, &shas, diags);
	if (!rc)
		rc = git_range(m, range, "--format=%x01%H%x00%s%x00%(trailers:only,unfold)%x00", true,
			       &log, diags);
	if (!rc) {
		rc = ag_changes_parse(&m->policy.error_budget, shas.data, shas.len, log.data,
				      log.len, labels, nlabels, out);
		if (rc == AG_EINVAL)
			ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0,
				     "git's log of '%s' in %s is not in the shape archgate asked "
				     "for: nothing in it is trusted", range, m->root);
	}
	ag_buf_release(&shas);
	ag_buf_release(&log);
	return rc;
}
