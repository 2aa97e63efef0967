import pytest
from django.contrib.auth import authenticate
from django.contrib.auth.hashers import check_password, identify_hasher, make_password

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_new_passwords_are_hashed_with_argon2id_at_owasp_parameters():
    encoded = make_password("correct horse battery staple")

    assert encoded.startswith("argon2$argon2id$v=19$m=19456,t=2,p=1$")
    assert check_password("correct horse battery staple", encoded)
    assert not check_password("wrong", encoded)


def test_pbkdf2_hash_still_signs_in_and_is_upgraded_to_argon2id():
    user = UserFactory()
    user.password = make_password("old secret 123", hasher="pbkdf2_sha256")
    user.save(update_fields=["password"])

    signed_in = authenticate(username=user.username, password="old secret 123")

    assert signed_in == user
    user.refresh_from_db()
    assert identify_hasher(user.password).algorithm == "argon2"
    assert authenticate(username=user.username, password="old secret 123") == user
