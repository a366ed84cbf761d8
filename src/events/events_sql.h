/*
 * events_sql.h - SQL over event files: an SQLite virtual table `events`
 * whose columns are the fields found in the files (bought, not built: the
 * seed's "buy everything else"; ADR-013).
 *
 * Columns: the top-level fields of the events, in order of first
 * appearance in the first AG_EVSQL_SAMPLE_LINES lines of each file (OTLP
 * spans contribute their flat fields, events_otlp.h), at most
 * AG_EVSQL_MAX_COLUMNS of them; then _file, _line and _json (the whole
 * event as JSON, for json_extract() on anything else). Values keep their
 * JSON type: strings are TEXT, integers INTEGER, other numbers REAL,
 * booleans 1/0, null and absent fields NULL, objects and arrays their JSON
 * text. Invalid lines are skipped (they are what `events lint` is for).
 *
 * Files are mapped; standard input and compressed files are decompressed
 * into memory first. The scan is single-threaded: SQL is for the questions
 * the built-in commands do not answer, not for the hot path.
 */
#ifndef AG_EVENTS_SQL_H
#define AG_EVENTS_SQL_H

#include "base/buf.h"
#include "base/diag.h"

#define AG_EVSQL_SAMPLE_LINES 10000
#define AG_EVSQL_MAX_COLUMNS 56

enum ag_evsql_format { AG_EVSQL_TEXT, AG_EVSQL_JSON, AG_EVSQL_CSV };

/* The code (diag.h) of an error in the SQL text. */
#define AG_EVSQL_CODE "sql"

/* Runs one or more SQL statements and renders the last one's rows. SQL
 * errors are one diagnostic with code AG_EVSQL_CODE, no file, line 1 and
 * the column SQLite points at (AG_EINVAL). Returns AG_EIO (after a diagnostic) when a file
 * cannot be read. */
int ag_evsql_run(const char *const *paths, size_t npaths, const char *sql,
		 enum ag_evsql_format fmt, struct ag_buf *out, struct ag_diags *d);

#endif
