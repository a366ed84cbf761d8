/*
 * rfc.h - RFCs: design documents that reach consensus before a decision.
 *
 * "Don't dictate. Write a design doc proposing the solution. List
 * 'Alternatives Considered' and why they were rejected. Review: get sign-off
 * from the Lead Backend, Lead Mobile, and DevOps." An RFC lives in
 * arch/rfcs/NNNN-slug.md with a status line and a Sign-off table whose rows
 * are the roles of archgate.yaml's signoff.roles; signing fills a row with
 * name, email and date.
 */
#ifndef AG_RFC_H
#define AG_RFC_H

#include "adr.h"

enum ag_rfc_status {
	AG_RFC_UNKNOWN,
	AG_RFC_DRAFT,
	AG_RFC_REVIEW,
	AG_RFC_ACCEPTED,
	AG_RFC_REJECTED,
	AG_RFC_WITHDRAWN,
};

struct ag_signature {
	const char *role, *name, *email, *date; /* "" when unsigned */
	struct ag_pos pos;
	size_t line;
};

struct ag_rfc {
	const char *file, *name, *text;
	size_t len;
	int number;
	const char *title;
	struct ag_pos title_pos;
	enum ag_rfc_status status;
	const char *status_text;
	struct ag_pos status_pos;
	long status_line;
	long signoff_heading; /* line index, -1 when there is no Sign-off section */
	struct ag_signature *sigs;
	size_t nsigs;
	struct ag_md md;
};

struct ag_rfcs {
	struct ag_rfc *v;
	size_t n;
	const char *dir, *dir_rel;
};

const char *ag_rfc_status_name(enum ag_rfc_status s);
enum ag_rfc_status ag_rfc_status_parse(const char *s, size_t n);

int ag_rfc_parse(struct ag_arena *a, const char *file, const char *text, size_t len,
		 struct ag_rfc *out);
/* Read arch/rfcs/NNNN-*.md; a missing folder is not an error. */
int ag_rfcs_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_rfcs *out, struct ag_diags *diags);
const struct ag_rfc *ag_rfcs_find(const struct ag_rfcs *rfcs, const char *ref, bool *ambiguous);
const struct ag_rfc *ag_rfcs_by_number(const struct ag_rfcs *rfcs, int n);

/* Create the next RFC in `dir` with a sign-off row per role. */
int ag_rfc_create(const char *dir, const char *title, const char *const *roles,
		  size_t nroles, const char *date, const char *author, char **path,
		  int *number);

/* Sign `role`. Refuses (AG_EINVAL, diagnosed) an unknown role, a role that
 * is already signed, and — when `distinct` — the signature that would make
 * one person the signer of every role. */
int ag_rfc_sign(const struct ag_rfcs *rfcs, const struct ag_rfc *rfc, const char *role,
		const char *name, const char *email, const char *date,
		const char *const *roles, size_t nroles, bool distinct,
		struct ag_diags *diags);

/* Set the status line. Accepted is refused (AG_EINVAL) unless every role
 * in `roles` has signed. */
int ag_rfc_set_status(const struct ag_rfcs *rfcs, const struct ag_rfc *rfc,
		      enum ag_rfc_status st, const char *const *roles, size_t nroles,
		      struct ag_diags *diags);

/* The signature row for a role, or NULL. */
const struct ag_signature *ag_rfc_signature(const struct ag_rfc *rfc, const char *role);

#endif
