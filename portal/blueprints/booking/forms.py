"""Forms for booking conversations (citizen) and for slots, windows and exemptions (staff)."""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from wtforms import (
    BooleanField,
    HiddenField,
    IntegerField,
    RadioField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, NumberRange, Optional

from portal.forms import BaseForm, MultiCheckboxField
from portal.forms.fields import DateInputField, IdField
from portal.services.booking import (
    LANGUAGE_MAX,
    NOTE_MAX,
    PLACE_MAX,
    REASON_MAX,
    TOPIC_MAX,
    SlotPlan,
)
from portal.services.errors import DomainError
from portal.text import conversation_forms


def form_choices():
    """How a conversation can be held, as choices (the words: portal/text/conversation_forms.py)."""
    return [SelectChoice(code, _l(text)) for code, text in conversation_forms.CHOICES.items()]


class ChoiceForm(BaseForm):
    """The chosen slot, the form of the conversation and an optional note. `rebook` stays text:
    empty means a new booking, anything else names the booking to move."""

    slot = IdField()
    rebook = HiddenField()
    form = RadioField(_l("Hvordan vil du holde samtalen?"), choices=[], validate_choice=False)
    note = TextAreaField(
        _l("Besked til din sagsbehandler (kan udelades)"),
        validators=[Length(max=NOTE_MAX, message=_l("Skriv højst %(max)d tegn.", max=NOTE_MAX))],
    )
    interpreter_language = StringField(
        _l("Har du brug for en tolk? Skriv hvilket sprog (kan udelades)"),
        validators=[
            Length(max=LANGUAGE_MAX, message=_l("Skriv højst %(max)d tegn.", max=LANGUAGE_MAX))
        ],
    )


# The same choices about the citizen, for someone booking on their behalf.
CHOICES_ABOUT = {
    "fremmoede": _l("Fremmøde – %(name)s kommer til jobcentret"),
    "telefon": _l("Telefon – sagsbehandleren ringer til %(name)s"),
    "video": _l("Video – I ses på skærmen"),
}


def speak_about(form: ChoiceForm, name: str) -> None:
    """The questions about the citizen, for someone booking for them ("Hvordan vil Hanne holde
    samtalen?"); call it after the form's choices are set. The values stay the same."""
    form.form.label.text = _("Hvordan vil %(name)s holde samtalen?", name=name)
    form.note.label.text = _("Besked til sagsbehandleren (kan udelades)")
    form.interpreter_language.label.text = _(
        "Har %(name)s brug for en tolk? Skriv hvilket sprog (kan udelades)", name=name
    )
    form.form.choices = [
        SelectChoice(c.value, str(CHOICES_ABOUT[c.value]) % {"name": name})
        for c in form.form.choices
    ]


class CancelForm(BaseForm):
    reason = TextAreaField(
        _l("Hvorfor aflyser du? (kan udelades)"),
        validators=[
            Length(max=REASON_MAX, message=_l("Skriv højst %(max)d tegn.", max=REASON_MAX))
        ],
    )


class CallbackForm(BaseForm):
    pass


# --- Staff --------------------------------------------------------------------------------


class PageForm(BaseForm):
    """One of several forms on a page: fields get a prefix so ids stay unique, and the CSRF
    token is the app-wide one (CSRFProtect checks every POST before any view runs)."""

    class Meta:
        csrf = False


WEEKDAYS = [
    SelectChoice("0", _l("Mandag")),
    SelectChoice("1", _l("Tirsdag")),
    SelectChoice("2", _l("Onsdag")),
    SelectChoice("3", _l("Torsdag")),
    SelectChoice("4", _l("Fredag")),
]


def _date(label):
    return DateInputField(label, validators=[Optional()])


class WindowForm(PageForm):
    opens_on = _date(_l("Første dag"))
    closes_on = _date(_l("Sidste dag"))
    topic = StringField(
        _l("Hvad handler samtalen om?"),
        default="Opfølgningssamtale",
        validators=[Length(max=TOPIC_MAX, message=_l("Skriv højst %(max)d tegn.", max=TOPIC_MAX))],
    )
    cutoff_hours = IntegerField(
        _l("Borgeren kan flytte eller aflyse indtil så mange timer før"),
        default=24,
        validators=[
            Optional(),
            NumberRange(min=0, max=336, message=_l("Skriv et tal fra 0 til 336.")),
        ],
    )


class ExemptionForm(PageForm):
    exempt = HiddenField()
    reason = TextAreaField(
        _l("Begrundelse"),
        validators=[
            Length(max=REASON_MAX, message=_l("Skriv højst %(max)d tegn.", max=REASON_MAX))
        ],
    )

    @property
    def exempted(self) -> bool | None:
        """What the pressed button asks for: exempt (True), self-booking (False), else None."""
        return {"1": True, "0": False}.get(self.exempt.data)


class SummonForm(PageForm):
    slot = RadioField(_l("Tid"), choices=[], validate_choice=False)
    form = RadioField(_l("Form"), choices=[], validate_choice=False)
    topic = StringField(
        _l("Hvad handler samtalen om?"),
        default="Opfølgningssamtale",
        validators=[Length(max=TOPIC_MAX, message=_l("Skriv højst %(max)d tegn.", max=TOPIC_MAX))],
    )


class SlotsForm(BaseForm):
    first_day = _date(_l("Fra dato"))
    last_day = _date(_l("Til og med dato"))
    weekdays = MultiCheckboxField(_l("Ugedage"), choices=WEEKDAYS, validate_choice=False)
    start = TimeField(_l("Første tid starter"), validators=[Optional()])
    end = TimeField(_l("Sidste tid slutter"), validators=[Optional()])
    minutes = RadioField(
        _l("Længde"),
        choices=[
            SelectChoice("15", _l("15 minutter")),
            SelectChoice("30", _l("30 minutter")),
            SelectChoice("45", _l("45 minutter")),
            SelectChoice("60", _l("60 minutter")),
        ],
        default="30",
        validate_choice=False,
    )
    forms = MultiCheckboxField(_l("Former"), choices=[], validate_choice=False)
    place = StringField(
        _l("Sted ved fremmøde"),
        validators=[Length(max=PLACE_MAX, message=_l("Skriv højst %(max)d tegn.", max=PLACE_MAX))],
    )
    include_holidays = BooleanField(_l("Læg også tider ud på helligdage"))

    def plan(self) -> SlotPlan:
        """The publishing plan as the service takes it; odd weekdays or lengths are refused."""
        try:
            weekdays = [int(d) for d in self.weekdays.data or []]
            minutes = int(self.minutes.data or 0)
        except ValueError:
            raise DomainError("weekdays_required", field="weekdays") from None
        return SlotPlan(
            first_day=self.first_day.data,
            last_day=self.last_day.data,
            weekdays=weekdays,
            start=self.start.data,
            end=self.end.data,
            minutes=minutes,
            forms=list(self.forms.data or []),
            place=self.place.data,
            include_holidays=bool(self.include_holidays.data),
        )


__all__ = [
    "CallbackForm",
    "CancelForm",
    "ChoiceForm",
    "ExemptionForm",
    "SlotsForm",
    "SummonForm",
    "WindowForm",
]
