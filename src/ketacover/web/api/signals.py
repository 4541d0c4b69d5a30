"""A new password revokes every API token of the user (a password change or reset is how a
person takes their account back; scripts then need a token made after it)."""

from __future__ import annotations

from django.contrib.auth.models import User
from django.db.models.signals import post_save
from django.dispatch import receiver

from ketacover.web.accounts.signals import password_was_changed
from ketacover.web.api.services import token_revoke_all


@receiver(post_save, sender=User, dispatch_uid="ketacover-password-tokens")
def _on_user_saved(sender: object, instance: User, created: bool, **kwargs: object) -> None:
    if password_was_changed(instance, created=created):
        token_revoke_all(user=instance, reason="password")
