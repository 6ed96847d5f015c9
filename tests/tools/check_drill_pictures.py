#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""check_drill_pictures.py SOURCE_ROOT BUILD_SHEET_SVG OUTDIR — the drill
pictures keep their style, and the README's sheet is the build's:

- every drill in data/drills.ini has data/drills/<id>.svg and every picture
  a drill; the files are what data/drills/draw_drills.py draws;
- each picture is well-formed SVG on the 128-unit canvas, made only of the
  style's elements, painted only in its palette (no opacity, no CSS);
- rendered with rsvg-convert (the PNGs are left in OUTDIR to look at), each
  is 128 x 128, not blank (figure and arrow both show), and its pixels are
  the palette's colours or the blend of two of them at an edge;
- docs/drills-sheet.svg equals the sheet the build made, and
  docs/drills-sheet.png was drawn from it (make_sheet.py --update makes both).

Prints each problem and exits 1; exits 77 (skip) without rsvg-convert.
"""
import hashlib
import os
import re
import shutil
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), '..', 'common'))
from pngfile import chunks, read_png  # noqa: E402
SVG_NS = '{http://www.w3.org/2000/svg}'
SIZE = 128
ALLOWED = {'svg', 'title', 'rect', 'path', 'circle', 'g'}
PAINT_ATTRS = ('fill', 'stroke')
FORBIDDEN_ATTRS = ('style', 'opacity', 'fill-opacity', 'stroke-opacity', 'class', 'filter')
EDGE_TOLERANCE = 30     # RGB distance from the blend of two palette colours
OFF_FRACTION = 0.005    # pixels where three colours meet may stray further


def style(root):
    sys.path.insert(0, os.path.join(root, 'data', 'drills'))
    import figure  # noqa: E402
    return figure


def catalog_ids(ini):
    with open(ini, encoding='utf-8') as f:
        return [m.group(1) for m in re.finditer(r'^\[([^\]]+)\]\s*$', f.read(), re.M)]


def rgb(hex_colour):
    return tuple(int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))


def blend_distance(colour, palette):
    """How far colour is from the nearest mix of two palette colours."""
    best = float('inf')
    for i, p in enumerate(palette):
        for q in palette[i:]:
            d = [q[k] - p[k] for k in range(3)]
            dd = sum(v * v for v in d)
            t = 0.0 if dd == 0 else max(0.0, min(1.0, sum((colour[k] - p[k]) * d[k]
                                                          for k in range(3)) / dd))
            best = min(best, sum((colour[k] - p[k] - t * d[k]) ** 2 for k in range(3)) ** 0.5)
    return best


def check_svg(path, palette, problems):
    name = os.path.basename(path)
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as e:
        problems.append('%s: not well-formed: %s' % (name, e))
        return
    if root.tag != SVG_NS + 'svg':
        problems.append('%s: the root is %s, not svg' % (name, root.tag))
    canvas = {'width': str(SIZE), 'height': str(SIZE), 'viewBox': '0 0 %d %d' % (SIZE, SIZE)}
    for attr, want in canvas.items():
        if root.get(attr) != want:
            problems.append('%s: %s is %r, not %r' % (name, attr, root.get(attr), want))
    for el in root.iter():
        tag = el.tag.replace(SVG_NS, '')
        if tag not in ALLOWED:
            problems.append('%s: <%s> is not part of the style' % (name, tag))
        for attr in FORBIDDEN_ATTRS:
            if attr in el.attrib:
                problems.append('%s: <%s %s=...>: the style paints in solid colours only'
                                % (name, tag, attr))
        for attr in PAINT_ATTRS:
            value = el.get(attr)
            if value is not None and value != 'none' and value.lower() not in palette:
                problems.append('%s: <%s %s="%s"> is not a colour of the palette'
                                % (name, tag, attr, value))


def check_render(path, outdir, figure, problems):
    name = os.path.basename(path)
    png_path = os.path.join(outdir, name[:-4] + '.png')
    res = subprocess.run(['rsvg-convert', '--width=%d' % SIZE, '--height=%d' % SIZE,
                          '--format=png', '--output', png_path, path],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        problems.append('%s: rsvg-convert failed: %s' % (name, res.stderr.strip()))
        return
    width, height, rows = read_png(png_path, alpha=True)
    if (width, height) != (SIZE, SIZE):
        problems.append('%s: rendered %dx%d, not %dx%d' % (name, width, height, SIZE, SIZE))
    palette = [rgb(c) for c in figure.PALETTE]
    ink, accent = rgb(figure.INK), rgb(figure.ACCENT)
    counts = {}
    painted = 0
    for row in rows:
        for r, g, b, a in row:
            painted += a > 0
            # PNG's alpha is not premultiplied; the colour of a nearly
            # transparent pixel (the tile's rounded corners) is too coarse
            # to judge.
            if a >= 32:
                counts[(r, g, b)] = counts.get((r, g, b), 0) + 1
    total = sum(counts.values())
    near = lambda want: sum(n for c, n in counts.items()   # noqa: E731
                            if sum((c[k] - want[k]) ** 2 for k in range(3)) < 100)
    if painted < SIZE * SIZE * 0.9:
        problems.append('%s: only %d of %d pixels painted: no tile?' % (name, painted, SIZE * SIZE))
    if near(ink) < SIZE * SIZE * 0.03:
        problems.append('%s: almost no figure (%d pixels of ink)' % (name, near(ink)))
    if near(accent) < SIZE * SIZE * 0.004:
        problems.append('%s: almost no arrow (%d pixels of accent)' % (name, near(accent)))
    off = {c: n for c, n in counts.items() if blend_distance(c, palette) > EDGE_TOLERANCE}
    if sum(off.values()) > total * OFF_FRACTION:
        worst = sorted(off.items(), key=lambda kv: -kv[1])[:3]
        problems.append('%s: %d pixels are not in the palette, e.g. %s'
                        % (name, sum(off.values()),
                           ', '.join('#%02x%02x%02x (%d)' % (c + (n,)) for c, n in worst)))


def check_sheet(root, build_sheet, problems):
    docs_svg = os.path.join(root, 'docs', 'drills-sheet.svg')
    docs_png = os.path.join(root, 'docs', 'drills-sheet.png')
    update = 'run data/drills/make_sheet.py --update'
    try:
        with open(docs_svg, encoding='utf-8') as f:
            committed = f.read()
        with open(build_sheet, encoding='utf-8') as f:
            built = f.read()
    except OSError as e:
        problems.append('sheet: %s' % e)
        return
    if committed != built:
        problems.append('docs/drills-sheet.svg differs from the sheet the build made (%s): %s'
                        % (build_sheet, update))
    try:
        with open(docs_png, 'rb') as f:
            png = f.read()
        found = dict(chunks(png))
        size = struct.unpack('>II', found[b'IHDR'][:8])
    except (OSError, ValueError, KeyError) as e:
        problems.append('docs/drills-sheet.png: %s' % e)
        return
    digest = hashlib.sha256(committed.encode('utf-8')).hexdigest()
    text = found.get(b'tEXt', b'')
    if text != b'mobed-sheet-svg-sha256\0' + digest.encode('ascii'):
        problems.append('docs/drills-sheet.png was not drawn from docs/drills-sheet.svg: '
                        + update)
    m = re.search(r'<svg[^>]* width="(\d+)" height="(\d+)"', committed)
    if m and size != (int(m.group(1)), int(m.group(2))):
        problems.append('docs/drills-sheet.png is %dx%d, the sheet %sx%s'
                        % (size + m.groups()))


def main(argv):
    if len(argv) != 3:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    root, build_sheet, outdir = argv
    if not shutil.which('rsvg-convert'):
        print('SKIP: rsvg-convert (librsvg2-bin) is not installed')
        return 77
    figure = style(root)
    problems = []
    pictures = os.path.join(root, 'data', 'drills')
    res = subprocess.run([sys.executable, os.path.join(pictures, 'draw_drills.py'), '--check'],
                         capture_output=True, text=True, check=False)
    if res.returncode != 0:
        problems.append((res.stdout + res.stderr).strip())
    ids = catalog_ids(os.path.join(root, 'data', 'drills.ini'))
    files = sorted(f[:-4] for f in os.listdir(pictures) if f.endswith('.svg'))
    for drill in sorted(set(ids) - set(files)):
        problems.append('drill %s has no picture data/drills/%s.svg' % (drill, drill))
    for drill in sorted(set(files) - set(ids)):
        problems.append('data/drills/%s.svg belongs to no drill in data/drills.ini' % drill)
    os.makedirs(outdir, exist_ok=True)
    palette = [c.lower() for c in figure.PALETTE]
    for drill in files:
        path = os.path.join(pictures, drill + '.svg')
        check_svg(path, palette, problems)
        check_render(path, outdir, figure, problems)
    check_sheet(root, build_sheet, problems)
    for p in problems:
        print(p)
    print('%d pictures checked, renders in %s: %s'
          % (len(files), outdir, 'FAILED' if problems else 'ok'))
    return 1 if problems else 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
