"""The contact settings form: where to reach the person, and which channel for what."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from wtforms import BooleanField, RadioField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import AnyOf, InputRequired, Length

from portal.forms import BaseForm

CHANNELS = [
    SelectChoice("email", _l("E-mail")),
    SelectChoice("sms", _l("SMS")),
    SelectChoice("none", _l("Ingen beskeder")),
]


class ContactForm(BaseForm):
    email = StringField(
        _l("E-mailadresse"), validators=[Length(max=120, message=_l("Skriv højst 120 tegn."))]
    )
    mobile = StringField(
        _l("Mobilnummer"), validators=[Length(max=20, message=_l("Skriv højst 20 tegn."))]
    )
    receipts = RadioField(
        _l("Kvitteringer og besked, når nogen ændrer noget for dig"),
        choices=CHANNELS,
        validators=[InputRequired(_l("Vælg, hvordan du vil have kvitteringer."))],
    )
    reminders = RadioField(
        _l("Påmindelser før en frist eller en aftale"),
        choices=CHANNELS,
        validators=[InputRequired(_l("Vælg, hvordan du vil have påmindelser."))],
    )
    language = RadioField(
        _l("Sprog i beskederne og i Én plan"),
        choices=[SelectChoice("da", "Dansk"), SelectChoice("en", "English")],
        validators=[AnyOf(["da", "en"], message=_l("Vælg dansk eller engelsk."))],
    )
    delegate_copies = BooleanField(
        _l("Send mig en kopi af det, der handler om dem, jeg har fuldmagt fra")
    )
