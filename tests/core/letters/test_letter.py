from datetime import date

from ketacover.core.letters.letter import (
    Blank,
    Bullets,
    Heading,
    Letter,
    Paragraph,
    Party,
    Signature,
    Table,
)


def _letter(**changes) -> Letter:
    fields = {
        "kind": "example",
        "title": "Letter of medical necessity",
        "date": date(2026, 11, 23),
        "subject": "Re: IV ketamine",
        "running_header": "Ada Example · DOB 01/02/1980",
        "body": (
            Heading("History"),
            Paragraph("Two trials failed."),
            Bullets(("sertraline", "venlafaxine")),
            Table(("Drug", "Weeks"), (("sertraline", "12"),), caption="Trials"),
            Table(("Code",), (("F33.2",),)),
            Blank("Reference number"),
        ),
    }
    fields.update(changes)
    return Letter(**fields)


def test_text_reads_every_block_in_order():
    text = _letter().text()
    assert text.splitlines() == [
        "Letter of medical necessity",
        "Re: IV ketamine",
        "History",
        "Two trials failed.",
        "- sertraline",
        "- venlafaxine",
        "Trials",
        "Drug | Weeks",
        "sertraline | 12",
        "Code",
        "F33.2",
        "Reference number: ____",
    ]


def test_text_includes_parties_references_signature_citations_and_enclosures():
    letter = _letter(
        sender=Party("Example Clinic", ("1 Main St",)),
        recipient=Party("Example Health", ("Utilization management",)),
        references=(("Member ID", "XKC000123456"),),
        salutation="Dear reviewer:",
        closing="Sincerely,",
        signature=Signature("Dr. Jo Example", "MD", "1234567893", ("Example Clinic",)),
        citations=("Zarate CA Jr, et al. 2006.",),
        enclosures=("Treatment history",),
        notice="Information, not legal advice.",
        body=(),
    )
    lines = letter.text().splitlines()
    assert lines[1:5] == ["Example Clinic", "1 Main St", "Example Health", "Utilization management"]
    assert "Member ID: XKC000123456" in lines
    signed = lines.index("Signature: ____")
    assert lines[signed : signed + 4] == [
        "Signature: ____",
        "Dr. Jo Example, MD",
        "NPI 1234567893",
        "Example Clinic",
    ]
    assert lines[signed + 4] == "Date signed: ____"
    assert "NPI 1234567893" in lines
    assert "Signature: ____" in lines
    assert "Date signed: ____" in lines
    assert "1. Zarate CA Jr, et al. 2006." in lines
    assert lines[-3:] == ["Enclosures:", "Treatment history", "Information, not legal advice."]


def test_a_signature_without_npi_or_credentials_prints_only_the_name():
    letter = _letter(body=(), signature=Signature("Ada Example", signer_fields=("Signature",)))
    assert letter.text().splitlines()[-2:] == ["Signature: ____", "Ada Example"]
