"""Django app configuration for accounts and workspaces."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Workspaces, memberships and roles."""

    name = "ketacover.web.accounts"
    label = "accounts"
    default_auto_field = "django.db.models.BigAutoField"
