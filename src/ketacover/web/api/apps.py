"""Django app configuration for the JSON API."""

from django.apps import AppConfig


class ApiConfig(AppConfig):
    """The JSON API and the personal API tokens that open it."""

    name = "ketacover.web.api"
    label = "api"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Connect the password-change signal that revokes a user's tokens."""
        from ketacover.web.api import signals  # noqa: F401  # connects receivers on import
