/*
 * records_report.c - adr list/show and rfc status/list documents; see
 * records_report.h.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include "base/json.h"
#include "yaml/schema.h"
#include "records_report.h"


static bool has_tag(const struct ag_adr *r, const char *tag)
{
	for (size_t k = 0; k < r->ntags; k++)
		if (!strcasecmp(r->tags[k], tag))
			return true;
	return false;
}

bool ag_adr_status_text_is(const struct ag_adr *r, const char *word)
{
	const char *t = r->status_text;
	if (!t)
		return false;
	while (*t && strchr(" *_\"'`", *t))
		t++;
	size_t n = strlen(word);
	return !strncasecmp(t, word, n) && !isalpha((unsigned char)t[n]);
}

bool ag_adr_filter_match(const struct ag_adr_filter *f, const struct ag_adr *r)
{
	if (!f)
		return true;
	if (f->status_text && !ag_adr_status_text_is(r, f->status_text))
		return false;
	long days;
	bool dated = r->date && !ag_date_parse(r->date, strlen(r->date), &days);
	if (f->package && strcmp(r->package ? r->package : "-", f->package))
		return false;
	return !(f->by_status && r->status != f->status) && !(f->tag && !has_tag(r, f->tag)) &&
	       !(f->by_since && (!dated || days < f->since)) &&
	       !(f->by_until && (!dated || days > f->until));
}

/* {"number","title","status","status_text","date","file","format",
 *  "deciders","tags":[...],"links":[{"type","target"}](,"text")} */
/* Whether `from` has a link that resolves to `to`. */
static bool links_to(const struct ag_adrs *adrs, const struct ag_adr *from, const struct ag_adr *to)
{
	for (size_t k = 0; k < from->nlinks; k++)
		if (ag_adrs_link_target(adrs, &from->links[k]) == to)
			return true;
	return false;
}

static void adr_json(struct ag_json *w, const struct ag_adrs *adrs, const struct ag_adr *r,
		     bool text)
{
	ag_json_begin_object(w);
	if (r->number >= 0)
		ag_json_kv_int(w, "number", r->number);
	else
		ag_json_kv_null(w, "number");
	ag_json_kv_str(w, "title", r->title);
	ag_json_kv_str(w, "status", r->status_text ? ag_adr_status_name(r->status) : NULL);
	ag_json_kv_str(w, "status_text", r->status_text);
	ag_json_kv_str(w, "date", r->date);
	ag_json_kv_str(w, "file", r->file);
	ag_json_kv_str(w, "format", ag_adr_format_name(r->format));
	if (r->package)
		ag_json_kv_str(w, "package", r->package);
	ag_json_kv_str(w, "deciders", r->deciders);
	ag_json_key(w, "tags");
	ag_json_begin_array(w);
	for (size_t k = 0; k < r->ntags; k++)
		ag_json_str(w, r->tags[k]);
	ag_json_end_array(w);
	ag_json_key(w, "links");
	ag_json_begin_array(w);
	for (size_t k = 0; k < r->nlinks; k++) {
		ag_json_begin_object(w);
		ag_json_kv_str(w, "type", r->links[k].type);
		ag_json_kv_str(w, "target", r->links[k].target);
		ag_json_end_object(w);
	}
	/* a link stated on the other record only ("Superseded by" there, no
	 * "Supersedes" here) is an edge of this record too */
	for (size_t i = 0; adrs && i < adrs->n; i++) {
		const struct ag_adr *o = &adrs->v[i];
		if (o == r)
			continue;
		for (size_t k = 0; k < o->nlinks; k++) {
			if (ag_adrs_link_target(adrs, &o->links[k]) != r || links_to(adrs, r, o))
				continue;
			const char *rev = ag_adr_link_reverse(o->links[k].type);
			ag_json_begin_object(w);
			ag_json_kv_str(w, "type", rev ? rev : o->links[k].type);
			ag_json_kv_str(w, "target", o->name);
			ag_json_kv_bool(w, "implied", true);
			ag_json_end_object(w);
			break;
		}
	}
	ag_json_end_array(w);
	if (text)
		ag_json_kv_strn(w, "text", r->text, r->len);
	ag_json_end_object(w);
}

static int finish_json(struct ag_json *w, struct ag_buf *out)
{
	AG_TRY(ag_json_finish(w));
	return ag_buf_addc(out, '\n');
}

/* The status as the record writes it, for the list: its state word ("On
 * hold", "Draft", "Partly superseded"), without links or the rest; the
 * state's name when the text is longer than a column or a link. */
static const char *status_display(const struct ag_adr *r, char *buf, size_t n)
{
	if (!r->status_text)
		return "(none)";
	const char *t = r->status_text;
	while (*t && strchr(" *_\"'`", *t))
		t++;
	const char *rest = ag_adr_status_rest(r->status_text);
	size_t len = *rest ? (size_t)(rest - t) : strlen(t);
	while (len && strchr(" *_\"'`", t[len - 1]))
		len--;
	const char *name = ag_adr_status_name(r->status);
	if (!len || len >= n || len > 20 || memchr(t, '[', len) || strstr(t, " by"))
		return name;
	snprintf(buf, n, "%.*s", (int)len, t);
	if (!strcasecmp(buf, name))
		return name;
	buf[0] = (char)toupper((unsigned char)buf[0]);
	return buf;
}

int ag_adr_list_report(struct ag_buf *out, bool json, const struct ag_adrs *adrs,
		       const struct ag_adr_filter *f, bool color)
{
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT); /* writes nothing until used */
	if (json)
		ag_json_begin_array(&w);
	/* a package column when records come from more than one folder */
	bool grouped = adrs->npkgs > 0;
	for (size_t i = 0; i < adrs->n && !grouped; i++)
		grouped = adrs->v[i].in_subfolder;
	for (size_t i = 0; i < adrs->n; i++) {
		const struct ag_adr *r = &adrs->v[i];
		if (!ag_adr_filter_match(f, r))
			continue;
		if (json) {
			adr_json(&w, adrs, r, false);
			continue;
		}
		char num[16] = "-";
		if (r->number >= 0)
			snprintf(num, sizeof(num), "%04d", r->number);
		const char *sc = !color ? "" : r->status == AG_ADR_ACCEPTED ? "\033[32m"
					     : r->status == AG_ADR_PROPOSED ? "\033[33m" : "\033[2m";
		if (grouped)
			AG_TRY(ag_buf_printf(out, "%-14s ", r->package ? r->package : "-"));
		/* status, date and title as the terminal may show them (ADR-023) */
		char stbuf[40];
		struct ag_buf st = AG_BUF_INIT, dt = AG_BUF_INIT;
		int rc = ag_buf_printf(out, "%-6s %s%-11s%s %-10s ", num, sc,
				       ag_text_in(&st, status_display(r, stbuf, sizeof(stbuf))),
				       color ? "\033[0m" : "",
				       r->date ? ag_text_in(&dt, r->date) : "-");
		ag_buf_release(&st);
		ag_buf_release(&dt);
		AG_TRY(rc);
		AG_TRY(ag_buf_text(out, r->title));
		AG_TRY(ag_buf_addc(out, '\n'));
	}
	if (!json)
		return 0;
	ag_json_end_array(&w);
	return finish_json(&w, out);
}

int ag_adr_show_report(struct ag_buf *out, bool json, const struct ag_adr *r)
{
	if (!json)
		return ag_buf_add(out, r->text, r->len);
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT);
	adr_json(&w, NULL, r, true);
	return finish_json(&w, out);
}

static bool signed_by(const struct ag_signature *s)
{
	return s && *s->name;
}

size_t ag_rfc_missing(const struct ag_rfc *r, const char *const *roles, size_t nroles)
{
	size_t missing = 0;
	for (size_t i = 0; i < nroles; i++)
		missing += !signed_by(ag_rfc_signature(r, roles[i]));
	return missing;
}

int ag_rfc_status_report(struct ag_buf *out, bool json, const struct ag_rfc *r,
			 const char *const *roles, size_t nroles)
{
	size_t missing = ag_rfc_missing(r, roles, nroles);
	if (json) {
		struct ag_json w;
		ag_json_init(&w, out, AG_JSON_COMPACT);
		ag_json_begin_object(&w);
		ag_json_kv_str(&w, "file", r->file);
		ag_json_kv_str(&w, "title", r->title);
		ag_json_kv_str(&w, "status", ag_rfc_status_name(r->status));
		ag_json_key(&w, "signoffs");
		ag_json_begin_array(&w);
		for (size_t i = 0; i < nroles; i++) {
			const struct ag_signature *s = ag_rfc_signature(r, roles[i]);
			ag_json_begin_object(&w);
			ag_json_kv_str(&w, "role", roles[i]);
			ag_json_kv_bool(&w, "signed", signed_by(s));
			if (signed_by(s)) {
				ag_json_kv_str(&w, "name", s->name);
				ag_json_kv_str(&w, "email", s->email);
				ag_json_kv_str(&w, "date", s->date);
			}
			ag_json_end_object(&w);
		}
		ag_json_end_array(&w);
		ag_json_kv_uint(&w, "missing", missing);
		ag_json_end_object(&w);
		return finish_json(&w, out);
	}
	AG_TRY(ag_buf_text(out, r->file));
	AG_TRY(ag_buf_adds(out, ": "));
	AG_TRY(ag_buf_text(out, r->title));
	AG_TRY(ag_buf_printf(out, "\nStatus: %s\n\n", ag_rfc_status_name(r->status)));
	for (size_t i = 0; i < nroles; i++) {
		const struct ag_signature *s = ag_rfc_signature(r, roles[i]);
		if (signed_by(s)) {
			/* names from the RFC's text: escaped (ADR-023) */
			struct ag_buf n = AG_BUF_INIT, e = AG_BUF_INIT, dt = AG_BUF_INIT,
				      ro = AG_BUF_INIT;
			int rc = ag_buf_printf(out, "  [x] %-16s %s <%s>, %s\n", ag_text_in(&ro, roles[i]),
					       ag_text_in(&n, s->name), ag_text_in(&e, s->email),
					       ag_text_in(&dt, s->date));
			ag_buf_release(&n);
			ag_buf_release(&e);
			ag_buf_release(&dt);
			ag_buf_release(&ro);
			AG_TRY(rc);
		} else {
			/* roles from archgate.yaml: escaped too */
			struct ag_buf ro = AG_BUF_INIT;
			int rc = ag_buf_printf(out, "  [ ] %-16s missing\n", ag_text_in(&ro, roles[i]));
			ag_buf_release(&ro);
			AG_TRY(rc);
		}
	}
	if (missing)
		return ag_buf_printf(out, "\n%zu sign-off%s missing\n", missing,
				     missing == 1 ? "" : "s");
	return ag_buf_adds(out, "\nEvery role has signed.\n");
}

int ag_rfcs_list_report(struct ag_buf *out, bool json, const struct ag_rfcs *rfcs)
{
	struct ag_json w;
	ag_json_init(&w, out, AG_JSON_COMPACT); /* writes nothing until used */
	if (json)
		ag_json_begin_array(&w);
	for (size_t i = 0; i < rfcs->n; i++) {
		const struct ag_rfc *r = &rfcs->v[i];
		size_t signed_n = 0;
		for (size_t k = 0; k < r->nsigs; k++)
			signed_n += *r->sigs[k].name != '\0';
		if (json) {
			ag_json_begin_object(&w);
			ag_json_kv_int(&w, "number", r->number);
			ag_json_kv_str(&w, "title", r->title);
			ag_json_kv_str(&w, "status", ag_rfc_status_name(r->status));
			ag_json_kv_str(&w, "file", r->file);
			ag_json_kv_uint(&w, "signed", signed_n);
			ag_json_kv_uint(&w, "roles", r->nsigs);
			ag_json_end_object(&w);
		} else {
			AG_TRY(ag_buf_printf(out, "%04d  %-10s %zu/%zu signed  ", r->number,
					  ag_rfc_status_name(r->status), signed_n, r->nsigs));
			AG_TRY(ag_buf_text(out, r->title));
			AG_TRY(ag_buf_addc(out, '\n'));
		}
	}
	if (!json)
		return 0;
	ag_json_end_array(&w);
	return finish_json(&w, out);
}
