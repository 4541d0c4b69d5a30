"""The shape of a document ketacover writes: content only, no layout.

Renderers (``ketacover.render``) turn a :class:`Letter` into PDF, DOCX or HTML. Everything a
letter says is decided here, in the core, from the case and the domain facts; a renderer adds no
words of its own except page numbers and the running header it is given.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ketacover.core.letters.language import Language, Phrase


@dataclass(frozen=True, slots=True)
class Party:
    """A sender or recipient: a name and the lines under it (department, address, phone)."""

    name: str
    lines: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Heading:
    """A section heading inside the body."""

    text: str


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of plain text (no markup)."""

    text: str


@dataclass(frozen=True, slots=True)
class Bullets:
    """A bulleted list."""

    items: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    """A table with a header row. ``widths`` are relative column widths, when they matter."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    caption: str | None = None
    widths: tuple[int, ...] | None = None


@dataclass(frozen=True, slots=True)
class Blank:
    """A labelled line left for a person to fill in by hand (a call's answer, a signer's field).

    Only facts that cannot be known before the call or the signature are ever left blank.
    """

    label: str
    lines: int = 1


Block = Heading | Paragraph | Bullets | Table | Blank


@dataclass(frozen=True, slots=True)
class Signature:
    """The signer's block. ``signer_fields`` are the lines only the signer can fill."""

    name: str
    credentials: str | None = None
    npi: str | None = None
    lines: tuple[str, ...] = ()
    signer_fields: tuple[str, ...] = ("Signature", "Date signed")


@dataclass(frozen=True, slots=True)
class Letter:
    """One document: a letter, a form-like sheet (cover sheet, superbill, call script) or a list.

    ``references`` are the identifier lines under the subject (patient, date of birth, member ID,
    claim or reference numbers). ``running_header`` goes on page 2 onward (patient's name and date
    of birth, so loose pages find their way back). ``citations`` are formatted references, numbered
    in the order given.
    """

    kind: str
    title: str
    date: date
    subject: str
    body: tuple[Block, ...]
    running_header: str
    sender: Party | None = None
    recipient: Party | None = None
    references: tuple[tuple[str, str], ...] = ()
    salutation: str | None = None
    closing: str | None = None
    signature: Signature | None = None
    citations: tuple[str, ...] = ()
    enclosures: tuple[str, ...] = ()
    notice: str | None = None
    """A closing note in small print (e.g. that this is information, not legal advice)."""
    language: Language = Language.EN
    """The language the letter is written in; renderers word the date line, the enclosures
    heading and the page numbers in it."""

    def text(self) -> str:
        """All the words of the letter as plain text, in reading order (for tests and search)."""
        parts: list[str] = [self.title]
        if self.sender is not None:
            parts += [self.sender.name, *self.sender.lines]
        if self.recipient is not None:
            parts += [self.recipient.name, *self.recipient.lines]
        parts.append(self.subject)
        parts += [f"{label}: {value}" for label, value in self.references]
        if self.salutation:
            parts.append(self.salutation)
        for block in self.body:
            parts += _block_text(block)
        if self.closing:
            parts.append(self.closing)
        if self.signature is not None:
            sig = self.signature
            # As US letters are signed: the signature line above the name, the rest below.
            parts += [f"{field}: ____" for field in sig.signer_fields[:1]]
            parts.append(", ".join(p for p in (sig.name, sig.credentials) if p))
            if sig.npi:
                parts.append(f"NPI {sig.npi}")
            parts += [*sig.lines, *(f"{field}: ____" for field in sig.signer_fields[1:])]
        parts += [f"{i}. {c}" for i, c in enumerate(self.citations, start=1)]
        if self.enclosures:
            parts += [f"{ENCLOSURES.format(self.language)}:", *self.enclosures]
        if self.notice:
            parts.append(self.notice)
        return "\n".join(parts)


ENCLOSURES = Phrase("Enclosures", "Documentos adjuntos")
"""The heading of the list of enclosures."""


def _block_text(block: Block) -> list[str]:
    if isinstance(block, Heading | Paragraph):
        return [block.text]
    if isinstance(block, Bullets):
        return [f"- {item}" for item in block.items]
    if isinstance(block, Table):
        rows = [" | ".join(block.columns), *(" | ".join(row) for row in block.rows)]
        return [block.caption, *rows] if block.caption else rows
    return [f"{block.label}: ____"]


@dataclass(frozen=True, slots=True)
class Packet:
    """Several documents sent together, in order (e.g. a prior-authorization packet)."""

    title: str
    documents: tuple[Letter, ...]
    running_header: str
