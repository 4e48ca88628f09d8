"""Periodic work: apps register django-tasks tasks with an interval; the `run_scheduler`
process (started by `make run` beside the web server and the worker) enqueues each one
when it is due. The work itself runs in the task worker, never in the scheduler."""

import time

from django.utils import timezone

_SCHEDULE = []  # (interval in seconds, task)


def every(seconds):
    """Decorator: enqueue this task every `seconds` seconds."""

    def decorator(task):
        _SCHEDULE.append((seconds, task))
        return task

    return decorator


def scheduled():
    return list(_SCHEDULE)


def due(last_run, now):
    """The tasks whose interval has passed since they were last enqueued."""
    return [
        (seconds, task)
        for seconds, task in _SCHEDULE
        if now - last_run.get(task.module_path, float("-inf")) >= seconds
    ]


def run_forever(stdout, tick=1.0, clock=time.monotonic, stop=lambda: False):
    last_run = {}
    while not stop():
        now = clock()
        for _seconds, task in due(last_run, now):
            task.enqueue()
            last_run[task.module_path] = now
            stdout.write(f"{timezone.localtime():%H:%M:%S} enqueued {task.module_path}")
        time.sleep(tick)
