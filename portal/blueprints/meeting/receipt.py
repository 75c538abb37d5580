"""Plain-text receipts for consent and participation records: what was chosen, by whom, when."""

from flask_babel import gettext

from portal.models import ConsentRecord, ParticipationRecord, Person
from portal.text.meeting import MODE_NAMES
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


def participation_receipt(record: ParticipationRecord, citizen: Person) -> str:
    """The receipt of one participation choice: the way chosen (named neutrally), who and when."""
    meeting = record.meeting
    actor = record.actor.full_name if record.actor else gettext("Jobcentret")
    lines = [
        gettext("Kvittering fra Én plan"),
        "",
        gettext("Valg af deltagelse i rehabiliteringsmødet."),
        gettext("Borger: %(name)s", name=citizen.full_name),
        gettext("Mødet: %(when)s", when=long_datetime(meeting.starts_at)),
        gettext("Deltagelse: %(mode)s", mode=str(MODE_NAMES[record.mode])),
    ]
    if record.representative_name:
        lines.append(
            gettext(
                "Møder i stedet: %(name)s (%(relation)s)",
                name=record.representative_name,
                relation=record.representative_relation or "",
            )
        )
    if record.companion_name:
        lines.append(gettext("Bisidder: %(name)s", name=record.companion_name))
    lines.append(
        gettext("Tolk: %(language)s", language=record.interpreter_language)
        if record.interpreter_language
        else gettext("Tolk: ingen")
    )
    lines += [
        gettext("Registreret: %(when)s", when=long_datetime(record.at)),
        gettext("Udført af: %(name)s", name=actor),
        gettext("Kvitteringsnummer: %(number)s", number=record.id),
        "",
        gettext(
            "Valget kan ændres på siden Mit møde i Én plan indtil %(deadline)s.",
            deadline=long_datetime(meeting.change_deadline),
        ),
    ]
    return "\n".join(lines) + "\n"
