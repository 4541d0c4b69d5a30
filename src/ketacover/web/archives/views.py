"""The workspace archive download, for owners: the whole workspace as one zip, streamed.

Views parse input, call one service or selector, and answer.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET

from ketacover.web.archives import selectors, services
from ketacover.web.downloads import disposition


@login_required
@require_GET
def workspace_export(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The workspace's archive (owners only; the export is audited). It holds health data."""
    workspace = selectors.archive_workspace(user=request.user, pk=pk)
    chunks = services.workspace_export(user=request.user, workspace=workspace, request=request)
    response = StreamingHttpResponse(chunks, content_type="application/zip")
    name = f"workspace-{workspace.pk}-{timezone.localdate().isoformat()}.zip"
    response["Content-Disposition"] = disposition(name)
    response["Cache-Control"] = "no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response
