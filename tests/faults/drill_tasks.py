"""A task for the worker drill, loaded into the drill's worker with `--include`: slow, and it says where it is."""

import os
import time
from pathlib import Path

from celery import shared_task


@shared_task(name="drill.slow_write")
def slow_write(*, path: str, seconds: float) -> None:
    log = Path(path)
    with log.open("a") as f:
        f.write(f"start {os.getpid()}\n")
    time.sleep(seconds)
    with log.open("a") as f:
        f.write("done\n")
