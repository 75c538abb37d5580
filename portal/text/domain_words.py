"""The domain words a citizen meets in their case, in one list.

The glossary (/ordforklaring, `portal/text/glossary.py`) explains every word here. The
readability check (`portal/services/readability.py`) asks a caseworker to explain the words of the
law (`in_text=True`) where they first appear in a text to the citizen, and outcome pages link them
to the glossary. Plain Python without Flask, so the readability check can read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DomainWord:
    anchor: str  # its id on the glossary page
    word: str  # as letters write it; Danish in both languages
    in_text: bool = False  # a word of the law: explain it where it first appears in a text


WORDS = (
    DomainWord("afgoerelse", "afgørelse", in_text=True),
    DomainWord("bisidder", "bisidder"),
    DomainWord("deltagelse", "deltagelse"),
    DomainWord("fleksjob", "fleksjob", in_text=True),
    DomainWord("forloeb", "forløb"),
    DomainWord("frist", "frist"),
    DomainWord("fritagelse", "fritagelse for selvbooking"),
    DomainWord("fuldmagt", "fuldmagt", in_text=True),
    DomainWord("foertidspension", "førtidspension", in_text=True),
    DomainWord("indkaldelse", "indkaldelse"),
    DomainWord("indsats", "indsats"),
    DomainWord("indstilling", "indstilling", in_text=True),
    DomainWord("jobafklaringsforloeb", "jobafklaringsforløb", in_text=True),
    DomainWord("klagevejledning", "klagevejledning", in_text=True),
    DomainWord("koordinerende-sagsbehandler", "koordinerende sagsbehandler", in_text=True),
    DomainWord("plan", "plan"),
    DomainWord("rehabiliteringsmoede", "rehabiliteringsmøde", in_text=True),
    DomainWord("rehabiliteringsplan", "rehabiliteringsplan", in_text=True),
    DomainWord("rehabiliteringsteam", "rehabiliteringsteam", in_text=True),
    DomainWord("ressourceforloeb", "ressourceforløb", in_text=True),
    DomainWord("sagsbehandler", "sagsbehandler"),
    DomainWord("samtale", "samtale"),
    DomainWord("samtykke", "samtykke"),
    DomainWord("selvbooking", "selvbooking"),
    DomainWord("sygedagpenge", "sygedagpenge", in_text=True),
)


def words_to_explain_in_text() -> dict[str, str]:
    """{word: glossary anchor} for the words the readability check looks for."""
    return {w.word: w.anchor for w in WORDS if w.in_text}
