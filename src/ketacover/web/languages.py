"""Which language a page speaks: Spanish or English in the navigator and on the patient's own
pages, English elsewhere.

The public navigator is complete in English and Spanish and follows the language cookie set by
Django's ``set_language`` view, else the browser's ``Accept-Language`` header. The clinic pages
are written in English only; translating Django's own strings there (form errors, the login form)
would leave a page half in one language and half in the other, so outside the navigator every
page is English whatever the browser asks for.
"""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase
from django.middleware.locale import LocaleMiddleware
from django.utils import translation

BILINGUAL_PREFIXES = ("/navigator/", "/i18n/", "/me/")
"""Paths whose pages follow the visitor's language: the navigator and the patient's own pages
(``web/patients``), written in both languages."""


def is_bilingual(path: str) -> bool:
    """Whether the page at ``path`` is offered in the visitor's language."""
    return path.startswith(BILINGUAL_PREFIXES)


class PageLanguageMiddleware(LocaleMiddleware):
    """Django's locale middleware for the navigator; English for every other page."""

    def process_request(self, request: HttpRequest) -> None:
        """Activate the visitor's language in the navigator, the site's language elsewhere."""
        if is_bilingual(request.path_info):
            super().process_request(request)
            return
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        """Mark navigator responses as varying by language; leave other pages alone."""
        if is_bilingual(request.path_info):
            return super().process_response(request, response)
        return response
