"""Django app configuration for the case page's journey sections."""

from django.apps import AppConfig


class EventsConfig(AppConfig):
    """Recording what happens on a case; no tables of its own (events live in the case)."""

    name = "ketacover.web.events"
    label = "events"
    default_auto_field = "django.db.models.BigAutoField"
