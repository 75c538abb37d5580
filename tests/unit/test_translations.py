"""The translation catalogues are complete and messages.pot matches the code (scripts/translations.py)."""

import importlib.util
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "translations.py"
spec = importlib.util.spec_from_file_location("translations", SCRIPT)
translations = importlib.util.module_from_spec(spec)
spec.loader.exec_module(translations)


def test_catalogues_are_complete_and_current():
    assert translations.problems() == []


def test_the_check_notices_a_missing_translation(tmp_path, monkeypatch):
    """Guard against a check that cannot fail: blank one English message and expect a complaint."""
    import shutil

    copy = tmp_path / "translations"
    shutil.copytree(translations.TRANSLATIONS, copy)
    po = copy / "en" / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "Help"', 'msgstr ""', 1), encoding="utf-8")
    monkeypatch.setattr(translations, "TRANSLATIONS", copy)
    monkeypatch.setattr(translations, "POT", copy / "messages.pot")
    assert any("no translation for 'Hjælp'" in p for p in translations.problems())
