"""Forms for giving, changing, revoking and giving up a fuldmagt."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, DataRequired, InputRequired, Length

from portal.forms import BaseForm, MultiCheckboxField
from portal.forms.fields import DateInputField, IdField

SCOPE_CHOICES = [
    SelectChoice("se", _l("Se: læse din plan, dit møde, dine samtaler og dine resultater")),
    SelectChoice("booke", _l("Booke: booke, flytte og aflyse dine samtaler")),
    SelectChoice(
        "moede", _l("Møde: vælge, hvordan du deltager i mødet, og skrive din forberedelse")
    ),
    SelectChoice(
        "helbred",
        _l(
            'Helbred og sociale forhold: med "Se" også se dine indsatser hos psykolog, læge, '
            "fysioterapeut og i behandling, fx for alkohol eller stoffer"
        ),
    ),
]


class _HolderFields(BaseForm):
    # Defined before TermsForm so that the name comes first on the page and in the error summary.
    # The holder is named, never picked from a list of people (portal.services.delegation).
    holder_name = StringField(
        _l("Personens fulde navn"),
        validators=[
            InputRequired(_l("Skriv det fulde navn på den, der skal have fuldmagten.")),
            Length(max=160, message=_l("Skriv højst 160 tegn.")),
        ],
    )
    holder_identifier = StringField(
        _l("Personens CPR-nummer"),
        validators=[
            InputRequired(_l("Skriv CPR-nummeret på den, der skal have fuldmagten.")),
            Length(max=20, message=_l("Skriv højst 20 tegn.")),
        ],
    )


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


class GrantForm(_HolderFields, TermsForm):
    pass


class ConfirmForm(BaseForm):
    pass


class ActForForm(BaseForm):
    citizen_id = IdField()


class PreviewForm(BaseForm):
    som = HiddenField()


class SensitivityForm(BaseForm):
    sensitive = HiddenField(validators=[AnyOf(["ja", "nej"])])
