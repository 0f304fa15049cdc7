"""serve.py answers Streamlit's hashed bundles from memory, exactly as found, and nothing else."""

from __future__ import annotations

import asyncio
import hashlib
import threading

import serve


def _call(
    app,
    path: str,
    *,
    method: str = "GET",
    headers: dict[bytes, bytes] | None = None,
    query_string: bytes = b"",
):
    sent = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query_string,
        "headers": list((headers or {}).items()),
    }
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


def test_a_bundle_goes_compressed_to_a_browser_that_takes_it():
    import gzip

    app = serve.BundlesFromMemory(_streamlit)
    name = max((serve.BUNDLES / "static" / "js").glob("*.js"), key=lambda p: p.stat().st_size).name
    gz = {b"accept-encoding": b"gzip, deflate, br, zstd"}
    start, headers, body = _answer(app, f"/static/js/{name}", headers=gz)
    on_disk = (serve.BUNDLES / "static" / "js" / name).read_bytes()
    assert start["status"] == 200 and headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == on_disk and len(body) < len(on_disk) / 2
    assert int(headers[b"content-length"]) == len(body) and headers[b"vary"] == b"Accept-Encoding"
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    plain = _answer(app, f"/static/js/{name}")[1]
    assert plain[b"etag"] != headers[b"etag"]  # one ETag per encoding
    start, _, nothing = _answer(app, f"/static/js/{name}", headers={**gz, b"if-none-match": headers[b"etag"]})
    assert start["status"] == 304 and nothing == b""
    # A font is compressed already: sent as it is.
    font = next(k for k in app.files if k.endswith(".woff2"))
    assert b"content-encoding" not in _answer(app, font, headers=gz)[1]


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


# ---- the page tells the frontend the server's base (no probe of /<page>/_stcore/health first) ----

INDEX = b"<!DOCTYPE html><html><head><title>x</title></head><body></body></html>"


async def _index_app(scope, receive, send):  # stands for Streamlit answering a page's address
    seen = dict(scope["headers"])
    await send(
        {
            "type": "http.response.start",
            "status": 200,
            "headers": [
                (b"content-type", b"text/html; charset=utf-8"),
                (b"content-length", str(len(INDEX)).encode()),
                (b"etag", b'"disk"'),
                (b"x-seen", b",".join(sorted(seen))),
            ],
        }
    )
    await send({"type": "http.response.body", "body": INDEX[:20], "more_body": True})
    await send({"type": "http.response.body", "body": INDEX[20:]})


def _answer(app, path, **kw):
    sent = _call(app, path, **kw)
    start = sent[0]
    body = b"".join(m.get("body", b"") for m in sent[1:])
    return start, dict(start["headers"]), body


def test_a_pages_address_carries_the_base_and_a_correct_length():
    app = serve.KnownBackendBase(_index_app)
    for path, segment in [("/", ""), ("/wujiang", "wujiang"), ("/efficiency", "efficiency")]:
        start, headers, body = _answer(app, path)
        assert start["status"] == 200
        assert body.startswith(b"<!DOCTYPE html><html><head><script>")
        assert f"var s='{segment}'".encode() in body and b"BACKEND_BASE_URL" in body
        assert body.endswith(INDEX[INDEX.index(b"<head>") + 6 :])
        assert int(headers[b"content-length"]) == len(body)
        assert b"etag" not in headers  # the file's validator no longer describes this body
    # Asked for in full and uncompressed, so that the script can go in.
    _, headers, _ = _answer(
        app, "/wujiang", headers={b"if-none-match": b'"disk"', b"accept-encoding": b"gzip"}
    )
    assert headers[b"x-seen"] == b""
    # HEAD: the length the GET would have.
    _, head, body = _answer(app, "/wujiang", method="HEAD")
    assert int(head[b"content-length"]) == int(_answer(app, "/wujiang")[1][b"content-length"])


def test_a_pages_address_carries_the_page_style_at_the_end_of_its_body():
    style = serve.page_style_html()
    assert style.startswith(b"<style>") and b"stMainBlockContainer" in style
    app = serve.KnownBackendBase(_index_app, style=style)
    start, headers, body = _answer(app, "/wujiang")
    assert body.endswith(style + b"</body></html>") and body.count(style) == 1
    assert b"var s='wujiang'" in body and int(headers[b"content-length"]) == len(body)
    _, head, _ = _answer(app, "/wujiang", method="HEAD")
    assert int(head[b"content-length"]) == len(body)
    # Only a page's address: a bundle, a file or the health check passes as it is.
    for path in ["/static/js/x.js", "/_stcore/health", "/favicon.png"]:
        assert _answer(app, path)[2] == INDEX, path


def test_other_addresses_and_answers_pass_unchanged():
    app = serve.KnownBackendBase(_index_app)
    for path in ["/static/js/x.js", "/a/b", "/wu<jiang", "/_stcore/health", "/favicon.png"]:
        _, headers, body = _answer(app, path)
        assert body == INDEX and headers[b"etag"] == b'"disk"', path
    # A page's address answered with something other than HTML (or not 200) passes as it is.
    plain = serve.KnownBackendBase(_streamlit)
    start, _, body = _answer(plain, "/wujiang")
    assert start["status"] == 299 and body == b"/wujiang"


def test_under_a_base_url_only_its_pages_are_touched():
    app = serve.KnownBackendBase(_index_app, prefix="atlas")
    assert b"var s='wujiang'" in _answer(app, "/atlas/wujiang")[2]
    assert b"var s=''" in _answer(app, "/atlas/")[2] and b"var s=''" in _answer(app, "/atlas")[2]
    assert _answer(app, "/wujiang")[2] == INDEX


def test_compiled_scripts_are_kept_until_the_file_changes(tmp_path):
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    serve.keep_compiled_scripts()
    script = tmp_path / "page.py"
    script.write_text("x = 1\n")
    cache = ScriptCache()
    first = cache.get_bytecode(str(script))
    cache.clear()  # what Streamlit does when the last session closes
    assert cache.get_bytecode(str(script)) is first
    script.write_text("x = 22\n")  # edited: another size and modification time
    second = cache.get_bytecode(str(script))
    assert second is not first
    namespace: dict = {}
    exec(second, namespace)
    assert namespace["x"] == 22


# ---- the project's own static files (Leaflet, the map payloads) from memory, compressed once ----


def _static(tmp_path):
    root = tmp_path / "static"
    (root / "cache").mkdir(parents=True)
    payload = root / "cache" / "abc.json"
    payload.write_text('{"points": [' + ",".join(f"[{i}, {i * 2}]" for i in range(5000)) + "]}")
    (tmp_path / "secret.toml").write_text("password = 1")
    return serve.AppStaticFromMemory(_streamlit, root=root), payload


def test_a_static_file_is_answered_compressed_from_memory(tmp_path, monkeypatch):
    import gzip

    app, payload = _static(tmp_path)
    gz = {b"accept-encoding": b"gzip, deflate, br"}
    start, headers, body = _answer(app, "/app/static/cache/abc.json", headers=gz)
    assert start["status"] == 200 and headers[b"content-encoding"] == b"gzip"
    assert gzip.decompress(body) == payload.read_bytes() and len(body) < payload.stat().st_size / 2
    assert headers[b"content-type"] == b"application/json" and int(headers[b"content-length"]) == len(body)
    assert headers[b"x-content-type-options"] == b"nosniff" and headers[b"vary"] == b"Accept-Encoding"
    # Asked again, it is not read (nor compressed) again: the file is kept by its version.
    monkeypatch.setattr(serve.AppStaticFromMemory, "_load", staticmethod(lambda *a: 1 / 0))
    assert _answer(app, "/app/static/cache/abc.json", headers=gz)[2] == body
    # A browser that cannot take gzip gets the file as it is, under another ETag.
    start, plain, raw = _answer(app, "/app/static/cache/abc.json")
    assert (
        raw == payload.read_bytes()
        and b"content-encoding" not in plain
        and plain[b"etag"] != headers[b"etag"]
    )
    # A browser that has it: 304, no body; HEAD: headers only.
    start, _, body304 = _answer(
        app, "/app/static/cache/abc.json", headers={**gz, b"if-none-match": headers[b"etag"]}
    )
    assert start["status"] == 304 and body304 == b""
    start, head, nothing = _answer(app, "/app/static/cache/abc.json", method="HEAD", headers=gz)
    assert start["status"] == 200 and nothing == b"" and head[b"content-length"] == headers[b"content-length"]


def test_a_rewritten_static_file_is_answered_anew(tmp_path):
    import os

    app, payload = _static(tmp_path)
    first = _answer(app, "/app/static/cache/abc.json")[2]
    payload.write_text('{"points": []}')
    os.utime(payload, ns=(1, 1))  # another modification time and size
    assert _answer(app, "/app/static/cache/abc.json")[2] == b'{"points": []}' != first


def test_only_files_under_static_are_answered(tmp_path):
    app, _ = _static(tmp_path)
    (tmp_path / "static" / "link.toml").symlink_to(tmp_path / "secret.toml")
    for path, kw in [
        ("/app/static/../secret.toml", {}),  # outside the folder
        ("/app/static/link.toml", {}),  # a link leading outside
        ("/app/static/cache", {}),  # a folder
        ("/app/static/cache/none.json", {}),
        ("/app/static/cache/abc.json", {"method": "POST"}),
        ("/app/static/cache/abc.json", {"headers": {b"range": b"bytes=0-9"}}),
        ("/static/js/x.js", {}),
    ]:
        start, _, body = _answer(app, path, **kw)
        assert start["status"] == 299 and body == path.encode(), path


def test_a_static_file_asked_for_by_its_version_is_kept_by_the_browser(tmp_path):
    from geo.static_files import content_version

    root = tmp_path / "static"
    (root / "vendor").mkdir(parents=True)
    leaflet = root / "vendor" / "leaflet.js"
    leaflet.write_bytes(b"var L = 1;" * 50)
    app = serve.AppStaticFromMemory(_streamlit, root=root, versioned=True)
    version = content_version(leaflet.read_bytes())
    assert version == hashlib.md5(leaflet.read_bytes()).hexdigest()[:12]
    start, headers, body = _answer(app, "/app/static/vendor/leaflet.js", query_string=f"v={version}".encode())
    assert start["status"] == 200 and body == leaflet.read_bytes()
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    # Without a version, or with another file's: revalidated by its ETag as before (no lifetime).
    for query in (b"", b"v=0123456789ab", b"x=" + version.encode()):
        start, headers, body = _answer(app, "/app/static/vendor/leaflet.js", query_string=query)
        assert start["status"] == 200 and b"cache-control" not in headers, query
    # The file changed: the old address no longer gets a lifetime, the new version does.
    leaflet.write_bytes(b"var L = 2;" * 60)
    assert (
        b"cache-control"
        not in _answer(app, "/app/static/vendor/leaflet.js", query_string=f"v={version}".encode())[1]
    )
    new = content_version(leaflet.read_bytes())
    assert (
        b"cache-control" in _answer(app, "/app/static/vendor/leaflet.js", query_string=f"v={new}".encode())[1]
    )


def test_the_maps_leaflet_is_addressed_by_its_version():
    from layers.assets import local_path, local_url

    url = local_url("https://cdn.jsdelivr.net/npm/leaflet@1.9.3/dist/leaflet.js")
    body = (serve.APP.parent / "static" / "vendor" / "leaflet" / "leaflet.js").read_bytes()
    assert url == f"/app/static/vendor/leaflet/leaflet.js?v={hashlib.md5(body).hexdigest()[:12]}"
    assert local_path(url).read_bytes() == body  # the standalone HTML inlines the file itself


# ---- the map's frame: asked for as the page starts, answered from memory, cacheable ----------------


def _fake_folders(tmp_path):
    bundles, build = tmp_path / "streamlit", tmp_path / "build"
    (bundles / "static" / "js").mkdir(parents=True)
    for name in ["ComponentInstance.Ab12.js", "IFrameUtil.Cd34.js", "urls.Ef56.js", "Metric.Gh78.js"]:
        (bundles / "static" / "js" / name).write_text("export{}")
    (build / "static" / "js").mkdir(parents=True)
    (build / "index.html").write_text('<script defer="defer" src="./static/js/main.0a1b2c3d.js"></script>')
    (build / "static" / "js" / "main.0a1b2c3d.js").write_text("var main = 1;" * 100)
    return bundles, build


def test_a_pages_address_asks_at_once_for_what_its_maps_frame_waits_for(tmp_path):
    from geo.frame_files import map_frame_hints

    bundles, build = _fake_folders(tmp_path)
    hints = map_frame_hints(bundles=bundles, build=build)
    text = hints.decode()
    assert text.startswith("<script>") and text.endswith("</script>")
    # Streamlit's component chunks (and no other), the frame's page at the address Streamlit gives
    # it, its hashed script, Leaflet.
    assert '["ComponentInstance.Ab12.js", "IFrameUtil.Cd34.js", "urls.Ef56.js"]' in text
    assert "Metric" not in text and "modulepreload" in text and "'prefetch'" in text
    assert "component/streamlit_folium.st_folium/index.html?streamlitUrl=" in text
    assert "encodeURIComponent(location.origin+location.pathname)" in text
    assert '"component/streamlit_folium.st_folium/static/js/main.0a1b2c3d.js"' in text
    # Leaflet at the address its frame asks for: the file's version as the query (geo.static_files).
    from geo.static_files import versioned

    js, css = versioned("vendor/leaflet/leaflet.js"), versioned("vendor/leaflet/leaflet.css")
    assert js.startswith("vendor/leaflet/leaflet.js?v=") and len(js.split("?v=")[1]) == 12
    assert f'"app/static/{js}", "app/static/{css}"' in text
    # Without the component's page, only what exists is named.
    (build / "index.html").unlink()
    assert "main." not in map_frame_hints(bundles=bundles, build=build).decode()
    # The installed streamlit-folium's own page names a script that exists.
    real = map_frame_hints(bundles=serve.BUNDLES).decode()
    main = real.split('"component/streamlit_folium.st_folium/')[1].split('"')[0]
    from geo.frame_files import map_build

    assert main.startswith("static/js/main.") and (map_build() / main).is_file()
    # Streamlit's chunks are found by name: a Streamlit that renamed one fails here.
    from geo.frame_files import COMPONENT_CHUNKS

    assert all(f'"{prefix}' in real for prefix in COMPONENT_CHUNKS), real
    # In the page: right after the script that sets the base (which the hints read).
    app = serve.KnownBackendBase(_index_app, hints=hints)
    _, headers, body = _answer(app, "/wujiang")
    assert body.index(b"BACKEND_BASE_URL") < body.index(hints) and body.count(hints) == 1
    assert int(headers[b"content-length"]) == len(body)


def test_the_maps_frame_is_answered_from_memory_and_kept_by_the_browser(tmp_path):
    _, build = _fake_folders(tmp_path)
    frame = "component/streamlit_folium.st_folium/"
    app = serve.AppStaticFromMemory(_streamlit, build, mount=frame, cache_control=b"max-age=60")
    app = serve.AppStaticFromMemory(
        app, build / "static", mount=frame + "static/", cache_control=serve.CACHE_CONTROL
    )
    start, headers, body = _answer(app, f"/{frame}static/js/main.0a1b2c3d.js")
    assert start["status"] == 200 and body == (build / "static/js/main.0a1b2c3d.js").read_bytes()
    assert headers[b"cache-control"] == b"public, immutable, max-age=31536000"
    start, headers, body = _answer(app, f"/{frame}index.html")
    assert (
        start["status"] == 200 and b"main.0a1b2c3d.js" in body and headers[b"cache-control"] == b"max-age=60"
    )
    # Anything else goes on to Streamlit, as without a mount.
    for path in [f"/{frame}none.js", "/component/other.component/index.html", "/app/static/x.js"]:
        assert _answer(app, path)[0]["status"] == 299, path
