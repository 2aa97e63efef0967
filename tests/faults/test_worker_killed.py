"""A worker killed mid-task: the task is delivered again and completes exactly once.

The settings make this so: tasks are acknowledged late and rejected (requeued) when their worker
process is lost, and Redis hands an unacknowledged task to another worker after the visibility timeout.
"""

import os
import signal
import time

import pytest
from django.conf import settings

from saphire.celery import app
from tests.faults import drill_tasks
from tests.helpers import WorkerProcess, database_url_for_tests, wait_for

VISIBILITY_TIMEOUT = 3

pytestmark = [pytest.mark.worker, pytest.mark.django_db(transaction=True)]


def drill_worker(env: dict, concurrency: int) -> WorkerProcess:
    """The suite's worker, with the drill's task module loaded too."""
    return WorkerProcess(env, concurrency, extra_args=("--include", "tests.faults.drill_tasks"))


def purge() -> None:
    with app.connection_for_write() as conn:
        conn.default_channel.queue_purge(settings.CELERY_TASK_DEFAULT_QUEUE)


@pytest.fixture
def worker_env():
    purge()
    yield {
        **os.environ,
        "DATABASE_URL": database_url_for_tests(),
        "REDIS_URL": settings.REDIS_URL,
        "SAPHIRE_TESTING": "true",
        # A dead worker's task goes back to the queue after this many seconds (an hour in production).
        "CELERY_VISIBILITY_TIMEOUT": str(VISIBILITY_TIMEOUT),
    }
    purge()


def lines(path):
    return path.read_text().splitlines() if path.exists() else []


def test_task_whose_worker_process_is_killed_runs_again_and_finishes_once(worker_env, tmp_path):
    log = tmp_path / "drill.log"
    worker = drill_worker(worker_env, concurrency=1)
    worker.start()
    try:
        drill_tasks.slow_write.delay(path=str(log), seconds=3)
        first = wait_for(lambda: [line for line in lines(log) if line.startswith("start")], timeout=30)
        os.kill(int(first[0].split()[1]), signal.SIGKILL)

        wait_for(lambda: "done" in lines(log), timeout=60)
    finally:
        worker.stop()

    assert [line.split()[0] for line in lines(log)] == ["start", "start", "done"]
    assert "WorkerLostError" in worker.log()


def test_task_of_a_worker_killed_outright_is_finished_by_the_next_worker(worker_env, tmp_path):
    log = tmp_path / "drill.log"
    first_worker = drill_worker(worker_env, concurrency=1)
    first_worker.start()
    drill_tasks.slow_write.delay(path=str(log), seconds=3)
    wait_for(lambda: lines(log), timeout=30)
    os.killpg(first_worker.proc.pid, signal.SIGKILL)
    first_worker.proc.wait()
    # A worker looks for abandoned tasks when it starts and then only every 100 s or so: start the next
    # one once the task has been invisible for longer than the visibility timeout, as after a real crash.
    time.sleep(VISIBILITY_TIMEOUT + 1)

    second_worker = drill_worker(worker_env, concurrency=1)
    second_worker.start()
    try:
        wait_for(lambda: "done" in lines(log), timeout=60)
    finally:
        second_worker.stop()

    assert [line.split()[0] for line in lines(log)] == ["start", "start", "done"]
