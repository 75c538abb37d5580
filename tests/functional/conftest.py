"""Valid HTML, checked by the suite: every distinct full page the functional tests rendered by GET
(as citizens, delegates and caseworkers) goes through the W3C Nu Html Checker in one batch.

One JVM start costs seconds, so the pages are collected during the run (tests/page_checks.py) and
checked once, by a last test item added after all the others. Being an ordinary test, a page with
an error fails the run with the checker's messages, each with the page's URL and the test that
rendered it, in the usual report; running a subset of the functional tests checks the pages of
that subset.
"""

from __future__ import annotations

import pytest

from tests.page_checks import PAGES


class InvalidHtml(AssertionError):
    pass


class ValidHtmlItem(pytest.Item):
    """The last test of a run that includes functional tests: all collected pages are valid."""

    def runtest(self) -> None:
        errors = PAGES.validate()
        if errors:
            raise InvalidHtml(
                f"{len(errors)} HTML error(s) in {len(PAGES.origin)} distinct pages "
                f"(kept in {PAGES.folder}):\n" + "\n".join(errors)
            )
        PAGES.clear()

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, InvalidHtml):
            return str(excinfo.value)
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, "every GET page the functional tests rendered is valid HTML"


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(session, config, items):
    """After selection (-k, -m, ...): append the check when functional tests will run."""
    functional = [item for item in items if "tests/functional/" in item.nodeid]
    if functional:
        items.append(ValidHtmlItem.from_parent(session, name="every_page_is_valid_html"))
