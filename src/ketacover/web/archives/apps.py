"""Django app configuration for workspace archives (export and import)."""

from django.apps import AppConfig


class ArchivesConfig(AppConfig):
    """Whole-workspace export and import; no tables of its own."""

    name = "ketacover.web.archives"
    label = "archives"
    default_auto_field = "django.db.models.BigAutoField"
