"""Drawing the case pages ahead: the nightly pass (``ketacover pages``, right after midnight)
that draws the stored parts of every case whose row is missing or stale for the day, so that
the first view of a case that day is served from its row like every later one.

The pass draws the variant every owner, staff member and prescriber is shown (``edit``, in the
site's language and time zone: the clinic pages speak English only, ``web/languages.py``), and
for a case with a patient member also the patient's (``read``). It draws exactly what a view
would draw (``page.parts_draw``) and keeps it the same way (``page.parts_store``); a case that
changes while the pass runs gets a new key, so a row the pass writes for the older key is
simply drawn again on the next view. Cases are read in batches by id; each batch's rows are
written in one transaction, after the batch is drawn, so the database's writer is held for
milliseconds, not for the drawing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from typing import Final, cast

from django.conf import settings
from django.db import connection, models, transaction
from django.utils import timezone, translation

from ketacover.core.errors import KetacoverError
from ketacover.web.accounts.models import Membership, Role
from ketacover.web.cases.models import CasePage, CaseRecord, DocumentRecord
from ketacover.web.cases.page import Drawn, parts_draw, parts_key, parts_store
from ketacover.web.cases.selectors import _marks, _stamp_sql, _table

BATCH: Final = 100
"""Cases read, drawn and written together."""

Progress = Callable[[int, int], None]
"""Told after each batch how many cases were looked at so far, and how many there are."""


@dataclass(frozen=True, slots=True)
class Drawing:
    """What a pass did."""

    cases: int
    """Cases looked at."""
    drawn: int
    """Cases with at least one page drawn."""
    pages: int
    """Pages drawn (a case with a patient member may have two)."""
    failed: tuple[int, ...] = field(default=())
    """Ids of the cases that could not be drawn (their case document no longer reads as a
    case); their pages are drawn, and fail, on their next view."""

    @property
    def current(self) -> int:
        """Cases whose pages were already current."""
        return self.cases - self.drawn - len(self.failed)


@dataclass(frozen=True, slots=True)
class _Due:
    """A case of a batch and the variants it needs drawn."""

    pk: int
    variants: tuple[bool, ...]
    """``can_edit`` of each variant to draw."""


def _uploads() -> type[models.Model]:
    """The uploads app's model (cases does not import it: uploads builds on cases)."""
    return cast(type[models.Model], CaseRecord._meta.get_field("uploads").related_model)


def _stamps() -> str:
    return (
        f"{_stamp_sql(DocumentRecord)} AS documents_stamp, "
        f"{_stamp_sql(_uploads())} AS uploads_stamp"
    )


def _scan(after: int, workspace: int | None, edit: str, read: str) -> list[CaseRecord]:
    """The next batch of cases after id ``after``: what their key is made of, the keys of their
    stored ``edit`` and ``read`` rows, and whether a patient is a member for the case."""
    name = connection.ops.quote_name
    where = " AND c.workspace_id = %s" if workspace is not None else ""
    sql = (
        f"SELECT c.id, c.version, c.updated_at, {_stamps()}, "
        f"e.{name('key')} AS edit_key, r.{name('key')} AS read_key, "
        f"EXISTS (SELECT 1 FROM {_table(Membership)} m "
        "WHERE m.case_id = c.id AND m.role = %s) AS has_patient "
        f"FROM {_table(CaseRecord)} c "
        f"LEFT JOIN {_table(CasePage)} e ON e.case_id = c.id AND e.variant = %s "
        f"LEFT JOIN {_table(CasePage)} r ON r.case_id = c.id AND r.variant = %s "
        f"WHERE c.id > %s{where} ORDER BY c.id LIMIT %s"
    )
    params: list[object] = [Role.PATIENT.value, edit, read, after]
    params += [workspace] if workspace is not None else []
    return list(CaseRecord.objects.raw(sql, [*params, BATCH]))


def _due(found: CaseRecord, today: date) -> _Due:
    key = parts_key(found, today=today)
    variants = [True] if getattr(found, "edit_key", None) != key else []
    if getattr(found, "has_patient", False) and getattr(found, "read_key", None) != key:
        variants.append(False)
    return _Due(found.pk, tuple(variants))


def _records(pks: list[int]) -> Iterator[CaseRecord]:
    """The whole records of ``pks`` (with their case documents) and their stamps, in one
    query, so each record's key matches what is drawn from it."""
    sql = (
        f"SELECT c.*, {_stamps()} FROM {_table(CaseRecord)} c "
        f"WHERE c.id IN ({_marks(tuple(pks))}) ORDER BY c.id"
    )
    return iter(CaseRecord.objects.raw(sql, pks))


def pages_draw(
    today: date, *, workspace: int | None = None, progress: Progress | None = None
) -> Drawing:
    """Draw the missing and stale pages of every case (of ``workspace`` only, when given) for
    ``today``: the staff variant of each case, and the patient variant of a case with a
    patient member; in the site's language and time zone. ``progress`` is told after each
    batch."""
    with (
        translation.override(settings.LANGUAGE_CODE),
        timezone.override(timezone.get_default_timezone()),
    ):
        edit, read = CasePage.variant_for(can_edit=True), CasePage.variant_for(can_edit=False)
        everything = CaseRecord.objects.all()
        if workspace is not None:
            everything = everything.filter(workspace_id=workspace)
        total = everything.count()
        cases = drawn_cases = pages = 0
        failed: list[int] = []
        after = 0
        while batch := _scan(after, workspace, edit, read):
            after = batch[-1].pk
            cases += len(batch)
            due = {item.pk: item.variants for item in (_due(f, today) for f in batch)}
            due = {pk: variants for pk, variants in due.items() if variants}
            drawn: list[Drawn] = []
            for record in _records(list(due)) if due else iter(()):
                try:
                    drawn += [
                        parts_draw(record, today=today, can_edit=can_edit)
                        for can_edit in due[record.pk]
                    ]
                except KetacoverError:
                    failed.append(record.pk)
                    continue
                drawn_cases += 1
            with transaction.atomic():
                parts_store(drawn)
            pages += len(drawn)
            if progress is not None:
                progress(cases, max(total, cases))
    return Drawing(cases=cases, drawn=drawn_cases, pages=pages, failed=tuple(failed))
