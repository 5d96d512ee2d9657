"""Cleanup of template-site material: a document-sharing site's furniture, slogans and mottos, a form's printed
header, and the author's own lines of the same look that must stay. Made-up text in the shapes real input takes."""

from __future__ import annotations

import pytest

from drafter.cleanup import clean


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))


def test_a_document_sharing_sites_furniture_goes():
    text = ("Save this file · Page 1 of 4 · 6 pages in total\n\n"
            "# Year-End Summary of the Archive Room Clerk\n\n"
            "In 2024 I scanned 8,412 folders of the Linhe county land files.\n\n"
            "Tip: this article is the second one, click the next page to see the rest.\n\n"
            "This file was uploaded by a member. The website only provides information storage space and does not "
            "own the copyright of the content.\n\n"
            "Related document | archive clerk annual summary (doc) | Page 4 of 4\n\n"
            "More similar articles\n\n"
            "Word count: 1,260\n")
    result = clean(text)
    assert result.text == ("# Year-End Summary of the Archive Room Clerk\n\n"
                           "In 2024 I scanned 8,412 folders of the Linhe county land files.\n")
    assert {e.kind for e in result.edits} == {"junk"}


def test_the_authors_own_pages_and_uploads_stay():
    text = ("I checked page 3 of 12 in every contract file before it went to the bank.\n\n"
            "Most of the scans were uploaded by the users themselves through the portal, 1,900 in May alone.\n\n"
            "The related documents for each claim now sit in one folder.\n")
    assert clean(text).text == text


def test_a_speechs_address_to_its_audience_stays_a_letters_greeting_goes():
    speech = "Dear directors and fellow staff:\n\nIn 2024 the hall handled 31,420 tax returns.\n"
    assert clean(speech).text == speech
    letter = "Dear Ms Holt,\n\nIn 2024 the hall handled 31,420 tax returns.\n"
    assert clean(letter).text == "In 2024 the hall handled 31,420 tax returns.\n"
