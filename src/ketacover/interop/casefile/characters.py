"""Characters no text in a case file may hold, found on the raw file before validation.

Control characters other than tab, line feed and carriage return are never part of a name, a
note or a code; NUL in particular cannot be stored in a PostgreSQL text or ``jsonb`` value. A
JSON file may also spell a lone UTF-16 surrogate (``"\\ud800"``), which is no character at all and
cannot be written as UTF-8. Each value holding one is reported at its path, without echoing it.
Keys are field names, so a key holding one is already reported as a field ketacover does not
know.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from ketacover.interop.casefile.model_types import Loc

MESSAGE: Final = (
    "holds a character that is not text (a control character such as NUL, or a lone surrogate)"
)
NOT_TEXT: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]")
"""The characters refused: C0 controls but tab, line feed and carriage return; DEL; surrogates."""


def character_problems(data: object) -> Iterator[tuple[Loc, str]]:
    """Each string value in ``data`` that holds a character no text may hold, in file order.

    The walk keeps its own stack, so data nested as deeply as a JSON reader allows is walked
    without running out of Python's recursion limit."""
    stack: list[tuple[Loc, object]] = [((), data)]
    while stack:
        loc, value = stack.pop()
        if isinstance(value, str):
            if NOT_TEXT.search(value):
                yield loc, MESSAGE
        elif isinstance(value, dict):
            stack.extend(((*loc, key), item) for key, item in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*loc, index), item) for index, item in reversed(list(enumerate(value))))
