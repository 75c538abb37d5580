"""How pages name the person they are about: "din plan" to the citizen, "Hannes plan" to someone
acting for her (a delegate, or a caseworker previewing as one). Presentation only, no Flask.

Danish genitive: a name ending in s, x or z takes an apostrophe ("Jens' plan", "Max' møde"),
every other name takes -s ("Hannes møde"). English takes "'s" ("Hanne's plan", "Max's plan") and an
apostrophe alone after s ("Jens' plan").
"""

from __future__ import annotations

_SIBILANTS = ("s", "x", "z")


def genitive(name: str, language: str = "da") -> str:
    """The possessive form of a name: "Hannes", "Jens'" (English: "Hanne's", "Jens'")."""
    name = name.strip()
    if not name:
        return name
    last = name[-1].lower()
    if language == "en":
        return f"{name}'" if last == "s" else f"{name}'s"
    return f"{name}'" if last in _SIBILANTS else f"{name}s"


def about(first_name: str | None, third_person: bool, language: str = "da") -> About:
    """Whom the page speaks about, for the templates."""
    return About(third_person and bool(first_name), first_name or "", language)


class About:
    """`third_person`: the reader is not the citizen, so the page says "Hannes plan", "Hanne"
    where the citizen reads "din plan", "du". `name` is the citizen's first name and `whose` its
    genitive."""

    def __init__(self, third_person: bool, name: str, language: str) -> None:
        self.third_person = third_person
        self.name = name
        self.whose = genitive(name, language)

    def say(self, to_citizen: str, about_citizen: str) -> str:
        """The citizen's wording ("din plan") or the one about them ("Hannes plan"); both are
        translated where the template calls this, so each stays a whole sentence."""
        return about_citizen if self.third_person else to_citizen
