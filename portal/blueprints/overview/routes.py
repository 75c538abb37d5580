"""The start page: what happens next."""

from flask import redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.overview import bp
from portal.services import delegation
from portal.services import tasks as task_service
from portal.web import guard, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, Role, requires
from portal.web.templating import can_open


def _may(needs: str) -> bool:
    return can_open(Action(needs))


def _sees_sensitive() -> bool:
    return identity.current_actor().sees_sensitive


def _reader_name(actor, citizen) -> str | None:
    """None when the citizen reads (or a preview as the citizen); their name for anyone acting
    for them, so the tasks are worded about the citizen."""
    speaks_for = actor.role is Role.DELEGATE or actor.preview_delegate_id is not None
    return citizen.first_name if speaks_for else None


@bp.route("/")
@requires(Action.SIGNED_IN)
def home():
    actor = identity.current_actor()
    if actor.role is Role.CASEWORKER:
        return redirect(url_for("staff.home"))
    if actor.subject_citizen_id is None:
        # A relative in their own view: whom they can act for, and until when.
        today = clock.today()
        return render_template(
            "overview/person.html",
            held=delegation.held_by(uow.session(), actor.person_id),
            today=today,
            status=delegation.status,
            given_up=request.args.get("udfoert") == "given_up",
        )
    guard.authorize(Action.CITIZEN_OVERVIEW)
    citizen = identity.subject_citizen()
    return render_template(
        "overview/home.html",
        overview=task_service.overview(
            uow.session(), citizen.id, clock.now(), may=_may, include_sensitive=_sees_sensitive()
        ),
        reader_name=_reader_name(actor, citizen),
    )


@bp.route("/det-sker-snart")
@requires(Action.CITIZEN_OVERVIEW)
def coming():
    citizen = identity.subject_citizen()
    return render_template(
        "overview/coming.html",
        events=task_service.coming_events(
            uow.session(), citizen.id, clock.now(), may=_may, include_sensitive=_sees_sensitive()
        ),
    )
