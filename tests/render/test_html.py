"""HTML letters: a standalone accessible document, and the fragment for the web preview."""

from __future__ import annotations

from dataclasses import replace
from html.parser import HTMLParser

import pytest

from ketacover.core.letters.letter import Letter, Paragraph, Table
from ketacover.render.html import render_html, render_html_fragment

_VOID = {"meta", "br", "link", "img", "hr", "input"}


class _Outline(HTMLParser):
    """Collects start tags with their attributes and checks that elements nest and close."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag not in _VOID:
            self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag


def outline(markup: str) -> _Outline:
    parser = _Outline()
    parser.feed(markup)
    parser.close()
    assert parser.open == []
    return parser


def test_it_is_a_well_formed_english_html5_document_with_a_main(letter: Letter) -> None:
    page = render_html(letter)
    assert page.startswith("<!DOCTYPE html>\n")
    tags = outline(page).tags
    assert tags[0] == ("html", {"lang": "en"})
    names = [tag for tag, _ in tags]
    assert names.count("main") == 1
    assert names.count("h1") == 1
    assert ("meta", {"charset": "utf-8"}) in tags
    assert "<title>Letter of Medical Necessity</title>" in page


def test_it_uses_no_external_resources(letter: Letter) -> None:
    page = render_html(letter)
    names = [tag for tag, _ in outline(page).tags]
    assert not {"link", "script", "img", "iframe"} & set(names)
    assert "http" not in page
    assert "url(" not in page


def test_tables_have_column_headers_and_a_caption(letter: Letter) -> None:
    page = render_html(letter)
    table = next(block for block in letter.body if isinstance(block, Table))
    headers = [attrs for tag, attrs in outline(page).tags if tag == "th"]
    assert headers == [{"scope": "col"}] * len(table.columns)
    assert "<caption>Failed antidepressant trials</caption>" in page
    assert "<thead>" in page
    for row in table.rows:
        assert "".join(f"<td>{cell}</td>" for cell in row) in page


def test_every_part_of_the_letter_is_in_the_page(letter: Letter) -> None:
    page = render_html(letter)
    assert '<time datetime="2026-11-23">November 23, 2026</time>' in page
    assert "<dt>Member ID</dt><dd>XKC000123456</dd>" in page
    assert "<h2>Clinical history</h2>" in page
    assert "<li>PHQ-9 of 22 on October 1, 2026</li>" in page
    assert "Jordan Sample, MD<br>NPI 1234567893<br>Example Ketamine Clinic" in page
    assert '<span class="label">Signature:</span>' in page
    assert page.count('class="rule-line"') == 2
    assert "<h2>References</h2><ol><li>" + letter.citations[0] in page
    assert "<h2>Enclosures</h2><ul><li>Treatment history</li>" in page
    assert "<small>This letter gives information, not legal advice.</small>" in page
    assert "“six infusions” over three weeks – a course" in page


def test_it_escapes_every_word_it_is_given(letter: Letter) -> None:
    hostile = replace(
        letter,
        title="<b>Title</b>",
        body=(Paragraph('<script>alert("x")</script> & more'),),
        references=(("<i>Label</i>", "O'Brien & Sons"),),
    )
    page = render_html(hostile)
    assert "<script>" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; more" in page
    assert "<title>&lt;b&gt;Title&lt;/b&gt;</title>" in page
    assert "<dt>&lt;i&gt;Label&lt;/i&gt;</dt><dd>O&#x27;Brien &amp; Sons</dd>" in page


def test_print_css_gives_letter_pages_numbers_and_the_header_after_page_one(
    letter: Letter,
) -> None:
    page = render_html(letter)
    assert "@page { size: letter; margin: 1in; }" in page
    assert 'content: "Page " counter(page) " of " counter(pages)' in page
    assert "@page :first { @top-left { content: none; } }" in page
    assert "page-break-before: always" in page
    assert "page-break-inside: avoid" in page
    header = r'"Ada Example \b7  DOB March 4\2c  1988"'
    assert f"content: {header};" in page


def test_a_running_header_cannot_break_out_of_the_style_sheet(letter: Letter) -> None:
    page = render_html(replace(letter, running_header='"; } </style><script>x</script>'))
    assert page.count("</style>") == 1
    assert "<script>" not in page


def test_no_running_header_means_no_header_rule(letter: Letter) -> None:
    page = render_html(replace(letter, running_header=""))
    assert "@top-left" not in page
    assert "counter(pages)" in page


def test_the_fragment_is_just_the_article(letter: Letter) -> None:
    fragment = render_html_fragment(letter)
    assert fragment.startswith('<article class="letter">')
    assert fragment.endswith("</article>")
    names = [tag for tag, _ in outline(fragment).tags]
    assert not {"html", "head", "body", "main", "style"} & set(names)
    assert fragment in render_html(letter)


@pytest.mark.parametrize(
    "missing",
    ["sender", "recipient", "salutation", "closing", "signature", "notice"],
)
def test_absent_parts_leave_no_empty_markup(letter: Letter, missing: str) -> None:
    fragment = render_html_fragment(replace(letter, **{missing: None}))
    marker = {
        "sender": 'class="letterhead"',
        "recipient": 'class="recipient"',
        "salutation": "Dear Medical Director:",
        "closing": 'class="closing"',
        "signature": 'class="signature"',
        "notice": 'class="notice"',
    }[missing]
    assert marker not in fragment
    outline(fragment)


def test_a_bare_letter_has_no_reference_list_citations_or_enclosures(letter: Letter) -> None:
    bare = replace(
        letter,
        sender=replace(letter.sender, lines=()) if letter.sender else None,
        references=(),
        citations=(),
        enclosures=(),
    )
    fragment = render_html_fragment(bare)
    for marker in ('class="references"', "References", "Enclosures", "1 Sample Way"):
        assert marker not in fragment
    assert '<p class="sender">Example Ketamine Clinic</p>' in fragment
