"""The words of the e-mails and text messages the portal sends (portal/services/notifications/).

Rules every text keeps (tests/unit/test_notification_texts.py checks them):
- say what to do and by when, never what the case is about: no diagnosis, effort, outcome
  content, treatment or other person's name — only dates, times and the kind of thing;
- a text message has no link: it names the portal instead, so people never learn to trust a
  link in a text message;
- times are Danish time with the date written out (filled in by the sender).

Message ids are the Danish texts (`N_` marks them for extraction); the sender translates them
into the recipient's language with the portal's catalogues, outside any web request.
"""

from __future__ import annotations

from dataclasses import dataclass


def N_(message: str) -> str:
    return message


@dataclass(frozen=True)
class Message:
    subject: str  # the e-mail's subject line
    text: str  # the e-mail's body and, unchanged, the text message


PORTAL_LINE = N_("Log ind i Én plan, som du plejer, for at se mere.")
SIGNATURE = N_("Venlig hilsen %(sender)s")
SMS_SENDER = N_("Én plan fra %(sender)s:")

MESSAGES: dict[str, Message] = {
    "booking_made": Message(
        N_("Din samtale er booket"),
        N_("Du har en samtale med jobcentret %(when)s."),
    ),
    "booking_moved": Message(
        N_("Din samtale er flyttet"),
        N_("Din samtale med jobcentret er flyttet til %(when)s. Den gamle tid gælder ikke mere."),
    ),
    "booking_cancelled": Message(
        N_("Din samtale er aflyst"),
        N_("Din samtale med jobcentret %(when)s er aflyst."),
    ),
    "conversation_tomorrow": Message(
        N_("Husk din samtale i morgen"),
        N_("Husk din samtale med jobcentret i morgen, %(when)s."),
    ),
    "window_opened": Message(
        N_("Book en samtale med jobcentret"),
        N_("Du skal booke en samtale med jobcentret senest %(day)s."),
    ),
    "window_closing": Message(
        N_("Husk at booke din samtale"),
        N_("Du har ikke booket en samtale endnu. Book den senest %(day)s."),
    ),
    "summons": Message(
        N_("Du er indkaldt til en samtale"),
        N_("Jobcentret har indkaldt dig til en samtale %(when)s."),
    ),
    "meeting_tomorrow": Message(
        N_("Husk dit møde i morgen"),
        N_("Husk dit møde med jobcentret i morgen, %(when)s."),
    ),
    "meeting_changed": Message(
        N_("Dit møde er ændret"),
        N_("Jobcentret har ændret dit møde. Det er nu %(when)s."),
    ),
    "participation_due": Message(
        N_("Vælg, hvordan du deltager i mødet"),
        N_("Vælg senest %(when)s, hvordan du vil deltage i dit møde med jobcentret."),
    ),
    "decision_published": Message(
        N_("Du har fået en ny afgørelse"),
        N_(
            "Du har fået en ny afgørelse fra jobcentret. Læs den i god tid: "
            "du kan klage over den senest %(day)s."
        ),
    ),
    "outcome_published": Message(
        N_("Du har fået nyt fra jobcentret"),
        N_("Du har fået en ny besked om dit forløb fra jobcentret."),
    ),
    "fuldmagt_given": Message(
        N_("En fuldmagt er givet"),
        N_("Der er givet en fuldmagt i Én plan, som du er part i. Den gælder til og med %(day)s."),
    ),
    "fuldmagt_ended": Message(
        N_("En fuldmagt er stoppet"),
        N_("En fuldmagt i Én plan, som du er part i, gælder ikke mere."),
    ),
    "delegate_copy": Message(
        N_("Nyt i Én plan for en, du har fuldmagt fra"),
        N_(
            "Der er nyt i Én plan for en person, du har fuldmagt fra. Log ind, og vælg at "
            "handle for personen for at se det."
        ),
    ),
    "fuldmagt_ending": Message(
        N_("En fuldmagt slutter snart"),
        N_("En fuldmagt i Én plan, som du er part i, slutter %(day)s."),
    ),
}
