"""The citizen's conversations: see them, book within the deadline, rebook, cancel, calendar file.

Booking is a short path: choose a day and a time (`/samtaler/book`), choose the form and add a
note (`/samtaler/book/detaljer`), check, confirm (`/samtaler/book/bekraeft`), then the
conversation's own page says what was booked. Every page works by full page loads; htmx only
loads a day's times in place. A refusal is shown where the person can act on it: next to the
field, or on the list of free times; the unit of work undoes it and keeps it in the audit trail.
"""

from __future__ import annotations

from datetime import date

from flask import current_app, redirect, render_template, request, url_for
from flask_babel import gettext

from portal import clock
from portal.blueprints.booking import bp, pending
from portal.blueprints.booking.forms import (
    CallbackForm,
    CancelForm,
    ChoiceForm,
    form_choices,
    speak_about,
)
from portal.forms import show_domain_error
from portal.forms.fields import parse_id
from portal.services import booking as bookings
from portal.services.calendar_file import conversation_ics, uid_host
from portal.services.errors import DomainError
from portal.text.errors import message_for, status_for
from portal.web import guard, htmx, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires
from portal.web.documents import file_download
from portal.web.limits import Limit, limited
from portal.web.templating import speaking_about

# Refusals of the choice itself: the person chooses again from the free times.
CHOOSE_AGAIN = frozenset({"exempted", "no_window", "past_cutoff"})


def _own_booking(booking_id: int | None):
    """One of this citizen's bookings; another citizen's id is the audited 404 (NotFound)."""
    return bookings.booking_of(uow.session(), identity.subject_citizen().id, booking_id)


def _rebooking(raw: str | None):
    """The booking being moved, when the form names one (an odd value is not found)."""
    return _own_booking(parse_id(raw)) if raw else None


# --- Pages --------------------------------------------------------------------------------


@bp.route("/samtaler")
@requires(Action.BOOKING_VIEW)
def index():
    session, citizen, now = uow.session(), identity.subject_citizen(), clock.now()
    window = bookings.open_window(session, citizen.id, clock.today())
    before = parse_id(request.args.get("aeldre"))  # a later page of the past conversations
    conversations = bookings.conversations(session, citizen.id, now, before=before)
    held = conversations.in_window(window)
    if before is not None and window is not None:  # the newest are not all on a later page
        held = bookings.active_in_window(session, citizen.id, window.id)
    return render_template(
        "booking/index.html",
        window=window,
        held=held,
        exempted=bookings.is_exempted(session, citizen.id),
        conversations=conversations,
        ended=bookings.ended_conversations(session, citizen.id),
        viewer_id=identity.current_actor().person_id,
        callback=bookings.callback_in_window(session, citizen.id, window.id) if window else None,
        help_request=bookings.help_request(session, citizen.id, window.id) if window else None,
        done=request.args.get("udfoert"),
        now=now,
        can_change=lambda b: bookings.can_change(b, now),
        change_deadline=bookings.change_deadline,
        callback_form=CallbackForm(),
    )


def _chosen_day(days, raw: str | None) -> date | None:
    try:
        wanted = date.fromisoformat(raw) if raw else None
    except ValueError:
        wanted = None
    known = [d.day for d in days]
    if wanted in known:
        return wanted
    return known[0] if known else None


def _picker(rebooking=None, refused: DomainError | None = None):
    """The free times to choose from; after a refusal, its words on top and its status."""
    session, citizen, now = uow.session(), identity.subject_citizen(), clock.now()
    window = (
        rebooking.window if rebooking else bookings.open_window(session, citizen.id, clock.today())
    )
    days = bookings.by_day(bookings.free_slots(session, citizen, window, now)) if window else []
    day = _chosen_day(days, request.args.get("dag"))
    held = None
    if window and rebooking is None:
        held = bookings.active_in_window(session, citizen.id, window.id)
    if refused is not None:
        uow.note_refusal(refused.code)
    body = htmx.render(
        "booking/choose.html",
        block="day_slots",
        window=window,
        exempted=bookings.is_exempted(session, citizen.id),
        days=days,
        day=day,
        slots=next((d.slots for d in days if d.day == day), []),
        rebooking=rebooking,
        held=held,
        error=message_for(refused.code) if refused else None,
        callback_form=CallbackForm(),
    )
    return body, status_for(refused) if refused else 200


@bp.route("/samtaler/book")
@requires(Action.BOOKING_VIEW)
def choose():
    return _picker()


@bp.route("/samtaler/<int:booking_id>/flyt")
@requires(Action.BOOKING_VIEW)
def rebook(booking_id: int):
    old = _own_booking(booking_id)
    if not bookings.can_change(old, clock.now()):
        return redirect(url_for("booking.show", booking_id=old.id))
    return _picker(rebooking=old)


def _details_page(form: ChoiceForm, slot, rebooking, status: int = 200):
    form.form.choices = [c for c in form_choices() if c.value in slot.form_list]
    about = speaking_about(identity.current_actor(), identity.subject_citizen())
    if about.third_person:
        speak_about(form, about.name)
    return render_template(
        "booking/details.html", form=form, slot=slot, rebooking=rebooking
    ), status


@bp.route("/samtaler/book/detaljer", methods=["GET", "POST"])
@requires(Action.BOOKING_VIEW)
def details():
    """Choose how to meet and add a note; a valid POST is remembered and the check page (a GET,
    which changes nothing) shows it. `?ret=1` opens the remembered choice again to correct it."""
    session, citizen = uow.session(), identity.subject_citizen()
    form = ChoiceForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        form.slot.data = parse_id(request.args.get("tid"))
        form.rebook.data = request.args.get("flyt", "")
        remembered = pending.recall()
        if request.args.get("ret") and remembered and remembered.get("slot") == form.slot.data:
            pending.fill(form, remembered)
    rebooking = _rebooking(form.rebook.data)
    try:
        _, slot = bookings.check_choice(
            session, citizen, form.slot.data, None, None, clock.now(), rebooking=rebooking
        )
    except DomainError as error:
        if error.field == "slot" or error.code in CHOOSE_AGAIN:
            return _picker(rebooking, refused=error)
        raise
    if len(slot.form_list) == 1 and not form.form.data:
        form.form.data = slot.form_list[0]
    if request.method == "GET":
        return _details_page(form, slot, rebooking)
    if not form.validate_on_submit():
        return _details_page(form, slot, rebooking, 400)
    try:
        _check(form, rebooking)
    except DomainError as error:
        show_domain_error(form, error)
        return _details_page(form, slot, rebooking, status_for(error))
    pending.remember(form)
    return redirect(url_for("booking.check"), code=303)


def _check(form: ChoiceForm, rebooking):
    return bookings.check_details(
        uow.session(),
        identity.subject_citizen(),
        form.slot.data,
        form.form.data,
        form.note.data,
        clock.now(),
        rebooking=rebooking,
        interpreter_language=form.interpreter_language.data,
    )


@bp.route("/samtaler/book/tjek")
@requires(Action.BOOKING_VIEW)
def check():
    """The remembered choice to confirm. Once it is booked (Back after "Bekræft"), the booking's
    own page answers instead; with nothing remembered, the free times do."""
    remembered = pending.recall()
    if remembered is None:
        return redirect(url_for("booking.choose"))
    form = ChoiceForm(formdata=None)
    pending.fill(form, remembered)
    rebooking = _rebooking(form.rebook.data)
    made = bookings.booking_made_by(
        uow.session(), identity.subject_citizen().id, form.slot.data, rebooking
    )
    if made is not None:
        return redirect(url_for("booking.show", booking_id=made.id))
    try:
        window, slot = _check(form, rebooking)
    except DomainError as error:
        slot = bookings.slot_by_id(uow.session(), form.slot.data)
        if error.field in ("form", "note", "interpreter_language") and slot is not None:
            show_domain_error(form, error)
            return _details_page(form, slot, rebooking, status_for(error))
        return _picker(rebooking, refused=error)
    return render_template(
        "booking/check.html",
        form=form,
        slot=slot,
        rebooking=rebooking,
        deadline=bookings.change_deadline_for(slot, window),
    )


def _confirmed(form: ChoiceForm, rebooking):
    """Book the chosen slot, or move `rebooking` to it; the same press twice changes once."""
    session, citizen = uow.session(), identity.subject_citizen()
    actor_id = identity.current_actor().person_id
    if not form.validate_on_submit():
        if form.interpreter_language.errors:
            raise DomainError("interpreter_language_too_long", field="interpreter_language")
        raise DomainError("note_too_long", field="note")
    if rebooking is not None:
        return bookings.rebook(
            session,
            citizen,
            rebooking,
            form.slot.data,
            form.form.data,
            form.note.data,
            actor_id=actor_id,
            now=clock.now(),
            interpreter_language=form.interpreter_language.data,
        )
    return bookings.book(
        session,
        citizen,
        form.slot.data,
        form.form.data,
        form.note.data,
        actor_id=actor_id,
        now=clock.now(),
        interpreter_language=form.interpreter_language.data,
    )


@bp.route("/samtaler/book/bekraeft", methods=["POST"])
@requires(Action.BOOKING_CHANGE)
def confirm():
    form = ChoiceForm()
    rebooking = _rebooking(form.rebook.data)
    try:
        made = _confirmed(form, rebooking)
    except DomainError as error:
        slot = bookings.slot_by_id(uow.session(), form.slot.data)
        if error.field in ("form", "note", "interpreter_language") and slot is not None:
            show_domain_error(form, error)
            return _details_page(form, slot, rebooking, status_for(error))
        return _picker(rebooking, refused=error)
    guard.describe_change(
        "booking.rebook" if rebooking else "booking.book",
        f"booking {made.id} slot {made.slot_id}"
        + (f" replaces {rebooking.id}" if rebooking else ""),
    )
    return redirect(
        url_for("booking.show", booking_id=made.id, udfoert="flyttet" if rebooking else "booket")
    )


@bp.route("/samtaler/<int:booking_id>")
@requires(Action.BOOKING_VIEW)
def show(booking_id: int):
    found = _own_booking(booking_id)
    now = clock.now()
    return render_template(
        "booking/show.html",
        booking=found,
        done=request.args.get("udfoert"),
        moved_from=bookings.replaced_booking(uow.session(), found.id),
        today=clock.today(),
        viewer_id=identity.current_actor().person_id,
        can_change=bookings.can_change(found, now),
        deadline=bookings.change_deadline(found),
        is_past=found.slot.ends_at <= now,
    )


@bp.route("/samtaler/<int:booking_id>/kalender.ics")
@requires(Action.BOOKING_VIEW)
def calendar(booking_id: int):
    found = _own_booking(booking_id)
    org = current_app.config["ORGANISATION"]
    return file_download(
        "text/calendar",
        f"samtale-{found.id}.ics",
        lambda: conversation_ics(
            found,
            host=uid_host(org.email),
            now=clock.now(),
            translate=gettext,
            organiser=(org.jobcenter, org.email),
        ),
    )


@bp.route("/samtaler/<int:booking_id>/aflys", methods=["GET", "POST"])
@requires(Action.BOOKING_CHANGE)
def cancel(booking_id: int):
    found = _own_booking(booking_id)
    form = CancelForm()
    now = clock.now()

    def page(status: int = 200):
        return render_template(
            "booking/cancel.html",
            booking=found,
            form=form,
            can_change=bookings.can_change(found, now),
        ), status

    if request.method == "GET":
        if found.status != "active":  # Back after cancelling: the booking's own page says so
            return redirect(url_for("booking.show", booking_id=found.id))
        return page()
    try:
        if not form.validate_on_submit():
            raise DomainError("reason_too_long", field="reason")
        bookings.cancel(
            uow.session(),
            found,
            form.reason.data,
            actor_id=identity.current_actor().person_id,
            now=now,
        )
    except DomainError as error:
        show_domain_error(form, error)
        return page(status_for(error))
    guard.describe_change("booking.cancel", f"booking {found.id} slot {found.slot_id}")
    return redirect(url_for("booking.show", booking_id=found.id, udfoert="aflyst"))


@bp.route("/samtaler/ring-mig-op", methods=["POST"])
@requires(Action.BOOKING_CHANGE)
@limited(Limit.CALLBACK)
def call_me():
    """Ask to be called; a refusal (exempted, no window) is the calm refusal page."""
    made = bookings.request_callback(
        uow.session(),
        identity.subject_citizen(),
        actor_id=identity.current_actor().person_id,
        now=clock.now(),
    )
    guard.describe_change("booking.callback", f"callback {made.id}")
    return redirect(url_for("booking.index", udfoert="ring"))
