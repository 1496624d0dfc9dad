#!/usr/bin/env bash
# bandit over the project's code and pip-audit over the installed dependencies (run by .ci/run and `make audit`).
# bandit fails the build on any medium or high finding. pip-audit fails it on a known vulnerability; when its
# vulnerability service (PyPI's JSON API) cannot be reached, it says so plainly and does not fail the build.
set -uo pipefail
cd "$(dirname "$0")/.."
PY=${PY:-.venv/bin/python}

echo "== bandit (medium and high findings fail)"
"$PY" -m bandit -q -r . -ll \
  -x ./.venv,./tests,./static,./staticfiles,./media,./campaigns/migrations,./events/migrations,./petitions/migrations,./letters/migrations,./results/migrations,./api/migrations \
  || exit 1

echo "== pip-audit"
report=$(mktemp)
trap 'rm -f "$report"' EXIT
"$PY" -m pip_audit --progress-spinner off --local --format json --output "$report" 2>/dev/null
status=$?
"$PY" - "$report" "$status" <<'PYEOF'
import json, sys

path, status = sys.argv[1], int(sys.argv[2])
try:
    deps = json.load(open(path))["dependencies"]
except (OSError, ValueError, KeyError):
    print("pip-audit: NOT AUDITED - it could not run or reach its vulnerability service (PyPI); not failing the build.")
    sys.exit(0)
vulnerable = [d for d in deps if d.get("vulns")]
audited = [d for d in deps if not d.get("skip_reason")]
for dep in vulnerable:
    ids = ", ".join(v["id"] for v in dep["vulns"])
    print(f"pip-audit: {dep['name']} {dep['version']}: {ids}")
if vulnerable:
    sys.exit(1)
if not audited:
    print(f"pip-audit: NOT AUDITED - none of {len(deps)} dependencies could be looked up "
          "(PyPI's vulnerability data is unreachable from here); not failing the build.")
elif len(audited) < len(deps):
    print(f"pip-audit: {len(audited)} of {len(deps)} dependencies audited, no known vulnerabilities; "
          f"{len(deps) - len(audited)} could not be looked up.")
else:
    print(f"pip-audit: all {len(deps)} dependencies audited, no known vulnerabilities.")
PYEOF
