from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
GRAPHIQL_ENABLED = env_bool("GRAPHIQL_ENABLED", True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
