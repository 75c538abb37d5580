"""The appeal deadline (klagefrist) of a decision: a pure date rule.

A citizen may appeal a decision within 4 weeks from the day they received it. We count the
decision date as the day of receipt (it is sent digitally the same day) unless the case says
otherwise: a caseworker can set another receipt date or another number of weeks for one outcome.
The deadline is that many whole weeks later, on the same weekday.
"""

from __future__ import annotations

from datetime import date, timedelta

DEFAULT_WEEKS = 4
MAX_WEEKS = 52


def appeal_deadline(
    decision_date: date, *, received: date | None = None, weeks: int | None = None
) -> date:
    """The last day to appeal: `weeks` (default 4) weeks after the day of receipt."""
    weeks = DEFAULT_WEEKS if weeks is None else weeks
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"appeal period must be 1-{MAX_WEEKS} weeks, not {weeks}")
    start = received or decision_date
    if start < decision_date:
        raise ValueError("a decision cannot be received before it is made")
    return start + timedelta(weeks=weeks)
