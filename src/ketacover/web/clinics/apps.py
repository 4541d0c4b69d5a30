"""Django app configuration for the workspaces' clinic profiles."""

from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    """A workspace's clinic, prescribers and fee schedule, used by every case of it."""

    name = "ketacover.web.clinics"
    label = "clinics"
    default_auto_field = "django.db.models.BigAutoField"
