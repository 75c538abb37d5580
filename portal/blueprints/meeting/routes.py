"""The citizen's rehabilitation meeting: what it is, consent, participation and preparation."""

from flask import Response, abort, flash, get_flashed_messages, redirect, url_for
from flask_babel import lazy_gettext as _l

from portal import clock
from portal.blueprints.meeting import bp
from portal.blueprints.meeting.common import as_int
from portal.blueprints.meeting.forms import (
    MODE_LABELS,
    ROLE_LABELS,
    SECTION_HINTS,
    SECTION_LABELS,
    AnswerForm,
    ConsentForm,
    ParticipationForm,
    SendForm,
)
from portal.blueprints.meeting.receipt import consent_receipt
from portal.extensions import db
from portal.forms import show_domain_error
from portal.services import meeting as meetings
from portal.services import plan as plan_service
from portal.services.errors import DomainError, NotFound
from portal.web import guard, htmx, identity
from portal.web.access import Action, requires

MESSAGES = {
    "deadline_passed": _l(
        "Fristen for at ændre er overskredet. Ring til din sagsbehandler, hvis du vil ændre noget."
    ),
    "meeting_over": _l("Mødet er slut. Der er ikke ændret noget."),
    "virtual_needs_consent": _l(
        "Du kan kun vælge video, når du har givet samtykke til et virtuelt møde. Giv samtykke først."
    ),
    "stale": _l(
        "Dit valg er ændret, siden du åbnede siden. Se dit valg nu, og vælg igen, hvis du vil."
    ),
    "mode_unknown": _l("Vælg, hvordan du vil deltage."),
    "representative_name_required": _l("Skriv navnet på den, der møder for dig."),
    "representative_relation_required": _l(
        "Skriv, hvem personen er for dig, fx din søn eller en ven."
    ),
    "too_long": _l("Skriv højst 120 tegn."),
    "answer_too_long": _l("Skriv højst 4000 tegn. Du kan forkorte teksten."),
    "preparation_empty": _l("Skriv mindst ét svar, før du sender."),
}

# What each confirmation says after a redirect (flash carries only the code).
CONFIRMATIONS = {
    "consent_given",
    "consent_withdrawn",
    "consent_withdrawn_switched",
    "consent_unchanged",
    "participation_saved",
    "participation_unchanged",
    "preparation_sent",
    "preparation_unchanged",
}


def _meeting_or_none():
    citizen = identity.subject_citizen()
    return meetings.current_meeting(db.session, citizen.id, clock.now())


def _posted_meeting(action: Action, raw_id: str | None):
    """The meeting a form names, only if it is this citizen's."""
    citizen = identity.subject_citizen()
    try:
        return meetings.meeting_of(db.session, citizen.id, int(raw_id or ""))
    except (ValueError, NotFound):
        guard.not_found(action, detail="meeting_not_citizens")


def _confirmation():
    codes = [c for c in get_flashed_messages(category_filter=["meeting"]) if c in CONFIRMATIONS]
    return codes[-1] if codes else None


def _overview(consent_form=None, status=200):
    meeting = _meeting_or_none()
    if meeting is None:
        return htmx.render("meeting/none.html"), status
    now = clock.now()
    state = meetings.state(db.session, meeting, now)
    citizen = identity.subject_citizen()
    consent_form = consent_form or ConsentForm(
        meeting_id=meeting.id, choice="withdraw" if state.consent else "give"
    )
    return htmx.render(
        "meeting/overview.html",
        meeting=meeting,
        state=state,
        consent_form=consent_form,
        mode_labels=MODE_LABELS,
        role_labels=ROLE_LABELS,
        confirmation=_confirmation(),
        under_30=meetings.is_under_30(citizen.birth_date, clock.today()),
        preparation=meetings.preparation_of(db.session, meeting),
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
    meeting = _posted_meeting(Action.MEETING_CONSENT, form.meeting_id.data)
    actor = identity.current_actor()
    try:
        outcome = meetings.set_consent(
            db.session,
            meeting,
            form.choice.data == "give",
            at=clock.now(),
            actor_id=actor.person_id,
        )
    except DomainError as error:
        guard.record_refused(Action.MEETING_CONSENT, error.code)
        show_domain_error(form, error, MESSAGES)
        return _overview(consent_form=form, status=400)
    db.session.commit()
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


@bp.route("/moede/deltagelse", methods=["GET", "POST"])
@requires(Action.MEETING_PARTICIPATION)
def participation():
    meeting = _meeting_or_none()
    if meeting is None:
        return redirect(url_for("meeting.overview"))
    now = clock.now()
    state = meetings.state(db.session, meeting, now)
    form = ParticipationForm(
        meeting_id=meeting.id,
        version=state.version,
        mode=state.mode,
        representative_name=state.participation.representative_name if state.participation else "",
        representative_relation=(
            state.participation.representative_relation if state.participation else ""
        ),
        companion_name=state.participation.companion_name if state.participation else "",
    )
    if form.is_submitted():
        posted = _posted_meeting(Action.MEETING_PARTICIPATION, form.meeting_id.data)
        if form.validate():
            try:
                changed = meetings.choose_participation(
                    db.session,
                    posted,
                    form.mode.data,
                    at=now,
                    actor_id=identity.current_actor().person_id,
                    on_behalf_of_id=identity.on_behalf_of(),
                    expected_version=as_int(form.version.data),
                    representative_name=form.representative_name.data,
                    representative_relation=form.representative_relation.data,
                    companion_name=form.companion_name.data,
                )
            except DomainError as error:
                guard.record_refused(Action.MEETING_PARTICIPATION, error.code)
                show_domain_error(form, error, MESSAGES)
                # A stale form shows the state as it is now, so the citizen chooses afresh.
                if error.code == "stale":
                    form.version.data = str(state.version)
            else:
                db.session.commit()
                flash("participation_saved" if changed else "participation_unchanged", "meeting")
                return redirect(url_for("meeting.overview", _anchor="confirmation"))
    return htmx.render(
        "meeting/participation.html",
        meeting=meeting,
        state=state,
        form=form,
    ), (400 if form.errors else 200)


@bp.route("/moede/kvittering/<int:record_id>")
@requires(Action.MEETING_VIEW)
def receipt(record_id: int):
    citizen = identity.subject_citizen()
    try:
        record = meetings.consent_record_of(db.session, citizen.id, record_id)
    except NotFound:
        guard.not_found(Action.MEETING_VIEW, detail="consent_record_not_citizens")
    body = consent_receipt(record, citizen)
    return Response(
        body,
        mimetype="text/plain",
        headers={
            "Content-Disposition": f'attachment; filename="kvittering-samtykke-{record.id}.txt"',
            "Cache-Control": "no-store",
        },
    )


# --- Preparation ------------------------------------------------------------------------------


def _preparation_meeting():
    meeting = _meeting_or_none()
    if meeting is None:
        guard.not_found(Action.MEETING_PREPARATION, detail="no_meeting")
    return meeting


@bp.route("/moede/forbered/<section>", methods=["GET", "POST"])
@requires(Action.MEETING_PREPARATION)
def prepare(section: str):
    if section not in meetings.SECTIONS:
        guard.not_found(Action.MEETING_PREPARATION, detail="unknown_section")
    meeting = _preparation_meeting()
    preparation = meetings.preparation_of(db.session, meeting)
    form = AnswerForm(answer=getattr(preparation, section) if preparation else "")
    if form.validate_on_submit():
        try:
            meetings.save_answer(db.session, meeting, section, form.answer.data, at=clock.now())
        except DomainError as error:
            guard.record_refused(Action.MEETING_PREPARATION, error.code)
            show_domain_error(form, error, MESSAGES)
        else:
            db.session.commit()
            following = meetings.next_section(section)
            if following:
                return redirect(url_for("meeting.prepare", section=following))
            return redirect(url_for("meeting.check"))
    citizen = identity.subject_citizen()
    plan = plan_service.plan_view(db.session, citizen.id, clock.today())
    return htmx.render(
        "meeting/prepare.html",
        section=section,
        title=SECTION_LABELS[section],
        hint=SECTION_HINTS[section],
        number=meetings.SECTIONS.index(section) + 1,
        total=len(meetings.SECTIONS),
        previous=meetings.previous_section(section),
        form=form,
        preparation=preparation,
        plan=plan,
    ), (400 if form.errors else 200)


@bp.route("/moede/forbered/tjek", methods=["GET", "POST"])
@requires(Action.MEETING_PREPARATION)
def check():
    meeting = _preparation_meeting()
    form = SendForm()
    if form.validate_on_submit():
        try:
            sent = meetings.send_preparation(
                db.session, meeting, at=clock.now(), actor_id=identity.current_actor().person_id
            )
        except DomainError as error:
            guard.record_refused(Action.MEETING_PREPARATION, error.code)
            show_domain_error(form, error, MESSAGES)
        else:
            db.session.commit()
            flash("preparation_sent" if sent else "preparation_unchanged", "meeting")
            return redirect(url_for("meeting.overview", _anchor="confirmation"))
    elif form.is_submitted():
        abort(400)
    return htmx.render(
        "meeting/check.html",
        form=form,
        preparation=meetings.preparation_of(db.session, meeting),
        sections=[(s, SECTION_LABELS[s]) for s in meetings.SECTIONS],
        unsent=meetings.has_unsent_changes(meetings.preparation_of(db.session, meeting)),
    ), (400 if form.errors else 200)
