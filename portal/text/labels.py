"""Plain-language labels for the codes the domain stores. Only presentation lives here."""

from __future__ import annotations

from flask_babel import gettext
from flask_babel import lazy_gettext as _l

from portal.models import (
    BookingKind,
    BookingStatus,
    ChangeKind,
    Course,
    Department,
    EffortStatus,
    FuldmagtEventKind,
    Law,
    OutcomeKind,
    Payer,
    RequestStatus,
)
from portal.services.readability import Band
from portal.text import conversation_forms

DEPARTMENT = {
    Department.EMPLOYMENT: _l("Beskæftigelse"),
    Department.HEALTH: _l("Sundhed"),
    Department.SOCIAL: _l("Social"),
    Department.EDUCATION: _l("Uddannelse"),
}

LAW = {
    Law.EMPLOYMENT: _l("Beskæftigelsesloven"),
    Law.HEALTH: _l("Sundhedsloven"),
    Law.SERVICE: _l("Serviceloven"),
    Law.COMPENSATION: _l("Kompensationsloven"),
    Law.ACTIVE_SOCIAL_POLICY: _l("Aktivloven"),
}

PAYER = {
    Payer.MUNICIPALITY: _l("kommunen betaler"),
    Payer.REGION: _l("regionen betaler"),
    Payer.STATE: _l("staten betaler"),
}

STATUS = {
    EffortStatus.PLANNED: _l("Planlagt"),
    EffortStatus.ONGOING: _l("I gang"),
    EffortStatus.PAUSED: _l("Sat på pause"),
    EffortStatus.DONE: _l("Afsluttet"),
    EffortStatus.CANCELLED: _l("Aflyst"),
}

# The same statuses inside a sentence ("fra planlagt til i gang").
STATUS_IN_SENTENCE = {
    EffortStatus.PLANNED: _l("planlagt"),
    EffortStatus.ONGOING: _l("i gang"),
    EffortStatus.PAUSED: _l("sat på pause"),
    EffortStatus.DONE: _l("afsluttet"),
    EffortStatus.CANCELLED: _l("aflyst"),
}

COURSE = {
    Course.SICKNESS_FOLLOW_UP: _l("Opfølgning på sygedagpenge"),
    Course.JOB_CLARIFICATION: _l("Jobafklaringsforløb"),
    Course.RESOURCE_COURSE: _l("Ressourceforløb"),
    Course.FLEX_JOB: _l("Fleksjob"),
    Course.EARLY_RETIREMENT: _l("Førtidspension"),
}

SCOPE = {
    "se": _l("se"),
    "booke": _l("booke"),
    "moede": _l("møde"),
    "helbred": _l("se helbred og sociale forhold"),
}

FULDMAGT_STATUS = {
    "active": _l("Gælder"),
    "not_started": _l("Gælder endnu ikke"),
    "expired": _l("Udløbet"),
    "revoked": _l("Tilbagekaldt"),
    "given_up": _l("Opgivet"),
}

# How a conversation is held (the names live in portal/text/conversation_forms.py).
CONVERSATION_FORM = {code: _l(name) for code, name in conversation_forms.NAMES.items()}

# A booking on the caseworker's list: a live one by who booked it, else what happened to it.
BOOKING_STATE = {
    BookingKind.SUMMONS: _l("Indkaldt"),
    BookingKind.SELF: _l("Booket af borgeren"),
    BookingStatus.REBOOKED: _l("Flyttet"),
    BookingStatus.CANCELLED: _l("Aflyst"),
}

# What the caseworker's change on a citizen's conversations did (after "Det er gemt").
STAFF_BOOKING_SAVED = {
    "frist": _l("Fristen er åbnet. Borgeren kan nu booke en tid inden for den."),
    "fritaget": _l("Borgeren er fritaget for selvbooking. Indkald borgeren til en tid herunder."),
    "selvbooking": _l("Borgeren booker nu selv sine samtaler."),
    "indkaldt": _l("Borgeren er indkaldt. Borgeren kan se indkaldelsen i Én plan."),
    "hjaelp": _l("Tiden er booket for borgeren. Borgeren kan se den i Én plan."),
}

# The team's answer to a request to treat the case without the citizen.
REQUEST_STATUS = {
    RequestStatus.PENDING: _l("Afventer teamets vurdering"),
    RequestStatus.ACCEPTED: _l("Teamet har sagt ja. Teamet behandler din sag uden dig."),
    RequestStatus.DECLINED: _l("Teamet har sagt nej. Teamet mener, at du skal være med."),
}

OUTCOME_KIND = {
    OutcomeKind.DECISION: _l("Afgørelse"),
    OutcomeKind.RECOMMENDATION: _l("Indstilling"),
}

# The plain sections of an outcome, by their headings.
OUTCOME_SECTION = {
    "decided": _l("Det blev besluttet"),
    "meaning": _l("Det betyder for dig"),
    "next_steps": _l("Det sker nu"),
    "if_you_disagree": _l("Hvis du er uenig"),
}

# How easy a text is to read (LIX), inside a sentence ("LIX 32 – let").
LIX_BAND = {
    Band.VERY_EASY: _l("meget let"),
    Band.EASY: _l("let"),
    Band.MEDIUM: _l("middel"),
    Band.HARD: _l("svær"),
    Band.VERY_HARD: _l("meget svær"),
}

# Kinds of rows in "Hent dine oplysninger" (the PDF names them; the JSON keeps the codes).
CHANGE_KIND = {
    ChangeKind.EFFORT_ADDED: _l("Indsats tilføjet"),
    ChangeKind.STATUS_CHANGED: _l("Status ændret"),
    ChangeKind.DATES_MOVED: _l("Datoer flyttet"),
    ChangeKind.GOAL_CHANGED: _l("Mål ændret"),
    ChangeKind.SENSITIVITY_CHANGED: _l("Ændret, om indsatsen kun vises med fuldmagt til helbred"),
    ChangeKind.OUTCOME_LINKED: _l("Knyttet til et mødes resultat"),
    ChangeKind.OUTCOME_UNLINKED: _l("Ikke længere knyttet til et mødes resultat"),
}

FULDMAGT_EVENT = {
    FuldmagtEventKind.GRANTED: _l("Givet"),
    FuldmagtEventKind.CHANGED: _l("Ændret"),
    FuldmagtEventKind.REVOKED: _l("Tilbagekaldt"),
    FuldmagtEventKind.GIVEN_UP: _l("Opgivet"),
}

CHANNEL = {"email": _l("E-mail"), "sms": _l("SMS"), "none": _l("Ingen")}

TABLES = {
    "department": DEPARTMENT,
    "law": LAW,
    "payer": PAYER,
    "status": STATUS,
    "status_in_sentence": STATUS_IN_SENTENCE,
    "course": COURSE,
    "scope": SCOPE,
    "fuldmagt_status": FULDMAGT_STATUS,
    "conversation_form": CONVERSATION_FORM,
    "booking_state": BOOKING_STATE,
    "staff_booking_saved": STAFF_BOOKING_SAVED,
    "request_status": REQUEST_STATUS,
    "outcome_kind": OUTCOME_KIND,
    "outcome_section": OUTCOME_SECTION,
    "lix_band": LIX_BAND,
    "change_kind": CHANGE_KIND,
    "fuldmagt_event": FULDMAGT_EVENT,
    "channel": CHANNEL,
}


def scopes(codes) -> str:
    """The scopes of a fuldmagt in the order they are explained: "se, booke"."""
    order = list(SCOPE)
    return ", ".join(
        label("scope", c)
        for c in sorted(codes, key=lambda c: (order.index(c) if c in order else 9, c))
    )


def label(table: str, code: str | None) -> str:
    """The label for `code`, or the code itself if it is unknown (never an error page)."""
    if code is None:
        return ""
    return str(TABLES[table].get(code, code))


def conversation_form_described(code: str | None) -> str:
    """ "Video – du får et link fra din sagsbehandler", in the reader's language."""
    return conversation_forms.described(code, gettext)
