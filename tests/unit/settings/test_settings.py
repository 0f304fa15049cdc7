"""geo/settings.py: every environment variable read in one place, when asked; the payload folder
outside the source tree, served by serve.py at the address the pages write."""

from __future__ import annotations

import ast
import asyncio
import threading
from pathlib import Path
from types import SimpleNamespace

import serve
from geo import settings
from geo.storage import base, builtin
from geo.storage.changelog import current_user

ROOT = Path(__file__).resolve().parents[3]


def test_each_setting_is_read_when_asked(tmp_path, monkeypatch):
    for name in ("ATLAS_DATABASE_URL", "ATLAS_USER_GPKG", "ATLAS_GPKG", "ATLAS_USER", "ATLAS_CITY_CACHE"):
        monkeypatch.delenv(name, raising=False)
    assert settings.database_url() == ""
    assert settings.user_gpkg() == ROOT / "data" / "user" / "atlas_user.gpkg"
    assert settings.builtin_gpkg() == ROOT / "data" / "atlas.gpkg"
    assert settings.city_cache_dir() == ROOT / "data" / "cache"
    monkeypatch.setenv("ATLAS_DATABASE_URL", "  postgresql://u@h/db  ")
    monkeypatch.setenv("ATLAS_USER_GPKG", str(tmp_path / "u.gpkg"))
    monkeypatch.setenv("ATLAS_GPKG", str(tmp_path / "b.gpkg"))
    monkeypatch.setenv("ATLAS_USER", " 张三 ")
    monkeypatch.setenv("ATLAS_CITY_CACHE", str(tmp_path / "city"))
    assert settings.database_url() == "postgresql://u@h/db"
    assert settings.user_gpkg() == tmp_path / "u.gpkg"
    assert settings.builtin_gpkg() == tmp_path / "b.gpkg"
    assert settings.city_cache_dir() == tmp_path / "city"
    # ... and the modules that ask see the same values.
    assert base.default_user_gpkg() == tmp_path / "u.gpkg"
    assert builtin.default_store() == tmp_path / "b.gpkg"
    assert builtin.builtin_source() == "postgresql://u@h/db"
    assert current_user() == "张三"


def test_the_payload_folder_is_outside_the_source_tree(tmp_path, monkeypatch):
    monkeypatch.delenv("ATLAS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert settings.payload_dir() == tmp_path / "xdg" / "atlas" / "payloads"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert settings.payload_dir() == tmp_path / "home" / ".cache" / "atlas" / "payloads"
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(tmp_path / "mine"))
    assert settings.payload_dir() == tmp_path / "mine"
    from pages.common import payloads as page_payloads

    assert not page_payloads.PAYLOAD_DIR.resolve().is_relative_to(ROOT)
    assert page_payloads.PAYLOAD_URL == "/app/static/cache"


def test_no_module_but_settings_reads_the_environment():
    readers = []
    for folder in ("geo", "layers", "pages", "data"):
        for path in (ROOT / folder).rglob("*.py"):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr in ("environ", "getenv"):
                    readers.append(str(path.relative_to(ROOT)))
    for path in (ROOT / "app.py", ROOT / "serve.py"):
        if "environ" in path.read_text(encoding="utf-8"):
            readers.append(path.name)
    assert sorted(set(readers)) == ["geo/settings.py"]


async def _streamlit(scope, receive, send):  # stands for Streamlit's own app
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": scope["path"].encode()})


def _get(app, path):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": "GET", "path": path, "headers": []}
    worker = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    worker.start()
    worker.join(timeout=30)
    return sent[0]["status"], b"".join(m.get("body", b"") for m in sent[1:])


def test_serve_answers_the_payloads_from_the_settings_folder(tmp_path, monkeypatch):
    from streamlit import config
    from streamlit.web.server.starlette import starlette_server

    payloads = tmp_path / "payloads"
    payloads.mkdir()
    (payloads / "abc.json").write_text('{"points": [[1, 2]]}')
    static = tmp_path / "project" / "static"
    (static / "vendor").mkdir(parents=True)
    (static / "vendor" / "x.js").write_text("var x = 1;")
    monkeypatch.setenv("ATLAS_CACHE_DIR", str(payloads))
    options = {"server.baseUrlPath": "", "server.enableStaticServing": True}
    monkeypatch.setattr(config, "get_option", options.get)
    monkeypatch.setattr(starlette_server, "create_starlette_app", lambda runtime: _streamlit)
    serve.wrap_streamlit_app()
    runtime = SimpleNamespace(_main_script_path=str(tmp_path / "project" / "app.py"))
    app = starlette_server.create_starlette_app(runtime)
    assert _get(app, "/app/static/cache/abc.json") == (200, b'{"points": [[1, 2]]}')
    assert _get(app, "/app/static/vendor/x.js") == (200, b"var x = 1;")
    assert _get(app, "/app/static/cache/none.json") == (299, b"/app/static/cache/none.json")
    (tmp_path / "secret.toml").write_text("password = 1")  # beside the payload folder
    assert _get(app, "/app/static/cache/../secret.toml")[0] == 299  # nothing outside it


def test_the_postgis_drivers_load_only_when_a_database_is_chosen():
    import subprocess
    import sys

    code = (
        "import sys, geo.storage.base, geo.storage.builtin, geo.storage.audit;"
        "print('geoalchemy2' in sys.modules, 'geo.storage.postgis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "False"]
    code = (
        "import sys, geo.storage.base as b\n"
        "try:\n    b.open_store('postgresql://u@127.0.0.1:1/x')\n"
        "except Exception as exc:\n    assert not isinstance(exc, ImportError), exc\n"
        "print('geo.storage.postgis' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True"]  # chosen: loaded (connecting may fail, not importing)
