# SPDX-License-Identifier: GPL-3.0-or-later
"""screenshot.py — grabs an X screen with `xwd` (x11-apps) and turns it into
pixels and a PNG with the standard library alone, so the end-to-end tests
need no image library.  Handles what Xvfb produces: a ZPixmap of 8-bit
red, green and blue channels."""

import struct
import subprocess
import zlib

XWD_HEADER = struct.Struct('>25I')
XWD_COLOR = struct.Struct('>I3HBB')
ZPIXMAP = 2
TRUECOLOR = 4
DIRECTCOLOR = 5


class Image:
    """RGB pixels, row by row: rows[y] is a bytes object of width * 3."""

    def __init__(self, width, height, rows):
        self.width, self.height, self.rows = width, height, rows

    def pixel(self, x, y):
        i = x * 3
        return tuple(self.rows[y][i:i + 3])

    def find_color(self, rgb):
        """Where the exact colour @rgb (r, g, b) is: (pixel count, bounding
        box (x0, y0, x1, y1) or None)."""
        needle = bytes(rgb)
        count, xs, ys = 0, [], []
        for y, row in enumerate(self.rows):
            i = row.find(needle)
            while i >= 0:
                if i % 3 == 0:
                    count += 1
                    xs.append(i // 3)
                    if not ys or ys[-1] != y:
                        ys.append(y)
                i = row.find(needle, i + 1)
        if not count:
            return 0, None
        return count, (min(xs), ys[0], max(xs) + 1, ys[-1] + 1)

    def drawn_in(self, box, background):
        """What is drawn inside @box (x0, y0, x1, y1) on @background: the
        count of pixels of another colour, their bounding box (or None)
        and how many colours they have."""
        count, xs, ys, colours = 0, [], [], set()
        for y in range(box[1], box[3]):
            for x in range(box[0], box[2]):
                p = self.pixel(x, y)
                if p != background:
                    count += 1
                    xs.append(x)
                    ys.append(y)
                    colours.add(p)
        if not count:
            return 0, None, 0
        return count, (min(xs), min(ys), max(xs) + 1, max(ys) + 1), len(colours)

    def save_png(self, path):
        def chunk(kind, data):
            body = kind + data
            return struct.pack('>I', len(data)) + body + struct.pack('>I', zlib.crc32(body))

        raw = b''.join(b'\0' + row for row in self.rows)
        png = (b'\x89PNG\r\n\x1a\n'
               + chunk(b'IHDR', struct.pack('>IIBBBBB', self.width, self.height, 8, 2, 0, 0, 0))
               + chunk(b'IDAT', zlib.compress(raw, 6))
               + chunk(b'IEND', b''))
        with open(path, 'wb') as f:
            f.write(png)


def parse_xwd(data):
    """An Image from `xwd` output of a 24-bit TrueColor or DirectColor screen.
    With windows of several visuals on screen (dunst's) xwd writes a
    DirectColor image of packed 24-bit pixels, its lines padded past
    width * 3."""
    (header_size, _version, pixmap_format, _depth, width, height, _xoffset,
     byte_order, _unit, _bit_order, _pad, bpp, bytes_per_line, visual_class,
     red_mask, green_mask, blue_mask, _bits_per_rgb, _cmap_entries, ncolors,
     *_window) = XWD_HEADER.unpack_from(data)
    masks = (red_mask, green_mask, blue_mask)
    step = bpp // 8
    if (pixmap_format != ZPIXMAP or visual_class not in (TRUECOLOR, DIRECTCOLOR)
            or bpp not in (24, 32) or sorted(masks) != [0xff, 0xff00, 0xff0000]
            or bytes_per_line < width * step):
        raise ValueError(f'unsupported xwd image: format {pixmap_format}, visual class '
                         f'{visual_class}, masks {masks}, {bpp} bits a pixel')
    # Byte position of red, green and blue within a pixel.
    shifts = [{0xff: 0, 0xff00: 1, 0xff0000: 2}[m] for m in masks]
    where = [s if byte_order == 0 else step - 1 - s for s in shifts]
    # DirectColor: each channel's value indexes the colormap.
    luts = [None] * 3
    if visual_class == DIRECTCOLOR:
        luts = [bytearray(range(256)) for _ in range(3)]
        for i in range(ncolors):
            pixel, r, g, b, _flags, _ = XWD_COLOR.unpack_from(data, header_size + i * 12)
            for c, value in enumerate((r, g, b)):
                luts[c][(pixel & masks[c]) >> (8 * shifts[c])] = value >> 8
    offset = header_size + ncolors * 12
    rows = []
    for y in range(height):
        line = data[offset + y * bytes_per_line:offset + y * bytes_per_line + width * step]
        out = bytearray(width * 3)
        for c in range(3):
            channel = line[where[c]::step]
            out[c::3] = channel.translate(luts[c]) if luts[c] else channel
        rows.append(bytes(out))
    return Image(width, height, rows)


def grab(display, env=None, timeout=20):
    """The whole screen of X display @display (':N') as an Image."""
    res = subprocess.run(['xwd', '-root', '-silent', '-display', display],
                         env=env, capture_output=True, timeout=timeout, check=True)
    return parse_xwd(res.stdout)
