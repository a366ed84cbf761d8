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
		if (!strcmp(r->v[i].sha, sha))
			return &r->v[i];
	return NULL;
}

static bool hex_id(const char *s, size_t n)
{
	if (n != 40 && n != 64) /* SHA-1 or SHA-256 */
		return false;
	for (size_t i = 0; i < n; i++)
		if (!((s[i] >= '0' && s[i] <= '9') || (s[i] >= 'a' && s[i] <= 'f')))
			return false;
	return true;
}

/* %P: ids separated by single spaces, or nothing */
static bool parent_ids(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && s[j] != ' ')
			j++;
		if (!hex_id(s + i, j - i))
			return false;
		i = j + 1;
	}
	return true;
}

int ag_review_parse(const char *data, size_t len, struct ag_review *out)
{
	memset(out, 0, sizeof(*out));
	size_t cap = 0, at = 0;
	while (at < len) {
		while (at < len && data[at] == '\n')
			at++;
		if (at == len)
			break;
		const char *f[AG_REVIEW_FIELDS];
		size_t fl[AG_REVIEW_FIELDS];
		for (int k = 0; k < AG_REVIEW_FIELDS; k++) {
			const char *nul = at < len ? memchr(data + at, '\0', len - at) : NULL;
			if (!nul)
				return AG_EINVAL; /* cut short: not what git writes */
			f[k] = data + at;
			fl[k] = (size_t)(nul - f[k]);
			at += fl[k] + 1;
		}
		/* commit text cannot hold a NUL, so each field is where git put
		 * it; anything else means the output is not ours to trust */
		if (!hex_id(f[0], fl[0]) || !parent_ids(f[1], fl[1]))
			return AG_EINVAL;
		struct ag_commit_review *v = ag_array_grow(out->v, &cap, out->n + 1, sizeof(*v), 64);
		if (!v)
			return AG_ENOMEM;
		out->v = v;
		struct ag_commit_review *c = &out->v[out->n++];
		memset(c, 0, sizeof(*c));
		memcpy(c->sha, f[0], fl[0]);
		c->merge = memchr(f[1], ' ', fl[1]) != NULL;
		c->author = strndup(f[2], fl[2]);
		c->subject = strndup(f[3], fl[3]);
		if (!c->author || !c->subject)
			return AG_ENOMEM;
		/* the review trailers' values, one per line */
		for (size_t i = 0; i < fl[4] && !c->reviewed;) {
			const char *t = f[4] + i, *nl = memchr(t, '\n', fl[4] - i);
			size_t tn = nl ? (size_t)(nl - t) : fl[4] - i;
			i += tn + 1;
			char *who = strndup(t, tn);
			if (!who)
				return AG_ENOMEM;
			if (*who && !same_person(who, c->author)) {
				c->reviewed = true;
				c->reviewer = who;
			} else {
				free(who);
			}
		}
	}
	return 0;
}

/* A trailer key as git's %(trailers:key=...) takes it: letters, digits
 * and '-' (anything else could end the placeholder and inject another). */
static bool trailer_key(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= 'a' && *s <= 'z') ||
		      (*s >= '0' && *s <= '9') || *s == '-'))
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
	/* Fields end in NUL, which commit text cannot hold: no subject,
	 * author or trailer can move a field (a subject with 0x1F and a name
	 * once read as "reviewed by"). Trailers: key=Reviewed-by,... */
	const struct ag_scalar *tr = m->policy.review.trailers.v;
	size_t ntr = m->policy.review.trailers.n;
	for (size_t i = 0; i < ntr; i++)
		if (!trailer_key(tr[i].s)) {
			ag_diags_addpos(diags, AG_SEV_ERROR, &tr[i].pos,
					"review.trailers: '%s' is not a trailer key (letters, digits "
					"and '-')", tr[i].s ? tr[i].s : "");
			return AG_EINVAL;
		}
	struct ag_buf fmt = AG_BUF_INIT;
	ag_buf_adds(&fmt, "--format=%H%x00%P%x00%an <%ae>%x00%s%x00");
	if (!ntr)
		ag_buf_adds(&fmt, "%(trailers:key=Reviewed-by,valueonly,unfold,separator=%x0a)");
	for (size_t i = 0; i < ntr; i++)
		ag_buf_printf(&fmt, "%%(trailers:key=%s,valueonly,unfold,separator=%%x0a)%s",
			      tr[i].s, i + 1 < ntr ? "%x0a" : "");
	ag_buf_adds(&fmt, "%x00");
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
	rc = ag_review_parse(b.data, b.len, out);
	ag_buf_release(&b);
	if (rc == AG_EINVAL) {
		ag_review_release(out);
		ag_diags_add(diags, AG_SEV_ERROR, NULL, 0, 0,
			     "git's log of '%s' in %s is not in the shape archgate asked for: "
			     "nothing in it is trusted", range, m->root);
		return AG_EINVAL;
	}
	/* commits brought in by a merge made by someone else count as reviewed */
	for (size_t i = 0; !rc && i < out->n; i++) {
		struct ag_commit_review *mc = &out->v[i];
		if (!mc->merge)
			continue;
		char spec[2 * sizeof(mc->sha) + 8];
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
