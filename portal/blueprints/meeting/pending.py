"""The participation choice on its way through the question pages, kept in the signed session
cookie until "Bekræft" writes it.

So the check page is an ordinary GET page (Post/Redirect/Get): Back and reload never ask to send a
form again. Every step checks the choice again with the service, so an old or edited value here is
refused like any other input. Once confirmed, only the written record's id is kept, so Back to the
check page leads to the confirmation instead of offering to save the same choice twice.
"""

from __future__ import annotations

from flask import session

KEY = "participation_choice"
ANSWERS = (
    "mode",
    "representative_name",
    "representative_relation",
    "companion_name",
    "interpreter_needed",
    "interpreter_language",
)


def remember(meeting_id: int, version: int, answers: dict, *, details: bool) -> None:
    """A new choice from the question page. `details`: its follow-up answers are given too."""
    choice = {name: answers.get(name) for name in ANSWERS}
    choice.update(meeting=meeting_id, version=version, details=details, consent=False)
    session[KEY] = choice


def recall(meeting_id: int) -> dict | None:
    """The choice under way for this meeting, or None."""
    value = session.get(KEY)
    if not isinstance(value, dict) or value.get("meeting") != meeting_id:
        return None
    return value


def update(**values) -> None:
    choice = session.get(KEY)
    if isinstance(choice, dict):
        session[KEY] = {**choice, **values}


def finish(meeting_id: int, record_id: int) -> None:
    """The choice is written: keep only where its confirmation is."""
    session[KEY] = {"meeting": meeting_id, "done": record_id}
