/*
 * events_input.c - parallel chunked reading of event files; see
 * events_input.h.
 *
 * A ring of `inflight` slots connects the producer (the calling thread) to
 * the workers: the producer fills slot seq % inflight, workers take slots
 * in seq order, and the producer retires them in seq order. One mutex and
 * two condition variables; a chunk is megabytes, so the lock is taken a few
 * hundred times per gigabyte and never shows in a profile.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <bzlib.h>
#include <lzma.h>
#include <zlib.h>
#include <zstd.h>
#include "events_scan.h"
#include "events_input.h"

#define MAP_CHUNK ((size_t)8 << 20)
#define READ_CHUNK ((size_t)4 << 20)
#define MAX_LINE_BUF ((size_t)1 << 30) /* a line longer than this is an error */

unsigned ag_ev_threads(unsigned requested)
{
	if (requested)
		return requested > 256 ? 256 : requested;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 256 ? 256 : (unsigned)n;
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* ---- decompressing reader ------------------------------------------------ */

enum { R_PLAIN, R_GZIP, R_ZSTD, R_XZ, R_BZIP2 };

struct reader {
	int fd;
	int kind;
	bool eof, zinit;
	bool mid;  /* inside a gzip member or zstd frame that has not ended */
	z_stream z;
	ZSTD_DStream *zs;
	lzma_stream xz;
	bool xzinit, bzinit;
	bz_stream bz;
	unsigned char in[1 << 18];
	size_t in_len, in_pos;
	uint64_t raw;
	const char *err;
};

static int detect(const unsigned char *b, size_t n)
{
	if (n >= 2 && b[0] == 0x1f && b[1] == 0x8b)
		return R_GZIP;
	if (n >= 4 && b[0] == 0x28 && b[1] == 0xb5 && b[2] == 0x2f && b[3] == 0xfd)
		return R_ZSTD;
	if (n >= 6 && !memcmp(b, "\xfd" "7zXZ\0", 6))
		return R_XZ;
	if (n >= 4 && b[0] == 'B' && b[1] == 'Z' && b[2] == 'h' && b[3] >= '1' && b[3] <= '9')
		return R_BZIP2;
	return R_PLAIN;
}

/* An input that ends inside a compression format's magic bytes: the whole
 * of it is a strict prefix of the magic, and not text a log could hold
 * (a lone "(" or "B" is text). Returns what to report, or NULL. Without
 * this a gzip file cut after one byte was read as one plain text line and
 * reported as an empty table with exit 0. */
static const char *cut_magic(const unsigned char *b, size_t n)
{
	static const struct {
		const char *magic, *err;
		size_t len, min; /* magic length; shortest prefix taken for it */
	} m[] = {
		{"\x1f\x8b", "truncated gzip data (the file ends inside its header)", 2, 1},
		{"\x28\xb5\x2f\xfd", "truncated zstd data (the file ends inside its header)", 4, 2},
		{"\xfd" "7zXZ", "truncated xz data (the file ends inside its header)", 6, 1},
		{"BZh", "truncated bzip2 data (the file ends inside its header)", 4, 3},
	};
	for (size_t i = 0; n && i < sizeof(m) / sizeof(*m); i++)
		if (n >= m[i].min && n < m[i].len && !memcmp(b, m[i].magic, n))
			return m[i].err;
	return NULL;
}

static int fill(struct reader *r)
{
	if (r->in_pos < r->in_len || r->eof)
		return 0;
	ssize_t k;
	do
		k = read(r->fd, r->in, sizeof(r->in));
	while (k < 0 && errno == EINTR);
	if (k < 0) {
		r->err = strerror(errno);
		return -1;
	}
	r->in_len = (size_t)k;
	r->in_pos = 0;
	r->raw += (uint64_t)k;
	if (k == 0)
		r->eof = true;
	return 0;
}

/* Sets up the reader after the first block is in r->in. */
static int reader_start(struct reader *r)
{
	if (fill(r))
		return -1;
	/* a first read shorter than every magic: read on until the input
	 * ends or holds enough to tell (a pipe may deliver a few bytes) */
	while (!r->eof && r->in_len < 6 && cut_magic(r->in, r->in_len)) {
		ssize_t k;
		do
			k = read(r->fd, r->in + r->in_len, sizeof(r->in) - r->in_len);
		while (k < 0 && errno == EINTR);
		if (k < 0) {
			r->err = strerror(errno);
			return -1;
		}
		r->in_len += (size_t)k;
		r->raw += (uint64_t)k;
		r->eof = k == 0;
	}
	if (r->eof && (r->err = cut_magic(r->in, r->in_len)))
		return -1;
	r->kind = detect(r->in, r->in_len);
	if (r->kind == R_GZIP) {
		memset(&r->z, 0, sizeof(r->z));
		if (inflateInit2(&r->z, 15 + 32) != Z_OK) {
			r->err = "cannot start gzip decompression";
			return -1;
		}
		r->zinit = true;
	} else if (r->kind == R_ZSTD) {
		r->zs = ZSTD_createDStream();
		if (!r->zs || ZSTD_isError(ZSTD_initDStream(r->zs))) {
			r->err = "cannot start zstd decompression";
			return -1;
		}
	} else if (r->kind == R_XZ) {
		lzma_stream init = LZMA_STREAM_INIT;
		r->xz = init;
		if (lzma_stream_decoder(&r->xz, UINT64_MAX, LZMA_CONCATENATED) != LZMA_OK) {
			r->err = "cannot start xz decompression";
			return -1;
		}
		r->xzinit = true;
	} else if (r->kind == R_BZIP2) {
		memset(&r->bz, 0, sizeof(r->bz));
		if (BZ2_bzDecompressInit(&r->bz, 0, 0) != BZ_OK) {
			r->err = "cannot start bzip2 decompression";
			return -1;
		}
		r->bzinit = true;
	}
	return 0;
}

static void reader_release(struct reader *r)
{
	if (r->zinit)
		inflateEnd(&r->z);
	if (r->zs)
		ZSTD_freeDStream(r->zs);
	if (r->xzinit)
		lzma_end(&r->xz);
	if (r->bzinit)
		BZ2_bzDecompressEnd(&r->bz);
	r->zinit = r->xzinit = r->bzinit = false;
	r->zs = NULL;
}

/* Reads up to cap decompressed bytes; returns the count (0 at the end) or -1. */
static ssize_t reader_read(struct reader *r, char *out, size_t cap)
{
	size_t got = 0;
	while (got < cap) {
		if (fill(r))
			return -1;
		if (r->in_pos >= r->in_len && r->eof) {
			if (r->kind == R_XZ) {
				/* LZMA_FINISH: tell the decoder the input is over */
				r->xz.next_in = NULL;
				r->xz.avail_in = 0;
				r->xz.next_out = (uint8_t *)out + got;
				r->xz.avail_out = cap - got;
				lzma_ret xr = lzma_code(&r->xz, LZMA_FINISH);
				got += (cap - got) - r->xz.avail_out;
				if (xr == LZMA_OK)
					continue; /* more output is pending */
				if (xr != LZMA_STREAM_END) {
					r->err = xr == LZMA_BUF_ERROR ? "truncated xz data"
								      : "corrupt xz data";
					return -1;
				}
				r->mid = false;
				break;
			}
			if (r->mid) {
				static const char *const trunc[] = {NULL, "truncated gzip data",
								    "truncated zstd data", NULL,
								    "truncated bzip2 data"};
				r->err = trunc[r->kind];
				return -1;
			}
			break;
		}
		if (r->kind == R_PLAIN) {
			size_t k = r->in_len - r->in_pos;
			if (k > cap - got)
				k = cap - got;
			memcpy(out + got, r->in + r->in_pos, k);
			r->in_pos += k;
			got += k;
		} else if (r->kind == R_GZIP) {
			r->z.next_in = r->in + r->in_pos;
			r->z.avail_in = (uInt)(r->in_len - r->in_pos);
			r->z.next_out = (Bytef *)out + got;
			size_t room = cap - got;
			r->z.avail_out = (uInt)(room > (1u << 30) ? (1u << 30) : room);
			uInt before = r->z.avail_out;
			int zr = inflate(&r->z, Z_NO_FLUSH);
			got += before - r->z.avail_out;
			r->in_pos = r->in_len - r->z.avail_in;
			r->mid = zr != Z_STREAM_END;
			if (zr == Z_STREAM_END) {
				/* another gzip member may follow */
				if (fill(r))
					return -1;
				if (r->in_pos >= r->in_len && r->eof)
					break;
				if (inflateReset(&r->z) != Z_OK) {
					r->err = "corrupt gzip data";
					return -1;
				}
			} else if (zr == Z_BUF_ERROR) {
				if (r->eof && r->in_pos >= r->in_len) {
					r->err = "truncated gzip data";
					return -1;
				}
			} else if (zr != Z_OK) {
				r->err = "corrupt gzip data";
				return -1;
			}
		} else if (r->kind == R_XZ) {
			r->xz.next_in = r->in + r->in_pos;
			r->xz.avail_in = r->in_len - r->in_pos;
			r->xz.next_out = (uint8_t *)out + got;
			r->xz.avail_out = cap - got;
			lzma_ret xr = lzma_code(&r->xz, LZMA_RUN);
			got += (cap - got) - r->xz.avail_out;
			r->in_pos = r->in_len - r->xz.avail_in;
			r->mid = true;
			if (xr == LZMA_STREAM_END) {
				r->mid = false;
				break;
			}
			if (xr != LZMA_OK && xr != LZMA_BUF_ERROR) {
				r->err = xr == LZMA_FORMAT_ERROR ? "not xz data" : "corrupt xz data";
				return -1;
			}
		} else if (r->kind == R_BZIP2) {
			r->bz.next_in = (char *)r->in + r->in_pos;
			r->bz.avail_in = (unsigned)(r->in_len - r->in_pos);
			r->bz.next_out = out + got;
			size_t room = cap - got;
			r->bz.avail_out = (unsigned)(room > (1u << 30) ? (1u << 30) : room);
			unsigned before = r->bz.avail_out;
			int br = BZ2_bzDecompress(&r->bz);
			got += before - r->bz.avail_out;
			r->in_pos = r->in_len - r->bz.avail_in;
			r->mid = br != BZ_STREAM_END;
			if (br == BZ_STREAM_END) {
				/* another bzip2 stream may follow (pbzip2, cat a.bz2 b.bz2) */
				if (fill(r))
					return -1;
				if (r->in_pos >= r->in_len && r->eof)
					break;
				BZ2_bzDecompressEnd(&r->bz);
				memset(&r->bz, 0, sizeof(r->bz));
				if (BZ2_bzDecompressInit(&r->bz, 0, 0) != BZ_OK) {
					r->bzinit = false;
					r->err = "cannot start bzip2 decompression";
					return -1;
				}
			} else if (br != BZ_OK) {
				r->err = "corrupt bzip2 data";
				return -1;
			}
		} else {
			ZSTD_inBuffer ib = {r->in, r->in_len, r->in_pos};
			ZSTD_outBuffer ob = {out + got, cap - got, 0};
			size_t zr = ZSTD_decompressStream(r->zs, &ob, &ib);
			if (ZSTD_isError(zr)) {
				r->err = "corrupt zstd data";
				return -1;
			}
			got += ob.pos;
			r->in_pos = ib.pos;
			r->mid = zr != 0;
			if (r->eof && r->in_pos >= r->in_len && ob.pos == 0) {
				if (zr != 0) {
					r->err = "truncated zstd data";
					return -1;
				}
				break;
			}
		}
	}
	return (ssize_t)got;
}

static int open_input(const char *path, int *fd, struct stat *st, struct ag_diags *d)
{
	if (!strcmp(path, "-")) {
		*fd = STDIN_FILENO;
	} else {
		do
			*fd = open(path, O_RDONLY | O_CLOEXEC);
		while (*fd < 0 && errno == EINTR);
		if (*fd < 0) {
			ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot open: %s", strerror(errno));
			return AG_EIO;
		}
	}
	if (fstat(*fd, st)) {
		ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot stat: %s", strerror(errno));
		if (*fd != STDIN_FILENO)
			close(*fd);
		return AG_EIO;
	}
	if (S_ISDIR(st->st_mode)) {
		ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "is a folder, not an event file");
		if (*fd != STDIN_FILENO)
			close(*fd);
		return AG_EIO;
	}
	return 0;
}

/* Whether a regular file is plain (mappable): peeks at its magic bytes. */
static bool plain_file(int fd, const struct stat *st)
{
	if (!S_ISREG(st->st_mode) || st->st_size <= 0)
		return false;
	unsigned char b[6];
	ssize_t k = pread(fd, b, sizeof(b), 0);
	/* a file cut inside a magic goes to the reader, which says so */
	return k >= 0 && detect(b, (size_t)k) == R_PLAIN && !cut_magic(b, (size_t)k);
}

/* ---- the run --------------------------------------------------------------- */

enum { S_FREE, S_QUEUED, S_RUNNING, S_DONE };

struct slot {
	struct ag_ev_chunk c;
	char *owned;
	int state;
	uint64_t raw_end;   /* progress position when this chunk is retired */
	const char *map_base;
	size_t map_end;     /* mapped: offset of the chunk end in its mapping */
};

struct run {
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	struct slot *slots;
	uint64_t nslots, produced, taken, retired;
	bool closed;
	int err;
	const struct ag_ev_run_opts *o;
	struct ag_ev_run_stats *st;
	double t0, last_progress;
	uint64_t total, progress_done;
	size_t cur_input;
	uint64_t line_cursor;
	size_t released;    /* mapped: bytes of the current mapping dropped */
	size_t page;
};

struct worker_arg {
	struct run *r;
	void *ctx;
};

static void *worker_main(void *arg)
{
	struct worker_arg *wa = arg;
	struct run *r = wa->r;
	pthread_mutex_lock(&r->mu);
	for (;;) {
		while (r->taken == r->produced && !r->closed && !r->err)
			pthread_cond_wait(&r->work, &r->mu);
		if (r->err || r->taken == r->produced)
			break;
		struct slot *s = &r->slots[r->taken++ % r->nslots];
		s->state = S_RUNNING;
		pthread_mutex_unlock(&r->mu);
		s->c.nlines = 0;
#ifdef MADV_POPULATE_READ
		if (s->map_base && !s->c.doc) {
			/* fault the chunk in with one call instead of one fault per
			 * few pages; harmless when the kernel is older (EINVAL).
			 * Not a document: the whole input, which its reader may
			 * stream and fault in as it goes (ADR-058) */
			uintptr_t a = (uintptr_t)s->c.p & ~(uintptr_t)(r->page - 1);
			madvise((void *)a, (uintptr_t)s->c.p + s->c.n - a, MADV_POPULATE_READ);
		}
#endif
		int rc = r->o->fn(wa->ctx, &s->c);
		pthread_mutex_lock(&r->mu);
		s->state = S_DONE;
		if (rc && !r->err)
			r->err = rc;
		pthread_cond_broadcast(&r->done);
	}
	pthread_mutex_unlock(&r->mu);
	return NULL;
}

static void maybe_progress(struct run *r)
{
	if (!r->o->progress)
		return;
	double t = now_s();
	if (t - r->last_progress < 0.2)
		return;
	r->last_progress = t;
	r->o->progress(r->o->ctx, r->progress_done, r->total, t - r->t0);
}

/* Retires every finished chunk at the head of the ring. Lock held. */
static void retire_ready(struct run *r)
{
	while (r->retired < r->taken) {
		struct slot *s = &r->slots[r->retired % r->nslots];
		if (s->state != S_DONE)
			break;
		bool failed = r->err != 0; /* read under the lock workers set it under */
		pthread_mutex_unlock(&r->mu);
		if (s->c.input != r->cur_input) {
			r->cur_input = s->c.input;
			r->line_cursor = 1;
			r->released = 0;
		}
		s->c.first_line = r->line_cursor;
		r->line_cursor += s->c.nlines;
		r->st->lines += s->c.nlines;
		r->st->bytes += s->c.n;
		int rc = 0;
		if (r->o->retire && !failed)
			rc = r->o->retire(r->o->ctx, &s->c);
		if (s->map_base) {
			size_t upto = s->map_end / r->page * r->page;
			if (upto > r->released) {
				madvise((void *)(s->map_base + r->released), upto - r->released,
					MADV_DONTNEED);
				r->released = upto;
			}
		}
		free(s->owned);
		s->owned = NULL;
		r->progress_done = s->raw_end;
		pthread_mutex_lock(&r->mu);
		if (rc && !r->err)
			r->err = rc;
		s->state = S_FREE;
		r->retired++;
	}
}

/* With r->mu held: waits up to 100 ms for a retired chunk, reporting
 * progress (without the lock) on the way. */
static void wait_a_little(struct run *r)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += 100 * 1000 * 1000;
	if (ts.tv_nsec >= 1000000000) {
		ts.tv_sec++;
		ts.tv_nsec -= 1000000000;
	}
	pthread_cond_timedwait(&r->done, &r->mu, &ts);
	pthread_mutex_unlock(&r->mu);
	maybe_progress(r);
	pthread_mutex_lock(&r->mu);
}

/* Hands a chunk to the workers, waiting for a free slot. */
static int produce(struct run *r, const struct ag_ev_chunk *c, char *owned,
		   const char *map_base, size_t map_end, uint64_t raw_end)
{
	pthread_mutex_lock(&r->mu);
	for (;;) {
		retire_ready(r);
		if (r->err || r->produced - r->retired < r->nslots)
			break;
		wait_a_little(r);
	}
	int err = r->err;
	if (!err) {
		struct slot *s = &r->slots[r->produced % r->nslots];
		s->c = *c;
		s->c.seq = r->produced;
		s->owned = owned;
		s->state = S_QUEUED;
		s->map_base = map_base;
		s->map_end = map_end;
		s->raw_end = raw_end;
		r->produced++;
		pthread_cond_signal(&r->work);
	}
	pthread_mutex_unlock(&r->mu);
	if (err)
		free(owned);
	maybe_progress(r);
	return err;
}

/* Waits until every produced chunk is retired. */
static void drain(struct run *r)
{
	pthread_mutex_lock(&r->mu);
	for (;;) {
		retire_ready(r);
		if (r->retired == r->produced || (r->err && r->retired == r->taken))
			break;
		wait_a_little(r);
	}
	pthread_mutex_unlock(&r->mu);
}

static int run_mapped(struct run *r, size_t input, int fd, size_t size, uint64_t base)
{
	char *m = mmap(NULL, size, PROT_READ, MAP_SHARED, fd, 0);
	if (m == MAP_FAILED)
		return AG_EIO;
	madvise(m, size, MADV_SEQUENTIAL);
	size_t chunk = r->o->chunk_bytes ? r->o->chunk_bytes : MAP_CHUNK;
	size_t off = 0;
	if (size >= 3 && !memcmp(m, "\xef\xbb\xbf", 3))
		off = 3;
	int rc = 0;
	if (ag_ev_is_doc(m + off, m + size)) {
		/* values span lines: one chunk, read by one worker */
		struct ag_ev_chunk c = {m + off, size - off, input, 0, 0, 0, true, true};
		rc = produce(r, &c, NULL, m, size, base + size);
		off = size;
	}
	while (off < size && !rc) {
		size_t stop = off + chunk < size ? off + chunk : size;
		if (stop < size) {
			const char *nl = memchr(m + stop, '\n', size - stop);
			stop = nl ? (size_t)(nl - m) + 1 : size;
		}
		struct ag_ev_chunk c = {m + off, stop - off, input, 0, 0, 0, false, true};
		rc = produce(r, &c, NULL, m, stop, base + stop);
		off = stop;
	}
	drain(r);
	munmap(m, size);
	return rc;
}

/* Reads the rest of an input into *buf (n bytes so far, cap allocated). */
static int read_rest(struct reader *rd, char **buf, size_t *n, size_t cap, const char *path,
		     struct ag_diags *d)
{
	for (;;) {
		if (*n == cap) {
			char *nb = cap < ((size_t)1 << 34) ? realloc(*buf, cap * 2) : NULL;
			if (!nb)
				return AG_ENOMEM;
			*buf = nb;
			cap *= 2;
		}
		ssize_t k = reader_read(rd, *buf + *n, cap - *n);
		if (k < 0) {
			ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot read: %s", rd->err);
			return AG_EIO;
		}
		if (k == 0)
			return 0;
		*n += (size_t)k;
	}
}

static int run_stream(struct run *r, size_t input, const char *path, int fd, uint64_t base,
		      struct ag_diags *d)
{
	struct reader *rd = calloc(1, sizeof(*rd));
	if (!rd)
		return AG_ENOMEM;
	rd->fd = fd;
	int rc = 0;
	if (reader_start(rd)) {
		ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot read: %s", rd->err);
		reader_release(rd);
		free(rd);
		return AG_EIO;
	}
	size_t chunk = r->o->chunk_bytes ? r->o->chunk_bytes : READ_CHUNK;
	char *carry = NULL;
	size_t ncarry = 0;
	bool first = true;
	for (;;) {
		size_t cap = chunk > ncarry * 2 ? chunk : ncarry * 2;
		if (cap > MAX_LINE_BUF) {
			ag_diags_add(d, AG_SEV_ERROR, path, 0, 0,
				     "a line longer than 1 GiB; is this an event log?");
			rc = AG_ELIMIT;
			break;
		}
		char *buf = malloc(cap);
		if (!buf) {
			rc = AG_ENOMEM;
			break;
		}
		if (ncarry)
			memcpy(buf, carry, ncarry);
		free(carry);
		carry = NULL;
		ssize_t k = reader_read(rd, buf + ncarry, cap - ncarry);
		if (k < 0) {
			ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot read: %s", rd->err);
			free(buf);
			rc = AG_EIO;
			break;
		}
		size_t n = ncarry + (size_t)k;
		if (n == 0) {
			free(buf);
			break;
		}
		size_t off = 0;
		if (first && n >= 3 && !memcmp(buf, "\xef\xbb\xbf", 3))
			off = 3;
		if (first && k != 0 && ag_ev_is_doc(buf + off, buf + n)) {
			/* a document: all of it in memory, one chunk */
			free(carry);
			carry = NULL;
			ncarry = 0;
			rc = read_rest(rd, &buf, &n, cap, path, d);
			if (!rc) {
				struct ag_ev_chunk c = {buf + off, n - off, input, 0, 0, 0, true, false};
				rc = produce(r, &c, buf, NULL, 0, base + rd->raw);
			} else {
				free(buf);
			}
			break;
		}
		first = false;
		size_t cut = n;
		if (k != 0) {
			const char *nl = NULL;
			for (size_t i = n; i > off; i--)
				if (buf[i - 1] == '\n') {
					nl = buf + i - 1;
					break;
				}
			cut = nl ? (size_t)(nl - buf) + 1 : off;
		}
		ncarry = n - cut;
		if (ncarry) {
			carry = malloc(ncarry);
			if (!carry) {
				free(buf);
				rc = AG_ENOMEM;
				break;
			}
			memcpy(carry, buf + cut, ncarry);
		}
		if (cut > off) {
			struct ag_ev_chunk c = {buf + off, cut - off, input, 0, 0, 0, false, false};
			if ((rc = produce(r, &c, buf, NULL, 0, base + rd->raw)))
				break;
		} else {
			free(buf);
		}
		if (k == 0) /* the rest, a last line without a newline included, is out */
			break;
	}
	free(carry);
	drain(r);
	reader_release(rd);
	free(rd);
	return rc;
}

int ag_ev_run(const char *const *paths, size_t npaths, const struct ag_ev_run_opts *o,
	      struct ag_ev_run_stats *st, struct ag_diags *d)
{
	memset(st, 0, sizeof(*st));
	struct run r;
	memset(&r, 0, sizeof(r));
	unsigned nt = ag_ev_threads(o->threads);
	r.o = o;
	r.st = st;
	r.nslots = 2 * (uint64_t)nt + 2;
	r.slots = calloc(r.nslots, sizeof(*r.slots));
	r.page = (size_t)sysconf(_SC_PAGESIZE);
	r.t0 = r.last_progress = now_s();
	r.cur_input = (size_t)-1;
	if (!r.slots)
		return AG_ENOMEM;
	for (size_t i = 0; i < npaths; i++) {
		struct stat sb;
		if (!strcmp(paths[i], "-") || stat(paths[i], &sb) || !S_ISREG(sb.st_mode)) {
			r.total = 0;
			break;
		}
		r.total += (uint64_t)sb.st_size;
	}
	pthread_mutex_init(&r.mu, NULL);
	pthread_cond_init(&r.work, NULL);
	pthread_cond_init(&r.done, NULL);
	pthread_t *tids = calloc(nt, sizeof(*tids));
	struct worker_arg *args = calloc(nt, sizeof(*args));
	unsigned started = 0;
	int rc = 0;
	if (!tids || !args)
		rc = AG_ENOMEM;
	for (unsigned t = 0; !rc && t < nt; t++) {
		args[t] = (struct worker_arg){&r, o->workers[t]};
		if (pthread_create(&tids[t], NULL, worker_main, &args[t]))
			rc = t ? 0 : AG_ENOMEM; /* fewer threads is fine */
		else
			started++;
	}
	uint64_t base = 0;
	int io_err = 0;
	for (size_t i = 0; !rc && i < npaths; i++) {
		int fd;
		struct stat sb;
		if (open_input(paths[i], &fd, &sb, d)) {
			io_err = AG_EIO;
			continue;
		}
		if (plain_file(fd, &sb)) {
			rc = run_mapped(&r, i, fd, (size_t)sb.st_size, base);
			if (rc == AG_EIO) {
				ag_diags_add(d, AG_SEV_ERROR, paths[i], 0, 0, "cannot map: %s",
					     strerror(errno));
				io_err = rc;
				rc = 0;
			}
		} else {
			rc = run_stream(&r, i, paths[i], fd, base, d);
			if (rc == AG_EIO) {
				io_err = rc;
				rc = 0;
			}
		}
		if (S_ISREG(sb.st_mode))
			base += (uint64_t)sb.st_size;
		if (fd != STDIN_FILENO)
			close(fd);
	}
	pthread_mutex_lock(&r.mu);
	r.closed = true;
	if (rc && !r.err)
		r.err = rc;
	pthread_cond_broadcast(&r.work);
	pthread_mutex_unlock(&r.mu);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	if (!rc)
		rc = r.err;
	st->seconds = now_s() - r.t0;
	st->raw_bytes = r.progress_done;
	if (o->progress)
		o->progress(o->ctx, r.progress_done, r.total, st->seconds);
	for (uint64_t i = 0; i < r.nslots; i++)
		free(r.slots[i].owned);
	free(r.slots);
	free(tids);
	free(args);
	pthread_mutex_destroy(&r.mu);
	pthread_cond_destroy(&r.work);
	pthread_cond_destroy(&r.done);
	return rc ? rc : io_err;
}

int ag_ev_map_open(struct ag_ev_map *m, const char *path, struct ag_diags *d)
{
	memset(m, 0, sizeof(*m));
	int fd;
	struct stat sb;
	if (open_input(path, &fd, &sb, d))
		return AG_EIO;
	int rc = 0;
	if (plain_file(fd, &sb)) {
		void *p = mmap(NULL, (size_t)sb.st_size, PROT_READ, MAP_SHARED, fd, 0);
		if (p == MAP_FAILED) {
			ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot map: %s", strerror(errno));
			rc = AG_EIO;
		} else {
			m->mapping = p;
			m->maplen = (size_t)sb.st_size;
			m->data = p;
			m->len = m->maplen;
		}
	} else {
		struct reader *rd = calloc(1, sizeof(*rd));
		size_t cap = 1 << 20, n = 0;
		char *buf = malloc(cap);
		if (!rd || !buf) {
			rc = AG_ENOMEM;
		} else {
			rd->fd = fd;
			if (reader_start(rd)) {
				ag_diags_add(d, AG_SEV_ERROR, path, 0, 0, "cannot read: %s", rd->err);
				rc = AG_EIO;
			} else {
				rc = read_rest(rd, &buf, &n, cap, path, d);
			}
		}
		if (rd)
			reader_release(rd);
		free(rd);
		if (rc) {
			free(buf);
		} else {
			m->heap = buf;
			m->data = buf;
			m->len = n;
		}
	}
	if (!rc && m->len >= 3 && !memcmp(m->data, "\xef\xbb\xbf", 3)) {
		m->data += 3;
		m->len -= 3;
	}
	if (fd != STDIN_FILENO)
		close(fd);
	return rc;
}

void ag_ev_map_release(struct ag_ev_map *m)
{
	if (m->mapping)
		munmap(m->mapping, m->maplen);
	free(m->heap);
	memset(m, 0, sizeof(*m));
}
