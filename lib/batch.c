/*
 * Streaming batch scoring (include/assoc/batch.h): JSON Lines in, one
 * report (JSONL) or one row per organisation-year (CSV) out, in input order.
 * SPDX-License-Identifier: MIT
 *
 * The input is cut into blocks of about 64 records (at most 1 MiB of
 * input). A fixed ring of blocks is reused for the whole run: block s is
 * ring[s % n], and it is refilled only after its previous contents were
 * written, so memory is bounded by the ring, whatever the input size, and
 * the input and output buffers keep their capacity from one use to the
 * next. With worker threads, the calling thread reads blocks and queues
 * them; workers load, validate, score and format a whole block each; the
 * calling thread writes finished blocks strictly in sequence, which keeps
 * the output in input order. Without threads the same blocks are
 * processed in the calling thread.
 *
 * Lines are cut here rather than through assoc_jsonl_next(), because the
 * workers need the raw bytes of each line (the reader gives loaded
 * organisations, which would leave all the parsing in the reading
 * thread). The line rules are the reader's: blank lines skipped, CRLF
 * accepted, a line longer than max_document_bytes refused (ASSOC_ELIMIT)
 * without being kept, errors located by the line of the whole input.
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "batch_internal.h"
#include "error.h"
#include "json_internal.h"

#define BLOCK_RECORDS 64
#define BLOCK_BYTES (1u << 20)
#define READ_CHUNK 65536

/* ---- input ------------------------------------------------------------------- */

enum src_kind { SRC_MEMORY, SRC_FILE, SRC_CALLBACK };

typedef struct source {
	enum src_kind kind;
	const char *mem;
	size_t mem_len, mem_pos;
	FILE *fp;
	assoc_read_cb read;
	void *payload;
	char *chunk; /* FILE / callback: READ_CHUNK bytes */
	size_t chunk_len, chunk_pos;
	size_t lineno;
	uint64_t bytes;
	int eof;
} source;

/* One input record: where its bytes are in the block, and its line. */
typedef struct rec {
	size_t off, len, line;
	int too_long;
} rec;

/* A fatal error, copied so that it can cross threads without allocating. */
typedef struct fatal {
	int code;
	char message[512];
	char path[256];
} fatal;

typedef struct block {
	const char *base; /* the caller's memory, or `data` */
	char *data;
	size_t data_len, data_cap;
	rec *recs;
	size_t n, cap;
	assoc__buf out;
	size_t ok, failed, rows;
	fatal err;        /* err.code < 0: the block failed as a whole */
	int done;         /* under the batch mutex */
	struct block *next_queued;
} block;

typedef struct batch {
	/* configuration, read-only while workers run */
	int format;
	unsigned int flags;
	int year;
	const assoc_profile *profile;
	assoc_score_options sopts;
	assoc__limits lim;
	assoc__batch_cols cols;
	source src;
	assoc_write_cb write;
	void *write_payload;
	/* blocks */
	block *ring;
	size_t nring;
	/* workers */
	pthread_mutex_t mu;
	pthread_cond_t work, done;
	block *queue_head, *queue_tail;
	int stop;
	/* results */
	assoc_batch_stats st;
	fatal err;
} batch;

static void fatal_save(fatal *f)
{
	const assoc_error *e = assoc_error_last();
	f->code = e->code < 0 ? e->code : ASSOC_ERROR;
	snprintf(f->message, sizeof f->message, "%s", e->message);
	snprintf(f->path, sizeof f->path, "%s", e->path);
}

static int fatal_raise(const fatal *f)
{
	return assoc__error_set(f->code, *f->path ? f->path : NULL, "%s", f->message);
}

/* Refill the read chunk: 1 bytes, 0 end of input, <0 error. */
static int src_fill(source *s)
{
	long n;
	if (s->kind == SRC_FILE) {
		size_t got = fread(s->chunk, 1, READ_CHUNK, s->fp);
		if (got == 0 && ferror(s->fp))
			return assoc__error_set(ASSOC_EIO, NULL, "read error after line %zu of the JSON Lines input",
						s->lineno);
		n = (long)got;
	} else {
		n = s->read(s->chunk, READ_CHUNK, s->payload);
		if (n < 0 || n > READ_CHUNK)
			return assoc__error_set(ASSOC_EIO, NULL,
						"the read callback failed (returned %ld) after line %zu", n, s->lineno);
	}
	s->chunk_len = (size_t)n;
	s->chunk_pos = 0;
	return n > 0;
}

static int block_put(block *b, const char *s, size_t n)
{
	if (b->data_len + n > b->data_cap) {
		size_t cap = b->data_cap ? b->data_cap : 65536;
		char *p;
		while (cap < b->data_len + n)
			cap *= 2;
		if (!(p = assoc__realloc(b->data, cap)))
			return assoc__error_oom();
		b->data = p;
		b->data_cap = cap;
	}
	memcpy(b->data + b->data_len, s, n);
	b->data_len += n;
	return 0;
}

/* The next line of a FILE or callback, copied to the end of b->data.
 * 1: a line (r->off/len), 0: end of input, <0: error. */
static int next_line_copied(source *s, block *b, rec *r, size_t max)
{
	int any = 0, rc;
	r->off = b->data_len;
	r->len = 0;
	r->too_long = 0;
	for (;;) {
		const char *start, *nl;
		size_t avail, take;
		if (s->chunk_pos == s->chunk_len) {
			if ((rc = src_fill(s)) < 0)
				return rc;
			if (rc == 0)
				break;
		}
		any = 1;
		start = s->chunk + s->chunk_pos;
		avail = s->chunk_len - s->chunk_pos;
		nl = memchr(start, '\n', avail);
		take = nl ? (size_t)(nl - start) : avail;
		s->chunk_pos += take + (nl ? 1 : 0);
		s->bytes += take + (nl ? 1 : 0);
		if (!r->too_long && r->len + take > max) {
			r->too_long = 1; /* drop what was kept: the line is refused */
			b->data_len = r->off;
		}
		if (!r->too_long) {
			if ((rc = block_put(b, start, take)) < 0)
				return rc;
			r->len += take;
		}
		if (nl)
			break;
	}
	return any;
}

static int next_line_memory(source *s, rec *r, size_t max)
{
	const char *start = s->mem + s->mem_pos, *nl;
	size_t rest = s->mem_len - s->mem_pos;
	if (rest == 0)
		return 0;
	nl = memchr(start, '\n', rest);
	r->off = s->mem_pos;
	r->len = nl ? (size_t)(nl - start) : rest;
	r->too_long = r->len > max;
	s->mem_pos += r->len + (nl ? 1 : 0);
	s->bytes += r->len + (nl ? 1 : 0);
	return 1;
}

static int blank(const char *s, size_t n)
{
	size_t i;
	for (i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

static void block_reset(block *b)
{
	b->n = 0;
	b->data_len = 0;
	b->out.len = 0;
	if (b->out.data)
		b->out.data[0] = '\0';
	b->ok = b->failed = b->rows = 0;
	b->err.code = 0;
	b->done = 0;
	b->next_queued = NULL;
}

/* Read up to a block of records. 0 (b->n may be 0 at the end), or <0 (the
 * error is recorded in this thread; the records read before it are kept). */
static int block_fill(batch *bt, block *b)
{
	source *s = &bt->src;
	size_t bytes = 0;
	int rc = 0;
	block_reset(b);
	b->base = s->kind == SRC_MEMORY ? s->mem : NULL;
	while (!s->eof && b->n < BLOCK_RECORDS && bytes < BLOCK_BYTES) {
		rec r;
		size_t mark = b->data_len;
		const char *base;
		if (b->n == b->cap) {
			size_t cap = b->cap ? b->cap * 2 : BLOCK_RECORDS;
			rec *p = assoc__realloc(b->recs, cap * sizeof *p);
			if (!p) {
				rc = assoc__error_oom();
				break;
			}
			b->recs = p;
			b->cap = cap;
		}
		rc = s->kind == SRC_MEMORY ? next_line_memory(s, &r, bt->lim.max_document_bytes)
					   : next_line_copied(s, b, &r, bt->lim.max_document_bytes);
		if (rc <= 0) {
			s->eof = 1;
			break;
		}
		r.line = ++s->lineno;
		base = s->kind == SRC_MEMORY ? s->mem : b->data;
		if (!r.too_long && r.len > 0 && base[r.off + r.len - 1] == '\r')
			r.len--; /* CRLF files */
		if (!r.too_long && blank(base + r.off, r.len)) {
			b->data_len = mark;
			continue;
		}
		bytes += r.len;
		b->recs[b->n++] = r;
	}
	/* Only now: b->data may have moved while the block was filled. */
	if (s->kind != SRC_MEMORY)
		b->base = b->data;
	return rc < 0 ? rc : 0;
}

/* ---- one record ----------------------------------------------------------------- */

static void record_error(const batch *bt, block *b, size_t line)
{
	assoc__batch_error_record(&b->out, bt->format == ASSOC_BATCH_CSV, bt->cols.n, line, assoc_error_last());
	b->failed++;
	b->rows++;
}

static size_t write_report(const batch *bt, assoc__batch_scratch *scratch, block *b, const assoc_org *org,
			   const assoc_report *rep, size_t line)
{
	if (bt->format == ASSOC_BATCH_CSV)
		return assoc__batch_csv_rows(&b->out, scratch, &bt->cols, org, rep, bt->year, line);
	if (bt->flags & ASSOC_BATCH_EXPLAIN) {
		int rc = assoc__batch_jsonl_explain(&b->out, rep, line);
		if (rc < 0)
			b->out.oom = 1;
		return rc < 0 ? 0 : 1;
	}
	return assoc__batch_jsonl_values(&b->out, org, bt->profile, rep, line);
}

/* Load, score and write one record. <0 only for a failure of the whole
 * batch (out of memory); a bad record becomes an error record. */
static int process_record(const batch *bt, assoc__batch_scratch *scratch, block *b, const rec *r)
{
	assoc__limits lim = bt->lim;
	assoc_org *org = NULL;
	assoc_report *rep = NULL;
	int rc;
	if (r->too_long) {
		assoc__error_set(ASSOC_ELIMIT, NULL, "line %zu is longer than the limit of %zu bytes", r->line,
				 bt->lim.max_document_bytes);
		assoc__error_set_line((int)r->line);
		record_error(bt, b, r->line);
		return 0;
	}
	/* Syntax errors then name the line in the whole input. */
	lim.line_base = (int)r->line - 1;
	rc = assoc__org_from_json_limits(&org, b->base + r->off, r->len, &lim);
	if (rc == 0)
		rc = assoc_report_new(&rep, org, bt->profile, &bt->sopts);
	if (rc == ASSOC_ENOMEM) {
		assoc_org_free(org);
		return rc;
	}
	if (rc < 0) {
		assoc__error_set_line((int)r->line);
		record_error(bt, b, r->line);
	} else {
		b->rows += write_report(bt, scratch, b, org, rep, r->line);
		b->ok++;
	}
	assoc_report_free(rep);
	assoc_org_free(org);
	return b->out.oom ? assoc__error_oom() : 0;
}

static void block_process(const batch *bt, assoc__batch_scratch *scratch, block *b)
{
	size_t i;
	for (i = 0; i < b->n; i++) {
		if (process_record(bt, scratch, b, &b->recs[i]) < 0) {
			fatal_save(&b->err);
			return;
		}
	}
}

/* ---- output ------------------------------------------------------------------------ */

static int emit(batch *bt, const char *data, size_t len)
{
	int rc;
	if (len == 0)
		return 0;
	if ((rc = bt->write(data, len, bt->write_payload)) < 0)
		return assoc__error_set(ASSOC_EIO, NULL, "the output could not be written (the writer returned %d)",
					rc);
	bt->st.bytes_out += len;
	return 0;
}

/* Write a finished block and add its counts. */
static int block_flush(batch *bt, block *b)
{
	bt->st.records += b->n;
	bt->st.ok += b->ok;
	bt->st.failed += b->failed;
	bt->st.rows += b->rows;
	if (b->err.code < 0)
		return fatal_raise(&b->err);
	return emit(bt, b->out.data, b->out.len);
}

/* ---- running in the calling thread ----------------------------------------------------- */

static int run_inline(batch *bt)
{
	assoc__batch_scratch scratch;
	block *b = &bt->ring[0];
	int rc = 0, read_rc;
	memset(&scratch, 0, sizeof scratch);
	for (;;) {
		read_rc = block_fill(bt, b);
		if (read_rc < 0)
			fatal_save(&bt->err); /* records read before it are still scored */
		if (b->n == 0)
			break;
		block_process(bt, &scratch, b);
		if ((rc = block_flush(bt, b)) < 0 || read_rc < 0)
			break;
	}
	assoc__batch_scratch_dispose(&scratch);
	if (rc == 0 && bt->err.code < 0)
		rc = fatal_raise(&bt->err);
	return rc;
}

/* ---- running with workers ----------------------------------------------------------------- */

static void *worker_main(void *arg)
{
	batch *bt = arg;
	assoc__batch_scratch scratch;
	memset(&scratch, 0, sizeof scratch);
	for (;;) {
		block *b;
		pthread_mutex_lock(&bt->mu);
		while (!bt->queue_head && !bt->stop)
			pthread_cond_wait(&bt->work, &bt->mu);
		if (!bt->queue_head) {
			pthread_mutex_unlock(&bt->mu);
			break;
		}
		b = bt->queue_head;
		bt->queue_head = b->next_queued;
		if (!bt->queue_head)
			bt->queue_tail = NULL;
		pthread_mutex_unlock(&bt->mu);
		block_process(bt, &scratch, b);
		pthread_mutex_lock(&bt->mu);
		b->done = 1;
		pthread_cond_broadcast(&bt->done);
		pthread_mutex_unlock(&bt->mu);
	}
	assoc__batch_scratch_dispose(&scratch);
	return NULL;
}

static void enqueue(batch *bt, block *b)
{
	pthread_mutex_lock(&bt->mu);
	if (bt->queue_tail)
		bt->queue_tail->next_queued = b;
	else
		bt->queue_head = b;
	bt->queue_tail = b;
	pthread_cond_signal(&bt->work);
	pthread_mutex_unlock(&bt->mu);
}

/* Is block b finished? With `wait`, sleep until it is. */
static int block_done(batch *bt, block *b, int wait)
{
	int done;
	pthread_mutex_lock(&bt->mu);
	while (wait && !b->done)
		pthread_cond_wait(&bt->done, &bt->mu);
	done = b->done;
	pthread_mutex_unlock(&bt->mu);
	return done;
}

/* Stop the workers: blocks still queued are dropped (after a failure). */
static void stop_workers(batch *bt, pthread_t *tids, size_t n, int drop)
{
	size_t i;
	pthread_mutex_lock(&bt->mu);
	bt->stop = 1;
	if (drop)
		bt->queue_head = bt->queue_tail = NULL;
	pthread_cond_broadcast(&bt->work);
	pthread_mutex_unlock(&bt->mu);
	for (i = 0; i < n; i++)
		pthread_join(tids[i], NULL);
}

static int run_threads(batch *bt, pthread_t *tids, size_t nworkers)
{
	size_t filled = 0, written = 0;
	int rc = 0, reading = 1;
	while (rc == 0) {
		/* Keep the ring full while there is input. */
		while (reading && filled - written < bt->nring) {
			block *b = &bt->ring[filled % bt->nring];
			if (block_fill(bt, b) < 0) {
				fatal_save(&bt->err);
				reading = 0;
			} else if (bt->src.eof) {
				reading = 0;
			}
			if (b->n == 0)
				break;
			enqueue(bt, b);
			filled++;
			/* Write what is already finished without waiting. */
			while (written < filled && block_done(bt, &bt->ring[written % bt->nring], 0))
				if ((rc = block_flush(bt, &bt->ring[written++ % bt->nring])) < 0)
					break;
			if (rc < 0)
				break;
		}
		if (rc < 0 || written == filled)
			break;
		block_done(bt, &bt->ring[written % bt->nring], 1);
		rc = block_flush(bt, &bt->ring[written++ % bt->nring]);
	}
	stop_workers(bt, tids, nworkers, rc < 0);
	if (rc == 0 && bt->err.code < 0)
		rc = fatal_raise(&bt->err);
	return rc;
}

static int run(batch *bt, unsigned int threads)
{
	pthread_t tids[ASSOC_BATCH_MAX_THREADS];
	size_t n = 0;
	int rc;
	bt->nring = threads ? 2 * (size_t)threads + 2 : 1;
	if (!(bt->ring = assoc__calloc(bt->nring, sizeof *bt->ring)))
		return assoc__error_oom();
	if (threads) {
		pthread_mutex_init(&bt->mu, NULL);
		pthread_cond_init(&bt->work, NULL);
		pthread_cond_init(&bt->done, NULL);
		for (n = 0; n < threads; n++)
			if (pthread_create(&tids[n], NULL, worker_main, bt) != 0)
				break;
	}
	/* No thread could be started: do the work here rather than fail. */
	rc = n ? run_threads(bt, tids, n) : run_inline(bt);
	if (threads) {
		pthread_cond_destroy(&bt->done);
		pthread_cond_destroy(&bt->work);
		pthread_mutex_destroy(&bt->mu);
	}
	return rc;
}

/* ---- options and entry points ------------------------------------------------------------- */

int assoc_batch_options_init(assoc_batch_options *opts, unsigned int version)
{
	if (!opts)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_batch_options_init: NULL options");
	if (version == 0 || version > ASSOC_BATCH_OPTIONS_VERSION)
		return assoc__error_set(ASSOC_EVERSION, NULL,
					"batch options version %u is not supported (this library knows 1 to %d)",
					version, ASSOC_BATCH_OPTIONS_VERSION);
	memset(opts, 0, sizeof *opts);
	opts->version = version;
	opts->format = ASSOC_BATCH_JSONL;
	return 0;
}

/* Read the caller's options, never past its version. */
static int configure(batch *bt, unsigned int *threads, const assoc_batch_options *opts)
{
	assoc_batch_options o = ASSOC_BATCH_OPTIONS_INIT;
	int rc;
	if (opts) {
		if (opts->version == 0 || opts->version > ASSOC_BATCH_OPTIONS_VERSION)
			return assoc__error_set(ASSOC_EVERSION, NULL,
						"batch options version %u is not supported (this library knows 1 to %d)",
						opts->version, ASSOC_BATCH_OPTIONS_VERSION);
		/* Version 1 fields; later ones go below behind `if (opts->version >= N)`. */
		o.threads = opts->threads;
		o.format = opts->format;
		o.flags = opts->flags;
		o.year = opts->year;
		o.profile = opts->profile;
		o.load = opts->load;
	}
	if (o.threads > ASSOC_BATCH_MAX_THREADS)
		return assoc__error_set(ASSOC_EINVAL, NULL, "%u worker threads asked for; the most is %u", o.threads,
					ASSOC_BATCH_MAX_THREADS);
	if (o.format != ASSOC_BATCH_JSONL && o.format != ASSOC_BATCH_CSV)
		return assoc__error_set(ASSOC_EINVAL, NULL, "unknown batch output format %d (0 JSONL, 1 CSV)", o.format);
	if (o.flags & ~(unsigned)(ASSOC_BATCH_EXPLAIN | ASSOC_BATCH_NO_HEADER))
		return assoc__error_set(ASSOC_EINVAL, NULL, "unknown batch flags 0x%x", o.flags);
	if (o.year < 0)
		return assoc__error_set(ASSOC_EVALUE, NULL, "the year %d is not a fiscal year", o.year);
	if ((rc = assoc__limits_resolve(&bt->lim, o.load)) < 0)
		return rc;
	if (!(bt->profile = o.profile ? o.profile : assoc_profile_default()))
		return assoc__error_oom();
	bt->format = o.format;
	bt->flags = o.flags;
	bt->year = o.year;
	bt->sopts.version = ASSOC_SCORE_OPTIONS_VERSION;
	bt->sopts.year = o.year;
	bt->sopts.flags = (o.flags & ASSOC_BATCH_EXPLAIN) && o.format == ASSOC_BATCH_JSONL ? 0 : ASSOC_SCORE_VALUES_ONLY;
	*threads = o.threads;
	return bt->format == ASSOC_BATCH_CSV ? assoc__batch_cols_init(&bt->cols) : 0;
}

static void stats_out(assoc_batch_stats *out, const assoc_batch_stats *st)
{
	if (!out || out->version < 1)
		return;
	/* Version 1 fields. */
	out->records = st->records;
	out->ok = st->ok;
	out->failed = st->failed;
	out->rows = st->rows;
	out->bytes_in = st->bytes_in;
	out->bytes_out = st->bytes_out;
}

static void dispose(batch *bt)
{
	size_t i;
	for (i = 0; bt->ring && i < bt->nring; i++) {
		assoc__free(bt->ring[i].data);
		assoc__free(bt->ring[i].recs);
		assoc__buf_dispose(&bt->ring[i].out);
	}
	assoc__free(bt->ring);
	assoc__free(bt->src.chunk);
	assoc__batch_cols_dispose(&bt->cols);
}

static int run_source(assoc_batch_stats *stats, batch *bt, const assoc_batch_options *opts)
{
	unsigned int threads = 0;
	int rc;
	if (stats && stats->version == 0) {
		dispose(bt);
		return assoc__error_set(ASSOC_EVERSION, NULL, "batch stats version 0: initialise with ASSOC_BATCH_STATS_INIT");
	}
	rc = configure(bt, &threads, opts);
	if (rc == 0 && bt->src.kind != SRC_MEMORY && !(bt->src.chunk = assoc__malloc(READ_CHUNK)))
		rc = assoc__error_oom();
	if (rc == 0 && bt->format == ASSOC_BATCH_CSV && !(bt->flags & ASSOC_BATCH_NO_HEADER)) {
		assoc__buf h = ASSOC__BUF_INIT;
		assoc__batch_csv_header(&h, &bt->cols);
		rc = h.oom ? assoc__error_oom() : emit(bt, h.data, h.len);
		bt->st.rows += rc == 0;
		assoc__buf_dispose(&h);
	}
	if (rc == 0)
		rc = run(bt, threads);
	bt->st.bytes_in = bt->src.bytes;
	stats_out(stats, &bt->st);
	dispose(bt);
	return rc;
}

int assoc_batch_run(assoc_batch_stats *stats, assoc_read_cb read, void *read_payload, assoc_write_cb write,
		    void *write_payload, const assoc_batch_options *opts)
{
	batch bt;
	if (!read || !write)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_batch_run: the read or write callback is NULL");
	memset(&bt, 0, sizeof bt);
	bt.src.kind = SRC_CALLBACK;
	bt.src.read = read;
	bt.src.payload = read_payload;
	bt.write = write;
	bt.write_payload = write_payload;
	return run_source(stats, &bt, opts);
}

int assoc_batch_run_memory(assoc_batch_stats *stats, const char *data, size_t len, assoc_write_cb write,
			   void *payload, const assoc_batch_options *opts)
{
	batch bt;
	if ((!data && len) || !write)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_batch_run_memory: the data or the writer is NULL");
	memset(&bt, 0, sizeof bt);
	bt.src.kind = SRC_MEMORY;
	bt.src.mem = data ? data : "";
	bt.src.mem_len = len;
	bt.write = write;
	bt.write_payload = payload;
	return run_source(stats, &bt, opts);
}

static int write_file(const char *data, size_t len, void *payload)
{
	return fwrite(data, 1, len, (FILE *)payload) == len ? 0 : -1;
}

int assoc_batch_run_file(assoc_batch_stats *stats, FILE *in, FILE *out, const assoc_batch_options *opts)
{
	batch bt;
	if (!in || !out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_batch_run_file: a FILE is NULL");
	memset(&bt, 0, sizeof bt);
	bt.src.kind = SRC_FILE;
	bt.src.fp = in;
	bt.write = write_file;
	bt.write_payload = out;
	return run_source(stats, &bt, opts);
}

static int write_buf(const char *data, size_t len, void *payload)
{
	assoc__buf *b = payload;
	assoc__buf_put(b, data, len);
	return b->oom ? -1 : 0;
}

int assoc_batch_memory_to_string(char **out, size_t *out_len, assoc_batch_stats *stats, const char *data,
				 size_t len, const assoc_batch_options *opts)
{
	assoc__buf b = ASSOC__BUF_INIT;
	int rc;
	if (!out)
		return assoc__error_set(ASSOC_EINVAL, NULL, "assoc_batch_memory_to_string: out is NULL");
	*out = NULL;
	if (out_len)
		*out_len = 0;
	rc = assoc_batch_run_memory(stats, data, len, write_buf, &b, opts);
	if (rc == ASSOC_EIO && b.oom)
		rc = assoc__error_oom();
	if (rc == 0) {
		size_t n = b.len;
		assoc__buf_put(&b, "", 0);
		if ((rc = assoc__buf_detach(out, &b)) < 0)
			rc = assoc__error_oom();
		else if (out_len)
			*out_len = n;
	}
	assoc__buf_dispose(&b);
	return rc;
}
