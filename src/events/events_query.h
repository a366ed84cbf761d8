/*
 * events_query.h - the events query language: filters, groups,
 * aggregates, top-N and time windows, compiled once and evaluated on every
 * event.
 *
 * Grammar (keywords are case-insensitive; clauses in any order):
 *
 *   query    := clause*
 *   clause   := "where" expr
 *             | "by" key ("," key)*              group by these fields
 *             | "every" DURATION                 group by time window
 *             | "compute" agg ("," agg)*         what each group reports
 *             | "top" INT ["by" agg] ["asc"]     the N largest groups by agg
 *             | "sort" agg ["asc" | "desc"]      order of the groups
 *             | "since" TIME | "until" TIME       time range [since, until)
 *             | "limit" INT                      at most N events (no groups)
 *   expr     := and ("or" and)*
 *   and      := not ("and" not)*
 *   not      := "not" not | "(" expr ")" | "exists" field | cmp
 *   cmp      := operand [op operand | ["not"] "in" "(" literal ("," literal)* ")"]
 *   op       := "=" | "==" | "!=" | "<" | "<=" | ">" | ">=" | "~" (contains,
 *               case-insensitive)
 *   operand  := field | "lower" "(" field ")" | literal
 *   key      := field | "lower" "(" field ")"
 *   agg      := "count" | "errors" | "error_rate"
 *             | ("sum" | "avg" | "min" | "max" | "p50" | "p90" | "p95" | "p99"
 *                | "p999" | "pNN") "(" field ")"
 *             | "percentile" "(" field "," NUMBER ")"
 *   field    := NAME ("." NAME)* | "`" any text "`"      (see events_scan.h)
 *   literal  := NUMBER | STRING ('...' or "...", JSON escapes) | true | false
 *             | null | DURATION (a number: milliseconds)
 *   DURATION := NUMBER ("ns" | "us" | "ms" | "s" | "m" | "h" | "d")
 *   TIME     := STRING in RFC 3339 ("2026-01-29T10:00:00Z") or a date
 *
 * Semantics: a comparison with an absent field is false, except "!=" which
 * is true (the event is not equal). A number compares with a number, or
 * with a string whose whole text is a number; a string with a string,
 * byte by byte. Without "by", "every" or "compute", a query selects events;
 * otherwise it aggregates, and "count" is reported when nothing else is.
 * "errors" counts the events that the error predicate (ag_evq_set_errors)
 * matches.
 *
 * Ownership: everything a query holds lives in its arena; field paths
 * borrow from it. ag_evq_release() frees it all.
 */
#ifndef AG_EVENTS_QUERY_H
#define AG_EVENTS_QUERY_H

#include "base/arena.h"
#include "base/diag.h"
#include "events_scan.h"

#define AG_EVQ_MAX_KEYS 8
#define AG_EVQ_MAX_AGGS 32
#define AG_EVQ_MAX_TIME 8

/* The error predicate `stats` and the "errors" aggregate use unless told
 * otherwise: the common loggers' level words and numbers, OpenTelemetry's
 * severity and status, HTTP 5xx, error flags and outcome words
 * (docs/events.md has the table, with the logger each row is for). It is
 * evaluated directly on the fields (ag_evq_is_error), never through the
 * generic evaluation; the text says the same in the query language. */
#define AG_EVQ_ERROR_WORDS                                                                \
	"(\"err\", \"error\", \"fatal\", \"panic\", \"crit\", \"critical\", \"emerg\", "    \
	"\"emergency\", \"alert\", \"severe\")"
#define AG_EVQ_FAIL_WORDS "(\"error\", \"failure\", \"failed\")"
#define AG_EVQ_HTTP5XX(f) "(" f " >= 500 and " f " < 600)"
#define AG_EVQ_DEFAULT_ERRORS                                                             \
	"lower(level) in " AG_EVQ_ERROR_WORDS " or lower(Level) in " AG_EVQ_ERROR_WORDS        \
	" or lower(lvl) in " AG_EVQ_ERROR_WORDS " or lower(severity) in " AG_EVQ_ERROR_WORDS   \
	" or lower(levelname) in " AG_EVQ_ERROR_WORDS " or lower(@l) in " AG_EVQ_ERROR_WORDS   \
	" or lower(log.level) in " AG_EVQ_ERROR_WORDS " or lower(Level.Name) in "             \
	AG_EVQ_ERROR_WORDS " or lower(severity_text) in " AG_EVQ_ERROR_WORDS                  \
	" or lower(severityText) in " AG_EVQ_ERROR_WORDS " or level >= 50"                    \
	" or severityNumber >= 17 or severity_number >= 17 or " AG_EVQ_HTTP5XX("status")     \
	" or " AG_EVQ_HTTP5XX("status_code") " or " AG_EVQ_HTTP5XX("statusCode") " or "      \
	AG_EVQ_HTTP5XX("http.status_code") " or " AG_EVQ_HTTP5XX("http.response.status_code") \
	" or " AG_EVQ_HTTP5XX("res.statusCode") " or " AG_EVQ_HTTP5XX("response.statusCode") \
	" or status.code = 2 or lower(otel.status_code) in (\"error\", \"status_code_error\")" \
	" or error = true or error = \"true\" or lower(status) in " AG_EVQ_FAIL_WORDS          \
	" or lower(outcome) in " AG_EVQ_FAIL_WORDS " or lower(event.outcome) in "             \
	AG_EVQ_FAIL_WORDS
#define AG_EVQ_NERR 24 /* fields the default predicate reads */

/* Fields tried, in order, for an event's time. */
#define AG_EVQ_DEFAULT_TIME_FIELDS {"timestamp", "ts", "time", "@timestamp", "start"}

enum ag_evq_agg_kind {
	AG_AGG_COUNT,
	AG_AGG_ERRORS,
	AG_AGG_ERROR_RATE,
	AG_AGG_SUM,
	AG_AGG_AVG,
	AG_AGG_MIN,
	AG_AGG_MAX,
	AG_AGG_PCT,
};

struct ag_evq_agg {
	enum ag_evq_agg_kind kind;
	int field;          /* index into fields, -1 for count/errors */
	double q;           /* AG_AGG_PCT: 0..1 */
	const char *name;   /* as written, normalised: "p99(duration_ms)" */
	int slot;           /* numeric-statistics slot of `field` */
};

#define AG_EVQ_MAX_ALT 12

struct ag_evq_key {
	int field;
	bool lower;
	const char *name;
	/* The service (ag_evq_add_service_key): the first string among field
	 * and these; `name` of bunyan and pino (with hostname and pid). */
	int alt[AG_EVQ_MAX_ALT];
	size_t nalt;
	int logger, host, pid; /* -1 when unused */
};

/* A numeric field read in a unit (ag_evq_set_unit): its value times mul,
 * or, when absent, the first alternative present times its own. Strings
 * with a unit ("563ms", "1.2s") are read in their unit. */
struct ag_evq_num {
	int field;
	double mul;
	int alt[AG_EVQ_MAX_ALT];
	double amul[AG_EVQ_MAX_ALT];
	size_t nalt;
	double unit_ms;  /* what a string's unit is converted to: 1 unit = unit_ms ms */
};

struct ag_evq_expr;

struct ag_evq {
	struct ag_arena arena;
	struct ag_ev_fields fields;
	struct ag_evq_expr *where;   /* NULL: every event */
	struct ag_evq_expr *errors;  /* the error predicate */
	/* errors is AG_EVQ_DEFAULT_ERRORS: the fields it reads, for
	 * ag_evq_is_error()'s direct evaluation */
	bool errors_default;
	int err_f[AG_EVQ_NERR];
	/* the same by field: which fields it reads, and what makes each an
	 * error (a field named twice has both tests) */
	uint64_t err_mask;
	uint8_t err_tests[AG_EV_MAX_FIELDS];
	struct ag_evq_key keys[AG_EVQ_MAX_KEYS];
	size_t nkeys;
	int64_t every_ns;            /* 0: no time window */
	int time_fields[AG_EVQ_MAX_TIME];
	size_t ntime;
	bool has_since, has_until;
	int64_t since_ns, until_ns;
	struct ag_evq_agg aggs[AG_EVQ_MAX_AGGS];
	size_t naggs;
	int slot_field[AG_EVQ_MAX_AGGS]; /* numeric slots: which field */
	int slot_num[AG_EVQ_MAX_AGGS];   /* its entry in nums + 1; 0: a plain number */
	struct ag_evq_num nums[4];
	size_t nnums;
	bool slot_hist[AG_EVQ_MAX_AGGS]; /* a histogram is needed */
	size_t nslots;
	long top;                    /* 0: all groups */
	int sort_agg;                /* -1: by group key */
	bool sort_asc;
	long limit;                  /* selection: 0 = no limit */
	bool aggregate;              /* false: select events */
};

void ag_evq_init(struct ag_evq *q);
void ag_evq_release(struct ag_evq *q);

/* The codes (diag.h) of a query's errors: which of the texts the caller
 * handed over is wrong. Such a diagnostic has no file, line 1, and the
 * 1-based column in that text. */
#define AG_EVQ_CODE_QUERY "query"         /* ag_evq_parse() */
#define AG_EVQ_CODE_WHERE "where"         /* ag_evq_set_where() */
#define AG_EVQ_CODE_ERRORS "errors"       /* ag_evq_set_errors() */
#define AG_EVQ_CODE_AGGREGATE "aggregate" /* ag_evq_add_agg() */
#define AG_EVQ_CODE_BY "by"               /* ag_evq_add_key() */

/* Parses a query. Errors are one diagnostic with code AG_EVQ_CODE_QUERY at
 * the column where the query goes wrong; returns AG_EPARSE (or AG_ELIMIT
 * when more than AG_EV_MAX_FIELDS fields are used). */
int ag_evq_parse(struct ag_evq *q, const char *text, struct ag_diags *d);
/* Adds a where condition (an expr) to the query, and-ed with any other;
 * code AG_EVQ_CODE_WHERE in diagnostics. */
int ag_evq_set_where(struct ag_evq *q, const char *expr, struct ag_diags *d);
/* Parses an error predicate (an expr); code AG_EVQ_CODE_ERRORS in diagnostics. */
int ag_evq_set_errors(struct ag_evq *q, const char *expr, struct ag_diags *d);
/* Sets the time fields (NULL: the defaults). Call after parsing. */
int ag_evq_set_time_fields(struct ag_evq *q, const char *const *names, size_t n);
/* Adds an aggregate by its text ("p95(duration_ms)"), as the stats command
 * does; returns its index or a negative AG_E*. */
int ag_evq_add_agg(struct ag_evq *q, const char *text, struct ag_diags *d);
/* Adds a group key (a field path). */
int ag_evq_add_key(struct ag_evq *q, const char *field, struct ag_diags *d);

/* Groups by the service: `service` when it is a string, else the first
 * string of service.name (ECS, OpenTelemetry), serviceName, service_name,
 * app, application, Application, else bunyan's and pino's logger `name`
 * (an event with hostname and pid). The key is named "service". */
int ag_evq_add_service_key(struct ag_evq *q, struct ag_diags *d);

/* Reads `field` (already used by an aggregate) in a unit: "FIELD" is
 * milliseconds, "FIELD:ns" (us, ms, s) is converted to milliseconds.
 * With spec NULL: the latency of an event is the first of the known
 * duration fields it has, each in its unit (docs/events.md); the
 * aggregates then use the field "duration_ms". Returns 0 or AG_EINVAL
 * (an unknown unit) / AG_ELIMIT. *field_out: the field the aggregates
 * name. */
int ag_evq_duration_field(const char *spec, char *field, size_t cap, double *mul);
int ag_evq_set_unit(struct ag_evq *q, const char *field, double mul, bool known_chain);
/* The number a slot reads from an event, in its unit; false when none. */
bool ag_evq_slot_value(const struct ag_evq *q, size_t slot, const struct ag_ev_val *vals,
		       double *out);
/* The value of group key i for an event (the service key: its choice). */
const struct ag_ev_val *ag_evq_key_val(const struct ag_evq *q, size_t i,
				       const struct ag_ev_val *vals);
/* A duration with its unit ("563ms", "1.2 s", "20us") in milliseconds. */
bool ag_evq_unit_ms(const char *s, size_t n, double *ms);

/* The fields the where clause reads (indexes into q->fields, each once);
 * up to `max` go to `out`; returns how many there are. */
size_t ag_evq_where_fields(const struct ag_evq *q, int *out, size_t max);

/* Scratch space for evaluation: at least twice the longest value. */
struct ag_evq_scratch {
	char *p;
	size_t cap;
};
/* Makes room for values from a line of `line_len` bytes. AG_ENOMEM. */
int ag_evq_scratch_fit(struct ag_evq_scratch *s, size_t line_len);
void ag_evq_scratch_release(struct ag_evq_scratch *s);

/* Whether the event (vals[i] = field i) matches (NULL expr: true). */
bool ag_evq_match(const struct ag_evq_expr *e, const struct ag_ev_val *vals,
		  struct ag_evq_scratch *s);
/* The error predicate on an event: ag_evq_match(q->errors, ...), but the
 * default predicate is evaluated directly on the fields (the same answer,
 * tested against the generic evaluation). */
bool ag_evq_is_error(const struct ag_evq *q, const struct ag_ev_val *vals,
		     struct ag_evq_scratch *s);
/* The same, told which fields the event has (bit i: vals[i] may have a
 * value; the scanner's ag_ev_line.set, or ~0 when not known): the default
 * predicate then looks at those fields only, not at all it could read. */
bool ag_evq_is_error_in(const struct ag_evq *q, const struct ag_ev_val *vals, uint64_t set,
			struct ag_evq_scratch *s);
/* The event's time from the time fields, if it has one. */
bool ag_evq_time(const struct ag_evq *q, const struct ag_ev_val *vals, int64_t *ns);
/* since/until: whether the event is inside the time range. */
bool ag_evq_in_range(const struct ag_evq *q, const struct ag_ev_val *vals);

/* Parses "250ms", "1.5s", "5m", "1h", "2d" into nanoseconds. */
bool ag_evq_parse_duration(const char *s, size_t n, int64_t *ns);

#endif
