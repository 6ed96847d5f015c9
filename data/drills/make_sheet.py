#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""make_sheet.py — the contact sheet of every drill picture: the pictures in
a grid, each with its drill's name under it, as one self-contained SVG (the
pictures are copied in, so the sheet shows wherever an SVG image does).

  make_sheet.py INI PICTURES OUT.svg [OUT.png]   what the build runs
  make_sheet.py --update                         refresh docs/drills-sheet.*

Names come from the plain name= of each group in drills.ini, in the order
of the names, so a renamed drill shows its new name. The PNG is drawn with
rsvg-convert and carries the SHA-256 of the SVG it was drawn from in a tEXt
chunk (key mobed-sheet-svg-sha256): tests/tools/check_drill_pictures.py
holds the README's copy to the build's sheet by that, rather than by pixels,
which differ between renderer versions.
"""
import hashlib
import os
import re
import struct
import subprocess
import sys
import textwrap
import zlib
from xml.sax.saxutils import escape

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
COLUMNS = 6
CELL_W = 176
PICTURE = 128
MARGIN = 20
LINE_H = 17
FONT_SIZE = 13
WRAP = 22             # characters on a name's line, about CELL_W at FONT_SIZE
PAGE = '#ffffff'
TEXT = '#1d6b62'      # figure.py's INK
HASH_KEY = b'mobed-sheet-svg-sha256'


def drill_names(ini_path):
    """(id, name) for each group of drills.ini, in file order."""
    names, group = [], None
    with open(ini_path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            m = re.fullmatch(r'\[([^\]]+)\]', line)
            if m:
                group = m.group(1)
            elif group and line.startswith('name='):
                names.append((group, line[len('name='):].strip()))
    return names


def picture_body(path):
    """What is inside the picture's <svg> element."""
    with open(path, encoding='utf-8') as f:
        text = f.read()
    m = re.search(r'<svg\b[^>]*>(.*)</svg>', text, re.S)
    if not m:
        raise SystemExit('%s: no <svg> element' % path)
    return m.group(1).strip('\n')


def sheet(ini_path, pictures):
    drills = sorted(drill_names(ini_path), key=lambda d: d[1].casefold())
    wrapped = [textwrap.wrap(name, WRAP) or [''] for _, name in drills]
    lines = max(len(w) for w in wrapped)
    row_h = PICTURE + 14 + lines * LINE_H + 14
    rows = (len(drills) + COLUMNS - 1) // COLUMNS
    width = 2 * MARGIN + COLUMNS * CELL_W
    height = 2 * MARGIN + rows * row_h
    out = ['<!-- SPDX-License-Identifier: GPL-3.0-or-later -->',
           '<!-- Every drill picture with its name. Made by data/drills/make_sheet.py from',
           '     data/drills/*.svg and data/drills.ini; do not edit. -->',
           '<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" viewBox="0 0 %d %d">'
           % (width, height, width, height),
           '<title>The drills mobed suggests</title>',
           '<rect width="%d" height="%d" fill="%s"/>' % (width, height, PAGE)]
    for i, ((drill_id, _), name_lines) in enumerate(zip(drills, wrapped)):
        x = MARGIN + (i % COLUMNS) * CELL_W
        y = MARGIN + (i // COLUMNS) * row_h
        px = x + (CELL_W - PICTURE) // 2
        out.append('<svg x="%d" y="%d" width="%d" height="%d" viewBox="0 0 %d %d">'
                   % (px, y, PICTURE, PICTURE, PICTURE, PICTURE))
        out.append(picture_body(os.path.join(pictures, drill_id + '.svg')))
        out.append('</svg>')
        out.append('<text x="%d" y="%d" font-family="DejaVu Sans, sans-serif" font-size="%d" '
                   'text-anchor="middle" fill="%s">' % (x + CELL_W // 2, y + PICTURE + 14 + 12,
                                                        FONT_SIZE, TEXT))
        for n, text in enumerate(name_lines):
            out.append('<tspan x="%d" dy="%d">%s</tspan>'
                       % (x + CELL_W // 2, 0 if n == 0 else LINE_H, escape(text)))
        out.append('</text>')
    out.append('</svg>')
    return '\n'.join(out) + '\n'


def png_with_hash(png, svg_text):
    """png with a tEXt chunk naming the SVG's SHA-256, after the header."""
    digest = hashlib.sha256(svg_text.encode('utf-8')).hexdigest().encode('ascii')
    data = HASH_KEY + b'\0' + digest
    chunk = (struct.pack('>I', len(data)) + b'tEXt' + data
             + struct.pack('>I', zlib.crc32(b'tEXt' + data) & 0xffffffff))
    ihdr_end = 8 + 8 + 13 + 4
    return png[:ihdr_end] + chunk + png[ihdr_end:]


def write(svg_path, png_path, ini_path, pictures):
    text = sheet(ini_path, pictures)
    with open(svg_path, 'w', encoding='utf-8') as f:
        f.write(text)
    if png_path:
        png = subprocess.run(['rsvg-convert', '--format=png', svg_path], check=True,
                             capture_output=True).stdout
        with open(png_path, 'wb') as f:
            f.write(png_with_hash(png, text))


def main(argv):
    if argv == ['--update']:
        write(os.path.join(ROOT, 'docs', 'drills-sheet.svg'),
              os.path.join(ROOT, 'docs', 'drills-sheet.png'),
              os.path.join(ROOT, 'data', 'drills.ini'), HERE)
        return 0
    if len(argv) not in (3, 4):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    write(argv[2], argv[3] if len(argv) == 4 else None, argv[0], argv[1])
    return 0


if __name__ == '__main__':
    sys.exit(main(sys.argv[1:]))
