"""The sources list: the shipped topic files load, every id cited anywhere exists, and a malformed
file is a loud error naming the file and the entry."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from ketacover.core.errors import SourceBookError
from ketacover.core.sourcebook import cite, entries, entry, is_known
from ketacover.core.sourcebook.book import parse_topic, read_topics
from ketacover.core.sources import Confidence

SRC = Path(__file__).resolve().parents[3] / "src" / "ketacover"

GOOD = """
[[source]]
id = "cfr-42-424-44"
title = "Time limits for filing Medicare claims"
issuer = "Centers for Medicare & Medicaid Services"
number = "42 CFR 424.44"
date = "2024-01-01"
url = "https://www.ecfr.gov/current/title-42/section-424.44"
confidence = "verified"
supports = "Original Medicare claims are filed within 12 months of the date of service."
"""


def test_the_shipped_topic_files_load_with_unique_ids():
    book = entries()
    assert len(book) > 50
    assert all(item.id == key for key, item in book.items())


def test_every_topic_file_in_the_package_is_read():
    names = {
        f.name
        for f in resources.files("ketacover.core.sourcebook").iterdir()
        if f.name.endswith(".toml")
    }
    assert {item.origin for item in entries().values()} == names


def test_a_regulation_is_cited_by_its_number_alone():
    assert entry("cfr-29-2560-503-1-h-3-i").citation == "29 CFR 2560.503-1(h)(3)(i)"


def test_a_payer_policy_is_cited_by_issuer_title_number_and_date():
    citation = entry("premera-5-01-609").citation
    assert citation.startswith("Premera Blue Cross, Esketamine (Spravato) medical policy 5.01.609")
    assert citation.endswith(", 2026-01-01")


def test_cite_gives_a_source_that_keeps_its_id_address_and_confidence():
    source = cite("cfr-42-422-subpart-m")
    assert source.key == "cfr-42-422-subpart-m"
    assert source.confidence is Confidence.PARTLY_VERIFIED
    assert source.url is not None
    assert source.url.startswith("https://www.ecfr.gov/")


def test_an_unknown_id_is_an_error_naming_it():
    with pytest.raises(SourceBookError, match="no source with id 'nowhere'"):
        cite("nowhere")


def test_every_source_id_cited_in_the_code_exists():
    cited = set()
    for path in SRC.rglob("*.py"):
        cited |= set(re.findall(r'\bcite\("([a-z0-9-]+)"\)', path.read_text(encoding="utf-8")))
    assert cited
    assert sorted(name for name in cited if not is_known(name)) == []


def test_every_source_id_in_the_rule_files_exists():
    rules = SRC / "core" / "coverage" / "rules"
    cited = set()
    for path in rules.rglob("*.toml"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("source = "):
                cited |= set(re.findall(r'"([^"]+)"', line))
    assert cited
    assert sorted(name for name in cited if not is_known(name)) == []


def test_no_entry_cites_the_teams_internal_notes():
    for item in entries().values():
        text = " ".join((item.title, item.issuer, item.number, item.supports))
        assert "facts.md" not in text
        assert "[PV]" not in text
        assert "[U]" not in text


def test_a_good_topic_file_parses():
    (item,) = parse_topic(GOOD, "billing.toml")
    assert item.citation == "42 CFR 424.44"
    assert item.origin == "billing.toml"


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ('id = "cfr-42-424-44"', 'id = "CFR 42"', "id must be lowercase letters, digits"),
        ('date = "2024-01-01"', 'date = "01/01/2024"', "date must be YYYY-MM-DD"),
        ('date = "2024-01-01"', 'date = "2024-02-30"', "is not a calendar date"),
        ('confidence = "verified"', 'confidence = "sure"', "confidence must be verified"),
        ('url = "https://www.ecfr', 'url = "ftp://www.ecfr', "url must be a web address"),
        ('title = "Time limits for filing Medicare claims"', 'title = ""', "title must not be"),
        ('number = "42 CFR 424.44"', "number = 42", "number must be a string"),
        ('supports = "Original', 'extra = 1\nsupports = "Original', "unknown key 'extra'"),
    ],
)
def test_a_malformed_entry_is_an_error_naming_the_file_and_the_entry(old, new, message):
    text = GOOD.replace(old, new, 1)
    assert text != GOOD
    with pytest.raises(SourceBookError, match=r"^billing\.toml, source ") as error:
        parse_topic(text, "billing.toml")
    assert message in str(error.value)


def test_a_missing_key_is_an_error_naming_the_entry():
    text = GOOD.replace('date = "2024-01-01"\n', "")
    with pytest.raises(SourceBookError, match="'cfr-42-424-44': date must be a string"):
        parse_topic(text, "billing.toml")


def test_a_toml_syntax_error_names_the_file():
    with pytest.raises(SourceBookError, match=r"^billing\.toml: "):
        parse_topic("[[source]\nid=", "billing.toml")


def test_a_file_without_entries_or_with_other_tables_is_an_error():
    with pytest.raises(SourceBookError, match="no \\[\\[source\\]\\] entries"):
        parse_topic("", "empty.toml")
    with pytest.raises(SourceBookError, match="unknown top-level key 'rule'"):
        parse_topic(GOOD + "\n[rule]\na = 1\n", "mixed.toml")


def test_an_id_used_twice_in_one_file_is_an_error():
    with pytest.raises(SourceBookError, match="id used twice in this file"):
        parse_topic(GOOD + GOOD, "billing.toml")


def test_an_id_used_in_two_files_is_an_error_naming_both():
    with pytest.raises(
        SourceBookError, match=r"appeals\.toml: .* already defined in billing\.toml"
    ):
        read_topics([("billing.toml", GOOD), ("appeals.toml", GOOD)])


def test_the_index_of_ids_finds_every_entry_in_the_file_that_defines_it():
    from ketacover.core.sourcebook import book

    assert {key: item.origin for key, item in book.entries().items()} == book._index()


def test_citing_one_source_parses_only_the_topic_file_that_holds_it():
    import subprocess
    import sys

    code = (
        "from ketacover.core.sourcebook import book\n"
        "book.cite('code-icd10cm-fy2026')\n"
        "print(book._topic.cache_info().currsize, book._book.cache_info().currsize)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["1", "0"]


def test_an_id_that_no_topic_file_defines_is_refused_by_name():
    from ketacover.core.sourcebook import book

    with pytest.raises(SourceBookError, match="no source with id 'no-such-document'"):
        book.cite("no-such-document")
    assert not book.is_known("no-such-document")
