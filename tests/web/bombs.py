"""Hostile inputs for the abuse suite and bench/abuse.py: nesting, size and compression bombs.

Each builder returns bytes made on the spot (nothing stored in the repository); the compression
bombs reuse one compressed block, so building them costs a fraction of a second.
"""

from __future__ import annotations

import io
import json
import struct
import zipfile
import zlib
from functools import cache

MB = 1024 * 1024


def nested_yaml(depth: int = 30_000) -> bytes:
    """A YAML flow sequence nested ``depth`` deep (60 KB at the default): the SIGSEGV of
    finding 1."""
    return b"[" * depth + b"]" * depth


def nested_block_yaml(depth: int = 30_000) -> bytes:
    """A YAML block sequence nested ``depth`` deep (``- - - ... x``)."""
    return b"- " * depth + b"x\n"


def nested_case_json(depth: int = 30_000) -> bytes:
    """A case file whose ``notes`` nest ``depth`` lists deep, as JSON."""
    return b'{"id": "case-1", "notes": ' + b"[" * depth + b"]" * depth + b"}"


def nested_bundle(depth: int = 30_000) -> bytes:
    """A FHIR Bundle with an entry nested ``depth`` objects deep."""
    inner = b'{"a": ' * depth + b"1" + b"}" * depth
    return b'{"resourceType": "Bundle", "type": "collection", "entry": [' + inner + b"]}"


def long_number_json() -> bytes:
    """A JSON number of 5,000 digits (Python refuses to convert more than 4,300)."""
    return b'{"resourceType": "Bundle", "type": "collection", "total": ' + b"9" * 5000 + b"}"


def alias_bomb_yaml(levels: int = 9) -> bytes:
    """The billion-laughs YAML: each alias repeats the one before ten times."""
    lines = ['a0: &a0 ["lol"]']
    for level in range(1, levels + 1):
        previous = f"*a{level - 1}"
        lines.append(f"a{level}: &a{level} [{', '.join([previous] * 10)}]")
    return ("\n".join(lines) + "\n").encode()


def oversized(size: int, head: bytes = b"") -> bytes:
    """``head`` padded with spaces to ``size`` bytes."""
    return head + b" " * (size - len(head))


@cache
def _deflated_spaces(size: int) -> bytes:
    return zlib.compress(b" " * size, 9)


def flate_bomb_pdf(pages: int = 15, page_bytes: int = 70 * MB) -> bytes:
    """A PDF of ``pages`` pages, each a Flate content stream of ``page_bytes`` spaces (about
    70 kB compressed per 70 MB): the packet bomb of finding 2 at the defaults."""
    stream = _deflated_spaces(page_bytes)
    objects: list[bytes] = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{3 + 2 * n} 0 R" for n in range(pages))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    for n in range(pages):
        page = f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * n} 0 R >>"
        objects.append(page.encode())
        head = f"<< /Length {len(stream)} /Filter /FlateDecode >>\nstream\n".encode()
        objects.append(head + stream + b"\nendstream")
    return _pdf(objects)


def _pdf(objects: list[bytes]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
    out.write(trailer.encode())
    return out.getvalue()


def png_pixel_bomb(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG whose header claims ``width`` x ``height`` grey pixels, its rows compressed from
    zeros: 2.5 billion pixels at the defaults in a file of a few megabytes."""
    row = b"\x00" + b"\x00" * width
    compressor = zlib.compressobj(9)
    rows = b"".join(compressor.compress(row) for _ in range(min(height, 64)))
    data = rows + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", data)
        + _chunk(b"IEND", b"")
    )


def truncated_png() -> bytes:
    """A small PNG cut off in the middle of its pixel data: its first bytes are a PNG's."""
    whole = png_pixel_bomb(64, 64)
    return whole[: len(whole) // 2]


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def zip_with(entries: dict[str, bytes]) -> bytes:
    """A deflated zip of ``entries``."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def deep_api_body(depth: int = 30_000) -> bytes:
    """An API body whose case nests ``depth`` lists deep."""
    return (
        b'{"version": 1, "case": {"id": "case-1", "notes": ' + b"[" * depth + b"]" * depth + b"}}"
    )


def wide_json(items: int = 200_000) -> bytes:
    """A flat but long JSON list (nothing nested): within every bound, merely large."""
    return json.dumps({"resourceType": "Bundle", "type": "collection", "x": [0] * items}).encode()
