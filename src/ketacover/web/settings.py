"""Django settings, driven by environment variables (see docs/web.md for the list).

Defaults are the embedded setup: SQLite in WAL mode under ``KETACOVER_DATA_DIR``. Set
``DATABASE_URL`` for PostgreSQL. Outside debug mode a secret key must be given.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path

import dj_database_url

from ketacover.web import data_files, env

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(env.text("KETACOVER_DATA_DIR", str(Path.cwd() / "var"))).resolve()

DEBUG = env.flag("KETACOVER_DEBUG", False)
# The key of debug mode only; the health check (health.py) reports it as weak.
DEVELOPMENT_SECRET_KEY = "ketacover-development-only-key-never-used-outside-debug-mode-0123456789"
_KEY_FILE = DATA_DIR / "secret_key"
# The key comes from the environment (or a *_FILE), else from the data directory, where
# `ketacover migrate` and `ketacover demo` create a random one on first run; never a default
# outside debug mode.
if _KEY_FILE.is_file() and not env.text("KETACOVER_SECRET_KEY", ""):
    SECRET_KEY = _KEY_FILE.read_text(encoding="utf-8").strip()
else:
    SECRET_KEY = env.text("KETACOVER_SECRET_KEY", DEVELOPMENT_SECRET_KEY if DEBUG else None)
# Stored files are encrypted with these keys, newest first (ketacover.web.crypto): from the
# environment (or a *_FILE), else from the data directory's `data_key`, created on first use.
DATA_KEY = env.text("KETACOVER_DATA_KEY", "")
# Host names this server answers to; links in e-mails (password reset, invitations, sign-up)
# take the request's host, so only these can appear in them. The test client's "testserver" is
# added by the test settings only.
ALLOWED_HOSTS = env.words("KETACOVER_ALLOWED_HOSTS", ("127.0.0.1", "localhost"))

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_htmx",
    "ketacover.web.accounts",
    "ketacover.web.audit",
    "ketacover.web.cases",
    "ketacover.web.intake",
    "ketacover.web.feeds",
    "ketacover.web.api",
    "ketacover.web.events",
    "ketacover.web.uploads",
    "ketacover.web.imports",
    "ketacover.web.archives",
    "ketacover.web.navigator",
    "ketacover.web.clinics",
]

MIDDLEWARE = [
    # /healthz answers first: before host validation, the https redirect and sessions (health.py).
    "ketacover.web.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "ketacover.web.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a navigator page: the language cookie (set by django.views.i18n.set_language),
    # else the browser's Accept-Language; every other page is English. URLs carry no prefix.
    "ketacover.web.languages.PageLanguageMiddleware",
    # The 30-minute idle timeout, refreshing the session once a minute instead of every request.
    "ketacover.web.session_activity.SessionActivityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Owners can require two-factor login of their staff: enforced for every page and the API.
    "ketacover.web.accounts.two_factor_gate.TwoFactorGateMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "ketacover.web.urls"
WSGI_APPLICATION = "ketacover.web.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "ketacover.web.accounts.context.membership_flags",
                "ketacover.web.navigation.navigation",
            ],
        },
    }
]
# Form fields drawn in Python, byte for byte what Django's form templates draw (form_renderer.py).
FORM_RENDERER = "ketacover.web.form_renderer.FormRenderer"

_SQLITE = DATA_DIR / "ketacover.sqlite3"
DATABASES = {
    "default": dj_database_url.parse(
        env.text("DATABASE_URL", f"sqlite:///{_SQLITE}"), conn_max_age=60
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        # WAL lets readers run beside the one writer; IMMEDIATE takes the write lock up front so
        # concurrent writers wait (busy timeout) instead of failing mid-transaction.
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    # Kept open per server thread like PostgreSQL's: opening a SQLite connection (and running
    # the PRAGMAs above) cost about 0.5 ms of CPU per request (bench/README.md).
    DATABASES["default"]["CONN_MAX_AGE"] = 60
    # The data directory 0700, the database and its -wal/-shm files 0600 (data_files.py).
    _NAME = str(DATABASES["default"]["NAME"])
    if _NAME and _NAME != ":memory:" and not _NAME.startswith("file:"):
        data_files.secure_sqlite(DATA_DIR, Path(_NAME))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# A per-process cache for what is costly to build and the same for every reader of a case version
# (the call script); nothing personal to a user or a request is put in it.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "ketacover",
        "OPTIONS": {"MAX_ENTRIES": 2000},
    },
}

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "dashboard"
LOGOUT_REDIRECT_URL = "login"

EMAIL_BACKEND = env.text(
    "KETACOVER_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = env.text("KETACOVER_FROM_EMAIL", "ketacover@localhost")
# The SMTP server of the smtp backend (docs/operations.md): a relay on the machine by default.
EMAIL_HOST = env.text("KETACOVER_EMAIL_HOST", "localhost")
EMAIL_PORT = env.number("KETACOVER_EMAIL_PORT", 25)
EMAIL_HOST_USER = env.text("KETACOVER_EMAIL_USER", "")
EMAIL_HOST_PASSWORD = env.text("KETACOVER_EMAIL_PASSWORD", "")
EMAIL_USE_TLS = env.flag("KETACOVER_EMAIL_STARTTLS", False)
EMAIL_TIMEOUT = 30

LANGUAGE_CODE = "en-us"
TIME_ZONE = env.text("KETACOVER_TIME_ZONE", "America/New_York")
USE_I18N = True
# English everywhere; the patient navigator is in Spanish too (docs/navigator.md).
LANGUAGES = [("en", "English"), ("es", "Español")]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

# Every upload that can be accepted (at most 20 MB, an 835) stays in memory until it is stored
# encrypted: health data never lands in a plain temporary file; larger ones spool and are refused.
FILE_UPLOAD_MAX_MEMORY_SIZE = 21 * 1024 * 1024

# Django's database sessions and ModelBackend, each reading its row on every page with one SQL
# statement instead of an ORM query (session_store.py, accounts/backends.py; bench/README.md).
SESSION_ENGINE = "ketacover.web.session_store"
AUTHENTICATION_BACKENDS = ["ketacover.web.accounts.backends.AccountBackend"]
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.number("KETACOVER_SESSION_SECONDS", 30 * 60)
# Not on every request: SessionActivityMiddleware refreshes a session in use once a minute.
SESSION_SAVE_EVERY_REQUEST = False
# Production serves https only: secure cookies, a redirect from http, and HSTS. The loopback demo
# sets KETACOVER_HTTPS=0 to run on plain http.
HTTPS = not DEBUG and env.flag("KETACOVER_HTTPS", True)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS
SECURE_HSTS_SECONDS = env.number("KETACOVER_HSTS_SECONDS", 365 * 24 * 3600 if HTTPS else 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.flag("KETACOVER_HSTS_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env.flag("KETACOVER_HSTS_PRELOAD", False)
if env.flag("KETACOVER_BEHIND_PROXY", False):
    # A TLS-terminating proxy in front says the original scheme in X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# The client's address behind a proxy (client_address.py): the header is believed only from
# these proxies (addresses or CIDR networks; none by default), right-most untrusted entry wins.
TRUSTED_PROXIES = env.words("KETACOVER_TRUSTED_PROXIES", ())
CLIENT_IP_HEADER = env.text("KETACOVER_CLIENT_IP_HEADER", "X-Forwarded-For")
for _proxy in TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise env.SettingError(
            f"KETACOVER_TRUSTED_PROXIES: {_proxy!r} is not an IP address or network"
        ) from None
# Asking browsers to preload HSTS commits the whole domain to https for good: the operator's
# choice (KETACOVER_HSTS_PRELOAD=1), so its deployment check is not a warning here.
SILENCED_SYSTEM_CHECKS = ["security.W021"]
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # Django names paths in its records (never query strings); secret links are masked.
    "filters": {"secret_paths": {"()": "ketacover.web.access_log.SecretPathFilter"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "filters": ["secret_paths"]},
    },
    "root": {"handlers": ["console"], "level": env.text("KETACOVER_LOG_LEVEL", "INFO")},
}
