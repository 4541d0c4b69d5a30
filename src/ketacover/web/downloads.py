r"""The ``Content-Disposition`` header of every download, written per RFC 6266.

A file name can come from data (a case id stored before ids were limited to a safe pattern, a
name typed long ago): written raw into ``filename="..."`` a quote or a semicolon adds a header
parameter, a line break makes the header invalid, and non-ASCII letters make browsers drop the
disposition. So every download names its file twice (RFC 6266 section 4.3): ``filename*`` with
the whole name percent-encoded as UTF-8 (RFC 8187; percent-encoding leaves no quote, semicolon,
space or control character), read by every current browser, and a plain ``filename`` with
everything outside ``A-Z a-z 0-9 . _ -`` replaced by ``_`` for older clients.

>>> print(disposition("case-0001-appeal-v1.pdf"))
attachment; filename="case-0001-appeal-v1.pdf"; filename*=UTF-8''case-0001-appeal-v1.pdf
>>> print(disposition('a"; x=y\r\nZ: ñ.pdf'))
attachment; filename="a___x_y__Z___.pdf"; filename*=UTF-8''a%22%3B%20x%3Dy%0D%0AZ%3A%20%C3%B1.pdf
"""

from __future__ import annotations

import re
from typing import Final, Literal
from urllib.parse import quote

_UNSAFE: Final = re.compile(r"[^A-Za-z0-9._-]")
_MAX_NAME: Final = 200
"""Longest name sent; longer ones keep their end (the extension)."""


def disposition(filename: str, *, kind: Literal["attachment", "inline"] = "attachment") -> str:
    """The header value for a download named ``filename`` (never quotes a character that could
    end or extend the header)."""
    name = filename[-_MAX_NAME:] or "download"
    fallback = _UNSAFE.sub("_", name).lstrip(".") or "download"
    return f"{kind}; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
