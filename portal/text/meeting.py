"""The rehabilitation meeting's words: how one can take part, the team's roles and the
preparation's topics (used by the forms, the pages and the caseworker's view)."""

from flask_babel import lazy_gettext as _l

from portal.models import Mode, TeamRole

# The four ways as the citizen answers the question (first person: only as the options to choose).
MODE_LABELS = {
    Mode.IN_PERSON: _l("Jeg møder op"),
    Mode.VIRTUAL: _l("Jeg deltager på video"),
    Mode.REPRESENTED: _l("En anden møder op for mig"),
    Mode.WITHOUT: _l("Teamet behandler min sag uden mig"),
}

# The four ways named neutrally: the caseworker's pages and the history of choices ("Du valgte:
# Fremmøde"). What is said back to the person is worded for them (forms.echo_labels).
MODE_NAMES = {
    Mode.IN_PERSON: _l("Fremmøde"),
    Mode.VIRTUAL: _l("Video (virtuelt møde)"),
    Mode.REPRESENTED: _l("Repræsenteret af en anden"),
    Mode.WITHOUT: _l("Uden deltagelse"),
}


SECTION_LABELS = {
    "situation": _l("Din situation lige nu"),
    "health": _l("Dit helbred"),
    "abilities": _l("Det kan du, og det vil du gerne"),
    "goal": _l("Dit mål"),
    "team_note": _l("Det skal teamet vide"),
    "companion": _l("Tager du nogen med?"),
}


SECTION_HINTS = {
    "situation": _l("Skriv om din hverdag. Hvad fylder mest for dig lige nu?"),
    "health": _l("Hvordan har du det? Hvad gør dit helbred svært for dig?"),
    "abilities": _l("Hvad er du god til? Hvad vil du gerne prøve?"),
    "goal": _l("Hvad vil du gerne nå? Det må gerne være små skridt."),
    "team_note": _l("Er der noget, du vil sige til teamet, før mødet?"),
    "companion": _l(
        "Skriv navnet, hvis du tager en bisidder med. En bisidder er en, der støtter dig."
    ),
}


# The same topics and hints for someone helping the citizen through a fuldmagt ("Hannes helbred").
SECTION_LABELS_ABOUT = {
    "situation": _l("%(whose)s situation lige nu"),
    "health": _l("%(whose)s helbred"),
    "abilities": _l("Det kan %(name)s, og det vil %(name)s gerne"),
    "goal": _l("%(whose)s mål"),
    "team_note": _l("Det skal teamet vide"),
    "companion": _l("Tager %(name)s nogen med?"),
}

SECTION_HINTS_ABOUT = {
    "situation": _l("Skriv om %(whose)s hverdag. Hvad fylder mest for %(name)s lige nu?"),
    "health": _l("Hvordan har %(name)s det? Hvad gør helbredet svært for %(name)s?"),
    "abilities": _l("Hvad er %(name)s god til? Hvad vil %(name)s gerne prøve?"),
    "goal": _l("Hvad vil %(name)s gerne nå? Det må gerne være små skridt."),
    "team_note": _l("Er der noget, %(name)s vil sige til teamet, før mødet?"),
    "companion": _l(
        "Skriv navnet, hvis %(name)s tager en bisidder med. En bisidder er en, der støtter %(name)s."
    ),
}


def section_label(section: str, about) -> str:
    """A topic's title for this reader (`about`: portal/text/names.py)."""
    if about.third_person:
        return str(SECTION_LABELS_ABOUT[section]) % {"name": about.name, "whose": about.whose}
    return str(SECTION_LABELS[section])


def section_hint(section: str, about) -> str:
    if about.third_person:
        return str(SECTION_HINTS_ABOUT[section]) % {"name": about.name, "whose": about.whose}
    return str(SECTION_HINTS[section])


ROLE_LABELS = {
    TeamRole.EMPLOYMENT: _l("Beskæftigelse"),
    TeamRole.HEALTH: _l("Sundhed (sundhedskoordinator)"),
    TeamRole.SOCIAL: _l("Det sociale område"),
    TeamRole.EDUCATION: _l("Uddannelse (borgere under 30 år)"),
    TeamRole.COMPANY: _l("Virksomhedskonsulent"),
}
