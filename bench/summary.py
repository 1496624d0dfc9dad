"""What a scenario's raw records add up to: successful operations a second, CPU milliseconds per operation."""


def throughput(scenario: dict, successes: str | None, request: str) -> float:
    """Successful operations per second over the scenario's measured time (ramp-up included)."""
    if successes:
        count = len(scenario.get("successes", {}).get(successes, []))
    else:
        count = scenario["requests"].get(request, {}).get("count", 0) - scenario["requests"].get(
            request, {}
        ).get("failures", 0)
    return round(count / max(scenario["seconds"], 1e-9), 1)


def cpu_per_operation(scenario: dict, successes: str | None) -> dict[str, float]:
    """CPU milliseconds per successful operation (per request for the read scenarios), by kind of process."""
    if successes:
        count = len(scenario.get("successes", {}).get(successes, []))
    else:
        count = sum(r["count"] - r["failures"] for r in scenario["requests"].values())
    if not count:
        return {}
    return {group: round(seconds * 1000 / count, 2) for group, seconds in scenario.get("cpu_s", {}).items()}
