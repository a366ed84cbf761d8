/*
 * rfc.c - reading, creating and signing RFCs; see rfc.h.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "adr_edit.h"
#include "base/fsutil.h"
#include "rfc.h"


const char *ag_rfc_status_name(enum ag_rfc_status s)
{
	switch (s) {
	case AG_RFC_DRAFT: return "Draft";
	case AG_RFC_REVIEW: return "In Review";
	case AG_RFC_ACCEPTED: return "Accepted";
	case AG_RFC_REJECTED: return "Rejected";
	case AG_RFC_WITHDRAWN: return "Withdrawn";
	case AG_RFC_UNKNOWN: break;
	}
	return "Unknown";
}

enum ag_rfc_status ag_rfc_status_parse(const char *s, size_t n)
{
	static const struct { const char *w; enum ag_rfc_status st; } words[] = {
		{"draft", AG_RFC_DRAFT}, {"in review", AG_RFC_REVIEW}, {"review", AG_RFC_REVIEW},
		{"accepted", AG_RFC_ACCEPTED}, {"approved", AG_RFC_ACCEPTED},
		{"rejected", AG_RFC_REJECTED}, {"withdrawn", AG_RFC_WITHDRAWN},
	};
	struct ag_span t = ag_span_trim((struct ag_span){s, n});
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (ag_span_eq(t, words[i].w))
			return words[i].st;
	return AG_RFC_UNKNOWN;
}

static const char *dup_cell(struct ag_arena *a, struct ag_span s)
{
	/* unescape \| inside table cells */
	char *p = ag_arena_alloc(a, s.len + 1);
	if (!p)
		return NULL;
	size_t k = 0;
	for (size_t i = 0; i < s.len; i++) {
		if (s.s[i] == '\\' && i + 1 < s.len && s.s[i + 1] == '|')
			continue;
		p[k++] = s.s[i];
	}
	p[k] = '\0';
	return p;
}

int ag_rfc_parse(struct ag_arena *a, const char *file, const char *text, size_t len,
		 struct ag_rfc *out)
{
	memset(out, 0, sizeof(*out));
	out->file = file;
	out->text = text;
	out->len = len;
	out->title = "";
	out->status_line = -1;
	out->signoff_heading = -1;
	const char *base = strrchr(file, '/');
	out->name = base ? base + 1 : file;
	out->number = ag_leading_number(out->name);
	AG_TRY(ag_md_parse(a, text, len, &out->md));
	const struct ag_md *d = &out->md;
	bool header = true;
	for (size_t i = 0; i < d->n; i++) {
		const struct ag_md_line *l = &d->lines[i];
		struct ag_span v;
		if (l->kind == AG_MD_HEADING) {
			if (l->level == 1 && !*out->title) {
				struct ag_span t = l->text;
				size_t k = 0;
				if (ag_span_prefix(t, "RFC")) {
					k = 3;
					while (k < t.len && (t.s[k] == '-' || t.s[k] == ' ' ||
							     isdigit((unsigned char)t.s[k])))
						k++;
					k = k < t.len && t.s[k] == ':' ? k + 1 : 0;
				}
				struct ag_span title = ag_span_trim((struct ag_span){t.s + k, t.len - k});
				if (!(out->title = ag_arena_strndup(a, title.s, title.len)))
					return AG_ENOMEM;
				out->title_pos = (struct ag_pos){file, (int)i + 1, (int)(title.s - (text + l->off)) + 1};
			} else {
				header = false;
				if (ag_span_prefix(l->text, "sign-off") || ag_span_prefix(l->text, "signoff") ||
				    ag_span_prefix(l->text, "sign off"))
					out->signoff_heading = (long)i;
			}
			continue;
		}
		if (header && out->status_line < 0 && ag_md_meta(d, i, "status", &v)) {
			out->status = ag_rfc_status_parse(v.s, v.len);
			out->status_text = ag_arena_strndup(a, v.s, v.len);
			out->status_line = (long)i;
			out->status_pos = (struct ag_pos){file, (int)i + 1, (int)(v.s - (text + l->off)) + 1};
			if (!out->status_text)
				return AG_ENOMEM;
		}
	}
	if (out->signoff_heading < 0)
		return 0;
	size_t end = ag_md_section_end(d, (size_t)out->signoff_heading);
	size_t rows = 0;
	for (size_t i = (size_t)out->signoff_heading; i < end; i++)
		rows += d->lines[i].kind == AG_MD_TABLE;
	out->sigs = ag_arena_alloc(a, (rows + 1) * sizeof(*out->sigs));
	if (!out->sigs)
		return AG_ENOMEM;
	bool seen_header = false;
	for (size_t i = (size_t)out->signoff_heading; i < end; i++) {
		const struct ag_md_line *l = &d->lines[i];
		if (l->kind != AG_MD_TABLE)
			continue;
		if (!seen_header) {
			seen_header = true;
			continue;
		}
		if (ag_md_is_separator(l->text))
			continue;
		struct ag_span c[4] = {{"", 0}, {"", 0}, {"", 0}, {"", 0}};
		int nc = ag_md_cells(l->text, c, 4);
		if (nc < 1 || !c[0].len)
			continue;
		struct ag_signature *s = &out->sigs[out->nsigs++];
		s->role = dup_cell(a, c[0]);
		s->name = dup_cell(a, c[1]);
		s->email = dup_cell(a, c[2]);
		s->date = dup_cell(a, c[3]);
		s->pos = (struct ag_pos){file, (int)i + 1, 1};
		s->line = i;
		if (!s->role || !s->name || !s->email || !s->date)
			return AG_ENOMEM;
	}
	return 0;
}

int ag_rfcs_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_rfcs *out, struct ag_diags *diags)
{
	memset(out, 0, sizeof(*out));
	out->dir = dir;
	out->dir_rel = dir_rel;
	char **names;
	size_t n;
	int rc = ag_dir_list(dir, ag_record_file_name, &names, &n), bad = 0;
	if (!rc && n && !(out->v = ag_arena_alloc(a, n * sizeof(*out->v))))
		rc = AG_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		size_t pl = strlen(dir) + strlen(names[i]) + 2, dl = strlen(dir_rel) + strlen(names[i]) + 2;
		char *path = malloc(pl), *disp = ag_arena_alloc(a, dl);
		if (!path || !disp) {
			free(path);
			rc = AG_ENOMEM;
			break;
		}
		snprintf(path, pl, "%s/%s", dir, names[i]);
		snprintf(disp, dl, "%s/%s", dir_rel, names[i]);
		char *data;
		size_t len;
		int r = ag_read_file(path, AG_ADR_MAX_BYTES, &data, &len);
		free(path);
		if (r || memchr(data, '\0', len)) {
			/* content problems point at the file's start; I/O ones have no place */
			int at = r == AG_ELIMIT || !r ? 1 : 0;
			if (r == AG_ELIMIT)
				ag_diags_add(diags, AG_SEV_ERROR, disp, at, at,
					     "RFC is %zu bytes; the limit is %zu", len, AG_ADR_MAX_BYTES);
			else if (r)
				ag_diags_add(diags, AG_SEV_ERROR, disp, at, at, "cannot read RFC: %s",
					     ag_strerror(r));
			else
				ag_diags_add(diags, AG_SEV_ERROR, disp, at, at,
					     "RFC contains NUL bytes; is it a binary file?");
			if (!r)
				free(data);
			if (r == AG_ENOMEM)
				rc = r;
			bad = AG_EINVAL;
			continue;
		}
		char *text = ag_arena_strndup(a, data, len);
		free(data);
		if (!text) {
			rc = AG_ENOMEM;
			break;
		}
		rc = ag_rfc_parse(a, disp, text, len, &out->v[out->n++]);
	}
	ag_dir_list_free(names, n);
	return rc ? rc : bad;
}

const struct ag_rfc *ag_rfcs_by_number(const struct ag_rfcs *rfcs, int n)
{
	for (size_t i = 0; i < rfcs->n; i++)
		if (rfcs->v[i].number == n)
			return &rfcs->v[i];
	return NULL;
}

const struct ag_rfc *ag_rfcs_find(const struct ag_rfcs *rfcs, const char *ref, bool *ambiguous)
{
	*ambiguous = false;
	const char *r = ref;
	if (!strncasecmp(r, "RFC", 3))
		r += r[3] == '-' ? 4 : 3;
	size_t k = 0;
	while (isdigit((unsigned char)r[k]))
		k++;
	const struct ag_rfc *hit = NULL;
	for (size_t i = 0; i < rfcs->n; i++) {
		bool m = (k && !r[k]) ? rfcs->v[i].number == ag_leading_number(r)
				      : !strcmp(rfcs->v[i].name, ref);
		if (!m)
			continue;
		if (hit) {
			*ambiguous = true;
			return NULL;
		}
		hit = &rfcs->v[i];
	}
	return hit;
}

const struct ag_signature *ag_rfc_signature(const struct ag_rfc *rfc, const char *role)
{
	for (size_t i = 0; i < rfc->nsigs; i++)
		if (!strcasecmp(rfc->sigs[i].role, role))
			return &rfc->sigs[i];
	return NULL;
}

static int cell(struct ag_buf *b, const char *s)
{
	AG_TRY(ag_buf_adds(b, " "));
	AG_TRY(ag_md_put_value(b, AG_MD_TABLE, s));
	return ag_buf_adds(b, " |");
}

int ag_rfc_create(const char *dir, const char *title, const char *const *roles,
		  size_t nroles, const char *date, const char *author, char **path,
		  int *number)
{
	*path = NULL;
	AG_TRY(ag_mkdirs(dir));
	int dfd;
	AG_TRY(ag_dir_lock(dir, &dfd));
	int max = 0;
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d)) != NULL)
		if (ag_leading_number(e->d_name) > max)
			max = ag_leading_number(e->d_name);
	if (d)
		closedir(d);
	char slug[64];
	ag_adr_slug(title, slug, sizeof(slug));
	struct ag_buf t = AG_BUF_INIT, p = AG_BUF_INIT;
	int rc = 0;
	for (int attempt = 0; attempt < 1000; attempt++) {
		int num = max + 1 + attempt;
		ag_buf_reset(&t);
		ag_buf_reset(&p);
		rc = ag_buf_printf(&p, "%s/%04d-%s.md", dir, num, slug);
		if (!rc)
			rc = ag_buf_printf(&t,
				"# RFC-%03d: %s\n\n**Status:** Draft\n**Authors:** %s\n**Date:** %s\n\n"
				"## Summary\n\nOne paragraph: what is proposed, for whom.\n\n"
				"## Motivation\n\nWhy are we doing this? What problem does it solve?\n\n"
				"## Proposal\n\nThe design, in enough detail to review. Don't dictate: "
				"propose.\n\n"
				"## Alternatives Considered\n\n"
				"| Option | Pros | Cons | Why Rejected |\n"
				"|--------|------|------|---------------|\n"
				"| This proposal (chosen) | ... | ... | N/A |\n"
				"| Option B | ... | ... | ... |\n"
				"| Option C | ... | ... | ... |\n\n"
				"## Data Flow & Consistency\n\n"
				"- Source of truth: which store owns each entity?\n"
				"- Consistency model: strong or eventual, and why?\n"
				"- Data gravity: does the compute move to the data?\n\n"
				"## Failure Modes\n\n"
				"| Dependency | What happens if it is down? | Mitigation |\n"
				"|------------|-----------------------------|------------|\n"
				"| ... | ... | ... |\n\n"
				"## Cost\n\nWhat does it cost per month, and per active user?\n\n"
				"## Sign-off\n\n| Role | Name | Email | Date |\n|------|------|-------|------|\n",
				num, title, author, date);
		for (size_t i = 0; !rc && i < nroles; i++) {
			rc = ag_buf_adds(&t, "|");
			if (!rc)
				rc = cell(&t, roles[i]);
			if (!rc)
				rc = ag_buf_adds(&t, "  |  |  |\n");
		}
		if (!rc)
			rc = ag_write_new(p.data, t.data, t.len);
		if (rc == AG_EEXIST)
			continue;
		if (!rc) {
			*number = num;
			*path = ag_buf_detach(&p, NULL);
		}
		break;
	}
	ag_buf_release(&t);
	ag_buf_release(&p);
	ag_dir_unlock(dfd);
	return rc;
}

static char *rfc_path(const struct ag_rfcs *rfcs, const struct ag_rfc *rfc)
{
	size_t n = strlen(rfcs->dir) + strlen(rfc->name) + 2;
	char *p = malloc(n);
	if (p)
		snprintf(p, n, "%s/%s", rfcs->dir, rfc->name);
	return p;
}

static int write_spliced(const struct ag_rfcs *rfcs, const struct ag_rfc *rfc, size_t line,
			 size_t count, const char *insert)
{
	struct ag_buf b = AG_BUF_INIT;
	char *path = rfc_path(rfcs, rfc);
	int rc = path ? ag_md_splice(&rfc->md, line, count, insert, &b) : AG_ENOMEM;
	if (!rc)
		rc = ag_write_replace(path, b.data, b.len);
	free(path);
	ag_buf_release(&b);
	return rc;
}

int ag_rfc_sign(const struct ag_rfcs *rfcs, const struct ag_rfc *rfc, const char *role,
		const char *name, const char *email, const char *date,
		const char *const *roles, size_t nroles, bool distinct,
		struct ag_diags *diags)
{
	const char *canon = NULL;
	for (size_t i = 0; i < nroles; i++)
		if (!strcasecmp(roles[i], role))
			canon = roles[i];
	if (!canon) {
		struct ag_buf l = AG_BUF_INIT;
		for (size_t i = 0; i < nroles; i++)
			ag_buf_printf(&l, "%s'%s'", i ? ", " : "", roles[i]);
		if (ag_buf_err(&l)) {
			ag_buf_release(&l);
			return AG_ENOMEM;
		}
		ag_diags_add(diags, AG_SEV_ERROR, rfc->file, 0, 0,
			     "'%s' is not a sign-off role (signoff.roles in archgate.yaml: %s)",
			     role, l.len ? l.data : "none");
		ag_buf_release(&l);
		return AG_EINVAL;
	}
	const struct ag_signature *s = ag_rfc_signature(rfc, canon);
	if (s && *s->name) {
		ag_diags_addpos(diags, AG_SEV_ERROR, &s->pos,
				"%s has already signed as %s on %s; a role signs once",
				s->name, canon, *s->date ? s->date : "an unknown date");
		return AG_EINVAL;
	}
	if (distinct && nroles > 1) {
		size_t mine = 0;
		for (size_t i = 0; i < nroles; i++) {
			const struct ag_signature *o = ag_rfc_signature(rfc, roles[i]);
			if (o && *o->name && (!strcasecmp(o->email, email) || !strcasecmp(o->name, name)))
				mine++;
		}
		if (mine + 1 >= nroles) {
			ag_diags_add(diags, AG_SEV_ERROR, rfc->file, 0, 0,
				     "%s would sign every role of %s alone; sign-off needs more "
				     "than one person (signoff.distinct_signers)", name, rfc->file);
			return AG_EINVAL;
		}
	}
	struct ag_buf row = AG_BUF_INIT;
	int rc = ag_buf_adds(&row, "|");
	if (!rc)
		rc = cell(&row, canon);
	if (!rc)
		rc = cell(&row, name);
	if (!rc)
		rc = cell(&row, email);
	if (!rc)
		rc = cell(&row, date);
	if (!rc)
		rc = ag_buf_addc(&row, '\n');
	if (!rc && s) {
		rc = write_spliced(rfcs, rfc, s->line, 1, row.data);
	} else if (!rc && rfc->signoff_heading >= 0) {
		size_t end = ag_md_section_end(&rfc->md, (size_t)rfc->signoff_heading);
		while (end > 0 && rfc->md.lines[end - 1].kind == AG_MD_BLANK)
			end--;
		rc = write_spliced(rfcs, rfc, end, 0, row.data);
	} else if (!rc) {
		struct ag_buf sec = AG_BUF_INIT;
		rc = ag_buf_printf(&sec, "\n## Sign-off\n\n| Role | Name | Email | Date |\n"
				   "|------|------|-------|------|\n%s", row.data);
		if (!rc)
			rc = write_spliced(rfcs, rfc, rfc->md.n, 0, sec.data);
		ag_buf_release(&sec);
	}
	ag_buf_release(&row);
	return rc;
}

int ag_rfc_set_status(const struct ag_rfcs *rfcs, const struct ag_rfc *rfc,
		      enum ag_rfc_status st, const char *const *roles, size_t nroles,
		      struct ag_diags *diags)
{
	if (st == AG_RFC_ACCEPTED) {
		struct ag_buf missing = AG_BUF_INIT;
		for (size_t i = 0; i < nroles; i++) {
			const struct ag_signature *s = ag_rfc_signature(rfc, roles[i]);
			if (!s || !*s->name)
				ag_buf_printf(&missing, "%s%s", missing.len ? ", " : "", roles[i]);
		}
		/* a failed append must not read as "nobody is missing" */
		if (ag_buf_err(&missing)) {
			ag_buf_release(&missing);
			return AG_ENOMEM;
		}
		if (missing.len) {
			ag_diags_add(diags, AG_SEV_ERROR, rfc->file, 0, 0,
				     "%s cannot be Accepted: no sign-off yet from %s", rfc->file,
				     missing.data);
			ag_buf_release(&missing);
			return AG_EINVAL;
		}
	}
	if (rfc->status_line < 0) {
		ag_diags_add(diags, AG_SEV_ERROR, rfc->file, 0, 0, "%s has no **Status:** line",
			     rfc->file);
		return AG_EINVAL;
	}
	const struct ag_md_line *l = &rfc->md.lines[rfc->status_line];
	struct ag_buf b = AG_BUF_INIT;
	int rc = ag_buf_add(&b, rfc->text + l->off, (size_t)rfc->status_pos.col - 1);
	if (!rc)
		rc = ag_buf_printf(&b, "%s\n", ag_rfc_status_name(st));
	if (!rc)
		rc = write_spliced(rfcs, rfc, (size_t)rfc->status_line, 1, b.data);
	ag_buf_release(&b);
	return rc;
}
