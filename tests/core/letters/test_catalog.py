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


def test_only_the_call_script_is_written_in_spanish_and_every_kind_in_english():
    from ketacover.core.letters.language import Language

    spanish = {item.name for item in KINDS if Language.ES in item.languages}
    assert spanish == {"call-script"}
    assert all(item.languages[0] is Language.EN for item in KINDS)


def test_a_letter_to_the_plan_stays_in_english_whatever_language_is_asked_for():
    from pathlib import Path

    from ketacover.core.letters.catalog import Options
    from ketacover.core.letters.language import Language
    from ketacover.interop.casefile import load_case

    examples = Path(__file__).resolve().parents[3] / "examples"
    case = load_case(examples / "denial-appeal-running.yaml")
    today = date(2026, 11, 23)
    options = Options(variant="patient")
    english = catalog.compose("appeal", case, today, options)
    assert catalog.compose("appeal", case, today, options, language=Language.ES) == english
    script = catalog.compose("call-script", case, today, language=Language.ES)
    assert script.language is Language.ES


def test_cover_note_refuses_an_unknown_kind_before_composing():
    from ketacover.core.letters.language import Language

    with pytest.raises(UnknownKindError):
        catalog.cover_note("love-letter", None, date(2026, 11, 23), language=Language.ES)  # type: ignore[arg-type]
