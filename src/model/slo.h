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
#include "yaml/yaml_tree.h"

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

/* Whether a file name is one the SLO folders hold (*.yaml, *.yml, not hidden). */
bool ag_slo_file_name(const char *name);

/* Each "---"-separated YAML document of `text`, parsed with the file's own
 * line numbers, handed to `fn` (root NULL for an empty document). A
 * document that does not parse is diagnosed and the rest still read.
 * Returns AG_ENOMEM, fn's first other error, AG_EINVAL when a document did
 * not parse, or 0. src/slo/ reads OpenSLO, sloth and pyrra files with it. */
typedef int (*ag_slo_doc_fn)(void *ctx, const struct ag_ynode *root);
int ag_slo_each_doc(struct ag_arena *a, const char *file, const char *text, size_t len,
		    ag_slo_doc_fn fn, void *ctx, struct ag_diags *diags);

#endif
