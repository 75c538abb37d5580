"""The caseworker's side: write a draft with a live language check, publish, correct, receipts."""

import uuid

from flask import redirect, request, url_for
from flask_babel import gettext
from wtforms import SelectChoice

from portal import clock
from portal.blueprints.outcomes import bp
from portal.blueprints.outcomes.forms import (
    NewOutcomeForm,
    OutcomeTextForm,
    PublishForm,
    UnlinkForm,
)
from portal.forms import show_domain_error
from portal.services import outcome_links, sensitivity
from portal.services import outcomes as service
from portal.services.errors import DomainError
from portal.text.errors import status_for
from portal.web import htmx, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.limits import Limit, limited
from portal.web.templating import da_only, danish

PREFIX = "/medarbejder/borger/<citizen_id:citizen_id>/resultater"


def _choices(form: NewOutcomeForm, citizen_id: int) -> None:
    # The titles are written in Danish only: marked so on an English page (WCAG 3.1.2).
    danish = {"lang": "da"} if da_only() else {}
    form.follows_id.choices = [SelectChoice("", gettext("Ingen"))] + [
        SelectChoice(str(o.id), v.title, render_kw=danish)
        for o, v in service.recommendations_of(uow.session(), citizen_id)
    ]


def _efforts(form, citizen_id: int, outcome=None) -> tuple[list, set[str]]:
    """The plan's efforts not linked to the outcome yet become the choices; returns the linked
    ones (listed, not offered: the outcome's page removes one) and the sensitive ones' ids."""
    linked_ids = {link.effort_id for link in outcome.efforts} if outcome else set()
    efforts = sensitivity.plan_efforts(uow.session(), citizen_id)
    form.efforts.choices = [
        # The efforts' names exist in Danish only: marked so on an English page (WCAG 3.1.2).
        SelectChoice(str(e.id), danish(e.title))
        for e in efforts
        if e.id not in linked_ids
    ]
    sensitive = {str(e.id) for e in efforts if e.sensitive}
    return [e for e in efforts if e.id in linked_ids], sensitive


def _outcome(citizen_id: int, outcome_id: int):
    return service.staff_outcome(uow.session(), citizen_id, outcome_id)


@bp.route(PREFIX)
@requires(Action.STAFF_OUTCOMES_VIEW)
def staff_index(citizen_id: int):
    return htmx.render(
        "outcomes/staff_list.html",
        person=identity.subject_citizen(),
        outcomes=service.staff_outcomes(uow.session(), citizen_id),
    )


def _form_page(form, *, citizen_id, outcome=None, status=200, reports=None):
    linked, sensitive = _efforts(form, citizen_id, outcome)
    return htmx.render(
        "outcomes/staff_form.html",
        block="readability",
        person=identity.subject_citizen(),
        form=form,
        outcome=outcome,
        correcting=outcome is not None and service.latest_published(outcome) is not None,
        reports=reports if reports is not None else service.check(form.to_draft()),
        live_check=htmx.is_htmx(),
        linked=linked,
        sensitive_ids=sensitive,
    ), status


def _checking_only() -> bool:
    """The language check ("Tjek sproget", or htmx while typing): nothing is saved."""
    return request.form.get("action") == "check"


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
                uow.session(),
                citizen_id,
                kind=form.kind.data,
                follows_id=form.follows_id.data,
                draft=form.to_draft(),
                author_id=actor.person_id,
                at=clock.now(),
                request_key=form.request_key.data,
                effort_ids=form.efforts.data or [],
            )
        else:
            service.save_draft(
                uow.session(),
                outcome,
                draft=form.to_draft(),
                author_id=actor.person_id,
                at=clock.now(),
                effort_ids=form.efforts.data or [],
            )
    except DomainError as error:
        show_domain_error(form, error)
        return _form_page(form, citizen_id=citizen_id, outcome=outcome, status=status_for(error))
    return redirect(
        url_for("outcomes.staff_show", citizen_id=citizen_id, outcome_id=outcome.id, gemt=1)
    )


@bp.route(f"{PREFIX}/ny", methods=["GET", "POST"])
@requires(Action.STAFF_OUTCOME_WRITE)
@limited(Limit.READABILITY, when=_checking_only)
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
@limited(Limit.READABILITY, when=_checking_only)
def staff_edit(citizen_id: int, outcome_id: int):
    outcome = _outcome(citizen_id, outcome_id)
    if request.method == "GET":
        source = service.draft_of(outcome) or service.latest_published(outcome)
        form = OutcomeTextForm(obj=source, formdata=None)
        if service.draft_of(outcome) is None:
            form.correction_note.data = ""  # a new correction says what it corrects
        return _form_page(form, citizen_id=citizen_id, outcome=outcome)[0]
    return _write(OutcomeTextForm(), citizen_id=citizen_id, outcome=outcome)


def _show_page(outcome, publish_form, status=200, unlink_form=None):
    draft = service.draft_of(outcome)
    reports = service.check(service.Draft.of(draft)) if draft else None
    linked = outcome_links.linked(uow.session(), outcome)
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
        linked=linked,
        named_ids=outcome_links.named_in_text(uow.session(), outcome, linked),
        unlink_form=unlink_form or UnlinkForm(),
        unlinked=request.args.get("fjernet") == "1",
    ), status


@bp.route(f"{PREFIX}/<int:outcome_id>")
@requires(Action.STAFF_OUTCOMES_VIEW)
def staff_show(citizen_id: int, outcome_id: int):
    outcome = _outcome(citizen_id, outcome_id)
    draft = service.draft_of(outcome)
    return _show_page(outcome, PublishForm(version_id=draft.id if draft else None))[0]


@bp.route(f"{PREFIX}/<int:outcome_id>/udgiv", methods=["POST"])
@requires(Action.STAFF_OUTCOME_PUBLISH)
def staff_publish(citizen_id: int, outcome_id: int):
    outcome = _outcome(citizen_id, outcome_id)
    form = PublishForm()
    if not form.validate_on_submit():
        return _show_page(outcome, form, status=400)
    try:
        service.publish(
            uow.session(),
            outcome,
            version_id=form.version_id.data,
            confirmed_hard_text=bool(form.confirm_hard_text.data),
            actor_id=identity.current_actor().person_id,
            at=clock.now(),
        )
    except DomainError as error:
        show_domain_error(form, error)
        return _show_page(outcome, form, status=status_for(error))
    return redirect(
        url_for("outcomes.staff_show", citizen_id=citizen_id, outcome_id=outcome_id, udgivet=1)
    )


@bp.route(f"{PREFIX}/<int:outcome_id>/fjern-indsats", methods=["POST"])
@requires(Action.STAFF_OUTCOME_WRITE)
def staff_unlink(citizen_id: int, outcome_id: int):
    """The outcome is not about this effort after all: the link goes, and the plan's history
    says so (portal/services/outcome_links.py)."""
    outcome = _outcome(citizen_id, outcome_id)
    form = UnlinkForm()
    draft = service.draft_of(outcome)
    publish_form = PublishForm(version_id=draft.id if draft else None, formdata=None)
    if not form.validate_on_submit():
        return _show_page(outcome, publish_form, status=400, unlink_form=form)
    try:
        outcome_links.unlink(
            uow.session(),
            outcome,
            form.effort_id.data,
            actor_id=identity.current_actor().person_id,
            at=clock.now(),
        )
    except DomainError as error:
        show_domain_error(form, error)
        return _show_page(outcome, publish_form, status=status_for(error), unlink_form=form)
    return redirect(
        url_for("outcomes.staff_show", citizen_id=citizen_id, outcome_id=outcome_id, fjernet=1)
    )
