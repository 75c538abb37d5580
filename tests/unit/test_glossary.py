"""One list of domain words: the glossary explains each, the readability check looks for the words
of the law among them, and every link into the glossary lands on a word it explains."""

import re
from pathlib import Path

from portal.services import readability
from portal.text import domain_words, glossary

TEMPLATES = Path(__file__).resolve().parents[2] / "portal" / "templates"


def test_the_readability_checks_domain_words_are_glossary_words():
    terms = {(word, anchor) for anchor, word, _ in glossary.TERMS}
    assert readability.DOMAIN_WORDS, "the check looks for some words"
    assert set(readability.DOMAIN_WORDS.items()) <= terms
    marked = {w.word for w in domain_words.WORDS if w.in_text}
    assert set(readability.DOMAIN_WORDS) == marked


def test_every_domain_word_is_explained_once():
    anchors = [anchor for anchor, _, _ in glossary.TERMS]
    assert len(anchors) == len(set(anchors)) == len(domain_words.WORDS)
    assert set(glossary.EXPLANATIONS) == set(anchors)
    assert all(re.fullmatch(r"[a-z0-9-]+", a) for a in anchors), "anchors are plain ids"


def test_every_glossary_link_in_the_templates_has_a_target():
    anchors = {anchor for anchor, _, _ in glossary.TERMS}
    linked = {
        target
        for path in TEMPLATES.rglob("*.html")
        for target in re.findall(
            r"url_for\('pages\.glossary', _anchor='([^']+)'\)", path.read_text(encoding="utf-8")
        )
    }
    assert linked, "the pattern still finds the links"
    assert linked <= anchors
