"""Settings for Dân Vận Số: one file, driven by the environment.

With no environment at all it runs on SQLite with local-memory cache, which is what
`make run` and `make test` use. Production sets DATABASE_URL, REDIS_URL, SECRET_KEY,
ALLOWED_HOSTS and leaves DEBUG off.
"""

import json
import os
from pathlib import Path

import dj_database_url

from dvs.formats.vi import formats as vi_formats

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_int(name, default):
    return int(os.environ.get(name, default))


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def env_secret(name, default_file):
    """A secret from the environment, else from a file kept outside the repository."""
    if os.environ.get(name):
        return os.environ[name]
    path = Path(os.environ.get(f"{name}_FILE", default_file))
    if path.exists():
        return path.read_text().strip()
    return ""


DEBUG = env_bool("DEBUG")
TESTING = env_bool("DVS_TESTING")
VAR_DIR = Path(os.environ.get("DVS_VAR_DIR", BASE_DIR / "var"))

SECRET_KEY = env_secret("SECRET_KEY", VAR_DIR / "secret_key")
if not SECRET_KEY and (DEBUG or TESTING):
    SECRET_KEY = "insecure-development-key-do-not-use-in-production"

# Keys for sensitive fields (accounts/crypto.py): comma-separated Fernet keys, the first
# encrypts. `make` generates one into var/field_keys for the demo.
FIELD_ENCRYPTION_KEYS = env_list("FIELD_ENCRYPTION_KEYS") or env_secret(
    "FIELD_ENCRYPTION_KEYS", VAR_DIR / "field_keys"
).split(",")
FIELD_ENCRYPTION_KEYS = [key for key in FIELD_ENCRYPTION_KEYS if key]
if not FIELD_ENCRYPTION_KEYS and TESTING:
    FIELD_ENCRYPTION_KEYS = ["x5-0dAFJlqW4Cm9Qz2Q6bHkHIBrmx6H-5hEt7fgHwwQ="]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "dvs",
    "dvs.units",
    "dvs.accounts",
    "dvs.people",
    "dvs.workdays",
    "dvs.cases",
    "dvs.emulation",
    "dvs.planning",
    "dvs.clearance",
    "dvs.religion",
    "dvs.democracy",
    # After the capabilities whose indicators it reads (its demo fills their figures).
    "dvs.reports",
    "dvs.api",
    "dvs.portal",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "dvs.accounts.apps.WagtailUsersConfig",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    # Only for its static files: /api/v1/docs serves Swagger UI from this server, not a CDN.
    "ninja",
    "taggit",
    "template_partials",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy and Permissions-Policy on every response, cached ones too.
    "dvs.middleware.SecurityHeadersMiddleware",
    # A control character in the path, query or a form field is refused before any view.
    "dvs.lib.middleware.ControlCharacterMiddleware",
    # Before sessions and auth: anonymous page views are counted, then answered from the
    # page cache without touching the rest of the stack (dvs.portal.middleware).
    "dvs.portal.middleware.PortalMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "dvs.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "dvs.accounts.middleware.SecondFactorMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "dvs.urls"
WSGI_APPLICATION = "dvs.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dvs" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Database: SQLite (WAL) by default, anything dj-database-url understands otherwise.
SQLITE_PATH = Path(os.environ.get("SQLITE_PATH", VAR_DIR / "dvs.sqlite3"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{SQLITE_PATH}"),
        # Tests close every connection after use, so no test database stays "in use".
        conn_max_age=0 if TESTING else env_int("CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "init_command": (
            "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;"
        ),
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0 if TESTING else 60
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache (sessions, throttling, counters): local memory unless REDIS_URL is set.
if os.environ.get("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": os.environ["REDIS_URL"],
        }
    }
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    SESSION_ENGINE = "django.contrib.sessions.backends.db"
# The portal: "portal" holds cached pages and reload/visit marks (may be evicted);
# "portal_counters" buffers view counts until they are flushed (never evicted: no
# timeout, and local memory never culls it).
if os.environ.get("REDIS_URL"):
    CACHES["portal"] = {**CACHES["default"], "KEY_PREFIX": "portal"}
    CACHES["portal_counters"] = {**CACHES["default"], "KEY_PREFIX": "portal-counts"}
else:
    CACHES["portal"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }
    CACHES["portal_counters"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-counters",
        "OPTIONS": {"MAX_ENTRIES": 10**9},
    }

TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend"
        )
    }
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "dvs.accounts.backends.RoleBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
if TESTING:
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
LOGIN_URL = "wagtailadmin_login"
LOGIN_REDIRECT_URL = "wagtailadmin_home"

# Sign-in throttling (dvs.accounts.forms.LoginForm): after LOGIN_FAILURE_LIMIT failures
# for one username from one address within the window, that pair is refused until the
# window passes; one address is refused for every username only after the higher
# LOGIN_ADDRESS_FAILURE_LIMIT (an office behind one NAT keeps working).
LOGIN_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
LOGIN_ADDRESS_FAILURE_LIMIT = env_int("LOGIN_ADDRESS_FAILURE_LIMIT", 30)
LOGIN_FAILURE_WINDOW = env_int("LOGIN_FAILURE_WINDOW", 15 * 60)
# Staff with these roles must pass a TOTP second factor before using the back office.
OTP_REQUIRED_ROLES = env_list("OTP_REQUIRED_ROLES", "" if DEBUG or TESTING else "system_admin")
OTP_TOTP_ISSUER = "Dân Vận Số"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Our own catalog first, then our completion of Wagtail's Vietnamese catalog (Wagtail
# ships only about a fifth of its admin strings in Vietnamese), then of Django's own
# (time since, passwords, form errors) for the contrib apps we install.
LOCALE_PATHS = [
    BASE_DIR / "dvs" / "locale",
    BASE_DIR / "dvs" / "locale_wagtail",
    BASE_DIR / "dvs" / "locale_django",
]
TIME_ZONE = "Asia/Ho_Chi_Minh"
# The account page offers only our time zone, not a list of 600 English names.
WAGTAIL_USER_TIME_ZONES = [TIME_ZONE]
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["dvs.formats"]
# The formats of dvs/formats/vi also where no language is active (management commands,
# tasks), and the back office's date inputs and their picker (Wagtail's AdminDateInput):
# dd/mm/yyyy, day first. The picker never rewrites what was typed (dvs/static/dvs/
# admin-dates.js); the form field reads it or refuses it (dvs.lib.forms.DateField).
DATE_INPUT_FORMATS = vi_formats.DATE_INPUT_FORMATS
DATETIME_INPUT_FORMATS = vi_formats.DATETIME_INPUT_FORMATS
WAGTAIL_DATE_FORMAT = DATE_INPUT_FORMATS[0]
WAGTAIL_DATETIME_FORMAT = DATETIME_INPUT_FORMATS[0]
WAGTAIL_TIME_FORMAT = "%H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
MEDIA_URL = "/media/"
MEDIA_ROOT = VAR_DIR / "media"
# Files that must not be published (case attachments): served only through views that
# check the user's scope.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", VAR_DIR / "private"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT},
    },
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
        )
    },
}
# The production server serves static files itself (dvs.urls); deployments with nginx
# can turn this off and serve STATIC_ROOT directly.
SERVE_STATIC = env_bool("SERVE_STATIC", True)

WAGTAIL_SITE_NAME = "Dân Vận Số"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_I18N_ENABLED = False
# Slugs in ASCII, accents folded the Vietnamese way (dvs.portal.models.ascii_slug): no
# percent-encoded letters in shared links.
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False  # no outside calls: intranet deployments
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no avatars fetched from outside
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "doc", "xlsx", "xls", "odt", "ods", "zip", "txt"]
WAGTAIL_PASSWORD_RESET_ENABLED = False

# The issuing body of documents: a deployment setting (renamed in 2025, see DOMAIN-RULES §0.1).
ISSUING_BODY_NAME = os.environ.get("ISSUING_BODY_NAME", "Ban Tuyên giáo và Dân vận Thành ủy")
ISSUING_BODY_SYMBOL = os.environ.get("ISSUING_BODY_SYMBOL", "BTGDVTU")
# The review report's header (Hướng dẫn 36-HD/VPTW): line 1 the Party committee the board
# belongs to ("Thành ủy" alone gets the place: "THÀNH ỦY KINH BẮC"), line 2 the board
# itself, bold ("BAN TUYÊN GIÁO VÀ DÂN VẬN").
PARENT_PARTY_BODY = os.environ.get("PARENT_PARTY_BODY", "Thành ủy")
REPORT_ISSUING_BODY = os.environ.get("REPORT_ISSUING_BODY", "Ban Tuyên giáo và Dân vận")
# The review report (dvs.reports): the place in "<place>, ngày … tháng … năm …" (default:
# the owning unit's name without "Thành phố"/"Tỉnh"), who signs by default (title and
# name; a review started with its own signer overrides them), who receives copies,
# and the LibreOffice that makes its PDF.
REPORT_PLACE_NAME = os.environ.get("REPORT_PLACE_NAME", "")
REPORT_SIGNATURE_TITLE = os.environ.get("REPORT_SIGNATURE_TITLE", "Trưởng ban")
REPORT_SIGNER_NAME = os.environ.get("REPORT_SIGNER_NAME", "")
REPORT_RECIPIENTS = env_list(
    "REPORT_RECIPIENTS",
    "Ban Tuyên giáo và Dân vận Tỉnh ủy (b/c),Thường trực Thành ủy (b/c),"
    "Các đồng chí Ủy viên Ban Thường vụ Thành ủy,Lưu Văn phòng",
)
LIBREOFFICE_BINARY = os.environ.get("LIBREOFFICE_BINARY", "libreoffice")

# Spreadsheet imports (people): larger files are refused with a message.
IMPORT_MAX_BYTES = env_int("IMPORT_MAX_BYTES", 50 * 1024 * 1024)
# The old .xls format can only be read whole (xlrd does not stream), on the column-mapping
# page too: such files are refused above this size and the user asked to save as .xlsx.
IMPORT_XLS_MAX_BYTES = env_int("IMPORT_XLS_MAX_BYTES", 5 * 1024 * 1024)
# An import left waiting (uploaded or checked, never committed) this long is closed and
# its file deleted: the file holds ID numbers, ethnicity and religion in clear.
IMPORT_ABANDONED_AFTER_HOURS = env_int("IMPORT_ABANDONED_AFTER_HOURS", 24)
# A background job (import, review report) that has reported no progress for this long
# lost its worker: it is marked failed with a message, and its uploaded file deleted.
JOBS_STALE_AFTER_MINUTES = env_int("JOBS_STALE_AFTER_MINUTES", 30)
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
# Records of people who moved away or died may be archived after this many days.
PEOPLE_ARCHIVE_AFTER_DAYS = env_int("PEOPLE_ARCHIVE_AFTER_DAYS", 5 * 365)

# Public portal (dvs.portal): page cache and view counting, see docs/performance.md.
# The portal's public address (scheme, host and port if not the default), e.g.
# https://danvan.example.gov.vn: the sitemap, Open Graph and canonical links, RSS feeds and
# e-mails use it (dvs/portal/links.py). Unset: the address each request came to.
PORTAL_BASE_URL = os.environ.get("PORTAL_BASE_URL", "").strip().rstrip("/")
PORTAL_CACHE_SECONDS = env_int("PORTAL_CACHE_SECONDS", 60)  # 0: no page cache
PORTAL_COUNT_VIEWS = env_bool("PORTAL_COUNT_VIEWS", True)
PORTAL_FLUSH_SECONDS = env_int("PORTAL_FLUSH_SECONDS", 5)
PORTAL_FLUSH_THREAD = env_bool("PORTAL_FLUSH_THREAD", not TESTING)
PORTAL_RELOAD_WINDOW = env_int("PORTAL_RELOAD_WINDOW", 30 * 60)  # 0: count every reload
PORTAL_VISIT_WINDOW = env_int("PORTAL_VISIT_WINDOW", 30 * 60)
PORTAL_ONLINE_WINDOW = env_int("PORTAL_ONLINE_WINDOW", 5 * 60)
PORTAL_TOTAL_VISITS_BASE = env_int("PORTAL_TOTAL_VISITS_BASE", 0)
PORTAL_BOT_PATTERN = os.environ.get(
    "PORTAL_BOT_PATTERN",
    r"bot|crawl|spider|slurp|scrap|fetch|preview|monitor|uptime|headless|lighthouse"
    r"|curl|wget|python-|httpclient|okhttp|go-http|java/|libwww|facebookexternalhit",
)
PORTAL_VIDEO_MAX_BYTES = env_int("PORTAL_VIDEO_MAX_BYTES", 200 * 1024 * 1024)
WAGTAILIMAGES_MAX_UPLOAD_SIZE = env_int("WAGTAILIMAGES_MAX_UPLOAD_SIZE", 10 * 1024 * 1024)
WAGTAILDOCS_MAX_UPLOAD_SIZE = env_int("WAGTAILDOCS_MAX_UPLOAD_SIZE", 50 * 1024 * 1024)

DEMO_PASSWORD = os.environ.get("DEMO_PASSWORD", "DanVan@2024")

# Security: production values unless DEBUG.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env_int("SESSION_COOKIE_AGE", 8 * 3600)
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0)
# With HSTS on, subdomains and the browsers' preload list follow unless turned off.
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", SECURE_HSTS_SECONDS > 0)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
# The request header (Django META name) in which our reverse proxy passes the client's
# address, e.g. HTTP_X_REAL_IP or HTTP_X_FORWARDED_FOR (its right-most entry is used): see
# dvs.lib.net.client_ip. Unset: REMOTE_ADDR. PORTAL_CLIENT_IP_HEADER is its former name.
TRUSTED_PROXY_HEADER = (
    os.environ.get("TRUSTED_PROXY_HEADER") or os.environ.get("PORTAL_CLIENT_IP_HEADER", "")
).strip()
if env_bool("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Content-Security-Policy (django-csp, dvs.middleware.SecurityHeadersMiddleware): nothing
# is loaded from outside this server, no plugins, no framing by other sites. Our pages
# have no inline scripts; Wagtail's admin still writes a few (date pickers, inline panels),
# so under /admin/ inline scripts are allowed too. Inline styles are allowed everywhere
# (style attributes in Wagtail's admin and in our templates).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:"],
        "font-src": ["'self'", "data:"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'self'"],
    }
}
CSP_INLINE_SCRIPT_PREFIXES = ["/admin/"]
# Browser features no page of the platform uses.
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=()"
)
# A demo on 127.0.0.1 serves plain HTTP; real deployments set the TLS variables above and
# `check --deploy` is clean with them (see README).
# W019: Wagtail's live preview shows the page in a same-origin frame, so SAMEORIGIN.
SILENCED_SYSTEM_CHECKS = ["security.W019", *env_list("SILENCED_SYSTEM_CHECKS")]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

WAGTAILADMIN_USER_LOGIN_FORM = "dvs.accounts.forms.LoginForm"

# Cases (petitions, complaints, denunciations): attachments and public submissions.
CASE_ATTACHMENT_MAX_BYTES = env_int("CASE_ATTACHMENT_MAX_BYTES", 10 * 1024 * 1024)
CASE_ATTACHMENT_EXTENSIONS = env_list(
    "CASE_ATTACHMENT_EXTENSIONS", "pdf,jpg,jpeg,png,doc,docx,odt,xls,xlsx,txt"
)
# Deadline rules that are configurable defaults (docs/deadlines.md), as JSON, e.g.
# {"*": {"petition.resolve": {"value": 45}}}.
CASE_RULE_OVERRIDES = json.loads(os.environ.get("CASE_RULE_OVERRIDES") or "{}")
# Public submissions per visitor (IP address) per hour.
CASE_PUBLIC_SUBMISSIONS_PER_HOUR = env_int("CASE_PUBLIC_SUBMISSIONS_PER_HOUR", 5)
# Opinions on public consultations per visitor (IP address) per hour (portal and API).
DEMOCRACY_PUBLIC_OPINIONS_PER_HOUR = env_int("DEMOCRACY_PUBLIC_OPINIONS_PER_HOUR", 5)
# What one public submission may attach: this many files, this many bytes in all.
CASE_PUBLIC_ATTACHMENTS_MAX = env_int("CASE_PUBLIC_ATTACHMENTS_MAX", 5)
CASE_PUBLIC_ATTACHMENTS_MAX_BYTES = env_int("CASE_PUBLIC_ATTACHMENTS_MAX_BYTES", 20 * 1024 * 1024)
# An open case older than this many months is "long-running" on the dashboard.
CASE_LONG_RUNNING_MONTHS = env_int("CASE_LONG_RUNNING_MONTHS", 6)
# Religious figures: a count from 1 to this minus one is published as "<N"
# (docs/religion-figures.md).
RELIGION_SMALL_CELL_THRESHOLD = env_int("RELIGION_SMALL_CELL_THRESHOLD", 5)

# E-mail (deadline reminders): off unless a server is configured.
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "danvanso@localhost")
