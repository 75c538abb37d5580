"""What a fuldmagt lets its holder do, and what not, in words for the check page before it is
given or changed ("Mads kan: ... Mads kan ikke: ..."). Presentation only."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

CAN = {
    "se": _l("se din plan, dit møde, dine samtaler og dine resultater"),
    "helbred": _l("se dine indsatser om helbred og sociale forhold"),
    "booke": _l("booke, flytte og aflyse dine samtaler"),
    "moede": _l("vælge, hvordan du deltager i mødet, og skrive din forberedelse"),
}
# Never a holder's, whatever is chosen.
NEVER = (
    _l("give eller trække dit samtykke til et virtuelt møde tilbage"),
    _l("se dine fuldmagter, og hvem der har set dine oplysninger"),
)
ORDER = ("se", "helbred", "booke", "moede")


def can_and_cannot(chosen) -> tuple[list[str], list[str]]:
    """The sentences for what the holder can and cannot do with these scopes."""
    chosen = set(chosen)
    can = [str(CAN[s]) for s in ORDER if s in chosen]
    cannot = [str(CAN[s]) for s in ORDER if s not in chosen]
    return can, cannot + [str(n) for n in NEVER]
