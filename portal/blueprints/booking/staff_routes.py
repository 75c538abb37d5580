"""The caseworker's side of conversations: publish slots, open a deadline window, exempt, summon.

The citizen's page holds three small forms; a refused one is shown again on that page with its
message next to the field (status from the one table), the others empty.
"""

from __future__ import annotations

from datetime import date

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
from portal.blueprints.booking.help_forms import HELP_REASONS, HelpAnswerForm
from portal.forms import show_domain_error
from portal.forms.fields import parse_id
from portal.services import booking as bookings
from portal.services.errors import DomainError
from portal.text.errors import status_for
from portal.web import guard, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires

SUMMON_CHOICES = 20
# The query keys of the later pages: the booking history, the call-me requests.
BOOKINGS_KEY, CALLBACKS_KEY = "aeldre", "aeldre_opkald"


def _key(name: str) -> int | None:
    return parse_id(request.args.get(name))


def _citizen_page(citizen_id: int, status: int = 200, **forms):
    session, citizen, now, today = (
        uow.session(),
        identity.subject_citizen(),
        clock.now(),
        clock.today(),
    )
    caseworker_id = identity.current_actor().person_id
    window_form = forms.get("window_form") or WindowForm(prefix="frist", formdata=None)
    exemption_form = forms.get("exemption_form") or ExemptionForm(
        prefix="fritagelse", formdata=None
    )
    # The newest exemption, the open window and its help request: one statement.
    standing = bookings.standing(session, citizen_id, today)
    exemption_form.exempt.data = "0" if standing.exempted else "1"
    # The free slots and the two forms that offer them are read and built only when a section
    # shows them (an exempted citizen: summon; an open help request: answer it), or when one of
    # those forms was refused and is shown again. Most views show neither.
    summon_form = forms.get("summon_form")
    if summon_form is None and standing.exempted:
        summon_form = SummonForm(prefix="indkald", formdata=None)
    help_form = forms.get("help_form")
    if help_form is None and standing.help_open:
        help_form = HelpAnswerForm(prefix="hjaelp", formdata=None)
    free = []
    if summon_form or help_form:
        free = bookings.caseworker_free_slots(session, caseworker_id, now, limit=SUMMON_CHOICES)
        # The labels are written by the template, in full Danish dates.
        slot_choices = [SelectChoice(str(s.id), str(s.id)) for s in free]
        for form in (summon_form, help_form):
            if form:
                form.slot.choices = slot_choices
                form.form.choices = form_choices()
    if help_form and standing.help_request is not None:
        help_form.request_id.data = str(standing.help_request.id)
    window = standing.window
    return render_template(
        "booking/staff_citizen.html",
        person=citizen,
        window=window,
        working_days_left=bookings.working_days_in(window, today) if window else 0,
        exempted=standing.exempted,
        exemption=standing.exemption,
        # Later pages of the two look-back lists: a plain link names the last row shown. An odd
        # value is no key (the newest page); a key not among this citizen's rows shows no rows.
        history=bookings.booking_history(session, citizen_id, before=_key(BOOKINGS_KEY)),
        callbacks=bookings.callback_history(session, citizen_id, before=_key(CALLBACKS_KEY)),
        free_slots=free,
        window_form=window_form,
        exemption_form=exemption_form,
        summon_form=summon_form,
        help_request=standing.help_request,
        help_form=help_form,
        help_reasons=HELP_REASONS,
        done=request.args.get("udfoert"),
        now=now,
    ), status


def _refused(citizen_id: int, name: str, form, error: DomainError | None = None):
    """The citizen's page again with the refused form `name` as it was sent."""
    if error is None:  # the form itself did not validate: its messages are on its fields
        return _citizen_page(citizen_id, 400, **{name: form})
    show_domain_error(form, error)
    return _citizen_page(citizen_id, status_for(error), **{name: form})


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler")
@requires(Action.STAFF_BOOKING_VIEW)
def staff_citizen(citizen_id: int):
    return _citizen_page(citizen_id)


def _done(citizen_id: int, what: str):
    return redirect(url_for("booking.staff_citizen", citizen_id=citizen_id, udfoert=what))


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler/frist", methods=["POST"])
@requires(Action.STAFF_BOOKING_CHANGE)
def staff_window(citizen_id: int):
    """Open the next deadline window; the same window sent twice is opened once."""
    form = WindowForm(prefix="frist")
    if not form.validate_on_submit():
        return _refused(citizen_id, "window_form", form)
    try:
        window = bookings.open_deadline(
            uow.session(),
            citizen_id,
            opens_on=form.opens_on.data,
            closes_on=form.closes_on.data,
            topic=form.topic.data,
            cutoff_hours=form.cutoff_hours.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        return _refused(citizen_id, "window_form", form, error)
    guard.describe_change(
        "booking.window", f"window {window.id} {window.opens_on}..{window.closes_on}"
    )
    return _done(citizen_id, "frist")


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler/fritagelse", methods=["POST"])
@requires(Action.STAFF_BOOKING_CHANGE)
def staff_exemption(citizen_id: int):
    form = ExemptionForm(prefix="fritagelse")
    if not form.validate_on_submit():
        return _refused(citizen_id, "exemption_form", form)
    try:
        row = bookings.set_exemption(
            uow.session(),
            citizen_id,
            form.exempted,
            form.reason.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        return _refused(citizen_id, "exemption_form", form, error)
    guard.describe_change("booking.exemption", "exempted" if row.exempted else "not exempted")
    return _done(citizen_id, "fritaget" if row.exempted else "selvbooking")


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/samtaler/indkald", methods=["POST"])
@requires(Action.STAFF_BOOKING_CHANGE)
def staff_summon(citizen_id: int):
    form = SummonForm(prefix="indkald")
    if not form.validate_on_submit():
        return _refused(citizen_id, "summon_form", form)
    try:
        made = bookings.summon(
            uow.session(),
            identity.subject_citizen(),
            parse_id(form.slot.data),
            form.form.data,
            form.topic.data,
            actor_id=identity.current_actor().person_id,
            now=clock.now(),
        )
    except DomainError as error:
        return _refused(citizen_id, "summon_form", form, error)
    guard.describe_change("booking.summon", f"booking {made.id} slot {made.slot_id}")
    return _done(citizen_id, "indkaldt")


def _week_asked_for() -> date | None:
    """`?uge=YYYY-MM-DD`: a day of the week to show (anything else: this week)."""
    try:
        return date.fromisoformat(request.args.get("uge", ""))
    except ValueError:
        return None


def _slots_page(form: SlotsForm, status: int = 200):
    session, now = uow.session(), clock.now()
    form.forms.choices = form_choices()
    week = bookings.caseworker_week(
        session, identity.current_actor().person_id, now, _week_asked_for()
    )
    taken = {b.slot_id: b for b in bookings.active_bookings_on(session, [s.id for s in week.slots])}
    return render_template(
        "booking/staff_slots.html",
        form=form,
        week=week,
        days=bookings.by_day(week.slots),
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
    guard.authorize(Action.STAFF_SLOTS_PUBLISH)
    form = SlotsForm()
    if not form.validate_on_submit():
        return _slots_page(form, 400)
    try:
        made = bookings.publish_slots(
            uow.session(), identity.current_actor().person_id, form.plan(), now=clock.now()
        )
    except DomainError as error:
        show_domain_error(form, error)
        return _slots_page(form, status_for(error))
    guard.describe_change("booking.publish", f"{len(made)} slots")
    return redirect(url_for("booking.staff_slots", udfoert="offentliggjort", antal=len(made)))
