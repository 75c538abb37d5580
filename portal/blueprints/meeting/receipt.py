"""A plain-text receipt for one consent record: what was chosen, by whom, when."""

from flask_babel import gettext

from portal.models import ConsentRecord, Person
from portal.web.i18n import long_datetime


def consent_receipt(record: ConsentRecord, citizen: Person) -> str:
    meeting = record.meeting
    what = (
        gettext("Samtykke givet til et virtuelt rehabiliteringsmøde.")
        if record.given
        else gettext("Samtykke til et virtuelt rehabiliteringsmøde trukket tilbage.")
    )
    actor = record.actor.full_name if record.actor else gettext("Jobcentret")
    lines = [
        gettext("Kvittering fra Én plan"),
        "",
        what,
        gettext("Borger: %(name)s", name=citizen.full_name),
        gettext("Mødet: %(when)s", when=long_datetime(meeting.starts_at)),
        gettext("Registreret: %(when)s", when=long_datetime(record.at)),
        gettext("Udført af: %(name)s", name=actor),
        gettext("Kvitteringsnummer: %(number)s", number=record.id),
        "",
        gettext("Du kan altid ændre dit valg på siden Mit møde i Én plan."),
    ]
    return "\n".join(lines) + "\n"
