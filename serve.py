"""Serve the atlas: ``python serve.py [streamlit options]`` (what ``bash setup.sh run`` does).

The project keeps its page scripts in ``pages/``. Streamlit treats a ``pages/`` folder beside the
main script as its legacy multipage mode until ``st.navigation`` first runs in the process, so a
deep link such as ``/data`` opened first would run that page without ``app.py`` (no shared sidebar,
file names as navigation). The atlas always navigates with ``st.navigation``: say so up front.

Streamlit's own hashed bundles (``/static/js``, ``/static/css``, ``/static/media``: about 170
files, 6 MB, on a fresh load of a page) are answered from memory (:class:`BundlesFromMemory`)
with the headers Streamlit gives them; every other request goes to Streamlit as before. Served
through Streamlit's file handler and middleware they were about half of the server's CPU time
per fresh page load (docs/performance.md).

A page opened by its own address (``/wujiang``, a bookmark) used to cost every load a failed probe
and a retry before the websocket opened: Streamlit's frontend tries ``/wujiang`` as the server's
base first (a 404), waits, then tries ``/``. :class:`KnownBackendBase` tells the frontend the base
in the page itself (``window.__streamlit.BACKEND_BASE_URL``, Streamlit's own setting for hosts
that embed it), worked out from the address the browser shows, so behind a proxy that adds a
prefix it is still right.
"""

from __future__ import annotations

import hashlib
import mimetypes
import os
import re
import sys
from pathlib import Path

import streamlit
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent / "app.py"
BUNDLES = Path(streamlit.__file__).resolve().parent / "static"
BUNDLE_FOLDERS = ("static/js/", "static/css/", "static/media/")
CACHE_CONTROL = b"public, immutable, max-age=31536000"  # as Streamlit's, for its hashed bundles


def _mount(prefix: str) -> str:
    """``server.baseUrlPath`` as a path prefix: "" or "/atlas"."""
    return "/" + prefix.strip("/") if prefix.strip("/") else ""


class BundlesFromMemory:
    """An ASGI wrapper answering ``GET``/``HEAD`` of Streamlit's hashed bundles from memory.

    Only the exact paths of files found under Streamlit's ``static/js``, ``static/css`` and
    ``static/media`` at start are answered (nothing else is reachable through it); a request with
    a ``Range`` header, any other path or method, websockets and lifespan go to ``app``.
    """

    def __init__(self, app, root: Path = BUNDLES, prefix: str = "") -> None:
        self.app = app
        self.prefix = _mount(prefix)
        self.files: dict[str, tuple[bytes, list[tuple[bytes, bytes]], bytes]] = {}
        for folder in BUNDLE_FOLDERS:
            for path in sorted((root / folder).glob("*")):
                if not path.is_file():
                    continue
                body = path.read_bytes()
                etag = b'"' + hashlib.md5(body, usedforsecurity=False).hexdigest().encode() + b'"'
                kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                if kind == "text/javascript":
                    kind = "application/javascript"
                headers = [
                    (b"content-type", kind.encode()),
                    (b"content-length", str(len(body)).encode()),
                    (b"etag", etag),
                    (b"cache-control", CACHE_CONTROL),
                ]
                self.files[f"{self.prefix}/{folder}{path.name}"] = (body, headers, etag)

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["method"] not in ("GET", "HEAD"):
            return await self.app(scope, receive, send)
        found = self.files.get(scope["path"])
        headers = dict(scope.get("headers") or [])
        if found is None or b"range" in headers:
            return await self.app(scope, receive, send)
        body, answer, etag = found
        if headers.get(b"if-none-match") == etag:
            await send({"type": "http.response.start", "status": 304, "headers": [(b"etag", etag)]})
            return await send({"type": "http.response.body", "body": b""})
        await send({"type": "http.response.start", "status": 200, "headers": answer})
        await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


# A page's own address below the base: Streamlit's url_path ("wujiang") or "" for the default page.
_PAGE_SEGMENT = re.compile(r"[A-Za-z0-9_-]*")
# Run before Streamlit's bundle: the base is the address the browser shows without the page's own
# segment (the same base the frontend would find by probing, without the probe).
_BASE_JS = (
    "<script>(function(){{var s={segment},p=location.pathname.replace(/\\/+$/,'');"
    "if(s&&p.slice(-s.length-1)==='/'+s)p=p.slice(0,-s.length-1);"
    "window.__streamlit=Object.assign({{}},window.__streamlit,"
    "{{BACKEND_BASE_URL:location.origin+p+'/'}});}})();</script>"
)


_NOT_FOR_INDEX = (b"if-none-match", b"if-modified-since", b"accept-encoding", b"range")


class KnownBackendBase:
    """An ASGI wrapper putting the server's base into the HTML page Streamlit answers for a page's
    address (``<base>/`` or ``<base>/<url_path>``), so that the frontend need not probe for it.

    Only those addresses are touched, and only an HTML answer: the script goes right after
    ``<head>``, the length is corrected, and the page is never answered 304 from a validator made
    for the file as it is on disk. Everything else passes unchanged.
    """

    def __init__(self, app, prefix: str = "") -> None:
        self.app = app
        self.prefix = _mount(prefix)

    def _segment(self, path: str) -> str | None:
        if path in (self.prefix, self.prefix + "/"):
            return ""
        if not path.startswith(self.prefix + "/"):
            return None
        rest = path[len(self.prefix) + 1 :]
        return rest if _PAGE_SEGMENT.fullmatch(rest) else None

    async def __call__(self, scope, receive, send) -> None:
        segment = None
        if scope["type"] == "http" and scope["method"] in ("GET", "HEAD"):
            segment = self._segment(scope["path"])
        if segment is None:
            return await self.app(scope, receive, send)
        script = _BASE_JS.format(segment=f"'{segment}'").encode()
        # Asked for as it is (8 KB; uncompressed, so the script can go in) and always in full.
        plain = [(k, v) for k, v in scope.get("headers") or [] if k not in _NOT_FOR_INDEX]
        held: dict = {}

        async def rewrite(message):
            if message["type"] == "http.response.start":
                headers = dict(message.get("headers") or [])
                html = headers.get(b"content-type", b"").startswith(b"text/html")
                if message["status"] != 200 or not html or b"content-encoding" in headers:
                    held["pass"] = True
                    return await send(message)
                held["start"] = message
                held["body"] = []
                return None
            if held.get("pass") or "start" not in held:
                return await send(message)
            held["body"].append(message.get("body", b""))
            if message.get("more_body"):
                return None
            body = b"".join(held["body"])
            start = held["start"]
            headers = [
                (k, v)
                for k, v in start.get("headers") or []
                if k not in (b"content-length", b"etag", b"last-modified")
            ]
            if scope["method"] == "HEAD":
                length = int(dict(start.get("headers") or []).get(b"content-length", b"0")) + len(script)
            else:
                at = body.find(b"<head>")
                body = body[: at + 6] + script + body[at + 6 :] if at >= 0 else script + body
                length = len(body)
            await send({**start, "headers": [*headers, (b"content-length", str(length).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app({**scope, "headers": plain}, receive, rewrite)


def _stamp(path: str) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size)


def keep_compiled_scripts() -> None:
    """Let Streamlit's script cache keep a compiled script until its file changes (see above)."""
    from streamlit.runtime.scriptrunner.script_cache import ScriptCache

    if getattr(ScriptCache, "_atlas_kept", False):
        return
    compile_script = ScriptCache.get_bytecode

    def get_bytecode(self, script_path: str):
        path = os.path.abspath(script_path)
        stamp = _stamp(path)
        kept = self.__dict__.setdefault("_atlas_compiled", {})
        hit = kept.get(path)
        if hit is not None and stamp is not None and hit[0] == stamp:
            return hit[1]
        with self._lock:
            self._cache.pop(path, None)  # compiled from an older file (or never)
        code = compile_script(self, script_path)
        kept[path] = (stamp, code)
        return code

    ScriptCache.get_bytecode = get_bytecode
    ScriptCache._atlas_kept = True


def _wrap_streamlit_app() -> None:
    """Serve Streamlit's app through :class:`BundlesFromMemory` and :class:`KnownBackendBase`."""
    from streamlit import config

    try:
        from streamlit.web.server.starlette import starlette_server

        make = starlette_server.create_starlette_app
    except (ImportError, AttributeError):  # another Streamlit: its own serving, unchanged
        return

    def create_starlette_app(runtime):
        prefix = config.get_option("server.baseUrlPath") or ""
        return BundlesFromMemory(KnownBackendBase(make(runtime), prefix=prefix), prefix=prefix)

    starlette_server.create_starlette_app = create_starlette_app


def main() -> None:
    PagesManager.uses_pages_directory = False
    _wrap_streamlit_app()
    keep_compiled_scripts()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
