/*
 * test_events_input.c - the parallel chunked run under the events engine
 * (events_input.h): with many small chunks and more threads than cores,
 * every chunk is retired once, in input order, with the right first line;
 * plain (mapped), gzip and zstd inputs give the same lines; an error in a
 * worker stops the run with that error; a retire callback that returns 1
 * stops it early. The CLI tests' inputs fit in one default chunk, so these
 * are the tests that make worker threads meet: scripts/test.sh runs them
 * under ThreadSanitizer.
 */
#include <stdint.h>
#include <zlib.h>
#include <zstd.h>
#include "base/buf.h"
#include "events/events_input.h"
#include "events/events_query.h"
#include "events/events_stats.h"
#include "test.h"
#include "util.h"

#define NLINES 3000

struct worker {
	uint64_t lines;
	int fail_at_seq; /* >= 0: fn fails on the chunk with this seq */
};

struct seen {
	uint64_t next_seq;   /* retire order: 0, 1, 2, ... */
	uint64_t next_line;  /* the first line the next chunk must have */
	uint64_t lines;
	size_t input;
	int order_errors;
	int stop_after;      /* > 0: retire returns 1 after this many chunks */
	uint64_t last_done;  /* progress never goes back */
	int progress_errors;
};

static int count_lines(void *arg, struct ag_ev_chunk *c)
{
	struct worker *w = arg;
	if (w->fail_at_seq >= 0 && c->seq == (uint64_t)w->fail_at_seq)
		return AG_EPARSE;
	uint64_t n = 0;
	for (size_t i = 0; i < c->n; i++)
		n += c->p[i] == '\n';
	if (c->n && c->p[c->n - 1] != '\n')
		n++; /* a last line without its newline */
	c->nlines = n;
	w->lines += n;
	return 0;
}

static int retire_in_order(void *ctx, const struct ag_ev_chunk *c)
{
	struct seen *s = ctx;
	if (c->input != s->input) {
		s->input = c->input;
		s->next_line = 1;
	}
	if (c->seq != s->next_seq || c->first_line != s->next_line)
		s->order_errors++;
	s->next_seq = c->seq + 1;
	s->next_line = c->first_line + c->nlines;
	s->lines += c->nlines;
	if (s->stop_after > 0 && s->next_seq >= (uint64_t)s->stop_after)
		return 1;
	return 0;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total, double seconds)
{
	struct seen *s = ctx;
	(void)total;
	(void)seconds;
	if (done < s->last_done)
		s->progress_errors++;
	s->last_done = done;
}

/* NLINES lines of NDJSON of varying length, the last without a newline. */
static char *make_events(size_t *len)
{
	struct ag_buf b = AG_BUF_INIT;
	for (int i = 0; i < NLINES; i++)
		ag_buf_printf(&b, "{\"i\":%d,\"level\":\"%s\",\"pad\":\"%.*s\"}%s", i,
			      i % 7 ? "info" : "error", i % 23, "xxxxxxxxxxxxxxxxxxxxxxx",
			      i + 1 < NLINES ? "\n" : "");
	return ag_buf_detach(&b, len);
}

struct fixture {
	char *dir;
	char *text;
	size_t len;
	char plain[4096], gz[4096], zst[4096];
};

static int fixture_init(struct fixture *f)
{
	memset(f, 0, sizeof(*f));
	f->dir = make_tmpdir();
	f->text = make_events(&f->len);
	if (!f->dir || !f->text)
		return -1;
	snprintf(f->plain, sizeof(f->plain), "%s", path_join(f->dir, "events.ndjson"));
	snprintf(f->gz, sizeof(f->gz), "%s", path_join(f->dir, "events.gz"));
	snprintf(f->zst, sizeof(f->zst), "%s", path_join(f->dir, "events.zst"));
	if (write_bytes(f->plain, f->text, f->len))
		return -1;
	gzFile g = gzopen(f->gz, "wb");
	if (!g || gzwrite(g, f->text, (unsigned)f->len) != (int)f->len || gzclose(g) != Z_OK)
		return -1;
	size_t cap = ZSTD_compressBound(f->len);
	char *z = malloc(cap);
	if (!z)
		return -1;
	size_t zn = ZSTD_compress(z, cap, f->text, f->len, 3);
	int rc = ZSTD_isError(zn) ? -1 : write_bytes(f->zst, z, zn);
	free(z);
	return rc;
}

static void fixture_release(struct fixture *f)
{
	rm_rf(f->dir);
	free(f->dir);
	free(f->text);
}

/* One run over `paths` with `threads` workers and `chunk` bytes a chunk. */
static int run(const char *const *paths, size_t npaths, unsigned threads, size_t chunk,
	       int fail_at_seq, struct seen *s, struct ag_ev_run_stats *st, uint64_t *worker_lines)
{
	struct worker ws[8];
	void *wp[8];
	for (unsigned t = 0; t < threads; t++) {
		ws[t] = (struct worker){0, fail_at_seq};
		wp[t] = &ws[t];
	}
	struct ag_ev_run_opts o = {threads, chunk, count_lines, wp, retire_in_order, s,
				   on_progress};
	struct ag_diags d;
	ag_diags_init(&d);
	s->input = (size_t)-1;
	int rc = ag_ev_run(paths, npaths, &o, st, &d);
	if (d.n)
		diag_dump(&d);
	ag_diags_release(&d);
	*worker_lines = 0;
	for (unsigned t = 0; t < threads; t++)
		*worker_lines += ws[t].lines;
	return rc;
}

TEST(every_chunk_is_retired_once_in_order)
{
	struct fixture f;
	REQUIRE(fixture_init(&f) == 0);
	static const unsigned threads[] = {1, 2, 3, 8};
	static const size_t chunks[] = {1, 7, 100, 4096};
	const char *inputs[] = {f.plain, f.gz, f.zst};
	for (size_t in = 0; in < 3; in++)
		for (size_t t = 0; t < 4; t++)
			for (size_t c = 0; c < 4; c++) {
				struct seen s = {0};
				struct ag_ev_run_stats st;
				uint64_t wl;
				int rc = run(&inputs[in], 1, threads[t], chunks[c], -1, &s, &st, &wl);
				if (rc || s.order_errors || s.lines != NLINES || wl != NLINES ||
				    st.lines != NLINES || st.bytes != f.len || s.progress_errors)
					TEST_FAIL_("%s, %u threads, %zu-byte chunks: rc %d, %d out of "
						   "order, %llu retired, %llu scanned, %llu bytes",
						   inputs[in], threads[t], chunks[c], rc,
						   s.order_errors, (unsigned long long)s.lines,
						   (unsigned long long)wl,
						   (unsigned long long)st.bytes);
			}
	fixture_release(&f);
}

TEST(several_inputs_number_their_lines_each_from_one)
{
	struct fixture f;
	REQUIRE(fixture_init(&f) == 0);
	const char *inputs[] = {f.zst, f.plain, f.gz, f.plain};
	struct seen s = {0};
	struct ag_ev_run_stats st;
	uint64_t wl;
	CHECK_EQ_INT(run(inputs, 4, 4, 64, -1, &s, &st, &wl), 0);
	CHECK_EQ_INT(s.order_errors, 0);
	CHECK_EQ_INT(s.lines, 4 * NLINES);
	CHECK_EQ_INT(st.lines, 4 * NLINES);
	fixture_release(&f);
}

TEST(a_failing_worker_stops_the_run_with_its_error)
{
	struct fixture f;
	REQUIRE(fixture_init(&f) == 0);
	const char *inputs[] = {f.plain, f.gz};
	for (size_t in = 0; in < 2; in++)
		for (int fail_at = 0; fail_at < 40; fail_at += 13) {
			struct seen s = {0};
			struct ag_ev_run_stats st;
			uint64_t wl;
			CHECK_EQ_INT(run(&inputs[in], 1, 4, 50, fail_at, &s, &st, &wl), AG_EPARSE);
			CHECK_EQ_INT(s.order_errors, 0);
			CHECK(s.next_seq <= (uint64_t)fail_at); /* nothing after it retires */
		}
	fixture_release(&f);
}

TEST(a_retire_callback_stops_the_run_early)
{
	struct fixture f;
	REQUIRE(fixture_init(&f) == 0);
	const char *inputs[] = {f.plain, f.zst};
	for (size_t in = 0; in < 2; in++) {
		struct seen s = {0};
		s.stop_after = 5;
		struct ag_ev_run_stats st;
		uint64_t wl;
		CHECK_EQ_INT(run(&inputs[in], 1, 4, 50, -1, &s, &st, &wl), 1);
		CHECK_EQ_INT(s.next_seq, 5); /* retire is not called again */
		CHECK_EQ_INT(s.order_errors, 0);
	}
	fixture_release(&f);
}

/* The engine on top: small chunks give every worker its own groups and
 * examples, merged after the run, and a limit that stops the run early. */
TEST(stats_and_limits_are_the_same_with_small_chunks_and_many_threads)
{
	struct fixture f;
	REQUIRE(fixture_init(&f) == 0);
	const char *p = f.plain;
	struct ag_evq q;
	struct ag_diags d;
	ag_evq_init(&q);
	ag_diags_init(&d);
	REQUIRE(ag_evq_parse(&q, "by level compute count", &d) == 0);
	struct ag_evs_opts one = {1, 0, 5, NULL, NULL, NULL};
	struct ag_evs_result r1, r8;
	REQUIRE(ag_evs_run(&q, &p, 1, &one, &r1, &d) == 0);
	struct ag_evs_opts many = {8, 64, 5, NULL, NULL, NULL};
	REQUIRE(ag_evs_run(&q, &p, 1, &many, &r8, &d) == 0);
	CHECK_EQ_INT(r8.events, NLINES);
	CHECK_EQ_INT(r8.events, r1.events);
	CHECK_EQ_INT(r8.nrows, 2);
	CHECK_EQ_INT(r8.nrows, r1.nrows);
	for (size_t i = 0; i < r1.nrows && i < r8.nrows; i++)
		CHECK(r8.rows[i].agg[0] == r1.rows[i].agg[0]);
	ag_evs_result_release(&r1);
	ag_evs_result_release(&r8);
	ag_evq_release(&q);
	ag_diags_release(&d);
	fixture_release(&f);
}

TEST_MAIN(TEST_ENTRY(every_chunk_is_retired_once_in_order),
	  TEST_ENTRY(several_inputs_number_their_lines_each_from_one),
	  TEST_ENTRY(a_failing_worker_stops_the_run_with_its_error),
	  TEST_ENTRY(a_retire_callback_stops_the_run_early),
	  TEST_ENTRY(stats_and_limits_are_the_same_with_small_chunks_and_many_threads))
