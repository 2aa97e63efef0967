"""The main pages of every role, rendered in a pseudo-locale: any visible English is a string that
escaped translation (or English content shown without being marked as such).

The pseudo catalogue is built at test time from the messages extracted from the code and Django's
own, and installed in place of German, so the pages keep a real language's formats. One dataset and
one client per role, pages opened one after the other.
"""

import time

import pytest
from django.conf import settings
from django.test import Client
from django.utils.translation import get_language_info

from accounts.models import User
from tests.a11y.pages import CHECKED_ROLES, pages_for
from tests.i18n.catalogues import extract
from tests.i18n.pseudo import (
    blank_translations,
    data_words,
    library_messages,
    pseudo,
    stored_data,
    untranslated,
    write_catalogue,
)
from tests.security import samples as sample_data

PSEUDO = "de"


@pytest.fixture
def pseudo_locale(tmp_path, settings):
    messages = {**library_messages(), **extract(tmp_path / "messages")}
    write_catalogue(messages, tmp_path / "locale", PSEUDO)
    settings.LOCALE_PATHS = [tmp_path / "locale"]
    return messages


def test_reader_finds_english_but_not_pseudo_text_data_or_marked_content():
    html = (
        f'<html lang="de"><body><h1>{pseudo("Regions")}</h1><p>Status</p>'
        f'<p>{pseudo("Region %(code)s") % {"code": "FI1D"}}</p><p lang="en">Telemedicine</p>'
        '<p><span lang="fi">Pohjois-Suomi</span> 1.272.126</p><input type="submit" value="Send">'
        f'<a title="Home" href="/">{pseudo("Home")}</a><script>var x = "code";</script>'
        "<p>Oulu University Hospital</p></body></html>"
    )

    found = untranslated(html, "de", data_words({"Oulu University Hospital"}))

    assert found == ["<p> 'Status'", "<input value> 'Send'", "<a title> 'Home'"]


def test_main_pages_of_every_role_are_translated(pseudo_locale, page_cache_off, django_db_setup, db):
    samples = sample_data.build()
    User.objects.filter(pk__in=[u.pk for u in samples.users.values() if u]).update(language=PSEUDO)
    blank_translations(PSEUDO)
    # Each language's own name, in the language switcher.
    data = data_words(stored_data() | {get_language_info(code)["name_local"] for code, _name in settings.LANGUAGES})
    marker = f"({pseudo('English')})"
    problems: dict[str, list[str]] = {}
    checked = 0
    started = time.monotonic()
    for role in CHECKED_ROLES:
        client = Client()
        if samples.users[role] is not None:
            client.force_login(samples.users[role])
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = PSEUDO
        for _key, url in pages_for(role, samples):
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            html = response.content.decode()
            if 'id="main"' not in html:
                continue  # a fragment, not a page
            checked += 1
            found = untranslated(html, PSEUDO, data, marker)
            if found:
                problems[f"{role} {url}"] = found
    print(f"{checked} pages in {time.monotonic() - started:.0f} s")
    assert checked > 50
    report = [f"{where}:\n  " + "\n  ".join(sorted(set(found))) for where, found in problems.items()]
    assert problems == {}, f"{len(problems)} pages with untranslated text:\n" + "\n".join(report)
