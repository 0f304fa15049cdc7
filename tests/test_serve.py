"""serve.py answers Streamlit's hashed bundles from memory, exactly as found, and nothing else."""

from __future__ import annotations

import asyncio
import threading

import serve


def _call(app, path: str, *, method: str = "GET", headers: dict[bytes, bytes] | None = None):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {"type": "http", "method": method, "path": path, "headers": list((headers or {}).items())}
    # In a thread of its own: the browser tests' Playwright keeps an event loop running here.
    worker = threading.Thread(target=lambda: asyncio.run(app(scope, receive, send)))
    worker.start()
    worker.join(timeout=30)
    return sent


async def _streamlit(scope, receive, send):  # stands for Streamlit's own app
    await send({"type": "http.response.start", "status": 299, "headers": []})
    await send({"type": "http.response.body", "body": scope["path"].encode()})


def _a_bundle() -> str:
    return next(p.name for p in sorted((serve.BUNDLES / "static" / "js").glob("*.js")))


def test_a_bundle_comes_from_memory_with_streamlits_headers():
    app = serve.BundlesFromMemory(_streamlit)
    name = _a_bundle()
    start, body = _call(app, f"/static/js/{name}")
    assert start["status"] == 200
    assert body["body"] == (serve.BUNDLES / "static" / "js" / name).read_bytes()
    headers = dict(start["headers"])
    assert headers[b"content-type"] == b"application/javascript"
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    assert int(headers[b"content-length"]) == len(body["body"])
    # A browser that has it: 304, no body; HEAD: headers only.
    start, body = _call(app, f"/static/js/{name}", headers={b"if-none-match": headers[b"etag"]})
    assert start["status"] == 304 and body["body"] == b""
    start, body = _call(app, f"/static/js/{name}", method="HEAD")
    assert start["status"] == 200 and body["body"] == b""
    # Fonts and styles too (a font of Streamlit's, by its type).
    fonts = [k for k in app.files if k.endswith(".woff2")]
    assert fonts and dict(app.files[fonts[0]][1])[b"content-type"] == b"font/woff2"


def test_everything_else_goes_to_streamlit():
    app = serve.BundlesFromMemory(_streamlit)
    name = _a_bundle()
    for path, kw in [
        ("/", {}),
        ("/static/js/no-such-file.js", {}),
        (f"/static/js/../js/{name}", {}),  # only exact paths are answered
        ("/static/index.html", {}),
        (f"/static/js/{name}", {"method": "POST"}),
        (f"/static/js/{name}", {"headers": {b"range": b"bytes=0-9"}}),
        ("/app/static/vendor/leaflet/leaflet.js", {}),  # the project's own static files
    ]:
        start, body = _call(app, path, **kw)
        assert start["status"] == 299 and body["body"] == path.encode(), path


def test_with_a_base_url_the_bundles_are_under_it():
    app = serve.BundlesFromMemory(_streamlit, prefix="atlas/")
    name = _a_bundle()
    assert _call(app, f"/atlas/static/js/{name}")[0]["status"] == 200
    assert _call(app, f"/static/js/{name}")[0]["status"] == 299
