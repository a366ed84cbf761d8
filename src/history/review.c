/*
 * review.c - who reviewed which commit; see review.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "git.h"
#include "review.h"

static const char *deploy_glob(const struct ag_model *m)
{
	return m->policy.review.deploy_tags.set ? m->policy.review.deploy_tags.s : "deploy/*";
}

/* The first `n` deploy tags, newest first. */
static int deploy_tags(const struct ag_model *m, char tags[2][256], size_t *n)
{
	char pattern[300];
	snprintf(pattern, sizeof(pattern), "refs/tags/%s", deploy_glob(m));
	/* newest first; tags made in the same second by version order
	 * (deploy/10 after deploy/9): git's last --sort is the primary key */
	const char *argv[] = {"for-each-ref", "--sort=-v:refname", "--sort=-creatordate",
			      "--count=2", "--format=%(refname:short)", pattern, NULL};
	struct ag_buf b = AG_BUF_INIT;
	int rc = ag_git(m->root, argv, &b);
	*n = 0;
	if (rc) {
		ag_buf_release(&b);
		return rc < 0 ? rc : AG_ENOENT;
	}
	for (char *p = b.data, *nl; p && *p && *n < 2; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			break;
		snprintf(tags[(*n)++], 256, "%.*s", (int)(nl - p), p);
	}
	ag_buf_release(&b);
	return 0;
}

int ag_review_last_deploy(const struct ag_model *m, char **range)
{
	*range = NULL;
	char tags[2][256];
	size_t n;
	int rc = deploy_tags(m, tags, &n);
	if (rc || !n)
		return rc == AG_ENOENT ? 0 : rc;
	size_t len = strlen(tags[0]) + (n > 1 ? strlen(tags[1]) + 3 : 0) + 1;
	if (!(*range = malloc(len)))
		return AG_ENOMEM;
	if (n > 1)
		snprintf(*range, len, "%s..%s", tags[1], tags[0]);
	else
		snprintf(*range, len, "%s", tags[0]);
	return 0;
}

int ag_review_pending(const struct ag_model *m, char **range)
{
	char tags[2][256];
	size_t n = 0;
	int rc = deploy_tags(m, tags, &n);
	if (rc && rc != AG_ENOENT)
		return rc;
	size_t len = (n ? strlen(tags[0]) : 0) + 8;
	if (!(*range = malloc(len)))
		return AG_ENOMEM;
	if (n)
		snprintf(*range, len, "%s..HEAD", tags[0]);
	else
		snprintf(*range, len, "HEAD");
	return 0;
}

static bool same_person(const char *a, const char *b)
{
	/* compare the e-mail part when both have one, else the whole text */
	const char *ea = strchr(a, '<'), *eb = strchr(b, '<');
	if (ea && eb)
		return !strcasecmp(ea, eb);
	while (*a == ' ')
		a++;
	while (*b == ' ')
		b++;
	size_t la = ea ? (size_t)(ea - a) : strlen(a), lb = eb ? (size_t)(eb - b) : strlen(b);
	while (la && a[la - 1] == ' ')
		la--;
	while (lb && b[lb - 1] == ' ')
		lb--;
	return la == lb && !strncasecmp(a, b, la);
}

void ag_review_release(struct ag_review *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].author);
		free(r->v[i].subject);
		free(r->v[i].reviewer);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static struct ag_commit_review *find_commit(struct ag_review *r, const char *sha)
{
	for (size_t i = 0; i < r->n; i++)
		if (!strncmp(r->v[i].sha, sha, 40))
			return &r->v[i];
	return NULL;
}

int ag_review_range(const struct ag_model *m, const char *range, struct ag_review *out,
		    struct ag_diags *diags)
{
	memset(out, 0, sizeof(*out));
	if (range[0] == '-') {
		ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0, "'%s' is not a revision range", range);
		return AG_EINVAL;
	}
	/* trailers: key=Reviewed-by,... */
	struct ag_buf fmt = AG_BUF_INIT;
	ag_buf_adds(&fmt, "--format=%H%x1f%an <%ae>%x1f%P%x1f%s%x1f");
	const struct ag_scalar *tr = m->policy.review.trailers.v;
	size_t ntr = m->policy.review.trailers.n;
	if (!ntr)
		ag_buf_adds(&fmt, "%(trailers:key=Reviewed-by,valueonly,separator=%x1d)");
	for (size_t i = 0; i < ntr; i++)
		ag_buf_printf(&fmt, "%%(trailers:key=%s,valueonly,separator=%%x1d)%s", tr[i].s,
			      i + 1 < ntr ? "%x1d" : "");
	ag_buf_adds(&fmt, "%x1e");
	int frc = ag_buf_err(&fmt);
	if (frc) {
		ag_buf_release(&fmt);
		return frc;
	}
	const char *argv[] = {"log", "--max-count=5000", fmt.data, range, "--", NULL};
	struct ag_buf b = AG_BUF_INIT;
	int rc = ag_git(m->root, argv, &b);
	ag_buf_release(&fmt);
	if (rc) {
		ag_buf_release(&b);
		if (rc < 0)
			return rc == AG_ENOENT ? AG_ENOENT : rc;
		ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0,
			     "git cannot read the range '%s' in %s", range, m->root);
		return AG_EINVAL;
	}
	size_t cap = 0;
	for (char *rec = b.data; rec && *rec;) {
		char *end = strchr(rec, '\x1e');
		if (!end)
			break;
		*end = '\0';
		while (*rec == '\n')
			rec++;
		char *f[5] = {0};
		char *p = rec;
		for (int k = 0; k < 5 && p; k++) {
			f[k] = p;
			p = strchr(p, '\x1f');
			if (p)
				*p++ = '\0';
		}
		rec = end + 1;
		if (!f[3] || strlen(f[0]) != 40)
			continue;
		if (out->n == cap) {
			cap = cap ? cap * 2 : 64;
			struct ag_commit_review *v = realloc(out->v, cap * sizeof(*v));
			if (!v) {
				rc = AG_ENOMEM;
				break;
			}
			out->v = v;
		}
		struct ag_commit_review *c = &out->v[out->n++];
		memset(c, 0, sizeof(*c));
		memcpy(c->sha, f[0], 40);
		c->author = strdup(f[1]);
		c->subject = strdup(f[3]);
		c->merge = strchr(f[2], ' ') != NULL;
		if (!c->author || !c->subject) {
			rc = AG_ENOMEM;
			break;
		}
		/* trailer values, separated by 0x1d */
		for (char *t = f[4]; t && *t && !c->reviewed;) {
			char *sep = strchr(t, '\x1d');
			if (sep)
				*sep = '\0';
			char *nl = strchr(t, '\n');
			if (nl)
				*nl = '\0';
			if (*t && !same_person(t, c->author)) {
				c->reviewed = true;
				c->reviewer = strdup(t);
			}
			t = sep ? sep + 1 : NULL;
		}
	}
	ag_buf_release(&b);
	/* commits brought in by a merge made by someone else count as reviewed */
	for (size_t i = 0; !rc && i < out->n; i++) {
		struct ag_commit_review *mc = &out->v[i];
		if (!mc->merge)
			continue;
		char spec[100];
		snprintf(spec, sizeof(spec), "%s^1..%s^2", mc->sha, mc->sha);
		const char *av[] = {"rev-list", "--max-count=5000", spec, NULL};
		struct ag_buf list = AG_BUF_INIT;
		if (ag_git(m->root, av, &list) == 0 && list.data) {
			for (char *s = list.data; *s;) {
				char *nl = strchr(s, '\n');
				if (!nl)
					break;
				*nl = '\0';
				struct ag_commit_review *c = find_commit(out, s);
				if (c && !c->reviewed && !c->merge && !same_person(c->author, mc->author)) {
					c->reviewed = true;
					c->reviewer = strdup(mc->author);
				}
				s = nl + 1;
			}
		}
		ag_buf_release(&list);
		mc->reviewed = true; /* the merge is the review itself */
	}
	for (size_t i = 0; i < out->n; i++)
		out->unreviewed += !out->v[i].reviewed;
	return rc;
}
