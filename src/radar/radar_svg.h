/*
 * radar_svg.h - the radar as a deterministic, print-ready SVG.
 *
 * Layout (see arch/decisions/0009 for why): every sector is a quadrant,
 * clockwise from twelve o'clock; every band a ring, the first in the
 * centre. Blips are numbered circles placed on a polar grid of slots whose
 * spacing is at least one blip footprint plus a gap along the radius, the
 * arc (measured as a chord) and away from sector lines and ring edges, so
 * no two blips can overlap whatever their number. A ring grows outwards
 * until each of its cells has a slot for every entry; within a cell the
 * entries (sorted by name) take evenly spread slots. Names are not written
 * next to blips (with 100+ entries they would collide) but in legend
 * columns beside the chart, grouped by quadrant and ring, one line per
 * entry, flowing into further columns when long. Text widths are measured
 * with DejaVu Sans metrics (wider than Helvetica and Arial, so the layout
 * also holds with those fonts) and long names are shortened with an
 * ellipsis. New, moved-up and moved-down entries carry an outer ring, a
 * triangle above or a triangle below the blip; a key explains colours and
 * marks. The same radar.yaml always gives the same bytes.
 *
 * ag_radar_svg() can also hand back the boxes it placed (blips and every
 * piece of text) so tests can prove that nothing overlaps.
 */
#ifndef AG_RADAR_SVG_H
#define AG_RADAR_SVG_H

#include "base/buf.h"
#include "model/radar.h"

enum ag_radar_svg_kind { AG_RADAR_SVG_BLIP, AG_RADAR_SVG_TEXT, AG_RADAR_SVG_MARK };

struct ag_radar_svg_box {
	enum ag_radar_svg_kind kind;
	double x0, y0, x1, y1;
	int blip; /* a blip's number: which blip (counting AG_RADAR_SVG_BLIP
		     boxes from 0) it sits in; -1 for everything else */
};

struct ag_radar_svg_boxes {
	struct ag_radar_svg_box *v;
	size_t n, alloc;
	double width, height;
};

void ag_radar_svg_boxes_release(struct ag_radar_svg_boxes *b);

/* Render `r` (which must have loaded without errors). `boxes` may be NULL.
 * Returns 0 or AG_ENOMEM. */
int ag_radar_svg(struct ag_buf *out, const struct ag_radar *r, struct ag_radar_svg_boxes *boxes);

/* The same, with every blip linked to `anchor` followed by its entry's
 * index in r->entries ("#entry-" gives "#entry-3"), instead of to the
 * entry's first allowed link: the site links blips to their entries. */
int ag_radar_svg_linked(struct ag_buf *out, const struct ag_radar *r,
			struct ag_radar_svg_boxes *boxes, const char *anchor);

/* Width in pixels of UTF-8 text at font size `px` (DejaVu Sans metrics,
 * with a small safety margin); non-ASCII characters count a full em. */
double ag_radar_svg_text_width(const char *s, size_t n, double px, bool bold);

#endif
