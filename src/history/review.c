/*
 * review.c - who reviewed which commit; see review.h.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/array.h"
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

static bool all_hex(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* The next line of [*p, end): NUL-terminated in place, without its '\n'. */
static char *take_line(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *l = *p, *nl = memchr(l, '\n', (size_t)(end - l));
	if (nl) {
		*nl = '\0';
		*p = nl + 1;
	} else {
		*p = end;
	}
	return l;
}

int ag_review_parse_log(char *data, size_t len, struct ag_review *out)
{
	memset(out, 0, sizeof(*out));
	size_t cap = 0;
	char *p = data, *stop = data + len;
	while (p < stop) {
		/* -z: a NUL ends each commit; git never prints one inside a field
		 * (it cuts a commit message at a NUL byte) */
		char *z = memchr(p, '\0', (size_t)(stop - p));
		if (!z) { /* git ends every commit with one; cut output is refused */
			while (p < stop && *p == '\n')
				p++;
			return p == stop ? 0 : AG_EINVAL;
		}
		char *end = z, *q = p;
		p = z + 1;
		while (q < end && *q == '\n')
			q++;
		if (q == end)
			continue;
		char *sha = take_line(&q, end), *parents = take_line(&q, end);
		char *author = take_line(&q, end), *subject = take_line(&q, end);
		if (!subject || strlen(sha) != 40 || !all_hex(sha, 40))
			return AG_EINVAL;
		for (const char *c = parents; *c; c++)
			if (*c != ' ' && !all_hex(c, 1))
				return AG_EINVAL;
		struct ag_commit_review *v = ag_array_grow(out->v, &cap, out->n + 1, sizeof(*v), 64);
		if (!v)
			return AG_ENOMEM;
		out->v = v;
		struct ag_commit_review *c = &out->v[out->n++];
		memset(c, 0, sizeof(*c));
		memcpy(c->sha, sha, 40);
		c->author = strdup(author);
		c->subject = strdup(subject);
		c->merge = strchr(parents, ' ') != NULL;
		if (!c->author || !c->subject)
			return AG_ENOMEM;
		/* the rest: one review trailer's value a line (unfolded); only
		 * git's %(trailers) puts text here, never the subject */
		for (char *t; !c->reviewed && (t = take_line(&q, end));) {
			if (*t && !same_person(t, c->author)) {
				c->reviewed = true;
				if (!(c->reviewer = strdup(t)))
					return AG_ENOMEM;
			}
		}
	}
	return 0;
}

/* A trailer key goes into git's format string: letters, digits and '-' only,
 * so that it cannot add options to %(trailers:...). */
static bool trailer_key_ok(const char *k, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') ||
		      (k[i] >= '0' && k[i] <= '9') || k[i] == '-'))
			return false;
	return true;
}

int ag_review_range(const struct ag_model *m, const char *range, struct ag_review *out,
		    struct ag_diags *diags)
{
	memset(out, 0, sizeof(*out));
	if (range[0] == '-') {
		ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0, "'%s' is not a revision range", range);
		return AG_EINVAL;
	}
	/* one commit per NUL (-z); inside it one field a line: sha, parents,
	 * author, subject (git joins its lines), then the review trailers'
	 * values one a line (unfold joins continuation lines). No field can
	 * hold a newline or a NUL, so commit text cannot forge a field. */
	struct ag_buf fmt = AG_BUF_INIT;
	ag_buf_adds(&fmt, "--format=%H%n%P%n%an <%ae>%n%s%n%(trailers:");
	const struct ag_scalar *tr = m->policy.review.trailers.v;
	size_t ntr = m->policy.review.trailers.n, nkeys = 0;
	for (size_t i = 0; i < ntr; i++) {
		if (!tr[i].set)
			continue;
		if (!trailer_key_ok(tr[i].s, tr[i].len)) {
			ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0,
				     "review trailer '%s' is not a trailer key (letters, digits "
				     "and '-')", tr[i].s);
			ag_buf_release(&fmt);
			return AG_EINVAL;
		}
		ag_buf_printf(&fmt, "key=%s,", tr[i].s);
		nkeys++;
	}
	if (!nkeys)
		ag_buf_adds(&fmt, "key=Reviewed-by,");
	ag_buf_adds(&fmt, "valueonly,unfold,separator=%x0a)");
	int frc = ag_buf_err(&fmt);
	if (frc) {
		ag_buf_release(&fmt);
		return frc;
	}
	const char *argv[] = {"log", "-z", "--max-count=5000", fmt.data, range, "--", NULL};
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
	rc = ag_review_parse_log(b.data, b.len, out);
	if (rc == AG_EINVAL)
		ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0,
			     "git log's output for '%s' is not in the format asked for", range);
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
