/*
 * radar_export.h - the radar in other tools' formats, and back.
 *
 *   byor       Thoughtworks Build Your Own Radar CSV: the documented columns
 *              name,ring,quadrant,isNew,description plus the optional
 *              `status` column (New, Moved In, Moved Out, No Change). Ring
 *              and quadrant cells hold display names. BYOR draws exactly
 *              four quadrants and at most four rings.
 *   zalando    Zalando tech-radar JSON (what radar_visualization() and
 *              Zalando's config.json read): {date, title, quadrants[{name}],
 *              rings[{name,color}], entries[{quadrant,ring,label,active,
 *              link,moved}]}. Quadrant indexes count clockwise from the
 *              bottom right, ring indexes from the centre; moved is -1 out,
 *              0 none, 1 in, 2 new. Exactly four quadrants and four rings.
 *   backstage  Backstage tech-radar JSON (TechRadarLoaderResponse):
 *              {quadrants[{id,name}], rings[{id,name,color,description}],
 *              entries[{id,key,title,quadrant,description,links[{url,title}],
 *              timeline[{moved,ringId,date,description}]}]}; timelines
 *              newest first, quadrants clockwise from the bottom right, up
 *              to four of them.
 *
 * archgate's sectors run clockwise from twelve o'clock, so exports reorder
 * quadrants to keep every sector where it was drawn. Retired entries are
 * not exported. A radar the target cannot show (five quadrants for BYOR)
 * is an error (AG_EINVAL with a diagnostic), never silently cut.
 *
 * Imports (byor, zalando) write a radar.yaml to a buffer. They never invent
 * history: what the source knows about movement becomes the entry's
 * `moved:` mark. Problems are file:line:col errors in the source file.
 *
 * `archgate radar list` text and JSON live here too.
 */
#ifndef AG_RADAR_EXPORT_H
#define AG_RADAR_EXPORT_H

#include "base/buf.h"
#include "base/diag.h"
#include "model/radar.h"

enum ag_radar_xfmt { AG_RX_BYOR, AG_RX_ZALANDO, AG_RX_BACKSTAGE };

/* "byor" (also "csv"), "zalando", "backstage"; -1 when unknown. */
int ag_radar_xfmt_parse(const char *s);

/* Export a loaded radar. `today` (YYYY-MM-DD) dates Backstage timelines of
 * entries without history when the radar has no edition date. Returns 0,
 * AG_ENOMEM, or AG_EINVAL (diagnostic added) when the format cannot hold
 * the radar. */
int ag_radar_export_dated(struct ag_buf *out, const struct ag_radar *r,
			  enum ag_radar_xfmt f, const char *today, struct ag_diags *d);
int ag_radar_export(struct ag_buf *out, const struct ag_radar *r, enum ag_radar_xfmt f,
		    struct ag_diags *d);

/* Import `len` bytes of `text` read from `file` (for messages) as `fmt`
 * (AG_RX_BYOR or AG_RX_ZALANDO, or -1 to tell from the content) and append
 * a radar.yaml to `out`. `today` goes in the header comment. Returns 0,
 * AG_ENOMEM, AG_EPARSE (malformed) or AG_EINVAL (well-formed but not a
 * radar: a name with no letter or digit, text that is not UTF-8, a name
 * listed twice), with diagnostics. What it appends is loaded back with
 * ag_radar_load() first: on 0 it is a radar.yaml archgate accepts; on an
 * error `out` must not be written anywhere. */
int ag_radar_import(struct ag_buf *out, const char *file, const char *text, size_t len,
		    int fmt, const char *today, struct ag_diags *d);

struct ag_scan;

/* `archgate radar scan --format cyclonedx`: the technologies found as a
 * CycloneDX 1.5 JSON bill of technologies. Required fields only where the
 * spec requires them (bomFormat, specVersion; each component's type and
 * name), no serial number or timestamp, so the same tree gives the same
 * bytes. Each technology is one component:
 *
 *   type        platform (Platforms quadrant, or a language), container
 *               (only images), application (Tools), framework
 *               (Languages & Frameworks), else library
 *   bom-ref     "archgate:" + the technology's name (unique in a scan)
 *   scope       required when in use (policy radar.in_use), else excluded
 *   evidence    occurrences[{location: "file:line"}], the kept evidence
 *   properties  archgate:ring, archgate:quadrant, archgate:category,
 *               archgate:kind (one per kind of use), archgate:in-use
 *
 * `r` may be NULL. Returns 0 or AG_ENOMEM. */
int ag_scan_report_cyclonedx(struct ag_buf *out, const struct ag_scan *s,
			     const struct ag_radar *r);

/* `archgate radar scan --write`: `text` (len bytes of the radar.yaml at
 * `file`, NULL when there is none yet), with an entry proposed for every
 * technology of `s` that radar `r` does not list (retired entries count as
 * listed, and so does a language whose family is listed: JavaScript next
 * to TypeScript): its name, the catalog's quadrant when `r` has it (else tools or
 * the first), ring `ring` (archgate.yaml's radar.new_ring), and its first
 * evidence as comments. Nothing a person wrote is changed: proposals are
 * inserted after the last item of the top-level `entries:` block (an
 * `entries: []` becomes `entries:`), or in a new `entries:` block at the
 * end. The result is appended to `out` and loaded back first; *added says
 * how many. Returns 0, AG_ENOMEM, or AG_EINVAL with a diagnostic: `ring` is
 * not a ring of `r`, `entries:` is a flow list, or the result would not
 * load or would change an entry (then `out` must not be written). */
int ag_radar_propose(struct ag_buf *out, const char *file, const char *text, size_t len,
		     const struct ag_scan *s, const struct ag_radar *r, const char *ring,
		     size_t *added, struct ag_diags *d);

/* `archgate radar list`. */
int ag_radar_list_text(struct ag_buf *out, const struct ag_radar *r);
int ag_radar_list_json(struct ag_buf *out, const struct ag_radar *r);

#endif
