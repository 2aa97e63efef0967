"""Background work yields the processor to people waiting for a page.

A batch of report builds keeps a core busy for minutes. On a machine shared with the web workers it
would take its even share of the processor, and every page would queue behind it. The Celery worker
raises its nice value once, before its pool starts (the pool's processes inherit it), so the kernel
gives it every core the web workers leave idle, and gives the web workers the first turn when both
want one. `CELERY_WORKER_NICE` sets the increment (0 keeps the system's priority).
"""

import os

from celery.signals import worker_init


@worker_init.connect
def lower_priority(**kwargs) -> None:
    from django.conf import settings

    if settings.CELERY_WORKER_NICE > 0:
        os.nice(settings.CELERY_WORKER_NICE)
