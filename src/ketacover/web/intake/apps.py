"""Django app configuration for the intake wizard."""

from django.apps import AppConfig


class IntakeConfig(AppConfig):
    """The intake wizard (no models of its own: it fills cases)."""

    name = "ketacover.web.intake"
    label = "intake"
    default_auto_field = "django.db.models.BigAutoField"
