"""The web app: Django pages (and later a JSON API) for patients and clinics.

The web ring stores cases and serves people. Views parse input, call one service, render.
Services (``<entity>_<action>``) are the only code that calls the core; selectors
(``<entity>_get``, ``<entity>_list``) always take the acting user, so scoping cannot be forgotten.
"""
