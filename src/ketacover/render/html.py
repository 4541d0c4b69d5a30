"""Letters as HTML: a standalone, accessible HTML5 document, or just its ``<article>``.

The fragment is what the web app shows as a preview; the document adds a head with inline CSS
(no external resources) whose print rules give US Letter pages with 1-inch margins, the running
header from page 2 on and "Page N of M". Every word of the letter is escaped.
"""

from __future__ import annotations

from html import escape

from ketacover.core.letters import letter as content
from ketacover.render.layout import check_table, word, written_date

_CSS = """
:root { color: #1a1a1f; background: #fff; }
body { margin: 0; font: 11pt/1.45 Helvetica, Arial, sans-serif; }
main { max-width: 6.5in; margin: 2rem auto; padding: 0 1rem; }
.letterhead { border-bottom: 1.5pt solid #1a1a1f; margin-bottom: 1.5em; font-style: normal; }
.letterhead .sender { font-size: 14pt; font-weight: bold; margin: 0; }
.letterhead p { margin: 0 0 .4em; color: #595c66; font-size: 9pt; }
h1 { font-size: 13pt; margin: 0 0 .5em; }
h2 { font-size: 11pt; margin: 1.2em 0 .3em; break-after: avoid; page-break-after: avoid; }
.subject { font-weight: bold; margin-bottom: .3em; }
.references { display: grid; grid-template-columns: 30% 70%; margin: 0 0 1em; font-size: 10pt; }
.references dt { font-weight: bold; }
.references dd { margin: 0; }
.body p { text-align: justify; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; margin: .5em 0 1em; }
caption { text-align: left; font-style: italic; padding-bottom: .2em; }
th, td { border: .5pt solid #9a9ea8; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eaecf1; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
.blank { display: flex; gap: .5em; align-items: flex-end; margin: 1em 0 0; font-weight: bold; }
.blank .rule, .rule-line { flex: 1; border-bottom: .75pt solid #1a1a1f; min-height: 1.3em; }
.rule-line { margin-top: .4em; }
.signature { margin-top: 1.5em; break-inside: avoid; page-break-inside: avoid; }
.signature address { font-style: normal; }
.citations li { font-size: 9.5pt; margin-bottom: .2em; }
.notice { font-size: 8pt; color: #595c66; margin-top: 1.5em; }
.letter + .letter { break-before: page; page-break-before: always; }
@page { size: letter; margin: 1in; }
@media print {
  main { max-width: none; margin: 0; padding: 0; }
}
"""


def render_html(letter: content.Letter) -> str:
    """One letter as a complete HTML5 document."""
    return _document(
        letter.title, letter.running_header, render_html_fragment(letter), letter.language
    )


def render_html_fragment(letter: content.Letter) -> str:
    """One letter as an ``<article>`` element, for embedding in a page."""
    # A fragment in another language than the page around it says so, for screen readers.
    lang = "" if letter.language == "en" else f' lang="{escape(letter.language)}"'
    parts = [f'<article class="letter"{lang}>']
    if letter.sender is not None:
        parts.append('<header class="letterhead"><address>')
        parts.append(f'<p class="sender">{escape(letter.sender.name)}</p>')
        if letter.sender.lines:
            parts.append(f"<p>{_lines(letter.sender.lines)}</p>")
        parts.append("</address></header>")
    parts.append(f"<h1>{escape(letter.title)}</h1>")
    written = written_date(letter.date, letter.language)
    when = f'<time datetime="{letter.date.isoformat()}">{escape(written)}</time>'
    parts.append(f'<p class="date">{when}</p>')
    if letter.recipient is not None:
        recipient = (letter.recipient.name, *letter.recipient.lines)
        parts.append(f'<p class="recipient">{_lines(recipient)}</p>')
    parts.append(f'<p class="subject">{escape(letter.subject)}</p>')
    if letter.references:
        pairs = "".join(
            f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>"
            for label, value in letter.references
        )
        parts.append(f'<dl class="references">{pairs}</dl>')
    parts.append('<div class="body">')
    if letter.salutation:
        parts.append(f"<p>{escape(letter.salutation)}</p>")
    parts += [_block(block) for block in letter.body]
    if letter.closing:
        parts.append(f'<p class="closing">{escape(letter.closing)}</p>')
    parts.append("</div>")
    if letter.signature is not None:
        parts.append(_signature(letter.signature))
    if letter.citations:
        items = "".join(f"<li>{escape(citation)}</li>" for citation in letter.citations)
        heading = escape(word("References", letter.language))
        parts.append(f'<section class="citations"><h2>{heading}</h2><ol>{items}</ol></section>')
    if letter.enclosures:
        items = "".join(f"<li>{escape(item)}</li>" for item in letter.enclosures)
        heading = escape(content.ENCLOSURES.format(letter.language))
        parts.append(f'<section class="enclosures"><h2>{heading}</h2><ul>{items}</ul></section>')
    if letter.notice:
        parts.append(f'<p class="notice"><small>{escape(letter.notice)}</small></p>')
    parts.append("</article>")
    return "\n".join(parts)


def _document(title: str, running_header: str, article: str, language: str = "en") -> str:
    header = (
        f"@page {{ @top-left {{ content: {_css_string(running_header)}; font-size: 8pt; }} }}\n"
        "@page :first { @top-left { content: none; } }\n"
        if running_header
        else ""
    )
    page = _css_string(f"{word('Page', language)} ")
    of = _css_string(f" {word('of', language)} ")
    numbers = (
        f"@page {{ @bottom-center {{ content: {page} counter(page) {of} counter(pages); "
        "font-size: 8pt; } }\n"
    )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(language)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}{header}{numbers}</style>\n</head>\n"
        f"<body>\n<main>\n{article}\n</main>\n</body>\n</html>\n"
    )


def _css_string(text: str) -> str:
    """``text`` as a CSS string literal: every character but letters, digits and spaces escaped."""
    escaped = "".join(
        char if char.isascii() and (char.isalnum() or char == " ") else f"\\{ord(char):x} "
        for char in text
    )
    return f'"{escaped}"'


def _lines(lines: tuple[str, ...]) -> str:
    return "<br>".join(escape(line) for line in lines)


def _block(block: content.Block) -> str:
    if isinstance(block, content.Heading):
        return f"<h2>{escape(block.text)}</h2>"
    if isinstance(block, content.Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, content.Bullets):
        return "<ul>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + "</ul>"
    if isinstance(block, content.Table):
        return _table(block)
    return _blank(block.label, block.lines)


def _table(table: content.Table) -> str:
    check_table(table)
    caption = f"<caption>{escape(table.caption)}</caption>" if table.caption else ""
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in table.columns)
    rows = "".join(
        "<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>" for row in table.rows
    )
    return f"<table>{caption}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>"


def _blank(label: str, lines: int) -> str:
    """A labelled line to write on (and further ruled lines), hidden from screen readers."""
    extra = '<div class="rule-line" aria-hidden="true"></div>' * (max(lines, 1) - 1)
    return (
        f'<div class="blank"><span class="label">{escape(label)}:</span>'
        f'<span class="rule" aria-hidden="true"></span></div>{extra}'
    )


def _signature(signature: content.Signature) -> str:
    name = ", ".join(part for part in (signature.name, signature.credentials) if part)
    lines = [name, *([f"NPI {signature.npi}"] if signature.npi else []), *signature.lines]
    # As US letters are signed: the signature line above the printed name, the rest below.
    first = "".join(_blank(field, 1) for field in signature.signer_fields[:1])
    rest = "".join(_blank(field, 1) for field in signature.signer_fields[1:])
    address = f"<address>{_lines(tuple(lines))}</address>"
    return f'<section class="signature">{first}{address}{rest}</section>'
