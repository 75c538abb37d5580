"""How easy a Danish text is to read: LIX, long sentences and unexplained domain words.

Pure functions over strings (no Flask, no database), so the caseworker's live check, the check on
publish and the demo-data test all measure text the same way.

The rules, as tested in tests/unit/test_readability.py:

* **Words.** The text is split on whitespace; punctuation around a piece is dropped. A piece is a
  word when it holds at least one letter or digit. A hyphenated word ("ressource-forløb",
  "e-Boks") is one word. Æ, ø and å are letters like any other.
* **Long words** have more than 6 letters. Only letters count, so numbers ("2026") are never long.
* **Sentences** end at ".", "!" or "?" at the end of a word, and at every line break (a line
  without a full stop, e.g. a list item, is still a sentence). A full stop does *not* end a
  sentence after a known abbreviation ("fx", "f.eks.", "bl.a.", "kl.", "jf.", "ca.", "nr.",
  "pga.", ...) or after a number ("1. marts", "kl. 10.30"), unless the next word starts with a
  capital letter; a few abbreviations that often close a sentence ("osv.", "mv.", "m.m.") do the
  same. A text with words but no ending still counts as one sentence.
* **LIX** = words / sentences + 100 × long words / words, on the Danish scale: up to 24 very
  easy, 25–34 easy, 35–44 medium, 45–54 hard, 55 and up very hard (the rounded LIX decides).
* **Long sentences** have more than 20 words.
* **Domain words** (ressourceforløb, fleksjob, indstilling, afgørelse, ...) must be explained
  where they first appear in the text. The first use counts as explained when, later in the same
  sentence, comes an explanation marker: an opening parenthesis, a dash ("–" or " - "), a colon,
  or the words "det betyder", "det vil sige", "dvs.", "som betyder" or "altså". Later uses of the
  same word need no explanation. Inflected forms count ("ressourceforløbet", "afgørelsen").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

from portal.text import domain_words

LONG_WORD_LETTERS = 6  # a word is long when it has MORE letters than this
LONG_SENTENCE_WORDS = 20  # a sentence is long when it has MORE words than this

# Abbreviations whose full stop never ends a sentence (unless a capital letter follows).
ABBREVIATIONS = frozenset(
    {
        "fx",
        "f.eks",
        "bl.a",
        "kl",
        "jf",
        "ca",
        "nr",
        "pga",
        "p.g.a",
        "dvs",
        "evt",
        "inkl",
        "ekskl",
        "ift",
        "i.f.t",
        "mht",
        "m.h.t",
        "vedr",
        "tlf",
        "stk",
        "iflg",
        "hhv",
        "ang",
        "o.l",
        "mv",
        "m.v",
        "m.m",
        "m.fl",
        "osv",
        "etc",
        "el",
        "mdr",
        "md",
        "alm",
        "kr",
        "ml",
        "min",
        "sek",
        "gl",
        "hr",
        "fru",
        "dr",
        "st",
        "ndr",
        "sdr",
    }
)

# Domain words and their glossary anchors: the words of the law in the glossary's one list
# (portal/text/domain_words.py). A word matches any form that starts with it: "afgørelse",
# "afgørelsen", "afgørelser".
DOMAIN_WORDS: dict[str, str] = domain_words.words_to_explain_in_text()

EXPLANATION_MARKERS = (
    "(",
    "–",
    " - ",
    ":",
    "det betyder",
    "det vil sige",
    "dvs.",
    "som betyder",
    "altså",
)

_OPENING = "([{\"'«»„“”‘’<"
_CLOSING = ")]}\"'«»„“”‘’>,;:"


class Band(StrEnum):
    VERY_EASY = "very_easy"
    EASY = "easy"
    MEDIUM = "medium"
    HARD = "hard"
    VERY_HARD = "very_hard"


def band(lix: float) -> Band:
    """The Danish LIX scale; the rounded value decides (24.5 rounds up to 25: easy)."""
    value = int(lix + 0.5)
    if value <= 24:
        return Band.VERY_EASY
    if value <= 34:
        return Band.EASY
    if value <= 44:
        return Band.MEDIUM
    if value <= 54:
        return Band.HARD
    return Band.VERY_HARD


@dataclass(frozen=True)
class Sentence:
    text: str
    words: tuple[str, ...]

    @property
    def word_count(self) -> int:
        return len(self.words)


@dataclass(frozen=True)
class UnexplainedWord:
    word: str  # as written in the text
    domain_word: str  # the dictionary form
    anchor: str  # glossary anchor
    sentence: str


@dataclass(frozen=True)
class Report:
    words: int
    sentences: int
    long_words: int
    long_sentences: list[Sentence] = field(default_factory=list)
    unexplained: list[UnexplainedWord] = field(default_factory=list)

    @property
    def lix(self) -> float:
        if not self.words:
            return 0.0
        return self.words / self.sentences + 100 * self.long_words / self.words

    @property
    def rounded(self) -> int:
        return int(self.lix + 0.5)

    @property
    def band(self) -> Band:
        return band(self.lix)

    @property
    def is_empty(self) -> bool:
        return self.words == 0


def letters(word: str) -> int:
    return sum(1 for ch in word if ch.isalpha())


def is_long(word: str) -> bool:
    return letters(word) > LONG_WORD_LETTERS


def _core(piece: str) -> str:
    """The word inside a whitespace-separated piece, without surrounding punctuation."""
    return piece.strip(_OPENING + _CLOSING + ".!?…–—-")


def _is_word(core: str) -> bool:
    return any(ch.isalnum() for ch in core)


def _ends_sentence(piece: str, next_piece: str | None) -> bool:
    stripped = piece.rstrip(_CLOSING)
    if not stripped:
        return False
    if stripped[-1] in "!?…":
        return True
    if stripped[-1] != ".":
        return False
    capital_follows = next_piece is None or _starts_with_capital(next_piece)
    core = stripped.lstrip(_OPENING).rstrip(".").casefold()
    if core in ABBREVIATIONS or core.isdigit():
        return capital_follows
    return True


def _starts_with_capital(piece: str) -> bool:
    core = piece.lstrip(_OPENING)
    return bool(core) and core[0].isupper()


def sentences(text: str) -> list[Sentence]:
    """The sentences of `text` (see the module docstring for where one ends)."""
    found: list[Sentence] = []
    for line in text.splitlines():
        pieces = line.split()
        current: list[str] = []
        for index, piece in enumerate(pieces):
            current.append(piece)
            next_piece = pieces[index + 1] if index + 1 < len(pieces) else None
            if _ends_sentence(piece, next_piece):
                _close(found, current)
                current = []
        _close(found, current)
    return found


def _close(found: list[Sentence], pieces: list[str]) -> None:
    words = tuple(core for core in (_core(p) for p in pieces) if _is_word(core))
    if words:
        found.append(Sentence(text=" ".join(pieces), words=words))


def _domain_match(sentence: Sentence, start: int) -> tuple[str, str, int] | None:
    """The domain word starting at word `start`: (dictionary form, as written, words used)."""
    first = sentence.words[start].casefold()
    for domain_word in DOMAIN_WORDS:
        parts = domain_word.split()
        if len(parts) == 1:
            if first.startswith(domain_word):
                return domain_word, sentence.words[start], 1
        else:
            written = sentence.words[start : start + len(parts)]
            if len(written) == len(parts) and all(
                w.casefold().startswith(p) for w, p in zip(written, parts, strict=True)
            ):
                return domain_word, " ".join(written), len(parts)
    return None


def _explained_after(sentence: Sentence, written: str) -> bool:
    text = sentence.text
    position = text.casefold().find(written.casefold())
    rest = text[position + len(written) :].casefold() if position >= 0 else ""
    return any(marker in rest for marker in EXPLANATION_MARKERS)


def unexplained_domain_words(found: list[Sentence], seen: set[str] | None = None) -> list:
    """First uses of domain words without an explanation in the same sentence.

    `seen` holds domain words already met earlier on the page (e.g. in a section above); it is
    updated, so several sections can be checked in reading order.
    """
    seen = set() if seen is None else seen
    flagged = []
    for sentence in found:
        index = 0
        while index < len(sentence.words):
            match = _domain_match(sentence, index)
            if match is None:
                index += 1
                continue
            domain_word, written, used = match
            if domain_word not in seen:
                seen.add(domain_word)
                if not _explained_after(sentence, written):
                    flagged.append(
                        UnexplainedWord(
                            word=written,
                            domain_word=domain_word,
                            anchor=DOMAIN_WORDS[domain_word],
                            sentence=sentence.text,
                        )
                    )
            index += used
    return flagged


def analyse(text: str, seen: set[str] | None = None) -> Report:
    """LIX, long sentences and unexplained domain words for one text."""
    found = sentences(text or "")
    words = [w for s in found for w in s.words]
    return Report(
        words=len(words),
        sentences=len(found),
        long_words=sum(1 for w in words if is_long(w)),
        long_sentences=[s for s in found if s.word_count > LONG_SENTENCE_WORDS],
        unexplained=unexplained_domain_words(found, seen),
    )


def analyse_sections(sections: list[tuple[str, str]]) -> dict[str, Report]:
    """Reports for several sections read in order: a word explained above counts as explained."""
    seen: set[str] = set()
    return {name: analyse(text, seen) for name, text in sections}


def domain_word_spans(text: str) -> list[tuple[int, int, str]]:
    """Where domain words occur in `text`: (start, end, glossary anchor), for linking them."""
    spans = []
    for domain_word, anchor in DOMAIN_WORDS.items():
        pattern = r"(?<!\w)" + r"\s+".join(map(re.escape, domain_word.split())) + r"[\w-]*"
        for match in re.finditer(pattern, text, flags=re.IGNORECASE):
            spans.append((match.start(), match.end(), anchor))
    spans.sort()
    kept, last_end = [], -1
    for start, end, anchor in spans:
        if start >= last_end:
            kept.append((start, end, anchor))
            last_end = end
    return kept
