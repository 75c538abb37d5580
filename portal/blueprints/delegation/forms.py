"""Forms for giving, changing, revoking and giving up a fuldmagt."""

from __future__ import annotations

from datetime import date

from flask_babel import lazy_gettext as _l
from wtforms import Field, HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired
from wtforms.widgets import DateInput

from portal.forms import BaseForm, MultiCheckboxField
from portal.forms.fields import IdField, parse_id

SCOPE_CHOICES = [
    SelectChoice("se", _l("Se: læse din plan, dit møde, dine samtaler og dine resultater")),
    SelectChoice("booke", _l("Booke: booke, flytte og aflyse dine samtaler")),
    SelectChoice(
        "moede", _l("Møde: vælge, hvordan du deltager i mødet, og skrive din forberedelse")
    ),
]


class DayField(Field):
    """A date typed as day, month and year (a date picker where the browser has one).

    Keeps what was typed when it cannot be read, so the person can correct it."""

    widget = DateInput()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, **kwargs)
        self.raw = None

    def process_formdata(self, valuelist):
        self.raw = valuelist[0].strip() if valuelist else ""
        self.data = None
        if self.raw:
            try:
                self.data = date.fromisoformat(self.raw)
            except ValueError:
                raise ValueError(
                    str(_l("Skriv datoen som dag, måned og år, fx 31-12-2026."))
                ) from None

    def _value(self):
        if self.raw is not None:
            return self.raw
        return self.data.isoformat() if self.data else ""


class TermsForm(BaseForm):
    scopes = MultiCheckboxField(
        _l("Hvad må personen?"),
        choices=SCOPE_CHOICES,
        validate_choice=False,  # unknown values are refused by the service, calmly
        validators=[DataRequired(_l("Vælg mindst én ting, personen må gøre for dig."))],
    )
    ends_on = DayField(
        _l("Sidste dag fuldmagten gælder"),
        validators=[InputRequired(_l("Skriv den sidste dag, fuldmagten skal gælde."))],
    )


class GrantForm(TermsForm):
    holder = RadioField(
        _l("Hvem skal have fuldmagten?"),
        coerce=parse_id,
        validators=[InputRequired(_l("Vælg den person, der skal have fuldmagten."))],
        validate_choice=False,  # the service checks the person; the message stays calm
    )


class ConfirmForm(BaseForm):
    pass


class ActForForm(BaseForm):
    citizen_id = IdField()


class PreviewForm(BaseForm):
    som = HiddenField()
