"""The start page: what happens next."""

from flask import redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.overview import bp
from portal.services import delegation
from portal.services import outcomes as outcome_service
from portal.services import plan as plan_service
from portal.web import guard, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, Role, requires


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
    today = clock.today()
    return render_template(
        "overview/home.html",
        next_step=plan_service.next_step(
            uow.session(),
            citizen.id,
            today,
            include_sensitive=identity.current_actor().sees_sensitive,
        ),
        has_plan=plan_service.plan_of(uow.session(), citizen.id) is not None,
        unread_outcomes=outcome_service.unread_count(
            uow.session(), citizen.id, include_sensitive=identity.current_actor().sees_sensitive
        ),
    )
