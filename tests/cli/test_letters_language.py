"""``ketacover letter --language`` and ``--cover-note``: the patient's documents in Spanish."""

from pathlib import Path

from pypdf import PdfReader

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
DENIED = str(EXAMPLES / "denial-appeal-running.yaml")
TODAY = "2026-11-23"


def pdf_text(path: Path) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(path).pages)


def test_it_writes_the_call_script_in_spanish(run, tmp_path):
    output = tmp_path / "guion.pdf"
    result = run(
        "letter", "call-script", DENIED, "-o", str(output), "--language", "es", "--today", TODAY
    )
    assert result.exit_code == 0, result.stderr
    assert "Guion para llamar a su plan de salud" in result.stdout
    text = pdf_text(output)
    assert "Lea en inglés:" in text
    assert "23 de noviembre de 2026" in text
    assert result.stderr == ""


def test_a_letter_to_the_plan_stays_in_english_and_the_cover_note_is_offered(run, tmp_path):
    output = tmp_path / "appeal.pdf"
    result = run(
        "letter",
        "appeal",
        DENIED,
        "-o",
        str(output),
        "--variant",
        "patient",
        "--language",
        "es",
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.stderr
    assert "I am writing to appeal" in pdf_text(output)
    assert "--cover-note" in result.stderr


def test_it_writes_the_cover_note_instead_of_the_letter(run, tmp_path):
    output = tmp_path / "nota.html"
    result = run(
        "letter",
        "appeal",
        DENIED,
        "-o",
        str(output),
        "--variant",
        "patient",
        "--language",
        "es",
        "--cover-note",
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.stderr
    html = output.read_text(encoding="utf-8")
    assert '<html lang="es">' in html
    assert "Quién la firma" in html
    assert "11 de mayo de 2027" in html


def test_an_unknown_language_is_refused_by_name(run, tmp_path):
    output = tmp_path / "x.pdf"
    result = run("letter", "call-script", DENIED, "-o", str(output), "--language", "fr")
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        "ketacover: --language: 'fr' is not a language ketacover writes; use en, es"
    )
    assert not output.exists()


def test_a_kind_without_a_cover_note_is_refused(run, tmp_path):
    output = tmp_path / "x.pdf"
    result = run(
        "letter",
        "medical-necessity",
        DENIED,
        "-o",
        str(output),
        "--cover-note",
        "--language",
        "es",
        "--today",
        TODAY,
    )
    assert result.exit_code == 2
    assert "medical-necessity has no cover note" in result.stderr
    assert not output.exists()


def test_a_letter_without_a_cover_note_is_only_said_to_be_in_english(run, tmp_path):
    output = tmp_path / "x.pdf"
    result = run(
        "letter",
        "medical-necessity",
        DENIED,
        "-o",
        str(output),
        "--language",
        "es",
        "--today",
        TODAY,
    )
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == (
        "ketacover: the letter of medical necessity is written in English, because the plan "
        "reads it"
    )
