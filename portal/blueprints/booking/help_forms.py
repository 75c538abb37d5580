"""Forms for "Jeg kan ikke booke selv": the citizen's request and the caseworker's answer."""

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length

from portal.blueprints.booking.forms import PageForm
from portal.forms import BaseForm
from portal.services.booking import NOTE_MAX, TOPIC_MAX

# Why the citizen cannot book online (the codes: portal.services.booking.help.REASONS).
HELP_REASONS = {
    "no_slot_fits": _l("Ingen af de ledige tider passer mig"),
    "no_computer": _l("Jeg er ikke vant til at bruge computer eller telefon til det"),
    "interpreter": _l("Jeg har brug for en tolk"),
    "illness": _l("Jeg er syg eller har det for svært lige nu"),
    "other": _l("Noget andet"),
}


class HelpRequestForm(BaseForm):
    reason = RadioField(
        _l("Hvorfor kan du ikke booke selv?"),
        choices=[SelectChoice(code, label) for code, label in HELP_REASONS.items()],
        validate_choice=False,
    )
    note = TextAreaField(
        _l("Vil du fortælle mere? (kan udelades)"),
        validators=[Length(max=NOTE_MAX, message=_l("Skriv højst %(max)d tegn.", max=NOTE_MAX))],
    )


class HelpAnswerForm(PageForm):
    request_id = HiddenField()
    slot = RadioField(_l("Tid"), choices=[], validate_choice=False)
    form = RadioField(_l("Form"), choices=[], validate_choice=False)
    topic = StringField(
        _l("Hvad handler samtalen om?"),
        default="Opfølgningssamtale",
        validators=[Length(max=TOPIC_MAX, message=_l("Skriv højst %(max)d tegn.", max=TOPIC_MAX))],
    )
