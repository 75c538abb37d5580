"""What each refused rule says to people: one table keyed by DomainError code, in sections per
feature, and the HTTP status a refusal answers with.

Every `DomainError("code")` raised in portal/services has its message here (a test checks it), so a
refusal reads the same wherever it happens.
"""

from flask_babel import lazy_gettext as _l

from portal.services.errors import DomainError, NotFound

DEFAULT = _l("Det kunne ikke lade sig gøre. Der er ikke ændret noget.")

# Someone else (or an earlier press of the same button) changed things first.
CONFLICTS = frozenset({"slot_taken", "already_booked", "stale", "request_key_reused"})

MESSAGES = {
    # --- booking
    "exempted": _l(
        "Du er fritaget for at booke selv. Jobcentret booker din samtale og sender dig en indkaldelse."
    ),
    "no_window": _l("Du har ingen frist lige nu, så der er ikke noget at booke."),
    "slot_unknown": _l("Vi kan ikke finde den tid. Vælg en af de ledige tider."),
    "slot_past": _l("Den tid er allerede gået. Vælg en tid, der ligger senere."),
    "slot_outside_window": _l("Den tid ligger uden for din frist. Vælg en tid inden for fristen."),
    "slot_taken": _l(
        "Tiden er lige blevet taget af en anden. Vælg en af de ledige tider herunder."
    ),
    "same_slot": _l("Det er den tid, du allerede har. Vælg en anden tid."),
    "form_required": _l("Vælg, hvordan du vil holde samtalen."),
    "form_not_allowed": _l("Den tid kan ikke holdes på den måde. Vælg en af mulighederne."),
    "note_too_long": _l("Beskeden er for lang. Skriv højst 500 tegn."),
    "reason_too_long": _l("Skriv højst 500 tegn."),
    "already_booked": _l(
        "Du har allerede en tid i denne frist. Du kan flytte den i stedet for at booke en ny."
    ),
    "past_cutoff": _l("Det er for sent at ændre samtalen her. Ring til din sagsbehandler."),
    "not_active": _l("Samtalen er allerede aflyst eller flyttet. Der er ikke ændret noget."),
    # --- booking (caseworker)
    "date_required": _l("Skriv en dato."),
    "closes_before_opening": _l("Den sidste dag skal ligge efter den første dag."),
    "closes_in_past": _l("Den sidste dag er allerede gået. Vælg en senere dag."),
    "topic_length": _l("Skriv kort, hvad samtalen handler om (højst 120 tegn)."),
    "cutoff_range": _l("Skriv et tal fra 0 til 336."),
    "reason_required": _l("Skriv en begrundelse. Borgeren kan se den."),
    "exemption_unchanged": _l("Borgeren har allerede den status. Der er ikke ændret noget."),
    "not_exempted": _l("Borgeren booker selv. Fritag borgeren først, hvis du vil indkalde."),
    "period_too_long": _l("Vælg en periode på højst tre måneder."),
    "weekdays_required": _l("Vælg mindst én ugedag."),
    "time_required": _l("Skriv et klokkeslæt, fx 09:00."),
    "end_before_start": _l("Sluttidspunktet skal ligge efter starttidspunktet."),
    "length_invalid": _l("Vælg en længde."),
    "forms_required": _l("Vælg mindst én form."),
    "place_required": _l("Skriv stedet, når samtalen kan holdes ved fremmøde."),
    "place_too_long": _l("Skriv højst 200 tegn."),
    "no_slots_created": _l(
        "Der blev ikke oprettet nogen tider. Tjek datoer og klokkeslæt, eller om tiderne findes i forvejen."
    ),
    "too_many_slots": _l(
        "Det bliver for mange tider på én gang (højst 300). Vælg en kortere periode."
    ),
    # --- meeting
    "deadline_passed": _l(
        "Fristen for at ændre er overskredet. Ring til din sagsbehandler, hvis du vil ændre noget."
    ),
    "meeting_over": _l("Mødet er slut. Der er ikke ændret noget."),
    "virtual_needs_consent": _l(
        "Du kan kun vælge video, når du har givet samtykke til et virtuelt møde. Giv samtykke først."
    ),
    "choice_changed": _l(
        "Dit valg er ændret, siden du åbnede siden. Se dit valg nu, og vælg igen, hvis du vil."
    ),
    "mode_unknown": _l("Vælg, hvordan du vil deltage."),
    "representative_name_required": _l("Skriv navnet på den, der møder for dig."),
    "representative_relation_required": _l(
        "Skriv, hvem personen er for dig, fx din søn eller en ven."
    ),
    "name_too_long": _l("Skriv højst 120 tegn."),
    "answer_too_long": _l("Skriv højst 4000 tegn. Du kan forkorte teksten."),
    "preparation_empty": _l("Skriv mindst ét svar, før du sender."),
    # --- meeting (caseworker); "place_too_long" and "reason_required" are the booking's words
    "starts_in_past": _l("Mødet skal ligge i fremtiden."),
    "place_or_video": _l("Skriv et sted eller et videolink."),
    "video_url_https": _l("Videolinket skal begynde med https://"),
    "video_url_too_long": _l("Skriv højst 300 tegn."),
    "roles_required": _l("Vælg mindst én faggruppe i teamet."),
    "deadline_after_start": _l("Fristen skal ligge før mødet."),
    "duration_range": _l("Varigheden skal være mellem 10 og 240 minutter."),
    "no_pending_request": _l(
        "Der er ingen anmodning at vurdere lige nu. Der er ikke ændret noget."
    ),
    "request_changed": _l("Borgerens valg er ændret, siden du åbnede siden. Se valget nu."),
    "assessment_reason_too_long": _l("Skriv højst 1000 tegn."),
    # --- outcomes
    # --- delegation
    # --- plan
}


def message_for(code: str):
    """The words for a refusal; a calm default for a code without its own."""
    return MESSAGES.get(code, DEFAULT)


def status_for(error: DomainError) -> int:
    """404 for something that is not this person's (or not there), 409 when someone was first."""
    if isinstance(error, NotFound):
        return 404
    return 409 if error.code in CONFLICTS else 400
