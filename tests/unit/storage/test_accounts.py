"""Editor accounts: passwords only as salted scrypt hashes; anything else never matches."""

from __future__ import annotations

import hashlib

from geo.storage.accounts import hash_password, verify_password


def test_a_hash_verifies_its_password_only():
    stored = hash_password("correct horse 电池")
    assert stored.startswith("scrypt$16384$8$1$") and "correct" not in stored
    assert verify_password("correct horse 电池", stored)
    assert not verify_password("correct horse", stored)
    assert hash_password("x") != hash_password("x")  # a fresh salt each time


def test_the_hash_is_rfc7914_scrypt_of_the_salt():
    salt = bytes(range(16))
    stored = hash_password("pw", salt=salt)
    expected = hashlib.scrypt(b"pw", salt=salt, n=2**14, r=8, p=1, dklen=32).hex()
    assert stored == f"scrypt$16384$8$1${salt.hex()}${expected}"


def test_plain_text_or_malformed_entries_never_match():
    assert not verify_password("secret123", "secret123")
    assert not verify_password("", "")
    assert not verify_password("pw", "scrypt$x$8$1$00$00")
    assert not verify_password("pw", "pbkdf2$1$2$3$4$5")
