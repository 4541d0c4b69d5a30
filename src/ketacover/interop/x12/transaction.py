"""The body of one 835 transaction set (between ST and SE), read segment by segment.

Each segment id the 835 uses for payments, claims and lines has one handler; the envelope reader
(:mod:`ketacover.interop.x12.parser`) calls them in file order. Loops are implied by order: a CLP
opens a claim, an SVC opens a service line within it, and DTM, CAS, AMT, NM1, LQ and REF belong
to whichever of them is open. The claim closes at the next CLP, LX, PLB or SE.

This is the hot path of a 10 MB file (about 400,000 segments), so amounts and dates are parsed
once per distinct text and element access is inlined; the readable rules are in the docstrings.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Final

from ketacover.interop.x12.drafts import ClaimDraft, LineDraft
from ketacover.interop.x12.errors import RemittanceError, quoted
from ketacover.interop.x12.model import (
    Adjustment,
    ClaimPayment,
    Party,
    Payment,
    ProviderAdjustment,
    Remittance,
    ServiceLine,
)

ONE: Final = Decimal(1)
ZERO: Final = Decimal(0)

Elements = list[str]


class Transaction:
    """Reads the segments of one transaction set into a :class:`Remittance`.

    ``index`` is the position (0-based) of the segment being handled; errors name it as the
    1-based segment number, with the segment id.
    """

    def __init__(
        self,
        segments: list[str],
        element: str,
        component: str,
        control: str,
        amounts: dict[str, Decimal],
        dates: dict[str, date],
    ) -> None:
        self.segments = segments
        self.element = element
        self.component = component
        self.control = control
        self.amounts = amounts
        self.dates = dates
        self.index = 0
        self.payer: Party | None = None
        self.payee: Party | None = None
        self.payment: Elements | None = None
        self.paid_on: date | None = None
        self.trace: str | None = None
        self.production: date | None = None
        self.claims: list[ClaimPayment] = []
        self.plb: list[ProviderAdjustment] = []
        self.claim: ClaimDraft | None = None
        self.line: LineDraft | None = None
        self.handlers: dict[str, Callable[[Elements], None]] = {
            "BPR": self._bpr,
            "TRN": self._trn,
            "DTM": self._dtm,
            "N1": self._n1,
            "LX": self._lx,
            "CLP": self._clp,
            "CAS": self._cas,
            "NM1": self._nm1,
            "MOA": self._moa,
            "MIA": self._mia,
            "AMT": self._amt,
            "QTY": self._qty,
            "SVC": self._svc,
            "LQ": self._lq,
            "REF": self._ref,
            "PLB": self._plb,
        }

    # -- errors and elements --------------------------------------------------------------------

    def fail(self, problem: str) -> RemittanceError:
        """The error for ``problem`` at the segment being handled."""
        sid = self.segments[self.index].split(self.element, 1)[0].strip()
        return RemittanceError(problem, self.index + 1, sid[:3])

    def _need(self, elements: Elements, at: int) -> str:
        if len(elements) > at and elements[at]:
            return elements[at]
        raise self.fail(f"{elements[0]}{at:02d} is missing")

    def _amount(self, elements: Elements, at: int) -> Decimal:
        value = self._need(elements, at)
        found = self.amounts.get(value)
        if found is not None:
            return found
        try:
            found = Decimal(value)
        except InvalidOperation:
            found = None
        if found is None or not found.is_finite():
            raise self.fail(f"{elements[0]}{at:02d} {quoted(value)}is not an amount")
        self.amounts[value] = found
        return found

    def _optional_amount(self, elements: Elements, at: int) -> Decimal | None:
        if len(elements) <= at or not elements[at]:
            return None
        return self._amount(elements, at)

    def _date(self, elements: Elements, at: int) -> date:
        value = self._need(elements, at)
        found = self.dates.get(value)
        if found is not None:
            return found
        try:
            if len(value) != 8 or not value.isdigit():
                raise ValueError(value)
            found = date(int(value[:4]), int(value[4:6]), int(value[6:]))
        except ValueError:
            raise self.fail(
                f"{elements[0]}{at:02d} {quoted(value)}is not a date (CCYYMMDD)"
            ) from None
        self.dates[value] = found
        return found

    # -- header ---------------------------------------------------------------------------------

    def _bpr(self, elements: Elements) -> None:
        """BPR: the payment; BPR02 amount, BPR04 method, BPR16 payment date."""
        self._amount(elements, 2)
        self._need(elements, 4)
        if len(elements) > 16 and elements[16]:
            self.paid_on = self._date(elements, 16)
        self.payment = elements

    def _trn(self, elements: Elements) -> None:
        """TRN: the check or EFT trace number (TRN02)."""
        self.trace = self._need(elements, 2)

    def _n1(self, elements: Elements) -> None:
        """N1*PR is the payer, N1*PE the payee (name N102, identifier qualifier N103, identifier
        N104)."""
        code = self._need(elements, 1)
        if code not in ("PR", "PE"):
            return
        party = Party(
            name=elements[2] if len(elements) > 2 else "",
            id=elements[4] if len(elements) > 4 and elements[4] else None,
            qualifier=elements[3] if len(elements) > 4 and elements[3] and elements[4] else None,
        )
        if code == "PR":
            self.payer = party
        else:
            self.payee = party

    def _dtm(self, elements: Elements) -> None:
        """DTM: the production date (405) in the header; statement period (232, 233) and
        received date (050) on a claim; the date of service (472, or 150/151) on a line."""
        if len(elements) < 3 or not elements[1]:
            self._need(elements, 1)
            self._need(elements, 2)
        qualifier = elements[1]
        on = self.dates.get(elements[2]) or self._date(elements, 2)
        line, claim = self.line, self.claim
        if line is not None:
            if qualifier == "472" or qualifier == "150" or (qualifier == "151" and not line.on):
                line.on = on
        elif claim is not None:
            if qualifier == "232":
                claim.service_from = on
            elif qualifier == "233":
                claim.service_to = on
            elif qualifier == "050":
                claim.received = on
        elif qualifier == "405":
            self.production = on

    def _lx(self, elements: Elements) -> None:
        """LX: a header number grouping claims; it closes the open claim."""
        self._finish_claim()

    # -- claims ---------------------------------------------------------------------------------

    def _clp(self, elements: Elements) -> None:
        """CLP: a claim payment; CLP01 patient control number, CLP02 status, CLP03 charge, CLP04
        payment, CLP05 patient responsibility, CLP06 filing indicator, CLP07 payer claim number."""
        self._finish_claim()
        self._need(elements, 1)
        self._need(elements, 2)
        if len(elements) < 5:
            self._need(elements, 3)
            self._need(elements, 4)
        amounts = self.amounts
        charge = amounts.get(elements[3])
        if charge is None:
            charge = self._amount(elements, 3)
        paid = amounts.get(elements[4])
        if paid is None:
            paid = self._amount(elements, 4)
        share = self._optional_amount(elements, 5)
        self.claim = ClaimDraft(
            self.index, elements, charge, paid, ZERO if share is None else share
        )

    def _open_claim(self) -> ClaimDraft:
        if self.claim is None:
            raise self.fail("this segment comes before any CLP (claim)")
        return self.claim

    def _cas(self, elements: Elements) -> None:
        """CAS: up to six adjustments of one group (CAS01), each reason, amount and quantity."""
        line = self.line
        target = line.adjustments if line is not None else self._open_claim().adjustments
        group = self._need(elements, 1)
        amounts = self.amounts
        size = len(elements)
        found = 0
        for at in range(2, min(size, 20), 3):
            reason = elements[at]
            if not reason:
                continue
            amount = amounts.get(elements[at + 1]) if size > at + 1 else None
            if amount is None:
                amount = self._amount(elements, at + 1)
            quantity = None
            if size > at + 2 and elements[at + 2]:
                quantity = self._amount(elements, at + 2)
            target.append(Adjustment(group, reason, amount, quantity))
            found += 1
        if not found:
            raise self.fail("CAS02 is missing")

    def _nm1(self, elements: Elements) -> None:
        """NM1*QC: the patient (name, member id in NM109); NM1*IL: the subscriber's member id."""
        claim = self.claim
        if claim is None or self.line is not None or len(elements) < 2:
            return
        code = elements[1]
        member = elements[9] if len(elements) > 9 and elements[9] else None
        if code == "QC":
            last = elements[3] if len(elements) > 3 else ""
            first = elements[4] if len(elements) > 4 else ""
            claim.patient_name = f"{last}, {first}" if first else (last or None)
            claim.patient_id = member
        elif code == "IL":
            claim.insured_id = member

    def _moa(self, elements: Elements) -> None:
        """MOA: outpatient adjudication; remark codes in MOA03 to MOA07."""
        self._open_claim().remarks.extend(code for code in elements[3:8] if code)

    def _mia(self, elements: Elements) -> None:
        """MIA: inpatient adjudication; remark codes in MIA05 and MIA20 to MIA24."""
        codes = elements[5:6] + elements[20:25]
        self._open_claim().remarks.extend(code for code in codes if code)

    def _amt(self, elements: Elements) -> None:
        """AMT: a supplemental amount; on a line, B6 is the allowed amount."""
        qualifier = self._need(elements, 1)
        amount = self.amounts.get(elements[2]) if len(elements) > 2 else None
        if amount is None:
            amount = self._amount(elements, 2)
        if self.line is not None:
            if qualifier == "B6":
                self.line.allowed = amount
        elif self.claim is not None:
            self.claim.amounts.append((qualifier, amount))

    def _qty(self, elements: Elements) -> None:
        """QTY: a supplemental quantity on a claim."""
        qualifier = self._need(elements, 1)
        quantity = self._amount(elements, 2)
        if self.claim is not None and self.line is None:
            self.claim.quantities.append((qualifier, quantity))

    def _svc(self, elements: Elements) -> None:
        """SVC: a service line; SVC01 composite procedure (qualifier, code, modifiers), SVC02
        charge, SVC03 payment, SVC05 units (1 when left out)."""
        self._open_claim()
        self._finish_line()
        code = self._need(elements, 1).split(self.component)
        if len(code) < 2 or not code[1]:
            raise self.fail("SVC01 has no procedure code (SVC01-2)")
        if len(elements) < 4:
            self._need(elements, 2)
            self._need(elements, 3)
        amounts = self.amounts
        charge = amounts.get(elements[2])
        if charge is None:
            charge = self._amount(elements, 2)
        paid = amounts.get(elements[3])
        if paid is None:
            paid = self._amount(elements, 3)
        units = ONE
        if len(elements) > 5 and elements[5]:
            units = amounts.get(elements[5]) or self._amount(elements, 5)
        self.line = LineDraft(code, charge, paid, units)

    def _lq(self, elements: Elements) -> None:
        """LQ*HE: a remark code on a service line."""
        if self.line is None:
            raise self.fail("LQ comes outside a service line (SVC)")
        if self._need(elements, 1) == "HE":
            self.line.remarks.append(self._need(elements, 2))

    def _ref(self, elements: Elements) -> None:
        """REF*6R on a service line: the line item control number."""
        if self.line is not None and len(elements) > 2 and elements[1] == "6R":
            self.line.control = elements[2]

    def _plb(self, elements: Elements) -> None:
        """PLB: provider-level adjustments; PLB01 provider, PLB02 fiscal period date, then up to
        six pairs of reason (with reference after the component separator) and amount."""
        self._finish_claim()
        provider = self._need(elements, 1)
        period = self._date(elements, 2) if len(elements) > 2 and elements[2] else None
        found = 0
        for at in range(3, min(len(elements), 15), 2):
            if not elements[at]:
                continue
            reason, _, reference = elements[at].partition(self.component)
            amount = self._amount(elements, at + 1)
            self.plb.append(ProviderAdjustment(provider, period, reason, reference or None, amount))
            found += 1
        if not found:
            raise self.fail("PLB03 is missing")

    # -- closing --------------------------------------------------------------------------------

    def _finish_line(self) -> None:
        line, claim = self.line, self.claim
        if line is None or claim is None:
            return
        code = line.code
        claim.lines.append(
            ServiceLine(
                qualifier=code[0],
                procedure=code[1],
                modifiers=tuple(modifier for modifier in code[2:6] if modifier),
                charge=line.charge,
                paid=line.paid,
                units=line.units,
                date=line.on,
                allowed=line.allowed,
                adjustments=tuple(line.adjustments),
                remarks=tuple(line.remarks),
                control_number=line.control,
            )
        )
        self.line = None

    def _finish_claim(self) -> None:
        self._finish_line()
        claim = self.claim
        if claim is None:
            return
        self.claim = None
        elements = claim.elements
        lines = tuple(claim.lines)
        first, last = claim.service_from, claim.service_to
        if first is None or last is None:
            dates = [line.date for line in lines if line.date is not None]
            first = first or (min(dates) if dates else None)
            last = last or (max(dates) if dates else first)
        size = len(elements)
        self.claims.append(
            ClaimPayment(
                segment=claim.index + 1,
                patient_control_number=elements[1],
                status_code=elements[2],
                charge=claim.charge,
                paid=claim.paid,
                patient_responsibility=claim.share,
                filing_indicator=elements[6] if size > 6 and elements[6] else None,
                payer_claim_number=elements[7] if size > 7 and elements[7] else None,
                patient_name=claim.patient_name,
                member_id=claim.insured_id or claim.patient_id,
                service_from=first,
                service_to=last,
                received=claim.received,
                payment_date=self.paid_on or self.production,
                adjustments=tuple(claim.adjustments),
                remarks=tuple(claim.remarks),
                amounts=tuple(claim.amounts),
                quantities=tuple(claim.quantities),
                service_lines=lines,
            )
        )

    def finish(self) -> Remittance:
        """The remittance, once SE is reached; the payment and both parties are required."""
        self._finish_claim()
        if self.payment is None:
            raise self.fail("the transaction set has no BPR (payment) segment")
        payer, payee = self.payer, self.payee
        if payer is None or payee is None:
            code = "PR" if payer is None else "PE"
            raise self.fail(f"the transaction set has no N1*{code} segment")
        return Remittance(
            control_number=self.control,
            payer=payer,
            payee=payee,
            payment=Payment(
                amount=self.amounts[self.payment[2]],
                method=self.payment[4],
                date=self.paid_on or self.production,
                trace=self.trace,
            ),
            production_date=self.production,
            claims=tuple(self.claims),
            provider_adjustments=tuple(self.plb),
        )
