/*
 * radar_read_cargo.c - Rust: Cargo.toml (Cargo.lock is radar_read.c's TOML
 * lockfile reader).
 */
#include <string.h>
#include "radar_scan_impl.h"

void ag_read_cargo_toml(struct ctx *c, const char *text, size_t len)
{
	struct lines l = {text, text + len, 0};
	struct toml_state t = {"", false, AG_ECO_CARGO};
	const char *s, *e;
	while (next_trimmed(&l, &s, &e)) {
		if (s >= e || *s == '#')
			continue;
		if (*s == '[') {
			ag_scan_toml_header(&t, s, e);
			/* dev- and build-dependencies are test and build tools
			 * (ADR 0030), also under [target.'cfg(...)'] */
			c->kind = strstr(t.table, "dev-dependencies") ||
					  strstr(t.table, "build-dependencies")
				  ? AG_EVIDENCE_DEV : AG_EVIDENCE_MANIFEST;
			/* [dependencies.serde] names the crate in the header */
			const char *dot = strrchr(t.table, '.');
			if (dot && (starts(t.table, t.table + strlen(t.table), "dependencies.") ||
				    starts(t.table, t.table + strlen(t.table), "dev-dependencies.") ||
				    starts(t.table, t.table + strlen(t.table), "build-dependencies.")))
				hit_key(c, AG_ECO_CARGO, dot + 1, strlen(dot + 1), l.no);
			continue;
		}
		if (table_is(&t, "dependencies") || table_is(&t, "dev-dependencies") ||
		    table_is(&t, "build-dependencies") || table_ends(&t, ".dependencies") ||
		    table_ends(&t, ".dev-dependencies") || table_ends(&t, ".build-dependencies")) {
			const char *k;
			size_t kl = ag_scan_toml_key(s, e, &k);
			hit_key(c, AG_ECO_CARGO, k, kl, l.no);
		}
	}
}
