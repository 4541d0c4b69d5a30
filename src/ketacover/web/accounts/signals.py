"""Django's login signals, turned into audit events and lockout counts (see ``logins``)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from ketacover.web.accounts import logins
from ketacover.web.accounts.models import Actor


@receiver(user_logged_in, dispatch_uid="ketacover-login")
def _on_login(sender: object, request: HttpRequest | None, user: Actor, **kwargs: object) -> None:
    logins.login_succeeded(user=user, request=request)


@receiver(user_logged_out, dispatch_uid="ketacover-logout")
def _on_logout(
    sender: object, request: HttpRequest | None, user: Actor | None, **kwargs: object
) -> None:
    logins.logged_out(user=user, request=request)


@receiver(user_login_failed, dispatch_uid="ketacover-login-failed")
def _on_login_failed(
    sender: object,
    credentials: dict[str, Any],
    request: HttpRequest | None = None,
    **kwargs: object,
) -> None:
    username = credentials.get("username")
    logins.login_failed(username=str(username) if username else None, request=request)
