/*
 * discover.h - what an existing repository can tell `archgate init` about
 * its own architecture before anyone answers a question (issue 17).
 *
 * Read, without running anything:
 *
 *   compose    compose.y(a)ml, docker-compose.y(a)ml and their .*. variants:
 *              each service a container (image, build context, ports),
 *              depends_on a relation
 *   Kubernetes Deployment, StatefulSet, DaemonSet, Job and CronJob
 *              documents: a container per workload, with its images
 *   Dockerfile Dockerfile, Containerfile, *.Dockerfile, Dockerfile.*: a
 *              container per folder no compose service builds
 *   CODEOWNERS .github/, docs/ or the root: the owner of each container's
 *              folder (the last matching line wins, as GitHub does)
 *   records    the decision-record folder, as `archgate adr` finds it
 *   SLOs       YAML documents of OpenSLO, sloth or pyrra
 *   OpenAPI    YAML or JSON documents with a top-level openapi or swagger key
 *   events     *.ndjson and *.jsonl event logs
 *
 * and the technologies each container uses from the radar scanner's
 * evidence (its image, its Dockerfile's FROM, the manifests and source
 * files in its folder), so the catalog decides, not a second list here.
 *
 * Everything found carries where it was found ("compose.yaml:12"). The
 * walk skips .git, dependency and build folders and hidden folders other
 * than .github, and is bounded (entries, depth, file size): a hostile tree
 * makes discovery find less, never hang or fail.
 *
 * Ownership: everything lives in the discovery's arena; release with
 * ag_discovery_release().
 */
#ifndef AG_DISCOVER_H
#define AG_DISCOVER_H

#include "base/arena.h"
#include "base/buf.h"
#include "base/diag.h"

#define AG_DISCOVER_MAX_TECH 16
#define AG_DISCOVER_MAX_ENTRIES 200000
#define AG_DISCOVER_MAX_DEPTH 24
#define AG_DISCOVER_MAX_FILE ((size_t)1 << 20) /* YAML, JSON and CODEOWNERS read */

struct ag_scan;

struct ag_found_tech {
	const char *name; /* the catalog's canonical name */
	const char *from; /* "web/package.json:12" */
	const char *file; /* from's file and line */
	int line;
	const char *kind; /* "datastore", "cache" or "queue" when the technology is
			     one (its container's kind); NULL */
	bool configured;  /* named by the application's configuration, not a library */
};

struct ag_found_container {
	const char *id;    /* the service's or workload's name */
	const char *kind;  /* a system.yaml container kind: service, datastore, ... */
	const char *from;  /* where it was found, "compose.yaml:4" */
	const char *dir;   /* its folder (build context), repository-relative; NULL */
	const char *image; /* as written; NULL */
	const char *image_file; /* where `image` is written, and its line */
	int image_line;
	const char *ports; /* "8080:80, 9090" as written; NULL */
	const char *owner, *owner_from;
	const char *openapi; /* the API spec in its folder (repository-relative), or NULL */
	struct ag_found_tech tech[AG_DISCOVER_MAX_TECH];
	size_t ntech;
};

struct ag_found_relation {
	const char *from, *to; /* container ids */
	const char *src;       /* "compose.yaml:9" */
	const char *how;       /* "depends_on", "environment" (a value names `to`),
				  "client" (`from` declares a client of `to`'s technology) or
				  "config" (`from`'s configuration names it) */
};

struct ag_found_file {
	const char *path; /* repository-relative */
	int line;         /* where the document starts */
	const char *what; /* "OpenSLO", "sloth", "pyrra", "OpenAPI 3.1.0", ... */
};

struct ag_found_files {
	struct ag_found_file *v;
	size_t n, cap;
};

struct ag_discovery {
	struct ag_arena arena;
	struct ag_found_container *c;
	size_t nc, ccap;
	struct ag_found_relation *r;
	size_t nr, rcap;
	/* the decision records, when they live outside <arch>/decisions */
	const char *decisions;     /* repository-relative folder */
	const char *decisions_how; /* what named it: ".adr-dir", "common place", ... */
	size_t nrecords;
	struct ag_found_files slos, openapi, events;
	const char *codeowners;    /* the CODEOWNERS file read, or NULL */
	struct ag_scan *scan;      /* the radar scan of the repository, or NULL */
	size_t proposed;           /* radar entries init proposes (init_files) */
	size_t entries;            /* directory entries looked at */
	bool deployed;             /* compose services or Kubernetes workloads say what runs */
	bool truncated;            /* the walk hit AG_DISCOVER_MAX_ENTRIES */
};

/* Discover what the repository at `root` holds. Problems that do not stop
 * discovery (a compose file that does not parse, an unreadable folder) are
 * warnings in `d`. Returns 0 or AG_ENOMEM. */
int ag_discover(const char *root, struct ag_discovery *out, struct ag_diags *d);
/* An empty discovery (what ag_discover() starts from). */
void ag_discovery_init(struct ag_discovery *x);
void ag_discovery_release(struct ag_discovery *x);

/* The answers to the seed's Phase 1 questions (`archgate init`'s guided
 * Phase 1 or its flags); unset ones stay commented-out questions. */
#define AG_PHASE1_MAX_CAPS 32
#define AG_PHASE1_MAX_COMPLIANCE 16
struct ag_phase1 {
	long long users;         /* 0: unset */
	const char *latency;     /* realtime, interactive, batch; NULL */
	long long p99_ms;        /* 0: unset */
	double availability;     /* percent; 0: unset */
	bool compliance_set;     /* an empty list is an answer: none apply */
	const char *compliance[AG_PHASE1_MAX_COMPLIANCE];
	size_t ncompliance;
	struct {
		const char *name, *vendor; /* vendor NULL when built */
		bool core, buy;
	} cap[AG_PHASE1_MAX_CAPS];
	size_t ncap;
	const char *style;       /* monolith, modular-monolith, microservices, serverless; NULL */
};

/* Whether any question was answered. */
bool ag_phase1_any(const struct ag_phase1 *a);

/* Whether discovery found anything worth writing into arch/. */
bool ag_discovery_any(const struct ag_discovery *x);

/* arch/system.yaml for the discovery: the minimal template's questions,
 * with boundaries.containers and relations filled in, every discovered
 * element marked `discovered: FILE:LINE` (a draft to confirm: rule
 * discovered-draft) and every discovered value followed by a comment
 * naming its source; the Phase 1 answers of `a` (may be NULL) written as
 * constraints, capabilities and the style. `name` is the system's name
 * (the folder's). */
int ag_discovery_system_yaml(const struct ag_discovery *x, const struct ag_phase1 *a,
			     const char *name, struct ag_buf *out);

/* The files `archgate init` writes for the discovery (`files` malloc'd,
 * their text in x's arena): the minimal set, with system.yaml from
 * ag_discovery_system_yaml(), the template's radar.yaml with an Assess
 * entry proposed for every technology the scan found that it does not list
 * (`radar scan --write`; x->proposed counts them), and — when the records
 * live elsewhere — a `decisions:` key in archgate.yaml pointing at them
 * instead of a new arch/decisions/ folder. */
struct ag_init_file;
int ag_discovery_init_files(struct ag_discovery *x, const struct ag_phase1 *a,
			    const char *name, struct ag_init_file **files, size_t *n);

#endif
