"""Forms for the rehabilitation meeting: the citizen's choices and the caseworker's planning."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    HiddenField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length, NumberRange, Optional

from portal.forms import BaseForm, MultiCheckboxField
from portal.forms.fields import DateInputField, IdField
from portal.models import Mode
from portal.services import meeting as meetings
from portal.text.meeting import MODE_LABELS, ROLE_LABELS

NAME_TOO_LONG = _l("Skriv højst 120 tegn.")


class ConsentForm(BaseForm):
    # An id that is missing, odd or someone else's is the service's "not found" (an audited 404).
    meeting_id = IdField()
    choice = HiddenField(validators=[AnyOf(["give", "withdraw"])])


def echo_labels(name: str | None = None) -> dict[str, str]:
    """The choice in force said back to the reader: to the citizen ("Du møder op"), or about the
    citizen to someone acting for them ("Hanne møder op")."""
    if name is None:
        return {
            Mode.IN_PERSON: _("Du møder op"),
            Mode.VIRTUAL: _("Du deltager på video"),
            Mode.REPRESENTED: _("En anden møder op for dig"),
            Mode.WITHOUT: _("Teamet behandler din sag uden dig"),
        }
    return {
        Mode.IN_PERSON: _("%(name)s møder op", name=name),
        Mode.VIRTUAL: _("%(name)s deltager på video", name=name),
        Mode.REPRESENTED: _("En anden møder op for %(name)s", name=name),
        Mode.WITHOUT: _("Teamet behandler sagen uden %(name)s", name=name),
    }


class DetailsForm(BaseForm):
    """The follow-up questions: who comes instead, a bisidder, an interpreter. With JavaScript they
    are on the question page, shown only where they apply; without it, a page of their own asks
    only those that apply to the mode chosen."""

    representative_name = StringField(
        _l("Navn på den, der møder for dig"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )
    representative_relation = StringField(
        _l("Hvem er personen for dig?"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )
    companion_name = StringField(
        _l("Bisidder (valgfrit)"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )
    interpreter_needed = RadioField(
        _l("Har du brug for en tolk til mødet?"),
        choices=[SelectChoice("nej", _l("Nej")), SelectChoice("ja", _l("Ja"))],
        validators=[Optional()],
        validate_choice=False,
    )
    interpreter_language = StringField(
        _l("Hvilket sprog skal tolken tale?"),
        validators=[Length(max=60, message=_l("Skriv højst 60 tegn."))],
    )


class ParticipationForm(DetailsForm):
    meeting_id = IdField()
    version = IdField()  # the choices' version the form was built on; the service checks it
    # "1" when the follow-up questions were answered on this page (set by participation.js);
    # without JavaScript they come on a page of their own.
    inline = HiddenField()
    mode = RadioField(
        _l("Hvordan vil du deltage i mødet?"),
        choices=[SelectChoice(m.value, label) for m, label in MODE_LABELS.items()],
        validators=[InputRequired(message=_l("Vælg, hvordan du vil deltage."))],
    )


def mode_choices(name: str | None) -> list[SelectChoice]:
    """The four ways, worded for the reader: "Jeg møder op" to the citizen, "Hanne møder op" to
    someone choosing for her."""
    labels = MODE_LABELS if name is None else echo_labels(name)
    return [SelectChoice(m.value, labels[m]) for m in MODE_LABELS]


class VideoConsentForm(BaseForm):
    """The consent question after choosing video."""

    answer = RadioField(
        _l("Giver du samtykke til et virtuelt møde?"),
        choices=[
            SelectChoice("ja", _l("Ja, jeg giver samtykke og deltager på video")),
            SelectChoice("nej", _l("Nej, jeg vil vælge en anden måde at deltage på")),
        ],
        validators=[InputRequired(message=_l("Svar ja eller nej."))],
    )


class ConfirmForm(BaseForm):
    """The check page's button: the choice itself waits in the session (pending.py)."""


class AnswerForm(BaseForm):
    answer = TextAreaField(
        _l("Dit svar (du må gerne springe over)"),
        validators=[
            Length(
                max=meetings.ANSWER_MAX,
                message=_l("Skriv højst 4000 tegn. Du kan forkorte teksten."),
            )
        ],
    )


class SendForm(BaseForm):
    pass


class MeetingPlanForm(BaseForm):
    start_date = DateInputField(_l("Dato"), validators=[InputRequired(message=_l("Skriv datoen."))])
    start_time = TimeField(
        _l("Klokkeslæt"), validators=[InputRequired(message=_l("Skriv klokkeslættet."))]
    )
    duration = IntegerField(
        _l("Varighed i minutter"),
        default=meetings.DEFAULT_DURATION,
        validators=[
            InputRequired(message=_l("Skriv varigheden i minutter.")),
            NumberRange(
                min=10, max=240, message=_l("Varigheden skal være mellem 10 og 240 minutter.")
            ),
        ],
    )
    place = StringField(
        _l("Sted"), validators=[Length(max=200, message=_l("Skriv højst 200 tegn."))]
    )
    video_url = StringField(
        _l("Videolink"), validators=[Length(max=300, message=_l("Skriv højst 300 tegn."))]
    )
    deadline_date = DateInputField(
        _l("Frist for ændringer: dato (valgfri)"), validators=[Optional()]
    )
    deadline_time = TimeField(
        _l("Frist for ændringer: klokkeslæt (valgfrit)"), validators=[Optional()]
    )
    roles = MultiCheckboxField(
        _l("Hvem sidder i teamet?"),
        choices=[SelectChoice(r.value, label) for r, label in ROLE_LABELS.items()],
    )
    name_employment = StringField(
        _l("Navn: beskæftigelse"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )
    name_health = StringField(
        _l("Navn: sundhed"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )
    name_social = StringField(
        _l("Navn: det sociale område"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )
    name_education = StringField(
        _l("Navn: uddannelse"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )
    name_company = StringField(
        _l("Navn: virksomhedskonsulent"), validators=[Length(max=120, message=NAME_TOO_LONG)]
    )


class AssessForm(BaseForm):
    version = IdField()
    decision = RadioField(
        _l("Jeres vurdering"),
        choices=[
            SelectChoice("accept", _l("Teamet kan behandle sagen uden borgeren")),
            SelectChoice("decline", _l("Borgeren skal deltage")),
        ],
        validators=[InputRequired(message=_l("Vælg jeres vurdering."))],
    )
    reason = TextAreaField(
        _l("Begrundelse til borgeren"),
        validators=[Length(max=1000, message=_l("Skriv højst 1000 tegn."))],
    )


def speak_about(form, name: str) -> None:
    """The questions about the citizen, for someone choosing on their behalf ("Hvordan vil Hanne
    deltage i mødet?"); the values stay the same. For the question form and the follow-up page."""
    if hasattr(form, "mode"):
        form.mode.label.text = _("Hvordan vil %(name)s deltage i mødet?", name=name)
    form.representative_name.label.text = _("Navn på den, der møder for %(name)s", name=name)
    form.representative_relation.label.text = _("Hvem er personen for %(name)s?", name=name)
    form.interpreter_needed.label.text = _("Har %(name)s brug for en tolk til mødet?", name=name)
