/*
 * fuzz_check.c - end to end: an arch folder on disk, ag_model_load(),
 * ag_check_run() and every report writer.
 *
 * The input is a small arch folder: sections separated by NUL bytes,
 *
 *   system.yaml \0 archgate.yaml \0 radar.yaml \0 ADR 1 \0 ADR 2 ...
 *
 * (a missing section is a missing file; at most 8 ADRs, written as
 * decisions/0001-fuzz.md, ...). NUL works as a separator because archgate
 * rejects NUL bytes in all of these files anyway. The folder lives in
 * /dev/shm (or $TMPDIR)/archgate-fuzz-PID, made once per process, removed
 * at exit and swept by later runs when a crash left it behind.
 *
 * This covers what the unit-level targets cannot reach: reference and
 * duplicate validation in the model loader, every rule's check function on
 * hostile models, waivers and the phase board, and the report writers'
 * escaping. Checks:
 *   - an input error (AG_EINVAL) comes with an error diagnostic
 *   - the result's counts match its findings
 *   - json and sarif output, and status json, are well-formed JSON in valid
 *     UTF-8 (RFC 8259); junit output is valid UTF-8 without characters XML
 *     forbids. Set AG_FUZZ_SKIP_UTF8=1 to check JSON structure only (run.sh
 *     does that while a known UTF-8 bug is open; see README.md).
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzz_common.h"
#include "model/model.h"
#include "report/report.h"
#include "rules/rules.h"

#define FUZZ_MAX_INPUT ((size_t)256 << 10)
#define MAX_ADRS 8

static char dir[256];     /* .../arch */
static bool skip_utf8;

/* ---- a strict JSON (RFC 8259) validator -------------------------------- */

struct js {
	const unsigned char *p, *end;
	int depth;
};

/* Length of the valid UTF-8 sequence at p, or 0. */
static size_t utf8_len(const unsigned char *p, const unsigned char *end)
{
	unsigned c = p[0];
	if (c < 0x80)
		return 1;
	size_t n;
	unsigned min, cp;
	if (c >= 0xc2 && c <= 0xdf)
		n = 2, min = 0x80, cp = c & 0x1f;
	else if (c >= 0xe0 && c <= 0xef)
		n = 3, min = 0x800, cp = c & 0x0f;
	else if (c >= 0xf0 && c <= 0xf4)
		n = 4, min = 0x10000, cp = c & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
		return 0;
	return n;
}

static bool valid_utf8(const unsigned char *p, size_t n)
{
	const unsigned char *end = p + n;
	while (p < end) {
		size_t l = utf8_len(p, end);
		if (!l)
			return false;
		p += l;
	}
	return true;
}

static void ws(struct js *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static bool lit(struct js *j, const char *w)
{
	size_t n = strlen(w);
	if ((size_t)(j->end - j->p) < n || memcmp(j->p, w, n))
		return false;
	j->p += n;
	return true;
}

static bool string(struct js *j)
{
	if (j->p >= j->end || *j->p != '"')
		return false;
	j->p++;
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = *j->p;
		if (c < 0x20)
			return false;
		if (c == '\\') {
			if (++j->p >= j->end)
				return false;
			c = *j->p;
			if (c == 'u') {
				for (int i = 1; i <= 4; i++)
					if (j->p + i >= j->end || !strchr("0123456789abcdefABCDEF", j->p[i]) ||
					    !j->p[i])
						return false;
				j->p += 5;
			} else if (strchr("\"\\/bfnrt", c) && c) {
				j->p++;
			} else {
				return false;
			}
			continue;
		}
		if (c < 0x80 || skip_utf8) {
			j->p++;
			continue;
		}
		size_t l = utf8_len(j->p, j->end);
		if (!l)
			return false;
		j->p += l;
	}
	if (j->p >= j->end)
		return false;
	j->p++;
	return true;
}

static bool number(struct js *j)
{
	const unsigned char *s = j->p;
	if (j->p < j->end && *j->p == '-')
		j->p++;
	if (j->p >= j->end)
		return false;
	if (*j->p == '0')
		j->p++;
	else if (*j->p >= '1' && *j->p <= '9')
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	else
		return false;
	if (j->p < j->end && *j->p == '.') {
		j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (j->p < j->end && (*j->p == 'e' || *j->p == 'E')) {
		j->p++;
		if (j->p < j->end && (*j->p == '+' || *j->p == '-'))
			j->p++;
		if (j->p >= j->end || *j->p < '0' || *j->p > '9')
			return false;
		while (j->p < j->end && *j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	return j->p > s;
}

static bool value(struct js *j)
{
	if (++j->depth > 64)
		return false;
	ws(j);
	bool ok;
	if (j->p >= j->end) {
		ok = false;
	} else if (*j->p == '{') {
		j->p++;
		ws(j);
		ok = true;
		if (j->p < j->end && *j->p == '}') {
			j->p++;
		} else {
			for (;;) {
				ws(j);
				if (!string(j)) { ok = false; break; }
				ws(j);
				if (j->p >= j->end || *j->p != ':') { ok = false; break; }
				j->p++;
				if (!value(j)) { ok = false; break; }
				ws(j);
				if (j->p < j->end && *j->p == ',') { j->p++; continue; }
				if (j->p < j->end && *j->p == '}') { j->p++; break; }
				ok = false;
				break;
			}
		}
	} else if (*j->p == '[') {
		j->p++;
		ws(j);
		ok = true;
		if (j->p < j->end && *j->p == ']') {
			j->p++;
		} else {
			for (;;) {
				if (!value(j)) { ok = false; break; }
				ws(j);
				if (j->p < j->end && *j->p == ',') { j->p++; continue; }
				if (j->p < j->end && *j->p == ']') { j->p++; break; }
				ok = false;
				break;
			}
		}
	} else if (*j->p == '"') {
		ok = string(j);
	} else if (*j->p == 't') {
		ok = lit(j, "true");
	} else if (*j->p == 'f') {
		ok = lit(j, "false");
	} else if (*j->p == 'n') {
		ok = lit(j, "null");
	} else {
		ok = number(j);
	}
	j->depth--;
	return ok;
}

static void check_json(const struct ag_buf *b, const char *what)
{
	struct js j = {(const unsigned char *)b->data, (const unsigned char *)b->data + b->len, 0};
	bool ok = b->len && value(&j);
	ws(&j);
	if (!ok || j.p != j.end) {
		size_t off = (size_t)(j.p - (const unsigned char *)b->data);
		fprintf(stderr, "%s output is not valid JSON%s at byte %zu: ...%.*s...\n", what,
			skip_utf8 ? "" : " in UTF-8", off, (int)(b->len - off < 60 ? b->len - off : 60),
			b->data + off);
		FUZZ_CHECK(!"report writer produced invalid JSON");
	}
}

static void check_xml_text(const struct ag_buf *b, const char *what)
{
	const unsigned char *p = (const unsigned char *)b->data;
	for (size_t i = 0; i < b->len; i++)
		if (p[i] < 0x20 && p[i] != '\n' && p[i] != '\t' && p[i] != '\r') {
			fprintf(stderr, "%s output has control character 0x%02x at byte %zu\n",
				what, p[i], i);
			FUZZ_CHECK(!"report writer produced a character XML forbids");
		}
	if (!skip_utf8 && !valid_utf8(p, b->len)) {
		fprintf(stderr, "%s output is not valid UTF-8\n", what);
		FUZZ_CHECK(!"report writer produced invalid UTF-8");
	}
}

/* ---- the arch folder --------------------------------------------------- */

static char top[200];     /* the private directory, parent of dir */

static void cleanup(void)
{
	char p[400];
	for (int i = 1; i <= MAX_ADRS; i++) {
		snprintf(p, sizeof(p), "%s/decisions/%04d-fuzz.md", dir, i);
		unlink(p);
	}
	static const char *const files[] = {"system.yaml", "archgate.yaml", "radar.yaml"};
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, files[i]);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/decisions", dir);
	rmdir(p);
	rmdir(dir);
	rmdir(top);
}

/* Remove the folders of earlier runs that died without cleaning up (a crash
 * skips atexit): archgate-fuzz-PID where PID no longer exists. */
static void sweep(const char *base)
{
	DIR *d = opendir(base);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)) != NULL) {
		long pid;
		char *endp;
		if (strncmp(e->d_name, "archgate-fuzz-", 14))
			continue;
		pid = strtol(e->d_name + 14, &endp, 10);
		if (*endp || pid <= 0 || (kill((pid_t)pid, 0) == 0 || errno != ESRCH))
			continue;
		snprintf(top, sizeof(top), "%s/%s", base, e->d_name);
		snprintf(dir, sizeof(dir), "%s/arch", top);
		cleanup();
	}
	closedir(d);
}

static void setup(void)
{
	if (*dir)
		return;
	const char *base = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	if (!base)
		base = "/tmp";
	sweep(base);
	snprintf(top, sizeof(top), "%s/archgate-fuzz-%ld", base, (long)getpid());
	snprintf(dir, sizeof(dir), "%s/arch", top);
	cleanup(); /* a stale folder of a reused pid */
	FUZZ_CHECK(mkdir(top, 0700) == 0);
	FUZZ_CHECK(mkdir(dir, 0700) == 0);
	atexit(cleanup);
	char d[300];
	snprintf(d, sizeof(d), "%s/decisions", dir);
	FUZZ_CHECK(mkdir(d, 0700) == 0);
	const char *s = getenv("AG_FUZZ_SKIP_UTF8");
	skip_utf8 = s && *s && *s != '0';
}

static void put(const char *name, const uint8_t *p, size_t n, bool present)
{
	char path[400];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	if (!present) {
		FUZZ_CHECK(unlink(path) == 0 || errno == ENOENT);
		return;
	}
	FILE *f = fopen(path, "wb");
	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(fwrite(p, 1, n, f) == n);
	FUZZ_CHECK(fclose(f) == 0);
}

static void report(const struct ag_model *m, const struct ag_result *res)
{
	static const enum ag_format fmts[] = {AG_FMT_TEXT, AG_FMT_JSON, AG_FMT_SARIF,
					      AG_FMT_JUNIT, AG_FMT_GITHUB};
	for (size_t i = 0; i < sizeof(fmts) / sizeof(fmts[0]); i++) {
		for (int color = 0; color < (fmts[i] == AG_FMT_TEXT ? 2 : 1); color++) {
			struct ag_buf b = AG_BUF_INIT;
			struct ag_report_opts o = {color != 0, "0.0.0-fuzz"};
			int rc = ag_report_check(&b, fmts[i], m, res, &o);
			FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
			if (rc == 0 && (fmts[i] == AG_FMT_JSON || fmts[i] == AG_FMT_SARIF))
				check_json(&b, ag_format_name(fmts[i]));
			if (rc == 0 && fmts[i] == AG_FMT_JUNIT)
				check_xml_text(&b, "junit");
			ag_buf_release(&b);
		}
	}
	for (int json = 0; json < 2; json++) {
		struct ag_buf b = AG_BUF_INIT;
		struct ag_report_opts o = {false, "0.0.0-fuzz"};
		int rc = ag_report_status(&b, json ? AG_FMT_JSON : AG_FMT_TEXT, m, res, &o);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
		if (rc == 0 && json)
			check_json(&b, "status json");
		ag_buf_release(&b);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size > FUZZ_MAX_INPUT)
		return -1;
	setup();
	/* split into sections */
	const uint8_t *sec[3 + MAX_ADRS];
	size_t len[3 + MAX_ADRS], nsec = 0;
	for (const uint8_t *p = data, *end = data + size; nsec < 3 + MAX_ADRS;) {
		const uint8_t *z = memchr(p, '\0', (size_t)(end - p));
		sec[nsec] = p;
		len[nsec++] = z ? (size_t)(z - p) : (size_t)(end - p);
		if (!z)
			break;
		p = z + 1;
	}
	put("system.yaml", sec[0], len[0], true);
	put("archgate.yaml", nsec > 1 ? sec[1] : NULL, nsec > 1 ? len[1] : 0, nsec > 1);
	put("radar.yaml", nsec > 2 ? sec[2] : NULL, nsec > 2 ? len[2] : 0, nsec > 2);
	for (size_t i = 0; i < MAX_ADRS; i++) {
		char name[64];
		snprintf(name, sizeof(name), "decisions/%04zu-fuzz.md", i + 1);
		bool present = 3 + i < nsec;
		put(name, present ? sec[3 + i] : NULL, present ? len[3 + i] : 0, present);
	}

	struct ag_model m;
	struct ag_diags diags;
	ag_diags_init(&diags);
	int rc = ag_model_load(&m, dir, &diags);
	FUZZ_CHECK(rc == 0 || rc == AG_EINVAL || rc == AG_ENOMEM || rc == AG_EIO);
	if (rc == AG_EINVAL)
		FUZZ_CHECK(ag_diags_count(&diags, AG_SEV_ERROR) > 0 || diags.dropped > 0);
	if (rc == 0) {
		struct ag_result res;
		long today;
		FUZZ_CHECK(ag_date_parse("2026-06-01", 10, &today) == 0);
		struct ag_check_opts opts = {.today = today};
		int crc = ag_check_run(&m, &opts, &res);
		FUZZ_CHECK(crc == 0 || crc == AG_ENOMEM);
		if (crc == 0) {
			size_t counted = 0;
			for (size_t i = 0; i < res.findings.n; i++) {
				const struct ag_finding *f = &res.findings.v[i];
				FUZZ_CHECK(f->rule != NULL && f->message != NULL);
				FUZZ_CHECK(f->sev >= AG_SEV_OFF && f->sev <= AG_SEV_ERROR);
				counted += !f->waiver && f->sev == AG_SEV_ERROR;
			}
			FUZZ_CHECK(counted == res.errors);
			FUZZ_CHECK(res.board.current >= 0 && res.board.current < AG_NPHASES);
			report(&m, &res);
		}
		ag_result_release(&res);
	}
	ag_model_release(&m);
	ag_diags_release(&diags);
	return 0;
}
