"""The appeal deadline (klagefrist) of a decision: a pure date rule.

A citizen may appeal a decision within 4 weeks from the day they received it. We count the
decision date as the day of receipt (it is sent digitally the same day) unless the case says
otherwise: a caseworker can set another receipt date or another number of weeks for one outcome.
The period ends that many whole weeks later, on the same weekday.

When that last day is not a working day (a Saturday, Sunday, public holiday, Grundlovsdag,
24 or 31 December: `portal.services.working_days`), the deadline moves to the next working day.
This follows the general rule of Danish administrative practice for deadlines that end on a
day the offices are closed, written for example in forældelseslovens § 27, stk. 2. The page
tells the citizen when the deadline was moved, and from which day.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from portal.services.working_days import next_working_day

DEFAULT_WEEKS = 4
MAX_WEEKS = 52


@dataclass(frozen=True)
class AppealDeadline:
    last_day: date  # the deadline the citizen must meet
    period_ends: date  # the day the weeks run out; earlier than last_day when it was moved

    @property
    def moved(self) -> bool:
        return self.last_day != self.period_ends


def appeal_period(
    decision_date: date, *, received: date | None = None, weeks: int | None = None
) -> AppealDeadline:
    """The appeal period's end and the deadline it gives, moved off a closed day."""
    weeks = DEFAULT_WEEKS if weeks is None else weeks
    if not 1 <= weeks <= MAX_WEEKS:
        raise ValueError(f"appeal period must be 1-{MAX_WEEKS} weeks, not {weeks}")
    start = received or decision_date
    if start < decision_date:
        raise ValueError("a decision cannot be received before it is made")
    ends = start + timedelta(weeks=weeks)
    return AppealDeadline(last_day=next_working_day(ends), period_ends=ends)


def appeal_deadline(
    decision_date: date, *, received: date | None = None, weeks: int | None = None
) -> date:
    """The last day to appeal: `weeks` (default 4) weeks after receipt, on a working day."""
    return appeal_period(decision_date, received=received, weeks=weeks).last_day
