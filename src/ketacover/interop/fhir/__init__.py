"""FHIR R4 bundles in: a case built from a patient's own records, and a preview of a merge.

>>> from ketacover.interop.fhir import import_bundle, merge_into  # doctest: +SKIP
>>> result = import_bundle(open("bundle.json", "rb").read())  # doctest: +SKIP
>>> result.case.treatment_history, result.report.skipped  # doctest: +SKIP

See :mod:`ketacover.interop.fhir.importer` for what is read and
:mod:`ketacover.core.fills` for how trials are inferred.
"""

from ketacover.interop.fhir.errors import FhirImportError
from ketacover.interop.fhir.importer import DEFAULT_CASE_ID, FhirImport, import_bundle
from ketacover.interop.fhir.merge import Change, ChangeKind, merge_into
from ketacover.interop.fhir.report import ImportReport, InferredTrial, Skipped

__all__ = [
    "DEFAULT_CASE_ID",
    "Change",
    "ChangeKind",
    "FhirImport",
    "FhirImportError",
    "ImportReport",
    "InferredTrial",
    "Skipped",
    "import_bundle",
    "merge_into",
]
