"""The caseworker's side: write a draft with a live language check, publish, correct, receipts."""

import uuid

from flask import redirect, request, url_for
from sqlalchemy.exc import IntegrityError

from portal import clock
from portal.blueprints.outcomes import bp
from portal.blueprints.outcomes.forms import NewOutcomeForm, OutcomeTextForm, PublishForm, as_int
from portal.extensions import db
from portal.forms import show_domain_error
from portal.services import outcomes as service
from portal.services.errors import DomainError, NotFound
from portal.web import guard, htmx, identity
from portal.web.access import Action, requires

PREFIX = "/medarbejder/borger/<citizen_id:citizen_id>/resultater"


def _messages():
    from flask_babel import lazy_gettext as _l

    return {
        "title_length": _l("Skriv en overskrift på højst 120 tegn."),
        "follows_invalid": _l("Vælg en af borgerens udgivne indstillinger."),
        "follows_only_for_decisions": _l("Kun en afgørelse kan følge en indstilling."),
        "kind_invalid": _l("Vælg, om det er en indstilling eller en afgørelse."),
        "received_before_decision": _l(
            "Borgeren kan ikke have fået afgørelsen, før den blev truffet. Tjek datoen."
        ),
        "expected_before_recommendation": _l(
            "Afgørelsen kan ikke komme før indstillingen. Tjek datoen."
        ),
        "appeal_weeks_range": _l("Skriv et tal fra 1 til 52."),
        "correction_note_required": _l("Skriv kort, hvad du har rettet. Borgeren får det at vide."),
        "correction_note_too_long": _l("Skriv det kortere, højst 500 tegn."),
        "request_key_reused": _l("Formularen var for gammel. Der er ikke gemt noget. Prøv igen."),
        "nothing_to_publish": _l(
            "Der er ingen kladde at udgive. Måske er den allerede udgivet. Der er ikke ændret noget."
        ),
        "hard_text_not_confirmed": _l(
            "Teksten er svær at læse (LIX over 40). Gør den lettere, eller sæt kryds for at udgive den alligevel."
        ),
    }


def _choices(form: NewOutcomeForm, citizen_id: int) -> None:
    from flask_babel import gettext
    from wtforms import SelectChoice

    form.follows_id.choices = [SelectChoice("", gettext("Ingen"))] + [
        SelectChoice(str(o.id), v.title)
        for o, v in service.recommendations_of(db.session, citizen_id)
    ]


def _outcome(citizen_id: int, outcome_id: int, action: Action):
    try:
        return service.staff_outcome(db.session, citizen_id, outcome_id)
    except NotFound:
        guard.not_found(action, detail="outcome_not_found")


@bp.route(PREFIX)
@requires(Action.STAFF_OUTCOMES_VIEW)
def staff_index(citizen_id: int):
    return htmx.render(
        "outcomes/staff_list.html",
        person=identity.subject_citizen(),
        outcomes=service.staff_outcomes(db.session, citizen_id),
    )


def _form_page(form, *, citizen_id, outcome=None, status=200, reports=None):
    return htmx.render(
        "outcomes/staff_form.html",
        block="readability",
        person=identity.subject_citizen(),
        form=form,
        outcome=outcome,
        correcting=outcome is not None and service.latest_published(outcome) is not None,
        reports=reports if reports is not None else service.check(form.to_draft()),
        live_check=htmx.is_htmx(),
    ), status


def _write(form, *, citizen_id, outcome=None):
    """The shared POST of the new-outcome and edit-draft pages: check only, or save the draft."""
    if request.form.get("action") == "check":
        # Nothing is saved: the check is the same with and without JavaScript.
        form.validate()  # fill the fields' data; errors are shown only on saving
        for field in form:
            field.errors = []
        return _form_page(form, citizen_id=citizen_id, outcome=outcome)
    if not form.validate_on_submit():
        return _form_page(form, citizen_id=citizen_id, outcome=outcome, status=400)
    actor = identity.current_actor()
    try:
        if outcome is None:
            outcome = service.create(
                db.session,
                citizen_id,
                kind=form.kind.data,
                follows_id=form.follows_id.data,
                draft=form.to_draft(),
                author_id=actor.person_id,
                at=clock.now(),
                request_key=form.request_key.data,
            )
        else:
            service.save_draft(
                db.session,
                outcome,
                draft=form.to_draft(),
                author_id=actor.person_id,
                at=clock.now(),
            )
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error, _messages())
        return _form_page(form, citizen_id=citizen_id, outcome=outcome, status=400)
    except IntegrityError:
        # The same new-outcome form sent twice at once: the other request created it.
        db.session.rollback()
        outcome = service.by_request_key(db.session, citizen_id, form.request_key.data)
        if outcome is None:
            raise
    return redirect(
        url_for("outcomes.staff_show", citizen_id=citizen_id, outcome_id=outcome.id, gemt=1)
    )


@bp.route(f"{PREFIX}/ny", methods=["GET", "POST"])
@requires(Action.STAFF_OUTCOME_WRITE)
def staff_new(citizen_id: int):
    form = NewOutcomeForm()
    _choices(form, citizen_id)
    if request.method == "GET":
        form.decision_date.data = form.decision_date.data or clock.today()
        form.request_key.data = uuid.uuid4().hex
        return _form_page(form, citizen_id=citizen_id)[0]
    return _write(form, citizen_id=citizen_id)


@bp.route(f"{PREFIX}/<int:outcome_id>/kladde", methods=["GET", "POST"])
@requires(Action.STAFF_OUTCOME_WRITE)
def staff_edit(citizen_id: int, outcome_id: int):
    outcome = _outcome(citizen_id, outcome_id, Action.STAFF_OUTCOME_WRITE)
    if request.method == "GET":
        source = service.draft_of(outcome) or service.latest_published(outcome)
        form = OutcomeTextForm(obj=source, formdata=None)
        if service.draft_of(outcome) is None:
            form.correction_note.data = ""  # a new correction says what it corrects
        return _form_page(form, citizen_id=citizen_id, outcome=outcome)[0]
    return _write(OutcomeTextForm(), citizen_id=citizen_id, outcome=outcome)


def _show_page(outcome, publish_form, status=200):
    draft = service.draft_of(outcome)
    reports = service.check(service.Draft.of(draft)) if draft else None
    return htmx.render(
        "outcomes/staff_outcome.html",
        person=identity.subject_citizen(),
        outcome=outcome,
        draft=draft,
        reports=reports,
        too_hard=service.too_hard(reports) if reports else [],
        published=[v for v in outcome.versions if v.is_published],
        publish_form=publish_form,
        saved=request.args.get("gemt") == "1",
        just_published=request.args.get("udgivet") == "1",
    ), status


@bp.route(f"{PREFIX}/<int:outcome_id>")
@requires(Action.STAFF_OUTCOMES_VIEW)
def staff_show(citizen_id: int, outcome_id: int):
    outcome = _outcome(citizen_id, outcome_id, Action.STAFF_OUTCOMES_VIEW)
    draft = service.draft_of(outcome)
    return _show_page(outcome, PublishForm(version_id=draft.id if draft else ""))[0]


@bp.route(f"{PREFIX}/<int:outcome_id>/udgiv", methods=["POST"])
@requires(Action.STAFF_OUTCOME_PUBLISH)
def staff_publish(citizen_id: int, outcome_id: int):
    outcome = _outcome(citizen_id, outcome_id, Action.STAFF_OUTCOME_PUBLISH)
    form = PublishForm()
    if not form.validate_on_submit():
        return _show_page(outcome, form, status=400)
    try:
        service.publish(
            db.session,
            outcome,
            version_id=as_int(form.version_id.data),
            confirmed_hard_text=bool(form.confirm_hard_text.data),
            actor_id=identity.current_actor().person_id,
            at=clock.now(),
        )
        db.session.commit()
    except DomainError as error:
        db.session.rollback()
        show_domain_error(form, error, _messages())
        return _show_page(outcome, form, status=400)
    return redirect(
        url_for("outcomes.staff_show", citizen_id=citizen_id, outcome_id=outcome_id, udgivet=1)
    )
