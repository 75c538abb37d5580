"""A part of a PDF in another language than the document's gets its own /Lang in the structure
tree (portal/services/pdf.py), so a screen reader switches pronunciation there; the rest, and
every part of a document with no such part, has only the catalog's /Lang."""

import io

import pypdf

from portal.services.pdf import html_to_pdf

PAGE = """<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8"><title>T</title></head>
<body><h1>Your plan</h1><p>Next step: <span{mark}>Ring til jobcentret</span>.</p>
<p{mark}>Målet er et fleksjob.</p><ul><li{mark}>Afklaring</li></ul></body></html>"""


def _struct_langs(data: bytes) -> tuple[str, list[tuple[str, str]]]:
    """The catalog's /Lang and (tag, /Lang) of every structure element that has one."""
    root = pypdf.PdfReader(io.BytesIO(data)).trailer["/Root"]
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
            return
        if not isinstance(node, pypdf.generic.DictionaryObject):
            return  # a marked-content id
        if "/Lang" in node and node.get("/Type") == "/StructElem":
            found.append((str(node["/S"]), str(node["/Lang"])))
        if "/K" in node:
            walk(node["/K"])

    walk(root["/StructTreeRoot"])
    return str(root["/Lang"]), found


def test_danish_parts_of_an_english_pdf_carry_their_language():
    lang, marked = _struct_langs(html_to_pdf(PAGE.format(lang="en", mark=' lang="da"')))
    assert lang == "en"
    tags = {tag for tag, value in marked if value == "da"}
    assert {"/Span", "/P", "/LI"} <= tags
    assert all(value == "da" for _, value in marked)
    assert ("/H1", "da") not in marked  # the English heading is not marked


def test_a_pdf_in_one_language_has_only_the_catalogs_lang():
    assert _struct_langs(html_to_pdf(PAGE.format(lang="da", mark=' lang="da"'))) == ("da", [])
    assert _struct_langs(html_to_pdf(PAGE.format(lang="en", mark=""))) == ("en", [])
