/*
 * fuzz_adr_locate.c - where the decision records are (ag_adr_locate(),
 * src/records/adr_find.c): the pointer files a repository keeps, read
 * from hostile text, then the records loaded from where they point.
 *
 * The input is  .adr-dir \0 .log4brains.yml \0 catalog-info.yaml \0
 * decisions  (a missing section is a missing file; the fourth, when
 * present, is archgate.yaml's `decisions:`). The files are written into a
 * repository at /dev/shm (or $TMPDIR)/archgate-fuzz-locate-PID/repo that
 * holds arch/, docs/adr and adr with a record each, an empty doc/adr, and
 * beside it ../out with a record of its own (what a `../` must never
 * reach). Checks: ag_adr_locate() succeeds (or runs out of memory); the
 * records folder and every log4brains package are inside the repository
 * (no absolute path, no ".." component; the absolute path is the root
 * joined with the relative one); every place looked at is a string; and
 * ag_adrs_load_where() on the result reads no record from ../out.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/ag.h"
#include "base/diag.h"
#include "fuzz_common.h"
#include "records/adr.h"

static char top[256], root[300];

static const char *const files[] = {".adr-dir", ".log4brains.yml", "catalog-info.yaml"};
static const char *const dirs[] = {"repo", "repo/arch", "repo/docs", "repo/docs/adr",
				   "repo/doc", "repo/doc/adr", "repo/adr", "out"};
static const char *const records[] = {"repo/docs/adr/0001-docs.md", "repo/adr/0001-adr.md",
				      "out/0001-outside.md"};

static void rm(const char *rel)
{
	char p[400];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	unlink(p);
}

static void cleanup(void)
{
	char p[400];
	for (size_t i = 0; i < sizeof(files) / sizeof(*files); i++) {
		snprintf(p, sizeof(p), "repo/%s", files[i]);
		rm(p);
	}
	for (size_t i = 0; i < sizeof(records) / sizeof(*records); i++)
		rm(records[i]);
	for (size_t i = sizeof(dirs) / sizeof(*dirs); i-- > 0;) {
		snprintf(p, sizeof(p), "%s/%s", top, dirs[i]);
		rmdir(p);
	}
	rmdir(top);
}

static void put(const char *rel, const void *d, size_t n)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/%s", top, rel);
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(n == 0 || fwrite(d, 1, n, f) == n);
	FUZZ_CHECK(fclose(f) == 0);
}

static void setup(void)
{
	if (*top)
		return;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	if (!base)
		base = "/tmp";
	snprintf(top, sizeof(top), "%s/archgate-fuzz-locate-%ld", base, (long)getpid());
	snprintf(root, sizeof(root), "%s/repo", top);
	cleanup();
	FUZZ_CHECK(mkdir(top, 0700) == 0);
	atexit(cleanup);
	for (size_t i = 0; i < sizeof(dirs) / sizeof(*dirs); i++) {
		char p[400];
		snprintf(p, sizeof(p), "%s/%s", top, dirs[i]);
		FUZZ_CHECK(mkdir(p, 0700) == 0 || errno == EEXIST);
	}
	static const char rec[] = "# 1. A record\n\n## Status\n\nAccepted\n";
	for (size_t i = 0; i < sizeof(records) / sizeof(*records); i++)
		put(records[i], rec, sizeof(rec) - 1);
}

/* No absolute path, no ".." component. */
static bool inside(const char *rel)
{
	if (*rel == '/')
		return false;
	for (const char *p = rel; *p;) {
		size_t n = strcspn(p, "/");
		if (n == 2 && p[0] == '.' && p[1] == '.')
			return false;
		p += n;
		while (*p == '/')
			p++;
	}
	return true;
}

static void check_dir(const char *dir, const char *rel)
{
	FUZZ_CHECK(dir && rel);
	FUZZ_CHECK(inside(rel));
	size_t rl = strlen(root);
	FUZZ_CHECK(!strncmp(dir, root, rl));
	FUZZ_CHECK(dir[rl] == '\0' || dir[rl] == '/');
	FUZZ_CHECK(inside(dir + rl + (dir[rl] == '/')));
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > 65536)
		return -1;
	setup();
	const char *p = (const char *)data, *end = p + size;
	char conf[4097];
	bool have_conf = false, more = size > 0;
	for (size_t i = 0; i < 4; i++) {
		const char *z = more ? memchr(p, '\0', (size_t)(end - p)) : NULL;
		size_t n = more ? (z ? (size_t)(z - p) : (size_t)(end - p)) : 0;
		if (i < 3) {
			char rel[64];
			snprintf(rel, sizeof(rel), "repo/%s", files[i]);
			if (more)
				put(rel, p, n);
			else
				rm(rel);
		} else if (more && n < sizeof(conf)) {
			memcpy(conf, p, n);
			conf[n] = '\0';
			have_conf = true;
		}
		if (more) {
			more = z != NULL;
			p = z ? z + 1 : end;
		}
	}
	struct ag_arena arena;
	ag_arena_init(&arena, FUZZ_ARENA_BUDGET);
	char arch[400];
	snprintf(arch, sizeof(arch), "%s/arch", root);
	struct ag_adr_where w;
	int rc = ag_adr_locate(&arena, root, arch, have_conf ? conf : NULL, &w);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	if (rc == 0) {
		check_dir(w.dir, w.dir_rel);
		for (size_t i = 0; i < w.npkgs; i++) {
			FUZZ_CHECK(w.pkgs[i].name != NULL);
			check_dir(w.pkgs[i].dir, w.pkgs[i].dir_rel);
		}
		for (size_t i = 0; i < w.nlooked; i++)
			FUZZ_CHECK(w.looked[i] != NULL);
		struct ag_diags d;
		ag_diags_init(&d);
		struct ag_adrs adrs;
		rc = ag_adrs_load_where(&arena, &w, &adrs, &d);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM || rc == AG_EINVAL || rc == AG_EIO ||
			   d.n > 0);
		if (rc == 0)
			for (size_t i = 0; i < adrs.n; i++)
				FUZZ_CHECK(!strstr(adrs.v[i].name, "outside"));
		ag_diags_release(&d);
	}
	ag_arena_release(&arena);
	return 0;
}
