"""A live worker writes a short-lived key to Redis; /health/ looks for it.

The key expires on its own, so a worker that dies (even by SIGKILL) stops
counting as alive within HEARTBEAT_TTL seconds.
"""

import logging
import threading

from celery.signals import worker_ready, worker_shutdown

logger = logging.getLogger(__name__)

HEARTBEAT_INTERVAL = 10
HEARTBEAT_TTL = 30
_stop = threading.Event()


def _beat_forever(hostname: str) -> None:
    from django.conf import settings
    from django.core.cache import cache

    while not _stop.is_set():
        try:
            cache.set(settings.WORKER_HEARTBEAT_KEY, hostname, timeout=HEARTBEAT_TTL)
        except Exception:  # Redis may be briefly away; the next beat retries.
            logger.warning("worker heartbeat could not reach Redis", exc_info=True)
        _stop.wait(HEARTBEAT_INTERVAL)


@worker_ready.connect
def start_heartbeat(sender=None, **kwargs):
    hostname = getattr(sender, "hostname", "worker")
    threading.Thread(target=_beat_forever, args=(hostname,), daemon=True, name="heartbeat").start()


@worker_shutdown.connect
def stop_heartbeat(**kwargs):
    _stop.set()
