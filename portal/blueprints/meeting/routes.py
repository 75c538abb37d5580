"""The citizen's rehabilitation meeting: what it is, consent, participation and preparation."""

from flask import abort, flash, get_flashed_messages, redirect, url_for

from portal import clock
from portal.blueprints.meeting import bp
from portal.blueprints.meeting.forms import AnswerForm, ConsentForm, SendForm, echo_labels
from portal.blueprints.meeting.receipt import consent_receipt
from portal.forms import show_domain_error
from portal.services import meeting as meetings
from portal.services import plan as plan_service
from portal.services.errors import DomainError
from portal.text.errors import status_for
from portal.text.meeting import MODE_NAMES, ROLE_LABELS, section_hint, section_label
from portal.web import htmx, identity
from portal.web import unit_of_work as uow
from portal.web.access import Action, Role, requires
from portal.web.documents import file_download
from portal.web.templating import speaking_about

# What each confirmation says after a redirect (flash carries only the code).
CONFIRMATIONS = {
    "consent_given",
    "consent_withdrawn",
    "consent_withdrawn_switched",
    "consent_unchanged",
    "preparation_sent",
    "preparation_unchanged",
}


def _current_meeting():
    citizen = identity.subject_citizen()
    return meetings.current_meeting(uow.session(), citizen.id, clock.now())


def _about_name(citizen) -> str | None:
    """The citizen's name when someone else reads their page (a delegate, or a preview as one)."""
    actor = identity.current_actor()
    speaks_for = actor.role is Role.DELEGATE or actor.preview_delegate_id is not None
    return citizen.first_name if speaks_for else None


def _reader_id() -> int | None:
    """Who reads the history ("Du gav samtykke"): in a preview, the person whose view is shown."""
    actor = identity.current_actor()
    return actor.previewed().person_id if actor.in_preview else actor.person_id


def _confirmation():
    codes = [c for c in get_flashed_messages(category_filter=["meeting"]) if c in CONFIRMATIONS]
    return codes[-1] if codes else None


def _overview(consent_form=None, status=200):
    meeting = _current_meeting()
    if meeting is None:
        return htmx.render("meeting/none.html"), status
    state = meetings.state(uow.session(), meeting, clock.now())
    citizen = identity.subject_citizen()
    consent_form = consent_form or ConsentForm(
        meeting_id=meeting.id, choice="withdraw" if state.consent else "give"
    )
    return htmx.render(
        "meeting/overview.html",
        meeting=meeting,
        state=state,
        consent_form=consent_form,
        mode_labels=MODE_NAMES,
        echo_labels=echo_labels(_about_name(citizen)),
        role_labels=ROLE_LABELS,
        confirmation=_confirmation(),
        reader_id=_reader_id(),
        under_30=meetings.is_under_30(citizen.birth_date, clock.today()),
        preparation=meetings.preparation_of(uow.session(), meeting),
    ), status


@bp.route("/moede")
@requires(Action.MEETING_VIEW)
def overview():
    return _overview()


@bp.route("/moede/samtykke", methods=["POST"])
@requires(Action.MEETING_CONSENT)
def consent():
    form = ConsentForm()
    if not form.validate():
        return _overview(consent_form=form, status=400)
    citizen = identity.subject_citizen()
    # Another citizen's meeting (or a tampered id) is not found: the audited 404.
    meeting = meetings.meeting_of(uow.session(), citizen.id, form.meeting_id.data)
    try:
        outcome = meetings.set_consent(
            uow.session(),
            meeting,
            form.choice.data == "give",
            at=clock.now(),
            actor_id=identity.current_actor().person_id,
        )
    except DomainError as error:
        show_domain_error(form, error)
        return _overview(consent_form=form, status=status_for(error))
    if not outcome.changed:
        flash("consent_unchanged", "meeting")
    elif form.choice.data == "give":
        flash("consent_given", "meeting")
    else:
        flash(
            "consent_withdrawn_switched" if outcome.switched_to_in_person else "consent_withdrawn",
            "meeting",
        )
    return redirect(url_for("meeting.overview", _anchor="confirmation"))


@bp.route("/moede/kvittering/<int:record_id>")
@requires(Action.MEETING_VIEW)
def receipt(record_id: int):
    citizen = identity.subject_citizen()
    record = meetings.consent_record_of(uow.session(), citizen.id, record_id)
    return file_download(
        "text/plain",
        f"kvittering-samtykke-{record.id}.txt",
        lambda: consent_receipt(record, citizen),
    )


# --- Preparation ------------------------------------------------------------------------------


def _preparation_meeting():
    """The meeting being prepared; without one, the preparation pages are not found."""
    citizen = identity.subject_citizen()
    return meetings.upcoming_meeting(uow.session(), citizen.id, clock.now())


@bp.route("/moede/forbered/<section>", methods=["GET", "POST"])
@requires(Action.MEETING_PREPARATION)
def prepare(section: str):
    number = meetings.section_number(section)
    meeting = _preparation_meeting()
    preparation = meetings.preparation_of(uow.session(), meeting)
    form = AnswerForm(answer=getattr(preparation, section) if preparation else "")
    status = 400 if form.is_submitted() else 200
    if form.validate_on_submit():
        try:
            meetings.save_answer(uow.session(), meeting, section, form.answer.data, at=clock.now())
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
        else:
            following = meetings.next_section(section)
            if following:
                return redirect(url_for("meeting.prepare", section=following))
            return redirect(url_for("meeting.check"))
    citizen = identity.subject_citizen()
    about = speaking_about(identity.current_actor(), citizen)
    return htmx.render(
        "meeting/prepare.html",
        section=section,
        title=section_label(section, about),
        hint=section_hint(section, about),
        number=number,
        total=len(meetings.SECTIONS),
        previous=meetings.previous_section(section),
        form=form,
        preparation=preparation,
        plan=plan_service.plan_view(
            uow.session(),
            citizen.id,
            clock.today(),
            include_sensitive=identity.current_actor().sees_sensitive,
        ),
    ), status


@bp.route("/moede/forbered/tjek", methods=["GET", "POST"])
@requires(Action.MEETING_PREPARATION)
def check():
    meeting = _preparation_meeting()
    form = SendForm()
    status = 200
    if form.validate_on_submit():
        try:
            sent = meetings.send_preparation(
                uow.session(), meeting, at=clock.now(), actor_id=identity.current_actor().person_id
            )
        except DomainError as error:
            show_domain_error(form, error)
            status = status_for(error)
        else:
            flash("preparation_sent" if sent else "preparation_unchanged", "meeting")
            return redirect(url_for("meeting.overview", _anchor="confirmation"))
    elif form.is_submitted():
        abort(400)  # the form holds nothing but its CSRF token: a send without one
    preparation = meetings.preparation_of(uow.session(), meeting)
    citizen = identity.subject_citizen()
    return htmx.render(
        "meeting/check.html",
        form=form,
        meeting=meeting,
        preparation=preparation,
        sections=[
            (s, section_label(s, speaking_about(identity.current_actor(), citizen)))
            for s in meetings.SECTIONS
        ],
        unsent=meetings.has_unsent_changes(preparation),
    ), status
