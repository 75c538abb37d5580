"""The caseworker's side of conversations: publish slots, open a deadline window, exempt, summon."""

from __future__ import annotations

from flask import redirect, render_template, request, url_for
from wtforms.fields.choices import SelectChoice

from portal import clock
from portal.blueprints.booking import bp
from portal.blueprints.booking.forms import (
    ExemptionForm,
    SlotsForm,
    SummonForm,
    WindowForm,
    form_choices,
)
from portal.extensions import db
from portal.forms import show_domain_error
from portal.services import booking as bookings
from portal.services.errors import DomainError
from portal.text.errors import MESSAGES
from portal.web import guard, identity
from portal.web.access import Action, requires

SUMMON_CHOICES = 20


def _citizen_page(citizen_id: int, status: int = 200, **forms):
    citizen = identity.subject_citizen()
    now = clock.now()
    caseworker_id = identity.current_actor().person_id
    window_form = forms.get("window_form") or WindowForm(prefix="frist", formdata=None)
    exemption_form = forms.get("exemption_form") or ExemptionForm(
        prefix="fritagelse", formdata=None
    )
    summon_form = forms.get("summon_form") or SummonForm(prefix="indkald", formdata=None)
    free = bookings.caseworker_free_slots(db.session, caseworker_id, now)[:SUMMON_CHOICES]
    # The labels are written by the template, in full Danish dates.
    summon_form.slot.choices = [SelectChoice(str(s.id), str(s.id)) for s in free]
    summon_form.form.choices = form_choices()
    exempted = bookings.is_exempted(db.session, citizen_id)
    exemption_form.exempt.data = "0" if exempted else "1"
    return render_template(
        "booking/staff_citizen.html",
        person=citizen,
        window=bookings.open_window(db.session, citizen_id, clock.today()),
        exempted=exempted,
        exemption=bookings.latest_exemption(db.session, citizen_id),
        history=bookings.all_bookings(db.session, citizen_id),
        callbacks=bookings.callback_requests(db.session, citizen_id),
        free_slots=free,
        window_form=window_form,
        exemption_form=exemption_form,
        summon_form=summon_form,
        done=request.args.get("udfoert"),
        now=now,
    ), status


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler")
@requires(Action.STAFF_BOOKING_VIEW)
def staff_citizen(citizen_id: int):
    return _citizen_page(citizen_id)


def _done(citizen_id: int, what: str):
    return redirect(url_for("booking.staff_citizen", citizen_id=citizen_id, udfoert=what))


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler/frist", methods=["POST"])
@requires(Action.STAFF_BOOKING_CHANGE)
def staff_window(citizen_id: int):
    form = WindowForm(prefix="frist")
    try:
        if not form.validate_on_submit():
            raise DomainError("invalid")
        window = bookings.open_deadline(
            db.session,
            citizen_id,
            opens_on=form.opens_on.data,
            closes_on=form.closes_on.data,
            topic=form.topic.data,
            cutoff_hours=form.cutoff_hours.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        guard.record_refused("booking.window", error.code)
        if error.code != "invalid":
            show_domain_error(form, error, MESSAGES)
        return _citizen_page(citizen_id, 400, window_form=form)
    guard.describe_change(
        "booking.window", f"window {window.id} {window.opens_on}..{window.closes_on}"
    )
    db.session.commit()
    return _done(citizen_id, "frist")


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler/fritagelse", methods=["POST"])
@requires(Action.STAFF_BOOKING_CHANGE)
def staff_exemption(citizen_id: int):
    form = ExemptionForm(prefix="fritagelse")
    try:
        if not form.validate_on_submit():
            raise DomainError("invalid")
        if form.exempt.data not in ("0", "1"):
            raise DomainError("exemption_unchanged")
        row = bookings.set_exemption(
            db.session,
            citizen_id,
            form.exempt.data == "1",
            form.reason.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        guard.record_refused("booking.exemption", error.code)
        if error.code != "invalid":
            show_domain_error(form, error, MESSAGES)
        return _citizen_page(citizen_id, 400, exemption_form=form)
    guard.describe_change("booking.exemption", "exempted" if row.exempted else "not exempted")
    db.session.commit()
    return _done(citizen_id, "fritaget" if row.exempted else "selvbooking")


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler/indkald", methods=["POST"])
@requires(Action.STAFF_BOOKING_CHANGE)
def staff_summon(citizen_id: int):
    form = SummonForm(prefix="indkald")
    citizen = identity.subject_citizen()
    try:
        if not form.validate_on_submit():
            raise DomainError("invalid")
        try:
            slot_id = int(form.slot.data or "")
        except ValueError:
            slot_id = None
        made = bookings.summon(
            db.session,
            citizen,
            slot_id,
            form.form.data,
            form.topic.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        guard.record_refused("booking.summon", error.code)
        if error.code != "invalid":
            show_domain_error(form, error, MESSAGES)
        return _citizen_page(citizen_id, 400, summon_form=form)
    guard.describe_change("booking.summon", f"booking {made.id} slot {made.slot_id}")
    db.session.commit()
    return _done(citizen_id, "indkaldt")


def _slots_page(form: SlotsForm, status: int = 200):
    form.forms.choices = form_choices()
    now = clock.now()
    slots = bookings.caseworker_slots(db.session, identity.current_actor().person_id, now)
    taken = {b.slot_id: b for b in bookings.active_bookings_on(db.session, [s.id for s in slots])}
    return render_template(
        "booking/staff_slots.html",
        form=form,
        days=bookings.by_day(slots),
        taken=taken,
        done=request.args.get("udfoert"),
        count=request.args.get("antal", type=int),
    ), status


@bp.route("/medarbejder/tider", methods=["GET", "POST"])
@requires(Action.STAFF_SLOTS_VIEW)
def staff_slots():
    if request.method == "GET":
        form = SlotsForm(formdata=None)
        form.forms.data = [c.value for c in form_choices()]
        return _slots_page(form)
    return _publish()


def _publish():
    from portal.web import guard

    guard.authorize(Action.STAFF_SLOTS_PUBLISH)
    form = SlotsForm()
    try:
        if not form.validate_on_submit():
            raise DomainError("invalid")
        try:
            weekdays = [int(d) for d in form.weekdays.data or []]
            minutes = int(form.minutes.data or 0)
        except ValueError:
            raise DomainError("weekdays_required", field="weekdays") from None
        made = bookings.publish_slots(
            db.session,
            identity.current_actor().person_id,
            bookings.SlotPlan(
                first_day=form.first_day.data,
                last_day=form.last_day.data,
                weekdays=weekdays,
                start=form.start.data,
                end=form.end.data,
                minutes=minutes,
                forms=list(form.forms.data or []),
                place=form.place.data,
            ),
            now=clock.now(),
        )
    except DomainError as error:
        guard.record_refused("booking.publish", error.code)
        if error.code != "invalid":
            show_domain_error(form, error, MESSAGES)
        return _slots_page(form, 400)
    guard.describe_change("booking.publish", f"{len(made)} slots")
    db.session.commit()
    return redirect(url_for("booking.staff_slots", udfoert="offentliggjort", antal=len(made)))
