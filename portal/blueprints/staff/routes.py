"""The caseworker's area: their caseload, one citizen at a time, and the read-only preview."""

from flask import redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.delegation.forms import ConfirmForm, PreviewForm
from portal.blueprints.staff import bp
from portal.extensions import db
from portal.services import delegation, people
from portal.services import plan as plan_service
from portal.web import guard, identity
from portal.web.access import Action, requires


@bp.route("")
@requires(Action.STAFF_HOME)
def home():
    actor = identity.current_actor()
    query = (request.args.get("q") or "").strip()[:80]
    citizens = people.caseload(db.session, actor.person_id, name=query)
    return render_template("staff/home.html", citizens=citizens, query=query)


@bp.route("/borger/<citizen_id:citizen_id>")
@requires(Action.STAFF_CITIZEN_VIEW)
def citizen(citizen_id: int):
    person = identity.subject_citizen()
    today = clock.today()
    return render_template(
        "staff/citizen.html",
        person=person,
        view=plan_service.plan_view(db.session, citizen_id, today),
        fuldmagter=[f for f in delegation.of_citizen(db.session, citizen_id) if f.valid_on(today)],
    )


@bp.route("/borger/<citizen_id:citizen_id>/forhaandsvis", methods=["POST"])
@requires(Action.STAFF_PREVIEW_START)
def preview_start(citizen_id: int):
    """See the citizen's own pages as the citizen (or one of their delegates) sees them."""
    form = PreviewForm()
    if not form.validate_on_submit():
        guard.not_found(Action.STAFF_PREVIEW_START, detail="bad_preview_form")
    fuldmagt_id = None
    if form.som.data != "borger":
        fuldmagt = None
        if (form.som.data or "").isascii() and (form.som.data or "").isdigit():
            fuldmagt = delegation.valid_one(
                db.session, int(form.som.data), citizen_id, clock.today()
            )
        if fuldmagt is None:
            guard.not_found(Action.STAFF_PREVIEW_START, detail="fuldmagt_not_valid_for_citizen")
        fuldmagt_id = fuldmagt.id
    db.session.commit()  # the audit entry of opening the preview
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
