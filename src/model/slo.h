/*
 * slo.h - the SLO files of arch/slo/: which services have objectives.
 *
 * OpenSLO v1 documents (apiVersion openslo/v1, kind SLO) are read for what
 * the rules need today: the SLO's name, the service it covers and where it
 * is. A file may hold several YAML documents separated by "---". Full
 * OpenSLO validation and budget math build on this module.
 */
#ifndef AG_SLO_H
#define AG_SLO_H

#include "base/arena.h"
#include "base/diag.h"

struct ag_slo {
	const char *file;    /* display path */
	int line;            /* where the document starts */
	const char *name;    /* metadata.name, "" if missing */
	const char *service; /* spec.service, NULL if missing */
	double target;       /* spec.objectives[0].target (0.999), 0 if missing */
};

struct ag_slos {
	struct ag_slo *v;
	size_t n;
};

/* Read every *.yaml / *.yml in `dir` (absolute; missing is fine). Malformed
 * YAML is an input error (diagnosed, AG_EINVAL after reading the rest). */
int ag_slos_load(struct ag_arena *a, const char *dir, const char *dir_rel,
		 struct ag_slos *out, struct ag_diags *diags);

#endif
