"""How an audit entry reads in the citizen's access log, in plain words. Presentation only.

Actions without their own wording here still read well: a reading action becomes "har set dine
oplysninger", a changing one "har ændret noget". Add a line per new action for better words.
"""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.web import access
from portal.web.access import Access, Action

# What was seen, for reading actions ("har set din plan").
SEEN = {
    Action.CITIZEN_OVERVIEW.value: _l("din forside"),
    Action.PLAN_VIEW.value: _l("din plan"),
    Action.FULDMAGT_VIEW.value: _l("dine fuldmagter"),
    Action.ACCESS_LOG_VIEW.value: _l("din oversigt over, hvem der har set dine oplysninger"),
    Action.STAFF_CITIZEN_VIEW.value: _l("din sag"),
    Action.MEETING_VIEW.value: _l("dit rehabiliteringsmøde"),
    Action.STAFF_MEETING_VIEW.value: _l("dit rehabiliteringsmøde"),
    Action.OUTCOMES_VIEW.value: _l("dine resultater"),
    Action.BOOKING_VIEW.value: _l("dine samtaler"),
    Action.STAFF_BOOKING_VIEW.value: _l("dine samtaler"),
    Action.STAFF_OUTCOMES_VIEW.value: _l("dine resultater"),
    "staff.worklist.view": _l("at noget af dit venter på svar fra jobcentret"),
}

# What was done, for changing actions ("har startet en forhåndsvisning").
DONE = {
    Action.STAFF_PREVIEW_START.value: _l("åbnet en forhåndsvisning af dine sider"),
    Action.MEETING_PARTICIPATION.value: _l("valgt, hvordan du deltager i mødet"),
    Action.OUTCOME_MARK_READ.value: _l("sagt, at du har læst et resultat"),
    Action.MEETING_CONSENT.value: _l("ændret dit samtykke til et virtuelt møde"),
    Action.MEETING_PREPARATION.value: _l("skrevet i din forberedelse til mødet"),
    Action.STAFF_MEETING_PLAN.value: _l("planlagt dit rehabiliteringsmøde"),
    Action.STAFF_MEETING_ASSESS.value: _l("svaret på, om du kan blive behandlet uden at deltage"),
    Action.STAFF_OUTCOME_WRITE.value: _l("skrevet en kladde til et resultat"),
    Action.STAFF_OUTCOME_PUBLISH.value: _l("sendt et resultat til dig"),
    Action.BOOKING_CHANGE.value: _l("ændret en af dine samtaler"),
    "booking.book": _l("booket en samtale til dig"),
    "booking.rebook": _l("flyttet en af dine samtaler"),
    "booking.cancel": _l("aflyst en af dine samtaler"),
    "booking.callback": _l("bedt jobcentret om at ringe dig op"),
    "staff.plan.sensitivity": _l(
        "ændret, om en indsats i din plan kun vises til en med fuldmagt til helbred"
    ),
    "booking.window": _l("åbnet en frist for din næste samtale"),
    "booking.exemption": _l("ændret, om du selv booker dine samtaler"),
    "booking.summon": _l("indkaldt dig til en samtale"),
    "booking.help": _l("bedt jobcentret om at booke en samtale for dig"),
    "booking.help_answer": _l("booket en samtale for dig, fordi du bad om hjælp"),
    Action.STAFF_CALLBACK_HANDLE.value: _l("noteret, at du er blevet ringet op"),
}


# What was seen when the page of a change was only opened (the audit row's detail "opened"):
# the form, not a change.
OPENED = {
    Action.MEETING_PARTICIPATION.value: _l("siden, hvor man vælger, hvordan du deltager i mødet"),
    Action.MEETING_PREPARATION.value: _l("din forberedelse til mødet"),
    Action.BOOKING_CHANGE.value: _l("en af dine samtaler"),
}


def _access_of(action: str) -> Access:
    if action in DONE:
        return Access.CHANGE
    try:
        known = Action(action)
    except ValueError:
        return Access.READ
    if known in access.CITIZEN_ACTIONS:
        return access.CITIZEN_ACTIONS[known].access
    return access.STAFF_ACTIONS.get(known, Access.READ)


def sentence(role: str, name: str, action: str, *, opened: bool = False) -> str:
    """One log line: "Mads Sørensen har set din plan på dine vegne.", "Mads Sørensen har med din
    fuldmagt booket en samtale til dig." `opened`: the page of a change was only opened."""
    if not opened and _access_of(action) is Access.CHANGE:
        done = str(DONE.get(action, _l("ændret noget")))
        if role == "delegate":
            return gettext("%(name)s har med din fuldmagt %(done)s.", name=name, done=done)
        return gettext("%(name)s fra jobcentret har %(done)s.", name=name, done=done)
    seen = str((OPENED if opened else SEEN).get(action, _l("dine oplysninger")))
    if role == "delegate":
        return gettext("%(name)s har set %(seen)s på dine vegne.", name=name, seen=seen)
    if role == "preview":
        return gettext(
            "%(name)s fra jobcentret har set %(seen)s i en forhåndsvisning.", name=name, seen=seen
        )
    return gettext("%(name)s fra jobcentret har set %(seen)s.", name=name, seen=seen)


# The citizen's own download of everything the portal holds (the audit row's detail: the format).
DOWNLOADED = {
    "json": _l("Du har hentet dine oplysninger som JSON-fil."),
    "pdf": _l("Du har hentet dine oplysninger som PDF."),
}

# A few of the citizen's own rows, for the full audit list in "Hent dine oplysninger".
OWN = {
    "auth.login": _l("Du loggede ind."),
    "auth.logout": _l("Du loggede ud."),
    "auth.timeout": _l("Du blev logget ud, fordi du ikke havde brugt siden i et stykke tid."),
    "auth.timeout max": _l("Du blev logget ud, fordi du havde været logget ind længe."),
    "auth.sessions.end_others": _l("Du loggede ud alle andre steder."),
}


def own_download(detail: str | None) -> str:
    return str(DOWNLOADED.get(detail or "", _l("Du har hentet dine oplysninger.")))


def entry(role: str, name: str, action: str, detail: str | None, outcome: str, own: bool) -> str:
    """Any audit row about the citizen in plain words: the access log's sentence for what others
    did, and the citizen's own rows and refusals too (the complete list in the download)."""
    if action == Action.MY_DATA_DOWNLOAD.value and outcome == "allowed":
        return own_download(detail)
    if outcome != "allowed":
        if own:
            return gettext("Du prøvede at åbne noget, som du ikke havde adgang til.")
        return gettext("%(name)s prøvede at åbne noget af dit, men fik ikke lov.", name=name)
    if own:
        said = OWN.get(f"{action} {detail}") or OWN.get(action)
        if said:
            return str(said)
        if detail != "opened" and _access_of(action) is Access.CHANGE:
            return gettext("Du har %(done)s.", done=str(DONE.get(action, _l("ændret noget"))))
        return gettext("Du har set dine oplysninger.")
    return sentence(role, name, action, opened=detail == "opened")


def entry_or_someone(
    role: str, name: str | None, action: str, detail: str | None, outcome: str, own: bool
) -> str:
    """`entry` for a row of the citizen's copy, whose actor may be unnamed (someone who was only
    refused): the words the PDF shows and the JSON file carries as `action_text`."""
    return entry(role, name or gettext("En person"), action, detail, outcome, own)


# A relative's own copy: what they did, said to them, about the citizen they acted for. No "din":
# the things were the citizen's, not the holder's.
HELD_SEEN = {
    Action.CITIZEN_OVERVIEW.value: _l("forsiden"),
    Action.PLAN_VIEW.value: _l("planen"),
    Action.OUTCOMES_VIEW.value: _l("resultaterne"),
    Action.MEETING_VIEW.value: _l("mødet"),
    Action.BOOKING_VIEW.value: _l("samtalerne"),
}
HELD_DONE = {
    "booking.book": _l("booket en samtale"),
    "booking.rebook": _l("flyttet en samtale"),
    "booking.cancel": _l("aflyst en samtale"),
    "booking.callback": _l("bedt jobcentret om at ringe op"),
    "booking.help": _l("bedt jobcentret om at booke en samtale"),
    Action.BOOKING_CHANGE.value: _l("ændret en samtale"),
    Action.MEETING_PARTICIPATION.value: _l("valgt, hvordan man deltager i mødet"),
    Action.MEETING_PREPARATION.value: _l("skrevet i forberedelsen til mødet"),
}


def held_entry(
    role: str,
    citizen: str | None,
    action: str,
    detail: str | None,
    outcome: str,
    *,
    someone_else: bool = False,
) -> str:
    """One of a relative's own audit rows in words, from their side: "Du har set planen for
    Hanne Sørensen." `citizen`: the name of the citizen they acted for, None about themself.
    `someone_else`: about a citizen who gave them no fuldmagt, who is not named."""
    if someone_else:
        if outcome != "allowed":
            return gettext("Du prøvede at åbne noget om en anden borger, men fik ikke lov.")
        return gettext("Du har åbnet noget om en anden borger.")
    if citizen is None:
        return entry(role, "", action, detail, outcome, True)
    if outcome != "allowed":
        return gettext("Du prøvede at åbne noget for %(name)s, men fik ikke lov.", name=citizen)
    if detail != "opened" and _access_of(action) is Access.CHANGE:
        done = str(HELD_DONE.get(action, _l("ændret noget")))
        return gettext("Du har med din fuldmagt %(done)s for %(name)s.", done=done, name=citizen)
    if detail == "opened":
        return gettext("Du har åbnet en side, hvor du kan ændre noget for %(name)s.", name=citizen)
    seen = str(HELD_SEEN.get(action, _l("oplysninger")))
    return gettext("Du har set %(seen)s for %(name)s.", seen=seen, name=citizen)
