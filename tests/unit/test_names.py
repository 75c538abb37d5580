"""The Danish (and English) genitive of names, and whom a page speaks about."""

import pytest

from portal.text.names import about, genitive


@pytest.mark.parametrize(
    ("name", "danish", "english"),
    [
        ("Hanne", "Hannes", "Hanne's"),
        ("Jens", "Jens'", "Jens'"),
        ("Mads", "Mads'", "Mads'"),
        ("Max", "Max'", "Max's"),
        ("Inez", "Inez'", "Inez's"),
        ("Lærke", "Lærkes", "Lærke's"),
        ("BIRGIT", "BIRGITs", "BIRGIT's"),
        (" Gitte ", "Gittes", "Gitte's"),
    ],
)
def test_genitive(name, danish, english):
    assert genitive(name) == danish
    assert genitive(name, "en") == english


def test_empty_name_stays_empty():
    assert genitive("") == ""


def test_about_speaks_in_the_third_person_only_with_a_name():
    assert about("Jens", True).whose == "Jens'"
    assert about("Jens", True).third_person
    assert not about("Jens", False).third_person
    assert not about(None, True).third_person
