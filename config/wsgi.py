import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.production")
application = get_wsgi_application()

from core.db import bound_web_statements  # noqa: E402 (needs the settings loaded above)

bound_web_statements()
