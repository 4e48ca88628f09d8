import signal
from importlib import import_module

from django.apps import apps
from django.core.management.base import BaseCommand

from dvs import scheduler


class Command(BaseCommand):
    help = "Enqueue periodic tasks when they are due (runs beside db_worker)."

    def handle(self, *args, **options):
        for config in apps.get_app_configs():
            if config.name == "dvs" or config.name.startswith("dvs."):
                try:
                    import_module(f"{config.name}.tasks")
                except ModuleNotFoundError:
                    pass
        stopping = []
        signal.signal(signal.SIGTERM, lambda *_: stopping.append(True))
        signal.signal(signal.SIGINT, lambda *_: stopping.append(True))
        self.stdout.write(f"Scheduler: {len(scheduler.scheduled())} periodic tasks.")
        scheduler.run_forever(self.stdout, stop=lambda: bool(stopping))
