""" "Jeg kan ikke booke selv": the citizen asks the job centre to book; the caseworker answers in
one step (exempt and summon, or book for them)."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from flask_babel import gettext

from portal import clock
from portal.blueprints.booking import bp
from portal.blueprints.booking.help_forms import HELP_REASONS, HelpAnswerForm, HelpRequestForm
from portal.blueprints.booking.staff_routes import _done, _refused
from portal.forms import show_domain_error
from portal.forms.fields import parse_id
from portal.services import booking as bookings
from portal.services.errors import DomainError
from portal.text.errors import status_for
from portal.web import guard, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires


def _help_page(form: HelpRequestForm, status: int = 200):
    session, citizen = uow.session(), identity.subject_citizen()
    window = bookings.open_window(session, citizen.id, clock.today())
    existing = bookings.help_request(session, citizen.id, window.id) if window else None
    return render_template(
        "booking/help.html", form=form, window=window, existing=existing, reasons=HELP_REASONS
    ), status


@bp.route("/samtaler/kan-ikke-booke", methods=["GET", "POST"])
@requires(Action.BOOKING_CHANGE)
def help_request():
    if request.method == "GET":
        return _help_page(HelpRequestForm(formdata=None))
    form = HelpRequestForm()
    if not form.validate_on_submit():
        return _help_page(form, 400)
    try:
        made = bookings.ask_for_help(
            uow.session(),
            identity.subject_citizen(),
            form.reason.data,
            form.note.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        show_domain_error(form, error)
        return _help_page(form, status_for(error))
    guard.describe_change("booking.help", f"help request {made.id}")
    return redirect(url_for("booking.index", udfoert="hjaelp"))


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler/hjaelp", methods=["POST"])
@requires(Action.STAFF_BOOKING_CHANGE)
def staff_help_answer(citizen_id: int):
    form = HelpAnswerForm(prefix="hjaelp")
    if not form.validate_on_submit():
        return _refused(citizen_id, "help_form", form)
    try:
        made = bookings.answer_help(
            uow.session(),
            identity.subject_citizen(),
            parse_id(form.request_id.data),
            request.form.get("how"),
            slot_id=parse_id(form.slot.data),
            form=form.form.data,
            topic=form.topic.data,
            exemption_reason=_exemption_reason,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        return _refused(citizen_id, "help_form", form, error)
    guard.describe_change("booking.help_answer", f"booking {made.id} slot {made.slot_id}")
    return _done(citizen_id, "hjaelp")


def _exemption_reason(code: str) -> str:
    return gettext(
        "Borgeren bad om hjælp til at booke: %(reason)s", reason=HELP_REASONS.get(code, code)
    )
