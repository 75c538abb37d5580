"""An outcome as the caseworker writes it: the draft's fields, their limits, and how hard each
plain section is to read. Checked before anything is saved (portal/services/outcomes.py)."""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

from portal.models import OutcomeKind, OutcomeVersion
from portal.services import readability
from portal.services.appeal import MAX_WEEKS
from portal.services.errors import DomainError

PLAIN_SECTIONS = ("decided", "meaning", "next_steps", "if_you_disagree")
HARD_LIX = 40  # above this, publishing a plain section needs an explicit confirmation
TITLE_MAX = 120
SECTION_MAX = 3000
# Another place to appeal must be one the citizen can use: an address, not a word or two.
APPEAL_ROUTE_MIN = 10
FORMAL_MAX = 20000
NOTE_MAX = 500


@dataclass
class Draft:
    """What the caseworker writes; the same fields whether it is a first version or a correction."""

    title: str = ""
    decided: str = ""
    meaning: str = ""
    next_steps: str = ""
    if_you_disagree: str = ""
    formal_text: str = ""
    decision_date: date | None = None
    received_date: date | None = None
    appeal_weeks: int = 4
    decision_expected: date | None = None
    appeal_route: str | None = None  # decisions: where to appeal, when not the usual place
    correction_note: str | None = None

    @classmethod
    def of(cls, version: OutcomeVersion) -> Draft:
        return cls(**{f.name: getattr(version, f.name) for f in fields(cls)})

    def sections(self) -> list[tuple[str, str]]:
        return [(name, getattr(self, name) or "") for name in PLAIN_SECTIONS]


def check(draft: Draft) -> dict[str, readability.Report]:
    """The readability report of each plain section, read in page order."""
    return readability.analyse_sections(draft.sections())


def too_hard(reports: dict[str, readability.Report]) -> list[str]:
    return [name for name, report in reports.items() if report.lix > HARD_LIX]


# --- Checking what was written --------------------------------------------------------------


def validate(draft: Draft, kind: str, *, correcting: bool) -> None:
    if not draft.title or len(draft.title) > TITLE_MAX:
        raise DomainError("title_length", field="title")
    for name in PLAIN_SECTIONS:
        value = getattr(draft, name) or ""
        if not value.strip():
            raise DomainError(f"{name}_required", field=name)
        if len(value) > SECTION_MAX:
            raise DomainError("section_too_long", field=name)
    if not draft.formal_text.strip():
        raise DomainError("formal_text_required", field="formal_text")
    if len(draft.formal_text) > FORMAL_MAX:
        raise DomainError("formal_text_too_long", field="formal_text")
    if draft.decision_date is None:
        raise DomainError("decision_date_required", field="decision_date")
    if kind == OutcomeKind.DECISION:
        if not 1 <= (draft.appeal_weeks or 0) <= MAX_WEEKS:
            raise DomainError("appeal_weeks_range", field="appeal_weeks")
        route = (draft.appeal_route or "").strip()
        if route and len(route) < APPEAL_ROUTE_MIN:
            raise DomainError("appeal_route_too_short", field="appeal_route")
        if len(draft.appeal_route or "") > SECTION_MAX:
            raise DomainError("section_too_long", field="appeal_route")
        if draft.received_date and draft.received_date < draft.decision_date:
            raise DomainError("received_before_decision", field="received_date")
    elif draft.decision_expected and draft.decision_expected < draft.decision_date:
        raise DomainError("expected_before_recommendation", field="decision_expected")
    if correcting:
        if not (draft.correction_note or "").strip():
            raise DomainError("correction_note_required", field="correction_note")
        if len(draft.correction_note) > NOTE_MAX:
            raise DomainError("correction_note_too_long", field="correction_note")


def clean(draft: Draft, kind: str, *, correcting: bool) -> dict:
    values = {f.name: getattr(draft, f.name) for f in fields(Draft)}
    if kind == OutcomeKind.DECISION:
        values["decision_expected"] = None
    else:
        values["received_date"] = None
        values["appeal_weeks"] = 4
        values["appeal_route"] = None
    values["appeal_route"] = (values["appeal_route"] or "").strip() or None
    if not correcting:
        values["correction_note"] = None
    return values
