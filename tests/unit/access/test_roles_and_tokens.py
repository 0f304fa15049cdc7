"""Roles and sessions without Streamlit: geo/access.py, the signed tokens of geo/storage/accounts.py, and
serve.py's session endpoint and listening address."""

from __future__ import annotations

import os
import stat

import pytest

import serve
from geo import access
from geo.errors import DataValidationError
from geo.storage.accounts import read_token, session_secret, sign_token
from tests.fixtures.asgi import run_call

SECRET = b"k" * 32


def test_roles_from_the_configuration_with_the_documented_defaults():
    conf = {"editors": ["ZhangSan"], "roles": {"lisi": "查看企业", "wangwu": "summary"}}
    assert access.role_of("zhangsan", conf) == access.EDIT  # editors: as before roles
    assert access.role_of("lisi", conf) == access.FIRMS
    assert access.role_of("wangwu", conf, account=True) == access.SUMMARY  # roles win over accounts
    assert access.role_of("zhaoliu", conf, account=True) == access.EDIT  # an account named nowhere
    assert access.role_of("zhaoliu", conf) == access.SUMMARY  # OIDC/proxy user named nowhere
    assert access.role_of("zhaoliu", {**conf, "default_role": "查看企业"}) == access.FIRMS
    assert access.role_of(None, conf) == access.SUMMARY  # not signed in
    with pytest.raises(DataValidationError, match="角色「老板」无法识别"):
        access.role_of("x", {"roles": {"x": "老板"}})
    assert [access.may_see_firms(r) for r in access.ROLES] == [False, True, True]


def test_which_layers_hold_enterprise_rows():
    assert access.firm_level("enterprises", ["name"])
    assert not access.firm_level("zones", ["name", "tax_wan_yuan"])  # a zone's totals
    assert access.firm_level("other", ["name", "tax_wan_yuan"])
    assert not access.firm_level("other", ["name", "area_km2"])
    assert not access.identity_configured({"atlas": {"editors": ["x"]}})
    assert access.identity_configured({"atlas": {"accounts": {"x": "scrypt$"}}})
    assert access.identity_configured({"auth": {}})


def test_a_token_holds_only_while_its_signature_purpose_and_time_hold():
    token = sign_token("张三", secret=SECRET, purpose="session", expires_at=1000)
    assert read_token(token, secret=SECRET, purpose="session", now=999) == "张三"
    assert read_token(token, secret=SECRET, purpose="session", now=1000) is None  # expired
    assert read_token(token, secret=SECRET, purpose="handoff", now=999) is None
    assert read_token(token, secret=b"other" * 8, purpose="session", now=999) is None
    payload, mac = token.split(".")
    forged = sign_token("李四", secret=SECRET, purpose="session", expires_at=1000).split(".")[0]
    assert read_token(f"{forged}.{mac}", secret=SECRET, purpose="session", now=999) is None
    assert read_token("garbage", secret=SECRET, purpose="session") is None


def test_the_session_secret_is_made_once_and_kept_private(tmp_path):
    first = session_secret({}, folder=tmp_path / "user")
    assert session_secret({}, folder=tmp_path / "user") == first and len(first) == 32
    assert stat.S_IMODE(os.stat(tmp_path / "user" / "session_secret").st_mode) == 0o600
    assert session_secret({"session_secret": "given"}, folder=tmp_path) == b"given"


def _post(app, path: str, body: bytes, origin: bytes | None = None, *, https: bool = False):
    sent = []
    scope = {"type": "http", "method": "POST", "path": path, "headers": [(b"host", b"h:1")]}
    if origin:
        scope["headers"].append((b"origin", origin))
    if https:  # behind a TLS-terminating proxy
        scope["headers"].append((b"x-forwarded-proto", b"https"))

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    async def send(message):
        sent.append(message)

    run_call(app(scope, receive, send))
    return sent[0]["status"], dict(sent[0].get("headers", []))


def test_the_session_endpoint_sets_and_clears_an_httponly_strict_cookie(tmp_path, monkeypatch):
    monkeypatch.setenv("ATLAS_USER_GPKG", str(tmp_path / "user" / "atlas_user.gpkg"))
    monkeypatch.setattr(serve, "_secrets", lambda: {"atlas": {"accounts": {"zhangsan": "scrypt$"}}})
    app = serve.SessionCookies(None, prefix="atlas")
    secret = session_secret({}, folder=tmp_path / "user")
    handoff = sign_token("zhangsan", secret=secret, purpose="handoff", expires_at=2e9).encode()
    status, headers = _post(app, "/atlas/_atlas/session", handoff, origin=b"http://h:1")
    cookie = headers[b"set-cookie"].decode()
    assert status == 204 and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/atlas/" in cookie
    token = cookie.split(";")[0].split("=", 1)[1]
    assert read_token(token, secret=secret, purpose="session") == "zhangsan"
    assert "Max-Age=43200" in cookie and "Secure" not in cookie  # 12 hours by default
    assert b"; Secure" in _post(app, "/atlas/_atlas/session", handoff, https=True)[1][b"set-cookie"]
    # a session token is no handoff, a user without an account none, another origin is refused
    assert _post(app, "/atlas/_atlas/session", token.encode())[0] == 403
    stranger = sign_token("lisi", secret=secret, purpose="handoff", expires_at=2e9).encode()
    assert _post(app, "/atlas/_atlas/session", stranger)[0] == 403
    assert _post(app, "/atlas/_atlas/session", handoff, origin=b"http://evil.example")[0] == 403
    status, headers = _post(app, "/atlas/_atlas/session/end", b"")
    assert status == 204 and headers[b"set-cookie"].startswith(b"atlas_session=; Max-Age=0")


def test_single_user_mode_listens_on_loopback_unless_told(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("STREAMLIT_SERVER_ADDRESS", raising=False)
    monkeypatch.delenv(serve.OPEN_ENV, raising=False)
    none = tmp_path / "none.toml"
    assert serve.listen_args(["--secrets.files", str(none)])[-2:] == ["--server.address", "127.0.0.1"]
    assert serve.listen_args(["--server.address", "0.0.0.0"]) == ["--server.address", "0.0.0.0"]
    monkeypatch.setenv(serve.OPEN_ENV, "0.0.0.0")
    assert serve.listen_args([])[-1] == "0.0.0.0"
    accounts = tmp_path / "s.toml"
    accounts.write_text('[atlas.accounts]\nzhangsan = "scrypt$"\n')
    assert serve.listen_args(["--secrets.files", str(accounts)]) == ["--secrets.files", str(accounts)]


def test_groups_of_fewer_than_three_firms_keep_their_counts_but_not_their_figures():
    import pandas as pd

    table = pd.DataFrame(
        {
            "n_enterprises": [5, 2, 1],
            "n_D": [1, 0, 1],
            "tax_wan_yuan": [500.0, 80.0, 31736.84],
            "zone": list("abc"),
        }
    )
    out = access.suppress_small_groups(table, min_firms=3)
    assert out["tax_wan_yuan"].tolist()[0] == 500.0 and out["tax_wan_yuan"].isna().tolist() == [
        False,
        True,
        True,
    ]
    assert out["n_D"].tolist() == [1, 0, 1] and out["zone"].tolist() == list("abc")  # counts and names stay
    assert table["tax_wan_yuan"].tolist()[2] == 31736.84  # the given table is untouched
    assert access.suppress_small_groups(table, min_firms=1)["tax_wan_yuan"].notna().all()
    assert access.min_group_firms({}) == 3 and access.min_group_firms({"min_group_firms": 5}) == 5
    with pytest.raises(ValueError, match="n_enterprises"):
        access.suppress_small_groups(table.drop(columns="n_enterprises"))


def test_whole_figures_blanked_stay_whole_numbers_in_a_csv():
    import pandas as pd

    table = pd.DataFrame({"n_enterprises": [5, 2], "land_mu": pd.array([70566, 80], dtype="Int64")})
    out = access.suppress_small_groups(table, min_firms=3)
    assert out.to_csv(index=False).splitlines() == ["n_enterprises,land_mu", "5,70566", "2,"]
