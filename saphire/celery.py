import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saphire.settings")

app = Celery("saphire")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Import the heartbeat wiring so every worker advertises itself to /health/.
from saphire import heartbeat  # noqa: E402,F401
