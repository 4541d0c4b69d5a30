"""Django app configuration for calendar feeds and reminders."""

from django.apps import AppConfig


class FeedsConfig(AppConfig):
    """Calendar feeds of deadlines and the daily reminder digest."""

    name = "ketacover.web.feeds"
    label = "feeds"
    default_auto_field = "django.db.models.BigAutoField"
