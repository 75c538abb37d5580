"""The alerting rules (ops/prometheus/alerts.yml): promtool finds them valid and their unit tests
(alerts.test.yml) pass; every alert has a severity, words and a runbook in the README, and a
unit test where it fires and one where it does not; and every metric and label value the rules
read is one the portal really exports (a scrape of a test app, and the notification worker's
heartbeat file), so a renamed metric or endpoint cannot leave a rule that never fires.

promtool comes from `make promtool` (the test target installs it); without it these tests skip
outside CI and fail in CI.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from prometheus_client.parser import text_string_to_metric_families

from portal.services.notifications import heartbeat
from tests.conftest import app_variant

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "ops" / "prometheus" / "alerts.yml"
RULE_TESTS = ROOT / "ops" / "prometheus" / "alerts.test.yml"
TOKEN = "alert-rules-scrape-token"
# Labels Prometheus adds to every series it scrapes: not the portal's to export.
TARGET_LABELS = {"job", "instance"}
SELECTOR = re.compile(r"\b([a-zA-Z_:][a-zA-Z0-9_:]*)\s*\{([^}]*)\}")
MATCHER = re.compile(r'(\w+)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)"')


def _promtool() -> str:
    found = Path(sys.executable).parent / "promtool"
    if found.exists():
        return str(found)
    if on_path := shutil.which("promtool"):
        return on_path
    if os.environ.get("CI"):
        pytest.fail("promtool is missing in CI: `make test` installs it (`make promtool`)")
    pytest.skip("promtool is not installed: `make promtool` puts it in the venv")


def _alerts() -> list[dict]:
    groups = yaml.safe_load(RULES.read_text())["groups"]
    return [rule for group in groups for rule in group["rules"] if "alert" in rule]


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [_promtool(), *args], cwd=RULES.parent, capture_output=True, text=True, timeout=120
    )


def test_promtool_finds_the_rules_valid():
    result = _run("check", "rules", RULES.name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"SUCCESS: {len(_alerts())} rules found" in result.stdout


def test_the_rules_unit_tests_pass():
    result = _run("test", "rules", RULE_TESTS.name)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "SUCCESS" in result.stdout


def test_promtool_would_catch_a_broken_rule(tmp_path):
    """The unit tests can fail: with the readiness answers counted as server errors, the test
    that a not-ready node does not page fails."""
    broken = RULES.read_text().replace('endpoint!~"health\\\\..*"}[5m]))', "}[5m]))")
    assert broken != RULES.read_text()
    (tmp_path / RULES.name).write_text(broken)
    (tmp_path / RULE_TESTS.name).write_text(RULE_TESTS.read_text())
    result = subprocess.run(
        [_promtool(), "test", "rules", RULE_TESTS.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "alertname: EnPlanServerErrors" in result.stdout + result.stderr


def test_every_alert_has_a_severity_words_and_a_runbook():
    readme = (ROOT / "README.md").read_text()
    runbook = readme[readme.index("**Alerts.**") : readme.index("## Architecture")]
    names = [rule["alert"] for rule in _alerts()]
    assert len(names) == len(set(names))
    for rule in _alerts():
        assert rule["labels"]["severity"] in {"critical", "warning"}, rule["alert"]
        assert {"summary", "description"} <= rule["annotations"].keys(), rule["alert"]
        assert f"`{rule['alert']}`" in runbook, f"no runbook for {rule['alert']} in the README"


def test_every_alert_is_tested_firing_and_quiet():
    cases = [
        case
        for test in yaml.safe_load(RULE_TESTS.read_text())["tests"]
        for case in test.get("alert_rule_test", [])
    ]
    for name in (rule["alert"] for rule in _alerts()):
        own = [case for case in cases if case["alertname"] == name]
        assert any(case.get("exp_alerts") for case in own), f"{name} never fires in a test"
        assert any(not case.get("exp_alerts") for case in own), f"{name} never stays quiet"


def _unquote(value: str) -> str:
    return re.sub(r"\\(.)", r"\1", value)


def _scrape(app) -> list:
    client = app.test_client()
    # Requests that make the series the rules read: a page, and the readiness probe.
    assert client.get("/hjaelp").status_code == 200
    assert client.get("/readyz").status_code == 200
    response = client.get("/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200
    return [
        sample
        for family in text_string_to_metric_families(response.get_data(as_text=True))
        for sample in family.samples
    ]


def _heartbeat(folder: Path) -> list:
    path = folder / "notify.prom"
    heartbeat.write(str(path), 1.0)
    return [s for f in text_string_to_metric_families(path.read_text()) for s in f.samples]


def test_the_rules_read_only_what_the_portal_exports(database_url, demo_data, tmp_path):
    with app_variant(database_url, METRICS_TOKEN=TOKEN) as app:
        samples = _scrape(app) + _heartbeat(tmp_path)
        endpoints = {rule.endpoint for rule in app.url_map.iter_rules()} | {"unmatched"}
    exported = {sample.name for sample in samples}
    checked = set()
    for rule in _alerts():
        expr = rule["expr"]
        for name in re.findall(r"\bportal_[a-z0-9_]+", expr):
            assert name in exported, f"{rule['alert']}: {name} is not exported"
        for name, matchers in SELECTOR.findall(expr):
            assert name == "up" or name in exported, f"{rule['alert']}: unknown metric {name}"
            for label, op, raw in MATCHER.findall(matchers):
                value = _unquote(raw)
                if name == "up" or label in TARGET_LABELS:
                    continue
                values = {s.labels.get(label) for s in samples if s.name == name}
                assert values - {None}, f"{rule['alert']}: {name} has no label {label}"
                if op == "=":
                    assert value in values, f"{rule['alert']}: no {name}{{{label}={value!r}}}"
                if label == "endpoint" and op in ("=~", "!~"):
                    # Each pattern of an endpoint list names endpoints the portal has.
                    for pattern in value.split("|"):
                        assert any(re.fullmatch(pattern, e) for e in endpoints), (
                            f"{rule['alert']}: {pattern!r} matches no endpoint"
                        )
                checked.add((name, label))
    # The check looked at what matters: the statements bucket, the outbox state, the endpoints.
    assert {
        ("portal_db_statements_per_request_bucket", "le"),
        ("portal_notification_outbox", "state"),
        ("portal_http_requests_total", "endpoint"),
        ("portal_http_request_duration_seconds_bucket", "endpoint"),
    } <= checked
