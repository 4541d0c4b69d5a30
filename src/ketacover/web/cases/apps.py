"""Django app configuration for cases."""

from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Cases, deadlines and documents."""

    name = "ketacover.web.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"
