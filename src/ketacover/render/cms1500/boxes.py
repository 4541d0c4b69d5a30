"""What each box of the 1500 Health Insurance Claim Form (02/12) says for a claim, placed on
the form's print grid.

The 02/12 form is laid out for 10 characters per inch and 6 lines per inch: 66 print lines of
up to 78 characters on a US Letter sheet. Each box sits on a fixed line and column, the ones
long-standing open-source claim printers use for the red scannable form (OpenEMR's
``Hcfa1500``), checked here against the form's drawn boxes. Lines and columns count from 1.

The boxes follow the NUCC 1500 Claim Form Reference Instruction Manual for form version 02/12
(and, for Original Medicare, the Medicare Claims Processing Manual, chapter 26): capital letters,
no punctuation in names, dates as ``MM DD YY`` (``MM DD YYYY`` for birth dates), ICD-10 codes
without the dot, money without a dollar sign or decimal point, dollars and cents in their own
columns. A claim of more than six lines continues on further forms, each with its own six lines;
the total charge (box 28) is only on the last (NUCC, item 28).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Final

from ketacover.core.billing import ClaimLine, ProfessionalClaim
from ketacover.core.model import Address, PayerCategory, Sex

__all__ = ["COLUMNS", "LINES", "LINES_PER_FORM", "Entry", "Page", "pages", "text"]

LINES: Final = 66
"""Print lines on the 11-inch sheet at 6 lines per inch."""
COLUMNS: Final = 78
"""Print columns inside the form's border at 10 characters per inch."""
LINES_PER_FORM: Final = 6
"""Service lines one form holds (item 24)."""

_INSURANCE_TYPE: Final[dict[PayerCategory, int]] = {
    PayerCategory.MEDICARE: 1,
    PayerCategory.MEDICAID: 8,
    PayerCategory.MEDICAID_MANAGED_CARE: 8,
    PayerCategory.TRICARE: 15,
    PayerCategory.COMMERCIAL_FULLY_INSURED: 31,
    PayerCategory.COMMERCIAL_SELF_FUNDED: 31,
}
"""Item 1's check box column by payer category: Medicare, Medicaid, TRICARE, Group Health Plan
(an employer's plan); any other coverage (individual, Marketplace, Medicare Advantage, other) is
"Other" (column 45)."""
_OTHER: Final = 45


@dataclass(frozen=True, slots=True)
class Entry:
    """One piece of text on the grid: the box it fills, where it starts and how wide it may be."""

    box: str
    line: int
    column: int
    value: str

    @property
    def end(self) -> int:
        """The last column the value takes."""
        return self.column + len(self.value) - 1


@dataclass(frozen=True, slots=True)
class Page:
    """One form: its number, how many forms the claim takes, and the entries on it."""

    number: int
    of: int
    entries: tuple[Entry, ...]


def pages(claim: ProfessionalClaim) -> tuple[Page, ...]:
    """The forms for ``claim``: six service lines each, the total on the last."""
    chunks = [
        claim.lines[start : start + LINES_PER_FORM]
        for start in range(0, len(claim.lines), LINES_PER_FORM)
    ] or [()]
    made = []
    for number, chunk in enumerate(chunks, start=1):
        last = number == len(chunks)
        entries = [*_header(claim), *_services(claim, chunk), *_footer(claim, last=last)]
        made.append(Page(number=number, of=len(chunks), entries=tuple(entries)))
    return tuple(made)


def text(claim: ProfessionalClaim) -> str:
    """The forms as plain text on the print grid (what a line printer would print), the forms
    separated by a form feed; trailing blanks are left off each line."""
    return "\f\n".join(_page_text(page) for page in pages(claim))


def _page_text(page: Page) -> str:
    rows = [[" "] * COLUMNS for _ in range(LINES)]
    for entry in page.entries:
        for offset, char in enumerate(entry.value):
            rows[entry.line - 1][entry.column - 1 + offset] = char
    return "\n".join("".join(row).rstrip() for row in rows) + "\n"


def _put(box: str, line: int, column: int, width: int, value: str | None) -> Iterator[Entry]:
    cleaned = _clean(value or "")[:width]
    if cleaned:
        yield Entry(box=box, line=line, column=column, value=cleaned)


def _clean(value: str) -> str:
    """Capitals, no characters a scanner cannot read (NUCC: no punctuation in names, no
    hyphens in numbers, except where a box's own format needs them)."""
    kept = [ch for ch in value.upper() if ch.isascii() and (ch.isalnum() or ch in " ,&/")]
    return " ".join("".join(kept).split())


def _header(claim: ProfessionalClaim) -> Iterator[Entry]:
    person, payer = claim.subscriber, claim.payer
    if payer is not None:
        yield from _put("carrier", 2, 41, 31, payer.name)
        column = _INSURANCE_TYPE.get(payer.category, _OTHER)
        yield Entry(box="1", line=8, column=column, value="X")
    yield from _put("1a", 8, 50, 29, person.member_id)
    name = f"{person.family_name}, {person.given_name}"
    yield from _put("2", 10, 1, 28, name)
    yield from _birth("3", 10, 31, person.date_of_birth.strftime("%m%d%Y"))
    yield from _sex("3", 10, person.sex, male=42, female=47)
    yield from _address("5", person.address, column=1)
    if payer is not None and payer.category is PayerCategory.MEDICARE:
        # Medicare billed first: items 4, 6, 7 and 11a-11c describe only insurance primary to
        # Medicare, and item 11 says NONE (Medicare Claims Processing Manual, ch. 26, item 11).
        yield Entry(box="11", line=18, column=50, value="NONE")
    else:
        yield from _put("4", 10, 50, 29, name)
        yield Entry(box="6", line=12, column=33, value="X")  # self: the patient is the insured
        yield from _address("7", person.address, column=50)
        yield from _put("11", 18, 50, 29, person.group_number)
        yield from _birth("11a", 20, 53, person.date_of_birth.strftime("%m%d%Y"))
        yield from _sex("11a", 20, person.sex, male=68, female=75)
        yield from _put("11c", 24, 50, 29, person.plan_name)
    if claim.signature_on_file:
        yield Entry(box="12", line=29, column=7, value="SIGNATURE ON FILE")
        yield Entry(box="13", line=29, column=55, value="SIGNATURE ON FILE")
    yield Entry(box="21", line=37, column=42, value="0")  # ICD indicator: ICD-10-CM
    for index, code in enumerate(claim.diagnoses[:12]):
        line, column = 38 + index // 4, 3 + 13 * (index % 4)
        yield from _put("21", line, column, 8, code.replace(".", ""))
    yield from _put("23", 40, 50, 29, claim.authorization_number)


def _birth(box: str, line: int, column: int, digits: str) -> Iterator[Entry]:
    yield Entry(box=box, line=line, column=column, value=digits[:2])
    yield Entry(box=box, line=line, column=column + 3, value=digits[2:4])
    yield Entry(box=box, line=line, column=column + 6, value=digits[4:])


def _sex(box: str, line: int, sex: Sex, *, male: int, female: int) -> Iterator[Entry]:
    if sex is Sex.MALE:
        yield Entry(box=box, line=line, column=male, value="X")
    elif sex is Sex.FEMALE:
        yield Entry(box=box, line=line, column=female, value="X")


def _address(box: str, address: Address | None, *, column: int) -> Iterator[Entry]:
    if address is None:
        return
    street = " ".join(part for part in (address.line1, address.line2 or "") if part)
    yield from _put(box, 12, column, 28, street)
    yield from _put(box, 14, column, 23, address.city)
    yield from _put(box, 14, column + 25 if box == "5" else column + 24, 2, address.state)
    yield from _put(box, 16, column, 10, _zip(address.postal_code))


def _zip(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())  # NUCC: no hyphen in a ZIP+4


def _services(claim: ProfessionalClaim, chunk: tuple[ClaimLine, ...]) -> Iterator[Entry]:
    for row, line in enumerate(chunk):
        shaded, plain = 43 + 2 * row, 44 + 2 * row
        if line.drug is not None:
            drug = line.drug
            ndc = "".join(ch for ch in drug.ndc if ch.isdigit())
            value = f"N4{ndc}{_clean(drug.unit)}{_quantity(drug.quantity)}"[:24]
            yield Entry(box="24 shaded", line=shaded, column=1, value=value)
        if claim.rendering.taxonomy:
            yield Entry(box="24I", line=shaded, column=65, value="ZZ")
            yield from _put("24J shaded", shaded, 68, 11, claim.rendering.taxonomy)
        day = line.on.strftime("%m%d%y")
        yield from _birth("24A", plain, 1, day)
        yield from _birth("24A", plain, 10, day)
        yield from _put("24B", plain, 19, 2, line.place_of_service)
        yield from _put("24D", plain, 25, 6, line.code)
        yield from _put("24D", plain, 33, 11, " ".join(line.modifiers[:4]))
        yield from _put("24E", plain, 45, 4, line.pointer_letters)
        yield from _money("24F", plain, 50, line.charge)
        yield from _put("24G", plain, 59, 3, str(line.units))
        yield from _put("24J", plain, 68, 10, claim.rendering.npi)


def _quantity(amount: Decimal) -> str:
    """The drug quantity as given, with its decimal point when it has a fraction (``0.7``)."""
    text = format(amount.normalize(), "f")
    return text if "." not in text else text.rstrip("0").rstrip(".")


def _money(box: str, line: int, column: int, amount: Decimal) -> Iterator[Entry]:
    """Dollars right-aligned in their five columns, a blank where the printed line divides
    dollars from cents, then the two cents columns (`` 1344 00``)."""
    dollars, cents = f"{amount:.2f}".split(".")
    yield Entry(box=box, line=line, column=column, value=f"{dollars:>5} {cents}")


def _footer(claim: ProfessionalClaim, *, last: bool) -> Iterator[Entry]:
    billing = claim.billing
    yield from _put("25", 56, 1, 15, billing.tin)
    yield Entry(box="25", line=56, column=19, value="X")  # EIN
    yield from _put("26", 56, 23, 14, _account(claim.control_number))
    if claim.accept_assignment is not None:
        yield Entry(box="27", line=56, column=38 if claim.accept_assignment else 43, value="X")
    if last:
        yield from _money("28", 56, 52, claim.total)
    if billing.phone:
        digits = "".join(ch for ch in billing.phone if ch.isdigit())[-10:]
        if len(digits) == 10:
            yield Entry(box="33", line=57, column=66, value=digits[:3])
            yield Entry(box="33", line=57, column=70, value=f"{digits[3:6]} {digits[6:]}")
    yield from _put("32", 58, 23, 26, billing.name)
    yield from _put("33", 58, 50, 29, billing.name)
    yield from _put("32", 59, 23, 26, _street(billing.address))
    yield from _put("33", 59, 50, 29, _street(billing.address))
    yield from _put("31", 60, 1, 21, claim.rendering.name.replace(",", ""))
    yield from _put("32", 60, 23, 26, _city(billing.address))
    yield from _put("33", 60, 50, 29, _city(billing.address))
    yield from _put("32a", 61, 23, 10, billing.npi)
    yield from _put("33a", 61, 50, 10, billing.npi)
    if billing.taxonomy:
        yield from _put("33b", 61, 63, 16, f"ZZ{billing.taxonomy}")


def _account(control_number: str) -> str:
    """Box 26 holds 14 characters: the control number's letters and digits; when longer, without
    its leading letters (``CASE``), and then its last 14 (the case's number and the date of
    service, which tell claims apart)."""
    kept = "".join(ch for ch in control_number.upper() if ch.isalnum())
    if len(kept) > 14:
        kept = kept.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ") or kept
    return kept[-14:]


def _street(address: Address) -> str:
    return " ".join(part for part in (address.line1, address.line2 or "") if part)


def _city(address: Address) -> str:
    return f"{address.city} {address.state} {_zip(address.postal_code)}"
