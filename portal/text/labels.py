"""Plain-language labels for the codes the domain stores. Only presentation lives here."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

from portal.models import Course, Department, EffortStatus, Law, Payer

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
    Payer.MUNICIPALITY: _l("din kommune betaler"),
    Payer.REGION: _l("din region betaler"),
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
}

FULDMAGT_STATUS = {
    "active": _l("Gælder"),
    "not_started": _l("Gælder endnu ikke"),
    "expired": _l("Udløbet"),
    "revoked": _l("Tilbagekaldt"),
    "given_up": _l("Opgivet"),
}

TABLES = {
    "department": DEPARTMENT,
    "law": LAW,
    "payer": PAYER,
    "status": STATUS,
    "status_in_sentence": STATUS_IN_SENTENCE,
    "course": COURSE,
    "scope": SCOPE,
    "fuldmagt_status": FULDMAGT_STATUS,
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
