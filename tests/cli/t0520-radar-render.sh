#!/bin/bash
# t0520-radar-render: `archgate radar render` writes well-formed,
# deterministic SVG in which no blip overlaps another blip or any text and
# no two pieces of text overlap - measured here independently of the
# renderer, from the SVG text and the real metrics of the font it names
# first (DejaVu Sans, read from the installed TrueType files).
. "${AG_TESTS:-$(dirname "$0")/..}/cli/lib.sh"

# check_svg FILE BLIPS: well-formed XML, BLIPS blips, nothing overlapping.
check_svg() {
	python3 - "$1" "$2" <<'PY'
import os, struct, sys
import xml.etree.ElementTree as ET

NS = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()            # raises on malformed XML
W, H = float(root.get("width")), float(root.get("height"))

def ttf(path):
    """Advance widths (in ems), ascent and descent of a TrueType font."""
    d = open(path, "rb").read()
    t = {}
    for i in range(struct.unpack(">H", d[4:6])[0]):
        tag, _, off, _ = struct.unpack(">4sIII", d[12 + 16 * i:28 + 16 * i])
        t[tag.decode()] = off
    upem = struct.unpack(">H", d[t["head"] + 18:t["head"] + 20])[0]
    asc, desc = struct.unpack(">hh", d[t["hhea"] + 4:t["hhea"] + 8])
    nh = struct.unpack(">H", d[t["hhea"] + 34:t["hhea"] + 36])[0]
    adv = [struct.unpack(">H", d[t["hmtx"] + 4 * i:t["hmtx"] + 4 * i + 2])[0] for i in range(nh)]
    c, cmap = t["cmap"], {}
    for i in range(struct.unpack(">H", d[c + 2:c + 4])[0]):
        pid, eid, off = struct.unpack(">HHI", d[c + 4 + 8 * i:c + 12 + 8 * i])
        s = c + off
        if pid != 3 or eid != 1 or struct.unpack(">H", d[s:s + 2])[0] != 4:
            continue
        n2 = struct.unpack(">H", d[s + 6:s + 8])[0]
        n = n2 // 2
        ends = struct.unpack(">%dH" % n, d[s + 14:s + 14 + n2])
        starts = struct.unpack(">%dH" % n, d[s + 16 + n2:s + 16 + 2 * n2])
        deltas = struct.unpack(">%dh" % n, d[s + 16 + 2 * n2:s + 16 + 3 * n2])
        ro = s + 16 + 3 * n2
        ranges = struct.unpack(">%dH" % n, d[ro:ro + n2])
        for k in range(n):
            for ch in range(starts[k], min(ends[k], 0xfffe) + 1):
                if ranges[k] == 0:
                    g = (ch + deltas[k]) & 0xffff
                else:
                    a = ro + 2 * k + ranges[k] + 2 * (ch - starts[k])
                    g = struct.unpack(">H", d[a:a + 2])[0]
                    g = (g + deltas[k]) & 0xffff if g else 0
                cmap[ch] = g
    return (lambda ch: adv[min(cmap.get(ord(ch), 0), nh - 1)] / upem), asc / upem, -desc / upem

fonts = {}
for weight, name in (("normal", "DejaVuSans.ttf"), ("bold", "DejaVuSans-Bold.ttf")):
    for d in ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
              "/usr/share/fonts/TTF", "/usr/share/fonts/dejavu-sans-fonts"):
        if os.path.exists(os.path.join(d, name)):
            fonts[weight] = ttf(os.path.join(d, name))
            break
if len(fonts) < 2:   # DejaVu not installed: no character is wider than an em
    fonts = {w: ((lambda ch: 1.0), 0.93, 0.24) for w in ("normal", "bold")}
assert root.get("font-family").startswith("'DejaVu Sans'"), root.get("font-family")

def extent(el):
    """The bounding box of a circle or polygon element."""
    tag = el.tag[len(NS):]
    if tag == "circle":
        cx, cy, r = (float(el.get(k)) for k in ("cx", "cy", "r"))
        if el.get("stroke"):
            r += float(el.get("stroke-width", "1")) / 2
        return cx - r, cy - r, cx + r, cy + r
    pts = [tuple(map(float, p.split(","))) for p in el.get("points").split()]
    return (min(p[0] for p in pts), min(p[1] for p in pts),
            max(p[0] for p in pts), max(p[1] for p in pts))

def circle_around(centre_el, parts):
    """Blips and marks are drawn around their filled circle's centre."""
    cx, cy = float(centre_el.get("cx")), float(centre_el.get("cy"))
    r = max(max(abs(p[0] - cx), abs(p[2] - cx), abs(p[1] - cy), abs(p[3] - cy)) for p in parts)
    return ("circle", cx, cy, r)

items = []
blips = 0
for g in root.iter(NS + "g"):
    if g.get("class") != "blip":
        continue
    shapes = [e for e in g if e.tag[len(NS):] in ("circle", "polygon")]
    items.append(circle_around(shapes[-1], [extent(e) for e in shapes]))
    blips += 1
parts = []
for e in root.find(NS + "g[@id='marks']"):    # a mark's decoration, then its circle
    parts.append(e)
    if e.tag == NS + "circle" and e.get("fill") != "none":
        items.append(circle_around(e, [extent(p) for p in parts]))
        parts = []
for t in root.find(NS + "g[@id='text']"):
    adv, asc, desc = fonts["bold" if t.get("font-weight") == "bold" else "normal"]
    size = float(t.get("font-size"))
    w = sum(adv(ch) for ch in (t.text or "")) * size
    x, y = float(t.get("x")), float(t.get("y"))
    anchor = t.get("text-anchor", "start")
    x0 = x if anchor == "start" else x - w / 2 if anchor == "middle" else x - w
    items.append(("text", x0, y - asc * size, x0 + w, y + desc * size, t.get("fill")))

def box(it):
    if it[0] == "circle":
        return it[1] - it[3], it[2] - it[3], it[1] + it[3], it[2] + it[3]
    return it[1:5]

def overlap(a, b):
    if a[0] == "circle" and b[0] == "circle":
        return (a[1] - b[1]) ** 2 + (a[2] - b[2]) ** 2 < (a[3] + b[3]) ** 2 - 1e-6
    if a[0] != "circle" and b[0] == "circle":
        a, b = b, a
    if a[0] == "circle":
        x = min(max(a[1], b[1]), b[3]); y = min(max(a[2], b[2]), b[4])
        return (x - a[1]) ** 2 + (y - a[2]) ** 2 < a[3] ** 2 - 1e-6
    return min(a[3], b[3]) - max(a[1], b[1]) > 0.01 and min(a[4], b[4]) - max(a[2], b[2]) > 0.01

# a blip's number (white text) is inside its blip and overlaps only it
bad = []
own = {}
for i, it in enumerate(items):
    if it[0] == "text" and it[5] == "#ffffff":
        x0, y0, x1, y1 = it[1:5]
        for j, c in enumerate(items[:blips]):
            if c[1] - c[3] <= x0 and x1 <= c[1] + c[3] and c[2] - c[3] <= y0 and y1 <= c[2] + c[3]:
                own[i] = j
        if i not in own:
            bad.append("the number %r is not inside a blip" % it)
for i, a in enumerate(items):
    x0, y0, x1, y1 = box(a)
    if x0 < 0 or y0 < 0 or x1 > W or y1 > H:
        bad.append("off the canvas: %r" % (a,))
    for j in range(i + 1, len(items)):
        if own.get(i) == j or own.get(j) == i:
            continue
        if overlap(a, items[j]):
            bad.append("overlap: %r and %r" % (a, items[j]))
if blips != int(sys.argv[2]):
    bad.append("%d blips, expected %s" % (blips, sys.argv[2]))
for b in bad[:10]:
    print(b)
print("%d blips, %d items checked, %d problems" % (blips, len(items), len(bad)))
sys.exit(1 if bad else 0)
PY
}

run "$ARCHGATE" --dir "$FIXTURES/radar-ecosystems/arch" radar render
expect_rc 0 "render the fixture radar"
expect_empty "$ERR" "render: nothing on stderr"
expect_first_line "$OUT" '<?xml version="1.0" encoding="UTF-8"?>' "an XML document"
expect_golden radar-render-ecosystems.svg "$OUT" "the fixture radar's SVG (deterministic)"
check "well-formed, ten blips, nothing overlaps" check_svg "$OUT" 10
if command -v xmllint >/dev/null; then
	check "xmllint agrees it is well-formed" xmllint --noout "$OUT"
fi
expect_contains "$OUT" '<title>3. Go (Trial, Languages &amp; Frameworks, new)</title>' \
	"each blip has a tooltip with its ring, quadrant and mark"
expect_contains "$OUT" '>moved up (inwards)</text>' "the key explains the marks"

# 160 entries, 24 in one cell, long names: nothing overlaps, and the
# output does not change between runs.
for fx in radar-big:160 radar-wide:110; do
	name=${fx%%:*}
	n=${fx##*:}
	run "$ARCHGATE" --dir "$FIXTURES/$name/arch" radar render
	expect_rc 0 "render $name"
	cp "$OUT" "$T/$name.svg"
	check "$name: well-formed, $n blips, nothing overlaps" check_svg "$T/$name.svg" "$n"
	run "$ARCHGATE" --dir "$FIXTURES/$name/arch" radar render
	check "$name: the same radar gives the same bytes" cmp -s "$OUT" "$T/$name.svg"
done

run "$ARCHGATE" --dir "$FIXTURES/radar-ecosystems/arch" radar render --format png
expect_rc 2 "render writes svg only"
run "$ARCHGATE" --dir "$FIXTURES/radar-bad/arch" radar render
expect_rc 2 "a radar with input errors is not drawn"
expect_empty "$OUT" "and nothing is written"
finish
