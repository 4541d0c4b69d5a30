"""Django app configuration for cases."""

from django.apps import AppConfig


class CasesConfig(AppConfig):
    """Cases, deadlines and documents."""

    name = "ketacover.web.cases"
    label = "cases"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        """Stamp a workspace whenever one of its cases changes (see ``cases.stamps``)."""
        from ketacover.web.cases import stamps

        stamps.connect()
