"""What a restored database holds, for the restore drill (docs/operations.md, "Backups"):

    ketacover-admin manage shell --no-imports -c "$(cat /opt/ketacover/src/deploy/restore-check.py)"

Counts of people, workspaces, cases, documents, uploads and audit events, the time of the last
audit event, and whether every stored file was encrypted with a configured data key (it raises,
naming the column and the key id, when one was not). Prints no health data.
"""

import sys

from django.contrib.auth.models import User

from ketacover.web.accounts.models import Workspace
from ketacover.web.audit.models import AuditEvent
from ketacover.web.cases.models import CaseRecord, DocumentRecord
from ketacover.web.sealed import stored_keys_check
from ketacover.web.uploads.models import Upload

stored_keys_check()
last = AuditEvent.objects.order_by("-pk").values_list("at", flat=True).first()
sys.stdout.write(
    f"{User.objects.count()} people, {Workspace.objects.count()} workspaces, "
    f"{CaseRecord.objects.count()} cases, {DocumentRecord.objects.count()} documents, "
    f"{Upload.objects.count()} uploads, {AuditEvent.objects.count()} audit events "
    f"(last {last:%Y-%m-%d %H:%M %Z}); every stored file opens with a configured data key"
    if last
    else "no audit events: an empty database?"
)
sys.stdout.write("\n")
