"""A tiny, valid ICC v2 CMYK output profile for tests.

Debian ships no free CMYK press profile (icc-profiles-free has only FOGRA
measurement data), and the real ones (ISO Coated v2, FOGRA39) may not be
redistributed with the tests.  LittleCMS (through Pillow, as WeasyPrint reads
it) accepts this one: a 2-point lut16 each way between CMYK and Lab.
"""

from __future__ import annotations

import itertools
import struct


def _s15(x: float) -> bytes:
    return struct.pack(">i", round(x * 65536))


def _lab16(lab: tuple[float, float, float]) -> tuple[int, int, int]:
    lightness, a, b = lab
    return (round(lightness / 100 * 0xFF00), round((a + 128) * 256), round((b + 128) * 256))


def _lut16(inputs: int, outputs: int, grid: list[tuple[int, ...]]) -> bytes:
    data = b"mft2" + b"\0" * 4 + bytes([inputs, outputs, 2, 0])
    for row in ((1, 0, 0), (0, 1, 0), (0, 0, 1)):
        data += b"".join(_s15(v) for v in row)
    data += struct.pack(">HH", 2, 2)
    data += struct.pack(">HH", 0, 0xFFFF) * inputs
    for values in grid:
        data += struct.pack(f">{outputs}H", *values)
    data += struct.pack(">HH", 0, 0xFFFF) * outputs
    return data


def _desc(text: str) -> bytes:
    raw = text.encode("ascii") + b"\0"
    return (
        b"desc" + b"\0" * 4 + struct.pack(">I", len(raw)) + raw + b"\0" * 8 + b"\0" * 3 + b"\0" * 67
    )


def cmyk_profile(name: str = "pliego test CMYK") -> bytes:
    a2b = []
    for c, m, y, k in itertools.product((0, 1), repeat=4):
        ink = min(1.0, (c + m + y) / 3 + k)
        a2b.append(_lab16((100 * (1 - ink), 40 * (m - c), 40 * (y - m))))
    b2a = []
    for lightness, _a, _b in itertools.product((0, 1), repeat=3):
        b2a.append((0, 0, 0, 0 if lightness else 0xFFFF))
    tags = [
        (b"desc", _desc(name)),
        (b"cprt", b"text" + b"\0" * 4 + b"Public domain test profile\0"),
        (b"wtpt", b"XYZ " + b"\0" * 4 + _s15(0.9642) + _s15(1.0) + _s15(0.8249)),
        (b"A2B0", _lut16(4, 3, a2b)),
        (b"B2A0", _lut16(3, 4, b2a)),
    ]
    offset = 128 + 4 + 12 * len(tags)
    table = struct.pack(">I", len(tags))
    body = b""
    for sig, data in tags:
        while (offset + len(body)) % 4:
            body += b"\0"
        table += sig + struct.pack(">II", offset + len(body), len(data))
        body += data
    while len(body) % 4:
        body += b"\0"
    size = 128 + len(table) + len(body)
    header = (
        struct.pack(">I", size)
        + b"lcms"
        + bytes([2, 0x10, 0, 0])
        + b"prtr"
        + b"CMYK"
        + b"Lab "
        + struct.pack(">6H", 2023, 2, 9, 0, 0, 0)
        + b"acsp"
        + b"APPL"
        + b"\0" * 4
        + b"\0" * 8
        + b"\0" * 8
        + struct.pack(">I", 0)
        + _s15(0.9642)
        + _s15(1.0)
        + _s15(0.8249)
        + b"lcms"
        + b"\0" * 16
        + b"\0" * 28
    )
    assert len(header) == 128
    return header + table + body
