"""Page weight: what a first visit to each key page transfers (HTML, CSS, JS, images, data), measured in the
browser with an empty cache, written to test-artifacts/page-weight.json and printed as a table.

The test server sends files as they are. In production whitenoise serves static files pre-compressed
(CompressedManifestStaticFilesStorage) and a proxy usually compresses HTML, so the gzip column (every text
response compressed) estimates what a phone really downloads."""

import gzip
import json
import os
from urllib.parse import urlsplit

import pytest

from .pages import key_pages

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

KINDS = {"document": "html", "stylesheet": "css", "script": "js", "image": "img", "font": "font"}
COMPRESSED_BY_WHITENOISE = ("html", "css", "js", "data", "svg")
# Scripts a page may load: the site's own small progressive scripts. Chart.js, its map plugin and the world
# map belong to the results page alone.
SMALL_SCRIPTS = {
    "/static/js/nav.js",
    "/static/js/live-pause.js",
    "/static/js/numbers.js",
    "/static/js/results-counter.js",
    "/static/js/petitions.js",
    "/static/js/char-count.js",
    "/static/js/share.js",
    "/static/js/form-errors.js",
    "/static/js/appeal.js",
}
CHART_FILES = {
    "/static/vendor/chartjs/chart.umd.min.js",
    "/static/vendor/chartjs-chart-geo/index.umd.min.js",
    "/static/js/results-charts.js",
    "/static/vendor/world-atlas/countries-110m.json",
}
BUDGET_GZIP = 75_000  # bytes per page, Bootstrap's CSS included
BUDGET_GZIP_WITH_CHARTS = 250_000


def weigh(page, url: str) -> dict:
    finished = []
    page.on("requestfinished", lambda request: finished.append(request))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    weight = {"requests": 0, "total": 0, "gzip": 0, "files": {}}
    for request in finished:
        response = request.response()
        if response is None or response.status >= 300:
            continue
        body = response.body()
        path = urlsplit(request.url).path
        kind = KINDS.get(request.resource_type, "data")
        if path.endswith(".svg"):
            kind = "img"
        compressible = kind in COMPRESSED_BY_WHITENOISE or path.endswith(".svg")
        squeezed = len(gzip.compress(body, 9)) if compressible else len(body)
        weight["requests"] += 1
        weight[kind] = weight.get(kind, 0) + len(body)
        weight["total"] += len(body)
        weight["gzip"] += squeezed
        weight["files"][path] = len(body)
    return weight


def table(weights: dict) -> str:
    columns = ["html", "css", "js", "img", "data", "total", "gzip", "requests"]
    lines = [
        "| page | " + " | ".join(columns) + " |",
        "|---|" + "---:|" * len(columns),
    ]
    for name, weight in weights.items():
        cells = [f"{weight.get(column, 0):,}" for column in columns]
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def test_key_pages_are_light_and_load_only_the_scripts_they_use(
    seeded_site, new_context, artifacts_dir, capsys
):
    weights = {}
    for name, path in key_pages(seeded_site):
        # A fresh context for each page: an empty cache, as on a first visit.
        context = new_context(viewport={"width": 360, "height": 780})
        weights[name] = weigh(context.new_page(), seeded_site(path))
        context.close()

    with open(os.path.join(artifacts_dir, "page-weight.json"), "w", encoding="utf-8") as file:
        json.dump(weights, file, indent=1)
    with open(os.path.join(artifacts_dir, "page-weight.md"), "w", encoding="utf-8") as file:
        file.write(table(weights) + "\n")
    with capsys.disabled():
        print("\nPage weight (bytes; gzip = as whitenoise serves static files)\n" + table(weights))

    for name, weight in weights.items():
        scripts = {path for path in weight["files"] if path.endswith(".js")}
        charts = set(weight["files"]) & CHART_FILES
        if name == "campaign-results":
            assert charts == CHART_FILES, charts
            assert weight["gzip"] <= BUDGET_GZIP_WITH_CHARTS, (name, weight["gzip"])
        else:
            assert not charts, (name, charts)
            assert scripts <= SMALL_SCRIPTS, (name, scripts - SMALL_SCRIPTS)
            assert weight["gzip"] <= BUDGET_GZIP, (name, weight["gzip"])
