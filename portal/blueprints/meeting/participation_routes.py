"""One flow for "how will you take part?": the question, its follow-up questions (a page of
their own without JavaScript), the consent question (only for video without consent in force),
the check page and the confirmation with its receipt.

The choice waits in the session between the steps (pending.py), so every page after a POST is
reached by a redirect and a GET (Post/Redirect/Get): Back never asks to send a form again.
Nothing is written before "Bekræft"; the service checks the choice at every step.
"""

from flask import (
    abort,
    flash,
    get_flashed_messages,
    redirect,
    request,
    url_for,
)

from portal import clock
from portal.blueprints.meeting import bp, pending
from portal.blueprints.meeting.forms import (
    ConfirmForm,
    DetailsForm,
    ParticipationForm,
    VideoConsentForm,
    echo_labels,
    mode_choices,
    speak_about,
)
from portal.blueprints.meeting.receipt import participation_receipt
from portal.forms import show_domain_error
from portal.models import Mode, Source
from portal.services import meeting as meetings
from portal.services.errors import DomainError
from portal.text.errors import status_for
from portal.text.meeting import MODE_NAMES
from portal.web import guard, htmx, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, Role, requires
from portal.web.documents import file_download

# The modes whose follow-up questions apply (the rest have none).
WITH_DETAILS = {Mode.IN_PERSON, Mode.VIRTUAL, Mode.REPRESENTED}


def _speaks_for() -> str | None:
    """The citizen's first name when someone else chooses for them (a delegate, or a preview as
    one): the pages then speak about the citizen ("Hanne møder op")."""
    actor = identity.current_actor()
    if actor.role is Role.DELEGATE or actor.preview_delegate_id is not None:
        return identity.subject_citizen().first_name
    return None


def _meeting_and_state():
    citizen = identity.subject_citizen()
    meeting = meetings.current_meeting(uow.session(), citizen.id, clock.now())
    if meeting is None:
        return None, None
    return meeting, meetings.state(uow.session(), meeting, clock.now())


def _answers(choice: dict) -> dict:
    """The choice as the service's keyword arguments."""
    return {
        "representative_name": choice.get("representative_name"),
        "representative_relation": choice.get("representative_relation"),
        "companion_name": choice.get("companion_name"),
        "interpreter_needed": choice.get("interpreter_needed") == "ja",
        "interpreter_language": choice.get("interpreter_language"),
    }


def _check(meeting, choice: dict, follow_ups: bool = True) -> None:
    meetings.check_choice(
        uow.session(),
        meeting,
        choice.get("mode") or "",
        at=clock.now(),
        expected_version=choice.get("version"),
        follow_ups=follow_ups,
        **_answers(choice),
    )


def _next_step(choice: dict, state) -> str:
    """Where the choice goes next: its follow-up questions, the consent question, or the check."""
    if not choice.get("details") and choice.get("mode") in WITH_DETAILS:
        return url_for("meeting.participation_details")
    if choice.get("mode") == Mode.VIRTUAL and not state.consent and not choice.get("consent"):
        return url_for("meeting.video_consent")
    return url_for("meeting.participation_check")


def _question_form(state, choice: dict | None = None, formdata=None) -> ParticipationForm:
    """The question, filled with the choice under way (`choice`), or with the citizen's own
    standing choice. Nothing else is chosen in advance."""
    current = state.participation
    own = current is not None and current.source == Source.CHOICE
    if choice is not None:
        values = {name: choice.get(name) for name in pending.ANSWERS}
    else:
        values = {
            "mode": current.mode if own else None,
            "representative_name": current.representative_name if current else "",
            "representative_relation": current.representative_relation if current else "",
            "companion_name": current.companion_name if current else "",
            "interpreter_needed": ("ja" if current.interpreter_language else "nej")
            if own
            else None,
            "interpreter_language": current.interpreter_language if current else "",
        }
    form = ParticipationForm(
        formdata=formdata, meeting_id=state.meeting.id, version=state.version, **values
    )
    form.mode.choices = mode_choices(_speaks_for())
    if name := _speaks_for():
        speak_about(form, name)
    return form


def _question_page(state, form, status=200):
    return htmx.render(
        "meeting/participation.html", meeting=state.meeting, state=state, form=form
    ), status


@bp.route("/moede/deltagelse", methods=["GET", "POST"])
@requires(Action.MEETING_PARTICIPATION)
def participation():
    meeting, state = _meeting_and_state()
    if meeting is None:
        return redirect(url_for("meeting.overview"))
    remembered = pending.recall(meeting.id) if request.args.get("ret") else None
    if request.method == "GET":
        usable = remembered if remembered and "done" not in remembered else None
        return _question_page(state, _question_form(state, usable))
    form = _question_form(state, formdata=request.form)
    # Another citizen's meeting (or a tampered id) is not found: the audited 404.
    posted = meetings.meeting_of(uow.session(), identity.subject_citizen().id, form.meeting_id.data)
    if not form.validate():
        return _question_page(state, form, 400)
    inline = form.inline.data == "1" or form.mode.data not in WITH_DETAILS
    answers = {name: getattr(form, name).data for name in pending.ANSWERS}
    choice = {**answers, "version": form.version.data}
    try:
        _check(posted, choice, follow_ups=inline)
    except DomainError as error:
        show_domain_error(form, error)
        if error.code == meetings.CHOICE_CHANGED:
            form.version.data = state.version  # show the choices as they are now
        return _question_page(state, form, status_for(error))
    pending.remember(posted.id, form.version.data, answers, details=inline)
    # Nothing is chosen until "Bekræft dit valg": the log reads this step as seen, not chosen.
    guard.describe_change(Action.MEETING_PARTICIPATION.value, guard.OPENED)
    return redirect(_next_step(pending.recall(posted.id), state), code=303)


@bp.route("/moede/deltagelse/detaljer", methods=["GET", "POST"])
@requires(Action.MEETING_PARTICIPATION)
def participation_details():
    """The follow-up questions on a page of their own (the way without JavaScript)."""
    meeting, state = _meeting_and_state()
    choice = pending.recall(meeting.id) if meeting else None
    if choice is None or choice.get("mode") not in WITH_DETAILS:
        return redirect(url_for("meeting.participation"))
    values = {name: choice.get(name) for name in pending.ANSWERS if name != "mode"}
    form = DetailsForm(formdata=request.form if request.method == "POST" else None, **values)
    if name := _speaks_for():
        speak_about(form, name)
    status = 200
    if request.method == "POST":
        status = 400
        if form.validate():
            answers = {name: getattr(form, name).data for name in values}
            try:
                _check(meeting, {**choice, **answers})
            except DomainError as error:
                show_domain_error(form, error)
                status = status_for(error)
            else:
                pending.update(**answers, details=True)
                guard.describe_change(Action.MEETING_PARTICIPATION.value, guard.OPENED)
                return redirect(_next_step(pending.recall(meeting.id), state), code=303)
    return htmx.render(
        "meeting/participation_details.html",
        meeting=meeting,
        state=state,
        form=form,
        mode=choice["mode"],
    ), status


@bp.get("/moede/deltagelse/samtykke")
@requires(Action.MEETING_PARTICIPATION)
def video_consent():
    """The consent question, only for video without consent in force. A delegate reads that the
    consent is the citizen's own (no form: the button's action is the citizen's alone)."""
    meeting, state = _meeting_and_state()
    choice = pending.recall(meeting.id) if meeting else None
    if choice is None or choice.get("mode") != Mode.VIRTUAL:
        return redirect(url_for("meeting.participation"))
    if state.consent:
        return redirect(_next_step(choice, state))
    return _consent_page(meeting, VideoConsentForm())


def _consent_page(meeting, form, status=200):
    return htmx.render("meeting/video_consent.html", meeting=meeting, form=form), status


@bp.post("/moede/deltagelse/samtykke")
@requires(Action.MEETING_CONSENT)
def video_consent_answer():
    meeting, _ = _meeting_and_state()
    choice = pending.recall(meeting.id) if meeting else None
    if choice is None or choice.get("mode") != Mode.VIRTUAL:
        return redirect(url_for("meeting.participation"), code=303)
    form = VideoConsentForm()
    if not form.validate():
        return _consent_page(meeting, form, 400)
    if form.answer.data == "nej":
        pending.update(mode=None, consent=False)
        return redirect(url_for("meeting.participation", ret=1), code=303)
    pending.update(consent=True)
    guard.describe_change(Action.MEETING_CONSENT.value, guard.OPENED)  # given at "Bekræft"
    return redirect(url_for("meeting.participation_check"), code=303)


@bp.get("/moede/deltagelse/tjek")
@requires(Action.MEETING_PARTICIPATION)
def participation_check():
    meeting, state = _meeting_and_state()
    choice = pending.recall(meeting.id) if meeting else None
    if choice is None:
        return redirect(url_for("meeting.participation"))
    if "done" in choice:
        return redirect(url_for("meeting.participation_done", record_id=choice["done"]))
    step = _next_step(choice, state)
    if step != url_for("meeting.participation_check"):
        return redirect(step)
    try:
        _check(meeting, choice)
    except DomainError as error:
        form = _question_form(state, choice)
        show_domain_error(form, error)
        return _question_page(state, form, status_for(error))
    name = _speaks_for()
    return htmx.render(
        "meeting/participation_check.html",
        meeting=meeting,
        state=state,
        choice=choice,
        mode_echo=echo_labels(name)[choice["mode"]],
        gives_consent=choice["mode"] == Mode.VIRTUAL and not state.consent,
        has_details=choice["mode"] in WITH_DETAILS,
        form=ConfirmForm(),
    )


@bp.post("/moede/deltagelse/bekraeft")
@requires(Action.MEETING_PARTICIPATION)
def participation_confirm():
    """Write the checked choice. Video without consent in force gives the consent first, in the
    same request: the request is one unit of work, so a refused choice leaves no consent."""
    if not ConfirmForm().validate():
        abort(400)  # the form holds nothing but its CSRF token: a send without one
    meeting, state = _meeting_and_state()
    choice = pending.recall(meeting.id) if meeting else None
    if choice is None:
        return redirect(url_for("meeting.participation"), code=303)
    if "done" in choice:  # pressed twice, or Back and again: the first press wrote it
        return redirect(url_for("meeting.participation_done", record_id=choice["done"]), code=303)
    if _next_step(choice, state) != url_for("meeting.participation_check"):
        return redirect(_next_step(choice, state), code=303)
    session, now = uow.session(), clock.now()
    actor_id = identity.current_actor().person_id
    try:
        if choice["mode"] == Mode.VIRTUAL and not state.consent:
            guard.authorize(Action.MEETING_CONSENT)  # consent is the citizen's own
            meetings.set_consent(session, meeting, True, at=now, actor_id=actor_id)
            guard.describe_change("meeting.participation", "video chosen with consent")
        changed = meetings.choose_participation(
            session,
            meeting,
            choice["mode"],
            at=now,
            actor_id=actor_id,
            on_behalf_of_id=identity.on_behalf_of(),
            expected_version=choice.get("version"),
            **_answers(choice),
        )
    except DomainError as error:
        form = _question_form(state, choice)
        show_domain_error(form, error)
        if error.code == meetings.CHOICE_CHANGED:
            form.version.data = state.version
        return _question_page(state, form, status_for(error))
    record = meetings.current_participation(session, meeting)
    pending.finish(meeting.id, record.id)
    if not changed:
        flash("participation_unchanged", "participation")
    return redirect(url_for("meeting.participation_done", record_id=record.id), code=303)


@bp.route("/moede/deltagelse/valg/<int:record_id>")
@requires(Action.MEETING_VIEW)
def participation_done(record_id: int):
    """The confirmation of a choice, with its receipt: what, when, by whom, what happens next."""
    citizen = identity.subject_citizen()
    record = meetings.participation_record_of(uow.session(), citizen.id, record_id)
    state = meetings.state(uow.session(), record.meeting, clock.now())
    consent = next((c for c in state.consent_history if c.given and c.at == record.at), None)
    unchanged = "participation_unchanged" in get_flashed_messages(category_filter=["participation"])
    return htmx.render(
        "meeting/participation_done.html",
        meeting=record.meeting,
        state=state,
        record=record,
        consent=consent,
        in_force=state.participation is not None and state.participation.id == record.id,
        unchanged=unchanged,
        echo=echo_labels(_speaks_for()),
        mode_names=MODE_NAMES,
    )


@bp.route("/moede/deltagelse/valg/<int:record_id>/kvittering")
@requires(Action.MEETING_VIEW)
def participation_receipt_file(record_id: int):
    citizen = identity.subject_citizen()
    record = meetings.participation_record_of(uow.session(), citizen.id, record_id)
    return file_download(
        "text/plain",
        f"kvittering-deltagelse-{record.id}.txt",
        lambda: participation_receipt(record, citizen),
    )
