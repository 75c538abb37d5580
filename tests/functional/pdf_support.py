"""Reading a downloaded PDF back in the functional tests (pypdf): the response, its text and
the tagging every document must carry."""

import io

import pypdf


def read_pdf(response) -> pypdf.PdfReader:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    return pypdf.PdfReader(io.BytesIO(response.get_data()))


def pdf_text(reader: pypdf.PdfReader) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def assert_tagged(reader: pypdf.PdfReader, lang: str, title: str) -> None:
    """PDF/UA's structure, checked by hand (no validator is available here): a structure tree,
    the document's language and its title, shown as the window title."""
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == lang
    assert reader.metadata.title == title
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    xmp = root["/Metadata"].get_object().get_data().decode()
    assert "pdfuaid:part" in xmp  # it claims PDF/UA-1


def structure_languages(reader: pypdf.PdfReader) -> list[tuple[str, str]]:
    """(tag, /Lang) of every structure element that names its own language (a part in another
    language than the document's: portal/services/pdf.py)."""
    found = []

    def walk(node):
        node = node.get_object()
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):  # else a marked-content id
            if "/Lang" in node and node.get("/Type") == "/StructElem":
                found.append((str(node["/S"]), str(node["/Lang"])))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found
