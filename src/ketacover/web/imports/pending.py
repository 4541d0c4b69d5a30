"""An uploaded file kept between its preview and its confirmation, without storing it.

The preview page carries the upload in a signed, compressed hidden field
(:mod:`django.core.signing`): the server keeps nothing, and a changed or forged field is refused.
An upload too large for a form field is kept in the user's session instead (one per kind, up to
:data:`SESSION_LIMIT` characters) and the field carries a signed reference to it; it is removed
after the confirmation or a cancel. Each token is bound to the user and to what it was made for
(a case, a workspace), and expires after :data:`MAX_AGE` seconds. The upload itself travels
encrypted with the data key (:func:`ketacover.web.crypto.seal_text`), so neither the session
table nor the page holds it in plain.
"""

from __future__ import annotations

import secrets
from typing import Any, Final

from django.contrib.sessions.backends.base import SessionBase
from django.core import signing

from ketacover.core.errors import KetacoverError
from ketacover.web.crypto import DecryptionError, seal_text, unseal_text

FIELD_LIMIT: Final = 1_000_000
"""Largest token carried in the form itself (the form post limit is 2.5 MB)."""
SESSION_LIMIT: Final = 8_000_000
"""Largest token kept in the session."""
MAX_AGE: Final = 60 * 60
"""Seconds a preview stays confirmable."""
_SALT: Final = "ketacover.web.imports.pending"
_PURPOSE: Final = "imports.pending"


class PendingError(KetacoverError):
    """The preview can no longer be confirmed (expired, changed, or already used)."""


def _session_key(kind: str) -> str:
    return f"imports:{kind}"


def pending_put(
    session: SessionBase, *, kind: str, owner: str, content: str, extra: dict[str, Any]
) -> str:
    """A token for ``content`` (with ``extra`` facts such as a version) for the hidden field."""
    sealed = seal_text(content, purpose=_PURPOSE)
    payload = {"kind": kind, "owner": owner, "content": sealed, "extra": extra}
    token = signing.dumps(payload, salt=_SALT)
    if len(token) <= FIELD_LIMIT:
        session.pop(_session_key(kind), None)
        return token
    if len(token) > SESSION_LIMIT:
        raise PendingError("file: the upload is too large to preview; split it into smaller files")
    nonce = secrets.token_urlsafe(16)
    session[_session_key(kind)] = {"nonce": nonce, "token": token}
    return signing.dumps({"kind": kind, "owner": owner, "session": nonce}, salt=_SALT)


def pending_get(
    session: SessionBase, *, kind: str, owner: str, token: str
) -> tuple[str, dict[str, Any]]:
    """The content and extra facts ``token`` carries; PendingError if it cannot be trusted."""
    payload = _load(token)
    if payload.get("kind") != kind or payload.get("owner") != owner:
        raise PendingError("the preview belongs to another upload; upload the file again")
    nonce = payload.get("session")
    if nonce is not None:
        kept = session.get(_session_key(kind))
        if not isinstance(kept, dict) or kept.get("nonce") != nonce:
            raise PendingError("the preview was already used or cancelled; upload the file again")
        payload = _load(str(kept["token"]))
    content, extra = payload.get("content"), payload.get("extra")
    if not isinstance(content, str) or not isinstance(extra, dict):
        raise PendingError("the preview is incomplete; upload the file again")
    try:
        return unseal_text(content, purpose=_PURPOSE), extra
    except DecryptionError:
        raise PendingError("the preview can no longer be read; upload the file again") from None


def pending_clear(session: SessionBase, *, kind: str) -> None:
    """Forget an upload kept in the session (nothing to do for one carried in the form)."""
    session.pop(_session_key(kind), None)


def _load(token: str) -> dict[str, Any]:
    try:
        payload = signing.loads(token, salt=_SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise PendingError("the preview expired; upload the file again") from None
    except signing.BadSignature:
        raise PendingError("the preview was changed; upload the file again") from None
    if not isinstance(payload, dict):
        raise PendingError("the preview was changed; upload the file again")
    return payload


def pending_owner(token: str) -> str:
    """Whom and what ``token`` was made for (checked by :func:`pending_get` when it is used)."""
    return str(_load(token).get("owner", ""))
