from datetime import date

import pytest

from ketacover.core.letters import catalog
from ketacover.core.letters.catalog import KINDS, UnknownKindError, kind


def test_every_kind_has_a_unique_name_and_a_module_target():
    names = [item.name for item in KINDS]
    assert len(names) == len(set(names))
    for item in KINDS:
        module, function = item.target.split(":")
        assert module
        assert function
        assert item.title
        assert item.description


def test_denial_documents_are_marked_as_needing_a_denial():
    needing = {item.name for item in KINDS if item.needs_denial}
    assert needing == {"appeal", "expedited-appeal", "peer-to-peer", "external-review"}


def test_an_unknown_kind_is_refused_with_the_list_of_kinds():
    with pytest.raises(UnknownKindError) as raised:
        kind("love-letter")
    assert "love-letter" in str(raised.value)
    assert "medical-necessity" in str(raised.value)


def test_compose_refuses_an_unknown_kind_before_importing_anything():
    with pytest.raises(UnknownKindError):
        catalog.compose("love-letter", None, date(2026, 11, 23))  # type: ignore[arg-type]
