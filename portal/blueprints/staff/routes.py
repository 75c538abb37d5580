"""The caseworker's area: their caseload, one citizen at a time, and the read-only preview."""

from flask import redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.delegation.forms import ConfirmForm, PreviewForm, SensitivityForm
from portal.blueprints.staff import bp
from portal.forms.fields import parse_id
from portal.services import delegation, people, sensitivity
from portal.services import plan as plan_service
from portal.services.errors import DomainError
from portal.web import guard, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires


@bp.route("")
@requires(Action.STAFF_HOME)
def home():
    actor = identity.current_actor()
    query = (request.args.get("q") or "").strip()[:80]
    citizens = people.caseload(uow.session(), actor.person_id, name=query)
    return render_template("staff/home.html", citizens=citizens, query=query)


@bp.route("/borger/<citizen_id:citizen_id>")
@requires(Action.STAFF_CITIZEN_VIEW)
def citizen(citizen_id: int):
    person = identity.subject_citizen()
    today = clock.today()
    return render_template(
        "staff/citizen.html",
        person=person,
        view=plan_service.plan_view(uow.session(), citizen_id, today),
        fuldmagter=[
            f for f in delegation.of_citizen(uow.session(), citizen_id) if f.valid_on(today)
        ],
    )


@bp.route("/borger/<citizen_id:citizen_id>/indsats/<int:effort_id>/foelsom", methods=["POST"])
@requires(Action.STAFF_PLAN_CHANGE)
def effort_sensitivity(citizen_id: int, effort_id: int):
    """Mark an effort sensitive (hidden from a fuldmagt's "se") or not; in the plan history."""
    form = SensitivityForm()
    effort = plan_service.effort_of(uow.session(), citizen_id, effort_id)
    wanted = form.sensitive.data == "ja" if form.validate_on_submit() else None
    if wanted is None:
        raise DomainError("sensitivity_choice")
    sensitivity.set_sensitive(
        effort, wanted, at=clock.now(), actor_id=identity.current_actor().person_id
    )
    guard.describe_change(
        "staff.plan.sensitivity", f"effort {effort.id} {'sensitive' if wanted else 'ordinary'}"
    )
    return redirect(url_for("staff.citizen", citizen_id=citizen_id, _anchor="planen"))


@bp.route("/borger/<citizen_id:citizen_id>/forhaandsvis", methods=["POST"])
@requires(Action.STAFF_PREVIEW_START)
def preview_start(citizen_id: int):
    """See the citizen's own pages as the citizen (or one of their delegates) sees them."""
    form = PreviewForm()
    som = form.som.data if form.validate_on_submit() else None
    fuldmagt_id = None
    if som != "borger":  # as one of the citizen's delegates: a fuldmagt valid today, or 404
        fuldmagt_id = delegation.previewed(
            uow.session(), parse_id(som), citizen_id, clock.today()
        ).id
    identity.start_preview(citizen_id, fuldmagt_id)
    return redirect(url_for("overview.home"))


@bp.route("/forhaandsvisning/afslut", methods=["POST"])
@requires(Action.STAFF_PREVIEW_END)
def preview_end():
    actor = identity.current_actor()
    if ConfirmForm().validate_on_submit() and actor.in_preview:
        identity.end_preview()
        return redirect(url_for("staff.citizen", citizen_id=actor.acting_for))
    return redirect(url_for("staff.home"))
