"""Forms for giving, changing, revoking and giving up a fuldmagt."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, RadioField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired

from portal.forms import BaseForm, MultiCheckboxField
from portal.forms.fields import DateInputField

SCOPE_CHOICES = [
    SelectChoice("se", _l("Se: læse din plan, dit møde, dine samtaler og dine resultater")),
    SelectChoice("booke", _l("Booke: booke, flytte og aflyse dine samtaler")),
    SelectChoice(
        "moede", _l("Møde: vælge, hvordan du deltager i mødet, og skrive din forberedelse")
    ),
]


def _int_or_none(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


class TermsForm(BaseForm):
    scopes = MultiCheckboxField(
        _l("Hvad må personen?"),
        choices=SCOPE_CHOICES,
        validate_choice=False,  # unknown values are refused by the service, calmly
        validators=[DataRequired(_l("Vælg mindst én ting, personen må gøre for dig."))],
    )
    ends_on = DateInputField(
        _l("Sidste dag fuldmagten gælder"),
        validators=[InputRequired(_l("Skriv den sidste dag, fuldmagten skal gælde."))],
    )


class GrantForm(TermsForm):
    holder = RadioField(
        _l("Hvem skal have fuldmagten?"),
        coerce=_int_or_none,
        validators=[InputRequired(_l("Vælg den person, der skal have fuldmagten."))],
        validate_choice=False,  # the service checks the person; the message stays calm
    )


class ConfirmForm(BaseForm):
    pass


class ActForForm(BaseForm):
    citizen_id = HiddenField()


class PreviewForm(BaseForm):
    som = HiddenField()
