/*
 * fuzz_radar_scan.c - the repository scanner's manifest readers (one per
 * ecosystem, src/radar/radar_read_*.c) through the public ag_scan_dir().
 *
 * The input's first byte picks the file name (package.json, go.mod,
 * pom.xml, a workflow, a Dockerfile, a Kubernetes manifest, a
 * kustomization, Helm values, a compose file, a .csproj, mix.exs, a
 * .gitignore next to a manifest ...),
 * the rest is its content, written to /dev/shm (or $TMPDIR)/
 * archgate-fuzz-radar-PID and scanned with the built-in catalog. Checks:
 * the scan succeeds (or runs out of memory); every piece of evidence names
 * a file that was written, a line inside it and a match under 256 bytes;
 * the text and JSON reports can be written. No crash, leak, hang or
 * undefined behaviour on any manifest: a repository's files are anyone's.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "base/ag.h"
#include "base/buf.h"
#include "fuzz_common.h"
#include "radar/radar_scan.h"

static const char *const names[] = {
	"package.json", "package-lock.json", "yarn.lock", "pnpm-lock.yaml", "composer.json",
	"composer.lock", "Pipfile.lock", "Pipfile", "pyproject.toml", "requirements.txt",
	"requirements/dev.in", "Cargo.toml", "Cargo.lock", "poetry.lock", "uv.lock", "go.mod",
	"pom.xml", "build.gradle", "build.gradle.kts", "gradle/libs.versions.toml", "Gemfile",
	"Gemfile.lock", "Dockerfile", "Containerfile", "docker-compose.yml", "compose.yaml",
	".github/workflows/ci.yml", "Chart.yaml", "main.tf", "wrangler.toml",
	/* issue 12's readers: Kubernetes, kustomize, Helm values, compose with
	 * its .env, NuGet, mix, version files, a CI folder's Terraform */
	"deploy.yaml", "kustomization.yaml", "values.yaml", "compose.prod.yaml", ".env",
	"Api.csproj", "Directory.Packages.props", "packages.config", "mix.exs",
	".tool-versions", "requirements.in", ".github/terraform.tf",
	/* ADR 0056's: pre-commit hooks, an app's database, a docs folder */
	".pre-commit-config.yaml", ".env.example", "docs/requirements.txt",
	/* ADR 0060's: phpunit's test database, a pipeline under any name */
	"phpunit.xml.dist", "ci.yml",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

static char top[256];

static void rm(const char *rel)
{
	char p[400];
	snprintf(p, sizeof(p), "%s/%s", top, rel);
	unlink(p);
}

static void cleanup(void)
{
	for (size_t i = 0; i < NNAMES; i++)
		rm(names[i]);
	rm(".gitignore");
	rm(".env");
	char p[400];
	static const char *const dirs[] = {"requirements", "gradle", ".github/workflows", ".github",
					   "docs"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", top, dirs[i]);
		rmdir(p);
	}
	rmdir(top);
}

static void setup(void)
{
	if (*top)
		return;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	if (!base)
		base = "/tmp";
	snprintf(top, sizeof(top), "%s/archgate-fuzz-radar-%ld", base, (long)getpid());
	cleanup();
	FUZZ_CHECK(mkdir(top, 0700) == 0);
	atexit(cleanup);
	static const char *const dirs[] = {"requirements", "gradle", ".github", ".github/workflows",
					   "docs"};
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++) {
		char p[400];
		snprintf(p, sizeof(p), "%s/%s", top, dirs[i]);
		FUZZ_CHECK(mkdir(p, 0700) == 0 || errno == EEXIST);
	}
}

static void put(const char *rel, const uint8_t *p, size_t n)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/%s", top, rel);
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(n == 0 || fwrite(p, 1, n, f) == n);
	FUZZ_CHECK(fclose(f) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > ((size_t)1 << 20))
		return -1;
	setup();
	/* 0x80 and up: a .gitignore (the text up to the first NUL) beside it */
	bool ignore = data[0] & 0x80;
	const char *name = names[(data[0] & 0x7f) % NNAMES];
	/* a compose file reads the .env beside it: 0x80 on compose.prod.yaml
	 * writes the text up to the first NUL as that .env instead */
	bool env = ignore && !strcmp(name, "compose.prod.yaml");
	const uint8_t *body = data + 1;
	size_t blen = size - 1;
	if (ignore) {
		const uint8_t *z = memchr(body, '\0', blen);
		size_t il = z ? (size_t)(z - body) : blen;
		put(env ? ".env" : ".gitignore", body, il);
		body += z ? il + 1 : il;
		blen -= z ? il + 1 : il;
	}
	put(name, body, blen);
	size_t lines = 1;
	for (size_t i = 0; i < blen; i++)
		lines += body[i] == '\n';

	struct ag_scan s;
	ag_scan_init(&s);
	struct ag_diags d;
	ag_diags_init(&d);
	int rc = ag_scan_dir(&s, top, NULL, &d);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	for (size_t i = 0; rc == 0 && i < s.n; i++) {
		const struct ag_used *u = &s.v[i];
		FUZZ_CHECK(u->name && *u->name);
		FUZZ_CHECK(u->nev <= u->total);
		for (size_t k = 0; k < u->nev; k++) {
			const struct ag_evidence *ev = &u->ev[k];
			FUZZ_CHECK(ev->file && ev->match && strlen(ev->match) < 256);
			FUZZ_CHECK(!strcmp(ev->file, name) || !strcmp(ev->file, ".gitignore") ||
				   !strcmp(ev->file, ".env"));
			if (!strcmp(ev->file, name))
				FUZZ_CHECK(ev->line >= 1 && (size_t)ev->line <= lines);
		}
	}
	if (rc == 0) {
		struct ag_buf b = AG_BUF_INIT;
		int r = ag_scan_report_json(&b, &s, NULL);
		FUZZ_CHECK(r == 0 || r == AG_ENOMEM);
		ag_buf_reset(&b);
		r = ag_scan_report_text(&b, &s, NULL, false);
		FUZZ_CHECK(r == 0 || r == AG_ENOMEM);
		ag_buf_release(&b);
	}
	ag_scan_release(&s);
	ag_diags_release(&d);
	rm(".gitignore");
	rm(".env");
	rm(name);
	return 0;
}
