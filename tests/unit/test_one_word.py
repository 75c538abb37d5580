"""One word for one thing: the check finds another word for a term, and lets an explaining
sentence (one that names the term too) stand."""

from portal.text.domain_words import WORDS, misused_words, told_apart


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


def test_the_plan_has_one_word_and_a_compound_does_not_name_it():
    assert misused_words("Din handleplan er klar.") == [("handleplan", "plan")]
    # "Handleplan" contains "plan" but does not name the term; a sentence naming it may explain.
    assert misused_words("Din plan hed før din handleplan.") == []
    assert misused_words("Læs rehabiliteringsplanen.") == []


def test_a_paragraph_tells_the_plan_and_the_rehabilitation_plan_apart():
    apart = (
        "Din forberedelse er en del af rehabiliteringsplanen. Den er ikke det samme som din plan."
    )
    assert told_apart(apart, "plan / rehabiliteringsplan")
    assert told_apart(
        "Det er ikke Hannes plan, men rehabiliteringsplanen.", "plan / rehabiliteringsplan"
    )
    mixed = "Din plan samler alt.\nSkriv din del af rehabiliteringsplanen."
    assert not told_apart(mixed, "plan / rehabiliteringsplan")
    assert told_apart(
        "Mødet er rehabiliteringsmødet. Det er noget andet end samtalerne.", "møde / samtaler"
    )
    assert not told_apart("Book en samtale.\nMødet holdes i Åby.", "møde / samtaler")
