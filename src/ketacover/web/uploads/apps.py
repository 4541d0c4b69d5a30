"""Django app configuration for the files attached to a case."""

from django.apps import AppConfig


class UploadsConfig(AppConfig):
    """Uploaded files kept with their case, versioned per name."""

    name = "ketacover.web.uploads"
    label = "uploads"
    default_auto_field = "django.db.models.BigAutoField"
