"""Serve the atlas: ``python serve.py [streamlit options]`` (what ``bash setup.sh run`` does).

The project keeps its page scripts in ``pages/``. Streamlit treats a ``pages/`` folder beside the
main script as its legacy multipage mode until ``st.navigation`` first runs in the process, so a
deep link such as ``/data`` opened first would run that page without ``app.py`` (no shared sidebar,
file names as navigation). The atlas always navigates with ``st.navigation``: say so up front.

Streamlit's own hashed bundles (``/static/js``, ``/static/css``, ``/static/media``: about 170
files, 6 MB, on a fresh load of a page) are answered from memory (:class:`BundlesFromMemory`)
with the headers Streamlit gives them; every other request goes to Streamlit as before. Served
through Streamlit's file handler and middleware they were about half of the server's CPU time
per fresh page load (docs/performance.md). The project's own static files (``/app/static``:
Leaflet and its plugins, and the map payloads the pages write into the folder the settings name,
``geo.settings.payload_dir()``, outside the source tree, at ``/app/static/cache``) are answered from
memory too, compressed once per file version (:class:`AppStaticFromMemory`) instead of on every
request.

A page opened by its own address (``/wujiang``, a bookmark) used to cost every load a failed probe
and a retry before the websocket opened: Streamlit's frontend tries ``/wujiang`` as the server's
base first (a 404), waits, then tries ``/``. :class:`KnownBackendBase` tells the frontend the base
in the page itself (``window.__streamlit.BACKEND_BASE_URL``, Streamlit's own setting for hosts
that embed it), worked out from the address the browser shows, so behind a proxy that adds a
prefix it is still right. The same wrapper puts the atlas's page style into that HTML, so that
app.py need not draw it as an element.

Where it listens: with no identity configured in secrets.toml (single-user mode, where whoever
opens the app may import and delete and sees every enterprise's figures) only on 127.0.0.1,
unless the operator names an address (``--server.address``, ``$STREAMLIT_SERVER_ADDRESS``,
``server.address`` in config.toml, or ``$ATLAS_SINGLE_USER_ADDRESS``); with logins configured on
Streamlit's default, every interface. :class:`SessionCookies` sets and clears the sign-in cookie
of password accounts (pages/common/auth.py).
"""

from __future__ import annotations

import asyncio
import gzip
import hashlib
import mimetypes
import os
import re
import sys
import time
from collections import OrderedDict
from pathlib import Path
from urllib.parse import parse_qs

import streamlit
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import cli

from geo import settings
from geo.frame_files import MAP_COMPONENT, map_build, map_frame_hints
from geo.static_files import VERSION_PARAM, content_version

APP = Path(__file__).resolve().parent / "app.py"
BUNDLES = Path(streamlit.__file__).resolve().parent / "static"
BUNDLE_FOLDERS = ("static/js/", "static/css/", "static/media/")
CACHE_CONTROL = b"public, immutable, max-age=31536000"  # as Streamlit's, for its hashed bundles


def _mount(prefix: str) -> str:
    """``server.baseUrlPath`` as a path prefix: "" or "/atlas"."""
    return "/" + prefix.strip("/") if prefix.strip("/") else ""


# Types worth compressing (Streamlit's and Leaflet's scripts and styles, the map payloads' JSON).
_COMPRESSIBLE = (b"text/", b"application/javascript", b"application/json", b"image/svg+xml")


def _packed(body: bytes, kind: bytes) -> bytes | None:
    """``body`` gzip-compressed, if its type is worth it and it comes out smaller; else None."""
    if len(body) < 500 or not kind.startswith(_COMPRESSIBLE):
        return None
    packed = gzip.compress(body, compresslevel=6, mtime=0)
    return packed if len(packed) < len(body) else None


def _wants_gzip(headers: dict) -> bool:
    return b"gzip" in headers.get(b"accept-encoding", b"")


async def _answer(scope, send, asked: dict, etag: bytes, headers: list, body: bytes) -> None:
    """304 if the browser has ``etag`` already (``If-None-Match``), else 200 with ``headers`` and
    ``body`` (none for HEAD)."""
    if asked.get(b"if-none-match") == etag:
        same = [(b"etag", etag), (b"vary", b"Accept-Encoding")]  # as the 200 would say
        await send({"type": "http.response.start", "status": 304, "headers": same})
        return await send({"type": "http.response.body", "body": b""})
    await send({"type": "http.response.start", "status": 200, "headers": headers})
    await send({"type": "http.response.body", "body": b"" if scope["method"] == "HEAD" else body})


class BundlesFromMemory:
    """An ASGI wrapper answering ``GET``/``HEAD`` of Streamlit's hashed bundles from memory.

    Only the exact paths of files found under Streamlit's ``static/js``, ``static/css`` and
    ``static/media`` at start are answered (nothing else is reachable through it); a request with
    a ``Range`` header, any other path or method, websockets and lifespan go to ``app``.

    Scripts and styles go gzip-compressed to a browser that takes it, each compressed once, the
    first time it is asked for (in a worker thread): a fresh page load fetches about 5 MB of them,
    1.5 MB compressed, which Streamlit sends as they are (over a bureau's network, not loopback,
    that is the larger part of a first visit's wait). The ETag names the encoding.
    """

    def __init__(self, app, root: Path = BUNDLES, prefix: str = "") -> None:
        self.app = app
        self.prefix = _mount(prefix)
        self.files: dict[str, tuple[bytes, list[tuple[bytes, bytes]], bytes]] = {}
        self.packed: dict[str, bytes | None] = {}  # path -> gzip body (None: not worth it)
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
        kind = dict(answer)[b"content-type"]
        if _wants_gzip(headers) and kind.startswith(_COMPRESSIBLE):
            path = scope["path"]
            if path not in self.packed:
                self.packed[path] = await asyncio.to_thread(_packed, body, kind)
            if self.packed[path] is not None:
                body, etag = self.packed[path], etag[:-1] + b'-gz"'
                answer = [
                    *((k, v) for k, v in answer if k not in (b"content-length", b"etag")),
                    (b"content-length", str(len(body)).encode()),
                    (b"etag", etag),
                    (b"content-encoding", b"gzip"),
                ]
        await _answer(scope, send, headers, etag, [*answer, (b"vary", b"Accept-Encoding")], body)


STATIC_FILE_MOST = 32 * 2**20  # a larger file of ./static is left to Streamlit
STATIC_MEMORY_MOST = 256 * 2**20  # bytes kept in all (plain and compressed), least recent dropped
# The payload files' address below /app/static/ (pages/common/cache.py writes them to settings.payload_dir()).
PAYLOAD_FOLDER = settings.PAYLOAD_URL.removeprefix("/app/static/") + "/"


class AppStaticFromMemory:
    """An ASGI wrapper answering ``GET``/``HEAD`` of the project's own static files
    (``<base>/app/static/…``: Leaflet and its plugins; with ``folder="cache/"`` and the payload
    folder as ``root``, the map payloads the pages write) from memory, gzip-compressed once per
    file version.

    Through Streamlit each such answer was read from disk and compressed again for every
    request: the evaluation page's 0.86 MB payload alone cost 12 ms of the server's CPU per page
    load (gzip level 5), every load of every session. Here a file is read and compressed (in a
    worker thread) the first time it is asked for, and kept, by path, modification time and size,
    so an edited or rewritten file is answered anew. Headers as Streamlit's (type, ``nosniff``,
    ``Access-Control-Allow-Origin: *``) plus an ETag per encoding and ``Vary: Accept-Encoding``.
    Only regular files under ``root`` (symbolic links resolved) are answered; anything else
    (another path or method, a ``Range`` request, a missing, too large or outside file) goes to
    ``app``, which answers as before (404, 400 …). ``folder`` is the part of the address below
    ``/app/static/`` that ``root`` answers for (``mount``: the whole address below the base, for
    another folder); ``file_most`` the largest file answered; ``cache_control`` that header, if any.
    With ``versioned``, an address asking for the file's own version (``?v=…``,
    ``geo.static_files``) is answered as cacheable for good: it names those bytes only.
    """

    def __init__(
        self,
        app,
        root: Path = APP.parent / "static",
        prefix: str = "",
        *,
        folder: str = "",
        file_most: int = STATIC_FILE_MOST,
        mount: str = "",
        cache_control: bytes = b"",
        versioned: bool = False,
    ) -> None:
        self.app = app
        self.versioned = versioned
        self.root = os.path.realpath(root)
        self.mount = f"{_mount(prefix)}/{mount or f'app/static/{folder}'}"
        self.cache_control = [(b"cache-control", cache_control)] if cache_control else []
        self.file_most = file_most
        self.kept: OrderedDict[str, tuple] = OrderedDict()  # path -> (stamp, entry, bytes)
        self.kept_bytes = 0

    def _file(self, path: str) -> str | None:
        rel = path[len(self.mount) :]
        if not rel or "\x00" in rel:
            return None
        full = os.path.realpath(os.path.join(self.root, rel))
        return full if full.startswith(self.root + os.sep) and os.path.isfile(full) else None

    @staticmethod
    def _load(full: str, stamp: tuple[int, int]) -> tuple | None:
        """(plain body, gzip body or None, content type, ETag, version); None if the file changed
        meanwhile."""
        with open(full, "rb") as f:
            body = f.read()
        if len(body) != stamp[1] or _stamp(full) != stamp:
            return None
        kind = (mimetypes.guess_type(full)[0] or "application/octet-stream").encode()
        if kind == b"text/javascript":
            kind = b"application/javascript"
        packed = _packed(body, kind)
        etag = hashlib.md5(body, usedforsecurity=False).hexdigest()
        return body, packed, kind, etag, content_version(body)

    def _keep(self, full: str, stamp: tuple[int, int], entry: tuple) -> None:
        size = len(entry[0]) + len(entry[1] or b"")
        old = self.kept.pop(full, None)
        if old is not None:
            self.kept_bytes -= old[2]
        self.kept[full] = (stamp, entry, size)
        self.kept_bytes += size
        while self.kept_bytes > STATIC_MEMORY_MOST and len(self.kept) > 1:
            _, (_, _, dropped) = self.kept.popitem(last=False)
            self.kept_bytes -= dropped

    async def __call__(self, scope, receive, send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] not in ("GET", "HEAD")
            or not scope["path"].startswith(self.mount)
        ):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        full = None if b"range" in headers else self._file(scope["path"])
        stamp = _stamp(full) if full else None
        if stamp is None or stamp[1] > self.file_most:
            return await self.app(scope, receive, send)
        hit = self.kept.get(full)
        if hit is not None and hit[0] == stamp:
            self.kept.move_to_end(full)
            entry = hit[1]
        else:
            entry = await asyncio.to_thread(self._load, full, stamp)
            if entry is None:
                return await self.app(scope, receive, send)
            self._keep(full, stamp, entry)
        body, packed, kind, digest, version = entry
        cache = self.cache_control
        if self.versioned and _asked_version(scope) == version:
            cache = [(b"cache-control", CACHE_CONTROL)]
        zipped = packed is not None and _wants_gzip(headers)
        etag = f'"{digest}{"-gz" if zipped else ""}"'.encode()
        out = packed if zipped else body
        answer = [
            (b"content-type", kind),
            (b"content-length", str(len(out)).encode()),
            (b"x-content-type-options", b"nosniff"),
            (b"etag", etag),
            (b"vary", b"Accept-Encoding"),
            (b"access-control-allow-origin", b"*"),
            *([(b"content-encoding", b"gzip")] if zipped else []),
            *cache,
        ]
        await _answer(scope, send, headers, etag, answer, out)


def _asked_version(scope) -> str | None:
    """The version a request's query names (``?v=…``), if any."""
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return (query.get(VERSION_PARAM) or [None])[0]


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


OPEN_LISTS_JS = settings.STATIC_DIR / "js" / "open_lists.js"  # a select box's list stays open


def page_style_html() -> bytes:
    """The atlas's page style (``geo.settings.PAGE_STYLE``) as a ``<style>`` element, and the
    script that keeps a select box's list open through the scrolls of its opening moment
    (:data:`OPEN_LISTS_JS`), in the page before Streamlit draws any box."""
    script = OPEN_LISTS_JS.read_bytes()
    return b"<style>" + settings.PAGE_STYLE.read_bytes() + b"</style><script>" + script + b"</script>"


class KnownBackendBase:
    """An ASGI wrapper putting the server's base into the HTML page Streamlit answers for a page's
    address (``<base>/`` or ``<base>/<url_path>``), so that the frontend need not probe for it,
    and ``style`` (the page's own style element) before ``</body>``.

    Only those addresses are touched, and only an HTML answer: the script goes right after
    ``<head>``, the style at the end of the body (after the style elements Streamlit adds to the
    head as it renders, so that it wins over them as a style element drawn in the page would), the
    length is corrected, and the page is never answered 304 from a validator made for the file as
    it is on disk. Everything else passes unchanged.

    The style in the HTML is there before the first paint, and the page draws no ``st.html``
    element for it: that element made the browser load Streamlit's Html chunk and DOMPurify and
    render one more element before the map (docs/performance.md, twelfth round).
    """

    def __init__(self, app, prefix: str = "", style: bytes = b"", hints: bytes = b"") -> None:
        self.app = app
        self.prefix = _mount(prefix)
        self.style = style
        self.hints = hints

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
        script = _BASE_JS.format(segment=f"'{segment}'").encode() + self.hints
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
                added = len(script) + len(self.style)
                length = int(dict(start.get("headers") or []).get(b"content-length", b"0")) + added
            else:
                at = body.find(b"<head>")
                body = body[: at + 6] + script + body[at + 6 :] if at >= 0 else script + body
                end = body.rfind(b"</body>")
                body = body[:end] + self.style + body[end:] if end >= 0 else body + self.style
                length = len(body)
            await send({**start, "headers": [*headers, (b"content-length", str(length).encode())]})
            await send({"type": "http.response.body", "body": body})

        await self.app({**scope, "headers": plain}, receive, rewrite)


# ---- who may sign in, and where the server listens ---------------------------------------------
SESSION_PATH = "/_atlas/session"  # POST a handoff token: answered with the session cookie
SESSION_END_PATH = "/_atlas/session/end"  # POST: answered with the cookie cleared
LOOPBACK = "127.0.0.1"
# The address to listen on in single-user mode (default: loopback).
OPEN_ENV = settings.SINGLE_USER_ADDRESS_ENV


def _secrets() -> dict:
    """secrets.toml as Streamlit reads it ({} when there is none)."""
    from streamlit.runtime.secrets import secrets_singleton

    try:
        return secrets_singleton.to_dict()
    except Exception:  # noqa: BLE001 (no file, or unreadable: as if nothing were configured)
        return {}


class SessionCookies:
    """An ASGI wrapper answering the two session addresses (``<base>/_atlas/session`` and
    ``…/end``) that set and clear the HttpOnly, SameSite=Strict sign-in cookie (pages/common/auth.py).

    The page cannot set an HttpOnly cookie itself: after a password sign-in it posts a short-lived
    handoff token (signed with the install's secret, two minutes) here, and the answer sets the
    session cookie (``geo.storage.accounts``: signed, expiring after ``[atlas] session_hours``). A request
    from another origin is refused; everything else passes to ``app``.
    """

    def __init__(self, app, prefix: str = "") -> None:
        self.app = app
        self.start = _mount(prefix) + SESSION_PATH
        self.end = _mount(prefix) + SESSION_END_PATH
        self.cookie_path = (_mount(prefix) or "") + "/"

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"] not in (self.start, self.end):
            return await self.app(scope, receive, send)
        headers = dict(scope.get("headers") or [])
        origin, host = headers.get(b"origin", b""), headers.get(b"host", b"")
        if scope["method"] != "POST" or (origin and origin.split(b"//", 1)[-1] != host):
            return await _plain(send, 403, b"forbidden")
        body = b""
        while True:
            message = await receive()
            body += message.get("body", b"")
            if not message.get("more_body") or len(body) > 4096:
                break
        secure = scope.get("scheme") == "https" or headers.get(b"x-forwarded-proto") == b"https"
        cookie = await asyncio.to_thread(self._cookie, scope["path"] == self.start, body[:4096], secure)
        if cookie is None:
            return await _plain(send, 403, b"forbidden")
        return await _plain(
            send, 204, b"", [(b"set-cookie", cookie.encode()), (b"cache-control", b"no-store")]
        )

    def _cookie(self, starting: bool, body: bytes, secure: bool = False) -> str | None:
        from geo.ingest import user_store
        from geo.storage.accounts import SESSION_COOKIE, read_token, session_hours, session_secret, sign_token

        attributes = f"Path={self.cookie_path}; HttpOnly; SameSite=Strict" + ("; Secure" if secure else "")
        if not starting:
            return f"{SESSION_COOKIE}=; Max-Age=0; {attributes}"
        conf = _secrets().get("atlas", {})
        conf = conf if isinstance(conf, dict) else {}
        accounts = conf.get("accounts") or {}
        secret = session_secret(conf, folder=user_store().parent)
        user = read_token(body.decode("utf-8", "replace").strip(), secret=secret, purpose="handoff")
        if user is None or user not in accounts:
            return None
        seconds = int(session_hours(conf) * 3600)
        token = sign_token(user, secret=secret, purpose="session", expires_at=time.time() + seconds)
        return f"{SESSION_COOKIE}={token}; Max-Age={seconds}; {attributes}"


async def _plain(send, status: int, body: bytes, extra: list | None = None) -> None:
    headers = [(b"content-type", b"text/plain"), (b"content-length", str(len(body)).encode()), *(extra or [])]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


# ---- the city map's view: enterprises and parcels inside the browser's bounds -----------------------
# GET ?kind=points|parcels&bbox=w,s,e,n&data=…[&scope=…&gcj=1&lang=en&style=intensity]
CITY_VIEW_PATH = "/_atlas/city/view"


class CityView:
    """An ASGI wrapper answering ``<base>/_atlas/city/view``: the enterprise points or parcels of a
    loaded city data set inside the asked bounds, as JSON (pages/city/data.view_answer), from the
    indexes the process holds once for every session.

    Enterprise-level: answered only to a request carrying a valid token (header ``X-Atlas-Token``)
    that the page gave a session whose role may see enterprise rows (pages/city/views.view_token;
    signed with the install's session secret, expiring with the sign-in). Anything else gets 403
    and no data; a bad request 400 with its message; a data set no page has loaded 404 (a request
    never starts a build).
    """

    def __init__(self, app, prefix: str = "") -> None:
        self.app = app
        self.path = _mount(prefix) + CITY_VIEW_PATH

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http" or scope["path"] != self.path:
            return await self.app(scope, receive, send)
        if scope["method"] != "GET":
            return await _plain(send, 405, b"method not allowed")
        headers = dict(scope.get("headers") or [])
        token = headers.get(b"x-atlas-token", b"").decode("ascii", "replace")
        if not await asyncio.to_thread(_city_role_allowed, token):
            return await _plain(send, 403, b"forbidden")
        from urllib.parse import parse_qs

        query = {
            k: v[0] for k, v in parse_qs(scope.get("query_string", b"").decode("utf-8", "replace")).items()
        }
        status, body = await asyncio.to_thread(_city_answer, query)
        kind = b"application/json" if status == 200 else b"text/plain; charset=utf-8"
        extra = [(b"cache-control", b"no-store")]
        if status == 200 and _wants_gzip(headers) and len(body) > 1000:
            body = gzip.compress(body, compresslevel=5, mtime=0)
            extra.append((b"content-encoding", b"gzip"))
        await send(
            {
                "type": "http.response.start",
                "status": status,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), *extra],
            }
        )
        await send({"type": "http.response.body", "body": body})


def _city_role_allowed(token: str) -> bool:
    """Whether ``token`` is a valid city-view token naming a role that may see enterprise rows."""
    from geo.access import may_see_firms
    from geo.ingest import user_store
    from geo.storage.accounts import read_token, session_secret
    from pages.city.data import TOKEN_PURPOSE

    if not token:
        return False
    conf = _secrets().get("atlas", {})
    conf = conf if isinstance(conf, dict) else {}
    role = read_token(token, secret=session_secret(conf, folder=user_store().parent), purpose=TOKEN_PURPOSE)
    return role is not None and may_see_firms(role)


def _city_answer(query: dict) -> tuple[int, bytes]:
    from geo.errors import DataValidationError
    from pages.city.data import loaded, view_answer

    key = query.get("data", "")
    if loaded(key) is None:
        return 404, "数据集尚未载入".encode()
    try:
        body = view_answer(
            key,
            query.get("kind", ""),
            query.get("bbox", ""),
            gcj=query.get("gcj") == "1",
            lang=query.get("lang", "zh"),
            scope=query.get("scope", ""),
            style=query.get("style", ""),
        )
    except DataValidationError as exc:
        return 400, str(exc).encode()
    return 200, body


def _address_given(args: list[str]) -> bool:
    """Whether the operator chose the address: ``--server.address``, $STREAMLIT_SERVER_ADDRESS or
    ``server.address`` in a .streamlit/config.toml."""
    if any(a == "--server.address" or a.startswith("--server.address=") for a in args):
        return True
    if settings.streamlit_address():
        return True
    import tomllib

    for folder in (Path.home() / ".streamlit", Path.cwd() / ".streamlit"):
        try:
            with open(folder / "config.toml", "rb") as f:
                if tomllib.load(f).get("server", {}).get("address"):
                    return True
        except (OSError, tomllib.TOMLDecodeError):
            continue
    return False


def _secrets_files(args: list[str]) -> list[Path]:
    for i, a in enumerate(args):
        if a.startswith("--secrets.files="):
            return [Path(p) for p in a.split("=", 1)[1].split(",")]
        if a == "--secrets.files" and i + 1 < len(args):
            return [Path(p) for p in args[i + 1].split(",")]
    return [Path.home() / ".streamlit" / "secrets.toml", Path.cwd() / ".streamlit" / "secrets.toml"]


def listen_args(args: list[str]) -> list[str]:
    """``args`` with ``--server.address`` added in single-user mode (no identity configured in
    secrets.toml): $ATLAS_SINGLE_USER_ADDRESS, else the loopback address only. An address the
    operator gave (see :func:`_address_given`) is kept as given, and with identity configured
    Streamlit's own default (every interface) applies."""
    import tomllib

    from geo.access import identity_configured

    if _address_given(args):
        return args
    merged: dict = {}
    for path in _secrets_files(args):
        try:
            with open(path, "rb") as f:
                merged.update(tomllib.load(f))
        except (OSError, tomllib.TOMLDecodeError):
            continue
    if identity_configured(merged):
        return args
    return [*args, "--server.address", settings.single_user_address() or LOOPBACK]


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


def _static_root(runtime) -> Path:
    """The ``static`` folder beside the main script Streamlit runs (found as Streamlit finds it)."""
    main = getattr(runtime, "_main_script_path", None) or str(APP)
    return Path(main).resolve().parent / "static"


def wrap_streamlit_app() -> None:
    """Serve Streamlit's app through :class:`BundlesFromMemory`, :class:`AppStaticFromMemory`
    (with ``server.enableStaticServing``: ``static/`` and the payload folder of the settings at
    ``/app/static/cache``), :class:`CityView`, :class:`SessionCookies` and
    :class:`KnownBackendBase`."""
    from streamlit import config

    try:
        from streamlit.web.server.starlette import starlette_server

        make = starlette_server.create_starlette_app
    except (ImportError, AttributeError):  # another Streamlit: its own serving, unchanged
        return

    def create_starlette_app(runtime):
        prefix = config.get_option("server.baseUrlPath") or ""
        hints = map_frame_hints(bundles=BUNDLES) if config.get_option("server.enableStaticServing") else b""
        page = KnownBackendBase(make(runtime), prefix=prefix, style=page_style_html(), hints=hints)
        app = SessionCookies(page, prefix=prefix)
        app = CityView(app, prefix=prefix)
        if config.get_option("server.enableStaticServing"):
            app = AppStaticFromMemory(app, root=_static_root(runtime), prefix=prefix, versioned=True)
            app = AppStaticFromMemory(
                app,
                root=settings.payload_dir(),
                prefix=prefix,
                folder=PAYLOAD_FOLDER,
                file_most=STATIC_MEMORY_MOST,
            )
            # The map's frame from memory, cacheable, so that the page's hints are used: its page
            # for a minute (Streamlit: no-cache), its hashed script for good (Streamlit: public).
            frame = f"component/{MAP_COMPONENT}/"
            app = AppStaticFromMemory(app, map_build(), prefix, mount=frame, cache_control=b"max-age=60")
            app = AppStaticFromMemory(
                app, map_build() / "static", prefix, mount=frame + "static/", cache_control=CACHE_CONTROL
            )
        return BundlesFromMemory(app, prefix=prefix)

    starlette_server.create_starlette_app = create_starlette_app
    settings.mark_page_style_served()  # app.py: the page's style is in its HTML


def main() -> None:
    PagesManager.uses_pages_directory = False
    wrap_streamlit_app()
    keep_compiled_scripts()
    sys.argv = ["streamlit", "run", str(APP), *listen_args(sys.argv[1:])]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
