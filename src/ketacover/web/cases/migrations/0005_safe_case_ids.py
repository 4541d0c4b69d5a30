"""Give every stored case an id of the safe pattern (letters, digits, dots, hyphens and
underscores, at most 64, starting with a letter or digit), as case files, forms, the API and
archives now require.

Cases saved before the rule may hold quotes, semicolons, spaces, line breaks or non-ASCII
letters, which reach file names, headers and e-mails. Each such id is rewritten: every run of
other characters becomes one hyphen (``Case "7"; A`` → ``Case-7-A``), an id left empty becomes
``case``, and a number is added when the result is taken in the workspace (``case-2``). The
case document's ``id`` follows, and the case's version goes up so every drawn page and open
form sees the change. Reversing leaves the new ids in place (the old ones were the problem).
"""

import re

from django.apps.registry import Apps
from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")
_RUN = re.compile(r"[^A-Za-z0-9._-]+")


def _safe_id(old: str, taken: set[str]) -> str:
    base = _RUN.sub("-", old).lstrip("._-")[:56].rstrip("-") or "case"
    candidate, number = base, 1
    while candidate in taken:
        number += 1
        candidate = f"{base}-{number}"
    return candidate


def rewrite_unsafe_ids(apps: Apps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    CaseRecord = apps.get_model("cases", "CaseRecord")
    for record in CaseRecord.objects.order_by("id").iterator():
        if _SAFE.match(record.case_id) and record.case_id.isascii():
            continue
        taken = set(
            CaseRecord.objects.filter(workspace_id=record.workspace_id).values_list(
                "case_id", flat=True
            )
        )
        new_id = _safe_id(record.case_id, taken)
        data = dict(record.data)
        data["id"] = new_id
        CaseRecord.objects.filter(pk=record.pk).update(
            case_id=new_id, data=data, version=record.version + 1
        )


class Migration(migrations.Migration):
    dependencies = [
        ("cases", "0004_case_page"),
    ]

    operations = [
        migrations.RunPython(rewrite_unsafe_ids, migrations.RunPython.noop),
    ]
