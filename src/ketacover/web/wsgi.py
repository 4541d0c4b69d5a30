"""The WSGI application, for gunicorn (``ketacover serve``) or any WSGI server.

It refuses to start when stored files cannot be decrypted with the configured data keys
(:func:`ketacover.web.sealed.stored_keys_check`): better no server than one that fails on every
download.
"""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application
from django.db import connections

from ketacover.web.sealed import stored_keys_check

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ketacover.web.settings")
application = get_wsgi_application()

stored_keys_check()
# gunicorn loads the application once and then forks its workers: a database connection left
# open here would be shared by every worker, and their queries would interleave on one socket.
connections.close_all()
