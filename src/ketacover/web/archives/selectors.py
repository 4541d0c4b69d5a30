"""Finding the workspace to archive: for a signed-in owner, or for the command line."""

from __future__ import annotations

from ketacover.web.accounts.models import Actor, Workspace
from ketacover.web.accounts.selectors import workspace_for_owner
from ketacover.web.archives.layout import ArchiveError


def archive_workspace(*, user: Actor, pk: int) -> Workspace:
    """Workspace ``pk`` if ``user`` owns it (404 for non-members, 403 for other roles)."""
    return workspace_for_owner(user=user, pk=pk)


def workspace_by_reference(reference: str) -> Workspace:
    """A workspace by its id or its exact name, for the command line, whose operator holds the
    database itself. A name two workspaces share must be given as an id."""
    text = reference.strip()
    if text.isdigit():
        found = Workspace.objects.filter(pk=int(text)).first()
        if found is not None:
            return found
    named = list(Workspace.objects.filter(name=text).order_by("pk")[:2])
    if len(named) == 1:
        return named[0]
    if named:
        raise ArchiveError(f"workspace: {len(named)} or more share that name; give its id")
    raise ArchiveError("workspace: no workspace with that id or name")
