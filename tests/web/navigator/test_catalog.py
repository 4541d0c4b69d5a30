"""The Spanish catalog: every message of the navigator translated, and the compiled file saying
exactly what the source says (so a stale .mo cannot ship)."""

from __future__ import annotations

import shutil

from django.utils import translation

from ketacover.web.navigator import catalog


def test_every_message_the_navigator_uses_is_translated():
    source = catalog.source_translations(catalog.read_catalog())
    used = set(catalog.messages())
    assert used, "the extractor finds the navigator's messages"
    assert used - set(source) == set()
    assert set(source) - used == set(), "translations no page uses"


def test_the_compiled_catalog_says_exactly_what_the_source_says():
    assert catalog.compiled() == catalog.source_translations(catalog.read_catalog())


def test_compiling_gives_what_is_committed(tmp_path):
    target = tmp_path / "django.mo"
    catalog.compile_catalog(catalog.PO, target)
    assert catalog.compiled(target) == catalog.compiled()


def test_an_update_keeps_every_translation(tmp_path):
    copy = tmp_path / "django.po"
    shutil.copy(catalog.PO, copy)
    assert catalog.update(copy) == []
    assert catalog.source_translations(catalog.read_catalog(copy)) == catalog.source_translations(
        catalog.read_catalog()
    )


def test_a_message_missing_from_the_catalog_is_reported(tmp_path, monkeypatch):
    copy = tmp_path / "django.po"
    shutil.copy(catalog.PO, copy)
    monkeypatch.setattr(catalog, "messages", lambda: iter(["A new sentence nobody translated."]))
    assert catalog.update(copy) == ["A new sentence nobody translated."]


def test_django_reads_the_catalog():
    with translation.override("es"):
        assert translation.gettext("I don't know") == "No sé"


def test_the_command_line_compiles_and_refuses_anything_else(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(catalog, "MO", tmp_path / "out.mo")
    monkeypatch.setattr(catalog, "compile_catalog", lambda: (tmp_path / "out.mo").write_bytes(b""))
    assert catalog.main(["compile"]) == 0
    assert catalog.main(["translate"]) == 2
    assert "usage" in capsys.readouterr().err
    monkeypatch.setattr(catalog, "update", lambda: ["x"])
    assert catalog.main(["update"]) == 0
    assert "untranslated: x" in capsys.readouterr().out
