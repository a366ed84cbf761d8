/*
 * radar_walk.c - walk a repository and hand each manifest to its reader;
 * see radar_scan.h.
 *
 * The walk is depth-first in byte order of names, so evidence comes out in
 * the same order on every machine.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>
#include "model/radar.h"
#include "base/fsutil.h"
#include "radar_scan_impl.h"

static const char *rel_of(const struct ctx *c)
{
	return c->path + c->root_len + 1;
}


/* ------------------------------------------------------------------ */

enum reader {
	R_NONE, R_PACKAGE_JSON, R_NPM_LOCK, R_YARN_LOCK, R_PNPM_LOCK, R_COMPOSER,
	R_COMPOSER_LOCK, R_PIPFILE_LOCK, R_PIPFILE, R_PYPROJECT, R_REQUIREMENTS, R_CARGO,
	R_CARGO_LOCK, R_PY_LOCK, R_GO_MOD, R_POM, R_GRADLE, R_GEMFILE, R_GEMFILE_LOCK,
	R_DOCKERFILE, R_COMPOSE, R_WORKFLOW, R_CHART, R_TERRAFORM, R_K8S, R_KUSTOMIZE,
	R_HELM_VALUES, R_NUGET, R_NUGET_CONFIG, R_MIX, R_TOOL_VERSIONS, R_CMAKE, R_PRECOMMIT,
	R_DOTENV, R_DATABASE_YML, R_PHPUNIT,
};

static const struct {
	const char *name;
	enum reader r;
	enum ag_evidence_kind kind;
} by_name[] = {
	{"package.json", R_PACKAGE_JSON, AG_EVIDENCE_MANIFEST},
	{"package-lock.json", R_NPM_LOCK, AG_EVIDENCE_LOCKFILE},
	{"npm-shrinkwrap.json", R_NPM_LOCK, AG_EVIDENCE_LOCKFILE},
	{"yarn.lock", R_YARN_LOCK, AG_EVIDENCE_LOCKFILE},
	{"pnpm-lock.yaml", R_PNPM_LOCK, AG_EVIDENCE_LOCKFILE},
	{"composer.json", R_COMPOSER, AG_EVIDENCE_MANIFEST},
	{"composer.lock", R_COMPOSER_LOCK, AG_EVIDENCE_LOCKFILE},
	{"Pipfile.lock", R_PIPFILE_LOCK, AG_EVIDENCE_LOCKFILE},
	{"Pipfile", R_PIPFILE, AG_EVIDENCE_MANIFEST},
	{"pyproject.toml", R_PYPROJECT, AG_EVIDENCE_MANIFEST},
	{"Cargo.toml", R_CARGO, AG_EVIDENCE_MANIFEST},
	{"Cargo.lock", R_CARGO_LOCK, AG_EVIDENCE_LOCKFILE},
	{"poetry.lock", R_PY_LOCK, AG_EVIDENCE_LOCKFILE},
	{"uv.lock", R_PY_LOCK, AG_EVIDENCE_LOCKFILE},
	{"go.mod", R_GO_MOD, AG_EVIDENCE_MANIFEST},
	{"pom.xml", R_POM, AG_EVIDENCE_MANIFEST},
	{"build.gradle", R_GRADLE, AG_EVIDENCE_MANIFEST},
	{"build.gradle.kts", R_GRADLE, AG_EVIDENCE_MANIFEST},
	{"settings.gradle", R_GRADLE, AG_EVIDENCE_MANIFEST},
	{"settings.gradle.kts", R_GRADLE, AG_EVIDENCE_MANIFEST},
	{"libs.versions.toml", R_GRADLE, AG_EVIDENCE_MANIFEST},
	{"Gemfile", R_GEMFILE, AG_EVIDENCE_MANIFEST},
	{"Gemfile.lock", R_GEMFILE_LOCK, AG_EVIDENCE_LOCKFILE},
	{"Containerfile", R_DOCKERFILE, AG_EVIDENCE_IMAGE},
	{"Chart.yaml", R_CHART, AG_EVIDENCE_INFRA},
	{"kustomization.yaml", R_KUSTOMIZE, AG_EVIDENCE_INFRA},
	{"kustomization.yml", R_KUSTOMIZE, AG_EVIDENCE_INFRA},
	{"Kustomization", R_KUSTOMIZE, AG_EVIDENCE_INFRA},
	{"packages.config", R_NUGET_CONFIG, AG_EVIDENCE_MANIFEST},
	{"Directory.Packages.props", R_NUGET, AG_EVIDENCE_MANIFEST},
	{"Directory.Build.props", R_NUGET, AG_EVIDENCE_MANIFEST},
	{"Directory.Build.targets", R_NUGET, AG_EVIDENCE_MANIFEST},
	{"mix.exs", R_MIX, AG_EVIDENCE_MANIFEST},
	{".tool-versions", R_TOOL_VERSIONS, AG_EVIDENCE_FILE},
	{"CMakeLists.txt", R_CMAKE, AG_EVIDENCE_MANIFEST},
	{".pre-commit-config.yaml", R_PRECOMMIT, AG_EVIDENCE_CI},
	{".pre-commit-config.yml", R_PRECOMMIT, AG_EVIDENCE_CI},
	{".env.example", R_DOTENV, AG_EVIDENCE_MANIFEST},
	{".env.sample", R_DOTENV, AG_EVIDENCE_MANIFEST},
	{".env.dist", R_DOTENV, AG_EVIDENCE_MANIFEST},
	{".env", R_DOTENV, AG_EVIDENCE_MANIFEST},
	{"phpunit.xml", R_PHPUNIT, AG_EVIDENCE_DEV},
	{"phpunit.xml.dist", R_PHPUNIT, AG_EVIDENCE_DEV},
};

static bool has_suffix(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !strcasecmp(s + n - k, suf);
}

static bool has_prefix(const char *s, size_t n, const char *pre)
{
	size_t k = strlen(pre);
	return n >= k && !strncmp(s, pre, k);
}

static bool yaml_ext(const char *s, size_t n)
{
	return has_suffix(s, n, ".yml") || has_suffix(s, n, ".yaml");
}

/* Which reader a file needs: by name, then by pattern. `parent` is the
 * relative path of its folder. */
static enum reader reader_for(const char *name, const char *parent, enum ag_evidence_kind *kind)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < sizeof(by_name) / sizeof(by_name[0]); i++)
		if (!strcmp(by_name[i].name, name)) {
			*kind = by_name[i].kind;
			return by_name[i].r;
		}
	*kind = AG_EVIDENCE_MANIFEST;
	if (has_prefix(name, n, "requirements") &&
	    (has_suffix(name, n, ".txt") || has_suffix(name, n, ".in")))
		return R_REQUIREMENTS;
	if (has_suffix(name, n, ".cmake"))
		return R_CMAKE;
	if (has_suffix(name, n, ".csproj") || has_suffix(name, n, ".fsproj") ||
	    has_suffix(name, n, ".vbproj"))
		return R_NUGET;
	size_t pl = strlen(parent);
	const char *pbase = parent;
	for (const char *p = parent; *p; p++)
		if (*p == '/')
			pbase = p + 1;
	if (!strcmp(pbase, "requirements") && (has_suffix(name, n, ".txt") || has_suffix(name, n, ".in")))
		return R_REQUIREMENTS;
	*kind = AG_EVIDENCE_IMAGE;
	if (!strncasecmp(name, "dockerfile", 10) || has_suffix(name, n, ".dockerfile"))
		return R_DOCKERFILE;
	if ((has_prefix(name, n, "docker-compose") || has_prefix(name, n, "compose")) &&
	    yaml_ext(name, n))
		return R_COMPOSE;
	if (pl >= 17 && has_suffix(parent, pl, ".github/workflows") &&
	    (pl == 17 || parent[pl - 18] == '/') && yaml_ext(name, n))
		return R_WORKFLOW;
	if (!strcmp(name, "database.yml") && (!strcmp(pbase, "config") && (pl == 6 || parent[pl - 7] == '/')))
		return R_DATABASE_YML;
	*kind = AG_EVIDENCE_INFRA;
	if (has_suffix(name, n, ".tf"))
		return R_TERRAFORM;
	/* any other YAML may be a Kubernetes manifest (apiVersion and kind);
	 * values*.yaml is a Helm chart's values */
	if (yaml_ext(name, n))
		return has_prefix(name, n, "values") ? R_HELM_VALUES : R_K8S;
	return R_NONE;
}

/* A reader of what builds the product: a build manifest or a Dockerfile. */
static bool builds_product(enum reader r)
{
	switch (r) {
	case R_PACKAGE_JSON: case R_COMPOSER: case R_PIPFILE: case R_PYPROJECT:
	case R_REQUIREMENTS: case R_CARGO: case R_GO_MOD: case R_POM: case R_GRADLE:
	case R_GEMFILE: case R_DOCKERFILE: case R_NUGET: case R_MIX: case R_CMAKE:
		return true;
	default:
		return false;
	}
}

static int read_file(struct ctx *c, size_t *len)
{
	int fd;
	int orc = ag_open_read(c->path, &fd); /* no FIFO, no link out of the tree */
	if (orc)
		return orc == AG_ENOENT ? AG_ENOENT : AG_EIO;
	struct stat st;
	if (fstat(fd, &st)) {
		close(fd);
		return AG_EIO;
	}
	if ((size_t)st.st_size > c->max_file) {
		close(fd);
		*len = (size_t)st.st_size;
		return AG_ELIMIT;
	}
	size_t want = (size_t)st.st_size;
	if (want + 1 > c->bufcap) {
		size_t nc = want + 1 < 65536 ? 65536 : want + 1;
		char *nb = realloc(c->buf, nc);
		if (!nb) {
			close(fd);
			return AG_ENOMEM;
		}
		c->buf = nb;
		c->bufcap = nc;
	}
	size_t got = 0;
	while (got < want) {
		ssize_t r = read(fd, c->buf + got, want - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	c->buf[got] = '\0';
	*len = got;
	c->s->stats.bytes += got;
	return 0;
}

/* A CI service's own configuration: whatever it names is CI setup, not
 * what the system runs (ADR 0041). */
static bool ci_file(const char *rel, const char *name)
{
	static const char *const names[] = {
		".gitlab-ci.yml", "Jenkinsfile", "azure-pipelines.yml", "azure-pipelines.yaml",
		"bitbucket-pipelines.yml", "cloudbuild.yaml", "cloudbuild.yml",
		".pre-commit-config.yaml", "renovate.json", ".renovaterc", ".travis.yml",
		"appveyor.yml", ".drone.yml", "codecov.yml", ".codecov.yml",
	};
	if (!strncmp(rel, ".github/", 8) || strstr(rel, "/.github/") ||
	    !strncmp(rel, ".circleci/", 10) || strstr(rel, "/.circleci/") ||
	    !strncmp(rel, ".gitlab/", 8) || !strncmp(rel, ".buildkite/", 11))
		return true;
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(name, names[i]))
			return true;
	return false;
}

/* Whether a folder of `rel` (its file name aside) holds tests, docs,
 * examples or developer tools: what such a folder declares or holds is dev,
 * not what the system runs (ADR 0056). */
bool ag_scan_dev_dir(const char *rel)
{
	static const char *const names[] = {
		"test", "tests", "testing", "testdata", "spec", "specs", "__tests__", "e2e", "fuzz",
		"fixtures", "doc", "docs", "documentation", "example", "examples", "sample",
		"samples", "tools", "scripts", "hack", "bench", "benchmark", "benchmarks",
		".devcontainer",
	};
	const char *p = rel;
	bool src = false; /* the folder before was src */
	for (const char *slash; (slash = strchr(p, '/')); p = slash + 1) {
		size_t n = (size_t)(slash - p);
		/* below a Maven or Gradle main source set the folders are package
		 * names (org/springframework/samples/petclinic): the product */
		if (src && n == 4 && !strncmp(p, "main", 4))
			return false;
		src = n == 3 && !strncmp(p, "src", 3);
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strlen(names[i]) == n && !strncasecmp(p, names[i], n))
				return true;
		/* Basket.UnitTests, integration-tests, api_tests */
		if (n > 5 && !strncasecmp(slash - 5, "tests", 5))
			return true;
	}
	return false;
}

/* Appends a copy of rel's first n bytes to a list of the walk's. */
static void note_path(struct ctx *c, const char ***list, size_t *len, size_t *cap, size_t n)
{
	if (*len == *cap) {
		size_t na = *cap ? *cap * 2 : 8;
		const char **v = realloc(*list, na * sizeof(*v));
		if (!v) {
			note_err(c, AG_ENOMEM);
			return;
		}
		*list = v;
		*cap = na;
	}
	const char *dir = ag_arena_strndup(&c->s->arena, c->rel, n);
	if (!dir) {
		note_err(c, AG_ENOMEM);
		return;
	}
	(*list)[(*len)++] = dir;
}

void ag_scan_note_dev_package(struct ctx *c)
{
	const char *slash = strrchr(c->rel, '/');
	size_t n = slash ? (size_t)(slash - c->rel) + 1 : 0; /* "web/" or "" */
	note_path(c, &c->dev_pkgs, &c->ndev_pkgs, &c->dev_pkgs_cap, n);
}

void ag_scan_note_dev_compose(struct ctx *c)
{
	note_path(c, &c->dev_composes, &c->ndev_composes, &c->dev_composes_cap, strlen(c->rel));
}

/* A compose file that only starts backing services, in a repository whose
 * product something else builds, is its developers' environment: what it
 * shows (the images, Docker Compose itself) is dev (ADR 0060). Evidence
 * over the per-technology cap was counted but not kept and keeps its kind. */
static void settle_dev_composes(struct ctx *c)
{
	if (!c->product_build)
		return;
	struct ag_scan *s = c->s;
	for (size_t d = 0; d < c->ndev_composes; d++) {
		const char *file = c->dev_composes[d];
		for (size_t i = 0; i < s->n; i++) {
			struct ag_used *u = &s->v[i];
			for (size_t k = 0; k < u->nev; k++) {
				struct ag_evidence *ev = &u->ev[k];
				enum ag_use use = ag_ev_use(ev);
				if ((use != AG_USE_IMAGE && use != AG_USE_DIRECT) || strcmp(ev->file, file))
					continue;
				ev->as = AG_USE_DEV + 1;
				u->uses[use]--;
				u->uses[AG_USE_DEV]++;
			}
		}
	}
}

/* The lock file of a package.json that declares only devDependencies is
 * dev use of its package manager, not direct (ADR 0056). */
static void settle_dev_packages(struct ctx *c)
{
	static const char *const locks[] = {"package-lock.json", "npm-shrinkwrap.json",
					    "pnpm-lock.yaml", "yarn.lock", "bun.lockb", "bun.lock"};
	struct ag_scan *s = c->s;
	for (size_t d = 0; d < c->ndev_pkgs; d++) {
		const char *dir = c->dev_pkgs[d];
		size_t dl = strlen(dir);
		for (size_t i = 0; i < s->n; i++) {
			struct ag_used *u = &s->v[i];
			if (!u->uses[AG_USE_DIRECT])
				continue;
			for (size_t k = 0; k < u->nev; k++) {
				struct ag_evidence *ev = &u->ev[k];
				if (ev->kind != AG_EVIDENCE_FILE || ev->as || strncmp(ev->file, dir, dl))
					continue;
				for (size_t l = 0; l < sizeof(locks) / sizeof(locks[0]); l++)
					if (!strcmp(ev->file + dl, locks[l])) {
						ev->as = AG_USE_DEV + 1;
						u->uses[AG_USE_DIRECT]--;
						u->uses[AG_USE_DEV]++;
						break;
					}
			}
		}
	}
}

static void scan_file(struct ctx *c, const char *name, size_t rel_len)
{
	const char *rel = rel_of(c);
	c->rel = rel;
	/* files of one folder come one after another: decide once a folder */
	size_t dl = (size_t)(strrchr(rel, '/') ? strrchr(rel, '/') - rel : 0);
	if (!c->dev_dir_known || dl != c->dev_dir_len || memcmp(rel, c->dev_dir_path, dl)) {
		c->dev_dir = ag_scan_dev_dir(rel);
		if (dl < sizeof(c->dev_dir_path)) {
			memcpy(c->dev_dir_path, rel, dl);
			c->dev_dir_len = dl;
			c->dev_dir_known = true;
		} else {
			c->dev_dir_known = false;
		}
	}
	/* the folder's relative path, for "parent/name" keys and workflows */
	size_t nl = strlen(name);
	size_t pl = rel_len > nl ? rel_len - nl - 1 : 0;
	char parent[PATH_CAP];
	memcpy(parent, rel, pl);
	parent[pl] = '\0';

	/* the extension says the language, unless the code is generated */
	c->ci_file = false;
	ag_scan_source(c, name, c->file_generated, c->cpp_here);
	c->ci_file = ci_file(rel, name);
	/* well-known file names, alone and with their folder */
	c->kind = AG_EVIDENCE_FILE;
	ag_scan_hit(c, AG_ECO_FILE, name, nl, 1, name, nl);
	const char *pbase = parent;
	for (const char *p = parent; *p; p++)
		if (*p == '/')
			pbase = p + 1;
	if (*pbase) {
		char two[PATH_CAP];
		size_t tn = ag_snprintf(two, sizeof(two), "%s/%s", pbase, name);
		if (tn && tn == strlen(pbase) + 1 + strlen(name)) /* not cut */
			ag_scan_hit(c, AG_ECO_FILE, two, tn, 1, two, tn);
	}

	enum ag_evidence_kind kind;
	enum reader r = reader_for(name, parent, &kind);
	if (r == R_NONE)
		return;
	if (r == R_WORKFLOW) {
		c->kind = AG_EVIDENCE_FILE;
		ag_scan_hit(c, AG_ECO_FILE, ".github/workflows", 17, 1, name, nl);
	}
	size_t len = 0;
	int rc = read_file(c, &len);
	if (rc == AG_ENOMEM) {
		note_err(c, rc);
		return;
	}
	if (rc == AG_ELIMIT) {
		c->s->stats.too_large++;
		ag_diags_add(c->d, AG_SEV_WARNING, rel, 0, 0,
			     "not scanned: %zu bytes is over the %zu-byte limit for manifests",
			     len, c->max_file);
		return;
	}
	if (rc)
		return;
	c->s->stats.read++;
	c->kind = kind;
	if (!c->dev_dir && builds_product(r))
		c->product_build = true;
	const char *t = c->buf;
	switch (r) {
	case R_PACKAGE_JSON: ag_read_package_json(c, t, len); break;
	case R_NPM_LOCK: ag_read_npm_lock(c, t, len); break;
	case R_COMPOSER: ag_read_composer(c, t, len); break;
	case R_COMPOSER_LOCK: ag_read_composer_lock(c, t, len); break;
	case R_PIPFILE_LOCK: ag_read_pipfile_lock(c, t, len); break;
	case R_YARN_LOCK: ag_read_yarn_lock(c, t, len); break;
	case R_PNPM_LOCK: ag_read_pnpm_lock(c, t, len); break;
	case R_PIPFILE: ag_read_pyproject(c, t, len, true); break;
	case R_PYPROJECT: ag_read_pyproject(c, t, len, false); break;
	case R_REQUIREMENTS: ag_read_requirements(c, t, len); break;
	case R_CARGO: ag_read_cargo_toml(c, t, len); break;
	case R_CARGO_LOCK: ag_read_toml_lock(c, t, len, AG_ECO_CARGO); break;
	case R_PY_LOCK: ag_read_toml_lock(c, t, len, AG_ECO_PYPI); break;
	case R_GO_MOD: ag_read_go_mod(c, t, len); break;
	case R_POM: ag_read_pom(c, t, len); break;
	case R_GRADLE: ag_read_gradle(c, t, len); break;
	case R_GEMFILE: ag_read_gemfile(c, t, len); break;
	case R_GEMFILE_LOCK: ag_read_gemfile_lock(c, t, len); break;
	case R_DOCKERFILE: ag_read_dockerfile(c, t, len); break;
	case R_COMPOSE: ag_read_compose(c, t, len); break;
	case R_WORKFLOW: {
		static const char *const run[] = {"run:", NULL};
		ag_read_yaml_images(c, t, len, true);
		c->kind = AG_EVIDENCE_CI;
		ag_read_run_steps(c, t, len, run);
		break;
	}
	case R_CHART: ag_read_chart(c, t, len); break;
	case R_TERRAFORM: ag_read_terraform(c, t, len); break;
	case R_K8S:
		if (!ag_read_azure_pipelines(c, t, len))
			ag_read_k8s(c, t, len);
		break;
	case R_KUSTOMIZE: ag_read_kustomization(c, t, len); break;
	case R_HELM_VALUES: ag_read_helm_values(c, t, len); break;
	case R_NUGET: ag_read_nuget(c, t, len, false); break;
	case R_NUGET_CONFIG: ag_read_nuget(c, t, len, true); break;
	case R_MIX: ag_read_mix(c, t, len); break;
	case R_TOOL_VERSIONS: ag_read_tool_versions(c, t, len); break;
	case R_CMAKE: ag_read_cmake(c, t, len); break;
	case R_PRECOMMIT: ag_read_precommit(c, t, len); break;
	case R_DOTENV: ag_read_app_config(c, t, len, true); break;
	case R_DATABASE_YML: ag_read_app_config(c, t, len, false); break;
	case R_PHPUNIT: ag_read_phpunit(c, t, len); break;
	case R_NONE: break;
	}
}

static const char *const skip_dirs[] = {
	".git", ".hg", ".svn", "node_modules", "vendor", "bower_components", ".terraform",
	"third_party",
};

struct dent {
	char *name;
	unsigned char type;
};

static int dent_cmp(const void *a, const void *b)
{
	return strcmp(((const struct dent *)a)->name, ((const struct dent *)b)->name);
}

/* Load a .gitignore-style file at `c->path` into `ps` for folder `base`. */
static void load_ignore_file(struct ctx *c, struct ag_ignore *ps, size_t base)
{
	size_t len;
	int rc = read_file(c, &len);
	if (rc == AG_ENOMEM)
		note_err(c, rc);
	if (rc == AG_ELIMIT) /* said, not silently dropped: it changes what is scanned */
		ag_diags_add(c->d, AG_SEV_WARNING, rel_of(c), 0, 0,
			     "not read: %zu bytes is over the %zu-byte limit; its patterns "
			     "are not applied", len, c->max_file);
	else if (rc == AG_EIO)
		ag_diags_add(c->d, AG_SEV_WARNING, rel_of(c), 0, 0, "not read: %s",
			     ag_io_reason());
	if (!rc)
		note_err(c, ag_ignore_add_text(ps, c->buf, len, base));
}

/* Load the .gitattributes at `c->path` for folder `base`. */
static void load_attributes(struct ctx *c, size_t base)
{
	size_t len;
	int rc = read_file(c, &len);
	if (rc == AG_ENOMEM)
		note_err(c, rc);
	else if (rc == AG_ELIMIT)
		ag_diags_add(c->d, AG_SEV_WARNING, rel_of(c), 0, 0,
			     "not read: %zu bytes is over the %zu-byte limit; its "
			     "linguist-generated and linguist-vendored marks are not applied",
			     len, c->max_file);
	if (!rc)
		note_err(c, ag_scan_attributes(&c->generated, &c->vendored, c->buf, len, base));
}

/* Walk the folder whose relative path is path[root_len+1 .. +rel_len]. */
static void walk(struct ctx *c, size_t rel_len, int depth)
{
	if (c->err || c->stopped)
		return;
	if (depth > MAX_DEPTH) {
		ag_diags_add(c->d, AG_SEV_WARNING, rel_len ? rel_of(c) : ".", 0, 0,
			     "not scanned: folders nest deeper than %d levels", MAX_DEPTH);
		return;
	}
	size_t plen = c->root_len + (rel_len ? 1 + rel_len : 0);
	c->path[plen] = '\0';
	DIR *dir = opendir(c->path);
	if (!dir) {
		if (depth)
			ag_diags_add(c->d, AG_SEV_WARNING, rel_of(c), 0, 0,
				     "not scanned: cannot open the folder: %s", strerror(errno));
		else
			note_err(c, AG_EIO);
		return;
	}
	c->s->stats.dirs++;
	struct dent *v = NULL;
	size_t n = 0, alloc = 0;
	struct dirent *de;
	while ((de = readdir(dir))) {
		const char *nm = de->d_name;
		if (nm[0] == '.' && (!nm[1] || (nm[1] == '.' && !nm[2])))
			continue;
		if (n == alloc) {
			size_t na = alloc ? alloc * 2 : 32;
			struct dent *nv = realloc(v, na * sizeof(*nv));
			if (!nv) {
				note_err(c, AG_ENOMEM);
				break;
			}
			v = nv;
			alloc = na;
		}
		if (!(v[n].name = strdup(nm))) {
			note_err(c, AG_ENOMEM);
			break;
		}
		v[n++].type = de->d_type;
	}
	closedir(dir);
	if (n)
		qsort(v, n, sizeof(*v), dent_cmp);

	/* this folder's .gitignore applies to everything below it, and so do
	 * its .gitattributes' linguist-generated and -vendored marks */
	size_t ign_before = ag_ignore_mark(&c->ign);
	size_t gen_before = ag_ignore_mark(&c->generated);
	size_t vend_before = ag_ignore_mark(&c->vendored);
	bool cpp_here = false;
	for (size_t i = 0; i < n && !c->err; i++) {
		if (v[i].type != DT_DIR)
			cpp_here |= ag_source_is_cpp(v[i].name);
		bool attrs = !strcmp(v[i].name, ".gitattributes");
		if (!attrs && strcmp(v[i].name, ".gitignore"))
			continue;
		size_t nl = strlen(v[i].name);
		if (plen + 1 + nl >= PATH_CAP)
			break;
		c->path[plen] = '/';
		memcpy(c->path + plen + 1, v[i].name, nl + 1);
		if (attrs)
			load_attributes(c, rel_len);
		else
			load_ignore_file(c, &c->ign, rel_len);
		c->path[plen] = '\0';
	}

	for (size_t i = 0; i < n && !c->err && !c->stopped; i++) {
		const char *nm = v[i].name;
		size_t nl = strlen(nm);
		if (++c->s->stats.entries > c->max_entries) {
			c->stopped = true;
			ag_diags_add(c->d, AG_SEV_WARNING, NULL, 0, 0,
				     "scan stopped after %zu entries (the limit); the rest of "
				     "the tree was not read", c->max_entries);
			break;
		}
		if (plen + 1 + nl >= PATH_CAP) {
			c->s->stats.ignored++;
			continue;
		}
		c->path[plen] = '/';
		memcpy(c->path + plen + 1, nm, nl + 1);
		size_t child_rel = rel_len ? rel_len + 1 + nl : nl;
		unsigned char type = v[i].type;
		if (type == DT_UNKNOWN) {
			struct stat st;
			if (lstat(c->path, &st))
				continue;
			type = S_ISDIR(st.st_mode) ? DT_DIR : S_ISREG(st.st_mode) ? DT_REG
						   : S_ISLNK(st.st_mode) ? DT_LNK : DT_UNKNOWN;
		}
		if (type != DT_DIR && type != DT_REG) {
			c->s->stats.ignored++; /* symlinks are never followed */
			continue;
		}
		bool is_dir = type == DT_DIR;
		bool skip = false;
		if (is_dir)
			for (size_t k = 0; k < sizeof(skip_dirs) / sizeof(skip_dirs[0]); k++)
				if (!strcmp(nm, skip_dirs[k]))
					skip = true;
		const char *rel = rel_of(c);
		if (!skip && (ag_ignore_match(&c->exclude, rel, child_rel, nm, is_dir) ||
			      ag_ignore_match(&c->ign, rel, child_rel, nm, is_dir) ||
			      ag_ignore_match(&c->vendored, rel, child_rel, nm, is_dir)))
			skip = true;
		if (skip) {
			c->s->stats.ignored++;
			continue;
		}
		if (is_dir) {
			/* under a build-output folder nothing gives a language away
			 * (radar_source.c); decided once per folder */
			bool was = c->in_build;
			c->in_build = was || ag_source_build_dir(nm);
			walk(c, child_rel, depth + 1);
			c->in_build = was;
		} else {
			c->s->stats.files++;
			c->cpp_here = cpp_here;
			c->file_generated = c->in_build || ag_source_generated_name(nm) ||
					    ag_ignore_match(&c->generated, rel, child_rel, nm, false);
			scan_file(c, nm, child_rel);
		}
	}
	ag_ignore_pop(&c->ign, ign_before);
	ag_ignore_pop(&c->generated, gen_before);
	ag_ignore_pop(&c->vendored, vend_before);
	for (size_t i = 0; i < n; i++)
		free(v[i].name);
	free(v);
}

static int setup_ctx(struct ctx *c, struct ag_scan *s, const struct ag_scan_opts *o,
		     struct ag_diags *d)
{
	memset(c, 0, sizeof(*c));
	c->s = s;
	c->d = d;
	c->max_file = o && o->max_file_bytes ? o->max_file_bytes : (size_t)16 << 20;
	c->max_entries = o && o->max_entries ? o->max_entries : 5000000;
	c->max_ev = o && o->max_evidence ? o->max_evidence : 50;
	int rc = ag_matcher_init(&c->m);
	if (rc)
		return rc;
	const struct ag_radar *r = o ? o->radar : NULL;
	if (!r)
		return 0;
	const struct ag_radar_mapping *mp = r->mappings.v;
	for (size_t i = 0; i < r->mappings.n; i++) {
		if (!mp[i].technology.set)
			continue;
		const struct ag_scalar *pat = mp[i].match.v;
		for (size_t k = 0; k < mp[i].match.n; k++) {
			if (!pat[k].set)
				continue;
			rc = ag_matcher_add(&c->m, pat[k].s, pat[k].len, mp[i].technology.s,
					    mp[i].technology.len);
			if (rc == AG_ENOMEM)
				return rc;
		}
	}
	const struct ag_scalar *ex = r->scan.exclude.v;
	for (size_t i = 0; i < r->scan.exclude.n; i++)
		if (ex[i].set && (rc = ag_ignore_add(&c->exclude, ex[i].s, ex[i].len, 0)))
			return rc;
	return 0;
}

static void release_ctx(struct ctx *c)
{
	ag_matcher_release(&c->m);
	ag_ignore_release(&c->ign);
	ag_ignore_release(&c->exclude);
	ag_ignore_release(&c->generated);
	ag_ignore_release(&c->vendored);
	free(c->buf);
	free(c->dev_pkgs);
	free(c->dev_composes);
}

int ag_scan_dir(struct ag_scan *s, const char *root, const struct ag_scan_opts *o,
		struct ag_diags *d)
{
	struct ctx *c = malloc(sizeof(*c));
	if (!c)
		return AG_ENOMEM;
	int rc = setup_ctx(c, s, o, d);
	size_t rl = strlen(root);
	while (rl > 1 && root[rl - 1] == '/')
		rl--;
	if (!rc && rl + 2 >= PATH_CAP)
		rc = AG_EIO;
	if (!rc) {
		memcpy(c->path, root, rl);
		c->path[rl] = '\0';
		c->root_len = rl;
		/* .git/info/exclude holds the repository's private ignores */
		snprintf(c->path + rl, PATH_CAP - rl, "/.git/info/exclude");
		load_ignore_file(c, &c->ign, 0);
		c->path[rl] = '\0';
		walk(c, 0, 0);
		ag_scan_source_finish(c);
		settle_dev_packages(c);
		settle_dev_composes(c);
		ag_scan_settle(s);
		rc = c->err;
	}
	release_ctx(c);
	free(c);
	if (!rc && s->n > 1) {
		qsort(s->v, s->n, sizeof(*s->v), ag_scan_used_cmp);
		ag_scan_reindex(s);
	}
	return rc;
}
