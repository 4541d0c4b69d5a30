"""A case's prior-authorization request as a Da Vinci PAS-style FHIR R4 Bundle.

The HL7 Da Vinci Prior Authorization Support (PAS) guide submits a FHIR Claim with
``use = preauthorization`` in a Bundle through the ``Claim/$submit`` operation and gets a
ClaimResponse back (sourcebook appeals.toml; the current guide is STU 2.1). The PAS request bundle
is a ``collection`` with an identifier, a timestamp and the Claim as its first entry; the other
entries are the resources the Claim refers to. :func:`pas_bundle` builds that bundle:

- Claim (see :mod:`ketacover.interop.pas.claim`), then Patient, Coverage, the payer's and the
  clinic's Organization, the prescriber's Practitioner, one Condition per diagnosis and, when a
  letter is given, a DocumentReference carrying the letter of medical necessity as a PDF;
- full URLs are ``urn:uuid:`` with UUIDs derived from the case id (:mod:`.ids`), so the same case
  exported on the same day gives the same bundle;
- every resource is validated with its ``fhir.resources`` R4B class, and the finished bundle is
  parsed back with ``Bundle.model_validate`` before it is returned.

It is "PAS-style": it follows the guide's structure and code systems but does not claim the PAS
profiles (it leaves out the X12-coded elements, such as care-team roles, service categories and
certification types, whose code lists are X12-licensed). It is a file for a person or a system
to submit; ketacover does not talk to a payer.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ketacover.core.errors import KetacoverError
from ketacover.core.letters.readiness import require_prior_authorization_payer
from ketacover.core.model import Case
from ketacover.interop.pas import parties, systems
from ketacover.interop.pas.claim import claim, required_facts
from ketacover.interop.pas.ids import full_url, resource_uuid

if TYPE_CHECKING:
    from pydantic import ValidationError

__all__ = ["InvalidBundleError", "pas_bundle"]

Json = dict[str, Any]


class InvalidBundleError(KetacoverError):
    """The bundle built from a case does not validate as FHIR R4 (names the resource and field)."""


def pas_bundle(
    case: Case,
    today: date,
    *,
    letter_pdf: bytes | None = None,
    letter_title: str = parties.LETTER_TITLE,
) -> Json:
    """The prior-authorization request for ``case`` as FHIR R4 JSON data (a ``dict``).

    ``today`` is the day the request is made (Claim.created, Bundle.timestamp at 00:00 UTC).
    ``letter_pdf`` is the rendered request letter to attach, if any: the letter of medical
    necessity, or the continuation request once the plan has approved the treatment
    (``letter_title`` names it).

    Raises :class:`~ketacover.core.errors.MissingFactsError` listing every missing fact (plan and
    member ID, clinic and its NPI, prescriber and NPI, treatment plan, a diagnosis, and the dose
    for per-mg drug codes) and :class:`InvalidBundleError` if the result is not valid FHIR.
    """
    require_prior_authorization_payer(case, "prior-authorization request")
    plan, practice, prescriber, treatment = required_facts(case)
    resources: list[tuple[str, Json]] = [
        ("claim", claim(case, treatment, today, with_letter=letter_pdf is not None)),
        ("patient", parties.patient(case)),
        ("coverage", parties.coverage(case, plan)),
        ("payer", parties.payer(case, plan)),
        ("clinic", parties.clinic(case, practice)),
        ("practitioner", parties.practitioner(case, prescriber)),
    ]
    for sequence, diagnosis in enumerate(parties.ordered_diagnoses(case), start=1):
        resources.append((f"condition/{sequence}", parties.condition(case, diagnosis, sequence)))
    if letter_pdf is not None:
        resources.append(("letter", parties.letter(case, letter_pdf, today, letter_title)))
    return _validated_bundle(case, today, resources)


def _validated_bundle(case: Case, today: date, resources: list[tuple[str, Json]]) -> Json:
    """Validate each resource with its R4B class, assemble the Bundle, dump it and parse it back."""
    from fhir.resources.R4B import get_fhir_model_class
    from fhir.resources.R4B.bundle import Bundle
    from pydantic import ValidationError

    entries = []
    for role, data in resources:
        model = get_fhir_model_class(data["resourceType"])
        try:
            entries.append(
                {"fullUrl": full_url(case.id, role), "resource": model.model_validate(data)}
            )
        except ValidationError as error:
            raise _invalid(data["resourceType"], error) from None
    envelope: Json = {
        "resourceType": "Bundle",
        "id": resource_uuid(case.id, "bundle"),
        "identifier": {
            "system": systems.URI,
            "value": full_url(case.id, f"submission/{today.isoformat()}"),
        },
        "type": "collection",
        "timestamp": datetime(today.year, today.month, today.day, tzinfo=UTC),
        "entry": entries,
    }
    try:
        bundle = Bundle.model_validate(envelope)
        result: Json = json.loads(bundle.model_dump_json())
        Bundle.model_validate(result)
    except ValidationError as error:
        raise _invalid("Bundle", error) from None
    return result


def _invalid(resource_type: str, error: ValidationError) -> InvalidBundleError:
    """The first problem as ``Resource.path: kind`` (never the value, which may be PHI)."""
    first = error.errors()[0]
    path = ".".join(str(part) for part in first["loc"])
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return InvalidBundleError(f"{resource_type}.{path}: {first['type']}{more}")
