/*
 * fuzz_radar_read.c - every manifest reader of the radar scanner
 * (src/radar/radar_read_*.c) called directly, on a heap copy of exactly the
 * input's size with no NUL after it, so that AddressSanitizer sees a read
 * one byte past the end. fuzz_radar_scan goes through ag_scan_dir(), whose
 * file buffer has at least 64 KiB of slack and hides such reads (issue 10:
 * a build.gradle ending inside kotlin("... read past it only once the file
 * was over 64 KiB).
 *
 * The input's first byte picks the reader (every ag_read_* in
 * radar_scan_impl.h and the install-command scanner, by its value modulo
 * their number); the rest is the
 * text. Checks: the reader returns, every piece of evidence has a line
 * inside the text and a match under 256 bytes.
 */
#include <stdlib.h>
#include <string.h>
#include "base/ag.h"
#include "fuzz_common.h"
#include "radar/radar_scan_impl.h"

enum { NREADERS = 38 };

static void dispatch(struct ctx *c, unsigned which, const char *t, size_t n)
{
	switch (which % NREADERS) {
	case 0: ag_read_package_json(c, t, n); break;
	case 1: ag_read_npm_lock(c, t, n); break;
	case 2: ag_read_yarn_lock(c, t, n); break;
	case 3: ag_read_pnpm_lock(c, t, n); break;
	case 4: ag_read_composer(c, t, n); break;
	case 5: ag_read_composer_lock(c, t, n); break;
	case 6: ag_read_pipfile_lock(c, t, n); break;
	case 7: ag_read_requirements(c, t, n); break;
	case 8: ag_read_pyproject(c, t, n, false); break;
	case 9: ag_read_pyproject(c, t, n, true); break;
	case 10: ag_read_cargo_toml(c, t, n); break;
	case 11: ag_read_toml_lock(c, t, n, AG_ECO_CARGO); break;
	case 12: ag_read_toml_lock(c, t, n, AG_ECO_PYPI); break;
	case 13: ag_read_go_mod(c, t, n); break;
	case 14: ag_read_pom(c, t, n); break;
	case 15: ag_read_gradle(c, t, n); break;
	case 16: ag_read_gemfile(c, t, n); break;
	case 17: ag_read_gemfile_lock(c, t, n); break;
	case 18: ag_read_dockerfile(c, t, n); break;
	case 19: ag_read_yaml_images(c, t, n, false); break;
	case 20: ag_read_yaml_images(c, t, n, true); break;
	case 21: ag_read_chart(c, t, n); break;
	case 22: ag_read_terraform(c, t, n); break;
	case 23: ag_read_k8s(c, t, n); break;
	case 24: ag_read_kustomization(c, t, n); break;
	case 25: ag_read_helm_values(c, t, n); break;
	case 26: ag_read_compose(c, t, n); break; /* no path: no .env */
	case 27: ag_read_nuget(c, t, n, false); break;
	case 28: ag_read_nuget(c, t, n, true); break;
	case 29: ag_read_mix(c, t, n); break;
	case 30: ag_read_tool_versions(c, t, n); break;
	case 31: { /* the TOML helpers on one line */
		struct toml_state ts = {"", false, AG_ECO_PYPI};
		ag_scan_toml_header(&ts, t, t + n);
		FUZZ_CHECK(strlen(ts.table) < sizeof(ts.table));
		ag_scan_toml_strings(c, t, t + n, 1, AG_ECO_PYPI);
		const char *k;
		size_t kl = ag_scan_toml_key(t, t + n, &k);
		FUZZ_CHECK(kl == 0 || (k >= t && k + kl <= t + n));
		break;
	}
	case 33: ag_read_cmake(c, t, n); break;
	case 34: ag_read_azure_pipelines(c, t, n); break;
	case 37: ag_read_phpunit(c, t, n); break;
	case 35: { /* workflow run: steps */
		static const char *const run[] = {"run:", NULL};
		ag_read_run_steps(c, t, n, run);
		break;
	}
	case 36: { /* install commands, line by line, continued by backslashes */
		struct ag_install st;
		ag_install_reset(&st);
		struct lines l = {t, t + n, 0};
		const char *s;
		size_t ln;
		while (next_line(&l, &s, &ln))
			ag_scan_install(c, &st, s, s + ln, l.no);
		FUZZ_CHECK(st.npending <= sizeof(st.pending) / sizeof(st.pending[0]));
		break;
	}
	default: { /* (32) the token and PEP 508 helpers */
		const char *ts;
		size_t tn;
		const char *end = ag_scan_token(t, t + n, &ts, &tn);
		FUZZ_CHECK(end >= t && end <= t + n && ts >= t && ts + tn <= t + n);
		size_t nl = ag_scan_pep508_name(t, t + n, &ts);
		FUZZ_CHECK(ts >= t && ts + nl <= t + n);
		break;
	}
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1 || size > ((size_t)1 << 20))
		return -1;
	size_t n = size - 1;
	/* exactly n bytes: malloc(0) may be NULL, so keep one byte for that */
	char *text = malloc(n ? n : 1);
	FUZZ_CHECK(text != NULL);
	memcpy(text, data + 1, n);

	struct ag_scan s;
	ag_scan_init(&s);
	struct ag_diags d;
	ag_diags_init(&d);
	struct ctx *c = calloc(1, sizeof(*c));
	FUZZ_CHECK(c != NULL);
	c->s = &s;
	c->d = &d;
	c->max_ev = 50;
	c->rel = "manifest";
	c->kind = AG_EVIDENCE_MANIFEST;
	/* the built-in catalog's matcher, built once (readers only look up) */
	static struct ag_matcher m;
	static int rc = -1;
	if (rc == -1)
		rc = ag_matcher_init(&m);
	FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
	c->m = m;
	if (rc == 0) {
		dispatch(c, data[0], text, n);
		size_t lines = 1;
		for (size_t i = 0; i < n; i++)
			lines += text[i] == '\n';
		for (size_t i = 0; !c->err && i < s.n; i++)
			for (size_t k = 0; k < s.v[i].nev; k++) {
				const struct ag_evidence *ev = &s.v[i].ev[k];
				FUZZ_CHECK(ev->match && strlen(ev->match) < 256);
				FUZZ_CHECK(ev->line >= 1 && (size_t)ev->line <= lines);
			}
	}
	free(c->dev_pkgs); /* what a reader noted for the walk to settle (release_ctx's part) */
	free(c->dev_composes);
	free(c);
	ag_scan_release(&s);
	ag_diags_release(&d);
	free(text);
	return 0;
}
