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
"""

from __future__ import annotations

import hashlib
import mimetypes
import sys
from pathlib import Path

import streamlit
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

APP = Path(__file__).resolve().parent / "app.py"
BUNDLES = Path(streamlit.__file__).resolve().parent / "static"
BUNDLE_FOLDERS = ("static/js/", "static/css/", "static/media/")
CACHE_CONTROL = b"public, immutable, max-age=31536000"  # as Streamlit's, for its hashed bundles


class BundlesFromMemory:
    """An ASGI wrapper answering ``GET``/``HEAD`` of Streamlit's hashed bundles from memory.

    Only the exact paths of files found under Streamlit's ``static/js``, ``static/css`` and
    ``static/media`` at start are answered (nothing else is reachable through it); a request with
    a ``Range`` header, any other path or method, websockets and lifespan go to ``app``.
    """

    def __init__(self, app, root: Path = BUNDLES, prefix: str = "") -> None:
        self.app = app
        self.prefix = "/" + prefix.strip("/") if prefix.strip("/") else ""
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


def _serve_bundles_from_memory() -> None:
    from streamlit import config

    try:
        from streamlit.web.server.starlette import starlette_server

        make = starlette_server.create_starlette_app
    except (ImportError, AttributeError):  # another Streamlit: its own serving, unchanged
        return

    def create_starlette_app(runtime):
        return BundlesFromMemory(make(runtime), prefix=config.get_option("server.baseUrlPath") or "")

    starlette_server.create_starlette_app = create_starlette_app


def main() -> None:
    PagesManager.uses_pages_directory = False
    _serve_bundles_from_memory()
    sys.argv = ["streamlit", "run", str(APP), *sys.argv[1:]]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
