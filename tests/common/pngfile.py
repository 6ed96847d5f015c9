# SPDX-License-Identifier: GPL-3.0-or-later
"""pngfile.py — reading the PNG files tests make (screenshots, rendered
pictures) without a Python imaging library: the chunks, and the pixels of
an 8-bit RGB or RGBA image that is not interlaced, which is what grim,
rsvg-convert and the tests' own writers produce."""

import struct
import zlib
from pathlib import Path

SIGNATURE = b'\x89PNG\r\n\x1a\n'


def chunks(data):
    """(type, body) of each chunk of PNG data, checking each CRC."""
    if data[:8] != SIGNATURE:
        raise ValueError('not a PNG file')
    pos = 8
    while pos < len(data):
        length, kind = struct.unpack('>I4s', data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc = struct.unpack('>I', data[pos + 8 + length:pos + 12 + length])[0]
        if zlib.crc32(kind + body) & 0xffffffff != crc:
            raise ValueError('bad CRC in the %s chunk' % kind.decode('ascii', 'replace'))
        yield kind, body
        pos += 12 + length


def read_png(path, alpha=False):
    """(width, height, rows) of an 8-bit RGB or RGBA PNG file, rows as lists
    of (r, g, b) tuples, or (r, g, b, a) with alpha=True (255 where the
    file has no alpha). PNG's alpha is not premultiplied."""
    data = Path(path).read_bytes()
    idat, width = b'', None
    try:
        for kind, body in chunks(data):
            if kind == b'IHDR':
                width, height, depth, colour, _, _, interlace = struct.unpack('>IIBBBBB', body)
                if depth != 8 or colour not in (2, 6) or interlace:
                    raise ValueError(f'PNG of depth {depth}, colour type {colour}, interlace '
                                     f'{interlace}: only 8-bit RGB(A) is read here')
            elif kind == b'IDAT':
                idat += body
    except ValueError as e:
        raise ValueError(f'{path}: {e}') from None
    bpp = 3 if colour == 2 else 4
    raw = zlib.decompress(idat)
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        f = raw[y * (stride + 1)]
        line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 0xff
            elif f == 2:
                line[i] = (line[i] + b) & 0xff
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 0xff
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 0xff
        if alpha and bpp == 3:
            rows.append([tuple(line[x:x + 3]) + (255,) for x in range(0, stride, 3)])
        else:
            n = 4 if alpha else 3
            rows.append([tuple(line[x:x + n]) for x in range(0, stride, bpp)])
        prev = line
    return width, height, rows
