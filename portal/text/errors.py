"""What each refused rule says to people: one table keyed by DomainError code, in sections per
feature, and the HTTP status a refusal answers with.

Every `DomainError("code")` raised in portal/services has its message here (a test checks it), so a
refusal reads the same wherever it happens.
"""

from flask_babel import lazy_gettext as _l

from portal.services.errors import DomainError, NotFound

DEFAULT = _l("Det kunne ikke lade sig gøre. Der er ikke ændret noget.")

# Someone else (or an earlier press of the same button) changed things first.
CONFLICTS = frozenset(
    {"slot_taken", "already_booked", "conflict", "request_key_reused", "link_already_removed"}
)

MESSAGES = {
    # --- any change
    "conflict": _l(
        "Nogen nåede at ændre det samme lige før dig. Der er ikke ændret noget. Hent siden igen, og prøv igen."
    ),
    # --- booking
    "exempted": _l(
        "Du skal ikke selv booke. Jobcentret finder en tid til dig, og du bliver indkaldt til samtalen."
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
    "interpreter_language_too_long": _l("Skriv kun sproget, højst 60 tegn."),
    "slot_required": _l("Vælg en tid."),
    "reason_too_long": _l("Skriv højst 500 tegn."),
    "already_booked": _l(
        "Du har allerede en tid i denne frist. Du kan flytte den i stedet for at booke en ny."
    ),
    "past_cutoff": _l("Det er for sent at ændre samtalen her. Ring til din sagsbehandler."),
    "not_active": _l("Samtalen er allerede aflyst eller flyttet. Der er ikke ændret noget."),
    # --- contact settings (notifications)
    "email_invalid": _l("Skriv en e-mailadresse som navn@eksempel.dk."),
    "mobile_invalid": _l("Skriv et dansk mobilnummer med 8 cifre, fx 20 30 40 50."),
    "channel_unknown": _l("Vælg e-mail, SMS eller ingen beskeder."),
    "channel_needs_email": _l("Skriv din e-mailadresse, eller vælg en anden måde."),
    "channel_needs_mobile": _l("Skriv dit mobilnummer, eller vælg en anden måde."),
    # --- booking (caseworker)
    "date_required": _l("Skriv en dato."),
    "closes_before_opening": _l("Den sidste dag skal ligge efter den første dag."),
    "help_reason_required": _l("Vælg, hvorfor du ikke kan booke selv."),
    "help_already_answered": _l(
        "Borgerens anmodning er allerede besvaret. Der er ikke ændret noget."
    ),
    "help_answer_required": _l("Vælg, om du vil indkalde borgeren eller booke tiden for borgeren."),
    "callback_already_handled": _l(
        "Opkaldet er allerede markeret som klaret. Der er ikke ændret noget."
    ),
    "closes_in_past": _l("Den sidste dag er allerede gået. Vælg en senere dag."),
    "no_working_day": _l(
        "Der er ingen arbejdsdage mellem de to datoer (kun weekend og helligdage). Vælg en senere sidste dag."
    ),
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
    "language_too_long": _l("Skriv højst 60 tegn."),
    "interpreter_language_required": _l("Skriv, hvilket sprog tolken skal tale."),
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
    "title_length": _l("Skriv en overskrift på højst 120 tegn."),  # also an effort's title (plan)
    "decided_required": _l("Skriv, hvad der blev besluttet."),
    "meaning_required": _l("Skriv, hvad det betyder for borgeren."),
    "next_steps_required": _l("Skriv, hvad der sker nu."),
    "if_you_disagree_required": _l("Skriv, hvad borgeren kan gøre, hvis hun eller han er uenig."),
    "section_too_long": _l("Teksten er for lang. Gør den kortere."),
    "appeal_route_too_short": _l(
        "Skriv hele adressen og den digitale vej, eller lad feltet stå tomt."
    ),
    "formal_text_required": _l("Skriv den formelle tekst."),
    "formal_text_too_long": _l("Teksten er for lang. Gør den kortere."),
    "decision_date_required": _l("Skriv datoen."),
    "follows_invalid": _l("Vælg en af borgerens udgivne indstillinger."),
    "follows_only_for_decisions": _l("Kun en afgørelse kan følge en indstilling."),
    "kind_invalid": _l("Vælg, om det er en indstilling eller en afgørelse."),
    "unknown_effort": _l("Vælg blandt indsatserne i borgerens plan. Der er ikke gemt noget."),
    "link_already_removed": _l(
        "Indsatsen var allerede fjernet fra resultatet. Der er ikke ændret noget."
    ),
    "link_named_in_text": _l(
        "Teksten nævner indsatsen ved navn, nu eller i en udgave, borgeren har fået før. Så hører den til resultatet og kan ikke fjernes."
    ),
    "received_before_decision": _l(
        "Borgeren kan ikke have fået afgørelsen, før den blev truffet. Tjek datoen."
    ),
    "expected_before_recommendation": _l(
        "Afgørelsen kan ikke komme før indstillingen. Tjek datoen."
    ),
    "appeal_weeks_range": _l("Skriv et tal fra 1 til 52."),
    "correction_note_required": _l("Skriv kort, hvad du har rettet. Borgeren får det at vide."),
    "correction_note_too_long": _l("Skriv det kortere, højst 500 tegn."),
    "request_key_reused": _l("Formularen var for gammel. Der er ikke gemt noget. Prøv igen."),
    "nothing_to_publish": _l(
        "Der er ingen kladde at udgive. Måske er den allerede udgivet. Der er ikke ændret noget."
    ),
    "hard_text_not_confirmed": _l(
        "Teksten er svær at læse (LIX over 40). Gør den lettere, eller sæt kryds for at udgive den alligevel."
    ),
    "version_not_current": _l(
        "Der er kommet en nyere udgave, eller siden var for gammel. Der er ikke ændret noget. Læs den nyeste udgave herunder."
    ),
    # --- delegation
    "unknown_holder": _l(
        "Vi kan ikke give en fuldmagt til en person med det navn og det nummer. Tjek, at du har skrevet det fulde navn og nummeret rigtigt."
    ),
    "already_holds": _l(
        "Personen har allerede en fuldmagt fra dig. Du kan ændre den i stedet for at give en ny."
    ),
    "no_scope": _l("Vælg mindst én ting, personen må gøre for dig."),
    "unknown_scope": _l("Vælg kun blandt de ting, der står på listen."),
    "sensitive_without_see": _l('Helbred og sociale forhold kan kun vælges sammen med "Se".'),
    "sensitivity_choice": _l("Vælg, om indsatsen er følsom eller ej."),
    "sensitivity_unchanged": _l("Indsatsen var allerede markeret sådan. Der er ikke ændret noget."),
    "no_end": _l("Skriv den sidste dag, fuldmagten skal gælde."),
    "end_in_past": _l("Den sidste dag kan tidligst være i dag."),
    "end_too_far": _l("En fuldmagt kan højst gælde 12 måneder. Vælg en tidligere dag."),
    "fuldmagt_not_active": _l(
        "Fuldmagten gælder ikke længere, så den kan ikke ændres. Giv en ny i stedet."
    ),
    # --- plan
    # title_length (outcomes) and end_before_start (booking) are worded above.
    "plan_exists": _l("Borgeren har allerede en plan."),
    "status_unchanged": _l("Indsatsen har allerede den status. Der er ikke ændret noget."),
    "dates_unchanged": _l("Datoerne er de samme som før. Der er ikke ændret noget."),
    "goal_required": _l("Skriv målet."),
    "step_up_needed": _l(
        "Bekræft, at det er dig, ved at logge ind med MitID igen. Så kan du give eller udvide fuldmagten."
    ),
    # --- log-in (the log-in routes show their own page, auth/unknown_person.html)
    "login_unknown_person": _l(
        "Vi kan ikke finde dig i Én plan, så du er ikke logget ind. Ring til jobcentret."
    ),
}


def message_for(code: str):
    """The words for a refusal; a calm default for a code without its own."""
    return MESSAGES.get(code, DEFAULT)


def status_for(error: DomainError) -> int:
    """404 for something that is not this person's (or not there), 409 when someone was first."""
    if isinstance(error, NotFound):
        return 404
    return 409 if error.code in CONFLICTS else 400
