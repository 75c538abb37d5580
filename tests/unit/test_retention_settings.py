"""The retention periods are settings, read once into one value the notice and command share."""

import pytest

from portal import config
from portal.retention import AUDIT_MINIMUM_DAYS, RetentionPeriods


def test_defaults_are_the_documented_periods():
    periods = config.load({"ENV_NAME": "test"})["RETENTION"]
    assert periods == RetentionPeriods(audit_days=1826, notifications_days=365, preparation_days=90)


def test_the_environment_sets_a_period(monkeypatch):
    monkeypatch.setenv("PORTAL_RETENTION_NOTIFICATIONS_DAYS", "400")
    assert config.load({"ENV_NAME": "test"})["RETENTION"].notifications_days == 400


@pytest.mark.parametrize("raw", ["ten", "0", "-5", "1.5"])
def test_a_period_that_is_not_whole_positive_days_stops_the_start(monkeypatch, raw):
    monkeypatch.setenv("PORTAL_RETENTION_PREPARATION_DAYS", raw)
    with pytest.raises(config.ConfigError, match="PORTAL_RETENTION_PREPARATION_DAYS"):
        config.load({"ENV_NAME": "test"})


def test_the_audit_trail_is_never_kept_shorter_than_the_minimum(monkeypatch):
    monkeypatch.setenv("PORTAL_RETENTION_AUDIT_DAYS", str(AUDIT_MINIMUM_DAYS - 1))
    with pytest.raises(config.ConfigError, match="at least"):
        config.load({"ENV_NAME": "test"})
    monkeypatch.setenv("PORTAL_RETENTION_AUDIT_DAYS", str(AUDIT_MINIMUM_DAYS))
    assert config.load({"ENV_NAME": "test"})["RETENTION"].audit_days == AUDIT_MINIMUM_DAYS
