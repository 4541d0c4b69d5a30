"""``ketacover letter``, ``ketacover packet`` and ``ketacover superbill`` on the example cases."""

import io
import re
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader, PdfWriter

from ketacover.core.letters.catalog import KINDS, prior_authorization_packet
from ketacover.interop.casefile import load_case

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
READY = str(EXAMPLES / "esketamine-ready-ppo.yaml")
REAUTH = str(EXAMPLES / "approved-pa-reauth.yaml")
TODAY = "2026-11-23"


def pdf_text(path: Path) -> str:
    reader = PdfReader(path)
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def without_prescriber(folder: Path) -> Path:
    """esketamine-ready-ppo with its prescriber block taken out."""
    text = (EXAMPLES / "esketamine-ready-ppo.yaml").read_text(encoding="utf-8")
    cut = re.sub(r"^prescriber:\n(?:[ #].*\n)*", "", text, flags=re.MULTILINE)
    assert cut != text
    path = folder / "no-prescriber.yaml"
    path.write_text(cut, encoding="utf-8")
    return path


def blank_pdf(path: Path, pages: int) -> Path:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    with path.open("wb") as stream:
        writer.write(stream)
    return path


def test_letter_list_names_every_kind(run):
    result = run("letter", "--list")
    assert result.exit_code == 0
    for kind in KINDS:
        assert kind.name in result.stdout
    assert "Needs a denial." in result.stdout


def test_it_writes_the_letter_of_medical_necessity_as_a_pdf(run, tmp_path):
    output = tmp_path / "x.pdf"
    result = run("letter", "medical-necessity", READY, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"wrote {output} (Letter of medical necessity)"
    reader = PdfReader(output)
    assert len(reader.pages) >= 1
    assert "Avery Testperson" in pdf_text(output)
    assert [path.name for path in tmp_path.iterdir()] == ["x.pdf"]


def test_it_writes_a_docx_that_reopens_with_the_patients_name(run, tmp_path):
    output = tmp_path / "lmn.docx"
    result = run("letter", "medical-necessity", READY, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    document = Document(str(output))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert "Avery Testperson" in text


@pytest.mark.parametrize("suffix", [".html", ".HTM"])
def test_it_writes_html_for_either_suffix(run, tmp_path, suffix):
    output = tmp_path / f"lmn{suffix}"
    result = run("letter", "medical-necessity", READY, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    html = output.read_text(encoding="utf-8")
    assert html.lower().startswith("<!doctype html>")
    assert "Avery Testperson" in html


def test_an_unknown_suffix_is_refused_with_the_allowed_ones_and_nothing_written(run, tmp_path):
    output = tmp_path / "lmn.txt"
    result = run("letter", "medical-necessity", READY, "-o", str(output))
    assert result.exit_code == 2
    assert result.stderr == (
        "ketacover: cannot tell the format from '.txt': use .pdf, .docx or .html\n"
    )
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_kind_is_refused_with_the_list_of_kinds(run, tmp_path):
    result = run("letter", "lmn", READY, "-o", str(tmp_path / "x.pdf"))
    assert result.exit_code == 2
    assert result.stderr.startswith("ketacover: unknown document kind 'lmn'; the kinds are: ")
    for kind in KINDS:
        assert kind.name in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_letter_without_a_case_or_output_says_what_to_give(run):
    result = run("letter", "medical-necessity")
    assert result.exit_code == 2
    assert "give KIND, a case file and -o FILE" in result.stderr


def test_missing_facts_are_listed_one_a_line_and_no_file_is_written(run, tmp_path):
    case = without_prescriber(tmp_path)
    output = tmp_path / "lmn.pdf"
    result = run("letter", "medical-necessity", str(case), "-o", str(output), "--today", TODAY)
    assert result.exit_code == 2
    lines = result.stderr.splitlines()
    assert lines[0] == (
        "ketacover: cannot write the letter of medical necessity; the case is missing:"
    )
    assert [line.split(":")[0] for line in lines[1:]] == ["  - prescriber", "  - prescriber.npi"]
    assert not output.exists()
    assert result.stdout == ""


def test_the_appeal_answers_the_denial_and_in_the_voice_asked_for(run, tmp_path):
    case = str(EXAMPLES / "denial-appeal-running.yaml")
    output = tmp_path / "appeal.html"
    result = run(
        "letter", "appeal", case, "-o", str(output), "--denial", "denial-1", "--today", TODAY
    )
    assert result.exit_code == 0, result.stderr
    result = run("letter", "appeal", case, "-o", str(output), "--denial", "denial-9")
    assert result.exit_code == 2
    assert "no denial with id 'denial-9'" in result.stderr
    assert "denial-2 (Example Mountain Insurance, notice of 11/09/2026: claim" in result.stderr
    assert "denial-1 (" in result.stderr
    result = run("letter", "appeal", case, "-o", str(output), "--variant", "poem")
    assert result.exit_code == 2
    assert "poem" in result.stderr


def test_the_packet_is_one_pdf_with_a_bookmark_for_each_document(run, tmp_path):
    output = tmp_path / "packet.pdf"
    result = run("packet", READY, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    bundle = prior_authorization_packet(load_case(READY), date.fromisoformat(TODAY))
    assert result.stdout.strip() == (
        f"wrote {output} ({len(bundle.documents)} documents, 0 attached)"
    )
    reader = PdfReader(output)
    assert len(reader.pages) >= 4
    titles = [item.title for item in reader.outline]
    assert titles == [document.title for document in bundle.documents]
    first_pages = [reader.get_destination_page_number(item) for item in reader.outline]
    assert first_pages == sorted(set(first_pages))
    assert first_pages[0] == 0


def test_an_attached_pdf_adds_its_pages_with_a_bookmark(run, tmp_path):
    plain = tmp_path / "plain.pdf"
    assert run("packet", READY, "-o", str(plain), "--today", TODAY).exit_code == 0
    notes = blank_pdf(tmp_path / "notes.pdf", pages=2)
    output = tmp_path / "packet.pdf"
    result = run("packet", READY, "-o", str(output), "--attach", str(notes), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip().endswith("documents, 1 attached)")
    assert len(PdfReader(output).pages) == len(PdfReader(plain).pages) + 2
    assert "notes.pdf" in [item.title for item in PdfReader(output).outline]


def test_an_attachment_that_is_not_a_pdf_is_named_and_nothing_is_written(run, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("Progress note, not a PDF.", encoding="utf-8")
    output = tmp_path / "packet.pdf"
    result = run("packet", READY, "-o", str(output), "--attach", str(notes), "--today", TODAY)
    assert result.exit_code == 2
    assert "notes.txt" in result.stderr
    assert not output.exists()


def test_an_attachment_that_cannot_be_read_is_named(run, tmp_path):
    output = tmp_path / "packet.pdf"
    result = run("packet", READY, "-o", str(output), "--attach", str(tmp_path / "gone.pdf"))
    assert result.exit_code == 2
    assert result.stderr.startswith("ketacover: gone.pdf: cannot read the attachment")
    assert not output.exists()


@pytest.mark.parametrize("name", [None, "packet.docx"])
def test_the_packet_must_be_written_to_a_pdf(run, tmp_path, name):
    args = ["packet", READY] + (["-o", str(tmp_path / name)] if name else [])
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == "ketacover: give -o FILE.pdf (the packet is one PDF)\n"
    assert list(tmp_path.iterdir()) == []


def test_a_packet_with_missing_facts_lists_them_and_writes_nothing(run, tmp_path):
    case = without_prescriber(tmp_path)
    output = tmp_path / "packet.pdf"
    result = run("packet", str(case), "-o", str(output), "--today", TODAY)
    assert result.exit_code == 2
    assert "cannot write the prior-authorization packet" in result.stderr
    assert "  - prescriber: " in result.stderr
    assert not output.exists()


def test_the_superbill_lists_every_session_given(run, tmp_path):
    output = tmp_path / "sb.pdf"
    result = run("superbill", REAUTH, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"wrote {output} (Superbill)"
    text = pdf_text(output)
    assert "Riley Mockwell" in text
    assert "XKC000012345" in text
    for day in ("11/03/2026", "11/06/2026", "11/10/2026", "11/13/2026", "11/17/2026"):
        assert day in text
    assert "J0013" in text


def test_the_superbill_for_one_session_lists_that_date_only(run, tmp_path):
    output = tmp_path / "sb.docx"
    result = run("superbill", REAUTH, "-o", str(output), "--session", "2026-11-03")
    assert result.exit_code == 0, result.stderr
    document = Document(io.BytesIO(output.read_bytes()))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "11/03/2026" in cells
    assert "11/06/2026" not in cells


@pytest.mark.parametrize(
    ("session", "message"),
    [
        ("2026-11-04", "  - sessions: no session given on 2026-11-04"),
        ("Nov 3", "ketacover: --session: 'Nov 3' is not a date (use YYYY-MM-DD)"),
    ],
)
def test_a_session_date_that_is_not_a_given_session_is_refused(run, tmp_path, session, message):
    output = tmp_path / "sb.pdf"
    result = run("superbill", REAUTH, "-o", str(output), "--session", session)
    assert result.exit_code == 2
    assert message in result.stderr.splitlines()
    assert not output.exists()


def test_the_superbill_needs_an_output_file(run):
    result = run("superbill", REAUTH)
    assert result.exit_code == 2
    assert result.stderr == "ketacover: give -o FILE (.pdf, .docx or .html)\n"


@pytest.mark.parametrize("where", ["missing-folder", "a-file"])
def test_an_output_folder_that_cannot_be_written_is_refused(run, tmp_path, where):
    (tmp_path / "a-file").write_text("not a folder", encoding="utf-8")
    output = tmp_path / where / "sb.pdf"
    result = run("superbill", REAUTH, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 2
    assert result.stderr.startswith(f"ketacover: {output}: cannot write there (")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a-file"]


def test_it_writes_the_continuation_request_for_an_approved_treatment(run, tmp_path):
    output = tmp_path / "renewal.pdf"
    result = run("letter", "continuation", REAUTH, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert result.stdout.strip() == f"wrote {output} (Continuation request (re-authorization))"
    text = pdf_text(output)
    assert "AUTH-55012-A" in text
    assert "from November 30, 2026 through December 27, 2026" in text


def test_the_initial_letter_of_an_approved_treatment_is_refused_pointing_to_continuation(
    run, tmp_path
):
    output = tmp_path / "x.pdf"
    result = run("letter", "medical-necessity", REAUTH, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 2
    assert "continuation" in result.stderr
    assert "AUTH-55012-A" in result.stderr
    assert not output.exists()


def test_a_continuation_missing_its_number_and_scores_names_each_on_its_own_line(run, tmp_path):
    text = Path(REAUTH).read_text(encoding="utf-8")
    cut = text.replace("    authorization_number: AUTH-55012-A\n", "")
    cut = re.sub(r"^scores:\n(?:[ #].*\n)*", "", cut, flags=re.MULTILINE)
    assert cut.count("AUTH-55012-A") < text.count("AUTH-55012-A")
    case = tmp_path / "no-number.yaml"
    case.write_text(cut, encoding="utf-8")
    output = tmp_path / "x.pdf"
    result = run("letter", "continuation", str(case), "-o", str(output), "--today", TODAY)
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert lines[0] == (
        "ketacover: cannot write the continuation request (re-authorization); the case is missing:"
    )
    assert [line.split(":")[0].strip() for line in lines[1:]] == [
        "- prior_authorizations[pa-1].authorization_number",
        "- scores",
    ]
    assert not output.exists()


def test_the_packet_of_an_approved_treatment_is_the_continuation_packet(run, tmp_path):
    output = tmp_path / "packet.pdf"
    result = run("packet", REAUTH, "-o", str(output), "--today", TODAY)
    assert result.exit_code == 0, result.stderr
    assert "(2 documents, 0 attached)" in result.stdout
    assert [item.title for item in PdfReader(output).outline] == [
        "Continuation request (re-authorization): cover sheet",
        "Continuation request (re-authorization)",
    ]
