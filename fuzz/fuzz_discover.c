/*
 * fuzz_discover.c - `archgate init`'s discovery (src/discover/) on a small
 * repository written from the input, and the round trip of what it writes.
 *
 * The input is a repository of five files, sections separated by NUL bytes:
 *
 *   compose.yaml \0 k8s/app.yaml \0 .github/CODEOWNERS \0 svc/Dockerfile
 *   \0 svc/package.json
 *
 * (a missing section is an empty file). It is written to /dev/shm (or
 * $TMPDIR)/archgate-fuzz-discover-PID, made once per process and removed at
 * exit. Checks:
 *   - ag_discover() succeeds (a hostile repository makes discovery find
 *     less, never fail), and every relation joins two containers it found;
 *   - the system.yaml it writes is loaded by archgate's own model loader
 *     (ag_model_load_parts) without an input error: nothing a repository
 *     holds can make init write a model that archgate rejects.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/fsutil.h"
#include "discover/discover.h"
#include "fuzz_common.h"
#include "model/model.h"

#define FUZZ_MAX_INPUT ((size_t)64 << 10)

static const char *const files[] = {"compose.yaml", "k8s/app.yaml", ".github/CODEOWNERS",
				    "svc/Dockerfile", "svc/package.json"};
#define NFILES (sizeof(files) / sizeof(files[0]))
static char top[256];

static void cleanup(void)
{
	char p[512];
	for (size_t i = 0; i < NFILES; i++) {
		snprintf(p, sizeof(p), "%s/%s", top, files[i]);
		unlink(p);
	}
	static const char *const dirs[] = {"arch/system.yaml", "arch", "k8s", ".github", "svc"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", top, dirs[i]);
		if (unlink(p))
			rmdir(p);
	}
	rmdir(top);
}

static void setup(void)
{
	if (*top)
		return;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(top, sizeof(top), "%s/archgate-fuzz-discover-%ld", base ? base : "/tmp",
		 (long)getpid());
	cleanup();
	FUZZ_CHECK(mkdir(top, 0700) == 0);
	atexit(cleanup);
	static const char *const dirs[] = {"arch", "k8s", ".github", "svc"};
	char p[512];
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", top, dirs[i]);
		FUZZ_CHECK(mkdir(p, 0700) == 0);
	}
}

static void put(const char *name, const uint8_t *p, size_t n)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", top, name);
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(fwrite(p, 1, n, f) == n);
	FUZZ_CHECK(fclose(f) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return 0;
	setup();
	const uint8_t *p = data, *end = data + size;
	for (size_t i = 0; i < NFILES; i++) {
		const uint8_t *z = p < end ? memchr(p, 0, (size_t)(end - p)) : NULL;
		size_t n = p < end ? (z ? (size_t)(z - p) : (size_t)(end - p)) : 0;
		put(files[i], p, n);
		p = z ? z + 1 : end;
	}
	struct ag_discovery x;
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_discover(top, &x, &d);
	FUZZ_CHECK(rc == 0);
	for (size_t i = 0; i < x.nr; i++) {
		bool from = false, to = false;
		for (size_t k = 0; k < x.nc; k++) {
			from = from || !strcmp(x.c[k].id, x.r[i].from);
			to = to || !strcmp(x.c[k].id, x.r[i].to);
		}
		FUZZ_CHECK(from && to);
	}
	struct ag_buf sys = AG_BUF_INIT;
	FUZZ_CHECK(ag_discovery_system_yaml(&x, NULL, "fuzz", &sys) == 0);
	put("arch/system.yaml", (const uint8_t *)sys.data, sys.len);
	struct ag_model m;
	struct ag_diags md;
	ag_diags_init(&md);
	char arch[512];
	snprintf(arch, sizeof(arch), "%s/arch", top);
	rc = ag_model_load_parts(&m, arch, AG_LOAD_SYSTEM, &md);
	if (rc || ag_diags_count(&md, AG_SEV_ERROR)) {
		for (size_t i = 0; i < md.n; i++)
			fprintf(stderr, "%s:%d:%d: %s\n", md.v[i].file ? md.v[i].file : "?",
				md.v[i].line, md.v[i].col, md.v[i].message);
		fprintf(stderr, "---- system.yaml ----\n%s\n", sys.data);
	}
	FUZZ_CHECK(rc == 0 && ag_diags_count(&md, AG_SEV_ERROR) == 0);
	FUZZ_CHECK(m.sys.boundaries.containers.n == x.nc);
	ag_model_release(&m);
	ag_diags_release(&md);
	ag_buf_release(&sys);
	ag_discovery_release(&x);
	ag_diags_release(&d);
	return 0;
}
