/*
 * events_input.h - reading event files in parallel: memory-mapped files,
 * standard input, gzip and zstd, cut into chunks of whole lines that worker
 * threads process.
 *
 * The calling thread is the producer: it maps or reads (and decompresses)
 * each input, hands out chunks, reports progress, and "retires" finished
 * chunks strictly in input order, so a consumer can write output in order
 * and learn each chunk's first line number. At most `inflight` chunks
 * exist at once, so memory does not grow with the input: mapped chunks are
 * dropped from the process (madvise) when retired; read chunks are freed.
 *
 * Compression is recognised by its magic bytes (gzip 1f 8b, zstd 28 b5 2f
 * fd, xz fd 37 7a 58 5a 00, bzip2 "BZh1".."BZh9"), whatever the file is
 * called; concatenated gzip members, zstd frames, xz and bzip2 streams are
 * read to the end. An input whose values span lines (ag_ev_is_doc: a
 * pretty-printed document, a JSON array) is one chunk marked `doc`, so
 * one worker reads it whole (a mapped one is not faulted in first: its
 * reader may stream it, ADR-058); NDJSON is cut into chunks of whole lines. A UTF-8 byte order mark at the start of an
 * input is skipped. A path of "-" is standard input.
 *
 * Threads: workers call `fn` concurrently with distinct worker contexts;
 * `retire` and `progress` run on the calling thread.
 */
#ifndef AG_EVENTS_INPUT_H
#define AG_EVENTS_INPUT_H

#include <stdbool.h>
#include <stdint.h>
#include "base/diag.h"

/* One piece of one input: whole lines (the last line of an input may lack
 * its newline). */
struct ag_ev_chunk {
	const char *p;
	size_t n;
	size_t input;        /* index into the paths */
	uint64_t seq;        /* position among all chunks, in input order */
	uint64_t nlines;     /* set by fn: lines in the chunk */
	uint64_t first_line; /* set before retire: 1-based line of p in its input */
	bool doc;            /* a document (ag_ev_is_doc): the whole input, read
			      * with ag_ev_scan_doc() */
	bool mapped;         /* p is a read-only mapping of the file (not a
			      * buffer): pages behind a reader may be given
			      * back (madvise) */
};

struct ag_ev_run_opts {
	unsigned threads;    /* workers; 0 = every online core */
	size_t chunk_bytes;  /* 0 = 8 MiB (mapped) / 4 MiB (read) */
	/* Runs a worker's share: scan c->p..c->n and set c->nlines. Returns 0 or
	 * an AG_E* code, which stops the run. */
	int (*fn)(void *worker, struct ag_ev_chunk *c);
	void **workers;      /* `threads` contexts (after ag_ev_threads()) */
	/* Optional: called in input order once a chunk and all before it are done. */
	int (*retire)(void *ctx, const struct ag_ev_chunk *c);
	void *ctx;
	/* Optional: called about 5 times a second while the run lasts. `total`
	 * is 0 when unknown (standard input). */
	void (*progress)(void *ctx, uint64_t done, uint64_t total, double seconds);
};

/* What a run read. */
struct ag_ev_run_stats {
	uint64_t bytes;       /* input bytes after decompression */
	uint64_t lines;
	uint64_t raw_bytes;   /* bytes read from disk or stdin */
	double seconds;
};

/* Worker threads a run will use for a `threads` request (0 = all cores). */
unsigned ag_ev_threads(unsigned requested);

/* Runs over `paths`. A file that cannot be opened or decompressed adds an
 * error diagnostic and the run goes on with the next (the result is then
 * AG_EIO); other errors stop it. */
int ag_ev_run(const char *const *paths, size_t npaths, const struct ag_ev_run_opts *o,
	      struct ag_ev_run_stats *st, struct ag_diags *d);

/* Reads a whole input (decompressed) into memory or maps it, for commands
 * that need random access (trace, sql). *data is owned by the map. */
struct ag_ev_map {
	const char *data;
	size_t len;
	void *mapping; /* munmap on release when not NULL */
	size_t maplen;
	char *heap;    /* free on release when not NULL */
};
int ag_ev_map_open(struct ag_ev_map *m, const char *path, struct ag_diags *d);
void ag_ev_map_release(struct ag_ev_map *m);

#endif
