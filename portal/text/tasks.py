"""The words of the front page's tasks (portal/services/tasks.py): what to do, and why it matters.

Each sentence has two forms: to the citizen ("du") and about the citizen, for someone acting for
them ("Hanne skal …"). `name` is None when the reader is the citizen. Dates come formatted.
"""

from __future__ import annotations

from collections.abc import Callable

from flask_babel import gettext as _
from markupsafe import Markup, escape

from portal.services.tasks import Task

# Tasks whose subject is text written only in Danish (a conversation's topic, an outcome's title).
DANISH_SUBJECT = frozenset({"book", "read_decision", "read_recommendation"})


def title(task: Task, name: str | None = None, mark: Callable | None = None) -> str | Markup:
    """The task's heading. With `mark` (the templates' `da` filter), a Danish-only subject is
    marked as Danish on an English page; the sentence around it is escaped."""
    subject = task.subject or ""
    if mark is None or task.sentence not in DANISH_SUBJECT:
        return _title(task, subject, name)
    before, _hole, after = _title(task, "\x00", name).partition("\x00")
    return escape(before) + mark(subject) + escape(after)


def _title(task: Task, subject: str, name: str | None) -> str:
    if name is None:
        titles = {
            "book": _("Book en tid til din samtale: %(subject)s", subject=subject),
            "participation": _("Vælg, hvordan du vil deltage i mødet"),
            "read_decision": _("Læs den nye afgørelse: %(subject)s", subject=subject),
            "read_recommendation": _("Læs den nye indstilling: %(subject)s", subject=subject),
            "preparation": _("Send din forberedelse til mødet"),
            "preparation_changed": _("Send din forberedelse igen"),
            "fuldmagt": _("Din fuldmagt til %(subject)s slutter snart", subject=subject),
        }
    else:
        titles = {
            "book": _(
                "%(name)s skal booke en tid til en samtale: %(subject)s",
                name=name,
                subject=subject,
            ),
            "participation": _("%(name)s skal vælge sin måde at deltage i mødet på", name=name),
            "read_decision": _(
                "%(name)s skal læse den nye afgørelse: %(subject)s", name=name, subject=subject
            ),
            "read_recommendation": _(
                "%(name)s skal læse den nye indstilling: %(subject)s", name=name, subject=subject
            ),
            "preparation": _("%(name)s skal sende sin forberedelse til mødet", name=name),
            "preparation_changed": _("%(name)s skal sende sin forberedelse igen", name=name),
            "fuldmagt": _("Fuldmagten til %(subject)s slutter snart", subject=subject),
        }
    return titles[task.sentence]


def when(task: Task, due: str | None, opens: str | None = None) -> str | None:
    """The date line: by when (and from when, for a window that has not opened)."""
    if due is None:
        return None
    if task.kind == "fuldmagt":
        return _("Sidste dag: %(date)s", date=due)
    if task.overdue:
        return _("Fristen for at klage var %(date)s", date=due)
    if task.kind == "read":
        return _("Frist for at klage: %(date)s", date=due)
    if opens is not None:
        return _("Fra %(opens)s til og med %(date)s", opens=opens, date=due)
    if task.due_at is not None:
        return _("Før %(date)s", date=due)
    return _("Senest %(date)s", date=due)


def why(task: Task, name: str | None = None) -> str:
    """One plain sentence on why it matters: what happens if the date passes."""
    you = name is None
    if task.sentence == "book":
        return (
            _("Booker du ikke en tid, finder jobcentret en tid og sender dig en indkaldelse.")
            if you
            else _(
                "Bliver der ikke booket en tid, finder jobcentret en tid og sender %(name)s "
                "en indkaldelse.",
                name=name,
            )
        )
    if task.sentence == "participation":
        return (
            _("Vælger du ikke, regner teamet med, at du møder op.")
            if you
            else _("Bliver der ikke valgt, regner teamet med, at %(name)s møder op.", name=name)
        )
    if task.sentence == "read_decision":
        if task.overdue:
            return _(
                "Ring til jobcentret, hvis der skal klages nu. De fortæller, hvad man kan gøre."
            )
        return _("Efter fristen kan man som regel ikke klage over afgørelsen.")
    if task.sentence == "read_recommendation":
        return _("Det er ikke en afgørelse endnu. Den fortæller, hvad teamet foreslår.")
    if task.sentence in ("preparation", "preparation_changed"):
        return (
            _("Så kender teamet din situation, når I mødes.")
            if you
            else _("Så kender teamet situationen, når de mødes med %(name)s.", name=name)
        )
    return _("Efter den dag kan %(subject)s ikke længere hjælpe dig her.", subject=task.subject)
