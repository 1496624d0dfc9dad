from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError

from campaigns.demo import seed_core

# Each app that adds demo data exposes `seed(core: dict, scale: int) -> dict` in its `demo` module.
# Order matters: later steps build on earlier ones (results count what the others created).
APP_STEPS = ["events.demo", "petitions.demo", "letters.demo", "results.demo"]


class Command(BaseCommand):
    help = "Load the 2012 Write for Rights marathon as demo data. Safe to run again: it changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the synthetic data (groups, events, signatures…) N times, with bulk inserts.",
        )

    def handle(self, *args, scale: int, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        core = seed_core(scale=scale)
        for module_name in APP_STEPS:
            if find_spec(module_name) is None:
                continue
            summary = import_module(module_name).seed(core=core, scale=scale) or {}
            core.update(summary)
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (scale {scale})."))
