"""The domain words a citizen meets in their case, in one list.

The glossary (/ordforklaring, `portal/text/glossary.py`) explains every word here. The
readability check (`portal/services/readability.py`) asks a caseworker to explain the words of the
law (`in_text=True`) where they first appear in a text to the citizen, and outcome pages link them
to the glossary. Plain Python without Flask, so the readability check can read it.

One word for one thing: each concept has one Danish term, and `avoid` lists the other words for
it that the portal does not use. Such a word may only stand in a sentence that also names the
term, to explain it ("En indstilling er et råd fra teamet"); `misused_words` finds the others, and
a test renders the Danish pages and fails on any.

Things that are different keep different words, and a page says which is which where they meet:
the rehabilitation meeting is "mødet" (rehabiliteringsmødet), the conversations with the
caseworker are "samtaler"; "din plan" is the one plan of all efforts, the rehabiliteringsplan's
preparation part is what the citizen writes before the meeting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class DomainWord:
    anchor: str  # its id on the glossary page
    word: str  # as letters write it; Danish in both languages
    in_text: bool = False  # a word of the law: explain it where it first appears in a text
    avoid: tuple[str, ...] = ()  # other words for the same thing, not used (whole words)
    stem: str = ""  # what every form of the term contains ("virtuel" for "det virtuelle møde")

    @property
    def forms(self) -> str:
        return (self.stem or self.word).lower()


WORDS = (
    DomainWord("afgoerelse", "afgørelse", in_text=True, avoid=("beslutning", "beslutningen")),
    DomainWord("bisidder", "bisidder"),
    DomainWord("deltagelse", "deltagelse"),
    DomainWord("fleksjob", "fleksjob", in_text=True),
    DomainWord("forloeb", "forløb"),
    DomainWord("frist", "frist"),
    DomainWord("fritagelse", "fritagelse for selvbooking"),
    DomainWord(
        "fuldmagt",
        "fuldmagt",
        in_text=True,
        avoid=("bemyndigelse", "bemyndigelsen", "repræsentationsaftale"),
    ),
    DomainWord("foertidspension", "førtidspension", in_text=True),
    DomainWord("indkaldelse", "indkaldelse"),
    DomainWord("indsats", "indsats"),
    DomainWord(
        "indstilling",
        "indstilling",
        in_text=True,
        avoid=("anbefaling", "anbefalingen", "anbefalinger", "råd", "rådet"),
    ),
    DomainWord("jobafklaringsforloeb", "jobafklaringsforløb", in_text=True),
    DomainWord("klagevejledning", "klagevejledning", in_text=True),
    DomainWord("koordinerende-sagsbehandler", "koordinerende sagsbehandler", in_text=True),
    # "Din plan" is the one plan; the job centre's older names for a plan are not used for it.
    DomainWord("plan", "plan", avoid=("handleplan", "handleplanen", "jobplan", "jobplanen")),
    DomainWord("rehabiliteringsmoede", "rehabiliteringsmøde", in_text=True),
    DomainWord("rehabiliteringsplan", "rehabiliteringsplan", in_text=True),
    DomainWord("rehabiliteringsteam", "rehabiliteringsteam", in_text=True),
    DomainWord("ressourceforloeb", "ressourceforløb", in_text=True),
    DomainWord("sagsbehandler", "sagsbehandler"),
    DomainWord(
        "samtale",
        "samtale",
        avoid=("møde med jobcentret", "møde med din sagsbehandler", "jobsamtale"),
    ),
    DomainWord("samtykke", "samtykke"),
    DomainWord("selvbooking", "selvbooking"),
    DomainWord("sygedagpenge", "sygedagpenge", in_text=True),
    DomainWord(
        "virtuelt-moede",
        "virtuelt møde",
        avoid=("videomøde", "videomødet", "onlinemøde", "online møde", "digitalt møde"),
        stem="virtuel",
    ),
)


def words_to_explain_in_text() -> dict[str, str]:
    """{word: glossary anchor} for the words the readability check looks for."""
    return {w.word: w.anchor for w in WORDS if w.in_text}


_SENTENCE_END = re.compile(r"(?<=[.!?:])\s+|\n+")


def _names(term: DomainWord, lowered: str) -> bool:
    """Whether a sentence names the term: a word that starts with it ("planen", "indstillingen"),
    so the term inside another word ("handleplan") does not count."""
    return re.search(rf"(?<!\w){re.escape(term.forms)}", lowered) is not None


def misused_words(text: str) -> list[tuple[str, str]]:
    """(other word, term) for each sentence that uses another word for a term without naming the
    term itself; an explaining sentence ("En indstilling er et råd ...") is fine."""
    found = []
    for sentence in _SENTENCE_END.split(text):
        lowered = sentence.lower()
        for term in WORDS:
            if _names(term, lowered):
                continue
            for other in term.avoid:
                if re.search(rf"(?<!\w){re.escape(other)}(?!\w)", lowered):
                    found.append((other, term.word))
    return found


# Different things whose words are easily mixed up. Where a page speaks of both, one paragraph
# names both and says which is which: (pattern for the one, pattern for the other).
TOLD_APART = {
    "plan / rehabiliteringsplan": (r"(?<!\w)(din|\w+s'?) plan(?!\w)", r"rehabiliteringsplan"),
    "møde / samtaler": (r"rehabiliteringsmød|(?<!\w)mødet(?!\w)", r"(?<!\w)samtale"),
}


def told_apart(text: str, pair: str) -> bool:
    """Whether one paragraph (line) of `text` names both things of `pair` (a key of
    TOLD_APART)."""
    one, other = TOLD_APART[pair]
    return any(
        re.search(one, line.lower()) and re.search(other, line.lower())
        for line in text.splitlines()
    )
