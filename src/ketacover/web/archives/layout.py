"""What a workspace archive holds: its entries, the tables written to them, and its limits.

A workspace archive (format ``ketacover-workspace``, version 1) is a zip::

    manifest.json    format, version, software, exported_at, password_hashes, counts, and
                     {"sha256", "size"} of every other entry
    workspace.json   the workspace (one object)
    users.json       everyone the workspace's rows name: members, assignees, authors, actors
    members.json     memberships (user by username, a patient's case by case id)
    clinic.json      the workspace's clinic profile (none or one row): the clinic, its
                     prescribers and its fee schedule; an archive written before the profile
                     travelled lacks the entry and imports without a profile
    cases.json       each case: its whole case document (``data``, calls, authorizations,
                     denials, appeals, sessions, claims) and its ``version``
    deadlines.json   the deadlines as last computed
    documents.json   generated documents (letters, packets, superbills), ``file`` names the bytes
    uploads.json     files attached to cases, ``file`` names the bytes
    audit.json       the workspace's audit trail, oldest first
    documents/NNNNNN.<fmt>, uploads/NNNNNN.<ext>   the files, decrypted

Rows name each other by natural keys (a username, a case id), never by database id; each row
also carries its ``id`` at export, so the audit trail, which names objects by id, can still be
read after an import (the import's own audit event maps old ids to new). Password hashes are
left out unless the export asked for them (``password_hashes``). Invitations, calendar feeds and
API tokens are secrets of the server that issued them and are not exported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Final

from django.contrib.auth import get_user_model
from django.db import models

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.models import Membership, Workspace
from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.models import CaseRecord, DeadlineRecord, DocumentRecord
from ketacover.web.clinics.models import ClinicProfile
from ketacover.web.uploads.models import Upload

FORMAT: Final = "ketacover-workspace"
VERSION: Final = 1
MANIFEST: Final = "manifest.json"
ENTRY_NAME: Final = re.compile(r"^(?:[a-z]+\.json|(?:documents|uploads)/[0-9]{6}\.[a-z]{3,4})$")
"""The entry names an archive may hold."""
MAX_ENTRIES: Final = 1_000_000
MAX_ENTRY_BYTES: Final = 512 * 1024 * 1024
"""The largest entry read (a JSON table or one file)."""
MAX_ARCHIVE_BYTES: Final = 64 * 1024 * 1024 * 1024
"""The most an archive may unpack to, all entries together."""
MAX_MANIFEST_BYTES: Final = 256 * 1024 * 1024


class ArchiveError(KetacoverError):
    """A workspace archive that cannot be written or imported; the message starts with the
    entry (``cases.json: [3].version: ...``) and never quotes health data."""


@dataclass(frozen=True, slots=True)
class Table:
    """One model's rows in one archive entry."""

    entry: str
    """The entry name (``cases.json``)."""
    model: type[models.Model]
    order: tuple[str, ...]
    """How rows are sorted, so that equal data gives an equal entry."""
    leave_out: frozenset[str] = frozenset()
    """Fields never written (besides the workspace, which is implied)."""
    files: str | None = None
    """For files: the folder their bytes go to; the row's ``file`` names the entry."""

    @property
    def name(self) -> str:
        """The table's name in counts: the entry without ``.json``."""
        return self.entry.removesuffix(".json")


WORKSPACE = Table("workspace.json", Workspace, ("pk",))
USERS = Table(
    "users.json",
    get_user_model(),
    ("username",),
    # Never grant administration through an archive; the password hash goes apart.
    leave_out=frozenset({"password", "is_staff", "is_superuser"}),
)
MEMBERS = Table("members.json", Membership, ("user__username",))
CLINIC = Table("clinic.json", ClinicProfile, ("pk",))
CASES = Table("cases.json", CaseRecord, ("case_id",))
DEADLINES = Table(
    "deadlines.json",
    DeadlineRecord,
    ("case__case_id", "due", "kind", "rule_id", "ref", "explain", "source", "pk"),
    # Repeats a work-queue mark, and the marks are not part of the archive's version 1: an
    # imported workspace starts with every item in its queue.
    leave_out=frozenset({"hidden_until"}),
)
DOCUMENTS = Table(
    "documents.json",
    DocumentRecord,
    ("case__case_id", "kind", "fmt", "version"),
    files="documents",
)
UPLOADS = Table("uploads.json", Upload, ("case__case_id", "name", "version"), files="uploads")
AUDIT = Table("audit.json", AuditEvent, ("at", "pk"))

TABLES: Final = (WORKSPACE, USERS, MEMBERS, CLINIC, CASES, DEADLINES, DOCUMENTS, UPLOADS, AUDIT)
"""Every entry of the archive besides the manifest and the files, in the order written."""
ROWS: Final = tuple(table for table in TABLES if table is not WORKSPACE)
"""The tables written as a JSON list of rows."""
OPTIONAL: Final = frozenset({CLINIC})
"""Tables an archive of version 1 may lack (written before they travelled): read as no rows."""

FILE_EXTENSIONS: Final = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
}
"""The extension of an uploaded file's entry, by its content type."""
