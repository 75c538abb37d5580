""" "Dine log-ins": where the person is logged in right now, and ending all the others."""

from dataclasses import dataclass
from datetime import datetime

from flask import redirect, render_template, request, url_for

from portal.blueprints.auth import bp
from portal.blueprints.auth.forms import EndOtherSessionsForm
from portal.services import login_sessions
from portal.text import devices
from portal.web import identity, sessions
from portal.web.access import Action, requires
from portal.web.guard import describe_change


@dataclass(frozen=True)
class SessionLine:
    device: str
    started_at: datetime
    last_seen_at: datetime
    this_one: bool


def _lines(person_id: int) -> list[SessionLine]:
    here = sessions.current_key()
    lines = [
        SessionLine(
            device=devices.describe(record.browser, record.system),
            started_at=record.started_at,
            last_seen_at=record.last_seen_at,
            this_one=record.key == here,
        )
        for record in sessions.active_of(person_id)
    ]
    return sorted(lines, key=lambda line: not line.this_one)  # this browser first


def _page(form: EndOtherSessionsForm, status: int = 200):
    person = identity.current_person()
    lines = _lines(person.id)
    return render_template(
        "auth/sessions.html",
        lines=lines,
        others=sum(1 for line in lines if not line.this_one),
        form=form,
        ended=request.args.get("afsluttet") == "1",
    ), status


@bp.route("/dine-log-ins")
@requires(Action.SESSIONS_VIEW)
def my_sessions():
    return _page(EndOtherSessionsForm())


@bp.route("/dine-log-ins/afslut-andre", methods=["POST"])
@requires(Action.SESSIONS_END_OTHERS)
def end_other_sessions():
    """Log out everywhere else. This browser keeps its log-in under a new id, so a copy of its
    cookie taken before is worthless too."""
    form = EndOtherSessionsForm()
    if not form.validate_on_submit():
        return _page(form, 400)
    person = identity.current_person()
    ended = sessions.end_others(person.id)
    sessions.rotate()
    describe_change(login_sessions.ENDED_OTHERS, f"{ended} ended")
    return redirect(url_for("auth.my_sessions", afsluttet=1))
