"""Django app configuration for the patient navigator."""

from django.apps import AppConfig


class NavigatorConfig(AppConfig):
    """The patient navigator: public pages, no account, nothing stored unless saved."""

    name = "ketacover.web.navigator"
    label = "navigator"
    verbose_name = "Patient navigator"
