"""Outcome rules without a database: when a text is too hard to publish unconfirmed, and the
appeal deadline of a version."""

from datetime import date, timedelta

from portal.models import OutcomeVersion
from portal.services import outcomes
from tests.factories.outcomes import draft


def test_only_a_hard_plain_section_needs_a_confirmation():
    assert outcomes.too_hard(outcomes.check(draft())) == []
    hard = "Rehabiliteringsteamets indstilling vedrørende ressourceforløbsydelse tilkendes."
    assert outcomes.too_hard(outcomes.check(draft(meaning=hard))) == ["meaning"]


def test_appeal_deadline_of_a_version_uses_its_overrides():
    decided = date(2026, 3, 2)
    version = OutcomeVersion(decision_date=decided, received_date=None, appeal_weeks=4)
    assert outcomes.deadline(version) == decided + timedelta(weeks=4)
    version.received_date, version.appeal_weeks = decided + timedelta(days=3), 6
    assert outcomes.deadline(version) == decided + timedelta(days=3 + 42)
