"""Django's login signals, turned into audit events and lockout counts (see ``logins``); a new
password makes the failures counted against the old one moot."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import post_save
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


def password_was_changed(user: User, *, created: bool) -> bool:
    """Whether this save of ``user`` stored a new password of an existing account: Django's
    ``set_password`` keeps the new raw password on the user (``_password``) until the save
    that stores it has run (``AbstractBaseUser.save``), and is used by the password change and
    reset pages, ``createuser`` and the admin alike."""
    return not created and getattr(user, "_password", None) is not None


@receiver(post_save, sender=User, dispatch_uid="ketacover-password-failures")
def _on_user_saved(sender: object, instance: User, created: bool, **kwargs: object) -> None:
    if password_was_changed(instance, created=created):
        logins.failures_forget(username=instance.get_username())
