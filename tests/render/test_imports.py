"""The renderers know nothing of cases: from the core they import letters and errors only."""

from __future__ import annotations

import ast
from pathlib import Path

import ketacover.render

ALLOWED = ("ketacover.render", "ketacover.core.letters.letter", "ketacover.core.errors")
FORMS = {
    "abn.py": ("ketacover.core.billing.abn", "ketacover.core.letters.text.money"),
    "good_faith.py": ("ketacover.core.billing.good_faith", "ketacover.core.model.Address"),
}
"""Renderers of government forms filled from the billing core's own record of them (as the
CMS-1500 in ``render/cms1500`` draws a claim): each may read that record, and nothing else of
the core beyond what every renderer may."""


def imported_names(source: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names |= {f"{node.module}.{alias.name}" for alias in node.names}
    return names


def test_renderers_import_only_letters_and_errors_from_ketacover() -> None:
    sources = sorted(Path(ketacover.render.__file__).parent.glob("*.py"))
    assert len(sources) >= 8
    for source in sources:
        ours = {name for name in imported_names(source) if name.startswith("ketacover")}
        allowed = ALLOWED + FORMS.get(source.name, ())
        strays = {name for name in ours if not name.startswith(allowed)}
        assert not strays, f"{source.name} imports {sorted(strays)}"
