"""Two-factor login: switching it on and off, checking a code at the second login step, and
owners requiring it of the people who work in their workspace.

Authority: HIPAA Security Rule, person or entity authentication (45 CFR 164.312(d)); OWASP ASVS
4.0 level 2, V2.7-2.8 (one-time verifiers) and V2.6 (recovery codes as look-up secrets). A code
is accepted once: the time step of the last accepted code is kept and only later steps pass.
Switching on, switching off, spending a recovery code and an owner's change of the requirement
are audit events; no event holds a secret or a code.
"""

from __future__ import annotations

import logging
from enum import StrEnum

from django.contrib.auth.models import User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from ketacover.web.accounts import authenticator, logins, recovery
from ketacover.web.accounts.models import (
    Actor,
    RecoveryCode,
    TwoFactor,
    Workspace,
    user_id_of,
)
from ketacover.web.accounts.selectors import two_factor_on, workspace_for_owner
from ketacover.web.accounts.services import AccessError
from ketacover.web.audit.models import Action
from ketacover.web.audit.services import audit_record

logger = logging.getLogger("ketacover.accounts")

WRONG_CODE = "That code is not right, or was already used. Enter the code your app shows now."


class CodeKind(StrEnum):
    """Which kind of second-step code was accepted."""

    AUTHENTICATOR = "authenticator"
    RECOVERY = "recovery"


def two_factor_start(*, user: Actor) -> str:
    """Begin switching two-factor login on: the secret for the authenticator app, kept
    unconfirmed until :func:`two_factor_enable` sees a code made from it. Asking again before
    then gives the same secret, so a reload does not break a scan already made."""
    user_id = user_id_of(user)
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user_id=user_id).first()
        if device is not None and device.confirmed_at is not None:
            raise AccessError("Two-factor login is already on.")
        if device is not None:
            try:
                return authenticator.unseal(device.secret)
            except authenticator.SecretUnreadableError:
                device.delete()
        secret = authenticator.new_secret()
        TwoFactor.objects.create(user_id=user_id, secret=authenticator.seal(secret))
    return secret


def two_factor_enable(
    *, user: Actor, code: str, request: HttpRequest | None = None, at: float | None = None
) -> list[str]:
    """Switch two-factor login on with a ``code`` made from the secret of
    :func:`two_factor_start`, and hand out fresh recovery codes: returned here once, stored only
    as salted digests."""
    at = authenticator.clock() if at is None else at
    user_id = user_id_of(user)
    with transaction.atomic():
        device = TwoFactor.objects.select_for_update().filter(user_id=user_id).first()
        if device is None:
            raise AccessError("Start setting up two-factor login first.")
        if device.confirmed_at is not None:
            raise AccessError("Two-factor login is already on.")
        try:
            secret = authenticator.unseal(device.secret)
        except authenticator.SecretUnreadableError:
            raise AccessError("This set-up has expired; reload the page to start again.") from None
        step = authenticator.matching_step(secret, _digits(code), at=at)
        if step is None:
            raise AccessError(WRONG_CODE, field="code")
        device.confirmed_at = timezone.now()
        device.last_step = step
        device.save(update_fields=["confirmed_at", "last_step"])
        codes = _replace_recovery_codes(user_id)
        audit_record(
            user=user,
            action=Action.CREATE,
            object_type="two_factor",
            object_id=user_id,
            request=request,
            detail={"recovery_codes": len(codes)},
        )
    return codes


def _replace_recovery_codes(user_id: int) -> list[str]:
    RecoveryCode.objects.filter(user_id=user_id).delete()
    codes = recovery.generate()
    rows = []
    for code in codes:
        salt = recovery.new_salt()
        rows.append(
            RecoveryCode(user_id=user_id, salt=salt, digest=recovery.digest(code, salt=salt))
        )
    RecoveryCode.objects.bulk_create(rows)
    return codes


def two_factor_check(
    *, user: User, code: str, request: HttpRequest | None = None, at: float | None = None
) -> CodeKind | None:
    """Whether ``code`` proves the second factor of ``user``: a code of the authenticator app
    for a time step later than the last one accepted, or an unused recovery code (spent now and
    recorded). ``None`` when it proves nothing; the caller counts the failure."""
    at = authenticator.clock() if at is None else at
    device = TwoFactor.objects.filter(user_id=user.pk, confirmed_at__isnull=False).first()
    if device is None:
        return None
    typed = _digits(code)
    if len(typed) == authenticator.DIGITS and typed.isdigit():
        return CodeKind.AUTHENTICATOR if _spend_step(device, typed, at) else None
    if recovery.looks_like_a_code(code):
        return CodeKind.RECOVERY if _spend_recovery_code(user, code, request) else None
    return None


def _digits(code: str) -> str:
    return "".join(code.split())


def _spend_step(device: TwoFactor, code: str, at: float) -> bool:
    try:
        secret = authenticator.unseal(device.secret)
    except authenticator.SecretUnreadableError:
        # Only a recovery code helps now; say so in the log, by id.
        logger.warning("two-factor secret of user %s cannot be decrypted", device.user_id)
        return False
    step = authenticator.matching_step(secret, code, at=at)
    if step is None:
        return False
    # The conditional update makes a code good once, even with two requests racing.
    spent = TwoFactor.objects.filter(pk=device.pk, last_step__lt=step).update(last_step=step)
    return spent == 1


def _spend_recovery_code(user: User, code: str, request: HttpRequest | None) -> bool:
    for stored in RecoveryCode.objects.filter(user_id=user.pk, used_at__isnull=True):
        if not recovery.matches(code, salt=stored.salt, stored=stored.digest):
            continue
        with transaction.atomic():
            spent = RecoveryCode.objects.filter(pk=stored.pk, used_at__isnull=True).update(
                used_at=timezone.now()
            )
            if spent == 0:
                return False
            left = RecoveryCode.objects.filter(user_id=user.pk, used_at__isnull=True).count()
            audit_record(
                user=user,
                action=Action.UPDATE,
                object_type="recovery_code",
                object_id=stored.pk,
                request=request,
                detail={"used": True, "left": left},
            )
        return True
    return False


def two_factor_disable(
    *,
    user: User,
    password: str,
    code: str,
    request: HttpRequest | None = None,
    at: float | None = None,
) -> None:
    """Switch two-factor login off: needs the password and a current code (or a recovery code).
    Wrong ones count toward the login lockout, like a wrong password at the login page."""
    if not two_factor_on(user=user):
        raise AccessError("Two-factor login is not on.")
    username = user.get_username()
    if logins.login_locked(username=username, request=request):
        raise AccessError(logins.LOCKED_MESSAGE)
    if not user.check_password(password):
        logins.login_failed(username=username, request=request)
        raise AccessError("That password is not right.", field="password")
    if two_factor_check(user=user, code=code, request=request, at=at) is None:
        logins.login_failed(username=username, request=request, second_step=True)
        raise AccessError(WRONG_CODE, field="code")
    with transaction.atomic():
        TwoFactor.objects.filter(user_id=user.pk).delete()
        RecoveryCode.objects.filter(user_id=user.pk).delete()
        audit_record(
            user=user,
            action=Action.DELETE,
            object_type="two_factor",
            object_id=user.pk,
            request=request,
        )


def workspace_require_two_factor(
    *, user: Actor, workspace: Workspace, required: bool, request: HttpRequest | None = None
) -> Workspace:
    """An owner requires (or stops requiring) two-factor login of the workspace's owners, staff
    and prescribers; patients are never required to. To require it the owner must have it on,
    so the change cannot shut them out of their own workspace."""
    workspace_for_owner(user=user, pk=workspace.pk)
    if required and not two_factor_on(user=user):
        raise AccessError(
            "Turn on two-factor login for yourself before requiring it of others.",
            field="required",
        )
    with transaction.atomic():
        changed = (
            Workspace.objects.filter(pk=workspace.pk)
            .exclude(require_two_factor=required)
            .update(require_two_factor=required)
        )
        workspace.require_two_factor = required
        if changed:
            audit_record(
                user=user,
                action=Action.UPDATE,
                object_type="workspace",
                object_id=workspace.pk,
                workspace=workspace,
                request=request,
                detail={"require_two_factor": required},
            )
    return workspace
