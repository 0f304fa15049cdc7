"""Accounts of a stand-alone install: passwords kept only as salted scrypt hashes, and the signed,
expiring tokens that keep a signed-in user signed in across reloads."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import os
import secrets
import time
from collections.abc import Mapping
from pathlib import Path

# scrypt cost (RFC 7914 §2): N = 2**14, r = 8, p = 1 — OWASP's minimum for interactive logins.
_N, _R, _P = 2**14, 8, 1
_PREFIX = "scrypt"


def hash_password(password: str, *, salt: bytes | None = None) -> str:
    """``scrypt$N$r$p$<salt hex>$<hash hex>`` for ``.streamlit/secrets.toml`` (never the password)."""
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, n=_N, r=_R, p=_P, dklen=32)
    return f"{_PREFIX}${_N}${_R}${_P}${salt.hex()}${digest.hex()}"


def verify_password(password: str, stored: str) -> bool:
    """Whether ``password`` matches a hash made by :func:`hash_password` (constant-time compare).

    Anything that is not such a hash (e.g. a password written in plain text) never matches.
    """
    parts = str(stored).split("$")
    if len(parts) != 6 or parts[0] != _PREFIX:
        return False
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt, expected = bytes.fromhex(parts[4]), bytes.fromhex(parts[5])
        digest = hashlib.scrypt(password.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected))
    except (ValueError, MemoryError):
        return False
    return hmac.compare_digest(digest, expected)


# ---- signed sessions: a password-account user stays signed in across reloads ----------------------
# A token is ``<payload>.<mac>``: the payload (base64url JSON: user, purpose, expiry in UNIX seconds)
# signed with HMAC-SHA256 under the install's session secret. ``handoff`` tokens (two minutes) go
# from the page to serve.py's session endpoint, which answers with the ``session`` cookie.
SESSION_COOKIE = "atlas_session"
SESSION_HOURS_DEFAULT = 12  # a working day; ``[atlas] session_hours`` in secrets.toml
HANDOFF_S = 120
SECRET_FILE = "session_secret"


def sign_token(user: str, *, secret: bytes, purpose: str, expires_at: float) -> str:
    """A token naming ``user`` for ``purpose`` until ``expires_at`` (UNIX seconds), signed with ``secret``."""
    if not user or not secret:
        raise ValueError("a token needs a user and a secret")
    body = json.dumps({"u": user, "p": purpose, "e": int(expires_at)}, ensure_ascii=False).encode()
    payload = base64.urlsafe_b64encode(body).decode().rstrip("=")
    mac = hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()
    return f"{payload}.{mac}"


def read_token(token: str | None, *, secret: bytes, purpose: str, now: float | None = None) -> str | None:
    """The user a token made by :func:`sign_token` names, if its signature holds, it is for
    ``purpose`` and it has not expired; else None (never an exception)."""
    if not token or not secret or token.count(".") != 1:
        return None
    payload, mac = token.split(".")
    expected = hmac.new(secret, payload.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(mac, expected):
        return None
    try:
        data = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        user, kind, until = str(data["u"]), str(data["p"]), float(data["e"])
    except (ValueError, KeyError, TypeError):
        return None
    if kind != purpose or until <= (time.time() if now is None else now) or not user:
        return None
    return user


def session_hours(conf: Mapping) -> float:
    """How long a sign-in lasts: ``[atlas] session_hours`` (default 12), at least a minute."""
    try:
        hours = float(conf.get("session_hours", SESSION_HOURS_DEFAULT))
    except (TypeError, ValueError):
        hours = SESSION_HOURS_DEFAULT
    return max(hours, 1 / 60)


def session_secret(conf: Mapping, *, folder: Path) -> bytes:
    """The key sessions are signed with: ``[atlas] session_secret`` when set (needed when several app
    servers share one proxy), else a random key kept in ``folder/session_secret`` (made once, 0600)."""
    given = str(conf.get("session_secret", "")).strip()
    if given:
        return given.encode()
    path = Path(folder) / SECRET_FILE
    try:
        return bytes.fromhex(path.read_text().strip())
    except (OSError, ValueError):
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    key = secrets.token_hex(32)
    tmp = path.with_name(f".{SECRET_FILE}.{os.getpid()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as out:
        out.write(key)
    try:
        os.link(tmp, path)  # the first process to make one wins; the others read it
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)
    return bytes.fromhex(path.read_text().strip())
