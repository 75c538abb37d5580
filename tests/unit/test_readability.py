"""LIX, sentences and domain words, checked against examples counted by hand."""

import pytest

from portal.services.readability import (
    Band,
    analyse,
    analyse_sections,
    band,
    domain_word_spans,
    is_long,
    sentences,
)


def test_lix_of_a_plain_text_counted_by_hand():
    text = "Du får et ressourceforløb. Det starter i marts. Anders ringer til dig."
    # Words: Du får et ressourceforløb | Det starter i marts | Anders ringer til dig = 4+4+4 = 12
    # Sentences: 3. Long words (> 6 letters): ressourceforløb (15), starter (7) = 2
    # LIX = 12/3 + 100*2/12 = 4 + 16.67 = 20.67
    report = analyse(text)
    assert (report.words, report.sentences, report.long_words) == (12, 3, 2)
    assert report.lix == pytest.approx(4 + 200 / 12)
    assert report.rounded == 21
    assert report.band is Band.VERY_EASY


def test_lix_of_a_hard_text_counted_by_hand():
    text = "Rehabiliteringsteamet indstiller ressourceforløb, jf. beskæftigelsesloven."
    # Words: Rehabiliteringsteamet indstiller ressourceforløb jf beskæftigelsesloven = 5
    # "jf." does not end the sentence (abbreviation, lower-case follows): 1 sentence.
    # Long: all but "jf" = 4. LIX = 5/1 + 100*4/5 = 5 + 80 = 85
    report = analyse(text)
    assert (report.words, report.sentences, report.long_words) == (5, 1, 4)
    assert report.lix == pytest.approx(85)
    assert report.band is Band.VERY_HARD


def test_six_letters_is_not_long_seven_is():
    assert not is_long("sygdom")  # 6
    assert is_long("sygdomm")  # 7
    assert is_long("førtids")  # ø is a letter: 7
    assert not is_long("2026")  # numbers have no letters
    assert is_long("e-Boks-post")  # 9 letters in one hyphenated word


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Du skal fx ringe. Det er nemt.", 2),
        ("Ring f.eks. til Anders. Han svarer.", 2),
        ("Vi ses kl. 10.30 i huset. Tag en ven med.", 2),
        ("Det starter 1. marts 2027. Du får brev.", 2),
        ("Du er nr. 3 på listen, bl.a. fordi du har ventet, jf. reglerne.", 1),
        ("Det sker ca. om en uge pga. ferien.", 1),
        ("Hvad nu? Ring til os! Vi hjælper.", 3),
        ("Du får 28. Det er mange.", 2),  # a number before a capital ends the sentence
        ("Linje uden punktum\nNæste linje uden punktum", 2),  # line breaks end sentences
        ("Du kan klage osv. Derefter ser vi på det.", 2),
        ("", 0),
    ],
)
def test_sentences_in_danish(text, expected):
    assert len(sentences(text)) == expected


def test_hyphenated_words_and_letters_count_once():
    report = analyse("Et ressource-forløb er godt. Brug e-Boks.")
    # Words: Et ressource-forløb er godt | Brug e-Boks = 4 + 2 = 6; long: ressource-forløb = 1
    assert (report.words, report.sentences, report.long_words) == (6, 2, 1)
    assert report.lix == pytest.approx(6 / 2 + 100 / 6)


def test_text_without_a_full_stop_is_one_sentence_and_empty_text_is_zero():
    assert analyse("Du får svar i næste uge").sentences == 1
    empty = analyse("   ")
    assert empty.is_empty and empty.lix == 0


@pytest.mark.parametrize(
    ("lix", "expected"),
    [
        (0, Band.VERY_EASY),
        (24.4, Band.VERY_EASY),
        (24.5, Band.EASY),
        (34, Band.EASY),
        (35, Band.MEDIUM),
        (44, Band.MEDIUM),
        (45, Band.HARD),
        (54, Band.HARD),
        (55, Band.VERY_HARD),
    ],
)
def test_danish_scale(lix, expected):
    assert band(lix) is expected


def test_sentences_over_twenty_words_are_flagged():
    twenty = " ".join(["ord"] * 20) + "."
    twenty_one = " ".join(["ord"] * 21) + "."
    report = analyse(f"{twenty} {twenty_one}")
    assert [s.word_count for s in report.long_sentences] == [21]


@pytest.mark.parametrize(
    "text",
    [
        "Du får et ressourceforløb (hjælp fra flere fagfolk).",
        "Du får et ressourceforløb – det er hjælp fra flere fagfolk.",
        "Du får et ressourceforløb - hjælp fra flere.",
        "Du får et ressourceforløb: hjælp fra flere.",
        "Du får et ressourceforløb, og det betyder, at flere hjælper dig.",
        "Du får et ressourceforløb, det vil sige hjælp fra flere.",
    ],
)
def test_a_domain_word_with_an_explanation_in_the_same_sentence_is_explained(text):
    assert analyse(text).unexplained == []


def test_a_domain_word_without_an_explanation_is_flagged_once():
    report = analyse("Du får et ressourceforløbet. Ressourceforløbet varer et år. (Det er godt.)")
    assert [(u.word, u.domain_word, u.anchor) for u in report.unexplained] == [
        ("ressourceforløbet", "ressourceforløb", "ressourceforloeb")
    ]


def test_an_explanation_in_the_next_sentence_does_not_count():
    report = analyse("Kommunen har truffet en afgørelse. Det betyder, at kommunen har besluttet.")
    assert [u.word for u in report.unexplained] == ["afgørelse"]


def test_a_word_explained_in_an_earlier_section_is_not_flagged_again():
    reports = analyse_sections(
        [
            ("decided", "Du får et fleksjob (et job på særlige vilkår)."),
            ("meaning", "Fleksjobbet starter snart."),
        ]
    )
    assert reports["decided"].unexplained == [] and reports["meaning"].unexplained == []


def test_two_word_domain_terms():
    report = analyse("Din koordinerende sagsbehandler ringer.")
    assert [u.domain_word for u in report.unexplained] == ["koordinerende sagsbehandler"]


def test_domain_word_spans_for_glossary_links():
    text = "En Indstilling og en afgørelse om fleksjobbet."
    spans = [(text[a:b], anchor) for a, b, anchor in domain_word_spans(text)]
    assert spans == [
        ("Indstilling", "indstilling"),
        ("afgørelse", "afgoerelse"),
        ("fleksjobbet", "fleksjob"),
    ]
