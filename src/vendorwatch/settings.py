"""Django settings for Vendorwatch, read from environment variables only.

Local use needs no configuration at all: SQLite in ``./var``, a generated secret key, e-mail
printed to the terminal. ``VENDORWATCH_ENV=production`` switches on everything
``manage.py check --deploy`` asks for and insists on an explicit secret key and host names.
"""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from vendorwatch.config import (
    PREFIX,
    ConfigError,
    debug_mode,
    email_config,
    envbool,
    envchoice,
    envint,
    envlist,
    envstr,
    max_upload_mb,
    secret_key,
)

PACKAGE_DIR = Path(__file__).resolve().parent

ENV = envchoice(f"{PREFIX}ENV", "local", ("local", "production"))
PRODUCTION = ENV == "production"

DATA_DIR = Path(envstr(f"{PREFIX}DATA_DIR", "var")).expanduser().resolve()
MEDIA_ROOT = DATA_DIR / "media"
# Uploaded files are served by a view that checks the login, never by the web server directly.
MEDIA_URL = "/media/"

DEBUG = debug_mode(PRODUCTION)
SECRET_KEY = secret_key(DATA_DIR, PRODUCTION)

ALLOWED_HOSTS = envlist(
    f"{PREFIX}ALLOWED_HOSTS", [] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]"]
)
if PRODUCTION and not ALLOWED_HOSTS:
    raise ConfigError(f"{PREFIX}ALLOWED_HOSTS must name the host(s) when {PREFIX}ENV=production")
CSRF_TRUSTED_ORIGINS = envlist(f"{PREFIX}CSRF_TRUSTED_ORIGINS", [])
SITE_URL = envstr(f"{PREFIX}SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# Employee feedback: how long the link to rate a resolved problem works (days), and how many
# answers a survey round needs before its results are shown (a new survey's default).
FEEDBACK_LINK_DAYS = envint(f"{PREFIX}FEEDBACK_LINK_DAYS", 14)
FEEDBACK_MIN_ANSWERS = envint(f"{PREFIX}FEEDBACK_MIN_ANSWERS", 5)

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
    "django_htmx",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "vendorwatch.web",
    "vendorwatch.accounts",
    "vendorwatch.organisation",
    "vendorwatch.providers",
    "vendorwatch.sla",
    "vendorwatch.expectations",
    "vendorwatch.jobs",
    "vendorwatch.problems",
    "vendorwatch.contracts",
    "vendorwatch.monitoring",
    "vendorwatch.meetings",
    "vendorwatch.alternatives",
    "vendorwatch.termination",
    "vendorwatch.feedback",
    "vendorwatch.api",
    "vendorwatch.audit",
    "vendorwatch.backup",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "vendorwatch.web.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "vendorwatch.web.middleware.NoStoreMiddleware",
    "vendorwatch.web.middleware.OrganisationOnceMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "vendorwatch.web.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "vendorwatch.audit.middleware.AuditActorMiddleware",
    "vendorwatch.web.middleware.RequestSizeMiddleware",
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "vendorwatch.accounts.middleware.ReadOnlyRoleMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, so that a lockout answers before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vendorwatch.urls"
WSGI_APPLICATION = "vendorwatch.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vendorwatch.web.context_processors.shell",
            ],
        },
    },
]

# SQLite unless DATABASE_URL says otherwise: a checkout runs with no other service.
_default_sqlite = f"sqlite:///{DATA_DIR / 'vendorwatch.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or _default_sqlite,
        conn_max_age=envint(f"{PREFIX}DB_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        # IMMEDIATE takes the write lock at BEGIN, so concurrent writers wait for the busy
        # timeout instead of failing with "database is locked" halfway through a transaction.
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": (
            "PRAGMA journal_mode=WAL;"
            "PRAGMA synchronous=NORMAL;"
            "PRAGMA foreign_keys=ON;"
            "PRAGMA busy_timeout=20000;"
        ),
    }
    # Tests use a file too, not shared-cache memory: that locks whole tables and ignores the
    # busy timeout, so it would not behave like the real database under concurrent access.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test-vendorwatch.sqlite3")}
    DATA_DIR.mkdir(parents=True, exist_ok=True)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "vendorwatch.accounts.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts-login"
LOGIN_REDIRECT_URL = "web-dashboard"
LOGOUT_REDIRECT_URL = "accounts-login"
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24

# Reverse proxies (nginx) in front of the app: the client's address is the PROXY_COUNT-th entry
# of X-Forwarded-For from the right (accounts/client_address.py); 0 = no proxy, REMOTE_ADDR.
PROXY_COUNT = envint(f"{PREFIX}PROXY_COUNT", 1 if PRODUCTION else 0)

# Failed logins: locked after 5 failures for the same user name from the same address, so
# failures from one address never lock the user out from another.
AXES_FAILURE_LIMIT = envint(f"{PREFIX}LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(minutes=envint(f"{PREFIX}LOGIN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_CLIENT_IP_CALLABLE = "vendorwatch.accounts.client_address.client_address"
AXES_VERBOSE = False

# Language and time: German by default, English on request; shown in the configured zone.
LANGUAGE_CODE = envchoice(f"{PREFIX}LANGUAGE", "de", ("de", "en"))
LANGUAGES = [("de", _("German")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
FORMAT_MODULE_PATH = ["vendorwatch.formats"]
# Forms mark their required fields (web/templates/web/field.html).
FORM_RENDERER = "vendorwatch.web.forms.Renderer"
LANGUAGE_COOKIE_NAME = "vendorwatch_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = PRODUCTION
TIME_ZONE = envstr(f"{PREFIX}TIME_ZONE", "Europe/Berlin")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(envstr(f"{PREFIX}STATIC_ROOT", str(DATA_DIR / "static"))).resolve()
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
if not PRODUCTION:
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Locally static files come straight from the package, so no collectstatic is needed to develop.
WHITENOISE_USE_FINDERS = not PRODUCTION
WHITENOISE_AUTOREFRESH = DEBUG

_email = email_config(envstr(f"{PREFIX}EMAIL_URL", "console://"))
EMAIL_BACKEND = _email.backend
EMAIL_HOST = _email.host
EMAIL_PORT = _email.port
EMAIL_HOST_USER = _email.user
EMAIL_HOST_PASSWORD = _email.password
EMAIL_USE_TLS = _email.use_tls
EMAIL_USE_SSL = _email.use_ssl
EMAIL_TIMEOUT = _email.timeout
EMAIL_FILE_PATH = _email.file_path
DEFAULT_FROM_EMAIL = envstr(f"{PREFIX}EMAIL_FROM", "Vendorwatch <vendorwatch@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

SESSION_COOKIE_AGE = 60 * 60 * 24 * 14
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = envbool(f"{PREFIX}SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = envint(f"{PREFIX}HSTS_SECONDS", 60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool(f"{PREFIX}HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool(f"{PREFIX}HSTS_PRELOAD", True)
    # The web server in front (nginx) terminates TLS and says so in this header.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    # Keys in secret links (feedback, calendar feed, password reset) are masked.
    "filters": {"mask_keys": {"()": "vendorwatch.web.log_masking.MaskKeysFilter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": "plain",
            "filters": ["mask_keys"],
        }
    },
    "root": {"handlers": ["console"], "level": envstr(f"{PREFIX}LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "axes": {"level": "WARNING"},
    },
}

# Uploads: the application's own limit, checked in the forms next to the field; a body of more
# than twice that (plus the form text) is refused before it is read (web/uploads.py).
MAX_UPLOAD_MB = max_upload_mb()
# Form text without the files: room for a long log pasted into a description (a form's encoding
# can triple the size of such text), yet bounded, since Django holds it in memory.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
# A file larger than this is written to a temporary file while it arrives, not kept in memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# PDFs are made in a separate process (web/pdf.py): how many at once on this machine (one per
# two cores, so the other answers pages), how long one may take, how long a request waits.
PDF_SLOTS = max(1, envint(f"{PREFIX}PDF_SLOTS", max(1, (os.cpu_count() or 2) // 2)))
PDF_TIMEOUT = max(1, envint(f"{PREFIX}PDF_TIMEOUT", 20))
PDF_WAIT = max(0, envint(f"{PREFIX}PDF_WAIT", 10))

# Rows per page in every list.
PAGE_SIZE = envint(f"{PREFIX}PAGE_SIZE", 25)
IMPORT_INLINE_BYTES = 1_000_000  # larger ticket exports are read by the job runner

# The REST API (/api/v1/): personal tokens only (no session, so no CSRF questions), the same
# model permissions as the pages, JSON errors, pages of PAGE_SIZE (at most 200 on request).
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["vendorwatch.api.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["vendorwatch.api.permissions.RoleAndScope"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "rest_framework.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "vendorwatch.api.pagination.Pages",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "vendorwatch.api.errors.json_error",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_CLASSES": [],
    "COERCE_DECIMAL_TO_STRING": True,
    "DATETIME_FORMAT": "iso-8601",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vendorwatch API",
    "DESCRIPTION": "Providers, contracts, problems and the figures of Vendorwatch. "
    "Authenticate with a personal token: 'Authorization: Bearer <token>'.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # The choice sets several fields share get one name each.
    "ENUM_NAME_OVERRIDES": {
        "PeriodUnitEnum": "vendorwatch.contracts.models.PeriodUnit",
        "LevelEnum": "vendorwatch.sla.models.Level",
        "TimeUnitEnum": "vendorwatch.sla.models.TimeUnit",
        "BasisEnum": "vendorwatch.sla.models.Basis",
    },
}

# Backups: the daily job writes an archive into BACKUP_DIR and keeps the newest BACKUP_KEEP
# (0 switches the daily backup off).
BACKUP_DIR = Path(envstr(f"{PREFIX}BACKUP_DIR", str(DATA_DIR / "backups"))).expanduser().resolve()
BACKUP_KEEP = envint(f"{PREFIX}BACKUP_KEEP", 7)
