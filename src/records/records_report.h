/*
 * records_report.h - the documents of `archgate adr list`, `adr show`,
 * `rfc status` and `rfc list`: text for people, JSON for programs (shapes
 * in docs/json.md; `adr list` is one PRODUCT.md keeps stable), every JSON
 * written through base/json.h. Writers append to a caller-owned buffer and
 * return 0, AG_ENOMEM or AG_ELIMIT.
 */
#ifndef AG_RECORDS_REPORT_H
#define AG_RECORDS_REPORT_H

#include "base/buf.h"
#include "adr.h"
#include "rfc.h"

/* Which records `adr list` shows; every criterion set must hold. */
struct ag_adr_filter {
	bool by_status;
	enum ag_adr_status status;
	const char *tag;        /* case-insensitive; NULL: any */
	bool by_since, by_until;
	long since, until;      /* days (ag_date_parse); an undated record fails both */
	const char *package;    /* log4brains package name, "-" for the main folder */
	const char *status_text; /* the status as written starts with this word */
};

/* Whether the record's status as written starts with `word` ("on hold"). */
bool ag_adr_status_text_is(const struct ag_adr *r, const char *word);
bool ag_adr_filter_match(const struct ag_adr_filter *f, const struct ag_adr *r);

/* The records `f` keeps (NULL: all), one line each or a JSON array; text
 * colours the status when `color`. */
int ag_adr_list_report(struct ag_buf *out, bool json, const struct ag_adrs *adrs,
		       const struct ag_adr_filter *f, bool color);
/* One record: its text as it is, or a JSON object with the text. */
int ag_adr_show_report(struct ag_buf *out, bool json, const struct ag_adr *r);

/* Who signed `r` of `roles`, and how many are missing. */
size_t ag_rfc_missing(const struct ag_rfc *r, const char *const *roles, size_t nroles);
int ag_rfc_status_report(struct ag_buf *out, bool json, const struct ag_rfc *r,
			 const char *const *roles, size_t nroles);
/* Every RFC with its status and how many of its sign-off rows are signed. */
int ag_rfcs_list_report(struct ag_buf *out, bool json, const struct ag_rfcs *rfcs);

#endif
