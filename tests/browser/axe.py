"""axe-core in the browser tests: inject the vendored script into a page and report what it finds.

The script is injected by the test, never served by the site. Pages send a strict Content-Security-Policy
(`script-src 'self'`), so the context that injects it is opened with `bypass_csp=True`;
tests/browser/test_csp.py proves the same pages raise no violation under the policy.
"""

from pathlib import Path

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe-core" / "axe.min.js").read_text(encoding="utf-8")

# WCAG 2.0, 2.1 and 2.2 at levels A and AA, plus axe's best practices (landmarks, one h1, heading order...).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
BLOCKING_IMPACTS = ("serious", "critical")

RUN_AXE = """
async ([type, values]) => {
  const results = await axe.run(document, {runOnly: {type, values}, resultTypes: ["violations"]});
  return results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary, html: n.html.slice(0, 200)})),
  }));
}
"""


def axe_violations(page, *, tags=AXE_TAGS, rules=None) -> list[dict]:
    """Every axe violation on the page as it is now (any impact), for the given tags or only the given rules."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE_SOURCE)
    return page.evaluate(RUN_AXE, ["rule", rules] if rules else ["tag", tags])


def blocking(violations: list[dict]) -> list[dict]:
    return [v for v in violations if v["impact"] in BLOCKING_IMPACTS]


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['impact']}: {violation['id']} ({violation['help']})")
        lines.extend(f"    {node['target']}: {node['html']}" for node in violation["nodes"][:5])
    return "\n".join(lines)
