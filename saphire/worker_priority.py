"""Background work yields the processor to people waiting for a page.

A batch of report builds keeps a core busy for minutes. On a machine shared with the web workers it
would take its even share of the processor, and every page would queue behind it. The Celery worker
raises its nice value once, before its pool starts (the pool's processes inherit it), so the kernel
gives it every core the web workers leave idle, and gives the web workers the first turn when both
want one. `CELERY_WORKER_NICE` sets the increment (0 keeps the system's priority).

Linux with autogroup scheduling (the default on desktop and many server kernels) shares the processor
between sessions first and applies nice values only inside a session. A worker started in a session
of its own (`make run`, the load test, a service manager) would keep its full share despite `os.nice`,
so it also lowers its session's share through `/proc/self/autogroup`.
"""

import contextlib
import os
from pathlib import Path

from celery.signals import worker_init

AUTOGROUP = Path("/proc/self/autogroup")


@worker_init.connect
def lower_priority(**kwargs) -> None:
    from django.conf import settings

    increment = settings.CELERY_WORKER_NICE
    if increment > 0:
        os.nice(increment)
        if _leads_own_session():
            _lower_session_share(increment)


def _leads_own_session() -> bool:
    return os.getsid(0) == os.getpid()


def _lower_session_share(increment: int) -> None:
    # Absent without autogroup support; an unprivileged process may raise its group's nice value.
    with contextlib.suppress(OSError):
        AUTOGROUP.write_text(str(increment))
