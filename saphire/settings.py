"""Settings for the SAPHIRe Regions portal: the only settings module.

Every knob is an environment variable (listed in .env.example). With no
DATABASE_URL / REDIS_URL / CACHE_REDIS_URL the embedded servers in `.data/` are used
(see saphire/embedded.py); production sets all three.
"""

from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from django.utils.translation import gettext_lazy as _

from saphire import embedded
from saphire.env import ImproperEnvironment, env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
TESTING = env_bool("SAPHIRE_TESTING", False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not (DEBUG or TESTING):
        raise ImproperEnvironment("SECRET_KEY is not set: production needs a long random secret.")
    SECRET_KEY = "dev-only-insecure-key-never-used-in-production-0123456789abcdef"

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG or TESTING else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Before the admin, so that translated fields show there per language.
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django.forms",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "saphire",
    "accounts",
    "notifications",
    "regions",
    "mapping",
    "workshops",
    "roadmap",
    "participation",
    "reports",
]

MIDDLEWARE = [
    # First, so that it compresses what every other middleware has finished with.
    "saphire.compression.CompressionMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "saphire.middleware.ContentSecurityPolicyMiddleware",
    "saphire.middleware.RequestLogMiddleware",
    "saphire.middleware.RequestBodyLimitMiddleware",
    "saphire.request_guard.NullCharacterGuardMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "accounts.middleware.UserPreferencesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
]

ROOT_URLCONF = "saphire.urls"
WSGI_APPLICATION = "saphire.wsgi.application"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:dashboard"
LOGOUT_REDIRECT_URL = "home"

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
                "django.template.context_processors.i18n",
                "saphire.context_processors.portal",
                "notifications.context_processors.unread",
            ],
        },
    },
]

# Database ----------------------------------------------------------------------

DATABASE_URL = env_url("DATABASE_URL", ("postgres", "postgresql")) or embedded.postgres_url()
if DATABASE_URL is None:
    raise ImproperEnvironment(
        "DATABASE_URL is not set and the embedded PostgreSQL is not running: "
        "run `make services` (or set DATABASE_URL=postgresql://user:password@host:5432/name)."
    )
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))}
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# One test database per checkout, so several checkouts can share a server.
DATABASES["default"]["TEST"] = {"NAME": env_str("TEST_DATABASE_NAME") or f"test_saphire_{BASE_DIR.name}"}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis, cache and Celery ---------------------------------------------------------

REDIS_URL = env_url("REDIS_URL", ("redis", "rediss")) or embedded.redis_url(embedded.BROKER)
if REDIS_URL is None:
    raise ImproperEnvironment(
        "REDIS_URL is not set and the embedded Redis is not running: "
        "run `make services` (or set REDIS_URL=redis://host:6379/0)."
    )
# The cache has a Redis server of its own, with a memory cap and LRU eviction; the broker's never evicts.
CACHE_REDIS_URL = env_url("CACHE_REDIS_URL", ("redis", "rediss")) or embedded.redis_url(embedded.CACHE)
if CACHE_REDIS_URL is None:
    raise ImproperEnvironment(
        "CACHE_REDIS_URL is not set and the embedded cache Redis is not running: run `make services` "
        "(or set CACHE_REDIS_URL=redis://host:6379/0 to a Redis with maxmemory and allkeys-lru)."
    )
if CACHE_REDIS_URL == REDIS_URL:
    raise ImproperEnvironment(
        "CACHE_REDIS_URL and REDIS_URL name the same Redis: the cache needs a server of its own, "
        "whose memory cap and eviction cannot drop the broker's queued tasks."
    )
# Whole public pages cached for anonymous visitors (saphire.page_cache); off only to measure rendering.
PAGE_CACHE = True
# At most this many cached variants (query strings, languages) of one public page's path.
PAGE_CACHE_VARIANTS = env_int("PAGE_CACHE_VARIANTS", 500)
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": CACHE_REDIS_URL,
        # Tests share the developer's Redis, so each checkout's test run has its own prefix.
        "KEY_PREFIX": f"test-{BASE_DIR.name}" if TESTING else "saphire",
        # Short timeouts: with the cache down, a page costs at most a second more, then renders uncached.
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    },
    # Sign-in and password-reset counters live on the broker's Redis, which never evicts: on the capped
    # page cache a burst of distinct pages could push an attacker's failure count out of memory.
    "throttle": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": f"test-{BASE_DIR.name}-throttle" if TESTING else "saphire-throttle",
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 1},
    },
}
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# A signed-in session lasts at most this long (seconds) before the user signs in again (OWASP ASVS 3.3.2).
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 12 * 3600)

CELERY_BROKER_URL = REDIS_URL
CELERY_RESULT_BACKEND = None
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TIMEZONE = "UTC"
# Redis redelivers an unacknowledged task after this long; longer than any task runs.
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": env_int("CELERY_VISIBILITY_TIMEOUT", 3600)}
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# How much lower than the web workers' the Celery worker's processor priority is (nice increment, 0-19).
CELERY_WORKER_NICE = env_int("CELERY_WORKER_NICE", 10)
if not 0 <= CELERY_WORKER_NICE <= 19:
    raise ImproperEnvironment(f"CELERY_WORKER_NICE={CELERY_WORKER_NICE} is not a nice increment from 0 to 19.")
# Each app adds its periodic jobs here; beat runs them.
CELERY_TASK_DEFAULT_QUEUE = f"test-{BASE_DIR.name}" if TESTING else "celery"
CELERY_BEAT_SCHEDULE: dict = {}
# Deadline reminders: hourly, each (campaign, region, day) reminder is recorded and sent once.
CELERY_BEAT_SCHEDULE["mapping-deadline-reminders"] = {"task": "mapping.reminders_send", "schedule": 3600.0}
# Event reminders: each event says how long before its start; each one is recorded and sent once.
CELERY_BEAT_SCHEDULE["workshops-reminders"] = {
    "task": "workshops.send_reminders",
    "schedule": env_int("EVENT_REMINDER_INTERVAL_SECONDS", 300),
}
# Seat offers from the waiting list that were not taken up in time go to the next person.
CELERY_BEAT_SCHEDULE["workshops-expire-offers"] = {
    "task": "workshops.expire_offers",
    "schedule": env_int("EVENT_OFFER_SWEEP_INTERVAL_SECONDS", 300),
}
# Notification digests: daily at DIGEST_HOUR (UTC), weekly on Mondays at that hour.
DIGEST_HOUR = env_int("DIGEST_HOUR", 6)
CELERY_BEAT_SCHEDULE["notifications-digest-daily"] = {
    "task": "notifications.digest_send_due",
    "schedule": crontab(minute=0, hour=DIGEST_HOUR),
    "kwargs": {"frequency": "daily"},
}
CELERY_BEAT_SCHEDULE["notifications-digest-weekly"] = {
    "task": "notifications.digest_send_due",
    "schedule": crontab(minute=0, hour=DIGEST_HOUR, day_of_week=1),
    "kwargs": {"frequency": "weekly"},
}
CELERY_BEAT_SCHEDULE_FILENAME = str(embedded.DATA_DIR / "celerybeat-schedule")
WORKER_HEARTBEAT_KEY = "worker-heartbeat"
# Milliseconds a report build waits before writing its files: lets tests and demos watch a build run.
REPORTS_BUILD_DELAY_MS = env_int("REPORTS_BUILD_DELAY_MS", 0)
# A report still queued or running after these many seconds has lost its build (a worker killed outright
# leaves its message parked in the broker for the whole visibility timeout): the sweep queues it again,
# at most REPORTS_MAX_REQUEUES times, then marks it failed with the reason. A running build holds a
# database lock, so a live one is never taken for lost, however long it runs.
REPORTS_QUEUED_TIMEOUT = env_int("REPORTS_QUEUED_TIMEOUT", 1800)
REPORTS_RUNNING_TIMEOUT = env_int("REPORTS_RUNNING_TIMEOUT", 120)
REPORTS_MAX_REQUEUES = env_int("REPORTS_MAX_REQUEUES", 3)
CELERY_BEAT_SCHEDULE["reports-requeue-stale"] = {
    "task": "reports.requeue_stale",
    "schedule": env_int("REPORTS_SWEEP_INTERVAL_SECONDS", 60),
}

# Email ---------------------------------------------------------------------------

EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend" if DEBUG else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_FILE_PATH = env_str("EMAIL_FILE_PATH", str(BASE_DIR / ".data" / "emails"))
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "SAPHIRe Regions <noreply@saphire-regions.eu>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Auth ------------------------------------------------------------------------------

# Argon2id first; PBKDF2 hashes made before it still verify and are rehashed at the next sign-in.
PASSWORD_HASHERS = [
    "saphire.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sign-in throttling, shared by the sign-in page and POST /api/v1/auth/token/ (accounts/signin.py).
# Per account: LOGIN_FAILURE_LIMIT free failures, then each further failure makes the account wait
# LOGIN_DELAY_BASE seconds, doubling up to LOGIN_DELAY_MAX; failures are forgotten LOGIN_FAILURE_WINDOW
# seconds after the last one. Per address: LOGIN_IP_FAILURE_LIMIT failures per LOGIN_IP_WINDOW seconds.
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 900)
LOGIN_DELAY_BASE = env_int("LOGIN_DELAY_BASE", 30)
LOGIN_DELAY_MAX = env_int("LOGIN_DELAY_MAX", 900)
LOGIN_IP_FAILURE_LIMIT = env_int("LOGIN_IP_FAILURE_LIMIT", 50)
LOGIN_IP_WINDOW = env_int("LOGIN_IP_WINDOW", 3600)
# Password reset requests: per email address and per client address, each per PASSWORD_RESET_WINDOW.
PASSWORD_RESET_EMAIL_LIMIT = env_int("PASSWORD_RESET_EMAIL_LIMIT", 3)
PASSWORD_RESET_IP_LIMIT = env_int("PASSWORD_RESET_IP_LIMIT", 20)
# Consultations: at most COMMENT_RATE_LIMIT comments and ENDORSEMENT_RATE_LIMIT endorsements per user in
# PARTICIPATION_RATE_WINDOW seconds (participation/throttle.py), on the page and through the API alike.
COMMENT_RATE_LIMIT = env_int("COMMENT_RATE_LIMIT", 10)
ENDORSEMENT_RATE_LIMIT = env_int("ENDORSEMENT_RATE_LIMIT", 30)
PARTICIPATION_RATE_WINDOW = env_int("PARTICIPATION_RATE_WINDOW", 600)
PASSWORD_RESET_WINDOW = env_int("PASSWORD_RESET_WINDOW", 3600)
# Sign-up: at most SIGNUP_IP_LIMIT attempts per client address per SIGNUP_WINDOW seconds; the emailed
# verification link works for SIGNUP_VERIFY_MAX_AGE seconds.
SIGNUP_IP_LIMIT = env_int("SIGNUP_IP_LIMIT", 10)
SIGNUP_WINDOW = env_int("SIGNUP_WINDOW", 3600)
SIGNUP_VERIFY_MAX_AGE = env_int("SIGNUP_VERIFY_MAX_AGE", 3 * 24 * 3600)
# Invitations of officials by coordinators expire after this many days and work once.
INVITATION_LIFETIME_DAYS = env_int("INVITATION_LIFETIME_DAYS", 7)
# The version of the privacy notice (templates/accounts/privacy.html) people agree to; change it with
# the notice, and the consent recorded names the version each person saw.
PRIVACY_NOTICE_VERSION = env_str("PRIVACY_NOTICE_VERSION", "2026-12-07")
# API tokens: absolute lifetime and idle timeout in seconds (0 turns the idle timeout off).
API_TOKEN_LIFETIME = env_int("API_TOKEN_LIFETIME", 12 * 3600)
API_TOKEN_IDLE_TIMEOUT = env_int("API_TOKEN_IDLE_TIMEOUT", 1800)
API_TOKENS_PER_USER = env_int("API_TOKENS_PER_USER", 20)

# I18n -------------------------------------------------------------------------------

LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("de", _("German")),
    ("es", _("Spanish")),
    ("it", _("Italian")),
    ("nl", _("Dutch")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
# Content people read (themes, questions, modules, recommendations...) is stored per language by
# django-modeltranslation: one column per language of LANGUAGES (title_en, title_fr...), English the
# fallback. Adding a language is adding it to LANGUAGES and running makemigrations.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
TIME_ZONE = "Europe/Brussels"
USE_TZ = True

# Static and media --------------------------------------------------------------------

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# One template draws every form: labels, help and errors look alike on every page.
FORM_RENDERER = "saphire.forms.FormRenderer"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG or TESTING
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# Uploads and built reports are never served as static files: views check permission, then send the
# file themselves, or, behind a proxy that serves internal locations (nginx's X-Accel-Redirect), name it
# under MEDIA_ACCEL_REDIRECT_PREFIX for the proxy to send (empty: Django sends it).
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
MEDIA_ACCEL_REDIRECT_PREFIX = env_str("MEDIA_ACCEL_REDIRECT_PREFIX", "").rstrip("/")
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o750
DATA_DIR = embedded.DATA_DIR
# NUTS regions for `make run`: a GISCO file, else downloaded from NUTS_DOWNLOAD_URL (GISCO by default).
NUTS_FILE = env_str("NUTS_FILE", "")
NUTS_DOWNLOAD_URL = env_str("NUTS_DOWNLOAD_URL", "")
# Eurostat statistics for `make run`: every file of this folder is imported when it exists (tests opt in).
EUROSTAT_DIR = env_str("EUROSTAT_DIR", "" if TESTING else str(BASE_DIR.parent / "shared" / "data" / "eurostat"))
EUROSTAT_DOWNLOAD_URL = env_str("EUROSTAT_DOWNLOAD_URL", "")

# Proxies -------------------------------------------------------------------------------

# X-Forwarded-* headers are written by the client unless a proxy of ours overwrites them, so they are
# read only when the deployment says a proxy is there. NUM_PROXIES counts the proxies that append to
# X-Forwarded-For (saphire/client_ip.py); BEHIND_PROXY alone means one.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
NUM_PROXIES = env_int("NUM_PROXIES", 1 if BEHIND_PROXY else 0)
if NUM_PROXIES < 0:
    raise ImproperEnvironment(f"NUM_PROXIES={NUM_PROXIES} must be 0 or more.")

# API ----------------------------------------------------------------------------------

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "accounts.authentication.ApiTokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_PARSER_CLASSES": [
        "saphire.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "saphire.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "saphire.schema.AutoSchema",
    "EXCEPTION_HANDLER": "saphire.api_errors.exception_handler",
    # DRF reads X-Forwarded-For for its throttles only as far as these proxies go (None would trust it all).
    "NUM_PROXIES": NUM_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "SAPHIRe Regions API",
    "DESCRIPTION": "Regions, mapping, workshops, roadmap and reports of the SAPHIRe Regions portal.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "FindingStatusEnum": "mapping.models.Finding.Status",
        "FindingKindEnum": "mapping.models.Finding.Kind",
        "QuestionKindEnum": "mapping.models.Question.Kind",
        "ResponseStatusEnum": "mapping.models.Response.Status",
        "QuestionnaireVersionStatusEnum": "mapping.models.QuestionnaireVersion.Status",
        "OrganisationKindEnum": "regions.models.OrganisationKind",
        "OrganisationLinkKindEnum": "regions.models.OrganisationLink.Kind",
        "OrganisationStatusEnum": "regions.models.Organisation.Status",
        "ValueChainStageEnum": "regions.models.ValueChainStage",
        "EventKindEnum": "workshops.models.Event.Kind",
        "EventStatusEnum": "workshops.models.Event.Status",
        "RegistrationStatusEnum": "workshops.models.Registration.Status",
        "VotingRoundStatusEnum": "workshops.models.VotingRound.Status",
    },
}

# Security -----------------------------------------------------------------------------

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if BEHIND_PROXY else None
if not DEBUG and not TESTING:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# Logging: one JSON line per request on stdout.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "json": {"()": "saphire.logging.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "json"},
    },
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.server": {"level": "WARNING"},
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "WARNING"},
        "saphire.requests": {"level": "WARNING" if TESTING else "INFO", "propagate": True},
    },
}
WHITENOISE_USE_FINDERS = DEBUG or TESTING
FORMS_URLFIELD_ASSUME_HTTPS = True
