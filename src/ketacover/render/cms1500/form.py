"""The 1500 Health Insurance Claim Form (02/12) drawn with reportlab: its boxes, shaded service
lines and printed labels, in the form's red, on the same 10-pitch, 6-lines-per-inch grid the data
is printed on (:mod:`ketacover.render.cms1500.boxes`).

The drawing follows the form's published layout (NUCC, 1500 Claim Form, version 02/12; the
item numbers and titles of the NUCC 1500 Claim Form Reference Instruction Manual): box edges
fall between print lines, each box holding its label on one line and its data on the next.
"""

from __future__ import annotations

from typing import Final

from reportlab.lib.colors import Color
from reportlab.pdfgen.canvas import Canvas

__all__ = ["HEIGHT", "LEFT", "RIGHT", "WIDTH", "column_x", "draw_form", "line_y"]

WIDTH: Final = 612.0
HEIGHT: Final = 792.0
LEFT: Final = 20.4
"""The form's left border, in points from the sheet's left edge."""
RIGHT: Final = 591.6
_FIRST_COLUMN: Final = 24.0
_PITCH: Final = 7.2
"""10 characters per inch."""
_LEADING: Final = 12.0
"""6 lines per inch."""
_TOP_BASELINE: Final = 20.0
RED: Final = Color(0.82, 0.13, 0.16)
SHADE: Final = Color(0.99, 0.87, 0.87)
_MID: Final = 373.2
"""The divider between the patient's and the insured's (or billing provider's) columns."""
_THIRD: Final = 226.8
"""The divider before boxes 3, 6, 8 and 10."""


def column_x(column: int) -> float:
    """The left edge of a print column, in points from the sheet's left edge."""
    return _FIRST_COLUMN + _PITCH * (column - 1)


def line_y(line: int) -> float:
    """The baseline of a print line, in points from the sheet's bottom edge."""
    return HEIGHT - _TOP_BASELINE - _LEADING * line


def _edge(column: int) -> float:
    """A box edge just before a print column."""
    return column_x(column) - 1.8


def _y(top: float) -> float:
    return HEIGHT - top


_ROWS: Final = (94.5, 118.5, 142.5, 166.5, 190.5, 214.5, 238.5, 262.5, 286.5, 310.5, 334.5)
_LABELS: Final[tuple[tuple[str, float, float], ...]] = (
    (
        "1.  MEDICARE      MEDICAID       TRICARE          CHAMPVA     GROUP HEALTH PLAN"
        "   FECA BLK LUNG    OTHER",
        LEFT + 2,
        101.5,
    ),
    ("1a. INSURED'S I.D. NUMBER                 (For Program in Item 1)", _MID + 2, 101.5),
    ("2. PATIENT'S NAME (Last Name, First Name, Middle Initial)", LEFT + 2, 125.5),
    ("3. PATIENT'S BIRTH DATE   MM  DD  YY", _THIRD + 2, 125.5),
    ("SEX", column_x(45), 125.5),
    ("M", column_x(41), 140),
    ("F", column_x(46), 140),
    ("4. INSURED'S NAME (Last Name, First Name, Middle Initial)", _MID + 2, 125.5),
    ("5. PATIENT'S ADDRESS (No., Street)", LEFT + 2, 149.5),
    ("6. PATIENT RELATIONSHIP TO INSURED", _THIRD + 2, 149.5),
    ("Self", column_x(31) - 2, 164),
    ("Spouse", column_x(35), 164),
    ("Child", column_x(40), 164),
    ("Other", column_x(44), 164),
    ("7. INSURED'S ADDRESS (No., Street)", _MID + 2, 149.5),
    ("CITY                                          STATE", LEFT + 2, 173.5),
    ("8. RESERVED FOR NUCC USE", _THIRD + 2, 173.5),
    ("CITY                                          STATE", _MID + 2, 173.5),
    ("ZIP CODE              TELEPHONE (Include Area Code)", LEFT + 2, 197.5),
    ("ZIP CODE              TELEPHONE (Include Area Code)", _MID + 2, 197.5),
    ("9. OTHER INSURED'S NAME (Last Name, First Name, Middle Initial)", LEFT + 2, 221.5),
    ("10. IS PATIENT'S CONDITION RELATED TO:", _THIRD + 2, 221.5),
    ("11. INSURED'S POLICY GROUP OR FECA NUMBER", _MID + 2, 221.5),
    ("a. OTHER INSURED'S POLICY OR GROUP NUMBER", LEFT + 2, 245.5),
    ("a. EMPLOYMENT? (Current or Previous)   YES    NO", _THIRD + 2, 245.5),
    ("a. INSURED'S DATE OF BIRTH   MM  DD  YY", _MID + 2, 245.5),
    ("SEX", column_x(70), 245.5),
    ("M", column_x(67), 260),
    ("F", column_x(74), 260),
    ("b. RESERVED FOR NUCC USE", LEFT + 2, 269.5),
    ("b. AUTO ACCIDENT?   PLACE (State)      YES    NO", _THIRD + 2, 269.5),
    ("b. OTHER CLAIM ID (Designated by NUCC)", _MID + 2, 269.5),
    ("c. RESERVED FOR NUCC USE", LEFT + 2, 293.5),
    ("c. OTHER ACCIDENT?                     YES    NO", _THIRD + 2, 293.5),
    ("c. INSURANCE PLAN NAME OR PROGRAM NAME", _MID + 2, 293.5),
    ("d. INSURANCE PLAN NAME OR PROGRAM NAME", LEFT + 2, 317.5),
    ("10d. CLAIM CODES (Designated by NUCC)", _THIRD + 2, 317.5),
    ("d. IS THERE ANOTHER HEALTH BENEFIT PLAN?   YES    NO", _MID + 2, 317.5),
    ("READ BACK OF FORM BEFORE COMPLETING & SIGNING THIS FORM.", 130, 340.5),
    ("SIGNED                                                          DATE", LEFT + 2, 379.5),
    ("SIGNED", _MID + 2, 379.5),
    ("14. DATE OF CURRENT ILLNESS, INJURY, or PREGNANCY (LMP)", LEFT + 2, 389.5),
    ("15. OTHER DATE   QUAL.", 217, 389.5),
    ("16. DATES PATIENT UNABLE TO WORK IN CURRENT OCCUPATION", _MID + 2, 389.5),
    ("17. NAME OF REFERRING PROVIDER OR OTHER SOURCE", LEFT + 2, 413.5),
    ("17a.", 217, 413.5),
    ("17b. NPI", 217, 427.5),
    ("18. HOSPITALIZATION DATES RELATED TO CURRENT SERVICES", _MID + 2, 413.5),
    ("19. ADDITIONAL CLAIM INFORMATION (Designated by NUCC)", LEFT + 2, 437.5),
    ("20. OUTSIDE LAB?          $ CHARGES", _MID + 2, 437.5),
    (
        "21. DIAGNOSIS OR NATURE OF ILLNESS OR INJURY  Relate A-L to service line below (24E)"
        "     ICD Ind.",
        LEFT + 2,
        461.5,
    ),
    ("A.", LEFT + 2, 475),
    ("B.", LEFT + 95, 475),
    ("C.", LEFT + 189, 475),
    ("D.", LEFT + 282, 475),
    ("E.", LEFT + 2, 487),
    ("F.", LEFT + 95, 487),
    ("G.", LEFT + 189, 487),
    ("H.", LEFT + 282, 487),
    ("I.", LEFT + 2, 499),
    ("J.", LEFT + 95, 499),
    ("K.", LEFT + 189, 499),
    ("L.", LEFT + 282, 499),
    ("22. RESUBMISSION CODE          ORIGINAL REF. NO.", _MID + 2, 461.5),
    ("23. PRIOR AUTHORIZATION NUMBER", _MID + 2, 485.5),
    ("24. A.  DATE(S) OF SERVICE", LEFT + 2, 509),
    ("From            To", LEFT + 18, 516),
    ("MM  DD  YY   MM  DD  YY", LEFT + 2, 524),
    ("B.", _edge(19) + 2, 509),
    ("PLACE OF", _edge(19) + 0.5, 516),
    ("SERVICE", _edge(19) + 0.5, 524),
    ("C.", _edge(22) + 2, 516),
    ("EMG", _edge(22) + 1, 524),
    ("D. PROCEDURES, SERVICES, OR SUPPLIES", _edge(25) + 2, 509),
    ("(Explain Unusual Circumstances)", _edge(25) + 8, 516),
    ("CPT/HCPCS", _edge(25) + 2, 524),
    ("MODIFIER", _edge(32) + 18, 524),
    ("E.", _edge(45) + 10, 509),
    ("DIAGNOSIS", _edge(45) + 1, 516),
    ("POINTER", _edge(45) + 2, 524),
    ("F.", _edge(50) + 26, 516),
    ("$ CHARGES", _edge(50) + 18, 524),
    ("G. DAYS", _edge(59) + 1, 509),
    ("OR", _edge(59) + 1, 516),
    ("UNITS", _edge(59) + 1, 523),
    ("H.", _edge(63) + 1, 509),
    ("EPSDT", _edge(63) + 0.5, 516),
    ("Family", _edge(63) + 0.5, 521),
    ("Plan", _edge(63) + 0.5, 526),
    ("I. ID", _edge(65) + 2, 516),
    ("QUAL.", _edge(65) + 2, 524),
    ("J. RENDERING", _edge(68) + 18, 516),
    ("PROVIDER ID. #", _edge(68) + 16, 524),
    ("25. FEDERAL TAX I.D. NUMBER        SSN  EIN", LEFT + 2, 677.5),
    ("26. PATIENT'S ACCOUNT NO.", 182, 677.5),
    ("27. ACCEPT ASSIGNMENT?", 276.5, 677.5),
    ("YES      NO", 300, 692),
    ("28. TOTAL CHARGE", _MID + 2, 677.5),
    ("$", _MID + 2, 690),
    ("29. AMOUNT PAID", 457, 677.5),
    ("$", 457, 690),
    ("30. Rsvd for NUCC Use", 524, 677.5),
    ("31. SIGNATURE OF PHYSICIAN OR SUPPLIER", LEFT + 2, 701.5),
    ("INCLUDING DEGREES OR CREDENTIALS", LEFT + 8, 708.5),
    ("(I certify that the statements on the reverse", LEFT + 8, 715.5),
    ("apply to this bill and are made a part thereof.)", LEFT + 8, 722.5),
    ("SIGNED                    DATE", LEFT + 2, 752),
    ("32. SERVICE FACILITY LOCATION INFORMATION", 182, 701.5),
    ("a.", 182, 752),
    ("b.", _edge(35) + 2, 752),
    ("33. BILLING PROVIDER INFO & PH #", _MID + 2, 701.5),
    ("a.", _MID + 2, 752),
    ("b.", _edge(62) + 2, 752),
)
_BOTTOM: Final = 754.5
"""The form's bottom border: below the a/b line of boxes 32 and 33 (print line 61)."""
_AUTHORIZATIONS: Final[tuple[tuple[str, float, float], ...]] = (
    (
        "12. PATIENT'S OR AUTHORIZED PERSON'S SIGNATURE  I authorize the release of any medical or "
        "other information necessary",
        LEFT + 2,
        347.0,
    ),
    (
        "to process this claim. I also request payment of government benefits either to myself or "
        "to the party who accepts assignment below.",
        LEFT + 2,
        353.0,
    ),
    (
        "13. INSURED'S OR AUTHORIZED PERSON'S SIGNATURE  I authorize payment of medical",
        _MID + 2,
        347.0,
    ),
    (
        "benefits to the undersigned physician or supplier for services described below.",
        _MID + 2,
        353.0,
    ),
)
"""Items 12 and 13's printed authorizations, in smaller print above the signature line."""
_COLUMNS_24: Final = (10, 19, 22, 25, 32, 45, 50, 59, 63, 65, 68)


def draw_form(canvas: Canvas) -> None:
    """Draw the empty form on the current page."""
    canvas.saveState()
    canvas.setStrokeColor(RED)
    canvas.setFillColor(RED)
    _title(canvas)
    _grid(canvas)
    _service_lines(canvas)
    canvas.setFont("Helvetica", 5.6)
    for label, x, top in _LABELS:
        canvas.drawString(x, _y(top), label)
    canvas.setFont("Helvetica", 4.8)
    for label, x, top in _AUTHORIZATIONS:
        canvas.drawString(x, _y(top), label)
    _side(canvas)
    canvas.restoreState()


def _title(canvas: Canvas) -> None:
    canvas.setFont("Helvetica-Bold", 14)
    canvas.drawString(LEFT, _y(62), "HEALTH INSURANCE CLAIM FORM")
    canvas.setFont("Helvetica", 6.5)
    canvas.drawString(LEFT, _y(74), "APPROVED BY NATIONAL UNIFORM CLAIM COMMITTEE (NUCC) 02/12")
    canvas.drawString(LEFT + 2, _y(90), "PICA")
    canvas.drawRightString(RIGHT - 2, _y(90), "PICA")
    canvas.setFont("Helvetica", 6.5)
    canvas.drawString(LEFT, _y(766), "NUCC Instruction Manual available at: www.nucc.org")
    canvas.setFont("Helvetica-BoldOblique", 7)
    canvas.drawCentredString(WIDTH / 2, _y(766), "PLEASE PRINT OR TYPE")
    canvas.setFont("Helvetica", 6.5)
    canvas.drawRightString(RIGHT, _y(766), "APPROVED OMB-0938-1197 FORM 1500 (02-12)")


def _grid(canvas: Canvas) -> None:
    canvas.setLineWidth(1.4)
    canvas.line(LEFT, _y(94.5), RIGHT, _y(94.5))
    canvas.line(LEFT, _y(382.5), RIGHT, _y(382.5))
    canvas.setLineWidth(0.6)
    canvas.rect(LEFT, _y(_BOTTOM), RIGHT - LEFT, _BOTTOM - 94.5)
    for top in (*_ROWS[1:], 406.5, 430.5, 454.5, 502.5, 526.5, 670.5, 694.5):
        canvas.line(LEFT, _y(top), RIGHT, _y(top))
    canvas.line(_MID, _y(94.5), _MID, _y(502.5))
    canvas.line(_THIRD, _y(118.5), _THIRD, _y(334.5))
    canvas.line(_MID, _y(478.5), RIGHT, _y(478.5))
    canvas.line(215.0, _y(382.5), 215.0, _y(430.5))
    canvas.line(215.0, _y(418.5), _MID, _y(418.5))
    for x in (180.0, 274.5, _MID, 455.0, 522.0):
        canvas.line(x, _y(670.5), x, _y(694.5))
    for x in (180.0, _MID):
        canvas.line(x, _y(694.5), x, _y(_BOTTOM))
    canvas.line(180.0, _y(742.5), RIGHT, _y(742.5))
    canvas.line(_edge(35), _y(742.5), _edge(35), _y(_BOTTOM))
    canvas.line(_edge(62), _y(742.5), _edge(62), _y(_BOTTOM))
    for column in (1, 8, 15, 24, 31, 39, 45):  # item 1's check boxes
        canvas.rect(column_x(column) - 1, _y(118.5) + 1, 9, 9)


def _service_lines(canvas: Canvas) -> None:
    canvas.setFillColor(SHADE)
    for row in range(6):
        top = 526.5 + 24 * row
        canvas.rect(LEFT, _y(top + 12), _edge(65) - LEFT, 12, stroke=0, fill=1)
        canvas.rect(_edge(68), _y(top + 12), RIGHT - _edge(68), 12, stroke=0, fill=1)
    canvas.setFillColor(RED)
    for row in range(1, 6):
        canvas.line(LEFT, _y(526.5 + 24 * row), RIGHT, _y(526.5 + 24 * row))
    for column in _COLUMNS_24:
        canvas.line(_edge(column), _y(502.5), _edge(column), _y(670.5))
    canvas.setFont("Helvetica", 14)
    for row in range(6):
        canvas.drawRightString(LEFT - 3, _y(526.5 + 24 * row + 18), str(row + 1))
    canvas.setFont("Helvetica", 5.6)
    for row in range(6):
        canvas.drawString(_edge(65) + 2, _y(526.5 + 24 * row + 20), "NPI")


def _side(canvas: Canvas) -> None:
    canvas.setFont("Helvetica-Bold", 6.5)
    for text, middle in (
        ("CARRIER", 60.0),
        ("PATIENT AND INSURED INFORMATION", 240.0),
        ("PHYSICIAN OR SUPPLIER INFORMATION", 560.0),
    ):
        canvas.saveState()
        canvas.translate(RIGHT + 13, _y(middle))
        canvas.rotate(-90)
        canvas.drawCentredString(0, 0, text)
        canvas.restoreState()
