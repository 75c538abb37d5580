"""One word for one thing: the check finds another word for a term, and lets an explaining
sentence (one that names the term too) stand."""

from portal.text.domain_words import WORDS, misused_words


def test_another_word_for_a_term_is_found():
    assert misused_words("Teamet giver en anbefaling til kommunen.") == [
        ("anbefaling", "indstilling")
    ]
    assert misused_words("Gå til videomødet.") == [("videomødet", "virtuelt møde")]
    assert ("beslutning", "afgørelse") in misused_words("Kommunens beslutning kommer snart.")


def test_a_sentence_that_names_the_term_may_explain_it():
    assert misused_words("En indstilling er et råd fra teamet til kommunen.") == []
    assert misused_words("Linket til det virtuelle møde kommer her. Du har en samtale.") == []


def test_whole_words_only_and_each_sentence_on_its_own():
    assert misused_words("Uddannelsesområdet og Rådhuset er ikke et råd-ord.") == [
        ("råd", "indstilling")
    ]
    assert misused_words("Byrådet mødes.") == []
    # The term in one sentence does not excuse the synonym in the next.
    assert misused_words("Du fik en indstilling.\nAnbefalingen er klar.") == [
        ("anbefalingen", "indstilling")
    ]


def test_every_term_and_its_other_words_are_lower_case_and_distinct():
    others = [o for w in WORDS for o in w.avoid]
    assert len(others) == len(set(others))
    assert all(o == o.lower() for o in others)
    assert not {w.word for w in WORDS} & set(others)
