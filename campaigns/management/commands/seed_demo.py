from importlib import import_module
from importlib.util import find_spec

from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from campaigns.demo import seed_core

# Each app that adds demo data exposes `seed(core: dict, scale: int) -> dict` in its `demo` module.
# Order matters: later steps build on earlier ones (results count what the others created).
APP_STEPS = ["events.demo", "petitions.demo", "letters.demo", "results.demo"]
# The benchmark knobs: `seed_bench(core: dict, wanted: int) -> int` (rows added) in each app's demo module.
BENCH_STEPS = [("events.demo", "events"), ("petitions.demo", "signatures"), ("results.demo", "actions")]


class Command(BaseCommand):
    help = "Load the 2012 Write for Rights marathon as demo data. Safe to run again: it changes nothing."

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=int,
            default=1,
            help="Multiply the synthetic data (groups, events, signatures…) N times, with bulk inserts.",
        )
        # Separate knobs for benchmarks (`make bench`): each tops its synthetic rows up to N, independently.
        parser.add_argument("--events", type=int, default=0, help="At least N synthetic upcoming events.")
        parser.add_argument(
            "--signatures",
            type=int,
            default=0,
            help="At least N synthetic online signatures (90%% confirmed).",
        )
        parser.add_argument(
            "--actions", type=int, default=0, help="At least N synthetic ledger rows, already rolled up."
        )

    def handle(self, *args, scale: int, events: int, signatures: int, actions: int, **options):
        if scale < 1:
            raise CommandError("--scale must be 1 or more.")
        if min(events, signatures, actions) < 0:
            raise CommandError("--events, --signatures and --actions take 0 or more.")
        core = seed_core(scale=scale)
        for module_name in APP_STEPS:
            if find_spec(module_name) is None:
                continue
            summary = import_module(module_name).seed(core=core, scale=scale) or {}
            core.update(summary)
        knobs = {"events": events, "signatures": signatures, "actions": actions}
        for module_name, knob in BENCH_STEPS:
            if knobs[knob]:
                added = import_module(module_name).seed_bench(core=core, wanted=knobs[knob])
                self.stdout.write(f"{knob}: {added} synthetic rows added ({knobs[knob]} wanted in all).")
        if (scale > 1 or any(knobs.values())) and connection.vendor == "postgresql":
            # Bulk loads leave the planner's statistics behind until autovacuum catches up: the event list
            # query took 43 ms on a fresh 20,000-event load (a scan and sort of every event) and 1 ms after.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        self.stdout.write(self.style.SUCCESS(f"Demo data ready (scale {scale})."))
