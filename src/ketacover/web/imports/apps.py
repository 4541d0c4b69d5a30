"""Django app configuration for importing FHIR bundles and 835 remittances."""

from django.apps import AppConfig


class ImportsConfig(AppConfig):
    """Upload, preview and apply; its one table is the history of 835 files each workspace
    imported (what is applied lives in the cases)."""

    name = "ketacover.web.imports"
    label = "imports"
    default_auto_field = "django.db.models.BigAutoField"
