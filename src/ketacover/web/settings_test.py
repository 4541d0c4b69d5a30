"""Settings for the test suite: the real settings with a test key and a fast password hasher."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("KETACOVER_SECRET_KEY", "ketacover-test-suite-only-key-0123456789abcdef")
os.environ.setdefault("KETACOVER_DATA_DIR", tempfile.mkdtemp(prefix="ketacover-test-"))
os.environ.setdefault("KETACOVER_HTTPS", "0")

from ketacover.web.settings import *  # noqa: F403

STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Django's test client sends "Host: testserver"; production settings never accept it.
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
