"""Recording sessions given and claims billed and paid (product.md step 7); the same rules as
:mod:`ketacover.web.events.services`, whose face re-exports these."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from typing import Final

from django.http import HttpRequest

from ketacover.core.billing.abn import ABN_TREATMENTS
from ketacover.core.codes import ndc as ndc_codes
from ketacover.core.errors import InvalidCodeError, KetacoverError
from ketacover.core.model import (
    AbnOption,
    AdvanceNotice,
    Case,
    Claim,
    ClaimStatus,
    Decision,
    EsketamineSupply,
    PayerCategory,
    Session,
    Treatment,
)
from ketacover.web.accounts.models import Actor
from ketacover.web.cases.models import CaseRecord
from ketacover.web.cases.services import case_add_event, case_of, case_save

_APPROVED: Final = frozenset({Decision.APPROVED, Decision.PARTIALLY_APPROVED})


def session_record(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    on: date,
    treatment: Treatment,
    minutes: int | None = None,
    dose_mg: Decimal | None = None,
    charge: Decimal | None = None,
    amount_paid: Decimal | None = None,
    authorization_id: str | None = None,
    bp_before: str | None = None,
    bp_40_min: str | None = None,
    bp_discharge: str | None = None,
    monitoring_minutes: int | None = None,
    rems_form_submitted: date | None = None,
    em_code: str | None = None,
    em_separately_identifiable: bool | None = None,
    em_minutes: int | None = None,
    staff_minutes: int | None = None,
    therapy_minutes: int | None = None,
    ndc: str | None = None,
    esketamine_supply: EsketamineSupply | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Log a treatment session, counted against an approved authorization when one is named;
    an esketamine session also carries its REMS monitoring readings (sourcebook esketamine.toml).

    What the claim's coding needs comes with it: the documented visit, the practitioner's,
    clinical staff's and psychotherapy minutes; the product's ``ndc`` (kept on the treatment
    plan) and how esketamine is supplied (kept on the plan) change those when given."""
    case = case_of(record)
    if authorization_id and authorization_id not in approved_authorizations(case):
        raise KetacoverError(f"authorization_id: {authorization_id!r} is not an approved request")
    rems: dict[str, object] = {
        "bp_before": bp_before,
        "bp_40_min": bp_40_min,
        "bp_discharge": bp_discharge,
        "monitoring_minutes": monitoring_minutes,
        "rems_form_submitted": rems_form_submitted,
    }
    if treatment is not Treatment.ESKETAMINE:
        for name, value in rems.items():
            if value is not None:
                raise KetacoverError(f"{name}: only an esketamine session has REMS values")
    session = Session(
        on=on,
        treatment=treatment,
        minutes=minutes,
        dose_mg=dose_mg,
        charge=charge,
        amount_paid=amount_paid,
        authorization_id=authorization_id or None,
        bp_before=bp_before,
        bp_40_min=bp_40_min,
        bp_discharge=bp_discharge,
        monitoring_minutes=monitoring_minutes,
        rems_form_submitted=rems_form_submitted,
        em_code=em_code or None,
        em_separately_identifiable=em_separately_identifiable if em_code else None,
        em_minutes=em_minutes if em_code else None,
        staff_minutes=staff_minutes,
        therapy_minutes=therapy_minutes if em_code else None,
    )
    changed = replace(case, sessions=(*case.sessions, session))
    detail: dict[str, object] = {"added": "sessions"}
    if ndc:
        if case.treatment_plan is None:
            raise KetacoverError("ndc: record the treatment plan first; the NDC is kept on it")
        try:
            typed = ndc_codes.format(ndc)
        except InvalidCodeError as error:
            raise KetacoverError(f"ndc: {error}") from None
        if case.treatment_plan.ndc is None or ndc_codes.normalize(
            case.treatment_plan.ndc
        ) != ndc_codes.normalize(typed):
            changed = replace(changed, treatment_plan=replace(case.treatment_plan, ndc=typed))
            detail["treatment_plan"] = "ndc"
    if esketamine_supply is not None:
        if case.plan is None:
            raise KetacoverError("esketamine_supply: the case has no plan to keep it on")
        if case.plan.esketamine_supply is not esketamine_supply:
            changed = replace(changed, plan=replace(case.plan, esketamine_supply=esketamine_supply))
            detail["plan"] = "esketamine_supply"
    return case_save(
        user=user,
        record=record,
        case=changed,
        expected_version=expected_version,
        today=today,
        request=request,
        detail=detail,
    )


def session_rems_submitted(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    session: int,
    submitted: date,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record that the REMS Patient Monitoring Form of esketamine session number ``session`` (its
    place in the list) was submitted; its 7-day deadline then ends (sourcebook esketamine.toml)."""
    case = case_of(record)
    if not 0 <= session < len(case.sessions):
        raise KetacoverError("session: no such entry")
    given = case.sessions[session]
    if given.treatment is not Treatment.ESKETAMINE:
        raise KetacoverError("session: only an esketamine session has a REMS monitoring form")
    if submitted < given.on:
        raise KetacoverError("submitted: the form is dated before the session")
    if submitted > today:
        raise KetacoverError("submitted: the date is in the future")
    changed = replace(given, rems_form_submitted=submitted)
    sessions = tuple(changed if i == session else s for i, s in enumerate(case.sessions))
    return case_save(
        user=user,
        record=record,
        case=replace(case, sessions=sessions),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"changed": "sessions", "index": session, "rems_form": True},
    )


def approved_authorizations(case: Case) -> list[str]:
    """Ids of the case's approved (or partly approved) prior authorizations."""
    return [pa.id for pa in case.prior_authorizations if pa.decision in _APPROVED]


def claim_record(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    service_from: date,
    billed: Decimal,
    status: ClaimStatus = ClaimStatus.SUBMITTED,
    claim_number: str | None = None,
    service_to: date | None = None,
    submitted: date | None = None,
    allowed: Decimal | None = None,
    paid: Decimal | None = None,
    patient_share: Decimal | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record a claim (or superbill submission) with its amounts as known so far."""
    claim = Claim(
        claim_number=claim_number,
        service_from=service_from,
        service_to=service_to,
        submitted=submitted,
        status=status,
        billed=billed,
        allowed=allowed,
        paid=paid,
        patient_share=patient_share,
    )
    return case_add_event(
        user=user,
        record=record,
        field="claims",
        event=claim,
        expected_version=expected_version,
        today=today,
        request=request,
    )


def claim_update(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    claim: int,
    status: ClaimStatus,
    allowed: Decimal | None = None,
    paid: Decimal | None = None,
    patient_share: Decimal | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record what the plan decided on claim number ``claim`` (its place in the list)."""
    case = case_of(record)
    if not 0 <= claim < len(case.claims):
        raise KetacoverError("claim: no such entry")
    changed = replace(
        case.claims[claim], status=status, allowed=allowed, paid=paid, patient_share=patient_share
    )
    claims = tuple(changed if i == claim else c for i, c in enumerate(case.claims))
    return case_save(
        user=user,
        record=record,
        case=replace(case, claims=claims),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"changed": "claims", "index": claim},
    )


def abn_record(
    *,
    user: Actor,
    record: CaseRecord,
    expected_version: int,
    today: date,
    signed: date,
    option: AbnOption,
    treatment: Treatment | None = None,
    request: HttpRequest | None = None,
) -> CaseRecord:
    """Record the Advance Beneficiary Notice (form CMS-R-131) the patient signed: the date and
    the option chosen. A session of the notice's treatment on or after that date then bills GA
    (option 1) or is not billed to Medicare (option 2); before it, GZ (sourcebook
    cms-abn-form-instructions, noridian-modifier-ga). Replaces a notice recorded before."""
    case = case_of(record)
    if case.plan is None or case.plan.category is not PayerCategory.MEDICARE:
        raise KetacoverError(
            "option: an ABN is given to Original Medicare patients; the case's plan is not "
            "Original Medicare"
        )
    if signed > today:
        raise KetacoverError("signed: the date is in the future")
    if treatment is not None and treatment not in ABN_TREATMENTS:
        raise KetacoverError("treatment: an ABN here is for ketamine given in the clinic")
    notice = AdvanceNotice(signed=signed, option=option, treatment=treatment)
    return case_save(
        user=user,
        record=record,
        case=replace(case, abn=notice),
        expected_version=expected_version,
        today=today,
        request=request,
        detail={"changed": "abn", "option": option.number},
    )
