"""Hypothesis strategies that break valid documents the way files arrive broken: a JSON tree with
keys dropped, values swapped for anything, lists grown; a text or byte string cut, with bytes
flipped or inserted. The fuzz tests of the importers start from valid files and mutate them, so
most examples get past the first check and reach the code behind it."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st

Path = tuple[Any, ...]

ODD_SCALARS = st.sampled_from(
    [
        "",
        " ",
        "0",
        "-1",
        "1e999",
        "NaN",
        "2026-13-01",
        "2026-02-30",
        "0001-01-01",
        "9999-12-31",
        "9999-12-31T23:59:59Z",
        "2026-11-02T10:15:00",
        "2026",
        "2026-05",
        "F33.2",
        "Z99.99",
        "1234567893",
        "Patient/p1",
        "#contained",
        "\u0000",
        "\ud800",
        "x" * 300,
    ]
)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**20), max_value=10**20)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | ODD_SCALARS
)
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.text(max_size=8) | st.sampled_from(["id", "code", "value"]), inner, max_size=3
        )
    ),
    max_leaves=8,
)


def paths(node: object, here: Path = ()) -> Iterator[Path]:
    """Every path into a JSON tree, the root first."""
    yield here
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*here, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from paths(value, (*here, index))


def _at(node: Any, path: Path) -> Any:
    for part in path:
        node = node[part]
    return node


@st.composite
def mutated_tree(draw: st.DrawFn, documents: list[Any], *, leaves: Any = VALUES) -> Any:
    """One of ``documents``, copied, with one to four of: a key or item dropped, a value
    replaced by ``leaves``, a list item repeated, a new key added."""
    document = copy.deepcopy(draw(st.sampled_from(documents)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        inner = [path for path in paths(document) if path]
        if not inner:
            break
        path = draw(st.sampled_from(inner))
        parent = _at(document, path[:-1])
        action = draw(st.sampled_from(["drop", "replace", "repeat", "add"]))
        if action == "drop":
            del parent[path[-1]]
        elif action == "replace":
            parent[path[-1]] = draw(leaves)
        elif action == "repeat" and isinstance(parent, list):
            parent.append(copy.deepcopy(parent[path[-1]]))
        elif isinstance(parent, dict):
            parent[draw(st.text(max_size=10))] = draw(leaves)
    return document


@st.composite
def mutated_bytes(draw: st.DrawFn, originals: list[bytes], *, keep: int = 0) -> bytes:
    """One of ``originals`` with one to six of: a byte changed, a run deleted, bytes inserted,
    the end cut off; the first ``keep`` bytes are left alone."""
    data = bytearray(draw(st.sampled_from(originals)))
    for _ in range(draw(st.integers(min_value=1, max_value=6))):
        if len(data) <= keep + 1:
            break
        at = draw(st.integers(min_value=keep, max_value=len(data) - 1))
        action = draw(st.sampled_from(["change", "delete", "insert", "cut"]))
        if action == "change":
            data[at] = draw(st.integers(min_value=0, max_value=255))
        elif action == "delete":
            del data[at : at + draw(st.integers(min_value=1, max_value=64))]
        elif action == "insert":
            data[at:at] = draw(st.binary(max_size=24))
        else:
            del data[at:]
    return bytes(data)
