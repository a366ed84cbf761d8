/*
 * fuzz_events_otlp_stream.c - the streaming reader of OTLP/JSON documents
 * (events_otlp.h, ADR-058) against the whole-document reader it replaces
 * on the same input, in document mode: each run goes through the checks
 * of fuzz_events_read.h (every value in the input, every rendered record
 * one valid JSON line, every bad record with a message and a column), and
 * both must agree on what is broken: the same number of invalid records,
 * the first at the same line and column with the same message (syntax is
 * the scanner's, whichever reader walks the outer levels). Where the two
 * may differ by design (a key written twice, OTLP's shape broken), only
 * the first checks apply.
 */
#include "fuzz_events_read.h"

struct fuzz_bads {
	size_t n;
	uint64_t line;
	size_t col;
	const char *why;
	bool shape; /* a structure message, not a syntax one */
};

struct fuzz_sctx {
	struct fuzz_ctx c;
	struct fuzz_bads b;
};

static int fuzz_srec(void *arg, const struct ag_ev_val *vals, const struct ag_evr_rec *rec,
		     const char *text, size_t n)
{
	return fuzz_rec(&((struct fuzz_sctx *)arg)->c, vals, rec, text, n);
}

static void fuzz_sbad(void *arg, uint64_t line, size_t col, const char *why, const char *text,
		      size_t n)
{
	struct fuzz_bads *b = &((struct fuzz_sctx *)arg)->b;
	fuzz_bad(NULL, line, col, why, text, n);
	if (!b->n++) {
		b->line = line;
		b->col = col;
		b->why = why;
	}
	if (!strncmp(why, "an element of the resource list", 31) ||
	    !strncmp(why, "the scope list", 14))
		b->shape = true;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	(void)fuzz_read; /* the other targets' harness: not this one */
	if (size > (1 << 18))
		return -1;
	char *in = malloc(size + 1);
	if (!in)
		return 0;
	memcpy(in, data, size);
	struct ag_ev_fields fs;
	ag_ev_fields_init(&fs);
	size_t nn = sizeof(fuzz_names) / sizeof(fuzz_names[0]);
	for (size_t i = 0; i < nn; i++)
		ag_ev_fields_add(&fs, fuzz_names[i], strlen(fuzz_names[i]));
	struct ag_evr_keys keys;
	FUZZ_CHECK(ag_evr_keys_add(&fs, &keys) == 0);
	static struct ag_evr_worker w;
	struct fuzz_bads got[2];
	uint64_t lines[2];
	for (int whole = 0; whole < 2; whole++) {
		ag_evr_worker_init(&w, &fs, &keys);
		w.whole = whole;
		struct fuzz_sctx c = {{in, in + size, &w, nn}, {0, 0, 0, NULL, false}};
		struct ag_evr_sink s = {fuzz_srec, fuzz_sbad, &c, true};
		int rc = ag_evr_chunk(&w, in, size, true, &s, &lines[whole]);
		FUZZ_CHECK(rc == 0 || rc == AG_ENOMEM);
		got[whole] = c.b;
		ag_evr_worker_release(&w);
	}
	if (!got[0].shape && !got[1].shape) {
		FUZZ_CHECK(got[0].n == got[1].n);
		FUZZ_CHECK(lines[0] == lines[1]);
		if (got[0].n)
			FUZZ_CHECK(got[0].line == got[1].line && got[0].col == got[1].col &&
				   !strcmp(got[0].why, got[1].why));
	}
	free(in);
	return 0;
}
