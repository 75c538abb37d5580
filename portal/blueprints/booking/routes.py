"""The citizen's conversations: see them, book within the deadline, rebook, cancel, calendar file.

Booking is a short path: choose a day and a time (`/samtaler/book`), choose the form and add a
note (`/samtaler/book/detaljer`), check, confirm (`/samtaler/book/bekraeft`), then the
conversation's own page says what was booked. Every page works by full page loads; htmx only
loads a day's times in place.
"""

from __future__ import annotations

from datetime import date

from flask import Response, redirect, render_template, request, url_for

from portal import clock
from portal.blueprints.booking import bp
from portal.blueprints.booking.forms import CallbackForm, CancelForm, ChoiceForm, form_choices
from portal.extensions import db
from portal.forms import show_domain_error
from portal.services import booking as bookings
from portal.services.calendar_file import conversation_ics
from portal.services.errors import DomainError, NotFound
from portal.text.errors import MESSAGES
from portal.web import guard, htmx, identity
from portal.web.access import Action, requires

MAX_ID = 2**31 - 1


def _id(value) -> int | None:
    """A positive database id from a form or query value; anything else is no id at all."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


def _own_booking(booking_id: int, action: Action):
    try:
        return bookings.booking_of(db.session, identity.subject_citizen().id, booking_id)
    except NotFound:
        guard.not_found(action, detail="booking_not_yours")


def _message(code: str) -> str:
    return str(MESSAGES.get(code, MESSAGES["slot_unknown"]))


# --- Pages --------------------------------------------------------------------------------


@bp.route("/samtaler")
@requires(Action.BOOKING_VIEW)
def index():
    citizen = identity.subject_citizen()
    now = clock.now()
    window = bookings.open_window(db.session, citizen.id, clock.today())
    held = bookings.active_in_window(db.session, citizen.id, window.id) if window else None
    return render_template(
        "booking/index.html",
        window=window,
        held=held,
        exempted=bookings.is_exempted(db.session, citizen.id),
        conversations=bookings.conversations(db.session, citizen.id, now),
        callback=any(
            r.window_id == (window.id if window else None)
            for r in bookings.callback_requests(db.session, citizen.id)
        ),
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


def _picker(rebooking=None, error: str | None = None, status: int = 200):
    citizen = identity.subject_citizen()
    now = clock.now()
    exempted = bookings.is_exempted(db.session, citizen.id)
    window = (
        rebooking.window
        if rebooking
        else bookings.open_window(db.session, citizen.id, clock.today())
    )
    days = bookings.by_day(bookings.free_slots(db.session, citizen, window, now)) if window else []
    day = _chosen_day(days, request.args.get("dag"))
    held = None
    if window and rebooking is None:
        held = bookings.active_in_window(db.session, citizen.id, window.id)
    body = htmx.render(
        "booking/choose.html",
        block="day_slots",
        window=window,
        exempted=exempted,
        days=days,
        day=day,
        slots=next((d.slots for d in days if d.day == day), []),
        rebooking=rebooking,
        held=held,
        error=error,
        callback_form=CallbackForm(),
    )
    return body, status


@bp.route("/samtaler/book")
@requires(Action.BOOKING_VIEW)
def choose():
    return _picker()


@bp.route("/samtaler/<int:booking_id>/flyt")
@requires(Action.BOOKING_VIEW)
def rebook(booking_id: int):
    old = _own_booking(booking_id, Action.BOOKING_VIEW)
    if not bookings.can_change(old, clock.now()):
        return redirect(url_for("booking.show", booking_id=old.id))
    return _picker(rebooking=old)


def _rebooking_from(form: ChoiceForm, action: Action):
    raw = form.rebook.data
    if not raw:
        return None
    booking_id = _id(raw)
    if booking_id is None:
        guard.not_found(action, detail="booking_not_yours")
    return _own_booking(booking_id, action)


def _details_page(form: ChoiceForm, slot, rebooking, status: int = 200):
    form.form.choices = [c for c in form_choices() if c.value in slot.form_list]
    return render_template(
        "booking/details.html", form=form, slot=slot, rebooking=rebooking
    ), status


@bp.route("/samtaler/book/detaljer", methods=["GET", "POST"])
@requires(Action.BOOKING_VIEW)
def details():
    """Choose how to meet and add a note; a POST shows the check page (it changes nothing)."""
    citizen = identity.subject_citizen()
    form = ChoiceForm(formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        form.slot.data = request.args.get("tid", "")
        form.rebook.data = request.args.get("flyt", "")
    rebooking = _rebooking_from(form, Action.BOOKING_VIEW)
    slot_id = _id(form.slot.data)
    try:
        bookings.check_choice(
            db.session, citizen, slot_id, None, None, clock.now(), rebooking=rebooking
        )
    except DomainError as error:
        if error.field == "slot" or error.code in ("exempted", "no_window", "past_cutoff"):
            return _picker(
                rebooking,
                error=_message(error.code),
                status=409 if error.code == "slot_taken" else 400,
            )
        raise
    slot = bookings.slot_by_id(db.session, slot_id)
    if len(slot.form_list) == 1 and not form.form.data:
        form.form.data = slot.form_list[0]
    if request.method == "GET" or "ret" in request.form:
        return _details_page(form, slot, rebooking)
    if not form.validate_on_submit():
        return _details_page(form, slot, rebooking, 400)
    try:
        bookings.check_choice(
            db.session,
            citizen,
            slot_id,
            form.form.data or None,
            form.note.data,
            clock.now(),
            rebooking=rebooking,
        )
        if not form.form.data:
            raise DomainError("form_required", field="form")
    except DomainError as error:
        show_domain_error(form, error, MESSAGES)
        return _details_page(form, slot, rebooking, 400)
    return render_template("booking/check.html", form=form, slot=slot, rebooking=rebooking)


@bp.route("/samtaler/book/bekraeft", methods=["POST"])
@requires(Action.BOOKING_CHANGE)
def confirm():
    citizen = identity.subject_citizen()
    form = ChoiceForm()
    rebooking = _rebooking_from(form, Action.BOOKING_CHANGE)
    slot_id = _id(form.slot.data)
    action = "booking.rebook" if rebooking else "booking.book"
    try:
        if not form.validate_on_submit():
            raise DomainError("note_too_long", field="note")
        if rebooking is not None:
            made = bookings.rebook(
                db.session,
                citizen,
                rebooking,
                slot_id,
                form.form.data,
                form.note.data,
                actor_id=identity.current_actor().person_id,
                now=clock.now(),
            )
        else:
            made = bookings.book(
                db.session,
                citizen,
                slot_id,
                form.form.data,
                form.note.data,
                actor_id=identity.current_actor().person_id,
                now=clock.now(),
            )
    except DomainError as error:
        guard.record_refused(action, error.code)
        if error.field in ("form", "note") and (slot := bookings.slot_by_id(db.session, slot_id)):
            show_domain_error(form, error, MESSAGES)
            return _details_page(form, slot, rebooking, 400)
        if rebooking is not None:
            db.session.refresh(rebooking)
        return _picker(rebooking, error=_message(error.code), status=409)
    guard.describe_change(
        action,
        f"booking {made.id} slot {made.slot_id}"
        + (f" replaces {rebooking.id}" if rebooking else ""),
    )
    db.session.commit()
    return redirect(
        url_for("booking.show", booking_id=made.id, udfoert="flyttet" if rebooking else "booket")
    )


@bp.route("/samtaler/<int:booking_id>")
@requires(Action.BOOKING_VIEW)
def show(booking_id: int):
    found = _own_booking(booking_id, Action.BOOKING_VIEW)
    now = clock.now()
    return render_template(
        "booking/show.html",
        booking=found,
        done=request.args.get("udfoert"),
        can_change=bookings.can_change(found, now),
        deadline=bookings.change_deadline(found),
        is_past=found.slot.ends_at <= now,
    )


@bp.route("/samtaler/<int:booking_id>/kalender.ics")
@requires(Action.BOOKING_VIEW)
def calendar(booking_id: int):
    found = _own_booking(booking_id, Action.BOOKING_VIEW)
    body = conversation_ics(found, host=request.host, now=clock.now())
    return Response(
        body,
        mimetype="text/calendar",
        headers={"Content-Disposition": f'attachment; filename="samtale-{found.id}.ics"'},
    )


@bp.route("/samtaler/<int:booking_id>/aflys", methods=["GET", "POST"])
@requires(Action.BOOKING_CHANGE)
def cancel(booking_id: int):
    found = _own_booking(booking_id, Action.BOOKING_CHANGE)
    form = CancelForm()
    now = clock.now()
    if request.method == "POST":
        try:
            if not form.validate_on_submit():
                raise DomainError("reason_too_long", field="reason")
            bookings.cancel(
                db.session,
                found,
                form.reason.data,
                actor_id=identity.current_actor().person_id,
                now=now,
            )
        except DomainError as error:
            guard.record_refused("booking.cancel", error.code)
            show_domain_error(form, error, MESSAGES)
            found = _own_booking(booking_id, Action.BOOKING_CHANGE)
            return render_template(
                "booking/cancel.html",
                booking=found,
                form=form,
                can_change=bookings.can_change(found, now),
            ), 400
        guard.describe_change("booking.cancel", f"booking {found.id} slot {found.slot_id}")
        db.session.commit()
        return redirect(url_for("booking.index", udfoert="aflyst"))
    return render_template(
        "booking/cancel.html", booking=found, form=form, can_change=bookings.can_change(found, now)
    )


@bp.route("/samtaler/ring-mig-op", methods=["POST"])
@requires(Action.BOOKING_CHANGE)
def call_me():
    citizen = identity.subject_citizen()
    form = CallbackForm()
    try:
        if not form.validate_on_submit():
            raise DomainError("no_window")
        made = bookings.request_callback(
            db.session, citizen, actor_id=identity.current_actor().person_id, now=clock.now()
        )
    except DomainError as error:
        guard.record_refused("booking.callback", error.code)
        return redirect(url_for("booking.index"))
    guard.describe_change("booking.callback", f"callback {made.id}")
    db.session.commit()
    return redirect(url_for("booking.index", udfoert="ring"))
