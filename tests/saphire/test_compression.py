"""Responses are compressed for anonymous visitors (brotli or gzip), never for signed-in ones (BREACH)."""

import gzip
import re

import brotli
import pytest
from django.test import Client

from saphire.compression import accepted_encodings
from saphire.page_cache import SENTINEL, CachedPage
from tests.factories import RegionFactory

pytestmark = pytest.mark.django_db


def without_tokens(body: bytes) -> str:
    return re.sub(r"[A-Za-z0-9]{64}", "<token>", body.decode())


@pytest.fixture
def regions(db):
    for n in range(30):
        RegionFactory(code=f"FI{n:02d}", name=f"Region number {n}")


def test_anonymous_pages_are_gzipped_from_the_cache_too(client, regions):
    plain = client.get("/regions/")
    first = client.get("/regions/", HTTP_ACCEPT_ENCODING="gzip, deflate")
    cached = client.get("/regions/", HTTP_ACCEPT_ENCODING="gzip")

    for response in (first, cached):
        assert response["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in response["Vary"]
        assert int(response["Content-Length"]) == len(response.content) < len(plain.content) / 3
        assert without_tokens(gzip.decompress(response.content)) == without_tokens(plain.content)


def test_a_cached_page_is_the_same_bytes_for_every_visitor_and_sets_no_cookie(regions):
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    plain = first.get("/regions/")
    compressed = {coding: second.get("/regions/", HTTP_ACCEPT_ENCODING=coding) for coding in ("gzip", "br")}

    assert "csrfmiddlewaretoken" not in plain.content.decode()
    assert gzip.decompress(compressed["gzip"].content) == plain.content
    assert brotli.decompress(compressed["br"].content) == plain.content
    assert compressed["br"]["Content-Encoding"] == "br"
    assert not any(response.cookies for response in (plain, *compressed.values()))
    # The language form of the cached page works without a token for a visitor who is not signed in.
    reply = second.post("/i18n/setlang/", {"language": "fr", "next": "/regions/"})
    assert reply.status_code == 302
    assert reply.cookies["django_language"].value == "fr"


def test_brotli_when_the_client_accepts_it(client, regions):
    plain = client.get("/regions/", {"country": "FI"})
    response = client.get("/regions/", {"search": "Region"}, HTTP_ACCEPT_ENCODING="gzip, deflate, br")

    assert response["Content-Encoding"] == "br"
    assert "Region number 7" in brotli.decompress(response.content).decode()
    assert len(response.content) < len(plain.content) / 3


def test_json_is_compressed_for_anonymous_clients(client, regions):
    response = client.get("/api/v1/regions/", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert response["Content-Encoding"] == "gzip"
    assert b"FI07" in gzip.decompress(response.content)


def test_signed_in_pages_are_never_compressed(client_as, coordinator, regions):
    response = client_as(coordinator).get("/regions/", HTTP_ACCEPT_ENCODING="gzip, br")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")
    assert b"Region number 7" in response.content


def test_token_authenticated_api_calls_are_never_compressed(client, regions):
    response = client.get("/api/v1/regions/", HTTP_ACCEPT_ENCODING="gzip", HTTP_AUTHORIZATION="Token nonsense")

    assert not response.has_header("Content-Encoding")


def test_a_refused_coding_is_not_used(client, regions):
    response = client.get("/regions/", HTTP_ACCEPT_ENCODING="br;q=0, gzip;q=0")

    assert not response.has_header("Content-Encoding")


def test_accept_encoding_parsing():
    assert accepted_encodings("gzip, deflate, br;q=0.5") == {"gzip", "deflate", "br"}
    assert accepted_encodings("br;q=0, gzip") == {"gzip"}
    assert accepted_encodings("") == set()


@pytest.mark.parametrize("html", ["no token at all", f"<b>{SENTINEL}</b>", f"{SENTINEL}{'x' * 70000}{SENTINEL}é"])
def test_spliced_gzip_is_the_page_with_the_visitors_token(html):
    page = CachedPage(1, html, expires=0)
    token = "T0ken" * 13

    assert gzip.decompress(page.gzip(token)) == page.body(token) == html.replace(SENTINEL, token).encode()
    assert gzip.decompress(page.compressed("gzip", token)) == page.body(token)
    if page.personal:  # a brotli stream cannot be spliced around the token
        assert page.compressed("br", token) is None
    else:
        assert brotli.decompress(page.compressed("br")) == page.body()
