"""The caseworker's side of the meeting: plan it, see the citizen's choices, answer requests."""

from flask import flash, get_flashed_messages, redirect, request, url_for

from portal import clock
from portal.blueprints.meeting import bp
from portal.blueprints.meeting.forms import (
    AssessForm,
    MeetingPlanForm,
)
from portal.forms import show_domain_error
from portal.models import RequestStatus, TeamRole
from portal.services import meeting as meetings
from portal.services.errors import DomainError
from portal.text.errors import status_for
from portal.text.meeting import MODE_NAMES, ROLE_LABELS, SECTION_LABELS
from portal.web import htmx, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, requires

STAFF_CONFIRMATIONS = {"meeting_saved", "request_accepted", "request_declined"}


def _staff_page(citizen_id: int, assess_form=None, status=200):
    session = uow.session()
    person = identity.subject_citizen()
    now = clock.now()
    meeting = meetings.current_meeting(session, citizen_id, now)
    state = meetings.state(session, meeting, now) if meeting else None
    if state and assess_form is None:
        assess_form = AssessForm(version=state.version)
    codes = [
        c
        for c in get_flashed_messages(category_filter=["staff-meeting"])
        if c in STAFF_CONFIRMATIONS
    ]
    preparation = meetings.preparation_of(session, meeting) if meeting else None
    sent = meetings.last_sent(session, meeting) if meeting else None
    return htmx.render(
        "meeting/staff.html",
        person=person,
        meeting=meeting,
        state=state,
        assess_form=assess_form,
        mode_labels=MODE_NAMES,
        role_labels=ROLE_LABELS,
        section_labels=SECTION_LABELS,
        sent=sent,
        changed_since_sent=bool(sent) and meetings.has_unsent_changes(preparation),
        pending=bool(
            state and state.participation and state.participation.status == RequestStatus.PENDING
        ),
        confirmation=codes[-1] if codes else None,
    ), status


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/moede")
@requires(Action.STAFF_MEETING_VIEW)
def staff_view(citizen_id: int):
    return _staff_page(citizen_id)


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/moede/planlaeg", methods=["GET", "POST"])
@requires(Action.STAFF_MEETING_PLAN)
def staff_plan(citizen_id: int):
    person = identity.subject_citizen()
    now = clock.now()
    meeting = meetings.current_meeting(uow.session(), citizen_id, now)
    form = MeetingPlanForm(
        data=_form_data(meeting) if meeting and request.method == "GET" else None
    )
    if request.method == "GET" and not meeting:
        form.roles.data = [TeamRole.EMPLOYMENT, TeamRole.HEALTH, TeamRole.SOCIAL] + (
            [TeamRole.EDUCATION] if meetings.is_under_30(person.birth_date, clock.today()) else []
        )
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        deadline = None
        if form.deadline_date.data:
            time = form.deadline_time.data or form.start_time.data
            deadline = clock.at_local(form.deadline_date.data, time.hour, time.minute)
        roles = {r: getattr(form, f"name_{r}").data for r in form.roles.data or []}
        try:
            meetings.plan_meeting(
                uow.session(),
                citizen_id,
                starts_at=clock.at_local(
                    form.start_date.data, form.start_time.data.hour, form.start_time.data.minute
                ),
                at=now,
                actor_id=identity.current_actor().person_id,
                place=form.place.data,
                video_url=form.video_url.data,
                roles=roles,
                change_deadline=deadline,
                duration_minutes=form.duration.data,
                meeting=meeting,
            )
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
        else:
            flash("meeting_saved", "staff-meeting")
            return redirect(url_for("meeting.staff_view", citizen_id=citizen_id))
    return htmx.render("meeting/staff_plan.html", person=person, meeting=meeting, form=form), status


def _form_data(meeting) -> dict:
    start = clock.local(meeting.starts_at)
    deadline = clock.local(meeting.change_deadline)
    data = {
        "start_date": start.date(),
        "start_time": start.time().replace(tzinfo=None),
        "duration": meeting.duration_minutes,
        "place": meeting.place or "",
        "video_url": meeting.video_url or "",
        "deadline_date": deadline.date(),
        "deadline_time": deadline.time().replace(tzinfo=None),
        "roles": [m.role for m in meeting.members],
    }
    for member in meeting.members:
        data[f"name_{member.role}"] = member.name or ""
    return data


@bp.route("/medarbejder/borger/<citizen_id:citizen_id>/moede/vurdering", methods=["POST"])
@requires(Action.STAFF_MEETING_ASSESS)
def staff_assess(citizen_id: int):
    form = AssessForm()
    meeting = meetings.current_meeting(uow.session(), citizen_id, clock.now())
    if meeting is None:
        return redirect(url_for("meeting.staff_view", citizen_id=citizen_id))
    status = 400
    if form.validate():
        try:
            meetings.assess_request(
                uow.session(),
                meeting,
                form.decision.data == "accept",
                form.reason.data,
                at=clock.now(),
                actor_id=identity.current_actor().person_id,
                expected_version=form.version.data,
            )
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
        else:
            flash(
                "request_accepted" if form.decision.data == "accept" else "request_declined",
                "staff-meeting",
            )
            return redirect(url_for("meeting.staff_view", citizen_id=citizen_id))
    return _staff_page(citizen_id, assess_form=form, status=status)
