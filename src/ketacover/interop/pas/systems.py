"""The code systems and identifier systems a prior-authorization bundle uses, with their sources.

Each URI is the one the authority for its field names:

- CPT ``http://www.ama-assn.org/go/cpt`` and HCPCS Level II
  ``http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets``: both are listed in the Da Vinci PAS
  value set *X12 278 Requested Service Type* (``input/fsh/Terminology.fsh`` in HL7/davinci-pas),
  which binds ``Claim.item.productOrService``. The HCPCS URI is ``http:`` there, as in HL7
  Terminology and US Core STU4/STU5 (a few US Core pages print ``https:``; PAS is the guide this
  bundle follows).
- ICD-10-CM ``http://hl7.org/fhir/sid/icd-10-cm``: PAS value set *X12 278 Diagnosis Codes*; US Core
  terminology page.
- NPI ``http://hl7.org/fhir/sid/us-npi``: US Core Organization and Practitioner profiles.
- EIN/TIN ``urn:oid:2.16.840.1.113883.4.4``: HL7 Terminology NamingSystem *USEIN*, whose preferred
  URI this is ("endorsed by the HTA and considered authoritative").
- NDC ``http://hl7.org/fhir/sid/ndc``: PAS value set *X12 278 Requested Service Type*.
- PAS supporting-information and diagnosis-type codes (``additionalInformation``, ``principal``):
  the PAS STU 2 and 2.1 value sets *PASSupportingInfoType* and *X12278DiagnosisType* take them from
  the code system *PAS Temporary Codes* (STU 1 had them in separate code systems).
- Claim type, process priority, coverage class, organization type and identifier type: HL7
  Terminology (``terminology.hl7.org``) code systems that R4 binds these elements to.
"""

from __future__ import annotations

from typing import Final

from ketacover.core.codes.procedure_table import CodeSystem

CPT: Final = "http://www.ama-assn.org/go/cpt"
HCPCS: Final = "http://www.cms.gov/Medicare/Coding/HCPCSReleaseCodeSets"
ICD10CM: Final = "http://hl7.org/fhir/sid/icd-10-cm"
NDC: Final = "http://hl7.org/fhir/sid/ndc"
NPI: Final = "http://hl7.org/fhir/sid/us-npi"
TIN: Final = "urn:oid:2.16.840.1.113883.4.4"
URI: Final = "urn:ietf:rfc:3986"
"""Identifier system for identifiers that are themselves URIs (``urn:uuid:...``)."""

CLAIM_TYPE: Final = "http://terminology.hl7.org/CodeSystem/claim-type"
PRIORITY: Final = "http://terminology.hl7.org/CodeSystem/processpriority"
COVERAGE_CLASS: Final = "http://terminology.hl7.org/CodeSystem/coverage-class"
ORGANIZATION_TYPE: Final = "http://terminology.hl7.org/CodeSystem/organization-type"
IDENTIFIER_TYPE: Final = "http://terminology.hl7.org/CodeSystem/v2-0203"
CONDITION_CLINICAL: Final = "http://terminology.hl7.org/CodeSystem/condition-clinical"
PAS_TEMP_CODES: Final = "http://hl7.org/fhir/us/davinci-pas/CodeSystem/PASTempCodes"

PROCEDURE_SYSTEMS: Final = {CodeSystem.CPT: CPT, CodeSystem.HCPCS: HCPCS}
"""The FHIR system URI of each procedure code system ketacover knows."""
