"""A part of a PDF in another language than the document's gets its own /Lang in the structure
tree (portal/services/pdf.py), so a screen reader switches pronunciation there; the rest, and
every part of a document with no such part, has only the catalog's /Lang."""

import io

import pypdf

from portal.services.pdf import html_to_pdf
from tests.functional.pdf_support import structure_languages

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>T</title></head>
<body><h1>Your plan</h1><p>Next step: <span{mark}>Ring til jobcentret</span>.</p>
<p{mark}>Målet er et fleksjob.</p><ul><li{mark}>Afklaring</li></ul></body></html>"""


def _languages(lang: str, mark: str) -> tuple[str, list[tuple[str, str]]]:
    reader = pypdf.PdfReader(io.BytesIO(html_to_pdf(PAGE.format(lang=lang, mark=mark))))
    return str(reader.trailer["/Root"]["/Lang"]), structure_languages(reader)


def test_danish_parts_of_an_english_pdf_carry_their_language():
    lang, marked = _languages("en", ' lang="da"')
    assert lang == "en"
    assert {"/Span", "/P", "/LI"} <= {tag for tag, _ in marked}
    assert all(value == "da" for _, value in marked)
    assert "/H1" not in {tag for tag, _ in marked}  # the English heading is not marked


def test_a_pdf_in_one_language_has_only_the_catalogs_lang():
    assert _languages("da", ' lang="da"') == ("da", [])
    assert _languages("en", "") == ("en", [])
