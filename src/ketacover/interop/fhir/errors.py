"""The error a FHIR bundle that cannot be read raises."""

from __future__ import annotations

from ketacover.core.errors import KetacoverError, Problem


class FhirImportError(KetacoverError):
    """A FHIR bundle is not JSON, not a Bundle, or fails FHIR R4 validation.

    ``problems`` lists each problem with its path, e.g.
    ``entry[3] (MedicationDispense).whenHandedOver`` and ``"2026-13-01" is not a date``. Messages
    quote at most the offending value, never a whole resource.
    """

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        first = problems[0]
        summary = f"{first.path}: {first.message}" if first.path else first.message
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        super().__init__(summary + more)
