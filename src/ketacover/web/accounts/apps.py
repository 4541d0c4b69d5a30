"""Django app configuration for accounts and workspaces."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Workspaces, memberships and roles, invitations, and the login audit and lockout."""

    name = "ketacover.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect the login signals to the audit trail and the lockout count."""
        from ketacover.web.accounts import signals  # noqa: F401
