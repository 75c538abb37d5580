"""Keep the translation catalogues honest.

python scripts/translations.py fill-danish   # Danish is the source language: msgstr = msgid
python scripts/translations.py check         # fails when messages.pot is stale or a message
                                             # lacks a Danish or English translation
"""

from __future__ import annotations

import re
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "portal" / "translations"
POT = TRANSLATIONS / "messages.pot"
LANGUAGES = ("da", "en")
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def extract_to(path: Path) -> None:
    subprocess.run(  # noqa: S603 - fixed arguments, our own interpreter
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "-F",
            str(ROOT / "babel.cfg"),
            "-k",
            "_l",
            "-k",
            "lazy_gettext",
            "--no-location",
            "--sort-output",
            "--omit-header",
            "-o",
            str(path),
            str(ROOT / "portal"),
        ],
        check=True,
        cwd=ROOT,
        capture_output=True,
    )


def _ids(catalog) -> set:
    return {m.id for m in catalog if m.id}


def _catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def problems() -> list[str]:
    found = []
    with tempfile.TemporaryDirectory() as tmp:
        fresh = Path(tmp) / "fresh.pot"
        extract_to(fresh)
        fresh_ids = _ids(_catalog(fresh))
    committed_ids = _ids(_catalog(POT))
    if fresh_ids != committed_ids:
        added = len(fresh_ids - committed_ids)
        removed = len(committed_ids - fresh_ids)
        found.append(
            f"messages.pot is stale ({added} new, {removed} gone): run `make babel-update`, "
            "translate, and commit"
        )
    for lang in LANGUAGES:
        catalog = _catalog(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po")
        missing = committed_ids - _ids(catalog)
        if missing:
            found.append(f"{lang}: {len(missing)} messages missing, e.g. {sorted(missing)[:3]}")
        for message in catalog:
            if not message.id:
                continue
            msgid = message.id if isinstance(message.id, str) else message.id[0]
            strings = message.string if isinstance(message.string, tuple) else (message.string,)
            if message.fuzzy:
                found.append(f"{lang}: fuzzy translation for {msgid!r}")
            elif not all(strings):
                found.append(f"{lang}: no translation for {msgid!r}")
            elif sorted(PLACEHOLDER.findall(msgid)) != sorted(PLACEHOLDER.findall(strings[0])):
                found.append(f"{lang}: placeholders differ in {msgid!r}")
    return found


def fill_danish() -> None:
    path = TRANSLATIONS / "da" / "LC_MESSAGES" / "messages.po"
    catalog = _catalog(path)
    for message in catalog:
        if not message.id:
            continue
        if message.pluralizable:
            if not all(message.string):
                message.string = tuple(message.id)  # Danish has the same two forms as the msgids
        elif not message.string:
            message.string = message.id
        message.flags.discard("fuzzy")
    with path.open("wb") as handle:
        write_po(handle, catalog, width=76, omit_header=False)


def main(argv: list[str]) -> int:
    command = argv[1] if len(argv) > 1 else "check"
    if command == "fill-danish":
        fill_danish()
        return 0
    if command == "check":
        found = problems()
        for problem in found:
            print(problem, file=sys.stderr)
        return 1 if found else 0
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
