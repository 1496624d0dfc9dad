"""Marathon settings: one file, driven by environment variables, with safe development defaults.

Every variable is documented in the README's "Configuration" table.
"""

import sys
from email.utils import parseaddr
from pathlib import Path

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _
from psycopg_pool import ConnectionPool

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
# Under pytest: immediate tasks, plain static storage, a throw-away secret.
TESTING = env.bool("MARATHON_TESTING", default="pytest" in sys.modules)

if DEBUG or TESTING:
    SECRET_KEY = env.str("SECRET_KEY", default="dev-only-insecure-key-never-use-in-production")
else:
    SECRET_KEY = env.str("SECRET_KEY", default="")
    if not SECRET_KEY:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")

ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env.str("SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

# --- branding: any section can brand its own deployment ------------------------------------------
ORGANISATION_NAME = env.str("ORGANISATION_NAME", default="Marathon")
ORGANISATION_URL = env.str("ORGANISATION_URL", default="")
ACCENT_COLOUR = env.str("ACCENT_COLOUR", default="#ffe600")
# Where people write with a question (the footer, the privacy page, and every "contact us" on the account pages);
# by default the address the site's emails come from.
CONTACT_EMAIL = env.str("CONTACT_EMAIL", default="")

INSTALLED_APPS = [
    # modeltranslation patches the admin, so it comes before the admin (here the two-factor admin site).
    "modeltranslation",
    "campaigns.apps.MarathonAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "campaigns.apps.LoginLockoutsConfig",  # django-axes, named for the back office
    "django_otp",
    "campaigns.apps.TwoFactorDevicesConfig",  # django_otp.plugins.otp_totp, named for the back office
    "csp",
    "simple_history",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_filters",
    "django_countries",
    "django_tasks",
    "django_tasks_db",
    "rules.apps.AutodiscoverRulesConfig",
    "campaigns",
    "events",
    "petitions",
    "letters",
    "results",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Outside everything that may set a cookie or use the visitor's CSRF token, so it sees the final response.
    "campaigns.middleware.PublicCacheMiddleware",
    "campaigns.middleware.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "campaigns.middleware.BackOfficeCSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "campaigns.language.LanguageRedirectMiddleware",
    "campaigns.language.BackOfficeLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "campaigns.middleware.StaffSessionExpiryMiddleware",
    "campaigns.middleware.DatabaseUnavailableMiddleware",
    "django_ratelimit.middleware.RatelimitMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "marathon.urls"
WSGI_APPLICATION = "marathon.wsgi.application"

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
                "campaigns.context_processors.branding",
                # After django.contrib.auth's (the admin checks it is there): the same `user` and `perms`,
                # without reading the session of a visitor who has no session cookie.
                "campaigns.context_processors.auth",
            ],
        },
    },
    {
        # Plain-text emails and subjects: the same templates, without HTML escaping (a name like O'Brien
        # must not arrive as O&#x27;Brien). Only campaigns.emails renders with it.
        "NAME": "text",
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {"autoescape": False},
    },
]

# --- database -------------------------------------------------------------------------------------
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # Django's native psycopg 3 pool: one pool per worker process; it requires CONN_MAX_AGE=0.
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"].setdefault("OPTIONS", {})
    # Persistent connections by default: `make drill-db` showed them failing fast (503) while PostgreSQL is
    # down and recovering within a second, where the pool held requests for its timeout and reconnected
    # with back-off. DATABASE_POOL=1 selects Django's psycopg pool instead.
    if env.bool("DATABASE_POOL", default=False) and not TESTING:
        DATABASES["default"]["OPTIONS"]["pool"] = {
            "min_size": env.int("DATABASE_POOL_MIN", default=2),
            "max_size": env.int("DATABASE_POOL_MAX", default=10),
            "timeout": env.int("DATABASE_POOL_TIMEOUT", default=10),
            # Test each connection as it is handed out: after a database restart a dead one is replaced
            # instead of failing the request (one round-trip, microseconds on a local network).
            "check": ConnectionPool.check_connection,
        }
    elif not TESTING:
        # Without the pool: persistent connections, one per worker thread, checked at each request's start.
        DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
        DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
elif DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the dev server, the task worker and tests share the file. A transaction takes
    # the write lock when it begins (IMMEDIATE): one that read first and wrote later would otherwise fail at once
    # with "database is locked" whenever another process wrote in between, the busy timeout notwithstanding —
    # for the email sender, after the emails had left, so they were sent again.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {"default": env.cache("CACHE_URL", default="locmemcache://marathon")}
if CACHES["default"]["BACKEND"] == "django.core.cache.backends.redis.RedisCache":
    CACHES["default"]["BACKEND"] = "campaigns.redis_cache.RedisCache"  # one client per pool, not per call

# --- accounts -------------------------------------------------------------------------------------
AUTH_USER_MODEL = "campaigns.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
SITE_ID = 1
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = env.str("ACCOUNT_EMAIL_VERIFICATION", default="mandatory")
ACCOUNT_UNIQUE_EMAIL = True
# One address per account: a new one replaces it once its link is opened (allauth needs room for the pending one).
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_MAX_EMAIL_ADDRESSES = 2
# The old address is told when the email address or the password changes, so a taken-over account is noticed.
ACCOUNT_EMAIL_NOTIFICATIONS = True
ACCOUNT_FORMS = {"login": "campaigns.forms.LoginForm"}
ACCOUNT_SIGNUP_FORM_CLASS = "campaigns.signup.VolunteerSignupForm"  # adds the person's name
ACCOUNT_ADAPTER = "campaigns.accounts.AccountAdapter"  # stores the language a person signed up in
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "http" if DEBUG else "https"

# Back-office login lockout (django-axes): after AXES_FAILURE_LIMIT failures for one account from one address,
# that pair is locked out for AXES_COOLOFF_HOURS. Off under tests unless a test turns it on.
AXES_ENABLED = env.bool("AXES_ENABLED", default=not TESTING)
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=1.0)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_CALLABLE = "campaigns.abuse.axes_username"
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "axes_lockout.html"
# Log-in records keep a keyed hash of the address (as an IPv6-shaped value), never the address itself.
AXES_CLIENT_IP_CALLABLE = "campaigns.abuse.axes_client_ip"
# Volunteers stay logged in for two weeks; staff and coordinators' sessions end after a working day idle.
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=14 * 24 * 3600)
STAFF_SESSION_SECONDS = env.int("STAFF_SESSION_SECONDS", default=8 * 3600)

# --- internationalisation -------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("pl", _("Polish")),
    ("ru", _("Russian")),
    ("be", _("Belarusian")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
# Content entered in the admin (cases, petitions, events...) falls back to the English original, and text
# written in one other language only (a volunteer proposing an event on /pl/) to that language: a text is
# never shown blank while some language has it.
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = {"default": tuple(code for code, _name in LANGUAGES)}
# The chosen language is remembered for a year; the URL prefix (/pl/...) still wins when present.
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_SAMESITE = "Lax"
# locale-countries/: country names django-countries has no translation for (scripts/country_names.py).
LOCALE_PATHS = [BASE_DIR / "locale", BASE_DIR / "locale-countries"]
# Dates, times and numbers follow the visitor's language (Django's locale formats); English is overridden
# in marathon/formats/en/ to day-month-year and a 24-hour clock.
FORMAT_MODULE_PATH = ["marathon.formats"]
TIME_ZONE = env.str("TIME_ZONE", default="UTC")
USE_I18N = True
USE_TZ = True

# --- static and media -----------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In development and tests whitenoise serves straight from the finders; no collectstatic needed.
WHITENOISE_AUTOREFRESH = DEBUG or TESTING
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.str("MEDIA_ROOT", default=str(BASE_DIR / "media")))
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
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# --- email and tasks ------------------------------------------------------------------------------
EMAIL_CONFIG = env.email_url("EMAIL_URL", default="consolemail://")
vars().update(EMAIL_CONFIG)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=20)
# A refused or unreachable mail server is retried with back-off: base, 2×, 4×… seconds, up to the attempts.
EMAIL_MAX_ATTEMPTS = env.int("EMAIL_MAX_ATTEMPTS", default=10)
EMAIL_RETRY_BASE_SECONDS = env.int("EMAIL_RETRY_BASE_SECONDS", default=60)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="Marathon <marathon@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
CONTACT_EMAIL = CONTACT_EMAIL or parseaddr(DEFAULT_FROM_EMAIL)[1]

TASKS = {
    "default": {
        "BACKEND": env.str(
            "TASKS_BACKEND",
            default="django_tasks.backends.immediate.ImmediateBackend"
            if TESTING
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Scaling out: TASKS_BACKEND=django_tasks_rq.RQBackend puts tasks on Redis (`manage.py rqworker default
# --job-class django_tasks_rq.Job --with-scheduler`); install with `pip install -e ".[rq]"`.
if TASKS["default"]["BACKEND"] == "django_tasks_rq.RQBackend":
    INSTALLED_APPS.append("django_rq")
    RQ_QUEUES = {"default": {"URL": env.str("RQ_URL", default="redis://127.0.0.1:6379/0")}}

# --- forms ----------------------------------------------------------------------------------------
CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# --- security -------------------------------------------------------------------------------------
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG and not TESTING)
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG and not TESTING)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG and not TESTING)
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG or TESTING else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=False)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
# Content-Security-Policy (django-csp): everything from this site only, no inline script or style, no framing.
# The embeddable pages (petitions:embed, results:campaign-embed, api:events-embed) allow any frame ancestor;
# the back office (/admin/) and the API docs (/api/v1/docs/) relax a little: see BackOfficeCSPMiddleware.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        # Bootstrap's CSS draws its toggler and check icons as data: SVGs.
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Powerful browser features no page here uses are switched off for the page and anything it frames.
PERMISSIONS_POLICY = env.str(
    "PERMISSIONS_POLICY",
    default=(
        "accelerometer=(), autoplay=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
        "magnetometer=(), microphone=(), midi=(), payment=(), usb=()"
    ),
)
# Two-factor sign-in (django-otp, TOTP) for every staff account in /admin/, coordinators included.
# On by default in production; off under DEBUG and tests unless ADMIN_REQUIRE_2FA says otherwise.
ADMIN_REQUIRE_2FA = env.bool("ADMIN_REQUIRE_2FA", default=not DEBUG and not TESTING)
OTP_TOTP_ISSUER = ORGANISATION_NAME
# HSTS preloading is a commitment a deployment makes by submitting its domain; it is opt-in here.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}

# --- abuse protection (see campaigns/abuse.py) ----------------------------------------------------
IP_HASH_SALT = env.str("IP_HASH_SALT", default="")  # defaults to SECRET_KEY
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
# Disposable-mail domains are refused on public forms (a list of about 10,000 kept by the community in the
# disposable-email-domains package); BLOCKED_EMAIL_DOMAINS adds a deployment's own.
BLOCK_DISPOSABLE_EMAIL_DOMAINS = env.bool("BLOCK_DISPOSABLE_EMAIL_DOMAINS", default=True)
BLOCKED_EMAIL_DOMAINS = env.list("BLOCKED_EMAIL_DOMAINS", default=[])
FORM_MINIMUM_SECONDS = env.float("FORM_MINIMUM_SECONDS", default=0 if TESTING else 2)
# Rate limits, e.g. "10/m": signing, sign-ups and letters per hashed IP. A shared cache (Redis) in production.
# A school class or a marathon evening on one Wi-Fi shares one address: 60 a minute per form lets a room of
# people sign together; a script is held by the per-email limit, the human check and the confirmation email.
RATE_LIMIT_PUBLIC_FORMS = env.str("RATE_LIMIT_PUBLIC_FORMS", default="60/m")
# Posts per hashed, normalised email address and form (signing, sign-up, a message with an email), e.g. "10/h".
RATE_LIMIT_PER_EMAIL = env.str("RATE_LIMIT_PER_EMAIL", default="10/h")
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
RATELIMIT_VIEW = "campaigns.views.rate_limited"

# --- privacy: data requests and retention (campaigns/privacy.py, campaigns/retention.py) ---------------
# How long the link emailed for a copy or an erasure of someone's data stays valid.
DATA_REQUEST_LINK_HOURS = env.int("DATA_REQUEST_LINK_HOURS", default=72)
# `manage.py apply_retention` (daily) anonymises personal data after these periods, keeping every count:
# signers, this many days after their petition was delivered;
PETITION_RETENTION_DAYS = env.int("PETITION_RETENTION_DAYS", default=180)
# event participants, this many days after the event ended;
EVENT_SIGNUP_RETENTION_DAYS = env.int("EVENT_SIGNUP_RETENTION_DAYS", default=90)
# names and addresses on appeal letters, and addresses on solidarity messages, this many days after they came;
LETTERS_RETENTION_DAYS = env.int("LETTERS_RETENTION_DAYS", default=365)
# finished email and other background jobs (they hold recipients' addresses) and log-in records.
TASK_RESULT_RETENTION_DAYS = env.int("TASK_RESULT_RETENTION_DAYS", default=14)
LOGIN_RECORD_RETENTION_DAYS = env.int("LOGIN_RECORD_RETENTION_DAYS", default=90)

# --- performance (see the README's "Performance") --------------------------------------------------
# Anonymous pages that depend on nothing personal (no session, no CSRF token, no cookie set) may be kept
# this many seconds by browsers and shared caches (nginx, a CDN), which then absorb bursts. 0 turns it off.
PUBLIC_CACHE_SECONDS = env.int("PUBLIC_CACHE_SECONDS", default=30)
# Petition and event pages are rendered once per version for anonymous visitors and finished per request
# (campaigns/page_cache.py); an unused version is dropped after this many seconds. 0 renders every time.
FORM_PAGE_CACHE_SECONDS = env.int("FORM_PAGE_CACHE_SECONDS", default=60)
# `make bench` only: routes the baseline view (one INSERT, a short answer). Never on in production.
BENCHMARK = env.bool("BENCHMARK", default=False)

# --- events (see events/services.py) -------------------------------------------------------------
# Someone who signs up again with an address already signed up is sent the details again, at most once in this
# many seconds per sign-up.
SIGNUP_RESEND_SECONDS = env.int("SIGNUP_RESEND_SECONDS", default=15 * 60)

# --- petitions (see petitions/services.py) --------------------------------------------------------
# How long a confirmation link stays valid, in seconds (30 days), and when the one reminder goes out.
PETITION_CONFIRMATION_MAX_AGE = env.int("PETITION_CONFIRMATION_MAX_AGE", default=30 * 86400)
PETITION_REMINDER_AFTER_HOURS = env.int("PETITION_REMINDER_AFTER_HOURS", default=48)
# Signing attempts per hashed IP, e.g. "10/m"; defaults to the limit of every public form.
PETITION_SIGN_RATE_LIMIT = env.str("PETITION_SIGN_RATE_LIMIT", default=RATE_LIMIT_PUBLIC_FORMS)
# The delivery PDF lists at most this many signers by name (the CSV export always has all of them).
PETITION_PDF_MAX_SIGNERS = env.int("PETITION_PDF_MAX_SIGNERS", default=20000)
# --- end petitions --------------------------------------------------------------------------------

# --- results (results/rollup.py) ------------------------------------------------------------------
# A committed action reaches the results pages within RESULTS_ROLLUP_DELAY_SECONDS (plus the worker's
# polling interval): the rollup job is enqueued that far ahead, once per window. 0 runs it at once.
RESULTS_ROLLUP_DELAY_SECONDS = env.int("RESULTS_ROLLUP_DELAY_SECONDS", default=0 if TESTING else 5)
# An id the job passed but could not see yet (its transaction still open) is waited for this long.
RESULTS_GAP_TTL_SECONDS = env.int("RESULTS_GAP_TTL_SECONDS", default=600)
RESULTS_ROLLUP_BATCH = env.int("RESULTS_ROLLUP_BATCH", default=50_000)
# How often the live counters (home page, case pages, embed) ask the JSON for a new total.
RESULTS_COUNTER_REFRESH_SECONDS = env.int("RESULTS_COUNTER_REFRESH_SECONDS", default=15)
# --- end results ----------------------------------------------------------------------------------

# --- api (see api/ and the README's "Open API and integrations") ---------------------------------
REST_FRAMEWORK = {
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Marathon open API",
    "DESCRIPTION": (
        "Campaigns, cases, events, petitions and results for section websites and CRMs.\n\n"
        "Public reads need no token. A group's own data (its sign-ups and signatures, and sending them in) "
        "needs the group's token, sent as `Authorization: Bearer mrt_…`: a coordinator issues it in the back "
        "office, under Open API and integrations → API tokens. Tokens belong on a server, not in a browser.\n\n"
        "[Back to the site](/)"
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    # No request leaves for the public validator badge: the docs load nothing from third parties.
    "SWAGGER_UI_SETTINGS": {"deepLinking": True, "validatorUrl": None},
    "COMPONENT_SPLIT_REQUEST": True,
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "api.schema.document_list_errors",
    ],
}
API_PAGE_SIZE = env.int("API_PAGE_SIZE", default=50)
API_MAX_PAGE_SIZE = env.int("API_MAX_PAGE_SIZE", default=200)
# Public reads may be cached by browsers and proxies for this many seconds (they also carry an ETag).
API_CACHE_SECONDS = env.int("API_CACHE_SECONDS", default=60)
# How long the first answer to a POST is kept to answer the client's retries with the same Idempotency-Key.
API_IDEMPOTENCY_DAYS = env.int("API_IDEMPOTENCY_DAYS", default=1)
# Requests per token, e.g. "600/m".
API_TOKEN_RATE = env.str("API_TOKEN_RATE", default="600/m")
# Webhooks: attempts in all, the first retry's delay (doubling each time) and the receiver's time limit.
API_WEBHOOK_MAX_ATTEMPTS = env.int("API_WEBHOOK_MAX_ATTEMPTS", default=6)
API_WEBHOOK_BACKOFF_SECONDS = env.int("API_WEBHOOK_BACKOFF_SECONDS", default=30)
API_WEBHOOK_TIMEOUT_SECONDS = env.float("API_WEBHOOK_TIMEOUT_SECONDS", default=10)
# Plain-http webhook URLs are refused unless this is on (it is in development and tests).
API_WEBHOOK_ALLOW_HTTP = env.bool("API_WEBHOOK_ALLOW_HTTP", default=DEBUG or TESTING)
# Webhooks to loopback, private, link-local or reserved addresses are refused unless this is on (as above).
API_WEBHOOK_ALLOW_PRIVATE = env.bool("API_WEBHOOK_ALLOW_PRIVATE", default=DEBUG or TESTING)
# --- end api --------------------------------------------------------------------------------------
