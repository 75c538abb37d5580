"""The caseworker's area: their caseload, one citizen at a time, and the read-only preview."""

from flask import redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.booking.help_forms import HELP_REASONS
from portal.blueprints.delegation.forms import ConfirmForm, PreviewForm, SensitivityForm
from portal.blueprints.staff import bp
from portal.blueprints.staff.forms import callback_form
from portal.forms import show_domain_error
from portal.forms.fields import parse_id
from portal.services import delegation, people, sensitivity, worklist
from portal.services import plan as plan_service
from portal.services.errors import DomainError, NotFound
from portal.services.notifications import sent
from portal.text.errors import status_for
from portal.web import guard, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires


def _home(status: int = 200, refused=None):
    """The start page: what waits (each call-me request with its own form), then the caseload.
    `refused` is a (callback id, form) sent back with its messages."""
    actor, session = identity.current_actor(), uow.session()
    query = (request.args.get("q") or "").strip()[:80]
    after = parse_id(request.args.get("efter"))
    caseload = people.caseload(session, actor.person_id, name=query, after=after)
    items = worklist.waiting(session, actor.person_id, clock.now())
    worklist.record_seen(session, actor.person_id, actor.role, items)
    forms = {i.ref_id: callback_form(i.ref_id) for i in items if i.kind == worklist.Kind.CALLBACK}
    if refused is not None:
        forms[refused[0]] = refused[1]
    return render_template(
        "staff/home.html",
        citizens=caseload.citizens,
        more=caseload.more,
        after=after,
        query=query,
        items=items,
        callback_forms=forms,
        limit=worklist.LIMIT,
        help_reasons=HELP_REASONS,
        done=request.args.get("udfoert"),
    ), status


@bp.route("")
@requires(Action.STAFF_HOME)
def home():
    return _home()


@bp.route("/borger/<citizen_id:citizen_id>/opkald/<int:callback_id>/klaret", methods=["POST"])
@requires(Action.STAFF_CALLBACK_HANDLE)
def callback_handled(citizen_id: int, callback_id: int):
    form = callback_form(callback_id, request.form)
    if not form.validate():
        return _home(400, (callback_id, form))
    try:
        worklist.handle_callback(
            uow.session(),
            citizen_id,
            callback_id,
            note=form.note.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except NotFound:
        raise  # not this citizen's request, or none: the calm 404 page
    except DomainError as error:
        show_domain_error(form, error)
        return _home(status_for(error), (callback_id, form))
    guard.describe_change(Action.STAFF_CALLBACK_HANDLE.value, f"callback {callback_id}")
    return redirect(url_for("staff.home", udfoert="opkald"))


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
        messages=sent.about_citizen(uow.session(), citizen_id),
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
