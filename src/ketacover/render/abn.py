"""The Advance Beneficiary Notice of Noncoverage (form CMS-R-131) as a one-page PDF, laid out as
the form is: notifier, patient and identification number at the top (blanks A, B, C), the
title, the table of services, reasons and estimated costs (D, E, F), what to do now, the three
options (G), additional information (H), and signature and date (I, J) left for the patient.

The entries come from :func:`ketacover.core.billing.abn.compose`; the fixed wording follows the
form's sections as CMS's form instructions describe them (sourcebook cms-abn-form-instructions).
Entries are at least 10 point, as the instructions allow where detail must fit.
"""

from __future__ import annotations

from io import BytesIO
from typing import Final

from reportlab.lib.pagesizes import LETTER
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from ketacover.core.billing.abn import AbnNotice
from ketacover.core.letters.text import money as format_money
from ketacover.render.pdf_page import BOLD, FONT

__all__ = ["abn_pdf"]

_WIDTH, _HEIGHT = LETTER
_LEFT: Final = 0.6 * 72
_RIGHT: Final = _WIDTH - 0.6 * 72
_TOP: Final = _HEIGHT - 0.5 * 72
_SIZE: Final = 10.0
_LEADING: Final = 12.5
_TITLE: Final = "Advance Beneficiary Notice of Non-coverage (ABN)"

_OPTIONS: Final = (
    (
        "OPTION 1.",
        "I want the {d} listed above. You may ask to be paid now, but I also want Medicare "
        "billed for an official decision on payment, which is sent to me on a Medicare Summary "
        "Notice (MSN). I understand that if Medicare doesn't pay, I am responsible for payment, "
        "but I can appeal to Medicare by following the directions on the MSN. If Medicare does "
        "pay, you will refund any payments I made to you, less co-pays or deductibles.",
    ),
    (
        "OPTION 2.",
        "I want the {d} listed above, but do not bill Medicare. You may ask to be paid now as "
        "I am responsible for payment. I cannot appeal if Medicare is not billed.",
    ),
    (
        "OPTION 3.",
        "I don't want the {d} listed above. I understand with this choice I am not responsible "
        "for payment, and I cannot appeal to see if Medicare would pay.",
    ),
)
_TO_DO: Final = (
    "Read this notice, so you can make an informed decision about your care.",
    "Ask us any questions that you may have after you finish reading.",
    "Choose an option below about whether to receive the {d} listed above.",
)


def abn_pdf(notice: AbnNotice) -> bytes:
    """The filled notice as PDF bytes (one page, US Letter)."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=LETTER, invariant=1, pageCompression=1)
    canvas.setTitle(_TITLE)
    canvas.setCreator("ketacover")
    _Page(canvas, notice).draw()
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


class _Page:
    """Draws the form top to bottom; ``y`` is the baseline of the next line."""

    def __init__(self, canvas: Canvas, notice: AbnNotice) -> None:
        self.canvas = canvas
        self.notice = notice
        self.y = _TOP
        self.d = notice.service

    def draw(self) -> None:
        self._header()
        self._title()
        self._services()
        self._to_do()
        self._options()
        self._additional()
        self._signature()

    def _header(self) -> None:
        n = self.notice
        self._label_value("A. Notifier:", n.notifier, bold_value=True)
        for line in (*n.notifier_address, f"Phone {n.notifier_phone}"):
            self._text(line, x=_LEFT + 60)
        self.y -= 4
        self._label_value("B. Patient Name:", n.patient_name)
        self.canvas.setFont(BOLD, _SIZE)
        half = _LEFT + (_RIGHT - _LEFT) * 0.55
        self.canvas.drawString(half, self.y + _LEADING, "C. Identification Number:")
        self.canvas.setFont(FONT, _SIZE)
        self.canvas.drawString(half + 130, self.y + _LEADING, n.identification)
        self._rule()

    def _title(self) -> None:
        self.y -= 8
        self.canvas.setFont(BOLD, 14)
        self.canvas.drawCentredString(_WIDTH / 2, self.y, _TITLE)
        self.y -= 18
        self._wrapped(
            f"NOTE: If Medicare doesn't pay for the {self.d} (D) below, you may have to pay.",
            font=BOLD,
        )
        self._wrapped(
            "Medicare does not pay for everything, even some care that you or your health care "
            "provider have good reason to think you need. We expect Medicare may not pay for the "
            f"{self.d} (D) below."
        )
        self.y -= 4

    def _services(self) -> None:
        n = self.notice
        widths = (0.40, 0.38, 0.22)
        columns = [_LEFT]
        for share in widths[:-1]:
            columns.append(columns[-1] + (_RIGHT - _LEFT) * share)
        heads = (
            f"D. {self.d[:1].upper()}{self.d[1:]}",
            "E. Reason Medicare May Not Pay:",
            "F. Estimated Cost",
        )
        top = self.y + _LEADING - 2
        self.canvas.setFillGray(0.9)
        self.canvas.rect(_LEFT, self.y - 4, _RIGHT - _LEFT, _LEADING + 2, stroke=0, fill=1)
        self.canvas.setFillGray(0)
        self.canvas.setFont(BOLD, _SIZE)
        for x, head in zip(columns, heads, strict=True):
            self.canvas.drawString(x + 4, self.y, head)
        self.y -= _LEADING + 4
        body_top = self.y
        d_lines: list[str] = []
        f_lines: list[str] = []
        for item in n.items:
            units = f" x {item.units}" if item.units != 1 else ""
            what = item.detail if item.drug else f"{item.label} ({item.detail})"
            entry = simpleSplit(f"{item.code}{units}: {what}", FONT, _SIZE, _column(columns, 0) - 8)
            d_lines += entry
            f_lines += [format_money(item.charge)] + [""] * (len(entry) - 1)
        d_lines.append("")
        f_lines.append("")
        bold_from = len(d_lines)
        d_lines += simpleSplit(
            f"Each session, all lines above; {n.sessions} sessions planned",
            BOLD,
            _SIZE,
            _column(columns, 0) - 8,
        )
        f_lines += [f"{format_money(n.per_session)} each"]
        f_lines += [f"{format_money(n.course)} for {n.sessions}"]
        e_lines = simpleSplit(n.reason, FONT, _SIZE, _column(columns, 1) - 8)
        rows = max(len(d_lines), len(e_lines), len(f_lines))
        self.canvas.setFont(FONT, _SIZE)
        for row in range(rows):
            y = body_top - row * _LEADING
            if row < len(d_lines):
                self.canvas.setFont(BOLD if row >= bold_from else FONT, _SIZE)
                self.canvas.drawString(columns[0] + 4, y, d_lines[row])
            self.canvas.setFont(FONT, _SIZE)
            if row < len(e_lines):
                self.canvas.drawString(columns[1] + 4, y, e_lines[row])
            if row < len(f_lines) and f_lines[row]:
                self.canvas.drawRightString(_RIGHT - 4, y, f_lines[row])
        bottom = body_top - rows * _LEADING + 4
        self.canvas.setLineWidth(0.8)
        self.canvas.rect(_LEFT, bottom, _RIGHT - _LEFT, top - bottom, stroke=1, fill=0)
        for x in columns[1:]:
            self.canvas.line(x, bottom, x, top)
        self.y = bottom - 16

    def _to_do(self) -> None:
        self._wrapped("WHAT YOU NEED TO DO NOW:", font=BOLD)
        for text in _TO_DO:
            self._wrapped("\u2022 " + text.format(d=self.d), indent=10)
        self._wrapped(
            "Note: If you choose Option 1 or 2, we may help you to use any other insurance that "
            "you might have, but Medicare cannot require us to do this.",
            indent=10,
        )
        self.y -= 2

    def _options(self) -> None:
        self.canvas.setFillGray(0.9)
        self.canvas.rect(_LEFT, self.y - 4, _RIGHT - _LEFT, _LEADING + 2, stroke=0, fill=1)
        self.canvas.setFillGray(0)
        self.canvas.setFont(BOLD, _SIZE)
        self.canvas.drawString(_LEFT + 4, self.y, "G. OPTIONS:")
        self.canvas.drawRightString(
            _RIGHT - 4, self.y, "Check only one box. We cannot choose a box for you."
        )
        self.y -= _LEADING + 6
        for head, text in _OPTIONS:
            box_top = self.y + 9
            self.canvas.rect(_LEFT + 4, box_top - 9, 9, 9, stroke=1, fill=0)
            self.canvas.setFont(BOLD, _SIZE)
            self.canvas.drawString(_LEFT + 20, self.y, head)
            width = self.canvas.stringWidth(head + " ", BOLD, _SIZE)
            lines = simpleSplit(text.format(d=self.d), FONT, _SIZE, _RIGHT - _LEFT - 24 - width)
            self.canvas.setFont(FONT, _SIZE)
            for line in lines:
                self.canvas.drawString(_LEFT + 20 + width, self.y, line)
                self.y -= _LEADING
            self.y -= 4

    def _additional(self) -> None:
        self._rule()
        self._wrapped("H. Additional Information:", font=BOLD)
        for line in self.notice.additional:
            self._wrapped(line)
        self.y -= 4
        self._wrapped(
            "This notice gives our opinion, not an official Medicare decision. If you have other "
            "questions on this notice or Medicare billing, call 1-800-MEDICARE."
        )
        self._wrapped(
            "Signing below means that you have received and understand this notice. You also "
            "receive a copy.",
            font=BOLD,
        )

    def _signature(self) -> None:
        self.y -= 6
        height = 34
        split = _LEFT + (_RIGHT - _LEFT) * 0.7
        bottom = self.y - height + _LEADING
        self.canvas.rect(_LEFT, bottom, _RIGHT - _LEFT, height, stroke=1, fill=0)
        self.canvas.line(split, bottom, split, bottom + height)
        self.canvas.setFont(BOLD, _SIZE)
        self.canvas.drawString(_LEFT + 4, bottom + height - 12, "I. Signature:")
        self.canvas.drawString(split + 4, bottom + height - 12, "J. Date:")
        footer = (
            "Form CMS-R-131 (OMB No. 0938-0566). The notifier's entries were prepared from the "
            "case by ketacover; the notifier keeps the signed original and gives the patient a "
            "copy."
        )
        self.canvas.setFont(FONT, 7.5)
        for number, line in enumerate(simpleSplit(footer, FONT, 7.5, _RIGHT - _LEFT)):
            self.canvas.drawString(_LEFT, bottom - 12 - number * 9, line)

    def _label_value(self, label: str, value: str, *, bold_value: bool = False) -> None:
        self.canvas.setFont(BOLD, _SIZE)
        self.canvas.drawString(_LEFT, self.y, label)
        self.canvas.setFont(BOLD if bold_value else FONT, _SIZE)
        x = _LEFT + max(60, self.canvas.stringWidth(label + "  ", BOLD, _SIZE))
        self.canvas.drawString(x, self.y, value)
        self.y -= _LEADING

    def _text(self, line: str, *, x: float) -> None:
        self.canvas.setFont(FONT, _SIZE)
        self.canvas.drawString(x, self.y, line)
        self.y -= _LEADING

    def _wrapped(self, text: str, *, font: str = FONT, indent: float = 0) -> None:
        self.canvas.setFont(font, _SIZE)
        for line in simpleSplit(text, font, _SIZE, _RIGHT - _LEFT - indent):
            self.canvas.drawString(_LEFT + indent, self.y, line)
            self.y -= _LEADING

    def _rule(self) -> None:
        self.canvas.setLineWidth(1.2)
        self.canvas.line(_LEFT, self.y + 4, _RIGHT, self.y + 4)
        self.y -= 8


def _column(columns: list[float], index: int) -> float:
    end = columns[index + 1] if index + 1 < len(columns) else _RIGHT
    return end - columns[index]
