"""The caseworker's area: their caseload, and one citizen at a time."""

from flask import render_template, request

from portal import clock, identity
from portal.access import Action, requires
from portal.blueprints.staff import bp
from portal.extensions import db
from portal.services import people
from portal.services import plan as plan_service


@bp.route("")
@requires(Action.STAFF_HOME)
def home():
    actor = identity.current_actor()
    query = (request.args.get("q") or "").strip()[:80]
    citizens = people.caseload(db.session, actor.person_id, name=query)
    return render_template("staff/home.html", citizens=citizens, query=query)


@bp.route("/borger/<int:citizen_id>")
@requires(Action.STAFF_CITIZEN_VIEW)
def citizen(citizen_id: int):
    person = identity.subject_citizen()
    return render_template(
        "staff/citizen.html",
        person=person,
        view=plan_service.plan_view(db.session, citizen_id, clock.today()),
    )
