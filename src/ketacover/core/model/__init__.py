"""The case model: frozen dataclasses and string enums, no behaviour beyond small derivations.

Case files (YAML/JSON) are validated into these classes by ``ketacover.interop.casefile``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ketacover.core.lazy import lazy_exports

if TYPE_CHECKING:
    from ketacover.core.model._base import cents
    from ketacover.core.model.case import CASE_ID_PATTERN, CASE_ID_RULE, Case, is_case_id
    from ketacover.core.model.clinical import (
        ClinicalHistory,
        Diagnosis,
        Outcome,
        Scale,
        ScaleScore,
        SubstanceUse,
        TreatmentTrial,
        TrialKind,
    )
    from ketacover.core.model.events import (
        AbnOption,
        AdvanceNotice,
        Appeal,
        AppealLevel,
        AppealOutcome,
        Call,
        CallAnswer,
        Channel,
        Claim,
        ClaimLineStatus,
        ClaimStatus,
        Decision,
        Denial,
        DenialLevel,
        DenialReason,
        PriorAuthorization,
        Session,
    )
    from ketacover.core.model.patient import Address, Patient, Sex
    from ketacover.core.model.plan import (
        CostShare,
        EsketamineSupply,
        PayerCategory,
        Plan,
        PlanCriterion,
        PlanType,
        ProlongedServiceCode,
    )
    from ketacover.core.model.provider import Clinic, Clinician, Fee, NetworkStatus, Specialty
    from ketacover.core.model.treatment import Treatment, TreatmentPlan, Urgency

__getattr__, __dir__ = lazy_exports(
    __name__,
    {
        "_base": ("cents",),
        "case": (
            "CASE_ID_PATTERN",
            "CASE_ID_RULE",
            "Case",
            "is_case_id",
        ),
        "clinical": (
            "ClinicalHistory",
            "Diagnosis",
            "Outcome",
            "Scale",
            "ScaleScore",
            "SubstanceUse",
            "TreatmentTrial",
            "TrialKind",
        ),
        "events": (
            "AbnOption",
            "AdvanceNotice",
            "Appeal",
            "AppealLevel",
            "AppealOutcome",
            "Call",
            "CallAnswer",
            "Channel",
            "Claim",
            "ClaimLineStatus",
            "ClaimStatus",
            "Decision",
            "Denial",
            "DenialLevel",
            "DenialReason",
            "PriorAuthorization",
            "Session",
        ),
        "patient": (
            "Address",
            "Patient",
            "Sex",
        ),
        "plan": (
            "CostShare",
            "EsketamineSupply",
            "PayerCategory",
            "Plan",
            "PlanCriterion",
            "PlanType",
            "ProlongedServiceCode",
        ),
        "provider": (
            "Clinic",
            "Clinician",
            "Fee",
            "NetworkStatus",
            "Specialty",
        ),
        "treatment": (
            "Treatment",
            "TreatmentPlan",
            "Urgency",
        ),
    },
)

__all__ = [
    "CASE_ID_PATTERN",
    "CASE_ID_RULE",
    "AbnOption",
    "Address",
    "AdvanceNotice",
    "Appeal",
    "AppealLevel",
    "AppealOutcome",
    "Call",
    "CallAnswer",
    "Case",
    "Channel",
    "Claim",
    "ClaimLineStatus",
    "ClaimStatus",
    "Clinic",
    "ClinicalHistory",
    "Clinician",
    "CostShare",
    "Decision",
    "Denial",
    "DenialLevel",
    "DenialReason",
    "Diagnosis",
    "EsketamineSupply",
    "Fee",
    "NetworkStatus",
    "Outcome",
    "Patient",
    "PayerCategory",
    "Plan",
    "PlanCriterion",
    "PlanType",
    "PriorAuthorization",
    "ProlongedServiceCode",
    "Scale",
    "ScaleScore",
    "Session",
    "Sex",
    "Specialty",
    "SubstanceUse",
    "Treatment",
    "TreatmentPlan",
    "TreatmentTrial",
    "TrialKind",
    "Urgency",
    "cents",
    "is_case_id",
]
