import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "saphire.settings")

app = Celery("saphire")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()

# Signal handlers every worker needs: its heartbeat for /health/, and its lower processor priority.
from saphire import heartbeat, worker_priority  # noqa: E402,F401
