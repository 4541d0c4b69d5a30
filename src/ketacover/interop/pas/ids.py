"""Deterministic resource ids: the same case exported twice gives the same ``urn:uuid:`` URLs.

Each resource's UUID is a version-5 UUID (RFC 4122, name-based with SHA-1) of the case id and the
resource's role in the request (``patient``, ``coverage``, ``condition/2``...), so re-exporting a
case reproduces its bundle byte for byte and a receiver can tell it is the same patient and
coverage. Case ids are not PHI, and the UUID does not reveal them.
"""

from __future__ import annotations

import uuid
from typing import Final

_NAMESPACE: Final = uuid.uuid5(uuid.NAMESPACE_URL, "urn:ketacover:pas-request")
"""The namespace every ketacover prior-authorization UUID is drawn from."""


def resource_uuid(case_id: str, role: str) -> str:
    """The UUID of the resource playing ``role`` in the request for case ``case_id``."""
    return str(uuid.uuid5(_NAMESPACE, f"{case_id}/{role}"))


def full_url(case_id: str, role: str) -> str:
    """The bundle entry's ``fullUrl`` (``urn:uuid:...``) for that resource."""
    return f"urn:uuid:{resource_uuid(case_id, role)}"


def reference(case_id: str, role: str) -> dict[str, str]:
    """A FHIR Reference to that resource, by its ``fullUrl``."""
    return {"reference": full_url(case_id, role)}
