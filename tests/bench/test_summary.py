"""The figures `make bench` prints: successful operations a second and CPU milliseconds per operation."""

from bench.summary import cpu_per_operation, throughput

SIGN = {
    "seconds": 60.0,
    "successes": {"signatures": ["a@example.org"] * 120},
    "requests": {
        "sign: petition page": {"count": 130, "failures": 0},
        "sign: POST": {"count": 125, "failures": 5},
    },
    "cpu_s": {"app": 1.8, "worker": 0.9, "postgres": 0.42, "load generator": 0.24},
}
BROWSE = {
    "seconds": 10.0,
    "requests": {
        "browse: /events/": {"count": 300, "failures": 0},
        "browse: event page": {"count": 200, "failures": 100},
    },
    "cpu_s": {"app": 4.0},
}


def test_a_write_scenario_counts_only_what_succeeded():
    assert throughput(SIGN, "signatures", "sign: POST") == 2.0
    assert cpu_per_operation(SIGN, "signatures") == {
        "app": 15.0,
        "worker": 7.5,
        "postgres": 3.5,
        "load generator": 2.0,
    }


def test_a_read_scenario_is_per_answered_request():
    assert throughput(BROWSE, None, "browse: /events/") == 30.0
    assert cpu_per_operation(BROWSE, None) == {"app": 10.0}  # 4 s over 400 good answers


def test_a_scenario_where_nothing_succeeded_has_no_cost_per_operation():
    empty = {**SIGN, "successes": {"signatures": []}}
    assert throughput(empty, "signatures", "sign: POST") == 0.0
    assert cpu_per_operation(empty, "signatures") == {}
