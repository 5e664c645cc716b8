"""Settings, read from environment variables.

Every variable has a safe default for local use; a bad value fails loudly at start-up
instead of being silently ignored.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from yunjishi.core.csp import source_of

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    if raw.lower() in ("1", "true", "yes", "on"):
        return True
    if raw.lower() in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(f"{name} must be 0/1/true/false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, not {raw!r}") from None


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DEBUG", False)
# pytest sets PYTEST_VERSION; tests run over plain http against a test server.
TESTING = "PYTEST_VERSION" in os.environ
DATA_DIR = Path(os.environ.get("DATA_DIR", BASE_DIR / "var"))
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """SECRET_KEY from the environment, else one generated once into DATA_DIR."""
    if os.environ.get("SECRET_KEY"):
        return os.environ["SECRET_KEY"]
    path = DATA_DIR / "secret_key"
    if not path.exists():
        import secrets

        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
# Keyed hash for ID numbers: kept apart from SECRET_KEY so rotating one does not
# make every stored ID number unfindable.
PII_HASH_KEY = os.environ.get("PII_HASH_KEY", SECRET_KEY)

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # its own Swagger files, so /api/docs loads nothing from a CDN
    "treebeard",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "huey.contrib.djhuey",
    "yunjishi.core",
    "yunjishi.audit",
    "yunjishi.orgs",
    "yunjishi.people",
    "yunjishi.notify",
    "yunjishi.membership",
    "yunjishi.booking",
    "yunjishi.surveys",
    "yunjishi.market",
    "yunjishi.stations",
    "yunjishi.appeals",
    "yunjishi.proposals",
    "yunjishi.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "yunjishi.core.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): the session passed a one-time code (django-otp).
    "django_otp.middleware.OTPMiddleware",
    # Staff: a short idle timeout, and no page before the second factor.
    "yunjishi.people.middleware.StaffSessionMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, so that it sees the authenticated user and the final response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "yunjishi.urls"
WSGI_APPLICATION = "yunjishi.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "yunjishi" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "yunjishi.notify.context_processors.inbox",
                "yunjishi.people.context_processors.roles",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------

SQLITE_OPTIONS = {
    # IMMEDIATE takes the write lock when the transaction starts, so two writers queue
    # on the busy timeout instead of one failing with "database is locked" mid-way.
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL;"
        "PRAGMA synchronous=NORMAL;"
        "PRAGMA foreign_keys=ON;"
        "PRAGMA busy_timeout=20000;"
    ),
}

DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": DATA_DIR / "yunjishi.sqlite3",
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["default"].setdefault("OPTIONS", {}).update(SQLITE_OPTIONS)
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts -------------------------------------------------------------------------
if TESTING:  # hashing dominates test time otherwise; never used outside pytest
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AUTH_USER_MODEL = "people.User"
AUTHENTICATION_BACKENDS = [
    # Refuses every login from an address over LOGIN_FAILURE_LIMIT_PER_ADDRESS failures.
    "yunjishi.people.security.AddressLimitBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("phone", "display_name", "email")},
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Staff and superusers (等保): longer, and three kinds of character.
    {"NAME": "yunjishi.people.passwords.StaffPasswordValidator"},
]
LOGIN_URL = "people:login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# API bearer tokens end this many days after they were issued (and at logout, and when the
# password changes).
API_TOKEN_DAYS = env_int("API_TOKEN_DAYS", 30)

# Sessions. Workers stay logged in on their phone for SESSION_DAYS from login; staff
# sessions end after STAFF_IDLE_MINUTES without a request (等保: back-office sessions time
# out), renewed by each request (people.middleware.StaffSessionMiddleware).
SESSION_COOKIE_AGE = env_int("SESSION_DAYS", 14) * 24 * 3600
# 0: no idle limit (under pytest, whose tests move the clock by days with a staff client
# logged in; the idle tests set it).
STAFF_IDLE_MINUTES = env_int("STAFF_IDLE_MINUTES", 0 if TESTING else 30)
# Staff and superusers log in with a password and a TOTP code (django-otp); without an
# enrolled authenticator they are sent to enrol before any staff page or the admin.
# Off only where tests of other things log staff in (the 2FA tests switch it on).
STAFF_REQUIRE_2FA = env_bool("STAFF_REQUIRE_2FA", not TESTING)
OTP_TOTP_ISSUER = "云集市"
OTP_TOTP_THROTTLE_FACTOR = 1  # django-otp: a wrong code doubles the wait before the next
# A superuser may delete a lost authenticator in the admin (the person enrols again), but
# never sees anyone's key or QR code there.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True

# Attempts counted per caller's address (Django's cache: local memory in one process, Redis
# with REDIS_URL). A carrier NAT or a union office shares one address, so these are far
# above what one person's typos reach; they stop one address from spraying passwords over
# many phones or registering in bulk.
SIGNUP_LIMIT_PER_ADDRESS = env_int("SIGNUP_LIMIT_PER_ADDRESS", 20)  # per hour
LOGIN_FAILURE_LIMIT_PER_ADDRESS = env_int("LOGIN_FAILURE_LIMIT_PER_ADDRESS", 30)  # per 15 min
OTP_FAILURE_LIMIT = env_int("OTP_FAILURE_LIMIT", 5)  # wrong codes per person per 15 min
# Reverse proxies in front of the app that append to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "yunjishi.core.ratelimit.client_address"

AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 30) / 60  # hours
# Per phone number, not per IP: many workers share one address (mobile carrier NAT,
# a union office), and an IP lockout would shut them all out for one bad actor.
AXES_LOCKOUT_PARAMETERS = ["username"]
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_USERNAME_FORM_FIELD = "username"
# Axes records and logs the username; ours is a phone number, so it only ever sees a
# keyed hash of it (PIPL: no phone numbers in clear in logs or tables of attempts).
AXES_USERNAME_CALLABLE = "yunjishi.people.security.axes_username"
AXES_LOCKOUT_CALLABLE = "yunjishi.people.views.locked_out"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False
# The access log would store the plain username (the phone) of every successful login.
AXES_DISABLE_ACCESS_LOG = True

# --- Language and time ----------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", _("Simplified Chinese")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "yunjishi" / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static files ---------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # whitenoise warns on a missing one
STATICFILES_DIRS = [BASE_DIR / "yunjishi" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or TESTING
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/media/"

# --- E-mail ---------------------------------------------------------------------------
EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# The file backend (make run's default, when no SMTP server is set) writes here.
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(DATA_DIR / "mail"))
EMAIL_HOST = os.environ.get("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "云集市 <noreply@yunjishi.local>")

# --- Background tasks and cache --------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
# The cache holds only rate-limit counters: per process in local memory, shared by every
# process and machine on Redis.
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "yjs",
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tests run tasks in-process; the tests of real queues build their own Huey instances.
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", TESTING)
if REDIS_URL:
    HUEY = {
        "huey_class": "huey.RedisHuey",
        "name": "yunjishi",
        "url": REDIS_URL,
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "yunjishi",
        "filename": str(DATA_DIR / "huey.sqlite3"),
        "immediate": HUEY_IMMEDIATE,
        "consumer": {"workers": 2, "worker_type": "thread"},
    }

# Notification channels, by name. Add SMS or WeChat template messages here.
NOTIFY_CHANNELS = {
    "inbox": "yunjishi.notify.channels.InboxChannel",
    "email": "yunjishi.notify.channels.EmailChannel",
}

# --- Membership -----------------------------------------------------------------------
# Working days a grassroots union has to decide on a join application before it
# escalates to the parent org.
JOIN_DECISION_DAYS = env_int("JOIN_DECISION_DAYS", 5)

# --- Security (production) ------------------------------------------------------------
SECURE_HTTPS = env_bool("SECURE_HTTPS", not DEBUG and not TESTING)
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
if SECURE_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# --- Logging --------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"mask_pii": {"()": "yunjishi.core.logging.MaskPIIFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["mask_pii"],
            "formatter": "plain",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's defaults give these their own handlers (a console in DEBUG, mail to the
        # ADMINS, runserver's lines) that write the request's path unmasked: none here, so
        # they reach the masked console above.
        "django": {"handlers": [], "propagate": True},
        "django.server": {"handlers": [], "propagate": True},
        "jieba": {"level": "WARNING"},
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- Audit trail --------------------------------------------------------------------
# Days an audit entry is kept (等保 2.0 asks for at least 180; a smaller value counts as 180).
AUDIT_RETENTION_DAYS = env_int("AUDIT_RETENTION_DAYS", 365)

# --- Market -----------------------------------------------------------------------------
# Days after "service given" when an order the worker has not confirmed is confirmed.
MARKET_AUTO_CONFIRM_DAYS = env_int("MARKET_AUTO_CONFIRM_DAYS", 7)

# --- Stations ---------------------------------------------------------------------------


def env_tile_url(name: str) -> str:
    """A map tile URL template with {z}, {x} and {y}; empty: no tiles, the map shows the
    stations on a plain background."""
    raw = os.environ.get(name, "").strip()
    if raw and not (
        raw.startswith(("https://", "http://")) and all(p in raw for p in ("{z}", "{x}", "{y}"))
    ):
        raise ImproperlyConfigured(
            f"{name} must be an http(s) URL with {{z}}, {{x}} and {{y}}, not {raw!r}"
        )
    return raw


STATIONS_TILE_URL = env_tile_url("STATIONS_TILE_URL")
# Tiles of Chinese providers (高德, 腾讯) are in GCJ-02: the map shifts the points to match.
STATIONS_TILE_GCJ02 = env_bool("STATIONS_TILE_GCJ02", True)
STATIONS_TILE_ATTRIBUTION = os.environ.get("STATIONS_TILE_ATTRIBUTION", "")
# A station's screen shows a check-in code that changes every this many minutes (the code
# of the window before is still taken): a photo of it is of no use at home.
STATIONS_CHECKIN_CODE_MINUTES = env_int("STATIONS_CHECKIN_CODE_MINUTES", 10)
if not 1 <= STATIONS_CHECKIN_CODE_MINUTES <= 720:
    raise ImproperlyConfigured(
        f"STATIONS_CHECKIN_CODE_MINUTES must be 1 to 720, not {STATIONS_CHECKIN_CODE_MINUTES}"
    )

# --- Content-Security-Policy ----------------------------------------------------------
# Sent on every response by yunjishi.core.csp (on Django 6, its own middleware reads the
# same setting): scripts, styles, fonts and requests from this site only, never inline
# (pages use static/css/site.css and static scripts; data for scripts goes through
# json_script or data- attributes). Images may also be data: URIs (Leaflet's blank tile,
# the API docs' icons) and come from the map tiles' host.
SECURE_CSP = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:", *([source_of(STATIONS_TILE_URL)] if STATIONS_TILE_URL else [])],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# An anonymous appeal shows staff its sender's union only when the union has this many
# members; otherwise the nearest union above that has (appeals.identity.union_shown).
APPEALS_ANONYMITY_MIN_MEMBERS = env_int("APPEALS_ANONYMITY_MIN_MEMBERS", 10)
